"""Space held back for the last words of a run: while a run writes, a small file beside the
database takes some room on its disk; when a write fails because the disk is full, the file is
removed first, so the run can still record in the archive that (and why) it failed."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from archive.paths import reserve_path

RESERVE_BYTES = 1024 * 1024  # room for the last WAL frames: the crawls row and one errors row


def hold(db: str | os.PathLike[str], size: int = RESERVE_BYTES) -> Path:
    """Write the reserve (real blocks, not a sparse file); raises OSError if it does not fit."""
    path = reserve_path(db)
    with open(path, "wb") as handle:
        handle.write(b"\0" * size)
        handle.flush()
        os.fsync(handle.fileno())
    return path


def release(db: str | os.PathLike[str]) -> None:
    """Give the space back (the next run takes it again)."""
    with contextlib.suppress(FileNotFoundError):
        reserve_path(db).unlink()
