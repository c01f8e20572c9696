"""The successor portal misbehaving on purpose: the first replica's server and navigation
faults (errors, 429, timeouts, resets, truncation, oversize; redirects, traps, URL variants,
links off the site) on the successor's articles, from a hub linked on the home page.

Content faults are the old CMS's (its markup, encodings, print ids) and are not served here.
"""

from __future__ import annotations

from dataclasses import replace

from replica.faults import navigation_faults, server_faults
from replica.faults.plan import HUB, NAVIGATION, SERVER, FaultPlan
from replica.faults.registry import FaultRegistry
from replica.successor import chrome
from replica.successor.model import SuccessorSite

SUCCESSOR_FAULT_NAMES = (*SERVER, *NAVIGATION)


def parse_successor_faults(value: str | None) -> tuple[str, ...]:
    """``all`` or comma-separated names from ``SUCCESSOR_FAULT_NAMES``."""
    if not value:
        return ()
    if value.strip() == "all":
        return SUCCESSOR_FAULT_NAMES
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in SUCCESSOR_FAULT_NAMES]
    if unknown:
        raise ValueError(
            f"unknown fault mode(s) {unknown} for the successor site; "
            f"known: all, {', '.join(SUCCESSOR_FAULT_NAMES)}"
        )
    return names


class SuccessorFaultPlan(FaultPlan):
    """Server and navigation faults only; the hub page in the platform's chrome. Links to the
    site's own port use its ``scheme`` (https unless served with ``--http``)."""

    def __init__(
        self,
        site: SuccessorSite,
        names: tuple[str, ...],
        decoy_port: int | None = None,
        scheme: str = "https",
    ):
        FaultRegistry.__init__(self, site, names, decoy_port)  # type: ignore[arg-type]
        server_faults.install(self)
        navigation_faults.install(self)
        own = "http://mail.127.0.0.1:{port}"
        mine = f"{scheme}://mail.127.0.0.1:{{port}}"
        self.links = [(href.replace(own, mine), text) for href, text in self.links]
        self.faults = [replace(f, note=f.note.replace(own, mine)) for f in self.faults]

    def hub_page(self, handler) -> str:
        port = handler.server.server_address[1]
        items = "".join(
            f"<li>{chrome.link(href.format(port=port, decoy=self.decoy_port), text)}</li>"
            for href, text in self.links
        )
        main = chrome.module(990, "Liên kết", f'<ul class="hub">{items}</ul>')
        site: SuccessorSite = self.site  # type: ignore[assignment]
        return chrome.page(site.portal, "Liên kết", HUB, (), main, site.latest())
