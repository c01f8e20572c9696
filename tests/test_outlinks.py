"""One parse per article page: the extraction worker reads the page's links, requisites and
picture alts from the tree it extracts from, and the spider schedules from them; a page the
worker could not read is read by the spider itself, so nothing it links to is lost."""

from __future__ import annotations

import asyncio
import pickle
import unicodedata
from datetime import UTC, datetime
from functools import cache
from types import SimpleNamespace

import pytest
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from pipelines import extraction as extraction_pipeline
from replica import build_site
from replica.render.article_pages import article_page
from scraper import settings as project_settings
from scraper.extraction import ExtractionLimits
from scraper.extraction.entry import extract_page, read_page
from scraper.items import FetchError, PageCapture
from scraper.outlinks import PageLinks
from scraper.sites import load_site
from scraper.spiders.portal import PortalSpider

BASE = "http://127.0.0.1:8123"
SITE = load_site(base_url=BASE + "/")
NOW = datetime(2026, 11, 30, tzinfo=UTC)

MADE = {
    "/noi-san/base-tag.html": (
        "<html><head><base href='http://127.0.0.1:8123/uploads/'>"
        "<link rel='stylesheet' href='/css/site.css'><link rel='icon' href='fav.ico'>"
        "<script src='js/a.js'></script></head><body><h1>Bài</h1>"
        "<img src='anh.jpg' alt='Ảnh một'><img src='anh.jpg' alt='lần hai'>"
        "<img data-src='lazy.png' src='data:image/gif;base64,R0lGOD' alt='lười'>"
        "<img srcset='s1.jpg 1x, s2.jpg 2x' src='s.jpg'><input type='image' src='nut.png'>"
        "<a href='bai-khac.html'>Bài khác</a><a href='/tin-tuc/'>Tin tức</a>"
        "<a href='javascript:void(0)'>In</a><a>không có đích</a>"
        "<a href='  /noi-san/co-dau-cach.html  '>cách</a></body></html>"
    ),
    "/noi-san/unicode.html": (
        "<html><body><a href='/tìm-kiếm?q=Phú Thọ'>Tìm</a>"
        "<img src='/ảnh/hội nghị.jpg' alt='Hội nghị'><a href='#top'>Lên đầu</a></body></html>"
    ),
    "/noi-san/empty.html": "",
}


@cache
def _pages() -> dict[str, str]:
    site = build_site(40, seed=11)
    pages = {"/" + a.path.lstrip("/"): article_page(site, a) for a in site.articles}
    return pages | MADE


def _spider_reads(url: str, html: str) -> PageLinks:
    response = HtmlResponse(url, body=html.encode("utf-8"), encoding="utf-8")
    return PortalSpider.page_links(response)


@pytest.mark.parametrize("path", list(_pages()))
def test_the_worker_reads_what_the_spider_would(path: str) -> None:
    """The worker's one parse finds the same links, requisites and alts as the spider's parse
    of the same response (replica articles, and pages made for <base>, srcset, lazy images,
    repeats, whitespace, Vietnamese URLs and an empty page)."""
    html = _pages()[path]
    url = BASE + path
    extraction, links = read_page(
        html.encode("utf-8"), "text/html; charset=utf-8", url, url, SITE, ExtractionLimits(), NOW
    )
    assert links == _spider_reads(url, html)
    # Reading the links changes nothing the extraction finds.
    alone = extract_page(
        html.encode("utf-8"), "text/html; charset=utf-8", url, SITE, ExtractionLimits(), NOW
    )
    assert extraction == alone


