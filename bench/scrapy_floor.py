"""Scrapy's request path alone: every URL our crawl captured from the replica, fetched again by
a spider that does nothing with the responses (no parsing, no extraction, no WARC, no
database), with the bench's settings (politeness off). No crawl built on Scrapy that fetches
those URLs can take less wall time than this; against wget + trafilatura in the same run it
bounds what any change inside the crawler can reach.

`python -m bench.scrapy_floor URLS_FILE` runs the spider (one URL per line).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from bench.procs import PYTHON, run_measured, start_replica
from bench.scenarios import FAST


def captured_urls(db: Path) -> list[str]:
    """The URLs of the responses a crawl stored into `db`'s WARC index (on the replica's own
    host: pictures of other hosts came through a proxy, and alias lines are not fetches)."""
    urls = []
    with open(db.parent / "warcs" / "index.cdxj", encoding="utf-8") as index:
        for line in index:
            record = json.loads(line.split(" ", 2)[2])
            if "alias_of" not in record and record.get("mime") != "warc/revisit":
                urls.append(record["url"])
    return urls


def scrapy_floor(db: Path, articles: int, port: int) -> dict:
    """Fetch again, with Scrapy alone, what the crawl into `db` fetched from a replica served
    on `port` (the crawl's own port, so the URLs are the same)."""
    host = f"127.0.0.1:{port}"
    urls = [u for u in captured_urls(db) if urlsplit(u).netloc == host]
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "urls.txt"
        listing.write_text("\n".join(urls), encoding="utf-8")
        server = start_replica(articles, port=port)
        try:
            usage = run_measured([PYTHON, "-m", "bench.scrapy_floor", str(listing)])
        finally:
            server.stop()
    return {"requests": len(urls), "usage": usage, "ok": usage.returncode == 0}


def report_scrapy_floor(db: Path, articles: int, port: int, ours: dict, base: dict) -> None:
    """Figure 3b: Scrapy alone against our crawl and wget + trafilatura of the same run."""
    f = scrapy_floor(db, articles, port)
    usage = f["usage"]
    print(f"3b. Scrapy alone, N={articles}: the crawl's {f['requests']} requests to the replica "
          f"again, responses dropped: {usage.wall:.1f}s, {usage.cpu:.1f}s CPU "
          f"({usage.cpu / max(1, f['requests']) * 1000:.2f} ms CPU per request)"
          f"{'' if f['ok'] else ', NOT OK'}")  # fmt: skip
    if "wall" in base:
        print(f"   => wget + trafilatura is {base['wall'] / usage.wall:.2f}x Scrapy alone (the "
              f"most a crawl on Scrapy fetching these requests can reach); our crawl takes "
              f"{ours['wall'] / usage.wall:.2f}x Scrapy alone's time")  # fmt: skip


def _run(urls_file: str) -> int:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    urls = Path(urls_file).read_text("utf-8").split()

    class Fetch(scrapy.Spider):
        name = "fetch-only"

        async def start(self):
            for url in urls:
                yield scrapy.Request(url, callback=self.parse, dont_filter=True)

        def parse(self, response):
            return None

    settings = {
        **{k: v for k, v in FAST.items() if k != "ARCHIVE_PROGRESS_INTERVAL"},
        "ROBOTSTXT_OBEY": True,
        "TELNETCONSOLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "CONCURRENT_ITEMS": 1,  # Scrapy starts this many tasks per response (default 100)
    }
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(Fetch)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    got = stats.get("response_received_count", 0)
    print(f"{got} responses of {len(urls)} requests", file=sys.stderr)
    return 0 if got >= len(urls) else 1


if __name__ == "__main__":
    sys.exit(_run(sys.argv[1]))
