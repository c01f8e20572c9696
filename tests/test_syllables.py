"""Glued words read as syllables: a table of what the CMS glues, and of words left whole."""

from __future__ import annotations

import pytest

from scraper.extraction import search_text
from scraper.extraction.syllables import glued_syllables, syllables_of


@pytest.mark.parametrize(
    ("token", "syllables"),
    [
        ("nêugương", ("nêu", "gương")),
        ("sauđại", ("sau", "đại")),
        ("đạocủaTỉnh", ("đạo", "của", "tỉnh")),  # a capital after a small letter
        ("nổigóp", ("nổi", "góp")),
        ("tổchức", ("tổ", "chức")),  # tổc|hức: a checked syllable takes sắc or nặng only
        ("đềtài", ("đề", "tài")),
        ("biếtrằng", ("biết", "rằng")),  # biế|trằng: iê is never open
        ("PhúThọ", ("phú", "thọ")),
        ("thựchiện", ("thự", "chiện", "thực", "hiện")),  # undecidable: both readings
    ],
)
def test_glued_tokens_split(token: str, syllables: tuple[str, ...]) -> None:
    assert syllables_of(token) == syllables


@pytest.mark.parametrize(
    "word",
    ["gương", "nghiêng", "khuyến", "người", "nguyễn", "quyết", "giữa", "trường", "chuyển",
     "hoạt", "thuở", "Ðảng", "ngoằn", "khoẻ", "oanh", "ươm", "huynh", "boong", "rượu",
     "ngoài", "thuyền", "giấy", "Covid", "UBND", "ThS", "x" * 50],
)  # fmt: skip
def test_words_are_left_whole(word: str) -> None:
    assert syllables_of(word) == ()


def test_index_text_keeps_the_printed_words_first() -> None:
    text = search_text("Vai trò nêugương", "sôi nổigóp phần")
    assert text.body_exact.startswith("sôi nổigóp phần") and text.body_exact.endswith("nổi góp")
    assert text.title_folded.endswith("neu guong")
    assert glued_syllables("thi đua sôi nổi") == ""


def test_glued_tokens_are_indexed_in_order_each_time_they_occur() -> None:
    assert glued_syllables("nêugương và Nêugương, rồi sôi nổigóp") == "nêu gương nêu gương nổi góp"
