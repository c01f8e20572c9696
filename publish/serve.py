"""How Datasette is started over an archive: read-only, with our configuration, plugin and
pages (all shipped inside this package, so an installed copy finds them)."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DEFAULT_METADATA = REPO_ROOT / "datasette.yml"
DEFAULT_PLUGINS = REPO_ROOT / "plugins"
DEFAULT_TEMPLATES = REPO_ROOT / "templates"
SQL_TIME_LIMIT_MS = 3000


def datasette_command(db: str, host: str, port: int, metadata: Path) -> list[str]:
    """Datasette over DB, read-only: immutable (-i), an SQL time limit, our plugin and pages.

    The same as `datasette serve -i archive.db -m datasette.yml --plugins-dir plugins
    --template-dir templates --setting sql_time_limit_ms 3000 -h 127.0.0.1 -p 8001`.
    """
    return [
        sys.executable, "-m", "datasette", "serve", "-i", db, "-m", str(metadata),
        "--plugins-dir", str(DEFAULT_PLUGINS), "--template-dir", str(DEFAULT_TEMPLATES),
        "--setting", "sql_time_limit_ms", str(SQL_TIME_LIMIT_MS),
        "-h", host, "-p", str(port),
    ]  # fmt: skip
