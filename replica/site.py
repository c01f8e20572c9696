"""The replica site model: ``build_site(articles, seed)`` and the queries pages are built from."""

from __future__ import annotations

import hashlib
import random
from bisect import bisect_left
from dataclasses import replace
from datetime import datetime, timedelta

from replica import fixed
from replica.article import Article, Category
from replica.files import ReplicaFile, files_for
from replica.generate import Meta, author_for, generate
from replica.words.vietnamese import slugify

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
EDIT_DELAY = timedelta(days=3)  # an edited article was edited this long after publication
FIXED_COUNT = 11
PAGE_SIZE = 10
RELATED_COUNT = 10


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


def build_site(articles: int, seed: int = 1, edits: int = 0) -> Site:
    """Build a site of ``articles`` items: the 11 fixed ones plus generated ``0..articles-12``.

    ``edits`` older generated articles (the same ones for the same seed and size) carry an
    edited body, as if changed after publication.
    """
    if articles < FIXED_COUNT:
        raise ValueError(
            f"articles must be at least {FIXED_COUNT} (the seed article and its 10 related "
            f"items are always present), got {articles}"
        )
    seed_item, related = fixed.seed_item(), fixed.related_items()
    fixed_dates = {item.key: item.published for item in (seed_item, *related)}
    quiet = (min(item.published for item in related), seed_item.published)
    metas, fixed_ids = generate(seed, articles - FIXED_COUNT, fixed_dates, quiet)
    metas += [_related_meta(seed, item, fixed_ids[item.key]) for item in related]
    metas.append(_seed_meta(seed_item, fixed_ids["seed"]))
    metas.sort(key=lambda meta: (meta.published, meta.print_id))
    built = [_article(index, meta, seed) for index, meta in enumerate(metas)]
    return Site(seed, _edit(built, seed, edits))


def _edit(articles: list[Article], seed: int, edits: int) -> list[Article]:
    """Edit ``edits`` generated articles from the older half of the site."""
    if edits <= 0:
        return articles
    older = [a.index for a in articles[: len(articles) // 2] if a.key.startswith("g")]
    if edits > len(older):
        raise ValueError(f"edits must be at most {len(older)} for {len(articles)} articles")
    for index in random.Random(f"{seed}:edits").sample(older, edits):
        article = articles[index]
        articles[index] = replace(article, revision=1, modified=article.published + EDIT_DELAY)
    return articles


def _article(index: int, meta: Meta, seed: int) -> Article:
    return Article(
        index=index,
        key=meta.key,
        print_id=meta.print_id,
        category=meta.category,
        slug=meta.slug,
        title=meta.title,
        heading=meta.heading,
        published=meta.published,
        author_form=meta.author_form,
        author=meta.author,
        author_role=meta.author_role,
        views=meta.views,
        kind=meta.kind,
        topic=meta.topic,
        image_urls=meta.image_urls,
        body_seed=meta.body_seed,
        files=files_for(seed, meta.key, meta.print_id, meta.published),
    )


def _topic(title: str) -> str:
    return title[:1].lower() + title[1:]


def _related_meta(seed: int, item: fixed.FixedItem, print_id: int) -> Meta:
    rng = random.Random(f"{seed}:{item.key}")
    form, author, role = author_for(rng, "essay")
    return Meta(
        item.key,
        item.published,
        print_id,
        fixed.SEED_CATEGORY,
        "essay",
        item.title,
        _topic(item.title),
        item.title,
        form,
        author,
        role,
        item.views,
        (),
        f"{seed}:{item.key}:body",
        slugify(item.title),
    )


def _seed_meta(item: fixed.FixedItem, print_id: int) -> Meta:
    data = fixed.seed_data()
    return Meta(
        item.key,
        item.published,
        print_id,
        fixed.SEED_CATEGORY,
        "essay",
        item.title,
        _topic(item.title),
        data["heading"],
        "signature",
        data["author"],
        data["author_role"],
        item.views,
        (),
        "seed",
        slugify(item.title),
    )
