"""Writes articles, versions, print pages, attachments, errors and the crawl record to SQLite.

Batched: one transaction per ARCHIVE_BATCH_SIZE items, written by a database writer process
(pipelines.saver) while the crawler goes on; one batch is in flight at a time, and the last
is waited for before the run's `crawls` row is written, so the row counts what was stored.
Every item's WARC record was flushed by the capture middleware before the spider saw the
response, so a committed row never points at bytes that are not on disk. A batch that cannot
be written (disk full, I/O error, read-only, the writer gone) is rolled back whole and stops
the run (scraper.failures.stop_for_storage); the pages in it, and in the batches after it,
are fetched again by the next run.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from dataclasses import asdict

from scrapy import signals

from archive import reserve
from archive.db import runs
from archive.db.counts import SaveCounts
from archive.db.schema import open_db
from archive.paths import warc_dir
from pipelines.saver import ITEMS, open_saver, save_batch
from scraper.extraction.workers import process_of_its_own
from scraper.failures import STORAGE, STORAGE_FAILURE_STAT, STORAGE_PATH_STAT, stop_for_storage
from scraper.items import utc_now

logger = logging.getLogger(__name__)


def run_mode(spider_name: str, full: bool) -> str:
    if spider_name == "harvest":
        return "harvest-full" if full else "harvest"
    return "crawl"


class StoragePipeline:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.path = settings.get("ARCHIVE_DB")
        configured = settings.get("ARCHIVE_WARC_DIR")
        # Recorded with the run, so the published side finds captures wherever they went.
        self.warc_dir = None if configured == "" else warc_dir(self.path, configured)
        self.batch_size = max(1, settings.getint("ARCHIVE_BATCH_SIZE"))
        self.extensions = tuple(settings.getlist("ARCHIVE_ATTACHMENT_EXTENSIONS"))
        self.full = settings.getbool("ARCHIVE_HARVEST_FULL")
        self.buffer: list[object] = []
        self.counts = SaveCounts()
        self.db = None
        self.crawl_id: int | None = None
        self.started = 0.0
        self.failed = False  # a write to the database failed: nothing more is kept
        self.writer = None  # the database writer process (a one-process pool)
        self.pending = None  # the batch it is writing

    @classmethod
    def from_crawler(cls, crawler) -> StoragePipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        spider = self.crawler.spider
        try:
            reserve.hold(self.path)
        except OSError as error:
            reserve.release(self.path)
            stop_for_storage(self.crawler, str(error.filename or self.path), error)
        self.db = open_db(self.path)
        with self.db.atomic():
            if stale := runs.close_stale_crawls(self.db):
                logger.warning("%d earlier run(s) had been killed; marked interrupted", stale)
            self.crawl_id = runs.start_crawl(
                self.db, utc_now(), spider.site.name, spider.site.base_url,
                run_mode(spider.name, self.full),
                warc_dir=str(self.warc_dir) if self.warc_dir else None,
            )  # fmt: skip
        self.started = time.monotonic()
        self.writer = process_of_its_own(
            open_saver,
            (self.path, self.crawl_id, self.extensions, self.site_facts()),
            self.crawler.settings.get("LOG_FILE"),
        )
        self.crawler.stats.set_value("archive/crawl_id", self.crawl_id)
        self.crawler.stats.set_value("archive/db", self.path)

    def process_item(self, item):
        if isinstance(item, ITEMS) and not self.failed:
            self.buffer.append(item)
            if len(self.buffer) >= self.batch_size:
                self.flush()
        return item

    def flush(self) -> None:
        """Hand the buffered batch to the writer process, once the one before it is written."""
        if not self.buffer or self.failed:
            return
        batch, self.buffer = self.buffer, []
        self.drain()
        if not self.failed:
            self.pending = self.writer.submit(save_batch, batch)

    def drain(self) -> None:
        """Wait for the batch in flight: its counts become the run's; a failure stops the run."""
        if self.pending is None:
            return
        pending, self.pending = self.pending, None
        try:
            counts, embeds = pending.result()
        except Exception as error:  # rolled back whole: the next run fetches these again
            self.failed = True
            stop_for_storage(self.crawler, self.path, error)
            return
        self.counts = SaveCounts(**counts)
        stats = self.crawler.stats
        for status, number in embeds.items():
            stats.inc_value(f"archive/embeds/{status}", number)
        for key, value in asdict(self.counts).items():
            stats.set_value(f"archive/{key}", value)

    def stop_writer(self) -> None:
        """The last batch written (or failed), then the writer process gone."""
        self.drain()
        if self.writer is not None:
            self.writer.shutdown(wait=True)
            self.writer = None

    def site_facts(self) -> dict[str, str]:
        """The site a row belongs to (profile name) and its canonical host."""
        site = self.crawler.spider.site
        return {"site": site.name, "host": site.profile.host}

    def close_spider(self) -> None:
        """Flush and write the crawl row; `spider_closed` (which alone knows why the crawl
        ended, e.g. a CLOSESPIDER_* limit) then settles its status and closes the database."""
        reserve.release(self.path)  # room for the last batch and the record, if the disk filled
        self.flush()
        self.stop_writer()
        stats = self.crawler.stats
        stats.set_value("archive/requests", stats.get_value("downloader/request_count", 0))
        self.record(self.counted())

    def counted(self) -> dict:
        stats, counts, spider = self.crawler.stats, self.counts, self.crawler.spider
        listing_pages = getattr(spider, "listing_pages", None)
        return {
            "finished": utc_now(),
            "pages_fetched": stats.get_value("downloader/response_count", 0),
            "requests": stats.get_value("downloader/request_count", 0),
            "articles_new": counts.new,
            "articles_updated": counts.updated,
            "articles_unchanged": counts.unchanged,
            "articles_changed": counts.changed,
            "articles_gone": counts.gone,
            "not_modified": counts.not_modified,
            "attachments": counts.attachments,
            "attachments_skipped": counts.attachments_skipped,
            "print_pages": counts.print_pages,
            "errors": counts.errors,
            "duration_s": round(time.monotonic() - self.started, 3),
            "listing_pages": _pages_json(listing_pages),
        }

    def record(self, values: dict, error: dict | None = None) -> bool:
        """Write the crawl row (and an error row); False if the database cannot be written."""
        try:
            with self.db.atomic():
                if error is not None:
                    runs.save_error(self.db, error, self.crawl_id, self.counts)
                    values = {**values, "errors": self.counts.errors}
                runs.finish_crawl(self.db, self.crawl_id, values)
        except sqlite3.Error as failure:
            logger.error("Could not record the run in %s: %s", self.path, failure)
            self.crawler.stats.set_value("archive/unrecorded", str(failure))
            return False
        return True

    def spider_closed(self, reason: str) -> None:
        self.stop_writer()  # already stopped, unless the run ended before close_spider
        if self.db is None:
            return
        status, reason, failure, error = self.outcome(reason)
        recorded = self.record({"status": status, "finish_reason": reason}, error)
        stats = self.crawler.stats
        stats.set_value("archive/status", status)
        stats.set_value("archive/errors", self.counts.errors)
        if failure:
            stats.set_value("archive/failure", failure)
        if recorded:
            # Fold the WAL back so a read-only (immutable) Datasette sees every row.
            try:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as problem:
                logger.warning("WAL checkpoint of %s failed: %s", self.path, problem)
        self.db.close()
        self.db = None

    def outcome(self, reason: str) -> tuple[str, str, str | None, dict | None]:
        """(crawls.status, finish_reason, the one-line failure, an errors row to add)."""
        stats = self.crawler.stats
        reached = stats.get_value("archive/pages_reached", 0) > 0
        status = crawl_status(reason, self.counts.errors, reached)
        if storage := stats.get_value(STORAGE_FAILURE_STAT):
            error = {"url": stats.get_value(STORAGE_PATH_STAT), "kind": STORAGE, "status": None,
                     "message": storage, "at": utc_now()}  # fmt: skip
            return "failed", STORAGE, storage, error
        if not reached and status == "failed":
            cause = runs.first_failure(self.db, self.crawl_id) or "no page answered"
            site = self.crawler.spider.site.base_url
            return status, "unreachable", f"could not reach {site}: {cause}", None
        if status == "interrupted":
            return status, reason, "interrupted (SIGINT or SIGTERM); run it again to go on", None
        return status, reason, None, None


def _pages_json(pages: dict[str, list[int]] | None) -> str | None:
    """Which listing pages a harvest walked, as JSON: {"category": [1, 2, 3, 9]}."""
    if pages is None:
        return None
    return json.dumps({category: sorted(set(numbers)) for category, numbers in pages.items()})


def crawl_status(reason: str, errors: int, reached: bool = True) -> str:
    """ok / partial / failed / interrupted. A configured limit (CLOSESPIDER_*) ends a run early
    on purpose: partial, not failed. A run that reached no page of the site failed. A signal
    (Scrapy's reason `shutdown`) interrupted it."""
    if reason == "shutdown":
        return "interrupted"
    if not reached:
        return "failed"
    if reason == "finished":
        return "partial" if errors else "ok"
    return "partial" if reason.startswith("closespider_") else "failed"
