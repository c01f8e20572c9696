"""One run at a time per archive and per WARC folder: advisory locks (`DB.lock`, and `.lock`
inside the WARC folder), released by the kernel even when the holder is killed, so a crashed
run never leaves a stale lock behind. Both are keyed on resolved paths (archive.paths)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.paths import lock_path, warc_lock_path


class Locked(RuntimeError):
    """Another crawl, harvest or re-extraction holds the archive (or its WARC folder)."""


@contextmanager
def held_lock(path: Path, what: str) -> Iterator[Path]:
    """Hold the lock file `path` for the block; raise `Locked` naming `what` and the holder's
    pid at once if another process has it. The folder of `path` must exist."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            raise Locked(
                f"{what} is in use by another run (pid {holder}, lock {path}); nothing was changed"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing releases the lock


@contextmanager
def archive_lock(db: str | Path) -> Iterator[Path]:
    """Hold the archive's lock for the block; raise `Locked` at once if another run has it."""
    path = lock_path(db)
    with held_lock(path, str(db)) as held:
        yield held


@contextmanager
def warc_folder_lock(folder: str | Path) -> Iterator[Path]:
    """Hold a WARC folder's lock (the folder is created if needed)."""
    path = warc_lock_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    with held_lock(path, f"WARC folder {path.parent}") as held:
        yield held
