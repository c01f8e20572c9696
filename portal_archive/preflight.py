"""Before a run touches anything: is the archive where the command line says, can it be
written, is it an SQLite archive of this site? Each problem is one sentence naming the thing
and what is expected (`RunRefused`), never a traceback; the cause is kept for `--debug`."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from archive.db.schema import open_db
from archive.db.site import OtherSite, claim_site
from archive.paths import db_path, log_path, warc_dir
from scraper.failures import storage_cause
from scraper.items import utc_now
from scraper.sites import Site

EXIT_FAILED = 1
EXIT_USAGE = 2


class RunRefused(Exception):
    """The run cannot start; the message is the one line a person reads."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def check_db_path(db: str) -> Path:
    """The database's folder must exist (a mistyped folder must not start a new archive in a
    new tree) and the database must not be a folder: bad command line (exit 2). Both must
    take writes (exit 1: a read-only archive cannot be crawled into)."""
    path = db_path(db)
    if path.is_dir():
        raise RunRefused(f"--db {db} is a folder; expected an SQLite file", EXIT_USAGE)
    if not path.parent.is_dir():
        raise RunRefused(
            f"--db {db}: the folder {path.parent} does not exist; create it first or fix the path",
            EXIT_USAGE,
        )
    try:  # the archive, and its folder (lock, WAL, log beside it), take writes
        if path.exists():
            with open(path, "r+b"):
                pass
        _write_probe(path.parent)
    except OSError as error:
        raise RunRefused(f"cannot write the archive {db}: {storage_cause(error)}") from error
    return path


def _write_probe(folder: Path) -> None:
    probe = folder / f".write-test-{os.getpid()}"
    probe.write_bytes(b"")
    probe.unlink()


def check_writable_folder(folder: Path, what: str) -> None:
    """A folder the run writes to exists (created if need be) and takes a new file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_probe(folder)
    except OSError as error:
        raise RunRefused(f"cannot write {what} {folder}: {storage_cause(error)}") from error


def check_warc_dir(db: str, configured: str | None) -> Path | None:
    """The run's WARC folder, writable; None when capture is off (ARCHIVE_WARC_DIR = "")."""
    if configured == "":
        return None
    folder = warc_dir(db, configured)
    if folder.exists() and not folder.is_dir():
        raise RunRefused(f"the WARC folder {folder} is a file; expected a folder", EXIT_USAGE)
    check_writable_folder(folder, "the WARC folder")
    return folder


def check_log(db: str) -> Path:
    path = log_path(db)
    try:
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as error:
        raise RunRefused(f"cannot write the log {path}: {storage_cause(error)}") from error
    return path


def prepare_archive(db: str, site: Site) -> None:
    """Open (create) the archive with its schema, make sure it takes a write, and claim it for
    `site` (another site's archive is refused)."""
    try:
        archive = open_db(db)
    except sqlite3.DatabaseError as error:
        raise RunRefused(_db_problem(db, error)) from error
    try:
        with archive.atomic():
            archive.execute("CREATE TABLE IF NOT EXISTS _write_test (x)")
            archive.execute("DROP TABLE _write_test")
        claim_site(
            archive, site.name, site.profile.title, site.profile.source or site.name,
            site.base_url, utc_now(), db, successor_of=site.profile.successor_of,
        )  # fmt: skip
    except OtherSite as error:
        raise RunRefused(str(error)) from error
    except sqlite3.DatabaseError as error:
        raise RunRefused(_db_problem(db, error)) from error
    finally:
        archive.close()


def _db_problem(db: str, error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "not a database" in text:
        return f"--db {db} is not an SQLite database ({text}); expected an archive made by a crawl"
    if "readonly" in text or "read-only" in text:
        return f"cannot write the archive {db}: it is read-only ({text})"
    if "unable to open" in text:
        return f"cannot open the archive {db} ({text}); expected a writable SQLite file"
    return f"cannot use the archive {db}: {text}"


def os_problem(path: Path | str, error: OSError) -> RunRefused:
    """A lock or folder that could not be written, as one line."""
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return RunRefused(f"cannot write {path}: {storage_cause(error)}")
    return RunRefused(f"cannot use {path}: {storage_cause(error)}")
