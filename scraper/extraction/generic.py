"""Generic rules for pages no profile describes.

One trafilatura pass finds the main content (comments off, no recall-first sidebars), and
trafilatura's readers of what the page declares (meta tags, JSON-LD, <title>) give its
metadata. The body is re-read as blocks so both paths share one body builder, with image
captions kept once (in `images`, not repeated as paragraphs). The title is the page's own
heading when `<title>` is only the site's name; the author comes from a byline or signature at
the top or end of the body, else from what the page declares; the date from a Vietnamese date
line where the page prints one, else from htmldate's reading of what the page declares
(metadata, `<time>`, JSON-LD, the URL).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache

from htmldate import find_date
from trafilatura import metadata
from trafilatura.htmlprocessing import convert_to_html

from scraper.extraction.authors import Author, end_author, top_author
from scraper.extraction.blocks import (
    BLOCK_TAGS,
    SKIP_TAGS,
    Block,
    text_blocks,
    text_blocks_within,
)
from scraper.extraction.body import Body, absolute, build_body
from scraper.extraction.dates import ParsedDate, parse_date_line
from scraper.extraction.labelled import drop_noise, take_fields
from scraper.extraction.main_content import main_body
from scraper.extraction.page import drop_text_lines, find_body_end
from scraper.extraction.record import Extracted, make_extracted
from scraper.extraction.text import casefold, clean_line
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
# A date line is a short line that says it is one; a date inside a sentence is not the
# publication date ("ngày 14/3/2022" in a body cites a document).
DATE_LINE_WORDS = 12
# A byline: "Tác giả: …", "Bài: …", "By …" (the name is what follows).
BYLINE = re.compile(
    r"^(?:Tác giả|Người viết|Bài(?: và ảnh)?|Tin(?: và ảnh)?|Theo|By|Author|Written by)\s*[:：]?\s+"
    r"(?P<name>[^\n,;|]{3,80})$",
    re.IGNORECASE,
)
# Where the article ends on portal-like pages (related lists, latest news, counters).
END_MARKERS = (
    "Các tin khác", "Tin mới nhất", "Tin cùng chuyên mục", "Bài viết liên quan", "Tin liên quan",
    "Liên kết website", "Thống kê truy cập", "Số người online", "Related articles",
    "Related stories", "Read more", "Comments", "Bình luận",
)  # fmt: skip
GENERIC_PROFILE: dict = {
    "name": "generic",
    "title": "generic",
    "base_url": "http://localhost/",
    "urls": {"article": r"^/.+$"},
    "body_end_markers": list(END_MARKERS),
    "authors": {
        "honorifics": ["GS.TS", "GS,TS", "PGS.TS", "PGS. TS", "TS.", "ThS.", "NCS.", "Đ/c"],
        "credit": (
            r"^\(\s*(?:Tin|Bài)(?:\s*(?:và|,|&)\s*ảnh)?\s*:"
            r"\s*(?P<name>[^;()]+?)\s*(?:;[^()]*)?\)$"
        ),
    },
}
# strptime forms of GENERIC_DATE tried before dateparser's language parsing (~30x faster).
GENERIC_FORMATS = tuple(
    f"{day}{sep_time}" for day in ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")
    for sep_time in (" %H:%M", " %H:%M:%S", " - %H:%M", "")
) + ("%H:%M %d/%m/%Y", "%H:%M:%S %d/%m/%Y")  # fmt: skip
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
_LETTER = re.compile(r"[^\W\d_]")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# What every form of GENERIC_DATE holds, found ~5x faster (GENERIC_DATE has no fixed start).
_DATE_HINT = re.compile(r"\d[./:-]\d|\d\s+th", re.IGNORECASE)
# htmldate reads what the page declares (meta, JSON-LD, <time>, the URL), not any date-like
# text: a "© 2015" footer or a date in a sidebar is no publication date.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


@cache
def generic_rules() -> SiteProfile:
    """Read once per process: the rules are the same for every page (a frozen dataclass), and
    none of them depends on the page's host."""
    return replace(profile_from_dict(GENERIC_PROFILE), article_date=GENERIC_DATE)


