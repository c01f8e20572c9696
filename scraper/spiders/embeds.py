"""Embeds: the requisites of archived pages (pictures, stylesheets, scripts, fonts), fetched so
a replay shows the page as it was; never followed as links.

Each URL is asked for once per crawl. Those on the site's hosts go through the ordinary
politeness (robots.txt, delays); those on other hosts are fetched as embeds only (a browser
showing the page fetches them too): no page of another host is ever requested, robots.txt of
that host is not consulted, and they go through ARCHIVE_EMBED_PROXY when one is set. Limits
per page and per crawl are recorded when hit. Failures are facts about a picture, never about
the crawl: they land in `images` with a reason, and the crawl's status does not change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from scraper.failures import SKIPPED, classify
from scraper.items import (
    CAPTURE_META,
    EMBED_META,
    WIRE_LENGTH_META,
    EmbedCapture,
    FetchError,
    utc_now,
)
from scraper.requisites import Requisite, stylesheet_requisites, unfetchable
from scraper.urls import canonicalize

OFF = ("0", "false", "off", "no")


def _headers(response: Response) -> dict[str, str]:
    return {
        k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()
    }


class Embeds:
    """One crawl's embed requests: settings read once, the URLs already asked for."""

    def __init__(self, settings, spider) -> None:
        self.spider = spider
        self.enabled = str(settings.get("ARCHIVE_CAPTURE_EMBEDS")).strip().lower() not in OFF
        self.max_size = settings.getint("ARCHIVE_EMBED_MAX_SIZE")
        self.timeout = settings.getfloat("ARCHIVE_EMBED_TIMEOUT")
        self.per_page = settings.getint("ARCHIVE_EMBEDS_PER_PAGE")
        self.per_crawl = settings.getint("ARCHIVE_EMBEDS_PER_CRAWL")
        self.proxy = settings.get("ARCHIVE_EMBED_PROXY")
        self.requested: set[str] = set()

    def of_requisites(self, requisites: list[Requisite], page_url: str) -> Iterator[Any]:
        """Requests (or reasons) for the requisites of an archived page, as read from it
        (`scraper.outlinks`)."""
        if self.enabled:
            yield from self._for(requisites, page_url)

    def of_stylesheet(self, response: Response, page_url: str) -> Iterator[Any]:
        if self.enabled and isinstance(response, scrapy.http.TextResponse):
            yield from self._for(stylesheet_requisites(response.text, response.url), page_url)

    def _for(self, requisites: list[Requisite], page_url: str) -> Iterator[Any]:
        fresh = [r for r in requisites if r.url not in self.requested]
        for n, requisite in enumerate(fresh):
            self.requested.add(requisite.url)
            why = unfetchable(requisite.url)
            if why is None and n >= self.per_page > 0:
                why = f"not fetched: over ARCHIVE_EMBEDS_PER_PAGE={self.per_page} on {page_url}"
            elif why is None and len(self.requested) > self.per_crawl > 0:
                why = f"not fetched: over ARCHIVE_EMBEDS_PER_CRAWL={self.per_crawl}"
            if why is None:
                yield self.request(requisite, page_url)
            else:
                yield self.reason(requisite, page_url, why)
                if why.startswith("not fetched"):
                    self.spider.crawler.stats.inc_value("archive/limit/embed")
                    yield FetchError(requisite.url, "embed-limit", why, occurred_at=utc_now(),
                                     outcome=SKIPPED)  # fmt: skip

    def request(self, requisite: Requisite, page_url: str) -> scrapy.Request:
        spider = self.spider
        target = canonicalize(requisite.url, spider.profile)
        meta: dict[str, Any] = {
            EMBED_META: (requisite.url, page_url, requisite.kind),
            "download_maxsize": self.max_size,
            "download_timeout": self.timeout,
            "max_retry_times": 1,
            "handle_httpstatus_all": True,
        }
        if target is None:  # another host: an embed only, never a crawl of that host
            meta.update(allow_offsite=True, dont_obey_robotstxt=True)
            if self.proxy:
                meta["proxy"] = self.proxy
        return scrapy.Request(
            target or requisite.url, callback=spider.parse_embed, errback=spider.on_embed_error,
            meta=meta, dont_filter=True,
        )  # fmt: skip

    def reason(self, requisite: Requisite, page_url: str, why: str) -> EmbedCapture:
        return EmbedCapture(
            url=requisite.url, page_url=page_url, kind=requisite.kind, status=None, headers={},
            body=b"", fetched_at=utc_now(), reason=why, outcome="skipped",
        )  # fmt: skip

    def too_large(self, declared: int) -> bool:
        return declared > self.max_size > 0

    def capture(self, response: Response) -> Iterator[Any]:
        """What an embed's response says about it; a stylesheet's own requisites follow."""
        url, page_url, kind = response.meta[EMBED_META]
        stopped = "download_stopped" in response.flags
        length = response.meta.get(WIRE_LENGTH_META, -1)
        declared = length if length >= 0 else None
        item = EmbedCapture(
            url=url, page_url=page_url, kind=kind, status=response.status,
            headers=_headers(response), body=b"" if stopped else response.body,
            fetched_at=utc_now(), capture=response.meta.get(CAPTURE_META),
            declared_size=declared,
        )  # fmt: skip
        if stopped:
            item.reason = f"larger than ARCHIVE_EMBED_MAX_SIZE={self.max_size} bytes"
            item.outcome = "skipped"
        elif response.status != 200:
            item.reason, item.outcome = f"HTTP {response.status}", "error"
        yield item
        if kind == "stylesheet" and response.status == 200 and not stopped:
            yield from self.of_stylesheet(response, page_url)

    def failed(self, failure: Failure) -> EmbedCapture:
        url, page_url, kind = failure.request.meta[EMBED_META]
        found = classify(failure.value)
        if found.kind == "too-large":  # no declared size; it passed the limit mid-download
            reason = f"larger than ARCHIVE_EMBED_MAX_SIZE={self.max_size} bytes while downloading"
            outcome = "skipped"
        else:
            reason, outcome = f"{found.kind}: {found.message}", "failed"
        return EmbedCapture(
            url=url, page_url=page_url, kind=kind, status=found.status, headers={}, body=b"",
            fetched_at=utc_now(), reason=reason, outcome=outcome,
        )  # fmt: skip
