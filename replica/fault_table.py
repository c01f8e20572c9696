"""Which URLs carry which fault, and the outcome a correct archive shows for each."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from replica import fault_pages
from replica.fault_server import (
    Bytes,
    Hang,
    Oversize,
    Reset,
    Slow,
    Status,
    Truncate,
    garbage,
    print_page,
)
from replica.model.articles import Article

if TYPE_CHECKING:
    from replica.faults import FaultPlan


def _good(plan: FaultPlan, i: int) -> Article:
    """The i-th good article chosen to suffer a transient fault (spread over the site)."""
    goods = [a for a in plan.site.articles if a.key != "seed"]
    step = max(1, len(goods) // 13)
    return goods[(step * (i + 1)) % len(goods)]


def _fault(*args, **kwargs):
    from replica.faults import Fault

    return Fault(*args, **kwargs)


def server_faults(plan: FaultPlan) -> None:
    def transient(i, name, action, kind, status=None, note=""):
        article = _good(plan, i)
        fault = _fault(
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
        plan.add(_fault(name, "server", path, "failed", kind, status, note), action, path)

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
    article = _good(plan, 5)
    plan.add(
        _fault(
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


def content_faults(plan: FaultPlan) -> None:
    for name, fault in fault_pages.content_faults().items():
        path = fault.article.path
        rendered = cache(lambda fault=fault: fault.render(plan.site))
        plan.add(
            _fault(
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
        plan.serve(name, fault.article.print_path, Bytes(print_page(fault.article)))
    plan.add(
        _fault(
            "binary",
            "content",
            fault_pages.BINARY_PATH,
            "failed",
            "binary",
            note="24 KiB of random bytes served as text/html",
        ),
        Bytes(garbage),
        fault_pages.BINARY_PATH,
    )
