"""Pure URL rules: canonical form, scope, and what kind of page a URL is.

One canonical URL per page is what makes a crawl idempotent: alias hosts, default ports,
fragments, parameter order and session parameters must never create a second article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

from scraper.sites.profile import SiteProfile

PAGE_KINDS = ("home", "listing", "article", "print", "attachment", "excluded", "other")
# "/a/b.html/" is the file "/a/b.html": a slash after a file name is never a folder. An
# "extension" of digits alone is an id in a folder name (forums: "/threads/title.123/").
_FILE_SLASH = re.compile(r"(\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{2,5})/+$")
_LETTERS_OR_ESCAPE = re.compile(r"(?<!%)(?<!%[0-9A-Fa-f])[A-Z]+")


@dataclass(frozen=True)
class PageInfo:
    kind: str
    category: str | None = None
    page: int | None = None
    print_id: int | None = None


def _netloc(scheme: str, netloc: str) -> str:
    host = netloc.lower().rsplit("@", 1)[-1]  # credentials in links are never sent
    default = {"http": ":80", "https": ":443"}.get(scheme, "")
    return host[: -len(default)] if default and host.endswith(default) else host


def canonicalize(url: str, profile: SiteProfile, base: str | None = None) -> str | None:
    """The canonical form of `url` (resolved against `base`), or None when out of scope.

    Out of scope: other schemes (javascript:, mailto:, tel:), hosts that are not the profile's,
    and URLs too malformed to parse ("http://[x").
    """
    try:
        return _canonicalize(url, profile, base)
    except ValueError:
        return None


def _canonicalize(url: str, profile: SiteProfile, base: str | None) -> str | None:
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return None
    netloc = _netloc(parts.scheme.lower(), parts.netloc)
    if netloc not in profile.hosts:
        return None
    path = _FILE_SLASH.sub(r"\1", parts.path or "/")
    cleaned = urlunsplit((profile.scheme, profile.host, path, parts.query, ""))
    if profile.keep_params is not None and parts.query:
        cleaned = url_query_cleaner(cleaned, profile.keep_params)
    if profile.drop_params and parts.query:
        cleaned = url_query_cleaner(cleaned, profile.drop_params, remove=True)
    canonical = canonicalize_url(cleaned, keep_fragments=False)
    return _lower_path(canonical) if profile.lowercase_paths else canonical


def _lower_path(url: str) -> str:
    """Lower-case the letters of the path, leaving %XX escapes as canonicalize_url wrote them."""
    parts = urlsplit(url)
    path = _LETTERS_OR_ESCAPE.sub(lambda m: m.group(0).lower(), parts.path)
    return urlunsplit(parts._replace(path=path))


def _target(parts) -> str:
    """What a query-aware pattern sees: the path, then `?query` when there is one."""
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def page_info(url: str, profile: SiteProfile) -> PageInfo:
    """Classify a canonical in-scope URL by the profile's patterns: `exclude` and attachment
    patterns first (over path and query), then the page patterns (over the path, or path and
    query with `match_query`)."""
    parts = urlsplit(url)
    full = _target(parts)
    if any(p.search(full) for p in profile.exclude):
        return PageInfo("excluded")
    if any(p.search(full) for p in profile.attachment_patterns):
        return PageInfo("attachment")
    target = full if profile.match_query else (parts.path or "/")
    for kind in ("home", "print", "listing", "article"):
        pattern = profile.pattern(kind)
        match = pattern.match(target) if pattern else None
        if not match:
            continue
        groups = match.groupdict()
        category = groups.get("category")
        if (
            kind in ("listing", "article")
            and profile.categories
            and (category not in profile.category_names)
        ):
            continue
        if kind == "listing" and parts.query and not profile.match_query:
            continue
        page = int(groups["page"]) if groups.get("page") else (1 if kind == "listing" else None)
        print_id = int(groups["print_id"]) if groups.get("print_id") else None
        return PageInfo(kind, category, page, print_id)
    return PageInfo("other")


def with_page(url: str, page: int, profile: SiteProfile) -> str | None:
    """Page `page` of the listing whose page `url` is: the number in the listing pattern's
    `page` group replaced. None when `url` has no page number to replace (page 1 usually has
    none: its later pages come from its pagination links)."""
    parts = urlsplit(url)
    pattern = profile.pattern("listing")
    match = pattern.match(parts.path or "/") if pattern else None
    if not match or "page" not in match.groupdict() or match.group("page") is None:
        return None
    start, end = match.span("page")
    path = parts.path[:start] + str(page) + parts.path[end:]
    return parts._replace(path=path).geturl()


def is_attachment(
    url: str, extensions: tuple[str, ...] | list[str], profile: SiteProfile | None = None
) -> bool:
    """A file to archive beside the article that links it, judged by the path's extension or
    by the profile's attachment patterns (over path and query: `?download=1`)."""
    parts = urlsplit(url)
    path = parts.path.lower()
    if "." in path.rsplit("/", 1)[-1] and path.rsplit(".", 1)[-1] in extensions:
        return True
    return bool(profile) and any(p.search(_target(parts)) for p in profile.attachment_patterns)


def file_name(url: str) -> str:
    """The file name a URL's path ends with, percent-decoded."""
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1])
