"""Server faults: HTTP errors, hangs, resets, truncated and oversized answers, slow pages.

The first part says how each misbehaves on the wire, `install` which URLs carry it.
"""

from __future__ import annotations

import itertools
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

from replica.faults.registry import Action, Fault, FaultRegistry, good_article
from replica.faults.responses import HTML, page_bytes, send, serve_normally

HANG_SECONDS = 90.0  # longer than any download timeout a crawler should use
SLOW_SECONDS = 1.0
OVERSIZE_BYTES = 64 * 1024 * 1024  # twice Scrapy's default DOWNLOAD_MAXSIZE


@dataclass
class Counted(Action):
    """Misbehaves for the first `times` requests of its URL (None: always), then the site
    answers normally: a transient fault."""

    times: int | None = None
    _count: itertools.count = field(default_factory=itertools.count, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def respond(self, handler, plan: FaultRegistry, send_body: bool) -> None:
        with self._lock:
            n = next(self._count)
        if self.times is None or n < self.times:
            self.misbehave(handler, plan, send_body)
        else:
            serve_normally(handler, plan, send_body)

    def misbehave(self, handler, plan: FaultRegistry, send_body: bool) -> None:
        raise NotImplementedError


@dataclass
class Status(Counted):
    status: int = 500
    retry_after: str | None = None

    def misbehave(self, handler, plan, send_body):
        headers = [("Retry-After", self.retry_after)] if self.retry_after else []
        body = f"<html><body><h1>{self.status}</h1></body></html>".encode()
        send(handler, self.status, body, headers=headers, send_body=send_body)


@dataclass
class Hang(Counted):
    """Accept the request, then say nothing until long after any sane timeout."""

    def misbehave(self, handler, plan, send_body):
        handler.log_request(0)
        handler.close_connection = True
        time.sleep(HANG_SECONDS)


@dataclass
class Reset(Counted):
    """Reset the connection (RST) without a byte of answer."""

    def misbehave(self, handler, plan, send_body):
        handler.log_request(0)
        handler.close_connection = True
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()


@dataclass
class Truncate(Counted):
    """Promise the whole page in Content-Length, send half of it, hang up."""

    def misbehave(self, handler, plan, send_body):
        _route, body, content_type = page_bytes(handler, plan)
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body[: len(body) // 2])


@dataclass
class Slow(Action):
    seconds: float = SLOW_SECONDS

    def respond(self, handler, plan, send_body):
        time.sleep(self.seconds)
        serve_normally(handler, plan, send_body)


@dataclass
class Oversize(Action):
    """A page far over any size limit, streamed (with or without a Content-Length)."""

    declare_length: bool = True

    def respond(self, handler, plan, send_body):
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", HTML)
        if self.declare_length:
            handler.send_header("Content-Length", str(OVERSIZE_BYTES))
        handler.send_header("Connection", "close")
        handler.end_headers()
        chunk = b"<p>" + b"Trang qu\xc3\xa1 l\xe1\xbb\x9bn. " * 4000 + b"</p>\r\n"
        sent = 0
        try:
            while send_body and sent < OVERSIZE_BYTES:
                piece = chunk[: OVERSIZE_BYTES - sent]
                handler.wfile.write(piece)
                sent += len(piece)
        except OSError:
            pass  # the client gave up, as it should


def install(plan: FaultRegistry) -> None:
    """Errors, timeouts, resets, truncated and oversized answers: transient and permanent."""

    def transient(i, name, action, kind, status=None, note=""):
        article = good_article(plan, i)
        fault = Fault(
            name,
            "server",
            article.path,
            "recovered",
            kind,
            status,
            note,
            {"path": article.path, "title": article.title},
        )
        plan.add(fault, action)

    def permanent(name, path, action, kind, status=None, note=""):
        plan.add(Fault(name, "server", path, "failed", kind, status, note), action, path)

    transient(0, "http-5xx", Status(2, status=500), "http", 500, "500 twice, then the page")
    transient(1, "http-5xx", Status(1, status=502), "http", 502, "502 once, then the page")
    transient(
        2,
        "http-5xx",
        Status(2, status=503, retry_after="1"),
        "http",
        503,
        "503 twice with Retry-After: 1, then the page",
    )
    permanent(
        "http-5xx",
        "/loi/may-chu/",
        Status(None, status=500),
        "http",
        500,
        "500 on every attempt: retried RETRY_TIMES, then given up",
    )
    transient(
        3,
        "http-429",
        Status(1, status=429, retry_after="1"),
        "http",
        429,
        "429 with Retry-After: 1, then the page",
    )
    permanent(
        "http-4xx",
        "/tin-tuc-su-kien/bai-viet-da-go-bo.html",
        Status(None, status=404),
        "http",
        404,
        "404: permanent, one attempt",
    )
    permanent(
        "http-4xx",
        "/loi/da-xoa/",
        Status(None, status=410),
        "http",
        410,
        "410 Gone: permanent, one attempt",
    )
    transient(4, "timeout", Hang(1), "timeout", note="no answer once, then the page")
    permanent("timeout", "/loi/het-gio/", Hang(None), "timeout", note="never answers")
    article = good_article(plan, 5)
    plan.add(
        Fault(
            "slow",
            "server",
            article.path,
            "archived",
            note="answers after 1 s",
            article={"path": article.path, "title": article.title},
        ),
        Slow(),
    )
    transient(
        6,
        "reset",
        Reset(2),
        "connection",
        note="connection reset twice (an HTTP client may silently retry once), then the page",
    )
    permanent("reset", "/loi/ngat-ket-noi/", Reset(None), "connection", note="always reset")
    transient(7, "truncated", Truncate(1), "truncated", note="half the page once, then all")
    permanent(
        "truncated",
        "/tin-tuc-su-kien/bai-viet-bi-cat-cut.html",
        Truncate(None),
        "truncated",
        note="always half of the promised Content-Length",
    )
    permanent(
        "oversize",
        "/loi/qua-lon/",
        Oversize(True),
        "too-large",
        note="64 MiB declared in Content-Length",
    )
    permanent(
        "oversize",
        "/loi/qua-lon-khong-khai-bao/",
        Oversize(False),
        "too-large",
        note="64 MiB streamed without a Content-Length",
    )
