"""Extraction is a pure function of (URL, HTML, profile): saved inputs against expected fields,
on markups other than the replica's."""

from __future__ import annotations

import dataclasses

import pytest

from scraper.extraction import extract
from scraper.extraction.text import clean_line
from scraper.sites import load_site
from tests.markup import Page, section_layout, seed_page, span_layout, table_layout

PROFILE = load_site()
URL = "http://truongchinhtritinhphutho.gov.vn/noi-san/khoi-thi-dua.html"
LAYOUTS = [table_layout, section_layout, span_layout]
BOILERPLATE = [
    "Số người online",
    "Lượt truy cập",
    "Các tin khác",
    "Gửi cho bạn bè",
    "Untitled Document",
    "Trở về",
    "9 10 179",
    "In bài viết",
]


@pytest.mark.parametrize("render", LAYOUTS, ids=lambda f: f.__name__)
def test_seed_article_on_foreign_markup(render) -> None:
    page = seed_page()
    result = extract(URL, render(page), PROFILE)
    assert result.title == page.title
    assert result.published == "2023-06-27T00:42:00+07:00"
    assert result.published_raw == "Thứ ba, 27.06.2023 00:42"
    assert (result.author, result.author_role) == (
        "ThS. Nguyễn Thị Nhàn",
        "Trưởng phòng TC, HC, TT, TL",
    )
    assert result.body_text.split("\n\n") == [clean_line(p) for p in page.paragraphs]
    assert result.body_text.startswith("Khối thi đua các cơ quan Đảng, Ủy ban Mặt trận")
    assert result.body_text.endswith(
        "góp phần hoàn thành thắng lợi các chỉ tiêu, nhiệm vụ được giao."
    )
    for text in BOILERPLATE + ["ThS. Nguyễn Thị Nhàn", "Trưởng phòng TC"]:
        assert text not in result.body_text
    assert (result.category, result.category_name, result.print_id) == ("noi-san", "Nội san", 4711)
    assert result.method == "profile" and result.lang == "vi"
    assert result.word_count == len(result.body_text.split())


def test_counters_and_related_lists_never_change_the_hash() -> None:
    page = seed_page()
    first = extract(URL, table_layout(page), PROFILE)
    changed = dataclasses.replace(page, related=["Một tin hoàn toàn mới"])
    html = table_layout(changed).replace("3036841", "3036999").replace("9 10 179", "9 10 180")
    assert extract(URL, html, PROFILE).content_hash == first.content_hash
    edited = dataclasses.replace(page, paragraphs=[*page.paragraphs[:-1], "Đoạn cuối đã sửa."])
    assert extract(URL, table_layout(edited), PROFILE).content_hash != first.content_hash


SHORT = ["Sáng ngày 5/3/2021, tại Hội trường A, Trường Chính trị tỉnh tổ chức khai giảng lớp học.",
         "Dự lễ khai giảng có đồng chí Hiệu trưởng và 60 học viên."]  # fmt: skip


@pytest.mark.parametrize("render", LAYOUTS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("page", "author", "role"),
    [
        (Page("Khai giảng lớp", "TIN HOẠT ĐỘNG: Khai giảng lớp", "Thứ hai, 08.03.2021 08:15",
              SHORT, top=("TS. Trần Văn Bình", "Phó Trưởng khoa Xây dựng Đảng")),
         "TS. Trần Văn Bình", "Phó Trưởng khoa Xây dựng Đảng"),
        (Page("Khai giảng lớp", "KHAI GIẢNG LỚP", "Thứ hai, 08.03.2021 08:15", SHORT,
              credit="(Tin: Lê Thu Hà; Ảnh: Phạm Minh)"), "Lê Thu Hà", None),
        (Page("Khai giảng lớp", "Khai giảng lớp", "Thứ hai, 08.03.2021 08:15", SHORT,
              signature=("PGS.TS Nguyễn Văn Khoa", None)), "PGS.TS Nguyễn Văn Khoa", None),
        (Page("Khai giảng lớp", "Khai giảng lớp", "Thứ hai, 08.03.2021 08:15", SHORT), None, None),
    ],
    ids=["top-block-caps-prefix", "credit-all-caps", "signature-no-role", "no-author"],
)  # fmt: skip
def test_author_forms(render, page: Page, author, role) -> None:
    result = extract(URL, render(page), PROFILE)
    assert result.title == "Khai giảng lớp"
    assert (result.author, result.author_role) == (author, role)
    assert result.body_text.split("\n\n") == SHORT
    assert result.published == "2021-03-08T08:15:00+07:00"


