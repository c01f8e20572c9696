"""Datasette hooks of the archive. The logic is in `publish`.

Datasette loads this file by path (`--plugins-dir publish/plugins`), not as a module of a
package, so it imports `publish` and `scraper` by absolute name: from the installed package, or
from a checkout installed in editable mode.

- Vietnamese query routing: `?_search=` / `?q=` normalised (NFC, eth) and tone-less queries
  sent to the folded index, before Datasette reads them; the articles table's search is this
  plugin's filter over narrow indexes (publish/table_search.py).
- `/{db}/-/article?url=…`: the reading page of one article; `/{db}/-/charts`: SVG charts.
- The articles table shows readable columns by default and bodies as short excerpts, marked
  around a table search (publish/table.py, publish/excerpt.py).
- `/{db}/search`: the ranked search page and its exports (publish/search_view.py).
- Cells: titles link to the reading page, search highlights become <mark>.
- Security headers; a strict Content-Security-Policy (no script at all) on our own pages.
"""

from __future__ import annotations

from contextvars import ContextVar
from urllib.parse import quote

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils.asgi import Request
from markupsafe import Markup, escape

from publish.documents import rewrite_document_lookup
from publish.excerpt import excerpt
from publish.facets import SitesFacet
from publish.feed import archived_feed
from publish.files import attachment_view, capture_view, image_view
from publish.routes import archive_sites, article_view, charts_redirect, charts_view
from publish.search import rewrite_query_string
from publish.search_page import marked_html
from publish.search_view import search_view
from publish.style import stylesheet_view
from publish.table import DATABASE_PAGE_SQL, is_articles_page, table_search, with_default_columns
from publish.table_search import ARG, table_search_filter
from scraper.extraction.vntext import fold

STRICT_CSP = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:"
)
OWN_PAGES = ("/-/article", "/-/charts", "/search")  # images come from the archive, never live
HIGHLIGHTED = ("title_match", "snippet")
# The table search of the request being served, while it is the articles table's HTML page:
# render_cell is not given the request, and there bodies are shown as excerpts.
TABLE_PAGE_SEARCH: ContextVar[str | None] = ContextVar("table_page_search", default=None)


def _headers(send, path: str):
    strict = path.endswith(OWN_PAGES)

    async def wrapped(event):
        if event["type"] == "http.response.start":
            headers = [*event.get("headers", [])]
            headers += [
                (b"x-content-type-options", b"nosniff"),
                (b"referrer-policy", b"no-referrer"),
            ]
            if strict:
                headers.append((b"content-security-policy", STRICT_CSP.encode()))
            event = {**event, "headers": headers}
        await send(event)

    return wrapped


def _rewritten_body(send, transform):
    """Buffer a response and send `transform(body)` instead, with its new length."""
    start: dict = {}
    chunks: list[bytes] = []

    async def wrapped(event):
        if event["type"] == "http.response.start":
            start.update(event)
            return
        if event["type"] == "http.response.body":
            chunks.append(event.get("body", b""))
            if event.get("more_body"):
                return
            body = b"".join(chunks)
            if start.get("status") == 200:
                body = transform(body.decode("utf-8")).encode("utf-8")
            headers = [
                (k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"
            ]
            await send(
                {**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]}
            )
            await send({"type": "http.response.body", "body": body})
            return
        await send(event)

    return wrapped


def _feed_transform(datasette, scope):
    database = scope["path"].strip("/").split("/")[0]
    base = datasette.absolute_url(
        Request(scope, None), datasette.urls.path(f"/{database}/-/article?url=")
    )
    author = (datasette.metadata("title") or "portal-archive").strip()
    return lambda xml: archived_feed(xml, base, author)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def archive_app(scope, receive, send):
            if scope["type"] == "http":
                path, query = scope["path"], scope.get("query_string", b"")
                searched = rewrite_query_string(path, query)  # b"": a blank search dropped
                query = query if searched is None else searched
                query = with_default_columns(path, query) or query
                query = rewrite_document_lookup(path, query) or query
                scope = {**scope, "query_string": query}
                TABLE_PAGE_SEARCH.set(table_search(query) if is_articles_page(path) else None)
                send = _headers(send, path)
                if path.endswith(".atom"):
                    send = _rewritten_body(send, _feed_transform(datasette, scope))
            await app(scope, receive, send)

        return archive_app

    return wrap


