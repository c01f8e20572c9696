"""Page requisites and body pictures.

`requisites`: one row per URL fetched (or refused) as an embed: pictures, stylesheets,
scripts, fonts, with status, MIME type, size, sha256 and the capture pointer, or the reason.
`images`: one row per (article, picture URL) of an article's body, with alt and caption and the
picture's facts copied from `requisites`, whichever of the two the crawl stores first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Protocol

from sqlite_utils import Database

FACT_FIELDS = ("status", "reason", "http_status", "mime_type", "size", "sha256", "warc_file",
               "warc_offset", "warc_length", "warc_digest", "warc_date")  # fmt: skip


class FetchedEmbed(Protocol):
    """What the crawl knows of one requisite (the spider's EmbedCapture)."""

    url: str
    page_url: str
    kind: str
    status: int | None
    headers: dict[str, str]
    body: bytes
    capture: dict | None
    reason: str | None
    outcome: str
    declared_size: int | None


def embed_facts(item: FetchedEmbed) -> dict:
    """What the archive records about a fetched (or refused, or failed) picture."""
    headers = {k.lower(): v for k, v in item.headers.items()}
    facts = {
        "status": item.outcome,
        "reason": item.reason,
        "http_status": item.status,
        "mime_type": (headers.get("content-type") or "").split(";")[0].strip() or None,
        "size": item.declared_size,
        "sha256": None,
    }
    if item.outcome == "stored":
        facts.update(size=len(item.body), sha256=hashlib.sha256(item.body).hexdigest())
    return {**facts, **(item.capture or {})}


def link_images(
    db: Database, article_url: str, images: Iterable[tuple[str, str | None, str | None]],
    seen_at: str,
) -> None:  # fmt: skip
    """Record the pictures of an article's body as (url, alt, caption); facts already known
    for a URL (fetched for another article, or earlier) are copied."""
    table = db["images"]
    for url, alt, caption in images:
        known = db.execute(
            f"SELECT {', '.join(FACT_FIELDS)} FROM requisites WHERE url = ?", [url]
        ).fetchone()
        facts = dict(zip(FACT_FIELDS, known, strict=True)) if known else {"status": "pending"}
        row = {"alt": alt, "caption": caption or None, **facts, "last_seen": seen_at}
        existing = next(table.rows_where("article = ? AND url = ?", [article_url, url]), None)
        if existing is None:
            table.insert({"article": article_url, "url": url, **row, "first_seen": seen_at})
        else:
            if facts["status"] == "pending":
                row = {k: v for k, v in row.items() if k not in FACT_FIELDS}
            table.update((article_url, url), row)


def save_embed(db: Database, item: FetchedEmbed, seen_at: str) -> dict:
    """Record a requisite's facts (one row per URL) and copy them to every `images` row with
    its URL; returns the facts."""
    facts = embed_facts(item)
    table = db["requisites"]
    existing = next(table.rows_where("url = ?", [item.url]), None)
    if existing is None:
        table.insert({"url": item.url, "kind": item.kind, "page_url": item.page_url, **facts,
                      "first_seen": seen_at, "last_seen": seen_at})  # fmt: skip
    else:
        table.update(item.url, {**facts, "last_seen": seen_at})
    values = {**facts, "last_seen": seen_at}
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    db.execute(f"UPDATE images SET {assignments} WHERE url = :url", {**values, "url": item.url})
    return facts
