"""Storage on in-memory databases: whole rows, idempotent saves."""

from __future__ import annotations

import hashlib

import pytest
from sqlite_utils import Database

from archive.db import articles as store
from archive.db import runs
from archive.db.counts import SaveCounts
from archive.db.schema import MIGRATIONS, ensure_schema, schema_version
from tests.records import article


@pytest.fixture
def db() -> Database:
    database = Database(memory=True)
    ensure_schema(database)
    return database


def test_schema_is_idempotent(db: Database) -> None:
    assert ensure_schema(db) == len(MIGRATIONS) == schema_version(db)
    assert {"articles", "crawls", "print_pages", "errors", "articles_fts"} <= set(db.table_names())


def test_second_save_moves_only_last_seen(db: Database) -> None:
    counts = SaveCounts()
    assert store.save_article(db, article(), "t1", counts) == "new"
    first = db["articles"].get("http://site/noi-san/a.html")
    assert store.save_article(db, article(), "t2", counts) == "unchanged"
    second = db["articles"].get("http://site/noi-san/a.html")
    assert {k for k in first if first[k] != second[k]} == {"last_seen"}
    assert (second["first_seen"], second["last_seen"], second["year"]) == ("t1", "t2", 2023)
    assert (counts.new, counts.unchanged, counts.updated) == (1, 1, 0)
    assert db["articles"].count == 1


def test_changed_article_is_updated(db: Database) -> None:
    counts = SaveCounts()
    store.save_article(db, article(), "t1", counts)
    assert store.save_article(db, article(body_text="Mới.", content_hash="h2"), "t2", counts) == (
        "updated"
    )
    assert db["articles"].get("http://site/noi-san/a.html")["body_text"] == "Mới."


def test_the_text_hash_follows_title_and_body_on_every_path(db: Database) -> None:
    """A stored hash is taken over when title and body are as stored; any change to either,
    by a fetch or a re-extraction, gives the hash of the new text."""
    from archive.db.same_as import text_hash

    url, counts = "http://site/noi-san/a.html", SaveCounts()
    store.save_article(db, article(), "t1", counts)
    store.save_article(db, article(), "t2", counts)
    assert db["articles"].get(url)["text_hash"] == text_hash(article().title, article().body_text)
    store.save_article(db, article(body_text="Mới.", content_hash="h2"), "t3", counts)
    assert db["articles"].get(url)["text_hash"] == text_hash(article().title, "Mới.")
    again = article(title="TIÊU ĐỀ KHÁC", body_text="Mới.", content_hash="h3")
    assert store.save_reextraction(db, db["articles"].get(url), again, "t4") == "changed"
    assert db["articles"].get(url)["text_hash"] == text_hash("TIÊU ĐỀ KHÁC", "Mới.")
    assert store.save_reextraction(db, db["articles"].get(url), again, "t5") == "unchanged"


def test_full_text_search_follows_writes_and_keeps_tones(db: Database) -> None:
    counts = SaveCounts()
    store.save_article(db, article(body_text="Các đoàn thể tỉnh"), "t1", counts)
    hits = lambda q: db.execute(  # noqa: E731
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [q]
    ).fetchone()[0]
    assert hits('"thể"') == 1
    assert hits('"thế"') == 0


def test_the_full_text_index_is_rewritten_only_when_title_or_body_change(db: Database) -> None:
    store.save_article(db, article(body_text="Các đoàn thể tỉnh"), "t1", SaveCounts())
    url = "http://site/noi-san/a.html"
    conn = db.conn

    def rows_written(sql: str, params: list) -> int:
        before = conn.total_changes  # counts what triggers write too
        db.execute(sql, params)
        return conn.total_changes - before

    assert rows_written("UPDATE articles SET last_seen = ? WHERE url = ?", ["t2", url]) == 1
    assert rows_written("UPDATE articles SET body_text = ? WHERE url = ?", ["Mặt trận", url]) > 1
    hits = db.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", ['"trận"']
    ).fetchone()[0]
    assert hits == 1
    gone = db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", ['"thể"'])
    assert gone.fetchone()[0] == 0


def test_the_full_text_trigger_is_not_made_for_an_index_turned_off(db: Database) -> None:
    db["articles"].disable_fts()
    MIGRATIONS[-1](db)  # v17 again, on an archive without `articles_fts`
    store.save_article(db, article(), "t1", SaveCounts())
    db.execute("UPDATE articles SET title = ? WHERE url = ?", ["Mới", "http://site/noi-san/a.html"])


def test_print_page_is_linked_to_its_article_by_print_id(db: Database) -> None:
    counts = SaveCounts()
    store.save_article(db, article(), "t1", counts)
    store.save_print_page(db, {"url": "http://site/print/7.html", "print_id": 7}, "t1", counts)
    page = db["print_pages"].get("http://site/print/7.html")
    assert page["article_url"] == "http://site/noi-san/a.html"
    assert db["articles"].count == 1


