"""The successor portals' server: the first replica's server (keep-alive, request log,
conditional requests, counters, the fault hook) with the platform's routes and pages, over
TLS on loopback unless asked for plain http."""

from __future__ import annotations

import socket
import ssl
import sys
from functools import lru_cache

from replica.render.page_template import Template
from replica.render.static_pages import TINY_JPEG
from replica.serve.http_server import FaultHook, Handler, ReplicaServer
from replica.serve.routing import Route
from replica.successor import chrome, pages, routing
from replica.successor.model import SuccessorSite

HTML = "text/html; charset=utf-8"


class SuccessorPages:
    """Rendered pages by route key, in a bounded LRU (big sites are rendered lazily)."""

    def __init__(self, site: SuccessorSite, size: int = 1024) -> None:
        self.site = site
        self.get = lru_cache(maxsize=size)(self._render)

    def _render(self, key: tuple[str, ...]) -> Template:
        site, kind = self.site, key[0]
        if kind == "article":
            return Template.compile(pages.article_page(site, site.by_path(key[1])))
        if kind == "print":
            return Template.compile(pages.print_page(site.by_id(int(key[1]))))
        if kind == "listing":
            return Template.compile(pages.listing_page(site, int(key[1]), int(key[2])))
        if kind == "home":
            return Template.compile(pages.home_page(site))
        if kind == "login":
            return Template.compile(pages.login_page(site))
        if kind == "robots":
            return Template.constant(pages.ROBOTS_TXT.encode(), "text/plain; charset=utf-8")
        if kind == "asset":
            content, mime = chrome.ASSETS[key[1]]
            return Template.constant(content, mime)
        if kind == "image":
            return Template.constant(TINY_JPEG, "image/jpeg")
        if kind == "file":
            file = site.files[key[1]]
            return Template.constant(file.content(), file.mime)
        if kind == "405":
            return Template.compile("<html><body><h1>405 Method Not Allowed</h1></body></html>")
        return Template.compile(pages.not_found_page(site))


# The platform sets these on every page (a crawler should neither need nor send them back).
PAGE_COOKIES = ("dnn_IsMobile=False; path=/; HttpOnly", "language=vi-VN; path=/; HttpOnly")
PAGE_KINDS = frozenset(("home", "listing", "article", "print", "login", "404"))


class SuccessorHandler(Handler):
    server_version = "Microsoft-IIS/10.0"
    page_headers = False

    def send_route(
        self, route: Route, send_body: bool, extra: dict[str, str] | None = None
    ) -> None:
        self.page_headers = route.key[0] in PAGE_KINDS
        super().send_route(route, send_body, extra)

    def end_headers(self) -> None:
        if self.page_headers:
            self.page_headers = False
            secure = "; secure" if self.server.tls else ""
            for cookie in PAGE_COOKIES:
                self.send_header("Set-Cookie", cookie + secure)
            self.send_header("Cache-Control", "private")
        super().end_headers()

    def do_POST(self) -> None:
        """A postback (the search box, the login button) re-renders the page it was posted to;
        the body is read and ignored."""
        length = self.headers.get("Content-Length", "0")
        if length.isdigit() and int(length) <= 1 << 20:
            self.rfile.read(int(length))
            route = self.server.route(self.path)
            if route.key[0] in ("home", "listing", "article", "login", "404"):
                self.send_route(route, send_body=True)
                return
        self.close_connection = True
        self.send_route(Route(405, ("405",)), send_body=True, extra={"Allow": "GET, HEAD"})


class SuccessorServer(ReplicaServer):
    """``tls``: a server context (every accepted connection is wrapped in its own thread, so
    a client that never finishes its handshake holds up no one), or None for plain http."""

    def __init__(
        self,
        site: SuccessorSite,
        address: tuple[str, int],
        log_path: str | None,
        faults: FaultHook | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(site, address, log_path, faults)  # type: ignore[arg-type]
        self.RequestHandlerClass = SuccessorHandler
        self.pages = SuccessorPages(site)  # type: ignore[assignment]
        self.tls = tls

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    def route(self, path: str) -> Route:
        return routing.resolve(self.site, path)  # type: ignore[arg-type]

    def finish_request(self, request, client_address) -> None:
        if self.tls is None:
            super().finish_request(request, client_address)
            return
        request.settimeout(SuccessorHandler.timeout)
        try:
            secure = self.tls.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return  # a failed handshake is the client's business
        try:
            self.RequestHandlerClass(secure, client_address, self)
        finally:
            secure.close()

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ssl.SSLError):
            return
        super().handle_error(request, client_address)


class SuccessorServer6(SuccessorServer):
    address_family = socket.AF_INET6


def make_successor_server(
    site: SuccessorSite,
    host: str = "127.0.0.1",
    port: int = 0,
    log_path: str | None = None,
    faults: FaultHook | None = None,
    tls: ssl.SSLContext | None = None,
) -> SuccessorServer:
    """Bind (not start) a server for a successor portal; loopback addresses only."""
    if host not in ("localhost", "127.0.0.1", "::1") and not host.startswith("127."):
        raise ValueError(f"the replica binds loopback addresses only, not {host!r}")
    server_class = SuccessorServer6 if ":" in host else SuccessorServer
    address = ("127.0.0.1" if host == "localhost" else host, port)
    return server_class(site, address, log_path, faults, tls)
