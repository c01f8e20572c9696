"""One runner for every way in: `scrapy crawl` and `portal-archive` share the lock, the
settings and the harvest frontier; PORTAL_ARCHIVE_DB and `--warc-dir` are honoured everywhere
an archive is read back (replay, re-extraction, the published capture link)."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import (
    PYTHON,
    REPO,
    Datasette,
    Replica,
    replica_settings,
    start_replica,
    stop_replica,
)

pytestmark = pytest.mark.slow
SCRAPY = str(Path(PYTHON).with_name("scrapy"))


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Replica:
    server = start_replica(tmp_path_factory.mktemp("small"), articles=30)
    yield server
    stop_replica(server)


def scrapy_crawl(spider: str, db: Path, base_url: str, *settings: str):
    command = [SCRAPY, "crawl", spider, "-a", f"base_url={base_url}", "-s", f"ARCHIVE_DB={db}"]
    command += [arg for s in (*replica_settings(base_url), *settings) for arg in ("-s", s)]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_scrapy_crawl_is_the_same_run_and_a_harvest_gets_its_frontier(small, tmp_path) -> None:
    db = tmp_path / "archive.db"
    crawl = scrapy_crawl("portal", db, small.url)
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr[-3000:]
    assert "Crawl ok (crawl #1)" in crawl.stdout
    articles = count(db, "SELECT count(*) FROM articles")
    assert articles == small.articles
    harvest = scrapy_crawl("harvest", db, small.url)
    assert harvest.returncode == 0, harvest.stdout + harvest.stderr[-3000:]
    # With the frontier, nothing archived is fetched again as new.
    row = "SELECT articles_new, articles_changed, mode FROM crawls WHERE id = 2"
    with sqlite3.connect(db) as conn:
        assert conn.execute(row).fetchone() == (0, 0, "harvest")


def test_scrapy_crawl_takes_the_archive_lock(small, tmp_path) -> None:
    db = tmp_path / "archive.db"
    holder = os.open(f"{db}.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        locked = scrapy_crawl("portal", db, small.url)
    finally:
        os.close(holder)
    assert locked.returncode == 75, locked.stdout + locked.stderr[-2000:]
    assert "in use by another run" in locked.stderr
    assert not db.exists()


def test_the_db_comes_from_the_environment_and_warc_dir_is_found_again(small, tmp_path) -> None:
    db, warcs = tmp_path / "env" / "from-env.db", tmp_path / "elsewhere"
    db.parent.mkdir()
    env = {**os.environ, "PORTAL_ARCHIVE_DB": str(db)}
    command = [PYTHON, "-m", "portal_archive", "crawl", "--base-url", small.url,
               "--warc-dir", str(warcs),
               *[a for s in replica_settings(small.url) for a in ("-s", s)]]  # fmt: skip
    crawl = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr[-3000:]
    assert count(db, "SELECT count(*) FROM articles") == small.articles
    assert not (tmp_path / "archive.db").exists() and not (db.parent / "warcs").exists()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT warc_dir FROM crawls").fetchone() == (str(warcs),)
        url = conn.execute("SELECT url FROM articles ORDER BY url LIMIT 1").fetchone()[0]
    # replay finds the capture through the archive's own record, without --warc-dir or --db.
    replay = subprocess.run(
        [PYTHON, "-m", "portal_archive", "replay", "--url", url, "--info"],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert replay.returncode == 0, replay.stderr
    assert '"status": "200"' in replay.stdout or '"status": 200' in replay.stdout
    # ... and so does the article page's raw-capture link.
    datasette = Datasette(db)
    try:
        path = f"/{datasette.db_name}/-/capture?url={quote(url, safe='')}"
        with urllib.request.urlopen(datasette.base + path, timeout=30) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "application/warc"
            assert response.read()[:2] == b"\x1f\x8b"  # one gzip member: the WARC record
    finally:
        datasette.close()
