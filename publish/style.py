"""The archive's stylesheet over Datasette's own: narrow screens without sideways scrolling,
facet names that wrap between words. Served at /-/archive.css (a file of our own origin, so
the strict Content-Security-Policy of our pages allows it)."""

from __future__ import annotations

from datasette.utils.asgi import Response

ARCHIVE_CSS = """
/* Facet values wrap between words, not inside them (Datasette breaks anywhere). */
ul.tight-bullets li { word-break: normal; overflow-wrap: anywhere; }
svg.chart { max-width: 100%; height: auto; }
@media only screen and (max-width: 576px) {
  pre, pre.wrapped-sql { white-space: pre-wrap; overflow-wrap: anywhere; }
  textarea, input, select { max-width: 100%; box-sizing: border-box; }
  h1, h2, h3, p, li, dd, dt, td, th, code, a { overflow-wrap: anywhere; }
  table { max-width: 100%; }
}
"""


async def stylesheet_view(datasette, request):
    return Response(
        ARCHIVE_CSS,
        content_type="text/css; charset=utf-8",
        headers={"Cache-Control": "public, max-age=3600"},
    )
