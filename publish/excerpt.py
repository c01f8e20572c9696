"""Short excerpts of article bodies for the articles table, with the searched words marked.

The table shows a few lines of each body instead of the whole text; with a table search the
excerpt is taken around the first searched word, and the words are marked as the ranked
search marks them (folding keeps positions, so a tone-less search marks the toned words).
"""

from __future__ import annotations

import re

from publish.search_page import CLOSE, OPEN
from scraper.extraction.vntext import exact_form, fold, search_form

EXCERPT_CHARS = 220
_WORD = re.compile(r"[^\W_]+")


def query_words(query: str) -> tuple[bool, frozenset[str]]:
    """(folded?, the words to mark, lower-case) of a table search."""
    kind, text = search_form(query)
    words = frozenset(w.lower() for w in _WORD.findall(text) if w not in ("OR", "AND", "NOT"))
    return kind == "folded", words


def excerpt(text: str | None, query: str = "", limit: int = EXCERPT_CHARS) -> str:
    """About `limit` characters of `text` (from the first searched word when there is one),
    cut at word boundaries, with the searched words between the search brackets."""
    text = " ".join(exact_form(text or "").split())
    folded, words = query_words(query) if query.strip() else (False, frozenset())
    comparable = (fold(text) if folded else text).lower()
    hits = [m for m in _WORD.finditer(comparable) if m.group() in words]
    start = 0
    if hits and hits[0].start() > limit // 3:
        start = text.rfind(" ", 0, hits[0].start() - limit // 4) + 1
    end = len(text) if len(text) - start <= limit else text.rfind(" ", start, start + limit)
    end = end if end > start else min(len(text), start + limit)
    out, position = [], start
    for match in hits:
        if match.start() < start or match.end() > end:
            continue
        out += [text[position : match.start()], OPEN, text[match.start() : match.end()], CLOSE]
        position = match.end()
    out.append(text[position:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")
