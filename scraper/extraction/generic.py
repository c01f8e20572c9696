"""Generic rules for pages no profile describes: trafilatura finds the body and metadata;
Vietnamese date lines and author signatures are found by the same heuristics as profiles use."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import datetime

import trafilatura

from scraper.extraction.authors import end_author
from scraper.extraction.blocks import Block, parse_html, text_blocks
from scraper.extraction.body import Body, build_body
from scraper.extraction.dates import parse_date_line
from scraper.extraction.record import Extracted, make_extracted
from scraper.extraction.text import clean_line
from scraper.sites.profile import SiteProfile, profile_from_dict

logger = logging.getLogger(__name__)

# Vietnamese date lines seen across provincial portals (portal-notes.md, "Dates").
GENERIC_DATE = re.compile(
    r"(?:(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|Chủ\s+nhật)\s*,\s*)?"
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}(?:\s*-?\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}:\d{2}(?::\d{2})?\s+\d{1,2}[./-]\d{1,2}[./-]\d{4}"
    r"|\d{1,2}\s+Tháng\s+\d{1,2},?\s+\d{4}(?:\s*-\s*\d{1,2}:\d{2})?)",
    re.IGNORECASE,
)
GENERIC_PROFILE: dict = {
    "name": "generic",
    "title": "generic",
    "base_url": "http://localhost/",
    "urls": {"article": r"^/.+$"},
    "authors": {
        "honorifics": ["GS.TS", "GS,TS", "PGS.TS", "PGS. TS", "TS.", "ThS.", "NCS.", "Đ/c"],
        "credit": (
            r"^\(\s*(?:Tin|Bài)(?:\s*(?:và|,|&)\s*ảnh)?\s*:"
            r"\s*(?P<name>[^;()]+?)\s*(?:;[^()]*)?\)$"
        ),
    },
}
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def generic_profile(url: str) -> SiteProfile:
    return replace(profile_from_dict(GENERIC_PROFILE), article_date=GENERIC_DATE).retarget(url)


def guess_lang(text: str) -> str | None:
    letters = sum(c.isalpha() for c in text)
    if not letters:
        return None
    return "vi" if len(_VIETNAMESE.findall(text)) / letters > 0.02 else None


def _trafilatura_body(html: str, url: str) -> tuple[list[Block], object | None]:
    """trafilatura's main content, re-read as blocks so both paths share one body builder."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, favor_recall=True, include_images=True, with_metadata=True
        )
        content = trafilatura.extract(
            html, url=url, favor_recall=True, include_images=True, output_format="html"
        )
    except Exception:  # trafilatura raises many kinds on odd input; the page still gets a row
        logger.exception("trafilatura failed on %s", url)
        return [], None
    return (text_blocks(parse_html(content)) if content else []), doc


def generic_extract(
    url: str,
    html: str,
    root: object,
    blocks: list[Block],
    profile: SiteProfile | None,
    now: datetime | None,
) -> Extracted:
    rules = profile or generic_profile(url)
    body_blocks, doc = _trafilatura_body(html, url)
    texts = [b.text for b in body_blocks if b.text]
    author = end_author(texts, rules)
    if author:
        body_blocks = body_blocks[: len(body_blocks) - author.lines]
    body: Body = build_body(body_blocks, url)
    date_raw = next((m.group(0) for b in blocks if (m := GENERIC_DATE.search(b.text))), None)
    date = parse_date_line(date_raw, rules.utc_offset, "DMY", now)
    title = clean_line(getattr(doc, "title", None) or "") or None
    return make_extracted(
        url=url,
        title=title,
        date=date,
        author=author.name if author else clean_line(getattr(doc, "author", None) or "") or None,
        role=author.role if author else None,
        category=None,
        category_name=None,
        print_id=None,
        body=body,
        lang=guess_lang(" ".join(body.paragraphs)) or (profile.lang if profile else None),
        method="generic",
    )
