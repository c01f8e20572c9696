"""One function per figure of the benchmark; each returns a dict of measurements."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.procs import PYTHON, Usage, run_measured, start_replica

# Politeness off, through settings only (the defaults stay polite for real crawls).
FAST = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "ARCHIVE_PROGRESS_INTERVAL": "0",
    "LOG_LEVEL": "WARNING",
}


def extraction_floor(pages: int, runs: int = 3) -> dict:
    """Our extractor alone, one process, over replica article pages already in memory."""
    from replica import build_site
    from replica.render.article_pages import article_page
    from scraper.extraction import extract
    from scraper.sites import load_site

    site = build_site(max(pages, 11), seed=1)
    base = "http://127.0.0.1:1"
    profile = load_site(base_url=base + "/")
    docs = [(base + a.path, article_page(site, a)) for a in site.articles[:pages]]
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        for url, html in docs:
            extract(url, html, profile)
        rates.append(len(docs) / (time.perf_counter() - started))
    return {"pages": len(docs), "pages_per_s": statistics.median(rates)}


def crawl_cmd(db: Path, url: str, extra: dict[str, str] | None = None) -> list[str]:
    # Hot-linked pictures go to the replica, which stands in for their hosts.
    settings = {**FAST, "ARCHIVE_EMBED_PROXY": url, **(extra or {})}
    cmd = [PYTHON, "-m", "portal_archive.cli", "crawl", "--db", str(db), "--base-url", url]
    return cmd + [arg for k, v in settings.items() for arg in ("-s", f"{k}={v}")]


def _count(db: Path, sql: str) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def our_pipeline(articles: int, workdir: Path, port: int = 0) -> dict:
    """A full crawl of an N-article replica on loopback: fetch, extract, store."""
    server = start_replica(articles, port=port)
    db = workdir / f"crawl-{articles}.db"
    try:
        crawl = run_measured(crawl_cmd(db, server.url))
    finally:
        replica = server.stop()
    pages = _count(db, "SELECT sum(pages_fetched) FROM crawls")
    archived = _count(db, "SELECT count(*) FROM articles")
    return {
        "articles": articles,
        "archived": archived,
        "pages": pages,
        "wall": crawl.wall,
        "pages_per_s": pages / crawl.wall,
        "articles_per_s": archived / crawl.wall,
        "crawler": crawl,
        "replica": replica,
        "ok": crawl.returncode == 0 and archived == articles,
        "db": db,
    }


def wget_trafilatura(articles: int, workdir: Path) -> dict:
    """The hand-made pipeline: `wget --mirror` the replica, then trafilatura's batch command."""
    if shutil.which("wget") is None:
        return {"skipped": "wget is not installed (apt-get install wget)"}
    mirror, out = workdir / f"mirror-{articles}", workdir / f"trafilatura-{articles}"
    server = start_replica(articles)
    try:
        wget = run_measured(
            [
                "wget",
                "--mirror",
                "--no-parent",
                "-q",
                "-e",
                "robots=on",
                "-P",
                str(mirror),
                server.url,
            ]  # fmt: skip
        )
    finally:
        server.stop()
    trafilatura = shutil.which("trafilatura", path=str(Path(PYTHON).parent))
    extract = run_measured(
        [trafilatura, "--input-dir", str(mirror), "--output-dir", str(out)],
    )
    files = sum(1 for _ in out.rglob("*") if _.is_file()) if out.exists() else 0
    return {
        "wall": wget.wall + extract.wall,
        "wget": wget,
        "trafilatura": extract,
        "documents": files,
    }


def workspace() -> Path:
    return Path(tempfile.mkdtemp(prefix="portal-bench-"))


def usage_cells(usage: Usage) -> str:
    tree = f", {usage.tree_rss_mb:6.0f} MB all processes" if usage.tree_rss_mb else ""
    return f"{usage.wall:7.1f}s wall, {usage.cpu:7.1f}s CPU, {usage.peak_rss_mb:6.0f} MB peak{tree}"


__all__ = ["extraction_floor", "our_pipeline", "wget_trafilatura", "subprocess"]
