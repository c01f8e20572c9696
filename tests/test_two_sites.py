"""One archive, two sites: site facts on every per-site row, and one article on both sites
linked by `same_as`. Storage functions on in-memory databases."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest
from sqlite_utils import Database

from archive.db import articles as store
from archive.db import same_as
from archive.db.counts import SaveCounts
from archive.db.frontier import load_frontier
from archive.db.schema import MIGRATIONS, _v14_two_sites, ensure_schema
from archive.db.site import OtherSite, claim_site
from publish.search_page import SearchRequest, Source, count_sql, ranked_sql
from tests.records import article

OLD, NEW = "http://old.example/noi-san/a.html", "https://new.example/Chi-tiet-tin/title/1/x.aspx"
OLD_SITE = {"site": "phutho", "host": "old.example"}
NEW_SITE = {"site": "phutho-2025", "host": "new.example"}


@pytest.fixture
def db() -> Database:
    database = Database(memory=True)
    ensure_schema(database)
    return database


def save(db: Database, url: str, site: dict, at: str = "t1", **fields) -> str:
    return store.save_article(db, article(url=url, **fields), at, SaveCounts(), **site)


def links(db: Database) -> dict[str, str | None]:
    return {r["url"]: r["same_as"] for r in db["articles"].rows}


def test_an_article_row_says_its_site_and_host(db: Database) -> None:
    save(db, OLD, OLD_SITE)
    row = db["articles"].get(OLD)
    assert (row["site"], row["host"]) == ("phutho", "old.example")
    assert row["text_hash"] == same_as.text_hash(row["title"], row["body_text"])


@pytest.mark.parametrize("first", ["old", "new"])
def test_the_second_copy_links_both_rows_in_either_order(db: Database, first: str) -> None:
    order = [(OLD, OLD_SITE), (NEW, NEW_SITE)]
    for url, site in order if first == "old" else order[::-1]:
        save(db, url, site)
    assert links(db) == {OLD: NEW, NEW: OLD}


def test_the_hash_is_nfc_whitespace_and_case_blind_but_not_author_or_date(db: Database) -> None:
    save(db, OLD, OLD_SITE, title="Hội nghị tổng kết", body_text="Đoạn một.\n\nĐoạn hai.")
    decomposed = unicodedata.normalize("NFD", "HỘI NGHỊ  TỔNG KẾT")
    save(db, NEW, NEW_SITE, title=decomposed, body_text="Đoạn một.\nĐoạn\u00a0hai.",
         author="Ban biên tập", published="2025-07-02T08:00:00+07:00")  # fmt: skip
    assert links(db) == {OLD: NEW, NEW: OLD}


def test_a_cross_post_with_a_credit_line_is_not_the_same_article(db: Database) -> None:
    save(db, OLD, OLD_SITE)
    body = "Đoạn một.\n\nĐoạn hai.\n\n(Trường Chính trị tỉnh Phú Thọ)"
    save(db, NEW, NEW_SITE, body_text=body)
    assert links(db) == {OLD: None, NEW: None}


def test_the_same_text_twice_on_one_site_is_never_linked(db: Database) -> None:
    save(db, OLD, OLD_SITE)
    save(db, OLD.replace("a.html", "b.html"), OLD_SITE)
    assert set(links(db).values()) == {None}
    save(db, NEW, NEW_SITE)  # the other site's copy takes the first of them
    assert links(db) == {OLD: NEW, NEW: OLD, OLD.replace("a.html", "b.html"): None}


def test_an_edit_that_changes_the_text_unlinks_and_both_rows_stay(db: Database) -> None:
    save(db, OLD, OLD_SITE)
    save(db, NEW, NEW_SITE)
    assert save(db, NEW, NEW_SITE, "t2", body_text="Đoạn mới.", content_hash="h2") == "updated"
    assert links(db) == {OLD: None, NEW: None}
    save(db, NEW, NEW_SITE, "t3")  # edited back: linked again
    assert links(db) == {OLD: NEW, NEW: OLD}
    assert db["article_versions"].count == 2


def test_an_unchanged_second_visit_keeps_the_link_and_counts_unchanged(db: Database) -> None:
    save(db, OLD, OLD_SITE)
    save(db, NEW, NEW_SITE)
    assert save(db, OLD, OLD_SITE, "t2") == "unchanged"
    assert links(db) == {OLD: NEW, NEW: OLD}


def test_a_print_page_row_says_its_site(db: Database) -> None:
    save(db, OLD, OLD_SITE)
    page = {"url": "http://old.example/print/7.html", "print_id": 7, "http_status": 200,
            "content_hash": "p", **OLD_SITE}  # fmt: skip
    store.save_print_page(db, page, "t1", SaveCounts())
    row = db["print_pages"].get(page["url"])
    assert (row["article_url"], row["site"], row["host"]) == (OLD, "phutho", "old.example")


def _archive_before_two_sites() -> Database:
    """An archive made before the migration: the site only in `archive_site` and `crawls`."""
    old = Database(memory=True)
    old["_schema"].create({"version": int, "applied": str}, pk="version")
    before = MIGRATIONS[: MIGRATIONS.index(_v14_two_sites)]
    for version, migrate in enumerate(before, start=1):
        migrate(old)
        old.execute("INSERT INTO _schema VALUES (?, 'then')", [version])
    for column in ("site", "host"):  # as an archive whose tables predate the columns
        old.execute(f"ALTER TABLE articles DROP COLUMN {column}")
        old.execute(f"ALTER TABLE article_versions DROP COLUMN {column}")
    return old


def test_the_migration_fills_older_rows_from_the_recorded_site_and_links_pairs() -> None:
    old = _archive_before_two_sites()
    old["crawls"].insert({"profile": "phutho", "base_url": "http://old.example/"})
    old["archive_site"].insert({"name": "phutho", "base_url": "http://old.example/"})
    old["articles"].insert({"url": OLD, "title": "Tiêu đề", "body_text": "Thân bài."})
    old["articles"].insert({"url": "http://127.0.0.1:8000/b.html", "title": "Khác"})
    old["print_pages"].insert({"url": "http://old.example/print/7.html", "article_url": OLD})
    ensure_schema(old)
    rows = {r["url"]: r for r in old["articles"].rows}
    assert (rows[OLD]["site"], rows[OLD]["host"]) == ("phutho", "old.example")
    assert rows["http://127.0.0.1:8000/b.html"]["host"] == "127.0.0.1:8000"
    assert rows[OLD]["text_hash"] == same_as.text_hash("Tiêu đề", "Thân bài.")
    assert next(iter(old["print_pages"].rows))["site"] == "phutho"
    # The successor's copy, stored as an older version of the code would have (no link) …
    old["articles"].insert({"url": NEW, "title": "Tiêu đề", "body_text": "Thân bài.",
                            "site": "phutho-2025", "host": "new.example"})  # fmt: skip
    assert same_as.relink_all(old) == 1  # … is linked by the re-link step
    assert links(old)[NEW] == OLD and links(old)[OLD] == NEW


def test_the_successor_is_taken_and_a_third_site_refused_with_one_line(db: Database) -> None:
    claim_site(db, "phutho", "T", "phutho.yaml", "http://old.example/", "t", "archive.db")
    claim_site(db, "phutho-2025", "T", "x.yaml", "https://new.example/", "t", "archive.db",
               successor_of="phutho")  # fmt: skip
    with pytest.raises(OtherSite) as refused:
        claim_site(db, "dongthap", "T", "d.yaml", "http://d.example/", "t", "archive.db")
    assert "\n" not in str(refused.value) and "'phutho'" in str(refused.value)
    assert [r["name"] for r in db["archive_site"].rows] == ["phutho", "phutho-2025"]


def test_a_harvest_of_one_site_knows_only_that_sites_articles(db: Database) -> None:
    save(db, OLD, OLD_SITE)
    save(db, NEW, NEW_SITE)
    since = datetime(2000, 1, 1, tzinfo=UTC)
    assert load_frontier(db, since, full=True, site="phutho").archived == {OLD}
    assert {r.url for r in load_frontier(db, since, True, "phutho-2025").revisits} == {NEW}
    assert load_frontier(db, since, full=True).archived == {OLD, NEW}


def test_a_reextraction_that_changes_the_text_relinks(db: Database) -> None:
    save(db, OLD, OLD_SITE)
    save(db, NEW, NEW_SITE)
    existing = db["articles"].get(NEW)
    changed = article(url=NEW, body_text="Đoạn khác.", content_hash="h3")
    assert store.save_reextraction(db, existing, changed, "t4") == "changed"
    assert links(db) == {OLD: None, NEW: None}
    assert db["articles"].get(NEW)["site"] == "phutho-2025"  # the fetch facts stay


def _search(db: Database, **args: str) -> list[str]:
    request = SearchRequest.from_args(args)
    sql, params = ranked_sql(
        request, Source(authors=("author_name", "author"), sites=True, pairs=True)
    )
    rowids = [r[0] for r in db.execute(sql, params).fetchall()]
    return [db.execute("SELECT url FROM articles WHERE rowid = ?", [r]).fetchone()[0]
            for r in rowids]  # fmt: skip


def test_search_collapses_a_pair_to_the_original_sites_copy_unless_it_is_filtered_out(
    db: Database,
) -> None:
    claim_site(db, "phutho", "T", "phutho.yaml", "http://old.example/", "t", "archive.db")
    claim_site(db, "phutho-2025", "T", "x.yaml", "https://new.example/", "t", "archive.db",
               successor_of="phutho")  # fmt: skip
    save(db, NEW, NEW_SITE, category_name="Tin tức")  # stored first: the order does not matter
    save(db, OLD, OLD_SITE)
    assert _search(db, q="đoạn") == [OLD]
    assert sorted(_search(db, q="đoạn", both="1")) == sorted([OLD, NEW])
    assert _search(db, q="doan", site="phutho-2025") == [NEW]
    # The original's copy is not in this category: the successor's copy is the one shown.
    assert _search(db, q="đoạn", category="Tin tức") == [NEW]
    count, params = count_sql(
        SearchRequest.from_args({"q": "đoạn"}), Source(sites=True, pairs=True)
    )
    assert db.execute(count, params).fetchone()[0] == 1
    # An archive without pairs keeps the index-only count of an unfiltered search.
    alone, _ = count_sql(SearchRequest.from_args({"q": "đoạn"}), Source(sites=True))
    assert "JOIN" not in alone
