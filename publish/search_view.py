"""The ranked search page at `/{db}/search` and its exports `/{db}/search.json|.csv`.

It takes the place of the canned `search` query when the archive's plugin is loaded (plain
`datasette -m datasette.yml` still has the canned query): the same URL and JSON fields, plus
paging with a total count, filters, date order and exports of every match, streamed.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote, urlencode

from datasette.utils.asgi import AsgiStream, Response

from publish.excerpt import excerpt, mark_glued
from publish.routes import archive_sites, articles_db, fetch_rows
from publish.search_page import (
    FACTS,
    OPEN,
    PAGE_SIZES,
    SORTS,
    Paging,
    SearchRequest,
    Source,
    count_sql,
    marked_html,
    marked_sql,
)
from publish.search_rank import (
    POOL,
    SCORED_ALONE,
    all_scores_sql,
    by_date_sql,
    cutoff_sql,
    exact_sql,
    plan,
    pooled_sql,
    scores_sql,
)

EXPORT_CHUNK = 200
SNIPPET_CHARS = 160
ARTICLE_FIELDS = ("url", "title", "published", "year", "author", "author_name", "category_name",
                  "site", "host", "same_as")  # fmt: skip
# The canned query's fields first (a contract), then what the page adds.
EXPORT_FIELDS = ("read", "title_match", "snippet", "published", "author", "category_name",
                 "rank", "url", "title", "year", "author_name", "site", "host",
                 "same_as")  # fmt: skip


async def _source(db) -> Source:
    facts = FACTS if FACTS in await db.table_names() else "articles"
    columns = set(await db.table_columns(facts))
    sites = {"site", "same_as"} <= set(await db.table_columns("articles"))
    pairs = sites and bool(
        (await db.execute("SELECT 1 FROM articles WHERE same_as IS NOT NULL LIMIT 1")).rows
    )
    authors = tuple(c for c in ("author_name", "author") if c in columns)
    return Source(facts, authors, sites, pairs)


async def _count(db, request: SearchRequest, source: Source) -> int:
    if request.parsed.empty:
        return 0
    sql, params = count_sql(request, source)
    return (await db.execute(sql, params)).first()[0]


async def ordered_matches(
    db, request: SearchRequest, source: Source, total: int, start: int, stop: int, pool: int = POOL
) -> list[dict]:
    """rowid and score of the matches at positions [start, stop) of the search's order
    (publish/search_rank.py: a near-universal word's relevance ranks a pool of its matches)."""
    part = plan(request, total, start, stop, pool)
    if request.parsed.empty or part.start >= part.stop:
        return []
    if request.sort == "relevance" and part.pool is None:
        sql, params = exact_sql(request, source, part.stop - part.start, part.start)
        return await fetch_rows(db, sql, params)
    if part.pool is None:  # a date order: the page, then its scores
        return await _by_date(db, request, source, part.start, part.stop, None)
    cutoff = (await db.execute(*cutoff_sql(request, source, part.pool))).first()[0]
    hits: list[dict] = []
    first, last = part.pooled
    if first < last:
        sql, params = pooled_sql(request, source, cutoff, last - first, first)
        hits += await fetch_rows(db, sql, params)
    first, last = part.rest
    if first < last:
        hits += await _by_date(db, request, source, first, last, cutoff)
    return hits


async def _by_date(
    db, request: SearchRequest, source: Source, first: int, last: int, below: int | None
) -> list[dict]:
    sql, params = by_date_sql(request, source, last - first, first, below)
    rowids = [row[0] for row in (await db.execute(sql, params)).rows]
    if not rowids:
        return []
    many = len(rowids) > SCORED_ALONE  # an export: score every match at once
    sql, params = all_scores_sql(request) if many else scores_sql(request, rowids)
    scores = {row[0]: row[1] for row in (await db.execute(sql, params)).rows}
    return [{"rowid": rowid, "score": scores[rowid]} for rowid in rowids]


async def _details(db, request: SearchRequest, ranked: list[dict]) -> list[dict]:
    """Export rows for ranked matches, in their order: article fields and marked text."""
    if not ranked:
        return []
    rowids = [r["rowid"] for r in ranked]
    columns = set(await db.table_columns("articles"))
    wanted = ", ".join(f"[{c}]" for c in ARTICLE_FIELDS if c in columns)
    marks = ", ".join("?" for _ in rowids)
    articles = {
        r["rowid"]: r
        for r in await fetch_rows(
            db, f"SELECT rowid, {wanted} FROM articles WHERE rowid IN ({marks})", rowids
        )
    }
    sql, params = marked_sql(request, rowids)
    marked = {r["rowid"]: r for r in await fetch_rows(db, sql, params)}
    rows = []
    for hit in ranked:
        article, text = articles[hit["rowid"]], marked.get(hit["rowid"], {})
        row = {name: article.get(name) for name in EXPORT_FIELDS}
        row.update(read=article["url"], rank=hit["score"],
                   title_match=mark_glued(text.get("title_match"), request.q),
                   snippet=mark_glued(text.get("snippet"), request.q))  # fmt: skip
        rows.append(row)
    await _glued_snippets(db, request, rows)
    return rows


async def _glued_snippets(db, request: SearchRequest, rows: list[dict]) -> None:
    """A match found only through a glued word's syllables has no FTS5 snippet around it:
    take the excerpt around the printed word instead."""
    bare = [row for row in rows if OPEN not in (row["snippet"] or "") + (row["title_match"] or "")]
    if not bare:
        return
    marks = ", ".join("?" for _ in bare)
    sql = f"SELECT url, body_text FROM articles WHERE url IN ({marks})"
    bodies = {r["url"]: r["body_text"] for r in await fetch_rows(db, sql, [r["url"] for r in bare])}
    for row in bare:
        row["snippet"] = excerpt(bodies.get(row["url"]), request.q, SNIPPET_CHARS)


# The filter choices of each read-only database (`serve` opens the archive immutable: they
# cannot change while it is served), counted once instead of on every search page.
_FILTERS: dict[tuple[str, str | None], dict] = {}


async def _filters(db) -> dict:
    key = (db.name, db.path)
    if not db.is_mutable and key in _FILTERS:
        return _FILTERS[key]
    categories = await fetch_rows(
        db,
        "SELECT category_name AS name, count(*) AS n FROM articles "
        "WHERE category_name IS NOT NULL GROUP BY category_name ORDER BY name",
    )
    years = await fetch_rows(db, "SELECT min(year) AS first, max(year) AS last FROM articles")
    sites = await archive_sites(db)
    found = {"categories": categories, "years": years[0] if years else {}, "sites": sites}
    if not db.is_mutable:
        _FILTERS[key] = found
    return found


async def search_view(datasette, request):
    name, db = await articles_db(datasette, request)
    search = SearchRequest.from_args(request.args)
    export = request.url_vars.get("format")
    source = await _source(db)
    if export:
        paged = "page" in request.args or "_size" in request.args
        shape = request.args.get("_shape")
        return await _export(db, name, search, source, export, shape, paged)
    total, rows = await _page(db, search, source)
    paging = Paging(total, search.page, search.size)
    base = datasette.urls.path(f"/{quote(name)}/search")
    context = {
        "database": name,
        "no_script": True,
        "search": search,
        "rows": rows,
        "paging": paging,
        "pooled": plan(search, total, 0, 0).pool,
        "page_sizes": PAGE_SIZES,
        "sorts": SORTS,
        "filters": await _filters(db),
        "link": lambda **changes: f"{base}?{urlencode(search.args(**changes))}",
        "export": lambda ext: f"{base}.{ext}?{urlencode(search.args(page=1, _size=None))}",
        "article_url": datasette.urls.path(f"/{quote(name)}/-/article?url="),
        "marked": marked_html,
        "quote": lambda value: quote(value or "", safe=""),
    }
    html = await datasette.render_template("search.html", context, request=request)
    return Response.html(html)


async def _page(db, search: SearchRequest, source: Source) -> tuple[int, list[dict]]:
    """The total count and the rows of the requested page."""
    total = await _count(db, search, source)
    start = search.offset
    ranked = await ordered_matches(db, search, source, total, start, start + search.size)
    return total, await _details(db, search, ranked)


async def _export(db, name: str, search: SearchRequest, source, fmt: str, shape, paged: bool):
    """Every match, streamed in chunks (the order is computed once, the text per chunk); or,
    when `page` or `_size` is given, that page with the total."""
    if paged:
        total, page_rows = await _page(db, search, source)
        ranked: list[dict] = []
    else:
        total, page_rows = await _count(db, search, source), None
        ranked = await ordered_matches(db, search, source, total, 0, total)

    async def chunks():
        if page_rows is not None:
            yield page_rows
            return
        for start in range(0, len(ranked), EXPORT_CHUNK):
            yield await _details(db, search, ranked[start : start + EXPORT_CHUNK])

    if fmt == ".csv":

        async def write_csv(writer):
            out = io.StringIO()
            csv.writer(out).writerow(EXPORT_FIELDS)
            await writer.write(out.getvalue())
            async for rows in chunks():
                out = io.StringIO()
                csv.writer(out).writerows([[r[f] for f in EXPORT_FIELDS] for r in rows])
                await writer.write(out.getvalue())

        return AsgiStream(write_csv, content_type="text/csv; charset=utf-8")

    async def write_json(writer):
        array = shape == "array"
        if not array:
            head = {
                "ok": True,
                "database": name,
                "query_name": "search",
                "q": search.q,
                "total": total,
                "page": search.page if paged else None,
                "page_size": search.size if paged else None,
                "truncated": False,
                "columns": list(EXPORT_FIELDS),
            }
            await writer.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ')
        await writer.write("[")
        first = True
        async for rows in chunks():
            for row in rows:
                await writer.write(("" if first else ",\n") + json.dumps(row, ensure_ascii=False))
                first = False
        await writer.write("]" if array else "]}")

    return AsgiStream(write_json, content_type="application/json; charset=utf-8")
