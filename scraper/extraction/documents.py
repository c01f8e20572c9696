"""The text of attached documents (decisions, plans, reports): what researchers cite.

A pure function of (bytes, file name, MIME type) -> `DocumentText`: PDF through pypdf, DOCX and
ODT from their XML (no office suite), NFC. A PDF without a text layer (a scan) says so: no OCR.
An encrypted PDF is opened with the empty password when the author allowed that, else recorded.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass

from lxml import etree

from scraper.extraction.text import nfc

logger = logging.getLogger(__name__)

OK = "ok"
NO_TEXT_LAYER = "no-text-layer"
UNSUPPORTED = "unsupported"
FAILED = "failed"
MAX_CHARS = 2_000_000  # a document's text beyond this is cut (recorded in the reason)
MAX_XML_BYTES = 50 * 1024 * 1024  # an office document's XML part larger than this is refused
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


@dataclass(frozen=True)
class DocumentText:
    text: str | None
    status: str  # "ok", "no-text-layer", "unsupported", "failed"
    reason: str | None = None


def document_kind(file_name: str, mime_type: str | None) -> str | None:
    """ "pdf", "docx" or "odt" when the file is one we read, by its bytes' declared type."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    mime = (mime_type or "").split(";")[0].strip().lower()
    if extension == "pdf" or mime == "application/pdf":
        return "pdf"
    if extension == "docx" or mime.endswith("wordprocessingml.document"):
        return "docx"
    if extension == "odt" or mime == "application/vnd.oasis.opendocument.text":
        return "odt"
    return None


def document_text(body: bytes, file_name: str, mime_type: str | None = None) -> DocumentText:
    """The document's text, or why there is none. Never raises on bad input."""
    kind = document_kind(file_name, mime_type)
    if kind is None:
        return DocumentText(None, UNSUPPORTED, f"no text extraction for {file_name!r}")
    reader = {"pdf": _pdf, "docx": _docx, "odt": _odt}[kind]
    try:
        return _finished(reader(body))
    except Exception as exc:  # a corrupt file is a recorded fact, never a crash
        return DocumentText(None, FAILED, f"unreadable {kind.upper()}: {type(exc).__name__}: {exc}")


def _finished(found: DocumentText) -> DocumentText:
    if found.status != OK or found.text is None:
        return found
    text = nfc("\n\n".join(p.strip() for p in found.text.split("\n\n") if p.strip()))
    if len(text) > MAX_CHARS:
        return DocumentText(
            text[:MAX_CHARS], OK, f"text of {len(text)} characters cut to {MAX_CHARS}"
        )
    return DocumentText(text, OK) if text else DocumentText(None, NO_TEXT_LAYER, "no text found")


def _pdf(body: bytes) -> DocumentText:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    if reader.is_encrypted and not reader.decrypt(""):
        return DocumentText(None, FAILED, "encrypted PDF: a password is needed to read it")
    pages = [page.extract_text() or "" for page in reader.pages]
    text = "\n\n".join(p for p in pages if p.strip())
    if not text.strip():
        reason = f"no text layer on its {len(pages)} page(s) (a scan?); not OCRed"
        return DocumentText(None, NO_TEXT_LAYER, reason)
    return DocumentText(text.replace("\r\n", "\n"), OK)


def _xml_part(body: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        info = archive.getinfo(name)
        if info.file_size > MAX_XML_BYTES:
            raise ValueError(f"{name} is {info.file_size} bytes uncompressed (a zip bomb?)")
        data = archive.read(name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def _docx(body: bytes) -> DocumentText:
    root = _xml_part(body, "word/document.xml")
    paragraphs = []
    for p in root.iter(f"{W}p"):
        parts = []
        for node in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
            parts.append(node.text or "" if node.tag == f"{W}t" else " ")
        paragraphs.append("".join(parts))
    return DocumentText("\n\n".join(paragraphs), OK)


def _odt(body: bytes) -> DocumentText:
    root = _xml_part(body, "content.xml")
    paragraphs = [
        "".join(node.itertext()) for node in root.iter(f"{{{TEXT_NS}}}p", f"{{{TEXT_NS}}}h")
    ]
    return DocumentText("\n\n".join(paragraphs), OK)
