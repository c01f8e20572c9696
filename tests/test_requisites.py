"""Page requisites found in markup and stylesheets (tables), and their storage (in memory)."""

from __future__ import annotations

import pytest
from parsel import Selector
from sqlite_utils import Database

from archive.db import images
from archive.db.schema import ensure_schema
from scraper.items import EmbedCapture
from scraper.requisites import (
    page_requisites,
    srcset_urls,
    stylesheet_requisites,
    unfetchable,
)

BASE = "http://127.0.0.1:8000/noi-san/bai.html"
PAGE = """<html><head>
<link href="/templates/phutho/css/style.css" rel="stylesheet" type="text/css" />
<link rel="shortcut icon" href="/favicon.ico"><link rel="alternate" href="/rss.xml">
<script type="text/javascript" src="/js/menu.js"></script></head>
<body><img src="anh.jpg" alt="Ảnh một"><img src="data:image/gif;base64,R0lG" data-src="/lazy.jpg">
<img srcset="nho.jpg 1x, /lon.jpg 2x"><img src="javascript:alert(1)" alt="x">
<img src="http://baophutho.vn/uploads/news/a.jpg#frag"><img src="anh.jpg"><img src=" ">
</body></html>"""


def test_every_requisite_of_a_page_once_in_document_order() -> None:
    found = [(r.url.removeprefix("http://127.0.0.1:8000"), r.kind, r.alt)
             for r in page_requisites(Selector(text=PAGE), BASE)]  # fmt: skip
    assert found == [
        ("/noi-san/anh.jpg", "image", "Ảnh một"),
        ("data:image/gif;base64,R0lG", "image", None),
        ("/lazy.jpg", "image", None),
        ("/noi-san/nho.jpg", "image", None),
        ("/lon.jpg", "image", None),
        ("javascript:alert(1)", "image", "x"),
        ("http://baophutho.vn/uploads/news/a.jpg", "image", None),
        ("/templates/phutho/css/style.css", "stylesheet", None),
        ("/favicon.ico", "icon", None),
        ("/js/menu.js", "script", None),
    ]


def test_what_a_stylesheet_loads() -> None:
    css = """@import "print.css"; @font-face { src: url("../fonts/a.woff2") format("woff2"); }
    .m { background: url(../images/bg.png) } .t { background-image: url('/x/top.jpg'); }
    .again { background: url(../images/bg.png) }"""
    found = [(r.url, r.kind) for r in stylesheet_requisites(css, "http://h/t/css/style.css")]
    assert found == [
        ("http://h/t/css/print.css", "stylesheet"),
        ("http://h/t/fonts/a.woff2", "font"),
        ("http://h/t/images/bg.png", "image"),
        ("http://h/x/top.jpg", "image"),
    ]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://h/a.jpg", None),
        ("https://h/a.jpg", None),
        ("data:image/gif;base64,R0lG", "data: URL"),
        ("javascript:alert(1)", "javascript: URL"),
        ("JavaScript:void(0)", "javascript: URL"),
        ("ftp://h/a.jpg", "ftp URL"),
    ],
)
def test_unfetchable_sources(url, reason) -> None:
    why = unfetchable(url)
    assert (why is None) if reason is None else reason in why


def test_srcset_candidates() -> None:
    assert srcset_urls(" a.jpg 1x,b.jpg  2x , c.jpg") == ["a.jpg", "b.jpg", "c.jpg"]


def embed(url: str, **kw) -> EmbedCapture:
    capture = {"warc_file": "w.warc.gz", "warc_offset": 10, "warc_length": 5,
               "warc_digest": "sha1:X", "warc_date": "2026-01-01T00:00:00Z"}  # fmt: skip
    fields = dict(url=url, page_url="http://h/bai.html", kind="image", status=200,
                  headers={"Content-Type": "image/jpeg"}, body=b"\xff\xd8jpeg",
                  fetched_at="2026-01-01T00:00:00Z", capture=capture)  # fmt: skip
    return EmbedCapture(**{**fields, **kw})