def test_links_resolve_against_the_fetched_url_and_pictures_against_base() -> None:
    url = BASE + "/noi-san/base-tag.html"
    _, links = read_page(MADE["/noi-san/base-tag.html"].encode(), None, url, url, SITE,
                         ExtractionLimits(), NOW)  # fmt: skip
    assert links.hrefs[:2] == ["bai-khac.html", "/tin-tuc/"]
    assert links.image_alts[BASE + "/uploads/anh.jpg"] == "Ảnh một"  # the first <img> wins
    kinds = {r.url: r.kind for r in links.requisites}
    assert kinds[BASE + "/noi-san/lazy.png"] == "image"
    assert kinds[BASE + "/css/site.css"] == "stylesheet" and kinds[BASE + "/noi-san/fav.ico"]
    assert {BASE + "/noi-san/s1.jpg", BASE + "/noi-san/s2.jpg"} <= set(kinds)


NESTED = "<html><body>" + "<font>" * 300 + "<a href='/sau.html'>sâu</a></body></html>"
DECOMPOSED = unicodedata.normalize(
    "NFD",
    "<html><body><a href='/files/Quyết định số 12.pdf'>Quyết định</a>"
    "<img src='/ảnh/Hội nghị.jpg' alt='Hội nghị'></body></html>",
)
LONG = (
    "<html><body>"
    + "<p>chữ</p>" * 500
    + "<a href='/cuoi.html'>cuối</a><img src='/anh-cuoi.jpg' alt='Ảnh cuối'></body></html>"
)


@pytest.mark.parametrize(
    ("html", "limit", "wanted"),
    [(NESTED, 4_000_000, "/sau.html"), (DECOMPOSED, 4_000_000, "/files/Quy"),
     (LONG, 2000, "/cuoi.html")],
    ids=["nested past the parser's depth", "decomposed Unicode", "cut for extraction"],
)  # fmt: skip
def test_where_the_extracted_tree_is_not_the_page_the_links_are_the_page_s(
    html: str, limit: int, wanted: str
) -> None:
    """libxml2 keeps 256 levels of nesting (unclosed <font> tags get there), extraction reads
    NFC text and a page past ARCHIVE_EXTRACT_MAX_CHARS is cut: the links, requisites and alts
    still come from the whole page as served, the same as the spider's parse."""
    url = BASE + "/noi-san/trang.html"
    body = html.encode("utf-8")
    extraction, links = read_page(body, "text/html; charset=utf-8", url, url, SITE,
                                  ExtractionLimits(limit), NOW)  # fmt: skip
    assert links == _spider_reads(url, html)
    assert any(href.startswith(wanted) for href in links.hrefs)
    if html is LONG:
        assert extraction.problems[0][0] == "cut"
        assert links.image_alts == {BASE + "/anh-cuoi.jpg": "Ảnh cuối"}


def _pipeline() -> extraction_pipeline.ExtractionPipeline:
    ints = {"ARCHIVE_EXTRACT_WORKERS": 1, "ARCHIVE_EXTRACT_MAX_MEMORY": 0}
    crawler = SimpleNamespace(spider=SimpleNamespace(site=SITE, links_from_extraction=False))
    crawler.stats = SimpleNamespace(inc_value=lambda *a, **k: None)
    crawler.settings = SimpleNamespace(
        getfloat=lambda name: 20.0,
        getint=lambda name: ints.get(name, 1_000_000),
        get=lambda name, default=None: default,
    )
    return extraction_pipeline.ExtractionPipeline(crawler)


def _capture(path: str, html: str) -> PageCapture:
    return PageCapture(
        url=BASE + path, fetched_url=BASE + path, kind="article", status=200,
        headers={"Content-Type": "text/html; charset=utf-8"}, body=html.encode("utf-8"),
        encoding="utf-8", fetched_at="2026-11-30T00:00:00Z",
    )  # fmt: skip


