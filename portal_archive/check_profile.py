"""`portal-archive check-profile`: try a profile on a live site before crawling it.

It fetches a few pages politely (robots.txt obeyed, one request at a time with a delay): the
home page, page 1 of each category's listing (capped), a couple of the articles they list and
those articles' print views, and says what the profile finds on each, with warnings for what
looks wrong. The extraction is the crawl's own (`extract_page`), so what it shows is what a
crawl would store.
"""

from __future__ import annotations

import re
import ssl
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import zip_longest
from urllib.parse import urljoin

from scraper.extraction import Extraction, ExtractionLimits, extract_page
from scraper.extraction.blocks import parse_html
from scraper.extraction.text import casefold
from scraper.sites import Site
from scraper.urls import canonicalize

# Lines that should not be in a body: counters, labels a profile did not claim, bare URLs.
NOISE_HINTS = (
    re.compile(r"^(?:Lượt xem|Lượt đọc|Số lượt xem|Lượt truy cập|Số người online|Hôm nay)\s*:?"),
    re.compile(r"^(?:Tác giả|Nguồn|Nguồn tin|Người viết)\s*:"),
    re.compile(r"^https?://\S+$"),
)
MAX_BYTES = 5_000_000
_UNVERIFIED = ssl._create_unverified_context()  # noqa: S323 - as the crawl: see Fetcher


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int  # 0: no answer (`error` says why)
    content_type: str | None
    body: bytes
    error: str | None = None


class Fetcher:
    """GETs with the crawl's User-Agent, `delay` seconds apart, robots.txt obeyed. TLS
    certificates are not verified, as the crawl (Scrapy's default) does not: government
    servers' chains are often incomplete, and an archive takes what the site serves."""

    def __init__(self, user_agent: str, delay: float, timeout: float = 30.0) -> None:
        self.user_agent, self.delay, self.timeout = user_agent, delay, timeout
        self._last = 0.0
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self.count = 0

    def _wait(self) -> None:
        pause = self._last + self.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last = time.monotonic()

    def _raw(self, url: str) -> Fetched:
        self._wait()
        self.count += 1
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout,
                                        context=_UNVERIFIED) as response:  # fmt: skip
                body = response.read(MAX_BYTES)
                return Fetched(response.url, response.status, response.headers["Content-Type"],
                               body)  # fmt: skip
        except urllib.error.HTTPError as exc:
            return Fetched(url, exc.code, exc.headers.get("Content-Type"), b"")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            return Fetched(url, 0, None, b"", f"no answer: {reason}")

    def allowed(self, url: str) -> bool:
        root = urljoin(url, "/")
        if root not in self._robots:
            parser = urllib.robotparser.RobotFileParser()
            robots = self._raw(urljoin(root, "/robots.txt"))
            parser.parse(robots.body.decode("utf-8", "replace").splitlines()
                         if robots.status == 200 else [])  # fmt: skip
            self._robots[root] = parser
        return self._robots[root].can_fetch(self.user_agent, url)

    def get(self, url: str) -> Fetched | None:
        """The page, or None when robots.txt says no."""
        return self._raw(url) if self.allowed(url) else None


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    articles: list[Extraction] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)

    def warn(self, line: str) -> None:
        self.warnings.append(line)

    def missing(self) -> str | None:
        """What the checked articles lack (title, date, body), or None when all have them."""
        if not self.articles:
            return "no article found: check urls.article, categories and urls.listing_url"
        lacks = {
            "title": [a for a in self.articles if not a.title],
            "date": [a for a in self.articles if not a.published],
            "body": [a for a in self.articles if not a.body_text.strip()],
        }
        hints = {"title": "title_from", "date": "dates.article and dates.formats",
                 "body": "body_end_markers"}  # fmt: skip
        found = [f"{name} on {len(bad)} of {len(self.articles)} articles (see {hints[name]})"
                 for name, bad in lacks.items() if bad]  # fmt: skip
        return "missing " + "; ".join(found) if found else None


def _failure(page: Fetched | None) -> str:
    if page is None:
        return "robots.txt disallows it"
    return page.error or f"HTTP {page.status}"


def _links(site: Site, page: Fetched) -> list[str]:
    root = parse_html(page.body.decode("utf-8", "replace"))
    found = (canonicalize(a.get("href") or "", site.profile, base=page.url)
             for a in root.iter("a"))  # fmt: skip
    return list(dict.fromkeys(u for u in found if u))


