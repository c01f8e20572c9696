"""The articles table's defaults and excerpts: pure functions."""

from __future__ import annotations

from urllib.parse import parse_qs

from publish.excerpt import excerpt
from publish.table import DEFAULT_COLUMNS, table_search, with_default_columns

LONG = "Một hai ba. " * 30 + "Khối thi đua các cơ quan Ðảng tỉnh. " + "bốn năm. " * 30


def test_default_columns_only_on_the_html_listing() -> None:
    added = parse_qs(with_default_columns("/archive/articles", b"_search=dang").decode())
    assert added["_col"] == list(DEFAULT_COLUMNS) and added["_search"] == ["dang"]
    assert with_default_columns("/archive/articles", b"_col=body_html") is None
    assert with_default_columns("/archive/articles", b"_nocol=links") is None
    assert with_default_columns("/archive/articles.json", b"") is None
    assert with_default_columns("/archive/articles.csv", b"") is None
    assert with_default_columns("/archive/articles/abc", b"") is None
    assert with_default_columns("/archive/crawls", b"") is None
    assert table_search(b"a=1&_search=thi+dua") == "thi dua" and table_search(b"") == ""


def test_excerpt_is_short_and_cut_at_words() -> None:
    text = excerpt(LONG)
    assert len(text) <= 225 and text.endswith("…") and text.startswith("Một hai")
    assert excerpt("ngắn") == "ngắn" and excerpt(None) == ""


def test_excerpt_starts_near_the_search_and_marks_it() -> None:
    assert "Khối 【thi】 【đua】 các" in excerpt(LONG, "thi dua")
    assert excerpt(LONG, "thi dua").startswith("…")
    assert "【Đảng】" in excerpt(LONG, "Đảng")  # the eth look-alike is read as Đ
    assert "【" not in excerpt(LONG, "thế")  # toned: exact only
