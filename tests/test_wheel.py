"""The package as an archivist deploys it: the wheel is built, installed into a fresh venv outside
the checkout, and its `portal-archive` command serves the replica, crawls it and publishes it.

Nothing may come from the checkout: the build runs on a copy of it, the venv has no system
site-packages, the commands run with their working directory in tmp_path and no PYTHONPATH, and
the test checks that what they import lives in the venv's site-packages.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest

from publish.serve import DEFAULT_METADATA
from tests.conftest import REPO, free_port, wait_http

ARTICLES = 12
# Files the installed commands read, beside the modules.
PACKAGE_DATA = (
    "publish/datasette.yml",
    "publish/plugins/archive.py",
    "publish/templates/article.html",
    "publish/templates/charts.html",
    "scraper/sites/phutho.yaml",
    "scraper/sites/phutho-2025.yaml",
    "scraper/sites/generic.yaml",
    "replica/data/seed_article.json",
)
# Never copied into the build: setuptools reuses build/ and would pack files deleted since.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)
# Where the installed modules come from, printed by the venv's own interpreter.
WHERE = """
import json, sysconfig
from importlib import import_module
from importlib.metadata import entry_points
(script,) = entry_points(group="console_scripts", name="portal-archive")
modules = {name: import_module(name).__file__ for name in (script.module, "scraper", "publish")}
print(json.dumps({"site": sysconfig.get_paths()["purelib"], "modules": modules}))
"""


def test_checkout_datasette_yml_is_the_packaged_one() -> None:
    """`datasette archive.db -m datasette.yml` in a checkout reads the file the wheel ships."""
    top = REPO / "datasette.yml"
    assert top.is_symlink(), "datasette.yml must stay a symlink to publish/datasette.yml"
    assert top.resolve() == DEFAULT_METADATA


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(REPO, source, symlinks=True, ignore=NOT_SOURCE)
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp), "."]
    subprocess.run(pip, cwd=source, check=True, timeout=300)
    (built,) = tmp.glob("portal_archive-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory) -> Path:
    """A fresh venv holding the wheel and its pinned dependencies (from pip's cache once seen)."""
    path = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, timeout=120)
    install = [path / "bin" / "python", "-m", "pip", "install", "--quiet", str(wheel)]
    subprocess.run(install, **outside_run(path, path), check=True, timeout=900)
    return path


def outside_env(venv: Path) -> dict[str, str]:
    hidden = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")
    env = {name: value for name, value in os.environ.items() if name not in hidden}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def outside_run(venv: Path, cwd: Path) -> dict:
    """Subprocess arguments for the installed commands: cwd outside the checkout, text output."""
    return {"cwd": cwd, "env": outside_env(venv), "text": True}


def stop(process: subprocess.Popen) -> None:
    """The whole session: `serve` and `demo` run Datasette as a child process."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(10)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture
def spawn() -> Iterator[Callable[..., subprocess.Popen]]:
    started: list[subprocess.Popen] = []

    def start(args: list, **kwargs) -> subprocess.Popen:
        started.append(subprocess.Popen(args, start_new_session=True, **kwargs))
        return started[-1]

    yield start
    for process in started:
        stop(process)


def get(url: str) -> tuple[int, dict[str, str], str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read().decode("utf-8")


def test_wheel_carries_the_datasette_side(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        for name in PACKAGE_DATA:
            assert stat.S_ISREG(archive.getinfo(name).external_attr >> 16), name
        assert archive.read("publish/datasette.yml") == DEFAULT_METADATA.read_bytes()
        assert not [name for name in archive.namelist() if name.startswith("tests/")]


def wait_logged(url: str, process: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    try:
        wait_http(url, process, timeout)
    except (OSError, RuntimeError) as exc:
        raise AssertionError(f"{exc}\n{log.read_text()[-3000:]}") from exc


def assert_published(base: str, log: Path) -> None:
    """Our config, plugin and templates are all in use: metadata title, CSP, article page."""
    status, _, home = get(f"{base}/")
    assert status == 200 and "Trường Chính trị tỉnh Phú Thọ" in home, log.read_text()
    _, _, body = get(f"{base}/archive/articles.json?_shape=array&_col=title&_size=100")
    rows = json.loads(body)
    assert len(rows) == ARTICLES
    status, headers, page = get(f"{base}/archive/-/article?url={quote(rows[0]['url'], safe='')}")
    assert status == 200 and 'class="archived-article"' in page
    assert rows[0]["title"] in page
    assert "script-src 'none'" in headers["content-security-policy"]
    status, _, charts = get(f"{base}/archive/-/charts")
    assert status == 200 and "<svg" in charts


@pytest.mark.slow
def test_installed_command_crawls_and_serves(venv: Path, tmp_path: Path, spawn) -> None:
    command, outside = str(venv / "bin" / "portal-archive"), outside_run(venv, tmp_path)
    python = venv / "bin" / "python"
    where = subprocess.run([python, "-c", WHERE], **outside, capture_output=True, check=True)
    found = json.loads(where.stdout)
    for name, file in found["modules"].items():
        assert Path(file).is_relative_to(found["site"]), (name, file)
        assert not Path(file).resolve().is_relative_to(REPO), (name, file)

    replica = [command, "replica", "--port", "0", "--articles", str(ARTICLES)]
    line = spawn(replica, **outside, stdout=subprocess.PIPE).stdout.readline()
    assert "http://127.0.0.1:" in line, line  # "Replica serving N articles at URL"
    base_url = line.rsplit(" ", 1)[-1].strip()

    db = tmp_path / "archive.db"
    crawl = [command, "crawl", "--db", str(db), "--base-url", base_url]
    # Pictures hot-linked from other hosts: the replica answers for them (loopback only).
    fast = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
            "-s", f"ARCHIVE_EMBED_PROXY={base_url}"]  # fmt: skip
    done = subprocess.run([*crawl, *fast], **outside, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == ARTICLES

    port, log = free_port(), tmp_path / "serve.log"
    with log.open("w") as out:
        serve = [command, "serve", "--db", str(db), "--port", str(port)]
        process = spawn(serve, **outside, stdout=out, stderr=subprocess.STDOUT)
    wait_logged(f"http://127.0.0.1:{port}/-/versions.json", process, log)
    assert_published(f"http://127.0.0.1:{port}", log)


@pytest.mark.slow
def test_installed_demo_publishes(venv: Path, tmp_path: Path, spawn) -> None:
    port, log = free_port(), tmp_path / "demo.log"
    command = venv / "bin" / "portal-archive"
    demo = [command, "demo", "--articles", str(ARTICLES), "--port", str(port)]
    with log.open("w") as out:
        process = spawn(demo, **outside_run(venv, tmp_path), stdout=out, stderr=subprocess.STDOUT)
    wait_logged(f"http://127.0.0.1:{port}/-/versions.json", process, log, timeout=180)
    assert_published(f"http://127.0.0.1:{port}", log)
