"""WARC captures: the writer (`writer`), reading records back (`reader`), the CDXJ index
(`cdxj`), and `open_capture_store`, the one door the crawl's capture middleware uses."""

from __future__ import annotations

import logging
from pathlib import Path

from archive.paths import warc_dir
from archive.warc import cdxj
from archive.warc.writer import Exchange, WarcWriter, recover_open_files

logger = logging.getLogger(__name__)


class CaptureStore:
    """A run's WARC folder: each exchange is written (and flushed) before its pointer is handed
    out; closing finishes the current file and merges every sidecar into `index.cdxj`."""

    def __init__(
        self, directory: Path, writer: WarcWriter, aliases: dict[str, tuple[str, ...]]
    ) -> None:
        self.directory = directory
        self.writer = writer
        self.aliases = aliases

    def write(self, **exchange) -> dict:
        """Write one request/response pair (the fields of `Exchange`, by keyword); returns the
        capture pointer as the `articles` / `attachments` columns hold it."""
        return self.writer.write(Exchange(**exchange)).as_dict()

    def close(self) -> None:
        self.writer.close()
        cdxj.merge_index(self.directory, self.aliases)


def open_capture_store(
    db: str,
    configured_dir: str | None,
    prefix: str,
    max_size: int,
    info: dict[str, str],
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> CaptureStore:
    """The WARC folder of the archive at `db` (archive.paths decides where), with any file a
    killed run left open recovered first. `aliases`: the site's host and the other hosts that
    serve its pages, for the alias lines of `index.cdxj`."""
    directory = warc_dir(db, configured_dir)
    directory.mkdir(parents=True, exist_ok=True)
    for name in recover_open_files(directory):
        logger.warning("Recovered WARC file %s left open by an interrupted run", name)
    writer = WarcWriter(directory, prefix, max_size, info)
    return CaptureStore(directory, writer, aliases or {})
