"""The `portal` spider: discovers and fetches; it extracts nothing and stores nothing.

Discovery follows the menu, category listings and their pagination, article pages, and each
article's print view. Every link is canonicalised before it is scheduled, so alias hosts and URL
variants never make a second request for one page; forms are never submitted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper.failures import FAILED, RECOVERED, Refused, classify
from scraper.items import FetchError, PageCapture, utc_now
from scraper.middlewares import FAILURES_META
from scraper.profiles import SiteProfile, load_profile
from scraper.urls import canonicalize, page_info

FOLLOW = ("home", "listing", "article")


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

    def __init__(self, *args: Any, profile: SiteProfile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.profile = profile
        # Host names without ports; the port is enforced by canonicalize() before scheduling.
        self.allowed_domains = sorted({h.split(":")[0] for h in profile.hosts})

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> PortalSpider:
        settings = crawler.settings
        name = kwargs.pop("profile", None) or settings.get("ARCHIVE_PROFILE")
        base_url = kwargs.pop("base_url", None) or settings.get("ARCHIVE_BASE_URL")
        spider = super().from_crawler(
            crawler, *args, profile=load_profile(name, base_url), **kwargs
        )
        spider.fetch_print = settings.getbool("ARCHIVE_FETCH_PRINT")
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # The home page carries the menu; listing roots are also seeded from the profile in
        # case the real menu is built by a script we cannot run.
        yield self.request(self.profile.base_url)
        for slug, _name in self.profile.categories:
            yield self.request(f"{self.profile.base_url}{slug}/")

    def request(self, url: str, **meta: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, meta=meta)

    def parse(self, response: Response) -> Iterator[Any]:
        yield from attempt_errors(response.request.url, response.meta, RECOVERED)
        if not isinstance(response, scrapy.http.TextResponse):
            return  # images and attachments are not pages (captured by a later stage)
        url = canonicalize(response.url, self.profile) or response.url
        info = page_info(url, self.profile)
        if info.kind in ("article", "print"):
            yield self.capture(response, url, info.kind, info.print_id)
        if info.kind == "print":
            return
        yield from self.follow_links(response, url, info.kind)

    def capture(self, response: Response, url: str, kind: str, print_id: int | None) -> PageCapture:
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
        )

    def follow_links(self, response: Response, url: str, kind: str) -> Iterator[scrapy.Request]:
        for href in response.xpath("//a/@href").getall():
            target = canonicalize(href, self.profile, base=response.url)
            if target is None or target == url:
                continue
            target_kind = page_info(target, self.profile).kind
            if target_kind in FOLLOW or (target_kind == "other" and self.profile.follow_other):
                yield self.request(target)
            elif target_kind == "print" and kind == "article" and self.fetch_print:
                yield self.request(target, article_url=url)

    def on_error(self, failure: Failure) -> Iterator[FetchError]:
        request = failure.request
        if failure.check(IgnoreRequest) and not failure.check(HttpError, Refused):
            return  # robots.txt said no: a decision, not a failure
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
