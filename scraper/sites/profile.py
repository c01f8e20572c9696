"""Site profiles: one YAML file per portal, loaded into a frozen, validated `SiteProfile`.

A profile holds everything site-specific (hosts, URL shapes, date line patterns, where the body
ends, author honorifics) so the spider and the extractor stay generic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

PROFILE_DIR = Path(__file__).parent
DEFAULT_PROFILE = "phutho"


class ProfileError(ValueError):
    """A profile file is missing or malformed; the message says which field and what is expected."""


@dataclass(frozen=True)
class SiteProfile:
    name: str
    title: str
    base_url: str
    alias_hosts: tuple[str, ...] = ()
    utc_offset: str = "+07:00"
    lang: str = "vi"
    encoding: str | None = None
    categories: tuple[tuple[str, str], ...] = ()
    url_patterns: tuple[tuple[str, re.Pattern[str]], ...] = ()
    follow_other: bool = True
    drop_params: tuple[str, ...] = ()
    keep_params: tuple[str, ...] | None = None  # when set, every other query parameter goes
    lowercase_paths: bool = False  # the server ignores case in paths (IIS): one case per page
    article_date: re.Pattern[str] | None = None
    print_date: re.Pattern[str] | None = None
    date_order: str = "DMY"
    date_formats: tuple[str, ...] = ()
    body_end_markers: tuple[str, ...] = ()
    print_link_text: str = ""
    honorifics: tuple[str, ...] = ()
    credit: re.Pattern[str] | None = None
    # Page 1 of a category's listing, from `base_url` and the category slug.
    listing_url: str = "{base_url}{category}/"
    # The rules module for what YAML cannot say (scraper.sites.SiteRules); None: the defaults.
    rules: str | None = None
    # The profile name of the site this one succeeds (the same school on a new platform): an
    # archive of that site takes this one too (archive.db.site).
    successor_of: str | None = None
    source: str = field(default="", compare=False)

    @property
    def host(self) -> str:
        """The canonical host (netloc, with port if any) every in-scope URL is rewritten to."""
        return urlsplit(self.base_url).netloc.lower()

    @property
    def scheme(self) -> str:
        return urlsplit(self.base_url).scheme

    @property
    def hosts(self) -> tuple[str, ...]:
        """Every host that belongs to the site: the canonical one first, then its aliases."""
        return (self.host, *self.alias_hosts)

    @property
    def category_names(self) -> dict[str, str]:
        return dict(self.categories)

    def pattern(self, kind: str) -> re.Pattern[str] | None:
        return dict(self.url_patterns).get(kind)

    def retarget(self, base_url: str) -> SiteProfile:
        """The same site served elsewhere (the replica, a mirror): new base host, aliases follow.

        An alias written as `prefix.` + old host (e.g. `mail.` + host) becomes `prefix.` + new host,
        so the replica's `mail.` alias is still recognised and folded into the canonical host.
        """
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ProfileError(
                f"base URL {base_url!r} is not an absolute http(s) URL; expected e.g. "
                "http://127.0.0.1:8000/"
            )
        old, new = self.host, parts.netloc.lower()
        aliases = tuple(a[: -len(old)] + new for a in self.alias_hosts if a.endswith("." + old))
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        return replace(self, base_url=f"{parts.scheme}://{new}{path}", alias_hosts=aliases)

    def for_url(self, url: str) -> SiteProfile:
        """This profile, retargeted at the URL's host when that host is not one of its own
        (a saved page of the replica or of a mirror is extracted by the same rules)."""
        parts = urlsplit(url)
        if not parts.netloc or parts.netloc.lower() in self.hosts:
            return self
        return self.retarget(f"{parts.scheme or 'http'}://{parts.netloc}/")


def available_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def load_profile(name_or_path: str = DEFAULT_PROFILE, base_url: str | None = None) -> SiteProfile:
    """Load a profile by name (a YAML file in this folder) or by path; optionally retarget it."""
    path = Path(name_or_path)
    if not path.suffix:
        path = PROFILE_DIR / f"{name_or_path}.yaml"
    if not path.is_file():
        raise ProfileError(
            f"no site profile {name_or_path!r}; expected one of {available_profiles()} "
            "or a path to a YAML file"
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path}: not valid YAML{_yaml_problem(exc)}") from exc
    profile = profile_from_dict(data, source=str(path))
    return profile.retarget(base_url) if base_url else profile


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """Where and what, on one line: " at line 2, column 1: expected ',' or ']'"."""
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{where}: {' '.join(str(problem).split())}"


def _check_listing_url(template: str, source: str) -> None:
    try:
        template.format(base_url="http://a/", category="c")
    except (KeyError, IndexError, ValueError) as exc:
        raise ProfileError(
            f"{source}: urls.listing_url {template!r} may use only {{base_url}} and "
            f"{{category}} (e.g. '{{base_url}}{{category}}/'): {exc}"
        ) from exc


def _regex(data: dict[str, Any], key: str, where: str) -> re.Pattern[str] | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return re.compile(value)
    except (re.error, TypeError) as exc:
        raise ProfileError(f"{where}.{key}: not a valid regular expression: {exc}") from exc


def profile_from_dict(data: Any, source: str = "<dict>") -> SiteProfile:
    """Validate a parsed profile; every error names the field and what is expected."""
    if not isinstance(data, dict):
        raise ProfileError(f"{source}: expected a mapping at the top level")
    for key in ("name", "title", "base_url"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ProfileError(f"{source}: field {key!r} is required and must be a string")
    urls = data.get("urls") or {}
    if "article" not in urls:
        raise ProfileError(f"{source}: urls.article (regex for article paths) is required")
    dates = data.get("dates") or {}
    authors = data.get("authors") or {}
    kinds = ("article", "print", "listing", "home")
    patterns = tuple((k, p) for k in kinds if (p := _regex(urls, k, "urls")) is not None)
    profile = SiteProfile(
        name=data["name"],
        title=data["title"],
        base_url=data["base_url"],
        alias_hosts=tuple(h.lower() for h in data.get("alias_hosts") or ()),
        utc_offset=str(data.get("utc_offset", "+07:00")),
        lang=str(data.get("lang", "vi")),
        encoding=data.get("encoding"),
        categories=tuple((str(k), str(v)) for k, v in (data.get("categories") or {}).items()),
        url_patterns=patterns,
        follow_other=bool(urls.get("follow_other", True)),
        drop_params=tuple(urls.get("drop_params") or ()),
        keep_params=(
            None if urls.get("keep_params") is None else tuple(map(str, urls["keep_params"]))
        ),
        lowercase_paths=bool(urls.get("lowercase_paths", False)),
        article_date=_regex(dates, "article", "dates"),
        print_date=_regex(dates, "print", "dates"),
        date_order=str(dates.get("date_order", "DMY")),
        date_formats=tuple(dates.get("formats") or ()),
        body_end_markers=tuple(data.get("body_end_markers") or ()),
        print_link_text=str(data.get("print_link_text", "")),
        honorifics=tuple(authors.get("honorifics") or ()),
        credit=_regex(authors, "credit", "authors"),
        listing_url=str(urls.get("listing_url") or "{base_url}{category}/"),
        rules=str(data["rules"]) if data.get("rules") else None,
        successor_of=str(data["successor_of"]) if data.get("successor_of") else None,
        source=source,
    )
    _check_listing_url(profile.listing_url, source)
    if not re.fullmatch(r"[+-]\d{2}:\d{2}", profile.utc_offset):
        raise ProfileError(f"{source}: utc_offset {profile.utc_offset!r} must look like +07:00")
    return profile.retarget(profile.base_url)
