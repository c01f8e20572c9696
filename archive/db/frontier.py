"""What a harvest knows before it starts: which articles are archived and which to revisit.

Plain data, loaded from the archive by the runner and handed to the harvest spider, so the
spider never reads the database itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database


@dataclass(frozen=True)
class Revisit:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    # The capture the validators came from (WARC file, offset): a 304 refers to it.
    capture: tuple[str, int] | None = None


@dataclass(frozen=True)
class Frontier:
    # Articles archived by a run that finished: a listing page holding only these ends a walk.
    # (Articles stored by a killed run are not settled, so a rerun still pages past them.)
    settled: frozenset[str] = frozenset()
    # Every archived article URL (never requested again except as a revisit).
    archived: frozenset[str] = frozenset()
    # Articles to revisit with conditional requests (the window, or all with --full).
    revisits: tuple[Revisit, ...] = ()
    # Attachment URLs already stored or skipped, and (url, article) pairs still to fetch.
    attachments: frozenset[str] = frozenset()
    pending_attachments: tuple[tuple[str, str], ...] = ()
    full: bool = False
    # How many plain harvests finished before this one: which slice of the deeper listing
    # pages this one sweeps (see the harvest spider).
    sweep_index: int = 0
    notes: dict = field(default_factory=dict, compare=False)


def window_start(days: float, end: str | None, now: datetime | None = None) -> datetime:
    """The oldest publication time a harvest revisits: `days` before `end` (ISO) or now."""
    if end:
        until = datetime.fromisoformat(end)
        until = until if until.tzinfo else until.replace(tzinfo=UTC)
    else:
        until = now or datetime.now(UTC)
    return until - timedelta(days=days)


def _in_window(published: str | None, since: datetime) -> bool:
    if not published:
        return False
    when = datetime.fromisoformat(published)
    return (when if when.tzinfo else when.replace(tzinfo=UTC)) >= since


def _one_site(db: Database, site: str | None) -> tuple[str, str, list]:
    """SQL conditions (on `articles`, on `crawls`) keeping one site's rows of an archive that
    holds a site and its successor: a harvest of one never asks for the other's URLs."""
    if site is None or "site" not in db["articles"].columns_dict:
        return "1", "1", []
    return "(site = ? OR site IS NULL)", "(profile = ? OR profile IS NULL)", [site]


def load_frontier(db: Database, since: datetime, full: bool, site: str | None = None) -> Frontier:
    """Archived articles, those settled by a finished run, what to revisit, known files: of
    the harvested `site` (a profile name) only, when given."""
    if "articles" not in db.table_names():
        return Frontier(full=full)
    of_site, of_runs, params = _one_site(db, site)
    finished = db.execute(
        f"SELECT max(finished) FROM crawls WHERE finished IS NOT NULL AND {of_runs}", params
    )
    last_finished = finished.fetchone()[0] or ""
    archived, settled, revisits = set(), set(), []
    query = (
        "SELECT url, published, first_seen, etag, last_modified, gone_since, warc_file, "
        f"warc_offset FROM articles WHERE {of_site}"
    )
    rows = db.execute(query, params)
    for url, published, first_seen, etag, last_modified, gone, file, offset in rows:
        archived.add(url)
        if first_seen and first_seen <= last_finished:
            settled.add(url)
        if full or (not gone and _in_window(published, since)):
            capture = (file, offset) if file is not None else None
            revisits.append(Revisit(url, etag, last_modified, capture))
    done = "status IN ('stored', 'skipped')"
    known = {row[0] for row in db.execute(f"SELECT url FROM attachments WHERE {done}")}
    pending = db.execute(
        f"SELECT url, min(article) FROM attachments WHERE NOT {done} "
        f"AND article IN (SELECT url FROM articles WHERE {of_site}) GROUP BY url",
        params,
    ).fetchall()
    swept = db.execute(
        "SELECT count(*) FROM crawls WHERE mode = 'harvest' AND status IN ('ok', 'partial') "
        f"AND {of_runs}",
        params,
    ).fetchone()[0]
    return Frontier(
        settled=frozenset(settled),
        archived=frozenset(archived),
        revisits=tuple(revisits),
        attachments=frozenset(known),
        pending_attachments=tuple((url, article) for url, article in pending if url not in known),
        full=full,
        sweep_index=swept,
        notes={"since": since.isoformat(), "revisits": len(revisits)},
    )
