"""The one owner of the SQLite schema: tables, indexes, full-text search, migrations.

`ensure_schema(db)` is idempotent: it applies, in order, every migration the database has not
seen yet and records the version in `_schema`. Later migrations add; they never rename.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database

from archive.db import same_as, search
from scraper.extraction.authors import split_honorific

ARTICLE_COLUMNS: dict[str, type] = {
    "url": str,
    "title": str,
    "published": str,
    "published_raw": str,
    "date_problem": str,
    "published_precision": str,  # "minute" or "day" (a print view prints the day only)
    "year": int,
    "author": str,
    "author_role": str,
    "category": str,
    "category_name": str,
    "print_id": int,
    "body_text": str,
    "body_html": str,
    "images": str,  # JSON list of {"url", "caption"}
    "links": str,  # JSON list of absolute URLs found in the body
    "lang": str,
    "word_count": int,
    "content_hash": str,
    "extractor_version": str,
    "method": str,
    "http_status": int,
    "fetched_url": str,
    "encoding": str,
    "first_seen": str,
    "last_seen": str,
    # Added by _v10_authors_as_people (a fresh database gets them from _v1 already).
    "author_name": str,  # the author without honorific, for faceting people
    "author_honorific": str,  # ThS., GS,TS, Đ/c …: as printed, beside the name
    # Added by _v14_two_sites: the fetch's site (profile name) and its canonical host.
    "site": str,
    "host": str,
    # Added by _v13_row_source: "article" (its own page gave the row) or "print" (its print
    # view stood in: archive.print_fill).
    "source": str,
    # Added by _v13_row_source too: the page's labelled source line ("Nguồn: …"), as printed.
    "source_credit": str,
}
AUTHOR_COLUMNS = ("author_name", "author_honorific")
# Tones are kept: "thể" must not match "thế". Tone-less search comes with a folded index.
FTS_TOKENIZE = "unicode61 remove_diacritics 0"
SEARCH_INDEXES = ("articles_search_exact", "articles_search_folded")
# Index words come from articles_search_text; snippets read the original articles text (same
# words at the same positions: folding is one character to one). Never run FTS5 'rebuild' on
# these tables: it would index the originals; archive.db.search.rebuild is the way.
SEARCH_SQL = """
CREATE TABLE IF NOT EXISTS articles_search_text (
    rowid INTEGER PRIMARY KEY,
    title_exact TEXT, body_exact TEXT, title_folded TEXT, body_folded TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_search_exact USING fts5(
    title, body_text, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_search_folded USING fts5(
    title, body_text, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER IF NOT EXISTS articles_search_text_ai AFTER INSERT ON articles_search_text BEGIN
    INSERT INTO articles_search_exact (rowid, title, body_text)
        VALUES (new.rowid, new.title_exact, new.body_exact);
    INSERT INTO articles_search_folded (rowid, title, body_text)
        VALUES (new.rowid, new.title_folded, new.body_folded);
END;
CREATE TRIGGER IF NOT EXISTS articles_search_text_ad AFTER DELETE ON articles_search_text BEGIN
    INSERT INTO articles_search_exact (articles_search_exact, rowid, title, body_text)
        VALUES ('delete', old.rowid, old.title_exact, old.body_exact);
    INSERT INTO articles_search_folded (articles_search_folded, rowid, title, body_text)
        VALUES ('delete', old.rowid, old.title_folded, old.body_folded);
END;
CREATE TRIGGER IF NOT EXISTS articles_search_text_au AFTER UPDATE ON articles_search_text BEGIN
    INSERT INTO articles_search_exact (articles_search_exact, rowid, title, body_text)
        VALUES ('delete', old.rowid, old.title_exact, old.body_exact);
    INSERT INTO articles_search_folded (articles_search_folded, rowid, title, body_text)
        VALUES ('delete', old.rowid, old.title_folded, old.body_folded);
    INSERT INTO articles_search_exact (rowid, title, body_text)
        VALUES (new.rowid, new.title_exact, new.body_exact);
    INSERT INTO articles_search_folded (rowid, title, body_text)
        VALUES (new.rowid, new.title_folded, new.body_folded);
END;
-- Text changed or article gone, by whatever path: its stale entry leaves both indexes at once.
CREATE TRIGGER IF NOT EXISTS articles_search_stale AFTER UPDATE OF title, body_text ON articles
BEGIN
    DELETE FROM articles_search_text WHERE rowid = old.rowid;
END;
CREATE TRIGGER IF NOT EXISTS articles_search_gone AFTER DELETE ON articles BEGIN
    DELETE FROM articles_search_text WHERE rowid = old.rowid;
    DELETE FROM document_refs WHERE article = old.url;
END;
"""


def _v1(db: Database) -> None:
    db["articles"].create(ARTICLE_COLUMNS, pk="url", not_null={"url"}, if_not_exists=True)
    for column in ("published", "category", "author", "year", "print_id", "content_hash"):
        db["articles"].create_index([column], if_not_exists=True)
    db["articles"].enable_fts(
        ["title", "body_text"], create_triggers=True, tokenize=FTS_TOKENIZE, replace=True
    )
    db["print_pages"].create(
        {
            "url": str,
            "print_id": int,
            "article_url": str,
            "http_status": int,
            "content_hash": str,
            "first_seen": str,
            "last_seen": str,
        },
        pk="url",
        if_not_exists=True,
    )
    db["print_pages"].create_index(["article_url"], if_not_exists=True)
    db["crawls"].create(
        {
            "id": int,
            "started": str,
            "finished": str,
            "status": str,
            "profile": str,
            "base_url": str,
            "pages_fetched": int,
            "articles_new": int,
            "articles_updated": int,
            "articles_unchanged": int,
            "print_pages": int,
            "errors": int,
            "duration_s": float,
            "finish_reason": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db["errors"].create(
        {
            "id": int,
            "url": str,
            "kind": str,
            "status": int,
            "message": str,
            "attempts": int,
            "first_seen": str,
            "last_seen": str,
            "crawl_id": int,
        },
        pk="id",
        if_not_exists=True,
    )
    db["errors"].create_index(["url", "kind"], unique=True, if_not_exists=True)


def _add_columns(table, columns: dict[str, type]) -> None:
    """Add the columns a table lacks (a migration may meet a database that already has some)."""
    existing = table.columns_dict
    for name, kind in columns.items():
        if name not in existing:
            table.add_column(name, kind)


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would commit mid-migration)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return [s for s in statements if s.strip(" ;\n")]


def _v2_search_and_references(db: Database) -> None:
    """Exact and folded search indexes (see archive.db.search) and `document_refs`."""

    for statement in _statements(SEARCH_SQL):
        db.execute(statement)
    db["document_refs"].create(
        {
            "article": str,
            "position": int,
            "kind": str,
            "number": str,
            "code": str,
            "document": str,
            "issuer": str,
            "date": str,
            "text": str,
        },
        pk=("article", "position"),
        if_not_exists=True,
    )
    db["document_refs"].create_index(["document"], if_not_exists=True)
    db["document_refs"].create_index(["kind", "date"], if_not_exists=True)
    search.rebuild(db)


def _v3_error_outcomes(db: Database) -> None:
    """Errors say which exception was raised and how the story ended (failed, recovered after
    retries, skipped by a limit, or archived with a problem worth a look)."""
    db["errors"].add_column("exception", str)
    db["errors"].add_column("outcome", str)
    db.execute("UPDATE errors SET outcome = 'failed' WHERE outcome IS NULL")
    db["errors"].create_index(["outcome"], if_not_exists=True)


# Where each article's capture is, its HTTP validators, versions, gone, attachments.
CAPTURE_COLUMNS: dict[str, type] = {
    "warc_file": str,
    "warc_offset": int,
    "warc_length": int,
    "warc_digest": str,
    "warc_date": str,
}
ARCHIVAL_ARTICLE_COLUMNS: dict[str, type] = {
    **CAPTURE_COLUMNS,
    "version": int,  # 1 for the first state; article_versions holds every earlier one
    "etag": str,
    "last_modified": str,
    "gone_since": str,  # when a 404/410 was first met; NULL while the article is online
    "gone_status": int,
}
ATTACHMENT_COLUMNS: dict[str, type] = {
    "article": str,  # URL of the article that links the file
    "url": str,
    "file_name": str,
    "mime_type": str,
    "size": int,
    "sha256": str,
    "status": str,  # "pending", "stored" or "skipped"
    "reason": str,  # why a file was skipped
    "http_status": int,
    **CAPTURE_COLUMNS,
    "first_seen": str,
    "last_seen": str,
}
CRAWL_COUNT_COLUMNS: dict[str, type] = {
    "mode": str,  # "crawl", "harvest", "harvest-full"
    "requests": int,
    "articles_changed": int,
    "articles_gone": int,
    "not_modified": int,
    "attachments": int,
    "attachments_skipped": int,
}


def _v4_archival(db: Database) -> None:
    """Captures, validators, versions, gone marks, attachments and per-run counts."""
    articles = db["articles"]
    _add_columns(articles, ARCHIVAL_ARTICLE_COLUMNS)
    db.execute("UPDATE articles SET version = 1 WHERE version IS NULL")
    articles.create_index(["gone_since"], if_not_exists=True)
    db["article_versions"].create(
        {**ARTICLE_COLUMNS, **ARCHIVAL_ARTICLE_COLUMNS, "superseded_at": str, "reason": str},
        pk=("url", "version"),
        if_not_exists=True,
    )
    db["attachments"].create(ATTACHMENT_COLUMNS, pk=("article", "url"), if_not_exists=True)
    db["attachments"].create_index(["url"], if_not_exists=True)
    db["attachments"].create_index(["sha256"], if_not_exists=True)
    _add_columns(db["crawls"], CRAWL_COUNT_COLUMNS)


def _v5_capture_folders(db: Database) -> None:
    """Each run records its WARC folder (absolute), so captures are found after `--warc-dir`."""
    _add_columns(db["crawls"], {"warc_dir": str})


def _v6_date_precision(db: Database) -> None:
    """How precise `published` is: "minute" (date and time printed) or "day" (print views)."""
    for table in ("articles", "article_versions"):
        _add_columns(db[table], {"published_precision": str})
    db.execute(
        "UPDATE articles SET published_precision = 'minute' "
        "WHERE published IS NOT NULL AND published_precision IS NULL"
    )


DOCUMENT_TEXT_COLUMNS: dict[str, type] = {
    "text": str,  # the attached document's text (NFC), when it has one we can read
    "text_status": str,  # "ok", "no-text-layer", "unsupported", "failed"
    "text_reason": str,  # why there is no (or only part of the) text
}
# The attachments' text, searchable by the articles' rules (tones kept; folded for tone-less
# queries), fed from attachments_search_text as the article indexes are.
ATTACHMENT_SEARCH_SQL = """
CREATE TABLE IF NOT EXISTS attachments_search_text (
    rowid INTEGER PRIMARY KEY, text_exact TEXT, text_folded TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS attachments_search_exact USING fts5(
    text, content='attachments', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS attachments_search_folded USING fts5(
    text, content='attachments', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER IF NOT EXISTS attachments_search_text_ai AFTER INSERT ON attachments_search_text
BEGIN
    INSERT INTO attachments_search_exact (rowid, text) VALUES (new.rowid, new.text_exact);
    INSERT INTO attachments_search_folded (rowid, text) VALUES (new.rowid, new.text_folded);
END;
CREATE TRIGGER IF NOT EXISTS attachments_search_text_ad AFTER DELETE ON attachments_search_text
BEGIN
    INSERT INTO attachments_search_exact (attachments_search_exact, rowid, text)
        VALUES ('delete', old.rowid, old.text_exact);
    INSERT INTO attachments_search_folded (attachments_search_folded, rowid, text)
        VALUES ('delete', old.rowid, old.text_folded);
END;
CREATE TRIGGER IF NOT EXISTS attachments_search_stale AFTER UPDATE OF text ON attachments
BEGIN
    DELETE FROM attachments_search_text WHERE rowid = old.rowid;
END;
CREATE TRIGGER IF NOT EXISTS attachments_search_gone AFTER DELETE ON attachments BEGIN
    DELETE FROM attachments_search_text WHERE rowid = old.rowid;
END;
"""


def _v7_document_text(db: Database) -> None:
    """The text of attached documents, with its status, and its two search indexes."""
    attachments = db["attachments"]
    _add_columns(attachments, DOCUMENT_TEXT_COLUMNS)
    attachments.create_index(["text_status"], if_not_exists=True)
    for statement in _statements(ATTACHMENT_SEARCH_SQL):
        db.execute(statement)


IMAGE_COLUMNS: dict[str, type] = {
    "article": str,  # URL of the article whose body shows the picture
    "url": str,  # as the body references it (a javascript:/data: URL is recorded, not fetched)
    "alt": str,
    "caption": str,
    "status": str,  # "pending", "stored", "error" (an HTTP error), "skipped", "failed"
    "reason": str,  # why it is not stored
    "http_status": int,
    "mime_type": str,
    "size": int,  # bytes stored, or the size the server declared for a skipped one
    "sha256": str,
    **CAPTURE_COLUMNS,
    "first_seen": str,
    "last_seen": str,
}


REQUISITE_COLUMNS: dict[str, type] = {
    "url": str,
    "kind": str,  # "image", "stylesheet", "script", "icon", "font", "other"
    "page_url": str,  # the page that referenced it first
    **{k: v for k, v in IMAGE_COLUMNS.items() if k not in ("article", "url", "alt", "caption")},
}


def _v8_images_and_print_captures(db: Database) -> None:
    """Body pictures (per article) and every page requisite fetched as an embed (per URL), each
    with its capture or the reason there is none; print views point at their capture."""
    db["requisites"].create(REQUISITE_COLUMNS, pk="url", if_not_exists=True)
    db["requisites"].create_index(["status"], if_not_exists=True)
    db["images"].create(IMAGE_COLUMNS, pk=("article", "url"), if_not_exists=True)
    db["images"].create_index(["url"], if_not_exists=True)
    db["images"].create_index(["status"], if_not_exists=True)
    _add_columns(db["print_pages"], CAPTURE_COLUMNS)


def _v9_site_and_listings(db: Database) -> None:
    """The site an archive holds (recorded by its first run; another site is refused), and
    which listing pages each harvest walked (JSON: category -> page numbers)."""
    db["archive_site"].create(
        {"name": str, "title": str, "profile": str, "base_url": str, "recorded": str},
        pk="name",
        if_not_exists=True,
    )
    _add_columns(db["crawls"], {"listing_pages": str})
    db["errors"].create_index(["crawl_id"], if_not_exists=True)


def _v10_authors_as_people(db: Database) -> None:
    """The author as a person: name without honorific, honorific beside it; derived for rows
    stored before extraction made them (the same function extraction uses). Indexes for the
    author and category facets."""
    for table in ("articles", "article_versions"):
        _add_columns(db[table], dict.fromkeys(AUTHOR_COLUMNS, str))
    db["articles"].create_index(["author_name"], if_not_exists=True)
    db["articles"].create_index(["category_name"], if_not_exists=True)
    for table in ("articles", "article_versions"):
        authors = db.execute(f"SELECT DISTINCT author FROM [{table}] WHERE author IS NOT NULL")
        for (author,) in authors.fetchall():
            person = split_honorific(author)
            db.execute(
                f"UPDATE [{table}] SET author_name = ?, author_honorific = ? "
                "WHERE author = ? AND author_name IS NULL",
                [person.name, person.honorific, author],
            )


def _v11_glued_words(db: Database) -> None:
    """Glued words (`nêugương`) are indexed under their syllables too: re-derive every
    article's search text (archive.db.search.rebuild, as extraction derives it)."""
    search.rebuild(db)


# The few columns the search page filters and orders by, one small row per article: joining
# the full-text matches to `articles` itself reads its wide rows (bodies) for every match.
SEARCH_FACTS_SQL = """
CREATE TABLE IF NOT EXISTS articles_search_facts (
    rowid INTEGER PRIMARY KEY, published TEXT, year INTEGER, category TEXT,
    category_name TEXT, author TEXT, author_name TEXT
);
CREATE TRIGGER IF NOT EXISTS articles_search_facts_ai AFTER INSERT ON articles BEGIN
    INSERT OR REPLACE INTO articles_search_facts
        VALUES (new.rowid, new.published, new.year, new.category, new.category_name,
                new.author, new.author_name);
END;
CREATE TRIGGER IF NOT EXISTS articles_search_facts_au AFTER UPDATE OF published, year, category,
    category_name, author, author_name ON articles BEGIN
    INSERT OR REPLACE INTO articles_search_facts
        VALUES (new.rowid, new.published, new.year, new.category, new.category_name,
                new.author, new.author_name);
END;
CREATE TRIGGER IF NOT EXISTS articles_search_facts_ad AFTER DELETE ON articles BEGIN
    DELETE FROM articles_search_facts WHERE rowid = old.rowid;
END;
"""


SOURCE_COLUMNS: dict[str, type] = {"source": str, "source_credit": str}  # see ARTICLE_COLUMNS


def _v13_row_source(db: Database) -> None:
    """`source` on articles and their versions: every row so far came from its article page."""
    for table in ("articles", "article_versions"):
        _add_columns(db[table], SOURCE_COLUMNS)
        db.execute(f"UPDATE {table} SET source = 'article' WHERE source IS NULL")
    db["articles"].create_index(["source"], if_not_exists=True)


def _v12_search_facts(db: Database) -> None:
    """`articles_search_facts`: what the search page filters and orders by, kept equal to
    `articles` by triggers, so a search over 100,000 articles never reads their bodies."""
    for statement in _statements(SEARCH_FACTS_SQL):
        db.execute(statement)
    db.execute(
        "INSERT OR REPLACE INTO articles_search_facts SELECT rowid, published, year, category, "
        "category_name, author, author_name FROM articles"
    )


# The host (with port) of an absolute URL in column `url`, in SQL.
_AFTER_SCHEME = "substr(url, instr(url, '://') + 3)"
_URL_HOST = (
    f"lower(CASE WHEN instr({_AFTER_SCHEME}, '/') > 0 "
    f"THEN substr({_AFTER_SCHEME}, 1, instr({_AFTER_SCHEME}, '/') - 1) "
    f"ELSE {_AFTER_SCHEME} END)"
)
SITE_COLUMNS: dict[str, type] = {"site": str, "host": str}
SAME_AS_COLUMNS: dict[str, type] = {
    "text_hash": str,  # archive.db.same_as.text_hash: equal for one article on two sites
    "same_as": str,  # URL of the same article's copy on the other site
}


def _v14_two_sites(db: Database) -> None:
    """One archive, two sites (the school's old site and its successor): every per-site row
    says its site (profile name) and canonical host; older rows get the archive's recorded
    site (its first run's profile) and their URL's host. Articles carry the hash that finds
    one article on both sites and the link between the two copies (archive.db.same_as)."""
    for table in ("articles", "article_versions", "print_pages"):
        _add_columns(db[table], SITE_COLUMNS)
    for table in ("articles", "article_versions"):
        _add_columns(db[table], SAME_AS_COLUMNS)
    recorded = (
        db.execute("SELECT name FROM archive_site ORDER BY recorded LIMIT 1").fetchone()
        or db.execute(
            "SELECT profile FROM crawls WHERE profile IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()
    )
    # A run's profile names the site of the rows on its host (a successor claimed before
    # this migration); every other row is the recorded site's.
    by_host = db.execute(
        f"SELECT {_URL_HOST.replace('url', 'base_url')}, profile FROM crawls "
        "WHERE profile IS NOT NULL AND base_url IS NOT NULL ORDER BY id DESC"
    ).fetchall()
    for table in ("articles", "article_versions", "print_pages"):
        db.execute(f"UPDATE [{table}] SET host = {_URL_HOST} WHERE host IS NULL")
        for host, profile in by_host:
            db.execute(
                f"UPDATE [{table}] SET site = ? WHERE site IS NULL AND host = ?", [profile, host]
            )
        if recorded:
            db.execute(f"UPDATE [{table}] SET site = ? WHERE site IS NULL", [recorded[0]])
    db["articles"].create_index(["site"], if_not_exists=True)
    db["articles"].create_index(["text_hash"], if_not_exists=True)
    db["articles"].create_index(["same_as", "site"], if_not_exists=True)  # search's collapse
    same_as.relink_all(db)


def _v15_reextract_progress(db: Database) -> None:
    """`reextract_progress`: each re-extraction's mark (the last article of its site
    written), so an interrupted one continues where it stopped."""
    db["reextract_progress"].create(
        {
            "id": int,
            "started": str,
            "finished": str,
            "extractor_version": str,
            "site": str,
            "last_url": str,
        },  # fmt: skip
        pk="id",
        if_not_exists=True,
    )


# The articles table's browsing: a facet or filter on one column, pages newest first, and the
# other facets counted within it, from index entries alone (an article row is a page or more,
# for its body; reading thousands of them is what made a filtered page slow).
BROWSE_INDEXES = (
    ("category_name", "published", "author_name", "year"),
    ("author_name", "published", "category_name", "year"),
    ("year", "published", "category_name", "author_name"),
    ("title",),
)


def _v16_browse_indexes(db: Database) -> None:
    """Indexes for the articles table's filters, facets and title order (BROWSE_INDEXES)."""
    for columns in BROWSE_INDEXES:
        name = "idx_articles_browse_" + "_".join(columns) if len(columns) > 1 else ""
        db["articles"].create_index(list(columns), index_name=name or None, if_not_exists=True)


# sqlite-utils' own update trigger on `articles` (enable_fts, create_triggers) re-indexes the
# title and body on every update of a row; ours only when one of them is set.
FTS_UPDATE_TRIGGER = """CREATE TRIGGER articles_au AFTER UPDATE OF title, body_text ON articles
BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, body_text)
    VALUES('delete', old.rowid, old.title, old.body_text);
  INSERT INTO articles_fts (rowid, title, body_text) VALUES (new.rowid, new.title, new.body_text);
END"""


def _v17_fts_on_text_changes(db: Database) -> None:
    """The full-text index of `articles` follows changes of title and body text only: a harvest
    touching `last_seen`, a capture pointer or a re-extraction's extractor version rewrote both
    in the index (0.4 ms a row, most of such an update's cost)."""
    db.execute("DROP TRIGGER IF EXISTS articles_au")
    if "articles_fts" in db.table_names():  # full-text search may have been turned off
        db.execute(FTS_UPDATE_TRIGGER)


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1,
    _v2_search_and_references,
    _v3_error_outcomes,
    _v4_archival,
    _v5_capture_folders,
    _v6_date_precision,
    _v7_document_text,
    _v8_images_and_print_captures,
    _v9_site_and_listings,
    _v10_authors_as_people,
    _v11_glued_words,
    _v12_search_facts,
    _v13_row_source,
    _v14_two_sites,
    _v15_reextract_progress,
    _v16_browse_indexes,
    _v17_fts_on_text_changes,
]


def open_db(path: str) -> Database:
    """Open (creating if needed) an archive database in WAL mode with the schema applied."""
    db = Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=30000")
    ensure_schema(db)
    return db


def schema_version(db: Database) -> int:
    if "_schema" not in db.table_names():
        return 0
    row = db.execute("SELECT max(version) FROM _schema").fetchone()
    return row[0] or 0


def ensure_schema(db: Database) -> int:
    """Apply pending migrations in one transaction each; returns the resulting version."""
    db["_schema"].create({"version": int, "applied": str}, pk="version", if_not_exists=True)
    current = schema_version(db)
    for version, migrate in enumerate(MIGRATIONS, start=1):
        if version > current:
            with db.atomic():
                migrate(db)
                db.execute(
                    "INSERT INTO _schema (version, applied) VALUES (?, datetime('now'))", [version]
                )
    return len(MIGRATIONS)