def guess_lang(text: str) -> str | None:
    marked = len(_VIETNAMESE.findall(text))
    if not marked:
        return None
    if marked > 0.02 * len(text):  # there are no more letters than characters
        return "vi"
    return "vi" if marked / len(_LETTER.findall(text)) > 0.02 else None


@dataclass(frozen=True)
class PageMeta:
    """What the page declares about itself (meta tags, JSON-LD, <title>, <time>, the URL)."""

    title: str | None = None
    sitename: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD


def _main_content(root: object, url: str) -> list[Block]:
    """trafilatura's main content (reader comments off), re-read as our blocks. trafilatura
    works on the page's own tree (one parse per page, no copy) and prunes it: read the page
    before. It is not given the URL: it would resolve every link against the site's root
    (courlan, ~0.5 ms a page) where the body builder resolves them against the page itself."""
    try:
        body = main_body(root, in_place=True)
    except Exception:  # trafilatura raises many kinds on odd input; the page still gets a row
        logger.exception("trafilatura failed on %s", url)
        return []
    if body is None:
        return []
    return text_blocks(convert_to_html(body))  # walked as it is: no serialising, no re-parse


def _page_meta(root: object, url: str, with_date: bool = True) -> PageMeta:
    """trafilatura's readers of meta tags, JSON-LD and <title>, and htmldate on what the page
    declares (unless `with_date` is off: the page prints its date line); trafilatura's guess
    of an author from the page's text is left out (the byline and signature rules here read
    the body itself)."""
    try:
        found = metadata.extract_meta_json(root, metadata.examine_meta(root))
        title = found.title or metadata.extract_title(root)
        sitename = found.sitename or metadata.extract_sitename(root)
        date = find_date(root, url=url, **DATE_PARAMS) if with_date else None
    except Exception:  # malformed JSON-LD and odd trees: the page still gets a row
        logger.exception("metadata of %s unreadable", url)
        return PageMeta()
    author = found.author if found.author and " " in found.author else None
    return PageMeta(title, sitename, author, date)


def _figure_captions(root: object, url: str) -> dict[str, str]:
    """Absolute image URL -> its <figcaption>, from the page itself (trafilatura drops them)."""
    found: dict[str, str] = {}
    for figure in root.iter("figure"):
        caption = next(iter(figure.iter("figcaption")), None)
        text = clean_line(caption.text_content()) if caption is not None else ""
        for img in figure.iter("img"):
            if text and (src := img.get("src")):
                found[absolute(url, src)] = text
    return found


def _headings(root: object, most: int = 12) -> list[str]:
    """The page's first headings (h1, h2), where its own title stands."""
    found = []
    for heading in root.iter("h1", "h2"):
        if text := clean_line(heading.text_content()):
            found.append(text)
            if len(found) == most:
                break
    return found


def _title(doc: PageMeta, page_headings: list[str]) -> str | None:
    """The declared title, unless the page's own first heading says otherwise: a `<title>`
    that is the site's name (or the heading plus the site's name) gives way to the heading."""
    found = clean_line(doc.title or "")
    headings = [h for h in page_headings if 2 <= len(h.split()) <= 60]
    if not headings:
        return found or None
    folded = casefold(found)
    if (
        not found
        or not any(casefold(h) in folded for h in headings)
        or folded == casefold(clean_line(doc.sitename or ""))
    ):
        return headings[0]
    return next((h for h in headings if casefold(h) == folded), found)


def _byline(texts: list[str]) -> Author | None:
    """A labelled byline among the first or last three lines of the body."""
    for index in (*range(min(3, len(texts))), *range(max(0, len(texts) - 3), len(texts))):
        match = BYLINE.match(texts[index])
        if match:
            return Author(name=clean_line(match.group("name")), role=None, lines=1)
    return None


def _author(blocks: list[Block], rules: SiteProfile) -> tuple[Author | None, list[Block]]:
    """The author line(s) at the top or end of the body, and the body without them."""
    texts = [b.text for b in blocks if b.text]
    for find, at_end in ((_byline, None), (lambda t: top_author(t, rules), False),
                         (lambda t: end_author(t, rules), True)):  # fmt: skip
        author = find(texts)
        if author is None:
            continue
        if at_end is None:
            line = next(t for t in texts if BYLINE.match(t))
            return author, [b for b in blocks if b.text != line]
        kept = drop_text_lines(blocks, author.lines, from_end=at_end)
        return author, kept
    return None, blocks


