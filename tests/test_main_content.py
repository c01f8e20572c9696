"""The generic path's trafilatura cascade (scraper/extraction/main_content.py) gives, page by
page, the body `trafilatura.bare_extraction` gives: on the saved generic pages, replica pages,
the generic test sites and pages made to reach each step it may skip or must run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import trafilatura
from lxml import etree

from replica import build_site
from replica.render.article_pages import article_page
from scraper.extraction import main_content
from scraper.extraction.blocks import parse_html
from scraper.extraction.main_content import OPTIONS, main_body
from tests import generic_sites, markup

PAGES = Path(__file__).parent / "generic_pages"
CHROME = "".join(f"<li><a href='/m{i}'>Chuyên mục số {i} của cổng</a></li>" for i in range(60))


def _page(main: str, head: str = "", chrome: str = CHROME) -> str:
    return (
        f"<html><head><title>Cổng thông tin</title>{head}</head><body>"
        f"<nav><ul>{chrome}</ul></nav><div id='main'>{main}</div>"
        "<footer>Bản quyền © Trường Chính trị tỉnh Phú Thọ</footer></body></html>"
    )


def _paragraphs(count: int, words: int = 40) -> str:
    return "".join(
        f"<p>{' '.join(f'đoạn{p} chữ{w} cán bộ học viên' for w in range(words // 4))}.</p>"
        for p in range(count)
    )


# Pages made to reach each step of the cascade: a short text among much chrome (the recall
# escalation and its whole-page dump), a text about as long as the page (readability skipped),
# tables outnumbering paragraphs, text only in divs, a video iframe, spaces that are not ASCII,
# scripts, an empty page, a thread forum, a page with nothing but chrome.
MADE = {
    "short among chrome": _page(f"<article>{_paragraphs(1, 60)}</article>", chrome=CHROME * 4),
    "one line among chrome": _page("<p>Một câu ngắn về lớp học.</p>"),
    "short, little chrome": _page("<article><p>Tin ngắn: khai giảng lớp.</p></article>", chrome=""),
    "long text, little chrome": _page(f"<article>{_paragraphs(12)}</article>", chrome=""),
    "long text among chrome": _page(f"<article>{_paragraphs(4)}</article>"),
    "tables": _page(
        "<article><p>Bảng điểm.</p>"
        + "".join(
            f"<table><tr><td>Học viên {i}</td><td>{' '.join(['điểm'] * 30)}</td></tr></table>"
            for i in range(4)
        )
        + "</article>",
        chrome="",
    ),
    "divs only": _page(
        "".join(f"<div>{' '.join(['nội dung bài viết'] * 25)} {i}.</div>" for i in range(8))
    ),
    "video": _page(
        f"<article>{_paragraphs(3)}<iframe src='https://www.youtube.com/embed/x'></iframe>"
        f"<iframe src='https://vimeo.com/1'></iframe></article>",
        chrome="",
    ),
    "spaces": _page(
        "<article>" + _paragraphs(3).replace(" ", "\u00a0 \u2003") + "</article>",
        chrome="".join(f"<li>mục\u00a0\u00a0{i}</li>" for i in range(40)),
    ),
    "scripts": _page(
        f"<article>{_paragraphs(2)}</article>",
        head="<script>" + "var x = 1;" * 2000 + "</script><style>p{}</style>",
    ),
    # Raw-text elements: readability's XML round trip turns "&" in them into "&amp;", so its
    # text outgrows any bound on the page's (found by a reviewer's fuzzing).
    "code in xmp": "<html><body><div><p>"
    + "Lorem ipsum dolor sit amet, consectetur. " * 8
    + "</p><xmp>"
    + "&" * 100
    + "</xmp></div></body></html>",
    "code sample": _page(
        f"<article>{_paragraphs(2)}<xmp>{'if (a && b) { x < y; }' * 20}</xmp>"
        f"<noembed>{'a & b ' * 30}</noembed></article>",
        chrome="",
    ),
    "empty": "<html><body></body></html>",
    "only chrome": _page("", chrome=CHROME * 3),
    "forum": _page(
        "<div class='comments'>" + _paragraphs(3) + "</div>",
        head='<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>',
    ),
}


def _all_pages() -> dict[str, str]:
    pages = {name: (PAGES / name).read_text("utf-8") for name in json.loads(
        (PAGES / "expected.json").read_text("utf-8"))}  # fmt: skip
    site = build_site(30, seed=3)
    pages |= {a.path: article_page(site, a) for a in site.articles[:30]}
    for kind in (generic_sites.shop, generic_sites.forum, generic_sites.news):
        pages |= {f"{kind.__name__}{path}": html for path, html in kind().items()}
    seed = markup.seed_page()
    for layout in (markup.table_layout, markup.section_layout, markup.span_layout):
        pages[layout.__name__] = layout(seed)
    return pages | MADE


ALL = _all_pages()


def _theirs(html: str) -> bytes | None:
    document = trafilatura.bare_extraction(parse_html(html), **OPTIONS)
    return None if document is None else etree.tostring(document.body)


def _ours(html: str, in_place: bool) -> bytes | None:
    body = main_body(parse_html(html), in_place=in_place)
    return None if body is None else etree.tostring(body)


@pytest.mark.parametrize("name", sorted(ALL))
def test_the_body_is_trafilaturas(name: str) -> None:
    html = ALL[name]
    assert _ours(html, in_place=True) == _theirs(html)


def test_the_tree_is_left_alone_unless_given_away() -> None:
    root = parse_html(MADE["long text among chrome"])
    before = etree.tostring(root)
    main_body(root)
    assert etree.tostring(root) == before


def test_the_skipped_steps_are_skipped_and_the_others_run(monkeypatch) -> None:
    """The skips are taken where they apply (else this module would be only a copy)."""
    ran: list[str] = []
    original_compare, original_dump = main_content.compare_extraction, main_content.html2txt
    monkeypatch.setattr(main_content, "compare_extraction",
                        lambda *a: ran.append("readability") or original_compare(*a))  # fmt: skip
    monkeypatch.setattr(main_content, "html2txt",
                        lambda *a: ran.append("dump") or original_dump(*a))  # fmt: skip
    main_body(parse_html(MADE["long text, little chrome"]))
    assert ran == []
    main_body(parse_html(MADE["short among chrome"]))
    assert ran == ["readability", "dump"]


def test_another_trafilatura_version_runs_bare_extraction(monkeypatch) -> None:
    monkeypatch.setattr(main_content, "FOLLOWED_VERSION", "0.0")
    monkeypatch.setattr(main_content, "_cascade", None)  # would fail if called
    html = MADE["long text among chrome"]
    assert _ours(html, in_place=False) == _theirs(html)
