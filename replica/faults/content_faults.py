"""Content faults: which URLs serve the damaged pages of :mod:`content_pages`, and the
outcome a correct archive shows for each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from replica.faults import content_pages
from replica.faults.registry import Action, Fault, FaultRegistry
from replica.faults.responses import HTML, send
from replica.render import article_pages


@dataclass
class Bytes(Action):
    make: Callable[[], bytes]
    content_type: str = HTML

    def respond(self, handler, plan, send_body):
        send(handler, 200, self.make(), self.content_type, send_body=send_body)


@dataclass
class HugeImage(Action):
    """A picture far over any sane embed limit: its Content-Length says so up front."""

    def respond(self, handler, plan, send_body):
        handler.send_response(200)
        handler.send_header("Content-Type", "image/jpeg")
        handler.send_header("Content-Length", str(content_pages.HUGE_SIZE))
        handler.end_headers()
        if send_body:
            chunk = b"\xff" * 65536
            for _ in range(content_pages.HUGE_SIZE // len(chunk)):
                handler.wfile.write(chunk)


@dataclass
class SelfRedirect(Action):
    def respond(self, handler, plan, send_body):
        location = handler.path.split("?", 1)[0]
        send(handler, 302, b"", headers=[("Location", location)], send_body=send_body)


def _print_page(article) -> Callable[[], bytes]:
    return lambda: article_pages.print_page(article).encode("utf-8")


PROBLEM_KINDS = {
    "charset-mismatch": "encoding",
    "charset-mismatch-1258": "encoding",
    "tcvn3": "encoding",
    "empty-article": "empty-article",
    "missing-date": "date",
    "malformed-date": "date",
    "future-date": "date",
    "weekday-mismatch": "date",
    "bad-images": None,
}


def install(plan: FaultRegistry) -> None:
    """The damaged article pages (and their print views), and the binary page."""
    for name, fault in content_pages.content_faults().items():
        path = fault.article.path
        rendered = cache(lambda fault=fault: fault.render(plan.site))
        plan.add(
            Fault(
                name,
                "content",
                path,
                "archived",
                PROBLEM_KINDS.get(name),
                note=f"served as {fault.content_type}",
                article=fault.expected,
            ),
            Bytes(rendered, fault.content_type),
            path,
        )
        plan.serve(name, fault.article.print_path, Bytes(_print_page(fault.article)))
    plan.serve("bad-images", content_pages.HUGE_IMAGE, HugeImage())
    plan.serve("bad-images", content_pages.LOOP_IMAGE, SelfRedirect())
    plan.add(
        Fault(
            "binary",
            "content",
            content_pages.BINARY_PATH,
            "failed",
            "binary",
            note="24 KiB of random bytes served as text/html",
        ),
        Bytes(content_pages.binary_garbage),
        content_pages.BINARY_PATH,
    )
