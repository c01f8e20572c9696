"""Navigation faults: redirects, crawler traps, URL variants and links that lead off the site."""

from __future__ import annotations

from typing import TYPE_CHECKING

from replica.fault_server import Calendar, Deeper, Redirect, Session, Variant
from replica.fault_table import _fault, _good

if TYPE_CHECKING:
    from replica.faults import FaultPlan


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
