"""Articles filled from their print views, when the article page itself is not in the archive.

A print view (`/print/{id}.html`) holds the article's title, day, author and body with no page
chrome: when the article page is gone (404/410) or its capture could not be extracted, the
archived print view is the only copy. Such an article gets its row from the print view, with
`source = "print"`, its category from the article URL, and its fetch facts and capture from
the print view's fetch; a later capture of the article page itself replaces it (as an edit:
the print-view state stays in `article_versions`).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from sqlite_utils import Database

from archive.db import articles
from archive.db.counts import SaveCounts
from archive.warc.reader import read_response
from scraper.extraction import Extraction
from scraper.extraction.workers import extract_in_worker
from scraper.items import parse_utc
from scraper.sites import Site

logger = logging.getLogger(__name__)

# Archived print views of one site whose article has no row, with the article page's last
# answer if it was an error (404/410: the article is gone).
ORPHAN_PRINT_VIEWS = """
SELECT p.url, p.article_url, p.http_status, p.warc_file, p.warc_offset, p.warc_length,
       p.warc_digest, p.warc_date, p.last_seen, p.site, p.host,
       (SELECT e.status FROM errors e WHERE e.url = p.article_url AND e.status IN (404, 410)
        ORDER BY e.last_seen DESC LIMIT 1) AS gone_status,
       (SELECT min(e.first_seen) FROM errors e WHERE e.url = p.article_url
        AND e.status IN (404, 410)) AS gone_since
FROM print_pages p
WHERE p.article_url IS NOT NULL AND p.warc_file IS NOT NULL AND p.http_status = 200
  AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.url = p.article_url)
  AND (p.site IS NULL OR p.site = :site)
ORDER BY p.article_url
"""
CAPTURE_FIELDS = ("warc_file", "warc_offset", "warc_length", "warc_digest", "warc_date")


@dataclass
class FillCounts:
    candidates: int = 0  # archived print views without their article's row
    filled: int = 0
    failed: int = 0  # capture unreadable, or the print view gave no title or body


def orphan_print_views(db: Database, site: Site) -> list[dict]:
    cursor = db.execute(ORPHAN_PRINT_VIEWS, {"site": site.name})
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def as_article(extraction: Extraction, article_url: str, site: Site) -> Extraction:
    """The print view's extraction, as its article's: the article's URL and category."""
    info = site.for_url(article_url).page_info(article_url)
    names = site.profile.category_names
    return replace(
        extraction,
        url=article_url,
        category=info.category or extraction.category,
        category_name=names.get(info.category or "") or extraction.category_name,
    )


async def _extract(pool, directories: list[Path], view: dict, timeout: float):
    for directory in directories:
        try:
            stored = read_response(directory, view["warc_file"], view["warc_offset"])
            break
        except FileNotFoundError:
            continue
    else:
        raise FileNotFoundError(f"capture file {view['warc_file']} is in none of {directories}")
    return await pool.run(
        timeout, extract_in_worker, view["url"], stored.payload, stored.content_type,
        parse_utc(stored.warc_date),
    )  # fmt: skip


def save_filled(
    db: Database, view: dict, extraction: Extraction, site: Site, counts: SaveCounts
) -> None:
    """The article's row from its print view, marked gone when its page answered 404/410."""
    capture = {k: view[k] for k in CAPTURE_FIELDS}
    articles.save_article(
        db, extraction, view["last_seen"], counts, http_status=view["http_status"],
        fetched_url=view["url"], capture=capture, source="print",
        site=view["site"] or site.name, host=view["host"] or site.profile.host,
    )  # fmt: skip
    if view["gone_status"]:
        db.execute(
            "UPDATE articles SET gone_since = ?, gone_status = ? WHERE url = ?",
            [view["gone_since"], view["gone_status"], extraction.url],
        )


async def fill_from_print(
    db: Database, pool, directories: list[Path], site: Site, timeout: float
) -> FillCounts:
    """Give every article that has an archived print view but no row its row from that view."""
    counts, saved = FillCounts(), SaveCounts()
    views = orphan_print_views(db, site)
    counts.candidates = len(views)
    for start in range(0, len(views), 50):
        batch = views[start : start + 50]
        results = await asyncio.gather(
            *(_extract(pool, directories, v, timeout) for v in batch), return_exceptions=True
        )
        with db.atomic():
            for view, result in zip(batch, results, strict=True):
                if isinstance(result, BaseException) or not (result.title and result.body_text):
                    reason = result if isinstance(result, BaseException) else "no title or body"
                    logger.warning("Print view %s cannot stand in: %s", view["url"], reason)
                    counts.failed += 1
                    continue
                found = as_article(result, view["article_url"], site)
                save_filled(db, view, found, site, saved)
                counts.filled += 1
    return counts
