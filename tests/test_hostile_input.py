"""Property tests and tables for hostile input: folding, decoding, dates, URL variants, failure
kinds, crawl limits and the extraction time limit."""

from __future__ import annotations

import asyncio
import time
import unicodedata
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError
from scrapy.http import HtmlResponse, Request
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from pipelines import extraction as extraction_pipeline
from replica.words.legacy_encodings import encode_cp1258, encode_tcvn3
from replica.words.vietnamese import WEEKDAYS, date_line
from scraper.extraction.dates import parse_date_line
from scraper.extraction.encoding import decode_html, decode_page, looks_binary
from scraper.extraction.text import fold
from scraper.failures import Refused, classify, http_failure
from scraper.items import FetchError, PageCapture
from scraper.middlewares.limits import CrawlLimitsMiddleware
from scraper.sites import load_site
from scraper.urls import canonicalize

BASE = "http://127.0.0.1:8123"
SITE = load_site(base_url=BASE + "/")
PROFILE = SITE.profile
# Letters TCVN3 can write (no capital toned vowels), as Vietnamese words are made of.
VI_LOWER = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
vi_words = st.lists(st.text(alphabet=VI_LOWER, min_size=1, max_size=7), min_size=1, max_size=40)


# --- folding ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đảng", "dang"),
        ("ÐẢNG", "dang"),  # U+00D0 eth typed for Đ
        ("thi đua", "thi dua"),
        (unicodedata.normalize("NFD", "Thể  thao\u00a0Việt Nam"), "the thao viet nam"),
        ("Hồ Chí Minh", "ho chi minh"),
    ],
)
def test_fold_table(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_fold_is_idempotent_and_leaves_no_marks(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(unicodedata.combining(c) for c in folded)
    assert not set(folded) & set("đĐÐð")


@given(st.text())
def test_fold_ignores_normal_form(text: str) -> None:
    forms = {fold(unicodedata.normalize(form, text)) for form in ("NFC", "NFD", "NFKC", "NFKD")}
    assert len(forms) == 1


@given(vi_words)
def test_fold_of_vietnamese_is_ascii(words: list[str]) -> None:
    text = " ".join(words)
    assert fold(text).isascii()
    assert fold(text.upper()) == fold(text)


# --- decoding -----------------------------------------------------------------------------------
@given(
    st.binary(max_size=3000),
    st.sampled_from(
        [
            None,
            "text/html",
            "text/html; charset=x-bad",
            "text/html; charset=utf-8",
            "text/html; charset=windows-1258",
        ]
    ),
)
def test_any_bytes_decode_to_nfc_text(body: bytes, content_type: str | None) -> None:
    decoded = decode_page(body, content_type)
    assert unicodedata.is_normalized("NFC", decoded.text)
    assert decode_html(body, decoded.encoding) == decoded.text  # re-decoding from storage


@settings(max_examples=60)
@given(vi_words)
def test_vietnamese_survives_every_legacy_encoding(words: list[str]) -> None:
    text = " ".join(words)
    page = f"<html><body><p>Trường Chính trị tỉnh Phú Thọ. {text}</p></body></html>"
    assert decode_page(page.encode(), "text/html; charset=iso-8859-1").text == page
    assert decode_page(encode_cp1258(page), "text/html; charset=windows-1258").text == page
    assert decode_page(encode_tcvn3(page), "text/html").text == page


def test_tcvn3_sample_from_the_notes_and_the_profile_override() -> None:
    assert decode_page(b"<p>B\xb6o Th\xbeng, huy\xd6n Ch\xb8nh</p>").text == (
        "<p>Bảo Thắng, huyện Chánh</p>"
    )
    western = "Café résumé naïve".encode("cp1252")
    assert decode_page(western, "text/html; charset=iso-8859-1").text == "Café résumé naïve"
    forced = decode_page(encode_tcvn3("<p>Bảo Thắng</p>"), "text/html; charset=utf-8", "tcvn3")
    assert (forced.text, forced.encoding) == ("<p>Bảo Thắng</p>", "tcvn3")


def test_binary_is_told_from_html() -> None:
    assert looks_binary(bytes(range(256)) * 8)
    assert not looks_binary("<p>Văn bản</p>\r\n\t".encode())


# --- dates --------------------------------------------------------------------------------------
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@given(moments)
def test_printed_dates_parse_exactly(moment: datetime) -> None:
    parsed = parse_date_line(date_line(moment))
    assert parsed.iso == moment.isoformat() + "+07:00"


@given(moments, st.integers(1, 6))
def test_a_contradicting_weekday_is_unknown(moment: datetime, shift: int) -> None:
    wrong = WEEKDAYS[(moment.weekday() + shift) % 7]
    parsed = parse_date_line(f"{wrong}, {moment:%d.%m.%Y %H:%M}")
    assert (parsed.iso, parsed.problem) == (None, "weekday-mismatch")


@given(moments, st.integers(1, 3650))
def test_future_dates_are_unknown(moment: datetime, days: int) -> None:
    parsed = parse_date_line(date_line(moment), now=moment - timedelta(days=days))
    assert (parsed.iso, parsed.problem, parsed.raw) == (None, "future", date_line(moment))


# --- URL variants ---------------------------------------------------------------------------------
paths = st.lists(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), min_size=1, max_size=3).map(
    lambda parts: "/" + "-".join(parts[:-1] + ["x"]) + "/" + parts[-1] + ".html"
)


@given(
    paths,
    st.sampled_from(["", "#top", "?utm_source=zalo", "?PHPSESSID=ab12&fbclid=x"]),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_url_variants_canonicalise_to_one_url(path, suffix, alias, slash, upper) -> None:
    host = "mail.127.0.0.1:8123" if alias else "127.0.0.1:8123"
    variant = path.upper() if upper else path
    url = f"http://{host}{variant}{'/' if slash else ''}{suffix}"
    assert canonicalize(url, PROFILE) == BASE + path


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8124/",
        "http://localhost:8123/",
        "http://[::1]:8123/",
        "ftp://127.0.0.1:8123/",
        "http://nha-cai.example/",
        "javascript:void(0)",
        "mailto:a@b.vn",
        "data:text/html,x",
    ],
)
def test_other_sites_and_schemes_are_out_of_scope(url: str) -> None:
    assert canonicalize(url, PROFILE, base=BASE + "/") is None


