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

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.warc import cdxj
from archive.warc.revisits import (
    SERVER_NOT_MODIFIED,
    LatestPayloads,
    Original,
    freshened,
    payload_digest,
)
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
    # For a conditional request: the capture (file, offset) whose validators it sent; a 304
    # answer becomes a server-not-modified revisit of it.
    previous: tuple[str, int] | None = None
    # Stopped at its headers (over a size limit): WARC-Truncated, and not indexed for replay.
    truncated: bool = False


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
        self.payloads = LatestPayloads.from_index(self.directory / cdxj.INDEX_NAME)

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
        """Write the response (or a revisit record standing for it) and its request; returns
        where that record is. The pointer's digest is always the payload's: a revisit's is its
        original's. Raises `CaptureWriteError` if the file cannot be written (nothing
        half-written stays)."""
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
        record, original, kind = self._record(writer, exchange, date)
        offset = self.file.tell()
        writer.write_record(record)
        length = self.file.tell() - offset
        writer.write_record(self._request(writer, exchange, date, record))
        self.file.flush()
        self.good_end = self.file.tell()
        digest = record.rec_headers.get_header("WARC-Payload-Digest")
        capture = Capture(self.name, offset, length, digest, date)
        status = int(record.http_headers.get_statuscode())
        mime = record.http_headers.get_header("Content-Type") or ""
        if exchange.truncated:
            return capture
        self.entries.append(
            cdxj.line(exchange.url, date, mime, status, capture, revisit=kind, original=original)
        )
        if status == 200:
            self.payloads.note(exchange.url, original or Original(exchange.url, date, digest))
        return capture

    def _record(self, writer: WARCWriter, exchange: Exchange, date: str):
        """(record, the original it refers to or None, revisit kind or None)."""
        if exchange.status == 304 and exchange.previous:
            found = self._original(*exchange.previous)
            if found is not None:
                original, headers = found
                return self._not_modified(writer, exchange, date, original, headers)
        digest = None
        if exchange.status == 200 and not exchange.truncated:
            digest = payload_digest(exchange.body)
            original = self.payloads.same_as(exchange.url, digest)
            if original is not None:
                http = self._http(
                    exchange.status,
                    exchange.protocol,
                    consistent_headers(exchange.response_headers, exchange.body),
                )
                record = writer.create_revisit_record(
                    exchange.url, original.digest, original.url, original.date,
                    http_headers=http, warc_headers_dict={"WARC-Date": date},
                )  # fmt: skip
                return record, original, "identical-payload-digest"
        return self._response(writer, exchange, date, digest), None, None

    def _original(self, name: str, offset: int):
        """(Original, its HTTP status line and headers) of a capture in this folder, or None
        when the file is not here (a run that wrote elsewhere): the 304 is then stored as is."""
        path = self.directory / name
        if not path.exists():
            path = path.with_name(name + OPEN_SUFFIX)
        if not path.exists():
            return None
        with open(path, "rb") as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle)))
            headers = record.rec_headers
            refers = record.rec_type == "revisit"  # then its original is the one to name
            original = Original(
                headers.get_header("WARC-Refers-To-Target-URI" if refers else "WARC-Target-URI"),
                headers.get_header("WARC-Refers-To-Date" if refers else "WARC-Date"),
                headers.get_header("WARC-Payload-Digest"),
            )
            return original, record.http_headers

    def _not_modified(self, writer, exchange: Exchange, date: str, original: Original, stored):
        headers = freshened(stored.headers, exchange.response_headers)
        headers.append(("X-Archive-Orig-Status", f"{exchange.status} Not Modified"))
        http = StatusAndHeaders(stored.statusline, headers, protocol=stored.protocol)
        record = writer.create_revisit_record(
            exchange.url, original.digest, original.url, original.date,
            http_headers=http, warc_headers_dict={"WARC-Date": date},
        )  # fmt: skip
        record.rec_headers.replace_header("WARC-Profile", SERVER_NOT_MODIFIED)
        return record, original, "server-not-modified"

    @staticmethod
    def _http(status: int, protocol: str, headers: list[tuple[str, str]]) -> StatusAndHeaders:
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        return StatusAndHeaders(f"{status} {reason}", headers, protocol=protocol)

    def _response(self, writer: WARCWriter, exchange: Exchange, date: str, digest: str | None):
        """`digest`: the body's payload digest when known already (warcio then takes it
        instead of hashing the body once more)."""
        headers = consistent_headers(exchange.response_headers, exchange.body)
        warc_headers = {"WARC-Date": date}
        if exchange.truncated:
            warc_headers["WARC-Truncated"] = "length"
        if digest:
            warc_headers["WARC-Payload-Digest"] = digest
        return writer.create_warc_record(
            exchange.url,
            "response",
            payload=io.BytesIO(exchange.body),
            length=len(exchange.body),
            http_headers=self._http(exchange.status, exchange.protocol, headers),
            warc_headers_dict=warc_headers,
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
