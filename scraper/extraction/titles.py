"""The title from the sources a profile names (`title_from`), tried in order.

Sources: `heading` (the layout's: the heading before the date line, as first published),
`h1` (the page's first <h1>), `og` (`<meta property="og:title">`), `title` (`<title>`
without the site's name). A value that is the site's name, or holds a URL (schema.org
Organization microdata: "name http://…/logo.png"), is passed over for the next source.
"""

from __future__ import annotations

import re

from scraper.extraction.page import in_organization
from scraper.extraction.text import casefold, clean_line
from scraper.sites.profile import SiteProfile

_URL = re.compile(r"https?://", re.IGNORECASE)
_SEPARATORS = (" - ", " | ", " – ", " :: ")


def _h1(root: object) -> str | None:
    for heading in root.iter("h1"):
        if not in_organization(heading) and (text := clean_line(heading.text_content())):
            return text
    return None


def _og(root: object) -> str | None:
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:title":
            return clean_line(meta.get("content") or "") or None
    return None


def _title_tag(root: object, site_title: str) -> str | None:
    """`<title>` without a leading or trailing site name ("Tin X - Trường Chính trị")."""
    found = next(iter(root.iter("title")), None)
    text = clean_line(found.text_content()) if found is not None else ""
    site = casefold(site_title)
    for sep in _SEPARATORS:
        parts = [p.strip() for p in text.split(sep)]
        if len(parts) > 1 and site in (casefold(parts[0]), casefold(parts[-1])):
            rest = parts[1:] if casefold(parts[0]) == site else parts[:-1]
            return sep.join(rest) or None
    return text or None


def is_good_title(value: str | None, profile: SiteProfile) -> bool:
    return bool(value) and casefold(value) != casefold(profile.title) and not _URL.search(value)


def pick_title(heading: str | None, root: object, profile: SiteProfile) -> str | None:
    """The first good title among the profile's sources; else the first one found at all."""
    if profile.title_from == ("heading",):
        return heading  # the default, exactly as the layout found it
    readers = {
        "heading": lambda: heading,
        "h1": lambda: _h1(root),
        "og": lambda: _og(root),
        "title": lambda: _title_tag(root, profile.title),
    }
    found = [readers[source]() for source in profile.title_from]
    return next((v for v in found if is_good_title(v, profile)), None) or next(
        (v for v in found if v), None
    )
