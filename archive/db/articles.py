"""Articles, their versions, gone marks and print pages: plain `save_*(db, data)` functions.

Tests run them on `Database(memory=True)`. What is derived from an article (its search entry
and cited documents) comes with it from extraction and is written here, never re-read.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.db import jsonify_if_needed

from archive.db import same_as, search
from archive.db.counts import SaveCounts
from scraper.extraction import Extraction, search_text

# Columns that only move when a page is fetched again; everything else is the article itself.
_SEEN = ("first_seen", "last_seen")


def article_row(
    extraction: Extraction,
    *,
    http_status: int,
    fetched_url: str | None,
    site: str | None = None,
    host: str | None = None,
    source: str = "article",
) -> dict:
    """The `articles` row for one extraction and the fetch it came from: which site (profile
    name) and canonical host, when known (a re-extraction keeps the stored ones), and whether
    the article's own page (`source` "article") or its print view ("print") gave it."""
    fetch = {
        "http_status": http_status, "fetched_url": fetched_url, "site": site, "host": host,
        "source": source,
    }  # fmt: skip
    return {
        **extraction.article_row(),
        **{k: v for k, v in fetch.items() if v is not None or k == "fetched_url"},
    }


def _with_text_hash(row: dict, extraction: Extraction, existing: dict | None = None) -> dict:
    """The row with the hash that finds the same article on the archive's other site (the
    stored row's own when title and body are as stored: the hash is of nothing else, and
    folding a whole body again cost more than the rest of writing an unchanged row)."""
    if (
        existing is not None
        and existing.get("text_hash")
        and existing.get("title") == extraction.title
        and existing.get("body_text") == extraction.body_text
    ):
        return {**row, "text_hash": existing["text_hash"]}
    return {**row, "text_hash": same_as.text_hash(extraction.title, extraction.body_text)}


def validators(headers: dict[str, str]) -> dict:
    """The HTTP validators a conditional revisit sends back (None when the server gave none)."""
    lower = {k.lower(): v for k, v in headers.items()}
    return {"etag": lower.get("etag"), "last_modified": lower.get("last-modified")}


def archive_version(db: Database, existing: dict, superseded_at: str, reason: str) -> None:
    """Keep an article's current state in `article_versions` before it is replaced."""
    version = {**existing, "version": existing.get("version") or 1}
    version.update(superseded_at=superseded_at, reason=reason)
    db["article_versions"].insert(version)


def _update(db: Database, table: str, url: str, changes: dict) -> None:
    """Set `changes` on the row of `url`, which the caller has just read. (sqlite-utils'
    Table.update first reads the whole row again, to fail on a missing one: most of the cost
    of a `last_seen` touch.)"""
    if changes:
        columns = ", ".join(f"[{name}] = ?" for name in changes)
        values = [jsonify_if_needed(value) for value in changes.values()]
        db.execute(f"UPDATE [{table}] SET {columns} WHERE url = ?", [*values, url])


def _derive(db: Database, url: str, extraction: Extraction, reindex: bool) -> None:
    """Document references always follow the body; the search entry when title/body changed
    (schema triggers drop a stale entry as soon as either changes, by any route)."""
    search.save_document_refs(db, url, extraction.references)
    if reindex:
        text = extraction.search or search_text(extraction.title, extraction.body_text or "")
        search.index_article(db, url, text)


