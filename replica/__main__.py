"""``python -m replica [--site NAME] --port 0 --articles 300 --seed 1 [--log FILE]``: serve a
replica (``phutho``, the default: the old portal; ``phutho-2025``: its successor;
``nukeviet-example``: the NukeViet-style sibling of README's "Adding a portal")."""

from __future__ import annotations

import argparse
import json

from replica import (
    FAULT_NAMES,
    SITES,
    SUCCESSOR_FAULT_NAMES,
    FaultPlan,
    SuccessorFaultPlan,
    build_danguykhoi,
    build_site,
    build_successor_site,
    check_site,
    parse_fault_names,
    parse_successor_faults,
    serve_site,
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m replica",
        description="Serve a deterministic replica of the Phú Thọ political school portal on "
        "127.0.0.1. Prints one line with the URL once ready (phutho-2025: a second line with "
        "the sister portal's URL); stops on SIGINT/SIGTERM.",
    )
    parser.add_argument(
        "--site",
        default="phutho",
        help=f"which replica: {', '.join(SITES)} (phutho-2025: the successor site, https on "
        "a DNN platform; nukeviet-example: the sibling of README's 'Adding a portal')",
    )
    parser.add_argument("--port", type=int, default=0, help="TCP port (0: the OS picks one)")
    parser.add_argument("--articles", type=int, default=300, help="number of articles (>= 11)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--edits", type=int, default=0, help="edit this many older articles")
    parser.add_argument(
        "--backdated",
        type=int,
        default=0,
        help="publish this many of the newest articles back-dated, on listing pages 2 and 3",
    )
    parser.add_argument("--log", default=None, help="append one JSON line per request here")
    parser.add_argument(
        "--faults",
        default="",
        help="misbehave on purpose: 'all' or comma-separated names (see --list-faults); "
        f"known: {', '.join(FAULT_NAMES)} (phutho-2025: {', '.join(SUCCESSOR_FAULT_NAMES)})",
    )
    parser.add_argument(
        "--decoy-port",
        type=int,
        default=None,
        help="another loopback port the faulty pages link and redirect to (must get nothing)",
    )
    parser.add_argument(
        "--list-faults",
        action="store_true",
        help="print each fault's URL and expected outcome as JSON lines (for --port) and exit",
    )
    parser.add_argument(
        "--list-articles",
        action="store_true",
        help="print each article's ground truth (URL, ids, title, date, author, paragraphs "
        "counted, old URL) as JSON lines and exit (phutho-2025: the sister portal's too, "
        'with "portal": "danguykhoi")',
    )
    successor = parser.add_argument_group("phutho-2025 only")
    successor.add_argument(
        "--http", action="store_true", help="serve plain http instead of https (self-signed)"
    )
    successor.add_argument(
        "--second-port", type=int, default=0, help="port of the sister portal danguykhoi"
    )
    successor.add_argument(
        "--old-articles",
        type=int,
        default=300,
        help="size of the old site whose newest articles migrated (as phutho's --articles)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    try:
        check_site(args.site)
        if args.list_articles or args.list_faults:
            _lists(args)
            return
        serve_site(
            args.site, port=args.port, articles=args.articles, seed=args.seed,
            log_path=args.log, faults=args.faults, decoy_port=args.decoy_port,
            edits=args.edits, backdated=args.backdated, http=args.http,
            second_port=args.second_port, old_articles=args.old_articles,
        )  # fmt: skip
    except ValueError as exc:
        raise SystemExit(f"python -m replica: {exc}") from exc


def _lists(args: argparse.Namespace) -> None:
    """--list-articles or --list-faults of the site, as JSON lines."""
    if args.site == "nukeviet-example":
        raise ValueError("--site nukeviet-example takes --port, --articles, --seed and --log")
    if args.site == "phutho-2025":
        _successor_lists(args)
        return
    names = parse_fault_names(args.faults or "all")
    site = build_site(args.articles, args.seed, args.edits)
    if args.list_articles:
        for article in site.articles:
            print(json.dumps(article.expected(), ensure_ascii=False))
        return
    print(FaultPlan(site, names, args.decoy_port).table_json(args.port))


def _successor_lists(args: argparse.Namespace) -> None:
    if args.edits or args.backdated:
        raise ValueError("--edits and --backdated apply to --site phutho only")
    names = parse_successor_faults(args.faults or "all")
    school = build_successor_site(args.articles, args.seed, args.old_articles)
    if args.list_articles:
        for site in (school, build_danguykhoi(school, args.seed)):
            for article in site.articles:
                line = {"portal": site.portal.key, **article.expected()}
                print(json.dumps(line, ensure_ascii=False))
        return
    scheme = "http" if args.http else "https"
    print(SuccessorFaultPlan(school, names, args.decoy_port, scheme).table_json(args.port))


if __name__ == "__main__":
    main()
