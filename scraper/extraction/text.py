"""Text normalisation shared by extraction stages: NFC, HTML whitespace, hashing form."""

from __future__ import annotations

import re
import unicodedata

_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_ANY_SPACE = re.compile(r"\s+")
NBSP = "\u00a0"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """Text as a browser renders it: ASCII whitespace runs collapse, NBSP becomes a space.

    NBSP is replaced after collapsing, so an indentation run disappears at the edges but a
    published "word&nbsp; word" keeps its two spaces.
    """
    text = _ASCII_SPACE.sub(" ", nfc(text))
    return text.replace(NBSP, " ").replace("\u200b", "").strip()


def squash(text: str) -> str:
    """Whitespace-insensitive form used for comparisons and the content hash."""
    return _ANY_SPACE.sub(" ", nfc(text)).strip()


def casefold(text: str) -> str:
    return squash(text).casefold()


def is_upper_text(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# đ/Đ are letters, not marks: stripping combining marks leaves them, so they are mapped
# explicitly, with the look-alikes some sites type instead (Ð U+00D0 eth, ð, ɖ).
_FOLD_D = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d", "ɖ": "d", "Ɖ": "d"})


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_D))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD_D)


def fold(text: str) -> str:
    """Search form: no tone or vowel marks, đ and its look-alikes as d, case-folded, single
    spaces. "Đảng", "ÐẢNG" and NFD "Đảng" all fold to "dang". Never stored as the text."""
    # Marks go before and after case folding: each step can expose what the other removes.
    folded = _strip_marks(_strip_marks(text).casefold())
    return _ANY_SPACE.sub(" ", folded).strip()
