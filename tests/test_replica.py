"""The portal replica: site model, determinism, prefix stability, pages and the loopback server."""

from __future__ import annotations

import http.client
import json
import re
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from replica.generate.build import build_site
from replica.generate.fixed_articles import seed_data
from replica.serve.http_server import make_server
from replica.serve.page_cache import PageCache
from replica.words.vietnamese import WEEKDAYS
from tests.markup import text_of

N = 300
COUNTER = re.compile(r"(online : &nbsp;|nay : &nbsp;|qua : &nbsp;|cập : )\d+")
VIEWS = re.compile(r'<span class="view">(\d+)</span>')


def static_part(html: str) -> str:
    return VIEWS.sub("", COUNTER.sub(r"\1", html))


@pytest.fixture(scope="module")
def site():
    return build_site(N, seed=1)


@pytest.fixture(scope="module")
def server(site, tmp_path_factory):
    log = tmp_path_factory.mktemp("replica") / "requests.jsonl"
    srv = make_server(site, port=0, log_path=str(log))
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    srv.log_file = log
    yield srv
    srv.shutdown()
    srv.server_close()


def fetch(server, path, method="GET", headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    body = response.read().decode("utf-8") if method != "HEAD" else ""
    conn.close()
    return response.status, response, body


def seed_article(site):
    return next(article for article in site.articles if article.key == "seed")


def test_rejects_fewer_than_eleven_articles():
    with pytest.raises(ValueError, match="at least 11"):
        build_site(10)


def test_listings_reach_exactly_every_article(site, server):
    host = f"127.0.0.1:{server.server_address[1]}"
    found = []
    for category in site.categories:
        for page in range(1, site.page_count(category.slug) + 1):
            path = category.path if page == 1 else f"{category.path}page/{page}/"
            status, _, html = fetch(server, path)
            assert status == 200
            links = re.findall(r'class="title_link" href="([^"]+)"', html)
            found += [link.removeprefix(f"http://mail.{host}") for link in links]
        last = site.page_count(category.slug)
        assert fetch(server, f"{category.path}page/{last + 1}/")[0] == 404
    assert len(found) == N
    assert set(found) == {article.path for article in site.articles}
    assert any("http://mail." in fetch(server, c.path)[2] for c in site.categories)


def test_same_seed_gives_identical_pages(site, server):
    other = PageCache(build_site(N, seed=1))
    mine = PageCache(site)
    for article in site.articles[::15] + [seed_article(site)]:
        key = ("article", article.path)
        assert mine.get(key) == other.get(key)
    assert mine.get(("listing", "noi-san", "2")) == other.get(("listing", "noi-san", "2"))
    first, second = fetch(server, site.articles[5].path)[2], fetch(server, site.articles[5].path)[2]
    assert first != second
    assert static_part(first) == static_part(second)


def test_prefix_stability():
    small, big = build_site(60, seed=7), build_site(95, seed=7)
    for article in small.articles:
        twin = big.by_path(article.path)
        assert twin is not None
        assert (twin.title, twin.published, twin.print_id, twin.paragraphs) == (
            article.title,
            article.published,
            article.print_id,
            article.paragraphs,
        )
    extra = [a for a in big.articles if small.by_path(a.path) is None]
    assert len(extra) == 35
    newest_generated = max(a.published for a in small.articles if a.key.startswith("g"))
    assert all(a.key.startswith("g") and a.published > newest_generated for a in extra)
    tiny = build_site(11, seed=7)
    assert {a.key: a.print_id for a in tiny.articles} == {
        a.key: a.print_id for a in big.articles if not a.key.startswith("g")
    }


def test_print_ids_unique_and_increasing_with_date(site):
    ordered = sorted(site.articles, key=lambda a: a.published)
    ids = [a.print_id for a in ordered]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert [a.published for a in site.articles] == [a.published for a in ordered]


def _author_markers(article):
    if article.author_form == "credit":
        return [], [f"(Tin: {article.author}; Ảnh: "]
    lines = [article.author, article.author_role] if article.author else []
    return (lines, []) if article.author_form == "top" else ([], lines)


def test_article_page_has_every_block_in_order(site, server):
    top = next(a for a in site.articles if a.author_form == "top")
    pictured = [a for a in site.articles if any(u.startswith("http") for u in a.image_urls)]
    for article in (top, pictured[0], pictured[-1]):
        status, response, html = fetch(server, article.path)
        assert status == 200
        assert response.getheader("Content-Type") == "text/html; charset=utf-8"
        assert '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />' in html
        assert "<title>Untitled Document</title>" in html.split("</head>", 1)[1]
        before, after = _author_markers(article)
        related = site.related(article)
        markers = [
            "Trang chủ", "Liên kết website", "Website Chính Phủ", "Untitled Document",
            "Thống kê truy cập", "Số người online : \xa0", "Hôm nay : \xa0", "Hôm qua : \xa0",
            "Lượt truy cập : ", article.title, "9 10 ", article.heading, article.date_line,
            *before, *article.paragraphs, *after, "[Trở về]", "[Đầu trang]", "In bài viết",
            "Gửi cho bạn bè", "Các tin khác:", *(a.title for a in related), "Vụ TCT",
            "Bí thư Tỉnh ủy tặng hoa GS,TS Nguyễn Xuân Thắng", "Tin mới nhất",
            *(a.title for a in site.latest(5)),
        ]  # fmt: skip
        text, position = text_of(html), 0
        for marker in markers:
            found = text.find(marker, position)
            assert found >= 0, f"{marker!r} missing or out of order in {article.path}"
            position = found + len(marker)
        assert f'href="/print/{article.print_id}.html"' in html
        assert '<form name="frmSendFriend" method="post" action="/gui-ban-be/"' in html
        assert all(f'src="{url}"' in html for url in article.image_urls)
        older = [a for a in site.articles[: article.index] if a.category == article.category]
        assert related == older[::-1][:10]


def test_counter_and_views_change_per_request(site, server):
    pages = [fetch(server, site.articles[-1].path)[2] for _ in range(2)]
    counters = [re.findall(r"(?:online|nay|cập) : (?:&nbsp;)?(\d+)", page) for page in pages]
    assert len(counters[0]) == 3 and all(a != b for a, b in zip(*counters, strict=True))
    views = [int(VIEWS.search(page).group(1)) for page in pages]
    assert views[1] == views[0] + 1 and views[0] >= site.articles[-1].views


def test_seed_article_page(site, server):
    article = seed_article(site)
    assert article.path.startswith("/noi-san/khoi-thi-dua-cac-co-quan-dang-mat-tran-to-quoc-va")
    assert article.date_line == "Thứ ba, 27.06.2023 00:42" and article.views == 179
    assert len(article.paragraphs) == 19 and not article.images
    assert "sauđại dịch" in article.paragraphs[1] and "chỉ đạocủaTỉnh ủy" in article.paragraphs[1]
    assert "đơn vị\xa0 phát động" in article.paragraphs[11]
    assert article.paragraphs[0].startswith("Khối thi đua các cơ quan Đảng, Ủy ban Mặt trận")
    assert article.paragraphs[-1].startswith("Sáu là,\xa0đẩy mạnh phong trào thi đua")
    expected = article.expected()
    assert expected["published"] == "2023-06-27T00:42:00+07:00"
    assert (expected["author"], expected["author_role"]) == (
        "ThS. Nguyễn Thị Nhàn",
        "Trưởng phòng TC, HC, TT, TL",
    )
    status, _, html = fetch(server, article.path)
    assert status == 200 and "sau<span" in html
    text = text_of(html)
    position = 0
    for paragraph in [*article.paragraphs, "ThS. Nguyễn Thị Nhàn", "Trưởng phòng TC, HC, TT, TL"]:
        position = text.index(paragraph, position) + len(paragraph)
    related = re.search(r"Các tin khác:</b>(.*?)</ul>", html, re.S).group(1)
    titles = [text_of(t) for t in re.findall(r"<a [^>]+>(.*?)</a>", related)]
    assert titles == seed_data()["related_titles"]
    status, _, printed = fetch(server, article.print_path)
    assert status == 200 and "Thứ ba, 27.06.2023 GMT+7" in printed
    assert "Các tin khác" not in printed and "Thống kê truy cập" not in printed


def test_mail_alias_host_serves_the_same_page(site, server):
    port = server.server_address[1]
    path = site.articles[10].path
    plain = fetch(server, path)[2]
    alias = fetch(server, path, headers={"Host": f"mail.127.0.0.1:{port}"})[2]
    assert static_part(plain) == static_part(alias)


def test_robots_404_redirect_and_forms(site, server):
    status, response, body = fetch(server, "/robots.txt")
    assert status == 200 and body == "User-agent: *\nDisallow: /lien-he/\nDisallow: /gui-ban-be/\n"
    for path in ("/nope", "/noi-san/nope.html", "/print/99999999.html", "/gui-ban-be/"):
        status, response, body = fetch(server, path)
        assert status == 404 and "<html" in body
    status, response, _ = fetch(server, "/noi-san/page/1/")
    assert status == 301 and response.getheader("Location") == "/noi-san/"
    assert fetch(server, "/gui-ban-be/", method="POST")[0] == 405
    assert fetch(server, "/gioi-thieu/")[0] == 200 and fetch(server, "/lien-he/")[0] == 200


def test_head_images_and_log(site, server):
    status, response, _ = fetch(server, "/", method="HEAD")
    assert status == 200 and int(response.getheader("Content-Length")) > 1000
    assert response.getheader("Date") and response.getheader("Set-Cookie") is None
    local = next(url for a in site.articles for url in a.image_urls if url.startswith("/"))
    status, response, _ = fetch(server, local, method="HEAD")
    assert status == 200 and response.getheader("Content-Type") == "image/jpeg"
    fetch(server, "/tin-tuc-su-kien/", headers={"User-Agent": "t/1", "Cookie": "a=b"})
    records = [json.loads(line) for line in server.log_file.read_text("utf-8").splitlines()]
    assert set(records[0]) == {"t", "method", "host", "path", "status", "ua", "cookie"}
    wanted = {"method": "GET", "path": "/tin-tuc-su-kien/", "status": 200, "cookie": "a=b"}
    assert wanted.items() <= records[-1].items() and records[-1]["ua"] == "t/1"


def test_refuses_non_loopback_hosts(site):
    for host in ("0.0.0.0", "192.168.1.10", "example.org"):
        with pytest.raises(ValueError, match="loopback"):
            make_server(site, host=host)


def test_text_is_nfc_and_weekdays_match(site):
    for article in site.articles:
        strings = [article.title, article.heading, article.author or "", *article.paragraphs]
        assert all(unicodedata.is_normalized("NFC", s) for s in strings)
        weekday = WEEKDAYS[article.published.weekday()]
        assert article.date_line.startswith(f"{weekday}, {article.published:%d.%m.%Y %H:%M}")
        assert article.print_date_line == f"{weekday}, {article.published:%d.%m.%Y} GMT+7"
        assert 4 <= len(article.paragraphs) <= 19


def test_fifty_thousand_articles_stay_in_2014_to_2024():
    started = time.perf_counter()
    big = build_site(50_000, seed=1)
    print(f"\nbuild_site(50000) took {time.perf_counter() - started:.2f} s")
    assert len(big.articles) == 50_000
    assert big.articles[0].published >= datetime(2014, 1, 1)
    assert big.articles[-1].published < datetime(2025, 1, 1)
    ids = [a.print_id for a in big.articles]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert len({a.path for a in big.articles}) == 50_000
    assert all(a.date_line.startswith(WEEKDAYS[a.published.weekday()]) for a in big.articles[::97])


def test_module_entry_point_serves_and_stops_on_sigterm():
    command = [sys.executable, "-m", "replica", "--port", "0", "--articles", "30", "--seed", "2"]
    root = Path(__file__).resolve().parents[1]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=root)
    try:
        line = process.stdout.readline()
        match = re.fullmatch(r"Replica serving 30 articles at http://127\.0\.0\.1:(\d+)/\n", line)
        assert match, line
        conn = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().status == 200
        conn.close()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()


