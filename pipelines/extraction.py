"""Runs the pure extractor on fetched article pages."""

from __future__ import annotations

import logging
import time

from scraper.extraction import extract
from scraper.extraction.encoding import decode_html
from scraper.items import FetchError, PageCapture

logger = logging.getLogger(__name__)


class ExtractionPipeline:
    """Article captures gain `extracted`; a page the extractor cannot handle becomes an error
    record (the crawl goes on)."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> ExtractionPipeline:
        return cls(crawler)

    def process_item(self, item):
        if not isinstance(item, PageCapture) or item.kind != "article":
            return item
        profile = self.crawler.spider.profile
        started = time.perf_counter()
        try:
            html = decode_html(item.body, item.encoding)
            item.extracted = extract(item.url, html, profile).as_dict()
        except Exception as exc:  # one bad page never stops the crawl
            logger.exception("Extraction failed for %s", item.url)
            return FetchError(item.url, "extraction", f"{type(exc).__name__}: {exc}", item.status)
        self.crawler.stats.inc_value("archive/extract_seconds", time.perf_counter() - started)
        return item
