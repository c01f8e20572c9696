"""URL canonicalisation and page kinds: pure functions against tables."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scraper.sites.profile import load_profile
from scraper.urls import canonicalize, page_info

REAL = load_profile()
REPLICA = load_profile(base_url="http://127.0.0.1:8123/")
HOST = "http://truongchinhtritinhphutho.gov.vn"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"{HOST}/noi-san/bai-viet.html", f"{HOST}/noi-san/bai-viet.html"),
        ("http://mail.truongchinhtritinhphutho.gov.vn/noi-san/a.html", f"{HOST}/noi-san/a.html"),
        ("http://TRUONGCHINHTRITINHPHUTHO.GOV.VN:80/noi-san/", f"{HOST}/noi-san/"),
        (f"{HOST}/noi-san/a.html#top", f"{HOST}/noi-san/a.html"),
        (f"{HOST}/noi-san/?b=2&a=1&PHPSESSID=xyz", f"{HOST}/noi-san/?a=1&b=2"),
        (f"{HOST}", f"{HOST}/"),
        ("https://truongchinhtritinhphutho.gov.vn/print/7.html", f"{HOST}/print/7.html"),
        ("javascript:history.back()", None),
        ("mailto:lienhe@example.vn", None),
        ("http://chinhphu.vn/", None),
        ("http://truongchinhtri.phutho.gov.vn/", None),
    ],
)
def test_canonicalize_real_site(url: str, expected: str | None) -> None:
    assert canonicalize(url, REAL) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://mail.127.0.0.1:8123/noi-san/a.html", "http://127.0.0.1:8123/noi-san/a.html"),
        ("/print/12.html", "http://127.0.0.1:8123/print/12.html"),
        ("http://127.0.0.1:8124/noi-san/a.html", None),  # another loopback port is off-site
        ("http://localhost:8123/noi-san/a.html", None),
    ],
)
def test_canonicalize_retargeted(url: str, expected: str | None) -> None:
    assert canonicalize(url, REPLICA, base="http://127.0.0.1:8123/noi-san/") == expected


@pytest.mark.parametrize(
    ("path", "kind", "category", "page", "print_id"),
    [
        ("/", "home", None, None, None),
        ("/noi-san/", "listing", "noi-san", 1, None),
        ("/noi-san/page/3/", "listing", "noi-san", 3, None),
        ("/noi-san/khoi-thi-dua.html", "article", "noi-san", None, None),
        ("/print/4711.html", "print", None, None, 4711),
        ("/lien-he/", "other", None, None, None),
        ("/unknown-cat/a.html", "other", None, None, None),
    ],
)
def test_page_info(path, kind, category, page, print_id) -> None:
    info = page_info(HOST + path, REAL)
    assert (info.kind, info.category, info.page, info.print_id) == (
        kind,
        category,
        page,
        print_id,
    )


@given(st.text(max_size=80))
def test_canonicalize_never_raises_and_is_idempotent(text: str) -> None:
    result = canonicalize(text, REAL, base=HOST + "/noi-san/")
    if result is not None:
        assert canonicalize(result, REAL) == result
        assert result.startswith(HOST + "/")


@pytest.mark.parametrize(
    "url", ["http://[x", "http://[::1/a", "//[", "http://truongchinhtritinhphutho.gov.vn:99999999/"]
)
def test_malformed_urls_are_out_of_scope(url: str) -> None:
    assert canonicalize(url, REAL, base=HOST + "/") is None
