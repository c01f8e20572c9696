"""The HTML of an article body: its blocks as the CMS editor wrote them, and author lines."""

from __future__ import annotations

import html

from replica.model.body_blocks import Body, Para, Picture, Raw


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
