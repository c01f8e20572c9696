"""Links of interest on an article page."""

from __future__ import annotations

from urllib.parse import urljoin

from scraper.extraction.blocks import Block
from scraper.profiles import SiteProfile
from scraper.urls import canonicalize, page_info


def print_link(blocks: list[Block], url: str, profile: SiteProfile) -> int | None:
    """The print id from the page's print link ("In bài viết"), found by the print URL pattern."""
    for block in blocks:
        for href, _text in block.links:
            canonical = canonicalize(urljoin(url, href), profile)
            if canonical and (info := page_info(canonical, profile)).kind == "print":
                return info.print_id
    return None
