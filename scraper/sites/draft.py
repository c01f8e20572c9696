"""A draft site profile from what a generic crawl learned, for an archivist to correct.

`draft_profile(findings)` writes YAML that `load_site(FILE)` loads: name, base_url, hosts, the
categories found, URL patterns learned from the pages that turned out to be articles, listings
and print views, the date line form when most articles print one, and body end markers from
the lines that follow most bodies. Comments in the YAML say what is guessed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scraper.sites.profile import load_profile
from scraper.sites.shapes import path_shape

# A learned form must hold at least this share of the examples to be written.
MOST = 0.5
_WEEKDAY_LINE = re.compile(r"^(?:Thứ\s+\w+|Chủ\s+nhật)\s*,\s*", re.I)
VIETNAMESE_WEEKDAY = r"(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|Chủ\s+nhật)\s*,\s*"
_DATE_PART = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:(\s*-?\s*)(\d{1,2}):(\d{2}))?")
# A listing's page number in its path: "/page/2", "/pageid/2", "/trang/2".
_PAGING_PAIR = re.compile(r"/(page|pageid|paged|trang|p|pg)/\d+(?=/|$)", re.I)
_TOKEN = {"{n}": r"\d+", "{slug}": r"[^/]+", "{slug-id}": r"[^/]*\d{3,}[^/]*"}


@dataclass(frozen=True)
class Findings:
    """What a generic crawl saw; plain values, so a test can build one by hand."""

    base_url: str
    title: str
    alias_hosts: tuple[str, ...] = ()
    article_urls: tuple[str, ...] = ()
    listing_urls: tuple[str, ...] = ()
    print_urls: tuple[str, ...] = ()
    link_texts: dict[str, str] = field(default_factory=dict)  # URL -> a link's text
    date_lines: tuple[str, ...] = ()  # the printed date line of each article
    trailing_lines: tuple[tuple[str, ...], ...] = ()  # the lines after each article's body
    pages: int = 0
    case_blind: bool = False  # an article was seen again under its URL in other letter case


def _segments(shape: str) -> list[str]:
    return [s for s in shape.split("?")[0].split("/") if s]


def _segment_regex(segment: str) -> str:
    for token, regex in _TOKEN.items():
        if segment.startswith(token):
            return regex + re.escape(segment[len(token) :])
    return re.escape(segment)


def _shape_regex(segments: list[str], trailing: bool, category: bool, numbered: bool) -> str:
    parts = [_segment_regex(s) for s in segments]
    if category and parts:
        parts[0] = r"(?P<category>[^/]+)"
    numbers = [i for i, s in enumerate(segments) if s.startswith("{n}")]
    if numbered and len(numbers) == 1:  # the one number of a print view's URL is its print id
        parts[numbers[0]] = r"(?P<print_id>\d+)" + re.escape(segments[numbers[0]][3:])
    return "^/" + "/".join(parts) + ("/" if trailing and parts else "") + "$"


def learn_pattern(
    urls: tuple[str, ...] | list[str], numbered: bool = False
) -> tuple[str | None, bool, float]:
    """(path regex, whether its first segment is a category, share of `urls` it matches).

    The most common shape wins; shapes that differ from it only in their first folder (one
    per category) are folded into a `category` group."""
    shapes = Counter(path_shape(u).split("?")[0] for u in urls)
    if not shapes:
        return None, False, 0.0
    top = shapes.most_common(1)[0][0]
    top_segments, trailing = _segments(top), top.endswith("/")
    siblings = {
        s for s in shapes
        if _segments(s)[1:] == top_segments[1:] and len(_segments(s)) == len(top_segments)
        and s.endswith("/") == trailing
    }  # fmt: skip
    literal = bool(top_segments) and not top_segments[0].startswith("{")
    category = literal and len({_segments(s)[0] for s in siblings}) > 1
    regex = _shape_regex(top_segments, trailing, category, numbered)
    matched = sum(1 for u in urls if re.match(regex, urlsplit(u).path or "/"))
    return regex, category, matched / len(urls)


def listing_pattern(urls: tuple[str, ...] | list[str]) -> tuple[str | None, float]:
    """The listing pattern, with its paging (`/page/{n}/`, `/pageid/{n}/`) as an optional
    `page` group where the URLs put it; a listing one folder deep (`/tin-tuc/`) is a
    category's."""
    first = [_PAGING_PAIR.sub("", urlsplit(u).path) or "/" for u in urls]
    regex, category, _share = learn_pattern(["http://x" + path for path in first])
    if regex is None:
        return None, 0.0
    if all(len(_segments(p)) == 1 for p in first) and regex.endswith("/$") and not category:
        regex = r"^/(?P<category>[^/]+)/$"
    words = Counter(m.group(1) for u in urls if (m := _PAGING_PAIR.search(urlsplit(u).path)))
    if words:
        paging = f"(?:{re.escape(words.most_common(1)[0][0])}/(?P<page>\\d+)/)?"
        head, _slash, last = regex[:-1].rpartition("/")
        if regex.endswith("/$"):
            regex = regex[:-1] + paging + "$"
        elif "[" not in last and "(" not in last:  # a literal file name: Default.aspx
            regex = f"{head}/{paging}{last}$"
    matched = sum(1 for u in urls if re.match(regex, urlsplit(u).path or "/"))
    return regex, matched / len(urls)