def save_article(
    db: Database,
    extraction: Extraction,
    seen_at: str,
    counts: SaveCounts,
    *,
    http_status: int = 200,
    fetched_url: str | None = None,
    capture: dict | None = None,
    http: dict | None = None,
    site: str | None = None,
    host: str | None = None,
    source: str = "article",
) -> str:
    """Insert, version, update or touch one article; returns "new", "updated" or "unchanged".

    A changed `content_hash` first keeps the old state in `article_versions` (and counts in
    `counts.changed` as well as `counts.updated`). An unchanged article only moves `last_seen`
    (and refreshes its validators), and keeps pointing at the capture its row was extracted
    from. New and changed articles get their document references and search entry derived.
    """
    row = article_row(
        extraction, http_status=http_status, fetched_url=fetched_url, site=site, host=host,
        source=source,
    )  # fmt: skip
    table = db["articles"]
    url = row["url"]
    existing = next(table.rows_where("url = ?", [url]), None)
    row = _with_text_hash(row, extraction, existing)
    http = {k: v for k, v in (http or {}).items() if v is not None}
    if existing is None:
        table.insert({**row, **(capture or {}), **http, "version": 1,
                      "first_seen": seen_at, "last_seen": seen_at})  # fmt: skip
        _derive(db, url, extraction, reindex=True)
        same_as.link(db, url)
        counts.new += 1
        return "new"
    touch = {"last_seen": seen_at, "gone_since": None, "gone_status": None}
    touch.update({k: v for k, v in http.items() if existing.get(k) != v})
    if existing.get("warc_file") is None and capture:
        touch.update(capture)  # a row archived before captures existed gains its capture
    changes = {k: v for k, v in row.items() if k not in _SEEN and existing.get(k) != v}
    reindex = bool(changes.keys() & {"title", "body_text"})
    if existing.get("content_hash") != row.get("content_hash"):
        archive_version(db, existing, seen_at, "edit")
        version = (existing.get("version") or 1) + 1
        _update(db, "articles", url, {**row, **(capture or {}), **touch, "version": version})
        counts.changed += 1
    elif changes:
        _update(db, "articles", url, {**changes, **(capture or {}), **touch})
    else:
        _update(db, "articles", url, touch)
        counts.unchanged += 1
        return "unchanged"
    _derive(db, url, extraction, reindex)
    if changes.keys() & {"text_hash", "site"}:
        same_as.relink(db, url)
    counts.updated += 1
    return "updated"


def touch_article(db: Database, url: str, seen_at: str, counts: SaveCounts) -> None:
    """A 304 to a revisit: the archived state is current; only `last_seen` moves."""
    db.execute(
        "UPDATE articles SET last_seen = ?, gone_since = NULL, gone_status = NULL WHERE url = ?",
        [seen_at, url],
    )
    counts.unchanged += 1
    counts.not_modified += 1


def mark_gone(db: Database, url: str, status: int, seen_at: str, counts: SaveCounts) -> bool:
    """Mark an archived article gone (404/410), keeping the date it was first missed.
    Returns False when the URL was never archived (then it is an ordinary error)."""
    cursor = db.execute(
        "UPDATE articles SET gone_since = coalesce(gone_since, ?), gone_status = ? WHERE url = ?",
        [seen_at, status, url],
    )
    if cursor.rowcount:
        counts.gone += 1
    return bool(cursor.rowcount)


def save_print_page(db: Database, row: dict, seen_at: str, counts: SaveCounts) -> None:
    """Record a print view as belonging to its article (by link, else by print id)."""
    if not row.get("article_url") and row.get("print_id") is not None:
        match = db.execute(
            "SELECT url FROM articles WHERE print_id = ? LIMIT 1", [row["print_id"]]
        ).fetchone()
        row = {**row, "article_url": match[0] if match else None}
    table = db["print_pages"]
    existing = next(table.rows_where("url = ?", [row["url"]]), None)
    if existing is None:
        table.insert({**row, "first_seen": seen_at, "last_seen": seen_at})
    else:
        changes = {k: v for k, v in row.items() if v is not None and existing.get(k) != v}
        _update(db, "print_pages", row["url"], {**changes, "last_seen": seen_at})
    counts.print_pages += 1


def save_reextraction(db: Database, existing: dict, extraction: Extraction, now: str) -> str:
    """A stored article extracted again from its own capture: returns "unchanged" (nothing
    written), "changed" (content_hash moved: the old state is versioned, reason "reextract")
    or "updated" (other fields corrected in place). Fetch facts and capture stay as they are."""
    row = article_row(
        extraction,
        http_status=existing["http_status"],
        fetched_url=existing["fetched_url"],
        source=existing.get("source") or "article",
    )
    row = _with_text_hash(row, extraction, existing)
    changes = {k: v for k, v in row.items() if existing.get(k) != v}
    if not changes:
        return "unchanged"
    outcome = "updated"
    if "content_hash" in changes:
        archive_version(db, existing, now, "reextract")
        changes["version"] = (existing.get("version") or 1) + 1
        outcome = "changed"
    _update(db, "articles", existing["url"], changes)
    _derive(db, existing["url"], extraction, reindex=bool(changes.keys() & {"title", "body_text"}))
    if "text_hash" in changes:
        same_as.relink(db, existing["url"])
    return outcome