@pytest.mark.parametrize("embed_first", [True, False])
def test_image_rows_get_the_facts_whichever_is_stored_first(embed_first) -> None:
    db = Database(memory=True)
    ensure_schema(db)
    pictures = [("http://h/a.jpg", "Ảnh", "Chú thích"), ("javascript:x", None, None)]
    refused = embed("javascript:x", status=None, headers={}, body=b"", capture=None,
                    reason="javascript: URL", outcome="skipped")  # fmt: skip
    steps = [lambda: images.save_embed(db, embed("http://h/a.jpg"), "t1"),
             lambda: images.save_embed(db, refused, "t1"),
             lambda: images.link_images(db, "http://h/bai.html", pictures, "t2")]  # fmt: skip
    for step in steps if embed_first else steps[::-1]:
        step()
    rows = {r["url"]: r for r in db["images"].rows}
    stored = rows["http://h/a.jpg"]
    assert (stored["status"], stored["alt"], stored["caption"], stored["size"]) == (
        "stored",
        "Ảnh",
        "Chú thích",
        6,
    )
    assert stored["sha256"] and stored["warc_file"] == "w.warc.gz"
    assert rows["javascript:x"]["status"] == "skipped"
    assert rows["javascript:x"]["reason"] == "javascript: URL"
    assert db["requisites"].count == 2
    images.link_images(db, "http://h/bai.html", pictures, "t3")  # saving again changes no fact
    assert {r["url"]: r["status"] for r in db["images"].rows} == {
        u: rows[u]["status"] for u in rows
    }


def embeds_with(**settings):
    from types import SimpleNamespace

    from scrapy.settings import Settings
    from scrapy.statscollectors import MemoryStatsCollector

    from scraper.sites import load_site
    from scraper.spiders.embeds import Embeds

    values = {"ARCHIVE_CAPTURE_EMBEDS": True, "ARCHIVE_EMBED_MAX_SIZE": 100,
              "ARCHIVE_EMBED_TIMEOUT": 5, "ARCHIVE_EMBEDS_PER_PAGE": 0,
              "ARCHIVE_EMBEDS_PER_CRAWL": 0, "ARCHIVE_EMBED_PROXY": None, **settings}  # fmt: skip
    crawler = SimpleNamespace(stats=MemoryStatsCollector(SimpleNamespace(settings=Settings())))
    spider = SimpleNamespace(
        crawler=crawler, profile=load_site("phutho", "http://127.0.0.1:8000/").profile,
        parse_embed=lambda r: None, on_embed_error=lambda f: None,
    )  # fmt: skip
    return Embeds(Settings(values), spider)


def test_embed_limits_are_recorded_and_other_hosts_are_embeds_only() -> None:
    from scrapy import Request

    from scraper.items import FetchError
    from scraper.requisites import Requisite

    page = "http://127.0.0.1:8000/noi-san/bai.html"
    wanted = [Requisite(f"http://127.0.0.1:8000/a{n}.jpg", "image") for n in range(3)]
    wanted.append(Requisite("http://baophutho.vn/b.jpg", "image"))
    embeds = embeds_with(ARCHIVE_EMBEDS_PER_PAGE=2, ARCHIVE_EMBED_PROXY="http://127.0.0.1:9/")
    out = list(embeds._for(wanted, page))
    requests = [o for o in out if isinstance(o, Request)]
    assert [r.url for r in requests] == [w.url for w in wanted[:2]]
    refused = [o for o in out if isinstance(o, EmbedCapture)]
    assert [r.url for r in refused] == [w.url for w in wanted[2:]]
    assert all("ARCHIVE_EMBEDS_PER_PAGE=2" in r.reason and r.outcome == "skipped" for r in refused)
    assert [e.kind for e in out if isinstance(e, FetchError)] == ["embed-limit"] * 2
    assert list(embeds._for(wanted, page)) == []  # each URL once per crawl
    other = embeds_with().request(wanted[3], page)
    assert other.meta["allow_offsite"] and other.meta["dont_obey_robotstxt"]
    assert "proxy" not in other.meta and other.meta["download_maxsize"] == 100
    own = embeds_with(ARCHIVE_EMBED_PROXY="http://127.0.0.1:9/").request(wanted[0], page)
    assert "allow_offsite" not in own.meta and "proxy" not in own.meta


@pytest.mark.parametrize(("value", "enabled"), [("off", False), ("False", False), ("0", False),
                                                 (True, True), ("on", True)])  # fmt: skip
def test_capture_embeds_setting(value, enabled) -> None:
    assert embeds_with(ARCHIVE_CAPTURE_EMBEDS=value).enabled is enabled
