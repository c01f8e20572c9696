"""One archive, two sites, end to end: two instances of the old replica crawled into one
archive, the second with a test successor profile (tests/successor-profile.yaml: another
name and host, `successor_of: phutho`) and a few of its articles edited. Every article both
serve unchanged becomes a `same_as` pair; the edited ones stay apart. The reading room is
checked through a real Datasette: the site facet, the site filter on search, the collapse of
pairs, the feed's `?site=` and the article page's "also published at"."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from replica.generate.build import build_site
from tests.conftest import REPO, Datasette, cli_command, start_replica, stop_replica

ARTICLES, SEED, EDITS = 40, 1, 4
SUCCESSOR = "phutho-successor-test"
PROFILE = REPO / "tests" / "successor-profile.yaml"


@dataclass
class TwoSites:
    db: Path
    old_url: str
    new_url: str
    datasette: Datasette

    def old(self, path: str) -> str:
        return self.old_url.rstrip("/") + path

    def new(self, path: str) -> str:
        return self.new_url.rstrip("/") + path

    def rows(self, sql: str, *params: object) -> list[tuple]:
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as conn:
            return conn.execute(sql, params).fetchall()


def crawl(db: Path, base_url: str, *profile: str) -> subprocess.CompletedProcess:
    cmd = cli_command("crawl", db, base_url) + list(profile)
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory) -> TwoSites:
    tmp = tmp_path_factory.mktemp("two-sites")
    db = tmp / "archive.db"
    old = start_replica(tmp, ARTICLES, SEED, log_name="old.jsonl")
    new = start_replica(tmp, ARTICLES, SEED, edits=EDITS, log_name="new.jsonl")
    try:
        first = crawl(db, old.url)
        assert first.returncode == 0, first.stdout + first.stderr[-3000:]
        second = crawl(db, new.url, "--profile", str(PROFILE))
        assert second.returncode == 0, second.stdout + second.stderr[-3000:]
    finally:
        stop_replica(old)
        stop_replica(new)
    server = Datasette(db)
    yield TwoSites(db, old.url, new.url, server)
    server.close()


def unchanged_paths() -> set[str]:
    """The replica model's ground truth: the articles the edited instance serves unchanged."""
    before = {a.expected()["path"]: a for a in build_site(ARTICLES, SEED).articles}
    after = {a.expected()["path"]: a for a in build_site(ARTICLES, SEED, EDITS).articles}
    assert before.keys() == after.keys()
    same = {p for p in before if before[p].paragraphs == after[p].paragraphs}
    assert 0 < len(before) - len(same) <= EDITS  # the test needs some edited ones
    return same


def test_each_article_is_archived_once_per_site_with_its_site_and_host(two_sites) -> None:
    paths = {a.expected()["path"] for a in build_site(ARTICLES, SEED).articles}
    rows = two_sites.rows("SELECT url, site, host FROM articles")
    by_site = {
        site: sorted(url for url, s, _ in rows if s == site) for site in ("phutho", SUCCESSOR)
    }
    assert by_site["phutho"] == sorted(two_sites.old(p) for p in paths)
    assert by_site[SUCCESSOR] == sorted(two_sites.new(p) for p in paths)
    assert all(host == url.split("/")[2] for url, _, host in rows)
    sites = two_sites.rows("SELECT DISTINCT site FROM print_pages ORDER BY site")
    assert sites == [("phutho",), (SUCCESSOR,)]
    assert [r[0] for r in two_sites.rows("SELECT name FROM archive_site")] == [
        "phutho",
        SUCCESSOR,
    ]


def test_same_as_links_exactly_the_articles_published_unchanged_on_both(two_sites) -> None:
    links = dict(two_sites.rows("SELECT url, same_as FROM articles"))
    expected = {}
    for path in unchanged_paths():
        expected[two_sites.old(path)] = two_sites.new(path)
        expected[two_sites.new(path)] = two_sites.old(path)
    assert {url: other for url, other in links.items() if other} == expected


