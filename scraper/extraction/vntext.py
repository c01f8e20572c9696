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

import unicodedata
from functools import lru_cache

# The eth look-alikes are normalised to đ/Đ in both index forms and in queries.
ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
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
    """The text as the tone-respecting index sees it: NFC, eth read as đ."""
    return unicodedata.normalize("NFC", text).translate(ETH)


def fold(text: str) -> str:
    """Tone-less form: marks dropped, đ/Đ (and ð/Ð) to d/D; same length as `exact_form`."""
    return "".join(_fold_char(c) for c in exact_form(text))


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
