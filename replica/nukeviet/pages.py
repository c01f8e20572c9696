"""The NukeViet example's pages: HTML for home, listings and articles, the RSS feed, and the
route from a request path (with its query) to what is served."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from replica.model.articles import Article
from replica.model.files import ReplicaFile
from replica.model.site import Site
from replica.render.body_html import body_html
from replica.words.vietnamese import weekday

SITE_NAME = "Trường Chính trị tỉnh Đồng Sơn"
LOGO = "/themes/default/images/logo.png"
_LISTING = re.compile(r"/vi/news/([a-z0-9-]+)/(?:page-([1-9][0-9]{0,6})/)?")
_DOWNLOAD = re.compile(r"(?:^|&)download=1(?:&|$)")
_FILE_ID = re.compile(r"(?:^|&)id=([1-9][0-9]{0,2})(?:&|$)")


def article_path(article: Article) -> str:
    return f"/vi/news/{article.category}/{article.slug}-{article.print_id}.html"


def download_path(article: Article, number: int) -> str:
    """The `number`-th (1-based) attachment of an article: its URL with a query."""
    return f"{article_path(article)}?download=1&id={number}"


def date_line(article: Article) -> str:
    return f"{weekday(article.published)} - {article.published:%d/%m/%Y %H:%M}"


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    extra: tuple[tuple[str, str], ...] = ()


def _page(title: str, site: Site, main: str) -> str:
    menu = "".join(
        f'<li><a href="/vi/news/{c.slug}/">{escape(c.name)}</a></li>' for c in site.categories
    )
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        '<link rel="alternate" type="application/rss+xml" href="/vi/news/rss/">'
        f'</head><body><header><a href="/"><img src="{LOGO}" alt="{escape(SITE_NAME)}"></a>'
        f'<nav><ul><li><a href="/">Trang chủ</a></li>{menu}</ul></nav></header>'
        f'<main class="col-md-18">{main}</main>'
        f'<footer><p>© {escape(SITE_NAME)}</p><a href="/vi/news/rss/">RSS</a></footer>'
        "</body></html>"
    )


def home(site: Site) -> str:
    items = "".join(
        f'<li><a href="{article_path(a)}">{escape(a.title)}</a></li>' for a in site.latest(10)
    )
    return _page(SITE_NAME, site, f"<h2>Tin mới</h2><ul>{items}</ul>")


def listing(site: Site, slug: str, page: int) -> str:
    category = site.category(slug)
    items = "".join(
        f'<div class="news-item"><h3><a href="{article_path(a)}">{escape(a.title)}</a></h3>'
        f"<p>{escape(date_line(a))}</p></div>"
        for a in site.listing(slug, page)
    )
    pages = "".join(
        f'<li><a href="/vi/news/{slug}/{"" if n == 1 else f"page-{n}/"}">{n}</a></li>'
        for n in range(1, site.page_count(slug) + 1)
        if n != page
    )
    main = f'<h1>{escape(category.name)}</h1>{items}<ul class="pagination">{pages}</ul>'
    return _page(f"{category.name} - {SITE_NAME}", site, main)


def _body(article: Article) -> str:
    """The body as the replica writes it, its file links turned into NukeViet's downloads."""
    html = body_html(article.body)
    for number, file in enumerate(article.files, 1):
        target = escape(download_path(article, number))
        html = html.replace(f'href="{file.path}"', f'href="{target}"')
    return html


def article_page(site: Site, article: Article, host: str, views: int) -> str:
    publisher = (
        '<div class="hidden hide d-none" itemprop="publisher" itemscope '
        'itemtype="http://schema.org/Organization">'
        f'<span itemprop="name">{escape(SITE_NAME)}</span> '
        '<span itemprop="logo" itemscope itemtype="http://schema.org/ImageObject">'
        f'<span itemprop="url">http://{host}{LOGO}</span></span></div>'
    )
    author = (
        f'<p class="text-right"><strong>Tác giả: </strong>{escape(article.author)}</p>'
        if article.author
        else ""
    )
    related = "".join(
        f'<li><a href="{article_path(a)}">{escape(a.title)}</a></li>' for a in site.related(article)
    )
    main = (
        f'<div class="news_column"><h1 class="title margin-bottom-lg">{escape(article.title)}'
        f'</h1>{publisher}<div class="h5"><span class="pull-left">{escape(date_line(article))}'
        f'</span></div><div id="news-bodyhtml" class="bodytext">{_body(article)}</div>{author}'
        f'<p class="small">Lượt xem: {views}</p></div>'
        f'<div class="news_column"><h3>Các tin khác</h3><ul>{related}</ul></div>'
    )
    page = _page(f"{article.title} - {SITE_NAME}", site, main)
    og = f'<meta property="og:title" content="{escape(article.title)}">'
    return page.replace("</title>", "</title>" + og, 1)


def rss(site: Site, host: str) -> str:
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>http://{host}{article_path(a)}</link>"
        f"<pubDate>{a.published:%d/%m/%Y %H:%M}</pubDate></item>"
        for a in site.latest(20)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(SITE_NAME)}</title><link>http://{host}/</link>{items}</channel></rss>"
    )


def _file(file: ReplicaFile) -> Answer:
    name = file.path.rsplit("/", 1)[-1]
    disposition = ("Content-Disposition", f'attachment; filename="{name}"')
    return Answer(200, file.content(), file.mime, (disposition,))


def answer(site: Site, by_path: dict[str, Article], raw: str, host: str, views: int) -> Answer:
    """What a GET of `raw` (path and query) gets."""
    path, _, query = raw.split("#", 1)[0].partition("?")
    html = "text/html; charset=utf-8"
    if path == "/":
        return Answer(200, home(site).encode())
    if path == "/robots.txt":
        return Answer(200, b"User-agent: *\nDisallow: /admin/\n", "text/plain")
    if path == "/vi/news/rss/":
        return Answer(200, rss(site, host).encode(), "application/rss+xml; charset=utf-8")
    if path == LOGO:
        return Answer(200, b"\x89PNG\r\n\x1a\n", "image/png")
    if (article := by_path.get(path)) is not None:
        if _DOWNLOAD.search(query):
            number = _FILE_ID.search(query)
            index = int(number.group(1)) - 1 if number else -1
            if 0 <= index < len(article.files):
                return _file(article.files[index])
            return Answer(404, b"<h1>404</h1>", html)
        return Answer(200, article_page(site, article, host, views).encode())
    match = _LISTING.fullmatch(path)
    if match and site.category(match.group(1)):
        page = int(match.group(2) or 1)
        if page <= site.page_count(match.group(1)):
            return Answer(200, listing(site, match.group(1), page).encode())
    return Answer(404, b"<h1>404 Not Found</h1>", html)