@hookimpl
def filters_from_request(request, table):
    """The articles table's search (sent as `_archive_search`), from narrow indexes."""
    if table != "articles" or ARG not in request.args:
        return None
    found = table_search_filter(request.args.get(ARG))
    if found is None:
        return None
    return FilterArguments([found.where], found.params, [found.description], {"search": found.text})


@hookimpl
def register_facet_classes():
    return [SitesFacet]


@hookimpl
def register_routes():
    return [
        (r"^/(?P<database>[^/]+)/-/article$", article_view),
        (r"^/(?P<database>[^/]+)/-/charts$", charts_view),
        (r"^/(?P<database>[^/]+)/-/capture$", capture_view),
        (r"^/(?P<database>[^/]+)/-/attachment$", attachment_view),
        (r"^/(?P<database>[^/]+)/-/image$", image_view),
        # Before Datasette's own routes: the canned `search` query's URL, paged and filtered.
        (r"^/(?P<database>[^/]+)/search(?P<format>\.(json|csv))?$", search_view),
        (r"^/-/charts$", charts_redirect),
        (r"^/-/archive\.css$", stylesheet_view),
    ]


@hookimpl
def extra_template_vars(view_name, datasette, database):
    if view_name == "database":
        return _database_page_vars(datasette, database)
    if view_name != "index":
        return {}

    async def summaries():
        found = []
        for name, db in datasette.databases.items():
            if "articles" in await db.table_names():
                sql = "select count(*), min(year), max(year) from articles"
                articles, first, last = (await db.execute(sql)).first()
                found.append({"database": name, "articles": articles, "first": first,
                              "last": last, "sites": await archive_sites(db)})  # fmt: skip
        return {"archive_summaries": found}

    return summaries


async def _database_page_vars(datasette, database: str | None) -> dict:
    """The SQL box of a database holding articles starts from a query over them."""
    try:
        db = datasette.get_database(database)
    except KeyError:
        return {}
    return {"archive_default_sql": DATABASE_PAGE_SQL} if await db.table_exists("articles") else {}


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/-/archive.css")]


@hookimpl
def prepare_connection(conn):
    # For researchers' own SQL: where vn_fold(title) like '%thi dua%'.
    conn.create_function("vn_fold", 1, lambda text: fold(text) if text else text)


def _article_link(datasette, database: str, url: str, label: str) -> Markup:
    href = datasette.urls.path(f"/{quote(database)}/-/article?url={quote(url, safe='')}")
    return Markup(f'<a href="{escape(href)}">{escape(label)}</a>')


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not isinstance(value, str):
        return None
    if column in HIGHLIGHTED:
        return marked_html(value)
    if column == "read" and table is None:
        return _article_link(datasette, database, value, "Read")
    if table == "articles" and column == "body_text" and TABLE_PAGE_SEARCH.get() is not None:
        return marked_html(excerpt(value, TABLE_PAGE_SEARCH.get() or ""))
    if table == "articles" and column == "title":
        columns = set(row.keys())  # a sqlite3.Row: `in row` would look at values
        return _article_link(datasette, database, row["url"], value) if "url" in columns else None
    if table == "document_refs" and column == "article":
        return _article_link(datasette, database, value, value)
    if table == "articles" and column == "same_as":  # the copy on the archive's other site
        return _article_link(datasette, database, value, value)
    return None


@hookimpl
def menu_links(datasette):
    return [
        {"href": datasette.urls.path("/-/charts"), "label": "Charts"},
        {"href": datasette.urls.path("/archive/search"), "label": "Search articles"},
    ]
