"""Incremental and full harvests of a 5,000-article replica (issue 3, done-when 2 and 3).

The replica is rebuilt on the same port between runs: first N articles, then N+K (the same N
plus K newer), then N+K with E edited old articles. Requests are counted in the replica's log.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta

import pytest

from replica.generate.bodies import EDIT_NOTE
from replica.generate.build import build_site
from replica.model.site import CATEGORIES
from scraper.spiders.harvest import sweep_slice
from tests.conftest import free_port, run_harvest, start_replica, stop_replica

pytestmark = pytest.mark.slow

N, K, E, DAYS = 5000, 25, 6, 30
FAST = ("CONCURRENT_REQUESTS=16", "CONCURRENT_REQUESTS_PER_DOMAIN=16")
# What the replica's pages load: pictures (own and hot-linked, through the replica as a proxy),
# the theme's stylesheet, script, font and images.
REQUISITE_PATHS = ("http://", "/uploads/images/", "/uploads/slide/", "/images/", "/templates/")


def rows(db) -> dict[str, dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return {r["url"]: dict(r) for r in conn.execute("SELECT * FROM articles")}


def query(db, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def window_end() -> str:
    newest = max(a.published for a in build_site(N, 1).articles)
    return newest.isoformat() + "+07:00"


def harvest_on(tmp, db, port: int, articles: int, name: str, *settings: str, **kwargs):
    server = start_replica(tmp, articles, port=port, log_name=f"{name}.jsonl",
                           edits=kwargs.pop("edits", 0))  # fmt: skip
    try:
        result = run_harvest(db, server.url, *FAST, *settings, **kwargs)
        return result, server.requests(), server.url
    finally:
        stop_replica(server)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("harvest")
    db, port = tmp / "archive.db", free_port()
    # The first harvest only sets the stage: without print views and requisites, it is quicker.
    first, _, _ = harvest_on(tmp, db, port, N, "first", "ARCHIVE_HARVEST_PRINT=False",
                             "ARCHIVE_CAPTURE_EMBEDS=off")  # fmt: skip
    assert first.returncode == 0, first.stdout + first.stderr[-3000:]
    archived = rows(db)
    window = (f"ARCHIVE_REVISIT_END={window_end()}", f"ARCHIVE_REVISIT_DAYS={DAYS}")
    grown, grown_log, url = harvest_on(tmp, db, port, N + K, "grown", *window)
    assert grown.returncode == 0, grown.stdout + grown.stderr[-3000:]
    harvested = rows(db)
    full, full_log, _ = harvest_on(tmp, db, port, N + K, "full", edits=E, full=True)
    assert full.returncode == 0, full.stdout + full.stderr[-3000:]
    before_shrink = rows(db)
    versions = query(db, "SELECT url, version, content_hash, body_text, reason "
                     "FROM article_versions")  # fmt: skip
    # The smaller site is unedited, so this run also sees the E edits reverted (E versions more).
    shrunk, _, _ = harvest_on(tmp, db, port, N, "shrunk", full=True)
    return {"shrunk": shrunk, "before_shrink": before_shrink, "versions": versions,
            "db": db, "url": url, "archived": archived, "harvested": harvested, "grown": grown,
            "grown_log": grown_log, "full": full, "full_log": full_log}  # fmt: skip


def in_window(rows_by_url: dict[str, dict]) -> set[str]:
    end = datetime.fromisoformat(window_end())
    start = end - timedelta(days=DAYS)
    return {u for u, r in rows_by_url.items() if datetime.fromisoformat(r["published"]) >= start}


def test_first_harvest_archives_every_article(runs) -> None:
    assert len(runs["archived"]) == N


def test_incremental_harvest_stays_within_its_request_budget(runs) -> None:
    log, url = runs["grown_log"], runs["url"].rstrip("/")
    revisit_window = in_window(runs["archived"])
    R, C = len(revisit_window), len(CATEGORIES)
    # Each category: the first ARCHIVE_HARVEST_DEPTH (3) pages always, one more past them
    # while new articles continue, and this run's sweep slice of the deeper pages.
    site = build_site(N + K, 1)
    listing_budget = sum(
        3 + 1 + len(sweep_slice(site.page_count(c.slug), 3, 28, 1)) for c in CATEGORIES
    )
    files = [r for r in log if r["path"].startswith("/uploads/files/")]
    robots = [r for r in log if r["path"] == "/robots.txt"]
    requisites = [r for r in log if r["path"].startswith(REQUISITE_PATHS)]
    prints = [r for r in log if r["path"].startswith("/print/")]
    pages = [r for r in log if r not in files + robots + requisites + prints]
    not_modified = [r for r in pages if r["status"] == 304]
    listings = [r for r in pages if not r["path"].endswith(".html")]
    measured = {"K": K, "categories": C, "R": R, "budget": K + listing_budget + R,
                "requests": len(log), "pages": len(pages), "listing_pages": len(listings),
                "article_pages": len(pages) - len(listings), "not_modified": len(not_modified),
                "robots": len(robots), "attachments": len(files), "print_views": len(prints),
                "requisites": len(requisites)}  # fmt: skip
    print("\nharvest request counts:", json.dumps(measured))
    assert len(pages) <= K + listing_budget + R, measured
    # The new articles' print views and requisites, each requisite once.
    assert len(prints) == K and len({r["path"] for r in requisites}) == len(requisites)
    assert {url + r["path"] for r in not_modified} == revisit_window
    assert all(r["status"] == 200 for r in pages if r not in not_modified)
    harvested = runs["harvested"]
    assert len(harvested) == N + K
    new = set(harvested) - set(runs["archived"])
    assert len(new) == K
    crawl = query(runs["db"], "SELECT articles_new, not_modified, articles_unchanged, requests, "
                  "status, mode FROM crawls WHERE id = 2")[0]  # fmt: skip
    assert crawl == (K, R, R, len(log), "ok", "harvest")
    assert runs["grown"].stdout.strip().startswith("Harvest ok (crawl #2")


def test_unchanged_revisits_only_move_last_seen(runs) -> None:
    archived, harvested = runs["archived"], runs["harvested"]
    for url in in_window(archived):
        changed = {k for k in archived[url] if archived[url][k] != harvested[url][k]}
        assert changed == {"last_seen"}, (url, changed)


def test_full_harvest_records_exactly_the_edits(runs) -> None:
    db, harvested = runs["db"], runs["harvested"]
    edited_site = build_site(N + K, 1, edits=E)
    url = runs["url"].rstrip("/")
    edited = {url + a.path for a in edited_site.articles if a.revision}
    versions = runs["versions"]
    assert len(versions) == E
    assert {v[0] for v in versions} == edited
    now = runs["before_shrink"]
    assert set(now) == set(harvested)  # nothing lost, nothing added
    for url_, version, old_hash, old_body, reason in versions:
        assert (version, reason) == (1, "edit")
        assert (old_hash, old_body) == (
            harvested[url_]["content_hash"],
            harvested[url_]["body_text"],
        )
        assert now[url_]["version"] == 2 and EDIT_NOTE.strip() in now[url_]["body_text"]
        assert now[url_]["content_hash"] != old_hash
    for url_ in set(now) - edited:
        assert now[url_]["content_hash"] == harvested[url_]["content_hash"]
    crawl = query(db, "SELECT articles_changed, articles_new, mode, status FROM crawls "
                  "ORDER BY id DESC LIMIT 1 OFFSET 1")[0]  # fmt: skip
    assert crawl == (E, 0, "harvest-full", "ok")
    pages = [r for r in runs["full_log"] if r["path"].endswith(".html")]
    statuses = [r["status"] for r in pages if not r["path"].startswith("/print/")]
    assert statuses.count(200) == E and statuses.count(304) == N + K - E
    # The edited articles' print views are captured again with them.
    assert len([r for r in pages if r["path"].startswith("/print/")]) == E


def test_articles_that_disappear_are_marked_gone_never_deleted(runs) -> None:
    assert runs["shrunk"].returncode == 0, runs["shrunk"].stdout
    now, before = rows(runs["db"]), runs["before_shrink"]
    assert set(now) == set(before)
    gone = {u for u, r in now.items() if r["gone_since"]}
    assert gone == set(before) - set(runs["archived"]) and len(gone) == K
    for url in gone:
        assert now[url]["gone_status"] == 404 and now[url]["body_text"] == before[url]["body_text"]
    crawl = query(runs["db"], "SELECT articles_gone, errors, status FROM crawls "
                  "ORDER BY id DESC LIMIT 1")[0]  # fmt: skip
    assert crawl == (K, 0, "ok")
    kept = query(runs["db"], "SELECT url, version, content_hash, body_text, reason "
                 "FROM article_versions WHERE version = 1")  # fmt: skip
    assert sorted(kept) == sorted(runs["versions"])  # the reverted edits lost no version
