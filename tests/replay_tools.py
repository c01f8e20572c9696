"""pywb, run as an archivist runs it: its own virtualenv, our WARCs and our own `index.cdxj`.

The virtualenv (`.venv-replay/` in the checkout, like `.venv/`) is made on first use from
`tests/replay-tools.txt` with pip (its cache makes later builds quick) and rebuilt when that file
changes.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import REPO, free_port, wait_http

REQUIREMENTS = REPO / "tests" / "replay-tools.txt"
VENV = REPO / ".venv-replay"


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
