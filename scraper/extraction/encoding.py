"""Bytes -> text for a stored capture, so re-extraction decodes exactly as the crawl did."""

from __future__ import annotations

import codecs

from scraper.extraction.text import nfc


def decode_html(body: bytes, encoding: str | None) -> str:
    """Decode with the recorded encoding; unknown names fall back to UTF-8. NFC always
    (windows-1258 decodes to base letters plus combining tones)."""
    name = encoding or "utf-8"
    try:
        codecs.lookup(name)
    except LookupError:
        name = "utf-8"
    return nfc(body.decode(name, errors="replace"))
