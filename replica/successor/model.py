"""The successor site's values: articles (each knowing its URLs, ids, dates and, if migrated,
its old URL) and the queries its pages are built from. Ground truth for tests and profiles."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from replica.model.articles import Article
from replica.model.body_blocks import Body
from replica.model.files import ReplicaFile
from replica.successor import portal
from replica.successor.portal import Portal, PortalCategory

UTC_OFFSET = timedelta(hours=7)
ORIGINS = ("migrated", "new", "own", "cross-post")


def date_line(moment: datetime) -> str:
    """The article page's date (INFERRED form, see the room's docstring)."""
    return f"Cập nhật ngày: {moment:%d/%m/%Y %H:%M}"


def listing_date(moment: datetime) -> str:
    return f"({moment:%d/%m/%Y})"


@dataclass(frozen=True, slots=True)
class SuccessorArticle:
    """One published item of a successor portal.

    ``source`` is an article of the old site's model that holds the body (for a migrated
    article, the old site's own article: title and body text unchanged); ``origin`` is one of
    ``ORIGINS``; ``old_path`` the old site's path of a migrated article; ``credit`` the line a
    cross-post ends with; ``origin_path`` the school's path of a cross-posted article.
    """

    index: int
    article_id: int
    category_id: int
    title: str
    published: datetime
    views: int
    origin: str
    source: Article
    old_path: str | None = None
    credit: str | None = None
    origin_path: str | None = None

    @property
    def key(self) -> str:
        return f"s{self.article_id}"

    @property
    def print_id(self) -> int:
        return self.article_id

    @property
    def path(self) -> str:
        return portal.article_path(self.article_id, self.category_id)

    @property
    def print_path(self) -> str:
        return portal.print_path(self.article_id, self.category_id)

    @property
    def author(self) -> str | None:
        return self.source.author

    @property
    def date_line(self) -> str:
        return date_line(self.published)

    @property
    def body(self) -> Body:
        return self.source.body

    @property
    def paragraphs(self) -> tuple[str, ...]:
        own = self.source.paragraphs
        return (*own, self.credit) if self.credit else own

    @property
    def image_urls(self) -> tuple[str, ...]:
        return self.source.image_urls

    @property
    def files(self) -> tuple[ReplicaFile, ...]:
        return self.source.files

    def expected(self) -> dict[str, Any]:
        """Ground truth an extractor should produce for this article's page."""
        paragraphs = self.paragraphs
        return {
            "path": self.path,
            "print_path": self.print_path,
            "article_id": self.article_id,
            "category_id": self.category_id,
            "title": self.title,
            "published": self.published.isoformat() + "+07:00",
            "published_raw": self.date_line,
            "author": self.author,
            "origin": self.origin,
            "old_path": self.old_path,
            "origin_path": self.origin_path,
            "image_urls": list(self.image_urls),
            "files": [file.path for file in self.files],
            "first_paragraph": paragraphs[0],
            "last_paragraph": paragraphs[-1],
            "paragraph_count": len(paragraphs),
        }


class SuccessorSite:
    """All articles of one portal, oldest first, with the lookups the server needs."""

    def __init__(self, site_portal: Portal, seed: int, articles: list[SuccessorArticle]) -> None:
        self.portal = site_portal
        self.seed = seed
        self.articles = articles
        self.categories = list(site_portal.categories)
        self._categories = {category.id: category for category in site_portal.categories}
        self._by_path = {article.path: article for article in articles}
        self._by_id = {article.article_id: article for article in articles}
        self._by_category: dict[int, list[SuccessorArticle]] = {c: [] for c in self._categories}
        for article in articles:
            self._by_category[article.category_id].append(article)
        urls = [url for article in articles for url in article.image_urls]
        self.image_paths = frozenset(url for url in urls if url.startswith("/"))
        self.foreign_images = frozenset(url for url in urls if "://" in url)
        self.files: dict[str, ReplicaFile] = {
            file.path: file for article in articles for file in article.files
        }
        self._validators: dict[int, tuple[str, datetime]] = {}

    def validators(self, article: SuccessorArticle) -> tuple[str, datetime]:
        """(ETag, Last-Modified in UTC): they change only when the article itself does."""
        found = self._validators.get(article.article_id)
        if found is None:
            text = "\x1f".join((article.title, article.author or "", *article.paragraphs))
            etag = '"' + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20] + '"'
            found = (etag, article.published - UTC_OFFSET)
            self._validators[article.article_id] = found
        return found

    def category(self, category_id: int) -> PortalCategory | None:
        return self._categories.get(category_id)

    def by_path(self, path: str) -> SuccessorArticle | None:
        return self._by_path.get(path)

    def by_id(self, article_id: int) -> SuccessorArticle | None:
        return self._by_id.get(article_id)

    def page_count(self, category_id: int) -> int:
        items = self._by_category[category_id]
        return max(1, -(-len(items) // portal.PAGE_SIZE))

    def listing(self, category_id: int, page: int) -> list[SuccessorArticle]:
        """Page ``page`` (1-based) of a category, newest first; empty past the last page."""
        items = self._by_category[category_id]
        end = len(items) - (page - 1) * portal.PAGE_SIZE
        if page < 1 or end <= 0:
            return []
        return items[max(0, end - portal.PAGE_SIZE) : end][::-1]

    def related(self, article: SuccessorArticle) -> list[SuccessorArticle]:
        """The older items of the same category, newest first (the "Tin khác" block)."""
        items = self._by_category[article.category_id]
        position = bisect_left(items, article.index, key=lambda item: item.index)
        return items[max(0, position - portal.RELATED_COUNT) : position][::-1]

    def latest(self, n: int = 5) -> list[SuccessorArticle]:
        return self.articles[-n:][::-1] if n > 0 else []

    def newest_in(self, category_id: int, n: int) -> list[SuccessorArticle]:
        return self._by_category[category_id][-n:][::-1]
