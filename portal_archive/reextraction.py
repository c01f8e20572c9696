"""`reextract`, `replay` and `extract`: reading what the archive (or a saved file) holds, through
the crawl's own extraction entry point, limits and settings."""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import click
from sqlite_utils import Database

from archive.db.runs import recorded_warc_dirs
from archive.db.schema import open_db
from archive.lock import Locked, archive_lock
from archive.paths import capture_dirs, warc_dir
from archive.print_fill import FillCounts, fill_from_print, orphan_print_views
from archive.reextract import ReextractCounts, ReextractOptions, reextract
from portal_archive.runs import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, project_settings
from scraper.extraction import ExtractionLimits, extract_page
from scraper.extraction.workers import extraction_pool
from scraper.items import utc_now
from scraper.sites import Site

logger = logging.getLogger(__name__)


def limits(settings) -> ExtractionLimits:
    return ExtractionLimits(max_chars=settings.getint("ARCHIVE_EXTRACT_MAX_CHARS"))


def capture_folders(db: str, configured: str | None) -> list[Path]:
    """Where to look for an archive's WARC files: `--warc-dir` when given, else every folder
    its runs recorded, then `warcs/` beside it."""
    if configured:
        return [warc_dir(db, configured)]
    if not Path(db).is_file():
        return capture_dirs(db, [])
    archive = Database(db)
    try:
        return capture_dirs(db, recorded_warc_dirs(archive))
    finally:
        archive.close()


def _progress(total: int):
    def report(counts: ReextractCounts) -> None:
        click.echo(f"Re-extracted {counts.seen}/{total} articles …", err=True)

    return report


def run_reextract(db: str, site: Site, configured_dir: str | None, overrides: dict) -> int:
    """Re-extract every article of `db` under the archive's lock; prints one summary line."""
    settings = project_settings(overrides)
    options = ReextractOptions(
        limits=limits(settings),
        timeout=settings.getfloat("ARCHIVE_EXTRACT_TIMEOUT"),
        workers=settings.getint("ARCHIVE_EXTRACT_WORKERS") or os.cpu_count() or 1,
        memory_limit=settings.getint("ARCHIVE_EXTRACT_MAX_MEMORY"),
    )
    try:
        with archive_lock(db):
            folders = capture_folders(db, configured_dir)
            archive = open_db(db)
            total = archive["articles"].count
            counts = reextract(archive, folders, site, utc_now(), options, _progress(total))
            filled = fill_articles(archive, folders, site, options)
            archive.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            archive.close()
    except Locked as error:
        click.echo(f"Re-extraction locked: {error}", err=True)
        return EXIT_LOCKED
    click.echo(
        f"Re-extracted {counts.seen} articles: unchanged {counts.unchanged}, updated "
        f"{counts.updated}, new versions {counts.changed}, without capture {counts.missing}, "
        f"failed {counts.failed}; documents {counts.documents} (text updated "
        f"{counts.documents_updated}); filled from print views {filled.filled} of "
        f"{filled.candidates} without their article page"
    )
    return EXIT_FAILED if counts.failed or filled.failed else EXIT_OK


def fill_articles(
    archive: Database, folders: list[Path], site: Site, options: ReextractOptions
) -> FillCounts:
    """Articles whose page is not archived but whose print view is: rows from the print view."""
    if not orphan_print_views(archive, site):
        return FillCounts()  # no worker processes started for nothing

    async def fill() -> FillCounts:
        pool = extraction_pool(site, options.limits, options.workers, options.memory_limit)
        pool.start()  # in the running loop: its queue belongs to it
        try:
            return await fill_from_print(archive, pool, folders, site, options.timeout)
        finally:
            pool.close()

    return asyncio.run(fill())


def extract_file(body: bytes, url: str, site: Site | None, encoding: str | None) -> dict:
    """One saved page through the crawl's entry point; its fields as a JSON-ready dict."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"{url!r} is not an absolute http(s) URL; expected e.g. http://host/a.html"
        )
    # A given encoding is declared (the generic path weighs it) and, with a site, forced.
    content_type = f"text/html; charset={encoding}" if encoding else None
    if site is not None and encoding:
        site = Site(replace(site.profile, encoding=encoding))
    found = extract_page(
        body, content_type, url, site, limits(project_settings({})), datetime.now(UTC)
    )
    result = found.article_row()
    result["images"] = [{"url": u, "caption": c} for u, c in found.images]
    result["links"] = list(found.links)
    result["problems"] = [{"kind": k, "message": m} for k, m in found.problems]
    result["references"] = [ref.as_dict() for ref in found.references]
    return result
