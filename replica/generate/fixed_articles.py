"""The fixed articles: the one real (seed) article and the ten titles of its "Các tin khác" list.

The seed text lives in ``replica/data/seed_article.json`` exactly as published (NBSP runs,
glued words, a doubled space). The related items are in ``noi-san`` on fixed dates in the weeks
before the seed, newest first in the order of the seed page's list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources

from replica.model.body_blocks import Body, Mark, Para
from replica.words.vietnamese import nfc

SEED_CATEGORY = "noi-san"
RELATED_DATES = (
    "2023-06-21 08:14",
    "2023-06-16 03:05",
    "2023-06-13 09:22",
    "2023-06-08 01:47",
    "2023-06-05 07:30",
    "2023-06-01 02:18",
    "2023-05-29 08:55",
    "2023-05-24 00:41",
    "2023-05-19 09:36",
    "2023-05-15 02:10",
)
RELATED_VIEWS = (212, 305, 268, 341, 397, 420, 389, 466, 512, 538)
# Glued words get a span in the markup, so the glue comes from the HTML as on the real site.
GLUE_ATTRS = 'style="font-size: 14pt; font-family: &quot;Times New Roman&quot;, serif;"'


@dataclass(frozen=True, slots=True)
class FixedItem:
    key: str
    title: str
    published: datetime
    views: int


@cache
def seed_data() -> dict:
    text = resources.files("replica").joinpath("data/seed_article.json").read_text("utf-8")
    return json.loads(text)


def seed_item() -> FixedItem:
    data = seed_data()
    return FixedItem(
        "seed", nfc(data["title"]), datetime.fromisoformat(data["published"]), data["views"]
    )


def related_items() -> tuple[FixedItem, ...]:
    """The ten related items, newest first (the order of the seed's list)."""
    titles = seed_data()["related_titles"]
    return tuple(
        FixedItem(f"r{i}", nfc(title), datetime.fromisoformat(when), views)
        for i, (title, when, views) in enumerate(
            zip(titles, RELATED_DATES, RELATED_VIEWS, strict=True)
        )
    )


def _split_raw(raw: str) -> tuple[str, str, str]:
    """Split a published paragraph into (indent, text, tail), whitespace runs as HTML."""
    text = raw.strip()
    start = raw.index(text)
    as_html = {"\xa0": "&nbsp;"}
    indent = "".join(as_html.get(c, c) for c in raw[:start])
    tail = "".join(as_html.get(c, c) for c in raw[start + len(text) :])
    return indent, text, tail


@cache
def seed_body() -> Body:
    data = seed_data()
    glue: dict[int, list[Mark]] = {}
    paras = []
    for index, raw in enumerate(data["paragraphs"]):
        indent, text, tail = _split_raw(nfc(raw))
        for para_index, before, after in data["glue"]:
            if para_index == index:
                start = text.index(before + after) + len(before)
                glue.setdefault(index, []).append(
                    Mark(start, start + len(after), "span", GLUE_ATTRS)
                )
        paras.append(Para(text, indent, tail, tuple(glue.get(index, ()))))
    return Body(tuple(paras))
