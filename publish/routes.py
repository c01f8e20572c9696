"""The archive's own pages, as Datasette route handlers (registered by plugins/archive.py
beside this module)."""

from __future__ import annotations

from urllib.parse import quote

from datasette.utils.asgi import NotFound, Response

from publish import article as page
from publish.captures import human_size, image_route
from publish.charts import category_svg, monthly_svg


async def articles_db(datasette, request):
    name = request.url_vars["database"]
    try:
        db = datasette.get_database(name)
    except KeyError:
        raise NotFound(f"Database not found: {name}") from None
    if "articles" not in await db.table_names():
        raise NotFound(f"No articles in {name}")
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (name, "articles")), ("view-database", name), "view-instance"],
    )
    return name, db


async def fetch_rows(db, sql: str, params: list | None = None) -> list[dict]:
    return [dict(r) for r in (await db.execute(sql, params or [])).rows]


async def _related(db, tables: set[str], table: str, url: str) -> tuple[list[dict], str | None]:
    """Rows of an optional table that belong to the article, and the time column to order by."""
    if table not in tables:
        return [], None
    columns = await db.table_columns(table)
    key = page.first_column(columns, page.ARTICLE_KEYS)
    if key is None:
        return [], None
    order = page.first_column(columns, page.VERSION_TIMES)
    sql = f"select * from [{table}] where [{key}] = ?" + (f" order by [{order}]" if order else "")
    return await fetch_rows(db, sql, [url]), order


async def _other_copy(db, article: dict, page_url: str) -> dict | None:
    """The same article's copy on the archive's other site (`same_as`), with its archived
    reading page; None when it has none."""
    other = article.get("same_as")
    if not other:
        return None
    found = await fetch_rows(db, "select url, site, host, published from articles where url = ?",
                             [other])  # fmt: skip
    if not found:
        return None
    return {**found[0], "page": page_url + quote(other, safe="")}


async def article_view(datasette, request):
    name, db = await articles_db(datasette, request)
    url = request.args.get("url") or ""
    found = await fetch_rows(db, "select * from articles where url = ?", [url])
    if not found:
        raise NotFound("No article with that URL in the archive")
    article = found[0]
    tables = set(await db.table_names())
    refs = []
    if "document_refs" in tables:
        refs = await fetch_rows(
            db, "select * from document_refs where article = ? order by position", [url]
        )
    attachments, _ = await _related(db, tables, "attachments", url)
    versions, time_column = await _related(db, tables, "article_versions", url)
    base = f"/{quote(name)}"
    images = datasette.urls.path(f"{base}/-/image")
    captions = {i["url"]: i.get("caption") or "" for i in page.images(article.get("images"))}
    archived = page.captured_at(article)
    here = datasette.absolute_url(request, request.full_path)
    context = {
        "database": name,
        "no_script": True,
        "article": article,
        "body": page.safe_body(
            article.get("body_html"), lambda src: image_route(images, src, captions.get(src, ""))
        ),
        "images": [
            {**i, "src": image_route(images, i["url"], i.get("caption") or "")}
            for i in page.images(article.get("images"))
        ],
        "archived": archived,
        "citation": page.citation(article, archived, here),
        "human_size": human_size,
        "attachment_url": datasette.urls.path(f"{base}/-/attachment?article="),
        "quote": lambda value: quote(value or "", safe=""),
        "refs": refs,
        "also": await _other_copy(db, article, datasette.urls.path(f"{base}/-/article?url=")),
        "attachments": attachments,
        "capture": page.capture_fields(article),
        "versions": page.version_entries(versions, article, time_column) if versions else [],
        "citing_url": datasette.urls.path(f"/{quote(name)}/articles_citing?document="),
        "capture_url": datasette.urls.path(f"/{quote(name)}/-/capture?url={quote(url, safe='')}"),
        "row_url": datasette.urls.path(f"/{quote(name)}/articles?url={quote(url, safe='')}"),
        "category_url": datasette.urls.path(
            f"/{quote(name)}/articles?category={quote(article.get('category') or '')}"
        ),
    }
    html = await datasette.render_template("article.html", context, request=request)
    return Response.html(html)


async def archive_sites(db) -> list[dict]:
    """The sites the archive's articles come from (a site and its successor), oldest first;
    empty in an archive made before articles said their site."""
    if "site" not in await db.table_columns("articles"):
        return []
    return await fetch_rows(
        db,
        "select site as name, min(host) as host, count(*) as n from articles "
        "where site is not null group by site order by min(rowid)",
    )


async def charts_view(datasette, request):
    name, db = await articles_db(datasette, request)
    sites = await archive_sites(db)
    # ?site= draws one site's articles (the archive may hold a site and its successor).
    site = (request.args.get("site") or "").strip()
    site = site if site in {s["name"] for s in sites} else ""
    only, params = (" and site = ?", [site]) if site else ("", [])
    months = await fetch_rows(
        db,
        "select substr(published, 1, 7) as month, count(*) as n from articles "
        f"where published is not null{only} group by month",
        params,
    )
    categories = await fetch_rows(
        db,
        f"select category_name as name, count(*) as n from articles where 1{only} "
        "group by category_name order by n desc, name",
        params,
    )
    base = datasette.urls.path(f"/{quote(name)}/articles") + (
        f"?site={quote(site, safe='')}&" if site else "?"
    )
    context = {
        "database": name,
        "no_script": True,
        "monthly": monthly_svg(
            {r["month"]: r["n"] for r in months}, f"{base}published__startswith="
        ),
        "by_category": category_svg(
            [(r["name"], r["n"]) for r in categories], f"{base}category_name="
        ),
        "total": sum(r["n"] for r in categories),
        "months": len(months),
        "site": site,
        "sites": sites,
    }
    html = await datasette.render_template("charts.html", context, request=request)
    return Response.html(html)


async def charts_redirect(datasette, request):
    for name, db in datasette.databases.items():
        if "articles" in await db.table_names():
            return Response.redirect(datasette.urls.path(f"/{quote(name)}/-/charts"))
    raise NotFound("No database with articles")
