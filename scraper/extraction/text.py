"""Text normalisation shared by extraction stages: NFC, HTML whitespace, hashing form."""

from __future__ import annotations

import re
import unicodedata

from scraper.extraction.vntext import fold as index_fold

_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
NBSP = "\u00a0"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """Text as a browser renders it: ASCII whitespace runs collapse, NBSP becomes a space.

    NBSP is replaced after collapsing, so an indentation run disappears at the edges but a
    published "word&nbsp; word" keeps its two spaces.
    """
    text = nfc(text)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        text = _ASCII_SPACE.sub(" ", text)  # else a no-op, at 4x the cost of these tests
    return text.replace(NBSP, " ").replace("\u200b", "").strip()


def squash(text: str) -> str:
    """Whitespace-insensitive form used for comparisons and the content hash."""
    return " ".join(nfc(text).split())  # str.split and re's \s agree on whitespace


def casefold(text: str) -> str:
    return squash(text).casefold()


def is_upper_text(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def fold(text: str) -> str:
    """Comparison key for tone-less search: the folded index's own form (`vntext.fold`:
    marks dropped, đ/Đ and the eth look-alikes as d), case-folded, any mark left over dropped,
    spaces squashed. "Đảng", "ÐẢNG" and NFD "Đảng" all give "dang". Never stored as the text."""
    compatible = unicodedata.normalize("NFKD", index_fold(text))
    folded = unicodedata.normalize("NFKD", compatible.casefold())
    return squash("".join(c for c in folded if not unicodedata.combining(c)))
