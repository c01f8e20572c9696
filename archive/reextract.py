"""Re-running extraction from the WARC captures, with no network, after an extractor change.

Each article is re-extracted from exactly the bytes its row was extracted from, through the
same entry point, limits and worker processes as the crawl, with `now` set to the moment the
page was captured (so a date the crawl found to lie in the future stays untrusted). A row whose
result is identical is not written at all; a changed content_hash keeps the old state in
`article_versions` (reason "reextract"); other differences update the row in place.

Streamed: articles are read in URL order a page at a time, each worker reads its captures from
the WARC file itself, in jobs of `PAGES_PER_JOB` pages (one process round trip per page left
each worker idle while its result travelled back and the next page travelled out: about half
its time), at most `in_flight` pages are out at once, and results are written in order, a batch
per transaction, by a writer thread with its own connection, so the workers never wait for the
database. Inside a job each page has its own time limit; a job whose worker dies (memory, a
crash) is run again a page per job, so one bad page fails alone. Each batch's transaction also
moves the run's mark in `reextract_progress`: an interrupted re-extraction continues after the
last article written.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from archive.db import articles, attachments, runs
from archive.db.counts import SaveCounts
from archive.db.schema import open_db
from archive.print_fill import as_article
from archive.warc.reader import read_response
from scraper.extraction import EXTRACTOR_VERSION, Extraction, ExtractionLimits
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
    batch: int = 200  # articles read, and written, per transaction
    in_flight: int = 0  # pages out to the workers at once (0: two jobs per worker)


PAGES_PER_JOB = 16  # captures read and extracted per worker job


class PageFailure(Exception):
    """A page's failure inside a worker job, as (exception name, message): picklable."""

    def __str__(self) -> str:
        return f"{self.args[0]}: {self.args[1]}"


def apply(db: Database, existing: dict, new: Extraction, now: str, counts: ReextractCounts) -> None:
    """Write what changed (nothing, if nothing did), versioning a changed content_hash."""
    outcome = articles.save_reextraction(db, existing, new, now)
    setattr(counts, outcome, getattr(counts, outcome) + 1)


def reextract_in_worker(directories: list[Path], row: dict) -> Extraction:
    """In a worker: the article's capture read from its WARC file, then extracted (its search
    text is left to the writer: only rows whose title or body changed need one)."""
    stored = _read(directories, row)
    return extract_in_worker(
        row["url"],
        stored.payload,
        stored.content_type,
        parse_utc(stored.warc_date),
        with_search=False,
    )


def reextract_job_in_worker(
    directories: list[Path], captures: list[dict], timeout: float
) -> list[Extraction | PageFailure]:
    """In a worker: each capture read and extracted in turn, each within `timeout` seconds;
    a page that fails gives its failure, the others their result."""
    found: list[Extraction | PageFailure] = []
    for capture in captures:
        try:
            with _time_limit(timeout):
                found.append(reextract_in_worker(directories, capture))
        except Exception as exc:  # one unreadable or endless page never stops the job
            found.append(PageFailure(type(exc).__name__, str(exc)))
    return found


@contextmanager
def _time_limit(seconds: float):
    """TimeoutError past `seconds` (a worker runs its jobs in its main thread: SIGALRM)."""

    def expired(_signum, _frame):
        raise TimeoutError(f"no result within {seconds:g} s")

    if seconds <= 0:
        yield
        return
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _capture(row: dict) -> dict:
    # A row filled from a print view is extracted as the print view it came from.
    capture = {k: row[k] for k in ("warc_file", "warc_offset")}
    capture["url"] = row["fetched_url"] if row.get("source") == "print" else row["url"]
    return capture


async def _extract_job(
    pool, rows: list[dict], directories: list[Path], timeout: float, site: Site
) -> list:
    """Each row's extraction (or its failure, logged), in a worker job."""
    try:
        found = await pool.run(
            timeout * len(rows) + timeout,  # the pages' own limits act first
            reextract_job_in_worker, directories, [_capture(r) for r in rows], timeout,
        )  # fmt: skip
    except Exception as exc:  # the worker died or hung: again a page per job
        if len(rows) > 1:
            logger.warning("A re-extraction job failed (%s); its pages again one by one", exc)
            return [one for row in rows for one in await _extract_job(
                pool, [row], directories, timeout, site)]  # fmt: skip
        found = [PageFailure(type(exc).__name__, str(exc))]
    results = []
    for row, result in zip(rows, found, strict=True):
        if isinstance(result, PageFailure):
            logger.warning("Re-extraction failed for %s: %s", row["url"], result)
        elif row.get("source") == "print":
            result = as_article(result, row["url"], site)
        results.append(result)
    return results


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
    pool = extraction_pool(site, options.limits, options.workers, options.memory_limit)
    pool.start()
    writer = BatchWriter(db, now, counts, site.name)
    in_flight = options.in_flight or 2 * PAGES_PER_JOB * pool.workers
    try:
        after = writer.start()
        # (row, (its job, its place in the job)), or (row, None): no capture to read
        out: deque[tuple[dict, tuple[asyncio.Future, int] | None]] = deque()
        done: list[tuple[dict, object]] = []
        gathering: list[dict] = []

        def send() -> None:
            captured = [row for row in gathering if row.get("warc_file")]
            job = asyncio.ensure_future(
                _extract_job(pool, captured, directories, options.timeout, site)
            ) if captured else None  # fmt: skip
            places = iter(range(len(captured)))
            for row in gathering:
                out.append((row, (job, next(places)) if row.get("warc_file") else None))
            gathering.clear()

        def ready() -> bool:
            return out[0][1] is None or out[0][1][0].done()

        for row in _rows(db, after, options.batch, site.name):
            gathering.append(row)
            if len(gathering) >= PAGES_PER_JOB:
                send()
            while out and (len(out) >= in_flight or ready()):
                done.append(await _next(out))
                if len(done) >= options.batch:
                    await writer.write(done, progress)
                    done = []
        send()
        while out:
            done.append(await _next(out))
        await writer.write(done, progress)
        await writer.drain()
        await _reread_documents(db, pool, directories, options.timeout, counts)
        writer.finish()
    finally:
        writer.close()
        pool.close()
    return counts


