"""How each fault misbehaves on the wire, and which URLs carry it (`install`)."""

from __future__ import annotations

import itertools
import random
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from replica import fault_pages
from replica.render import article_pages, chrome
from replica.render.page_template import Template
from replica.serve.routing import Route, resolve

if TYPE_CHECKING:
    from replica.faults import FaultPlan

HANG_SECONDS = 90.0  # longer than any download timeout a crawler should use
SLOW_SECONDS = 1.0
OVERSIZE_BYTES = 64 * 1024 * 1024  # twice Scrapy's default DOWNLOAD_MAXSIZE
HTML = "text/html; charset=utf-8"


class Action:
    """One behaviour; `respond` writes (or withholds) the whole answer."""

    def respond(self, handler, plan: FaultPlan, send_body: bool) -> None:
        raise NotImplementedError


@dataclass
class Counted(Action):
    """Misbehaves for the first `times` requests of its URL (None: always), then the site
    answers normally: a transient fault."""

    times: int | None = None
    _count: itertools.count = field(default_factory=itertools.count, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def respond(self, handler, plan: FaultPlan, send_body: bool) -> None:
        with self._lock:
            n = next(self._count)
        if self.times is None or n < self.times:
            self.misbehave(handler, plan, send_body)
        else:
            normal(handler, plan, send_body)

    def misbehave(self, handler, plan: FaultPlan, send_body: bool) -> None:
        raise NotImplementedError


def send(handler, status: int, body: bytes, content_type: str = HTML, headers=(), send_body=True):
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers:
        handler.send_header(name, value)
    handler.end_headers()
    if send_body:
        handler.wfile.write(body)


def page_bytes(handler, plan: FaultPlan, path: str | None = None) -> tuple[Route, bytes, str]:
    route = resolve(plan.site, path or handler.path)
    template = handler.server.pages.get(route.key)
    body = template.render(handler.server.counters.values(route, handler.site_host()))
    return route, body, template.content_type


def normal(handler, plan: FaultPlan, send_body: bool, path: str | None = None) -> None:
    handler.send_route(resolve(plan.site, path or handler.path), send_body)


def render(handler, html: str) -> bytes:
    values = handler.server.counters.values(Route(200, ("fault",)), handler.site_host())
    return Template.compile(html).render(values)


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
        normal(handler, plan, send_body)


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


@dataclass
class Redirect(Action):
    location: str  # may hold {port} and {decoy}
    status: int = 302

    def respond(self, handler, plan, send_body):
        location = self.location.format(
            port=handler.server.server_address[1], decoy=plan.decoy_port
        )
        send(handler, self.status, b"", headers=[("Location", location)], send_body=send_body)


@dataclass
class Bytes(Action):
    make: Callable[[], bytes]
    content_type: str = HTML

    def respond(self, handler, plan, send_body):
        send(handler, 200, self.make(), self.content_type, send_body=send_body)


@dataclass
class Html(Action):
    make: Callable[..., str]

    def respond(self, handler, plan, send_body):
        send(handler, 200, render(handler, self.make(handler)), send_body=send_body)


@dataclass
class Variant(Action):
    """Another spelling of a good page's URL, served as that page (as IIS would)."""

    path: str

    def respond(self, handler, plan, send_body):
        normal(handler, plan, send_body, self.path)


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


@dataclass
class Calendar(Action):
    """/lich/YYYY/MM/: a month that links to the month before and after, forever."""

    def respond(self, handler, plan, send_body):
        parts = [p for p in handler.path.split("?")[0].split("/") if p]
        try:
            year, month = int(parts[1]), int(parts[2])
        except (IndexError, ValueError):
            year, month = 2023, 6
        index = year * 12 + month - 1
        before, after = divmod(index - 1, 12), divmod(index + 1, 12)
        links = (
            chrome.link(f"/lich/{before[0]}/{before[1] + 1:02d}/", "Tháng trước")
            + " "
            + chrome.link(f"/lich/{after[0]}/{after[1] + 1:02d}/", "Tháng sau")
        )
        main = f'<div class="title_box">Lịch công tác tháng {month}/{year}</div><p>{links}</p>'
        send_page(handler, plan, "Lịch công tác", main, send_body)


def send_page(handler, plan, title: str, main: str, send_body: bool) -> None:
    """A 200 page in the site's chrome (menu, counter) around `main`."""
    html = chrome.page(title, plan.site.categories, main, ())
    send(handler, 200, render(handler, html), send_body=send_body)


@dataclass
class Deeper(Action):
    """/thu-muc/a/a/…: every folder links to a sub-folder of itself."""

    def respond(self, handler, plan, send_body):
        main = f'<div class="title_box">Thư mục</div><p>{chrome.link("a/", "Mở thư mục")}</p>'
        send_page(handler, plan, "Thư mục", main, send_body)


@dataclass
class Session(Action):
    """A page whose every link carries a fresh session id (as a cookieless CMS writes it)."""

    article_path: str
    _rng: random.Random = field(default_factory=lambda: random.Random("session"))

    def respond(self, handler, plan, send_body):
        sid = f"{self._rng.getrandbits(64):016x}"
        links = (
            chrome.link(f"/phien/?PHPSESSID={sid}", "Tải lại")
            + " "
            + chrome.link(f"{self.article_path}?PHPSESSID={sid}", "Bài viết")
        )
        main = f'<div class="title_box">Phiên làm việc</div><p>{links}</p>'
        send_page(handler, plan, "Phiên làm việc", main, send_body)


def install(plan: FaultPlan) -> None:
    from replica import fault_navigation, fault_table

    fault_table.server_faults(plan)
    fault_navigation.navigation_faults(plan)
    fault_table.content_faults(plan)


def print_page(article) -> Callable[[], bytes]:
    return lambda: article_pages.print_page(article).encode("utf-8")


def garbage() -> bytes:
    return fault_pages.binary_garbage()
