"""Reading captures back: the payload (and the headers it was served with) of one record."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.warc.writer import OPEN_SUFFIX


@dataclass(frozen=True)
class StoredResponse:
    """One response record read back: what extraction needs to run again exactly as it ran."""

    payload: bytes  # Content-Encoding and chunking undone: the bytes extraction saw
    content_type: str | None  # the Content-Type the server sent
    warc_date: str  # when it was fetched (WARC-Date)


def resolve(directory: Path, name: str) -> Path:
    """The file a capture names: final, or still `.open` while its run goes on."""
    path = Path(directory) / name
    return path if path.exists() else path.with_name(name + OPEN_SUFFIX)


def read_capture(directory: Path, name: str, offset: int) -> bytes:
    """The payload of the response record at `offset`, Content-Encoding undone: the bytes the
    crawler's extraction saw."""
    return read_payload(resolve(directory, name), offset)


def read_payload(path: Path, offset: int) -> bytes:
    """The HTTP payload of the record at `offset`, Content-Encoding and chunking undone."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        return record.content_stream().read()


def read_record(path: Path, offset: int):
    """(WARC headers, HTTP headers, payload) of the record at `offset`."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        return record.rec_headers, record.http_headers, record.content_stream().read()


def read_response(directory: Path, name: str, offset: int) -> StoredResponse:
    """The response record at `offset` of the capture file `name` in `directory`."""
    warc_headers, http_headers, payload = read_record(resolve(directory, name), offset)
    return StoredResponse(
        payload=payload,
        content_type=http_headers.get_header("Content-Type") if http_headers else None,
        warc_date=warc_headers.get_header("WARC-Date"),
    )
