"""A 2,000-article archive for the reading-room browser tests, built in seconds.

Articles come from the replica's own ground truth, saved through the storage functions (so
every index and derived table is written as in a crawl); a few are then given what a crawl
may leave: a captured image and attachment (real WARC records), an image not captured, a
rejected date, an empty body and an earlier version.
"""

from __future__ import annotations

import html
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from archive.db import articles as store
from archive.db.counts import SaveCounts
from archive.db.schema import open_db
from archive.warc.writer import Exchange, WarcWriter
from replica import build_site
from scraper.extraction import content_hash, extraction_of

SITE = "http://127.0.0.1:9"  # nothing listens there: the "live site" is always down
IMAGE_URL = f"{SITE}/uploads/images/hoi-nghi.png"
MISSING_IMAGE_URL = f"{SITE}/uploads/images/chua-luu.jpg"
FILE_URL = f"{SITE}/uploads/files/ke-hoach.pdf"
PDF = b"%PDF-1.4\n% archived copy\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@dataclass(frozen=True)
class Room:
    db: Path
    articles: int
    rich: str  # URL of the article with images, an attachment and versions
    rejected: str  # URL of the article whose date was rejected
    empty: str  # URL of the empty article


def png(width: int = 40, height: int = 30) -> bytes:
    """A small grey PNG, written by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + data


def _record(article, categories: dict[str, str]):
    truth = article.expected()
    body = "\n\n".join(p.strip() for p in article.paragraphs)
    published = truth["published"]
    return extraction_of(
        url=SITE + truth["path"], title=truth["title"], published=published,
        published_raw=truth["published_raw"], date_problem=None,
        year=int(published[:4]) if published else None,
        author=truth["author"], author_role=truth["author_role"],
        category=truth["category"], category_name=categories.get(truth["category"]),
        print_id=truth["print_id"], body_text=body,
        body_html="".join(f"<p>{html.escape(p.strip())}</p>" for p in article.paragraphs),
        images=(), links=(), lang="vi", word_count=len(body.split()), method="profile",
        extractor_version="test", encoding="utf-8",
        content_hash=content_hash(truth["title"], body, truth["author"]),
    )  # fmt: skip


def _capture(writer: WarcWriter, url: str, mime: str, body: bytes) -> dict:
    exchange = Exchange(
        url=url, method="GET", request_headers=[("Host", "127.0.0.1:9")], status=200,
        protocol="HTTP/1.1", response_headers=[("Content-Type", mime)], body=body,
    )  # fmt: skip
    return writer.write(exchange).as_dict()


def build_room(folder: Path, articles: int = 2000) -> Room:
    site = build_site(articles, seed=1)
    categories = {c.slug: c.name for c in site.categories}
    db = open_db(str(folder / "archive.db"))
    counts = SaveCounts()
    records = [_record(a, categories) for a in site.articles]
    with db.conn:
        for record in records:
            store.save_article(db, record, "2026-01-01T00:00:00Z", counts, fetched_url=record.url)
    rich, rejected, empty = records[10], records[11], records[12]
    writer = WarcWriter(folder / "warcs", "test", 10**9, {"software": "tests"})
    image = _capture(writer, IMAGE_URL, "image/png", png())
    attachment = _capture(writer, FILE_URL, "application/pdf", PDF)
    page = _capture(writer, rich.url, "text/html; charset=utf-8", b"<html>old state</html>")
    writer.close()
    with db.conn:
        _enrich(db, rich, image, attachment, page)
        db["articles"].update(
            rejected.url,
            {"published": None, "year": None, "date_problem": "future",
             "published_raw": "Thứ năm, 31.12.2099 08:00"},
        )  # fmt: skip
        db["articles"].update(empty.url, {"body_text": "", "body_html": "", "word_count": 0})
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return Room(folder / "archive.db", articles, rich.url, rejected.url, empty.url)


def _enrich(db, rich, image: dict, attachment: dict, page: dict) -> None:
    """The rich article: two images (one captured), an attachment, an earlier version."""
    body = (
        f'<p>Ảnh đầu.</p><p><img src="{IMAGE_URL}" alt=""></p><p>Ảnh hai.</p>'
        f'<p><img src="{MISSING_IMAGE_URL}" alt=""></p>{rich.body_html}'
    )
    images = (
        '[{"url": "' + IMAGE_URL + '", "caption": "Toàn cảnh hội nghị"}, '
        '{"url": "' + MISSING_IMAGE_URL + '", "caption": "Đại biểu phát biểu tại hội nghị"}]'
    )
    old = dict(db["articles"].get(rich.url))
    old.update(page, body_text="Bản cũ của bài.\n\n" + old["body_text"])
    store.archive_version(db, old, "2026-02-01T00:00:00Z", "edit")
    db["articles"].update(rich.url, {"body_html": body, "images": images, "version": 2})
    db["images"].insert({"url": IMAGE_URL, "article": rich.url, "mime_type": "image/png", **image})
    db["attachments"].insert(
        {"article": rich.url, "url": FILE_URL, "file_name": "ke-hoach.pdf",
         "mime_type": "application/pdf", "size": len(PDF), "status": "stored", **attachment},
        pk=("article", "url"),
    )  # fmt: skip
