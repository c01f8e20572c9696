"""Functions for worker-process tests (importable by a spawned interpreter)."""

from __future__ import annotations

import os
import time


def stuck(*args: object) -> None:
    time.sleep(30)


def pid(*args: object) -> int:
    return os.getpid()


def hog(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))
