"""Serving until told to stop: the one loop every replica's command line runs."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from socketserver import BaseServer
from types import FrameType


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve_until_stopped(
    server: BaseServer, *ready: str, on_close: Callable[[], None] | None = None
) -> None:
    """Print the ready lines (tests and scripts wait for them), serve until SIGINT or SIGTERM,
    then close the server (and run `on_close`, e.g. to stop a second server)."""
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if in_main else None
    for line in ready:
        print(line, flush=True)
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        if on_close is not None:
            on_close()
        server.server_close()
        if in_main:
            signal.signal(signal.SIGTERM, previous)
