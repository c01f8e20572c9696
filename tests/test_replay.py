"""pywb replays our captures from our own index.cdxj: a crawl of the replica, then a `--full`
harvest of the unchanged site, then pywb's `wayback` over the WARC folder (tests/replay_tools.py).
Each replayed payload must equal what `portal-archive replay` reads from the capture."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archive.warc import cdxj
from archive.warc.reader import read_capture
from replica.render.listing_pages import ALIAS_EVERY
from tests.conftest import PYTHON, REPO, run_crawl, run_harvest, start_replica, stop_replica
from tests.replay_tools import ReplayWebPage, Wayback
from tests.test_browser import ARGS as CHROMIUM_ARGS
from tests.test_browser import CHROMIUM

pytestmark = pytest.mark.slow

ARTICLES = 60
WACZ = str(Path(sys.executable).with_name("wacz"))


@dataclass
class Replayed:
    db: Path
    warcs: Path
    base: str
    warc_bytes_after_crawl: int
    warc_bytes_added_by_full: int
    wayback: Wayback

    def query(self, sql: str, *params) -> list[tuple]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql, params).fetchall()

    def payload(self, url: str, revisits: bool = False) -> bytes:
        """The captured payload of `url`: the first (original) capture, as `replay` reads it."""
        entries = [e for e in cdxj.captures(self.warcs, url) if revisits or "revisit" not in e]
        first = min(entries, key=lambda e: e["date"])
        return read_capture(self.warcs, first["filename"], int(first["offset"]))


def warc_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.warc.gz"))


@pytest.fixture(scope="module")
def replayed(tmp_path_factory) -> Iterator[Replayed]:
    tmp = tmp_path_factory.mktemp("replay")
    server = start_replica(tmp, ARTICLES)
    try:
        db = tmp / "archive.db"
        crawl = run_crawl(db, server.url)
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr[-3000:]
        after_crawl = warc_bytes(tmp / "warcs")
        full = run_harvest(db, server.url, full=True)
        assert full.returncode == 0, full.stdout + full.stderr[-3000:]
    finally:
        stop_replica(server)
    added = warc_bytes(tmp / "warcs") - after_crawl
    wayback = Wayback(tmp / "pywb", tmp / "warcs")
    yield Replayed(db, tmp / "warcs", server.url, after_crawl, added, wayback)
    wayback.close()


def test_pywb_replays_an_article_a_listing_and_a_print_view(replayed) -> None:
    (article, print_url), *_ = replayed.query(
        "SELECT article_url, url FROM print_pages ORDER BY url LIMIT 1"
    )
    listing = replayed.base + "noi-san/"
    for url in (article, print_url, listing):
        status, body = replayed.wayback.raw(url, at=replayed_at(replayed, url))
        assert status == 200, url
        assert body == replayed.payload(url), url


def replayed_at(replayed: Replayed, url: str) -> str:
    """The time of the first capture of `url` (before the harvest revisited it)."""
    return min(cdxj.timestamp14(e["date"]) for e in cdxj.captures(replayed.warcs, url))


def test_after_a_full_harvest_pywb_and_replay_give_the_whole_page(replayed) -> None:
    urls = [u for (u,) in replayed.query("SELECT url FROM articles ORDER BY url LIMIT 5")]
    for url in urls:
        latest = cdxj.lookup(replayed.warcs, url)
        assert latest["revisit"] == "server-not-modified", latest
        original = replayed.payload(url)
        assert len(original) > 1000
        status, body = replayed.wayback.raw(url)  # the latest capture: the revisit
        assert (status, body) == (200, original), url
        replay = subprocess.run(
            [PYTHON, "-m", "portal_archive.cli", "replay", "--db", str(replayed.db), "--url", url],
            capture_output=True, cwd=REPO, check=True,
        )  # fmt: skip
        assert replay.stdout == original


def test_a_full_harvest_of_an_unchanged_site_adds_revisits_not_copies(replayed) -> None:
    index = (replayed.warcs / "index.cdxj").read_text().splitlines()
    fields = [json.loads(line.split(" ", 2)[2]) for line in index]
    revisits = [f for f in fields if f["mime"] == "warc/revisit" and "alias_of" not in f]
    articles = replayed.query("SELECT count(*) FROM articles")[0][0]
    assert sum(f["revisit"] == "server-not-modified" for f in revisits) == articles
    # 60 articles re-fetched whole would be about as large as the crawl's article captures.
    assert replayed.warc_bytes_added_by_full < replayed.warc_bytes_after_crawl / 3


def test_pywb_replays_a_body_image_and_the_theme(replayed) -> None:
    (picture,), *_ = replayed.query(
        "SELECT url FROM images WHERE status = 'stored' AND url LIKE ? ORDER BY url LIMIT 1",
        replayed.base + "uploads/images/%",
    )
    stylesheet = replayed.query("SELECT url FROM requisites WHERE kind = 'stylesheet'")[0][0]
    for url in (picture, stylesheet):
        status, body = replayed.wayback.raw(url, at=replayed_at(replayed, url))
        assert (status, body) == (200, replayed.payload(url)), url
        assert body


@pytest.fixture(scope="module")
def exported(replayed, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wacz") / "archive.wacz"
    export = [PYTHON, "-m", "portal_archive.cli", "export-wacz", "--db", str(replayed.db),
              "--out", str(out)]  # fmt: skip
    done = subprocess.run(export, capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return out


def test_export_wacz_passes_wacz_validate(replayed, exported) -> None:
    validate = subprocess.run([WACZ, "validate", "-f", str(exported)], capture_output=True,
                              text=True)  # fmt: skip
    assert validate.returncode == 0 and "is valid" in validate.stdout, validate.stdout
    with zipfile.ZipFile(exported) as package:
        names = package.namelist()
        pages = package.read("pages/pages.jsonl").decode().splitlines()
    assert {"datapackage.json", "pages/pages.jsonl"} <= set(names)
    warcs = sorted(n.removeprefix("archive/") for n in names if n.startswith("archive/"))
    assert warcs == sorted(p.name for p in replayed.warcs.glob("*.warc.gz"))
    articles = replayed.query("SELECT count(*) FROM articles")[0][0]
    assert len(pages) == 1 + articles
    assert {"url", "title", "ts"} <= set(json.loads(pages[1]))


def test_replaywebpage_shows_an_article_of_the_wacz_in_chromium(replayed, exported, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    (url, title), *_ = replayed.query("SELECT url, title FROM articles ORDER BY url LIMIT 1")
    viewer = ReplayWebPage(tmp_path / "site", exported, url)
    outside: list[str] = []

    def loopback_only(route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.route("**/*", loopback_only)
            page.goto(viewer.url)
            archived = page.locator("replay-web-page").frame_locator("iframe")
            heading = archived.frame_locator("iframe").locator("h1").first
            try:
                heading.wait_for(timeout=30_000)
            except sync_api.TimeoutError:
                # The service worker that ReplayWeb.page installs on a first visit may not take
                # the page over until it is loaded again (as a person would reload it).
                page.reload()
                heading.wait_for(timeout=60_000)
            # The page's heading: the title, sometimes in capitals or after a capitals prefix.
            assert title.casefold() in heading.inner_text().casefold()
            browser.close()
    finally:
        viewer.close()
    assert not outside, outside


def test_export_wacz_since_keeps_the_originals_of_its_revisits(replayed, tmp_path) -> None:
    harvest_file = max(p.name for p in replayed.warcs.glob("*.warc.gz"))
    since = replayed.query("SELECT max(started) FROM crawls")[0][0]
    out = tmp_path / "recent.wacz"
    export = [PYTHON, "-m", "portal_archive.cli", "export-wacz", "--db", str(replayed.db),
              "--out", str(out), "--since", since]  # fmt: skip
    done = subprocess.run(export, capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    with zipfile.ZipFile(out) as package:
        warcs = [n for n in package.namelist() if n.startswith("archive/")]
    # The harvest's revisits need the crawl's file, which holds their originals.
    assert f"archive/{harvest_file}" in warcs and len(warcs) == 2


def test_pywb_replays_an_alias_url_from_an_alias_line(replayed) -> None:
    (url,) = next(
        (u,) for (u, p) in replayed.query("SELECT url, print_id FROM articles")
        if p % ALIAS_EVERY == 0
    )  # fmt: skip
    alias = url.replace("http://", "http://mail.", 1)
    status, body = replayed.wayback.raw(alias, at=replayed_at(replayed, url))
    assert (status, body) == (200, replayed.payload(url))
