"""The `attachments` table: one row per (article, file URL), the file's facts on every row.

An article's links say which files it carries (recorded as "pending" until fetched); a fetched
file fills in its name, MIME type, size and sha256 on every row with its URL, so a file linked
from several articles is downloaded and captured once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Protocol

from sqlite_utils import Database

from scraper.extraction.documents import DocumentText
from scraper.extraction.vntext import exact_form, fold
from scraper.urls import file_name, is_attachment


class FetchedFile(Protocol):
    """What the crawl knows of one attachment (the spider's AttachmentCapture)."""

    url: str
    article_url: str | None
    status: int | None
    headers: dict[str, str]
    body: bytes
    capture: dict | None
    skipped: str | None
    declared_size: int | None
    text: DocumentText | None  # what extraction read of a document's text


FILE_FIELDS = ("file_name", "mime_type", "size", "sha256", "status", "reason", "http_status",
               "warc_file", "warc_offset", "warc_length", "warc_digest", "warc_date",
               "text", "text_status", "text_reason")  # fmt: skip


def file_facts(item: FetchedFile) -> dict:
    """What the archive records about a fetched (or skipped) file."""
    headers = {k.lower(): v for k, v in item.headers.items()}
    facts = {
        "file_name": file_name(item.url),
        "mime_type": (headers.get("content-type") or "").split(";")[0].strip() or None,
        "http_status": item.status,
    }
    if item.skipped:  # the capture, if any, holds its headers only (WARC-Truncated)
        return {**facts, **(item.capture or {}), "size": item.declared_size, "status": "skipped",
                "reason": item.skipped}  # fmt: skip
    if item.status != 200:
        return {**facts, "status": "error", "reason": f"HTTP {item.status}"}
    facts.update(size=len(item.body), sha256=hashlib.sha256(item.body).hexdigest())
    if item.text is not None:
        facts.update(text_facts(item.text))
    return {**facts, **(item.capture or {}), "status": "stored", "reason": None}


def text_facts(found: DocumentText) -> dict:
    return {"text": found.text, "text_status": found.status, "text_reason": found.reason}


def index_text(db: Database, url: str, text: str | None) -> None:
    """(Re)write the search entries of every row of the file at `url` from its text."""
    rowids = [row[0] for row in db.execute("SELECT rowid FROM attachments WHERE url = ?", [url])]
    for rowid in rowids:
        db.execute("DELETE FROM attachments_search_text WHERE rowid = ?", [rowid])
        if text:
            db.execute(
                "INSERT INTO attachments_search_text (rowid, text_exact, text_folded) "
                "VALUES (?, ?, ?)",
                [rowid, exact_form(text), fold(text)],
            )


def _share_index(db: Database, url: str) -> None:
    """Rows of a file that gained its known text by copy get its search entry by copy too."""
    db.execute(
        """
        INSERT INTO attachments_search_text (rowid, text_exact, text_folded)
        SELECT a.rowid, s.text_exact, s.text_folded FROM attachments a,
            (SELECT s2.text_exact, s2.text_folded FROM attachments a2
             JOIN attachments_search_text s2 ON s2.rowid = a2.rowid
             WHERE a2.url = :url LIMIT 1) s
        WHERE a.url = :url AND a.rowid NOT IN (SELECT rowid FROM attachments_search_text)
        """,
        {"url": url},
    )


def link_attachments(
    db: Database, article_url: str, links: Iterable[str], extensions: tuple[str, ...], seen_at: str
) -> None:
    """Record the files an article links (known facts copied from any earlier row)."""
    for url in links:
        if not is_attachment(url, extensions):
            continue
        known = db.execute(
            f"SELECT {', '.join(FILE_FIELDS)} FROM attachments WHERE url = ? AND status != "
            "'pending' LIMIT 1",
            [url],
        ).fetchone()
        facts = dict(zip(FILE_FIELDS, known, strict=True)) if known else {"status": "pending"}
        facts.setdefault("file_name", file_name(url))
        _upsert(db, article_url, url, facts, seen_at)
        if facts.get("text"):
            _share_index(db, url)


def save_attachment(db: Database, item: FetchedFile, seen_at: str) -> dict:
    """Fill in a fetched file's facts on every row with its URL (adding the linking article's
    row if the article is not stored yet); returns the facts."""
    facts = file_facts(item)
    assignments = ", ".join(f"{name} = :{name}" for name in facts)
    # Items reach storage out of order (articles wait for extraction, files do not): a row
    # first seen after this fetch keeps its times in order.
    db.execute(
        f"UPDATE attachments SET {assignments}, first_seen = min(first_seen, :seen), "
        "last_seen = max(last_seen, :seen) WHERE url = :url",
        {**facts, "seen": seen_at, "url": item.url},
    )
    if item.article_url:
        _upsert(db, item.article_url, item.url, facts, seen_at)
    if item.text is not None:
        index_text(db, item.url, item.text.text)
    return facts


def _upsert(db: Database, article: str, url: str, facts: dict, seen_at: str) -> None:
    table = db["attachments"]
    existing = next(table.rows_where("article = ? AND url = ?", [article, url]), None)
    if existing is None:
        table.insert({"article": article, "url": url, **facts,
                      "first_seen": seen_at, "last_seen": seen_at})  # fmt: skip
        return
    if facts.get("status") != "pending":
        changes = {k: v for k, v in facts.items() if existing.get(k) != v}
        seen = {"first_seen": min(existing["first_seen"] or seen_at, seen_at),
                "last_seen": max(existing["last_seen"] or seen_at, seen_at)}  # fmt: skip
        table.update((article, url), {**changes, **seen})
