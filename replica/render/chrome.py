"""Site-wide blocks of the portal's pages, in rendered order (see shared/portal-notes.md).

Old Vietnamese government CMS markup on purpose: layout tables, inline styles, Dreamweaver
scripts, a whole HTML document pasted into a widget. Dynamic values are template slots.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from replica.model.articles import Article, Category
from replica.render import theme
from replica.render.page_template import slot

SITE_NAME = "Trường Chính trị tỉnh Phú Thọ"
WEB_LINKS = (
    ("Website Chính Phủ", "http://chinhphu.vn/"),
    ("Học viện chính trị Quốc gia Hồ Chí Minh", "http://hcma.vn/"),
    ("Học viện hành chính Quốc gia", "http://napa.vn/"),
)
# The seed page's slider text, as it reads (two untitled slides among the captions).
SLIDES = (
    "Vụ TCT",
    "65",
    "Bí thư Tỉnh ủy",
    "Bí thư Tỉnh ủy tặng hoa GS,TS Nguyễn Xuân Thắng",
    "Huân chương LĐ hạng Nhất",
    "HT Hội nghị thi đua yêu nước năm 2016",
    "BCH Đảng bộ nhiệm kỳ 2015 - 2000",
    "Lễ đón nhận Cờ thi đua của Thủ tướng Chính phủ năm 2015",
)
SLIDE_COUNT = len(SLIDES)
_NEW_WINDOW = 'target="_blank"'

_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{title}</title>
<meta name="keywords" content="Trường Chính trị tỉnh Phú Thọ, truongchinhtritinhphutho" />
<meta name="description" content="{title}" />
{theme}<style type="text/css">
<!--
body {{ margin-left: 0px; margin-top: 0px; font-family: Arial, Helvetica, sans-serif;
  font-size: 12px; }}
.menu a {{ color: #FFFFFF; font-weight: bold; text-decoration: none; }}
.title_box {{ background-color: #AE0000; color: #FFF; font-weight: bold; padding: 4px; }}
-->
</style>
<script type="text/javascript">
<!--
function MM_swapImgRestore() {{ var i,x,a=document.MM_sr;
  for(i=0;a&&i<a.length&&(x=a[i])&&x.oSrc;i++) x.src=x.oSrc; }}
function changeFont(size) {{ document.getElementById('content').style.fontSize = size + 'pt'; }}
//-->
</script>
</head>
<body leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<a name="top" id="top"></a>
"""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def link(href: str, text: str, attrs: str = "") -> str:
    extra = f" {attrs}" if attrs else ""
    return f'<a href="{esc(href)}"{extra}>{esc(text)}</a>'


def head(title: str) -> str:
    return _HEAD.format(title=esc(title), theme=theme.HEAD_LINKS)


def menu(categories: Iterable[Category]) -> str:
    items = [link("/", "Trang chủ"), link("/gioi-thieu/", "Giới thiệu")]
    items += [link(category.path, category.name) for category in categories]
    items.append(link("/lien-he/", "Liên hệ"))
    cells = "".join(f'<td class="menu" nowrap="nowrap">{item}</td>' for item in items)
    return (
        '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">\r\n'
        '<tr><td><img src="/images/banner.jpg" width="1000" height="150" border="0" alt="" />'
        "</td></tr>\r\n"
        f'<tr><td bgcolor="#AE0000"><table border="0" cellspacing="0" cellpadding="6"><tr>{cells}'
        "</tr></table></td></tr>\r\n"
    )


def left_column() -> str:
    """Liên kết website, the pasted "Untitled Document" widget, then the visitor counter."""
    links = "".join(f"<li>{link(url, text, _NEW_WINDOW)}</li>" for text, url in WEB_LINKS)
    return (
        '<td width="220" valign="top" style="padding:4px">\r\n'
        f'<div class="title_box">Liên kết website</div>\r\n<ul class="links">{links}</ul>\r\n'
        '<div class="widget"><html><head><title>Untitled Document</title>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        '<body><table width="200" border="0"><tr><td><img src="/images/quangcao.jpg" '
        'width="200" height="80" alt="" /></td></tr></table></body></html></div>\r\n'
        '<div class="title_box">Thống kê truy cập</div>\r\n<table class="counter" width="100%">'
        f"<tr><td>Số người online : &nbsp;{slot('online')}</td></tr>"
        f"<tr><td>Hôm nay : &nbsp;{slot('today')}</td></tr>"
        f"<tr><td>Hôm qua : &nbsp;{slot('yesterday')}</td></tr>"
        f"<tr><td>Lượt truy cập : {slot('total')}</td></tr></table>\r\n</td>\r\n"
    )


def slider_and_latest(latest: Iterable[Article]) -> str:
    slides = "".join(
        f'<a href="/uploads/slide/{n}.jpg" title="{esc(text)}"><span>{esc(text)}</span></a> '
        for n, text in enumerate(SLIDES, start=1)
    )
    items = "".join(f"<li>{link(article.path, article.title)}</li>" for article in latest)
    return (
        f'<tr><td><div class="slider">{slides}</div>\r\n<ul class="slide-nav">'
        f"<li>{esc(SLIDES[0])}</li></ul>\r\n"
        '<div class="title_box">Tin mới nhất</div>\r\n'
        f'<ul class="latest">{items}</ul></td></tr>\r\n'
    )


def page(title: str, categories: Iterable[Category], main: str, latest: Iterable[Article]) -> str:
    """A full portal page around ``main`` (the centre column)."""
    return (
        f'{head(title)}{menu(categories)}<tr><td><table width="100%" border="0" '
        f'cellspacing="0" cellpadding="0"><tr>\r\n{left_column()}'
        f'<td valign="top" style="padding:6px">\r\n{main}\r\n</td></tr></table></td></tr>\r\n'
        f"{slider_and_latest(latest)}</table>\r\n</body>\r\n</html>\r\n"
    )
