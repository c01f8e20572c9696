"""The platform's page chrome: an ASP.NET WebForms page with one ``<form id="Form">`` posting
back to itself (``__VIEWSTATE``, ``__EVENTVALIDATION``), DNN skin panes (``dnn_HeaderPane``,
``dnn_LeftPane``, ``dnn_ContentPane``, ``dnn_RightPane``, ``dnn_FooterPane``), modules wrapped in
``dnn_ctr{module id}_…`` containers, a menu, breadcrumbs, a login link, a search box that posts
back, a visitor counter (template slots) and a footer. Root-relative links only, so a page is
the same bytes on whichever loopback port serves it."""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, Sequence

from replica.render.page_template import slot
from replica.successor import portal
from replica.successor.model import SuccessorArticle, listing_date
from replica.successor.portal import Portal

SKIN = "/Portals/_default/Skins/PhuTho2025"
ASSETS: dict[str, tuple[bytes, str]] = {
    "/Portals/_default/default.css": (b"body{margin:0}.Normal{font-size:13px}\n", "text/css"),
    f"{SKIN}/skin.css": (
        b"#siteWrapper{width:1000px;margin:0 auto}.LeftPane{float:left;width:240px}\n"
        b".ContentPane{float:left;width:520px}.RightPane{float:right;width:220px}\n"
        b".HeaderPane{background:url(images/banner.jpg) no-repeat}\n",
        "text/css",
    ),
    "/Portals/0/portal.css": (b".news-title{font-weight:bold;color:#8b0000}\n", "text/css"),
    "/Resources/libraries/jQuery/03_05_01/jquery.js": (
        b"/*! jQuery stand-in */window.jQuery=window.$=function(){return{}};\n",
        "application/javascript",
    ),
    "/js/dnncore.js": (b"var dnn=window.dnn||{};\n", "application/javascript"),
}
IMAGES = (f"{SKIN}/images/banner.jpg", "/Portals/0/Images/logo.png", "/Portals/0/favicon.ico")
WEB_LINKS = (
    ("Cổng thông tin điện tử tỉnh Phú Thọ", "https://phutho.gov.vn/"),
    ("Học viện Chính trị quốc gia Hồ Chí Minh", "https://hcma.vn/"),
)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def link(href: str, text: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f'<a href="{esc(href)}"{cls}>{esc(text)}</a>'


def opaque(label: str, path: str, size: int) -> str:
    """A deterministic stand-in for serialised ASP.NET state (base64, as the real fields)."""
    seed = hashlib.sha256(f"{label}:{path}".encode()).digest()
    stream = b"".join(hashlib.sha256(seed + bytes([i])).digest() for i in range(size // 32 + 1))
    return base64.b64encode(stream[:size]).decode("ascii")


def _head(title: str, robots: str) -> str:
    css = "".join(
        f'<link href="{path}?cdv=41" type="text/css" rel="stylesheet"/>\n'
        for path in ASSETS
        if path.endswith(".css")
    )
    return (
        '<!DOCTYPE html>\n<html lang="vi-VN">\n<head id="Head">'
        '<meta content="text/html; charset=UTF-8" http-equiv="Content-Type" />\n'
        f"<title>\r\n\t{esc(title)}\r\n</title>"
        f'<meta id="MetaDescription" name="DESCRIPTION" content="{esc(title)}" />'
        '<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />'
        f'<meta id="MetaRobots" name="ROBOTS" content="{robots}" />\n{css}'
        '<script src="/Resources/libraries/jQuery/03_05_01/jquery.js?cdv=41" '
        'type="text/javascript"></script>\n<script src="/js/dnncore.js?cdv=41" '
        'type="text/javascript"></script>\n<link rel="SHORTCUT ICON" '
        'href="/Portals/0/favicon.ico?ver=2025-07-01-000000-000" type="image/x-icon" />\n'
        "</head>\n"
    )


def form_open(action: str) -> str:
    """The WebForms form and its hidden state, as every platform page starts its body."""
    return (
        f'<form method="post" action="{esc(action)}" id="Form" enctype="multipart/form-data">\n'
        '<div class="aspNetHidden">\n'
        '<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />\n'
        '<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />\n'
        f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
        f'value="{opaque("viewstate", action, 480)}" />\n</div>\n'
        "<script type=\"text/javascript\">\n//<![CDATA[\nvar theForm = document.forms['Form'];\n"
        "function __doPostBack(eventTarget, eventArgument) {\n"
        "    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {\n"
        "        theForm.__EVENTTARGET.value = eventTarget;\n"
        "        theForm.__EVENTARGUMENT.value = eventArgument;\n        theForm.submit();\n"
        "    }\n}\n//]]>\n</script>\n"
        '<div class="aspNetHidden">\n<input type="hidden" name="__VIEWSTATEGENERATOR" '
        'id="__VIEWSTATEGENERATOR" value="CA0B0334" />\n'
        f'<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" '
        f'value="{opaque("validation", action, 120)}" />\n</div>\n'
    )


FORM_CLOSE = (
    '<input name="ScrollTop" type="hidden" id="ScrollTop" />\n'
    '<input name="__dnnVariable" type="hidden" id="__dnnVariable" autocomplete="off" '
    'value="`{`__scdoff`:`1`}" />\n</form>\n'
)


def _header(site_portal: Portal, action: str) -> str:
    return (
        '<div id="dnn_HeaderPane" class="HeaderPane">'
        f'<a id="dnn_dnnLOGO_hypLogo" title="{esc(site_portal.name)}" href="/">'
        f'<img id="dnn_dnnLOGO_imgLogo" src="/Portals/0/Images/logo.png" '
        f'alt="{esc(site_portal.name)}" /></a>'
        f'<span class="site-name">{esc(site_portal.name)}</span></div>\n'
        '<div class="user-bar"><a id="dnn_dnnLOGIN_loginLink" title="Đăng nhập" '
        f'class="LoginLink" rel="nofollow" href="{esc(portal.login_path(action))}">'
        "Đăng nhập</a></div>\n"
        '<span id="dnn_dnnSearch_ClassicSearch">'
        '<input name="dnn$dnnSearch$txtSearch" type="text" maxlength="255" size="20" '
        'id="dnn_dnnSearch_txtSearch" class="NormalTextBox" '
        "onkeydown=\"return __dnn_KeyDown('13', 'javascript:__doPostBack(%27dnn$dnnSearch"
        "$cmdSearch%27,%27%27)', event);\" />&nbsp;"
        '<a id="dnn_dnnSearch_cmdSearch" class="SearchButton" '
        "href=\"javascript:__doPostBack('dnn$dnnSearch$cmdSearch','')\">Tìm kiếm</a></span>\n"
    )


def _menu(categories: Iterable[portal.PortalCategory]) -> str:
    items = "".join(f"<li>{link(c.path, c.name)}</li>" for c in categories)
    return (
        f'<nav id="dnn_dnnMenu" class="dnnMenu"><ul class="topLevel">'
        f'<li class="home">{link("/", "Trang chủ")}</li>{items}</ul></nav>\n'
    )


def breadcrumb(trail: Sequence[tuple[str, str]]) -> str:
    """``Trang chủ » …``; the last step is the current page (not a link)."""
    steps = [link("/", "Trang chủ", "Breadcrumb")]
    for number, (href, text) in enumerate(trail):
        last = number == len(trail) - 1
        steps.append(
            f'<span class="Breadcrumb">{esc(text)}</span>'
            if last
            else link(href, text, "Breadcrumb")
        )
    return (
        f'<div id="dnn_dnnBreadcrumb_lblBreadCrumb" class="breadcrumb">{" » ".join(steps)}</div>\n'
    )


def module(module_id: int, title: str, inner: str) -> str:
    return (
        f'<div class="DnnModule DnnModule-NewsModule DnnModule-{module_id}">'
        f'<a name="{module_id}"></a>\n<div class="c_container">'
        f'<h2 class="c_title"><span id="dnn_ctr{module_id}_dnnTITLE_titleLabel" '
        f'class="Head">{esc(title)}</span></h2>\n'
        f'<div id="dnn_ctr{module_id}_ContentPane" class="c_content">\n{inner}\n</div></div></div>'
    )


def news_list(items: Iterable[SuccessorArticle]) -> str:
    lines = "".join(
        f"<li>{link(item.path, item.title)} "
        f'<span class="news-date">{listing_date(item.published)}</span></li>'
        for item in items
    )
    return f'<ul class="news-list">{lines}</ul>'


def _left(categories: Sequence[portal.PortalCategory], latest: Sequence[SuccessorArticle]) -> str:
    cats = "".join(f"<li>{link(c.path, c.name)}</li>" for c in categories)
    return (
        '<div id="dnn_LeftPane" class="LeftPane">'
        f"{module(410, 'Tin mới nhất', news_list(latest))}"
        f"{module(411, 'Chuyên mục', f'<ul>{cats}</ul>')}</div>\n"
    )


def _right() -> str:
    links = "".join(f"<li>{link(href, text)}</li>" for text, href in WEB_LINKS)
    counter = (
        '<div id="dnn_ctr412_Counter" class="visitor-counter">'
        f'<p>Đang truy cập: <span id="dnn_ctr412_lblOnline">{slot("online")}</span></p>'
        f'<p>Hôm nay: <span id="dnn_ctr412_lblToday">{slot("today")}</span></p>'
        f'<p>Hôm qua: <span id="dnn_ctr412_lblYesterday">{slot("yesterday")}</span></p>'
        f'<p>Tổng lượt truy cập: <span id="dnn_ctr412_lblTotal">{slot("total")}</span></p></div>'
    )
    return (
        '<div id="dnn_RightPane" class="RightPane">'
        f"{module(412, 'Thống kê truy cập', counter)}"
        f"{module(413, 'Liên kết website', f'<ul>{links}</ul>')}</div>\n"
    )


def page(
    site_portal: Portal,
    title: str,
    action: str,
    trail: Sequence[tuple[str, str]],
    main: str,
    latest: Sequence[SuccessorArticle],
) -> str:
    """A whole skinned page; ``action`` is the page's own URL (the form posts back to it)."""
    categories = site_portal.categories
    return (
        f'{_head(f"{title} - {site_portal.name}", "INDEX, FOLLOW")}<body id="Body">\n'
        f'{form_open(action)}<div id="siteWrapper">\n{_header(site_portal, action)}'
        f"{_menu(categories)}{breadcrumb(trail) if trail else ''}"
        f'<div class="row">\n{_left(categories, latest)}'
        f'<div id="dnn_ContentPane" class="ContentPane">\n{main}\n</div>\n{_right()}</div>\n'
        f'<div id="dnn_FooterPane" class="footer"><p><strong>{esc(site_portal.name)}</strong></p>'
        f"<p>{esc(site_portal.footer)}</p>"
        '<p><span id="dnn_dnnCOPYRIGHT_lblCopyright" class="footer">Bản quyền © 2025 '
        f"{esc(site_portal.name)}</span></p></div>\n</div>\n{FORM_CLOSE}</body>\n</html>\n"
    )


def bare_page(title: str, action: str, main: str, robots: str = "NOINDEX, NOFOLLOW") -> str:
    """A page without skin or panes: the print view, the login form."""
    return (
        f'{_head(title, robots)}<body id="Body">\n{form_open(action)}'
        f"{main}\n{FORM_CLOSE}</body>\n</html>\n"
    )
