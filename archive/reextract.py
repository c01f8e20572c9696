"""Re-running extraction from the WARC captures, with no network, after an extractor change.

Each article is re-extracted from exactly the bytes its row was extracted from, through the
same entry point, limits and worker processes as the crawl, with `now` set to the moment the
page was captured (so a date the crawl found to lie in the future stays untrusted). A row whose
result is identical is not written at all; a changed content_hash keeps the old state in
`article_versions` (reason "reextract"); other differences update the row in place.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from archive.db import articles, attachments, runs
from archive.db.counts import SaveCounts
from archive.print_fill import as_article
from archive.warc.reader import read_response
from scraper.extraction import Extraction, ExtractionLimits
from scraper.extraction.documents import DocumentText
from scraper.extraction.workers import document_in_worker, extract_in_worker, extraction_pool
from scraper.items import parse_utc
from scraper.sites import Site

logger = logging.getLogger(__name__)


@dataclass
class ReextractCounts:
    seen: int = 0
    unchanged: int = 0
    updated: int = 0
    changed: int = 0
    missing: int = 0  # rows without a capture (archived before WARC captures existed)
    failed: int = 0
    documents: int = 0  # attached files whose text was read again
    documents_updated: int = 0  # ... and came out different (rows rewritten, index redone)


@dataclass(frozen=True)
class ReextractOptions:
    limits: ExtractionLimits = ExtractionLimits()
    timeout: float = 30.0  # ARCHIVE_EXTRACT_TIMEOUT, per page
    workers: int = 1
    memory_limit: int = 0  # ARCHIVE_EXTRACT_MAX_MEMORY, per worker
    batch: int = 200


def apply(db: Database, existing: dict, new: Extraction, now: str, counts: ReextractCounts) -> None:
    """Write what changed (nothing, if nothing did), versioning a changed content_hash."""
    outcome = articles.save_reextraction(db, existing, new, now)
    setattr(counts, outcome, getattr(counts, outcome) + 1)


async def _extract_batch(pool, rows: list[dict], directories: list[Path], timeout: float):
    async def one(row: dict):
        try:
            stored = _read(directories, row)
            # A row filled from a print view is extracted as the print view it came from.
            page_url = row["fetched_url"] if row.get("source") == "print" else row["url"]
            return await pool.run(
                timeout, extract_in_worker, page_url, stored.payload, stored.content_type,
                parse_utc(stored.warc_date),
            )  # fmt: skip
        except Exception as exc:  # one unreadable capture never stops the run
            logger.warning(
                "Re-extraction failed for %s: %s: %s", row["url"], type(exc).__name__, exc
            )
            return exc

    return await asyncio.gather(*(one(row) for row in rows))


def _read(directories: list[Path], row: dict):
    for directory in directories:
        try:
            return read_response(directory, row["warc_file"], row["warc_offset"])
        except FileNotFoundError:
            continue
    raise FileNotFoundError(f"capture file {row['warc_file']} is in none of {directories}")


def reextract(
    db: Database,
    directories: list[Path],
    site: Site,
    now: str,
    options: ReextractOptions = ReextractOptions(),
    progress: Callable[[ReextractCounts], None] | None = None,
) -> ReextractCounts:
    """Re-extract every archived article from its capture (looked for in `directories`)."""
    return asyncio.run(_reextract(db, directories, site, now, options, progress))


async def _reextract(db, directories, site, now, options, progress) -> ReextractCounts:
    counts = ReextractCounts()
    urls = [r[0] for r in db.execute("SELECT url FROM articles ORDER BY url")]
    pool = extraction_pool(site, options.limits, options.workers, options.memory_limit)
    pool.start()
    try:
        for start in range(0, len(urls), options.batch):
            batch = [_row(db, url) for url in urls[start : start + options.batch]]
            captured = [row for row in batch if row.get("warc_file")]
            counts.seen += len(batch)
            counts.missing += len(batch) - len(captured)
            results = await _extract_batch(pool, captured, directories, options.timeout)
            with db.conn:
                for row, result in zip(captured, results, strict=True):
                    if isinstance(result, BaseException):
                        counts.failed += 1
                    else:
                        if row.get("source") == "print":
                            result = as_article(result, row["url"], site)
                        apply(db, row, result, now, counts)
                        _record_problems(db, result, now)
            if progress:
                progress(counts)
        await _reread_documents(db, pool, directories, options.timeout, counts)
    finally:
        pool.close()
    return counts


async def _reread_documents(db, pool, directories, timeout: float, counts) -> None:
    """The attachments' text again from their captures; changed text is rewritten on every
    row of the file and indexed again."""
    query = (
        "SELECT url, file_name, mime_type, warc_file, warc_offset, text, text_status, "
        "text_reason FROM attachments WHERE status = 'stored' AND warc_file IS NOT NULL "
        "GROUP BY url ORDER BY url"
    )
    files = [dict(zip(FILE_COLUMNS, row, strict=True)) for row in db.execute(query)]
    for start in range(0, len(files), 50):
        batch = files[start : start + 50]
        results = await asyncio.gather(*(_document(pool, directories, f, timeout) for f in batch))
        with db.conn:
            for file, found in zip(batch, results, strict=True):
                counts.documents += 1
                facts = attachments.text_facts(found)
                if all(file[k] == v for k, v in facts.items()):
                    continue
                counts.documents_updated += 1
                assignments = ", ".join(f"{k} = :{k}" for k in facts)
                db.execute(
                    f"UPDATE attachments SET {assignments} WHERE url = :url",
                    {**facts, "url": file["url"]},
                )
                attachments.index_text(db, file["url"], found.text)


FILE_COLUMNS = ("url", "file_name", "mime_type", "warc_file", "warc_offset", "text",
                "text_status", "text_reason")  # fmt: skip


async def _document(pool, directories: list[Path], file: dict, timeout: float) -> DocumentText:
    try:
        stored = _read(directories, file)
        return await pool.run(
            timeout, document_in_worker, stored.payload, file["file_name"], file["mime_type"]
        )
    except Exception as exc:  # an unreadable capture: the text's status says so
        return DocumentText(None, "failed", f"{type(exc).__name__}: {exc}")


def _row(db: Database, url: str) -> dict:
    return next(db["articles"].rows_where("url = ?", [url]))


def _record_problems(db: Database, extraction: Extraction, now: str) -> None:
    """Problems worth a look, where the crawl records them (outcome archived, no run)."""
    for kind, message in extraction.problems:
        error = {"url": extraction.url, "kind": kind, "message": message, "status": None,
                 "at": now, "outcome": "archived"}  # fmt: skip
        runs.save_error(db, error, None, SaveCounts())
