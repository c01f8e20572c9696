"""The published archive in a real headless browser: Debian's chromium driven by Playwright.

Nothing leaves loopback: every request not addressed to our Datasette is aborted and recorded.
Screenshots go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from replica.generate import planted
from scraper.extraction.text import clean_line
from tests.conftest import REPO, Archive

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed (make test installs it: scripts/install-test-deps)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, archive: Archive):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="vi-VN")
    blocked: list[str] = []

    def only_loopback(route) -> None:
        if route.request.url.startswith(archive.datasette.base + "/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.blocked = blocked
    yield tab
    context.close()
    assert all(url.startswith(("http://127.0.0.1", "data:")) for url in blocked), blocked


def test_search_read_and_chart(page, archive: Archive) -> None:
    site = archive.site()
    seed = next(a for a in site.articles if a.key == "seed")
    page.goto(archive.datasette.base + "/")
    page.get_by_role("link", name="archive", exact=True).first.click()
    page.get_by_role("link", name="Search articles (ranked, with snippets)").first.click()
    page.fill("input[name=q]", "thi dua")
    page.locator("form.search-form input[type=submit]").click()
    page.wait_for_selector("li.hit")
    titles = page.locator("li.hit a.hit-title")
    first = [titles.nth(i).inner_text() for i in range(min(3, titles.count()))]
    assert seed.title in first, first
    assert page.locator("li.hit a.hit-title mark").first.inner_text().lower() == "thi"
    page.screenshot(path=str(ARTIFACTS / "search-thi-dua.png"), full_page=False)

    titles.nth(first.index(seed.title)).click()
    page.wait_for_selector("article.archived-article")
    assert page.locator("h1.article-title").inner_text() == seed.title
    paragraph = page.locator(".article-body p").first.inner_text()
    assert clean_line(paragraph) == clean_line(seed.expected()["first_paragraph"])
    assert "Trưởng phòng TC, HC, TT, TL" in page.locator(".article-author").inner_text()
    assert "581/QĐ-UBND" in page.locator(".article-refs").inner_text()
    page.screenshot(path=str(ARTIFACTS / "article-seed.png"), full_page=True)

    page.goto(archive.datasette.base + "/-/charts")
    bars = page.locator("#monthly-chart svg rect.bar")
    assert bars.count() > 12
    heights = [float(bars.nth(i).get_attribute("height")) for i in range(bars.count())]
    assert max(heights) > 50
    box = page.locator("#monthly-chart svg").bounding_box()
    assert box and box["width"] > 500 and box["height"] > 200  # drawn, not just present
    page.screenshot(path=str(ARTIFACTS / "charts.png"), full_page=True)


def test_table_search_box_switches_index_each_time(page, archive: Archive) -> None:
    page.goto(archive.datasette.base + "/archive/articles")
    for query in ("thi dua", "thể", "dang"):
        page.fill("input[name=_search]", query)
        page.locator("form.filters input[type=submit][value=Apply]").first.click()
        page.wait_for_load_state("load")
        count = page.locator("h3").first.inner_text()
        assert count.split()[0].replace(",", "").isdigit() and not count.startswith("0 "), count
        assert page.input_value("input[name=_search]") == query
    page.screenshot(path=str(ARTIFACTS / "table-search-dang.png"))


def test_planted_script_and_handlers_never_run(page, archive: Archive) -> None:
    article = next(a for a in archive.site().articles if a.key == planted.PLANTED_KEY)
    url = quote(archive.url_of(article), safe="")
    page.goto(f"{archive.datasette.base}/archive/-/article?url={url}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # an image error handler would have fired by now
    flags = page.evaluate(f"() => {list(planted.FLAGS)}.map(name => window[name])")
    assert flags == [None, None, None]
    assert page.title() == article.title and page.dialogs == []
    body = page.locator(".article-body")
    assert "ÐẢNG BỘ" in body.inner_text()
    for selector in ("script", "[onerror]", "a[href^='javascript:']", "iframe", "form"):
        assert body.locator(selector).count() == 0, selector
    page.locator(".article-body a", has_text="Ảnh minh họa").first.click(timeout=2000, force=True)
    assert page.evaluate(f"() => window.{planted.FLAGS[2]}") is None
    page.screenshot(path=str(ARTIFACTS / "article-planted.png"), full_page=True)