def test_errors_are_one_row_per_url_and_kind(db: Database) -> None:
    counts = SaveCounts()
    error = {"url": "http://site/x", "kind": "http", "status": 500, "message": "HTTP 500"}
    runs.save_error(db, {**error, "at": "t1"}, 1, counts)
    runs.save_error(db, {**error, "at": "t2"}, 1, counts)
    rows = list(db["errors"].rows)
    assert len(rows) == 1
    assert (rows[0]["attempts"], rows[0]["first_seen"], rows[0]["last_seen"]) == (2, "t1", "t2")


def test_a_changed_content_hash_keeps_the_old_state_as_a_version(db: Database) -> None:
    counts = SaveCounts()
    capture = {"warc_file": "a.warc.gz", "warc_offset": 10, "warc_length": 5, "warc_digest": "d1"}
    store.save_article(db, article(), "t1", counts, capture=capture, http={"etag": '"e1"'})
    newer = {**capture, "warc_offset": 99, "warc_digest": "d2"}
    store.save_article(
        db, article(body_text="Mới.", content_hash="h2"), "t2", counts, capture=newer
    )
    current = db["articles"].get("http://site/noi-san/a.html")
    (old,) = list(db["article_versions"].rows)
    assert (old["version"], old["reason"], old["superseded_at"]) == (1, "edit", "t2")
    assert (old["body_text"], old["content_hash"], old["warc_offset"]) == (
        "Đoạn một.\n\nĐoạn hai.",
        "h1",
        10,
    )
    assert (current["version"], current["body_text"], current["warc_offset"]) == (2, "Mới.", 99)
    assert (counts.changed, counts.updated) == (1, 1)


def test_unchanged_keeps_its_capture_and_304_moves_only_last_seen(db: Database) -> None:
    counts = SaveCounts()
    capture = {"warc_file": "a.warc.gz", "warc_offset": 10, "warc_length": 5, "warc_digest": "d"}
    store.save_article(db, article(), "t1", counts, capture=capture)
    store.save_article(db, article(), "t2", counts, capture={**capture, "warc_offset": 50})
    assert db["articles"].get("http://site/noi-san/a.html")["warc_offset"] == 10
    first = db["articles"].get("http://site/noi-san/a.html")
    store.touch_article(db, "http://site/noi-san/a.html", "t3", counts)
    second = db["articles"].get("http://site/noi-san/a.html")
    assert {k for k in first if first[k] != second[k]} == {"last_seen"}
    assert (counts.not_modified, counts.unchanged) == (1, 2)


def test_gone_articles_keep_the_first_missed_date_and_are_never_deleted(db: Database) -> None:
    counts = SaveCounts()
    store.save_article(db, article(), "t1", counts)
    assert store.mark_gone(db, "http://site/noi-san/a.html", 404, "t2", counts)
    assert store.mark_gone(db, "http://site/noi-san/a.html", 410, "t3", counts)
    gone = db["articles"].get("http://site/noi-san/a.html")
    assert (gone["gone_since"], gone["gone_status"], gone["body_text"]) == (
        "t2",
        410,
        "Đoạn một.\n\nĐoạn hai.",
    )
    assert not store.mark_gone(db, "http://site/never.html", 404, "t3", counts)
    store.save_article(db, article(), "t4", counts)  # back online
    assert db["articles"].get("http://site/noi-san/a.html")["gone_since"] is None


def test_one_file_linked_from_two_articles(db: Database) -> None:
    from archive.db.attachments import link_attachments, save_attachment
    from scraper.items import AttachmentCapture

    exts = ("pdf",)
    link_attachments(db, "http://site/a.html", ["http://site/f/q.pdf", "http://x/p"], exts, "t1")
    item = AttachmentCapture(
        url="http://site/f/q.pdf", article_url="http://site/a.html", status=200,
        headers={"Content-Type": "application/pdf"}, body=b"%PDF-1.4", fetched_at="t2",
    )  # fmt: skip
    save_attachment(db, item, "t2")
    link_attachments(db, "http://site/b.html", ["http://site/f/q.pdf"], exts, "t3")
    rows = list(db["attachments"].rows_where(order_by="article"))
    assert [r["article"] for r in rows] == ["http://site/a.html", "http://site/b.html"]
    for r in rows:
        assert (r["file_name"], r["mime_type"], r["size"], r["status"]) == (
            "q.pdf",
            "application/pdf",
            8,
            "stored",
        )
        assert r["sha256"] == hashlib.sha256(b"%PDF-1.4").hexdigest()