def _date_line(root: object, blocks: list[Block] | None) -> str | None:
    """The page's first Vietnamese date line: a short line that is one. Without the page's
    lines at hand, only the lines around date-like text are worked out."""
    if blocks is None:
        line = _date_line_near_dates(root)
        if line is not None:
            return line
        if not GENERIC_DATE.search(root.text_content()):
            return None
        blocks = text_blocks(root)  # a date split across elements ("27.06.<b>2023</b>")
    for block in blocks:
        if len(block.text.split()) <= DATE_LINE_WORDS and (m := GENERIC_DATE.search(block.text)):
            return m.group(0)
    return None


def _date_line_near_dates(root: object) -> str | None:
    """The first date line among the blocks holding a text node with a date in it: each such
    node's nearest block-level element is read as `text_blocks` reads it within the page
    (a block-level element starts and ends its own lines), not the whole page."""
    body = root.find("body")
    done: set[object] = set()
    for text in (body if body is not None else root).xpath(".//text()"):
        if not _DATE_HINT.search(text) or not GENERIC_DATE.search(text):
            continue
        holder = text.getparent()
        container = holder.getparent() if text.is_tail else holder
        block_el = _block_element(container)
        if block_el is None or block_el in done:
            continue
        done.add(block_el)
        for block in text_blocks_within(block_el):
            if len(block.text.split()) <= DATE_LINE_WORDS and (
                m := GENERIC_DATE.search(block.text)
            ):
                return m.group(0)
    return None


def _block_element(element: object) -> object | None:
    """The nearest block-level element holding `element`; None when it is not rendered."""
    found = None
    while element is not None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in SKIP_TAGS or not tag:
            return None
        if found is None and tag in BLOCK_TAGS:
            found = element
        element = element.getparent()
    return found


def _date(line: str | None, doc: PageMeta, offset: str, now: datetime | None) -> ParsedDate:
    """The Vietnamese date line where the page prints one, else htmldate's date (day)."""
    if line is not None:
        return parse_date_line(line, offset, "DMY", now, GENERIC_FORMATS)
    found = doc.date or ""
    if not _ISO_DAY.match(found):
        return parse_date_line(None, offset, "DMY", now)
    day = datetime.strptime(found[:10], "%Y-%m-%d")
    if now is not None and day > now:
        return ParsedDate(None, found, "future")
    return ParsedDate(day.strftime("%Y-%m-%dT00:00:00") + offset, found, None, "day")


def generic_extract(
    url: str,
    root: object,
    blocks: list[Block] | None,
    profile: SiteProfile | None,
    now: datetime | None,
) -> Extracted:
    """`blocks`: the page's text blocks when the caller has them (None: worked out here only
    if needed). `root` is the caller's no longer: trafilatura prunes it."""
    rules = profile or generic_rules()
    captions = _figure_captions(root, url)
    headings = _headings(root)
    date_line = _date_line(root, blocks)
    doc = _page_meta(root, url, with_date=date_line is None)
    body_blocks = _main_content(root, url)  # last: trafilatura prunes the page's tree
    end = find_body_end(
        body_blocks, 0, tuple(dict.fromkeys((*rules.body_end_markers, *END_MARKERS)))
    )
    labelled, body_blocks = take_fields(drop_noise(body_blocks[:end], rules), rules)
    if "author" in labelled:
        author = Author(labelled["author"], labelled.get("author_role"), 0)
    else:
        author, body_blocks = _author(body_blocks, rules)
    title = _title(doc, headings)
    if title and body_blocks and clean_line(body_blocks[0].text) == title:
        body_blocks = body_blocks[1:]  # the heading, repeated at the top of the content
    body: Body = build_body(body_blocks, url, captions=captions)
    date = _date(date_line, doc, rules.utc_offset, now)
    return make_extracted(
        url=url,
        title=title,
        date=date,
        author=author.name if author else clean_line(doc.author or "") or None,
        role=author.role if author else None,
        category=None,
        category_name=None,
        print_id=None,
        body=body,
        lang=guess_lang(" ".join(body.paragraphs)) or (profile.lang if profile else None),
        method="generic",
        source_credit=labelled.get("source"),
    )
