"""Reading captures back: the payload (and the headers it was served with) of one record."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.warc import cdxj
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
    crawler's extraction saw. A revisit record is resolved to its original's payload."""
    return read_record(resolve(directory, name), offset)[2]


def read_payload(path: Path, offset: int) -> bytes:
    """The HTTP payload of the record at `offset`, Content-Encoding and chunking undone."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        return record.content_stream().read()


def read_record(path: Path, offset: int):
    """(WARC headers, HTTP headers, payload) of the record at `offset`; for a revisit record,
    its own headers and the payload of the capture it refers to (found in the same folder's
    index by URL, date and digest)."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        warc_headers, http_headers = record.rec_headers, record.http_headers
        if record.rec_type != "revisit":
            return warc_headers, http_headers, record.content_stream().read()
    return warc_headers, http_headers, _original_payload(path.parent, warc_headers)


def _original_payload(directory: Path, headers) -> bytes:
    url = headers.get_header("WARC-Refers-To-Target-URI")
    date = headers.get_header("WARC-Refers-To-Date")
    digest = headers.get_header("WARC-Payload-Digest")
    for entry in cdxj.captures(directory, url):
        if entry["mime"] != "warc/revisit" and entry["date"] == date:
            if digest and entry["digest"] != digest:
                continue
            return read_payload(resolve(directory, entry["filename"]), int(entry["offset"]))
    raise LookupError(f"the original of a revisit of {url} ({date}) is not in {directory}")


def read_response(directory: Path, name: str, offset: int) -> StoredResponse:
    """The response record at `offset` of the capture file `name` in `directory`."""
    warc_headers, http_headers, payload = read_record(resolve(directory, name), offset)
    return StoredResponse(
        payload=payload,
        content_type=http_headers.get_header("Content-Type") if http_headers else None,
        warc_date=warc_headers.get_header("WARC-Date"),
    )
