"""What a fetched page looks like, cheaply, before any extraction: is it one article?

A news article has one block of running text (its body) that holds most of the page's long
paragraphs; a listing has many short leads side by side, a forum thread many posts of similar
weight, a shop prices and carts. These signals let a crawl of an unknown portal send only
article-like pages to extraction (`looks_like_article`), so a site that is not a news portal
yields few rows, not thousands of junk ones.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import html as lxml_html

from scraper.extraction.generic import GENERIC_DATE
from scraper.extraction.text import clean_line

LONG_PARAGRAPH = 8  # words: a paragraph of running text, not a caption or a button
MIN_BODY_WORDS = 60  # words of running text in the main block of an article page
MIN_MAIN_SHARE = 0.6  # the main block's share of the page's running text
_PRICE = re.compile(
    r"\d[\d.,]*\s?(?:₫|đ\b|VNĐ|VND|USD|\$)|\$\s?\d|"
    r"\b(?:giỏ hàng|thêm vào giỏ|mua ngay|add to cart|buy now|checkout|thanh toán)\b",
    re.I,
)
_LD_TYPE = re.compile(r'"@type"\s*:\s*"([A-Za-z]+)"')
ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "report", "reportagenewsarticle"}
NOT_ARTICLE_TYPES = {"product", "offer", "discussionforumposting", "profilepage", "qapage"}


@dataclass(frozen=True)
class PageSignals:
    main_words: int  # words of long paragraphs in the block that holds most of them
    all_words: int  # words of long paragraphs on the whole page
    main_paragraphs: int
    dates: int  # short lines that are a date line
    commerce: int  # prices, carts, "buy now"
    declared: str | None  # og:type or a JSON-LD @type, lower case
    title: str | None  # the page's <title>
    lines: tuple[str, ...] = ()  # the page's text lines (for learning body end markers)

    @property
    def main_share(self) -> float:
        return self.main_words / self.all_words if self.all_words else 0.0


def _declared(root) -> str | None:
    og = root.xpath('//meta[@property="og:type"]/@content')
    if og and og[0].strip():
        return og[0].strip().lower()
    for script in root.xpath('//script[@type="application/ld+json"]/text()'):
        for found in _LD_TYPE.findall(script):
            if found.lower() in ARTICLE_TYPES | NOT_ARTICLE_TYPES:
                return found.lower()
    return None


def _paragraph_words(root) -> tuple[int, int, int]:
    """(main block's words, all words, main block's paragraphs) of long paragraphs."""
    per_block: Counter = Counter()
    paragraphs: Counter = Counter()
    total = 0
    for p in root.iter("p"):
        words = len(p.text_content().split())
        if words < LONG_PARAGRAPH:
            continue
        total += words
        parent = p.getparent()
        per_block[parent] += words
        paragraphs[parent] += 1
    if not per_block:
        return 0, total, 0
    block, words = per_block.most_common(1)[0]
    return words, total, paragraphs[block]


def page_signals(html: str) -> PageSignals | None:
    """The signals of one HTML page; None when it cannot be parsed as HTML."""
    try:
        root = lxml_html.document_fromstring(html)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return None
    for bad in root.xpath("//script[not(@type='application/ld+json')]|//style|//noscript"):
        bad.drop_tree()
    main, total, count = _paragraph_words(root)
    text = root.text_content()
    lines = tuple(line for raw in text.splitlines() if (line := clean_line(raw)))
    dates = sum(1 for line in lines if len(line.split()) <= 12 and GENERIC_DATE.search(line))
    title = root.findtext(".//title")
    return PageSignals(
        main_words=main,
        all_words=total,
        main_paragraphs=count,
        dates=dates,
        commerce=len(_PRICE.findall(text)),
        declared=_declared(root),
        title=clean_line(title) if title else None,
        lines=lines,
    )


def looks_like_article(signals: PageSignals) -> bool:
    """One block of running text that dominates the page, and no shop or forum around it."""
    if signals.declared in NOT_ARTICLE_TYPES or signals.commerce >= 2:
        return False
    if signals.main_words < MIN_BODY_WORDS or signals.main_paragraphs < 2:
        return False
    return signals.main_share >= MIN_MAIN_SHARE or signals.declared in ARTICLE_TYPES
