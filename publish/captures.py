"""Archived files on the reading page: pure helpers for images and attachments.

Images and attachments are served from their captures (WARC records), never hot-linked from
the live site. A table that records captured files (`images`, `attachments`) is read by its
column names: a URL column and the capture pointer (`warc_file`, `warc_offset`), so an image
shows as soon as the archive records its capture, and as a placeholder with its caption until
then.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

POINTER = ("warc_file", "warc_offset")
TYPE_COLUMNS = ("mime_type", "content_type", "mime")
# Served with the file: no script, no plugin, nothing it names is fetched.
FILE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'",
    "Cache-Control": "public, max-age=86400",
}
_SAFE_NAME = re.compile(r"[^\w.\-]+")


def has_pointer(row: dict | None) -> bool:
    """True when a row names a stored capture (file name and offset)."""
    return bool(row) and bool(row.get("warc_file")) and (row.get("warc_offset") or 0) >= 0


def mime_type(row: dict, fallback: str | None) -> str:
    for column in TYPE_COLUMNS:
        if row.get(column):
            return str(row[column]).split(";")[0].strip()
    return (fallback or "application/octet-stream").split(";")[0].strip()


def download_name(url: str, stored: str | None = None) -> str:
    """A plain file name for Content-Disposition: the stored one, else the URL's last part."""
    name = stored or PurePosixPath(urlsplit(url).path).name or "file"
    return _SAFE_NAME.sub("_", name).strip("._") or "file"


def image_route(base: str, url: str, caption: str = "") -> str:
    """The archive's URL for an image of the body (base: `/{db}/-/image`)."""
    query = f"?url={quote(url, safe='')}"
    return base + query + (f"&caption={quote(caption, safe='')}" if caption else "")


def placeholder_svg(caption: str, url: str) -> str:
    """What stands in for an image the archive has not captured: a grey frame saying so, with
    the caption (escaped: this is served as image/svg+xml)."""
    words, lines, line = (caption or "").split(), [], ""
    for word in words:
        if len(line) + len(word) > 44 and line:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines = [*lines, line][:4] if line else lines[:4]
    texts = "".join(
        f'<text x="20" y="{80 + 24 * i}" font-size="16">{escape(text)}</text>'
        for i, text in enumerate(lines)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="200" viewBox="0 0 480 200" '
        'role="img"><rect width="480" height="200" fill="#eee" stroke="#999"/>'
        '<text x="20" y="40" font-size="18" font-weight="bold">'
        "Ảnh chưa được lưu trữ / Image not archived</text>"
        f"{texts}<desc>{escape(url)}</desc></svg>"
    )


def human_size(size: int | None) -> str:
    if size is None:
        return ""
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    return ""
