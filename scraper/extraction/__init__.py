"""Extraction: pure functions of (URL, page, site), re-runnable at any time on stored captures.

`extract_page` is the one entry point every caller uses (crawl, re-extraction, the `extract`
command): bytes in, an `Extraction` out. `extract` is its HTML-level core.
"""

from __future__ import annotations

from scraper.extraction.article import extract
from scraper.extraction.entry import (
    ARTICLE_FIELDS,
    Extraction,
    ExtractionLimits,
    SearchText,
    extract_page,
    extraction_of,
    search_text,
)
from scraper.extraction.record import EXTRACTOR_VERSION, Extracted, content_hash

__all__ = [
    "ARTICLE_FIELDS",
    "EXTRACTOR_VERSION",
    "Extracted",
    "Extraction",
    "ExtractionLimits",
    "SearchText",
    "content_hash",
    "extract",
    "extract_page",
    "extraction_of",
    "search_text",
]
