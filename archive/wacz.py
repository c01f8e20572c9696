"""WACZ export: the archive's WARC files, an index and `pages/pages.jsonl` (one line per article:
url, title, ts) in one file ReplayWeb.page and pywb open, made by Webrecorder's own `wacz`
package (it indexes the WARCs with cdxj-indexer, writes `datapackage.json` with every file's
hash, and `wacz validate` checks them).

`since` packages the WARC files written from that day on, plus the files holding the originals
their revisit records refer to, so every capture in the package replays.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from archive.warc import cdxj

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "Articles"}


@dataclass(frozen=True)
class Package:
    warcs: tuple[Path, ...]
    pages: int


def file_stamp(name: str) -> str:
    """The 14-digit time a WARC file was opened (from its name: PREFIX-YYYYmmddHHMMSSfff-…)."""
    for part in name.split("-"):
        if len(part) >= 14 and part[:14].isdigit():
            return part[:14]
    return ""


def choose_warcs(folders: Iterable[Path], since: str | None) -> list[Path]:
    """Every closed WARC file of the folders, or those written since `since` with the files
    their revisit records need."""
    every = {p.name: p for folder in folders for p in sorted(Path(folder).glob("*.warc.gz"))}
    if not since:
        return sorted(every.values(), key=lambda p: p.name)
    start = cdxj.timestamp14(since).ljust(14, "0")
    chosen = {name for name in every if file_stamp(name) >= start}
    for name in list(chosen):
        chosen |= _originals_of(every[name])
    return sorted((every[n] for n in chosen if n in every), key=lambda p: p.name)


def _originals_of(warc: Path) -> set[str]:
    """The files holding the originals of the revisit records of `warc`."""
    sidecar = warc.with_name(warc.name.removesuffix(".warc.gz") + ".cdxj")
    needed: set[str] = set()
    if not sidecar.exists():
        return needed
    for entry in sidecar.read_text(encoding="utf-8").splitlines():
        fields = json.loads(entry.split(" ", 2)[2])
        if "refers_to_url" not in fields:
            continue
        for original in cdxj.captures(warc.parent, fields["refers_to_url"]):
            if original["date"] == fields["refers_to_date"] and "revisit" not in original:
                needed.add(original["filename"])
    return needed


def page_lines(db: Database, warc_names: set[str], since: str | None) -> list[str]:
    """pages.jsonl: the header, then each article whose capture is packaged: url, title, ts."""
    lines = [json.dumps(PAGES_HEADER)]
    query = "SELECT url, title, warc_date, warc_file FROM articles WHERE warc_file IS NOT NULL"
    for url, title, ts, warc_file in db.execute(query + " ORDER BY warc_date, url"):
        if warc_file in warc_names and (not since or ts >= since):
            lines.append(json.dumps({"url": url, "title": title, "ts": ts}, ensure_ascii=False))
    return lines


def export_wacz(
    db_path: str,
    folders: list[Path],
    out: Path,
    since: str | None = None,
    say: Callable[[str], None] = print,
) -> Package:
    """Write `out` (a .wacz) from the archive at `db_path` and its WARC folders."""
    from wacz.main import main as wacz_main  # the optional `wacz` extra

    warcs = choose_warcs(folders, since)
    if not warcs:
        raise ValueError(f"no WARC files in {', '.join(map(str, folders))}")
    db = Database(db_path)
    try:
        lines = page_lines(db, {p.name for p in warcs}, since)
    finally:
        db.close()
    size = sum(p.stat().st_size for p in warcs)
    say(f"Packaging {len(warcs)} WARC file(s), {size / 1e6:.1f} MB, {len(lines) - 1} pages")
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages.jsonl"
        pages.write_text("\n".join(lines) + "\n", encoding="utf-8")
        args = ["create", "-o", str(out), "-p", str(pages), *map(str, warcs)]
        if wacz_main(args) not in (0, None):
            raise RuntimeError(f"the wacz package could not write {out}")
    return Package(tuple(warcs), len(lines) - 1)
