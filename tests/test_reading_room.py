"""The reading room in headless chromium over a 2,000-article archive: search that reaches
every hit, filters, operators, document lookup, archived images and attachments, mobile
widths and a clean console. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from datasette.utils import tilde_encode

from tests.conftest import Datasette
from tests.reading_room import FILE_URL, IMAGE_URL, PDF, build_room
from tests.test_browser import ARGS, ARTIFACTS, CHROMIUM

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    built = build_room(tmp_path_factory.mktemp("room"))
    server = Datasette(built.db)
    yield built, server
    server.close()


@pytest.fixture(scope="module")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


def _tab(chromium, base: str, width: int):
    context = chromium.new_context(viewport={"width": width, "height": 860}, locale="vi-VN")
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith(base + "/") else r.abort()
    )
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(m.text))
    tab.on("pageerror", lambda error: tab.problems.append(str(error)))
    return context, tab


@pytest.fixture
def tab(chromium, room):
    context, page = _tab(chromium, room[1].base, 1200)
    yield page
    context.close()
    assert page.problems == [], page.problems


def total(server: Datasette, **args: str) -> int:
    return server.get(f"/archive/search.json?{urlencode(args)}")["total"]


def article_path(url: str) -> str:
    return f"/archive/-/article?url={quote(url, safe='')}"


def test_search_reaches_the_last_page_with_the_total(tab, room) -> None:
    _, server = room
    tab.goto(server.base + "/archive/search")
    assert "Type the words to find" in tab.locator(".search-empty").inner_text()
    tab.fill("input[name=q]", "Đảng")
    tab.select_option("select[name=_size]", "100")
    tab.locator("form.search-form input[type=submit]").click()
    summary = tab.locator(".search-total").inner_text()
    found = int(re.match(r"([\d,]+)", summary).group(1).replace(",", ""))
    assert found >= 1000 and found == total(server, q="Đảng")
    assert tab.locator("li.hit").count() == 100
    assert tab.locator("li.hit mark").first.inner_text() in ("Đảng", "đảng")
    tab.locator("nav.paging a.next").click()
    assert "page 2 of" in tab.locator(".search-total").inner_text()
    tab.locator("nav.paging a.last").click()
    pages = (found + 99) // 100
    assert f"page {pages} of {pages}" in tab.locator(".search-total").inner_text()
    assert tab.locator("li.hit").count() == found - 100 * (pages - 1)
    assert tab.locator("nav.paging a.next").count() == 0
    tab.screenshot(path=str(ARTIFACTS / "search-last-page.png"), full_page=False)
    tab.locator("li.hit a.hit-title").first.click()
    tab.wait_for_selector("article.archived-article")
    exported = server.get(f"/archive/search.json?{urlencode({'q': 'Đảng'})}")
    assert len(exported["rows"]) == exported["total"] == found and not exported["truncated"]
    paged = server.get(f"/archive/search.json?{urlencode({'q': 'Đảng', 'page': 2, '_size': 50})}")
    assert paged["total"] == found and len(paged["rows"]) == 50
    assert paged["rows"][0]["url"] == exported["rows"][50]["url"]
    csv = server.text(f"/archive/search.csv?{urlencode({'q': 'Đảng'})}")
    assert csv.startswith("read,title_match,snippet") and len(csv.strip().splitlines()) > found


def test_filters_and_date_order(tab, room) -> None:
    _, server = room
    args = {"q": "thi dua", "category": "Nội san", "year_from": "2019", "year_to": "2022",
            "sort": "newest", "_size": "50"}  # fmt: skip
    tab.goto(f"{server.base}/archive/search?{urlencode(args)}")
    metas = tab.locator("li.hit .hit-meta").all_inner_texts()
    assert metas and all("Nội san" in m for m in metas)
    dates = [m[:10] for m in metas]
    assert dates == sorted(dates, reverse=True) and "2019" <= dates[-1] <= dates[0] < "2023"
    assert tab.locator("select[name=category]").input_value() == "Nội san"
    tab.screenshot(path=str(ARTIFACTS / "search-filters.png"), full_page=False)
    everywhere = total(server, q="thi dua")
    assert total(server, **{k: v for k, v in args.items() if k != "_size"}) < everywhere
    person = server.sql(
        "select author_name, count(*) n from articles where author_name is not null "
        "group by 1 order by 2 desc limit 1"
    )[0]
    assert total(server, q="a*", author=person["author_name"]) <= person["n"]
    rows = server.get(f"/archive/search.json?{urlencode({'q': 'dang'})}")["rows"]
    ranks = [r["rank"] for r in rows]
    assert ranks == sorted(ranks) and len(set(ranks)) > 10  # a word in nearly every article


def test_operators(tab, room) -> None:
    _, server = room
    words, phrase = total(server, q="phong trào thi đua"), total(server, q='"phong trào thi đua"')
    assert 0 < phrase < words
    hoi, nghi = total(server, q="hội thảo"), total(server, q="nghị quyết")
    both, either = total(server, q="hội thảo nghị quyết"), total(server, q="hội thảo OR nghị quyết")
    assert either == hoi + nghi - both
    assert total(server, q="hội thảo -nghị") == hoi - total(server, q="hội thảo nghị")
    assert total(server, q="nghị*") >= total(server, q="nghị") > 0
    tab.goto(f"{server.base}/archive/search?{urlencode({'q': '(thi) NEAR đua'})}")
    assert "not supported" in tab.locator(".search-notes").inner_text()
    tab.goto(f"{server.base}/archive/search?{urlencode({'q': '-đua'})}")
    assert "at least one word" in tab.locator(".search-notes").inner_text()


def test_document_lookup_variants(tab, room) -> None:
    _, server = room
    cited = server.sql(
        "select document, number from document_refs where document like '%/QĐ-UBND' limit 1"
    )[0]
    number, code = cited["document"].split("/", 1)
    query = urlencode({"document": cited["document"], "_shape": "array"})
    exact = {r["read"] for r in server.get(f"/archive/articles_citing.json?{query}")}
    assert exact
    for typed in (f"{number}/{code.replace('Đ', 'Ð')}", f"{number}/{code.lower()}",
                  f"Quyết định số {number} / {code}", f"Quyết định {number}/{code}"):  # fmt: skip
        tab.goto(f"{server.base}/archive/articles_citing?{urlencode({'document': typed})}")
        links = tab.locator("table.rows-and-columns td.col-read a")
        assert links.count() == len(exact), typed
    tab.goto(f"{server.base}/archive/articles_citing?{urlencode({'document': number})}")
    documents = set(tab.locator("table.rows-and-columns td.col-document").all_inner_texts())
    assert cited["document"] in documents
    tab.screenshot(path=str(ARTIFACTS / "document-lookup-number.png"), full_page=False)


def test_article_page_serves_archived_files(tab, room) -> None:
    built, server = room
    tab.goto(server.base + article_path(built.rich))
    body_image = tab.locator(".article-body img").first
    assert body_image.get_attribute("src").startswith("/archive/-/image?url=")
    tab.wait_for_function("() => [...document.images].every(i => i.complete)")
    sizes = tab.evaluate("() => [...document.images].map(i => [i.naturalWidth, i.naturalHeight])")
    assert [40, 30] in sizes and [480, 200] in sizes  # the capture, and the placeholder
    placeholder = server.text(f"/archive/-/image?{urlencode({'url': 'x', 'caption': 'Ảnh'})}")
    assert "Image not archived" in placeholder and "Ảnh" in placeholder
    headers = tab.locator(".article-attachments th").all_inner_texts()
    assert headers == ["Name", "Type", "Size", "Archived copy", "Original URL"]
    with tab.expect_download() as download:
        tab.locator("a.attachment-download").click()
    assert download.value.suggested_filename == "ke-hoach.pdf"
    assert Path(download.value.path()).read_bytes() == PDF
    summary = tab.locator(".article-versions summary").first.inner_text()
    assert "captured" in summary and "(version 1)" in summary
    assert tab.locator("a.version-capture").count() == 1
    assert "Cite as" in tab.locator(".article-provenance").inner_text()
    assert FILE_URL in tab.locator(".article-attachments").inner_text()
    assert IMAGE_URL not in (tab.locator(".article-body").inner_html())
    tab.screenshot(path=str(ARTIFACTS / "article-archived-files.png"), full_page=True)
    tab.goto(server.base + article_path(built.rejected))
    assert "31.12.2099" in tab.locator(".date-rejected").inner_text()
    tab.goto(server.base + article_path(built.empty))
    assert tab.locator(".article-empty").is_visible()


PAGE_KINDS = {
    "home": "/",
    "database": "/archive",
    "table": "/archive/articles",
    "table-search": "/archive/articles?_search=dang",
    "row": None,  # filled in from the archive
    "search": "/archive/search?q=thi+dua",
    "search-empty": "/archive/search",
    "article": None,
    "charts": "/-/charts",
    "canned-query": "/archive/articles_per_person",
    "document-refs": "/archive/document_refs",
    "attachments": "/archive/attachments",
}


def test_mobile_width_and_console(chromium, room) -> None:
    built, server = room
    context, tab = _tab(chromium, server.base, 390)
    kinds = {
        **PAGE_KINDS,
        "row": f"/archive/articles/{tilde_encode(built.rich)}",
        "article": article_path(built.rich),
    }
    try:
        wide = {}
        for kind, path in kinds.items():
            response = tab.goto(server.base + path)
            assert response.status == 200, (kind, response.status)
            widths = tab.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
            if widths[0] > widths[1]:
                wide[kind] = widths
            tab.screenshot(path=str(ARTIFACTS / f"mobile-{kind}.png"), full_page=False)
        assert wide == {}, wide
        tab.goto(server.base + "/")
        assert "2,000" in tab.locator(".archive-summary").inner_text()
    finally:
        context.close()
    assert tab.problems == [], tab.problems


def test_glued_words_are_found_and_marked_on_the_printed_text(tab, room) -> None:
    _, server = room
    glued = server.sql(
        "select url from articles where body_text like '%nêugương%' "
        "and body_text not like '% gương%' and title not like '%gương%' limit 1"
    )
    assert glued, "the replica glues nêu<span>gương: a useless probe"
    url = glued[0]["url"]
    for query in ("gương", "guong"):
        rows = server.get(f"/archive/search.json?{urlencode({'q': query})}")["rows"]
        found = [r for r in rows if r["url"] == url]
        assert found and "nêu【gương】" in found[0]["snippet"], query
    tab.goto(f"{server.base}/archive/articles?{urlencode({'_search': 'guong', 'url': url})}")
    assert tab.locator("td.col-body_text mark").first.inner_text() == "gương"
