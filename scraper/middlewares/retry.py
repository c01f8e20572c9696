"""Downloader middlewares."""

from __future__ import annotations

import asyncio
import logging
import random

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

from scraper.failures import classify, http_failure
from scraper.items import utc_now

# Request meta key: failed attempts so far, as plain dicts the spider turns into error records.
FAILURES_META = "archive_failures"

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """`Retry-After: 120` -> 120.0; HTTP-date forms and garbage -> None (backoff applies)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    try:
        return max(0.0, float(text.strip()))
    except ValueError:
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, spaced out: exponential backoff with jitter, honouring Retry-After.

    The wait is an asyncio sleep before the retry is rescheduled, so other pages go on meanwhile.
    Each failed attempt travels with the retry (meta `archive_failures`), so the spider can
    record it whatever the final outcome: nothing about a flaky page is forgotten.
    """

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("ARCHIVE_RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("ARCHIVE_RETRY_BACKOFF_MAX")

    def delay(self, request: Request, response: Response | None = None) -> float:
        attempt = request.meta.get("retry_times", 1)
        wait = min(self.cap, self.base * 2 ** (attempt - 1)) * random.uniform(0.8, 1.2)
        if response is not None:
            hinted = retry_after_seconds(response.headers.get("Retry-After"))
            if hinted is not None:
                wait = min(self.cap, max(wait, hinted))
        return wait

    async def _after_backoff(
        self, result, request: Request, response: Response | None = None, exc=None
    ):
        if not isinstance(result, Request):
            return result
        if response is not None:
            retry_after = response.headers.get("Retry-After")
            failure = http_failure(response.status, retry_after and retry_after.decode("latin-1"))
        else:
            failure = classify(exc)
        attempt = {
            "kind": failure.kind,
            "status": failure.status,
            "exception": failure.exception,
            "message": failure.message,
            "at": utc_now(),
        }
        result.meta[FAILURES_META] = [*request.meta.get(FAILURES_META, ()), attempt]
        if (wait := self.delay(result, response)) > 0:
            logger.info("Retrying %s in %.1fs", result.url, wait)
            await asyncio.sleep(wait)
        return result

    async def process_response(self, request: Request, response: Response, spider=None):
        result = super().process_response(request, response)
        return await self._after_backoff(result, request, response=response)

    async def process_exception(self, request: Request, exception: Exception, spider=None):
        result = super().process_exception(request, exception)
        return await self._after_backoff(result, request, exc=exception)
