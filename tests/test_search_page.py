"""The ranked search page's pure parts: operators to FTS5, request values, paging, SQL."""

from __future__ import annotations

import sqlite3

import pytest

from publish.search_page import (
    Paging,
    SearchRequest,
    Source,
    count_sql,
    marked_html,
    ranked_sql,
)
from publish.search_query import parse_query


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("thi dua", '"thi" AND "dua"'),
        ('"phong trào thi đua"', '"phong trào thi đua"'),
        ('"thi đua" OR dang', '"thi đua" OR "dang"'),
        ("hội thảo OR nghị quyết", '("hội" AND "thảo") OR ("nghị" AND "quyết")'),
        ("a OR b OR c d", '"a" OR "b" OR ("c" AND "d")'),
        ("a OR b -c", '("a" OR "b") NOT "c"'),
        ("cán -bộ", '"cán" NOT "bộ"'),
        ("cán NOT bộ", '"cán" NOT "bộ"'),
        ("cán AND bộ", '"cán" AND "bộ"'),
        ("nghị*", '"nghị"*'),
        ('say "hi', '"say" AND "hi"'),  # an unclosed quote ends the phrase at the end
        ("OR a", '"a"'),
        ("a OR", '"a"'),
        ('x"y', '"x y"'),  # punctuation inside a word: its parts as a phrase
        ("", ""),
        ("   ", ""),
        ('"', ""),
        ("-x", ""),
        ("- * ()", ""),
    ],
)
def test_operators_become_fts5_expressions(query: str, expression: str) -> None:
    assert parse_query(query).expression == expression


def test_unsupported_syntax_is_said_plainly_and_never_fails() -> None:
    parsed = parse_query("(thi) NEAR đua title:x ^a +b")
    assert parsed.notes and "not supported" in parsed.notes[0]
    assert parse_query("-x").notes  # nothing to find: said, not an error
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 0')")
    db.execute("INSERT INTO t VALUES ('thi đua near title x a b')")
    for query in ("(thi) NEAR đua title:x ^a +b", 'a"b"c', "* OR -", "AND OR NOT", "đua*"):
        expression = parse_query(query).expression
        if expression:
            db.execute("SELECT * FROM t WHERE t MATCH ?", [expression]).fetchall()


def test_request_values_are_validated() -> None:
    request = SearchRequest.from_args(
        {"q": " Thi Dua ", "page": "x", "_size": "7", "sort": "bogus", "year_from": "2020"}
    )
    assert (request.page, request.size, request.sort) == (1, 20, "relevance")
    assert request.index == "articles_search_folded" and request.year_from == 2020
    assert SearchRequest.from_args({"q": "Đảng"}).index == "articles_search_exact"
    paged = SearchRequest.from_args({"q": "a", "page": "3", "_size": "50"})
    assert paged.offset == 100
    assert paged.args(page=4) == {"q": "a", "_size": "50", "page": "4"}


def test_paging() -> None:
    paging = Paging(total=1000, page=50, size=20)
    assert (paging.pages, paging.first_shown, paging.last_shown) == (50, 981, 1000)
    assert (paging.previous, paging.next) == (49, None)
    assert Paging(total=0, page=1, size=20).pages == 1
    assert Paging(total=21, page=1, size=20).next == 2


def test_sql_filters_and_orders() -> None:
    request = SearchRequest.from_args(
        {
            "q": "dang",
            "category": "Nội san",
            "year_from": "2020",
            "year_to": "2022",
            "author": "Bùi Văn Hưng",
            "sort": "newest",
        }  # fmt: skip
    )
    sql, params = ranked_sql(request, Source(authors=("author_name", "author")))
    assert "a.author_name = :author OR a.author = :author" in sql
    assert "ORDER BY a.published IS NULL, a.published DESC" in sql
    assert params == {"match": '"dang"', "category": "Nội san", "year_from": 2020,
                      "year_to": 2022, "author": "Bùi Văn Hưng"}  # fmt: skip
    relevance, _ = ranked_sql(SearchRequest.from_args({"q": "dang"}))
    assert "bm25(articles_search_folded, 5.0, 1.0)" in relevance
    assert relevance.endswith("ORDER BY score, a.published IS NULL, a.published DESC, a.rowid")
    assert "JOIN articles_search_facts a" in count_sql(request, Source(authors=("author",)))[0]
    unfiltered = count_sql(SearchRequest.from_args({"q": "dang"}))[0]
    assert unfiltered.endswith(
        "FROM articles_search_folded WHERE articles_search_folded MATCH :match"
    )
    assert "JOIN articles a ON" in ranked_sql(request, Source("articles"))[0]  # an older archive


def test_marks_are_escaped_then_marked() -> None:
    assert str(marked_html("<b>【Đảng】</b>")) == "&lt;b&gt;<mark>Đảng</mark>&lt;/b&gt;"
