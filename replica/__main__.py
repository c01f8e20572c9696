"""``python -m replica --port 0 --articles 300 --seed 1 [--log FILE]``: serve the replica."""

from __future__ import annotations

import argparse

from replica import FAULT_NAMES, FaultPlan, build_site, parse_fault_names, run_server

SITES = ("phutho", "nukeviet-example")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m replica",
        description="Serve a deterministic replica of the Phú Thọ political school portal on "
        "127.0.0.1. Prints one line with the URL once ready; stops on SIGINT/SIGTERM.",
    )
    parser.add_argument(
        "--site",
        default="phutho",
        choices=SITES,
        help="which site: the Phú Thọ portal, or the NukeViet example of the README",
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
        f"known: {', '.join(FAULT_NAMES)}",
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
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.site == "nukeviet-example":
        from replica.nukeviet import run_example_server

        run_example_server(args.port, args.articles, args.seed, args.log)
        return
    try:
        names = parse_fault_names(args.faults or ("all" if args.list_faults else ""))
    except ValueError as exc:
        raise SystemExit(f"python -m replica: {exc}") from exc
    if args.list_faults:
        plan = FaultPlan(build_site(args.articles, args.seed, args.edits), names, args.decoy_port)
        print(plan.table_json(args.port))
        return
    run_server(
        args.port, args.articles, args.seed, args.log, names, args.decoy_port, args.edits,
        args.backdated,
    )  # fmt: skip


if __name__ == "__main__":
    main()
