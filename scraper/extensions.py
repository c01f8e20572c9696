"""Progress lines while a crawl runs, and the closing summary line."""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger("portal-archive")


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


class CrawlProgress:
    def __init__(self, crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler) -> CrawlProgress:
        interval = crawler.settings.getfloat("ARCHIVE_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self) -> None:
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def report(self) -> None:
        stats = self.crawler.stats.get_stats()
        queued = stats.get("scheduler/enqueued", 0) - stats.get("scheduler/dequeued", 0)
        logger.info("Progress: %s, queued %d", summary_line(stats), queued)

    def closed(self) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
