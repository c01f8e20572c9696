"""The replica misbehaving on purpose: server, navigation and content faults, off by default.

`FaultPlan(site, names, decoy_port)` ties every fault to URLs, serves them through one hook in
the request handler (`plan.handle(handler, send_body)`), and lists them with the outcome a
correct archive shows (`plan.table()`, `python -m replica --list-faults`). Everything is
reachable from a hub page linked from the home page; with no faults the site is untouched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

from replica.faults import content_faults, content_pages, navigation_faults, server_faults
from replica.faults.registry import Action, Fault, FaultRegistry
from replica.faults.responses import page_bytes, render_with_counters, send
from replica.model.site import Site
from replica.render import chrome

SERVER = ("http-5xx", "http-429", "http-4xx", "timeout", "slow", "reset", "truncated", "oversize")
NAVIGATION = ("redirects", "traps", "url-variants", "spam-links", "other-ports", "script-links")
CONTENT = (*content_pages.content_faults(), "binary")
FAULT_NAMES = (*SERVER, *NAVIGATION, *CONTENT)
HUB = "/tong-hop-lien-ket/"


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


@dataclass
class Html(Action):
    make: Callable[..., str]

    def respond(self, handler, plan, send_body):
        send(handler, 200, render_with_counters(handler, self.make(handler)), send_body=send_body)


@dataclass
class HomeWithHub(Action):
    hub: str

    def respond(self, handler, plan, send_body):
        _route, body, content_type = page_bytes(handler, plan, "/")
        link = f'<p class="hub">{chrome.link(self.hub, "Liên kết khác")}</p>'.encode()
        send(
            handler,
            200,
            body.replace(b"</body>", link + b"</body>", 1),
            content_type,
            send_body=send_body,
        )


class FaultPlan(FaultRegistry):
    """The chosen faults, installed kind by kind, served through the server's fault hook."""

    def __init__(self, site: Site, names: tuple[str, ...], decoy_port: int | None = None):
        super().__init__(site, names, decoy_port)
        server_faults.install(self)
        navigation_faults.install(self)
        content_faults.install(self)

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
            action = HomeWithHub(HUB)
        if action is None and path == HUB:
            action = Html(self.hub_page)
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
