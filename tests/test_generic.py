"""The generic path on pages no profile describes (tests/generic_pages/: other CMSs, English and
Vietnamese layouts, comments, galleries, JSON-LD, <time>, a date only in the URL), field by field
against saved expectations, and never worse than plain trafilatura on the same pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import trafilatura

from scraper.extraction import ExtractionLimits, extract_page

PAGES = Path(__file__).parent / "generic_pages"
EXPECTED: dict[str, dict] = json.loads((PAGES / "expected.json").read_text("utf-8"))
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def ours(name: str):
    body = (PAGES / name).read_bytes()
    url = EXPECTED[name]["url"]
    return extract_page(body, "text/html; charset=utf-8", url, None, ExtractionLimits(), NOW)


def score(text: str, expected: dict) -> tuple[int, int]:
    """(wanted passages found, unwanted passages kept) in a body text."""
    return (
        sum(s in text for s in expected["body_has"]),
        sum(s in text for s in expected["body_lacks"]),
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_generic_fields(name: str) -> None:
    expected, found = EXPECTED[name], ours(name)
    assert found.method == "generic"
    assert found.title == expected["title"]
    assert (found.published or "")[:10] == expected["day"], found.published_raw
    if "published" in expected:
        assert found.published == expected["published"]
    assert found.author == expected["author"]
    assert score(found.body_text, expected) == (len(expected["body_has"]), 0), found.body_text
    if "captions" in expected:
        assert [caption for _url, caption in found.images] == expected["captions"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_never_worse_than_plain_trafilatura(name: str) -> None:
    html = (PAGES / name).read_text("utf-8")
    plain = trafilatura.extract(html, url=EXPECTED[name]["url"]) or ""
    found_ours, kept_ours = score(ours(name).body_text, EXPECTED[name])
    found_plain, kept_plain = score(plain, EXPECTED[name])
    assert found_ours >= found_plain and kept_ours <= kept_plain
