"""Request routing for a successor portal: a request path to a page key and a status.

Paths match case-insensitively, as IIS and the platform's friendly-URL provider do; a page is
rendered once per canonical key, so ``/default.aspx`` and ``/`` share the home page.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from replica.serve.routing import Route
from replica.successor import chrome, portal
from replica.successor.model import SuccessorSite

_I = re.IGNORECASE
_HOME = re.compile(rf"/(?:default\.aspx|trang-chu/tabid/{portal.HOME_TAB}/default\.aspx)?", _I)
_LISTING = re.compile(
    rf"/chuyen-muc-tin/tabid/{portal.LIST_TAB}/ctitle/([0-9]{{1,6}})/"
    r"(?:pageid/([1-9][0-9]{0,6})/)?default\.aspx",
    _I,
)
_ARTICLE = re.compile(
    rf"/chuyen-muc-tin/chi-tiet-tin/tabid/{portal.DETAIL_TAB}/title/([0-9]{{1,9}})"
    rf"/ctitle/([0-9]{{1,6}})/(mid/{portal.NEWS_MODULE}/dnnprintmode/true/)?default\.aspx",
    _I,
)
_LOGIN = re.compile(rf"/(?:dang-nhap/tabid/{portal.LOGIN_TAB}/default\.aspx|login\.aspx)", _I)
NOT_FOUND = Route(404, ("404",))


def resolve(site: SuccessorSite, raw_path: str) -> Route:
    path, _, query = raw_path.split("#", 1)[0].partition("?")
    if _HOME.fullmatch(path):
        return Route(200, ("home",))
    if path == "/robots.txt":
        return Route(200, ("robots",))
    if _LOGIN.fullmatch(path):
        return Route(200, ("login",))
    if path in chrome.ASSETS:
        return Route(200, ("asset", path))
    if path in chrome.IMAGES or path in site.image_paths:
        return Route(200, ("image",))
    if path in site.files:
        return Route(200, ("file", path))
    if match := _ARTICLE.fullmatch(path):
        article = site.by_id(int(match.group(1)))
        if article is None or article.category_id != int(match.group(2)):
            return NOT_FOUND
        if match.group(3):
            return Route(200, ("print", str(article.article_id)), article=article)
        return Route(200, ("article", article.path), article=article)
    if match := _LISTING.fullmatch(path):
        return _listing(site, int(match.group(1)), match.group(2), query)
    return NOT_FOUND


def _listing(site: SuccessorSite, category_id: int, segment: str | None, query: str) -> Route:
    """A category page; the page number from its path segment, else from ``?pageid=``."""
    if site.category(category_id) is None:
        return NOT_FOUND
    number = segment or (parse_qs(query).get("pageid") or ["1"])[0]
    if not number.isdigit() or not 1 <= int(number) <= site.page_count(category_id):
        return NOT_FOUND
    return Route(200, ("listing", str(category_id), str(int(number))))
