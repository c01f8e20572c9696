"""A full crawl of the replica with every fault mode on: it completes, loses no good article,
records every injected fault with the right kind, and never leaves the site's host."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import threading
from collections import Counter
from datetime import datetime
from urllib.parse import urlsplit

import pytest

from replica.faults import content_pages
from replica.faults.plan import FAULT_NAMES, FaultPlan
from replica.generate.build import build_site
from scraper.extraction.text import clean_line, fold
from tests.conftest import PYTHON, REPO, run_crawl, start_replica

pytestmark = pytest.mark.slow
ARTICLES = 80
# Politeness off, retries fast, timeouts short: the replica's hangs last 90 s.
FAST = ["ARCHIVE_RETRY_BACKOFF_BASE=0.05", "ARCHIVE_RETRY_BACKOFF_MAX=3", "DOWNLOAD_TIMEOUT=2"]
RETRY_TIMES = 3


class Decoy:
    """Another loopback port the faulty pages link and redirect to: it must hear nothing."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    decoy = Decoy()
    replica = start_replica(
        tmp, ARTICLES, extra=["--faults", "all", "--decoy-port", str(decoy.port)]
    )
    port = int(urlsplit(replica.url).port)
    plan = FaultPlan(build_site(ARTICLES, 1), FAULT_NAMES, decoy.port)
    db = tmp / "archive.db"
    result = run_crawl(db, replica.url, *FAST)
    limited = run_crawl(tmp / "limited.db", replica.url, *FAST, "CLOSESPIDER_PAGECOUNT=15")
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    yield {
        "result": result,
        "limited": limited,
        "limited_db": tmp / "limited.db",
        "db": conn,
        "db_path": db,
        "base": replica.url.rstrip("/"),
        "faults": plan.table(port),
        "log": replica.requests(),
        "decoy": decoy,
    }
    conn.close()
    replica.process.terminate()
    replica.process.wait(10)
    decoy.close()


def rows(crawl, sql: str, *args) -> list[dict]:
    return [dict(r) for r in crawl["db"].execute(sql, args)]


