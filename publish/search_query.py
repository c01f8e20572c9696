"""A reader's search box text as an FTS5 expression, with the operators researchers expect.

Supported: words (all of them must occur; `AND` may be written), `"a quoted phrase"`,
`a OR b`, `-word` or `NOT word` (leave out articles with it), `word*` (words starting with
it). Anything else FTS5 would read as syntax (parentheses, `NEAR`, `column:`, `^`, `+`) is
taken as plain text, and the page says so, so a query never fails with an FTS5 syntax error.
Every term is passed to FTS5 as a quoted string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A quoted phrase (closing quote optional), or a run of non-space characters.
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")
_SYNTAX = re.compile(r"[()^+:]|\bNEAR\b")


@dataclass(frozen=True)
class ParsedQuery:
    """The FTS5 expression to match (empty when there is nothing to search for), and notes for
    the reader about what was understood or ignored."""

    expression: str
    notes: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()  # the words and phrases searched for, for the page's summary

    @property
    def empty(self) -> bool:
        return not self.expression


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(raw: str, phrase: bool) -> str | None:
    """One term as FTS5 reads it, or None when it holds no word at all."""
    words = _WORD.findall(raw)
    if not words:
        return None
    if phrase:
        return _quoted(" ".join(words))
    prefix = raw.endswith("*") and len(words) == 1
    return _quoted(" ".join(words)) + ("*" if prefix else "")


def parse_query(text: str) -> ParsedQuery:
    """Words AND-ed; `OR` separates alternatives (`hội thảo OR nghị quyết` is either
    two-word phrase's words, as FTS5 and Vietnamese multi-syllable words want); `-term` and
    `NOT term` exclude from the whole; `word*` is a prefix."""
    notes: list[str] = []
    if _SYNTAX.search(text):
        notes.append(
            "Parentheses, NEAR, ^, + and column: are not supported and were read as plain "
            "words; use quotes, OR, -word and word*."
        )
    clauses: list[list[str]] = [[]]  # alternatives, each an AND of its terms
    excluded: list[str] = []
    pending_not = False
    for match in _TOKEN.finditer(text):
        minus, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare in ("OR", "AND", "NOT"):
            if bare == "OR" and clauses[-1]:
                clauses.append([])
            pending_not = bare == "NOT"
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            minus, bare = "-", bare[1:]
        term = _term(phrase if phrase is not None else bare, phrase is not None)
        if term is not None:
            (excluded if minus or pending_not else clauses[-1]).append(term)
        pending_not = False
    clauses = [c for c in clauses if c]
    if not clauses:
        if excluded:
            notes.append("A search needs at least one word to find; -word only leaves words out.")
        return ParsedQuery("", tuple(notes))
    parts = [" AND ".join(c) if len(clauses) == 1 or len(c) == 1 else f"({' AND '.join(c)})"
             for c in clauses]  # fmt: skip
    expression = " OR ".join(parts)
    if excluded:
        expression = (f"({expression})" if len(clauses) > 1 else expression) + "".join(
            f" NOT {t}" for t in excluded
        )
    return ParsedQuery(expression, tuple(notes), tuple(t for c in clauses for t in c))
