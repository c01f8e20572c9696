"""Every response goes to WARC before the spider sees it.

A downloader middleware placed between the network and the Redirect/Compression middlewares, so
redirects, retried errors and robots.txt are captured, and bodies are stored as they came off the
wire (still Content-Encoded; reading a record back with warcio decodes them). Where a response
was written is left in the request's meta for the spider to put in its item. A response stopped
at its headers (a file over its size limit) leaves its headers, marked `WARC-Truncated: length`.

The WARC files themselves are the archive's business: the store is opened through the
callable named by ARCHIVE_WARC_STORE (`archive.warc.open_capture_store`), so the Scrapy project
depends on no storage module.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.misc import load_object

from scraper import __version__
from scraper.failures import stop_for_storage
from scraper.items import CAPTURE_META, PREVIOUS_CAPTURE_META, WIRE_LENGTH_META

logger = logging.getLogger(__name__)


def _pairs(headers) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


def exchange_of(request: Request, response: Response) -> dict[str, Any]:
    """One request and its response as plain data, the fields a capture store writes."""
    request_headers = [("Host", urlsplit(request.url).netloc), *_pairs(request.headers)]
    return {
        "url": response.url,
        "method": request.method,
        "request_headers": request_headers,
        "status": response.status,
        "protocol": response.protocol or "HTTP/1.1",
        "response_headers": _pairs(response.headers),
        "body": response.body,
        "previous": request.meta.get(PREVIOUS_CAPTURE_META),
    }


class WarcCaptureMiddleware:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.open_store = load_object(crawler.settings.get("ARCHIVE_WARC_STORE"))
        self.store = None
        self.failed = False  # a write failed: nothing more is captured, nothing more is kept

    @classmethod
    def from_crawler(cls, crawler) -> WarcCaptureMiddleware:
        if crawler.settings.get("ARCHIVE_WARC_DIR") == "":
            raise NotConfigured("WARC capture turned off (ARCHIVE_WARC_DIR is empty)")
        middleware = cls(crawler)
        crawler.signals.connect(middleware.opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.closed, signal=signals.spider_closed)
        return middleware

    def opened(self) -> None:
        settings, spider = self.crawler.settings, self.crawler.spider
        site = getattr(spider, "site", None)
        info = {
            "software": f"portal-archive/{__version__} (Scrapy, warcio)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": site and site.name,
            "profile": site and site.profile.source,
            "operator": settings.get("ARCHIVE_CONTACT_URL"),
            "http-header-user-agent": settings.get("USER_AGENT"),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        }
        try:
            self.store = self.open_store(
                settings.get("ARCHIVE_DB"),
                settings.get("ARCHIVE_WARC_DIR"),
                settings.get("ARCHIVE_WARC_PREFIX"),
                settings.getint("ARCHIVE_WARC_MAX_SIZE"),
                info,
                aliases={site.profile.host: site.profile.alias_hosts} if site else None,
            )
        except OSError as error:
            self.failed = True
            stop_for_storage(self.crawler, error.filename or "the WARC folder", error)

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        if self.failed:
            raise IgnoreRequest("not kept: the WARC folder could not be written")
        if self.store is None:
            return response
        exchange = exchange_of(request, response)
        if "download_stopped" in response.flags:
            # Stopped at its headers (over a size limit): the headers are kept, with the length
            # the server declared, in a record marked truncated (never indexed for replay).
            length = request.meta.get(WIRE_LENGTH_META, -1)
            if length >= 0:
                exchange["response_headers"].append(("Content-Length", str(length)))
            exchange.update(body=b"", truncated=True)
        try:
            request.meta[CAPTURE_META] = self.store.write(**exchange)
        except OSError as error:
            # Without its capture a page must not be stored: stop the run, keep nothing more.
            self.failed = True
            stop_for_storage(self.crawler, error.filename or self.store.directory, error)
            raise IgnoreRequest("not kept: the WARC folder could not be written") from error
        self.crawler.stats.inc_value("archive/warc_records")
        return response

    def closed(self) -> None:
        if self.store is None or self.failed:
            return  # a failed file stays `.open`, cut at its last record: the next run closes it
        try:
            self.store.close()
        except OSError as error:
            stop_for_storage(self.crawler, error.filename or self.store.directory, error)
