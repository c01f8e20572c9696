"""CDXJ index lines (pywb's format): `SURT TIMESTAMP {json}`, one per response or revisit
record, sorted as pywb's binary search expects (plain byte order of the whole line).

Keys are made by the `surt` package exactly as pywb and cdxj-indexer make them (host labels
reversed, IP addresses too, `www.` dropped, lower case, trailing slash and query order
normalised), so pywb answers from our `index.cdxj` as it is. A revisit's line says
`"mime": "warc/revisit"`, its profile (`revisit`), what it refers to and, as `digest`, the
payload digest of its original: pywb finds the payload by that digest.

Each WARC file gets a sidecar `NAME.cdxj`; `index.cdxj` merges them all for tools such as pywb.
`lookup` is what the replay command uses: the capture of a URL nearest a given time.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import surt as surt_package
from warcio.archiveiterator import ArchiveIterator

if TYPE_CHECKING:
    from archive.warc.writer import Capture

INDEX_NAME = "index.cdxj"
# What `index.cdxj` was merged from, so a run merges only its own sidecars into it.
SOURCES_NAME = "index.cdxj.sources"


def surt(url: str) -> str:
    """The SURT key pywb and cdxj-indexer give `url` (the same `surt` package)."""
    return surt_package.surt(url)


def timestamp14(warc_date: str) -> str:
    return "".join(ch for ch in warc_date if ch.isdigit())[:14]


def line(
    url: str,
    date: str,
    mime: str,
    status: int,
    capture: Capture,
    revisit: str | None = None,
    original=None,
) -> str:
    """One index line; `revisit` is the profile's short name and `original` what it refers to
    (an archive.warc.revisits.Original) for a revisit record."""
    fields = {
        "url": url,
        "mime": "warc/revisit" if revisit else mime.split(";")[0].strip(),
        "status": str(status),
        "digest": capture.digest,
        "length": str(capture.length),
        "offset": str(capture.offset),
        "filename": capture.warc_file,
        "date": date,
    }
    if revisit:
        fields.update(revisit=revisit, refers_to_url=original.url,
                      refers_to_date=original.date)  # fmt: skip
    return f"{surt(url)} {timestamp14(date)} {json.dumps(fields, ensure_ascii=False)}"


def write_sidecar(warc_path: Path, entries: list[str]) -> Path:
    sidecar = warc_path.with_name(warc_path.name.removesuffix(".warc.gz") + ".cdxj")
    tmp = sidecar.with_suffix(".cdxj.tmp")
    tmp.write_text("".join(f"{entry}\n" for entry in sorted(entries)), encoding="utf-8")
    tmp.replace(sidecar)
    return sidecar


def entries_of(warc_path: Path) -> list[str]:
    """Index lines for every response and revisit record of a file (used for recovered
    files)."""
    from archive.warc.revisits import SERVER_NOT_MODIFIED, Original
    from archive.warc.writer import Capture  # the dataclass only; no cycle at import time

    entries = []
    with open(warc_path, "rb") as handle:
        iterator = ArchiveIterator(handle)
        for record in iterator:
            if record.rec_type not in ("response", "revisit"):
                continue
            record.content_stream().read()
            offset, length = iterator.get_record_offset(), iterator.get_record_length()
            headers = record.rec_headers
            capture = Capture(
                warc_path.name,
                offset,
                length,
                headers.get_header("WARC-Payload-Digest"),
                headers.get_header("WARC-Date"),
            )
            http = record.http_headers
            status = int(http.get_statuscode()) if http else 0
            mime = http.get_header("Content-Type", "") if http else ""
            url = headers.get_header("WARC-Target-URI")
            revisit = original = None
            if record.rec_type == "revisit":
                profile = headers.get_header("WARC-Profile")
                revisit = "server-not-modified" if profile == SERVER_NOT_MODIFIED else (
                    "identical-payload-digest")  # fmt: skip
                original = Original(
                    headers.get_header("WARC-Refers-To-Target-URI"),
                    headers.get_header("WARC-Refers-To-Date"),
                    capture.digest,
                )
            entries.append(line(url, capture.warc_date, mime, status, capture, revisit, original))
    return entries


def sidecars(directory: Path) -> list[Path]:
    return sorted(p for p in Path(directory).glob("*.cdxj") if p.name != INDEX_NAME)


def merge_index(directory: Path, aliases: dict[str, tuple[str, ...]] | None = None) -> Path:
    """Merge every sidecar (each sorted) into `index.cdxj`, streaming.

    `aliases` maps a site's host (`host[:port]`) to the other hosts that serve the same pages
    (the portal's `mail.` host): each capture on the host gets an alias line under each of them,
    pointing at the same record and saying `"alias_of"`, so a replay tool answers an archived
    link to an alias URL with the canonical capture without any rule of its own. The aliases of
    every site whose runs wrote into the folder are kept (an archive may hold a site and its
    successor); a run's own aliases replace those recorded for its host.

    Only the sidecars the index does not hold yet are merged into it (a harvest adds one or two
    files to an archive of hundreds): `index.cdxj.sources` records what the index was merged
    from (each file's size and modification time, and the aliases). When that record does not
    match the folder (no record, a sidecar gone or changed, other aliases, an index changed:
    edited, or a run stopped between the two renames), the index is rebuilt from every sidecar.
    """
    directory = Path(directory)
    target = directory / INDEX_NAME
    record = _record(directory)
    known = (record or {}).get("aliases", {})
    aliases = {**known, **{host: list(others) for host, others in (aliases or {}).items()}}
    paths = sidecars(directory)
    stamps = {p.name: _stamp(p) for p in paths}
    merged = _merged_sidecars(directory, record, aliases, stamps)
    if merged is not None and all(name in merged for name in stamps):
        return target  # nothing new since the last merge
    new = paths if merged is None else [p for p in paths if p.name not in merged]
    tmp = target.with_suffix(".cdxj.tmp")
    handles = []
    try:
        if merged is not None:
            handles.append(open(target, encoding="utf-8"))  # noqa: SIM115
        handles += [open(p, encoding="utf-8") for p in new]  # noqa: SIM115
        streams: list = list(handles)
        for host, others in aliases.items():
            for alias in others:
                alias_handles = [open(p, encoding="utf-8") for p in new]  # noqa: SIM115
                handles += alias_handles
                streams += [alias_lines(h, host, alias) for h in alias_handles]
        with open(tmp, "w", encoding="utf-8") as out:
            out.writelines(heapq.merge(*streams))
    finally:
        for handle in handles:
            handle.close()
    tmp.replace(target)
    fresh = {"index": _stamp(target), "aliases": aliases, "sidecars": stamps}
    sources_tmp = directory / f"{SOURCES_NAME}.tmp"
    sources_tmp.write_text(json.dumps(fresh, indent=1), encoding="utf-8")
    sources_tmp.replace(directory / SOURCES_NAME)
    return target


def _stamp(path: Path) -> list[int]:
    """What tells a file changed: its size and modification time (ns)."""
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


def _record(directory: Path) -> dict | None:
    try:
        record = json.loads((directory / SOURCES_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _merged_sidecars(
    directory: Path, record: dict | None, aliases: dict[str, list[str]], stamps: dict
) -> set[str] | None:
    """The sidecars `index.cdxj` holds, by its record; None when the record cannot be trusted
    (the index is then rebuilt). `stamps`: the folder's sidecars now."""
    if record is None or record.get("aliases") != aliases:
        return None
    try:
        if record.get("index") != _stamp(directory / INDEX_NAME):
            return None
    except OSError:
        return None
    merged = record.get("sidecars")
    if not isinstance(merged, dict) or any(stamps.get(n) != s for n, s in merged.items()):
        return None
    return set(merged)


def alias_lines(entries: Iterable[str], host: str, alias: str) -> Iterator[str]:
    """The lines of `host`'s captures as lines of `alias` (same order: one prefix replaced)."""
    prefix, alias_prefix = _host_key(host), _host_key(alias)
    for entry in entries:
        if not entry.startswith(prefix):
            continue
        key, stamp, text = entry.split(" ", 2)
        fields = json.loads(text)
        parts = urlsplit(fields["url"])
        url = urlunsplit(parts._replace(netloc=alias))
        fields = {**fields, "url": url, "alias_of": fields["url"]}
        rest = key[len(prefix) :]
        yield f"{alias_prefix}{rest} {stamp} {json.dumps(fields, ensure_ascii=False)}\n"


def _host_key(host: str) -> str:
    """The SURT key prefix of every URL on `host` (through its `)`)."""
    return surt(f"http://{host}/")[:-1]


def captures(directory: Path, url: str) -> Iterator[dict]:
    """Every indexed capture of `url` (exact URL match), oldest first within each file. A bare
    304 (one that could not be written as a revisit) holds no page and is left out."""
    key = surt(url) + " "
    for path in sidecars(directory):
        with open(path, encoding="utf-8") as handle:
            for entry in handle:
                if entry.startswith(key):
                    fields = json.loads(entry.split(" ", 2)[2])
                    if fields["url"] == url and (fields["status"] != "304" or "revisit" in fields):
                        yield fields


def indexed_lines(index: Path, url: str) -> Iterator[dict]:
    """The fields of every line of `url` in a sorted index (`index.cdxj`), alias lines left
    out, in index order: found by a binary search, not by reading the index whole."""
    key = (surt(url) + " ").encode("utf-8")
    with open(index, "rb") as handle:
        handle.seek(_first_line_from(handle, key))
        for entry in handle:
            if not entry.startswith(key):
                return
            if b'"alias_of"' in entry:
                continue
            fields = json.loads(entry.split(b" ", 2)[2])
            if fields.get("url") == url:
                yield fields


# Below this many bytes the search reads lines in order.
_SCAN_BYTES = 8192


def _first_line_from(handle, key: bytes) -> int:
    """The offset of the first line >= `key` in a file of sorted lines (the file's size when
    there is none): a binary search down to a few kilobytes, then line by line."""
    low, high = 0, handle.seek(0, 2)
    while high - low > _SCAN_BYTES:
        middle = (low + high) // 2
        handle.seek(middle)
        handle.readline()  # the rest of the line `middle` falls in
        line = handle.readline()
        if line and line < key:
            low = handle.tell() - len(line)
        else:
            high = middle
    handle.seek(low)  # a line's start: the file's, or one of a line < key
    offset = low
    for line in iter(handle.readline, b""):
        if line >= key:
            return offset
        offset += len(line)
    return offset


def lookup(directory: Path, url: str, at: str | None = None) -> dict | None:
    """The capture of `url` nearest `at` (any ISO-ish time; None = the latest)."""
    found = sorted(captures(directory, url), key=lambda f: f["date"])
    if not found:
        return None
    if at is None:
        return found[-1]
    target = _moment(at)
    return min(found, key=lambda f: abs((_moment(f["date"]) - target).total_seconds()))


def lookup_in(directories: list[Path], url: str, at: str | None = None):
    """(folder, capture) of `url` nearest `at` (None = the latest) across several WARC
    folders (an archive whose runs used different `--warc-dir`s), or None."""
    found = [(d, f) for d in directories if d.is_dir() for f in captures(d, url)]
    if not found:
        return None
    if at is None:
        return max(found, key=lambda pair: pair[1]["date"])
    target = _moment(at)
    return min(found, key=lambda pair: abs((_moment(pair[1]["date"]) - target).total_seconds()))


def _moment(text: str) -> datetime:
    """Any of `2024-05-01`, `2024-05-01T10:00:00Z`, `20240501100000` as a UTC-naive time."""
    digits = timestamp14(text)
    padded = digits + "01010000000000"[len(digits) - 4 :] if len(digits) >= 4 else "19700101000000"
    return datetime.strptime(padded[:14], "%Y%m%d%H%M%S")
