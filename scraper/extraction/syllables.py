"""Glued words: the portal's CMS drops the space at inline-tag boundaries (`nêu<span>gương`
prints as "nêugương", "chỉ đạocủaTỉnh ủy"). The text stays as published; the search index
also gets each glued token's syllables, so "gương" and "guong" find it.

Vietnamese syllables have a small structure: an onset (one of a few consonant clusters, or
none), a vowel nucleus of one to three vowels carrying at most one tone mark, and a final
from a short list. A token that is not one syllable but reads as a sequence of syllables is
glued; a change from lower to upper case (`củaTỉnh`) is a boundary by itself. Where several
readings are possible (`thựchiện`: thực|hiện or thự|chiện), the syllables of every reading
are indexed: a search for either finds the article, at the cost of a rare extra token.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from scraper.extraction.vntext import exact_form, fold

_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
           *"bcdghklmnprstvx", "")  # fmt: skip
_FINALS = ("ch", "ng", "nh", *"cmnpt", "")
_VOWELS = frozenset("aeiouy")
# Finals a nucleus allows (on folded letters): "ch" and "nh" only after a, e, i, y; a nucleus
# closing with an off-glide (ao, ai, êu, ươi …) takes no consonant final, save uy and oo.
_PALATAL_FINALS = ("ch", "nh")
_GLIDES = frozenset("iyou")
_GLIDE_NUCLEI_WITH_FINALS = frozenset(("uy", "oo"))
# Whole runs of four letters or more (a run of three or fewer is one syllable at most).
_LONG_TOKEN = re.compile(r"[^\W\d_]{4,}")
MAX_TOKEN = 40  # longer runs of letters are not words glued by a CMS


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền sắc ngã hỏi nặng
_CHECKED_TONES = "\u0301\u0323"  # a syllable closed by c, ch, p or t takes sắc or nặng
_STOPS = ("c", "ch", "p", "t")


def _tones(text: str) -> str:
    """The tone marks carried by `text` (not the vowel-quality marks of â, ư, ơ …)."""
    return "".join(m for m in unicodedata.normalize("NFD", text) if m in _TONES)


def _untoned(text: str) -> str:
    bare = "".join(m for m in unicodedata.normalize("NFD", text) if m not in _TONES)
    return unicodedata.normalize("NFC", bare)


def _allows(nucleus: str, exact: str, final: str) -> bool:
    """Whether a nucleus (folded, and as written) takes this final."""
    if final in _STOPS and _tones(exact) not in tuple(_CHECKED_TONES):
        return False
    if not final:  # iê, yê, uô, ươ are written ia, ya, ua, ưa in an open syllable
        return nucleus not in ("ie", "ye") and _untoned(exact) not in ("uô", "ươ")
    if final in _PALATAL_FINALS and nucleus[-1] not in "aeiy":
        return False
    glided = len(nucleus) > 1 and nucleus[-1] in _GLIDES
    return not glided or nucleus in _GLIDE_NUCLEI_WITH_FINALS or nucleus.endswith("uo")


def _syllable_ends(folded: str, exact: str, start: int) -> list[int]:
    """Every end position of a valid syllable starting at `start`."""
    ends = []
    for onset in _ONSETS:
        if not folded.startswith(onset, start):
            continue
        i = start + len(onset)
        j = i
        while j < len(folded) and j - i < 3 and folded[j] in _VOWELS:
            j += 1
        for nucleus_end in range(i + 1, j + 1):
            nucleus, written = folded[i:nucleus_end], exact[i:nucleus_end]
            if len(_tones(written)) > 1:
                continue
            for final in _FINALS:
                if folded.startswith(final, nucleus_end) and _allows(nucleus, written, final):
                    ends.append(nucleus_end + len(final))
    return sorted(set(ends))


@lru_cache(maxsize=65536)
def _readings(token: str) -> tuple[tuple[str, ...], ...]:
    """Every way to read `token` (lower case) as two or more syllables."""
    folded, exact = fold(token), token
    results: list[tuple[int, ...]] = []

    def walk(start: int, cuts: tuple[int, ...]) -> None:
        if len(results) > 8:
            return
        if start == len(folded):
            results.append(cuts)
            return
        for end in _syllable_ends(folded, exact, start):
            # A syllable never starts with a vowel right after one ended with a vowel.
            if cuts and folded[start] in _VOWELS and folded[start - 1] in _VOWELS:
                continue
            walk(end, (*cuts, end))

    walk(0, ())
    return tuple(
        tuple(token[a:b] for a, b in zip((0, *cuts), cuts, strict=False))
        for cuts in results
        if len(cuts) >= 2
    )


def _case_parts(token: str) -> list[str]:
    """`đạocủaTỉnh` -> [`đạocủa`, `Tỉnh`]: a capital after a small letter starts a word."""
    cuts = [i for i in range(1, len(token)) if token[i - 1].islower() and token[i].isupper()]
    return [token[a:b] for a, b in zip((0, *cuts), (*cuts, len(token)), strict=True)]


@lru_cache(maxsize=65536)
def syllables_of(token: str) -> tuple[str, ...]:
    """The syllables under which a glued token is indexed (empty for an ordinary word)."""
    if len(token) > MAX_TOKEN:
        return ()
    parts = _case_parts(token)
    pieces: list[str] = []
    for part in parts:
        lower = part.lower()
        if len(lower) in _syllable_ends(fold(lower), lower, 0):
            pieces.append(lower)  # one syllable: glued only if the case changed
            continue
        readings = _readings(lower)
        pieces += dict.fromkeys(s for reading in readings for s in reading)
    return tuple(pieces) if len(pieces) > 1 else ()


def glued_syllables(text: str) -> str:
    """The syllables of every glued token of `text`, space separated, in exact form."""
    tokens = _LONG_TOKEN.findall(exact_form(text))
    glued = {token for token in set(tokens) if syllables_of(token)}  # most pages: none
    return " ".join(s for token in tokens if token in glued for s in syllables_of(token))