async def _next(out: deque) -> tuple[dict, object]:
    row, place = out.popleft()
    if place is None:
        return row, None
    job, index = place
    return row, (await job)[index]


def _rows(db: Database, after: str | None, page: int, site: str) -> Iterator[dict]:
    """Every article of `site` (an archive may hold the school's successor site too, whose
    pages its own profile reads) in URL order after `after`, read a page at a time (memory
    stays flat)."""
    while True:
        where = "(site IS NULL OR site = ?)" + (" AND url > ?" if after is not None else "")
        params = [site] + ([after] if after is not None else [])
        rows = list(db["articles"].rows_where(where, params, order_by="url", limit=page))
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1]["url"]


class BatchWriter:
    """Writes results in order, a batch per transaction, in a thread with its own connection
    (on the caller's connection when the database is not a file); one batch is written while
    the next one gathers. `reextract_progress` holds the run's mark."""

    def __init__(self, db: Database, now: str, counts: ReextractCounts, site: str) -> None:
        self.db, self.now, self.counts, self.site = db, now, counts, site
        path = db.execute("PRAGMA database_list").fetchone()[2]
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="reextract-writer") if path else None
        self.path, self.own, self.run_id = path, None, None
        self.writing: asyncio.Future | None = None

    def start(self) -> str | None:
        """This run's mark: an unfinished run of the same extractor is continued."""
        found = self.db.execute(
            "SELECT id, last_url FROM reextract_progress WHERE finished IS NULL "
            "AND extractor_version = ? AND site = ? ORDER BY id DESC LIMIT 1",
            [EXTRACTOR_VERSION, self.site],
        ).fetchone()  # fmt: skip
        if found:
            self.run_id, after = found
            if after is not None:
                logger.warning("Continuing an interrupted re-extraction after %s", after)
            return after
        with self.db.atomic():
            table = self.db["reextract_progress"]
            table.insert(
                {"started": self.now, "extractor_version": EXTRACTOR_VERSION, "site": self.site}
            )
            self.run_id = table.last_pk
        return None

    async def write(self, done: list, progress) -> None:
        await self.drain()
        if not done:
            return
        if self.thread is None:
            self._write(self.db, done)
        else:
            loop = asyncio.get_running_loop()
            self.writing = loop.run_in_executor(self.thread, self._in_thread, done)
        if progress:
            progress(self.counts)

    async def drain(self) -> None:
        if self.writing is not None:
            writing, self.writing = self.writing, None
            await writing

    def _in_thread(self, done: list) -> None:
        if self.own is None:
            self.own = open_db(self.path)
        self._write(self.own, done)

    def _write(self, db: Database, done: list) -> None:
        counts = self.counts
        with db.atomic():
            for row, result in done:
                counts.seen += 1
                if result is None:
                    counts.missing += 1
                elif isinstance(result, BaseException):
                    counts.failed += 1
                else:
                    apply(db, row, result, self.now, counts)
                    _record_problems(db, result, self.now)
            db.execute(
                "UPDATE reextract_progress SET last_url = ? WHERE id = ?",
                [done[-1][0]["url"], self.run_id],
            )

    def finish(self) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE reextract_progress SET finished = ? WHERE id = ?", [self.now, self.run_id]
            )

    def close(self) -> None:
        if self.thread is not None:
            self.thread.submit(self._close_own)
            self.thread.shutdown(wait=True)

    def _close_own(self) -> None:
        if self.own is not None:
            self.own.close()
            self.own = None


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
        with db.atomic():
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


def _record_problems(db: Database, extraction: Extraction, now: str) -> None:
    """Problems worth a look, where the crawl records them (outcome archived, no run)."""
    for kind, message in extraction.problems:
        error = {"url": extraction.url, "kind": kind, "message": message, "status": None,
                 "at": now, "outcome": "archived"}  # fmt: skip
        runs.save_error(db, error, None, SaveCounts())
