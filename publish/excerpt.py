"""Short excerpts of article bodies for the articles table, with the searched words marked.

The table shows a few lines of each body instead of the whole text; with a table search the
excerpt is taken around the first searched word, and the words are marked as the ranked
search marks them (folding keeps positions, so a tone-less search marks the toned words).
"""

from __future__ import annotations

import re

from publish.search_page import CLOSE, OPEN
from scraper.extraction.syllables import syllables_of
from scraper.extraction.vntext import exact_form, fold, search_form

EXCERPT_CHARS = 220
_WORD = re.compile(r"[^\W_]+")
_MARKED = re.compile(f"({OPEN}[^{CLOSE}]*{CLOSE})")


def query_words(query: str) -> tuple[bool, frozenset[str]]:
    """(folded?, the words to mark, lower-case) of a table search."""
    kind, text = search_form(query)
    words = frozenset(w.lower() for w in _WORD.findall(text) if w not in ("OR", "AND", "NOT"))
    return kind == "folded", words


def _hits(text: str, folded: bool, words: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of every searched word in `text`: whole words, and the syllables of
    glued words (`nêu【gương】`), so highlights fall on the printed text."""
    comparable = (fold(text) if folded else text).lower()
    hits = []
    for match in _WORD.finditer(comparable):
        if match.group() in words:
            hits.append(match.span())
            continue
        token = text[match.start() : match.end()]
        if len(token) <= 3 or not (pieces := syllables_of(token)):
            continue
        found, lower = [], match.group()
        for piece in pieces:
            key = fold(piece).lower() if folded else piece
            at = lower.find(key)
            if key in words and at >= 0:
                found.append((match.start() + at, match.start() + at + len(key)))
        hits += sorted(set(found))
    return hits


def mark_glued(marked: str | None, query: str) -> str:
    """Text already marked by FTS5, with the glued words' searched syllables marked too."""
    if not marked or not query.strip():
        return marked or ""
    folded, words = query_words(query)
    parts = _MARKED.split(marked)
    for i in range(0, len(parts), 2):  # the even parts are outside any mark
        out, position, segment = [], 0, parts[i]
        for start, end in _hits(segment, folded, words):
            if start >= position:
                out += [segment[position:start], OPEN, segment[start:end], CLOSE]
                position = end
        parts[i] = "".join(out) + segment[position:]
    return "".join(parts)


def excerpt(text: str | None, query: str = "", limit: int = EXCERPT_CHARS) -> str:
    """About `limit` characters of `text` (from the first searched word when there is one),
    cut at word boundaries, with the searched words between the search brackets."""
    text = " ".join(exact_form(text or "").split())
    folded, words = query_words(query) if query.strip() else (False, frozenset())
    hits = _hits(text, folded, words) if words else []
    start = 0
    if hits and hits[0][0] > limit // 3:
        start = text.rfind(" ", 0, hits[0][0] - limit // 4) + 1
    end = len(text) if len(text) - start <= limit else text.rfind(" ", start, start + limit)
    end = end if end > start else min(len(text), start + limit)
    out, position = [], start
    for hit_start, hit_end in hits:
        if hit_start < max(start, position) or hit_end > end:
            continue
        out += [text[position:hit_start], OPEN, text[hit_start:hit_end], CLOSE]
        position = hit_end
    out.append(text[position:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")
