"""The one extraction entry point: `extract_page(body, content_type, url, site, limits, now)`.

The crawl (in its worker processes), `portal-archive reextract` (from WARC captures) and
`portal-archive extract` (a saved file) all call this, with the same limits, so a page comes
out the same whichever way it is read. It decides the encoding from the bytes, cuts an
over-long page, extracts, and derives what is stored beside the article: the problems worth an
archivist's look, the documents the body cites and the two search forms of title and body.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta

from lxml.html import HtmlElement
from parsel import Selector

from scraper.extraction.article import extract_tree
from scraper.extraction.authors import split_honorific
from scraper.extraction.blocks import parse_html, parse_html_whole
from scraper.extraction.encoding import Decoded, decode_page
from scraper.extraction.problems import page_problems
from scraper.extraction.record import Extracted
from scraper.extraction.references import DocumentRef, find_references
from scraper.extraction.syllables import glued_syllables
from scraper.extraction.text import nfc
from scraper.extraction.vntext import exact_form, fold
from scraper.outlinks import PageLinks, page_base, page_links
from scraper.sites import Site

# A printed date up to this far ahead of the moment of fetching is not "future" (clock skew,
# and the portal's times may be UTC labelled as local).
FUTURE_GRACE = timedelta(days=1)


@dataclass(frozen=True)
class ExtractionLimits:
    """Bounds on one extraction (the time limit is enforced by whoever runs it in a process)."""

    max_chars: int = 4_000_000  # ARCHIVE_EXTRACT_MAX_CHARS: a longer page is cut, recorded


@dataclass(frozen=True)
class SearchText:
    """Title and body as the two full-text indexes read them (tones kept, and folded)."""

    title_exact: str
    body_exact: str
    title_folded: str
    body_folded: str


@dataclass(frozen=True, kw_only=True)
class Extraction(Extracted):
    """Everything one page yields: the fields read from its HTML (`Extracted`), plus what the
    bytes and the text decide. `ARTICLE_FIELDS` are the `articles` columns extraction decides
    (archive.db.schema.ARTICLE_COLUMNS holds them, plus the facts of the fetch)."""

    year: int | None
    encoding: str
    # The author as a person: the name without honorific (for faceting), and the honorific.
    author_name: str | None = None
    author_honorific: str | None = None
    # Derived, stored in their own tables.
    problems: tuple[tuple[str, str], ...] = ()  # (kind, message): `errors` rows, archived
    references: tuple[DocumentRef, ...] = ()
    # None: not derived here (re-extraction leaves it to the writer, which derives it only for
    # the rows whose title or body changed: most re-extracted rows need no new entry).
    search: SearchText | None = None

    def article_row(self) -> dict:
        """The `articles` columns this extraction decides (lists as JSON)."""
        row = {name: getattr(self, name) for name in ARTICLE_FIELDS}
        images = [{"url": u, "caption": c} for u, c in self.images]
        row["images"] = json.dumps(images, ensure_ascii=False)
        row["links"] = json.dumps(list(self.links), ensure_ascii=False)
        return row


DERIVED_FIELDS = ("problems", "references", "search")
_EXTRACTED_FIELDS = tuple(f.name for f in fields(Extracted))
ARTICLE_FIELDS = tuple(f.name for f in fields(Extraction) if f.name not in DERIVED_FIELDS)


def site_time(moment: datetime, utc_offset: str) -> datetime:
    """`moment` as the site's wall clock shows it, naive (how its printed dates compare)."""
    sign = 1 if utc_offset[0] == "+" else -1
    hours, minutes = (int(x) for x in utc_offset[1:].split(":"))
    offset = timedelta(hours=hours, minutes=minutes) * sign
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return (aware.astimezone(UTC) + offset).replace(tzinfo=None)


def search_text(title: str | None, body_text: str) -> SearchText:
    """The indexed forms of title and body: the text as printed, then the syllables of its
    glued words (after every printed word, so highlights still fall on the printed text)."""
    title_exact = _with_glued(title or "")
    body_exact = _with_glued(body_text)
    return SearchText(title_exact, body_exact, fold(title_exact), fold(body_exact))


