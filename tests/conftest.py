"""Fixtures that start real components on 127.0.0.1 with ports the OS picks."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


@dataclass
class Replica:
    url: str
    articles: int
    seed: int
    log: Path
    process: subprocess.Popen

    def requests(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]


def start_replica(
    tmp: Path, articles: int, seed: int = 1, port: int = 0, edits: int = 0, log_name: str = ""
) -> Replica:
    """A replica subprocess; a fixed `port` lets a later build stand in at the same URLs."""
    log = tmp / (log_name or "replica-requests.jsonl")
    cmd = [PYTHON, "-m", "replica", "--port", str(port), "--articles", str(articles),
           "--seed", str(seed), "--edits", str(edits)]  # fmt: skip
    process = subprocess.Popen(
        [*cmd, "--log", str(log)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    line = process.stdout.readline()  # "Replica serving N articles at http://127.0.0.1:PORT/"
    if "http://127.0.0.1:" not in line:
        process.kill()
        raise RuntimeError(f"replica did not start: {line!r}")
    return Replica(line.rsplit(" ", 1)[-1].strip(), articles, seed, log, process)


@pytest.fixture(scope="module")
def replica(tmp_path_factory) -> Iterator[Replica]:
    server = start_replica(tmp_path_factory.mktemp("replica"), articles=320)
    yield server
    server.process.terminate()
    server.process.wait(10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:4]} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class Datasette:
    """A real Datasette process over a database, queried through its JSON API."""

    def __init__(self, db: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.db_name = db.stem
        self.process = subprocess.Popen(
            [PYTHON, "-m", "datasette", "serve", str(db), "-m", str(REPO / "datasette.yml"),
             "-h", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO,
        )  # fmt: skip
        wait_http(f"{self.base}/-/versions.json", self.process)

    def get(self, path: str) -> object:
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return json.loads(response.read())

    def sql(self, query: str, **params: object) -> list[dict]:
        from urllib.parse import urlencode

        qs = urlencode({"sql": query, "_shape": "array", **params})
        return self.get(f"/{self.db_name}.json?{qs}")

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def stop_replica(server: Replica) -> None:
    server.process.terminate()
    server.process.wait(10)


FAST = ["AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "ARCHIVE_PROGRESS_INTERVAL=1"]  # fmt: skip


def cli_command(command: str, db: Path, base_url: str, *settings: str) -> list[str]:
    cmd = [PYTHON, "-m", "scraper.cli", command, "--db", str(db), "--base-url", base_url]
    return cmd + [arg for s in (*FAST, *settings) for arg in ("-s", s)]


def run_crawl(db: Path, base_url: str, *settings: str) -> subprocess.CompletedProcess:
    cmd = cli_command("crawl", db, base_url, *settings)
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)


def run_harvest(
    db: Path, base_url: str, *settings: str, full: bool = False
) -> subprocess.CompletedProcess:
    cmd = cli_command("harvest", db, base_url, *settings) + (["--full"] if full else [])
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)