def test_body_html_is_sanitised() -> None:
    page = Page("Bài", "Bài", "Thứ hai, 08.03.2021 08:15", ["Đoạn văn bản đầu tiên."])
    html = section_layout(page).replace(
        "<p>Đoạn văn bản đầu tiên.</p>",
        '<p onclick="x()">Đoạn <b>văn</b> bản <a href="javascript:alert(1)">đầu</a> tiên.'
        '<script>alert(1)</script><img src="/a.jpg" onerror="alert(2)"></p>'
        '<iframe src="http://evil/"></iframe><form><input></form>',
    )
    result = extract(URL, html, PROFILE)
    for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<form", "<input"):
        assert bad not in result.body_html
    assert "<b>văn</b>" in result.body_html
    assert "alert" not in result.body_text


def test_images_and_captions() -> None:
    page = Page(
        "Bài",
        "Bài",
        "Thứ hai, 08.03.2021 08:15",
        ["Đoạn một dài dòng văn tự.", "Ảnh: Lễ khai giảng"],
    )
    html = section_layout(page).replace(
        "<p>Ảnh: Lễ khai giảng</p>", '<p><img src="/uploads/a.jpg"></p><p>Ảnh: Lễ khai giảng</p>'
    )
    result = extract(URL, html, PROFILE)
    assert result.images == (
        ("http://truongchinhtritinhphutho.gov.vn/uploads/a.jpg", "Ảnh: Lễ khai giảng"),
    )
    assert "Ảnh: Lễ khai giảng" in result.body_text.split("\n\n")


def test_nfd_input_is_stored_nfc() -> None:
    import unicodedata

    page = seed_page()
    html = unicodedata.normalize("NFD", table_layout(page))
    result = extract(URL, html, PROFILE)
    assert result.title == page.title
    assert unicodedata.is_normalized("NFC", result.body_text)


def test_generic_rules_without_a_profile() -> None:
    page = seed_page()
    result = extract(URL, section_layout(page), None)
    assert result.method == "generic"
    assert result.published == "2023-06-27T00:42:00+07:00"
    assert "Sáu là" in result.body_text
    assert "Số người online" not in result.body_text
    assert result.lang == "vi"


def test_page_without_date_line_falls_back_to_generic() -> None:
    result = extract(
        URL, "<html><body><h1>Giới thiệu</h1><p>Trường được thành lập.</p></body></html>", PROFILE
    )
    assert result.method == "generic"
    assert result.published is None and result.date_problem == "missing"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html>",
        "\x00\x01binary",
        "<p>" * 5000,
        "<html><body>Thứ ba, 27.06.2023 00:42</body></html>",
    ],
)
def test_odd_pages_never_raise(html: str) -> None:
    result = extract(URL, html, PROFILE)
    assert result.url == URL


@pytest.mark.parametrize(
    ("printed", "name", "honorific"),
    [
        ("ThS. Bùi Văn Hưng", "Bùi Văn Hưng", "ThS."),
        ("Bùi Văn Hưng", "Bùi Văn Hưng", None),
        ("GS,TS Kiều Văn Kiên", "Kiều Văn Kiên", "GS,TS"),
        ("PGS. TS. Lê Văn An", "Lê Văn An", "PGS. TS."),
        ("Đ/c Dương Tiến Dũng", "Dương Tiến Dũng", "Đ/c"),
        ("Đồng chí Hà Văn Cường", "Hà Văn Cường", "Đồng chí"),
        ("ThS.Quách Thị Mai", "Quách Thị Mai", "ThS."),
        ("Tsang Văn Dũng", "Tsang Văn Dũng", None),  # a name that starts like a title
        (None, None, None),
    ],
)
def test_authors_as_people(printed, name, honorific) -> None:
    from scraper.extraction.authors import split_honorific

    person = split_honorific(printed)
    assert (person.name, person.honorific) == (name, honorific)


def test_citations_are_found_wherever_a_kind_may_start() -> None:
    """The lookahead on the kinds' first characters holds every character the
    case-insensitive kinds can start with, and finds what the pattern finds without it."""
    import re

    from scraper.extraction import references

    starts = {chr(c) for c in range(0x10000) for k in references.KINDS
              if re.match(f"(?i:{re.escape(k[0])})", chr(c))}  # fmt: skip
    assert set(references._KIND_START) == starts
    text = ("Theo QUYẾT ĐỊNH SỐ 12/QĐ-UBND, ngày 3/4/2022 và \u212aế hoạch 5-KH/TU; "
            "xem thêm nghị quyết số 05-NQ/TW (Công văn 7/CV-TCT).")  # fmt: skip
    without = re.compile(references.CITATION.pattern.split(")", 1)[1])
    assert [m.group(0) for m in references.CITATION.finditer(text)] == [
        m.group(0) for m in without.finditer(text)
    ]
    assert [r.document for r in references.find_references(text)] == [
        "12/QĐ-UBND", "5-KH/TU", "05-NQ/TW", "7/CV-TCT"
    ]  # fmt: skip
