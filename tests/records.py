"""Records tests build by hand: an `Extraction` of a known article, as extraction derives it."""

from __future__ import annotations

from scraper.extraction import Extraction, extraction_of

BASE_FIELDS: dict = {
    "url": "http://site/noi-san/a.html",
    "title": "Tiêu đề",
    "published": "2023-06-27T00:42:00+07:00",
    "published_raw": "Thứ ba, 27.06.2023 00:42",
    "date_problem": None,
    "published_precision": "minute",
    "year": 2023,
    "author": "ThS. Nguyễn Thị Nhàn",
    "author_role": "Trưởng phòng",
    "category": "noi-san",
    "category_name": "Nội san",
    "print_id": 7,
    "body_text": "Đoạn một.\n\nĐoạn hai.",
    "body_html": "<p>Đoạn một.</p><p>Đoạn hai.</p>",
    "images": (("http://site/a.jpg", "Ảnh"),),
    "links": (),
    "lang": "vi",
    "word_count": 4,
    "content_hash": "h1",
    "method": "profile",
    "extractor_version": "1",
    "encoding": "utf-8",
}


def article(**overrides) -> Extraction:
    """The base article with `overrides`; its search text and references follow its text."""
    fields = {**BASE_FIELDS, **overrides}
    if fields.get("published"):
        fields.setdefault("year", int(fields["published"][:4]))
    return extraction_of(**fields)
