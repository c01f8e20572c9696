"""Attachments: a file linked from article bodies, its MIME type and deterministic bytes.

PDF, DOCX and ODT files with `paragraphs` are real documents with that Vietnamese text
(`replica.model.documents`); a `variant` makes the PDF a scan without a text layer, an encrypted
one, or a corrupt (truncated) one. Other files are magic bytes and noise of their `size`.

Which articles link which files is decided in :mod:`replica.generate.linked_files`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from replica.model import documents

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


DOCUMENT_VARIANTS = ("", "scanned", "encrypted", "corrupt")


@dataclass(frozen=True, slots=True)
class ReplicaFile:
    path: str
    label: str  # the link text in the article body
    declared_size: int  # the size of a file of noise (a document's size is its bytes')
    paragraphs: tuple[str, ...] = ()  # a document's text (its title is the label)
    variant: str = ""  # "", "scanned", "encrypted" or "corrupt"

    @property
    def is_document(self) -> bool:
        return bool(self.paragraphs or self.variant) and self.extension in ("pdf", "docx", "odt")

    @property
    def size(self) -> int:
        return len(self.content()) if self.is_document else self.declared_size

    @property
    def extension(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def mime(self) -> str:
        return MIME_TYPES[self.extension]

    def content(self) -> bytes:
        """Deterministic bytes: the document, or exactly `size` bytes of noise starting with the
        format's magic number."""
        if self.is_document:
            return self._document()
        head = MAGIC.get(self.extension, OLE) + self.label.encode("utf-8") + b"\n"
        if self.size >= OVERSIZED_BYTES:
            return (head + b"\0" * self.size)[: self.size]
        rest = random.Random(self.path).randbytes(max(0, self.size - len(head)))
        return (head + rest)[: self.size]

    def _document(self) -> bytes:
        title, paragraphs = self.label, list(self.paragraphs)
        if self.variant == "scanned":
            return documents.scanned_pdf(self.path)
        if self.variant == "encrypted":
            return documents.encrypted_pdf(title, paragraphs, "phutho", self.path)
        writer = {"pdf": documents.pdf, "docx": documents.docx, "odt": documents.odt}
        data = writer[self.extension](title, paragraphs)
        return data[: len(data) // 3] if self.variant == "corrupt" else data
