"""Flatten an HTML document into text blocks in reading order.

The real site's markup is unknown, so later stages reason about *blocks of rendered text*
(what a person sees as a line or paragraph), not about tags or classes. Inline markup is glued
exactly as a browser glues it ("sau<span>đại</span>" renders "sauđại").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from scraper.extraction.text import clean_line

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
    ]
)
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "iframe",
        "object",
        "embed",
        "select",
        "option",
        "textarea",
        "button",
        "input",
        "svg",
        "canvas",
        "map",
    ]
)


@dataclass
class Block:
    """One rendered line or paragraph; `element` is the block-level element it came from."""

    text: str
    element: object
    html_parts: list[object] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    image: tuple[str, str] | None = None  # (src, alt) for an image-only block


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._links: list[tuple[str, str]] = []
        self._element: object = None

    def flush(self) -> None:
        text = clean_line("".join(self._text))
        if text:
            self.blocks.append(Block(text, self._element, links=self._links))
        self._text, self._links = [], []

    def walk(self, el: lxml_html.HtmlElement, block_el: object) -> None:
        # Runs for every element of every page: texts are emitted inline (no call when None).
        tag = el.tag
        if not isinstance(tag, str) or not tag:
            return
        tag = tag.lower()
        if tag in SKIP_TAGS:
            return
        is_block = tag in BLOCK_TAGS
        if is_block:
            self.flush()
            block_el = el
        if tag == "br":
            self.flush()
        elif tag == "img":
            self.flush()
            src = (el.get("src") or "").strip()
            if src:
                alt = clean_line(el.get("alt") or "")
                self.blocks.append(Block("", block_el, image=(src, alt)))
        texts = self._text
        start = len(texts)
        if text := el.text:
            if not texts:
                self._element = block_el
            texts.append(text)
        for child in el:
            self.walk(child, block_el)
            if tail := child.tail:
                texts = self._text  # a flush in the child started a new line
                if not texts:
                    self._element = block_el
                texts.append(tail)
        if tag == "a" and (href := el.get("href")):
            self._links.append((href.strip(), clean_line("".join(self._text[start:]))))
        if is_block:
            self.flush()


EMPTY_DOCUMENT = "<html><body></body></html>"
# Characters no HTML or XML tree may hold (lxml refuses strings with them), and an XML
# declaration naming an encoding, which lxml refuses on already decoded text.
_UNPARSABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def scrub(html: str) -> str:
    """The page without what no parser accepts (invisible in a browser anyway)."""
    return _XML_DECLARATION.sub("", _UNPARSABLE.sub("", html))


def parse_html(html: str) -> lxml_html.HtmlElement:
    """Parse leniently; broken nesting (documents inside documents) is the norm here, and so
    is junk: control characters, declarations, documents with nothing in them."""
    return parse_html_whole(html)[0]


def parse_html_whole(html: str) -> tuple[lxml_html.HtmlElement, bool]:
    """`parse_html`, and whether the tree holds the whole page: libxml2 stops at 256 nested
    elements (unclosed <font> tags from an editor get there) and drops what is deeper."""
    html = scrub(html)
    if not html.strip():
        html = EMPTY_DOCUMENT
    parser = lxml_html.HTMLParser()
    try:
        root = lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):  # e.g. only a comment: "Document is empty"
        return lxml_html.document_fromstring(EMPTY_DOCUMENT), True
    return root, not any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def text_blocks(root: lxml_html.HtmlElement) -> list[Block]:
    body = root.find("body")
    return text_blocks_within(body if body is not None else root)


def text_blocks_within(element: lxml_html.HtmlElement) -> list[Block]:
    """The blocks of one element, as `text_blocks` finds them in the whole page when the
    element is block-level (its own lines start and end with it)."""
    walker = _Walker()
    walker.walk(element, None)
    walker.flush()
    return walker.blocks
