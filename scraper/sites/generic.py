"""Rules of the generic profile (`generic.yaml`): what a URL is, judged by its shape alone.

The crawl that uses them (`scraper.spiders.discover`) decides page by page which pages are
articles; these rules give the prior every component shares (the trap-depth limit counts links
through pages that look like nothing), and send every page to the generic extraction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scraper.sites.rules import SiteRules
from scraper.sites.shapes import is_print_url, url_hint
from scraper.urls import PageInfo

if TYPE_CHECKING:
    from scraper.extraction.blocks import Block
    from scraper.extraction.page import Layout

_KINDS = {"home": "home", "listing": "listing", "article": "article"}


class GenericRules(SiteRules):
    def listing_urls(self) -> list[str]:
        return []  # no categories are known before the crawl

    def page_info(self, url: str) -> PageInfo:
        if is_print_url(url):
            return PageInfo("print")
        return PageInfo(_KINDS.get(url_hint(url), "other"))

    def is_next_page(self, current: PageInfo, target: PageInfo) -> bool:
        return False  # listings are walked by their links, not by page numbers

    def listing_page_url(self, other_page: str, page: int) -> str | None:
        return None

    def layout(self, blocks: list[Block], kind: str = "article") -> Layout | None:
        return None  # the generic extraction reads every page
