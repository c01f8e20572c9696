"""Running measured child processes: wall time, CPU seconds and peak RSS from wait4()."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


@dataclass(frozen=True)
class Usage:
    wall: float
    cpu: float  # user + system seconds
    peak_rss_mb: float
    returncode: int


def _usage(pid: int, started: float) -> Usage:
    _pid, status, rusage = os.wait4(pid, 0)
    return Usage(
        time.perf_counter() - started,
        rusage.ru_utime + rusage.ru_stime,
        rusage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
    )


def run_measured(cmd: list[str], **kwargs) -> Usage:
    """Run to completion; output is discarded unless redirected by kwargs."""
    kwargs.setdefault("stdout", subprocess.DEVNULL)
    kwargs.setdefault("stderr", subprocess.DEVNULL)
    started = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=REPO, **kwargs)
    return _usage(process.pid, started)


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


def start_replica(articles: int, seed: int = 1) -> Server:
    return Server(
        [PYTHON, "-m", "replica", "--port", "0", "--articles", str(articles), "--seed", str(seed)]
    )
