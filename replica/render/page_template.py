"""Pre-rendered pages with a few holes for values that change per request.

A page is rendered once (expensive), compiled into byte chunks around named slots, and filled
per request by joining bytes (cheap): the visitor counter, the view count, the request host.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

_MARK = "\x00"


def slot(name: str) -> str:
    """A placeholder for ``name`` inside rendered HTML (NUL never occurs in page text)."""
    return f"{_MARK}{name}{_MARK}"


@dataclass(frozen=True, slots=True)
class Template:
    chunks: tuple[bytes, ...]
    names: tuple[str, ...]
    content_type: str = "text/html; charset=utf-8"

    @classmethod
    def compile(cls, text: str, content_type: str = "text/html; charset=utf-8") -> Template:
        pieces = text.split(_MARK)
        chunks = tuple(piece.encode("utf-8") for piece in pieces[0::2])
        return cls(chunks, tuple(pieces[1::2]), content_type)

    @classmethod
    def constant(cls, data: bytes, content_type: str) -> Template:
        return cls((data,), (), content_type)

    def render(self, values: Mapping[str, str]) -> bytes:
        if not self.names:
            return self.chunks[0]
        out = [self.chunks[0]]
        for name, chunk in zip(self.names, self.chunks[1:], strict=True):
            out.append(values[name].encode("ascii"))
            out.append(chunk)
        return b"".join(out)
