"""The `discover` spider: a crawl of a portal no profile describes (`--profile generic`).

It reads what the site says of itself first (robots.txt `Sitemap:` lines, /sitemap.xml, the
feeds the home page announces), then follows links, judging each page: one that looks like an
article (`scraper.extraction.signals`) goes to the generic extraction as an article, and what
extraction finds confirms it or drops it (`judge_extraction`, called by the extraction
pipeline), so a site that is not a news portal leaves few rows and says so in the summary.
Politeness, limits and captures are the `portal` spider's (same middlewares, same items);
besides them, a generic crawl schedules at most ARCHIVE_GENERIC_MAX_PAGES pages, and stops
following links when ARCHIVE_GENERIC_GIVE_UP pages have shown no article. With
ARCHIVE_WRITE_PROFILE set it writes a draft profile of what it learned when it closes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse

from scraper.extraction.blocks import parse_html, text_blocks
from scraper.extraction.signals import looks_like_article, page_signals
from scraper.extraction.text import clean_line
from scraper.failures import SKIPPED
from scraper.items import FetchError, utc_now
from scraper.sites.draft import draft_profile
from scraper.sites.shapes import is_print_link, url_hint
from scraper.spiders.learning import Learner
from scraper.spiders.portal import PortalSpider, attempt_errors
from scraper.spiders.sources import announced_feeds, read_listed, robots_sitemaps
from scraper.urls import canonicalize, is_attachment

# Answers to a probe for robots.txt or a sitemap that only mean "not here".
PROBE_STATUSES = [401, 403, 404, 410, 500, 502, 503]
PROBE_META = "discover_probe"
TRAILING_LINES = 4  # lines after an article's body looked at for end markers


class DiscoverSpider(PortalSpider):
    name = "discover"

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> DiscoverSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_pages = settings.getint("ARCHIVE_GENERIC_MAX_PAGES")
        spider.give_up = settings.getint("ARCHIVE_GENERIC_GIVE_UP")
        spider.draft_path = settings.get("ARCHIVE_WRITE_PROFILE")
        # A page is judged on as much of it as extraction would read.
        spider.max_chars = settings.getint("ARCHIVE_EXTRACT_MAX_CHARS")
        spider.learner = Learner(spider.profile.base_url)
        spider.stopped: str | None = None
        crawler.signals.connect(spider.report, signal=signals.spider_closed)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        base = self.profile.base_url
        self.scheduled.update((base, base + "robots.txt", base + "sitemap.xml"))
        yield self.request(base)
        yield self.probe(base + "robots.txt")
        yield self.probe(base + "sitemap.xml")

    def probe(self, url: str) -> scrapy.Request:
        """A request for a list of the site's pages (robots.txt, a sitemap, a feed)."""
        return scrapy.Request(
            url, callback=self.parse_listed, errback=self.on_error, priority=40,
            meta={"handle_httpstatus_list": PROBE_STATUSES, PROBE_META: True},
        )  # fmt: skip

    def parse_listed(self, response: Response) -> Iterator[Any]:
        yield from attempt_errors(response.request.url, response.meta, "recovered")
        if response.status != 200 or not isinstance(response, TextResponse):
            return
        base = self.profile.base_url
        if response.url.endswith("/robots.txt"):
            for sitemap in robots_sitemaps(response.text, base):
                yield from self.schedule_probe(sitemap)
            return
        listed = read_listed(response.url, response.text, base)
        if listed is None:
            return
        for sitemap in listed.sitemaps:
            yield from self.schedule_probe(sitemap)
        for page in listed.pages:
            yield from self.follow(page, response.url, text="")

    def schedule_probe(self, url: str) -> Iterator[scrapy.Request]:
        target = canonicalize(url, self.profile)
        if target is not None and target not in self.scheduled:
            self.scheduled.add(target)
            yield self.probe(target)

    def parse(self, response: Response) -> Iterator[Any]:
        yield from attempt_errors(response.request.url, response.meta, "recovered")
        if not isinstance(response, TextResponse) or response.status != 200:
            return
        url = canonicalize(response.url, self.profile) or response.url
        if "html" not in response.headers.get("Content-Type", b"text/html").decode().lower():
            yield from self.parse_listed(response)
            return
        signals_ = page_signals(response.text[: self.max_chars])
        candidate = (
            signals_ is not None
            and looks_like_article(signals_)
            and url_hint(url) not in ("home", "skip")
        )
        self.learner.saw_page(url, candidate, signals_.title if signals_ else None)
        links = self.page_links(response)
        if candidate:
            self.learner.keep_page(url, response.text)
            yield self.capture(response, url, "article", None, links.image_alts)
        first = canonicalize(response.meta.get("redirect_urls", [response.url])[0], self.profile)
        home = self.profile.base_url in (url, first)
        if candidate or home or url_hint(url) == "listing":
            yield from self.embeds.of_requisites(links.requisites, url)
        if home:
            for feed in announced_feeds(response.text, url, self.profile.base_url):
                yield from self.schedule_probe(feed)
        yield from self.follow_page_links(response, url, candidate)

    def follow_page_links(self, response: Response, url: str, candidate: bool):
        links: dict[str, str] = {}
        for anchor in response.xpath("//a[@href]"):
            target = self.canonical(anchor.attrib["href"], response.url)
            if target is None:
                self.learner.saw_other_host(response.urljoin(anchor.attrib["href"]))
                continue
            if target == url:
                continue
            text = clean_line(" ".join(anchor.xpath(".//text()").getall()))
            links.setdefault(target, text)
        self.learner.saw_links(url, links, candidate)
        for target, text in links.items():
            if candidate and is_print_link(target, text):
                self.learner.saw_print_link(target)
                continue
            if is_attachment(target, self.attachment_exts):
                if candidate and target not in self.scheduled:
                    self.scheduled.add(target)
                    yield self.attachment(target, url)
                continue
            yield from self.follow(target, url, text)

    def follow(self, link: str, source: str, text: str) -> Iterator[Any]:
        target = canonicalize(link, self.profile)
        if target is None or target in self.scheduled or self.stopped:
            return
        priority = self.learner.priority(target)
        if priority is None:
            return
        if self.stop_reason() is not None:
            yield self.stop_record(target, source)
            return
        self.scheduled.add(target)
        yield scrapy.Request(target, callback=self.parse, errback=self.on_error,
                             priority=priority)  # fmt: skip

    def stop_reason(self) -> str | None:
        learner = self.learner
        pages = len(self.scheduled)
        if self.max_pages and pages >= self.max_pages:
            return (f"stopped following links at {pages} pages (ARCHIVE_GENERIC_MAX_PAGES="
                    f"{self.max_pages})")  # fmt: skip
        articles = learner.candidates - learner.rejected  # confirmed, or still in extraction
        if self.give_up and learner.pages >= self.give_up and articles * 50 < learner.pages:
            return (f"stopped following links after {learner.pages} pages, {max(articles, 0)} "
                    f"of them article-like (ARCHIVE_GENERIC_GIVE_UP={self.give_up})")  # fmt: skip
        return None

    def stop_record(self, target: str, source: str) -> FetchError:
        """The one `errors` row (skipped) that says why no more links are followed."""
        self.stopped = self.stop_reason()
        self.crawler.stats.set_value("archive/generic_stopped", self.stopped)
        return FetchError(url=target, kind="page-limit", message=f"{self.stopped}; linked from "
                          f"{source}", occurred_at=utc_now(), outcome=SKIPPED)  # fmt: skip

    def judge_extraction(self, url: str, extraction: Any) -> bool:
        """Called by the extraction pipeline: keep this page as an article?"""
        ok = self.learner.judge(
            url, extraction.title, extraction.published_raw, extraction.published,
            extraction.word_count, extraction.content_hash,
        )  # fmt: skip
        html = self.learner.kept_pages.pop(url, None)
        if ok and html is not None and extraction.body_text:
            self.learner.saw_trailing(trailing_lines(html, extraction.body_text))
        return ok

    def report(self, spider=None) -> None:
        verdict = self.learner.verdict()
        if self.stopped:
            verdict += f"; {self.stopped}"
        if self.draft_path:
            verdict += "; " + self.write_draft(Path(self.draft_path))
        self.crawler.stats.set_value("archive/generic", verdict)

    def write_draft(self, path: Path) -> str:
        findings = self.learner.findings(self.profile.base_url, self.profile.alias_hosts)
        try:
            path.write_text(draft_profile(findings), encoding="utf-8")
        except OSError as error:
            self.logger.error("Draft profile not written to %s: %s", path, error)
            return f"draft profile NOT written to {path}: {error.strerror or error}"
        return f"draft profile written to {path}"


def trailing_lines(html: str, body_text: str) -> tuple[str, ...]:
    """The text lines right after an article's body on its page."""
    paragraphs = [p for p in body_text.split("\n\n") if p.strip()]
    tail = clean_line(paragraphs[-1])[-40:] if paragraphs else ""
    if not tail:
        return ()
    lines = [clean_line(b.text) for b in text_blocks(parse_html(html)) if b.text]
    end = next((i for i, line in enumerate(lines) if tail in line), None)
    if end is None:
        return ()
    return tuple(line for line in lines[end + 1 : end + 1 + TRAILING_LINES] if line)
