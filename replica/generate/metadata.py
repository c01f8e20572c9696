"""Eager, cheap metadata for every article, prefix-stable in the number of articles.

Generated article ``g`` draws everything from ``random.Random(f"{seed}:{g}")`` (the print-id gap
first) and depends otherwise only on articles before it, never on the site size. Print ids are
the running sum of the gaps plus one reserved slot for each fixed article dated between ``g-1``
and ``g``; the fixed article takes that slot, just below the first generated article newer than
it. The sequence is walked past the newest fixed article even for small sites, so fixed print
ids never depend on the site size either.
"""

from __future__ import annotations

import random
from bisect import bisect
from datetime import datetime
from itertools import accumulate
from typing import NamedTuple

from replica.generate import filler, fixed_articles, publication_dates
from replica.generate.filler import between, pick
from replica.model.articles import AUTHOR_FORMS
from replica.words import vocab
from replica.words.phrases import HEADING_PREFIXES
from replica.words.vietnamese import nfc, slugify

CATEGORY_WEIGHTS = {
    "tin-tuc-su-kien": 34,
    "noi-san": 18,
    "hoi-thao-khoa-hoc": 8,
    "thong-tin-phuc-vu-quan-ly-va-giang-day": 10,
    "tin-nghien-cuu-khoa-hoc": 10,
    "khoa-xay-dung-dang": 10,
    "khoa-ly-luan-mac-lenin-tu-tuong-ho-chi-minh": 10,
}
KINDS = {
    "tin-tuc-su-kien": ("news",),
    "noi-san": ("essay",),
    "hoi-thao-khoa-hoc": ("essay", "essay", "research"),
    "thong-tin-phuc-vu-quan-ly-va-giang-day": ("info",),
    "tin-nghien-cuu-khoa-hoc": ("research", "research", "essay"),
    "khoa-xay-dung-dang": ("news", "essay"),
    "khoa-ly-luan-mac-lenin-tu-tuong-ho-chi-minh": ("news", "essay"),
}
AUTHOR_WEIGHTS = {  # top, signature, credit, none
    "news": (10, 20, 40, 30),
    "essay": (35, 45, 5, 15),
    "info": (15, 30, 15, 40),
    "research": (15, 30, 15, 40),
}
AUTHOR_CUMULATIVE = {kind: tuple(accumulate(w)) for kind, w in AUTHOR_WEIGHTS.items()}
IMAGE_COUNTS = {
    "news": (0, 0, 1, 1, 2, 3),
    "essay": (0, 0, 0, 0, 1),
    "info": (0,),
    "research": (0, 1),
}
HOTLINK_HOSTS = ("http://baophutho.vn", "http://phutho.gov.vn", "http://tuyengiao.vn")
_CATEGORIES = tuple(CATEGORY_WEIGHTS)
_CUMULATIVE = tuple(accumulate(CATEGORY_WEIGHTS.values()))


class Meta(NamedTuple):
    """Everything eager about an article but its place in the site (a tuple: cheap to make)."""

    key: str
    published: datetime
    print_id: int
    category: str
    kind: str
    title: str
    topic: str
    heading: str
    author_form: str
    author: str | None
    author_role: str | None
    views: int
    image_urls: tuple[str, ...]
    body_seed: str
    slug: str


def generate_metadata(
    seed: int, count: int, fixed_dates: dict[str, datetime], quiet: tuple[datetime, datetime]
) -> tuple[list[Meta], dict[str, int]]:
    """Metadata of generated articles ``0..count-1`` and the print id of each fixed article.

    ``fixed_dates`` maps fixed keys to dates; ``quiet`` is the window in which no generated article
    may land in the seed's category (so the seed's related list stays the fixed one).
    """
    reserved = sorted((publication_dates.to_minute(when), key) for key, when in fixed_dates.items())
    minutes = publication_dates.MinuteSequence(minute for minute, _ in reserved)
    taken = {slugify(title) for title in _fixed_titles()}
    metas: list[Meta] = []
    fixed_ids: dict[str, int] = {}
    last_id, pending, g = 0, 0, 0
    while g < count or pending < len(reserved):
        rng = random.Random(f"{seed}:{g}")
        gap = between(rng, 1, 3)
        minute = minutes.next(g)
        slot = last_id + gap
        while pending < len(reserved) and reserved[pending][0] < minute:
            fixed_ids[reserved[pending][1]] = slot
            slot, pending = slot + 1, pending + 1
        last_id = slot
        if g < count:
            when = publication_dates.to_datetime(minute)
            metas.append(_meta(rng, seed, g, when, last_id, taken, quiet))
        g += 1
    return metas, fixed_ids