def _with_glued(text: str) -> str:
    extra = glued_syllables(text)
    return exact_form(text) + ("\n\n" + extra if extra else "")


def extraction_of(**fields_known) -> Extraction:
    """An `Extraction` for an article whose fields are known already (a benchmark's ground
    truth, a test's table), with references, search text and the author as a person derived
    as extraction does (a known publication time is taken to the minute)."""
    person = split_honorific(fields_known.get("author"))
    fields_known.setdefault("author_name", person.name)
    fields_known.setdefault("author_honorific", person.honorific)
    published = fields_known.get("published")
    fields_known.setdefault("published_precision", "minute" if published else None)
    fields_known.setdefault("problems", ())
    fields_known.setdefault("references", tuple(find_references(fields_known["body_text"])))
    fields_known.setdefault("search", search_text(fields_known["title"], fields_known["body_text"]))
    return Extraction(**fields_known)


def extract_page(
    body: bytes,
    content_type: str | None,
    url: str,
    site: Site | None,
    limits: ExtractionLimits,
    now: datetime,
    with_search: bool = True,
) -> Extraction:
    """Extract one fetched page. `now` is when it was fetched (a date printed later than that,
    past FUTURE_GRACE, is untrusted); `site` None means generic rules only; `with_search` off
    leaves the search text to whoever writes the row."""
    decoded, html, problems = _page_text(body, content_type, site, limits)
    root = parse_html(nfc(html))
    return _extraction(url, root, decoded, problems, site, now, with_search)


def read_page(
    body: bytes,
    content_type: str | None,
    url: str,
    fetched_url: str,
    site: Site | None,
    limits: ExtractionLimits,
    now: datetime,
) -> tuple[Extraction, PageLinks]:
    """`extract_page`, and what the page links to (`scraper.outlinks`), read from the same
    parse before extraction prunes it: the crawl's one parse of an article page. Where that
    tree is not the page as served (cut to `limits`, text not in NFC, nesting deeper than the
    parser keeps), the links are read from a parse of the page as served, as the spider would."""
    decoded, html, problems = _page_text(body, content_type, site, limits)
    root, whole = parse_html_whole(nfc(html))
    if whole and decoded.served is None and len(html) == len(decoded.text):
        selector = Selector(root=root)
    else:
        selector = Selector(text=decoded.as_served)  # parsel keeps any depth (huge_tree)
    links = page_links(selector, fetched_url, page_base(decoded.as_served, fetched_url))
    return _extraction(url, root, decoded, problems, site, now, True), links


def _page_text(
    body: bytes, content_type: str | None, site: Site | None, limits: ExtractionLimits
) -> tuple[Decoded, str, list[tuple[str, str]]]:
    """The page decoded, its text cut to the limit, and the problem a cut is."""
    override = site.profile.encoding if site else None
    decoded = decode_page(body, content_type, override)
    html, problems = decoded.text, []
    if len(html) > limits.max_chars:
        html = html[: limits.max_chars]
        problems.append(
            ("cut", f"page of {len(decoded.text)} characters cut to {limits.max_chars} "
                    "for extraction (ARCHIVE_EXTRACT_MAX_CHARS)")
        )  # fmt: skip
    return decoded, html, problems


def _extraction(
    url: str,
    root: HtmlElement,
    decoded: Decoded,
    problems: list[tuple[str, str]],
    site: Site | None,
    now: datetime,
    with_search: bool,
) -> Extraction:
    offset = site.profile.utc_offset if site else "+07:00"
    found = extract_tree(url, root, site, now=site_time(now, offset) + FUTURE_GRACE)
    problems = problems + page_problems(found, decoded)
    published = found.published
    person = split_honorific(found.author, site.profile.honorifics if site else ())
    return Extraction(
        **{name: getattr(found, name) for name in _EXTRACTED_FIELDS},
        year=int(published[:4]) if published else None,
        encoding=decoded.encoding,
        author_name=person.name,
        author_honorific=person.honorific,
        problems=tuple(problems),
        references=tuple(find_references(found.body_text)),
        search=search_text(found.title, found.body_text) if with_search else None,
    )