def date_form(line: str) -> tuple[str, str | None] | None:
    """(regex, strptime format of its date part) of a printed date line like
    `Thứ ba, 27.06.2023 00:42`; None when it holds no day.month.year date."""
    found = _DATE_PART.search(line)
    if not found:
        return None
    day, sep, _month, _year, gap, hour, _minute = found.groups()
    regex = VIETNAMESE_WEEKDAY if _WEEKDAY_LINE.match(line) else ""
    regex += rf"\d{{1,2}}{re.escape(sep)}\d{{1,2}}{re.escape(sep)}\d{{4}}"
    fmt = f"%d{sep}%m{sep}%Y"
    if hour is not None:
        regex += (r"\s*-\s*" if "-" in gap else r"\s+") + r"\d{1,2}:\d{2}"
        fmt += (" - " if "-" in gap else " ") + "%H:%M"
    return regex, fmt


def common_date_form(lines: tuple[str, ...]) -> tuple[str, str | None, float] | None:
    forms = Counter(f for line in lines if (f := date_form(line)))
    if not forms:
        return None
    (regex, fmt), count = forms.most_common(1)[0]
    return regex, fmt, count / len(lines)


def end_markers(trailing: tuple[tuple[str, ...], ...]) -> list[str]:
    """Lines that follow most article bodies (the action bar, "related news")."""
    counts = Counter(line for lines in trailing for line in set(lines))
    least = max(2, MOST * len(trailing))
    return [line for line, n in counts.most_common() if n >= least]


def _categories(findings: Findings, with_category: bool) -> dict[str, str]:
    if not with_category:
        return {}
    slugs = sorted({_segments(urlsplit(u).path)[0] for u in findings.article_urls})
    names = {}
    for url, text in findings.link_texts.items():
        parts = _segments(urlsplit(url).path)
        if len(parts) == 1 and parts[0] in slugs and text:
            names.setdefault(parts[0], text)
    return {slug: names.get(slug, slug) for slug in slugs}


def _print_text(findings: Findings) -> str | None:
    texts = Counter(findings.link_texts.get(u) for u in findings.print_urls)
    texts.pop(None, None)
    return texts.most_common(1)[0][0] if texts else None


def _name(base_url: str) -> str:
    host = urlsplit(base_url).netloc.split(":")[0]
    return re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-") or "draft"


def _q(value: object) -> str:
    """A YAML scalar or flow list (JSON is YAML; regex backslashes survive)."""
    return json.dumps(value, ensure_ascii=False)


def _share(share: float, total: int) -> str:
    return f"{round(share * total)} of {total}"


def draft_profile(findings: Findings) -> str:
    """The YAML text of a draft profile (see the module docstring); every guess is commented."""
    _article, with_category, _share = learn_pattern(findings.article_urls)
    out = [
        *_identity(findings),
        *_categories_block(_categories(findings, with_category)),
        *_urls_block(findings),
        *_dates_block(findings.date_lines),
        *_markers_block(findings.trailing_lines),
        *_authors(),
    ]
    return "\n".join(out) + "\n"


