"""The home page and the category listings with their paging; the host is a template slot."""

from __future__ import annotations

from replica.model.articles import Article
from replica.model.site import Site
from replica.render import chrome
from replica.render.body_html import escape_text
from replica.render.chrome import esc, link
from replica.render.page_template import slot

LEAD_WORDS = 30
ALIAS_EVERY = 7
NO_IMAGE = "/images/no_image.jpg"


def lead(article: Article) -> str:
    words = " ".join(article.paragraphs).split()
    text = " ".join(words[:LEAD_WORDS])
    return text + ("..." if len(words) > LEAD_WORDS else "")


def _item(article: Article) -> str:
    """A listing item; every ALIAS_EVERY-th print id links through the ``mail.`` alias host."""
    href = article.path
    if article.print_id % ALIAS_EVERY == 0:
        href = f"http://mail.{slot('host')}{article.path}"
    thumb = next(iter(article.image_urls), NO_IMAGE)
    return (
        f'<div class="news_item"><a href="{esc(href)}"><img src="{esc(thumb)}" width="120" '
        f'height="90" align="left" border="0" alt="" /></a>\r\n'
        f'<a class="title_link" href="{esc(href)}">{esc(article.title)}</a> '
        f'<span class="date">({esc(article.date_line)})</span>\r\n'
        f'<p class="lead">{escape_text(lead(article))}</p><div style="clear:both"></div></div>'
    )


def _page_href(cat_slug: str, page: int) -> str:
    return f"/{cat_slug}/" if page == 1 else f"/{cat_slug}/page/{page}/"


def pagination(cat_slug: str, page: int, last: int) -> str:
    links = []
    if page > 1:
        links += [
            link(_page_href(cat_slug, 1), "Trang đầu"),
            link(_page_href(cat_slug, page - 1), "Trang trước"),
        ]
    for number in range(max(1, page - 4), min(last, page + 4) + 1):
        links.append(
            f"<b>{number}</b>"
            if number == page
            else link(_page_href(cat_slug, number), str(number))
        )
    if page < last:
        links += [
            link(_page_href(cat_slug, page + 1), "Trang sau"),
            link(_page_href(cat_slug, last), "Trang cuối"),
        ]
    return f'<div class="paging">{" ".join(links)}</div>'


def listing_page(site: Site, cat_slug: str, page: int) -> str:
    category = site.category(cat_slug)
    if category is None:
        raise ValueError(f"unknown category {cat_slug!r}")
    items = "\r\n".join(_item(article) for article in site.listing(cat_slug, page))
    main = (
        f'<div class="title_box">{esc(category.name)}</div>\r\n{items}\r\n'
        f"{pagination(cat_slug, page, site.page_count(cat_slug))}"
    )
    title = category.name if page == 1 else f"{category.name} - Trang {page}"
    return chrome.page(title, site.categories, main, site.latest())


def home_page(site: Site) -> str:
    boxes = []
    for category in site.categories:
        items = "".join(
            f"<li>{link(a.path, a.title)}</li>" for a in site.newest_in(category.slug, 5)
        )
        boxes.append(
            f'<div class="box"><div class="title_box">{link(category.path, category.name)}</div>'
            f"<ul>{items}</ul></div>"
        )
    return chrome.page(chrome.SITE_NAME, site.categories, "\r\n".join(boxes), site.latest())
