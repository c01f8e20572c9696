"""The site's values: categories and articles (metadata eager, bodies lazy)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from replica.model.body_blocks import Body
from replica.model.files import ReplicaFile
from replica.words.vietnamese import date_line, print_date_line

AUTHOR_FORMS = ("top", "signature", "credit", "none")


@dataclass(frozen=True, slots=True)
class Category:
    slug: str
    name: str

    @property
    def path(self) -> str:
        return f"/{self.slug}/"


class PagePaths:
    """Where an article and its print view are served (generated and fault pages alike);
    the class using it has `category`, `slug` and `print_id`."""

    __slots__ = ()

    @property
    def path(self) -> str:
        return f"/{self.category}/{self.slug}.html"

    @property
    def print_path(self) -> str:
        return f"/print/{self.print_id}.html"


@dataclass(frozen=True, slots=True)
class Article(PagePaths):
    """One published item.

    ``index`` is the position in ``Site.articles`` (oldest first), ``key`` a stable name
    (``g{n}`` for generated article n, ``r{i}`` for the seed's related items, ``seed``).
    ``published`` is naive local time (the portal is UTC+07:00). The body (``paragraphs``,
    ``images``) is made on first use by ``make_body`` (the generator that made the article,
    which keeps it in a bounded cache), so the model never imports the generator.
    """

    index: int
    key: str
    print_id: int
    category: str
    slug: str
    title: str
    heading: str
    published: datetime
    author_form: str
    author: str | None
    author_role: str | None
    views: int
    kind: str
    topic: str
    image_urls: tuple[str, ...]
    body_seed: str
    # Not part of the value: equal articles have equal bodies whoever makes them.
    make_body: Callable[[Article], Body] = field(compare=False, repr=False)
    files: tuple[ReplicaFile, ...] = ()
    # Edited after publication (``--edits``): revision 1 has one more sentence, and its own date.
    revision: int = 0
    modified: datetime | None = None

    @property
    def date_line(self) -> str:
        return date_line(self.published)

    @property
    def print_date_line(self) -> str:
        return print_date_line(self.published)

    @property
    def body(self) -> Body:
        return self.make_body(self)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return self.body.paragraphs

    @property
    def images(self) -> tuple[tuple[str, str], ...]:
        return self.body.images

    def expected(self) -> dict[str, Any]:
        """Ground truth an extractor should produce for this article's page."""
        paragraphs = self.paragraphs
        return {
            "path": self.path,
            "title": self.title,
            "published": self.published.isoformat() + "+07:00",
            "published_raw": self.date_line,
            "author": self.author,
            "author_role": self.author_role,
            "category": self.category,
            "print_id": self.print_id,
            "first_paragraph": paragraphs[0],
            "last_paragraph": paragraphs[-1],
            "paragraph_count": len(paragraphs),
        }
