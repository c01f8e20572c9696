"""Where an archive's files are: the database, its WARC folder, its lock. The one place for
these rules (the crawl, the commands and the published side all ask here)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "archive.db"
WARC_FOLDER = "warcs"


def db_path(db: str | os.PathLike[str]) -> Path:
    """The database as one file, whatever name it was reached by (symlinks and relative paths
    resolved), so two names for one archive share one lock."""
    return Path(db).expanduser().resolve()


def warc_dir(db: str | os.PathLike[str], configured: str | os.PathLike[str] | None) -> Path:
    """The WARC folder of a run: the one configured (`--warc-dir`, ARCHIVE_WARC_DIR), else
    `warcs/` beside the database. Absolute, so it can be recorded in the archive."""
    if configured:
        return Path(configured).expanduser().resolve()
    return db_path(db).parent / WARC_FOLDER


def lock_path(db: str | os.PathLike[str]) -> Path:
    """`DB.lock` beside the database file (after symlinks: one archive, one lock)."""
    path = db_path(db)
    return path.with_name(path.name + ".lock")


def capture_dirs(db: str | os.PathLike[str], recorded: list[str | None]) -> list[Path]:
    """Folders that may hold an archive's WARC files: those its runs recorded (newest first),
    then the default beside the database; each once."""
    folders = [Path(d) for d in recorded if d] + [warc_dir(db, None)]
    return list(dict.fromkeys(folders))


def warc_lock_path(folder: str | os.PathLike[str]) -> Path:
    """`.lock` inside the WARC folder (resolved): two archives sharing a folder, or one folder
    reached by two names, share one lock, so only one run writes there at a time."""
    return Path(folder).expanduser().resolve() / ".lock"


def log_path(db: str | os.PathLike[str]) -> Path:
    """Scrapy's log of a run, beside the database: `archive.db` -> `archive.log`."""
    return db_path(db).with_suffix(".log")


def reserve_path(db: str | os.PathLike[str]) -> Path:
    """`DB.reserve`: space held beside the database while a run writes (archive.reserve)."""
    path = db_path(db)
    return path.with_name(path.name + ".reserve")
