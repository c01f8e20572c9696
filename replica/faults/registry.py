"""What a fault is, how one answers a request, and the register the chosen faults are added to.

Each kind of fault (:mod:`server_faults`, :mod:`navigation_faults`, :mod:`content_faults`)
adds its faults to a :class:`FaultRegistry`; :class:`replica.faults.plan.FaultPlan` is the
registry that then serves and lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from replica.model.articles import Article
from replica.model.site import Site

DEFAULT_DECOY_PORT = 9  # "discard": nothing listens there on a test machine


@dataclass(frozen=True)
class Fault:
    """One injected fault and what a correct archive does about it.

    `outcome`: "archived" (the page is stored, `article` holds its expected fields; `kind` set
    when a problem is also recorded), "recovered" (a good article, stored after a transient
    failure recorded as `kind`), "failed" / "skipped" (recorded in errors as `kind`, not
    stored), "not-requested" (the crawler must never ask for `url`).
    """

    name: str
    group: str
    url: str  # a path on the replica, or an absolute URL elsewhere
    outcome: str
    kind: str | None = None
    status: int | None = None
    note: str = ""
    article: dict | None = None


class Action:
    """One behaviour; `respond` writes (or withholds) the whole answer."""

    def respond(self, handler, plan: FaultRegistry, send_body: bool) -> None:
        raise NotImplementedError


class FaultRegistry:
    """The faults chosen by name, and which URL (or URL prefix) each owns."""

    def __init__(self, site: Site, names: tuple[str, ...], decoy_port: int | None = None):
        self.site = site
        self.names = names
        self.decoy_port = decoy_port or DEFAULT_DECOY_PORT
        self.faults: list[Fault] = []
        self.actions: dict[str, Action] = {}
        self.links: list[tuple[str, str]] = []  # (href, text) on the hub page
        self.prefixes: dict[str, Action] = {}  # endless families (calendar, deep paths)

    def add(self, fault: Fault, action: Action | None = None, link: str | None = None) -> None:
        if fault.name not in self.names:
            return
        self.faults.append(fault)
        if action is not None and fault.url.startswith("/"):
            self.actions[fault.url] = action
        if link is not None:
            self.links.append((link, fault.name))

    def serve(self, name: str, path: str, action: Action) -> None:
        """An extra URL (a redirect hop, a variant, a print view) of the fault `name`."""
        if name in self.names:
            self.actions.setdefault(path, action)


def good_article(plan: FaultRegistry, i: int) -> Article:
    """The i-th good article chosen to suffer a transient fault (spread over the site)."""
    goods = [a for a in plan.site.articles if a.key != "seed"]
    step = max(1, len(goods) // 13)
    return goods[(step * (i + 1)) % len(goods)]
