"""Site profiles: one YAML file per portal, loaded into a frozen, validated `SiteProfile`.

A profile holds everything site-specific (hosts, URL shapes, date line patterns, where the body
ends, author honorifics) so the spider and the extractor stay generic.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from scraper.sites.errors import ProfileError
from scraper.sites.validate import check_shape, check_template, regex, regexes

PROFILE_DIR = Path(__file__).parent
DEFAULT_PROFILE = "phutho"
__all__ = ["DEFAULT_PROFILE", "ProfileError", "SiteProfile", "load_profile", "profile_from_dict"]


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
    # Page N (2 and later), with `{page}`; None: found from page 1's links (the listing
    # pattern's `page` group numbers them).
    listing_page_url: str | None = None
    # URL patterns see the path and, when True, `?query` after it (query-string listings).
    match_query: bool = False
    # URLs (path and query) never fetched nor classified: `exclude` patterns.
    exclude: tuple[re.Pattern[str], ...] = ()
    # URLs (path and query) that are attachments whatever their extension (`?download=1`).
    attachment_patterns: tuple[re.Pattern[str], ...] = ()
    # Where the title comes from, tried in order: heading (the repeated heading before the
    # date line), h1, og (og:title), title (<title> without the site's name).
    title_from: tuple[str, ...] = ("heading",)
    # Labelled lines ("Tác giả: X"): field -> labels; the line gives the field, leaves the body.
    labelled_fields: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Lines dropped from the body (counters: "Lượt xem: 12").
    noise_lines: tuple[re.Pattern[str], ...] = ()
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
    if not base_url:
        _check_own_site(profile.name, profile.base_url, f"{path}: base_url")
        return profile
    try:
        retargeted = profile.retarget(base_url)
    except ProfileError as exc:
        raise ProfileError(f"--base-url: {exc}") from exc
    _check_own_site(profile.name, retargeted.base_url, "--base-url")
    return retargeted


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """Where and what, on one line: " at line 2, column 1: expected ',' or ']'"."""
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{where}: {' '.join(str(problem).split())}"


def profile_from_dict(data: Any, source: str = "<dict>") -> SiteProfile:
    """Validate a parsed profile; every error names the field and what is expected."""
    if not isinstance(data, dict):
        raise ProfileError(f"{source}: expected a mapping at the top level")
    for key in ("name", "title", "base_url"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ProfileError(f"{source}: field {key!r} is required and must be a string")
    check_shape(data, source)
    _check_base_url(data["base_url"], source)
    urls = data.get("urls") or {}
    if "article" not in urls:
        raise ProfileError(f"{source}: urls.article (regex for article paths) is required")
    dates = data.get("dates") or {}
    authors = data.get("authors") or {}
    kinds = ("article", "print", "listing", "home")
    patterns = tuple(
        (k, p) for k in kinds if (p := regex(urls.get(k), f"urls.{k}", source)) is not None
    )
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
        article_date=regex(dates.get("article"), "dates.article", source),
        print_date=regex(dates.get("print"), "dates.print", source),
        date_order=str(dates.get("date_order", "DMY")),
        date_formats=tuple(dates.get("formats") or ()),
        body_end_markers=tuple(data.get("body_end_markers") or ()),
        print_link_text=str(data.get("print_link_text", "")),
        honorifics=tuple(authors.get("honorifics") or ()),
        credit=regex(authors.get("credit"), "authors.credit", source),
        listing_url=str(urls.get("listing_url") or "{base_url}{category}/"),
        listing_page_url=urls.get("listing_page_url"),
        match_query=bool(urls.get("match_query", False)),
        exclude=regexes(urls.get("exclude"), "urls.exclude", source),
        attachment_patterns=regexes(
            (data.get("attachments") or {}).get("patterns"), "attachments.patterns", source
        ),
        title_from=tuple(data.get("title_from") or ("heading",)),
        labelled_fields=tuple(
            (name, tuple(labels)) for name, labels in (data.get("fields") or {}).items()
        ),
        noise_lines=regexes(data.get("noise_lines"), "noise_lines", source),
        rules=str(data["rules"]) if data.get("rules") else None,
        successor_of=str(data["successor_of"]) if data.get("successor_of") else None,
        source=source,
    )
    check_template(profile.listing_url, "urls.listing_url", source, "{base_url}{category}/")
    check_template(
        profile.listing_page_url, "urls.listing_page_url", source,
        "{base_url}{category}/page-{page}/",
    )  # fmt: skip
    if not re.fullmatch(r"[+-]\d{2}:\d{2}", profile.utc_offset):
        raise ProfileError(f"{source}: utc_offset {profile.utc_offset!r} must look like +07:00")
    return profile.retarget(profile.base_url)


def _check_base_url(base_url: str, source: str) -> None:
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ProfileError(
            f"{source}: base_url {base_url!r} is not an absolute http(s) URL; expected the "
            "site's home, e.g. http://truongchinhtri.example.gov.vn/"
        )


@functools.cache
def _bundled_hosts() -> dict[str, str]:
    """Host -> the bundled profile (a YAML in this folder) whose site it is."""
    found: dict[str, str] = {}
    for path in sorted(PROFILE_DIR.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            hosts = [urlsplit(str(data["base_url"])).netloc, *(data.get("alias_hosts") or ())]
        except (yaml.YAMLError, KeyError, TypeError, AttributeError):
            continue
        for host in hosts:
            found.setdefault(str(host).lower(), str(data.get("name") or path.stem))
    return found


def _check_own_site(name: str, base_url: str, where: str) -> None:
    """A profile may not point at a site another bundled profile describes (a copied YAML
    whose base_url was not changed would archive that site under the wrong rules)."""
    host = urlsplit(base_url).netloc.lower()
    owner = _bundled_hosts().get(host)
    if owner is not None and owner != name:
        raise ProfileError(
            f"{where} {base_url!r} is the site of profile {owner!r}; expected this site's "
            f"own address (or use --profile {owner})"
        )
