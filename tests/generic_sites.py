"""Small sites no profile describes, served on 127.0.0.1 for generic crawls:

- `shop`: a Vietnamese web shop (categories, paging, ~200 products with long descriptions,
  prices and carts, a sitemap of its products, two dated blog posts);
- `forum`: a discussion forum (boards, paged thread lists, threads of several posts each with
  its author and date, member pages);
- `news`: a little news site whose home page links only its 3 latest articles: the others are
  listed only in its sitemaps (robots.txt `Sitemap:` -> index -> sitemap) and its RSS feed
  (announced with <link rel=alternate>).

    python -m tests.generic_sites shop|forum|news  ->  prints "serving KIND at http://127.0.0.1:PORT/"
"""

from __future__ import annotations

import contextlib
import random
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = tuple(
    [
        "sản",
        "phẩm",
        "chất",
        "lượng",
        "cao",
        "được",
        "làm",
        "từ",
        "vải",
        "lụa",
        "tơ",
        "tằm",
        "mềm",
        "mại",
        "thoáng",
        "mát",
        "phù",
        "hợp",
        "với",
        "mọi",
        "lứa",
        "tuổi",
        "thiết",
        "kế",
        "hiện",
        "đại",
        "tinh",
        "tế",
        "màu",
        "sắc",
        "trang",
        "nhã",
        "bền",
        "đẹp",
        "theo",
        "thời",
        "gian",
        "khách",
        "hàng",
        "có",
        "thể",
        "lựa",
        "chọn",
        "nhiều",
        "kích",
        "cỡ",
        "khác",
        "nhau",
        "giao",
        "hàng",
        "nhanh",
        "trên",
        "toàn",
        "quốc",
        "đổi",
        "trả",
        "miễn",
        "phí",
        "trong",
        "bảy",
        "ngày",
        "bảo",
        "hành",
        "chính",
        "hãng",
        "cửa",
        "hàng",
        "cam",
        "kết",
        "hài",
        "lòng",
        "tuyệt",
        "đối",
        "cho",
        "mọi",
        "người",
    ]
)
NAMES = ("Minh Anh", "Thu Hà", "Quốc Bảo", "Lan Chi", "Đức Huy", "Hồng Nhung", "Văn Nam")
PAGE = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>{head}'
        '</head><body><div class="menu">{menu}</div><div class="main">{main}</div>'
        '<div class="footer"><p>© 2024 {site}. Địa chỉ: số 1 đường Hùng Vương, Việt Trì, '
        'Phú Thọ.</p></div></body></html>')  # fmt: skip


