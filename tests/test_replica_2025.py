"""The successor replica (``--site phutho-2025``): a DNN-style portal over TLS on loopback, its
migrated and new articles, and the sister portal ``danguykhoi`` that cross-posts school news."""

from __future__ import annotations

import http.client
import json
import re
import ssl
import subprocess
import sys
import threading
import time
import unicodedata
import urllib.robotparser
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from replica import (
    SUCCESSOR_FAULT_NAMES,
    build_danguykhoi,
    build_site,
    build_successor_site,
    make_server,
    start_successor,
)
from replica.successor import portal
from replica.successor.build import MIGRATED_COUNT
from replica.successor.server import SuccessorPages
from tests.markup import text_of

ROOT = Path(__file__).resolve().parents[1]
N = 160
UNVERIFIED = ssl._create_unverified_context()
LINK = re.compile(r'href="(/[^"#]*)"')
CONTENT = re.compile(
    r'<div class="news-detail-content" id="dnn_ctr435_ViewNews_divContent">\r\n(.*?)\r\n</div>'
    r'\r\n<div class="news-detail-tools">',
    re.S,
)
ARTICLE_FORM = r"/Chuyen-muc-tin/Chi-tiet-tin/tabid/92/title/\d+/ctitle/\d+/Default\.aspx"
OLD_CONTENT = re.compile(r'<div id="content" class="content">\r\n(.*?)\r\n</div>\r\n</td>', re.S)


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[dict]:
    """``python -m replica --site phutho-2025``, the real entry point, with its two URLs."""
    log = tmp_path_factory.mktemp("replica-2025") / "requests.jsonl"
    command = [sys.executable, "-m", "replica", "--site", "phutho-2025", "--articles", str(N),
               "--seed", "3", "--log", str(log)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        first, second = process.stdout.readline(), process.stdout.readline()
        assert re.fullmatch(rf"Replica serving {N} articles at https://127\.0\.0\.1:\d+/\n", first)
        assert re.fullmatch(
            r"Sister portal danguykhoi serving \d+ articles at https://127\.0\.0\.1:\d+/\n", second
        )
        school = build_successor_site(N, seed=3)
        yield {
            "school_url": first.split()[-1],
            "sister_url": second.split()[-1],
            "school": school,
            "sister": build_danguykhoi(school, seed=3),
            "log": log,
        }
    finally:
        process.terminate()
        process.wait(10)


def fetch(url: str, path: str = "/", method: str = "GET", headers=None, body=None):
    """(status, headers, text) over https (certificate not verified) or http."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=10, context=UNVERIFIED
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, response.headers, data.decode("utf-8") if data else ""
    finally:
        conn.close()


def serving(*servers) -> None:
    for server in servers:
        threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True).start()


def stop(*servers) -> None:
    for server in servers:
        server.shutdown()
        server.server_close()


COUNTERS = re.compile(r'(<span id="dnn_ctr412_lbl\w+">|Lượt xem: )\d+')


def static(page: str) -> str:
    """A page without its per-request values (visitor counter, view count)."""
    return COUNTERS.sub(r"\1", page)


def url_of(server) -> str:
    return f"{server.scheme}://127.0.0.1:{server.server_address[1]}/"


def crawl(url: str) -> tuple[set[str], set[str]]:
    """Every listing and article path reachable from home by links: (listings, articles)."""
    listing = re.compile(r"/Chuyen-muc-tin/tabid/91/ctitle/\d+/(pageid/\d+/)?Default\.aspx")
    article = re.compile(
        r"/Chuyen-muc-tin/Chi-tiet-tin/tabid/92/title/\d+/ctitle/\d+/Default\.aspx"
    )
    seen_listings: set[str] = set()
    articles: set[str] = set()
    queue = ["/"]
    while queue:
        status, _, page = fetch(url, queue.pop())
        assert status == 200
        for href in LINK.findall(page):
            if listing.fullmatch(href) and href not in seen_listings:
                seen_listings.add(href)
                queue.append(href)
            elif article.fullmatch(href):
                articles.add(href)
    return seen_listings, articles


def test_every_article_is_reachable_from_home_by_listings_and_paging(served):
    listings, articles = crawl(served["school_url"])
    school = served["school"]
    assert articles == {article.path for article in school.articles}
    news = portal.listing_path(3, 2)
    assert news in listings  # paging is a path segment
    assert all(
        portal.listing_path(c.id, n) in listings
        for c in school.categories
        for n in range(1, school.page_count(c.id) + 1)
    )
    _, sister_articles = crawl(served["sister_url"])
    assert sister_articles == {article.path for article in served["sister"].articles}


def test_the_observed_url_form_and_page_shape(served):
    school, url = served["school"], served["school_url"]
    article = school.articles[-1]
    assert re.fullmatch(
        r"/Chuyen-muc-tin/Chi-tiet-tin/tabid/92/title/\d+/ctitle/\d+/Default\.aspx", article.path
    )
    status, headers, page = fetch(url, article.path)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Server"] == "Microsoft-IIS/10.0" and headers["X-Powered-By"] == "ASP.NET"
    assert any(c.startswith("dnn_IsMobile=False;") for c in headers.get_all("Set-Cookie"))
    assert f'<form method="post" action="{article.path}" id="Form"' in page
    for marker in ('name="__VIEWSTATE"', 'name="__EVENTVALIDATION"', 'id="dnn_ContentPane"',
                   'id="dnn_LeftPane"', 'id="dnn_ctr435_ViewNews_divContent"',
                   'id="dnn_dnnBreadcrumb_lblBreadCrumb"', 'name="dnn$dnnSearch$txtSearch"',
                   "Tổng lượt truy cập", "Tin khác", 'id="dnn_FooterPane"'):  # fmt: skip
        assert marker in page, marker
    assert f'id="dnn_ctr435_ViewNews_lblDate">{article.date_line}</span>' in page
    assert re.fullmatch(r"Cập nhật ngày: \d\d/\d\d/20\d\d \d\d:\d\d", article.date_line)
    assert f'href="{portal.login_path(article.path)}"' in page
    for related in school.related(article):
        assert f'href="{related.path}"' in page
    assert article.title == unicodedata.normalize("NFC", article.title)
    assert text_of(CONTENT.search(page).group(1)).count(article.paragraphs[-1][:40]) >= 1


def test_home_aliases_print_view_and_query_paging(served):
    url, school = served["school_url"], served["school"]
    home = fetch(url, "/")[2]
    for alias in ("/Default.aspx", "/Trang-chu/tabid/36/Default.aspx", "/default.aspx"):
        status, _, page = fetch(url, alias)
        assert status == 200 and 'id="dnn_ContentPane"' in page
    assert 'href="/Default.aspx"' not in home and "Trang-chu/tabid" not in home
    segment = fetch(url, portal.listing_path(3, 2))[2]
    query = fetch(url, portal.listing_path(3, 1) + "?pageid=2")[2]
    strip = re.compile(r"\d+</span></p>|value=\"[^\"]*\"|action=\"[^\"]*\"")
    assert strip.sub("", segment) == strip.sub("", query)
    article = school.articles[30]
    status, _, printed = fetch(url, article.print_path)
    assert status == 200 and "dnnprintmode/true" in article.print_path
    assert "visitor-counter" not in printed and "Tin khác" not in printed
    assert article.paragraphs[0][:30] in text_of(printed)
    page = fetch(url, article.path)[2]
    assert f'href="{article.print_path.replace("&", "&amp;")}"' in page
    assert fetch(url, portal.listing_path(3, 999))[0] == 404
    assert fetch(url, portal.article_path(article.article_id, 1 + article.category_id % 9))[0]
    assert (
        fetch(url, "/Chuyen-muc-tin/Chi-tiet-tin/tabid/92/title/1/ctitle/3/Default.aspx")[0] == 404
    )


def test_search_box_posts_back_and_login_is_a_form(served):
    url, article = served["school_url"], served["school"].articles[5]
    body = "__EVENTTARGET=dnn%24dnnSearch%24cmdSearch&dnn%24dnnSearch%24txtSearch=h%E1%BB%8Dc"
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, page = fetch(url, article.path, "POST", headers, body)
    assert status == 200 and article.title in page
    status, _, login = fetch(url, portal.login_path(article.path))
    assert status == 200 and 'type="password"' in login and "NOINDEX, NOFOLLOW" in login


def test_robots_txt_disallows_login_and_admin(served):
    url = served["school_url"]
    status, headers, text = fetch(url, "/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(text.splitlines())
    article = served["school"].articles[0]
    assert not robots.can_fetch("portal-archive", url + portal.login_path(article.path)[1:])
    assert not robots.can_fetch("portal-archive", url + "admin/")
    assert robots.can_fetch("portal-archive", url + article.path[1:])
    assert robots.can_fetch("portal-archive", url + article.print_path[1:])


def test_conditional_requests_answer_304(served):
    url, article = served["school_url"], served["school"].articles[-3]
    status, headers, _ = fetch(url, article.path)
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert status == 200 and etag and modified.endswith("GMT")
    assert fetch(url, article.path, headers={"If-None-Match": etag})[0] == 304
    assert fetch(url, article.path, headers={"If-Modified-Since": modified})[0] == 304
    assert fetch(url, article.path, headers={"If-None-Match": '"other"'})[0] == 200
    assert "ETag" not in fetch(url, "/")[1]


def test_request_log_has_both_hosts(served):
    fetch(served["sister_url"], "/robots.txt")
    time.sleep(0.2)
    records = [json.loads(line) for line in served["log"].read_text("utf-8").splitlines()]
    hosts = {record["host"] for record in records}
    assert {urlsplit(served["school_url"]).netloc, urlsplit(served["sister_url"]).netloc} <= hosts
    assert {"t", "method", "host", "path", "status", "ua", "cookie"} == set(records[0])


def test_tls_needs_an_unverified_context_and_http_is_an_option():
    school, sister = start_successor(articles=20, seed=2)
    plain, plain_sister = start_successor(articles=20, seed=2, http=True)
    serving(school, sister, plain, plain_sister)
    try:
        assert url_of(school).startswith("https://") and url_of(sister).startswith("https://")
        assert fetch(url_of(school))[0] == 200
        verified = ssl.create_default_context()
        conn = http.client.HTTPSConnection(
            "127.0.0.1", school.server_address[1], timeout=10, context=verified
        )
        with pytest.raises(ssl.SSLCertVerificationError):
            conn.request("GET", "/")
        conn.close()
        assert url_of(plain).startswith("http://")
        assert static(fetch(url_of(plain))[2]) == static(fetch(url_of(school))[2])
    finally:
        stop(school, sister, plain, plain_sister)


def test_same_arguments_give_the_same_bytes():
    first, first_sister = start_successor(articles=60, seed=4, http=True)
    second, second_sister = start_successor(articles=60, seed=4, http=True)
    serving(first, first_sister, second, second_sister)
    try:
        site = first.site
        paths = ["/", portal.listing_path(3, 1), site.articles[0].path, site.articles[-1].path,
                 site.articles[-1].print_path, "/robots.txt"]  # fmt: skip
        for path in paths:
            mine, theirs = fetch(url_of(first), path), fetch(url_of(second), path)
            assert mine[0] == theirs[0] == 200 and mine[2] == theirs[2], path
            for name in ("Content-Type", "Content-Length", "ETag", "Last-Modified"):
                assert mine[1][name] == theirs[1][name], (path, name)
        sister_home = fetch(url_of(first_sister))[2]
        assert sister_home == fetch(url_of(second_sister))[2]
        again = fetch(url_of(first), site.articles[-1].path)[2]
        assert again != fetch(url_of(first), site.articles[-1].path)[2]  # the counters move
    finally:
        stop(first, first_sister, second, second_sister)
    other = SuccessorPages(build_successor_site(60, seed=5))
    mine = SuccessorPages(build_successor_site(60, seed=4))
    assert mine.get(("home",)) != other.get(("home",))


def test_prefix_stable_in_the_number_of_articles():
    small, big = build_successor_site(90, seed=2), build_successor_site(130, seed=2)

    def facts(article):
        return (article.article_id, article.path, article.title, article.published,
                article.author, article.origin, article.old_path, article.paragraphs)  # fmt: skip

    assert [facts(a) for a in big.articles[:90]] == [facts(a) for a in small.articles]
    newest = small.articles[-1]
    assert all(a.published > newest.published for a in big.articles[90:])
    assert all(a.article_id > newest.article_id for a in big.articles[90:])
    assert all(a.origin == "new" for a in big.articles[90:])


def test_migrated_articles_keep_title_and_body_text_of_the_old_site():
    old_site = build_site(300, seed=1)
    site = build_successor_site(80, seed=1, old_articles=300)
    migrated = [a for a in site.articles if a.origin == "migrated"]
    assert len(migrated) == MIGRATED_COUNT
    newest_old = sorted(old_site.articles, key=lambda a: a.published)[-MIGRATED_COUNT:]
    assert [a.old_path for a in migrated] == [a.path for a in newest_old]
    old = make_server(old_site)
    school, sister = start_successor(articles=80, seed=1)
    serving(old, school, sister)
    try:
        old_url = f"http://127.0.0.1:{old.server_address[1]}/"
        for article in migrated:
            status, _, page = fetch(url_of(school), article.path)
            old_status, _, old_page = fetch(old_url, article.old_path)
            assert status == old_status == 200
            new_text = text_of(CONTENT.search(page).group(1))
            assert new_text == text_of(OLD_CONTENT.search(old_page).group(1)), article.old_path
            assert article.title == old_site.by_path(article.old_path).title
            assert f">{article.title}</h1>" in page.replace("&quot;", '"')
            assert article.published < site.articles[-1].published
        for file in {f for a in migrated for f in a.files if f.size < 1_000_000}:
            assert fetch(url_of(school), file.path, "HEAD")[0] == 200
    finally:
        stop(old, school, sister)
    new = [a for a in site.articles if a.origin == "new"]
    assert new and all(a.published.year >= 2025 and a.published.month >= 7 for a in new[:5])


def test_new_articles_have_authors_pictures_and_documents():
    site = build_successor_site(1200, seed=1)
    new = [a for a in site.articles if a.origin == "new"]
    assert sum(1 for a in new if a.author) > len(new) // 3
    assert sum(1 for a in new if a.image_urls) > len(new) // 10
    documents = [f for a in new for f in a.files]
    assert documents and all(f.path.startswith("/Portals/0/Files/") for f in documents)
    assert {f.extension for f in documents} <= {"pdf", "docx"}
    assert documents[0].content()[:4] in (b"%PDF", b"PK\x03\x04")
    assert all(unicodedata.is_normalized("NFC", "".join(a.paragraphs)) for a in new[:200])
    assert len({a.article_id for a in site.articles}) == len(site.articles)
    assert all(site.category(a.category_id) for a in site.articles)


def test_builds_five_thousand_articles_in_a_few_seconds():
    started = time.perf_counter()
    site = build_successor_site(5000, seed=1)
    build_danguykhoi(site, seed=1)
    elapsed = time.perf_counter() - started
    assert len(site.articles) == 5000
    assert site.articles[-1].published.year == 2026  # bounded, never past June 2026
    assert elapsed < 10, f"built in {elapsed:.1f} s"


def test_danguykhoi_cross_posts_school_news_with_the_credit(served):
    school, sister, url = served["school"], served["sister"], served["sister_url"]
    cross = [a for a in sister.articles if a.origin == "cross-post"]
    own = [a for a in sister.articles if a.origin == "own"]
    assert cross and own
    home = fetch(url)[2]
    assert "Đảng ủy Khối" in home
    for article in cross[:5]:
        original = school.by_path(article.origin_path)
        assert original.title == article.title and original.category_id == 3
        status, _, page = fetch(url, article.path)
        text = text_of(CONTENT.search(page).group(1)).rstrip()
        assert status == 200 and text.endswith("(Trường Chính trị tỉnh Phú Thọ)")
        assert article.paragraphs[-1] == "(Trường Chính trị tỉnh Phú Thọ)"
        school_page = fetch(served["school_url"], original.path)[2]
        school_text = text_of(CONTENT.search(school_page).group(1)).rstrip()
        assert "(Trường Chính trị tỉnh Phú Thọ)" not in school_text
        assert text.startswith(school_text[:200])
    assert fetch(url, cross[0].origin_path)[0] == 404  # the school's ids are not the sister's


def test_faults_are_listed_and_served():
    listed = subprocess.run(
        [sys.executable, "-m", "replica", "--site", "phutho-2025", "--articles", "60",
         "--list-faults", "--port", "8443"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    faults = [json.loads(line) for line in listed.stdout.splitlines()]
    names = {fault["name"] for fault in faults}
    assert names == set(SUCCESSOR_FAULT_NAMES)
    assert {"http-5xx", "http-429", "timeout", "truncated", "traps"} <= names
    variants = next(fault for fault in faults if fault["name"] == "url-variants")
    assert "https://mail.127.0.0.1:8443/Chuyen-muc-tin/" in variants["note"]
    site = build_successor_site(60)
    paths = {a.path for a in site.articles}
    recovered = [f for f in faults if f["outcome"] == "recovered"]
    assert recovered and all(f["url"] in paths for f in recovered)
    school, sister = start_successor(articles=60, faults=("http-5xx", "traps"))
    serving(school, sister)
    try:
        url = url_of(school)
        target = next(f for f in faults if f["name"] == "http-5xx" and f["status"] == 500)
        statuses = [fetch(url, target["url"])[0] for _ in range(3)]
        assert statuses == [500, 500, 200]
        assert 'href="/tong-hop-lien-ket/"' in fetch(url)[2]
        hub = fetch(url, "/tong-hop-lien-ket/")[2]
        assert 'id="Form"' in hub and "/lich/" in hub
    finally:
        stop(school, sister)


def test_unknown_site_is_one_line_naming_the_choices():
    result = subprocess.run(
        [sys.executable, "-m", "replica", "--site", "phutho-2024"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "python -m replica: unknown site 'phutho-2024'; choose one of: phutho, phutho-2025, "
        "nukeviet-example"
    ]
    cli = subprocess.run(
        [sys.executable, "-m", "portal_archive.cli", "replica", "--site", "x"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert cli.returncode == 2
    assert "choose one of: phutho, phutho-2025" in cli.stderr.strip().splitlines()[-1]
    faults = subprocess.run(
        [sys.executable, "-m", "replica", "--site", "phutho-2025", "--faults", "binary"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert faults.returncode != 0 and len(faults.stderr.strip().splitlines()) == 1
    assert "unknown fault mode(s) ['binary'] for the successor site" in faults.stderr


def test_list_articles_is_the_model_as_json_lines():
    listed = subprocess.run(
        [sys.executable, "-m", "replica", "--site", "phutho-2025", "--articles", "45",
         "--seed", "2", "--list-articles"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    lines = [json.loads(line) for line in listed.stdout.splitlines()]
    school = build_successor_site(45, seed=2)
    sister = build_danguykhoi(school, seed=2)
    assert [line["path"] for line in lines if line["portal"] == "phutho-2025"] == [
        article.path for article in school.articles
    ]
    assert sum(line["portal"] == "danguykhoi" for line in lines) == len(sister.articles)
    migrated = next(line for line in lines if line["origin"] == "migrated")
    assert migrated["old_path"].endswith(".html") and migrated["published"].endswith("+07:00")
