"""Route handlers for archived bytes: an article's raw capture, its attachments' archived
copies and its images, each read back from the WARC files (registered by plugins/archive.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import quote

from datasette.utils.asgi import NotFound, Response

from publish.captures import FILE_HEADERS, download_name, has_pointer, mime_type, placeholder_svg
from publish.routes import articles_db, fetch_rows


def record_bytes(db_path: str, folders: list[str], name: str, offset: int, length: int):
    """The stored WARC record (one gzip member) exactly as on disk, from the WARC folders the
    archive's runs recorded (or `warcs/` beside the database); None when the name is not a
    plain file name or the bytes are missing."""
    from archive.paths import capture_dirs
    from archive.warc.reader import resolve

    if not name or Path(name).name != name or offset < 0 or length <= 0:
        return None
    for folder in capture_dirs(db_path, folders):
        path = resolve(folder, name)
        if path.is_file():
            with path.open("rb") as handle:
                handle.seek(offset)
                data = handle.read(length)
            return data if len(data) == length else None
    return None


async def warc_folders(db) -> list[str]:
    """The WARC folders the archive's runs recorded, newest first."""
    from sqlite_utils import Database

    from archive.db.runs import recorded_warc_dirs

    return await db.execute_fn(lambda conn: recorded_warc_dirs(Database(conn)))


async def stored_payload(db, row: dict):
    """(payload, content type) of the response record a row points at, or None."""
    from archive.paths import capture_dirs
    from archive.warc.reader import read_response, resolve

    name = row.get("warc_file") or ""
    if not has_pointer(row) or Path(name).name != name:
        return None
    for folder in capture_dirs(db.path or "", await warc_folders(db)):
        if resolve(folder, name).is_file():
            offset = int(row["warc_offset"])
            stored = await asyncio.to_thread(read_response, folder, name, offset)
            return stored.payload, stored.content_type
    return None


async def capture_view(datasette, request):
    """The article's raw capture (or an earlier version's, `&version=N`) as a download (a
    gzipped WARC record), never as a page: the capture is where the site's scripts survive."""
    name, db = await articles_db(datasette, request)
    url, version = request.args.get("url") or "", request.args.get("version")
    columns = "warc_file, warc_offset, warc_length"
    if version and "article_versions" in await db.table_names():
        sql = f"select {columns} from article_versions where url = ? and version = ?"
        found = await fetch_rows(db, sql, [url, version])
    else:
        found = await fetch_rows(db, f"select {columns} from articles where url = ?", [url])
    record = found[0] if found else {}
    data = record_bytes(
        db.path or "", await warc_folders(db), record.get("warc_file") or "",
        record.get("warc_offset") or -1, record.get("warc_length") or 0,
    ) if record else None  # fmt: skip
    if data is None:
        raise NotFound("No raw capture stored for that URL")
    filename = f"{record['warc_file'].removesuffix('.warc.gz')}-{record['warc_offset']}.warc.gz"
    return Response(
        data,
        content_type="application/warc",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
        },
    )


async def attachment_view(datasette, request):
    """The archived copy of a file an article links, as a download with its MIME type."""
    _, db = await articles_db(datasette, request)
    article, url = request.args.get("article") or "", request.args.get("url") or ""
    rows = []
    if "attachments" in await db.table_names():
        sql = "select * from attachments where article = ? and url = ?"
        rows = await fetch_rows(db, sql, [article, url])
    stored = await stored_payload(db, rows[0]) if rows else None
    if stored is None:
        raise NotFound("No archived copy of that file")
    payload, served_type = stored
    name = download_name(url, rows[0].get("file_name"))
    headers = {**FILE_HEADERS, "Content-Disposition": f"attachment; filename=\"{name}\"; "
               f"filename*=UTF-8''{quote(name)}"}  # fmt: skip
    return Response(payload, content_type=mime_type(rows[0], served_type), headers=headers)


async def image_view(datasette, request):
    """An image of a body from its capture, with its MIME type; a placeholder with the
    caption while the archive has no capture of it."""
    _, db = await articles_db(datasette, request)
    url, caption = request.args.get("url") or "", request.args.get("caption") or ""
    rows = []
    if "images" in await db.table_names():
        columns = set(await db.table_columns("images"))
        if "url" in columns and {"warc_file", "warc_offset"} <= columns:
            found = await fetch_rows(db, "select * from images where url = ?", [url])
            rows = [r for r in found if has_pointer(r)]
    stored = await stored_payload(db, rows[0]) if rows else None
    if stored is not None:
        payload, served_type = stored
        kind = mime_type(rows[0], served_type)
        if kind.startswith("image/") and kind != "image/svg+xml":
            return Response(payload, content_type=kind, headers=FILE_HEADERS)
    headers = {**FILE_HEADERS, "Cache-Control": "no-store"}
    return Response(
        placeholder_svg(caption, url), content_type="image/svg+xml; charset=utf-8", headers=headers
    )
