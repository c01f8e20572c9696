"""Walking our WARC files: gzip members, and whether each holds one complete record (recovery
of a file a killed run left open keeps exactly those)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

CHUNK = 1 << 16


def record_complete(data: bytes) -> bool:
    """A whole WARC record: header block, exactly Content-Length bytes, the closing CRLFCRLF."""
    if not data.startswith(b"WARC/"):
        return False
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return False
    length = None
    for line in data[:end].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or -1)
    return length is not None and len(data) == end + 4 + length + 4 and data.endswith(b"\r\n\r\n")


def _member(handle, offset: int) -> tuple[int, bytes] | None:
    """(end offset, decompressed bytes) of the gzip member at `offset`, or None if it is torn."""
    handle.seek(offset)
    inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
    data = bytearray()
    consumed = 0
    try:
        while not inflater.eof:
            chunk = handle.read(CHUNK)
            if not chunk:
                return None
            data += inflater.decompress(chunk)
            consumed += len(chunk) - (len(inflater.unused_data) if inflater.eof else 0)
    except zlib.error:
        return None
    return offset + consumed, bytes(data)


def complete_members(path: Path) -> Iterator[tuple[int, int]]:
    """(offset, end) of each complete record from the start of the file; stops at the first
    torn or corrupt one (a killed writer can only have torn the last)."""
    size = Path(path).stat().st_size
    with open(path, "rb") as handle:
        offset = 0
        while offset < size:
            member = _member(handle, offset)
            if member is None or not record_complete(member[1]):
                return
            yield offset, member[0]
            offset = member[0]
