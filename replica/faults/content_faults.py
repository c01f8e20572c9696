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