def _listing(site: Site, fetcher: Fetcher, url: str, report: Report) -> list[str]:
    page = fetcher.get(url)
    if page is None or page.status != 200:
        report.warn(f"listing {url}: {_failure(page)}")
        return []
    info = site.page_info(canonicalize(page.url, site.profile) or page.url)
    articles, following = [], None
    for link in _links(site, page):
        target = site.page_info(link)
        if target.kind == "article" and target.category == info.category:
            articles.append(link)
        elif site.rules.is_next_page(info, target):
            following = following or link
    if info.kind != "listing":
        report.warn(f"listing {url}: urls.listing does not match it (it is {info.kind!r})")
    report.say(f"listing  {url}  {page.status}  items {len(articles)}  next {following or '-'}")
    if not articles:
        report.warn(f"listing {url}: no article links (check urls.article and categories)")
    return articles


def _first_words(text: str, words: int = 12) -> str:
    found = text.split()
    return " ".join(found[:words]) + (" …" if len(found) > words else "")


def _article_warnings(site: Site, found: Extraction, url: str) -> list[str]:
    warnings = []
    if found.method != "profile":
        warnings.append(f"article {url}: no date line for dates.article: generic rules were "
                        "used (title, author and body by guesswork)")  # fmt: skip
    if not found.published:
        problem = found.date_problem or "missing"
        warnings.append(f"article {url}: no date found ({problem}; raw {found.published_raw!r})")
    title = found.title or ""
    if casefold(title) == casefold(site.profile.title) or "http://" in title:
        warnings.append(f"article {url}: title {title!r} is the site's name, not the article's")
    for line in found.body_text.split("\n\n"):
        if any(p.search(line) for p in (*NOISE_HINTS, *site.profile.noise_lines)):
            warnings.append(f"article {url}: body contains noise: {line[:60]!r} "
                            "(noise_lines or fields)")  # fmt: skip
            break
    return warnings


def _article(site: Site, fetcher: Fetcher, url: str, report: Report, now: datetime) -> None:
    page = fetcher.get(url)
    if page is None or page.status != 200:
        report.warn(f"article {url}: {_failure(page)}")
        return
    found = extract_page(page.body, page.content_type, url, site, ExtractionLimits(), now)
    report.articles.append(found)
    report.say(f"article  {url}  ({found.method} rules)")
    report.say(f"  title:  {found.title}")
    report.say(f"  date:   {found.published}  (printed {found.published_raw!r})")
    role = f" / {found.author_role}" if found.author_role else ""
    report.say(f"  author: {found.author}{role}")
    report.say(f"  body:   {len(found.body_text)} characters: {_first_words(found.body_text)}")
    for warning in _article_warnings(site, found, url):
        report.warn(warning)
    prints = [link for link in _links(site, page) if site.page_info(link).kind == "print"]
    if not prints:
        report.say("  print:  none linked")
        return
    view = fetcher.get(prints[0])
    if view is None or view.status != 200:
        report.warn(f"print {prints[0]}: {_failure(view)}")
        return
    printed = extract_page(view.body, view.content_type, prints[0], site, ExtractionLimits(), now)
    report.say(f"  print:  {prints[0]}  title {printed.title!r}, date {printed.published}")
    if printed.title != found.title:
        report.warn(f"print {prints[0]}: its title {printed.title!r} is not the article's")


def check_profile(
    site: Site, fetcher: Fetcher, categories: int = 5, articles: int = 2,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Report:  # fmt: skip
    """Fetch home, page 1 of up to `categories` listings and `articles` of their articles (one
    per listing first), and report what the profile finds on each."""
    report = Report()
    home = fetcher.get(site.base_url)
    status = home.status if home is not None and home.status else _failure(home)
    report.say(f"home     {site.base_url}  {status}")
    listed: list[list[str]] = []
    for slug, _name in site.profile.categories[:categories]:
        listed.append(_listing(site, fetcher, site.rules.listing_url(slug), report))
    if not site.profile.categories and home is not None:
        listed.append([u for u in _links(site, home) if site.page_info(u).kind == "article"])
    picks = [u for row in zip_longest(*listed) for u in row if u][:articles]
    for url in picks:
        _article(site, fetcher, url, report, now())
    return report


def run_check(
    site: Site, delay: float, categories: int, articles: int, say: Callable[..., None]
) -> int:
    """The command: check, print the report (`say`), and the exit status (0 or 1)."""
    from portal_archive.runs import project_settings

    fetcher = Fetcher(project_settings({}).get("USER_AGENT"), max(0.0, delay))
    report = check_profile(site, fetcher, max(1, categories), max(1, articles))
    say(f"Profile {site.name} at {site.base_url}")
    for line in report.lines:
        say(line)
    for warning in report.warnings:
        say(f"warning: {warning}")
    missing = report.missing()
    if missing:
        say(f"check-profile: {missing}", err=True)
        return 1
    say(f"OK: {len(report.articles)} articles with title, date and body "
        f"({fetcher.count} requests)")  # fmt: skip
    return 0
