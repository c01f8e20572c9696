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
    updated: int = 0
    unchanged: int = 0
    print_pages: int = 0
    errors: int = 0


def article_row(extracted: dict, *, http_status: int, fetched_url: str, encoding: str) -> dict:
    """The `articles` row for one extraction (JSON for list fields)."""
    row = {k: v for k, v in extracted.items() if k not in ("images", "links")}
    row["images"] = json.dumps(extracted.get("images") or [], ensure_ascii=False)
    row["links"] = json.dumps(extracted.get("links") or [], ensure_ascii=False)
    published = extracted.get("published")
    row["year"] = int(published[:4]) if published else None
    row.update(http_status=http_status, fetched_url=fetched_url, encoding=encoding)
    return row


def save_article(db: Database, row: dict, seen_at: str, counts: SaveCounts) -> str:
    """Insert, update or touch one article; returns "new", "updated" or "unchanged".

    An unchanged article only moves `last_seen`, so a re-crawl leaves every other value alone.
    Every save replaces the article's document references; a new or changed title or body
    re-indexes it for search.
    """
    table = db["articles"]
    existing = next(table.rows_where("url = ?", [row["url"]]), None)
    derived.save_document_refs(db, row["url"], row.get("body_text") or "")
    if existing is None:
        table.insert({**row, "first_seen": seen_at, "last_seen": seen_at})
        derived.index_article(db, row["url"])
        counts.new += 1
        return "new"
    changes = {k: v for k, v in row.items() if k not in _SEEN and existing.get(k) != v}
    table.update(row["url"], {**changes, "last_seen": seen_at})
    if changes.keys() & {"title", "body_text"}:
        derived.index_article(db, row["url"])
    if changes:
        counts.updated += 1
        return "updated"
    counts.unchanged += 1
    return "unchanged"


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


def start_crawl(db: Database, started: str, profile: str, base_url: str) -> int:
    return (
        db["crawls"]
        .insert({"started": started, "status": "running", "profile": profile, "base_url": base_url})
        .last_pk
    )


def finish_crawl(db: Database, crawl_id: int, values: dict) -> None:
    db["crawls"].update(crawl_id, values)