def _fixed_titles() -> list[str]:
    return [
        fixed_articles.seed_item().title,
        *(item.title for item in fixed_articles.related_items()),
    ]


def _meta(
    rng: random.Random,
    seed: int,
    g: int,
    when: datetime,
    print_id: int,
    taken: set[str],
    quiet: tuple[datetime, datetime],
) -> Meta:
    category = _CATEGORIES[bisect(_CUMULATIVE, rng.random() * _CUMULATIVE[-1])]
    if category == "noi-san" and quiet[0] <= when <= quiet[1]:
        category = pick(rng, _CATEGORIES[2:])  # any but news and noi-san
    kind = pick(rng, KINDS[category])
    title, topic, slug = _unique_title(rng, kind, when, taken)
    form, author, role = author_for(rng, kind)
    images = tuple(_image_url(rng, when, print_id, n) for n in range(pick(rng, IMAGE_COUNTS[kind])))
    views = int(40 + rng.random() ** 2 * 2600)
    return Meta(
        f"g{g}",
        when,
        print_id,
        category,
        kind,
        title,
        topic,
        heading_for(rng, title),
        form,
        author,
        role,
        views,
        images,
        f"{seed}:{g}:body",
        slug,
    )


def _unique_title(
    rng: random.Random, kind: str, when: datetime, taken: set[str]
) -> tuple[str, str, str]:
    """Draw titles until the slug is new; as a rare last resort number the instalment."""
    for attempt in range(40):
        draw = filler.title(rng, kind, when, retry=attempt > 0)
        slug = slugify(draw.title)
        if slug not in taken:
            taken.add(slug)
            return draw.title, draw.topic(), slug
    title = draw.title
    number = 2
    while slugify(f"{title} (kỳ {number})") in taken:
        number += 1
    title = f"{title} (kỳ {number})"
    taken.add(slugify(title))
    return title, draw.topic(), slugify(title)


def heading_for(rng: random.Random, title: str) -> str:
    """The second title occurrence: usually the title, sometimes capitals or a capital prefix."""
    draw = rng.random()
    if draw < 0.08:
        return nfc(title.upper())
    if draw < 0.18:
        return f"{pick(rng, HEADING_PREFIXES)}: {title}"
    return title


def author_for(rng: random.Random, kind: str) -> tuple[str, str | None, str | None]:
    cumulative = AUTHOR_CUMULATIVE[kind]
    form = AUTHOR_FORMS[bisect(cumulative, rng.random() * cumulative[-1])]
    if form == "none":
        return form, None, None
    name = filler.person(rng)
    if form == "credit":
        return form, name, None
    honorifics = ("ThS.", "ThS.", "TS.") if form == "top" else vocab.HONORIFICS
    return form, f"{pick(rng, honorifics)} {name}", pick(rng, vocab.ROLES)


def _image_url(rng: random.Random, when: datetime, print_id: int, number: int) -> str:
    if rng.random() < 0.25:
        host = pick(rng, HOTLINK_HOSTS)
        stamp = f"{when.year}{when.month:02d}{when.day:02d}"
        return f"{host}/uploads/news/{stamp}{between(rng, 100, 999)}-{number}.jpg"
    return f"/uploads/images/{when.year}/{when.month:02d}/{print_id}_{number + 1}.jpg"
