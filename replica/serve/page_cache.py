"""Rendered pages by route key: rendered once, compiled into a template, filled per request."""

from __future__ import annotations

from functools import lru_cache

from replica.model.site import Site
from replica.render import article_pages, listing_pages, static_pages, theme
from replica.render.page_template import Template


class PageCache:
    """Rendered pages by route key, in a bounded LRU (big sites are generated lazily)."""

    def __init__(self, site: Site, size: int = 1024) -> None:
        self.site = site
        self.get = lru_cache(maxsize=size)(self._render)

    def _render(self, key: tuple[str, ...]) -> Template:
        site, kind = self.site, key[0]
        if kind == "article":
            return Template.compile(article_pages.article_page(site, site.by_path(key[1])))
        if kind == "listing":
            return Template.compile(listing_pages.listing_page(site, key[1], int(key[2])))
        if kind == "print":
            return Template.compile(article_pages.print_page(site.by_print_id(int(key[1]))))
        if kind == "theme":
            return _theme_file(key[1])
        if kind == "file":
            file = site.files[key[1]]
            return Template.constant(file.content(), file.mime)
        return self._fixed(kind)

    def _fixed(self, kind: str) -> Template:
        site = self.site
        if kind == "home":
            return Template.compile(listing_pages.home_page(site))
        if kind == "about":
            return Template.compile(static_pages.about_page(site.categories))
        if kind == "contact":
            return Template.compile(static_pages.contact_page(site.categories))
        if kind == "robots":
            return Template.constant(static_pages.ROBOTS_TXT.encode(), "text/plain; charset=utf-8")
        if kind == "image":
            return Template.constant(static_pages.TINY_JPEG, "image/jpeg")
        if kind == "moved":
            return Template.compile('<html><body><a href="/">Moved</a></body></html>')
        if kind == "405":
            return Template.compile("<html><body><h1>405 Method Not Allowed</h1></body></html>")
        return Template.compile(static_pages.not_found_page())


def _theme_file(path: str) -> Template:
    if path in theme.FILES:
        content, mime = theme.FILES[path]
        return Template.constant(content, mime)
    mime = theme.IMAGES[path]
    picture = static_pages.tiny_png() if mime == "image/png" else static_pages.TINY_JPEG
    return Template.constant(picture, mime)
