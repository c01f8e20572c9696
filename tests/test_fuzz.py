"""Fuzzing extraction: thousands of generated and mutated pages, never an exception, each page
in bounded time. Deterministic (seeded), so a failure names the page that caused it."""

from __future__ import annotations

import random
import time
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from replica.faults.content_pages import content_faults
from replica.generate.build import build_site
from replica.render import article_pages, listing_pages
from replica.render.page_template import Template
from replica.words.legacy_encodings import encode_cp1258, encode_tcvn3
from scraper.extraction import extract
from scraper.extraction.encoding import decode_page
from scraper.sites import load_site

BASE = "http://127.0.0.1:8123"
PROFILE = load_site(base_url=BASE + "/")
NOW = datetime(2026, 1, 1)
MUTANTS_PER_PAGE = 72
MAX_SECONDS_PER_PAGE = 5.0
VALUES = {
    "online": "5",
    "today": "2301",
    "yesterday": "1720",
    "total": "3036900",
    "views": "17",
    "host": "127.0.0.1:8123",
}
JUNK = [
    b"<html><body>",
    b"</table>",
    b"</div></div></div>",
    b"<script>",
    b"<!--",
    b"<![CDATA[",
    b"<p",
    b"&#0;",
    b"&#99999999;",
    b"&#xD800;",
    b"<div>" * 300,
    b"\x00",
    b"\xff\xfe",
    b"<a href='javascript:alert(1)'>",
    b"<img src=x onerror=alert(1)>",
    b"Th\xe1\xbb\xa9 ba,",
    b"31.02.2023 25:61",
    b"<title>",
    b"<meta charset=windows-1258>",
    b"\xc3\x28",
    b"</html>",
    "Thứ hai, 01.01.2024 08:00".encode(),
    b"<table><tr><td>" * 50,
]


def seed_pages() -> list[tuple[str, bytes]]:
    """Every kind of replica page plus the content fault pages, as bytes."""
    site = build_site(40, 1)
    found = [(a.path, article_pages.article_page(site, a)) for a in site.articles[::4]]
    found += [(a.print_path, article_pages.print_page(a)) for a in site.articles[::10]]
    found += [
        ("/noi-san/", listing_pages.listing_page(site, "noi-san", 1)),
        ("/", listing_pages.home_page(site)),
    ]
    out = [(path, Template.compile(html).render(VALUES)) for path, html in found]
    out += [(f.article.path, f.render(site)) for f in content_faults().values()]
    return out


def mutate(rng: random.Random, body: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        n = len(body)
        i, j = sorted(rng.randrange(n + 1) for _ in range(2))
        choice = rng.randrange(8)
        if choice == 0:
            body = body[:i]
        elif choice == 1:
            body = body[:i] + body[j:]
        elif choice == 2:
            body = body[:i] + body[i:j] * rng.randint(2, 5) + body[j:]
        elif choice == 3:
            body = body[:i] + rng.choice(JUNK) + body[i:]
        elif choice == 4:
            body = body[:i] + rng.randbytes(rng.randint(1, 200)) + body[i:]
        elif choice == 5:
            body = bytes(b ^ 0x20 if rng.random() < 0.01 else b for b in body)
        elif choice == 6:
            text = body.decode("utf-8", errors="ignore")
            body = (_cp1258 if rng.random() < 0.5 else _tcvn3)(text)
        else:
            body = body.replace(b"</", b"<", rng.randint(1, 50))
    return body


def _cp1258(text: str) -> bytes:
    try:
        return encode_cp1258(text)
    except UnicodeEncodeError:  # a mutation left bytes no Vietnamese page holds
        return text.encode("cp1258", errors="replace")


def _tcvn3(text: str) -> bytes:
    return encode_tcvn3(text, strict=False)


def run_one(path: str, body: bytes, content_type: str) -> float:
    started = time.perf_counter()
    text = decode_page(body, content_type).text
    result = extract(BASE + path, text, PROFILE, now=NOW)
    assert result.body_text is not None and result.content_hash
    elapsed = time.perf_counter() - started
    assert_inert(result.body_html)
    return elapsed


def assert_inert(body_html: str) -> None:
    """Stored HTML can run nothing: no script elements, handlers or javascript: links."""
    if not body_html.strip():
        return
    for element in lxml_html.fragment_fromstring(body_html, create_parent="div").iter():
        assert element.tag not in ("script", "iframe", "object", "form"), element.tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert not value.strip().lower().startswith("javascript:"), value


@pytest.mark.slow
def test_extraction_survives_thousands_of_mutated_pages() -> None:
    rng = random.Random(5)
    types = [
        "text/html; charset=utf-8",
        "text/html",
        "text/html; charset=iso-8859-1",
        "text/html; charset=windows-1258",
        None,
    ]
    slowest, count = 0.0, 0
    for path, body in seed_pages():
        for _ in range(MUTANTS_PER_PAGE):
            mutant = mutate(rng, body)
            try:
                elapsed = run_one(path, mutant, rng.choice(types))
            except Exception as exc:  # name the page that broke it
                raise AssertionError(f"{path}: {type(exc).__name__}: {exc}") from exc
            slowest, count = max(slowest, elapsed), count + 1
    assert count >= 2000
    assert slowest < MAX_SECONDS_PER_PAGE, slowest


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=5000))
def test_extraction_of_arbitrary_bytes(body: bytes) -> None:
    assert run_one("/noi-san/a.html", body, None) < MAX_SECONDS_PER_PAGE


tags = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<table>",
        "<td>",
        "<br>",
        "<img src=a>",
        "<a href=/noi-san/b.html>",
        "</a>",
        "<h1>",
        "<html>",
        "<body>",
        "<b>",
    ]
)
pieces = st.one_of(
    tags,
    st.text(max_size=30),
    st.just("Thứ ba, 27.06.2023 00:42"),
    st.just("In bài viết"),
    st.just("ThS. Nguyễn Văn A"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=80))
def test_extraction_of_generated_markup(parts: list[str]) -> None:
    html = "".join(parts)
    started = time.perf_counter()
    result = extract(BASE + "/noi-san/a.html", html, PROFILE, now=NOW)
    assert time.perf_counter() - started < MAX_SECONDS_PER_PAGE
    assert (result.published is None) == (result.date_problem is not None)
