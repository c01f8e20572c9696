"""Fixed resources: the intro and contact pages, robots.txt, the 404 page and tiny images."""

from __future__ import annotations

import struct
import zlib
from functools import cache

from replica.model.articles import Category
from replica.render import chrome

ROBOTS_TXT = "User-agent: *\nDisallow: /lien-he/\nDisallow: /gui-ban-be/\n"

ABOUT = (
    "Trường Chính trị tỉnh Phú Thọ là cơ sở đào tạo, bồi dưỡng cán bộ lãnh đạo, quản lý của hệ "
    "thống chính trị ở cơ sở, cán bộ, công chức, viên chức của tỉnh; chịu sự lãnh đạo trực tiếp, "
    "toàn diện của Ban Thường vụ Tỉnh ủy, sự chỉ đạo, hướng dẫn về nội dung, chương trình của "
    "Học viện Chính trị quốc gia Hồ Chí Minh.",
    "Trường có nhiệm vụ đào tạo trung cấp lý luận chính trị - hành chính; bồi dưỡng cán bộ lãnh "
    "đạo, quản lý cấp xã; bồi dưỡng ngạch chuyên viên, chuyên viên chính; nghiên cứu khoa học, "
    "tổng kết thực tiễn phục vụ công tác giảng dạy và sự lãnh đạo của cấp ủy địa phương.",
    "Qua hơn 70 năm xây dựng và trưởng thành, nhà trường đã được Đảng, Nhà nước tặng thưởng "
    "Huân chương Lao động hạng Nhất và nhiều phần thưởng cao quý khác.",
)
CONTACT = (
    "Trường Chính trị tỉnh Phú Thọ",
    "Địa chỉ: Phường Tân Dân, thành phố Việt Trì, tỉnh Phú Thọ",
    "Điện thoại: 0210.3846.207 - Fax: 0210.3846.208",
    "Email: truongchinhtri@phutho.gov.vn",
)


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def _one_code_table(table_class: int) -> bytes:
    """A Huffman table with one 1-bit code for symbol 0 (DC: difference 0; AC: end of block)."""
    return bytes([table_class << 4, 1] + [0] * 15 + [0])


# A 1x1 mid-grey baseline JPEG: quantisation all ones, one DC and one AC code, and a scan of
# two zero bits (DC difference 0, end of block) padded with ones.
TINY_JPEG = b"".join(
    (
        b"\xff\xd8",
        _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
        _segment(0xDB, b"\x00" + b"\x01" * 64),
        _segment(0xC0, bytes([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
        _segment(0xC4, _one_code_table(0)),
        _segment(0xC4, _one_code_table(1)),
        _segment(0xDA, bytes([1, 1, 0x00, 0, 63, 0])),
        b"\x3f\xff\xd9",
    )
)


@cache
def tiny_png() -> bytes:
    """A 1x1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _paragraphs(texts: tuple[str, ...]) -> str:
    return "\r\n".join(f'<p style="text-align: justify;">{chrome.esc(text)}</p>' for text in texts)


def about_page(categories: list[Category]) -> str:
    main = f'<div class="title_box">Giới thiệu</div>\r\n{_paragraphs(ABOUT)}'
    return chrome.page("Giới thiệu", categories, main, ())


def contact_page(categories: list[Category]) -> str:
    main = (
        f'<div class="title_box">Liên hệ</div>\r\n{_paragraphs(CONTACT)}\r\n'
        '<form method="post" action="/lien-he/"><input type="text" name="name" />'
        '<textarea name="message"></textarea><input type="submit" value="Gửi" /></form>'
    )
    return chrome.page("Liên hệ", categories, main, ())


def not_found_page() -> str:
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
        "<title>404 - Không tìm thấy trang</title></head><body><h1>Không tìm thấy trang</h1>"
        '<p>Trang bạn yêu cầu không tồn tại. <a href="/">Về trang chủ</a></p></body></html>\r\n'
    )
