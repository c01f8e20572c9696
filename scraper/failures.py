"""What went wrong with a request, in words an archivist understands.

Every failure becomes a `kind` (a short stable name the `errors` table is faceted by), the
HTTP status or exception class, and a sentence. Components that refuse a request on purpose
(limits, traps, off-site redirects) raise `Refused`, which carries its own kind and message.
"""

from __future__ import annotations

import errno
import logging
import os
from dataclasses import dataclass
from http import HTTPStatus

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.error import (
    ConnectionDone,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

logger = logging.getLogger(__name__)

# Outcomes of a recorded problem.
FAILED = "failed"  # the page is not in the archive
RECOVERED = "recovered"  # a transient failure; a later attempt succeeded
SKIPPED = "skipped"  # refused on purpose (limit, trap, off-site)
ARCHIVED = "archived"  # stored, with a problem worth a look (untrusted date, empty body, ...)


class Refused(IgnoreRequest):
    """A request dropped on purpose; recorded with its kind, never retried."""

    def __init__(
        self, kind: str, message: str, outcome: str = SKIPPED, url: str | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.outcome = outcome
        self.url = url  # the URL to record, when not the request's (e.g. a redirect chain's start)


@dataclass(frozen=True)
class Failure:
    kind: str
    status: int | None
    exception: str | None
    message: str


def _status_text(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _lost(exc: BaseException) -> bool:
    reasons = getattr(exc, "reasons", None) or []
    return any("DataLoss" in type(getattr(r, "value", r)).__name__ for r in reasons)


def http_failure(status: int, retry_after: str | None = None) -> Failure:
    hint = f"; the server asked to wait {retry_after} s" if retry_after else ""
    if status in (404, 410):
        hint = "; the page is gone (not retried)"
    elif 400 <= status < 500 and status not in (408, 429):
        hint = "; a client error (not retried)"
    return Failure("http", status, None, f"{_status_text(status)}{hint}")


def classify(exc: BaseException) -> Failure:
    """Kind, status, exception name and a sentence for an exception seen by an errback."""
    name = type(exc).__name__
    if isinstance(exc, Refused):
        return Failure(exc.kind, None, None, exc.message)
    if isinstance(exc, HttpError):
        return http_failure(exc.response.status, _retry_after(exc.response))
    if isinstance(exc, DownloadTimeoutError | TimeoutError | TCPTimedOutError):
        return Failure("timeout", None, name, f"no complete answer in time ({exc})")
    if isinstance(exc, DownloadCancelledError):
        detail = f" ({exc})" if str(exc) else ""
        return Failure(
            "too-large", None, name, f"page larger than the size limit DOWNLOAD_MAXSIZE{detail}"
        )
    if isinstance(exc, ResponseDataLossError) or _lost(exc):
        return Failure(
            "truncated", None, name, "the server closed the connection before the whole page"
        )
    if isinstance(exc, CannotResolveHostError | DNSLookupError):
        return Failure("dns", None, name, f"host name not found: {exc}")
    if isinstance(exc, DownloadConnectionRefusedError | ConnectionRefusedError):
        return Failure("connection", None, name, "connection refused by the server")
    lost = DownloadFailedError | ResponseNeverReceived | ConnectionLost | ConnectionDone
    if isinstance(exc, lost | ResponseFailed):
        return Failure("connection", None, name, "connection reset or closed before an answer")
    return Failure("connection", None, name, f"{name}: {exc}")


def _retry_after(response) -> str | None:
    value = response.headers.get("Retry-After") if response is not None else None
    return value.decode("latin-1") if value else None


# A write that failed (disk full, I/O error, read-only): the kind of its `errors` row and the
# reason the run was closed for.
STORAGE = "storage"
STORAGE_FAILURE_STAT = "archive/storage_failure"  # "could not write PATH: CAUSE"
STORAGE_PATH_STAT = "archive/storage_path"


def storage_cause(error: BaseException) -> str:
    """The cause of a failed write in a few words: `No space left on device (ENOSPC)`."""
    number = getattr(error, "errno", None)
    if isinstance(number, int) and number in errno.errorcode:
        return f"{os.strerror(number)} ({errno.errorcode[number]})"
    return str(error) or type(error).__name__


def stop_for_storage(crawler, path: str, error: BaseException) -> str:
    """Record the first failed write in the stats and close the spider (reason `storage`):
    a run that cannot keep what it fetches must not go on fetching. Returns the one line."""
    stats = crawler.stats
    line = stats.get_value(STORAGE_FAILURE_STAT)
    if line is None:
        line = f"could not write {path}: {storage_cause(error)}"
        stats.set_value(STORAGE_FAILURE_STAT, line)
        stats.set_value(STORAGE_PATH_STAT, str(path))
        logger.error("Stopping: %s", line)
        try:
            engine = crawler.engine
        except RuntimeError:  # Scrapy raises when asked before the crawl has started
            engine = None
        if engine is not None and engine.spider is not None:
            closing = deferred_from_coro(engine.close_spider_async(reason=STORAGE))
            closing.addErrback(lambda failure: logger.error("Closing failed: %s", failure.value))
    return line