def test_the_pipeline_hands_the_links_to_the_waiting_spider(monkeypatch) -> None:
    """The spider's future gets the worker's links; the item gets the alts, and pickles (it
    goes to the writer process) without the future. A worker past its time limit hands over
    None: the page is an error record and the spider reads the links itself."""
    from tests import slow_worker

    path = "/noi-san/base-tag.html"

    async def run(pipeline) -> tuple:
        pipeline.open_spider()
        try:
            item = _capture(path, MADE[path])
            item.discovered = asyncio.get_running_loop().create_future()
            waiting = item.discovered
            result = await pipeline.process_item(item)
            return item, waiting.result(), result
        finally:
            pipeline.close_spider()

    pipeline = _pipeline()
    item, links, result = asyncio.run(run(pipeline))
    assert pipeline.crawler.spider.links_from_extraction  # the pipeline said it reads links
    assert result is item and item.extraction is not None and item.discovered is None
    assert links == _spider_reads(BASE + path, MADE[path])
    assert item.image_alts == links.image_alts
    assert pickle.loads(pickle.dumps(item)).image_alts == links.image_alts

    monkeypatch.setattr(extraction_pipeline, "read_in_worker", slow_worker.stuck)
    pipeline = _pipeline()
    pipeline.timeout = 0.5
    item, links, result = asyncio.run(run(pipeline))
    assert links is None and isinstance(result, FetchError)
    assert result.kind == "extraction-timeout"


def _spider() -> PortalSpider:
    settings = {name: getattr(project_settings, name) for name in dir(project_settings)
                if name.isupper()}  # fmt: skip
    settings |= {"ARCHIVE_BASE_URL": BASE + "/", "ARCHIVE_CAPTURE_EMBEDS": False}
    crawler = get_crawler(PortalSpider, settings)
    spider = PortalSpider.from_crawler(crawler)
    spider.links_from_extraction = True
    return spider


async def _parse(spider: PortalSpider, response: HtmlResponse, handed: PageLinks | None) -> list:
    """Run the spider's callback; when it yields its capture, settle it as a pipeline does."""
    out = []
    async for element in spider.parse(response):
        out.append(element)
        if isinstance(element, PageCapture) and element.discovered is not None:
            element.settle(handed)
    return out


def test_the_spider_schedules_from_the_handed_links_and_reads_the_page_only_without_them():
    site = build_site(12, seed=2)
    article = site.articles[0]
    url = BASE + "/" + article.path.lstrip("/")
    html = article_page(site, article)
    response = HtmlResponse(url, body=html.encode(), encoding="utf-8", request=Request(url))
    own = _spider_reads(url, html)

    # Handed links that are not on the page: the spider follows those, it does not parse.
    handed = PageLinks(hrefs=["/noi-san/chi-trong-worker-123.html"], requisites=[], image_alts={})
    out = asyncio.run(_parse(_spider(), response, handed))
    assert isinstance(out[0], PageCapture) and out[0].kind == "article"
    followed = [r.url for r in out if isinstance(r, Request)]
    assert followed == [BASE + "/noi-san/chi-trong-worker-123.html"]
    assert response._cached_selector is None  # never parsed here

    # None handed over (the worker failed): the spider reads the page and follows its links.
    out = asyncio.run(_parse(_spider(), response, None))
    followed = {r.url for r in out if isinstance(r, Request)}
    alone = _spider()
    expected = {r.url for r in alone.follow_links(own.hrefs, url, url, "article")}
    assert followed == expected and len(followed) > 5


@pytest.mark.parametrize("signal", ["item_dropped", "item_error"])
def test_a_capture_dropped_before_extraction_does_not_keep_the_spider_waiting(signal) -> None:
    """A pipeline ordered before extraction that drops a capture (item_dropped) or fails on it
    (item_error): the spider gets None and reads the page's links itself."""
    spider = _spider()

    async def run() -> PageLinks | None:
        item = _capture("/noi-san/a.html", "<html></html>")
        waiting = item.discovered = asyncio.get_running_loop().create_future()
        spider.crawler.signals.send_catch_log(
            getattr(signals, signal), item=item, response=None, spider=spider,
            exception=DropItem("a pipeline of the user's"), failure=None,
        )  # fmt: skip
        return await asyncio.wait_for(waiting, 5)

    assert asyncio.run(run()) is None
