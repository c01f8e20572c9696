"""The `phutho-2025` profile on the successor replica (`replica --site phutho-2025`, a DNN
portal over TLS): a crawl archives every article the school's portal serves, with the fields
of the replica's model, and a harvest after K new articles stays within its request budget.
Nothing in it is special-cased outside scraper/sites/."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from replica import build_successor_site
from scraper.extraction.text import clean_line
from scraper.spiders.harvest import sweep_slice
from tests.conftest import FAST, PYTHON, REPO, free_port

N, K, SEED, DAYS = 160, 12, 3, 30
ARTICLE = "/Chuyen-muc-tin/Chi-tiet-tin/"


@dataclass
class Served:
    url: str
    log: Path
    process: subprocess.Popen

    def requests(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def serve(tmp: Path, articles: int, port: int = 0, name: str = "requests") -> Served:
    log = tmp / f"{name}.jsonl"
    command = [sys.executable, "-m", "replica", "--site", "phutho-2025", "--articles",
               str(articles), "--seed", str(SEED), "--port", str(port),
               "--log", str(log)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO)
    first, second = process.stdout.readline(), process.stdout.readline()
    if not (first.startswith("Replica serving") and "https://127.0.0.1:" in second):
        process.kill()
        raise RuntimeError(f"successor replica did not start: {first!r} {second!r}")
    return Served(first.split()[-1], log, process)


def run(command: str, db: Path, url: str, *settings: str) -> subprocess.CompletedProcess:
    args = [PYTHON, "-m", "portal_archive", command, "--db", str(db), "--profile",
            "phutho-2025", "--base-url", url]  # fmt: skip
    for setting in (*FAST, "ARCHIVE_CAPTURE_EMBEDS=off", *settings):
        args += ["-s", setting]
    return subprocess.run(args, capture_output=True, text=True, cwd=REPO, timeout=900)


def rows(db: Path, sql: str) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql)]


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    server = serve(tmp_path_factory.mktemp("phutho-2025"), N)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def crawled(served, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("phutho-2025-crawl") / "archive.db"
    done = run("crawl", db, served.url)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return {"url": served.url, "db": db, "log": served.requests(), "stdout": done.stdout}


def test_check_profile_passes_on_the_successor(served) -> None:
    command = [PYTHON, "-m", "portal_archive", "check-profile", "--profile", "phutho-2025",
               "--base-url", served.url, "--delay", "0"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("(profile rules)") == 2 and "warning" not in done.stdout
    assert done.stdout.count("dnnprintmode/true") == 2


def test_every_served_article_is_archived_once_with_its_fields(crawled) -> None:
    base = crawled["url"].rstrip("/")
    site = build_successor_site(N, SEED)
    archived = {r["url"]: r for r in rows(crawled["db"], "SELECT * FROM articles")}
    assert len(archived) == len(site.articles) == N
    for article in site.articles:
        truth, row = article.expected(), archived[base + article.path]
        assert row["title"] == truth["title"], article.path
        assert row["published"] == truth["published"], article.path
        assert row["published_raw"] == truth["published_raw"], article.path
        assert row["author"] == truth["author"], article.path
        assert row["category"] == str(truth["category_id"]), article.path
        assert row["print_id"] == truth["article_id"], article.path
        paragraphs = row["body_text"].split("\n\n")
        assert paragraphs[0] == clean_line(truth["first_paragraph"]), article.path
        assert paragraphs[-1] == clean_line(truth["last_paragraph"]), article.path
        assert len(paragraphs) == truth["paragraph_count"], article.path
        assert "Lượt xem" not in row["body_text"] and "Tin khác" not in row["body_text"]


def test_print_views_attachments_and_images_as_for_the_old_site(crawled) -> None:
    db, base = crawled["db"], crawled["url"].rstrip("/")
    site = build_successor_site(N, SEED)
    prints = rows(db, "SELECT url, article_url FROM print_pages")
    assert len(prints) == N and all(p["article_url"] for p in prints)
    assert all("dnnprintmode/true" in p["url"] for p in prints)
    files = {r["url"]: r for r in rows(db, "SELECT * FROM attachments")}
    wanted = {base + path for a in site.articles for path in a.expected()["files"]}
    assert wanted and wanted <= set(files)
    assert {files[url]["status"] for url in wanted} <= {"stored", "skipped"}
    pictures = rows(db, "SELECT count(*) AS n FROM images")[0]["n"]
    assert pictures >= sum(len(a.body.images) for a in site.articles) > 0
    forms = [r for r in crawled["log"] if re.search(r"(?i)dang-nhap|login", r["path"])]
    assert not forms, forms[:3]
    assert "errors 0" in crawled["stdout"]


def test_the_archive_records_the_successor_beside_its_predecessor(crawled) -> None:
    [site] = rows(crawled["db"], "SELECT * FROM archive_site")
    assert site["name"] == "phutho-2025"


def _newest_day(articles: int) -> datetime:
    return max(a.published for a in build_successor_site(articles, SEED).articles)


@pytest.mark.slow
def test_a_harvest_after_k_new_articles_stays_within_its_budget(tmp_path) -> None:
    port, db = free_port(), tmp_path / "archive.db"
    first = serve(tmp_path, N, port, "first")
    try:
        done = run("crawl", db, first.url, "ARCHIVE_FETCH_PRINT=False")
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    finally:
        first.stop()
    end = _newest_day(N)
    window = (f"ARCHIVE_REVISIT_END={end.isoformat()}+07:00", f"ARCHIVE_REVISIT_DAYS={DAYS}")
    grown = serve(tmp_path, N + K, port, "grown")
    try:
        done = run("harvest", db, grown.url, "ARCHIVE_HARVEST_DEPTH=1", *window)
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
        log = grown.requests()
    finally:
        grown.stop()
    site = build_successor_site(N + K, SEED)
    categories = len(site.categories)
    revisits = {a.path for a in build_successor_site(N, SEED).articles
                if a.published >= end - timedelta(days=DAYS)}  # fmt: skip
    sweep = sum(len(sweep_slice(site.page_count(c.id), 1, 28, 0)) for c in site.categories)
    prints = [r for r in log if "dnnprintmode" in r["path"]]
    files = [r for r in log if r["path"].startswith("/Portals/")]
    pages = [r for r in log if r not in prints + files and r["path"] != "/robots.txt"]
    listings = [r for r in pages if "/tabid/91/" in r["path"]]
    not_modified = [r for r in pages if r["status"] == 304]
    budget = K + 2 * categories + len(revisits)
    measured = {"K": K, "categories": categories, "revisits": len(revisits), "sweep": sweep,
                "budget": budget, "pages": len(pages), "listings": len(listings),
                "articles": len(pages) - len(listings), "304": len(not_modified),
                "prints": len(prints), "files": len(files)}  # fmt: skip
    print("\nphutho-2025 harvest:", json.dumps(measured))
    # Page 1 and the page after it per category (ARCHIVE_HARVEST_DEPTH=1); this first
    # harvest's sweep slice (page 2) is that same page, asked for once.
    assert len(pages) <= budget, measured
    assert len(listings) <= 2 * categories, measured
    assert {r["path"] for r in not_modified} == revisits
    archived = rows(db, "SELECT url FROM articles")
    assert len(archived) == N + K and len(prints) == K
    assert done.stdout.startswith("Harvest ok")
    assert all(ARTICLE in r["path"] or "/tabid/91/" in r["path"] for r in pages)
