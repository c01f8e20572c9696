"""Document lookup: the forms researchers type, normalised to the form the archive stores."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from publish.documents import normalise_document, rewrite_document_lookup


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("581/QĐ-UBND", "581/QĐ-UBND"),
        ("581/Q\u00d0-UBND", "581/QĐ-UBND"),  # the eth look-alike
        ("581/qđ-ubnd", "581/QĐ-UBND"),
        ("Quyết định 581/QĐ-UBND", "581/QĐ-UBND"),
        ("Quyết định số 581 / QĐ - UBND", "581/QĐ-UBND"),
        ("  05-ct/tw ", "05-CT/TW"),
        ("581", "581"),
        ("số 581.", "581"),
        ("", ""),
    ],
)
def test_document_forms(typed: str, normalised: str) -> None:
    assert normalise_document(typed) == normalised


def test_only_the_citing_query_is_rewritten() -> None:
    rewritten = rewrite_document_lookup("/archive/articles_citing.json", b"document=581%2Fq%C4%91")
    assert parse_qs(rewritten.decode())["document"] == ["581/QĐ"]
    assert rewrite_document_lookup("/archive/articles_citing", b"document=581") is None
    assert rewrite_document_lookup("/archive/articles", b"document=581%2Fqd") is None
