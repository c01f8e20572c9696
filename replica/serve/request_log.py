"""The request log: one JSON line per request, for tests and benchmarks to read."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler


class RequestLog:
    """One JSON object per line, flushed per line (tests read it while the server runs)."""

    def __init__(self, path: str | None) -> None:
        self._lock = threading.Lock()
        self._file = open(path, "a", encoding="utf-8") if path else None  # noqa: SIM115

    def write(self, handler: BaseHTTPRequestHandler, status: int) -> None:
        if self._file is None:
            return
        headers = getattr(handler, "headers", None)
        record = {
            "t": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": getattr(handler, "command", None),
            "host": headers.get("Host") if headers else None,
            "path": getattr(handler, "path", None),
            "status": status,
            "ua": headers.get("User-Agent") if headers else None,
            "cookie": headers.get("Cookie") if headers else None,
        }
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self._lock:
            self._file.write(line)
            self._file.flush()

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
