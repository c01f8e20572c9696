"""Running a crawl or a harvest in-process: the lock, settings assembly and the result an
archivist (or cron) reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from pipelines.progress import summary_line
from scraper.lock import Locked, archive_lock
from scraper.profiles import load_profile

# Exit statuses (documented in the README; cron lines rely on them).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2  # click's own status for a bad command line
EXIT_PARTIAL = 3
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the archive; try again later


@dataclass(frozen=True)
class CrawlResult:
    status: str  # "ok", "partial", "failed", "locked"
    summary: str
    crawl_id: int | None
    exit_code: int


def parse_setting_pairs(pairs: tuple[str, ...]) -> dict[str, str]:
    """`-s NAME=VALUE` exactly as `scrapy crawl` takes them."""
    result: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"setting {pair!r} is not NAME=VALUE (e.g. -s DOWNLOAD_DELAY=0)")
        result[name.strip()] = value
    return result


def project_settings(overrides: dict[str, object]) -> Settings:
    settings = Settings()
    settings.setmodule("scraper.settings", priority="project")
    settings.setdict(overrides, priority="cmdline")
    return settings


def _run(settings: Settings, spider: str, **spider_kwargs: Any) -> CrawlResult:
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider)
    process.crawl(crawler, **spider_kwargs)
    process.start()
    stats = crawler.stats.get_stats()
    status = stats.get("archive/status", "failed")
    code = {"ok": EXIT_OK, "partial": EXIT_PARTIAL}.get(status, EXIT_FAILED)
    return CrawlResult(status, summary_line(stats), stats.get("archive/crawl_id"), code)


def locked(error: Locked) -> CrawlResult:
    return CrawlResult("locked", str(error), None, EXIT_LOCKED)


def _settings(db: str, base_url: str | None, profile: str, overrides: dict, warc_dir: str | None):
    load_profile(profile, base_url)  # fail fast, with the profile's own message
    extra = {"ARCHIVE_WARC_DIR": warc_dir} if warc_dir else {}
    return project_settings(
        {**overrides, **extra, "ARCHIVE_DB": db, "ARCHIVE_PROFILE": profile,
         "ARCHIVE_BASE_URL": base_url}
    )  # fmt: skip


def run_crawl(
    db: str,
    base_url: str | None,
    profile: str,
    overrides: dict[str, object],
    warc_dir: str | None = None,
) -> CrawlResult:
    """Crawl the profile's site (or `base_url`) into `db`; blocks until the crawl ends."""
    settings = _settings(db, base_url, profile, overrides, warc_dir)
    try:
        with archive_lock(db):
            return _run(settings, "portal")
    except Locked as error:
        return locked(error)


def run_harvest(
    db: str,
    base_url: str | None,
    profile: str,
    overrides: dict[str, object],
    full: bool = False,
    warc_dir: str | None = None,
) -> CrawlResult:
    """Harvest what is new (and, with `full`, every edit) into `db`."""
    from pipelines.frontier import load_frontier, window_start
    from pipelines.schema import open_db

    settings = _settings(db, base_url, profile, {**overrides, "ARCHIVE_HARVEST_FULL": full},
                         warc_dir)  # fmt: skip
    try:
        with archive_lock(db):
            since = window_start(
                settings.getfloat("ARCHIVE_REVISIT_DAYS"), settings.get("ARCHIVE_REVISIT_END")
            )
            archive = open_db(db)
            frontier = load_frontier(archive, since, full)
            archive.close()
            return _run(settings, "harvest", frontier=frontier)
    except Locked as error:
        return locked(error)
