"""WARC 1.1 files written with warcio: gzip per record, rotation by size, crash recovery.

Files are written as `NAME.warc.gz.open` (Heritrix's convention) and renamed to `NAME.warc.gz`
when closed, with a CDXJ sidecar `NAME.cdxj` beside them. Capture pointers always name the final
file. A file still `.open` when a run starts was left by a killed run: `recover_open_files` keeps
its complete records, cuts a torn last record off, indexes it and renames it.

Every record is flushed to the OS before its pointer is handed out, so a database row can never
point at bytes that are not in the file (SIGKILL loses the process, never the page cache); files
are fsynced when they are closed or rotated. A write that fails (disk full, I/O error, read-only
file system) cuts the file back to its last complete record and raises `CaptureWriteError`
naming the file: the caller stops the run, and the file stays `.open` for the next run to close.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.warc import cdxj
from archive.warc.scan import complete_members

logger = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"
WARC_SUFFIX = ".warc.gz"


class CaptureWriteError(OSError):
    """A WARC file could not be written; `filename` is the file, `strerror` the cause."""


@dataclass(frozen=True)
class Capture:
    """Where one response lives: the WARC file (final name), the gzip member, its digest."""

    warc_file: str
    offset: int
    length: int
    digest: str  # WARC-Payload-Digest of the response record
    warc_date: str

    def as_dict(self) -> dict:
        return {
            "warc_file": self.warc_file,
            "warc_offset": self.offset,
            "warc_length": self.length,
            "warc_digest": self.digest,
            "warc_date": self.warc_date,
        }


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and the response to it, as the crawler saw them."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    protocol: str
    response_headers: list[tuple[str, str]]
    body: bytes


def warc_date(when: datetime | None = None) -> str:
    when = when or datetime.now(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def consistent_headers(headers: list[tuple[str, str]], body: bytes) -> list[tuple[str, str]]:
    """Headers that agree with the body as stored: Scrapy hands us the entity already
    de-chunked, so Transfer-Encoding goes and Content-Length is the real length. The originals
    are kept under X-Archive-Orig-* (pywb's convention). Content-Encoding stays: the body is
    stored still encoded, exactly as it came off the wire."""
    out: list[tuple[str, str]] = []
    for name, value in headers:
        lower = name.lower()
        if lower == "transfer-encoding" or (lower == "content-length" and value != str(len(body))):
            out.append((f"X-Archive-Orig-{name}", value))
        elif lower != "content-length":
            out.append((name, value))
    out.append(("Content-Length", str(len(body))))
    return out


class WarcWriter:
    """Appends request/response pairs to rotating WARC files in `directory`."""

    def __init__(self, directory: Path, prefix: str, max_size: int, info: dict[str, str]) -> None:
        self.directory = Path(directory)
        self.prefix = prefix
        self.max_size = max_size
        self.info = info
        self.serial = 0
        self.file: io.BufferedRandom | None = None
        self.name = ""
        self.entries: list[str] = []
        self.directory.mkdir(parents=True, exist_ok=True)

    def _open(self) -> None:
        self.serial += 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")[:17]
        self.name = f"{self.prefix}-{stamp}-{self.serial:05d}-{os.getpid()}{WARC_SUFFIX}"
        # "x": never truncate a file another writer might still have open.
        self.file = open(self.directory / (self.name + OPEN_SUFFIX), "xb")  # noqa: SIM115
        self.entries = []
        self.good_end = 0
        writer = WARCWriter(self.file, gzip=True, warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record(self.name, self.info))
        self.file.flush()
        self.good_end = self.file.tell()

    def write(self, exchange: Exchange) -> Capture:
        """Write the response and its request; returns where the response record is.
        Raises `CaptureWriteError` if the file cannot be written (nothing half-written stays)."""
        try:
            return self._write(exchange)
        except OSError as error:
            path = self.directory / (self.name + OPEN_SUFFIX) if self.name else self.directory
            self._abandon()
            raise CaptureWriteError(error.errno, error.strerror or str(error), str(path)) from error

    def _abandon(self) -> None:
        """After a failed write: let go of the file and cut it back to its last complete
        record, without renaming it (the next run's recovery closes it: this pid will be gone)."""
        if self.file is None:
            return
        # Flushing what did not fit fails again; the file is closed all the same.
        with contextlib.suppress(OSError):
            self.file.close()
        self.file = None
        try:
            os.truncate(self.directory / (self.name + OPEN_SUFFIX), self.good_end)
        except OSError:
            logger.warning("WARC %s: could not cut the torn record", self.name)

    def _write(self, exchange: Exchange) -> Capture:
        if self.file is None or self.file.tell() >= self.max_size:
            self.rotate()
        writer = WARCWriter(self.file, gzip=True, warc_version="1.1")
        date = warc_date()
        response = self._response(writer, exchange, date)
        offset = self.file.tell()
        writer.write_record(response)
        length = self.file.tell() - offset
        writer.write_record(self._request(writer, exchange, date, response))
        self.file.flush()
        self.good_end = self.file.tell()
        digest = response.rec_headers.get_header("WARC-Payload-Digest")
        capture = Capture(self.name, offset, length, digest, date)
        mime = dict((k.lower(), v) for k, v in exchange.response_headers).get("content-type", "")
        self.entries.append(cdxj.line(exchange.url, date, mime, exchange.status, capture))
        return capture

    def _response(self, writer: WARCWriter, exchange: Exchange, date: str):
        try:
            reason = HTTPStatus(exchange.status).phrase
        except ValueError:
            reason = "Unknown"
        headers = consistent_headers(exchange.response_headers, exchange.body)
        http = StatusAndHeaders(f"{exchange.status} {reason}", headers, protocol=exchange.protocol)
        return writer.create_warc_record(
            exchange.url,
            "response",
            payload=io.BytesIO(exchange.body),
            length=len(exchange.body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": date},
        )

    def _request(self, writer: WARCWriter, exchange: Exchange, date: str, response):
        parts = exchange.url.split("/", 3)
        path = "/" + (parts[3] if len(parts) > 3 else "")
        http = StatusAndHeaders(
            f"{exchange.method} {path} HTTP/1.1",
            exchange.request_headers,
            protocol="",
            is_http_request=True,
        )
        concurrent = response.rec_headers.get_header("WARC-Record-ID")
        return writer.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=http,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": concurrent},
        )

    def rotate(self) -> None:
        self.close()
        self._open()

    def close(self) -> None:
        """Finish the current file: fsync, rename to its final name, write its CDXJ sidecar."""
        if self.file is None:
            return
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        self.file = None
        final = self.directory / self.name
        (self.directory / (self.name + OPEN_SUFFIX)).rename(final)
        cdxj.write_sidecar(final, self.entries)
        self.entries = []


def writer_pid(name: str) -> int | None:
    """The pid of the process that wrote a file (the last part of its name), if it says."""
    stem = name.split(WARC_SUFFIX, 1)[0]
    last = stem.rsplit("-", 1)[-1]
    return int(last) if last.isdigit() else None


def writer_alive(pid: int | None) -> bool:
    """Whether another process with this pid is running (its `.open` file is still written)."""
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def recover_open_files(directory: Path) -> list[str]:
    """Close files a killed run left `.open`: keep complete records, cut the torn tail, index.
    A file whose writer (the pid in its name) is still running is left alone.

    Returns the names of the recovered files. Safe to run again if itself interrupted.
    """
    recovered = []
    for path in sorted(Path(directory).glob(f"*{WARC_SUFFIX}{OPEN_SUFFIX}")):
        if writer_alive(writer_pid(path.name)):
            logger.warning("WARC %s is still being written by pid %s: left alone", path,
                           writer_pid(path.name))  # fmt: skip
            continue
        good_end = 0
        for _offset, end in complete_members(path):
            good_end = end
        size = path.stat().st_size
        if good_end < size:
            logger.warning("WARC %s: cutting a torn last record (%d bytes)", path, size - good_end)
            with open(path, "r+b") as handle:
                handle.truncate(good_end)
                os.fsync(handle.fileno())
        final = path.with_name(path.name[: -len(OPEN_SUFFIX)])
        path.rename(final)
        cdxj.write_sidecar(final, cdxj.entries_of(final))
        recovered.append(final.name)
    return recovered
