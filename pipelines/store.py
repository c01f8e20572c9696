"""Plain storage functions: `save_*(db, data)`. Tests run them on `Database(memory=True)`."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from pipelines import derived

# Columns that only move when a page is fetched again; everything else is the article itself.
_SEEN = ("first_seen", "last_seen")


@dataclass
class SaveCounts:
    new: int = 0
    updated: int = 0  # rows rewritten: content changed, or the same content extracted anew
    unchanged: int = 0
    print_pages: int = 0
    errors: int = 0
    changed: int = 0  # content_hash changed: the old state went to article_versions
    gone: int = 0
    not_modified: int = 0  # revisits answered 304
    attachments: int = 0
    attachments_skipped: int = 0


def article_row(extracted: dict, *, http_status: int, fetched_url: str, encoding: str) -> dict:
    """The `articles` row for one extraction (JSON for list fields)."""
    row = {k: v for k, v in extracted.items() if k not in ("images", "links")}
    row["images"] = json.dumps(extracted.get("images") or [], ensure_ascii=False)
    row["links"] = json.dumps(extracted.get("links") or [], ensure_ascii=False)
    published = extracted.get("published")
    row["year"] = int(published[:4]) if published else None
    row.update(http_status=http_status, fetched_url=fetched_url, encoding=encoding)
    return row


def validators(headers: dict[str, str]) -> dict:
    """The HTTP validators a conditional revisit sends back (None when the server gave none)."""
    lower = {k.lower(): v for k, v in headers.items()}
    return {"etag": lower.get("etag"), "last_modified": lower.get("last-modified")}


def archive_version(db: Database, existing: dict, superseded_at: str, reason: str) -> None:
    """Keep an article's current state in `article_versions` before it is replaced."""
    version = {**existing, "version": existing.get("version") or 1}
    version.update(superseded_at=superseded_at, reason=reason)
    db["article_versions"].insert(version, alter=True)


def _derive(db: Database, url: str, body_text: str | None, reindex: bool) -> None:
    """Document references always follow the body; the search entry when title/body changed
    (schema triggers drop a stale entry as soon as either changes, by any route)."""
    derived.save_document_refs(db, url, body_text or "")
    if reindex:
        derived.index_article(db, url)


def save_article(
    db: Database,
    row: dict,
    seen_at: str,
    counts: SaveCounts,
    capture: dict | None = None,
    http: dict | None = None,
) -> str:
    """Insert, version, update or touch one article; returns "new", "updated" or "unchanged".

    A changed `content_hash` first keeps the old state in `article_versions` (and counts in
    `counts.changed` as well as `counts.updated`). An unchanged article only moves `last_seen`
    (and refreshes its validators), and keeps pointing at the capture its row was extracted
    from. New and changed articles get their document references and search entry derived.
    """
    table = db["articles"]
    url = row["url"]
    existing = next(table.rows_where("url = ?", [url]), None)
    http = {k: v for k, v in (http or {}).items() if v is not None}
    if existing is None:
        table.insert({**row, **(capture or {}), **http, "version": 1,
                      "first_seen": seen_at, "last_seen": seen_at}, alter=True)  # fmt: skip
        _derive(db, url, row.get("body_text"), reindex=True)
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
        table.update(url, {**row, **(capture or {}), **touch, "version": version})
        counts.changed += 1
    elif changes:
        table.update(url, {**changes, **(capture or {}), **touch})
    else:
        table.update(url, touch)
        counts.unchanged += 1
        return "unchanged"
    _derive(db, url, row.get("body_text"), reindex)
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
        table.update(row["url"], {**changes, "last_seen": seen_at})
    counts.print_pages += 1


def save_error(db: Database, error: dict, crawl_id: int | None, counts: SaveCounts) -> None:
    """One row per (url, kind): a repeat bumps `attempts` and `last_seen`; the latest outcome
    wins. Only failures count as crawl errors (a recovered retry or a warning on an archived
    page is recorded, not counted)."""
    values = {"exception": None, "outcome": "failed", **error, "crawl_id": crawl_id}
    db.execute(
        """
        INSERT INTO errors (url, kind, status, exception, message, attempts, first_seen,
                            last_seen, crawl_id, outcome)
        VALUES (:url, :kind, :status, :exception, :message, 1, :at, :at, :crawl_id, :outcome)
        ON CONFLICT (url, kind) DO UPDATE SET
            attempts = attempts + 1, status = excluded.status, message = excluded.message,
            exception = excluded.exception, outcome = excluded.outcome,
            last_seen = max(last_seen, excluded.last_seen), crawl_id = excluded.crawl_id
        """,
        values,
    )
    if values["outcome"] == "failed":
        counts.errors += 1


def start_crawl(
    db: Database, started: str, profile: str, base_url: str, mode: str = "crawl"
) -> int:
    row = {"started": started, "status": "running", "profile": profile, "base_url": base_url}
    return db["crawls"].insert({**row, "mode": mode}, alter=True).last_pk


def close_stale_crawls(db: Database) -> int:
    """Runs still "running" when a new one holds the lock were killed: say so."""
    cursor = db.execute(
        "UPDATE crawls SET status = 'interrupted', finish_reason = 'killed' "
        "WHERE status = 'running'"
    )
    return cursor.rowcount


def finish_crawl(db: Database, crawl_id: int, values: dict) -> None:
    db["crawls"].update(crawl_id, values)
