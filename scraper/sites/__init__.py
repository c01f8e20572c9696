"""Sites: what the crawler and the extractor know about one portal.

A site is a validated profile (YAML: hosts, URL shapes, categories, date lines, body markers,
author rules) plus its rules (`SiteRules`, or a subclass from the rules module the profile
names). `load_site("phutho")` or `load_site("path/to/portal.yaml", base_url)` is the one way in.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from scraper.sites.profile import (
    DEFAULT_PROFILE,
    ProfileError,
    SiteProfile,
    available_profiles,
    load_profile,
)
from scraper.sites.rules import SiteRules
from scraper.urls import PageInfo

__all__ = [
    "DEFAULT_PROFILE",
    "ProfileError",
    "Site",
    "SiteProfile",
    "SiteRules",
    "available_profiles",
    "load_site",
]


@dataclass(frozen=True)
class Site:
    """A profile and its rules. Only the profile is data (a site pickles as its profile, so
    extraction workers get it once); the rules are found again from the profile's `rules:`."""

    profile: SiteProfile

    @property
    def rules(self) -> SiteRules:
        return _rules_class(self.profile.rules, self.profile.source)(self.profile)

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def base_url(self) -> str:
        return self.profile.base_url

    def page_info(self, url: str) -> PageInfo:
        return self.rules.page_info(url)

    def retarget(self, base_url: str) -> Site:
        """The same site served elsewhere (the replica, a mirror)."""
        return Site(self.profile.retarget(base_url))

    def for_url(self, url: str) -> Site:
        """This site, retargeted at the URL's host when the host is not one of its own."""
        profile = self.profile.for_url(url)
        return self if profile is self.profile else Site(profile)


def load_site(name_or_path: str = DEFAULT_PROFILE, base_url: str | None = None) -> Site:
    """Load a site by profile name (a YAML file in this folder) or by a YAML path; a rules
    module the profile names is loaded now, so a broken one fails before anything runs."""
    site = Site(load_profile(name_or_path, base_url))
    _rules_class(site.profile.rules, site.profile.source)
    return site


@functools.cache
def _rules_class(rules: str | None, source: str) -> type[SiteRules]:
    """The `SiteRules` subclass a profile's `rules:` names (`package.module[:Class]`, or a
    `.py` file relative to the YAML; the class defaults to `Rules`), or the default rules."""
    if not rules:
        return SiteRules
    spec, _, attribute = rules.partition(":")
    try:
        module = _import_rules(spec, source)
    except (ImportError, OSError, SyntaxError) as exc:
        raise ProfileError(f"{source}: rules {rules!r} cannot be loaded: {exc}") from exc
    found = getattr(module, attribute or "Rules", None)
    if not (isinstance(found, type) and issubclass(found, SiteRules)):
        raise ProfileError(
            f"{source}: rules {rules!r} must name a SiteRules subclass "
            "(module:Class; the class name defaults to Rules)"
        )
    return found


def _import_rules(spec: str, source: str):
    if not spec.endswith(".py"):
        return importlib.import_module(spec)
    path = Path(spec)
    if not path.is_absolute():
        path = Path(source).parent / path
    loaded = importlib.util.spec_from_file_location(f"site_rules_{path.stem}", path)
    if loaded is None or loaded.loader is None:
        raise ImportError(f"no Python module at {path}")
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return module
