"""Profile rules: find the date line by its text, the title by its repetition, the body between
the date line and the action bar, and the author by the shape and place of its lines. A print
view has its own date line (the day only) with the title line after it, and no chrome.

They never depend on tag names or classes, so they hold on markup other than the replica's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.extraction.authors import Author, end_author, top_author
from scraper.extraction.blocks import Block
from scraper.extraction.labelled import drop_noise, take_fields
from scraper.extraction.text import casefold, is_upper_text
from scraper.sites.profile import SiteProfile

_TOOL_LINE = re.compile(r"^[\d\s|.,:]+$")  # "9 10 179": print/mail icons and the view count
MAX_TITLE_WORDS = 60
MAX_MARKER_WORDS = 12


@dataclass(frozen=True)
class Layout:
    title: str | None
    date_raw: str | None
    body: list[Block]
    author: Author | None
    source: str | None = None  # a labelled source line ("Nguồn: Báo Phú Thọ"), as printed


def find_date(blocks: list[Block], pattern: re.Pattern[str] | None) -> tuple[int, str] | None:
    if pattern is None:
        return None
    for i, block in enumerate(blocks):
        match = pattern.search(block.text)
        if match:
            return i, match.group(0)
    return None


def in_organization(element: object) -> bool:
    """Inside schema.org Organization (or Person) microdata: the publisher's name and logo
    URL that a CMS prints, often hidden, next to the article's heading; never its title."""
    node = element
    while node is not None and hasattr(node, "get"):
        itemtype = node.get("itemtype") or ""
        if itemtype.rstrip("/").endswith(("/Organization", "/Person", "/ImageObject")):
            return True
        node = node.getparent()
    return False


def _is_heading_candidate(text: str, element: object = None) -> bool:
    return (
        bool(text)
        and not _TOOL_LINE.match(text)
        and len(text.split()) <= MAX_TITLE_WORDS
        and not in_organization(element)
    )


def find_title(blocks: list[Block], date_index: int) -> str | None:
    """The heading is the last text before the date line; the title is its first occurrence.

    The heading may be ALL CAPS or carry an ALL-CAPS prefix and a colon ("TIN HOẠT ĐỘNG: …"),
    so an earlier line equal to it ignoring case, or equal to its part after the prefix, is the
    title as published. Without a repetition the heading itself is the title.
    """
    heading_at = next(
        (
            i
            for i in range(date_index - 1, -1, -1)
            if _is_heading_candidate(blocks[i].text, blocks[i].element)
        ),
        None,
    )
    if heading_at is None:
        return None
    heading = blocks[heading_at].text
    wanted = {casefold(heading)}
    prefix, sep, rest = heading.partition(":")
    if sep and is_upper_text(prefix) and rest.strip():
        wanted.add(casefold(rest))
    for block in blocks[:heading_at]:
        if casefold(block.text) in wanted:
            return block.text
    return heading


def find_body_end(blocks: list[Block], start: int, markers: tuple[str, ...]) -> int:
    for i in range(start, len(blocks)):
        text = blocks[i].text
        # Short lines only: a paragraph that merely begins with "Trở về" is body text.
        if (
            text
            and len(text.split()) <= MAX_MARKER_WORDS
            and any(text.startswith(m) for m in markers)
        ):
            return i
    return len(blocks)


def layout(blocks: list[Block], profile: SiteProfile) -> Layout | None:
    """Apply the profile's rules; None when the page has no date line (not an article page)."""
    found = find_date(blocks, profile.article_date)
    if found is None:
        return None
    date_index, date_raw = found
    return _with_body(blocks, date_index + 1, profile, find_title(blocks, date_index), date_raw)


def print_layout(blocks: list[Block], profile: SiteProfile) -> Layout | None:
    """A print view: its date line (profile `dates.print`), the title line right after it,
    then the body; None when the page has no such date line."""
    found = find_date(blocks, profile.print_date)
    if found is None:
        return None
    date_index, date_raw = found
    title_at = next(
        (
            i
            for i in range(date_index + 1, len(blocks))
            if _is_heading_candidate(blocks[i].text, blocks[i].element)
        ),
        None,
    )
    if title_at is None:
        return None
    return _with_body(blocks, title_at + 1, profile, blocks[title_at].text, date_raw)


def _with_body(
    blocks: list[Block], start: int, profile: SiteProfile, title: str | None, date_raw: str
) -> Layout:
    """The body from `start` to the action bar without the profile's noise lines, with its
    author taken out: a labelled line (`fields: author`), else the line(s) at top or end."""
    end = find_body_end(blocks, start, profile.body_end_markers)
    labelled, body = take_fields(drop_noise(blocks[start:end], profile), profile)
    source = labelled.get("source")
    if "author" in labelled:
        author = Author(labelled["author"], labelled.get("author_role"), 0)
        return Layout(title, date_raw, body, author, source)
    texts = [b.text for b in body if b.text]
    author = top_author(texts, profile)
    if author:
        body = drop_text_lines(body, author.lines, from_end=False)
    else:
        author = end_author(texts, profile)
        if author:
            body = drop_text_lines(body, author.lines, from_end=True)
    return Layout(title, date_raw, body, author, source)


def drop_text_lines(body: list[Block], count: int, from_end: bool) -> list[Block]:
    """Remove `count` text blocks from one end (images in between are kept)."""
    result = list(reversed(body)) if from_end else list(body)
    kept: list[Block] = []
    for block in result:
        if count and block.text:
            count -= 1
            continue
        kept.append(block)
    return list(reversed(kept)) if from_end else kept
