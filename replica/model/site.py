"""The replica site: its categories, its articles and the queries pages are built from.

:func:`replica.generate.build.build_site` makes one from a seed.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from datetime import datetime, timedelta

from replica.model.articles import Article, Category
from replica.model.files import ReplicaFile

CATEGORIES = (
    Category("tin-tuc-su-kien", "Tin tức - Sự kiện"),
    Category("noi-san", "Nội san"),
    Category("hoi-thao-khoa-hoc", "Hội thảo khoa học"),
    Category("thong-tin-phuc-vu-quan-ly-va-giang-day", "Thông tin phục vụ quản lý và giảng dạy"),
    Category("tin-nghien-cuu-khoa-hoc", "Tin nghiên cứu khoa học"),
    Category("khoa-xay-dung-dang", "Khoa Xây dựng Đảng"),
    Category(
        "khoa-ly-luan-mac-lenin-tu-tuong-ho-chi-minh",
        "Khoa Lý luận Mác - Lênin, tư tưởng Hồ Chí Minh",
    ),
)
UTC_OFFSET = timedelta(hours=7)  # the portal's times are local (+07:00)
PAGE_SIZE = 10
RELATED_COUNT = 10
# A host that accepts connections and never answers (the "bad-images" fault hot-links it).
SILENT_HOST = "anh.khongtraloi.example"


class Site:
    """All articles of one build, oldest first, with the lookups the server needs."""

    def __init__(self, seed: int, articles: list[Article]) -> None:
        self.seed = seed
        self.articles = articles
        self.categories = list(CATEGORIES)
        self._categories = {category.slug: category for category in CATEGORIES}
        self._by_path = {article.path: article for article in articles}
        self._by_print_id = {article.print_id: article for article in articles}
        self._by_category: dict[str, list[Article]] = {c.slug: [] for c in CATEGORIES}
        for article in articles:
            self._by_category[article.category].append(article)
        self.image_paths = frozenset(
            url for article in articles for url in article.image_urls if url.startswith("/")
        )
        # Pictures hot-linked from other hosts (served when the replica is asked as a proxy).
        self.foreign_images = frozenset(
            url for article in articles for url in article.image_urls if "://" in url
        )
        self.files: dict[str, ReplicaFile] = {
            file.path: file for article in articles for file in article.files
        }
        self._validators: dict[str, tuple[str, datetime]] = {}

    def validators(self, article: Article) -> tuple[str, datetime]:
        """(ETag, Last-Modified in UTC) of an article page: they change only when the article
        itself does (not with counters or the latest-news box), as a CMS keyed on the record."""
        found = self._validators.get(article.path)
        if found is None:
            text = "\x1f".join((article.title, article.heading, article.author or "",
                                 *article.paragraphs))  # fmt: skip
            etag = '"' + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20] + '"'
            found = (etag, (article.modified or article.published) - UTC_OFFSET)
            self._validators[article.path] = found
        return found

    def category(self, slug: str) -> Category | None:
        return self._categories.get(slug)

    def by_path(self, path: str) -> Article | None:
        return self._by_path.get(path)

    def by_print_id(self, print_id: int) -> Article | None:
        return self._by_print_id.get(print_id)

    def page_count(self, cat_slug: str) -> int:
        """Listing pages of a category; an empty category still has its (empty) first page."""
        items = self._by_category[cat_slug]
        return max(1, -(-len(items) // PAGE_SIZE))

    def listing(self, cat_slug: str, page: int) -> list[Article]:
        """Page ``page`` (1-based) of a category, newest first; empty past the last page."""
        items = self._by_category[cat_slug]
        end = len(items) - (page - 1) * PAGE_SIZE
        if page < 1 or end <= 0:
            return []
        return items[max(0, end - PAGE_SIZE) : end][::-1]

    def related(self, article: Article) -> list[Article]:
        """The ``RELATED_COUNT`` older items of the same category, newest first."""
        items = self._by_category[article.category]
        position = bisect_left(items, article.index, key=lambda item: item.index)
        return items[max(0, position - RELATED_COUNT) : position][::-1]

    def latest(self, n: int = 5) -> list[Article]:
        return self.articles[-n:][::-1] if n > 0 else []

    def newest_in(self, cat_slug: str, n: int) -> list[Article]:
        return self._by_category[cat_slug][-n:][::-1]
