"""The record one extraction yields from one page's HTML (`Extracted`), built by keywords."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from scraper.extraction.body import Body
from scraper.extraction.dates import ParsedDate
from scraper.extraction.text import squash

# Bump when a change can alter any extracted field; stored rows record the version.
# 3: title sources, labelled fields, noise lines, no microdata titles; 4: labelled source lines
EXTRACTOR_VERSION = "4"


@dataclass(frozen=True)
class Extracted:
    url: str
    title: str | None
    published: str | None
    published_raw: str | None
    date_problem: str | None
    published_precision: str | None  # "minute" or "day" (a print view prints the day only)
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
    source_credit: str | None = None  # the page's labelled source line (profile `fields.source`)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["images"] = [{"url": u, "caption": c} for u, c in self.images]
        data["links"] = list(self.links)
        return data


def content_hash(title: str | None, body_text: str, author: str | None) -> str:
    """Hash of what a reader sees as the article; counters and related lists are not in it."""
    parts = [squash(title or ""), squash(body_text), squash(author or "")]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def make_extracted(
    *,
    url: str,
    title: str | None,
    date: ParsedDate,
    author: str | None,
    role: str | None,
    category: str | None,
    category_name: str | None,
    print_id: int | None,
    body: Body,
    lang: str | None,
    method: str,
    source_credit: str | None = None,
) -> Extracted:
    body_text = "\n\n".join(body.paragraphs)
    return Extracted(
        url=url,
        title=title,
        published=date.iso,
        published_raw=date.raw or None,
        date_problem=date.problem,
        published_precision=date.precision,
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
        source_credit=source_credit,
    )
