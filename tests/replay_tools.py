"""Replay tools run as an archivist runs them: pywb (its own virtualenv, our WARCs, our own
`index.cdxj`) and ReplayWeb.page (the `replaywebpage` npm package, served on loopback).

The virtualenv (`.venv-replay/` in the checkout, like `.venv/`) is made on first use from
`tests/replay-tools.txt` with pip (its cache makes later builds quick) and rebuilt when that file
changes; ReplayWeb.page is unpacked beside it by `npm pack`, at the version pinned here.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import REPO, free_port, wait_http

REQUIREMENTS = REPO / "tests" / "replay-tools.txt"
VENV = REPO / ".venv-replay"
# ReplayWeb.page's embeddable build (ui.js, sw.js), from the npm registry.
REPLAYWEBPAGE = "replaywebpage@2.5.3"


def replay_venv() -> Path:
    """The bin/ folder of the replay tools' virtualenv, built if missing or stale."""
    stamp = VENV / ".requirements-sha256"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if not (stamp.exists() and stamp.read_text() == wanted):
        shutil.rmtree(VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(VENV / "bin" / "pip"), "install", "--quiet", "-r", str(REQUIREMENTS)]
        done = subprocess.run(pip, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"could not install the replay tools: {done.stderr[-3000:]}")
        stamp.write_text(wanted)
    return VENV / "bin"


class Wayback:
    """pywb's `wayback` on 127.0.0.1 with one collection, `archive`, laid out as `wb-manager`
    lays it out, but holding links to our WARC files and a copy of our own index (never one
    pywb made)."""

    def __init__(self, root: Path, warc_dir: Path) -> None:
        collection = root / "collections" / "archive"
        (collection / "archive").mkdir(parents=True)
        (collection / "indexes").mkdir()
        for warc in sorted(warc_dir.glob("*.warc.gz")):
            (collection / "archive" / warc.name).symlink_to(warc.resolve())
        shutil.copy(warc_dir / "index.cdxj", collection / "indexes" / "index.cdxj")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/archive"
        command = [str(replay_venv() / "wayback"), "-b", "127.0.0.1", "-p", str(self.port)]
        self.log = open(root / "wayback.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(command, cwd=root, stdout=self.log, stderr=self.log)
        wait_http(f"http://127.0.0.1:{self.port}/", self.process, timeout=60)

    def raw(self, url: str, at: str = "2") -> tuple[int, bytes]:
        """(status, body) of `url` as archived nearest `at` (14 digits or a prefix; "2" is the
        latest), unrewritten (`id_`): exactly the payload."""
        try:
            with urllib.request.urlopen(f"{self.base}/{at}id_/{url}", timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        self.log.close()


def replaywebpage() -> Path:
    """The unpacked `replaywebpage` npm package (ui.js, sw.js), fetched with `npm pack` once."""
    target = VENV.parent / ".venv-replay-web" / REPLAYWEBPAGE.replace("@", "-")
    if (target / "sw.js").exists():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed to fetch ReplayWeb.page (Debian's npm package)")
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([npm, "pack", REPLAYWEBPAGE], cwd=tmp, capture_output=True,
                              text=True, timeout=300)  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"npm pack {REPLAYWEBPAGE} failed: {done.stderr[-2000:]}")
        (tarball,) = Path(tmp).glob("*.tgz")
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        shutil.rmtree(target, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(Path(tmp) / "package", target)
    return target


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        """No line per request."""


class ReplayWebPage:
    """A loopback page embedding ReplayWeb.page over one WACZ: `url` is the page to show."""

    def __init__(self, root: Path, wacz: Path, url: str) -> None:
        package = replaywebpage()
        (root / "replay").mkdir(parents=True)
        shutil.copy(package / "ui.js", root / "ui.js")
        shutil.copy(package / "sw.js", root / "replay" / "sw.js")
        shutil.copy(wacz, root / "archive.wacz")
        (root / "index.html").write_text(
            '<!doctype html><html><head><meta charset="utf-8"><script src="./ui.js"></script>'
            '</head><body><replay-web-page style="display:block;height:700px" '
            f'source="archive.wacz" url="{url}" replayBase="./replay/" embed="replayonly">'
            "</replay-web-page></body></html>",
            encoding="utf-8",
        )
        handler = functools.partial(_Quiet, directory=str(root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/index.html"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
