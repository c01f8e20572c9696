"""Full crawls of the replica in a subprocess on loopback, checked through a real Datasette."""

from __future__ import annotations

import re
import sqlite3

import pytest

from replica.generate.build import build_site
from scraper.extraction.text import clean_line
from tests.conftest import Datasette, Replica, run_crawl

pytestmark = pytest.mark.slow

SEED_TITLE = (
    "Khối thi đua các cơ quan Đảng, Mặt trận Tổ quốc và các đoàn thể tỉnh Phú Thọ "
    "hoàn thành xuất sắc nhiệm vụ năm 2022"
)
BOILERPLATE = ["Số người online", "Lượt truy cập", "Các tin khác", "Gửi cho bạn bè",
               "Untitled Document", "Trở về"]  # fmt: skip


@pytest.fixture(scope="module")
def crawled(replica: Replica, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("crawl") / "archive.db"
    first = run_crawl(db, replica.url)
    assert first.returncode == 0, first.stdout + first.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        before = {r["url"]: dict(r) for r in conn.execute("SELECT * FROM articles")}
    requests_after_first = len(replica.requests())
    second = run_crawl(db, replica.url)
    assert second.returncode == 0, second.stdout + second.stderr[-3000:]
    datasette = Datasette(db)
    yield {"db": db, "first": first, "second": second, "before": before,
           "datasette": datasette, "first_requests": requests_after_first}  # fmt: skip
    datasette.close()


def test_every_replica_article_is_archived_exactly_once(crawled, replica: Replica) -> None:
    site = build_site(replica.articles, replica.seed)
    rows = crawled["datasette"].sql("SELECT url FROM articles")
    paths = [r["url"].removeprefix(replica.url.rstrip("/")) for r in rows]
    assert len(paths) == len(set(paths)) == replica.articles
    assert set(paths) == {a.path for a in site.articles}


def test_seed_article_fields(crawled) -> None:
    rows = crawled["datasette"].sql("SELECT * FROM articles WHERE title = :t", t=SEED_TITLE)
    assert len(rows) == 1
    seed = rows[0]
    assert seed["published"] == "2023-06-27T00:42:00+07:00"
    assert seed["published_raw"] == "Thứ ba, 27.06.2023 00:42"
    assert seed["author"] == "ThS. Nguyễn Thị Nhàn"
    assert seed["author_role"] == "Trưởng phòng TC, HC, TT, TL"
    assert seed["category"] == "noi-san"
    body = seed["body_text"]
    assert body.startswith("Khối thi đua các cơ quan Đảng, Ủy ban Mặt trận Tổ quốc")
    assert re.search(r"Sáu là, [^\n]*được giao\.$", body)
    for text in BOILERPLATE:
        assert text not in body


def test_fields_match_the_replica_ground_truth(crawled, replica: Replica) -> None:
    site = build_site(replica.articles, replica.seed)
    rows = crawled["datasette"].sql("SELECT * FROM articles", _size="max")
    by_path = {r["url"].removeprefix(replica.url.rstrip("/")): r for r in rows}
    for article in site.articles:
        truth, row = article.expected(), by_path[article.path]
        for field in ("title", "published", "published_raw", "author", "author_role",
                      "category", "print_id"):  # fmt: skip
            assert row[field] == truth[field], (article.path, field)
        paragraphs = row["body_text"].split("\n\n")
        assert paragraphs[0] == clean_line(truth["first_paragraph"]), article.path
        assert paragraphs[-1] == clean_line(truth["last_paragraph"]), article.path
        assert len(paragraphs) == truth["paragraph_count"], article.path


def test_print_pages_belong_to_articles(crawled) -> None:
    datasette = crawled["datasette"]
    assert (
        datasette.sql("SELECT count(*) AS n FROM articles WHERE url LIKE '%/print/%'")[0]["n"] == 0
    )
    orphans = datasette.sql(
        "SELECT count(*) AS n FROM print_pages p LEFT JOIN articles a ON a.url = p.article_url "
        "WHERE a.url IS NULL"
    )
    assert orphans[0]["n"] == 0
    assert datasette.sql("SELECT count(*) AS n FROM print_pages")[0]["n"] > 0


def test_robots_and_forms_are_respected(crawled, replica: Replica) -> None:
    requests = replica.requests()
    paths = [r["path"] for r in requests]
    assert "/robots.txt" in paths
    assert not [p for p in paths if p.startswith(("/lien-he/", "/gui-ban-be/"))]
    assert {r["method"] for r in requests} <= {"GET"}
    assert all(r["cookie"] is None for r in requests)
    assert all(r["ua"].startswith("portal-archive/") and "+http" in r["ua"] for r in requests)


def test_crawl_recorded_zero_errors(crawled) -> None:
    datasette = crawled["datasette"]
    assert datasette.sql("SELECT count(*) AS n FROM errors")[0]["n"] == 0
    crawls = datasette.sql("SELECT * FROM crawls ORDER BY id")
    assert [c["status"] for c in crawls] == ["ok", "ok"]
    assert crawls[0]["articles_new"] > 0 and crawls[0]["errors"] == 0
    summary = crawled["first"].stdout.strip().splitlines()[-1]
    assert re.search(r"pages fetched \d+, articles new \d+, updated 0, .*errors 0", summary)
    assert "Progress:" in crawled["first"].stderr


def test_second_crawl_changes_only_last_seen(crawled) -> None:
    after = {r["url"]: r for r in crawled["datasette"].sql("SELECT * FROM articles", _size="max")}
    before = crawled["before"]
    assert after.keys() == before.keys()
    for url, row in after.items():
        changed = {k for k in row if row[k] != before[url][k]}
        assert changed <= {"last_seen"}, (url, changed)
    second = crawled["datasette"].sql("SELECT * FROM crawls ORDER BY id DESC LIMIT 1")[0]
    assert (second["articles_new"], second["articles_updated"]) == (0, 0)
    assert second["articles_unchanged"] == len(after)


def test_datasette_publishes_facets_and_search(crawled) -> None:
    datasette = crawled["datasette"]
    table = datasette.get(
        "/archive/articles.json?_facet=category_name&_search=thi+%C4%91ua&_size=5"
    )
    assert table["filtered_table_rows_count"] > 0
    assert any(f for f in table["facet_results"])
    assert datasette.get("/-/metadata.json")["title"].startswith("Lưu trữ")


def test_raw_capture_downloads_as_a_warc_record_not_a_page(crawled) -> None:
    import io
    import urllib.request
    from urllib.parse import quote

    from warcio.archiveiterator import ArchiveIterator

    datasette = crawled["datasette"]
    url = datasette.sql("SELECT url FROM articles WHERE title = :t", t=SEED_TITLE)[0]["url"]
    capture = f"{datasette.base}/archive/-/capture?url={quote(url, safe='')}"
    with urllib.request.urlopen(capture, timeout=30) as response:
        assert response.headers["Content-Type"] == "application/warc"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        data = response.read()
    record = next(iter(ArchiveIterator(io.BytesIO(data))))
    assert record.rec_type == "response"
    assert record.rec_headers.get_header("WARC-Target-URI") == url
    assert "Khối thi đua" in record.content_stream().read().decode("utf-8")
