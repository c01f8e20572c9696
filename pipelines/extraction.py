"""Runs the one extraction entry point on fetched article pages, bounded in time and memory.

Extraction happens in worker processes (`scraper.extraction.workers`), off the crawler's event
loop. Each worker is handed the site and the limits once, when it starts; a job carries only
the page.
"""

from __future__ import annotations

import logging
import os
import time

from scrapy.exceptions import DropItem

from scraper.extraction import Extraction, ExtractionLimits
from scraper.extraction.documents import DocumentText, document_kind, document_text
from scraper.extraction.encoding import looks_binary
from scraper.extraction.workers import (
    ExtractorPool,
    document_in_worker,
    extract_in_worker,
    extraction_pool,
    read_in_worker,
)
from scraper.failures import ARCHIVED
from scraper.items import AttachmentCapture, FetchError, PageCapture, parse_utc, utc_now
from scraper.urls import file_name

logger = logging.getLogger(__name__)


def limits_from(settings) -> ExtractionLimits:
    return ExtractionLimits(max_chars=settings.getint("ARCHIVE_EXTRACT_MAX_CHARS"))


class ExtractionPipeline:
    """Article captures gain their `Extraction` and `problems`; a page the extractor cannot
    handle (binary, an exception, over its time limit) becomes an error record; the crawl
    goes on."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.timeout = settings.getfloat("ARCHIVE_EXTRACT_TIMEOUT")
        self.workers = settings.getint("ARCHIVE_EXTRACT_WORKERS") or os.cpu_count() or 1
        self.memory_limit = settings.getint("ARCHIVE_EXTRACT_MAX_MEMORY")
        self.limits = limits_from(settings)
        self.pool: ExtractorPool | None = None

    @classmethod
    def from_crawler(cls, crawler) -> ExtractionPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        site = self.crawler.spider.site
        log_file = self.crawler.settings.get("LOG_FILE")
        self.pool = extraction_pool(
            site, self.limits, self.workers, self.memory_limit, log_file=log_file
        )
        self.pool.start()
        # Article pages are parsed once, in the workers: the spider takes their links from there.
        spider = self.crawler.spider
        if hasattr(spider, "links_from_extraction"):
            spider.links_from_extraction = True

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.close()

    async def read_document(self, item: AttachmentCapture) -> AttachmentCapture:
        """The text of a stored document, read in a worker; a failure is the document's
        recorded status, never the crawl's."""
        kind = document_kind(file_name(item.url), item.headers.get("Content-Type"))
        if item.skipped or item.status != 200 or not item.body or kind is None:
            if item.status == 200 and not item.skipped:
                item.text = document_text(b"", file_name(item.url), None)  # "unsupported"
            return item
        try:
            item.text = await self.pool.run(
                self.timeout, document_in_worker, item.body, file_name(item.url),
                item.headers.get("Content-Type"),
            )  # fmt: skip
        except TimeoutError:
            reason = f"text extraction took longer than {self.timeout:g} s"
            item.text = DocumentText(None, "failed", reason)
        except Exception as exc:  # the worker died (memory): the file is still archived
            item.text = DocumentText(None, "failed", f"{type(exc).__name__}: {exc}")
        return item

    def _error(self, item: PageCapture, kind: str, message: str, exc: str | None = None):
        logger.warning("Extraction of %s: %s", item.url, message)
        return FetchError(
            url=item.url, kind=kind, message=message, status=item.status,
            occurred_at=utc_now(), exception=exc,
        )  # fmt: skip

    async def process_item(self, item):
        if isinstance(item, AttachmentCapture):
            return await self.read_document(item)
        if not isinstance(item, PageCapture) or item.kind != "article":
            return item
        try:
            return await self.extract(item)
        finally:
            item.settle()  # whatever went wrong, the spider reads the page's links itself

    async def extract(self, item: PageCapture):
        if looks_binary(item.body):
            return self._error(item, "binary", "served as a page but the bytes are binary data")
        started = time.perf_counter()
        content_type = item.headers.get("Content-Type")
        fetched_at = parse_utc(item.fetched_at)
        extraction: Extraction
        try:
            if item.discovered is not None:  # the spider waits for the links: one parse
                extraction, links = await self.pool.run(
                    self.timeout, read_in_worker, item.url, item.fetched_url, item.body,
                    content_type, fetched_at,
                )  # fmt: skip
                item.image_alts = links.image_alts
                item.settle(links)
            else:
                extraction = await self.pool.run(
                    self.timeout, extract_in_worker, item.url, item.body, content_type, fetched_at
                )
        except TimeoutError:
            message = f"extraction took longer than {self.timeout:g} s (ARCHIVE_EXTRACT_TIMEOUT)"
            return self._error(item, "extraction-timeout", message)
        except Exception as exc:  # one bad page never stops the crawl
            logger.exception("Extraction failed for %s", item.url)
            return self._error(
                item, "extraction", f"{type(exc).__name__}: {exc}", type(exc).__name__
            )
        judge = getattr(self.crawler.spider, "judge_extraction", None)
        if judge is not None and not judge(item.url, extraction):  # a generic crawl's junk
            self.crawler.stats.inc_value("archive/not_articles")
            raise DropItem(f"{item.url} is not an article (no title, date or body)", "DEBUG")
        item.extraction, item.encoding = extraction, extraction.encoding
        at = utc_now()
        item.problems = [
            FetchError(
                url=item.url,
                kind=kind,
                message=message,
                status=item.status,
                occurred_at=at,
                outcome=ARCHIVED,
            )  # fmt: skip
            for kind, message in extraction.problems
        ]
        self.crawler.stats.inc_value("archive/extract_seconds", time.perf_counter() - started)
        return item
