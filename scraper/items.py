"""What the spider hands to the pipelines: plain records of what was fetched.

No Response objects and no parsed trees travel in items, so everything downstream can be
re-run from storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageCapture:
    """One fetched page the archive keeps (an article or its print view)."""

    url: str  # canonical URL
    fetched_url: str  # the URL actually requested (after redirects)
    kind: str  # "article" or "print"
    status: int
    headers: dict[str, str]
    body: bytes
    encoding: str  # the encoding Scrapy decided on (header, <meta>, or sniffed)
    fetched_at: str  # ISO 8601, UTC
    article_url: str | None = None  # for a print page: the article it belongs to
    print_id: int | None = None
    # Filled by the extraction pipeline.
    extracted: dict | None = field(default=None, repr=False)


@dataclass
class FetchError:
    """A page that could not be fetched or processed; stored where an archivist will look."""

    url: str
    kind: str  # "http", "dns", "timeout", "connection", "extraction", ...
    message: str
    status: int | None = None
    occurred_at: str = ""
