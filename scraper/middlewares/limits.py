"""Crawl limits and the host fence: where a crawl stops, each time with a recorded reason.

- `CrawlLimitsMiddleware` (spider middleware): link depth from the start pages, and the trap
  depth (links followed through consecutive pages the profile does not recognise: endless
  calendars, ever-deeper paths). A link past a limit becomes an `errors` row, not a request.
- `HostFenceMiddleware` (downloader middleware): no request leaves the profile's hosts, even one
  made by a redirect (Scrapy's offsite check ignores ports, and another loopback port is another
  site); redirect loops and over-long chains are stopped and recorded.

Pages per run is Scrapy's `CLOSESPIDER_PAGECOUNT` (the crawl row keeps its finish reason); bytes
per page is `DOWNLOAD_MAXSIZE`; extraction time per page is in the extraction pipeline.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from scraper.failures import FAILED, SKIPPED, Refused
from scraper.items import EMBED_META, FetchError, utc_now
from scraper.urls import canonicalize

logger = logging.getLogger(__name__)

DEPTH_META = "archive_depth"
TRAP_META = "archive_trap_depth"


class CrawlLimitsMiddleware(BaseSpiderMiddleware):
    """Depth and trap-depth limits on followed links (0 turns a limit off)."""

    def __init__(self, crawler, max_depth: int, max_trap_depth: int) -> None:
        super().__init__(crawler)
        self.max_depth = max_depth
        self.max_trap_depth = max_trap_depth
        self.passed: set[str] = set()  # links let through: the duplicate filter handles repeats
        self.refused: set[str] = set()  # links stopped: recorded once, then dropped quietly

    @classmethod
    def from_crawler(cls, crawler) -> CrawlLimitsMiddleware:
        settings = crawler.settings
        max_depth = settings.getint("ARCHIVE_MAX_DEPTH")
        max_trap = settings.getint("ARCHIVE_MAX_TRAP_DEPTH")
        if max_depth <= 0 and max_trap <= 0:
            raise NotConfigured
        return cls(crawler, max_depth, max_trap)

    def get_processed_request(self, request: Request, response: Response | None):
        """The request with its depths set, or a FetchError saying which limit stopped it."""
        if response is None or EMBED_META in request.meta:  # start requests; requisites
            return request
        rules = self.crawler.spider.rules
        depth = response.meta.get(DEPTH_META, 0) + 1
        unknown = rules.page_info(request.url).kind == "other"
        trap = response.meta.get(TRAP_META, 0) + 1 if unknown else 0
        request.meta.setdefault(DEPTH_META, depth)
        request.meta.setdefault(TRAP_META, trap)
        if request.url in self.passed:
            return request
        if request.url in self.refused:
            return None
        if 0 < self.max_depth < depth:
            return self._refuse(
                request,
                "depth-limit",
                f"not followed: {depth} links from the start pages (ARCHIVE_MAX_DEPTH="
                f"{self.max_depth}), linked from {response.url}",
            )
        if 0 < self.max_trap_depth < trap:
            return self._refuse(
                request,
                "trap",
                f"not followed: {trap} links deep through pages that are neither listings nor "
                f"articles (ARCHIVE_MAX_TRAP_DEPTH={self.max_trap_depth}); likely a crawler "
                f"trap (endless calendar, ever-deeper path), linked from {response.url}",
            )
        self.passed.add(request.url)
        return request

    def _refuse(self, request: Request, kind: str, message: str) -> FetchError:
        self.crawler.stats.inc_value(f"archive/limit/{kind}")
        self.refused.add(request.url)
        return FetchError(request.url, kind, message, occurred_at=utc_now(), outcome=SKIPPED)


class HostFenceMiddleware:
    """Refuses any request outside the profile's hosts, and stops redirect loops and chains
    longer than REDIRECT_MAX_TIMES before Scrapy follows them (placed after RedirectMiddleware
    so it sees each request last and each response first)."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.max_redirects = crawler.settings.getint("REDIRECT_MAX_TIMES")

    @classmethod
    def from_crawler(cls, crawler) -> HostFenceMiddleware:
        return cls(crawler)

    @property
    def profile(self):
        return self.crawler.spider.profile

    def process_request(self, request: Request, spider=None) -> None:
        if EMBED_META in request.meta:
            return  # a page's requisite may live on another host; it is never crawled
        if canonicalize(request.url, self.profile) is None:
            self.crawler.stats.inc_value("archive/fence/refused")
            raise Refused("offsite", f"refused: {request.url} is outside the profile's hosts")

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        location = response.headers.get("Location")
        if not 300 <= response.status < 400 or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        chain = [*request.meta.get("redirect_urls", ()), request.url]
        if EMBED_META in request.meta:
            return self._embed_redirect(response, chain, target)
        if canonicalize(target, self.profile) is None:
            raise Refused(
                "offsite-redirect",
                f"not followed: HTTP {response.status} redirect to {target}, outside the "
                "profile's hosts",
                url=chain[0],
            )
        if canonicalize(target, self.profile) in {canonicalize(u, self.profile) for u in chain}:
            raise Refused(
                "redirect-loop",
                f"redirect loop: {' -> '.join([*chain, target])}",
                outcome=FAILED,
                url=chain[0],
            )
        if len(chain) > self.max_redirects:
            raise Refused(
                "redirect-limit",
                f"more than {self.max_redirects} redirects (REDIRECT_MAX_TIMES) from "
                f"{chain[0]}; stopped at {target}",
                outcome=FAILED,
                url=chain[0],
            )
        return response

    def _embed_redirect(self, response: Response, chain: list[str], target: str) -> Response:
        """An embed may be redirected anywhere (it stays an embed), but never in a loop."""
        if target in chain:
            raise Refused("redirect-loop", f"redirect loop: {' -> '.join([*chain, target])}",
                          outcome=FAILED, url=chain[0])  # fmt: skip
        if len(chain) > self.max_redirects:
            raise Refused("redirect-limit", f"more than {self.max_redirects} redirects from "
                          f"{chain[0]}", outcome=FAILED, url=chain[0])  # fmt: skip
        return response
