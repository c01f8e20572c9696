"""One run at a time per archive: an advisory lock on `DB.lock`, released by the kernel even when
the holder is killed, so a crashed run never leaves a stale lock behind."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.paths import lock_path


class Locked(RuntimeError):
    """Another crawl, harvest or re-extraction holds the archive."""


@contextmanager
def archive_lock(db: str | Path) -> Iterator[Path]:
    """Hold the archive's lock for the block; raise `Locked` at once if another run has it."""
    path = lock_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            raise Locked(
                f"{db} is in use by another run (pid {holder}, lock {path}); nothing was changed"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing releases the lock
