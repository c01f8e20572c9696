"""Site rules: the code side of a site, for what a profile's YAML cannot say.

The default `SiteRules` reads everything from the profile (URL patterns, categories, the
listing URL template), which is enough for a portal shaped like the Phú Thọ one. A portal on
another CMS subclasses it in a rules module named by its profile (`rules: package.module`, or a
`.py` file beside the YAML) and overrides only what differs: how a listing's URL is built, how
its next page is recognised, how a URL is classified, where an article page's title, date line,
author and body are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scraper.sites.profile import SiteProfile
from scraper.urls import PageInfo, is_attachment, page_info, with_page

if TYPE_CHECKING:
    from scraper.extraction.blocks import Block
    from scraper.extraction.page import Layout


class SiteRules:
    """Default rules: everything comes from the profile. Subclasses keep the method names."""

    def __init__(self, profile: SiteProfile) -> None:
        self.profile = profile

    def listing_url(self, category: str) -> str:
        """The first page of a category's listing (the profile's `urls.listing_url`)."""
        return self.profile.listing_url.format(base_url=self.profile.base_url, category=category)

    def listing_urls(self) -> list[str]:
        """The first page of every category, in the profile's order."""
        return [self.listing_url(slug) for slug, _name in self.profile.categories]

    def start_urls(self) -> list[str]:
        """Where a full crawl begins: the home page (its menu), then every listing, in case
        the real menu is built by a script we cannot run."""
        return [self.profile.base_url, *self.listing_urls()]

    def page_info(self, url: str) -> PageInfo:
        """What kind of page a canonical in-scope URL is (home, listing, article, print,
        other), with its category, listing page number and print id."""
        return page_info(url, self.profile)

    def is_attachment(self, url: str, extensions: tuple[str, ...]) -> bool:
        """Whether a link is a file to archive beside its article: its extension is one of
        `extensions` (ARCHIVE_ATTACHMENT_EXTENSIONS), or a profile attachment pattern matches."""
        return is_attachment(url, extensions, self.profile)

    def is_next_page(self, current: PageInfo, target: PageInfo) -> bool:
        """Whether `target` is the listing page after `current` in the same category."""
        return (
            target.kind == "listing"
            and target.category == current.category
            and target.page == (current.page or 1) + 1
        )

    def listing_page(self, category: str, page: int) -> str | None:
        """Page `page` of a category's listing: page 1's form, or the profile's
        `urls.listing_page_url` template; None when the profile has no template (later pages
        are then found by their links)."""
        if page <= 1:
            return self.listing_url(category)
        template = self.profile.listing_page_url
        if template is None:
            return None
        return template.format(base_url=self.profile.base_url, category=category, page=page)

    def listing_page_url(self, other_page: str, page: int) -> str | None:
        """Page `page` of a listing, from the URL of another of its pages (2 or later, as its
        pagination links give them): the profile's template when it has one, else the
        number in that URL replaced; None if neither can say."""
        info = self.page_info(other_page)
        if self.profile.listing_page_url and info.kind == "listing" and info.category:
            return self.listing_page(info.category, page)
        return with_page(other_page, page, self.profile)

    def layout(self, blocks: list[Block], kind: str = "article") -> Layout | None:
        """Where a page's date line, title, author and body are, from its text blocks (`kind`
        "print" for a print view); None when the page is not laid out so (generic rules then)."""
        # The default layouts are extraction's, which imports this package: imported here.
        from scraper.extraction.page import layout, print_layout

        return (print_layout if kind == "print" else layout)(blocks, self.profile)
