"""WARC captures, attachments, re-extraction, replay, the run lock and SIGKILL resume, on full
crawls of the replica (issue 3, done-when 1, 4, 5 and 6)."""

from __future__ import annotations

import base64
import hashlib
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from archive.reextract import _time_limit
from archive.warc.reader import read_capture, read_record
from replica.generate.build import build_site
from replica.generate.linked_files import OVERSIZED
from scraper.extraction import EXTRACTOR_VERSION, extract
from scraper.extraction.encoding import decode_html
from scraper.sites import load_site
from tests.conftest import PYTHON, REPO, Datasette, Replica, cli_command, run_crawl

pytestmark = pytest.mark.slow
WARCIO = str(Path(PYTHON).with_name("warcio"))


def articles(db: Path) -> dict[str, dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return {r["url"]: dict(r) for r in conn.execute("SELECT * FROM articles")}


def query(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def warc_files(db: Path) -> list[Path]:
    return sorted((db.parent / "warcs").glob("*.warc.gz*"))


def sha1_base32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


@pytest.fixture(scope="module")
def crawled(replica: Replica, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("archive") / "archive.db"
    result = run_crawl(db, replica.url)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    return db


def test_warcio_check_passes_on_every_file(crawled) -> None:
    files = warc_files(crawled)
    assert files and all(f.name.endswith(".warc.gz") for f in files)  # none left .open
    for path in files:
        check = subprocess.run([WARCIO, "check", "-v", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
        assert "digest pass" in check.stdout and "digest fail" not in check.stdout


def test_capture_pointers_read_back_the_bytes_extraction_used(crawled, replica) -> None:
    rows, profile = articles(crawled), load_site("phutho", replica.url)
    assert len(rows) == replica.articles
    for url, row in rows.items():
        body = read_capture(crawled.parent / "warcs", row["warc_file"], row["warc_offset"])
        assert sha1_base32(body) == row["warc_digest"], url
        again = extract(url, decode_html(body, row["encoding"]), profile)
        assert (again.content_hash, again.body_html) == (row["content_hash"], row["body_html"])
        assert row["extractor_version"] == EXTRACTOR_VERSION and row["version"] == 1


def test_replay_finds_each_article_by_url_and_time(crawled) -> None:
    rows = list(articles(crawled).values())
    for row in random.Random(1).sample(rows, 5):
        command = [PYTHON, "-m", "portal_archive.cli", "replay", "--db", str(crawled), "--url",
                   row["url"], "--at", row["warc_date"]]  # fmt: skip
        replayed = subprocess.run(command, capture_output=True, cwd=REPO, check=True).stdout
        stored = read_capture(crawled.parent / "warcs", row["warc_file"], row["warc_offset"])
        assert replayed == stored
    index = (crawled.parent / "warcs" / "index.cdxj").read_text("utf-8").splitlines()
    assert index == sorted(index) and len(index) > len(rows)


def test_attachments_recorded_with_sha256_and_over_limit_one_skipped(crawled, replica) -> None:
    site = build_site(replica.articles, replica.seed)
    base = replica.url.rstrip("/")
    expected = {(base + a.path, base + f.path): f for a in site.articles for f in a.files}
    found = query(crawled, "SELECT article, url, file_name, mime_type, size, sha256, status, "
                  "reason, warc_file FROM attachments")  # fmt: skip
    assert {(r[0], r[1]) for r in found} == set(expected)
    for article, url, name, mime, size, sha256, status, reason, warc in found:
        file = expected[(article, url)]
        assert (name, mime, size) == (file.path.rsplit("/", 1)[1], file.mime, file.size)
        if file == OVERSIZED:
            assert (status, sha256) == ("skipped", None)
            assert "larger than the limit" in reason
            # Its headers are kept, in a record marked truncated; none of its body.
            (offset,) = query(crawled, "SELECT warc_offset FROM attachments WHERE url = ?", url)[0]
            headers, http, payload = read_record(crawled.parent / "warcs" / warc, offset)
            assert headers.get_header("WARC-Truncated") == "length" and payload == b""
            assert http.get_header("X-Archive-Orig-Content-Length") == str(file.size)
        else:
            assert status == "stored" and sha256 == hashlib.sha256(file.content()).hexdigest()
    shared = query(crawled, "SELECT url FROM attachments GROUP BY url HAVING count(*) > 1")
    assert shared
    index = "".join(p.read_text() for p in (crawled.parent / "warcs").glob("*.cdxj"))
    assert OVERSIZED.path not in index


def test_attached_documents_text_is_read_and_searchable(crawled, replica) -> None:
    """PDF, DOCX and ODT text is extracted (NFC) and found by the articles' search rules; a
    scan, an encrypted and a corrupt PDF, and files of other kinds, say why they have none."""
    site = build_site(replica.articles, replica.seed)
    files = {replica.url.rstrip("/") + f.path: f for a in site.articles for f in a.files}
    rows = query(crawled, "SELECT url, text, text_status, text_reason FROM attachments "
                 "WHERE status = 'stored' GROUP BY url")  # fmt: skip
    assert rows
    for url, text, status, reason in rows:
        file = files[url]
        if file.variant == "scanned":
            assert (status, text) == ("no-text-layer", None) and "not OCRed" in reason
        elif file.variant == "encrypted":
            assert status == "failed" and "password" in reason
        elif file.variant == "corrupt":
            assert status == "failed" and "unreadable PDF" in reason
        elif file.is_document:
            assert status == "ok", (url, reason)
            first = file.paragraphs[0].split()
            assert " ".join(first[:6]) in " ".join(text.split()), text[:200]
        else:
            assert status == "unsupported"
    assert {"ok", "no-text-layer", "failed", "unsupported"} <= {r[2] for r in rows}
    datasette = Datasette(crawled)
    try:
        for q in ("Điều 1 Ban hành", "dieu 1 ban hanh"):
            hits = datasette.get(f"/archive/search_attachments.json?_shape=array&q={quote(q)}")
            readable = {r for r, _t, s, _r in rows if s == "ok"}
            assert {h["url"] for h in hits} == readable, q
            assert all("【" in h["snippet"] for h in hits)
    finally:
        datasette.close()


def test_noop_reextract_changes_no_row_and_a_damaged_row_is_repaired(crawled) -> None:
    before = articles(crawled)
    command = [PYTHON, "-m", "portal_archive.cli", "reextract", "--db", str(crawled)]
    first = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert first.returncode == 0, first.stderr[-2000:]
    assert f"unchanged {len(before)}, updated 0, new versions 0" in first.stdout
    assert "(text updated 0)" in first.stdout
    assert articles(crawled) == before
    documents = query(crawled, "SELECT url, text FROM attachments WHERE text_status = 'ok'")
    url = next(iter(before))
    entry_sql = ("SELECT s.title_exact, s.body_exact, s.title_folded, s.body_folded "
                 "FROM articles_search_text s JOIN articles a ON a.rowid = s.rowid "
                 "WHERE a.url = ?")  # fmt: skip
    entry = query(crawled, entry_sql, url)
    assert len(entry) == 1
    with sqlite3.connect(crawled) as conn:  # as if an older extractor had got it wrong
        conn.execute("UPDATE articles SET body_text = 'x', content_hash = 'old', "
                     "extractor_version = '0' WHERE url = ?", [url])  # fmt: skip
        conn.execute("UPDATE attachments SET text = 'x' WHERE url = ?", [documents[0][0]])
    second = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert "new versions 1" in second.stdout, second.stdout + second.stderr[-2000:]
    assert "(text updated 1)" in second.stdout
    repaired = query(crawled, "SELECT text FROM attachments WHERE url = ?", documents[0][0])
    assert {row[0] for row in repaired} == {documents[0][1]}
    after = articles(crawled)
    assert after[url]["content_hash"] == before[url]["content_hash"]
    assert after[url]["extractor_version"] == EXTRACTOR_VERSION and after[url]["version"] == 2
    kept = query(crawled, "SELECT body_text, reason FROM article_versions WHERE url = ?", url)
    assert kept == [("x", "reextract")]
    # The repaired body is indexed again, as the crawl indexed it (the workers leave the search
    # text to the writer, which derives it for changed rows only).
    assert query(crawled, entry_sql, url) == entry


def test_an_interrupted_reextract_continues_after_the_last_article_written(crawled) -> None:
    urls = sorted(articles(crawled))
    mark = urls[len(urls) // 2]
    with sqlite3.connect(crawled) as conn:  # as if a re-extraction had been killed after `mark`
        conn.execute(
            "INSERT INTO reextract_progress (started, extractor_version, site, last_url) "
            "VALUES ('2026-01-01T00:00:00.000000Z', ?, 'phutho', ?)", [EXTRACTOR_VERSION, mark],
        )  # fmt: skip
    command = [PYTHON, "-m", "portal_archive.cli", "reextract", "--db", str(crawled)]
    resumed = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    rest = [url for url in urls if url > mark]
    assert f"Re-extracted {len(rest)} articles: unchanged {len(rest)}," in resumed.stdout
    marks = query(crawled, "SELECT last_url, finished IS NOT NULL FROM reextract_progress")
    assert marks[-1] == (urls[-1], 1)
    # Finished: the next re-extraction starts from the first article again.
    again = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert f"Re-extracted {len(urls)} articles" in again.stdout, again.stderr[-2000:]


def test_a_page_that_fails_in_a_reextraction_job_fails_alone(crawled) -> None:
    """Pages go to the workers sixteen to a job: one unreadable capture is one failure."""
    urls = sorted(articles(crawled))
    broken = urls[3]
    (offset,) = query(crawled, "SELECT warc_offset FROM articles WHERE url = ?", broken)[0]
    with sqlite3.connect(crawled) as conn:
        conn.execute("UPDATE articles SET warc_offset = 7 WHERE url = ?", [broken])
    try:
        command = [PYTHON, "-m", "portal_archive.cli", "reextract", "--db", str(crawled)]
        run = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    finally:
        with sqlite3.connect(crawled) as conn:
            conn.execute("UPDATE articles SET warc_offset = ? WHERE url = ?", [offset, broken])
    assert f"unchanged {len(urls) - 1}," in run.stdout and "failed 1" in run.stdout, run.stdout
    assert f"Re-extraction failed for {broken}" in run.stderr


def test_a_page_past_its_time_limit_in_a_job_gives_a_timeout() -> None:
    with pytest.raises(TimeoutError, match="within 0.2 s"), _time_limit(0.2):
        time.sleep(2)
    with _time_limit(0):  # no limit
        pass


def test_second_harvest_while_one_runs_is_locked_and_changes_nothing(crawled, replica) -> None:
    crawls_before = query(crawled, "SELECT count(*) FROM crawls")[0][0]
    slow = ("DOWNLOAD_DELAY=0.01", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
    first = subprocess.Popen(
        cli_command("harvest", crawled, replica.url, *slow) + ["--full"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    lock = Path(f"{crawled}.lock")
    deadline = time.monotonic() + 30
    while not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    started = time.monotonic()
    second = subprocess.Popen(
        cli_command("harvest", crawled, replica.url),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, err = second.communicate(timeout=60)
    assert second.returncode == 75 and time.monotonic() - started < 15
    assert "in use by another run" in err and "nothing was changed" in err
    assert first.poll() is None, "the first harvest should still be running"
    assert first.wait(120) == 0
    assert query(crawled, "SELECT count(*) FROM crawls")[0][0] == crawls_before + 1
    assert not [f for f in warc_files(crawled) if f"-{second.pid}.warc" in f.name]


def test_sigkill_at_random_points_then_rerun(replica: Replica, tmp_path) -> None:
    db, rng, killed = tmp_path / "archive.db", random.Random(5), []
    for delay in sorted(rng.uniform(1.5, 3.5) for _ in range(4)):
        process = subprocess.Popen(
            cli_command("crawl", db, replica.url),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        killed.append(process.poll() is None)
        process.send_signal(signal.SIGKILL)
        process.wait()
        stored = query(db, "SELECT count(*) FROM articles")[0][0] if db.exists() else 0
        print(f"\nkilled after {delay:.2f}s (running: {killed[-1]}), articles stored {stored}")
    assert sum(killed) >= 3
    final = run_crawl(db, replica.url)
    assert final.returncode == 0, final.stdout + final.stderr[-3000:]
    rows = articles(db)
    site = build_site(replica.articles, replica.seed)
    assert sorted(rows) == sorted(replica.url.rstrip("/") + a.path for a in site.articles)
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "SELECT count(*) FROM crawls WHERE status = 'running'") == [(0,)]
    for path in warc_files(db):
        assert path.name.endswith(".warc.gz")
        check = subprocess.run([WARCIO, "check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, (path, check.stdout[-2000:])
    for url, row in rows.items():
        body = read_capture(db.parent / "warcs", row["warc_file"], row["warc_offset"])
        assert sha1_base32(body) == row["warc_digest"], url
