"""`scrapy crawl portal|harvest`: the same run as `portal-archive crawl|harvest`.

Scrapy's own `crawl` would run the spider without the archive's lock and, for a harvest,
without the frontier; this one hands the project's spiders to the runner. `-a base_url=URL`
and `-a profile=NAME` are taken as ARCHIVE_BASE_URL / ARCHIVE_PROFILE.
"""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from portal_archive.runs import SPIDERS, run_spider

SPIDER_ARGUMENTS = {"base_url": "ARCHIVE_BASE_URL", "profile": "ARCHIVE_PROFILE"}


class Command(ScrapyCrawl):
    def short_desc(self) -> str:
        return "Run a spider: portal (crawl) or harvest, holding the archive's lock"

    def run(self, args: list[str], opts) -> None:
        if len(args) != 1:
            raise UsageError("expected one spider name: " + " or ".join(SPIDERS))
        if args[0] not in SPIDERS:
            super().run(args, opts)
            return
        settings = self.crawler_process.settings
        for argument, name in SPIDER_ARGUMENTS.items():
            if argument in opts.spargs:
                settings.set(name, opts.spargs.pop(argument), priority="cmdline")
        if opts.spargs:
            raise UsageError(
                f"unknown spider argument(s) {', '.join(opts.spargs)}; the project's spiders "
                f"take -a {' -a '.join(f'{a}=…' for a in SPIDER_ARGUMENTS)} (settings: -s)"
            )
        label = "Harvest" if args[0] == "harvest" else "Crawl"
        result = run_spider(settings, args[0], self.crawler_process)
        if result.status in ("locked", "refused"):
            print(f"{label} {result.status}: {result.summary}", file=sys.stderr)
        else:
            print(f"{label} {result.status} (crawl #{result.crawl_id}): {result.summary}")
        self.exitcode = result.exit_code