def words(rng: random.Random, count: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def paragraphs(rng: random.Random, count: int, size: int = 40) -> str:
    return "".join(f"<p>{words(rng, rng.randint(size - 10, size + 10))}</p>" for _ in range(count))


SYLLABLES = ("ao", "dai", "lua", "to", "tam", "vay", "dam", "khan", "moi", "cao", "cap", "dep",
             "xanh", "do", "hoa")  # fmt: skip


def slug(rng: random.Random, count: int = 5) -> str:
    return "-".join(rng.choice(SYLLABLES) for _ in range(count))


def page(site: str, title: str, main: str, menu: str, head: str = "") -> str:
    return PAGE.format(title=title, head=head, menu=menu, main=main, site=site)


def shop() -> dict[str, str]:
    rng = random.Random(7)
    cats = ["ao-dai", "vay-dam", "khan-lua", "phu-kien"]
    menu = (
        "".join(f'<a href="/danh-muc/{c}/">{c}</a> ' for c in cats) + '<a href="/tin-tuc/">Tin</a>'
    )
    pages, products = {}, []
    for i in range(200):
        cat, name = cats[i % 4], f"{slug(rng)}-{i}"
        url = f"/san-pham/{name}.html"
        products.append((cat, url))
        ld = ('<script type="application/ld+json">{"@type": "Product", "name": "x"}</script>'
              if i % 2 else "")  # fmt: skip
        main = (f"<h1>Sản phẩm {name}</h1><div class='price'>{rng.randint(2, 90)}0.000 ₫</div>"
                f"<button>Thêm vào giỏ hàng</button><div class='desc'>{paragraphs(rng, 3)}</div>"
                + "".join(f'<a href="{u}">Xem thêm</a> ' for _c, u in products[-4:]))  # fmt: skip
        pages[url] = page("Shop Lụa", name, main, menu, ld)
    for cat in cats:
        items = [u for c, u in products if c == cat]
        for n in range(0, len(items), 10):
            number = n // 10 + 1
            links = "".join(
                f'<div class="item"><a href="{u}">{u}</a> <span>150.000 ₫</span>'
                f"<p>{words(rng, 12)}</p></div>"
                for u in items[n : n + 10]
            )
            more = n + 10 < len(items)
            nav = f'<a href="/danh-muc/{cat}/?page={number + 1}">Trang sau</a>' if more else ""
            path = f"/danh-muc/{cat}/" + (f"?page={number}" if number > 1 else "")
            pages[path] = page("Shop Lụa", cat, links + nav, menu)
    for n in (1, 2):
        main = (f"<h1>Khai trương cửa hàng mới số {n}</h1><div class='date'>12/0{n}/2024 08:00"
                f"</div><div class='body'>{paragraphs(rng, 5)}</div>")  # fmt: skip
        pages[f"/tin-tuc/khai-truong-cua-hang-moi-so-{n}.html"] = page(
            "Shop Lụa", "Tin", main, menu
        )
    pages["/tin-tuc/"] = page(
        "Shop Lụa",
        "Tin tức",
        "".join(
            f'<a href="/tin-tuc/khai-truong-cua-hang-moi-so-{n}.html">Tin {n}</a>' for n in (1, 2)
        ),
        menu,
    )
    pages["/"] = page(
        "Shop Lụa",
        "Shop Lụa",
        "".join(f'<a href="{u}">{u}</a> <span>99.000 ₫</span> ' for _c, u in products[:12]),
        menu,
    )
    locs = "".join(f"<url><loc>{{base}}{u[1:]}</loc></url>" for _c, u in products)
    pages["/sitemap.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
        f'"http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    )
    return pages


def post(rng: random.Random, k: int, thread: str) -> str:
    """One post of a thread: its author (a member page), its date, its message."""
    name = NAMES[k % 7]
    member = f"/members/{name.replace(' ', '-').lower()}.{k % 7}/"
    day = (
        f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2023 {rng.randint(0, 23)}:{rng.randint(10, 59)}"
    )
    return (
        f'<div class="post"><a class="user" href="{member}">{name}</a>'
        f'<div class="date">{day}</div>'
        f'<div class="message">{paragraphs(rng, rng.randint(1, 2), 25)}</div>'
        f'<a href="/login?redirect={thread}">Trả lời</a></div>'
    )


def forum() -> dict[str, str]:
    rng = random.Random(11)
    boards = ["hoi-dap-tuyen-sinh", "trao-doi-hoc-tap", "goc-thu-gian"]
    menu = "".join(f'<a href="/forums/{b}.{i}/">{b}</a> ' for i, b in enumerate(boards, 1))
    pages: dict[str, str] = {}
    threads: dict[str, list[str]] = {b: [] for b in boards}
    for t in range(150):
        board, tid = boards[t % 3], 1000 + t
        base = f"/threads/{slug(rng, 4)}.{tid}/"
        threads[board].append(base)
        posts = rng.randint(4, 8)
        for number in (1, 2) if posts > 6 else (1,):
            main = "".join(post(rng, t + k, base) for k in range(posts if number == 1 else 3))
            if posts > 6 and number == 1:
                main += f'<a href="{base}page-2">Trang 2</a>'
            pages[base + ("" if number == 1 else "page-2")] = page("Diễn đàn", base, main, menu)
    for i, board in enumerate(boards, 1):
        items = threads[board]
        for n in range(0, len(items), 20):
            number = n // 20 + 1
            rows = "".join(f'<div class="thread"><a href="{u}">{u}</a> <span>Trả lời: 5</span>'
                           "</div>" for u in items[n : n + 20])  # fmt: skip
            if n + 20 < len(items):
                rows += f'<a href="/forums/{board}.{i}/page-{number + 1}">Trang sau</a>'
            path = f"/forums/{board}.{i}/" + (f"page-{number}" if number > 1 else "")
            pages[path] = page("Diễn đàn", board, rows, menu)
    for k, name in enumerate(NAMES):
        pages[f"/members/{name.replace(' ', '-').lower()}.{k}/"] = page(
            "Diễn đàn", name, f"<h1>{name}</h1><p>Thành viên từ 2019. Bài viết: 120</p>", menu
        )
    pages["/"] = page(
        "Diễn đàn",
        "Diễn đàn học viên",
        "".join(f'<a href="/forums/{b}.{i}/">{b}</a>' for i, b in enumerate(boards, 1)),
        menu,
    )
    return pages


NEWS_COUNT = 24


def news() -> dict[str, str]:
    rng = random.Random(3)
    menu = '<a href="/">Trang chủ</a>'
    pages, urls = {}, []
    for n in range(NEWS_COUNT):
        url = f"/tin-tuc/hoi-nghi-tong-ket-cong-tac-nam-{2000 + n}-cua-nha-truong.html"
        urls.append(url)
        main = (f"<h1>Hội nghị tổng kết công tác năm {2000 + n} của nhà trường</h1>"
                f"<div class='date'>{n % 27 + 1:02d}/06/2023 08:{n + 10}</div>"
                f"<div class='body'>{paragraphs(rng, 5)}</div>")  # fmt: skip
        pages[url] = page("Tin trường", f"Hội nghị {n}", main, menu)
    feed = '<link rel="alternate" type="application/rss+xml" href="/rss/tin-moi.rss">'
    pages["/"] = page(
        "Tin trường",
        "Tin trường",
        "".join(f'<a href="{u}">Tin {u}</a> ' for u in urls[-3:]),
        menu,
        feed,
    )
    items = "".join(f"<item><title>t</title><link>{{base}}{u[1:]}</link></item>" for u in urls[12:])
    pages["/rss/tin-moi.rss"] = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0">'
        f"<channel><title>Tin</title><link>{{base}}</link>{items}</channel></rss>"
    )
    locs = "".join(f"<url><loc>{{base}}{u[1:]}</loc></url>" for u in urls[:12])
    pages["/sitemaps/tin.xml"] = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
        f'schemas/sitemap/0.9">{locs}</urlset>'
    )
    pages["/sitemaps/index.xml"] = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps'
        '.org/schemas/sitemap/0.9"><sitemap><loc>{base}sitemaps/tin.xml'
        "</loc></sitemap></sitemapindex>"
    )
    pages["/robots.txt"] = "User-agent: *\nDisallow: /admin/\nSitemap: {base}sitemaps/index.xml\n"
    return pages


SITES = {"shop": shop, "forum": forum, "news": news}


def serve(kind: str) -> None:
    pages = SITES[kind]()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            base = f"http://{self.headers.get('Host')}/"
            body = pages.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(b"<html><body><p>Not found</p></body></html>")
                return
            kind_ = "text/html"
            if self.path.endswith((".xml", ".rss")):
                kind_ = "application/xml"
            elif self.path.endswith(".txt"):
                kind_ = "text/plain"
            data = body.replace("{base}", base).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", f"{kind_}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"serving {kind} at http://127.0.0.1:{server.server_address[1]}/", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    serve(sys.argv[1])
