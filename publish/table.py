"""The articles table as a reader first sees it: a few readable columns, not whole bodies.

The HTML table of `articles` shows title, date, author, category and a short excerpt of the
body unless the request names its columns (`_col=` / `_nocol=`); the row page, the exports
and `?_col=body_html` keep every column.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from publish.table_search import ARG

DEFAULT_COLUMNS = ("title", "published", "author", "category_name", "body_text")
# What the database page's SQL box starts from: the newest articles in readable columns, with
# the archive's tone-folding function shown where a researcher would filter.
DATABASE_PAGE_SQL = """select title, published, author_name, category_name, word_count, url
from articles
-- where vn_fold(title) like '%thi dua%'
order by published desc
limit 100"""
_ARTICLES_PAGE = re.compile(r"^/[^/]+/articles$")


def is_articles_page(path: str) -> bool:
    """The HTML listing of the articles table (not its exports, not a row page)."""
    return bool(_ARTICLES_PAGE.match(path))


def with_default_columns(path: str, query_string: bytes) -> bytes | None:
    """The query string with the default columns added, or None to leave it alone."""
    if not is_articles_page(path):
        return None
    pairs = parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)
    if any(name in ("_col", "_nocol") for name, _ in pairs):
        return None
    return urlencode([*pairs, *(("_col", c) for c in DEFAULT_COLUMNS)]).encode("ascii")


def table_search(query_string: bytes) -> str:
    """The search of a table request ('' without one): `_search`, or `_archive_search` as
    the plugin hands it to Datasette (publish/table_search.py)."""
    pairs = parse_qsl(query_string.decode("utf-8", "replace"))
    return next((value for name, value in pairs if name in ("_search", ARG)), "")
