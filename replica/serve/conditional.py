"""HTTP validators and conditional requests (RFC 9110 section 13) for article pages."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime


def http_date(when_utc: datetime) -> str:
    """A naive UTC time as an IMF-fixdate (`Tue, 27 Jun 2023 00:42:00 GMT`)."""
    return format_datetime(when_utc.replace(tzinfo=UTC), usegmt=True)


def not_modified(headers: Mapping[str, str], etag: str, modified_utc: datetime) -> bool:
    """True when the client's copy is current. If-None-Match, when sent, decides alone."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    if_modified_since = headers.get("If-Modified-Since")
    if not if_modified_since:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return modified_utc.replace(tzinfo=UTC, microsecond=0) <= since
