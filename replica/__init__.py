"""A deterministic replica of the Phú Thọ political school portal, served on loopback only.

The demo and the tests crawl it. The same arguments give the same site, byte for byte, and a
site is prefix-stable in its number of articles. Public entry points (the product imports only
these; tests may import the rooms):

- ``build_site(articles, seed=1, edits=0) -> Site``: the site model.
- ``make_server(site, host="127.0.0.1", port=0, log_path=None, faults=None)``: bind (not start)
  a server for a site; ``server.server_address[1]`` is the port the OS picked.
- ``run_server(port, articles, seed, log_path, faults, decoy_port, edits)``: build a site, serve
  it until SIGINT/SIGTERM (``python -m replica`` does this from the command line).
- ``FaultPlan(site, names, decoy_port)``, ``FAULT_NAMES``, ``parse_fault_names(value)``: the
  site misbehaving on purpose (``python -m replica --faults all``, ``--list-faults``).
- ``SITES``: the replicas by ``--site`` name: ``phutho`` (the portal above, the default) and
  ``phutho-2025``, its successor on a DNN platform (:mod:`replica.successor`):
  ``build_successor_site(articles, seed=1, old_articles=300) -> SuccessorSite`` (each
  ``SuccessorArticle`` knows its URL, ids, title, date, author, body and old URL),
  ``build_danguykhoi(school, seed)`` (the sister portal that cross-posts school news),
  ``start_successor(...)`` (bind both servers), ``run_successor(...)`` (serve until stopped),
  ``SuccessorFaultPlan``, ``SUCCESSOR_FAULT_NAMES``, ``parse_successor_faults(value)``;
  ``nukeviet-example``, a NukeViet-style sibling serving the same articles
  (:mod:`replica.nukeviet`, the example of README's "Adding a portal").

Rooms, each importing only those before it: ``words`` (word banks, Vietnamese text helpers),
``model`` (the site's values and queries), ``generate`` (the site from a seed), ``render`` (HTML),
``serve`` (HTTP), ``faults``, ``successor`` and ``nukeviet`` (other sites, on top of all the
others).
``launch`` ties them together for ``run_server``.
"""

from replica.faults.plan import FAULT_NAMES, FaultPlan
from replica.faults.plan import parse_names as parse_fault_names
from replica.generate.build import build_site
from replica.launch import SITES, check_site, run_server, serve_site
from replica.model.site import Site
from replica.serve.http_server import make_server
from replica.successor.build import build_danguykhoi, build_successor_site
from replica.successor.faults import (
    SUCCESSOR_FAULT_NAMES,
    SuccessorFaultPlan,
    parse_successor_faults,
)
from replica.successor.launch import run_successor, start_successor
from replica.successor.model import SuccessorArticle, SuccessorSite

__all__ = [
    "FAULT_NAMES",
    "SITES",
    "SUCCESSOR_FAULT_NAMES",
    "FaultPlan",
    "Site",
    "SuccessorArticle",
    "SuccessorFaultPlan",
    "SuccessorSite",
    "build_danguykhoi",
    "build_site",
    "build_successor_site",
    "check_site",
    "make_server",
    "parse_fault_names",
    "parse_successor_faults",
    "run_server",
    "serve_site",
    "run_successor",
    "start_successor",
]