def test_crawl_completes_as_partial_with_a_sound_database(crawl) -> None:
    result = crawl["result"]
    assert result.returncode == 3, result.stdout + result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert rows(crawl, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
    [run] = rows(crawl, "SELECT * FROM crawls")
    assert (run["status"], run["finish_reason"]) == ("partial", "finished")
    # `errors` counts URLs that failed, however many attempts each took.
    [failed] = rows(crawl, "SELECT count(DISTINCT url) AS n FROM errors WHERE outcome = 'failed'")
    [attempts] = rows(crawl, "SELECT sum(attempts) AS n FROM errors WHERE outcome = 'failed'")
    assert run["errors"] == failed["n"] < attempts["n"]
    assert f"errors {failed['n']}," in result.stdout
    assert rows(crawl, "SELECT * FROM attachments WHERE first_seen > last_seen") == []


def test_every_good_article_is_archived_once_with_its_fields(crawl) -> None:
    site = build_site(ARTICLES, 1)
    stored = rows(crawl, "SELECT * FROM articles")
    paths = Counter(r["url"].removeprefix(crawl["base"]) for r in stored)
    assert all(n == 1 for n in paths.values())
    by_path = {r["url"].removeprefix(crawl["base"]): r for r in stored}
    for article in site.articles:
        truth, row = article.expected(), by_path[article.path]
        for field in (
            "title",
            "published",
            "published_raw",
            "author",
            "author_role",
            "category",
            "print_id",
        ):
            assert row[field] == truth[field], (article.path, field)
        paragraphs = row["body_text"].split("\n\n")
        assert paragraphs[0] == clean_line(truth["first_paragraph"]), article.path
        assert paragraphs[-1] == clean_line(truth["last_paragraph"]), article.path
        assert len(paragraphs) == truth["paragraph_count"], article.path
    content = {f.url for f in crawl["faults"] if f.group == "content" and f.outcome == "archived"}
    assert set(paths) == {a.path for a in site.articles} | content


def test_content_faults_are_stored_with_exact_fields(crawl) -> None:
    for fault in crawl["faults"]:
        if fault.group != "content" or fault.outcome != "archived":
            continue
        [row] = rows(crawl, "SELECT * FROM articles WHERE url = ?", crawl["base"] + fault.url)
        expected = fault.article
        for field in (
            "title",
            "published",
            "published_raw",
            "date_problem",
            "category",
            "print_id",
        ):
            assert row[field] == expected[field], (fault.name, field)
        paragraphs = [p for p in row["body_text"].split("\n\n") if p]
        if fault.name == "link-farm":  # the injected links stay text of the page
            assert paragraphs[: len(expected["paragraphs"])] == expected["paragraphs"]
        else:
            assert paragraphs == expected["paragraphs"], fault.name


def test_legacy_encodings_decode_to_vietnamese(crawl) -> None:
    faults = {f.name: f for f in crawl["faults"]}
    for name, encoding in (
        ("windows-1258", "cp1258"),
        ("charset-mismatch-1258", "cp1258"),
        ("tcvn3", "tcvn3"),
        ("charset-mismatch", "utf-8"),
    ):
        [row] = rows(
            crawl, "SELECT * FROM articles WHERE url = ?", crawl["base"] + faults[name].url
        )
        assert row["encoding"] == encoding, name
        assert row["title"] == faults[name].article["title"], name
    tcvn3 = rows(crawl, "SELECT title, body_text FROM articles WHERE encoding = 'tcvn3'")[0]
    assert tcvn3["title"] == "Bồi dưỡng nghiệp vụ công tác tuyên giáo cho cán bộ cơ sở"
    assert "đường lối quốc phòng, an ninh của Đảng" in tcvn3["body_text"]


def test_text_is_nfc_and_eth_folds_like_d(crawl) -> None:
    import unicodedata

    for row in rows(crawl, "SELECT title, body_text FROM articles"):
        assert unicodedata.is_normalized("NFC", row["title"] + row["body_text"])
    eth = next(f for f in crawl["faults"] if f.name == "eth")
    [row] = rows(crawl, "SELECT title FROM articles WHERE url = ?", crawl["base"] + eth.url)
    assert row["title"].startswith("Ð")  # stored as published
    assert fold(row["title"]) == fold(eth.article["fold_title"])
    assert fold(row["title"]).startswith("dang bo")


def _errors(crawl) -> list[dict]:
    return rows(crawl, "SELECT * FROM errors")


def test_every_injected_fault_is_recorded_with_its_kind(crawl) -> None:
    errors = _errors(crawl)
    base = crawl["base"]
    for fault in crawl["faults"]:
        if fault.kind is None:
            continue
        if fault.kind == "trap":  # stopped somewhere down the trap, not at its entrance
            folder = base + "/" + fault.url.split("/")[1] + "/"
            found = [e for e in errors if e["kind"] == "trap" and e["url"].startswith(folder)]
        else:
            found = [e for e in errors if e["url"] == base + fault.url and e["kind"] == fault.kind]
        assert len(found) >= 1, fault
        expected_outcome = fault.outcome if fault.outcome != "archived" else "archived"
        assert {e["outcome"] for e in found} == {expected_outcome}, fault
        if fault.status:
            assert found[0]["status"] == fault.status, fault
        assert all(e["message"] and e["first_seen"] and e["last_seen"] for e in found)


def test_retries_transient_not_permanent(crawl) -> None:
    by_url = {(e["url"].removeprefix(crawl["base"]), e["kind"]): e for e in _errors(crawl)}
    assert by_url[("/loi/may-chu/", "http")]["attempts"] == RETRY_TIMES + 1
    assert by_url[("/loi/het-gio/", "timeout")]["attempts"] == RETRY_TIMES + 1
    assert by_url[("/loi/het-gio/", "timeout")]["exception"] == "DownloadTimeoutError"
    for path in ("/loi/da-xoa/", "/tin-tuc-su-kien/bai-viet-da-go-bo.html"):
        assert by_url[(path, "http")]["attempts"] == 1  # 404 and 410 are never retried
    for path in ("/loi/qua-lon/", "/loi/qua-lon-khong-khai-bao/"):
        assert by_url[(path, "too-large")]["attempts"] == 1
    requested = Counter(r["path"] for r in crawl["log"])
    assert requested["/loi/may-chu/"] == RETRY_TIMES + 1
    assert requested["/loi/da-xoa/"] == 1


def test_retry_after_is_honoured(crawl) -> None:
    for fault in crawl["faults"]:
        if fault.status not in (429, 503):
            continue
        times = [datetime.fromisoformat(r["t"]) for r in crawl["log"] if r["path"] == fault.url]
        gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False)]
        assert gaps and all(gap >= 0.9 for gap in gaps), (fault.url, gaps)


