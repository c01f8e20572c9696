"""Attachments: a file linked from article bodies, its MIME type and deterministic bytes.

Which articles link which files is decided in :mod:`replica.generate.linked_files`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MIME_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "zip": "application/zip",
}
MAGIC = {"pdf": b"%PDF-1.4\n", "zip": b"PK\x03\x04", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04",
         "pptx": b"PK\x03\x04", "odt": b"PK\x03\x04"}  # fmt: skip
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt
OVERSIZED_BYTES = 12 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReplicaFile:
    path: str
    label: str  # the link text in the article body
    size: int

    @property
    def extension(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def mime(self) -> str:
        return MIME_TYPES[self.extension]

    def content(self) -> bytes:
        """Deterministic bytes of exactly `size`, starting with the format's magic number."""
        head = MAGIC.get(self.extension, OLE) + self.label.encode("utf-8") + b"\n"
        if self.size >= OVERSIZED_BYTES:
            return (head + b"\0" * self.size)[: self.size]
        rest = random.Random(self.path).randbytes(max(0, self.size - len(head)))
        return (head + rest)[: self.size]
