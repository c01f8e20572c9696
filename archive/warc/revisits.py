"""Revisit records: what a capture that adds no new payload refers to.

Two cases, both WARC 1.1 `revisit` records with `WARC-Refers-To-Target-URI` and
`WARC-Refers-To-Date`:

- server-not-modified: the server answered 304 to a conditional request. The record block holds
  the stored response's headers as the 304 updated them (RFC 9111 4.3.4: the 304's own fields
  replace the stored ones, the status line stays the stored 200), so a replay tool pairing this
  block with the original payload serves the page as it stood at this visit; the 304's status
  line is kept in `X-Archive-Orig-Status`.
- identical-payload-digest: a 200 whose payload is byte-for-byte the previous capture of the
  same URL (images, stylesheets, print views). The block holds this response's headers only.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

SERVER_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
IDENTICAL_PAYLOAD = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
# A 304 updates the stored response's fields except these (they describe the 304's own framing).
NOT_UPDATED = {"content-length", "transfer-encoding", "content-encoding", "content-type"}


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest warcio writes: sha1, base32."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


@dataclass(frozen=True)
class Original:
    """The capture a revisit refers to."""

    url: str  # its WARC-Target-URI
    date: str  # its WARC-Date
    digest: str  # its WARC-Payload-Digest


def freshened(
    stored: list[tuple[str, str]], not_modified: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The stored response's headers as a 304 updates them (RFC 9111 4.3.4)."""
    updates = [(n, v) for n, v in not_modified if n.lower() not in NOT_UPDATED]
    replaced = {name.lower() for name, _ in updates}
    kept = [(n, v) for n, v in stored if n.lower() not in replaced]
    return kept + updates


class LatestPayloads:
    """The newest payload digest of each URL in a WARC folder (from its index) and of this run:
    what an identical-payload-digest revisit is decided against.

    The index is not read whole: a run looks up only the URLs it writes, each by a binary
    search of `index.cdxj` (sorted by SURT key, as pywb reads it), once per URL. On an archive
    of 50,000 articles reading it whole cost most of a second at every run's start."""

    def __init__(self, index: Path | None = None) -> None:
        self.index = index
        self.latest: dict[str, Original | None] = {}  # None: looked up, never captured

    @classmethod
    def from_index(cls, index: Path) -> LatestPayloads:
        return cls(index if index.exists() else None)

    def note(self, url: str, original: Original) -> None:
        known = self._known(url)
        if known is None or known.date <= original.date:
            self.latest[url] = original

    def same_as(self, url: str, digest: str) -> Original | None:
        known = self._known(url)
        return known if known is not None and known.digest == digest else None

    def _known(self, url: str) -> Original | None:
        if url not in self.latest:
            self.latest[url] = self._indexed(url)
        return self.latest[url]

    def _indexed(self, url: str) -> Original | None:
        """The newest 200 capture of `url` in the index, as the whole index read in order
        would leave it (a later line of equal date wins)."""
        if self.index is None:
            return None
        try:
            return self._search(url)
        except (OSError, ValueError, KeyError) as error:
            # Only a revisit is lost (the payload is written whole): never the capture.
            logger.warning("WARC index %s unreadable (%s): no more revisits found there",
                           self.index, error)  # fmt: skip
            self.index = None
            return None

    def _search(self, url: str) -> Original | None:
        from archive.warc import cdxj  # cdxj imports this module's names

        found = None
        for fields in cdxj.indexed_lines(self.index, url):
            if fields.get("status") != "200":
                continue
            if fields.get("mime") == "warc/revisit":
                original = Original(fields["refers_to_url"], fields["refers_to_date"],
                                    fields["digest"])  # fmt: skip
            else:
                original = Original(fields["url"], fields["date"], fields["digest"])
            if found is None or found.date <= original.date:
                found = original
        return found
