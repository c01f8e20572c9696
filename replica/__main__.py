"""``python -m replica --port 0 --articles 300 --seed 1 [--log FILE]``: serve the replica."""

from __future__ import annotations

import argparse

from replica.server import run


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m replica",
        description="Serve a deterministic replica of the Phú Thọ political school portal on "
        "127.0.0.1. Prints one line with the URL once ready; stops on SIGINT/SIGTERM.",
    )
    parser.add_argument("--port", type=int, default=0, help="TCP port (0: the OS picks one)")
    parser.add_argument("--articles", type=int, default=300, help="number of articles (>= 11)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--edits", type=int, default=0, help="edit this many older articles")
    parser.add_argument("--log", default=None, help="append one JSON line per request here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    run(args.port, args.articles, args.seed, args.log, args.edits)


if __name__ == "__main__":
    main()
