"""Re-running extraction from the WARC captures, with no network, after an extractor change.

Each article is re-extracted from exactly the bytes its row was extracted from. A row whose
result is identical is not written at all; a changed content_hash keeps the old state in
`article_versions` (reason "reextract"); other differences update the row in place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from pipelines import store
from pipelines.warc import read_capture
from scraper.extraction import extract
from scraper.extraction.encoding import decode_html
from scraper.profiles import SiteProfile

logger = logging.getLogger(__name__)


@dataclass
class ReextractCounts:
    seen: int = 0
    unchanged: int = 0
    updated: int = 0
    changed: int = 0
    missing: int = 0  # rows without a capture (archived before WARC captures existed)
    failed: int = 0


def reextracted_row(directory: Path, row: dict, profile: SiteProfile) -> dict:
    body = read_capture(directory, row["warc_file"], row["warc_offset"])
    extracted = extract(row["url"], decode_html(body, row["encoding"]), profile).as_dict()
    return store.article_row(
        extracted, http_status=row["http_status"], fetched_url=row["fetched_url"],
        encoding=row["encoding"],
    )  # fmt: skip


def apply(db: Database, existing: dict, new: dict, now: str, counts: ReextractCounts) -> None:
    changes = {k: v for k, v in new.items() if existing.get(k) != v}
    if not changes:
        counts.unchanged += 1
        return
    if "content_hash" in changes:
        store.archive_version(db, existing, now, "reextract")
        changes["version"] = (existing.get("version") or 1) + 1
        counts.changed += 1
    else:
        counts.updated += 1
    db["articles"].update(existing["url"], changes)


def reextract(
    db: Database, directory: Path, profile: SiteProfile, now: str, batch: int = 200
) -> ReextractCounts:
    counts = ReextractCounts()
    urls = [r[0] for r in db.execute("SELECT url FROM articles ORDER BY url")]
    for start in range(0, len(urls), batch):
        with db.conn:
            for url in urls[start : start + batch]:
                existing = next(db["articles"].rows_where("url = ?", [url]))
                counts.seen += 1
                if not existing.get("warc_file"):
                    counts.missing += 1
                    continue
                try:
                    new = reextracted_row(directory, existing, profile)
                except Exception:  # one unreadable capture never stops the run
                    logger.exception("Re-extraction failed for %s", url)
                    counts.failed += 1
                    continue
                apply(db, existing, new, now, counts)
    return counts
