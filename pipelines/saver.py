"""Saving the crawl's items to SQLite, in a database writer process of their own.

`StoragePipeline` hands each batch of items to this process (`save_batch`), so the writes and
the Python work around them (sqlite-utils, the two search indexes, document references) leave
the crawler's process: a thread would not do, as the Python half of each write holds the GIL
the crawler needs (measured: no gain with a thread; 12 % less wall time with a process). The
process opens its own connection once (`open_saver`); each batch is one transaction, rolled
back whole if it fails, after which no later batch is written. Each batch returns the run's
counts so far and the embeds it stored, for the crawl's stats and its `crawls` row.
"""

from __future__ import annotations

import hashlib
import logging
import signal
from collections import Counter
from dataclasses import asdict

from sqlite_utils import Database

from archive.db import articles, attachments, images, runs
from archive.db.counts import SaveCounts
from archive.db.schema import open_db
from scraper.items import (
    AttachmentCapture,
    EmbedCapture,
    FetchError,
    Gone,
    NotModified,
    PageCapture,
    utc_now,
)

logger = logging.getLogger(__name__)
# What the writer saves (the storage pipeline hands over only these).
ITEMS = (PageCapture, FetchError, NotModified, Gone, AttachmentCapture, EmbedCapture)

# The writer process's one saver (`open_saver`), as the extraction workers keep their site.
_process: dict[str, Saver] = {}


def open_saver(path: str, crawl_id: int, extensions: tuple[str, ...], site: dict) -> None:
    """In the writer process, once. Ctrl-C reaches the whole process group: the writer leaves
    it to the crawler, which stops fetching and drains the batches already handed over."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _process["saver"] = Saver(open_db(path), crawl_id, extensions, site)


def save_batch(batch: list[object]) -> tuple[dict, dict]:
    """In the writer process: one batch, one transaction (rolled back whole if it fails; the
    crawler then hands over no more). Returns (the run's SaveCounts so far, as a dict; embeds
    saved per status)."""
    saver = _process["saver"]
    with saver.db.atomic():
        for item in batch:
            saver.save(item)
    stats, saver.embed_stats = saver.embed_stats, Counter()
    return asdict(saver.counts), dict(stats)


class Saver:
    def __init__(
        self, db: Database, crawl_id: int, extensions: tuple[str, ...], site: dict
    ) -> None:
        self.db, self.crawl_id, self.extensions, self.site = db, crawl_id, extensions, site
        self.counts = SaveCounts()
        self.embed_stats: Counter[str] = Counter()

    def save(self, item: object) -> None:
        db = self.db
        if isinstance(item, FetchError):
            self.save_error(item)
        elif isinstance(item, NotModified):
            articles.touch_article(db, item.url, item.fetched_at, self.counts)
        elif isinstance(item, Gone):
            if not articles.mark_gone(db, item.url, item.status, item.fetched_at, self.counts):
                self.save_error(
                    FetchError(
                        url=item.url,
                        kind="http",
                        message=f"HTTP {item.status}",
                        status=item.status,
                        occurred_at=item.fetched_at,
                    )  # fmt: skip
                )
        elif isinstance(item, EmbedCapture):
            facts = images.save_embed(db, item, item.fetched_at)
            self.embed_stats[facts["status"]] += 1
        elif isinstance(item, AttachmentCapture):
            facts = attachments.save_attachment(db, item, item.fetched_at)
            skipped = facts["status"] == "skipped"
            self.counts.attachments_skipped += skipped
            self.counts.attachments += not skipped
            if skipped:
                logger.warning("Attachment %s skipped: %s", item.url, item.skipped)
        elif isinstance(item, PageCapture) and item.kind == "article":
            if item.extraction is not None:
                self.save_article(item)
                for problem in item.problems:
                    self.save(problem)
        elif isinstance(item, PageCapture) and item.kind == "print":
            row = {
                "url": item.url,
                "print_id": item.print_id,
                "article_url": item.article_url,
                "http_status": item.status,
                # The print view holds no counters: a hash of its bytes says when it changed.
                "content_hash": hashlib.sha256(item.body).hexdigest(),
                **self.site,
                **(item.capture or {}),
            }
            articles.save_print_page(db, row, item.fetched_at, self.counts)

    def save_error(self, item: FetchError) -> None:
        error = {**asdict(item), "at": item.occurred_at or utc_now()}
        del error["occurred_at"]
        runs.save_error(self.db, error, self.crawl_id, self.counts)

    def save_article(self, item: PageCapture) -> None:
        extraction, db = item.extraction, self.db
        articles.save_article(
            db, extraction, item.fetched_at, self.counts, http_status=item.status,
            fetched_url=item.fetched_url, capture=item.capture,
            http=articles.validators(item.headers), **self.site,
        )  # fmt: skip
        attachments.link_attachments(
            db, extraction.url, extraction.links, self.extensions, item.fetched_at
        )
        pictures = [(url, item.image_alts.get(url), caption) for url, caption in extraction.images]
        images.link_images(db, extraction.url, pictures, item.fetched_at)
