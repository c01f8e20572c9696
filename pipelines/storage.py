"""Writes articles, print pages, errors and the crawl record to SQLite in batches."""

from __future__ import annotations

import logging
import time
from dataclasses import asdict

from scrapy import signals

from pipelines import store
from pipelines.schema import open_db
from scraper.items import FetchError, PageCapture
from scraper.spiders.portal import utc_now

logger = logging.getLogger(__name__)


class StoragePipeline:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.path = crawler.settings.get("ARCHIVE_DB")
        self.batch_size = max(1, crawler.settings.getint("ARCHIVE_BATCH_SIZE"))
        self.buffer: list[object] = []
        self.counts = store.SaveCounts()
        self.db = None
        self.crawl_id: int | None = None
        self.started = 0.0

    @classmethod
    def from_crawler(cls, crawler) -> StoragePipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.db = open_db(self.path)
        self.started = time.monotonic()
        self.crawl_id = store.start_crawl(
            self.db, utc_now(), spider.profile.name, spider.profile.base_url
        )
        self.crawler.stats.set_value("archive/crawl_id", self.crawl_id)
        self.crawler.stats.set_value("archive/db", self.path)

    def process_item(self, item):
        if isinstance(item, PageCapture | FetchError):
            self.buffer.append(item)
            if len(self.buffer) >= self.batch_size:
                self.flush()
        return item

    def flush(self) -> None:
        if not self.buffer:
            return
        with self.db.conn:  # one transaction per batch
            for item in self.buffer:
                self.save(item)
        self.buffer.clear()
        stats = self.crawler.stats
        for key, value in asdict(self.counts).items():
            stats.set_value(f"archive/{key}", value)

    def save(self, item) -> None:
        if isinstance(item, FetchError):
            error = {**asdict(item), "at": item.occurred_at or utc_now()}
            del error["occurred_at"]
            store.save_error(self.db, error, self.crawl_id, self.counts)
        elif item.kind == "article" and item.extracted is not None:
            row = store.article_row(
                item.extracted,
                http_status=item.status,
                fetched_url=item.fetched_url,
                encoding=item.encoding,
            )
            store.save_article(self.db, row, item.fetched_at, self.counts)
            for problem in item.problems:
                self.save(problem)
        elif item.kind == "print":
            row = {
                "url": item.url,
                "print_id": item.print_id,
                "article_url": item.article_url,
                "http_status": item.status,
            }
            store.save_print_page(self.db, row, item.fetched_at, self.counts)

    def close_spider(self) -> None:
        """Flush and write the crawl row; `spider_closed` (which alone knows why the crawl
        ended, e.g. a CLOSESPIDER_* limit) then settles its status and closes the database."""
        self.flush()
        stats = self.crawler.stats
        store.finish_crawl(
            self.db,
            self.crawl_id,
            {
                "finished": utc_now(),
                "pages_fetched": stats.get_value("downloader/response_count", 0),
                "articles_new": self.counts.new,
                "articles_updated": self.counts.updated,
                "articles_unchanged": self.counts.unchanged,
                "print_pages": self.counts.print_pages,
                "errors": self.counts.errors,
                "duration_s": round(time.monotonic() - self.started, 3),
            },
        )

    def spider_closed(self, reason: str) -> None:
        if self.db is None:
            return
        status = crawl_status(reason, self.counts.errors)
        store.finish_crawl(self.db, self.crawl_id, {"status": status, "finish_reason": reason})
        self.crawler.stats.set_value("archive/status", status)
        # Fold the WAL back so a read-only (immutable) Datasette sees every row.
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
        self.db = None


def crawl_status(reason: str, errors: int) -> str:
    """ok / partial / failed. A configured limit (CLOSESPIDER_*) ends a run early on purpose:
    partial, not failed."""
    if reason == "finished":
        return "partial" if errors else "ok"
    return "partial" if reason.startswith("closespider_") else "failed"
