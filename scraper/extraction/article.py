"""Extraction of one article page from its HTML: a pure function of (URL, HTML, site).

With a site whose rules match the page, the profile decides title, date, body region and
author; otherwise generic rules (trafilatura plus Vietnamese date and author heuristics) take
over. `scraper.extraction.extract_page` wraps this with decoding, limits and the derived parts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from lxml.html import HtmlElement

from scraper.extraction.blocks import parse_html, text_blocks
from scraper.extraction.body import Body, build_body
from scraper.extraction.dates import parse_date_line
from scraper.extraction.generic import generic_extract
from scraper.extraction.links import print_link
from scraper.extraction.record import Extracted, make_extracted
from scraper.extraction.text import nfc
from scraper.extraction.titles import pick_title
from scraper.sites import Site


def extract(
    url: str, html: str, site: Site | None = None, now: datetime | None = None
) -> Extracted:
    """Extract one article page. `now` (site-local, naive) turns on the future-date check."""
    return extract_tree(url, parse_html(nfc(html)), site, now)


def extract_tree(
    url: str, root: HtmlElement, site: Site | None = None, now: datetime | None = None
) -> Extracted:
    """`extract` on a page parsed by `parse_html` from its NFC text. The tree is extraction's
    own from here: the generic rules prune it."""
    if site is not None:
        site = site.for_url(url)
    profile = site.profile if site else None
    if site is None:  # generic rules only: they read the page's lines only if they need them
        return generic_extract(url, root, None, None, now)
    blocks = text_blocks(root)
    info = site.page_info(url)
    found = site.rules.layout(blocks, info.kind)
    if found is None:
        result = generic_extract(url, root, blocks, profile, now)
        # No date line for the profile's rules, but the URL still says where the page belongs.
        return replace(
            result,
            category=info.category,
            category_name=profile.category_names.get(info.category or ""),
            print_id=info.print_id or print_link(blocks, url, site),
        )
    body: Body = build_body(found.body, url)
    title = pick_title(found.title, root, profile) if info.kind != "print" else found.title
    date = parse_date_line(
        found.date_raw, profile.utc_offset, profile.date_order, now, profile.date_formats
    )
    return make_extracted(
        url=url,
        title=title,
        date=date,
        author=found.author.name if found.author else None,
        role=found.author.role if found.author else None,
        category=info.category,
        category_name=profile.category_names.get(info.category or ""),
        print_id=info.print_id or print_link(blocks, url, site),
        body=body,
        lang=profile.lang,
        method="profile",
        source_credit=found.source,
    )
