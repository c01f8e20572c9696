"""The `portal` spider: discovers and fetches; it extracts nothing and stores nothing.

Discovery follows the menu, category listings and their pagination, article pages, and each
article's print view. Every link is canonicalised before it is scheduled, so alias hosts and URL
variants never make a second request for one page; forms are never submitted.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.response import get_base_url
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure

from scraper.failures import FAILED, RECOVERED, Refused, classify
from scraper.items import (
    CAPTURE_META,
    EMBED_META,
    PREVIOUS_CAPTURE_META,
    WIRE_LENGTH_META,
    AttachmentCapture,
    FetchError,
    Gone,
    NotModified,
    PageCapture,
    utc_now,
)
from scraper.middlewares.retry import FAILURES_META
from scraper.outlinks import PageLinks, page_links
from scraper.sites import Site, load_site
from scraper.spiders.embeds import Embeds
from scraper.urls import canonicalize

FOLLOW = ("home", "listing", "article")
CANONICAL_CACHE = 50_000  # remembered link forms; cleared when full, so memory stays bounded
# Answers to a conditional revisit of an archived article that are not errors.
REVISIT_STATUSES = [304, 404, 410]


def _header_dict(response: Response) -> dict[str, str]:
    return {
        k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()
    }


def attempt_errors(url: str, meta: dict, outcome: str) -> Iterator[FetchError]:
    """The failed attempts a request went through before its final outcome, one record each
    (storage keeps one row per URL and kind, counting attempts, first and last time)."""
    for attempt in meta.get(FAILURES_META, ()):
        message = attempt["message"]
        if outcome == RECOVERED:
            message += "; a later attempt succeeded"
        yield FetchError(
            url, attempt["kind"], message, attempt["status"], attempt["at"],
            attempt["exception"], outcome,
        )  # fmt: skip


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, *args: Any, site: Site, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.site = site
        self.profile = site.profile
        self.rules = site.rules
        self.scheduled: set[str] = set()  # canonical URLs this run has already asked for
        self._canonical: dict[str, str | None] = {}
        # Set by the extraction pipeline when its workers read article pages' links.
        self.links_from_extraction = False
        # Host names without ports; the port is enforced by canonicalize() before scheduling.
        self.allowed_domains = sorted({h.split(":")[0] for h in site.profile.hosts})

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> PortalSpider:
        settings = crawler.settings
        name = kwargs.pop("profile", None) or settings.get("ARCHIVE_PROFILE")
        base_url = kwargs.pop("base_url", None) or settings.get("ARCHIVE_BASE_URL")
        spider = super().from_crawler(crawler, *args, site=load_site(name, base_url), **kwargs)
        spider.fetch_print = settings.getbool("ARCHIVE_FETCH_PRINT")
        spider.attachment_exts = tuple(settings.getlist("ARCHIVE_ATTACHMENT_EXTENSIONS"))
        spider.attachment_limit = settings.getint("ARCHIVE_ATTACHMENT_MAX_SIZE")
        spider.embeds = Embeds(settings, spider)
        crawler.signals.connect(spider.headers_received, signal=signals.headers_received)
        for signal in (signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider.links_settled, signal=signal)
        return spider

    def links_settled(self, item: Any, **_: Any) -> None:
        """A capture dropped or failed by a pipeline before the extraction pipeline (which
        always settles it) no longer keeps the page's links waiting: the page is read here."""
        if isinstance(item, PageCapture):
            item.settle()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        roots = self.rules.start_urls()
        self.scheduled.update(roots)
        for url in roots:
            yield self.request(url)

    def request(self, url: str, **meta: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, meta=meta)

    def revisit(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        capture: tuple[str, int] | None = None,
    ) -> scrapy.Request:
        """A conditional request for an archived article: 304 if unchanged (written as a revisit
        of `capture`, the capture the validators came from), 404/410 if gone."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return scrapy.Request(
            url, callback=self.parse, errback=self.on_error, headers=headers,
            meta={"revisit": True, "handle_httpstatus_list": REVISIT_STATUSES,
                  PREVIOUS_CAPTURE_META: capture},
        )  # fmt: skip

    def attachment(self, url: str, article_url: str | None) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_attachment, errback=self.on_error,
            meta={"attachment_of": article_url, "download_maxsize": self.attachment_limit},
        )  # fmt: skip

    def headers_received(self, headers, body_length: int, request: scrapy.Request, spider) -> None:
        """Over-limit attachments and embeds stop at their headers: recorded as skipped, never
        downloaded (their headers are still written to the WARC, marked truncated)."""
        request.meta[WIRE_LENGTH_META] = body_length
        if "attachment_of" in request.meta and body_length > self.attachment_limit:
            raise StopDownload(fail=False)
        if EMBED_META in request.meta and self.embeds.too_large(body_length):
            raise StopDownload(fail=False)

    async def parse(self, response: Response) -> AsyncIterator[Any]:
        for error in attempt_errors(response.request.url, response.meta, RECOVERED):
            yield error
        if response.meta.get("revisit") and response.status in REVISIT_STATUSES:
            for outcome in self.revisit_outcome(response):
                yield outcome
            return
        if not isinstance(response, scrapy.http.TextResponse):
            return  # images are not pages
        url = canonicalize(response.url, self.profile) or response.url
        info = self.rules.page_info(url)
        if info.kind == "article" and self.links_from_extraction:
            # The extraction worker parses the page anyway: its links come back from there
            # (None when the worker could not read the page: then it is read here).
            capture = self.capture(response, url, info.kind, info.print_id)
            waiting = capture.discovered = asyncio.get_running_loop().create_future()
            yield capture
            links = await waiting or self.page_links(response)
        else:
            links = self.page_links(response)
            if info.kind in ("article", "print"):
                yield self.capture(response, url, info.kind, info.print_id, links.image_alts)
        if info.kind in ("article", "print", "listing", "home") and response.status == 200:
            for found in self.embeds.of_requisites(links.requisites, url):
                yield found
        if info.kind == "print":
            return
        for request in self.follow_links(links.hrefs, response.url, url, info.kind):
            yield request

    @staticmethod
    def page_links(response: Response) -> PageLinks:
        """What a page links to, read here (pages that are not extracted)."""
        return page_links(response.selector, response.url, get_base_url(response))

    def parse_embed(self, response: Response) -> Iterator[Any]:
        yield from self.embeds.capture(response)

    def on_embed_error(self, failure: Failure) -> Iterator[Any]:
        yield self.embeds.failed(failure)

    def capture(
        self,
        response: Response,
        url: str,
        kind: str,
        print_id: int | None,
        image_alts: dict[str, str | None] | None = None,
    ) -> PageCapture:
        return PageCapture(
            url=url,
            fetched_url=response.url,
            kind=kind,
            status=response.status,
            headers=_header_dict(response),
            body=response.body,
            encoding=self.profile.encoding or response.encoding,
            fetched_at=utc_now(),
            article_url=response.meta.get("article_url") if kind == "print" else None,
            print_id=print_id,
            capture=response.meta.get(CAPTURE_META),
            image_alts=image_alts or {},
        )

    def revisit_outcome(self, response: Response) -> Iterator[NotModified | Gone]:
        url = canonicalize(response.url, self.profile) or response.url
        if response.status == 304:
            yield NotModified(url, utc_now())
        else:
            yield Gone(url, response.status, utc_now())

    def parse_attachment(self, response: Response) -> Iterator[AttachmentCapture]:
        stopped = "download_stopped" in response.flags
        length = response.meta.get(WIRE_LENGTH_META, -1)
        yield AttachmentCapture(
            url=canonicalize(response.url, self.profile) or response.url,
            article_url=response.meta.get("attachment_of"),
            status=response.status,
            headers=_header_dict(response),
            body=b"" if stopped else response.body,
            fetched_at=utc_now(),
            capture=response.meta.get(CAPTURE_META),
            skipped=f"larger than the limit of {self.attachment_limit} bytes" if stopped else None,
            declared_size=length if length >= 0 else None,
        )

    def canonical(self, href: str, base: str) -> str | None:
        """canonicalize(), remembered for links that do not depend on the page they are on
        (absolute and root-relative: the menu, related lists, latest news repeat everywhere)."""
        if not href.startswith(("/", "http:", "https:")) or href.startswith("//"):
            return canonicalize(href, self.profile, base=base)
        if href not in self._canonical:
            if len(self._canonical) >= CANONICAL_CACHE:
                self._canonical.clear()
            self._canonical[href] = canonicalize(href, self.profile, base=base)
        return self._canonical[href]

    def follow_links(
        self, hrefs: list[str], base: str, url: str, kind: str
    ) -> Iterator[scrapy.Request]:
        """Each page is asked for once: a link already scheduled makes no second Request (the
        duplicate filter would drop it, but only after Scrapy had paid for it). `hrefs` are
        the page's links as written, `base` the URL it was fetched from."""
        for href in hrefs:
            target = self.canonical(href, base)
            if target is None or target == url or target in self.scheduled:
                continue
            request = self.link_request(target, url, kind)
            if request is not None:
                self.scheduled.add(target)
                yield request

    def link_request(self, target: str, url: str, kind: str) -> scrapy.Request | None:
        if self.rules.is_attachment(target, self.attachment_exts):
            return self.attachment(target, url) if kind == "article" else None
        target_kind = self.rules.page_info(target).kind
        if target_kind in FOLLOW or (target_kind == "other" and self.profile.follow_other):
            return self.request(target)
        if target_kind == "print" and kind == "article" and self.fetch_print:
            return self.request(target, article_url=url)
        return None

    def on_error(self, failure: Failure) -> Iterator[FetchError]:
        request = failure.request
        if failure.check(IgnoreRequest) and not failure.check(HttpError, Refused):
            return  # robots.txt said no: a decision, not a failure
        if failure.check(CancelledError) and "attachment_of" in request.meta:
            yield self.oversized(request)
            return
        found = classify(failure.value)
        refused = failure.value if failure.check(Refused) else None
        outcome = refused.outcome if refused else FAILED
        url = (refused and refused.url) or request.url
        yield from attempt_errors(url, request.meta, outcome)
        self.logger.warning("Failed %s: %s", url, found.message)
        yield FetchError(
            url, found.kind, found.message, found.status, utc_now(), found.exception,
            outcome,
        )  # fmt: skip

    def oversized(self, request: scrapy.Request) -> AttachmentCapture:
        """An attachment whose size was unknown until it passed the limit mid-download."""
        return AttachmentCapture(
            url=canonicalize(request.url, self.profile) or request.url,
            article_url=request.meta.get("attachment_of"),
            status=None, headers={}, body=b"", fetched_at=utc_now(),
            skipped=f"exceeded the limit of {self.attachment_limit} bytes while downloading",
        )  # fmt: skip
