"""Request routing: a request path to a page key (what to render) and a status.

Keys are small tuples so rendered pages can be cached by key. Query strings are ignored, as
the real CMS ignores parameters it does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from replica.model.articles import Article
from replica.model.site import Site
from replica.render import chrome, listing_pages, theme

_PRINT = re.compile(r"/print/([1-9][0-9]{0,8})\.html")
_LISTING = re.compile(r"/([a-z0-9-]+)/(?:page/([1-9][0-9]{0,6})/)?")
_BARE_CATEGORY = re.compile(r"/([a-z0-9-]+)")
_STATIC_IMAGES = frozenset(
    (
        "/images/banner.jpg",
        "/images/quangcao.jpg",
        listing_pages.NO_IMAGE,
        *(f"/uploads/slide/{n}.jpg" for n in range(1, chrome.SLIDE_COUNT + 1)),
    )
)


@dataclass(frozen=True, slots=True)
class Route:
    status: int
    key: tuple[str, ...]
    location: str | None = None
    article: Article | None = None


NOT_FOUND = Route(404, ("404",))


def resolve(site: Site, raw_path: str) -> Route:
    path = raw_path.split("?", 1)[0].split("#", 1)[0]
    fixed = {"/": "home", "/robots.txt": "robots", "/gioi-thieu/": "about", "/lien-he/": "contact"}
    if path in fixed:
        return Route(200, (fixed[path],))
    if match := _PRINT.fullmatch(path):
        article = site.by_print_id(int(match.group(1)))
        return Route(200, ("print", match.group(1)), article=article) if article else NOT_FOUND
    if path in _STATIC_IMAGES or path in site.image_paths:
        return Route(200, ("image",))
    if path in theme.FILES or path in theme.IMAGES:
        return Route(200, ("theme", path))
    if path in site.files:
        return Route(200, ("file", path))
    if article := site.by_path(path):
        return Route(200, ("article", path), article=article)
    return _category_route(site, path)


def _category_route(site: Site, path: str) -> Route:
    if (match := _BARE_CATEGORY.fullmatch(path)) and site.category(match.group(1)):
        return Route(301, ("moved",), location=f"{path}/")
    match = _LISTING.fullmatch(path)
    if not match or not site.category(match.group(1)):
        return NOT_FOUND
    slug, page = match.group(1), int(match.group(2) or 1)
    if match.group(2) and page == 1:
        return Route(301, ("moved",), location=f"/{slug}/")
    if page > site.page_count(slug):
        return NOT_FOUND
    return Route(200, ("listing", slug, str(page)))
