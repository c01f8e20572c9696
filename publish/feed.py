"""The Atom feed as RFC 4287 wants it and as readers of an archive need it.

datasette-atom writes an entry's author only when the row has one, and links entries where
the query says. The archive's feed gets a feed-level author (so an entry without one is
still valid), and each entry links the archived reading page, with the original page as
`rel="via"`.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

_FEED_START = re.compile(r"<feed\b[^>]*>")
_ENTRY_LINK = re.compile(r'<link href="(?P<href>[^"]*)"/>')


def archived_feed(xml: str, article_base: str, author: str) -> str:
    """`xml` with a feed-level author and entry links to `article_base` + the quoted URL."""
    start = _FEED_START.search(xml)
    if start is None:
        return xml
    name = html.escape(author, quote=False)
    head = xml[: start.end()] + f"\n  <author>\n    <name>{name}</name>\n  </author>"

    def link(match: re.Match) -> str:
        original = html.unescape(match.group("href"))
        archived = html.escape(article_base + quote(original, safe=""))
        via = match.group("href")
        return f'<link href="{archived}" rel="alternate"/><link href="{via}" rel="via"/>'

    body = "<entry>".join(
        part if i == 0 else _ENTRY_LINK.sub(link, part, count=1)
        for i, part in enumerate(xml[start.end() :].split("<entry>"))
    )
    return head + body
