"""Links of interest on an article page."""

from __future__ import annotations

from scraper.extraction.blocks import Block
from scraper.extraction.body import absolute
from scraper.sites import Site
from scraper.urls import canonicalize


def print_link(blocks: list[Block], url: str, site: Site) -> int | None:
    """The print id from the page's print link: links named like the profile's print link
    first (a cheap text test), then any link matching the print URL pattern."""
    links = [link for block in blocks for link in block.links]
    name = site.profile.print_link_text
    named = [link for link in links if name and link[1] == name]
    for href, _text in named + links:
        canonical = canonicalize(absolute(url, href), site.profile)
        if canonical and (info := site.page_info(canonical)).kind == "print":
            return info.print_id
    return None
