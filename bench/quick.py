"""`python -m bench.run --quick`: the crawl and re-extraction figures at N = 2,000 only, each
against its baseline from the same run (wget + trafilatura, the extraction floor)."""

from __future__ import annotations

from pathlib import Path

from bench.archival import harvest_after, reextract_rate
from bench.procs import free_port
from bench.scenarios import extraction_floor, our_pipeline, usage_cells, wget_trafilatura
from bench.scrapy_floor import report_scrapy_floor

QUICK_ARTICLES = 2000
QUICK_NEW = 50


def report_quick(work: Path, articles: int = QUICK_ARTICLES) -> None:
    floor = extraction_floor(articles)
    print(f"1. extraction floor: {floor['pages_per_s']:.1f} pages/s over {floor['pages']} pages")
    port = free_port()
    ours = our_pipeline(articles, work, port)
    crawler = ours["crawler"]
    print(f"2. our crawl, N={articles}: {ours['wall']:.1f}s, {ours['pages_per_s']:.1f} pages/s "
          f"({ours['archived']} archived{'' if ours['ok'] else ', NOT OK'}); "
          f"{crawler.cpu / max(1, ours['archived']) * 1000:.1f} ms CPU per article")  # fmt: skip
    print(f"   crawler: {usage_cells(crawler)}")
    print(f"   replica: {usage_cells(ours['replica'])}")
    base = wget_trafilatura(articles, work)
    if "skipped" in base:
        print(f"3. wget + trafilatura: skipped ({base['skipped']})")
    else:
        cpu = base["wget"].cpu + base["trafilatura"].cpu
        print(f"3. wget + trafilatura, N={articles}: {base['wall']:.1f}s "
              f"({base['documents']} documents); "
              f"{cpu / articles * 1000:.1f} ms CPU per article")  # fmt: skip
        print(f"   wget: {usage_cells(base['wget'])}")
        print(f"   trafilatura: {usage_cells(base['trafilatura'])}")
        print(f"   => crawl vs wget + trafilatura: {base['wall'] / ours['wall']:.2f}x faster; "
              f"CPU per article {crawler.cpu / max(1, ours['archived']) / (cpu / articles):.2f}x "
              f"theirs")  # fmt: skip
    report_scrapy_floor(ours["db"], articles, port, ours, base)
    h = harvest_after(ours["db"], articles, QUICK_NEW, port)
    print(f"4. harvest after {QUICK_NEW} new articles on {articles}: {h['harvest_requests']} "
          f"requests in {h['harvest_s']:.1f}s ({h['harvest_new']} new)")  # fmt: skip
    r = reextract_rate(ours["db"])
    print(f"6. re-extraction from captures: {r['pages_per_s']:.1f} pages/s over {r['articles']} "
          f"articles ({r['pages_per_s'] / floor['pages_per_s']:.2f}x floor); "
          f"{usage_cells(r['usage'])}")  # fmt: skip
