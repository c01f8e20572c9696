"""The article body from a run of text blocks: paragraphs, images with captions, safe HTML."""

from __future__ import annotations

import html as html_lib
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from scraper.extraction.blocks import BLOCK_TAGS, Block
from scraper.extraction.sanitize import sanitize_html

MAX_CAPTION_WORDS = 40


@dataclass(frozen=True)
class Body:
    paragraphs: tuple[str, ...]
    html: str
    images: tuple[tuple[str, str], ...]  # (absolute URL, caption)
    links: tuple[str, ...]  # absolute URLs, in order, unique


def _inner_html(element: object) -> str:
    parts = [html_lib.escape(element.text or "", quote=False)]
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in element]
    return "".join(parts).strip().lstrip("\u00a0 ")


def _owns_markup(element: object) -> bool:
    """True when the element holds inline markup only (its HTML is exactly one paragraph)."""
    return not any(
        isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS for el in element.iterdescendants()
    )


def _caption_after(blocks: list[Block], index: int) -> str:
    if index + 1 < len(blocks):
        nxt = blocks[index + 1]
        if nxt.text and len(nxt.text.split()) <= MAX_CAPTION_WORDS:
            return nxt.text
    return blocks[index].image[1] if blocks[index].image else ""


def build_body(blocks: list[Block], url: str) -> Body:
    """Assemble paragraphs and sanitised HTML; a block's own markup is kept when it owns its
    element alone, otherwise its text stands in (never two copies of one element)."""
    owners = Counter(id(b.element) for b in blocks if b.element is not None)
    paragraphs: list[str] = []
    images: list[tuple[str, str]] = []
    links: dict[str, None] = {}
    html_parts: list[str] = []
    for i, block in enumerate(blocks):
        if block.image:
            src = urljoin(url, block.image[0])
            images.append((src, _caption_after(blocks, i)))
            alt = html_lib.escape(block.image[1])
            html_parts.append(f'<figure><img src="{html_lib.escape(src)}" alt="{alt}"></figure>')
            continue
        paragraphs.append(block.text)
        for href, _text in block.links:
            links[urljoin(url, href)] = None
        if (
            block.element is not None
            and owners[id(block.element)] == 1
            and _owns_markup(block.element)
        ):
            html_parts.append(f"<p>{_inner_html(block.element)}</p>")
        else:
            html_parts.append(f"<p>{html_lib.escape(block.text, quote=False)}</p>")
    return Body(
        tuple(paragraphs),
        sanitize_html("\n".join(html_parts)),
        tuple(images),
        tuple(u for u in links if u.startswith(("http://", "https://"))),
    )
