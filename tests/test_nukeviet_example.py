"""The README's "Adding a portal" followed to the letter: its NukeViet profile (the YAML block
in the README, the same as examples/nukeviet.yaml) crawls the NukeViet example site, and every
article comes out once with its title, author, date and body right, no attachment stored as
an article; `check-profile` says so too, and says what is wrong with a copied phutho profile."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from collections.abc import Iterator

import pytest

from replica.generate.build import build_site
from replica.nukeviet import article_path, download_path
from scraper.extraction.text import clean_line
from tests.conftest import FAST, PYTHON, REPO, Replica, start_replica, stop_replica

ARTICLES = 120  # every category has a second listing page


def readme_profile() -> str:
    """The YAML block of the README's NukeViet example."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adding a portal", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)
    [block] = [b for b in blocks if "name: nukeviet-example" in b]
    return block


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Iterator[Replica]:
    tmp = tmp_path_factory.mktemp("nukeviet")
    server = start_replica(tmp, ARTICLES, extra=["--site", "nukeviet-example"])
    yield server
    stop_replica(server)


@pytest.fixture(scope="module")
def crawled(example_site, tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("nukeviet-crawl")
    profile = tmp / "nukeviet.yaml"
    profile.write_text(readme_profile(), encoding="utf-8")
    db = tmp / "nukeviet.db"
    command = [PYTHON, "-m", "portal_archive", "crawl", "--db", str(db), "--profile",
               str(profile), "--base-url", example_site.url]  # fmt: skip
    for setting in (*FAST, "ARCHIVE_CAPTURE_EMBEDS=off"):
        command += ["-s", setting]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        articles = [dict(r) for r in conn.execute("SELECT * FROM articles")]
        attachments = [dict(r) for r in conn.execute("SELECT * FROM attachments")]
    return {"articles": articles, "attachments": attachments, "log": example_site.requests()}


def test_the_readme_block_is_the_example_file() -> None:
    assert readme_profile() == (REPO / "examples" / "nukeviet.yaml").read_text(encoding="utf-8")


def test_every_article_is_found_once_with_its_fields_right(crawled, example_site) -> None:
    base = example_site.url.rstrip("/")
    site = build_site(ARTICLES, 1)
    rows = {row["url"]: row for row in crawled["articles"]}
    assert len(crawled["articles"]) == len(rows) == len(site.articles)
    for article in site.articles:
        row = rows[base + article_path(article)]
        want = article.expected()
        assert row["title"] == want["title"], row["url"]
        assert row["author"] == want["author"], row["url"]
        assert row["published"] == want["published"], row["url"]
        # Every paragraph, as extraction cleans a line (the phutho crawl test's measure).
        assert row["body_text"].split("\n\n") == [clean_line(p) for p in article.paragraphs]
        assert "Lượt xem" not in row["body_text"] and "Tác giả:" not in row["body_text"]
    assert all(row["category"] for row in crawled["articles"])


def test_attachments_are_files_never_articles(crawled, example_site) -> None:
    base = example_site.url.rstrip("/")
    site = build_site(ARTICLES, 1)
    downloads = {
        base + download_path(a, n) for a in site.articles for n in range(1, len(a.files) + 1)
    }
    assert downloads, "the example has articles with files"
    assert not any("?" in row["url"] for row in crawled["articles"])
    # Each is a file of its article: stored, or skipped when over ARCHIVE_ATTACHMENT_MAX_SIZE.
    files = {row["url"]: row for row in crawled["attachments"]}
    assert downloads <= set(files)
    assert {files[url]["status"] for url in downloads} <= {"stored", "skipped"}
    assert any(files[url]["status"] == "stored" for url in downloads)
    feeds = [r for r in crawled["log"] if r["path"].startswith("/vi/news/rss/")]
    assert not feeds, "the excluded feed was fetched"


def check(profile: str, base_url: str) -> subprocess.CompletedProcess:
    command = [PYTHON, "-m", "portal_archive", "check-profile", "--profile", profile,
               "--base-url", base_url, "--delay", "0"]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)


def test_check_profile_passes_the_example_profile(example_site) -> None:
    done = check(str(REPO / "examples" / "nukeviet.yaml"), example_site.url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "listing  " + example_site.url + "vi/news/noi-san/  200  items 10  next " in done.stdout
    assert "/vi/news/noi-san/page-2/" in done.stdout
    assert "  author: ThS. Nguyễn Thị Nhàn" in done.stdout
    assert "warning" not in done.stdout and done.stdout.rstrip().splitlines()[-1].startswith("OK")


def test_check_profile_shows_what_a_copied_phutho_profile_gets_wrong(
    example_site, tmp_path
) -> None:
    """The new user's first profile: phutho's fields with the example's URLs and date form."""
    text = (REPO / "examples" / "nukeviet.yaml").read_text(encoding="utf-8")
    copied = re.sub(r"(?m)^(title_from|fields|noise_lines|attachments):.*\n(  .*\n)*", "", text)
    profile = tmp_path / "first-try.yaml"
    profile.write_text(copied, encoding="utf-8")
    done = check(str(profile), example_site.url)
    assert done.returncode == 0, done.stdout + done.stderr  # title, date and body are there
    assert "warning: article" in done.stdout and "body contains noise" in done.stdout


def test_check_profile_warns_when_the_profile_rules_miss_the_date_line(
    example_site, tmp_path
) -> None:
    text = (REPO / "examples" / "nukeviet.yaml").read_text(encoding="utf-8")
    profile = tmp_path / "wrong-date.yaml"
    profile.write_text(text.replace(r"\s*-\s*\d{1,2}/", r"\s*,\s*\d{1,2}\."), encoding="utf-8")
    done = check(str(profile), example_site.url)
    assert "(generic rules)" in done.stdout
    assert "no date line for dates.article: generic rules were used" in done.stdout


def test_check_profile_exit_1_names_what_is_missing(example_site, tmp_path) -> None:
    """Phutho's article pattern (no id before .html, no /vi/news/) finds nothing here."""
    text = (REPO / "examples" / "nukeviet.yaml").read_text(encoding="utf-8")
    phutho_pattern = r"'^/(?P<category>[a-z0-9-]+)/(?P<slug>[a-z0-9-]+)\.html$'"
    profile = tmp_path / "no-articles.yaml"
    profile.write_text(re.sub(r"(?m)^  article: .*$", "  article: " + phutho_pattern, text),
                       encoding="utf-8")  # fmt: skip
    done = check(str(profile), example_site.url)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no article links" in done.stdout
    assert done.stderr.strip().splitlines() == [
        "check-profile: no article found: check urls.article, categories and urls.listing_url"
    ]
