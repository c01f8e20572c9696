"""``build_site(articles, seed, edits)``: the whole site from a seed, edits included."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from replica.generate import fixed_articles
from replica.generate.bodies import body_of
from replica.generate.linked_files import files_for
from replica.generate.metadata import Meta, author_for, generate_metadata
from replica.model.articles import Article
from replica.model.site import Site
from replica.words.vietnamese import slugify

EDIT_DELAY = timedelta(days=3)  # an edited article was edited this long after publication
FIXED_COUNT = 11


def build_site(articles: int, seed: int = 1, edits: int = 0, backdated: int = 0) -> Site:
    """Build a site of ``articles`` items: the 11 fixed ones plus generated ``0..articles-12``.

    ``edits`` older generated articles (the same ones for the same seed and size) carry an
    edited body, as if changed after publication. The ``backdated`` newest articles are
    published back-dated, below older ones (see ``_backdate``).
    """
    if articles < FIXED_COUNT:
        raise ValueError(
            f"articles must be at least {FIXED_COUNT} (the seed article and its 10 related "
            f"items are always present), got {articles}"
        )
    seed_item, related = fixed_articles.seed_item(), fixed_articles.related_items()
    fixed_dates = {item.key: item.published for item in (seed_item, *related)}
    quiet = (min(item.published for item in related), seed_item.published)
    metas, fixed_ids = generate_metadata(seed, articles - FIXED_COUNT, fixed_dates, quiet)
    metas += [_related_meta(seed, item, fixed_ids[item.key]) for item in related]
    metas.append(_seed_meta(seed_item, fixed_ids["seed"]))
    metas.sort(key=lambda meta: (meta.published, meta.print_id))
    built = [_article(index, meta, seed) for index, meta in enumerate(metas)]
    if backdated > 0:
        if backdated > articles - FIXED_COUNT:
            raise ValueError(f"backdated must be at most {articles - FIXED_COUNT}")
        earlier = {a.key for a in build_site(articles - backdated, seed).articles}
        built = _backdate(built, {a.key for a in built if a.key not in earlier})
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
        make_body=body_of,
        files=files_for(seed, meta.key, meta.print_id, meta.published),
    )


def _topic(title: str) -> str:
    return title[:1].lower() + title[1:]


def _related_meta(seed: int, item: fixed_articles.FixedItem, print_id: int) -> Meta:
    rng = random.Random(f"{seed}:{item.key}")
    form, author, role = author_for(rng, "essay")
    return Meta(
        item.key,
        item.published,
        print_id,
        fixed_articles.SEED_CATEGORY,
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


def _seed_meta(item: fixed_articles.FixedItem, print_id: int) -> Meta:
    data = fixed_articles.seed_data()
    return Meta(
        item.key,
        item.published,
        print_id,
        fixed_articles.SEED_CATEGORY,
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


def _backdate(articles: list[Article], keys: set[str]) -> list[Article]:
    """Re-date the articles with ``keys`` (those a site of fewer articles lacks) so that, in the
    finished site, they sit at listing positions 10 to 29 of their category (pages 2 and 3),
    under articles a harvest has archived, as the school's back-dated bulk uploads do. The other
    articles keep their dates."""
    kept = [a for a in articles if a.key not in keys]
    moved: dict[str, list[Article]] = {}
    for article in articles:
        if article.key in keys:
            moved.setdefault(article.category, []).append(article)
    for category, group in moved.items():
        archived = [a for a in kept if a.category == category][::-1]  # newest first
        if not archived:
            kept.extend(group)  # nothing to sit under
            continue
        step = max(1, 18 // len(group))  # a little room under position 29 for equal dates
        for j, article in enumerate(group):
            above = min(10 + j * (step - 1), len(archived) - 1)  # archived articles above it
            newer = archived[above - 1].published if above > 0 else archived[0].published
            older = archived[above].published if above < len(archived) else newer
            share = 1 - (j + 1) / (len(group) + 1)
            articles_at = older + (newer - older) * share if newer > older else older
            kept.append(replace(article, published=articles_at))
    kept.sort(key=lambda a: (a.published, a.print_id))
    return [replace(article, index=index) for index, article in enumerate(kept)]
