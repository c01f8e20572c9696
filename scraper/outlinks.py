"""What a page points to, read from one parse: its links, its requisites and the alt text of
its pictures.

The crawl reads an article page once, in the extraction worker, which parses it anyway; the
spider then schedules from the result (`PageLinks`) without parsing the page again. Pages that
are not extracted (listings, print views), and an article whose extraction failed, are read in
the spider's process by the same function, so both ways find the same things. Where the tree
extraction reads is not the page as served (cut, not NFC, nested past the parser's depth), the
worker reads the links from a parse of the page as served (`read_page`).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from parsel import Selector
from w3lib.html import get_base_url

from scraper.requisites import Requisite, page_requisites

BASE_SCAN_CHARS = 4096  # where a <base href> is looked for (as Scrapy's response.urljoin does)


@dataclass(frozen=True)
class PageLinks:
    hrefs: list[str]  # every <a href> as written, in document order
    requisites: list[Requisite]  # scraper.requisites.page_requisites
    image_alts: dict[str, str | None]  # absolute picture URL -> its alt text (first <img>)


def page_base(html: str, url: str) -> str:
    """The URL relative links of a page resolve against: its <base href>, else `url`."""
    return get_base_url(html[:BASE_SCAN_CHARS], url)


def page_links(selector: Selector, url: str, base: str) -> PageLinks:
    """The links of a parsed page fetched from `url`. Links and requisites resolve against
    `url`, as the crawl always has; pictures against the page's `base` (`page_base`), as
    Scrapy's `response.urljoin` resolves them."""
    alts: dict[str, str | None] = {}
    for img in selector.xpath("//img[@src]"):
        alts.setdefault(urljoin(base, img.attrib["src"].strip()), img.attrib.get("alt"))
    return PageLinks(
        hrefs=selector.xpath("//a/@href").getall(),
        requisites=page_requisites(selector, url),
        image_alts=alts,
    )
