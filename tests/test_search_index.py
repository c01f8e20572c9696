"""Search indexes and document references on in-memory databases, queried as Datasette does."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest
import yaml
from sqlite_utils import Database

from archive.db import articles as store
from archive.db import search as derived
from archive.db.counts import SaveCounts
from archive.db.schema import MIGRATIONS, ensure_schema
from scraper.extraction.vntext import MARKED, exact_form, fold, glob_class, is_toned, search_form
from tests.records import article

REPO = Path(__file__).resolve().parents[1]
CANNED = yaml.safe_load((REPO / "datasette.yml").read_text("utf-8"))["databases"]["archive"][
    "queries"
]
DOCS = {
    "the-body": ("Thể thao", "Phong trào thể dục thể thao của Đảng bộ."),
    "the-world": ("Thế giới", "Tình hình thế giới và khu vực."),
    "emulate": ("Khối thi đua", "Khối thi đua các cơ quan Đảng hoàn thành nhiệm vụ."),
    "then": ("Thì", "Nếu thì đua ghe thì vui."),
    "eth": ("ÐẢNG BỘ", "Văn bản cũ gõ Ðảng bằng chữ eth."),
    "plain": ("Dang do", "Khong dau: dang va thi dua."),
}


def url(key: str) -> str:
    return f"http://site/noi-san/{key}.html"


@pytest.fixture
def db() -> Database:
    database = Database(memory=True)
    ensure_schema(database)
    database.conn.create_function("escape_fts", 1, _escape_fts)
    counts = SaveCounts()
    for key, (title, body) in DOCS.items():
        store.save_article(
            database, article(url=url(key), title=title, body_text=body), "t", counts
        )
    return database


def _escape_fts(query: str) -> str:
    from datasette.utils import escape_fts

    return escape_fts(query)


def search(db: Database, query: str) -> list[dict]:
    """The canned `search` query of datasette.yml, with the query normalised as the plugin does."""
    sql = CANNED["search"]["sql"]
    db.conn.row_factory = sqlite3.Row
    try:
        rows = db.conn.execute(sql, {"q": search_form(query)[1]}).fetchall()
    finally:
        db.conn.row_factory = None
    return [dict(r) for r in rows]


def keys(rows: list[dict]) -> set[str]:
    return {r["url"].rsplit("/", 1)[1].removesuffix(".html") for r in rows}


@pytest.mark.parametrize(
    ("query", "hits"),
    [
        ("thể", {"the-body"}),
        ("thế", {"the-world"}),
        ("the", {"the-body", "the-world"}),
        ("thi dua", {"emulate", "then", "plain"}),
        ("thi đua", {"emulate"}),
        ("dang", {"the-body", "emulate", "eth", "plain"}),
        ("Đảng", {"the-body", "emulate", "eth"}),
        ("\u00d0ảng", {"the-body", "emulate", "eth"}),
        (unicodedata.normalize("NFD", "thể thao"), {"the-body"}),
        (unicodedata.normalize("NFD", "Đảng"), {"the-body", "emulate", "eth"}),
        ("DANG", {"the-body", "emulate", "eth", "plain"}),
        ('"dang bo"', {"the-body", "eth"}),
    ],
)
def test_search_rules(db: Database, query: str, hits: set[str]) -> None:
    assert keys(search(db, query)) == hits


def test_snippets_highlight_the_original_words(db: Database) -> None:
    (hit,) = [r for r in search(db, "thi dua") if r["url"] == url("emulate")]
    assert hit["title_match"] == "Khối 【thi】 【đua】"
    assert "【thi】 【đua】 các cơ quan Đảng" in hit["snippet"]
    (eth,) = [r for r in search(db, "dang bo") if r["url"] == url("eth")]
    assert eth["title_match"] == "【ÐẢNG】 【BỘ】"


def test_ranked_by_relevance(db: Database) -> None:
    ranks = [r["rank"] for r in search(db, "dang")]
    assert ranks == sorted(ranks)


def test_index_follows_every_write(db: Database) -> None:
    counts = SaveCounts()
    changed = article(url=url("the-world"), title="Thế giới", body_text="Nay nói về thể thao.")
    store.save_article(db, changed, "t2", counts)
    assert keys(search(db, "thể")) == {"the-body", "the-world"}
    assert keys(search(db, "tình hình")) == set()
    # Any other writer: a changed text drops the stale entry at once, a delete removes it.
    db.execute("UPDATE articles SET body_text = 'khác' WHERE url = ?", [url("the-body")])
    assert keys(search(db, "thể")) == {"the-world"}
    db.execute("DELETE FROM articles WHERE url = ?", [url("the-world")])
    assert keys(search(db, "thể")) == set()
    derived.rebuild(db)
    assert db.execute("INSERT INTO articles_search_exact(articles_search_exact) VALUES "
                      "('integrity-check')")  # fmt: skip
    assert keys(search(db, "khac")) == {"the-body"}


def test_unchanged_save_leaves_the_index_alone(db: Database) -> None:
    before = db.execute("SELECT * FROM articles_search_text ORDER BY rowid").fetchall()
    counts = SaveCounts()
    title, body = DOCS["emulate"]
    store.save_article(db, article(url=url("emulate"), title=title, body_text=body), "t3", counts)
    assert counts.unchanged == 1
    assert db.execute("SELECT * FROM articles_search_text ORDER BY rowid").fetchall() == before


def test_document_refs_replace_on_every_save(db: Database) -> None:
    counts = SaveCounts()
    body = "Theo Quyết định số 581/QĐ-UBND, ngày 14/3/2022 và Chỉ thị số 05-CT/TW."
    store.save_article(db, article(url=url("plain"), body_text=body), "t4", counts)
    refs = list(db["document_refs"].rows_where("article = ?", [url("plain")], order_by="position"))
    assert [(r["document"], r["date"]) for r in refs] == [
        ("581/QĐ-UBND", "2022-03-14"),
        ("05-CT/TW", None),
    ]
    store.save_article(db, article(url=url("plain"), body_text="Không còn gì."), "t5", counts)
    assert db["document_refs"].count_where("article = ?", [url("plain")]) == 0


def test_folding_keeps_positions_and_is_exhaustive() -> None:
    for char in MARKED:
        assert len(fold(char)) == 1 and fold(char) in "aeiouyAEIOUYdD"
        assert is_toned(char) and exact_form(char) in MARKED
    text = "Khối thi đua ÐẢNG, Ủy ban: ưu tiên"
    assert len(fold(text)) == len(text)
    assert fold(text) == "Khoi thi dua DANG, Uy ban: uu tien"


def test_canned_search_uses_the_same_toned_set() -> None:
    sql = CANNED["search"]["sql"]
    marked = "".join(sorted(MARKED))
    assert marked in sql and "char(768)" in sql and "char(879)" in sql
    assert glob_class().startswith(marked)


def test_migration_indexes_an_existing_archive() -> None:
    old = Database(memory=True)
    old["_schema"].create({"version": int, "applied": str}, pk="version")
    MIGRATIONS[0](old)
    old.execute("INSERT INTO _schema VALUES (1, 'then')")
    body = "Theo Kế hoạch số 152/KH-UBND ngày 17/01/2022, Khối thi đua hoàn thành."
    written = article(url=url("emulate"), title="Khối thi đua", body_text=body)
    old["articles"].insert(store.article_row(written, http_status=200, fetched_url=None))
    ensure_schema(old)
    old.conn.create_function("escape_fts", 1, _escape_fts)
    assert keys(search(old, "thi dua")) == keys(search(old, "thi đua")) == {"emulate"}
    assert [r["document"] for r in old["document_refs"].rows] == ["152/KH-UBND"]
