"""Serve a replica until stopped: what ``python -m replica`` and ``portal-archive replica`` run.

It sits above the rooms because it ties them together: a site from :mod:`replica.generate`, an
optional fault plan from :mod:`replica.faults`, a server from :mod:`replica.serve`.
"""

from __future__ import annotations

from replica.faults.plan import FaultPlan
from replica.faults.plan import parse_names as parse_fault_names
from replica.generate.build import build_site
from replica.serve.http_server import make_server
from replica.serve.lifecycle import serve_until_stopped


def run_server(
    port: int,
    articles: int,
    seed: int,
    log_path: str | None = None,
    faults: tuple[str, ...] = (),
    decoy_port: int | None = None,
    edits: int = 0,
    backdated: int = 0,
) -> None:
    """Build the site, bind 127.0.0.1, print the one ready line, serve until SIGINT/SIGTERM.

    ``faults`` (names from ``replica.FAULT_NAMES``) make it misbehave on purpose;
    ``edits`` changes the bodies of that many older articles (the same ones for the same seed);
    ``backdated`` newest articles are published below older ones."""
    site = build_site(articles, seed, edits, backdated)
    plan = FaultPlan(site, faults, decoy_port) if faults else None
    server = make_server(site, "127.0.0.1", port, log_path, plan)
    serve_until_stopped(
        server,
        f"Replica serving {len(site.articles)} articles at "
        f"http://127.0.0.1:{server.server_address[1]}/",
    )


SITES = ("phutho", "phutho-2025", "nukeviet-example")


def check_site(name: str) -> str:
    """``name`` if it is a replica's ``--site`` name, else a ValueError listing the choices."""
    if name not in SITES:
        raise ValueError(f"unknown site {name!r}; choose one of: {', '.join(SITES)}")
    return name


def serve_site(
    site: str,
    port: int = 0,
    articles: int = 300,
    seed: int = 1,
    log_path: str | None = None,
    faults: str = "",
    decoy_port: int | None = None,
    edits: int = 0,
    backdated: int = 0,
    http: bool = False,
    second_port: int = 0,
    old_articles: int = 300,
) -> None:
    """Serve the replica named ``site`` until SIGINT/SIGTERM (both command lines come here).
    A ValueError names an unknown site, fault, or an option that site does not take."""
    check_site(site)
    if site == "nukeviet-example":
        if edits or backdated or faults:
            raise ValueError("--site nukeviet-example takes --port, --articles, --seed and --log")
        # Imported here: the example and the successor rooms are not needed by the old site.
        from replica.nukeviet import run_example_server

        run_example_server(port, articles, seed, log_path)
    elif site == "phutho-2025":
        if edits or backdated:
            raise ValueError("--edits and --backdated apply to --site phutho only")
        from replica.successor.faults import parse_successor_faults
        from replica.successor.launch import run_successor

        run_successor(
            port=port, articles=articles, seed=seed, log_path=log_path,
            faults=parse_successor_faults(faults), decoy_port=decoy_port, http=http,
            second_port=second_port, old_articles=old_articles,
        )  # fmt: skip
    else:
        names = parse_fault_names(faults)
        run_server(port, articles, seed, log_path, names, decoy_port, edits, backdated)