def test_nothing_outside_the_site_is_requested(crawl) -> None:
    host = urlsplit(crawl["base"]).netloc
    # Pictures hot-linked from other hosts reach the replica as a proxy (absolute URLs): those
    # are embeds, never a page of another host.
    proxied = [r for r in crawl["log"] if r["path"].startswith("http://")]
    assert proxied and all(r["path"].endswith(".jpg") for r in proxied)
    log = [r for r in crawl["log"] if r not in proxied]
    assert {r["host"] for r in log} == {host}
    assert crawl["decoy"].connections == 0
    assert all(r["cookie"] is None for r in log)
    assert not [r for r in log if "PHPSESSID" in r["path"] or "utm_" in r["path"]]
    requested = Counter(r["path"] for r in log)
    for fault in crawl["faults"]:
        if fault.outcome == "fetched-once":
            assert requested[fault.url] == 1, fault
            assert requested[fault.article["path"]] == 1, fault
    # Traps end: a handful of calendar months and folders, not an endless walk.
    assert sum(n for p, n in requested.items() if p.startswith("/lich/")) <= 8
    assert sum(n for p, n in requested.items() if p.startswith("/thu-muc/")) <= 4


def test_pages_per_run_limit_stops_with_a_recorded_reason(crawl) -> None:
    assert crawl["limited"].returncode == 3, crawl["limited"].stderr[-2000:]
    with sqlite3.connect(crawl["limited_db"]) as conn:
        status, reason, fetched = conn.execute(
            "SELECT status, finish_reason, pages_fetched FROM crawls"
        ).fetchone()
    assert (status, reason) == ("partial", "closespider_pagecount")
    assert fetched < 40


def test_reextract_from_the_captures_reproduces_every_row(crawl) -> None:
    """`reextract` runs the crawl's own extraction (limits, decoding, the moment of capture as
    "now") on the stored bytes: every row, fault pages included, comes out exactly as stored,
    and the article dated 2099 stays untrusted."""
    db = crawl["db"]
    before = {r["url"]: dict(r) for r in db.execute("SELECT * FROM articles")}
    future = [u for u, r in before.items() if r["date_problem"] == "future"]
    assert future and all(before[u]["published"] is None for u in future)
    result = subprocess.run(
        [PYTHON, "-m", "portal_archive", "reextract", "--db", str(crawl["db_path"])],
        capture_output=True, text=True, cwd=REPO, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert f"unchanged {len(before)}, updated 0, new versions 0" in result.stdout
    after = {r["url"]: dict(r) for r in db.execute("SELECT * FROM articles")}
    assert after == before


def test_bad_images_are_recorded_with_a_reason_and_the_article_archived(crawl) -> None:
    page = next(f for f in crawl["faults"] if f.name == "bad-images")
    article = crawl["base"] + page.url
    assert rows(crawl, "SELECT count(*) AS n FROM articles WHERE url = ?", article)[0]["n"] == 1
    found = {r["url"].removeprefix(crawl["base"]): r for r in rows(
        crawl, "SELECT * FROM images WHERE article = ?", article)}  # fmt: skip
    expected = {
        content_pages.MISSING_IMAGE: ("error", "HTTP 404"),
        content_pages.HUGE_IMAGE: ("skipped", "larger than ARCHIVE_EMBED_MAX_SIZE"),
        content_pages.LOOP_IMAGE: ("failed", "redirect-loop"),
        content_pages.SILENT_IMAGE: ("failed", "timeout"),
        content_pages.SCRIPT_SRC: ("skipped", "javascript: URL"),
        content_pages.DATA_SRC: ("skipped", "data: URL"),
    }
    assert set(found) == set(expected)
    for url, (status, reason) in expected.items():
        assert found[url]["status"] == status and reason in found[url]["reason"], found[url]
        assert found[url]["alt"] and found[url]["caption"].endswith("hội nghị tập huấn")
    assert found[content_pages.HUGE_IMAGE]["size"] == content_pages.HUGE_SIZE
    # The 20 MiB picture left its headers in the WARC, marked truncated; nothing of its body.
    assert found[content_pages.HUGE_IMAGE]["warc_file"] is not None
    assert not [
        e for e in _errors(crawl) if e["url"].startswith(article) and e["outcome"] == "failed"
    ]


def test_every_body_image_is_captured_or_has_a_reason(crawl) -> None:
    assert rows(crawl, "SELECT count(*) AS n FROM images WHERE status = 'pending'")[0]["n"] == 0
    assert rows(crawl, "SELECT count(*) AS n FROM images WHERE status != 'stored' "
                "AND reason IS NULL")[0]["n"] == 0  # fmt: skip
    stored = rows(crawl, "SELECT * FROM images WHERE status = 'stored'")
    assert stored and all(r["sha256"] and r["warc_file"] and r["mime_type"] == "image/jpeg"
                          for r in stored)  # fmt: skip
    kinds = {r["kind"] for r in rows(crawl, "SELECT kind FROM requisites WHERE status = 'stored'")}
    assert {"image", "stylesheet", "script", "font"} <= kinds
