"""The pure parts of a generic crawl, as tables: URL shapes and hints, sitemaps and feeds read
with trafilatura's helpers, page signals, what the crawl learns, and the draft profile."""

from __future__ import annotations

import pytest

from scraper.extraction.signals import looks_like_article, page_signals
from scraper.sites import load_site
from scraper.sites.draft import Findings, date_form, draft_profile, end_markers, learn_pattern
from scraper.sites.shapes import path_shape, url_hint
from scraper.spiders.learning import Learner
from scraper.spiders.sources import announced_feeds, read_listed, robots_sitemaps

BASE = "http://127.0.0.1:8000/"
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@pytest.mark.parametrize(
    ("path", "shape", "hint"),
    [
        ("/", "/", "home"),
        ("/noi-san/boi-duong-ly-tuong-dao-duc.html", "/noi-san/{slug}.html", "article"),
        ("/noi-san/", "/noi-san/", "listing"),
        ("/noi-san/page/3/", "/noi-san/page/{n}/", "listing"),
        ("/tin-tuc?page=4", "/tin-tuc?page={n}", "listing"),
        ("/print/3723.html", "/print/{n}.html", "skip"),
        ("/vi/news/tin-tuc/khai-giang-lop-1234.html", "/vi/news/tin-tuc/{slug-id}.html", "article"),
        ("/news.php?id=55", "/news.php?id={n}", "article"),
        ("/2023/06/hoi-nghi", "/{n}/{n}/hoi-nghi", "article"),
        ("/lien-he", "/lien-he", "skip"),
        ("/gio-hang/", "/gio-hang/", "skip"),
        ("/san-pham/ao-dai.html?add-to-cart=5", "/san-pham/ao-dai.html?add-to-cart={n}", "skip"),
        ("/members/minh-anh.3/", "/members/minh-anh.3/", "skip"),
        ("/tag/giao-duc/", "/tag/giao-duc/", "skip"),
        ("/about.php", "/about.php", "unknown"),
    ],
)
def test_url_shapes_and_hints(path: str, shape: str, hint: str) -> None:
    assert path_shape("http://a.vn" + path) == shape
    assert url_hint("http://a.vn" + path) == hint


def test_robots_sitemap_index_sitemap_rss_and_atom_are_read() -> None:
    robots = "User-agent: *\nDisallow: /admin/\nSitemap: http://127.0.0.1:8000/sm/index.xml\n"
    assert robots_sitemaps(robots, BASE) == ["http://127.0.0.1:8000/sm/index.xml"]
    index = (
        f'<?xml version="1.0"?><sitemapindex xmlns="{SITEMAPS}">'
        "<sitemap><loc>http://127.0.0.1:8000/sm/a.xml</loc></sitemap></sitemapindex>"
    )
    assert read_listed(BASE + "sm/index.xml", index, BASE).sitemaps == (BASE + "sm/a.xml",)
    urlset = (
        f'<?xml version="1.0"?><urlset xmlns="{SITEMAPS}">'
        "<url><loc>http://127.0.0.1:8000/tin/a-b-c-d.html</loc></url></urlset>"
    )
    assert read_listed(BASE + "sm/a.xml", urlset, BASE).pages == (BASE + "tin/a-b-c-d.html",)
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><link>http://127.0.0.1:8000/</link>'
        "<item><link>http://127.0.0.1:8000/tin/x-y-z-w.html</link></item></channel></rss>"
    )
    assert BASE + "tin/x-y-z-w.html" in read_listed(BASE + "rss", rss, BASE).pages
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
            '<link href="http://127.0.0.1:8000/tin/e-f-g-h.html"/></entry></feed>')  # fmt: skip
    assert read_listed(BASE + "atom", atom, BASE).pages == (BASE + "tin/e-f-g-h.html",)
    assert read_listed(BASE + "x", "<html><body>Not found</body></html>", BASE) is None
    home = '<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>'
    assert announced_feeds(home, BASE, BASE) == [BASE + "rss"]


SHOP = "<p>Giá 150.000 ₫</p><b>Thêm vào giỏ</b>"
ARTICLE = "<h1>T</h1><div>Thứ ba, 27.06.2023</div>"
BODY = "".join(f"<p>{'đoạn văn bản dài của bài viết ' * 4}số {n}.</p>" for n in range(5))


@pytest.mark.parametrize(
    ("html", "article"),
    [
        (f"<html><body>{ARTICLE}<div>{BODY}</div></body></html>", True),
        (f"<html><body><div>{BODY}</div>{SHOP}</body></html>", False),
        ("<html><body>" + "".join(f"<div class=post><p>{'bài trả lời rất dài ' * 5}</p></div>"
                                   for _ in range(6)) + "</body></html>", False),
        ("<html><body><ul>" + "".join(f"<li><a href=/a{n}>Tin {n}</a></li>" for n in range(30))
         + "</ul></body></html>", False),
        ('<html><head><meta property="og:type" content="product"></head><body><div>'
         f"{BODY}</div></body></html>", False),
    ],
)  # fmt: skip
def test_page_signals_tell_an_article_from_a_shop_a_forum_and_a_listing(html, article) -> None:
    assert looks_like_article(page_signals(html)) is article


