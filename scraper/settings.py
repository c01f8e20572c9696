"""The one settings module. Project settings are ARCHIVE_*; each is declared once, here.

Defaults are polite enough for a fragile provincial government server. A benchmark or a test of
our own replica turns politeness off with `-s`, never by editing this file.
"""

from __future__ import annotations

import os

from scraper import __version__

BOT_NAME = "portal-archive"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"
# `scrapy crawl portal|harvest` goes through the runner (lock, frontier, exit status).
COMMANDS_MODULE = "portal_archive.scrapy_commands"

# Who we are and how to reach us: archivists' crawlers identify themselves.
ARCHIVE_CONTACT_URL = os.environ.get(
    "PORTAL_ARCHIVE_CONTACT", "https://github.com/portal-archive/portal-archive"
)
USER_AGENT = f"portal-archive/{__version__} (+{ARCHIVE_CONTACT_URL}; archival crawler)"

# Politeness: one request at a time per host, adaptive delay, robots.txt obeyed.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
# Scrapy starts this many asyncio tasks for every response's output (default 100): a page
# yields a few items at most, and at 100 the tasks alone were most of a fast crawl's CPU.
CONCURRENT_ITEMS = 8
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # ±50% around DOWNLOAD_DELAY
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60
# Transient failures are retried with exponential backoff (Scrapy >= 2.13 delays retries).
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Scrapy's list, plus a connection reset before any answer (Twisted's ResponseNeverReceived,
# which Scrapy 2.19 does not retry): a flaky server must not cost us a good page.
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.CannotResolveHostError",
    "scrapy.exceptions.DownloadConnectionRefusedError",
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectError",
    "twisted.internet.error.ConnectionLost",
    "twisted.web._newclient.ResponseNeverReceived",
    OSError,
    "scrapy.core.downloader.handlers.http11.TunnelError",
]
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
# The portal has no need for cookies; we never send any we were not configured with.
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Crawl traps stop here even if the profile's patterns let them through.
DEPTH_LIMIT = 0  # Scrapy's silent limit stays off: ARCHIVE_MAX_DEPTH records what it stops
DEPTH_PRIORITY = 0
REDIRECT_MAX_TIMES = 10
# Pages per run (0 = no limit); the crawl row keeps the reason ("closespider_pagecount").
CLOSESPIDER_PAGECOUNT = 0
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

ITEM_PIPELINES = {
    "pipelines.extraction.ExtractionPipeline": 300,
    "pipelines.storage.StoragePipeline": 800,
}
EXTENSIONS = {
    "scraper.extensions.CrawlProgress": 500,
    "scraper.extensions.SiteReach": 500,
}

# --- Project settings -------------------------------------------------------------------------
# Site profile: a name under scraper/profiles/ or a path to a YAML file.
ARCHIVE_PROFILE = "phutho"
# Serve the profile's site from elsewhere (the replica, a mirror); None = the profile's base_url.
ARCHIVE_BASE_URL = None
# The SQLite database the crawl writes to.
ARCHIVE_DB = os.environ.get("PORTAL_ARCHIVE_DB", "archive.db")
# Rows written per transaction; larger batches are faster, smaller lose less on a crash.
ARCHIVE_BATCH_SIZE = 100
# Fetch each article's print view and record it as belonging to the article.
ARCHIVE_FETCH_PRINT = True
# Seconds between progress lines (0 turns them off).
ARCHIVE_PROGRESS_INTERVAL = 5.0
# Where progress goes: "log" (Scrapy's log), "lines" (plain lines on standard error, for cron),
# "live" (one line redrawn in place on a terminal). `portal-archive` picks lines or live.
ARCHIVE_PROGRESS_OUTPUT = "log"
# Retry backoff: wait BASE * 2**(attempt-1) seconds (capped, jittered), or what Retry-After asks.
ARCHIVE_RETRY_BACKOFF_BASE = 2.0
ARCHIVE_RETRY_BACKOFF_MAX = 120.0
# Link depth from the start pages past which nothing is followed (0 = no limit). A harvest walks
# listings one "next page" at a time, so a category of 10,000 articles is 1,000 links deep; traps
# are stopped much earlier by ARCHIVE_MAX_TRAP_DEPTH.
ARCHIVE_MAX_DEPTH = 2000
# Consecutive links through pages that are neither home, listing, article nor print (static
# pages, calendars, odd paths) past which nothing is followed: crawler traps end here.
ARCHIVE_MAX_TRAP_DEPTH = 3
# Extraction of one page: seconds before it is abandoned (recorded), and the most HTML
# characters it is given (a larger page is cut there, recorded): bounded time and memory.
ARCHIVE_EXTRACT_TIMEOUT = 30.0
ARCHIVE_EXTRACT_MAX_CHARS = 4_000_000
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scraper.middlewares.retry.BackoffRetryMiddleware": 550,
    # After RedirectMiddleware (600): sees every request last and every response first.
    "scraper.middlewares.limits.HostFenceMiddleware": 950,
}
SPIDER_MIDDLEWARES = {
    "scraper.middlewares.limits.CrawlLimitsMiddleware": 950,
}
# Extraction runs in this many worker processes (0: one per core), off the crawler's event loop.
ARCHIVE_EXTRACT_WORKERS = 0
# Address-space cap of each extraction process in bytes (0: none); a page over it is an error.
ARCHIVE_EXTRACT_MAX_MEMORY = 2 * 1024**3

