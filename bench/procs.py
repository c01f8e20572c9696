"""Running measured child processes: wall time, CPU seconds and peak RSS from wait4()."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


@dataclass(frozen=True)
class Usage:
    wall: float
    cpu: float  # user + system seconds, the process and every child it waited for
    peak_rss_mb: float  # the largest single process (getrusage's ru_maxrss)
    returncode: int
    tree_rss_mb: float = 0.0  # peak of the summed RSS of the process and its descendants


def _usage(pid: int, started: float, tree: TreeRss | None = None) -> Usage:
    _pid, status, rusage = os.wait4(pid, 0)
    return Usage(
        time.perf_counter() - started,
        rusage.ru_utime + rusage.ru_stime,
        rusage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
        tree.stop() if tree else 0.0,
    )


class TreeRss:
    """Samples the summed resident memory of a process and all its descendants (the crawler and
    its extraction workers) a few times a second, from /proc; keeps the peak in MB."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _tree(self, pid: int) -> list[int]:
        found, todo = [], [pid]
        while todo:
            current = todo.pop()
            found.append(current)
            try:
                children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            except OSError:
                continue
            todo.extend(int(c) for c in children)
        return found

    def _sample(self) -> int:
        total = 0
        for pid in self._tree(self.pid):
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
            except (OSError, IndexError, ValueError):
                continue
        return total * os.sysconf("SC_PAGE_SIZE")

    def _run(self) -> None:
        while not self.done.wait(self.interval):
            self.peak = max(self.peak, self._sample())

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        return self.peak / 1024**2


def run_measured(cmd: list[str], **kwargs) -> Usage:
    """Run to completion; output is discarded unless redirected by kwargs."""
    kwargs.setdefault("stdout", subprocess.DEVNULL)
    kwargs.setdefault("stderr", subprocess.DEVNULL)
    started = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=REPO, **kwargs)
    tree = TreeRss(process.pid) if Path("/proc").is_dir() else None
    return _usage(process.pid, started, tree)


class Server:
    """A long-running child (the replica) whose usage is read when it is stopped."""

    def __init__(self, cmd: list[str]) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if "://127.0.0.1:" not in line:  # http, or https (the successor replica)
            self.process.kill()
            raise RuntimeError(f"server did not start: {line!r}")
        self.url = line.rsplit(" ", 1)[-1].strip()

    def stop(self) -> Usage:
        self.process.send_signal(signal.SIGTERM)
        return _usage(self.process.pid, self.started)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_replica(articles: int, seed: int = 1, port: int = 0) -> Server:
    return Server(
        [PYTHON, "-m", "replica", "--port", str(port), "--articles", str(articles),
         "--seed", str(seed)]
    )  # fmt: skip