def test_the_learner_judges_extractions_and_finds_listings_by_their_own_links() -> None:
    learner = Learner(BASE)
    articles = [f"{BASE}tin/bai-viet-so-{n}-moi.html" for n in range(12)]
    for url in articles:
        learner.saw_page(url, candidate=True)
        assert learner.judge(url, "Tiêu đề", "27.06.2023 08:00", None, 200)
    assert not learner.judge(BASE + "gioi-thieu/", "Giới thiệu", None, None, 300)
    learner.saw_page(BASE, candidate=False, title="Trường")
    learner.saw_links(BASE, {articles[0]: "a"}, candidate=False)
    for n in (1, 2):
        page = f"{BASE}tin/page/{n}/"
        learner.saw_page(page, candidate=False)
        own = {u: "t" for u in articles[(n - 1) * 6 : n * 6]}
        learner.saw_links(page, {**own, articles[0]: "a"}, candidate=False)
    assert learner.listings() == [f"{BASE}tin/page/1/", f"{BASE}tin/page/2/"]
    assert learner.priority(f"{BASE}tin/bai-viet-so-99-moi.html") == 30  # a confirmed shape
    assert learner.priority(f"{BASE}dang-nhap/") is None
    assert "12 article-like pages of 15 fetched" in learner.verdict()


def test_one_row_per_article_across_url_variants() -> None:
    learner = Learner(BASE)
    assert learner.judge(BASE + "tin/bai-mot.html", "T", "1/1/2024", None, 100, "h1")
    assert not learner.judge(BASE + "TIN/BAI-MOT.HTML", "T", "1/1/2024", None, 100, "h1")
    assert learner.judge(BASE + "tin/bai-hai.html", "T", "1/1/2024", None, 100, "h2")
    assert (learner.duplicates, learner.case_duplicates) == (1, 1)
    assert "1 pages were the same article under another URL" in learner.verdict()
    findings = learner.findings(BASE, ())
    assert findings.case_blind and "lowercase_paths: true" in draft_profile(findings)


def test_sibling_hosts_are_alias_candidates_in_a_comment_only() -> None:
    learner = Learner("http://truong.gov.vn/")
    for url in (
        "http://mail.truong.gov.vn/a.html",
        "http://chinhphu.vn/",
        "mailto:a@truong.gov.vn",
    ):
        learner.saw_other_host(url)
    text = draft_profile(learner.findings("http://truong.gov.vn/", ()))
    assert '# alias_hosts: ["mail.truong.gov.vn"]' in text and "\nalias_hosts: []" in text


@pytest.mark.parametrize(
    ("line", "regex_matches", "fmt"),
    [
        ("Thứ ba, 27.06.2023 00:42", "Chủ nhật, 2.7.2023 10:42", "%d.%m.%Y %H:%M"),
        ("19/05/2023 06:17", "1/5/2024 16:07", "%d/%m/%Y %H:%M"),
        ("Ngày đăng: 12-03-2022", "12-03-2022", "%d-%m-%Y"),
    ],
)
def test_date_line_forms(line: str, regex_matches: str, fmt: str) -> None:
    import re

    regex, found = date_form(line)
    assert found == fmt and re.search(regex, regex_matches)


def test_patterns_markers_and_a_draft_that_loads(tmp_path) -> None:
    urls = [f"{BASE}{c}/bai-viet-so-mot-{n}.html" for c in ("noi-san", "tin-tuc") for n in (1, 2)]
    regex, category, share = learn_pattern(urls)
    assert (regex, category, share) == (r"^/(?P<category>[^/]+)/[^/]+\.html$", True, 1.0)
    assert end_markers((("[Trở về]", "A"), ("[Trở về]", "B"), ("C",))) == ["[Trở về]"]
    findings = Findings(
        base_url=BASE, title="Trường", article_urls=tuple(urls),
        listing_urls=(f"{BASE}noi-san/", f"{BASE}tin-tuc/", f"{BASE}noi-san/page/2/"),
        print_urls=(f"{BASE}print/7.html",), link_texts={f"{BASE}noi-san/": "Nội san"},
        date_lines=("Thứ ba, 27.06.2023 00:42",) * 4, trailing_lines=(("[Trở về]",),) * 4,
        pages=10,
    )  # fmt: skip
    path = tmp_path / "draft.yaml"
    path.write_text(draft_profile(findings), encoding="utf-8")
    site = load_site(str(path))
    assert site.page_info(f"{BASE}tin-tuc/bai-viet-khac-hon-nua.html").category == "tin-tuc"
    assert site.page_info(f"{BASE}noi-san/page/4/").page == 4
    assert site.page_info(f"{BASE}print/12.html").print_id == 12
    assert site.profile.category_names == {"noi-san": "Nội san", "tin-tuc": "tin-tuc"}
    assert site.profile.body_end_markers == ("[Trở về]",)
    assert site.profile.date_formats == ("%d.%m.%Y %H:%M",)
