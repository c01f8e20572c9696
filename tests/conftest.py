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

from publish.serve import datasette_command

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
    tmp: Path,
    articles: int,
    seed: int = 1,
    port: int = 0,
    edits: int = 0,
    log_name: str = "",
    extra: list[str] | None = None,
) -> Replica:
    """A replica subprocess; a fixed `port` lets a later build stand in at the same URLs."""
    log = tmp / (log_name or "replica-requests.jsonl")
    cmd = [PYTHON, "-m", "replica", "--port", str(port), "--articles", str(articles),
           "--seed", str(seed), "--edits", str(edits)]  # fmt: skip
    cmd += extra or []
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
        # The command line `portal-archive serve` runs: immutable, plugin, templates, limits.
        command = datasette_command(str(db), "127.0.0.1", self.port)
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO
        )
        wait_http(f"{self.base}/-/versions.json", self.process)

    def get(self, path: str) -> object:
        return json.loads(self.text(path))

    def text(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return response.read().decode("utf-8")

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


def replica_settings(base_url: str) -> list[str]:
    """FAST, and the replica standing in (as a proxy) for the hosts its articles hot-link
    pictures from: no test reaches beyond loopback."""
    return [*FAST, f"ARCHIVE_EMBED_PROXY={base_url}", "ARCHIVE_EMBED_TIMEOUT=3"]


def cli_command(command: str, db: Path, base_url: str, *settings: str) -> list[str]:
    cmd = [PYTHON, "-m", "portal_archive.cli", command, "--db", str(db), "--base-url", base_url]
    return cmd + [arg for s in (*replica_settings(base_url), *settings) for arg in ("-s", s)]


def run_crawl(db: Path, base_url: str, *settings: str) -> subprocess.CompletedProcess:
    cmd = cli_command("crawl", db, base_url, *settings)
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)


def run_harvest(
    db: Path, base_url: str, *settings: str, full: bool = False
) -> subprocess.CompletedProcess:
    cmd = cli_command("harvest", db, base_url, *settings) + (["--full"] if full else [])
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)


@dataclass
class Archive:
    """A crawled replica published by a real Datasette, shared by the publishing tests."""

    db: Path
    replica_url: str
    articles: int
    seed: int
    datasette: Datasette

    def site(self):
        from replica.generate.build import build_site

        return build_site(self.articles, self.seed)

    def url_of(self, article) -> str:
        return self.replica_url.rstrip("/") + article.path


@pytest.fixture(scope="session")
def archive(tmp_path_factory) -> Iterator[Archive]:
    tmp = tmp_path_factory.mktemp("archive")
    server = start_replica(tmp, articles=320)
    try:
        db = tmp / "archive.db"
        crawl = run_crawl(db, server.url)
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr[-3000:]
    finally:
        server.process.terminate()
        server.process.wait(10)
    datasette = Datasette(db)
    yield Archive(db, server.url, server.articles, server.seed, datasette)
    datasette.close()
