"""`portal-archive crawl --profile generic`: a portal with no profile.

The old replica crawled with its profile withheld (coverage, junk and fields against the
replica's model, and the draft profile `--write-profile` writes); sites that are not news portals
(a shop, a forum: tests/generic_sites.py) end with few rows and say so; a site whose articles
are listed only in its sitemaps and feed is found through them; bad command lines are one line.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.generic_crawl import score_archive
from scraper.sites import load_site
from tests.conftest import FAST, PYTHON, REPO

NOT_NEWS = "this does not look like a news portal"


def generic_crawl(db: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    cmd = [PYTHON, "-m", "portal_archive.cli", "crawl", "--db", str(db), "--profile", "generic",
           "--base-url", url, *extra, "-s", "ARCHIVE_CAPTURE_EMBEDS=off"]  # fmt: skip
    cmd += [arg for s in FAST for arg in ("-s", s)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)


def start_site(kind: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [PYTHON, "-m", "tests.generic_sites", kind], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    line = process.stdout.readline()
    if "http://127.0.0.1:" not in line:
        process.kill()
        raise RuntimeError(f"{kind} site did not start: {line!r}")
    return process, line.rsplit(" ", 1)[-1].strip()


@pytest.fixture(scope="module")
def replica_crawl(replica, tmp_path_factory) -> Iterator[tuple[Path, Path, str]]:
    tmp = tmp_path_factory.mktemp("generic")
    db, draft = tmp / "archive.db", tmp / "draft.yaml"
    done = generic_crawl(db, replica.url, "--write-profile", str(draft))
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    yield db, draft, done.stdout


def test_generic_crawl_of_the_replica_finds_its_articles_and_little_else(
    replica, replica_crawl
) -> None:
    from replica import build_site

    db, _draft, summary = replica_crawl
    figures = score_archive(db, build_site(replica.articles, replica.seed).articles)
    assert figures["coverage"] >= 0.9, figures
    assert figures["junk_share"] <= 0.05, figures
    assert figures["published_right"] >= 0.95, figures
    assert figures["author_right"] >= 0.9, figures
    assert figures["body_right"] >= 0.9, figures
    assert figures["title_right"] >= 0.8, figures
    assert f"generic crawl: {figures['rows']} article-like pages of" in summary
    assert NOT_NEWS not in summary


def test_the_draft_profile_loads_and_describes_the_replica(replica, replica_crawl) -> None:
    from replica import build_site

    _db, draft, summary = replica_crawl
    assert f"draft profile written to {draft}" in summary
    site = load_site(str(draft))
    assert site.base_url == replica.url
    model = build_site(replica.articles, replica.seed)
    article = model.articles[-1]
    info = site.page_info(replica.url.rstrip("/") + article.path)
    assert (info.kind, info.category) == ("article", article.category)
    assert site.page_info(replica.url.rstrip("/") + article.print_path).print_id == (
        article.print_id
    )
    listing = site.page_info(f"{replica.url}{article.category}/page/2/")
    assert (listing.kind, listing.category, listing.page) == ("listing", article.category, 2)
    assert site.profile.article_date.search(article.date_line)
    assert "Các tin khác:" in site.profile.body_end_markers
    assert dict(site.profile.categories)["noi-san"] == "Nội san"
    text = draft.read_text("utf-8")
    assert text.startswith("# DRAFT") and "guess" in text


def test_a_generic_crawl_stops_at_its_page_limit_and_says_so(replica, tmp_path) -> None:
    done = generic_crawl(tmp_path / "a.db", replica.url, "-s", "ARCHIVE_GENERIC_MAX_PAGES=40")
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "stopped following links at 40 pages (ARCHIVE_GENERIC_MAX_PAGES=40)" in done.stdout
    import sqlite3

    with sqlite3.connect(tmp_path / "a.db") as conn:
        limit = conn.execute("select outcome from errors where kind = 'page-limit'").fetchall()
        fetched = conn.execute("select pages_fetched from crawls").fetchone()[0]
    assert limit == [("skipped",)]
    assert fetched <= 45  # the 40 pages and robots.txt, whatever the site links


def test_a_crawl_with_the_draft_profile_gets_every_field_right(replica, replica_crawl, tmp_path):
    from replica import build_site

    _db, draft, _summary = replica_crawl
    with_draft = tmp_path / "draft.db"
    cmd = [PYTHON, "-m", "portal_archive.cli", "crawl", "--db", str(with_draft), "--profile",
           str(draft), "--base-url", replica.url, "-s", "ARCHIVE_CAPTURE_EMBEDS=off"]  # fmt: skip
    cmd += [arg for s in FAST for arg in ("-s", s)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    model = build_site(replica.articles, replica.seed).articles
    figures = score_archive(with_draft, model)
    for key in ("coverage", "title_right", "published_right", "author_right", "body_right"):
        assert figures[key] >= 0.95, (key, figures)  # the hand-written profile gets 1.0 each
    assert figures["extra_rows"] == 0


def test_generic_crawl_of_the_successor_replica(tmp_path) -> None:
    """The DNN-style successor (https on loopback, ids in the path, print views by a query
    string): no profile, and the same floors; the draft names its URL forms."""
    from replica import build_successor_site

    articles = 120
    process = subprocess.Popen(
        [PYTHON, "-m", "replica", "--site", "phutho-2025", "--port", "0", "--articles",
         str(articles)], stdout=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    try:
        url = process.stdout.readline().rsplit(" ", 1)[-1].strip()
        assert url.startswith("https://127.0.0.1:"), url
        draft = tmp_path / "draft.yaml"
        done = generic_crawl(tmp_path / "a.db", url, "--write-profile", str(draft))
    finally:
        process.terminate()
        process.wait(10)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    model = build_successor_site(articles).articles
    figures = score_archive(tmp_path / "a.db", model)
    assert figures["coverage"] >= 0.9 and figures["junk_share"] <= 0.05, figures
    for key in ("title_right", "published_right", "author_right", "body_right"):
        assert figures[key] >= 0.9, (key, figures)
    site = load_site(str(draft))
    article = model[-1]
    assert site.page_info(url.rstrip("/") + article.path).kind == "article"
    assert site.page_info(url.rstrip("/") + article.print_path.split("?")[0]).kind == "print"


@pytest.mark.parametrize("kind", ["shop", "forum"])
def test_a_site_that_is_not_a_news_portal_leaves_few_rows_and_says_so(kind, tmp_path) -> None:
    process, url = start_site(kind)
    try:
        done = generic_crawl(tmp_path / "archive.db", url)
    finally:
        process.terminate()
        process.wait(10)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert NOT_NEWS in done.stdout
    import sqlite3

    with sqlite3.connect(tmp_path / "archive.db") as conn:
        rows = conn.execute("select count(*) from articles").fetchone()[0]
        fetched = conn.execute("select pages_fetched from crawls").fetchone()[0]
    assert rows <= 2  # the shop's two dated news posts are articles; no product, no thread
    assert 50 <= fetched <= 260, fetched  # it looked, and gave up instead of crawling on


def test_articles_listed_only_in_sitemaps_and_the_feed_are_found(tmp_path) -> None:
    from tests.generic_sites import NEWS_COUNT

    process, url = start_site("news")
    try:
        done = generic_crawl(tmp_path / "archive.db", url)
    finally:
        process.terminate()
        process.wait(10)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert f"generic crawl: {NEWS_COUNT} article-like pages" in done.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["crawl", "--profile", "generic"], "needs the portal's address: --base-url URL"),
        (["crawl", "--write-profile", "x.yaml", "--base-url", "http://127.0.0.1:9/"],
         "written by a generic crawl only"),
        (["crawl", "--profile", "generic", "--base-url", "http://127.0.0.1:9/",
          "--write-profile", "no/such/folder/x.yaml"], "its folder does not exist"),
        (["harvest", "--profile", "generic", "--base-url", "http://127.0.0.1:9/"],
         "the generic profile knows no listings to harvest"),
    ],
)  # fmt: skip
def test_bad_generic_command_lines_are_one_line(args, says, tmp_path) -> None:
    cmd = [PYTHON, "-m", "portal_archive.cli", args[0], "--db", str(tmp_path / "a.db"), *args[1:]]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 2
    assert says in " ".join(done.stderr.split())
    assert not (tmp_path / "a.db").exists()
