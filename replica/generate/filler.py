"""Fill phrase templates from a seeded RNG: names, documents, dates and titles."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate
from typing import TypeVar

from replica.words import documents, phrases, prose, vocab
from replica.words.vietnamese import body_date, capitalize_first

T = TypeVar("T")
_CLOSERS = ("”", ",", ".", ";", ":")


def clean(text: str) -> str:
    """Collapse the gaps left by empty slots (``{when}`` may be empty); banks are NFC already.

    ``str.split()`` also splits at NBSP: templates hold none (NBSP is added after filling).
    """
    text = " ".join(text.split())
    for closer in _CLOSERS:
        text = text.replace(" " + closer, closer)
    return text


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """``rng.choice`` at a third of the cost (metadata for 50,000 articles is built eagerly)."""
    return items[int(rng.random() * len(items))]


def between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint`` likewise: an integer in ``[low, high]``."""
    return low + int(rng.random() * (high - low + 1))


def person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        middle, given = vocab.MIDDLE_FEMALE, vocab.GIVEN_FEMALE
    else:
        middle, given = vocab.MIDDLE_MALE, vocab.GIVEN_MALE
    return f"{pick(rng, vocab.SURNAMES)} {pick(rng, middle)} {pick(rng, given)}"


def thousands(value: int) -> str:
    """Vietnamese digit grouping: ``1.859``."""
    return f"{value:,}".replace(",", ".")


def _simple(bank: tuple[str, ...]) -> Callable[[Filler], str]:
    size = len(bank)
    return lambda filler: bank[int(filler.rng.random() * size)]


class Filler(dict):
    """A template mapping that invents a value for each missing slot.

    With ``sticky`` a slot keeps its first value (a title and its topic must agree); otherwise
    every occurrence draws afresh (two ``{person}`` in one sentence are two people).
    """

    def __init__(self, rng: random.Random, moment: datetime, sticky: bool, **known: str) -> None:
        super().__init__(known)
        self.rng = rng
        self.moment = moment
        self.sticky = sticky
        self._last: dict[str, str] = {}

    def __missing__(self, key: str) -> str:
        make = _SLOTS.get(key)
        if make is not None:
            value = make(self)
        elif key.endswith("_cap"):
            value = capitalize_first(self[key[:-4]])
        elif key in prose.FILL:
            value = pick(self.rng, prose.FILL[key])
        else:
            raise KeyError(f"unknown template slot {key!r}")
        if "{" in value:
            value = value.format_map(self)
        if self.sticky:
            self[key] = value
        elif value == self._last.get(key) and key in prose.FILL:
            return self.__missing__(key)  # "đề nghị X; đồng thời X" reads badly: draw again
        else:
            self._last[key] = value
        return value

    def fill(self, template: str) -> str:
        return clean(template.format_map(self))

    def sentence(self, template: str) -> str:
        """Fill and capitalise: an empty leading slot must not leave a lower-case start."""
        return capitalize_first(self.fill(template))

    def days_before(self, low: int, high: int) -> str:
        """A body date strictly before publication, so it is never the publication date."""
        moment = self.moment - timedelta(days=between(self.rng, low, high))
        return body_date(moment, padded=self.rng.random() < 0.3)


def _doc(filler: Filler) -> str:
    rng = filler.rng
    if rng.random() < 0.45:
        name, subject = pick(rng, documents.CENTRAL_DOCS)
        issuer = pick(rng, documents.CENTRAL_ISSUERS)
        return f"{name} của {issuer} về “{subject}”"
    pattern, issuer = pick(rng, documents.LOCAL_DOCS)
    name = pattern.format(n=between(rng, 12, 2600))
    return f"{name} ngày {filler.days_before(20, 700)} của {issuer}"


def _doc_short(filler: Filler) -> str:
    if filler.rng.random() < 0.6:
        return pick(filler.rng, documents.CENTRAL_DOCS)[0]
    return pick(filler.rng, documents.LOCAL_DOCS)[0].format(n=between(filler.rng, 12, 400))


def _local_doc(filler: Filler) -> str:
    pattern, _ = pick(filler.rng, documents.LOCAL_DOCS)
    return pattern.format(n=between(filler.rng, 12, 2600))


