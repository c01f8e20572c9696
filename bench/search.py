"""Researchers' side: build a large archive from replica articles, then time Datasette search."""

from __future__ import annotations

import html
import json
import statistics
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from bench.procs import REPO

# Twenty varied queries, with and without tone marks, words and phrases, common and rare.
QUERIES = [
    "thi đua", "thi dua", "Đảng", "dang", "nghị quyết", "nghi quyet", "Hồ Chí Minh",
    "ho chi minh", "bồi dưỡng", "boi duong", "hội thảo khoa học", "hoi thao", "Việt Trì",
    "viet tri", "cán bộ", "giảng viên", '"phong trào thi đua"', "lý luận chính trị",
    "ly luan chinh tri", "Đền Hùng",
]  # fmt: skip


def build_archive(path: Path, articles: int, batch: int = 2000) -> dict:
    """Articles from the replica's own ground truth, saved through the storage functions (so
    every index is maintained on write, as in a crawl) and recorded as one site's, as a crawl
    records them; returns timings."""
    from archive.db import articles as store
    from archive.db.counts import SaveCounts
    from archive.db.schema import open_db
    from replica import build_site
    from scraper.extraction import content_hash, extraction_of

    started = time.perf_counter()
    site = build_site(articles, seed=1)
    categories = {c.slug: c.name for c in site.categories}
    db = open_db(str(path))
    counts = SaveCounts()
    rows = []
    for article in site.articles:
        truth = article.expected()
        body = "\n\n".join(p.strip() for p in article.paragraphs)
        published = truth["published"]
        rows.append(extraction_of(
            url="http://127.0.0.1" + truth["path"], title=truth["title"],
            published=published, published_raw=truth["published_raw"], date_problem=None,
            year=int(published[:4]) if published else None,
            author=truth["author"], author_role=truth["author_role"],
            category=truth["category"], category_name=categories.get(truth["category"]),
            print_id=truth["print_id"], body_text=body,
            body_html="".join(f"<p>{html.escape(p.strip())}</p>" for p in article.paragraphs),
            images=(), links=(), lang="vi",
            word_count=len(body.split()), method="bench", extractor_version="bench",
            encoding="utf-8", content_hash=content_hash(truth["title"], body, truth["author"]),
        ))  # fmt: skip
        if len(rows) >= batch:
            _save(db, store, rows, counts)
    _save(db, store, rows, counts)
    saved = time.perf_counter() - started
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return {"articles": counts.new, "build_s": saved}


def _save(db, store, rows: list, counts) -> None:
    with db.conn:
        for extraction in rows:
            store.save_article(
                db, extraction, "2026-01-01T00:00:00Z", counts, fetched_url=extraction.url,
                site="phutho", host="127.0.0.1",
            )  # fmt: skip
    rows.clear()


def reindex_seconds(path: Path) -> float:
    """Time to rebuild every derived search entry and reference of the archive from scratch."""
    from archive.db import search as derived
    from archive.db.schema import open_db

    db = open_db(str(path))
    started = time.perf_counter()
    with db.conn:
        derived.rebuild(db)
    elapsed = time.perf_counter() - started
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return elapsed


def search_latency(path: Path, port: int, repeats: int = 5) -> dict:
    """p50/p95 of the ranked search (first page of 20 with the total count, as JSON) over a
    real, read-only Datasette."""
    with _datasette(path, port) as base:
        timings, hits = [], {}
        for query in QUERIES:
            for _ in range(repeats):
                url = f"{base}/search.json?{urlencode({'q': query, '_size': 20})}"
                started = time.perf_counter()
                with urllib.request.urlopen(url, timeout=60) as response:
                    answer = json.loads(response.read())
                timings.append((time.perf_counter() - started) * 1000)
                hits[query] = answer["total"]
    return {**_percentiles(timings), "queries": len(QUERIES), "hits": hits}


def page_latency(path: Path, port: int, repeats: int = 3) -> dict[str, dict]:
    """p50/p95 per page kind a reader opens, as HTML (time to the whole page)."""
    with _datasette(path, port) as base:
        sample = json.loads(_get(f"{base}/articles.json?_col=url&_size=20&_shape=array"))
        kinds = {
            "articles table": ["/articles", "/articles?category_name=N%E1%BB%99i+san",
                               "/articles?year=2020", "/articles?_sort=title"],
            "table search": [f"/articles?{urlencode({'_search': q})}" for q in QUERIES],
            "ranked search": [f"/search?{urlencode({'q': q})}" for q in QUERIES],
            "ranked search, by date, page 5": [
                f"/search?{urlencode({'q': q, 'sort': 'newest', 'page': 5})}" for q in QUERIES
            ],
            "article page": [f"/-/article?{urlencode({'url': r['url']})}" for r in sample],
        }  # fmt: skip
        figures = {}
        for kind, paths in kinds.items():
            timings = []
            for path_ in paths:
                for _ in range(repeats):
                    started = time.perf_counter()
                    _get(base + path_)
                    timings.append((time.perf_counter() - started) * 1000)
            figures[kind] = {**_percentiles(timings), "requests": len(timings)}
    return figures


def _percentiles(timings: list[float]) -> dict:
    timings = sorted(timings)
    return {
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[max(int(len(timings) * 0.95) - 1, 0)],
        "max_ms": timings[-1],
    }


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


@contextmanager
def _datasette(path: Path, port: int):
    """A read-only Datasette over the archive, as `portal-archive serve` runs it."""
    from publish.serve import datasette_command

    cmd = datasette_command(str(path), "127.0.0.1", port)
    server = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(f"http://127.0.0.1:{port}/-/versions.json")
        yield f"http://127.0.0.1:{port}/{path.stem}"
    finally:
        server.terminate()
        server.wait(10)


def _wait(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
