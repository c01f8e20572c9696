"""How a fault answers: a response written by hand, or the site's own page (before, after or
instead of misbehaving), through the request handler of :mod:`replica.serve.http_server`."""

from __future__ import annotations

from replica.faults.registry import FaultRegistry
from replica.render import chrome
from replica.render.page_template import Template
from replica.serve.routing import Route

HTML = "text/html; charset=utf-8"


def send(handler, status: int, body: bytes, content_type: str = HTML, headers=(), send_body=True):
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers:
        handler.send_header(name, value)
    handler.end_headers()
    if send_body:
        handler.wfile.write(body)


def page_bytes(handler, plan: FaultRegistry, path: str | None = None) -> tuple[Route, bytes, str]:
    route = handler.server.route(path or handler.path)
    template = handler.server.pages.get(route.key)
    body = template.render(handler.server.counters.values(route, handler.site_host()))
    return route, body, template.content_type


def serve_normally(handler, plan: FaultRegistry, send_body: bool, path: str | None = None) -> None:
    """Answer as the site does, for the request's path or another one."""
    handler.send_route(handler.server.route(path or handler.path), send_body)


def render_with_counters(handler, html: str) -> bytes:
    values = handler.server.counters.values(Route(200, ("fault",)), handler.site_host())
    return Template.compile(html).render(values)


def send_page(handler, plan: FaultRegistry, title: str, main: str, send_body: bool) -> None:
    """A 200 page in the site's chrome (menu, counter) around `main`."""
    html = chrome.page(title, plan.site.categories, main, ())
    send(handler, 200, render_with_counters(handler, html), send_body=send_body)
