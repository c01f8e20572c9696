"""HTML of every page kind. Pure functions of the site; per-request values are template slots."""

from __future__ import annotations

from replica import chrome
from replica.chrome import esc, link
from replica.model.articles import Article
from replica.model.site import Site
from replica.render.body_html import author_lines, body_html, escape_text
from replica.template import slot

LEAD_WORDS = 30
ALIAS_EVERY = 7
NO_IMAGE = "/images/no_image.jpg"


def content_html(article: Article) -> str:
    """The content column shared by the article and print pages: author lines and body."""
    parts = []
    if article.author_form == "top" and article.author:
        parts.append(author_lines(article.author, article.author_role, "right"))
    body = article.body
    parts.append(body_html(body))
    if article.author_form == "signature" and article.author:
        parts.append(author_lines(article.author, article.author_role, "right"))
    elif body.credit:
        parts.append(
            f'<p style="text-align: right;"><strong>{escape_text(body.credit)}</strong></p>'
        )
    return "\r\n".join(parts)


def _actions(article: Article) -> str:
    return (
        '<div class="action" style="text-align:right">'
        '<a href="javascript:history.back()">[Trở về]</a> <a href="#top">[Đầu trang]</a> '
        f'<a href="{article.print_path}" target="_blank">In bài viết</a> '
        '<form name="frmSendFriend" method="post" action="/gui-ban-be/" style="display:inline">'
        f'<input type="hidden" name="id" value="{article.print_id}" />'
        '<input type="hidden" name="email" value="" />'
        '<a href="javascript:document.frmSendFriend.submit()">Gửi cho bạn bè</a></form></div>'
    )


def _related(site: Site, article: Article) -> str:
    items = "".join(f"<li>{link(item.path, item.title)}</li>" for item in site.related(article))
    return f'<div class="other_news"><b>Các tin khác:</b>\r\n<ul>{items}</ul></div>'


def article_page(site: Site, article: Article) -> str:
    main = (
        f'<div class="title_news">{esc(article.title)}</div>\r\n'
        '<div class="tools"><a href="javascript:changeFont(9)">9</a> '
        '<a href="javascript:changeFont(10)">10</a> '
        f'<span class="view">{slot("views")}</span></div>\r\n'
        '<table class="detail" width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td>\r\n'
        f'<h1 class="heading">{esc(article.heading)}</h1>\r\n'
        f'<div class="date">{esc(article.date_line)}</div>\r\n'
        f'<div id="content" class="content">\r\n{content_html(article)}\r\n</div>\r\n'
        f"</td></tr></table>\r\n{_actions(article)}\r\n{_related(site, article)}"
    )
    return chrome.page(article.title, site.categories, main, site.latest())


def print_page(article: Article) -> str:
    """No chrome, counter or related list: date (with literal GMT+7), title and content."""
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
        f"<title>{esc(article.title)}</title></head>\r\n"
        '<body onload="window.print()"><table width="700" align="center"><tr><td>\r\n'
        f'<div class="date">{esc(article.print_date_line)}</div>\r\n'
        f"<h2>{esc(article.title)}</h2>\r\n<div>{content_html(article)}</div>\r\n"
        "</td></tr></table></body></html>\r\n"
    )


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
