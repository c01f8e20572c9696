"""Article pages in markups *other* than the replica's, to prove the profile rules do not
depend on tags or classes. Each renderer takes the same plain fields."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

SEED_FILE = Path(__file__).resolve().parents[1] / "replica" / "data" / "seed_article.json"
COUNTER = (
    "Thống kê truy cập",
    "Số người online :&nbsp; 4",
    "Hôm nay :&nbsp; 2274",
    "Hôm qua :&nbsp; 1720",
    "Lượt truy cập : 3036841",
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    """Rendered text, inline markup joined without separators (as a browser shows glue)."""
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


@dataclass
class Page:
    title: str
    heading: str
    date_line: str
    paragraphs: list[str]
    top: tuple[str, str] | None = None  # (author, role) above the body
    signature: tuple[str, str | None] | None = None  # (author, role) below the body
    credit: str | None = None
    print_id: int = 4711
    related: list[str] = field(default_factory=lambda: ["Bồi dưỡng lý tưởng", "Tin cũ hơn"])


def seed_page() -> Page:
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    return Page(
        title=data["title"],
        heading=data["heading"],
        date_line=data["date_line"],
        paragraphs=[p.strip() for p in data["paragraphs"]],
        signature=(data["author"], data["author_role"]),
        related=data["related_titles"],
    )


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _tail(page: Page) -> list[str]:
    lines = []
    if page.signature:
        lines += [_e(x) for x in page.signature if x]
    if page.credit:
        lines.append(_e(page.credit))
    return lines


def table_layout(page: Page) -> str:
    """A 2000s table layout: <br>-separated paragraphs, <font> tags, no <p> at all."""
    body = "<br><br>".join("&nbsp;&nbsp;&nbsp;" + _e(p) for p in page.paragraphs)
    top = "<br>".join(_e(x) for x in page.top) + "<br><br>" if page.top else ""
    tail = "<br>".join(_tail(page))
    related = "".join(
        f'<li><a href="/noi-san/r{i}.html">{_e(t)}</a></li>' for i, t in enumerate(page.related)
    )
    return f"""<html><head><meta charset="utf-8"><title>Trường Chính trị tỉnh Phú Thọ</title></head><body>
<table><tr><td><b>Liên kết website</b><br><a href="http://chinhphu.vn">Website Chính Phủ</a></td>
<td><html><head><title>Untitled Document</title></head><body>{"<br>".join(COUNTER)}</body></html></td></tr>
<tr><td colspan=2><span>{_e(page.title)}</span><br>9 10 179</td></tr>
<tr><td colspan=2><font size=4><b>{_e(page.heading)}</b></font></td></tr>
<tr><td><i>{_e(page.date_line)}</i></td></tr>
<tr><td>{top}{body}<br><br><div align=right>{tail}</div></td></tr>
<tr><td><a href="javascript:history.back()">[Trở về]</a> <a href="#top">[Đầu trang]</a>
<a href="/print/{page.print_id}.html">In bài viết</a>
<form action="/send" method=post><input name=email> Gửi cho bạn bè</form></td></tr>
<tr><td><b>Các tin khác:</b><ul>{related}</ul></td></tr></table></body></html>"""  # noqa: E501


def section_layout(page: Page) -> str:
    """A modern CMS: semantic sections, classes unlike the replica's, the date in a <time>."""
    paragraphs = "".join(f"<p>{_e(p)}</p>" for p in page.paragraphs)
    top = "".join(f"<p class=by>{_e(x)}</p>" for x in page.top) if page.top else ""
    tail = "".join(f'<p style="text-align:right"><strong>{x}</strong></p>' for x in _tail(page))
    related = "".join(
        f'<a href="/noi-san/r{i}.html">{_e(t)}</a><br>' for i, t in enumerate(page.related)
    )
    return f"""<!doctype html><html lang=vi><head><meta charset=utf-8><title>{_e(page.title)}</title></head>
<body><nav><a href="/">Trang chủ</a><a href="/noi-san/">Nội san</a></nav>
<aside><h4>Liên kết website</h4><a href="http://hcma.vn">Học viện</a></aside>
<aside class=stats><h4>Thống kê truy cập</h4><div>{"</div><div>".join(COUNTER[1:])}</div></aside>
<main><div class=crumb>{_e(page.title)}</div><div class=tools>9 10 179</div>
<article><h1>{_e(page.heading)}</h1><time>{_e(page.date_line)}</time>
<section class=content>{top}{paragraphs}{tail}</section></article>
<div class=bar><a href="javascript:history.back()">[Trở về]</a><a href="/print/{page.print_id}.html">In bài viết</a>
<button>Gửi cho bạn bè</button></div>
<section><h3>Các tin khác:</h3>{related}</section>
<section><h3>Tin mới nhất</h3><a href="/noi-san/new.html">Tin mới</a></section></main></body></html>"""  # noqa: E501


def span_layout(page: Page) -> str:
    """A DotNetNuke-style page: everything in nested <div>/<span>, title and date in one row."""
    paragraphs = "".join(f'<div class="Normal"><span>{_e(p)}</span></div>' for p in page.paragraphs)
    top = "".join(f"<div><em>{_e(x)}</em></div>" for x in page.top) if page.top else ""
    tail = "".join(f"<div><span><b>{x}</b></span></div>" for x in _tail(page))
    return f"""<html><body><div id=dnn_ctr><div class=Head>{_e(page.title)}</div>
<div class=info><span>9 10 179</span></div><div class=Title><span>{_e(page.heading)}</span></div>
<div class=meta><span class=date>{_e(page.date_line)}</span></div>
<div class=body>{top}{paragraphs}{tail}</div>
<div class=actions><span><a href="/print/{page.print_id}.html">In bài viết</a></span></div>
<div class=other><span>Các tin khác:</span><div><a href="/noi-san/x.html">Một tin</a></div></div>
</div></body></html>"""
