"""The replica misbehaving on purpose: server, navigation and content faults, off by default.

`FaultPlan(site, names, decoy_port)` ties every fault to URLs, serves them through one hook in
the request handler (`plan.handle(handler, send_body)`), and lists them with the outcome a
correct archive shows (`plan.table()`, `python -m replica --list-faults`). Everything is
reachable from a hub page linked from the home page; with no faults the site is untouched.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

from replica import fault_pages, fault_server
from replica.fault_server import Action
from replica.model.site import Site
from replica.render import chrome

SERVER = ("http-5xx", "http-429", "http-4xx", "timeout", "slow", "reset", "truncated", "oversize")
NAVIGATION = ("redirects", "traps", "url-variants", "spam-links", "other-ports", "script-links")
CONTENT = (*fault_pages.content_faults(), "binary")
FAULT_NAMES = (*SERVER, *NAVIGATION, *CONTENT)
HUB = "/tong-hop-lien-ket/"
DEFAULT_DECOY_PORT = 9  # "discard": nothing listens there on a test machine


def parse_names(value: str | None) -> tuple[str, ...]:
    """`all`, or comma-separated names from FAULT_NAMES; unknown names are a ValueError."""
    if not value:
        return ()
    if value.strip() == "all":
        return FAULT_NAMES
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in FAULT_NAMES]
    if unknown:
        raise ValueError(f"unknown fault mode(s) {unknown}; known: all, {', '.join(FAULT_NAMES)}")
    return names


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


class FaultPlan:
    def __init__(self, site: Site, names: tuple[str, ...], decoy_port: int | None = None):
        self.site = site
        self.names = names
        self.decoy_port = decoy_port or DEFAULT_DECOY_PORT
        self.faults: list[Fault] = []
        self.actions: dict[str, Action] = {}
        self.links: list[tuple[str, str]] = []  # (href, text) on the hub page
        self.prefixes: dict[str, Action] = {}  # endless families (calendar, deep paths)
        fault_server.install(self)

    # --- building (used by replica.fault_server.install) ---------------------------------------
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

    # --- serving ---------------------------------------------------------------------------
    def handle(self, handler, send_body: bool) -> bool:
        """Serve the request if a fault owns its path; False lets the site answer normally."""
        if not self.faults:
            return False
        path = handler.path.split("?", 1)[0].split("#", 1)[0]
        action = self.actions.get(path)
        if action is None:
            action = next((a for p, a in self.prefixes.items() if path.startswith(p)), None)
        if action is None and path == "/":
            action = fault_server.HomeWithHub(HUB)
        if action is None and path == HUB:
            action = fault_server.Html(self.hub_page)
        if action is None:
            return False
        action.respond(handler, self, send_body)
        return True

    def hub_page(self, handler) -> str:
        port = handler.server.server_address[1]
        items = "".join(
            f"<li>{chrome.link(href.format(port=port, decoy=self.decoy_port), text)}</li>"
            for href, text in self.links
        )
        main = f'<div class="title_box">Liên kết</div>\r\n<ul class="hub">{items}</ul>'
        return chrome.page("Liên kết", self.site.categories, main, self.site.latest())

    # --- listing ---------------------------------------------------------------------------
    def table(self, port: int) -> list[Fault]:
        """Every injected fault with URLs completed for a replica serving on `port`."""

        def fill(text: str) -> str:
            return text.replace("{port}", str(port)).replace("{decoy}", str(self.decoy_port))

        return [replace(f, url=fill(f.url), note=fill(f.note)) for f in self.faults]

    def table_json(self, port: int) -> str:
        return "\n".join(json.dumps(asdict(f), ensure_ascii=False) for f in self.table(port))
