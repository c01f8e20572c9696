"""The extraction process pool: a stuck or memory-hungry page costs only its own worker."""

from __future__ import annotations

import asyncio

import pytest

from scraper.extraction.workers import ExtractorPool
from tests import slow_worker


def test_a_stuck_worker_is_replaced_and_the_others_go_on() -> None:
    async def scenario() -> tuple[int, int]:
        pool = ExtractorPool(workers=1)
        pool.start()
        try:
            first = await pool.run(30, slow_worker.pid)
            with pytest.raises(TimeoutError):
                await pool.run(1.0, slow_worker.stuck)
            second = await pool.run(30, slow_worker.pid)
            return first, second
        finally:
            pool.close()

    first, second = asyncio.run(scenario())
    assert first != second  # the stuck process was killed and a fresh one took its slot


def test_memory_limit_fails_only_the_page() -> None:
    async def scenario() -> int:
        pool = ExtractorPool(workers=1, memory_limit=512 * 1024**2)
        pool.start()
        try:
            with pytest.raises(MemoryError):
                await pool.run(30, slow_worker.hog, 1024)
            return await pool.run(30, slow_worker.hog, 8)
        finally:
            pool.close()

    assert asyncio.run(scenario()) == 8 * 1024 * 1024


def test_workers_die_with_a_killed_crawler() -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import asyncio, time\n"
        "from scraper.extraction.workers import ExtractorPool\n"
        "from tests import slow_worker\n"
        "async def main():\n"
        "    pool = ExtractorPool(workers=1); pool.start()\n"
        "    print(await pool.run(30, slow_worker.pid), flush=True)\n"
        "    time.sleep(60)\n"
        "asyncio.run(main())\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    worker = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)  # no time to shut the pool down
    parent.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(worker, signal.SIGKILL)
    raise AssertionError("the worker outlived its crawler")
