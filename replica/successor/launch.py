"""Serve the successor site and its sister portal until stopped (``--site phutho-2025``).

Two servers in one process, both on loopback, both https (one self-signed certificate) unless
``http``: the school's portal, and ``danguykhoi`` on a second port. Two ready lines are
printed, the school's first (its URL last on the line, as the first replica's line).
"""

from __future__ import annotations

import threading

from replica.serve.lifecycle import serve_until_stopped
from replica.successor.build import build_danguykhoi, build_successor_site
from replica.successor.faults import SuccessorFaultPlan
from replica.successor.portal import DANGUYKHOI, SCHOOL
from replica.successor.server import SuccessorServer, make_successor_server
from replica.successor.tls import self_signed_context


def start_successor(
    port: int = 0,
    articles: int = 300,
    seed: int = 1,
    log_path: str | None = None,
    faults: tuple[str, ...] = (),
    decoy_port: int | None = None,
    old_articles: int = 300,
    http: bool = False,
    second_port: int = 0,
) -> tuple[SuccessorServer, SuccessorServer]:
    """Build both portals and bind their servers (not started): (school, danguykhoi).
    Faults are served by the school's portal only; both write the same request log."""
    school = build_successor_site(articles, seed, old_articles)
    sister = build_danguykhoi(school, seed)
    scheme = "http" if http else "https"
    plan = SuccessorFaultPlan(school, faults, decoy_port, scheme) if faults else None
    tls = None if http else self_signed_context((SCHOOL.host, DANGUYKHOI.host, "localhost"))
    first = make_successor_server(school, "127.0.0.1", port, log_path, plan, tls)
    second = make_successor_server(sister, "127.0.0.1", second_port, log_path, None, tls)
    return first, second


def url_of(server: SuccessorServer) -> str:
    return f"{server.scheme}://127.0.0.1:{server.server_address[1]}/"


def run_successor(**options) -> None:
    """:func:`start_successor`, print the two ready lines, serve until SIGINT/SIGTERM."""
    first, second = start_successor(**options)
    threading.Thread(target=second.serve_forever, args=(0.5,), daemon=True).start()

    def stop_second() -> None:
        second.shutdown()
        second.server_close()

    serve_until_stopped(
        first,
        f"Replica serving {len(first.site.articles)} articles at {url_of(first)}",
        f"Sister portal {DANGUYKHOI.key} serving {len(second.site.articles)} articles at "
        f"{url_of(second)}",
        on_close=stop_second,
    )
