"""Where a site lists its own pages: robots.txt `Sitemap:` lines, XML sitemaps, RSS/Atom feeds
and the feeds a page announces (`<link rel=alternate type=application/rss+xml>`).

Parsing only, with trafilatura's own helpers; trafilatura would fetch by itself, so the crawl
fetches through Scrapy (politeness, robots.txt, WARC capture) and hands the text here. Its
domain checks reject loopback and IP hosts, so the links found are checked by the crawl's own
canonicalisation (the profile's hosts) instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from trafilatura.feeds import FeedParameters, determine_feed, find_links, is_potential_feed
from trafilatura.sitemaps import (
    DETECT_SITEMAP_LINK,
    SITEMAP_FORMAT,
    SitemapObject,
    extract_robots_sitemaps,
    is_plausible_sitemap,
)
from trafilatura.utils import safe_relative_url

logger = logging.getLogger(__name__)
MOST_LINKS = 50_000  # links taken from one sitemap or feed


@dataclass(frozen=True)
class Listed:
    """What one sitemap or feed lists: pages, and further sitemaps (a sitemap index)."""

    pages: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()


class _Sitemap(SitemapObject):
    """trafilatura's sitemap reader, keeping every link (the crawl checks hosts itself)."""

    def handle_link(self, link: str) -> None:
        if link == self.current_url:
            return
        link = safe_relative_url(self.base_url, link)
        target = self.sitemap_urls if DETECT_SITEMAP_LINK.search(link) else self.urls
        if len(target) < MOST_LINKS:
            target.append(link)


def robots_sitemaps(text: str, base_url: str) -> list[str]:
    """The `Sitemap:` URLs of a robots.txt."""
    return extract_robots_sitemaps(text, base_url.rstrip("/"))


def is_sitemap(url: str, text: str) -> bool:
    return is_plausible_sitemap(url, text) and bool(SITEMAP_FORMAT.match(text.lstrip()))


def sitemap_links(url: str, text: str, base_url: str) -> Listed:
    reader = _Sitemap(base_url.rstrip("/"), "", [], external=True)
    reader.current_url, reader.content = url, text.lstrip()
    reader.process()
    return Listed(tuple(reader.urls), tuple(reader.sitemap_urls))


def _params(base_url: str, reference: str) -> FeedParameters:
    return FeedParameters(base_url.rstrip("/"), "", reference, external=True)


def is_feed(text: str) -> bool:
    return is_potential_feed(text.lstrip())


def feed_links(url: str, text: str, base_url: str) -> Listed:
    """The entries of an RSS, Atom or JSON feed."""
    links = find_links(text.strip(), _params(base_url, url))[:MOST_LINKS]
    return Listed(tuple(safe_relative_url(base_url, link) for link in links if link != url))


def announced_feeds(html: str, url: str, base_url: str) -> list[str]:
    """The feeds a page announces (<link rel=alternate>, else links that look like feeds)."""
    try:
        return determine_feed(html, _params(base_url, url))
    except Exception:  # trafilatura on odd markup: a page without feeds, not a failure
        logger.debug("no feeds read from %s", url, exc_info=True)
        return []


def read_listed(url: str, text: str, base_url: str) -> Listed | None:
    """A sitemap's or feed's links; None when the text is neither."""
    head = text.lstrip()[:2000]
    if ("<urlset" in head or "<sitemapindex" in head) and is_sitemap(url, text):
        return sitemap_links(url, text, base_url)
    if is_feed(text):
        return feed_links(url, text, base_url)
    if is_sitemap(url, text) and "<html" not in head.lower():
        return sitemap_links(url, text, base_url)  # a plain-text sitemap
    return None
