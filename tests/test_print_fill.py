"""An article whose page is not in the archive but whose print view is: its row comes from the
print view and says so (`source = print`); a later capture of the page itself takes over."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PYTHON, REPO, Replica, run_crawl

pytestmark = pytest.mark.slow
SAME = ("title", "author", "author_role", "body_text", "category", "category_name", "print_id")


def rows(db: Path, where: str = "1", *params) -> dict[str, dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        query = f"SELECT * FROM articles WHERE {where}"
        return {r["url"]: dict(r) for r in conn.execute(query, params)}


def reextract(db: Path) -> subprocess.CompletedProcess:
    command = [PYTHON, "-m", "portal_archive.cli", "reextract", "--db", str(db)]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO)


@pytest.fixture(scope="module")
def archive_without_pages(replica: Replica, tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    """A crawled archive that then lost three article rows, as an archive does whose article
    pages were gone (one answered 404) or unreadable while their print views were captured."""
    db = tmp_path_factory.mktemp("print-fill") / "archive.db"
    result = run_crawl(db, replica.url)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    captured = "SELECT article_url FROM print_pages WHERE warc_file IS NOT NULL"
    with_print = rows(db, f"print_id IS NOT NULL AND author IS NOT NULL AND url IN ({captured})")
    lost = dict(sorted(with_print.items())[:3])
    with sqlite3.connect(db) as conn:
        conn.executemany("DELETE FROM articles WHERE url = ?", [[u] for u in lost])
        gone = next(iter(lost))
        conn.execute(
            "INSERT INTO errors (url, kind, status, message, attempts, first_seen, last_seen) "
            "VALUES (?, 'http', 404, 'HTTP 404', 1, '2026-11-30T10:00:00Z', "
            "'2026-11-30T10:00:00Z')",
            [gone],
        )
    return db, lost


def test_reextract_fills_articles_from_their_print_views(archive_without_pages) -> None:
    db, lost = archive_without_pages
    result = reextract(db)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert "filled from print views 3 of 3 without their article page" in result.stdout
    filled = rows(db, "source = 'print'")
    assert set(filled) == set(lost)
    for url, before in lost.items():
        row = filled[url]
        assert {k: row[k] for k in SAME} == {k: before[k] for k in SAME}, url
        assert row["published"][:10] == before["published"][:10]
        assert row["published_precision"] == "day"
        assert row["fetched_url"].endswith(f"/print/{before['print_id']}.html")
        assert row["warc_file"] and row["warc_offset"] is not None
    gone = next(iter(lost))
    assert (filled[gone]["gone_status"], filled[gone]["gone_since"]) == (
        404,
        "2026-11-30T10:00:00Z",
    )
    assert all(filled[u]["gone_status"] is None for u in list(lost)[1:])
    with sqlite3.connect(db) as conn:  # found by search like any article
        title = filled[gone]["title"]
        hits = conn.execute(
            "SELECT count(*) FROM articles_search_exact WHERE articles_search_exact MATCH ?",
            ['"' + title.replace('"', "") + '"'],
        ).fetchone()[0]
    assert hits >= 1
    again = reextract(db)  # nothing left to fill; the filled rows re-extract unchanged
    assert "filled from print views 0 of 0" in again.stdout, again.stdout + again.stderr[-2000:]
    assert rows(db, "source = 'print'") == filled


def test_a_later_capture_of_the_page_takes_over(archive_without_pages, replica) -> None:
    db, lost = archive_without_pages
    reextract(db)
    result = run_crawl(db, replica.url)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    marks = ",".join("?" * len(lost))
    now = rows(db, f"url IN ({marks})", *lost)
    assert {r["source"] for r in now.values()} == {"article"}
    for url, before in lost.items():
        assert now[url]["published"] == before["published"]
        assert now[url]["published_precision"] == "minute"
        assert now[url]["gone_status"] is None
