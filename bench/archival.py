"""Archival figures: an incremental harvest after new articles, against a full re-crawl, and
re-extraction from stored captures."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.procs import PYTHON, Server, free_port, run_measured
from bench.scenarios import FAST


def _replica(articles: int, port: int) -> Server:
    return Server([PYTHON, "-m", "replica", "--port", str(port), "--articles", str(articles)])


def _run(command: str, db: Path, url: str | None = None) -> tuple[float, dict]:
    cmd = [PYTHON, "-m", "portal_archive.cli", command, "--db", str(db)]
    if url:
        cmd += ["--base-url", url]
        cmd += [arg for k, v in FAST.items() for arg in ("-s", f"{k}={v}")]
        cmd += ["-s", f"ARCHIVE_EMBED_PROXY={url}"]  # hot-linked pictures: the replica stands in
    usage = run_measured(cmd)
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("SELECT * FROM crawls ORDER BY id DESC LIMIT 1").fetchone()
    return usage.wall, dict(row) if row else {}


def harvest_vs_recrawl(articles: int, new: int, workdir: Path) -> dict:
    """Archive N articles, publish `new` more on the same address, then harvest; a full crawl of
    the grown site into a fresh database is the baseline."""
    port = free_port()
    db = workdir / "harvest.db"
    server = _replica(articles, port)
    try:
        _run("crawl", db, server.url)
    finally:
        server.stop()
    return {**harvest_after(db, articles, new, port, recrawl=workdir / "recrawl.db"), "db": db}


def harvest_after(
    db: Path, articles: int, new: int, port: int, recrawl: Path | None = None
) -> dict:
    """`new` more articles published on the address `db` was crawled from, then a harvest (and a
    full crawl of the grown site into `recrawl`, when given)."""
    server = _replica(articles + new, port)
    try:
        harvest_s, harvest = _run("harvest", db, server.url)
        figures = {
            "harvest_s": harvest_s,
            "harvest_requests": harvest.get("requests"),
            "harvest_new": harvest.get("articles_new"),
        }
        if recrawl is not None:
            recrawl_s, row = _run("crawl", recrawl, server.url)
            figures.update(recrawl_s=recrawl_s, recrawl_requests=row.get("requests"))
    finally:
        server.stop()
    return figures


def reextract_rate(db: Path) -> dict:
    """`portal-archive reextract` over every stored capture (no network)."""
    with sqlite3.connect(db) as conn:
        # Force every row to be re-derived: an unchanged re-extraction writes nothing.
        conn.execute("UPDATE articles SET extractor_version = 'bench'")
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    usage = run_measured([PYTHON, "-m", "portal_archive.cli", "reextract", "--db", str(db)])
    return {
        "articles": articles,
        "wall": usage.wall,
        "pages_per_s": articles / usage.wall,
        "usage": usage,
    }
