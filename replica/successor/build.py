"""``build_successor_site(articles, seed, old_articles)`` and ``build_danguykhoi(school, seed)``.

The school's site is one sequence, oldest first, of which ``articles`` is a prefix (so a site of
N + K articles is the site of N plus K newer ones):

1. the migrated articles: the ``MIGRATED_COUNT`` newest articles (by date) of the old site
   ``replica.build_site(old_articles, seed)``, its last months before the move, with new ids and
   URLs, their old dates, and title and body text unchanged (the same model articles);
2. new articles published from 1 July 2025 (:mod:`replica.successor.calendar`), made with the
   old site's generators: Vietnamese titles and bodies, authors, pictures, captions, glued
   words, real PDF/DOCX attachments.

Article ids rise with position (gaps of 1 to 3 from the article's own random stream) from
``FIRST_ID``. The sister portal ``danguykhoi`` cross-posts about a third of the school's new
news articles a few hours later, each ending with the credit line, among its own articles.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from itertools import accumulate

from replica.generate import filler
from replica.generate.bodies import body_of
from replica.generate.build import build_site
from replica.generate.linked_files import OWN_LABELS, document_paragraphs
from replica.generate.metadata import IMAGE_COUNTS, KINDS, author_for, heading_for
from replica.model.articles import Article
from replica.model.files import ReplicaFile
from replica.successor import portal
from replica.successor.calendar import Calendar
from replica.successor.model import SuccessorArticle, SuccessorSite
from replica.successor.portal import CREDIT, CROSS_POST_CATEGORY, DANGUYKHOI, SCHOOL, Portal
from replica.words.vietnamese import slugify

MIGRATED_COUNT = 40
FIRST_ID = 5800
DANGUYKHOI_FIRST_ID = 2100
CROSS_POST_DELAY = timedelta(hours=4)
CROSS_POST_SHARE = 0.35
SPREAD_OWN = 150  # the sister portal's calendar fills faster: fewer articles of its own


def build_successor_site(articles: int, seed: int = 1, old_articles: int = 300) -> SuccessorSite:
    """The school's successor site of ``articles`` items (see the module docstring)."""
    if articles < 1:
        raise ValueError(f"articles must be at least 1, got {articles}")
    old = build_site(old_articles, seed)
    migrated = sorted(old.articles, key=lambda a: (a.published, a.print_id))[-MIGRATED_COUNT:]
    by_slug = {slug: c.id for c in SCHOOL.categories for slug in c.old_slugs}
    built: list[SuccessorArticle] = []
    article_id = FIRST_ID
    calendar = Calendar()
    for index in range(articles):
        article_id += random.Random(f"{seed}:succ:id:{index}").randint(1, 3)
        if index < len(migrated):
            source = migrated[index]
            built.append(
                SuccessorArticle(
                    index=index,
                    article_id=article_id,
                    category_id=by_slug[source.category],
                    title=source.title,
                    published=source.published,
                    views=source.views,
                    origin="migrated",
                    source=source,
                    old_path=source.path,
                )
            )
            continue
        n = index - len(migrated)
        when = calendar.next(n)
        rng = random.Random(f"{seed}:succ:{n}")
        built.append(_new_article(rng, SCHOOL, index, article_id, when, f"{seed}:succ:{n}"))
    return SuccessorSite(SCHOOL, seed, built)


def build_danguykhoi(school: SuccessorSite, seed: int = 1) -> SuccessorSite:
    """The sister portal: its own articles (a third as many as the school's new ones, at least
    five) and cross-posts of school news, each ending with the credit line."""
    new = [a for a in school.articles if a.origin == "new"]
    items: list[tuple[datetime, str, SuccessorArticle | int]] = []
    for article in new:
        rng = random.Random(f"{seed}:dk:x:{article.article_id}")
        if article.category_id == 3 and rng.random() < CROSS_POST_SHARE:
            items.append((article.published + CROSS_POST_DELAY, article.key, article))
    calendar = Calendar(spread=SPREAD_OWN)
    for k in range(max(5, len(new) // 3)):
        items.append((calendar.next(k), f"d{k}", k))
    items.sort(key=lambda item: (item[0], item[1]))
    built: list[SuccessorArticle] = []
    article_id = DANGUYKHOI_FIRST_ID
    for index, (when, key, item) in enumerate(items):
        article_id += random.Random(f"{seed}:dk:id:{key}").randint(1, 2)
        if isinstance(item, SuccessorArticle):
            built.append(_cross_post(index, article_id, when, item))
        else:
            rng = random.Random(f"{seed}:dk:{item}")
            own = _new_article(rng, DANGUYKHOI, index, article_id, when, f"{seed}:dk:{item}")
            built.append(own)
    return SuccessorSite(DANGUYKHOI, seed, built)


def _cross_post(
    index: int, article_id: int, when: datetime, original: SuccessorArticle
) -> SuccessorArticle:
    return SuccessorArticle(
        index=index,
        article_id=article_id,
        category_id=CROSS_POST_CATEGORY,
        title=original.title,
        published=when,
        views=original.views // 3,
        origin="cross-post",
        source=original.source,
        credit=CREDIT,
        origin_path=original.path,
    )


def _pick_category(rng: random.Random, site_portal: Portal) -> portal.PortalCategory:
    choices = [c for c in site_portal.categories if c.weight > 0]
    cumulative = list(accumulate(c.weight for c in choices))
    draw = rng.random() * cumulative[-1]
    return next(c for c, top in zip(choices, cumulative, strict=True) if draw < top)


def _new_article(
    rng: random.Random,
    site_portal: Portal,
    index: int,
    article_id: int,
    when: datetime,
    key: str,
) -> SuccessorArticle:
    category = _pick_category(rng, site_portal)
    kinds = KINDS[category.old_slugs[0]] if category.old_slugs else ("news", "info", "essay")
    kind = filler.pick(rng, kinds)
    draw = filler.title(rng, kind, when)
    form, author, role = author_for(rng, kind)
    images = tuple(
        f"/Portals/0/Images/{when.year}/{when.month:02d}/{article_id}-{number + 1}.jpg"
        for number in range(filler.pick(rng, IMAGE_COUNTS[kind]))
    )
    source = Article(
        index=index,
        key=f"n:{key}",
        print_id=article_id,
        category=category.old_slugs[0] if category.old_slugs else "tin-tuc-su-kien",
        slug=slugify(draw.title),
        title=draw.title,
        heading=heading_for(rng, draw.title),
        published=when,
        author_form=form,
        author=author,
        author_role=role,
        views=int(20 + rng.random() ** 2 * 1800),
        kind=kind,
        topic=draw.topic(),
        image_urls=images,
        body_seed=f"{key}:body",
        make_body=body_of,
        files=_files(rng, article_id, when),
    )
    return SuccessorArticle(
        index=index,
        article_id=article_id,
        category_id=category.id,
        title=source.title,
        published=when,
        views=source.views,
        origin="new" if site_portal is SCHOOL else "own",
        source=source,
    )


def _files(rng: random.Random, article_id: int, when: datetime) -> tuple[ReplicaFile, ...]:
    """About one article in twenty links a real PDF or DOCX document."""
    if rng.random() >= 0.05:
        return ()
    extension = filler.pick(rng, ("pdf", "pdf", "docx"))
    label = f"{OWN_LABELS[extension]} ({extension.upper()})"
    path = f"/Portals/0/Files/{when.year}/{article_id}-tai-lieu.{extension}"
    return (ReplicaFile(path, label, 0, document_paragraphs(rng, OWN_LABELS[extension])),)
