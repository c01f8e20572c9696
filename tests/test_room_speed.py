"""The reading room's fast paths keep every answer: the ranked search's pooled relevance (every
match on exactly one page, the total exact, the order stable), the table search from narrow
indexes (the same rows as Datasette's own search, plans that never read article rows), and the
readable canned-query pages and SQL box. Over a real 2,000-article archive and a real
Datasette (in process for the ranking, a served one for the pages)."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from urllib.parse import urlencode

import pytest
from datasette.app import Datasette as DatasetteApp

from publish.search_page import SearchRequest, Source, ranked_sql
from publish.search_view import ordered_matches
from publish.table import DATABASE_PAGE_SQL
from tests.conftest import Datasette
from tests.reading_room import build_room


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    return build_room(tmp_path_factory.mktemp("speed"))


@pytest.fixture(scope="module")
def served(room):
    server = Datasette(room.db)
    yield server
    server.close()


def _order(room, args: dict, pool: int, pages: int | None = None, size: int = 20):
    """(total, every match in order as one export, the same order page by page) in-process."""

    async def run():
        ds = DatasetteApp([str(room.db)], immutables=[])
        db = ds.get_database("archive")
        request = SearchRequest.from_args(args)
        source = Source("articles_search_facts", ("author_name", "author"))
        count = await db.execute(
            f"SELECT count(*) FROM {request.index} WHERE {request.index} MATCH ?",
            [request.parsed.expression],
        )
        total = count.first()[0]
        whole = await ordered_matches(db, request, source, total, 0, total, pool)
        paged = []
        for page in range(pages if pages is not None else (total + size - 1) // size):
            paged += await ordered_matches(
                db, request, source, total, page * size, (page + 1) * size, pool
            )
        exact_sql, params = ranked_sql(request, source)
        exact = [dict(r) for r in (await db.execute(exact_sql, params)).rows]
        published = {
            r[0]: r[1] for r in (await db.execute("SELECT rowid, published FROM articles")).rows
        }
        return total, whole, paged, exact, published

    return asyncio.run(run())


@pytest.mark.parametrize("query", ["dang", "Đảng", "thi dua", "cán bộ OR giảng viên"])
def test_pooled_relevance_reaches_every_match_once_in_a_stable_order(room, query) -> None:
    total, whole, paged, exact, published = _order(room, {"q": query}, pool=50)
    assert total > 100, "the query must match more than the pool for this test"
    rowids = [hit["rowid"] for hit in whole]
    assert len(rowids) == total == len(set(rowids)) == len(exact)
    assert set(rowids) == {hit["rowid"] for hit in exact}  # every match, once
    assert [hit["rowid"] for hit in paged] == rowids  # pages follow the export's order
    assert _order(room, {"q": query}, pool=50)[1] == whole  # the same order every time
    pool = sorted(rowids, reverse=True)[:50]  # the 50 archived last
    rest = sorted(set(rowids) - set(pool))  # newest first, then by rowid, undated last
    rest.sort(key=lambda rowid: published[rowid] or "", reverse=True)
    rest.sort(key=lambda rowid: published[rowid] is None)
    assert set(rowids[:50]) == set(pool) and rowids[50:] == rest
    scores = {h["rowid"]: h["score"] for h in exact}
    assert [scores[r] for r in rowids[:50]] == sorted(scores[r] for r in rowids[:50])
    assert all(hit["score"] == scores[hit["rowid"]] for hit in whole)  # true bm25 values


def test_under_the_pool_every_match_is_scored_as_before(room) -> None:
    total, whole, paged, exact, _ = _order(room, {"q": "dang"}, pool=10**6, pages=3)
    assert whole == exact and paged == exact[:60]


def test_date_orders_score_only_the_page(room) -> None:
    for sort in ("newest", "oldest"):
        total, whole, paged, exact, _ = _order(room, {"q": "dang", "sort": sort}, 50, pages=6)
        assert whole == exact and paged == exact[:120]


def _facet_counts(page: dict) -> dict:
    """Facet values and counts (not their links: ours carry `_archive_search`)."""
    return {name: [(r["value"], r["count"]) for r in facet["results"]]
            for name, facet in page["facet_results"].items()}  # fmt: skip


def _plans(db_path, sql: str, params: dict) -> str:
    with sqlite3.connect(db_path) as conn:
        conn.create_function("escape_fts", 1, lambda q: " ".join(f'"{w}"' for w in q.split()))
        return " ".join(r[-1] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.mark.parametrize("query", ["dang", "thể", "thi đua", "Việt Trì"])
def test_table_search_has_datasettes_rows_and_never_reads_article_rows(served, room, query):
    def rows(**extra: str) -> list[str]:
        args = {"_search": query, "_col": "url", "_size": "max", "_shape": "array", **extra}
        return [r["url"] for r in served.get(f"/archive/articles.json?{urlencode(args)}")]

    assert rows() and rows() == rows(_searchmode="escaped")  # Datasette's own search
    page = served.get(f"/archive/articles.json?{urlencode({'_search': query, '_size': 5})}")
    own = {"_search": query, "_size": 5, "_searchmode": "escaped"}
    theirs = served.get(f"/archive/articles.json?{urlencode(own)}")
    assert page["filtered_table_rows_count"] == theirs["filtered_table_rows_count"] > 0
    assert _facet_counts(page) == _facet_counts(theirs) and _facet_counts(page)["year"]
    sql, params = page["query"]["sql"], page["query"]["params"]
    assert "+rowid IN" in sql
    where = sql[sql.index(" where ") : sql.index(" order by ")]
    for facet in ("category_name", "author_name", "year"):
        plan = _plans(room.db, f"SELECT {facet}, count(*) FROM articles{where} GROUP BY 1", params)
        assert "COVERING INDEX" in plan and "INTEGER PRIMARY KEY" not in plan, plan
    count_plan = _plans(room.db, f"SELECT count(*) FROM articles{where}", params)
    assert "COVERING INDEX" in count_plan, count_plan
    assert "USING INDEX idx_articles_published" in _plans(room.db, sql, params)


def test_a_one_site_archive_has_no_site_facet_unless_asked(served) -> None:
    """The site facet would say "phutho 2,000" and cost a query over every match."""
    for args in ({}, {"_search": "dang"}):
        page = served.get(f"/archive/articles.json?{urlencode(args)}")
        assert "site" not in page["facet_results"]
        assert {"category_name", "author_name", "year"} <= set(page["facet_results"])
    asked = served.get("/archive/articles.json?_facet=site")  # Datasette's own column facet
    assert asked["facet_results"]["site"]["type"] == "column"


def test_table_search_box_keeps_the_words_and_carries_them_to_the_next_page(served) -> None:
    html = served.text("/archive/articles?" + urlencode({"_search": "thi đua"}))
    assert re.search(r'name="_search"[^>]*value="thi đua"', html)
    assert "search matches &#34;thi đua&#34;" in html
    nxt = re.search(r'href="([^"]*_next=[^"]*)"', html).group(1).replace("&amp;", "&")
    following = served.text(nxt.removeprefix(served.base))
    assert re.search(r'name="_search"[^>]*value="thi đua"', following)
    assert served.text("/archive/articles?_search=").count("<tr") > 1  # blank: no search


def test_canned_queries_are_titled_and_labelled(served) -> None:
    html = served.text("/archive/articles_citing?document=581")
    assert "<title>Articles citing a document · archive</title>" in html
    assert re.search(
        r'<label for="qp1">Document number and code \(e\.g\. 581/QĐ-UBND\)[^<]*</label>', html
    )
    assert 'value="Find citing articles"' in html and "Run SQL" not in html
    attachments = served.text("/archive/search_attachments?q=k%E1%BA%BF")
    title = re.search(r"<title>(.*?)</title>", attachments, re.S).group(1)
    assert title == "Search attached documents (ranked, with snippets) · archive"
    assert ">Words to find in the documents" in attachments
    custom = served.text("/archive?" + urlencode({"sql": "select 1 as " + "x" * 200}))
    assert len(re.search(r"<title>(.*?)</title>", custom, re.S).group(1)) < 100


def test_sql_box_starts_from_a_query_over_articles(served) -> None:
    html = served.text("/archive")
    box = re.search(r'<textarea id="sql-editor"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert box.replace("&#39;", "'") == DATABASE_PAGE_SQL
    assert "article_versions" not in box
    rows = served.sql(DATABASE_PAGE_SQL)
    assert len(rows) == 100 and rows[0]["published"] >= rows[-1]["published"]


@pytest.mark.parametrize(
    "args",
    [{"category_name": "Nội san"}, {"year": "2020"}, {"_sort": "title"}, {}],
)
def test_browsing_the_table_reads_index_entries_not_article_rows(served, room, args) -> None:
    page = served.get(f"/archive/articles.json?{urlencode({**args, '_size': 5})}")
    assert page["rows"] and page["filtered_table_rows_count"] > 0
    sql, params = page["query"]["sql"], page["query"]["params"]
    main = _plans(room.db, sql, params)
    assert "USING INDEX" in main and "TEMP B-TREE FOR ORDER BY" not in main, main
    where = sql[sql.index(" where ") : sql.index(" order by ")] if " where " in sql else ""
    for facet in ("category_name", "author_name", "year"):
        plan = _plans(room.db, f"SELECT {facet}, count(*) FROM articles{where} GROUP BY 1", params)
        assert "COVERING INDEX" in plan, plan
