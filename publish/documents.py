"""Document lookup the way researchers type a document: `581/QÐ-UBND` (with the eth
look-alike), `581/qđ-ubnd`, `Quyết định số 581/QĐ-UBND`, `581 / QĐ - UBND`, or `581` alone
(every document numbered 581: the candidates). The `document` parameter of the
`articles_citing` query is normalised before Datasette reads it; the query's SQL compares it
case-blind and reads a number alone as a number.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode

_CITING = re.compile(r"^/[^/]+/articles_citing(\.\w+)?$")
_FIRST_DIGIT = re.compile(r"\d")


def normalise_document(text: str) -> str:
    """`Quyết định số 581 / qð-ubnd` -> `581/QĐ-UBND`; a number alone stays a number."""
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "Đ").replace("\u00f0", "đ")
    first = _FIRST_DIGIT.search(text)
    if first:  # "Quyết định số", "Kế hoạch", "số", "No." … before the number
        text = text[first.start() :]
    return re.sub(r"\s+", "", text).upper().strip(".,;:")


def rewrite_document_lookup(path: str, query_string: bytes) -> bytes | None:
    """The query string with `document` normalised, or None to leave the request alone."""
    if not _CITING.match(path) or not query_string:
        return None
    pairs = parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)
    rewritten = [
        (name, normalise_document(value) if name == "document" else value) for name, value in pairs
    ]
    return None if rewritten == pairs else urlencode(rewritten).encode("ascii")
