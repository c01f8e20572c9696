"""The replica site model: ``build_site(articles, seed)`` and the queries pages are built from."""

from __future__ import annotations

import random
from bisect import bisect_left

from replica import fixed
from replica.article import Article, Category
from replica.generate import Meta, author_for, generate
from replica.textutil import slugify

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


def build_site(articles: int, seed: int = 1) -> Site:
    """Build a site of ``articles`` items: the 11 fixed ones plus generated ``0..articles-12``."""
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
    return Site(seed, [_article(index, meta) for index, meta in enumerate(metas)])


def _article(index: int, meta: Meta) -> Article:
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
