"""`portal-archive serve` stops its Datasette child when it is asked to stop."""

from __future__ import annotations

import signal
import socket
import subprocess

import pytest

from archive.db.schema import open_db
from tests.conftest import PYTHON, REPO, free_port, wait_http

pytestmark = pytest.mark.slow


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_its_child(tmp_path, sig) -> None:
    db = tmp_path / "archive.db"
    open_db(str(db)).close()
    port = free_port()
    command = [PYTHON, "-m", "portal_archive.cli", "serve", "--db", str(db), "--port", str(port)]
    serve = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/-/versions.json", serve)
        serve.send_signal(sig)
        assert serve.wait(15) == 0
        assert port_is_free(port), "the datasette child still holds the port"
    finally:
        if serve.poll() is None:
            serve.kill()
