"""Running a crawl in-process: settings assembly and the result an archivist reads."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from pipelines.progress import summary_line
from scraper.profiles import load_profile

# Exit statuses (documented in the README; cron lines rely on them).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_PARTIAL = 3


@dataclass(frozen=True)
class CrawlResult:
    status: str  # "ok", "partial", "failed"
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


def run_crawl(
    db: str, base_url: str | None, profile: str, overrides: dict[str, object]
) -> CrawlResult:
    """Crawl the profile's site (or `base_url`) into `db`; blocks until the crawl ends."""
    load_profile(profile, base_url)  # fail fast, with the profile's own message
    settings = project_settings(
        {**overrides, "ARCHIVE_DB": db, "ARCHIVE_PROFILE": profile, "ARCHIVE_BASE_URL": base_url}
    )
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("portal")
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    status = stats.get("archive/status", "failed")
    code = {"ok": EXIT_OK, "partial": EXIT_PARTIAL}.get(status, EXIT_FAILED)
    return CrawlResult(status, summary_line(stats), stats.get("archive/crawl_id"), code)
