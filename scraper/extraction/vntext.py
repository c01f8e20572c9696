"""Vietnamese search text: exact and tone-less (folded) forms of text and of queries.

Two indexes serve two kinds of reader. Someone typing with tone marks means exactly those
words (`thể` is not `thế`, and an unmarked `thi` is the level-tone word, not `thì`); someone
typing without marks means every toned form (`thi dua` finds `thi đua`, `dang` finds `Đảng`).
`đ` is a letter, not a diacritic: folding maps it (and its look-alike `ð`/`Ð`, U+00F0/U+00D0)
to `d` explicitly. Folding maps one character to one character, so a folded text tokenises into
the same words at the same positions as the original: an index built from folded text can
highlight the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_D = {"\u0110": "D", "\u0111": "d"}
_BASES = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang huyền sắc hỏi ngã nặng
# Every marked letter of Vietnamese, both cases; with combining marks (U+0300-U+036F) and the
# eths, these are the characters that make a query "toned". datasette.yml's canned search uses
# the same set as a GLOB class (a test keeps the two equal).
MARKED = frozenset(
    unicodedata.normalize("NFC", base + tone)
    for letter in _BASES
    for base in (letter, letter.upper())
    for tone in _TONES
    if unicodedata.normalize("NFC", base + tone) not in "aeiouyAEIOUY"
) | frozenset("đĐðÐ")
COMBINING = ("\u0300", "\u036f")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _D:
        return _D[char]
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
    )
    # Only a one-to-one replacement keeps word positions; anything else stays as it is.
    return stripped if len(stripped) == 1 else char


def exact_form(text: str) -> str:
    """The text as the tone-respecting index sees it: NFC, the eth look-alikes (U+00D0,
    U+00F0) read as Đ/đ, in both index forms and in queries."""
    return (
        unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    )


@lru_cache(maxsize=1)
def _fold_table() -> list[str]:
    """`_fold_char` of every character of the Basic Multilingual Plane, as a `str.translate`
    table indexed by code point (built once: folding runs on every stored text and query; a
    list is twice as fast to translate through as a dict)."""
    table = [chr(code) for code in range(0x10000)]
    for code in range(0x80, 0x10000):
        char = chr(code)
        if char in _D or unicodedata.decomposition(char):
            table[code] = _fold_char(char)
    return table


def fold(text: str) -> str:
    """Tone-less form: marks dropped, đ/Đ (and ð/Ð) to d/D; same length as `exact_form`."""
    text = exact_form(text)
    if text.isascii():
        return text
    if not _ASTRAL.search(text):
        return text.translate(_fold_table())
    return "".join(_fold_char(c) for c in text)


def is_toned(query: str) -> bool:
    """True when the query carries Vietnamese marks (or đ): it is then matched exactly."""
    return any(c in MARKED or COMBINING[0] <= c <= COMBINING[1] for c in query)


def search_form(query: str) -> tuple[str, str]:
    """(index, query text) for a reader's query: ("exact", NFC text) or ("folded", folded)."""
    text = exact_form(query)
    if is_toned(text):
        return "exact", text
    return "folded", fold(text)


def glob_class() -> str:
    """The GLOB character class of `is_toned`, for SQL that runs without this module."""
    return "".join(sorted(MARKED)) + f"{COMBINING[0]}-{COMBINING[1]}"
