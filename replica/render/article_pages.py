"""The article page and its print view; per-request values (the view count) are slots."""

from __future__ import annotations

from replica.model.articles import Article
from replica.model.site import Site
from replica.render import chrome
from replica.render.body_html import author_lines, body_html, escape_text
from replica.render.chrome import esc, link
from replica.render.page_template import slot


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
    """No chrome, counter or related list: date (with literal GMT+7), title and content. The
    real site's print views are titled "In bài viết", not by the article."""
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
        "<title>In bài viết</title></head>\r\n"
        '<body onload="window.print()"><table width="700" align="center"><tr><td>\r\n'
        f'<div class="date">{esc(article.print_date_line)}</div>\r\n'
        f"<h2>{esc(article.title)}</h2>\r\n<div>{content_html(article)}</div>\r\n"
        "</td></tr></table></body></html>\r\n"
    )