def test_a_third_unrelated_site_is_refused_with_one_line(two_sites, tmp_path) -> None:
    other = tmp_path / "other.yaml"
    text = PROFILE.read_text(encoding="utf-8")
    other.write_text(text.replace(f"name: {SUCCESSOR}\nsuccessor_of: phutho\n", "name: other\n"))
    refused = crawl(two_sites.db, "http://127.0.0.1:9/", "--profile", str(other))
    assert refused.returncode == 1
    lines = [line for line in refused.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "holds the site 'phutho'" in lines[0], refused.stderr


def test_the_articles_table_has_a_site_facet_and_filter(two_sites) -> None:
    data = two_sites.datasette.get("/archive/articles.json?_size=0")
    facet = {r["value"]: r["count"] for r in data["facet_results"]["site"]["results"]}
    assert facet == {"phutho": ARTICLES, SUCCESSOR: ARTICLES}
    one = two_sites.datasette.get(f"/archive/articles.json?site={SUCCESSOR}&_shape=array")
    assert len(one) == min(ARTICLES, 20) and {r["site"] for r in one} == {SUCCESSOR}
    paired = next(r for r in one if r["same_as"])
    row_page = two_sites.datasette.text(f"/archive/articles?url={quote(paired['url'], safe='')}"
                                        "&_col=same_as&_col=title")  # fmt: skip
    assert f'href="/archive/-/article?url={quote(paired["same_as"], safe="")}"' in row_page


def test_the_home_page_says_which_sites_the_archive_holds(two_sites) -> None:
    home = two_sites.datasette.text("/")
    for site in ("phutho", SUCCESSOR):
        assert f'/archive/articles?site={site}"' in home and f"({site}, {ARTICLES})" in home


def search(two_sites, **args: str) -> dict:
    return two_sites.datasette.get(f"/archive/search.json?{urlencode(args)}")


def test_search_filters_by_site_and_collapses_pairs_unless_asked(two_sites) -> None:
    query = "dang"  # folded: every toned form of "đảng", in most articles
    matches = dict(
        two_sites.rows(
            "SELECT a.site, count(*) FROM articles_search_folded f JOIN articles a "
            "ON a.rowid = f.rowid WHERE articles_search_folded MATCH ? GROUP BY a.site",
            query,
        )
    )
    paired = two_sites.rows(
        "SELECT count(*) FROM articles_search_folded f JOIN articles a ON a.rowid = f.rowid "
        "WHERE articles_search_folded MATCH ? AND a.same_as IS NOT NULL AND a.site = ?",
        query,
        SUCCESSOR,
    )[0][0]
    assert paired > 0
    both = search(two_sites, q=query, both="1")
    assert both["total"] == matches["phutho"] + matches[SUCCESSOR]
    collapsed = search(two_sites, q=query)
    assert collapsed["total"] == both["total"] - paired
    everything = search(two_sites, q=query)["rows"]
    kept = {row["url"] for row in everything}
    assert not any(row["same_as"] in kept for row in everything)  # one result per pair
    for site in ("phutho", SUCCESSOR):
        only = search(two_sites, q=query, site=site)
        assert only["total"] == matches[site]
        assert {row["site"] for row in only["rows"]} == {site}
    page = two_sites.datasette.text(f"/archive/search?{urlencode({'q': query})}")
    assert 'name="site"' in page and 'name="both"' in page and "hit-same-as" in page
    unknown = two_sites.datasette.text(f"/archive/search?{urlencode({'q': query, 'site': 'x'})}")
    assert "No site named “x” in this archive; it holds phutho, " in unknown


def test_the_feed_takes_a_site(two_sites) -> None:
    for site, base in (("phutho", two_sites.old_url), (SUCCESSOR, two_sites.new_url)):
        feed = two_sites.datasette.text(f"/archive/newest_articles.atom?site={site}")
        vias = re.findall(r'<link href="([^"]*)" rel="via"/>', feed)
        assert vias and all(v.startswith(base.rstrip("/")) for v in vias), vias[:3]
    mixed = two_sites.datasette.text("/archive/newest_articles.atom")
    hosts = {v.split("/")[2] for v in re.findall(r'<link href="([^"]*)" rel="via"/>', mixed)}
    assert len(hosts) == 2


def test_the_article_page_says_also_published_at_with_the_archived_copy(two_sites) -> None:
    path = sorted(unchanged_paths())[0]
    old, new = two_sites.old(path), two_sites.new(path)
    page = two_sites.datasette.text(f"/archive/-/article?url={quote(old, safe='')}")
    link = f'href="/archive/-/article?url={quote(new, safe="")}"'
    assert "Also published at" in page and link in page
    back = two_sites.datasette.text(f"/archive/-/article?url={quote(new, safe='')}")
    assert f'href="/archive/-/article?url={quote(old, safe="")}"' in back
    alone = sorted(set(a.expected()["path"] for a in build_site(ARTICLES, SEED).articles)
                   - unchanged_paths())[0]  # fmt: skip
    edited = two_sites.datasette.text(f"/archive/-/article?url={quote(two_sites.new(alone))}")
    assert "Also published at" not in edited


def test_the_charts_draw_one_site_or_both(two_sites) -> None:
    both = two_sites.datasette.text("/archive/-/charts")
    one = two_sites.datasette.text(f"/archive/-/charts?site={SUCCESSOR}")
    assert f"{2 * ARTICLES} archived articles" in both
    assert f"{ARTICLES} archived articles" in one and f"site={SUCCESSOR}&amp;" in one
    unknown = two_sites.datasette.text("/archive/-/charts?site=x")
    assert "No site named “x”" in unknown and f"{2 * ARTICLES} archived articles" in unknown