def _identity(findings: Findings) -> list[str]:
    articles, pages = len(findings.article_urls), findings.pages
    warning = "# WARNING: few pages were articles: this does not look like a news portal."
    return [
        "# DRAFT site profile written by `portal-archive crawl --profile generic --write-profile`.",
        f"# Learned from {pages} pages fetched, {articles} of them articles. Everything below is",
        "# a guess from those pages: check each field against the site before crawling with it.",
        *([warning] if articles < max(3, 0.05 * pages) else []),
        f"name: {_q(_name(findings.base_url))}",
        f"title: {_q(findings.title or _name(findings.base_url))}  # the home page's <title>",
        f"base_url: {_q(findings.base_url)}",
        *_aliases(findings.alias_hosts),
        'utc_offset: "+07:00"  # assumed (Vietnam); the pages do not say',
        "lang: vi",
        "encoding: null  # decided from each page's bytes",
    ]


def _aliases(hosts: tuple[str, ...]) -> list[str]:
    """Sibling hosts the site links to are only candidates: an alias folds every URL on it into
    the base host, so the archivist adds one after checking it serves the same pages."""
    if not hosts:
        return ["alias_hosts: []  # none seen; add the site's other hosts"]
    return [
        "# Sibling hosts the site links to; add those that serve the same pages:",
        f"# alias_hosts: {_q(list(hosts))}",
        "alias_hosts: []",
    ]


def _categories_block(categories: dict[str, str]) -> list[str]:
    if not categories:
        return []
    return [
        "# Categories: the first folder of the article URLs; names from link texts (a slug where",
        "# no link named it).",
        "categories:",
        *(f"  {_q(slug)}: {_q(name)}" for slug, name in categories.items()),
    ]


def _urls_block(findings: Findings) -> list[str]:
    articles, listings = findings.article_urls, findings.listing_urls
    article, _category, a_share = learn_pattern(articles)
    listing, l_share = listing_pattern(listings) if listings else (None, 0.0)
    printed, _category, p_share = learn_pattern(findings.print_urls, numbered=True)
    out = ["urls:"]
    if article is None:
        out.append("  # No article was found: this pattern matches nothing; write the real one.")
        article = "^/NO-ARTICLE-FOUND$"
    else:
        out.append(f"  # Matches {_share(a_share, len(articles))} article URLs seen.")
    out.append(f"  article: {_q(article)}")
    if printed:
        seen = _share(p_share, len(findings.print_urls))
        out += [f"  # Print views linked from articles ({seen}).", f"  print: {_q(printed)}"]
    if listing:
        seen = _share(l_share, len(listings))
        out += [f"  # Listing pages (pages linking to many articles): matches {seen}.",
                f"  listing: {_q(listing)}"]  # fmt: skip
    out += ['  home: "^/$"', "  follow_other: true"]
    if findings.case_blind:
        out.append("  lowercase_paths: true  # one article was answered in two letter cases")
    if printed and (text := _print_text(findings)):
        out.append(f"print_link_text: {_q(text)}  # the text of the print links seen")
    return out


def _dates_block(lines: tuple[str, ...]) -> list[str]:
    dates = common_date_form(lines)
    if not dates:
        return ["# dates: no common date line form was seen; add dates.article by hand."]
    regex, fmt, share = dates
    return [
        "dates:",
        f"  # The date line form of {_share(share, len(lines))} articles.",
        f"  article: {_q(regex)}",
        "  date_order: DMY",
        f"  formats: {_q([fmt] if fmt else [])}",
    ]


def _markers_block(trailing: tuple[tuple[str, ...], ...]) -> list[str]:
    markers = end_markers(trailing)
    if not markers:
        return ["# body_end_markers: no line follows most bodies; add the site's own."]
    return [
        f"# Lines that follow most article bodies ({len(trailing)} looked at): where a body ends.",
        "body_end_markers:",
        *(f"  - {_q(marker)}" for marker in markers),
    ]


def _authors() -> list[str]:
    """The generic profile's author rules (not learned: the honorifics portals use)."""
    generic = load_profile("generic")
    credit = generic.credit.pattern if generic.credit else None
    return [
        "# Author rules: the generic profile's (honorifics Vietnamese portals use), not learned.",
        "authors:",
        f"  honorifics: {_q(list(generic.honorifics))}",
        *([f"  credit: {_q(credit)}"] if credit else []),
    ]
