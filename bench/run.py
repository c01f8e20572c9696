"""`python -m bench.run`: every figure of the benchmark in one run, printed as a table.

Figures are measured on this machine in this run; ratios compare against baselines measured in
the same run (the extraction floor, wget + trafilatura).
"""

from __future__ import annotations

import argparse
import shutil

from bench.scenarios import (
    extraction_floor,
    our_pipeline,
    usage_cells,
    wget_trafilatura,
    workspace,
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes", default="5000,50000", help="replica sizes for the crawl figures (comma list)"
    )
    parser.add_argument("--floor-pages", type=int, default=2000, help="pages for the floor")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = workspace()
    print(f"# portal-archive benchmark (work folder {work})\n")
    floor = extraction_floor(args.floor_pages)
    print(f"1. extraction floor: {floor['pages_per_s']:.1f} pages/s over {floor['pages']} pages")
    for n in sizes:
        ours = our_pipeline(n, work)
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
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