def test_authors_become_people_and_older_rows_are_derived() -> None:
    old = Database(memory=True)
    old["_schema"].create({"version": int, "applied": str}, pk="version")
    for version, migrate in enumerate(MIGRATIONS[:5], start=1):
        migrate(old)
        old.execute("INSERT INTO _schema VALUES (?, 'then')", [version])
    for table in ("articles", "article_versions"):  # as an archive made before the columns
        for column in ("author_name", "author_honorific"):
            old.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    row = {"url": "http://site/a.html", "title": "T", "author": "GS,TS Kiều Văn Kiên"}
    old["articles"].insert(row)
    ensure_schema(old)
    stored = old["articles"].get("http://site/a.html")
    assert (stored["author"], stored["author_name"], stored["author_honorific"]) == (
        "GS,TS Kiều Văn Kiên", "Kiều Văn Kiên", "GS,TS"
    )  # fmt: skip
    assert "author_name" in old["article_versions"].columns_dict
    saved = Database(memory=True)
    ensure_schema(saved)
    store.save_article(saved, article(author="ThS. Bùi Văn Hưng"), "t", SaveCounts())
    fresh = next(iter(saved["articles"].rows))
    assert (fresh["author"], fresh["author_name"], fresh["author_honorific"]) == (
        "ThS. Bùi Văn Hưng", "Bùi Văn Hưng", "ThS."
    )  # fmt: skip


def test_search_facts_follow_the_articles(db: Database) -> None:
    store.save_article(db, article(author="ThS. Bùi Văn Hưng"), "t", SaveCounts())
    facts = "SELECT published, year, category_name, author, author_name FROM articles_search_facts"
    assert db.execute(facts).fetchall() == [
        ("2023-06-27T00:42:00+07:00", 2023, "Nội san", "ThS. Bùi Văn Hưng", "Bùi Văn Hưng")
    ]
    db["articles"].update("http://site/noi-san/a.html", {"category_name": "Tin tức", "year": 2024})
    assert db.execute(facts).fetchall()[0][1:3] == (2024, "Tin tức")
    db["articles"].delete("http://site/noi-san/a.html")
    assert db.execute(facts).fetchall() == []


def test_a_batch_that_fails_part_way_keeps_none_of_its_rows(tmp_path) -> None:
    """The storage pipeline's writer process writes a batch in one transaction (sqlite-utils
    commits each statement unless one is open, and `with conn:` opens none); the failure
    comes back to the crawler, which stops, and no later batch is written."""
    from scrapy.utils.test import get_crawler

    from archive.db.schema import open_db
    from pipelines.saver import open_saver
    from pipelines.storage import StoragePipeline
    from scraper.extraction.workers import process_of_its_own
    from scraper.failures import STORAGE_FAILURE_STAT
    from scraper.items import FetchError

    path = str(tmp_path / "a.db")
    pipeline = StoragePipeline.from_crawler(get_crawler(settings_dict={"ARCHIVE_DB": path}))
    pipeline.db = open_db(path)
    pipeline.writer = process_of_its_own(open_saver, (path, None, (), {}))
    good = [FetchError(f"http://site/{n}.html", "http", "HTTP 500", 500, "t1") for n in range(3)]
    unwritable = FetchError("http://site/x.html", "http", object(), 500, "t1")  # cannot bind
    pipeline.buffer = [*good, unwritable]
    pipeline.flush()
    pipeline.buffer = [FetchError("http://site/later.html", "http", "HTTP 500", 500, "t2")]
    pipeline.flush()  # waits for the failed batch: this one is never handed over
    pipeline.stop_writer()
    assert pipeline.failed and pipeline.crawler.stats.get_value(STORAGE_FAILURE_STAT)
    assert pipeline.db["errors"].count == 0


def test_the_writer_process_counts_what_it_stored(tmp_path) -> None:
    """Batches written behind: the run's counts and embed stats come back from the writer
    process, and everything handed over is in the database once it is stopped."""
    from scrapy.utils.test import get_crawler

    from archive.db.schema import open_db
    from pipelines.saver import open_saver
    from pipelines.storage import StoragePipeline
    from scraper.extraction.workers import process_of_its_own
    from scraper.items import FetchError

    path = str(tmp_path / "a.db")
    crawler = get_crawler(settings_dict={"ARCHIVE_DB": path, "ARCHIVE_BATCH_SIZE": 2})
    pipeline = StoragePipeline.from_crawler(crawler)
    pipeline.db = open_db(path)
    pipeline.writer = process_of_its_own(open_saver, (path, None, (), {}))
    for n in range(5):
        pipeline.process_item(FetchError(f"http://site/{n}.html", "http", "HTTP 500", 500, "t1"))
    pipeline.flush()
    pipeline.stop_writer()
    assert not pipeline.failed and pipeline.counts.errors == 5
    assert crawler.stats.get_value("archive/errors") == 5
    assert pipeline.db["errors"].count == 5