def _span(filler: Filler) -> str:
    year = filler.moment.year
    return pick(
        filler.rng,
        (f"giai đoạn {year - 6} - {year - 1}", f"từ năm {year - 5} đến nay", f"năm {year - 1}"),
    )


_SLOTS: dict[str, Callable[[Filler], str]] = {
    "class": _simple(vocab.CLASSES),
    "sys": lambda f: (" " + pick(f.rng, vocab.SYSTEMS)).rstrip(),
    "k": lambda f: str(between(f.rng, 1, 120)),
    "at_place": _simple(
        (
            *(f"tại Trung tâm Chính trị huyện {name}" for name in vocab.DISTRICTS),
            *(f"tại {name}" for name in vocab.LOCALITIES),
            *("tại Trường Chính trị tỉnh", "") * 4,
        )
    ),
    "event": _simple(phrases.EVENTS),
    "field_site": _simple(vocab.FIELD_SITES),
    "unit": _simple(vocab.UNITS),
    "department": _simple(vocab.DEPARTMENTS),
    "theme": _simple(phrases.THEMES),
    "district": _simple(vocab.DISTRICTS),
    "locality": _simple(vocab.LOCALITIES),
    "commune": _simple(vocab.COMMUNES),
    "solution": _simple(phrases.SOLUTIONS),
    "where": _simple(
        tuple(w.replace("{locality}", name) for w in phrases.WHERE for name in vocab.LOCALITIES)
    ),
    "when": _simple(phrases.WHEN),
    "actor": _simple(phrases.ACTORS),
    "hcm_topic": _simple(phrases.HCM_TOPICS),
    "aim": _simple(phrases.AIMS),
    "level": _simple(("cơ sở", "tỉnh", "trường")),
    "central_doc": lambda f: pick(f.rng, documents.CENTRAL_DOCS)[0],
    "month": lambda f: str(between(f.rng, 1, 12)),
    "year": lambda f: str(f.moment.year),
    "prev_year": lambda f: str(f.moment.year - 1),
    "prev_year_span": _span,
    "person": lambda f: person(f.rng),
    "position": _simple(vocab.POSITIONS),
    "n": lambda f: str(between(f.rng, 2, 60)),
    "few": lambda f: str(between(f.rng, 2, 12)),
    "big": lambda f: thousands(between(f.rng, 61, 2400)),
    "pct": lambda f: pick(f.rng, (str(between(f.rng, 86, 100)), f"{between(f.rng, 86, 99)},5")),
    "money": lambda f: pick(f.rng, ("300.000", "500.000", "1.000.000", "1.500.000")),
    "decades": lambda f: str(f.moment.year - 1986),
    "quote": _simple(documents.HCM_QUOTES),
    "bd": lambda f: f.days_before(1, 12),
    "doc": _doc,
    "doc_short": _doc_short,
    "local_doc": _local_doc,
}

TITLE_BANKS = {
    "news": phrases.NEWS_TITLES,
    "essay": phrases.ESSAY_TITLES,
    "info": phrases.INFO_TITLES,
    "research": phrases.RESEARCH_TITLES,
}
_CUMULATIVE = {kind: tuple(accumulate(w for _, _, w in bank)) for kind, bank in TITLE_BANKS.items()}


@dataclass(frozen=True, slots=True)
class TitleDraw:
    """A drawn title; its topic phrase is filled only when the title is kept."""

    title: str
    filler: Filler
    topic_template: str

    def topic(self) -> str:
        return self.filler.fill(self.topic_template)


def title(rng: random.Random, kind: str, moment: datetime, retry: bool = False) -> TitleDraw:
    """Draw a published title (and the noun phrase its body will refer to).

    A ``retry`` after a clash uses the bank's first template, the one with most combinations:
    the small templates run out of fresh titles on big sites.
    """
    filler = Filler(rng, moment, sticky=True)
    bank = TITLE_BANKS[kind]
    cumulative = _CUMULATIVE[kind]
    index = 0 if retry else bisect(cumulative, rng.random() * cumulative[-1])
    title_template, topic_template, _ = bank[index]
    return TitleDraw(capitalize_first(filler.fill(title_template)), filler, topic_template)
