"""Print views are pages of their own: the profile's print rules (date line with the day only and
GMT+7, the title line in the body, no chrome) give the article's own title, day, author and body,
through the one extraction entry point."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from portal_archive.cli import main
from replica import build_site
from replica.render.article_pages import article_page, print_page
from scraper.extraction import ExtractionLimits, extract_page
from scraper.extraction.dates import parse_date_line
from scraper.sites import load_site

BASE = "http://127.0.0.1:1"
SITE = load_site("phutho", BASE + "/")
NOW = datetime(2026, 11, 30, tzinfo=UTC)


def extracted(html: str, path: str):
    body = html.encode("utf-8")
    return extract_page(
        body, "text/html; charset=utf-8", BASE + path, SITE, ExtractionLimits(), NOW
    )


def test_every_replica_print_view_reads_as_its_article() -> None:
    site = build_site(300, seed=1)
    wrong = []
    for article in site.articles:
        page = extracted(article_page(site, article), article.path)
        printed = extracted(print_page(article), article.print_path)
        same = (printed.title, printed.author, printed.author_role, printed.body_text) == (
            page.title, page.author, page.author_role, page.body_text,
        )  # fmt: skip
        day = printed.published and printed.published[:10] == page.published[:10]
        if not (same and day and printed.method == "profile"):
            wrong.append(article.print_path)
        assert (page.published_precision, printed.published_precision) == ("minute", "day")
        assert printed.print_id == article.print_id
    assert not wrong, f"{len(wrong)} print views differ from their article, e.g. {wrong[:3]}"


@pytest.mark.parametrize(
    ("line", "iso", "precision"),
    [
        ("Thứ năm, 12.01.2023 GMT+7", "2023-01-12T00:00:00+07:00", "day"),
        ("Thứ ba, 27.06.2023 00:42", "2023-06-27T00:42:00+07:00", "minute"),
    ],
)
def test_date_precision_follows_what_was_printed(line: str, iso: str, precision: str) -> None:
    profile = SITE.profile
    parsed = parse_date_line(line, "+07:00", "DMY", None, profile.date_formats)
    assert (parsed.iso, parsed.precision) == (iso, precision)


def test_extract_command_on_a_print_page(tmp_path) -> None:
    site = build_site(20, seed=1)
    article = site.articles[5]
    page = tmp_path / "print.html"
    page.write_bytes(print_page(article).encode("utf-8"))
    url = "http://truongchinhtritinhphutho.gov.vn" + article.print_path
    result = CliRunner().invoke(main, ["extract", str(page), "--url", url, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == article.title and data["title"] != "In bài viết"
    assert data["published_precision"] == "day" and data["method"] == "profile"


def test_extract_with_a_url_that_is_not_http_says_so_in_one_line(tmp_path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<html><body>x</body></html>", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(page), "--generic", "--url", "xhttps://a/"])
    assert result.exit_code == 2
    assert "not an absolute http(s) URL" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "expected", "code"),
    [
        (b"", "note: empty-article", 0),
        (b'<html><frameset><frame src="a.html"></frameset></html>', "note: empty-article", 0),
        (bytes(range(256)) * 64, "binary data, not a page", 1),
    ],
)
def test_extract_says_what_an_odd_page_is(tmp_path, content: bytes, expected: str, code: int):
    page = tmp_path / "odd.html"
    page.write_bytes(content)
    result = CliRunner().invoke(main, ["extract", str(page), "--url", "http://x.vn/a.html"])
    assert result.exit_code == code and expected in result.output
    assert "Traceback" not in result.output
