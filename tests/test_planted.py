"""The replica's planted article: hostile markup on the page, none of it in what we store."""

from __future__ import annotations

from replica.generate import planted
from replica.generate.build import build_site
from replica.render.article_pages import article_page
from replica.render.page_template import Template
from scraper.extraction import extract
from scraper.extraction.text import clean_line
from scraper.sites import load_site

BASE = "http://127.0.0.1:8000"


def planted_article(articles: int = 40):
    site = build_site(articles, seed=1)
    return site, next(a for a in site.articles if a.key == planted.PLANTED_KEY)


def render(site, article) -> str:
    slots = ("host", "views", "online", "today", "yesterday", "total")
    values = {name: "127.0.0.1:8000" if name == "host" else "1" for name in slots}
    return Template.compile(article_page(site, article)).render(values).decode()


def test_planted_article_is_prefix_stable_and_in_its_ground_truth() -> None:
    site, article = planted_article(40)
    _, twin = planted_article(95)
    assert (twin.path, twin.paragraphs) == (article.path, article.paragraphs)
    assert article.paragraphs[1] == planted.CAPTION
    assert (planted.IMAGE_URL, planted.CAPTION) in article.images
    html = render(site, article)
    assert planted.SCRIPT in html and planted.ONERROR in html and planted.HREF in html


def test_extraction_keeps_the_text_and_drops_the_code() -> None:
    site, article = planted_article(40)
    page = render(site, article)
    result = extract(BASE + article.path, page, load_site("phutho", BASE + "/"))
    paragraphs = result.body_text.split("\n\n")
    assert paragraphs == [clean_line(p) for p in article.paragraphs]
    assert "ÐẢNG BỘ" in result.body_text  # stored as published: the eth stays
    for needle in ("<script", "onerror", "javascript:", "__planted", "PWNED"):
        assert needle not in result.body_html
    assert "Ảnh minh họa" in result.body_html
    assert all(url.startswith("http") for url in result.links)
