"""Article body values and their HTML: paragraphs with inline marks, pictures with captions.

A :class:`Para` holds the text exactly as a reader (or an extractor) sees it, plus how it is
dressed in markup. Marks are inline tags over text ranges; a "glued" mark is one whose source
lost the space before it (``sau<span>đại dịch</span>``), so the text itself is glued.
"""

from __future__ import annotations

import html
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


def escape_text(text: str) -> str:
    """HTML-escape and write NBSP as the entity, as the CMS editor did."""
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


def para_inner(para: Para) -> str:
    pieces = [para.indent]
    position = 0
    for mark in sorted(para.marks, key=lambda m: m.start):
        pieces.append(escape_text(para.text[position : mark.start]))
        attrs = f" {mark.attrs}" if mark.attrs else ""
        inner = escape_text(para.text[mark.start : mark.end])
        pieces.append(f"<{mark.tag}{attrs}>{inner}</{mark.tag}>")
        position = mark.end
    pieces.append(escape_text(para.text[position:]))
    pieces.append(para.tail)
    return "".join(pieces)


def para_html(para: Para) -> str:
    style = f' style="{para.style}"' if para.style else ""
    return f"<p{style}>{para_inner(para)}</p>"


def picture_html(picture: Picture) -> str:
    url = html.escape(picture.url)
    attrs = f" {picture.attrs}" if picture.attrs else ""
    return (
        f'<p style="text-align: center;"><img alt="" border="0" height="333" src="{url}" '
        f'style="width: 500px; height: 333px;" width="500"{attrs} /></p>\r\n'
        f"{para_html(picture.caption)}"
    )


def body_html(body: Body) -> str:
    """The blocks of a body, one per line (CRLF, as pasted from Word on Windows)."""
    lines = []
    for block in body.blocks:
        if isinstance(block, Raw):
            lines.append(block.html)
        else:
            lines.append(picture_html(block) if isinstance(block, Picture) else para_html(block))
    return "\r\n".join(lines)


def author_lines(first: str, second: str | None, align: str) -> str:
    """Two short lines of an author block (bold name, italic unit)."""
    out = f'<p style="text-align: {align};"><strong>{escape_text(first)}</strong></p>'
    if second:
        out += f'\r\n<p style="text-align: {align};"><em>{escape_text(second)}</em></p>'
    return out
