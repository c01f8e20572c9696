"""Allow-list HTML sanitising (nh3): what we store and publish can never run code."""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "p", "br", "a", "b", "strong", "i", "em", "u", "sub", "sup", "span", "img", "figure",
    "figcaption", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th",
    "h2", "h3", "h4",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}, "td": {"colspan", "rowspan"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """Keep only structural and inline text markup; no scripts, handlers, forms or iframes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
