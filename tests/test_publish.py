"""The researchers' Datasette over a crawled replica: search rules, references, pages, safety."""

from __future__ import annotations

import re
import shutil
import sqlite3
import unicodedata
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode

import pytest

from replica.generate import planted
from scraper.extraction.syllables import syllables_of
from scraper.extraction.text import clean_line
from tests.conftest import Archive, Datasette

pytestmark = pytest.mark.slow
SEED_TITLE_START = "Khối thi đua các cơ quan Đảng"


def words(text: str, folded: bool) -> set[str]:
    """The spec, written out independently of vntext: lower-case words, eth read as đ;
    folded, without marks and with đ as d. Glued words count under their syllables too (the
    split itself is tested by its own table, tests/test_syllables.py)."""
    text = unicodedata.normalize("NFC", text).replace("ð", "đ").replace("Ð", "Đ")
    glued = [p for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3 for p in syllables_of(w)]
    text = " ".join([text, *glued]).lower()
    if folded:
        text = unicodedata.normalize("NFD", text.replace("đ", "d"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return set(re.findall(r"[^\W_]+", text))


def expected(archive: Archive, query: str, folded: bool) -> set[str]:
    wanted = words(query, folded)
    return {
        archive.url_of(a)
        for a in archive.site().articles
        if wanted <= words(" ".join([a.title, *a.paragraphs]), folded)
    }


def table_search(archive: Archive, query: str) -> set[str]:
    qs = urlencode({"_search": query, "_col": "url", "_size": "max", "_shape": "array"})
    return {r["url"] for r in archive.datasette.get(f"/archive/articles.json?{qs}")}


def canned_search(archive: Archive, query: str) -> list[dict]:
    qs = urlencode({"q": query, "_shape": "array"})
    return archive.datasette.get(f"/archive/search.json?{qs}")


NFD = {q: unicodedata.normalize("NFD", q) for q in ("thể", "Đảng", "thi đua")}


@pytest.mark.parametrize(
    ("query", "as_query", "folded"),
    [
        ("thể", "thể", False),
        ("thế", "thế", False),
        ("thi đua", "thi đua", False),
        ("Đảng", "Đảng", False),
        ("\u00d0ảng", "Đảng", False),  # the eth look-alike typed for Đ
        (NFD["thể"], "thể", False),
        (NFD["Đảng"], "Đảng", False),
        ("thi dua", "thi dua", True),
        ("dang", "dang", True),
        ("the", "the", True),
    ],
)
def test_table_search_follows_the_vietnamese_rules(archive, query, as_query, folded) -> None:
    hits = expected(archive, as_query, folded)
    assert hits, f"no article has {as_query!r}: a useless probe"
    assert table_search(archive, query) == hits


def test_tones_are_respected_and_toneless_queries_fold(archive) -> None:
    the_body, the_world = expected(archive, "thể", False), expected(archive, "thế", False)
    # Articles with thể but no thế exist, and the thế search leaves them out (and vice versa).
    assert the_body - the_world
    assert not (the_body - the_world) & table_search(archive, "thế")
    assert table_search(archive, "the") >= the_body | the_world
    site = archive.site()
    seed = archive.url_of(next(a for a in site.articles if a.key == "seed"))
    hostile = archive.url_of(next(a for a in site.articles if a.key == planted.PLANTED_KEY))
    assert seed in table_search(archive, "thi dua") and seed in table_search(archive, "dang")
    # The planted article writes ÐẢNG with an eth: found by dang, by Đảng and by Ðảng.
    assert {hostile} <= table_search(archive, "dang") & table_search(archive, "Đảng")
    # dang also reaches đang, dáng…: articles that Đảng leaves out.
    assert table_search(archive, "dang") - table_search(archive, "Đảng")


def test_canned_search_ranks_and_highlights(archive) -> None:
    rows = canned_search(archive, "thi dua")
    assert any(r["title_match"].startswith("Khối 【thi】 【đua】") for r in rows[:3])
    ranks = [r["rank"] for r in rows]
    assert ranks == sorted(ranks)
    seed = next(r for r in rows if r["title_match"].startswith("Khối"))
    assert "【thi】 【đua】 các cơ quan Đảng" in seed["snippet"]
    assert canned_search(archive, NFD["thi đua"]) == canned_search(archive, "thi đua")
    exact = {r["url"] for r in canned_search(archive, "thể")}
    assert exact == expected(archive, "thể", False) or len(exact) == 100


def test_document_refs_of_the_seed(archive) -> None:
    datasette = archive.datasette
    seed = datasette.sql("SELECT url FROM articles WHERE title LIKE :t", t=SEED_TITLE_START + "%")
    refs = datasette.sql(
        "SELECT document, kind, issuer, date, text FROM document_refs WHERE article = :u "
        "ORDER BY position",
        u=seed[0]["url"],
    )
    found = {(r["document"], r["date"]) for r in refs}
    assert {("581/QĐ-UBND", "2022-03-14"), ("152/KH-UBND", "2022-01-17")} <= found
    first = refs[0]
    assert (first["kind"], first["issuer"]) == ("Quyết định", "UBND")
    assert first["text"] == "Quyết định số 581/QĐ-UBND, ngày 14/3/2022"
    qs = urlencode({"document": "581/QĐ-UBND", "_shape": "array"})
    citing = datasette.get(f"/archive/articles_citing.json?{qs}")
    assert seed[0]["url"] in {r["read"] for r in citing}
    cited = datasette.get("/archive/most_cited_documents.json?_shape=array")
    assert cited and cited[0]["articles"] >= cited[-1]["articles"]
    for name in ("articles_per_author", "articles_per_category_year", "articles_per_month"):
        assert datasette.get(f"/archive/{name}.json?_shape=array"), name


def page(datasette: Datasette, url: str) -> str:
    return datasette.text(f"/archive/-/article?url={quote(url, safe='')}")


def test_article_page(archive) -> None:
    site = archive.site()
    seed = next(a for a in site.articles if a.key == "seed")
    html = page(archive.datasette, archive.url_of(seed))
    truth = seed.expected()
    for text in (seed.title, truth["published_raw"], truth["author"], truth["author_role"],
                 "Nội san", "581/QĐ-UBND", "Documents cited"):  # fmt: skip
        assert text in html, text
    assert clean_line(truth["first_paragraph"])[:80] in html
    assert f'href="{archive.url_of(seed)}"' in html


def test_planted_code_never_reaches_a_page(archive, tmp_path) -> None:
    site = archive.site()
    article = next(a for a in site.articles if a.key == planted.PLANTED_KEY)
    html = page(archive.datasette, archive.url_of(article))
    assert "ÐẢNG BỘ" in html
    for needle in ("onerror", "javascript:", "__planted", "PWNED"):
        assert needle not in html
    # Defence in depth: even a stored body that kept the code is cleaned on the way out.
    tampered = tmp_path / "archive.db"
    shutil.copy(archive.db, tampered)
    with sqlite3.connect(tampered) as conn:
        hostile = f"{planted.SCRIPT}<img src='/x.jpg' {planted.ONERROR}><a {planted.HREF}>a</a>"
        raw = f"<p>Text</p>{hostile}"
        conn.execute("UPDATE articles SET body_html = ?", [raw])
    conn.close()
    other = Datasette(tampered)
    try:
        with urllib.request.urlopen(
            f"{other.base}/archive/-/article?url={quote(archive.url_of(article), safe='')}"
        ) as response:
            assert "script-src 'none'" in response.headers["Content-Security-Policy"]
            body = response.read().decode()
        for needle in ("<script type", "onerror", "javascript:", "__planted"):
            assert needle not in body
        assert "<p>Text</p>" in body
    finally:
        other.close()


def test_charts_feed_and_exports(archive) -> None:
    datasette = archive.datasette
    html = datasette.text("/archive/-/charts")
    counts = [int(n) for n in re.findall(r'data-month="[\d-]+" data-count="(\d+)"', html)]
    assert sum(counts) == archive.articles and len(counts) > 12
    assert "<script" not in html.split('id="monthly-chart"')[1].split("</figure>")[0]
    feed = datasette.text("/archive/newest_articles.atom")
    assert feed.count("<entry>") == 50 and "<script" not in feed
    csv = datasette.text("/archive/articles.csv?_search=thi+dua&_size=max&_col=title")
    assert csv.startswith("url,title") and len(csv.splitlines()) > 2
    assert datasette.get("/archive/document_refs.json?_shape=array&_size=1")


def test_served_read_only_with_a_time_limit(archive) -> None:
    datasette = archive.datasette
    assert datasette.get("/-/databases.json")[0]["is_mutable"] is False
    assert datasette.get("/-/settings.json")["sql_time_limit_ms"] == 3000
    with pytest.raises(urllib.error.HTTPError) as refused:
        datasette.sql("DELETE FROM articles")
    assert refused.value.code == 400
    slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with pytest.raises(urllib.error.HTTPError) as interrupted:
        datasette.sql(slow)
    assert interrupted.value.code == 400
    with pytest.raises(urllib.error.HTTPError) as forbidden:
        urllib.request.urlopen(datasette.base + "/-/permissions")
    assert forbidden.value.code == 403
