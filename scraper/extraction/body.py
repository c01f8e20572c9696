"""The article body from a run of text blocks: paragraphs, images with captions, safe HTML."""

from __future__ import annotations

import html as html_lib
from collections.abc import Mapping
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


def absolute(base: str, value: str) -> str:
    """`value` resolved against `base`; a malformed URL ("http://[x") stays as written (the
    sanitiser then drops what is not a safe http(s) link)."""
    try:
        return urljoin(base, value.strip())
    except ValueError:
        return value


def _inner_html(element: object, url: str) -> str:
    # Stored HTML must not depend on a base URL.
    for node in element.iter("a", "img"):
        for attr in ("href", "src"):
            if value := node.get(attr):
                node.set(attr, absolute(url, value))
    parts = [html_lib.escape(element.text or "", quote=False)]
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in element]
    return "".join(parts).strip().lstrip("\u00a0 ")


def _owns_markup(element: object) -> bool:
    """True when the element holds inline markup only (its HTML is exactly one paragraph)."""
    return not any(
        isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS for el in element.iterdescendants()
    )


def _caption_at(blocks: list[Block], index: int) -> int | None:
    """The index of the image's caption: the short text right after it, if any."""
    if index + 1 < len(blocks):
        nxt = blocks[index + 1]
        if nxt.text and not nxt.image and len(nxt.text.split()) <= MAX_CAPTION_WORDS:
            return index + 1
    return None


def build_body(blocks: list[Block], url: str, captions: Mapping[str, str] | None = None) -> Body:
    """Assemble paragraphs and sanitised HTML. An element holding only inline markup is kept
    as one paragraph of its own HTML (images inside it included); any other block stands in as
    its text, so no element is ever emitted twice.

    An image's caption is the short text after it, which stays a paragraph too (the portal
    prints captions as lines of the body). With `captions` (absolute image URL -> caption, as
    the page's own <figcaption>s say), those are the captions, kept once: with the image, not
    again as a paragraph."""
    paragraphs: list[str] = []
    images: list[tuple[str, str]] = []
    links: dict[str, None] = {}
    html_parts: list[str] = []
    emitted: set[int] = set()
    known = set((captions or {}).values())
    for i, block in enumerate(blocks):
        if block.image:
            src = absolute(url, block.image[0])
            if captions is None:
                at = _caption_at(blocks, i)
                caption = blocks[at].text if at is not None else block.image[1]
            else:
                caption = captions.get(src) or block.image[1]
            images.append((src, caption))
        elif block.text not in known:
            paragraphs.append(block.text)
            links.update((absolute(url, href), None) for href, _text in block.links)
        element = block.element
        if element is not None and id(element) in emitted:
            continue
        if element is not None and _owns_markup(element):
            emitted.add(id(element))
            html_parts.append(f"<p>{_inner_html(element, url)}</p>")
        elif block.image:
            src, alt = html_lib.escape(images[-1][0]), html_lib.escape(block.image[1])
            html_parts.append(f'<figure><img src="{src}" alt="{alt}"></figure>')
        else:
            html_parts.append(f"<p>{html_lib.escape(block.text, quote=False)}</p>")
    return Body(
        tuple(paragraphs),
        sanitize_html("\n".join(html_parts)),
        tuple(images),
        tuple(u for u in links if u.startswith(("http://", "https://"))),
    )
