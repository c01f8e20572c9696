"""`python -m bench.run`: every figure of the benchmark in one run, printed as a table.

Figures are measured on this machine in this run; ratios compare against baselines measured in
the same run (the extraction floor, wget + trafilatura).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from bench.procs import free_port
from bench.scenarios import (
    extraction_floor,
    our_pipeline,
    usage_cells,
    wget_trafilatura,
    workspace,
)
from bench.scrapy_floor import report_scrapy_floor


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes", default="5000,50000", help="replica sizes for the crawl figures (comma list)"
    )
    parser.add_argument("--floor-pages", type=int, default=2000, help="pages for the floor")
    parser.add_argument(
        "--search-articles", type=int, default=100_000, help="archive size for search figures"
    )
    parser.add_argument(
        "--harvest-articles", type=int, default=5000, help="archive size for the harvest figure"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--quick", action="store_true",
        help="crawl and re-extraction figures at N=2000 only (a few minutes)",
    )  # fmt: skip
    return parser.parse_args()


RESULTS = Path(__file__).resolve().parent


class Tee:
    """Every printed line also goes to the run's results file."""

    def __init__(self, stream, path: Path) -> None:
        self.stream, self.file = stream, path.open("w", encoding="utf-8")

    def write(self, text: str) -> int:
        self.file.write(text)
        self.file.flush()
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()


def results_path() -> Path:
    """bench/results-DATE-TIME.txt: two runs on one day never overwrite each other."""
    return RESULTS / f"results-{time.strftime('%Y-%m-%d-%H%M%S')}.txt"


def report_archival(articles: int, floor: dict, work) -> None:
    from bench.archival import harvest_vs_recrawl, reextract_rate

    h = harvest_vs_recrawl(articles, 50, work)
    print(f"4. harvest after 50 new articles on {articles}: {h['harvest_requests']} requests in "
          f"{h['harvest_s']:.1f}s ({h['harvest_new']} new); full re-crawl: "
          f"{h['recrawl_requests']} requests in {h['recrawl_s']:.1f}s "
          f"({h['recrawl_s'] / h['harvest_s']:.1f}x slower)")  # fmt: skip
    r = reextract_rate(h["db"])
    print(f"6. re-extraction from captures: {r['pages_per_s']:.1f} pages/s over {r['articles']} "
          f"articles ({r['pages_per_s'] / floor['pages_per_s']:.2f}x floor)")  # fmt: skip


def report_generic() -> None:
    from bench.generic import generic_quality, generic_speed

    g = generic_speed()
    print(f"7. generic extraction over {g['pages']} pages (CPU): ours {g['ours_ms']:.2f} ms/page "
          f"(the generic path alone {g['path_ms']:.2f}); trafilatura.extract "
          f"{g['plain_ms']:.2f} ms/page: ours {g['ours_ms'] / g['plain_ms']:.2f}x its time, the "
          f"path alone {g['path_ms'] / g['plain_ms']:.2f}x; with metadata "
          f"{g['metadata_ms']:.2f} ms/page ({g['ours_ms'] / g['metadata_ms']:.2f}x)")  # fmt: skip
    quality = generic_quality()
    print("7b. generic fields right, same pages (ours / trafilatura with metadata / htmldate):")
    for key, (value, pages) in quality.items():
        print(f"    {key:28s} {value:.3f} over {pages} pages")


def report_search(articles: int, work) -> None:
    from bench.procs import free_port
    from bench.search import build_archive, page_latency, reindex_seconds, search_latency

    path = work / "search" / "archive.db"
    path.parent.mkdir()
    built = build_archive(path, articles)
    reindex = reindex_seconds(path)
    latency = search_latency(path, free_port())
    print(f"5. search over {built['articles']} articles (JSON, first 20 with the total): "
          f"p50 {latency['p50_ms']:.1f} ms, p95 {latency['p95_ms']:.1f} ms (target < 100 ms), "
          f"max {latency['max_ms']:.1f} ms over {latency['queries']} queries")  # fmt: skip
    targets = {"articles table": 300, "table search": 300, "ranked search": 100,
               "article page": 150}  # fmt: skip
    for kind, figure in page_latency(path, free_port()).items():
        target = f" (target < {targets[kind]} ms)" if kind in targets else ""
        print(f"   page {kind}: p50 {figure['p50_ms']:.1f} ms, p95 {figure['p95_ms']:.1f} ms"
              f"{target}, max {figure['max_ms']:.1f} ms, n={figure['requests']}")  # fmt: skip
    print(f"   archive written with indexes on every save: {built['build_s']:.1f}s; "
          f"full re-index of search text and references: {reindex:.1f}s")  # fmt: skip


def main() -> None:
    args = parse_args()
    path = results_path()
    sys.stdout = Tee(sys.stdout, path)
    work = workspace()
    print(f"# portal-archive benchmark{' --quick' if args.quick else ''} (work folder {work})\n")
    try:
        if args.quick:
            from bench.quick import report_quick

            report_quick(work)
        else:
            full(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n(written to {path.relative_to(RESULTS.parent)})")


def full(args: argparse.Namespace, work: Path) -> None:
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    floor = extraction_floor(args.floor_pages)
    print(f"1. extraction floor: {floor['pages_per_s']:.1f} pages/s over {floor['pages']} pages")
    report_generic()
    for n in sizes:
        port = free_port()
        ours = our_pipeline(n, work, port)
        ratio = ours["pages_per_s"] / floor["pages_per_s"]
        print(f"2. our pipeline, N={n}: {ours['pages_per_s']:.1f} pages/s "
              f"({ours['articles_per_s']:.1f} articles/s, {ours['archived']} archived, "
              f"{ratio:.2f}x floor)")  # fmt: skip
        print(f"   crawler: {usage_cells(ours['crawler'])}")
        print(f"   replica: {usage_cells(ours['replica'])}")
        base = wget_trafilatura(n, work)
        if "skipped" in base:
            print(f"3. wget + trafilatura, N={n}: skipped ({base['skipped']})")
            continue
        speedup = base["wall"] / ours["wall"]
        print(f"3. wget + trafilatura, N={n}: {base['wall']:.1f}s end to end "
              f"({base['documents']} documents); we are {speedup:.2f}x faster")  # fmt: skip
        print(f"   wget: {usage_cells(base['wget'])}")
        print(f"   trafilatura: {usage_cells(base['trafilatura'])}")
        report_scrapy_floor(ours["db"], n, port, ours, base)
    if args.harvest_articles > 0:
        report_archival(args.harvest_articles, floor, work)
    if args.search_articles > 0:
        report_search(args.search_articles, work)


if __name__ == "__main__":
    main()
