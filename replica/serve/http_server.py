"""The replica's HTTP server: loopback only, keep-alive, cheap per request."""

from __future__ import annotations

import ipaddress
import itertools
import re
import socket
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import urlsplit

from replica.model.site import SILENT_HOST, Site
from replica.render.static_pages import TINY_JPEG
from replica.serve.conditional import http_date, not_modified
from replica.serve.page_cache import PageCache
from replica.serve.request_log import RequestLog
from replica.serve.routing import Route, resolve

_HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(?::[0-9]{1,5})?|\[[0-9A-Fa-f:]+\](?::[0-9]{1,5})?")


class FaultHook(Protocol):
    """What the server asks of a fault plan (:class:`replica.faults.plan.FaultPlan`)."""

    def handle(self, handler: Handler, send_body: bool) -> bool:
        """Answer the request and return True if a fault owns its path."""
        ...


class Counters:
    """The changing numbers: a global visitor counter and per-article view counts."""

    def __init__(self) -> None:
        self._hits = itertools.count()
        self._views: dict[int, itertools.count] = {}

    def values(self, route: Route, host: str) -> dict[str, str]:
        hits = next(self._hits)
        values = {
            "online": str(4 + hits * 5 % 13),
            "today": str(2274 + hits),
            "yesterday": str(1720 + hits // 1000),
            "total": str(3036841 + hits),
            "host": host,
        }
        if route.article is not None:
            seen = self._views.setdefault(route.article.print_id, itertools.count())
            values["views"] = str(route.article.views + next(seen))
        return values


class LoggedHandler(BaseHTTPRequestHandler):
    """GET and HEAD answered by `_respond`; one line per request in the server's request log,
    none on stderr. Every replica site's handler is one."""

    protocol_version = "HTTP/1.1"
    timeout = 60
    server: LoggedServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silence the default stderr line per request."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.server.request_log.write(self, int(getattr(code, "value", code)))

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        raise NotImplementedError


class LoggedServer(ThreadingHTTPServer):
    """A threaded loopback server with a request log, closed with it."""

    daemon_threads = True
    block_on_close = False
    closing = False
    request_log: RequestLog

    def server_close(self) -> None:
        self.closing = True
        super().server_close()
        self.request_log.close()

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up, and daemon threads cut short at exit, are not errors."""
        if self.closing or isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class Handler(LoggedHandler):
    server_version = "Microsoft-IIS/7.5"
    disable_nagle_algorithm = True
    wbufsize = 1 << 16  # headers and body leave in one write
    server: ReplicaServer

    def version_string(self) -> str:
        return self.server_version

    def do_POST(self) -> None:
        """Nothing here accepts a form (least of all "Gửi cho bạn bè"): 405, then close."""
        self.close_connection = True
        self.send_route(Route(405, ("405",)), send_body=True, extra={"Allow": "GET, HEAD"})

    def _respond(self, send_body: bool) -> None:
        if self.path.startswith(("http://", "https://")) and not self._own_absolute():
            self._answer_for_other_host(send_body)
            return
        faults = self.server.faults
        if faults is not None and faults.handle(self, send_body):
            return
        route = self.server.route(self.path)
        if route.article is None or route.key[0] != "article":
            self.send_route(route, send_body)
            return
        etag, modified = self.server.site.validators(route.article)
        validators = {"ETag": etag, "Last-Modified": http_date(modified)}
        if not_modified(self.headers, etag, modified):
            self.send_response(304)
            for name, value in validators.items():
                self.send_header(name, value)
            self.end_headers()
            return
        self.send_route(route, send_body, validators)

    def _own_absolute(self) -> bool:
        """An absolute-form request (a client using us as its proxy) for one of our own hosts
        becomes an ordinary request for its path."""
        parts = urlsplit(self.path)
        address, port = self.server.server_address[:2]
        if parts.netloc.lower().removeprefix("mail.") not in (f"{address}:{port}", "localhost"):
            return False
        self.path = parts.path + (f"?{parts.query}" if parts.query else "")
        return True

    def _answer_for_other_host(self, send_body: bool) -> None:
        """As a proxy, the replica stands in for the hosts its articles hot-link pictures from
        (no test reaches the internet): their pictures, 404 for anything else, and silence
        from the host that never answers."""
        url = self.path.split("#", 1)[0]
        if urlsplit(url).hostname == SILENT_HOST:
            self.close_connection = True
            time.sleep(self.timeout)
            return
        found = url in self.server.site.foreign_images
        body = TINY_JPEG if found else b"Not Found"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "image/jpeg" if found else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def send_route(
        self, route: Route, send_body: bool, extra: dict[str, str] | None = None
    ) -> None:
        """Answer with the page of ``route`` (faults use it to answer as the site would)."""
        template = self.server.pages.get(route.key)
        body = template.render(self.server.counters.values(route, self.site_host()))
        self.send_response(route.status)
        self.send_header("Content-Type", template.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Powered-By", "ASP.NET")
        if route.location:
            self.send_header("Location", route.location)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def site_host(self) -> str:
        """The Host the client asked for, without the ``mail.`` alias prefix."""
        host = self.headers.get("Host", "")
        if not _HOST_HEADER.fullmatch(host):
            address, port = self.server.server_address[:2]
            host = f"{address}:{port}"
        return host.removeprefix("mail.")


class ReplicaServer(LoggedServer):
    def __init__(
        self,
        site: Site,
        address: tuple[str, int],
        log_path: str | None,
        faults: FaultHook | None = None,
    ) -> None:
        self.site = site
        self.faults = faults
        self.pages = PageCache(site)
        self.counters = Counters()
        self.request_log = RequestLog(log_path)
        super().__init__(address, Handler)

    def route(self, path: str) -> Route:
        """The page a request path gets (a successor site's server routes its own URLs)."""
        return resolve(self.site, path)


class ReplicaServer6(ReplicaServer):
    address_family = socket.AF_INET6


def _require_loopback(host: str) -> None:
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(f"the replica binds loopback addresses only, not {host!r}")


def make_server(
    site: Site,
    host: str = "127.0.0.1",
    port: int = 0,
    log_path: str | None = None,
    faults: FaultHook | None = None,
) -> ReplicaServer:
    """Bind (not start) a server for ``site``; ``server.server_address[1]`` is the real port."""
    _require_loopback(host)
    server_class = ReplicaServer6 if ":" in host else ReplicaServer
    address = ("127.0.0.1" if host == "localhost" else host, port)
    return server_class(site, address, log_path, faults)
