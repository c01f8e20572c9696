"""How Datasette is started over an archive: our config, plugin and pages, read-only.

The paths are the installed package's own files (`publish/datasette.yml`, `publish/plugins/`,
`publish/templates/`), so `portal-archive serve` works from a wheel as from a checkout. The
top-level `datasette.yml` of a checkout is a symlink to `publish/datasette.yml`.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_METADATA = PACKAGE_DIR / "datasette.yml"
DEFAULT_PLUGINS = PACKAGE_DIR / "plugins"
DEFAULT_TEMPLATES = PACKAGE_DIR / "templates"
SQL_TIME_LIMIT_MS = 3000


def datasette_command(
    db: str, host: str, port: int, metadata: Path = DEFAULT_METADATA
) -> list[str]:
    """Datasette over DB, read-only: immutable (-i), an SQL time limit, our plugin and pages.

    From a checkout, the same as `datasette serve -i archive.db -m datasette.yml
    --plugins-dir publish/plugins --template-dir publish/templates
    --setting sql_time_limit_ms 3000 --setting suggest_facets off -h 127.0.0.1 -p 8001`.
    """
    return [
        *(sys.executable, "-m", "datasette", "serve", "-i", db, "-m", str(metadata)),
        *("--plugins-dir", str(DEFAULT_PLUGINS), "--template-dir", str(DEFAULT_TEMPLATES)),
        *("--setting", "sql_time_limit_ms", str(SQL_TIME_LIMIT_MS)),
        # Facet suggestions cost seconds on a large table and answer nothing a reader asked.
        *("--setting", "suggest_facets", "off"),
        *("-h", host, "-p", str(port)),
    ]


def run_until_stopped(command: list[str]) -> int:
    """Run Datasette as a child and stop it with us: SIGTERM or SIGINT to this process
    terminates the child (which frees the port) before we exit. Returns its exit status,
    0 when it stopped because we were asked to stop."""
    child = subprocess.Popen(command)
    stopped: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        stopped.append(signum)
        if child.poll() is None:
            child.terminate()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        code = child.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    return 0 if stopped else code
