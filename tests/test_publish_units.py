"""The Datasette side without a crawl: query rewriting, page values, and the article page in an
in-process Datasette over a small database that has issue-3 style tables."""

from __future__ import annotations

import asyncio
import unicodedata
from urllib.parse import parse_qs, quote

import pytest
import yaml
from sqlite_utils import Database

from archive.db import articles as store
from archive.db.counts import SaveCounts
from archive.db.schema import ensure_schema
from publish.article import capture_fields, safe_body, text_diff, version_entries
from publish.charts import month_range, monthly_svg
from publish.search import rewrite_query_string
from publish.serve import DEFAULT_METADATA, DEFAULT_PLUGINS, DEFAULT_TEMPLATES, datasette_command
from publish.table_search import table_search_filter
from tests.records import article


def rewritten(path: str, query: str) -> dict | None:
    result = rewrite_query_string(path, query.encode())
    return None if result is None else parse_qs(result.decode(), keep_blank_values=True)


def test_query_rewriting() -> None:
    # The table search goes to the plugin's filter (publish/table_search.py), which picks the
    # index: the folded one for a tone-less query, the exact one for a toned one.
    assert rewritten("/archive/articles", "_search=thi+dua") == {"_archive_search": ["thi dua"]}
    assert table_search_filter("thi dua").index == "articles_search_folded"
    assert table_search_filter("thể").index == "articles_search_exact"
    assert table_search_filter("  ") is None
    assert rewritten("/archive/articles", "_search=th%E1%BB%83") == {"_archive_search": ["thể"]}
    nfd = quote(unicodedata.normalize("NFD", "thể"))
    assert rewritten("/archive/articles.json", f"_search={nfd}")["_archive_search"] == ["thể"]
    # A new search replaces the one the form carries along; a blank box is no search.
    again = rewritten("/archive/articles", "_search=dang&_archive_search=th%E1%BB%83&_col=title")
    assert again == {"_archive_search": ["dang"], "_col": ["title"]}
    assert rewritten("/archive/articles", "_search=&_archive_search=dang") == {}
    assert rewritten("/archive/articles", "_archive_search=dang&_sort=title") is None
    # Datasette's own search when the researcher asks for it: raw mode, or another index.
    raw = rewritten("/archive/articles", "_search=thi+dua&_searchmode=raw")
    assert raw["_search"] == ["thi dua"] and raw["_fts_table"] == ["articles_search_folded"]
    assert rewritten("/archive/search", "q=%C3%90%E1%BA%A3ng")["q"] == ["Đảng"]  # eth
    assert rewritten("/archive/search", "q=caf%C3%A9") is None
    # A mark Vietnamese does not use leaves the query tone-less: it is folded like the index.
    assert rewritten("/archive/search.json", "q=na%C3%AFve")["q"] == ["naive"]
    carried = "_search=th%E1%BB%83&_fts_table=articles_search_folded"  # the form's hidden field
    assert rewritten("/archive/articles", carried) == {"_archive_search": ["thể"]}
    assert rewritten("/archive/articles", "_search=dang&_fts_table=articles_fts") is None
    assert rewritten("/archive/crawls", "_search=thi+dua") is None
    assert rewritten("/archive/articles", "_sort=title") is None


def test_body_is_sanitised_again() -> None:
    html = str(
        safe_body(
            '<p onclick="x()">a<script>bad()</script><img src="http://h/i.jpg" onerror="x()">'
            '<a href="javascript:x()">l</a><iframe src="http://h"></iframe><form></form></p>'
        )
    )
    for needle in ("onclick", "script", "onerror", "javascript", "iframe", "form"):
        assert needle not in html
    assert 'loading="lazy"' in html and 'referrerpolicy="no-referrer"' in html


def test_diff_and_versions() -> None:
    diff = str(text_diff("Một hai ba.\n\nGiữ nguyên.", "Một hai bốn.\n\nGiữ nguyên.\n\n<b>Mới</b>"))
    assert "<del>ba.</del>" in diff and "<ins>bốn.</ins>" in diff
    assert "Giữ nguyên" not in diff and "&lt;b&gt;Mới&lt;/b&gt;" in diff
    entries = version_entries(
        [{"captured_at": "2023-01-01", "title": "T", "body_text": "a"}],
        {"title": "T", "body_text": "b"},
        "captured_at",
    )
    assert [e["label"] for e in entries] == ["2023-01-01"] and "<ins>b</ins>" in str(
        entries[0]["diff"]
    )
    assert capture_fields({"warc_file": "a.warc.gz", "warc_offset": 0, "capture_x": None}) == {
        "warc_file": "a.warc.gz",
        "warc_offset": 0,
    }


def test_month_range_and_chart() -> None:
    assert month_range("2022-11", "2023-02") == ["2022-11", "2022-12", "2023-01", "2023-02"]
    svg = str(monthly_svg({"2022-11": 2, "2023-02": 4}, "/a?m="))
    assert svg.count('class="bar"') == 4 and 'data-count="0"' in svg and "<script" not in svg


def test_serve_command_is_read_only_on_loopback() -> None:
    command = datasette_command("a.db", "127.0.0.1", 8001)
    assert command[command.index("-i") + 1] == "a.db"
    assert command[command.index("-h") + 1] == "127.0.0.1"
    assert command[command.index("--setting") + 1 :][:2] == ["sql_time_limit_ms", "3000"]
    assert "--plugins-dir" in command and "--template-dir" in command


@pytest.fixture
def small_archive(tmp_path):
    path = tmp_path / "archive.db"
    db = Database(path)
    ensure_schema(db)
    body = "Theo Nghị quyết số 27-NQ/TW, ngày 09/11/2022.\n\nĐoạn hai."
    capture = {"warc_file": "c.warc.gz", "warc_offset": 0, "warc_length": 10, "warc_digest": "d"}
    store.save_article(db, article(body_text=body), "t", SaveCounts(), capture=capture)
    db["attachments"].insert(
        {"article": "http://site/noi-san/a.html", "url": "http://site/f.pdf", "size": 10}
    )
    old = dict(db["articles"].get("http://site/noi-san/a.html"))
    old["body_text"] = "Theo cũ.\n\nĐoạn hai."
    store.archive_version(db, old, "2023-01-01", "edit")
    db.close()
    return path


def test_article_page_shows_optional_sections(small_archive) -> None:
    from datasette.app import Datasette

    metadata = yaml.safe_load(DEFAULT_METADATA.read_text("utf-8"))
    ds = Datasette(
        immutables=[str(small_archive)],
        metadata=metadata,
        plugins_dir=str(DEFAULT_PLUGINS),
        template_dir=str(DEFAULT_TEMPLATES),
    )
    url = quote("http://site/noi-san/a.html", safe="")

    async def fetch():
        return await ds.client.get(f"/archive/-/article?url={url}")

    response = asyncio.run(fetch())
    assert response.status_code == 200
    html = response.text
    for text in ("Attachments", "http://site/f.pdf", "Versions", "<del>cũ.</del>",
                 "warc_file", "c.warc.gz", "27-NQ/TW", "2022-11-09"):  # fmt: skip
        assert text in html, text
    missing = asyncio.run(ds.client.get("/archive/-/article?url=nope"))
    assert missing.status_code == 404
