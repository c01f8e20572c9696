"""Complete harvests: new articles published below archived ones (back-dated posts on a
category's second and third listing pages) are found by a plain harvest, within the request
budget, and deeper listing pages are swept a slice per run."""

from __future__ import annotations

import json
import sqlite3

import pytest

from scraper.spiders.harvest import sweep_slice
from tests.conftest import free_port, run_harvest, start_replica, stop_replica
from tests.test_harvest import REQUISITE_PATHS

N, K = 1000, 50
BUDGET = 150


@pytest.mark.parametrize(
    ("last", "depth", "runs"), [(15, 3, 28), (100, 3, 28), (4, 3, 28), (3, 3, 28), (60, 2, 7)]
)
def test_every_deeper_page_is_swept_once_per_cycle(last: int, depth: int, runs: int) -> None:
    swept = [page for index in range(runs) for page in sweep_slice(last, depth, runs, index)]
    assert sorted(swept) == list(range(depth + 1, last + 1))  # each once, none shallower
    assert list(sweep_slice(last, depth, runs, runs)) == list(sweep_slice(last, depth, runs, 0))


@pytest.mark.slow
def test_back_dated_articles_are_found_within_the_budget(tmp_path) -> None:
    db, port = tmp_path / "archive.db", free_port()
    first = start_replica(tmp_path, N, port=port, log_name="first.jsonl")
    try:
        result = run_harvest(db, first.url)
        assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    finally:
        stop_replica(first)
    grown = start_replica(tmp_path, N + K, port=port, log_name="grown.jsonl",
                          extra=["--backdated", str(K)])  # fmt: skip
    try:
        result = run_harvest(db, grown.url)
        log = grown.requests()
    finally:
        stop_replica(grown)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == N + K
        new, requests, pages = conn.execute(
            "SELECT articles_new, requests, listing_pages FROM crawls WHERE id = 2"
        ).fetchone()
    # Finding the new articles is the budget; their print views and the site's requisites are
    # what archiving them then costs (each requisite once per run).
    prints = [r for r in log if r["path"].startswith("/print/")]
    requisites = [r for r in log if r["path"].startswith(REQUISITE_PATHS)]
    finding = [r for r in log if r not in prints + requisites]
    listings = [
        r for r in finding if not r["path"].endswith(".html") and "/uploads/" not in r["path"]
    ]
    print(f"\n{N}+{K} harvest: {len(log)} requests: {len(finding)} to find the new articles "
          f"({len(listings)} listing pages and robots.txt), {len(prints)} print views, "
          f"{len(requisites)} requisites; crawls.listing_pages {pages}")  # fmt: skip
    assert new == K and requests == len(log) and len(finding) <= BUDGET
    assert len(prints) == K and len({r["path"] for r in requisites}) == len(requisites)
    walked = json.loads(pages)
    assert all({1, 2, 3} <= set(numbers) for numbers in walked.values()), walked
    assert any(max(numbers) > 3 for numbers in walked.values())  # this run's sweep slice
