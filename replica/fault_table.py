"""Which URLs carry which fault, and the outcome a correct archive shows for each."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from replica import fault_pages
from replica.article import Article
from replica.fault_server import (
    Bytes,
    Calendar,
    Deeper,
    Hang,
    Oversize,
    Redirect,
    Reset,
    Session,
    Slow,
    Status,
    Truncate,
    Variant,
    garbage,
    print_page,
)

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


def navigation_faults(plan: FaultPlan) -> None:
    target = _good(plan, 8)
    chain = ["/chuyen-huong/1/", "/chuyen-huong/2/", "/chuyen-huong/3/", target.path]
    plan.add(
        _fault(
            "redirects",
            "navigation",
            chain[0],
            "archived",
            note=f"3 redirects (302, 301, 302) to {target.path}",
            article={"path": target.path, "title": target.title},
        ),
        Redirect(chain[1]),
        chain[0],
    )
    plan.serve("redirects", chain[1], Redirect(chain[2], 301))
    plan.serve("redirects", chain[2], Redirect(chain[3]))
    plan.add(
        _fault(
            "redirects", "navigation", "/vong-lap/a/", "failed", "redirect-loop", note="a -> b -> a"
        ),
        Redirect("/vong-lap/b/"),
        "/vong-lap/a/",
    )
    plan.serve("redirects", "/vong-lap/b/", Redirect("/vong-lap/a/", 301))
    long = [f"/chuyen-huong/dai/{n}/" for n in range(1, 14)]
    plan.add(
        _fault(
            "redirects",
            "navigation",
            long[0],
            "failed",
            "redirect-limit",
            note="12 redirects in a row",
        ),
        Redirect(long[1]),
        long[0],
    )
    for here, there in zip(long[1:], [*long[2:], target.path], strict=True):
        plan.serve("redirects", here, Redirect(there))
    for path, where in (
        ("/chuyen-huong/ra-ngoai/", "http://127.0.0.1:{decoy}/bay/"),
        ("/chuyen-huong/localhost/", "http://localhost:{port}/"),
    ):
        plan.add(
            _fault(
                "redirects",
                "navigation",
                path,
                "skipped",
                "offsite-redirect",
                note=f"redirects to {where}",
            ),
            Redirect(where),
            path,
        )
    _traps(plan)
    _variants(plan)
    _links(plan)


def _traps(plan: FaultPlan) -> None:
    plan.add(
        _fault(
            "traps",
            "navigation",
            "/lich/2023/06/",
            "skipped",
            "trap",
            note="an endless calendar: every month links the next and the previous",
        ),
        Calendar(),
        "/lich/2023/06/",
    )
    plan.add(
        _fault(
            "traps",
            "navigation",
            "/thu-muc/a/",
            "skipped",
            "trap",
            note="ever-deeper paths: a/ links a/a/ links a/a/a/ ...",
        ),
        Deeper(),
        "/thu-muc/a/",
    )
    if "traps" in plan.names:
        plan.prefixes.update({"/lich/": Calendar(), "/thu-muc/": Deeper()})
    target = _good(plan, 9)
    plan.add(
        _fault(
            "traps",
            "navigation",
            "/phien/",
            "fetched-once",
            note="every link carries a fresh PHPSESSID",
            article={"path": target.path},
        ),
        Session(target.path),
        "/phien/?PHPSESSID=0000000000000001",
    )


def _variants(plan: FaultPlan) -> None:
    target = _good(plan, 9)
    path = target.path
    hrefs = [
        "http://mail.127.0.0.1:{port}" + path,
        path + "/",
        path + "?utm_source=zalo&fbclid=IwAR0x",
        path + "#binh-luan",
        path.upper(),
    ]
    plan.add(
        _fault(
            "url-variants",
            "navigation",
            path,
            "fetched-once",
            note="linked as: " + ", ".join(hrefs),
            article={"path": path, "title": target.title},
        )
    )
    if "url-variants" in plan.names:
        plan.links.extend((href, "url-variants") for href in hrefs)
        plan.serve("url-variants", path + "/", Variant(path))
        plan.serve("url-variants", path.upper(), Variant(path))


def _links(plan: FaultPlan) -> None:
    spam = [f"http://nha-cai-uy-tin-{n}.example/khuyen-mai/" for n in range(30)]
    plan.add(
        _fault(
            "spam-links",
            "navigation",
            spam[0],
            "not-requested",
            note="an off-site cluster of 30 spam links",
        ),
        None,
        spam[0],
    )
    if "spam-links" in plan.names:
        plan.links.extend((href, "spam-links") for href in spam[1:])
    for url in (
        "http://127.0.0.1:{decoy}/",
        "http://localhost:{port}/gioi-thieu/",
        "http://[::1]:{port}/",
        "http://127.0.0.2:{port}/",
    ):
        plan.add(
            _fault(
                "other-ports",
                "navigation",
                url,
                "not-requested",
                note="another loopback port or host name: another site",
            ),
            None,
            url,
        )
    for url in (
        "javascript:void(0)",
        "mailto:lienhe@truongchinhtri.example",
        "tel:02103846207",
        "data:text/html,<b>x</b>",
        "ftp://127.0.0.1:{port}/",
    ):
        plan.add(_fault("script-links", "navigation", url, "not-requested"), None, url)


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
