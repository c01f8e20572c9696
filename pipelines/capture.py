"""The Scrapy adapter over `pipelines.warc`: every response goes to WARC before the spider sees it.

A downloader middleware placed between the network and the Redirect/Compression middlewares, so
redirects, retried errors and robots.txt are captured, and bodies are stored as they came off the
wire (still Content-Encoded; reading a record back with warcio decodes them). Where a response
was written is left in the request's meta for the spider to put in its item.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from pipelines import cdxj
from pipelines.warc import Exchange, WarcWriter, recover_open_files
from scraper import __version__
from scraper.items import CAPTURE_META

logger = logging.getLogger(__name__)


def warc_dir(settings) -> Path:
    """ARCHIVE_WARC_DIR, or `warcs/` beside the database."""
    configured = settings.get("ARCHIVE_WARC_DIR")
    if configured:
        return Path(configured)
    return Path(settings.get("ARCHIVE_DB")).resolve().parent / "warcs"


def _pairs(headers) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


def exchange_of(request: Request, response: Response) -> Exchange:
    request_headers = [("Host", urlsplit(request.url).netloc), *_pairs(request.headers)]
    return Exchange(
        url=response.url,
        method=request.method,
        request_headers=request_headers,
        status=response.status,
        protocol=response.protocol or "HTTP/1.1",
        response_headers=_pairs(response.headers),
        body=response.body,
    )


class WarcCaptureMiddleware:
    def __init__(self, crawler, directory: Path) -> None:
        self.crawler = crawler
        self.directory = directory
        self.writer: WarcWriter | None = None

    @classmethod
    def from_crawler(cls, crawler) -> WarcCaptureMiddleware:
        if crawler.settings.get("ARCHIVE_WARC_DIR") == "":
            raise NotConfigured("WARC capture turned off (ARCHIVE_WARC_DIR is empty)")
        middleware = cls(crawler, warc_dir(crawler.settings))
        crawler.signals.connect(middleware.opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.closed, signal=signals.spider_closed)
        return middleware

    def opened(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for name in recover_open_files(self.directory):
            logger.warning("Recovered WARC file %s left open by an interrupted run", name)
        settings, spider = self.crawler.settings, self.crawler.spider
        info = {
            "software": f"portal-archive/{__version__} (Scrapy, warcio)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": getattr(spider, "profile", None) and spider.profile.name,
            "profile": getattr(spider, "profile", None) and spider.profile.source,
            "operator": settings.get("ARCHIVE_CONTACT_URL"),
            "http-header-user-agent": settings.get("USER_AGENT"),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        }
        self.writer = WarcWriter(
            self.directory,
            settings.get("ARCHIVE_WARC_PREFIX"),
            settings.getint("ARCHIVE_WARC_MAX_SIZE"),
            info,
        )

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        if "download_stopped" in response.flags or self.writer is None:
            return response  # not downloaded (e.g. over the attachment size limit): not stored
        capture = self.writer.write(exchange_of(request, response))
        request.meta[CAPTURE_META] = capture.as_dict()
        self.crawler.stats.inc_value("archive/warc_records")
        return response

    def closed(self) -> None:
        if self.writer is not None:
            self.writer.close()
            cdxj.merge_index(self.directory)
