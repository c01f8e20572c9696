"""The incremental harvest: category listings newest first, stopping where the archive begins.

Requests, in order of need: conditional revisits of archived articles (the window, or all with
`--full`), attachments a killed run left unfetched, then page 1 of every category. A listing page
yields its new articles and, while it still holds any, the next page. Article pages yield their
capture and their attachments; nothing else on them is followed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from scraper.frontier import Frontier, fresh_links, keep_paging
from scraper.spiders.portal import PortalSpider
from scraper.urls import canonicalize, is_attachment, page_info


class HarvestSpider(PortalSpider):
    name = "harvest"

    def __init__(self, *args: Any, frontier: Frontier | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if frontier is None:
            self.logger.warning("No frontier given: harvesting as if the archive were empty")
        self.frontier = frontier or Frontier()
        self.walked: dict[str, set[str]] = {}

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> HarvestSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.fetch_print = crawler.settings.getbool("ARCHIVE_HARVEST_PRINT")
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for revisit in self.frontier.revisits:
            yield self.revisit(revisit.url, revisit.etag, revisit.last_modified)
        for url, article_url in self.frontier.pending_attachments:
            yield self.attachment(url, article_url)
        for slug, _name in self.profile.categories:
            yield self.listing(f"{self.profile.base_url}{slug}/")

    def listing(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_listing, errback=self.on_error)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        url = canonicalize(response.url, self.profile) or response.url
        info = page_info(url, self.profile)
        articles, next_page = [], None
        for href in response.xpath("//a/@href").getall():
            target = canonicalize(href, self.profile, base=response.url)
            target_info = page_info(target, self.profile) if target else None
            if target_info is None or target_info.category != info.category:
                continue
            if target_info.kind == "article":
                articles.append(target)
            elif target_info.kind == "listing" and target_info.page == (info.page or 1) + 1:
                next_page = target
        fresh = fresh_links(articles, self.walked.setdefault(info.category or "", set()))
        for article in fresh:
            revisited = self.frontier.full and article in self.frontier.archived
            if article not in self.frontier.settled and not revisited:
                yield self.request(article)
        if next_page and keep_paging(fresh, self.frontier):
            yield self.listing(next_page)

    def follow_links(self, response: Response, url: str, kind: str) -> Iterator[scrapy.Request]:
        """On an article page: its attachments (unless archived) and, if asked, its print view."""
        if kind != "article":
            return
        for href in response.xpath("//a/@href").getall():
            target = canonicalize(href, self.profile, base=response.url)
            if target is None:
                continue
            if is_attachment(target, self.attachment_exts):
                if target not in self.frontier.attachments:
                    yield self.attachment(target, url)
            elif self.fetch_print and page_info(target, self.profile).kind == "print":
                yield self.request(target, article_url=url)
