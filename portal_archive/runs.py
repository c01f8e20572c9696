"""Running a crawl or a harvest: the lock, settings assembly and the result an archivist (or
cron) reads. `portal-archive crawl|harvest` and `scrapy crawl portal|harvest` both come here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from archive.db.frontier import load_frontier, window_start
from archive.db.schema import open_db
from archive.lock import Locked, archive_lock
from scraper.extensions import summary_line
from scraper.sites import load_site

# Exit statuses (documented in the README; cron lines rely on them).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2  # click's own status for a bad command line
EXIT_PARTIAL = 3
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the archive; try again later
SPIDERS = ("portal", "harvest")


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


def run_settings(
    db: str,
    base_url: str | None,
    profile: str,
    overrides: dict[str, object],
    warc_dir: str | None = None,
) -> Settings:
    """The project settings with the command's options on top (options win over `-s`)."""
    extra = {"ARCHIVE_WARC_DIR": warc_dir} if warc_dir else {}
    return project_settings(
        {**overrides, **extra, "ARCHIVE_DB": db, "ARCHIVE_PROFILE": profile,
         "ARCHIVE_BASE_URL": base_url}
    )  # fmt: skip


def run_spider(settings: Settings, spider: str, process: CrawlerProcess | None = None):
    """Run `spider` ("portal" or "harvest") with `settings`, holding the archive's lock.

    The site is loaded first (a bad profile fails before anything is touched); a harvest gets
    the archive's frontier, read under the lock. Blocks until the run ends.
    """
    if spider not in SPIDERS:
        raise ValueError(f"no spider {spider!r}; expected one of {', '.join(SPIDERS)}")
    load_site(settings.get("ARCHIVE_PROFILE"), settings.get("ARCHIVE_BASE_URL"))
    db = settings.get("ARCHIVE_DB")
    try:
        with archive_lock(db):
            kwargs: dict[str, Any] = {}
            if spider == "harvest":
                kwargs["frontier"] = _frontier(settings, db)
            return _run(process or CrawlerProcess(settings), spider, **kwargs)
    except Locked as error:
        return CrawlResult("locked", str(error), None, EXIT_LOCKED)


def _frontier(settings: Settings, db: str):
    since = window_start(
        settings.getfloat("ARCHIVE_REVISIT_DAYS"), settings.get("ARCHIVE_REVISIT_END")
    )
    archive = open_db(db)
    try:
        return load_frontier(archive, since, settings.getbool("ARCHIVE_HARVEST_FULL"))
    finally:
        archive.close()


def _run(process: CrawlerProcess, spider: str, **spider_kwargs: Any) -> CrawlResult:
    crawler = process.create_crawler(spider)
    process.crawl(crawler, **spider_kwargs)
    process.start()
    stats = crawler.stats.get_stats()
    status = stats.get("archive/status", "failed")
    code = {"ok": EXIT_OK, "partial": EXIT_PARTIAL}.get(status, EXIT_FAILED)
    return CrawlResult(status, summary_line(stats), stats.get("archive/crawl_id"), code)


def run_crawl(
    db: str,
    base_url: str | None,
    profile: str,
    overrides: dict[str, object],
    warc_dir: str | None = None,
) -> CrawlResult:
    """Crawl the profile's site (or `base_url`) into `db`; blocks until the crawl ends."""
    return run_spider(run_settings(db, base_url, profile, overrides, warc_dir), "portal")


def run_harvest(
    db: str,
    base_url: str | None,
    profile: str,
    overrides: dict[str, object],
    full: bool = False,
    warc_dir: str | None = None,
) -> CrawlResult:
    """Harvest what is new (and, with `full`, every edit) into `db`."""
    overrides = {**overrides, "ARCHIVE_HARVEST_FULL": full}
    return run_spider(run_settings(db, base_url, profile, overrides, warc_dir), "harvest")
