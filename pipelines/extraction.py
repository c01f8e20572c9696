"""Runs the pure extractor on fetched article pages, bounded in time and memory."""

from __future__ import annotations

import logging
import os
import time
from datetime import UTC, datetime, timedelta

from pipelines.workers import ExtractorPool
from scraper.extraction import extract
from scraper.extraction.encoding import decode_page, looks_binary
from scraper.extraction.problems import page_problems
from scraper.failures import ARCHIVED
from scraper.items import FetchError, PageCapture, utc_now
from scraper.profiles import SiteProfile

logger = logging.getLogger(__name__)
# A printed date up to this far ahead of the site's clock is not "future" (clock skew, and the
# portal's times may be UTC labelled as local).
FUTURE_GRACE = timedelta(days=1)


def site_now(profile: SiteProfile) -> datetime:
    """The site's local time now, naive (how its printed dates are compared)."""
    sign = 1 if profile.utc_offset[0] == "+" else -1
    hours, minutes = (int(x) for x in profile.utc_offset[1:].split(":"))
    offset = timedelta(hours=hours, minutes=minutes) * sign
    return (datetime.now(UTC) + offset).replace(tzinfo=None)


def extract_capture(
    url: str, body: bytes, content_type: str | None, profile: SiteProfile, max_chars: int
) -> list:
    """Decode and extract one capture: [fields, encoding, problems] (pure but for the clock).
    Runs in a worker process, so it takes and returns plain data."""
    decoded = decode_page(body, content_type, profile.encoding)
    html = decoded.text
    problems = []
    if len(html) > max_chars:
        html = html[:max_chars]
        problems.append(("cut", f"page of {len(decoded.text)} characters cut to {max_chars} "
                                "for extraction (ARCHIVE_EXTRACT_MAX_CHARS)"))  # fmt: skip
    extracted = extract(url, html, profile, now=site_now(profile) + FUTURE_GRACE).as_dict()
    return [extracted, decoded.encoding, problems + page_problems(extracted, decoded)]


class ExtractionPipeline:
    """Article captures gain `extracted` and `problems`; a page the extractor cannot handle
    (binary, an exception, over its time limit) becomes an error record; the crawl goes on."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.timeout = crawler.settings.getfloat("ARCHIVE_EXTRACT_TIMEOUT")
        self.max_chars = crawler.settings.getint("ARCHIVE_EXTRACT_MAX_CHARS")
        self.pool = ExtractorPool(
            crawler.settings.getint("ARCHIVE_EXTRACT_WORKERS") or os.cpu_count() or 1,
            crawler.settings.getint("ARCHIVE_EXTRACT_MAX_MEMORY"),
        )

    @classmethod
    def from_crawler(cls, crawler) -> ExtractionPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.pool.start()

    def close_spider(self) -> None:
        self.pool.close()

    def _error(self, item: PageCapture, kind: str, message: str, exc: str | None = None):
        logger.warning("Extraction of %s: %s", item.url, message)
        return FetchError(item.url, kind, message, item.status, utc_now(), exc)

    async def process_item(self, item):
        if not isinstance(item, PageCapture) or item.kind != "article":
            return item
        if looks_binary(item.body):
            return self._error(item, "binary", "served as a page but the bytes are binary data")
        profile = self.crawler.spider.profile
        started = time.perf_counter()
        content_type = item.headers.get("Content-Type")
        try:
            extracted, encoding, problems = await self.pool.run(
                self.timeout, extract_capture, item.url, item.body, content_type, profile,
                self.max_chars,
            )  # fmt: skip
        except TimeoutError:
            message = f"extraction took longer than {self.timeout:g} s (ARCHIVE_EXTRACT_TIMEOUT)"
            return self._error(item, "extraction-timeout", message)
        except Exception as exc:  # one bad page never stops the crawl
            logger.exception("Extraction failed for %s", item.url)
            return self._error(
                item, "extraction", f"{type(exc).__name__}: {exc}", type(exc).__name__
            )
        item.extracted, item.encoding = extracted, encoding
        at = utc_now()
        item.problems = [
            FetchError(item.url, kind, message, item.status, at, None, ARCHIVED)
            for kind, message in problems
        ]
        self.crawler.stats.inc_value("archive/extract_seconds", time.perf_counter() - started)
        return item
