"""The replica's HTTP server: loopback only, keep-alive, cheap per request, JSON request log."""

from __future__ import annotations

import ipaddress
import itertools
import json
import re
import signal
import socket
import sys
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType

from replica.conditional import http_date, not_modified
from replica.faults import FaultPlan
from replica.generate.build import build_site
from replica.model.site import Site
from replica.routes import PageCache, Route, resolve

_HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(?::[0-9]{1,5})?|\[[0-9A-Fa-f:]+\](?::[0-9]{1,5})?")


class RequestLog:
    """One JSON object per line, flushed per line (tests read it while the server runs)."""

    def __init__(self, path: str | None) -> None:
        self._lock = threading.Lock()
        self._file = open(path, "a", encoding="utf-8") if path else None  # noqa: SIM115

    def write(self, handler: BaseHTTPRequestHandler, status: int) -> None:
        if self._file is None:
            return
        headers = getattr(handler, "headers", None)
        record = {
            "t": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": getattr(handler, "command", None),
            "host": headers.get("Host") if headers else None,
            "path": getattr(handler, "path", None),
            "status": status,
            "ua": headers.get("User-Agent") if headers else None,
            "cookie": headers.get("Cookie") if headers else None,
        }
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self._lock:
            self._file.write(line)
            self._file.flush()

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None


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


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Microsoft-IIS/7.5"
    disable_nagle_algorithm = True
    wbufsize = 1 << 16  # headers and body leave in one write
    timeout = 60
    server: ReplicaServer

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silence the default stderr line per request."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.server.request_log.write(self, int(getattr(code, "value", code)))

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def do_POST(self) -> None:
        """Nothing here accepts a form (least of all "Gửi cho bạn bè"): 405, then close."""
        self.close_connection = True
        self._send(Route(405, ("405",)), send_body=True, extra={"Allow": "GET, HEAD"})

    def _respond(self, send_body: bool) -> None:
        faults = self.server.faults
        if faults is not None and faults.handle(self, send_body):
            return
        route = resolve(self.server.site, self.path)
        if route.article is None or route.key[0] != "article":
            self._send(route, send_body)
            return
        etag, modified = self.server.site.validators(route.article)
        validators = {"ETag": etag, "Last-Modified": http_date(modified)}
        if not_modified(self.headers, etag, modified):
            self.send_response(304)
            for name, value in validators.items():
                self.send_header(name, value)
            self.end_headers()
            return
        self._send(route, send_body, validators)

    def _send(self, route: Route, send_body: bool, extra: dict[str, str] | None = None) -> None:
        template = self.server.pages.get(route.key)
        body = template.render(self.server.counters.values(route, self._site_host()))
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

    def _site_host(self) -> str:
        """The Host the client asked for, without the ``mail.`` alias prefix."""
        host = self.headers.get("Host", "")
        if not _HOST_HEADER.fullmatch(host):
            address, port = self.server.server_address[:2]
            host = f"{address}:{port}"
        return host.removeprefix("mail.")


class ReplicaServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(
        self,
        site: Site,
        address: tuple[str, int],
        log_path: str | None,
        faults: FaultPlan | None = None,
    ) -> None:
        self.closing = False
        self.site = site
        self.faults = faults
        self.pages = PageCache(site)
        self.counters = Counters()
        self.request_log = RequestLog(log_path)
        super().__init__(address, Handler)

    def server_close(self) -> None:
        self.closing = True
        super().server_close()
        self.request_log.close()

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up, and daemon threads cut short at exit, are not errors."""
        if self.closing or isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


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
    faults: FaultPlan | None = None,
) -> ReplicaServer:
    """Bind (not start) a server for ``site``; ``server.server_address[1]`` is the real port."""
    _require_loopback(host)
    server_class = ReplicaServer6 if ":" in host else ReplicaServer
    address = ("127.0.0.1" if host == "localhost" else host, port)
    return server_class(site, address, log_path, faults)


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(
    port: int,
    articles: int,
    seed: int,
    log_path: str | None = None,
    faults: tuple[str, ...] = (),
    decoy_port: int | None = None,
    edits: int = 0,
) -> None:
    """Build the site, bind 127.0.0.1, print the one ready line, serve until SIGINT/SIGTERM.

    ``faults`` (names from ``replica.faults.FAULT_NAMES``) make it misbehave on purpose;
    ``edits`` changes the bodies of that many older articles (the same ones for the same seed)."""
    site = build_site(articles, seed, edits)
    plan = FaultPlan(site, faults, decoy_port) if faults else None
    server = make_server(site, "127.0.0.1", port, log_path, plan)
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if in_main else None
    print(
        f"Replica serving {len(site.articles)} articles at "
        f"http://127.0.0.1:{server.server_address[1]}/",
        flush=True,
    )
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if in_main:
            signal.signal(signal.SIGTERM, previous)
