"""Page requisites: what a browser fetches to show a page, found in its HTML and stylesheets.

Pure functions over markup and URLs, tested as tables. Images come from `src`, every
`srcset` candidate and the lazy-loading `data-src` / `data-original`; stylesheets and icons from
`<link>`, scripts from `<script src>`; a stylesheet's own `url(...)` and `@import` bring fonts,
theme images and further stylesheets. Only http(s) URLs are fetched: `javascript:` and `data:`
sources have a reason instead (`unfetchable`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from parsel import Selector

IMAGE_ATTRS = ("src", "data-src", "data-original", "data-lazy-src")
LINK_RELS = ("stylesheet", "icon", "shortcut icon", "apple-touch-icon", "preload")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


@dataclass(frozen=True)
class Requisite:
    url: str  # absolute, fragment removed; may be a javascript:/data: URL (never fetched)
    kind: str  # "image", "stylesheet", "script", "icon", "font", "other"
    alt: str | None = None  # an image's alt text


def unfetchable(url: str) -> str | None:
    """Why `url` is not fetched (None if it is an http(s) URL)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https"):
        return None
    if scheme == "data":
        return "data: URL: the picture is inline in the page, there is nothing to fetch"
    if scheme == "javascript":
        return "javascript: URL: script, not a picture; never fetched"
    return f"{scheme or 'relative'} URL that cannot be fetched"


def _absolute(value: str, base: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if urlsplit(value).scheme.lower() in ("javascript", "data", "mailto", "about"):
        return value
    return urljoin(base, value).split("#", 1)[0]


def srcset_urls(srcset: str) -> list[str]:
    """The URL of each candidate of a `srcset` ("a.jpg 1x, b.jpg 2x")."""
    return [part.strip().split()[0] for part in srcset.split(",") if part.strip()]


def page_requisites(selector: Selector, base: str) -> list[Requisite]:
    """Every requisite a page (parsed: a response or `Selector(text=html)`) references, in
    document order, each URL once."""
    found: dict[str, Requisite] = {}

    def add(value: str, kind: str, alt: str | None = None) -> None:
        url = _absolute(value, base)
        if url and url not in found:
            found[url] = Requisite(url, kind, alt)

    for img in selector.xpath("//img | //input[@type='image']"):
        alt = img.attrib.get("alt")
        for attr in IMAGE_ATTRS:
            if attr in img.attrib:
                add(img.attrib[attr], "image", alt)
        for candidate in srcset_urls(img.attrib.get("srcset", "")):
            add(candidate, "image", alt)
    for link in selector.xpath("//link[@href]"):
        rel = " ".join(link.attrib.get("rel", "").lower().split())
        if rel in LINK_RELS:
            add(link.attrib["href"], "stylesheet" if rel == "stylesheet" else "icon")
    for src in selector.xpath("//script/@src").getall():
        add(src, "script")
    return list(found.values())


def stylesheet_requisites(css: str, base: str) -> list[Requisite]:
    """The fonts, images and imported stylesheets a stylesheet loads."""
    found: dict[str, Requisite] = {}
    for match in _CSS_URL.finditer(css):
        value = match.group(2) or match.group(4)
        url = _absolute(value, base)
        if url and url not in found:
            found[url] = Requisite(url, _kind_by_name(url, imported=match.group(4) is not None))
    return list(found.values())


def _kind_by_name(url: str, imported: bool) -> str:
    path = urlsplit(url).path.lower()
    if imported or path.endswith(".css"):
        return "stylesheet"
    if path.endswith((".woff", ".woff2", ".ttf", ".otf", ".eot")):
        return "font"
    if path.endswith((".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".bmp")):
        return "image"
    return "other"
