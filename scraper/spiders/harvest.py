"""The incremental harvest: category listings newest first, stopping where the archive begins.

Requests, in order of need: conditional revisits of archived articles (the window, or all with
`--full`), attachments a killed run left unfetched, then page 1 of every category. A listing page
yields its new articles; the next page is walked while the page is within the first
ARCHIVE_HARVEST_DEPTH pages (pinned or back-dated posts sit below archived ones there) or still
holds anything new. Deeper pages are swept a slice per harvest: with D pages below the depth,
harvest number i walks slice i mod ARCHIVE_SWEEP_RUNS of ceil(D / ARCHIVE_SWEEP_RUNS) pages, so
every page is seen once per ARCHIVE_SWEEP_RUNS harvests without `--full`. Article pages yield
their capture and their attachments; nothing else on them is followed. `listing_pages` (category
-> page numbers walked) goes into the run's `crawls` row.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from scraper.spiders.portal import PortalSpider
from scraper.urls import canonicalize


class HarvestSpider(PortalSpider):
    name = "harvest"

    def __init__(self, *args: Any, frontier: Any = None, **kwargs: Any) -> None:
        """`frontier` is what the archive knows (archive.db.frontier.Frontier), loaded by the
        runner under the archive's lock; without it a harvest cannot tell new from archived."""
        super().__init__(*args, **kwargs)
        if frontier is None:
            raise ValueError(
                "the harvest spider needs the archive's frontier: run `portal-archive harvest` "
                "or `scrapy crawl harvest` (both load it under the archive's lock)"
            )
        self.frontier = frontier
        self.walked: dict[str, set[str]] = {}
        self.listing_pages: dict[str, list[int]] = {}  # recorded in the run's crawls row
        self.depth = 3
        self.sweep_runs = 28

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> HarvestSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.fetch_print = settings.getbool("ARCHIVE_HARVEST_PRINT")
        spider.depth = max(1, settings.getint("ARCHIVE_HARVEST_DEPTH"))
        spider.sweep_runs = max(1, settings.getint("ARCHIVE_SWEEP_RUNS"))
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for revisit in self.frontier.revisits:
            yield self.revisit(revisit.url, revisit.etag, revisit.last_modified, revisit.capture)
        for url, article_url in self.frontier.pending_attachments:
            yield self.attachment(url, article_url)
        for url in self.rules.listing_urls():
            yield self.listing(url)

    def listing(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_listing, errback=self.on_error)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        url = canonicalize(response.url, self.profile) or response.url
        info = self.rules.page_info(url)
        page = info.page or 1
        self.listing_pages.setdefault(info.category or "", []).append(page)
        articles, next_page, others = [], None, {}
        for href in response.xpath("//a/@href").getall():
            target = canonicalize(href, self.profile, base=response.url)
            target_info = self.rules.page_info(target) if target else None
            if target_info is None or target_info.category != info.category:
                continue
            if target_info.kind == "article":
                articles.append(target)
            elif target_info.kind == "listing":
                others[target_info.page or 1] = target
                if self.rules.is_next_page(info, target_info):
                    next_page = target
        fresh = fresh_links(articles, self.walked.setdefault(info.category or "", set()))
        for article in fresh:
            revisited = self.frontier.full and article in self.frontier.archived
            if article not in self.frontier.settled and not revisited:
                yield self.request(article)
        if next_page and (page < self.depth or keep_paging(fresh, self.frontier)):
            yield self.listing(next_page)
        if page == 1 and not self.frontier.full:
            yield from self.sweep(others)

    def sweep(self, pages: dict[int, str]) -> Iterator[scrapy.Request]:
        """This harvest's slice of a category's pages below the depth (from page 1's links)."""
        last = max(pages, default=1)
        numbers = sweep_slice(last, self.depth, self.sweep_runs, self.frontier.sweep_index)
        example = next((url for number, url in pages.items() if number > 1), None)
        for number in numbers:
            url = self.rules.listing_page_url(example, number) if example else None
            if url:
                yield self.listing(url)

    def follow_links(
        self, hrefs: list[str], base: str, url: str, kind: str
    ) -> Iterator[scrapy.Request]:
        """On an article page: its attachments (unless archived) and, if asked, its print view
        (its requisites are asked for by `parse`, as in a crawl)."""
        if kind != "article":
            return
        for href in hrefs:
            target = canonicalize(href, self.profile, base=base)
            if target is None:
                continue
            if self.rules.is_attachment(target, self.attachment_exts):
                if target not in self.frontier.attachments:
                    yield self.attachment(target, url)
            elif self.fetch_print and self.rules.page_info(target).kind == "print":
                yield self.request(target, article_url=url)


def fresh_links(links: list[str], seen: set[str]) -> list[str]:
    """The links of a listing page not already seen earlier in the same category walk (the
    site-wide "latest news" box repeats on every page and must not keep a walk going)."""
    fresh = [link for link in dict.fromkeys(links) if link not in seen]
    seen.update(links)
    return fresh


def sweep_slice(last: int, depth: int, runs: int, index: int) -> range:
    """The listing pages below `depth` (of `last`) that harvest number `index` sweeps: slices of
    ceil(D / runs) pages in turn, so each of the D deeper pages comes once every `runs` runs."""
    deeper = last - depth
    if deeper <= 0:
        return range(0)
    size = math.ceil(deeper / runs)
    start = depth + 1 + (index % runs) * size
    return range(start, min(start + size, last + 1))


def keep_paging(fresh: list[str], frontier: Any) -> bool:
    """Page on while a listing page holds any article a finished run has not archived."""
    return frontier.full or any(link not in frontier.settled for link in fresh)
