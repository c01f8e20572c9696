"""Rewrite search parameters the way Vietnamese readers type, before Datasette sees them.

`?_search=` on an articles table and `?q=` on the canned search are normalised (NFC, the eth
look-alike read as đ) and a tone-less query is folded. The table's search goes to Datasette as
`_archive_search`, which the plugin's filter answers from narrow indexes on the index the
rules choose (publish/table_search.py); a blank search box is no search. A search naming its
own `_fts_table` (not one of ours) or `_searchmode` is left to Datasette: then a tone-less
query is sent to the folded index with `_fts_table=`.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from publish.table_search import ARG
from scraper.extraction.vntext import search_form

EXACT_INDEX, FOLDED_INDEX = "articles_search_exact", "articles_search_folded"
_ARTICLES_TABLE = re.compile(r"^/[^/]+/articles(\.\w+)?$")
_CANNED_SEARCH = re.compile(r"^/[^/]+/search(\.\w+)?$")


def rewrite_query_string(path: str, query_string: bytes) -> bytes | None:
    """The new query string for a search request, or None to leave the request alone."""
    is_table = bool(_ARTICLES_TABLE.match(path))
    if not (is_table or _CANNED_SEARCH.match(path)) or not query_string:
        return None
    pairs = parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)
    if is_table and _ours(pairs):
        return _table_search(pairs)
    key = "_search" if is_table else "q"
    if not any(name == key and value.strip() for name, value in pairs):
        return None
    rewritten, folded = [], False
    for name, value in pairs:
        if name == key:
            index, value = search_form(value)
            folded = folded or index == "folded"
        # Our own choice of index is made afresh: the table's search form carries the last one
        # along as a hidden field. Any other index a researcher names is left alone.
        if not (is_table and name == "_fts_table" and value in (EXACT_INDEX, FOLDED_INDEX)):
            rewritten.append((name, value))
    if is_table and folded and not any(name == "_fts_table" for name, _ in rewritten):
        rewritten.append(("_fts_table", FOLDED_INDEX))
    if rewritten == pairs:
        return None
    return urlencode(rewritten).encode("ascii")


def _ours(pairs: list[tuple[str, str]]) -> bool:
    """A table search the plugin answers: no index of the researcher's choosing, no raw mode."""
    return any(name == "_search" for name, _ in pairs) and not any(
        name == "_searchmode" or (name == "_fts_table" and value not in (EXACT_INDEX, FOLDED_INDEX))
        for name, value in pairs
    )


def _table_search(pairs: list[tuple[str, str]]) -> bytes:
    """`_search` as `_archive_search` (normalised, or dropped when blank); the search the
    form carries along from the page before, and our index choice, are made afresh."""
    rewritten = []
    for name, value in pairs:
        if name in (ARG, "_fts_table"):
            continue
        if name == "_search":
            value = search_form(value)[1]
            if not value.strip():
                continue
            name = ARG
        rewritten.append((name, value))
    return urlencode(rewritten).encode("ascii")
