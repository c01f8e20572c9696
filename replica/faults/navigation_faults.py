"""Navigation faults: redirects, crawler traps, URL variants and links that lead off the site.

The first part says how each answers, `install` which URLs carry it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from replica.faults.registry import Action, Fault, FaultRegistry, good_article
from replica.faults.responses import send, send_page, serve_normally
from replica.render import chrome


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
class Variant(Action):
    """Another spelling of a good page's URL, served as that page (as IIS would)."""

    path: str

    def respond(self, handler, plan, send_body):
        serve_normally(handler, plan, send_body, self.path)


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


def install(plan: FaultRegistry) -> None:
    """Redirect chains and loops, traps, URL variants and links off the site."""
    target = good_article(plan, 8)
    chain = ["/chuyen-huong/1/", "/chuyen-huong/2/", "/chuyen-huong/3/", target.path]
    plan.add(
        Fault(
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
        Fault(
            "redirects", "navigation", "/vong-lap/a/", "failed", "redirect-loop", note="a -> b -> a"
        ),
        Redirect("/vong-lap/b/"),
        "/vong-lap/a/",
    )
    plan.serve("redirects", "/vong-lap/b/", Redirect("/vong-lap/a/", 301))
    long = [f"/chuyen-huong/dai/{n}/" for n in range(1, 14)]
    plan.add(
        Fault(
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
            Fault(
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


def _traps(plan: FaultRegistry) -> None:
    plan.add(
        Fault(
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
        Fault(
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
    target = good_article(plan, 9)
    plan.add(
        Fault(
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


def _variants(plan: FaultRegistry) -> None:
    target = good_article(plan, 9)
    path = target.path
    hrefs = [
        "http://mail.127.0.0.1:{port}" + path,
        path + "/",
        path + "?utm_source=zalo&fbclid=IwAR0x",
        path + "#binh-luan",
        path.upper(),
    ]
    plan.add(
        Fault(
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


def _links(plan: FaultRegistry) -> None:
    spam = [f"http://nha-cai-uy-tin-{n}.example/khuyen-mai/" for n in range(30)]
    plan.add(
        Fault(
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
            Fault(
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
        plan.add(Fault("script-links", "navigation", url, "not-requested"), None, url)
