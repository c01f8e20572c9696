"""The `crawls` row of each run and the `errors` table: where an archivist looks first."""

from __future__ import annotations

from sqlite_utils import Database

from archive.db.counts import SaveCounts


def save_error(db: Database, error: dict, crawl_id: int | None, counts: SaveCounts) -> None:
    """One row per (url, kind): a repeat bumps `attempts` and `last_seen`; the latest outcome
    wins. `counts.errors` is the number of URLs this run left failed (a recovered retry or a
    warning on an archived page is recorded, not counted; attempts stay in `attempts`)."""
    values = {"exception": None, "outcome": "failed", **error, "crawl_id": crawl_id}
    db.execute(
        """
        INSERT INTO errors (url, kind, status, exception, message, attempts, first_seen,
                            last_seen, crawl_id, outcome)
        VALUES (:url, :kind, :status, :exception, :message, 1, :at, :at, :crawl_id, :outcome)
        ON CONFLICT (url, kind) DO UPDATE SET
            attempts = attempts + 1, status = excluded.status, message = excluded.message,
            exception = excluded.exception, outcome = excluded.outcome,
            last_seen = max(last_seen, excluded.last_seen), crawl_id = excluded.crawl_id
        """,
        values,
    )
    counts.errors = failed_urls(db, crawl_id)


def failed_urls(db: Database, crawl_id: int | None) -> int:
    """How many URLs a run left failed (however many attempts each took)."""
    row = db.execute(
        "SELECT count(DISTINCT url) FROM errors WHERE crawl_id IS ? AND outcome = 'failed'",
        [crawl_id],
    ).fetchone()
    return row[0]


def first_failure(db: Database, crawl_id: int | None) -> str | None:
    """The first failure a run recorded (why a site could not be reached)."""
    row = db.execute(
        "SELECT message FROM errors WHERE crawl_id IS ? AND outcome = 'failed' "
        "ORDER BY first_seen, id LIMIT 1",
        [crawl_id],
    ).fetchone()
    return row[0] if row else None


def start_crawl(
    db: Database,
    started: str,
    profile: str,
    base_url: str,
    mode: str = "crawl",
    *,
    warc_dir: str | None = None,
) -> int:
    """A `running` row for a new run; `warc_dir` (absolute) is where its captures go, so the
    published side finds them wherever `--warc-dir` put them."""
    row = {"started": started, "status": "running", "profile": profile, "base_url": base_url}
    return db["crawls"].insert({**row, "mode": mode, "warc_dir": warc_dir}).last_pk


def close_stale_crawls(db: Database) -> int:
    """Runs still "running" when a new one holds the lock were killed: say so."""
    cursor = db.execute(
        "UPDATE crawls SET status = 'interrupted', finish_reason = 'killed' "
        "WHERE status = 'running'"
    )
    return cursor.rowcount


def finish_crawl(db: Database, crawl_id: int, values: dict) -> None:
    db["crawls"].update(crawl_id, values)


def recorded_warc_dirs(db: Database) -> list[str]:
    """The WARC folders the archive's runs wrote to, newest run first."""
    if "crawls" not in db.table_names() or "warc_dir" not in db["crawls"].columns_dict:
        return []
    rows = db.execute(
        "SELECT warc_dir FROM crawls WHERE warc_dir IS NOT NULL GROUP BY warc_dir "
        "ORDER BY max(id) DESC"
    )
    return [row[0] for row in rows]
