"""Serve a replica until stopped: what ``python -m replica`` and ``portal-archive replica`` run.

It sits above the rooms because it ties them together: a site from :mod:`replica.generate`, an
optional fault plan from :mod:`replica.faults`, a server from :mod:`replica.serve`.
"""

from __future__ import annotations

from replica.faults.plan import FaultPlan
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
