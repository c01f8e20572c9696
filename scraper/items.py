"""What the spider hands to the pipelines: plain records of what was fetched.

No Response objects and no parsed trees travel in items, so everything downstream can be
re-run from storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def utc_now() -> str:
    """ISO 8601 UTC with microseconds: the one timestamp form every stored record uses."""
    # The same text as strftime("%Y-%m-%dT%H:%M:%S.%fZ"), for 30 % less time (one per record).
    return datetime.now(UTC).isoformat(timespec="microseconds")[:-6] + "Z"


def parse_utc(stamp: str) -> datetime:
    """A `utc_now()` stamp (or any ISO 8601 time) as an aware datetime; naive means UTC."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# Request meta key under which the WARC capture middleware leaves where a response was written.
CAPTURE_META = "archive_capture"
# Request meta key of a conditional revisit: the capture (file, offset) whose validators it sends,
# so a 304 is written as a revisit record referring to it.
PREVIOUS_CAPTURE_META = "archive_previous_capture"
# Request meta key of a page requisite fetched as an embed: (URL as referenced, page URL, kind).
EMBED_META = "archive_embed"
# Request meta key: the body length the server declared (Content-Length), or -1 when it sent
# none; Twisted keeps the header itself from Scrapy's response.
WIRE_LENGTH_META = "archive_wire_length"


@dataclass
class PageCapture:
    """One fetched page the archive keeps (an article or its print view)."""

    url: str  # canonical URL
    fetched_url: str  # the URL actually requested (after redirects)
    kind: str  # "article" or "print"
    status: int
    headers: dict[str, str]
    body: bytes
    encoding: str  # the encoding Scrapy decided on; extraction replaces it with its own decision
    fetched_at: str  # ISO 8601, UTC
    article_url: str | None = None  # for a print page: the article it belongs to
    print_id: int | None = None
    # Where the response is in the WARC files (the capture middleware's pointer, as a dict).
    capture: dict | None = None
    # Filled by the extraction pipeline (a scraper.extraction.Extraction).
    extraction: Any = field(default=None, repr=False)
    # The alt text of each picture on the page (absolute URL -> alt), for the `images` rows.
    image_alts: dict[str, str | None] = field(default_factory=dict, repr=False)
    # Problems worth a look on a page that is still archived (untrusted date, empty body,
    # a charset the server lied about); stored in `errors` beside the article.
    problems: list[FetchError] = field(default_factory=list, repr=False)
    # Set by a spider that waits for the page's links from the extraction worker (an asyncio
    # Future of a scraper.outlinks.PageLinks, or None if they could not be read there). A
    # process-local handle: never pickled, never compared.
    discovered: Any = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "discovered": None}

    def settle(self, links: Any = None) -> None:
        """Hand the waiting spider the page's links (None: it reads them itself)."""
        future, self.discovered = self.discovered, None
        if future is not None and not future.done():
            future.set_result(links)


@dataclass
class FetchError:
    """A page that could not be fetched or processed; stored where an archivist will look."""

    url: str
    kind: str  # "http", "dns", "timeout", "connection", "extraction", ...
    message: str
    status: int | None = None
    occurred_at: str = ""
    exception: str | None = None  # exception class name, when one was raised
    outcome: str = "failed"  # "failed", "recovered", "skipped", "archived" (scraper.failures)


@dataclass
class NotModified:
    """A conditional revisit answered 304: the archived state is still current."""

    url: str
    fetched_at: str


@dataclass
class Gone:
    """An archived article answered 404 or 410: it is marked gone, never deleted."""

    url: str
    status: int
    fetched_at: str


@dataclass
class AttachmentCapture:
    """A file linked from an article (PDF, DOCX, ...), or the reason it was not stored."""

    url: str  # canonical URL
    article_url: str | None  # the article whose link led here
    status: int | None
    headers: dict[str, str]
    body: bytes
    fetched_at: str
    capture: dict | None = None
    skipped: str | None = None  # why the file was not stored (e.g. over the size limit)
    declared_size: int | None = None  # Content-Length, when the body was not downloaded
    # Filled by the extraction pipeline: the document's text (scraper.extraction.documents).
    text: Any = field(default=None, repr=False)


@dataclass
class EmbedCapture:
    """A page requisite (picture, stylesheet, script, font) fetched as an embed, or the reason
    it was not: never followed as a link, stored in the WARC when fetched."""

    url: str  # as referenced (absolute; may be a javascript:/data: URL that is never fetched)
    page_url: str  # the page that referenced it first
    kind: str  # "image", "stylesheet", "script", "icon", "font", "other"
    status: int | None
    headers: dict[str, str]
    body: bytes
    fetched_at: str
    capture: dict | None = None
    reason: str | None = None  # why it is not stored (over the size limit, timeout, ...)
    outcome: str = "stored"  # "stored", "error" (HTTP status), "skipped", "failed"
    declared_size: int | None = None
