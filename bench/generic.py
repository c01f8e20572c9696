"""Generic extraction against plain trafilatura on the same pages, in the same run.

Pages: the saved generic test pages (other CMSs, English and Vietnamese) and replica article
pages read without their profile. Ours is the one entry point (`extract_page`, site None:
decoding, one trafilatura pass with metadata, dates, authors, citations, search text); the
baselines are `trafilatura.extract` plain, and with its metadata (which runs htmldate).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "tests" / "generic_pages"


def _pages(replica_pages: int) -> list[tuple[bytes, str]]:
    from replica import build_site
    from replica.render.article_pages import article_page

    expected = json.loads((PAGES / "expected.json").read_text("utf-8"))
    pages = [((PAGES / name).read_bytes(), e["url"]) for name, e in expected.items()]
    site = build_site(max(replica_pages, 11), seed=1)
    pages += [
        (article_page(site, a).encode("utf-8"), "http://127.0.0.1:1" + a.path)
        for a in site.articles[:replica_pages]
    ]
    return pages


def _ms_per_page(pages: list[tuple[bytes, str]], fn: Callable, runs: int) -> float:
    fn(*pages[0])  # imports and caches out of the timing
    times = []
    for _ in range(runs):
        started = time.process_time()
        for body, url in pages:
            fn(body, url)
        times.append((time.process_time() - started) * 1000 / len(pages))
    return statistics.median(times)


def generic_speed(replica_pages: int = 200, runs: int = 3) -> dict:
    import trafilatura

    from scraper.extraction import ExtractionLimits, extract_page

    pages = _pages(replica_pages)
    limits, now = ExtractionLimits(), datetime.now(UTC)
    return {
        "pages": len(pages),
        "ours_ms": _ms_per_page(
            pages, lambda b, u: extract_page(b, "text/html", u, None, limits, now), runs
        ),
        "plain_ms": _ms_per_page(pages, lambda b, u: trafilatura.extract(b, url=u), runs),
        "metadata_ms": _ms_per_page(
            pages, lambda b, u: trafilatura.extract(b, url=u, with_metadata=True), runs
        ),
    }