def test_article_pages_answer_conditional_requests(site, server):
    article = site.articles[20]
    status, response, _ = fetch(server, article.path)
    etag, modified = response.getheader("ETag"), response.getheader("Last-Modified")
    assert status == 200 and etag.startswith('"') and modified.endswith(" GMT")
    assert fetch(server, article.path, headers={"If-None-Match": etag})[0] == 304
    assert fetch(server, article.path, headers={"If-Modified-Since": modified})[0] == 304
    assert fetch(server, article.path, headers={"If-None-Match": '"other"'})[0] == 200
    again = fetch(server, article.path)[1]
    assert again.getheader("ETag") == etag  # counters change, the article does not


def test_attachments_are_served_and_prefix_stable(site, server):
    from replica.generate.linked_files import OVERSIZED, SHARED

    files = {f.path: f for a in site.articles for f in a.files}
    assert OVERSIZED.path in files and SHARED[0].path in files
    linking = [a for a in site.articles if SHARED[0] in a.files]
    assert len(linking) >= 2
    small = next(f for f in files.values() if f != OVERSIZED)
    status, response, _ = fetch(server, small.path, method="HEAD")
    assert (status, response.getheader("Content-Type")) == (200, small.mime)
    assert int(response.getheader("Content-Length")) == small.size == len(small.content())
    assert f'href="{SHARED[0].path}"' in fetch(server, linking[0].path)[2]
    big = build_site(N + 40, seed=1)
    for article in site.articles:
        assert big.by_path(article.path).files == article.files


def test_edits_are_deterministic_and_change_only_old_bodies():
    plain, edited, again = (build_site(200, 3), build_site(200, 3, edits=4),
                            build_site(200, 3, edits=4))  # fmt: skip
    changed = [a for a in edited.articles if a.revision]
    assert [a.key for a in changed] == [a.key for a in again.articles if a.revision]
    assert len(changed) == 4 and all(a.index < 100 for a in changed)
    for article in changed:
        before = plain.by_path(article.path)
        assert article.paragraphs[0].startswith(before.paragraphs[0])
        assert article.paragraphs[1:] == before.paragraphs[1:]
        assert edited.validators(article)[0] != plain.validators(before)[0]
        assert article.expected()["first_paragraph"] == article.paragraphs[0]
