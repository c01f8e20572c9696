"""The articles table's search box, answered from narrow indexes instead of article rows.

Datasette's own `?_search=` filter is `rowid IN (matches)`. SQLite answers it by looking up
every matching article by rowid: a near-universal word matches ~95,000 of 100,000 articles, and
each lookup reads an article row (a page or more, for its body) to sort by date, to count and
to facet: 1 to 1.6 s a page. The archive's plugin sends the box's words to Datasette as
`_archive_search` (publish/search.py) and this filter, `+rowid IN (matches)`, replaces
Datasette's: the unary plus keeps SQLite from looking rows up by rowid, so it walks the narrow
index that fits each query (`published` for the date order, `category_name`, `author_name`,
`year` for facets, any one for the count) and tests each entry against the matches. Only the
rows of the page shown are read. The words are matched as Datasette matches them
(`escape_fts`: every word, as typed), on the index the Vietnamese rules choose.
"""

from __future__ import annotations

from dataclasses import dataclass

from scraper.extraction.vntext import search_form

ARG = "_archive_search"  # the table search as the plugin hands it to Datasette
INDEXES = {"exact": "articles_search_exact", "folded": "articles_search_folded"}


@dataclass(frozen=True)
class TableSearch:
    """The WHERE clause, its parameters, and what the page says about them."""

    where: str
    params: dict[str, str]
    description: str
    text: str
    index: str


def table_search_filter(value: str) -> TableSearch | None:
    """The filter for a search box value (already normalised), or None when it is blank."""
    kind, text = search_form(value)
    if not text.strip():
        return None
    index = INDEXES[kind]
    matches = f"SELECT rowid FROM [{index}] WHERE [{index}] MATCH escape_fts(:archive_search)"
    where = f"+rowid IN ({matches})"
    return TableSearch(where, {"archive_search": text}, f'search matches "{text}"', text, index)