# --- Archival captures, attachments, harvests ---------------------------------------------------
# Where WARC files go; None = a `warcs/` folder beside ARCHIVE_DB (archive.paths); "" = none.
ARCHIVE_WARC_DIR = None
# Opens the WARC store the capture middleware writes to (the archive's, named not imported).
ARCHIVE_WARC_STORE = "archive.warc.open_capture_store"
# Start a new WARC file once the current one reaches this many bytes (Heritrix's default: 1 GB).
ARCHIVE_WARC_MAX_SIZE = 1_000_000_000
# WARC file names start with this.
ARCHIVE_WARC_PREFIX = "portal-archive"
# Files linked from articles that are archived with them (by the extension of the URL's path).
ARCHIVE_ATTACHMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "zip"]
# Larger attachments are not downloaded: they are recorded as skipped, with the reason.
ARCHIVE_ATTACHMENT_MAX_SIZE = 10 * 1024 * 1024
# Harvest: `--full` walks every listing page and revisits every archived article.
ARCHIVE_HARVEST_FULL = False
# Harvest: revisit (conditionally) the articles published within this many days of the window's
# end; the end is now, or ARCHIVE_REVISIT_END (an ISO date) to pin it for tests and backfills.
ARCHIVE_REVISIT_DAYS = 30
ARCHIVE_REVISIT_END = None
# Harvest: the first this many listing pages of every category are always walked, whatever
# they hold (pinned or back-dated posts sit below archived ones); paging goes on past them
# while a page holds anything new.
ARCHIVE_HARVEST_DEPTH = 3
# Harvest: the listing pages deeper than that are swept a slice per plain harvest, so each is
# walked at least once every this many harvests (28: a week of 6-hourly runs) without --full.
ARCHIVE_SWEEP_RUNS = 28
# Harvest: also fetch new and changed articles' print views, so their "In bài viết" link replays.
ARCHIVE_HARVEST_PRINT = True
# Page requisites of archived pages (pictures, stylesheets, scripts, fonts), fetched as embeds
# once per crawl; "off" turns them off. Embeds on other hosts are fetched, never crawled.
ARCHIVE_CAPTURE_EMBEDS = True
# A requisite larger than this is stopped at its headers and recorded as skipped.
ARCHIVE_EMBED_MAX_SIZE = 5 * 1024 * 1024
# Seconds an embed may take (a hot-linked host that never answers costs this, once, no more).
ARCHIVE_EMBED_TIMEOUT = 30.0
# Requisites fetched per page and per crawl (0 = no limit); each one past a limit is recorded.
ARCHIVE_EMBEDS_PER_PAGE = 200
ARCHIVE_EMBEDS_PER_CRAWL = 200_000
# An HTTP proxy for embeds on other hosts (an institution's proxy; the tests use the replica).
ARCHIVE_EMBED_PROXY = None
# Every response is written to WARC before the spider sees it; above Redirect (600) so that
# redirects and retried errors are captured too, below nothing that changes the body.
DOWNLOADER_MIDDLEWARES["scraper.middlewares.capture.WarcCaptureMiddleware"] = 650

# --- Generic crawls (`--profile generic`: a portal without a profile) ---------------------------
# Pages a generic crawl schedules at most (sitemaps, feeds and attachments included); past it,
# no more links are followed (one `errors` row, outcome skipped, says so).
ARCHIVE_GENERIC_MAX_PAGES = 2000
# After this many pages with fewer than one article-like page in 50, a generic crawl stops
# following links: the site is not a news portal (0 = never give up).
ARCHIVE_GENERIC_GIVE_UP = 150
# A path: the generic crawl writes a draft site profile of what it learned there.
ARCHIVE_WRITE_PROFILE = None
