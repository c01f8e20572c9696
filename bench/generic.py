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


def _ms_per_page(pages: list[tuple[bytes, str]], fns: dict[str, Callable], runs: int) -> dict:
    """Median CPU ms per page of each function; the runs interleave the functions, so a
    slower phase of the machine weighs on all of them alike."""
    for fn in fns.values():
        fn(*pages[0])  # imports and caches out of the timing
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            started = time.process_time()
            for body, url in pages:
                fn(body, url)
            times[name].append((time.process_time() - started) * 1000 / len(pages))
    return {name: statistics.median(values) for name, values in times.items()}


def generic_speed(replica_pages: int = 200, runs: int = 5) -> dict:
    """`ours_ms`: the entry point (`extract_page`: decoding, the generic path, citations,
    search forms, page checks); `path_ms`: the generic path alone (decoding and `extract`,
    the work `trafilatura.extract` does on bytes); `plain_ms`, `metadata_ms`: trafilatura."""
    import trafilatura

    from scraper.extraction import ExtractionLimits, extract_page
    from scraper.extraction.article import extract
    from scraper.extraction.encoding import decode_page

    pages = _pages(replica_pages)
    limits, now = ExtractionLimits(), datetime.now(UTC)
    local_now = now.replace(tzinfo=None)
    timed = _ms_per_page(
        pages,
        {
            "ours_ms": lambda b, u: extract_page(b, "text/html", u, None, limits, now),
            "path_ms": lambda b, u: extract(u, decode_page(b, "text/html").text, None, local_now),
            "plain_ms": lambda b, u: trafilatura.extract(b, url=u),
            "metadata_ms": lambda b, u: trafilatura.extract(b, url=u, with_metadata=True),
        },
        runs,
    )
    return {"pages": len(pages), **timed}


def _tokens(text: str | None) -> list[str]:
    return (text or "").lower().split()


def token_f1(found: str | None, expected: str) -> float:
    """Bag-of-words F1 of a body against the expected one (as extraction benchmarks score)."""
    from collections import Counter

    got, want = Counter(_tokens(found)), Counter(_tokens(expected))
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _truths(replica_pages: int) -> list[dict]:
    """Pages with what a reader would take from them: the saved generic pages (title, day,
    author, phrases the body must and must not hold) and replica pages (whole bodies)."""
    from replica import build_site
    from replica.render.article_pages import article_page

    truths = []
    for name, e in json.loads((PAGES / "expected.json").read_text("utf-8")).items():
        truths.append({**e, "html": (PAGES / name).read_bytes(), "body": None})
    site = build_site(max(replica_pages, 11), seed=1)
    for a in site.articles[:replica_pages]:
        truths.append({
            "html": article_page(site, a).encode("utf-8"), "url": "http://127.0.0.1:1" + a.path,
            "title": a.title, "day": a.published.date().isoformat(), "author": a.author,
            "body": "\n".join(a.paragraphs),
        })  # fmt: skip
    return truths


def _body_score(text: str | None, truth: dict) -> float:
    if truth["body"] is not None:
        return token_f1(text, truth["body"])
    text = text or ""
    kept = all(p in text for p in truth["body_has"])
    return float(kept and not any(p in text for p in truth["body_lacks"]))


def generic_quality(replica_pages: int = 100) -> dict:
    """Fields right per extractor on the same pages: ours (generic path, no profile), plain
    trafilatura (with its metadata) and htmldate (dates only, its defaults)."""
    import trafilatura
    from htmldate import find_date

    from scraper.extraction import ExtractionLimits, extract_page

    scores: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        scores.setdefault(key, []).append(value)

    limits, now = ExtractionLimits(), datetime.now(UTC)
    for truth in _truths(replica_pages):
        html, url, kind = truth["html"], truth["url"], "replica" if truth["body"] else "saved"
        ours = extract_page(html, "text/html", url, None, limits, now)
        theirs = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        add(f"{kind} body ours", _body_score(ours.body_text, truth))
        add(f"{kind} body trafilatura", _body_score(theirs.text if theirs else None, truth))
        add("title ours", float(ours.title == truth["title"]))
        add("title trafilatura", float(bool(theirs) and theirs.title == truth["title"]))
        add("author ours", float((ours.author_name or None) == (truth["author"] or None)
                                 or ours.author == truth["author"]))  # fmt: skip
        add("author trafilatura", float(bool(theirs) and theirs.author == truth["author"]))
        add("day ours", float((ours.published or "")[:10] == truth["day"]))
        add("day trafilatura", float(bool(theirs) and theirs.date == truth["day"]))
        add("day htmldate", float(find_date(html, url=url) == truth["day"]))
    return {key: (statistics.mean(values), len(values)) for key, values in scores.items()}
