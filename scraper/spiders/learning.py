"""What a generic crawl learns as it goes: which URL shapes hold articles, which pages are
listings, what follows an article's body. Plain Python (no Scrapy), bounded in memory.

Each page fetched is counted under its URL shape (`scraper.sites.shapes.path_shape`); a page
that looked like an article goes to extraction, and what extraction finds (a title, a date, a
body of running text) confirms it or not (`judge`). Links are then followed by what their shape
has held so far: confirmed article shapes first, listings next, and a shape of many pages of
which none looked like an article not at all.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scraper.sites.draft import Findings
from scraper.sites.shapes import path_shape, url_hint

MIN_ARTICLE_WORDS = 60  # words of body an extracted article has at least
DEAD_SHAPE = 20  # pages of one shape, none article-like: its links are no longer followed
CHROME_SHARE = 0.2  # a link on more than this share of pages is site chrome, not a listing's
LISTING_LINKS = 3  # a page with this many article links of its own is a listing
KEEP_PAGES = 60  # article pages kept (their text) to learn where bodies end
PRIORITY = {"article-shape": 30, "listing": 20, "article": 10, "unknown": 0}


@dataclass
class ShapeCount:
    pages: int = 0
    candidates: int = 0  # pages that looked like articles
    confirmed: int = 0  # ... and that extraction confirmed


@dataclass
class Learner:
    base_url: str
    shapes: dict[str, ShapeCount] = field(default_factory=lambda: defaultdict(ShapeCount))
    pages: int = 0  # HTML pages fetched
    candidates: int = 0
    confirmed: list[str] = field(default_factory=list)
    rejected: int = 0
    title: str = ""
    links_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # non-article pages
    link_pages: Counter = field(default_factory=Counter)  # link -> pages it is on
    link_texts: dict[str, str] = field(default_factory=dict)
    print_urls: list[str] = field(default_factory=list)
    date_lines: list[str] = field(default_factory=list)
    trailing: list[tuple[str, ...]] = field(default_factory=list)
    kept_pages: dict[str, str] = field(default_factory=dict)  # URL -> HTML, a few
    bodies: dict[str, str] = field(default_factory=dict)  # content hash -> the article's URL
    duplicates: int = 0
    other_hosts: Counter = field(default_factory=Counter)  # sibling hosts linked: aliases?
    case_duplicates: int = 0  # ... whose URL differs only in letter case (a case-blind server)

    def saw_page(self, url: str, candidate: bool, title: str | None = None) -> None:
        self.pages += 1
        count = self.shapes[path_shape(url)]
        count.pages += 1
        if candidate:
            count.candidates += 1
            self.candidates += 1
        if url_hint(url) == "home" and title and not self.title:
            self.title = title

    def keep_page(self, url: str, html: str) -> None:
        if len(self.kept_pages) < KEEP_PAGES:
            self.kept_pages[url] = html

    def saw_links(self, url: str, links: dict[str, str], candidate: bool) -> None:
        """The page's in-scope links (URL -> link text)."""
        for link, text in links.items():
            self.link_pages[link] += 1
            if text and link not in self.link_texts and len(self.link_texts) < 20_000:
                self.link_texts[link] = text
        if not candidate and len(self.links_of) < 20_000:
            self.links_of[url] = tuple(links)[:300]

    def saw_other_host(self, url: str) -> None:
        """A link off the site: a sibling host of the same name (`mail.`, `www.`) may be an
        alias the site answers on too."""
        parts = urlsplit(url)
        host, own = parts.netloc.lower(), urlsplit(self.base_url).netloc.lower()
        if (
            parts.scheme in ("http", "https")
            and host != own
            and (host.endswith("." + own) or own.endswith("." + host))
        ):
            self.other_hosts[host] += 1

    def saw_print_link(self, url: str) -> None:
        if url not in self.print_urls and len(self.print_urls) < 1000:
            self.print_urls.append(url)

    def judge(self, url: str, title: str | None, date_raw: str | None, published: str | None,
              words: int, content_hash: str | None = None) -> bool:  # fmt: skip
        """Whether an extracted page is an article: a title, a date, a body of running text,
        and not the same article as one kept under another URL (a URL variant)."""
        ok = bool(title) and bool(published or date_raw) and words >= MIN_ARTICLE_WORDS
        if ok and content_hash:
            first = self.bodies.setdefault(content_hash, url)
            if first != url:
                self.duplicates += 1
                self.case_duplicates += first.lower() == url.lower()
                return False
        if ok:
            self.confirmed.append(url)
            self.shapes[path_shape(url)].confirmed += 1
            if date_raw:
                self.date_lines.append(date_raw)
        else:
            self.rejected += 1
        return ok

    def saw_trailing(self, lines: tuple[str, ...]) -> None:
        self.trailing.append(lines)

    def priority(self, url: str) -> int | None:
        """The request priority of a link by what its shape has held; None: do not follow."""
        hint = url_hint(url)
        if hint == "skip":
            return None
        count = self.shapes.get(path_shape(url))
        if count and count.confirmed >= 2 and count.confirmed * 2 >= count.candidates:
            return PRIORITY["article-shape"]
        if count and count.pages >= DEAD_SHAPE and not count.candidates and hint != "listing":
            return None
        return PRIORITY.get(hint, 0)

    def listings(self) -> list[str]:
        """Pages (not the home page) that link to confirmed articles of their own, not only
        to the articles every page links to (latest news, a menu)."""
        articles = set(self.confirmed)
        chrome = max(2, CHROME_SHARE * self.pages)
        found = []
        for url, links in self.links_of.items():
            own = [x for x in links if x in articles and self.link_pages[x] <= chrome]
            if len(own) >= LISTING_LINKS and urlsplit(url).path not in ("", "/"):
                found.append(url)
        return found

    def findings(self, base_url: str, alias_hosts: tuple[str, ...]) -> Findings:
        return Findings(
            base_url=base_url,
            title=self.title,
            alias_hosts=(*alias_hosts, *sorted(self.other_hosts)),
            article_urls=tuple(self.confirmed),
            listing_urls=tuple(self.listings()),
            print_urls=tuple(self.print_urls),
            link_texts=dict(self.link_texts),
            date_lines=tuple(self.date_lines),
            trailing_lines=tuple(self.trailing),
            pages=self.pages,
            case_blind=self.case_duplicates > 0,
        )

    def verdict(self) -> str:
        """The summary's sentence on what the crawl found."""
        found = len(self.confirmed)
        line = f"generic crawl: {found} article-like pages of {self.pages} fetched"
        if found < max(3, 0.05 * self.pages):
            line += "; this does not look like a news portal"
        if self.duplicates:
            line += f"; {self.duplicates} pages were the same article under another URL"
        return line
