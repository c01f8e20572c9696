"""A pool of extraction processes, off the crawler's event loop and on every core.

Each slot is a one-process executor, so a page stuck past its time limit costs only its own
process: that process is killed and replaced while the other slots go on (a thread could not be
stopped, and one shared pool would break for every page in flight).
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing
import os
import resource
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

logger = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _init_worker(max_bytes: int) -> None:
    """Runs in each worker: a page that needs more memory fails with MemoryError there, and the
    worker dies with the crawler even when the crawler is killed (SIGKILL leaves no time to
    shut the pool down)."""
    if max_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the crawler died before prctl took effect
            os._exit(0)


class ExtractorPool:
    def __init__(self, workers: int, memory_limit: int = 0) -> None:
        self.workers = max(1, workers)
        self.memory_limit = memory_limit
        # "spawn": a fresh interpreter, never a fork of the crawler's reactor and its threads.
        self.context = multiprocessing.get_context("spawn")
        self.free: asyncio.Queue[ProcessPoolExecutor] | None = None
        self.slots: list[ProcessPoolExecutor] = []

    def _new_slot(self) -> ProcessPoolExecutor:
        slot = ProcessPoolExecutor(
            1, mp_context=self.context, initializer=_init_worker, initargs=(self.memory_limit,)
        )
        self.slots.append(slot)
        return slot

    def start(self) -> None:
        """Call from the running event loop (the queue belongs to it)."""
        self.free = asyncio.Queue()
        for _ in range(self.workers):
            self.free.put_nowait(self._new_slot())

    def _discard(self, slot: ProcessPoolExecutor) -> None:
        # The executor API cannot stop a running task; its process is ended directly.
        for process in list(getattr(slot, "_processes", {}).values()):
            process.kill()
        slot.shutdown(wait=False, cancel_futures=True)
        self.slots.remove(slot)

    async def run(self, timeout: float, fn: Callable[..., Any], *args: Any) -> Any:
        """fn(*args) in a worker process; TimeoutError past `timeout` seconds."""
        slot = await self.free.get()
        replace = False
        try:
            job = slot.submit(fn, *args)
            return await asyncio.wait_for(asyncio.wrap_future(job), timeout)
        except (TimeoutError, BrokenProcessPool, MemoryError):
            replace = True
            raise
        finally:
            if replace:
                self._discard(slot)
                slot = self._new_slot()
            self.free.put_nowait(slot)

    def close(self) -> None:
        for slot in list(self.slots):
            self._discard(slot)
