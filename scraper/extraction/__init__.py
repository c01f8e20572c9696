"""Extraction: a pure function of (URL, HTML, profile) -> `Extracted`.

It can be re-run at any time on stored captures. With a profile whose rules match the page, the
profile decides title, date, body region and author; otherwise generic rules (trafilatura plus
Vietnamese date and author heuristics) take over.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from scraper.extraction.blocks import parse_html, scrub, text_blocks
from scraper.extraction.body import Body, build_body
from scraper.extraction.dates import parse_date_line
from scraper.extraction.generic import generic_extract
from scraper.extraction.links import print_link
from scraper.extraction.page import layout
from scraper.extraction.text import nfc, squash
from scraper.profiles import SiteProfile
from scraper.urls import page_info

# Bump when a change can alter any extracted field; stored rows record the version.
EXTRACTOR_VERSION = "1"


@dataclass(frozen=True)
class Extracted:
    url: str
    title: str | None
    published: str | None
    published_raw: str | None
    date_problem: str | None
    author: str | None
    author_role: str | None
    category: str | None
    category_name: str | None
    print_id: int | None
    body_text: str
    body_html: str
    images: tuple[tuple[str, str], ...]
    links: tuple[str, ...]
    lang: str | None
    word_count: int
    content_hash: str
    method: str  # "profile" or "generic"
    extractor_version: str = EXTRACTOR_VERSION

    def as_dict(self) -> dict:
        data = asdict(self)
        data["images"] = [{"url": u, "caption": c} for u, c in self.images]
        data["links"] = list(self.links)
        return data


def content_hash(title: str | None, body_text: str, author: str | None) -> str:
    """Hash of what a reader sees as the article; counters and related lists are not in it."""
    parts = [squash(title or ""), squash(body_text), squash(author or "")]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def extract(
    url: str, html: str, profile: SiteProfile | None = None, now: datetime | None = None
) -> Extracted:
    """Extract one article page. `now` (site-local, naive) turns on the future-date check."""
    html = scrub(nfc(html))
    if profile is not None:
        profile = profile.for_url(url)
    root = parse_html(html)
    blocks = text_blocks(root)
    found = layout(blocks, profile) if profile else None
    if found is None:
        result = generic_extract(url, html, root, blocks, profile, now)
        if profile is None:
            return result
        # No date line for the profile's rules, but the URL still says where the page belongs.
        info = page_info(url, profile)
        return replace(
            result,
            category=info.category,
            category_name=profile.category_names.get(info.category or ""),
            print_id=info.print_id or print_link(blocks, url, profile),
        )
    body: Body = build_body(found.body, url)
    offset = profile.utc_offset
    date = parse_date_line(found.date_raw, offset, profile.date_order, now, profile.date_formats)
    info = page_info(url, profile)
    print_id = info.print_id or print_link(blocks, url, profile)
    return make_extracted(
        url,
        found.title,
        date,
        found.author.name if found.author else None,
        found.author.role if found.author else None,
        info.category,
        profile.category_names.get(info.category or ""),
        print_id,
        body,
        profile.lang,
        "profile",
    )


def make_extracted(
    url, title, date, author, role, category, category_name, print_id, body, lang, method
) -> Extracted:
    body_text = "\n\n".join(body.paragraphs)
    return Extracted(
        url=url,
        title=title,
        published=date.iso,
        published_raw=date.raw or None,
        date_problem=date.problem,
        author=author,
        author_role=role,
        category=category,
        category_name=category_name,
        print_id=print_id,
        body_text=body_text,
        body_html=body.html,
        images=body.images,
        links=body.links,
        lang=lang,
        word_count=len(body_text.split()),
        content_hash=content_hash(title, body_text, author),
        method=method,
    )