# --- failure kinds ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (DownloadTimeoutError("slow"), "timeout"),
        (DownloadCancelledError("big"), "too-large"),
        (Refused("trap", "deep"), "trap"),
        (OSError("boom"), "connection"),
    ],
)
def test_failures_have_kinds_and_messages(exc: Exception, kind: str) -> None:
    failure = classify(exc)
    assert failure.kind == kind and failure.message


def test_http_messages_say_what_happens() -> None:
    assert "not retried" in http_failure(404).message
    assert "wait 120 s" in http_failure(503, "120").message
    assert http_failure(500).message == "HTTP 500 Internal Server Error"


# --- crawl limits -------------------------------------------------------------------------------
def _limits(max_depth: int, max_trap: int) -> CrawlLimitsMiddleware:
    crawler = get_crawler(settings_dict={})
    crawler.spider = SimpleNamespace(site=SITE, rules=SITE.rules)
    crawler.stats = MemoryStatsCollector(crawler)
    return CrawlLimitsMiddleware(crawler, max_depth, max_trap)


def _response(url: str, **meta) -> HtmlResponse:
    return HtmlResponse(url, body=b"<html></html>", request=Request(url, meta=meta))


def test_trap_depth_stops_endless_other_pages_once() -> None:
    limits = _limits(0, 3)
    page = _response(BASE + "/lich/2023/06/", archive_trap_depth=3)
    out = list(limits.process_spider_output(page, [Request(BASE + "/lich/2023/07/")] * 2))
    assert len(out) == 1 and isinstance(out[0], FetchError)
    assert (out[0].kind, out[0].outcome) == ("trap", "skipped")
    article = Request(BASE + "/noi-san/a.html")
    assert list(limits.process_spider_output(page, [article])) == [article]
    assert article.meta["archive_trap_depth"] == 0


def test_depth_limit_is_recorded() -> None:
    limits = _limits(2, 0)
    out = list(
        limits.process_spider_output(
            _response(BASE + "/noi-san/", archive_depth=2), [Request(BASE + "/noi-san/page/2/")]
        )
    )
    assert out[0].kind == "depth-limit" and "ARCHIVE_MAX_DEPTH=2" in out[0].message


# --- extraction time limit ----------------------------------------------------------------------
def test_extraction_over_its_time_limit_is_recorded_and_the_crawl_goes_on(monkeypatch) -> None:
    from tests import slow_worker

    monkeypatch.setattr(extraction_pipeline, "extract_in_worker", slow_worker.stuck)
    crawler = SimpleNamespace(spider=SimpleNamespace(site=SITE), stats=None)
    ints = {"ARCHIVE_EXTRACT_WORKERS": 1, "ARCHIVE_EXTRACT_MAX_MEMORY": 0}
    crawler.settings = SimpleNamespace(
        getfloat=lambda name: 0.2,
        getint=lambda name: ints.get(name, 1_000_000),
        get=lambda name, default=None: default,
    )
    pipeline = extraction_pipeline.ExtractionPipeline(crawler)
    pipeline.open_spider()
    capture = PageCapture(
        url=BASE + "/noi-san/a.html",
        fetched_url=BASE + "/noi-san/a.html",
        kind="article",
        status=200,
        headers={},
        body=b"<html></html>",
        encoding="utf-8",
        fetched_at="2024-01-01T00:00:00Z",
    )
    started = time.perf_counter()
    result = asyncio.run(pipeline.process_item(capture))
    pipeline.close_spider()
    assert time.perf_counter() - started < 5  # the worker takes ~1 s to start, then 0.2 s
    assert isinstance(result, FetchError) and result.kind == "extraction-timeout"
