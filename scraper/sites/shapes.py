"""URL shapes for a portal no profile describes: pure functions of a URL.

A shape is a URL's path with its variable parts replaced by placeholders (`/noi-san/{slug}.html`,
`/tin-tuc/page/{n}/`, `/news.php?id={n}`), so the pages of one kind on one site share one shape
and a crawl can count, per shape, how many of its pages turned out to be articles. `url_hint`
is the prior before any page is seen: what the URL alone suggests (courlan's filters for pages
that are never content, then the shapes news portals use for articles and listings).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from courlan import is_navigation_page, is_not_crawlable

# What a URL alone suggests a page is.
HINTS = ("home", "listing", "article", "skip", "unknown")
_NUMBER = re.compile(r"^\d+$")
_ID_IN_SLUG = re.compile(r"(?:^|[-_])\d{3,}(?:$|[-_.])")
_EXTENSION = re.compile(r"(\.[A-Za-z0-9]{2,5})$")
# Paging and listing paths (besides courlan's navigation filter).
_PAGING = re.compile(r"/(?:page|trang|p)/\d+/?$|[?&](?:page|trang|p|start|offset)=\d+", re.I)
# Pages that are never articles: accounts, carts, search, sharing, printing, feeds.
_NEVER = re.compile(
    r"/(?:dang-nhap|dang-ky|login|logout|register|signup|account|tai-khoan|cart|gio-hang|"
    r"checkout|thanh-toan|search|tim-kiem|tags?|the|share|print|in-bai|rss|feed|wp-admin|"
    r"wp-json|member|members|user|users|profile|lien-he|contact|gui-ban-be|sendmail)(?:/|$|\.|\?)"
    r"|[?&](?:add-to-cart|add_to_cart|replytocom|sort|orderby|filter|print|share|lang)=",
    re.I,
)
_PRINT = re.compile(
    r"/(?:print|in-bai|printer|ban-in)[/._-]|printmode|[?&](?:print|mode=print)", re.I
)
# The text of a link to an article's print view.
PRINT_TEXTS = ("in bài viết", "in bài", "in", "bản in", "in trang", "print", "printer friendly")
SLUG_WORDS = 4  # a file name of this many words or more is a title slug


def _slug_words(segment: str) -> int:
    stem = _EXTENSION.sub("", segment)
    return len([w for w in re.split(r"[-_+]|%20", stem) if w])


def _segment_shape(segment: str, last: bool) -> str:
    if _NUMBER.match(segment):
        return "{n}"
    if not last:
        return segment
    extension = _EXTENSION.search(segment)
    suffix = extension.group(1).lower() if extension else ""
    stem = segment[: -len(suffix)] if suffix else segment
    if _NUMBER.match(stem):
        return "{n}" + suffix
    if _slug_words(segment) >= SLUG_WORDS:
        return ("{slug-id}" if _ID_IN_SLUG.search(segment) else "{slug}") + suffix
    return segment


def path_shape(url: str) -> str:
    """The URL's path and query keys with ids, numbers and title slugs as placeholders."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    trailing = parts.path.endswith("/") and parts.path != "/"
    named = [s for s in segments if s]
    shaped = [_segment_shape(s, i == len(named) - 1) for i, s in enumerate(named)]
    path = "/" + "/".join(shaped) + ("/" if trailing else "")
    query = "&".join(
        f"{key}={'{n}' if _NUMBER.match(value) else '{v}'}"
        for key, value in sorted(parse_qsl(parts.query, keep_blank_values=True))
    )
    return path + (f"?{query}" if query else "")


def is_print_url(url: str) -> bool:
    return bool(_PRINT.search(urlsplit(url).path + "?" + urlsplit(url).query))


def is_print_link(url: str, text: str) -> bool:
    """A link to a print view, by its URL or by its text ("In bài viết", "Print")."""
    return is_print_url(url) or " ".join(text.split()).casefold().strip("[]() ") in PRINT_TEXTS


def url_hint(url: str) -> str:
    """What the URL alone suggests: home, listing, article, skip (never content), unknown."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if path == "/" and not parts.query:
        return "home"
    if is_not_crawlable(url) or _NEVER.search(path + ("?" + parts.query if parts.query else "")):
        return "skip"
    if _PAGING.search(path + ("?" + parts.query if parts.query else "")):
        return "listing"
    if is_navigation_page(url):
        return "listing"
    shape = path_shape(url)
    if "{slug" in shape or re.search(r"/\d{4}/\d{1,2}/", path) or "{n}" in shape:
        return "article"
    named = [s for s in path.split("/") if s]
    if len(named) == 1 and path.endswith("/"):
        return "listing"  # a section: /tin-tuc/
    return "unknown"
