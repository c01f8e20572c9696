"""What a person sees while a crawl runs (progress), the closing summary line, and whether the
run reached the site at all."""

from __future__ import annotations

import logging
import sys
import time
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger("portal-archive")
# ARCHIVE_PROGRESS_OUTPUT: "log" (progress lines in Scrapy's log), "lines" (plain lines on
# standard error, for cron), "live" (one line redrawn in place, for a terminal).
PROGRESS_OUTPUTS = ("log", "lines", "live")


def summary_line(stats: dict) -> str:
    return (
        f"pages fetched {stats.get('downloader/response_count', 0)}, "
        f"articles new {stats.get('archive/new', 0)}, "
        f"updated {stats.get('archive/updated', 0)}, "
        f"unchanged {stats.get('archive/unchanged', 0)}, "
        f"print pages {stats.get('archive/print_pages', 0)}, "
        f"errors {stats.get('archive/errors', 0)}, "
        f"changed {stats.get('archive/changed', 0)}, "
        f"gone {stats.get('archive/gone', 0)}, "
        f"not modified {stats.get('archive/not_modified', 0)}, "
        f"attachments {stats.get('archive/attachments', 0)} "
        f"(skipped {stats.get('archive/attachments_skipped', 0)}), "
        f"requests {stats.get('downloader/request_count', 0)}"
    )


def progress_line(stats: dict, elapsed: float) -> str:
    """The live line: pages, articles new/changed, errors, rate, queue, elapsed time."""
    pages = stats.get("downloader/response_count", 0)
    queued = stats.get("scheduler/enqueued", 0) - stats.get("scheduler/dequeued", 0)
    minutes, seconds = divmod(int(elapsed), 60)
    return (
        f"pages {pages} ({pages / elapsed if elapsed > 0 else 0:.1f}/s), "
        f"articles new {stats.get('archive/new', 0)} changed {stats.get('archive/changed', 0)}, "
        f"errors {stats.get('archive/errors', 0)}, queued {queued}, {minutes}:{seconds:02d}"
    )


class CrawlProgress:
    def __init__(self, crawler, interval: float, output: str = "log") -> None:
        self.crawler = crawler
        self.interval = interval
        self.output = output
        self.loop: task.LoopingCall | None = None
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler) -> CrawlProgress:
        interval = crawler.settings.getfloat("ARCHIVE_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        output = crawler.settings.get("ARCHIVE_PROGRESS_OUTPUT") or "log"
        if output not in PROGRESS_OUTPUTS:
            raise ValueError(
                f"ARCHIVE_PROGRESS_OUTPUT is {output!r}; expected one of {PROGRESS_OUTPUTS}"
            )
        if output == "live":
            interval = min(interval, 1.0)  # a live line is redrawn every second
        ext = cls(crawler, interval, output)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=self.output == "live")  # a terminal sees it at once

    def report(self) -> None:
        stats = self.crawler.stats.get_stats()
        line = progress_line(stats, time.monotonic() - self.started)
        logger.info("Progress: %s", line)
        if self.output == "live":
            sys.stderr.write(f"\r\033[K{line}")
            sys.stderr.flush()
        elif self.output == "lines":
            print(f"Progress: {line}", file=sys.stderr, flush=True)

    def closed(self) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        if self.output == "live":
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


class SiteReach:
    """Counts the site's pages that answered (anything but an error status; robots.txt aside),
    so a run that reached nothing is a failure, not an empty success."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> SiteReach:
        ext = cls(crawler)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        return ext

    def response_received(self, response, request, spider) -> None:
        if response.status < 400 and urlsplit(response.url).path != "/robots.txt":
            self.crawler.stats.inc_value("archive/pages_reached")
