"""One archive, the real two sites: the old replica (`phutho`) and the successor replica
(`replica --site phutho-2025`, a DNN portal over TLS, `--old-articles` naming the old site it
migrated from) crawled into one archive with their own profiles. Every article is archived
exactly once per site, and `same_as` links exactly the articles the successor's model says
migrated; the new ones and the old site's others stay alone."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from replica import build_site, build_successor_site
from tests.conftest import FAST, PYTHON, REPO, Datasette, start_replica, stop_replica

OLD_ARTICLES, NEW_ARTICLES, SEED = 60, 70, 4


def crawl(db: Path, url: str, profile: str) -> subprocess.CompletedProcess:
    args = [PYTHON, "-m", "portal_archive", "crawl", "--db", str(db), "--profile", profile,
            "--base-url", url]  # fmt: skip
    for setting in (*FAST, "ARCHIVE_CAPTURE_EMBEDS=off"):
        args += ["-s", setting]
    return subprocess.run(args, capture_output=True, text=True, cwd=REPO, timeout=900)


def serve_successor(tmp: Path) -> tuple[str, subprocess.Popen]:
    command = [sys.executable, "-m", "replica", "--site", "phutho-2025", "--articles",
               str(NEW_ARTICLES), "--seed", str(SEED), "--old-articles", str(OLD_ARTICLES),
               "--port", "0", "--log", str(tmp / "new.jsonl")]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO)
    first, second = process.stdout.readline(), process.stdout.readline()
    if not (first.startswith("Replica serving") and "https://127.0.0.1:" in second):
        process.kill()
        raise RuntimeError(f"successor replica did not start: {first!r} {second!r}")
    return first.split()[-1], process


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("two-sites-2025")
    db = tmp / "archive.db"
    old = start_replica(tmp, OLD_ARTICLES, SEED, log_name="old.jsonl")
    try:
        done = crawl(db, old.url, "phutho")
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    finally:
        stop_replica(old)
    new_url, new = serve_successor(tmp)
    try:
        done = crawl(db, new_url, "phutho-2025")
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    finally:
        new.terminate()
        new.wait(10)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT url, site, host, same_as FROM articles").fetchall()
        sites = [r[0] for r in conn.execute("SELECT name FROM archive_site ORDER BY recorded")]
    server = Datasette(db)
    yield {"old": old.url.rstrip("/"), "new": new_url.rstrip("/"), "rows": rows, "sites": sites,
           "datasette": server}  # fmt: skip
    server.close()


def test_every_article_is_archived_exactly_once_per_site(archive) -> None:
    old_paths = sorted(a.path for a in build_site(OLD_ARTICLES, SEED).articles)
    new_paths = sorted(
        a.path for a in build_successor_site(NEW_ARTICLES, SEED, OLD_ARTICLES).articles
    )
    urls = {site: sorted(url for url, s, _, _ in archive["rows"] if s == site)
            for site in ("phutho", "phutho-2025")}  # fmt: skip
    assert urls["phutho"] == sorted(archive["old"] + p for p in old_paths)
    assert urls["phutho-2025"] == sorted(archive["new"] + p for p in new_paths)
    assert len(archive["rows"]) == OLD_ARTICLES + NEW_ARTICLES
    assert all(host == url.split("/")[2] for url, _, host, _ in archive["rows"])
    assert archive["sites"] == ["phutho", "phutho-2025"]


def test_same_as_links_exactly_the_migrated_articles(archive) -> None:
    successor = build_successor_site(NEW_ARTICLES, SEED, OLD_ARTICLES)
    migrated = [a for a in successor.articles if a.origin == "migrated"]
    assert migrated and len(migrated) < NEW_ARTICLES  # some migrated, some new
    expected = {}
    for article in migrated:
        old, new = archive["old"] + article.old_path, archive["new"] + article.path
        expected[old], expected[new] = new, old
    linked = {url: other for url, _, _, other in archive["rows"] if other}
    assert linked == expected


def test_the_reading_room_links_a_migrated_article_to_its_successor_copy(archive) -> None:
    successor = build_successor_site(NEW_ARTICLES, SEED, OLD_ARTICLES)
    article = next(a for a in successor.articles if a.origin == "migrated")
    old, new = archive["old"] + article.old_path, archive["new"] + article.path
    page = archive["datasette"].text(f"/archive/-/article?url={quote(old, safe='')}")
    assert "Also published at" in page
    assert f'href="/archive/-/article?url={quote(new, safe="")}"' in page
    feed = archive["datasette"].text("/archive/newest_articles.atom?site=phutho-2025")
    assert archive["new"] in feed and archive["old"] not in feed
