"""Extraction in worker processes, off the crawler's event loop, on every core, bounded in
time and memory: the crawl's extraction pipeline and `reextract` both run pages through this.

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
from datetime import datetime
from typing import Any

from scraper.extraction.documents import DocumentText, document_text
from scraper.extraction.entry import Extraction, ExtractionLimits, extract_page, read_page
from scraper.outlinks import PageLinks
from scraper.sites import Site

logger = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1  # linux/prctl.h

# What every job in a worker process shares, set once when the worker starts (`set_up_worker`).
_worker: dict[str, Any] = {}


def set_up_worker(site: Site | None, limits: ExtractionLimits) -> None:
    _worker.update(site=site, limits=limits)


def extract_in_worker(
    url: str,
    body: bytes,
    content_type: str | None,
    fetched_at: datetime,
    with_search: bool = True,
) -> Extraction:
    """One page, in a worker set up by `set_up_worker`, through the one entry point."""
    return extract_page(
        body, content_type, url, _worker["site"], _worker["limits"], fetched_at, with_search
    )


def read_in_worker(
    url: str, fetched_url: str, body: bytes, content_type: str | None, fetched_at: datetime
) -> tuple[Extraction, PageLinks]:
    """One crawled article page, read once: its extraction and what it links to."""
    return read_page(
        body, content_type, url, fetched_url, _worker["site"], _worker["limits"], fetched_at
    )


def document_in_worker(body: bytes, file_name: str, mime_type: str | None) -> DocumentText:
    """One attached document's text, in a worker (it needs no site)."""
    return document_text(body, file_name, mime_type)


def extraction_pool(
    site: Site | None,
    limits: ExtractionLimits,
    workers: int,
    memory_limit: int = 0,
    log_file: str | None = None,
) -> ExtractorPool:
    """A pool whose workers extract pages of `site` with `limits` (`extract_in_worker`);
    their warnings go to `log_file` when one is given."""
    return ExtractorPool(workers, memory_limit, set_up_worker, (site, limits), log_file)


def _init_worker(
    max_bytes: int,
    setup: Callable[..., None] | None,
    setup_args: tuple[Any, ...],
    log_file: str | None = None,
) -> None:
    """Runs in each worker: a page that needs more memory fails with MemoryError there, and the
    worker dies with the crawler even when the crawler is killed (SIGKILL leaves no time to
    shut the pool down). `setup(*setup_args)` then hands the worker what every job shares
    (the site), once, instead of pickling it with every page."""
    if max_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the crawler died before prctl took effect
            os._exit(0)
    if log_file:  # warnings go where the crawl's own log goes, not onto the person's terminal
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
        logging.getLogger().addHandler(handler)
        logging.getLogger().setLevel(logging.WARNING)
    if setup is not None:
        setup(*setup_args)


def process_of_its_own(
    setup: Callable[..., None], setup_args: tuple[Any, ...], log_file: str | None = None
) -> ProcessPoolExecutor:
    """One process set up as the extraction workers are (a fresh interpreter that dies with
    the crawler, its warnings in the crawl's log), for other work that must leave the
    crawler's process: the database writer."""
    return ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(0, setup, setup_args, log_file),
    )


class ExtractorPool:
    def __init__(
        self,
        workers: int,
        memory_limit: int = 0,
        setup: Callable[..., None] | None = None,
        setup_args: tuple[Any, ...] = (),
        log_file: str | None = None,
    ) -> None:
        self.workers = max(1, workers)
        self.memory_limit = memory_limit
        self.initargs = (memory_limit, setup, setup_args, log_file)
        # "spawn": a fresh interpreter, never a fork of the crawler's reactor and its threads.
        self.context = multiprocessing.get_context("spawn")
        self.free: asyncio.Queue[ProcessPoolExecutor] | None = None
        self.slots: list[ProcessPoolExecutor] = []

    def _new_slot(self) -> ProcessPoolExecutor:
        slot = ProcessPoolExecutor(
            1, mp_context=self.context, initializer=_init_worker, initargs=self.initargs
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
