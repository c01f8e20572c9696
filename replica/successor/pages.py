"""The platform's pages: home, category listing (paged), article, print view, login, 404,
robots.txt. Per-request values (counters, view counts) are template slots."""

from __future__ import annotations

from replica.render.article_pages import content_html
from replica.render.body_html import escape_text
from replica.render.page_template import slot
from replica.successor import chrome, portal
from replica.successor.chrome import esc, link, module
from replica.successor.model import SuccessorArticle, SuccessorSite, listing_date

HOME_MODULE = 420
LIST_MODULE = 430
ROBOTS_TXT = (
    "# DNN robots.txt\n"
    "User-agent: *\n"
    "Disallow: /admin/\n"
    "Disallow: /App_Browsers/\n"
    "Disallow: /App_Code/\n"
    "Disallow: /App_Data/\n"
    "Disallow: /bin/\n"
    "Disallow: /Config/\n"
    "Disallow: /DesktopModules/Admin/\n"
    "Disallow: /Install/\n"
    "Disallow: /Providers/\n"
    "Disallow: /Dang-nhap/\n"
    "Disallow: /Login.aspx\n"
    "Disallow: /*/ctl/Login/\n"
)
SUMMARY_CHARS = 220


def article_content(article: SuccessorArticle) -> str:
    """The body as the module shows it: the source's content, then a cross-post's credit."""
    html = content_html(article.source)
    if article.credit:
        html += f'\r\n<p style="text-align: right;"><em>{escape_text(article.credit)}</em></p>'
    return html


def _summary(article: SuccessorArticle) -> str:
    text = next((p for p in article.source.paragraphs if p), "")
    if len(text) > SUMMARY_CHARS:
        text = text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "..."
    return esc(text)


def _item(article: SuccessorArticle) -> str:
    picture = ""
    local = [url for url in article.image_urls if url.startswith("/")]
    if local:
        picture = f'<img class="news-thumb" src="{esc(local[0])}" alt="{esc(article.title)}" />'
    return (
        f'<div class="news-item">{picture}{link(article.path, article.title, "news-title")} '
        f'<span class="news-date">{listing_date(article.published)}</span>'
        f'<p class="news-summary">{_summary(article)}</p></div>'
    )


def home_page(site: SuccessorSite) -> str:
    boxes = []
    newest = site.latest(1)
    if newest:
        boxes.append(module(HOME_MODULE, "Tin nổi bật", _item(newest[0])))
    for number, category in enumerate(site.categories):
        items = site.newest_in(category.id, 5)
        more = f'<p class="more">{link(category.path, "Xem tiếp")}</p>'
        boxes.append(
            module(HOME_MODULE + 1 + number, category.name, chrome.news_list(items) + more)
        )
    return chrome.page(site.portal, "Trang chủ", "/", (), "\n".join(boxes), site.latest(8))


def _pager(site: SuccessorSite, category_id: int, page: int) -> str:
    """DNN-style pager: first, previous, a window of pages, next, last ("Trang 2/14")."""
    count = site.page_count(category_id)
    if count == 1:
        return ""

    def to(number: int, text: str) -> str:
        return link(portal.listing_path(category_id, number), text, "pager-link")

    parts = [f'<span class="pager-info">Trang {page}/{count}</span>']
    if page > 1:
        parts += [to(1, "Đầu"), to(page - 1, "Trước")]
    for number in range(max(1, page - 4), min(count, page + 4) + 1):
        current = f'<span class="pager-current">{number}</span>'
        parts.append(current if number == page else to(number, str(number)))
    if page < count:
        parts += [to(page + 1, "Sau"), to(count, "Cuối")]
    return f'<div class="pager" id="dnn_ctr{LIST_MODULE}_Pager">{" ".join(parts)}</div>'


def listing_page(site: SuccessorSite, category_id: int, page: int) -> str:
    category = site.category(category_id)
    path = portal.listing_path(category_id, page)
    items = "\n".join(_item(article) for article in site.listing(category_id, page))
    inner = f"{items or '<p>Chưa có tin bài.</p>'}\n{_pager(site, category_id, page)}"
    trail = ((category.path, category.name),)
    title = category.name if page == 1 else f"{category.name} - Trang {page}"
    return chrome.page(
        site.portal, title, path, trail, module(LIST_MODULE, category.name, inner), site.latest()
    )


def article_page(site: SuccessorSite, article: SuccessorArticle) -> str:
    category = site.category(article.category_id)
    mid = portal.NEWS_MODULE
    related = chrome.news_list(site.related(article))
    inner = (
        f'<h1 class="news-detail-title" id="dnn_ctr{mid}_ViewNews_lblTitle">{esc(article.title)}'
        "</h1>\r\n"
        f'<div class="news-detail-info"><span class="news-detail-date" '
        f'id="dnn_ctr{mid}_ViewNews_lblDate">{esc(article.date_line)}</span> | '
        f'<span class="news-detail-views">Lượt xem: {slot("views")}</span></div>\r\n'
        f'<div class="news-detail-content" id="dnn_ctr{mid}_ViewNews_divContent">\r\n'
        f"{article_content(article)}\r\n</div>\r\n"
        f'<div class="news-detail-tools">{link(article.print_path, "In bài viết")} '
        '<a href="javascript:history.back()">Quay lại</a></div>\r\n'
        f'<div class="news-other" id="dnn_ctr{mid}_ViewNews_divOther"><h3>Tin khác</h3>'
        f"{related}</div>"
    )
    trail = ((category.path, category.name), ("", "Chi tiết tin"))
    return chrome.page(
        site.portal, article.title, article.path, trail, module(mid, category.name, inner),
        site.latest(),
    )  # fmt: skip


def print_page(article: SuccessorArticle) -> str:
    """The module's print action: no skin, panes, counters or related news."""
    main = (
        f'<div class="news-print" id="dnn_ctr{portal.NEWS_MODULE}_ViewNews_divPrint">\r\n'
        f'<h1 class="news-detail-title">{esc(article.title)}</h1>\r\n'
        f'<div class="news-detail-date">{esc(article.date_line)}</div>\r\n'
        f'<div class="news-detail-content">\r\n{article_content(article)}\r\n</div></div>\r\n'
        '<script type="text/javascript">window.print();</script>'
    )
    return chrome.bare_page(article.title, article.print_path, main)


def login_page(site: SuccessorSite) -> str:
    main = (
        f'<div class="dnnForm dnnLoginService"><h2>Đăng nhập - {esc(site.portal.name)}</h2>'
        '<label for="dnn_ctr_Login_Login_DNN_txtUsername">Tên đăng nhập:</label>'
        '<input name="dnn$ctr$Login$Login_DNN$txtUsername" type="text" '
        'id="dnn_ctr_Login_Login_DNN_txtUsername" />'
        '<label for="dnn_ctr_Login_Login_DNN_txtPassword">Mật khẩu:</label>'
        '<input name="dnn$ctr$Login$Login_DNN$txtPassword" type="password" '
        'id="dnn_ctr_Login_Login_DNN_txtPassword" />'
        '<a id="dnn_ctr_Login_Login_DNN_cmdLogin" href="javascript:__doPostBack('
        "'dnn$ctr$Login$Login_DNN$cmdLogin','')\">Đăng nhập</a></div>"
    )
    return chrome.bare_page("Đăng nhập", f"/Dang-nhap/tabid/{portal.LOGIN_TAB}/Default.aspx", main)


def not_found_page(site: SuccessorSite) -> str:
    main = module(
        999, "Không tìm thấy trang", "<p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa.</p>"
    )
    return chrome.page(site.portal, "Không tìm thấy trang", "/", (), main, ())
