"""Article body values: paragraphs with inline marks, pictures with captions, raw markup.

A :class:`Para` holds the text exactly as a reader (or an extractor) sees it, plus how it is
dressed in markup. Marks are inline tags over text ranges; a "glued" mark is one whose source
lost the space before it (``sau<span>đại dịch</span>``), so the text itself is glued.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    tag: str
    attrs: str = ""


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: ``text`` as read; ``indent`` and ``tail`` are raw HTML around it."""

    text: str
    indent: str = ""
    tail: str = ""
    marks: tuple[Mark, ...] = ()
    style: str = "text-align: justify;"


@dataclass(frozen=True, slots=True)
class Picture:
    url: str
    caption: Para
    attrs: str = ""  # extra raw attributes of the <img> (a planted onerror handler)


@dataclass(frozen=True, slots=True)
class Raw:
    """Markup a reader never sees as text (a planted <script>)."""

    html: str


@dataclass(frozen=True, slots=True)
class Body:
    blocks: tuple[Para | Picture | Raw, ...]
    credit: str | None = None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Texts in reading order; a picture contributes its caption line, spacers nothing."""
        texts = (
            b.caption.text if isinstance(b, Picture) else b.text
            for b in self.blocks
            if not isinstance(b, Raw)
        )
        return tuple(text for text in texts if text)

    @property
    def images(self) -> tuple[tuple[str, str], ...]:
        return tuple((b.url, b.caption.text) for b in self.blocks if isinstance(b, Picture))
