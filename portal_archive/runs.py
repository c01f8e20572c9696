"""Running a crawl or a harvest: the lock, settings assembly and the result an archivist (or
cron) reads. `portal-archive crawl|harvest` and `scrapy crawl portal|harvest` both come here."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from archive import reserve
from archive.db.frontier import load_frontier, window_start
from archive.db.schema import open_db
from archive.lock import Locked, archive_lock, warc_folder_lock
from archive.paths import lock_path, log_path
from portal_archive.preflight import (
    RunRefused,
    check_db_path,
    check_log,
    check_warc_dir,
    os_problem,
    prepare_archive,
)
from scraper.extensions import summary_line
from scraper.sites import ProfileError, Site, load_site

# Exit statuses (documented in the README; cron lines rely on them).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2  # click's own status for a bad command line
EXIT_PARTIAL = 3
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the archive; try again later
SPIDERS = ("portal", "harvest", "discover")


# A run's status in `crawls.status` and the exit status it gives.
EXIT_CODES = {"ok": EXIT_OK, "partial": EXIT_PARTIAL, "failed": EXIT_FAILED,
              "interrupted": EXIT_FAILED}  # fmt: skip


@dataclass(frozen=True)
class CrawlResult:
    status: str  # crawls.status ("ok", "partial", "failed", "interrupted"), or "locked"/"refused"
    summary: str
    crawl_id: int | None
    exit_code: int
    log: str | None = None  # where Scrapy's log went, when not to the terminal
    cause: BaseException | None = None  # why a run was refused (shown with --debug)


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
    verbose: bool = True,
) -> Settings:
    """The project settings with the command's options on top (options win over `-s`). Unless
    `verbose`, Scrapy's log goes to a file beside the archive and progress to the terminal."""
    extra: dict[str, object] = {"ARCHIVE_WARC_DIR": warc_dir} if warc_dir else {}
    if not verbose:
        live = sys.stderr.isatty()
        extra.update(LOG_FILE=str(log_path(db)), LOG_FILE_APPEND=True,
                     ARCHIVE_PROGRESS_OUTPUT="live" if live else "lines")  # fmt: skip
    return project_settings(
        {**overrides, **extra, "ARCHIVE_DB": db, "ARCHIVE_PROFILE": profile,
         "ARCHIVE_BASE_URL": base_url}
    )  # fmt: skip


def run_spider(settings: Settings, spider: str, process: CrawlerProcess | None = None):
    """Run `spider` ("portal" or "harvest") with `settings`, holding the archive's lock and its
    WARC folder's.

    Everything that can be checked is checked first (the profile, the database and its folder,
    the WARC folder, the log, the site the archive holds), each problem one line
    (`CrawlResult` "refused"); a harvest gets the archive's frontier, read under the lock.
    Blocks until the run ends.
    """
    if spider not in SPIDERS:
        raise ValueError(f"no spider {spider!r}; expected one of {', '.join(SPIDERS)}")
    try:
        return _locked_run(settings, spider, process)
    except Locked as error:
        return CrawlResult("locked", str(error), None, EXIT_LOCKED)
    except RunRefused as error:
        return CrawlResult("refused", error.message, None, error.exit_code, cause=error)


def _locked_run(settings: Settings, spider: str, process: CrawlerProcess | None) -> CrawlResult:
    try:
        site = load_site(settings.get("ARCHIVE_PROFILE"), settings.get("ARCHIVE_BASE_URL"))
    except ProfileError as error:
        raise RunRefused(str(error), EXIT_USAGE) from error
    if spider == "portal" and is_generic(site):
        spider = "discover"  # a portal without a profile: its crawl discovers the articles
    db = settings.get("ARCHIVE_DB")
    check_db_path(db)
    log = check_log(db) if settings.get("LOG_FILE") else None
    with ExitStack() as held:
        try:
            held.enter_context(archive_lock(db))
        except OSError as error:
            raise os_problem(lock_path(db), error) from error
        folder = check_warc_dir(db, settings.get("ARCHIVE_WARC_DIR"))
        if folder is not None:
            held.enter_context(warc_folder_lock(folder))
        prepare_archive(db, site)
        kwargs: dict[str, Any] = {}
        if spider == "harvest":
            kwargs["frontier"] = _frontier(settings, db, site.name)
        try:
            result = _run(process or CrawlerProcess(settings), spider, **kwargs)
        finally:
            reserve.release(db)
    return CrawlResult(result.status, result.summary, result.crawl_id, result.exit_code,
                       str(log) if log else None)  # fmt: skip


def _frontier(settings: Settings, db: str, site: str):
    since = window_start(
        settings.getfloat("ARCHIVE_REVISIT_DAYS"), settings.get("ARCHIVE_REVISIT_END")
    )
    archive = open_db(db)
    try:
        return load_frontier(archive, since, settings.getbool("ARCHIVE_HARVEST_FULL"), site)
    finally:
        archive.close()


def _run(process: CrawlerProcess, spider: str, **spider_kwargs: Any) -> CrawlResult:
    crawler = process.create_crawler(spider)
    process.crawl(crawler, **spider_kwargs)
    process.start()
    stats = crawler.stats.get_stats()
    status = stats.get("archive/status", "failed")
    summary = summary_line(stats)
    if failure := stats.get("archive/failure"):
        summary = f"{failure}; {summary}"
    if generic := stats.get("archive/generic"):
        summary += f"; {generic}"
    if unrecorded := stats.get("archive/unrecorded"):
        summary += f"; not recorded in the archive ({unrecorded})"
    code = EXIT_CODES.get(status, EXIT_FAILED)
    return CrawlResult(status, summary, stats.get("archive/crawl_id"), code)


def run_crawl(
    db: str,
    base_url: str | None,
    profile: str,
    overrides: dict[str, object],
    warc_dir: str | None = None,
    verbose: bool = True,
) -> CrawlResult:
    """Crawl the profile's site (or `base_url`) into `db`; blocks until the crawl ends. A
    generic profile's crawl discovers the site's articles itself (the `discover` spider)."""
    settings = run_settings(db, base_url, profile, overrides, warc_dir, verbose)
    return run_spider(settings, "portal")


def is_generic(site: Site) -> bool:
    """A site whose rules are the generic ones: its crawl discovers its articles itself."""
    from scraper.sites.generic import GenericRules

    return isinstance(site.rules, GenericRules)


def crawl_spider(profile: str) -> str:
    """`discover` for the generic profile (or one with its rules), else `portal`."""
    try:
        return "discover" if is_generic(load_site(profile)) else "portal"
    except ProfileError:
        return "portal"  # refused with its message by the run itself


def run_harvest(
    db: str,
    base_url: str | None,
    profile: str,
    overrides: dict[str, object],
    full: bool = False,
    warc_dir: str | None = None,
    verbose: bool = True,
) -> CrawlResult:
    """Harvest what is new (and, with `full`, every edit) into `db`."""
    overrides = {**overrides, "ARCHIVE_HARVEST_FULL": full}
    settings = run_settings(db, base_url, profile, overrides, warc_dir, verbose)
    return run_spider(settings, "harvest")
