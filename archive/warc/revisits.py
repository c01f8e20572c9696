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
import json
from dataclasses import dataclass
from pathlib import Path

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
    what an identical-payload-digest revisit is decided against."""

    def __init__(self) -> None:
        self.latest: dict[str, Original] = {}

    @classmethod
    def from_index(cls, index: Path) -> LatestPayloads:
        payloads = cls()
        if not index.exists():
            return payloads
        with open(index, encoding="utf-8") as handle:
            for entry in handle:
                if '"alias_of"' in entry:  # an alias line repeats a capture's (half the index)
                    continue
                fields = json.loads(entry.split(" ", 2)[2])
                if fields.get("status") != "200":
                    continue
                if fields.get("mime") == "warc/revisit":
                    original = Original(fields["refers_to_url"], fields["refers_to_date"],
                                        fields["digest"])  # fmt: skip
                else:
                    original = Original(fields["url"], fields["date"], fields["digest"])
                payloads.note(fields["url"], original)
        return payloads

    def note(self, url: str, original: Original) -> None:
        known = self.latest.get(url)
        if known is None or known.date <= original.date:
            self.latest[url] = original

    def same_as(self, url: str, digest: str) -> Original | None:
        known = self.latest.get(url)
        return known if known is not None and known.digest == digest else None
