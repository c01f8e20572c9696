"""Content fault pages: articles whose bytes, text or markup are hostile, with ground truth.

Each is an extra article (not one of the site's good articles) rendered by the ordinary page
functions, then damaged: re-encoded (windows-1258, TCVN3), decomposed (NFD), misdeclared,
re-marked up, or given a date that cannot be trusted. Their texts avoid capital toned letters,
which TCVN3 cannot write.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from replica.model.articles import PagePaths
from replica.model.body_blocks import Body, Para
from replica.model.site import SILENT_HOST, Site
from replica.render import article_pages
from replica.render.page_template import Template
from replica.words.legacy_encodings import encode_cp1258, encode_tcvn3
from replica.words.vietnamese import WEEKDAYS, date_line, print_date_line, slugify

CATEGORY = "tin-tuc-su-kien"
FIRST_PRINT_ID = 900001
UTF8 = "text/html; charset=utf-8"
PARAGRAPHS = (
    "Sáng nay, tại hội trường nhà trường, lớp bồi dưỡng kiến thức quốc phòng và an ninh cho "
    "đối tượng 4 đã khai giảng với sự tham dự của đông đảo học viên đến từ các huyện, thành, thị.",
    "Phát biểu tại buổi lễ, đồng chí hiệu trưởng đề nghị học viên nghiêm túc chấp hành nội quy, "
    "tích cực nghiên cứu tài liệu và vận dụng kiến thức vào thực tiễn công tác ở cơ sở.",
    "Chương trình học gồm các chuyên đề về đường lối quốc phòng, an ninh của Đảng, xây dựng nền "
    "quốc phòng toàn dân gắn với thế trận an ninh nhân dân trên địa bàn tỉnh Phú Thọ.",
    "Kết thúc khóa học, học viên được đánh giá kết quả và cấp giấy chứng nhận theo quy định.",
)


@dataclass(frozen=True)
class FaultArticle(PagePaths):
    """Duck-typed like `replica.model.articles.Article` for the article and print pages."""

    fault: str
    title: str
    published: datetime | None
    body: Body
    print_id: int
    date_text: str | None = None  # what the page prints instead of the true date line
    category: str = CATEGORY
    index: int = 0  # no related items
    author_form: str = "none"
    author: str | None = None
    author_role: str | None = None
    image_urls: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return self.title

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def date_line(self) -> str:
        if self.date_text is not None:
            return self.date_text
        return date_line(self.published) if self.published else ""

    @property
    def print_date_line(self) -> str:
        return print_date_line(self.published) if self.published else ""

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return self.body.paragraphs


@dataclass(frozen=True)
class ContentFault:
    article: FaultArticle
    content_type: str
    expected: dict  # the fields an archive must hold for this page (None: must not be stored)
    damage: Callable[[str], bytes] = field(default=lambda html: html.encode("utf-8"))

    def render(self, site: Site) -> bytes:
        html = article_pages.article_page(site, self.article)
        text = Template.compile(html).render(_VALUES).decode("utf-8")
        return self.damage(text)


_VALUES = {"online": "5", "today": "2301", "yesterday": "1720", "total": "3036900", "views": "17"}


def _body(paragraphs: tuple[str, ...]) -> Body:
    return Body(tuple(Para(text) for text in paragraphs))


def _meta_charset(html: str, charset: str | None) -> str:
    """Declare `charset` in every <meta> (the pasted widget has its own), or remove them."""
    if charset:
        return html.replace("charset=utf-8", f"charset={charset}")
    return re.sub(r'<meta http-equiv="Content-Type"[^>]*>', "", html)


def _malformed(html: str) -> bytes:
    """Unclosed paragraphs and cells, a stray end tag, and a whole document nested in the body."""
    html = html.replace("</p>", "").replace("</td>", "").replace("</li>", "")
    nested = '<html><head><title>Untitled Document</title></head><body><div class="x">'
    start = '<div id="content" class="content">'
    html = html.replace(start, f"{start}</span></font>{nested}", 1)
    return html.replace("</body>\r\n</html>", "</div></table></body></html></html>").encode()


def _tcvn3_page(html: str) -> bytes:
    """The whole page in TCVN3 with no charset anywhere, as an ABC-font page was published."""
    return encode_tcvn3(_meta_charset(html, None), strict=False)


def _link_farm(count: int = 300) -> str:
    rng = random.Random("link-farm")
    words = ("nha-cai", "ca-cuoc", "thuoc-giam-can", "vay-nhanh", "game-bai", "xem-phim")
    links = " ".join(
        f'<a href="http://{rng.choice(words)}-{n}.example/?ref=tcpt">{rng.choice(words)} {n}</a>'
        for n in range(count)
    )
    return f'<div style="display:none">{links}</div>'


def _expected(article: FaultArticle, **overrides) -> dict:
    published = article.published
    base = {
        "path": article.path,
        "title": unicodedata.normalize("NFC", article.title),
        "published": published.isoformat() + "+07:00" if published else None,
        "published_raw": article.date_line or None,
        "date_problem": None,
        "category": article.category,
        "print_id": article.print_id,
        "paragraphs": [unicodedata.normalize("NFC", p) for p in article.paragraphs],
    }
    return {**base, **overrides}


def content_faults() -> dict[str, ContentFault]:
    """Every content fault by name, in a fixed order with fixed print ids."""
    made: dict[str, ContentFault] = {}
    when = datetime(2023, 9, 12, 8, 15)  # a Tuesday

    def add(name, title, damage=None, content_type=UTF8, paragraphs=PARAGRAPHS, **kw):
        expect = kw.pop("expect", {})
        article = FaultArticle(
            name,
            title,
            kw.pop("published", when),
            _body(paragraphs),
            FIRST_PRINT_ID + len(made),
            **kw,
        )
        fault = ContentFault(article, content_type, _expected(article, **expect))
        made[name] = (
            fault if damage is None else ContentFault(article, content_type, fault.expected, damage)
        )

    def nfd(html: str) -> bytes:
        return unicodedata.normalize("NFD", html).encode()

    add(
        "charset-mismatch",
        "Khai giảng lớp bồi dưỡng kiến thức quốc phòng năm 2023",
        content_type="text/html; charset=iso-8859-1",
    )
    add(
        "charset-mismatch-1258",
        "Hội nghị sơ kết công tác đào tạo 6 tháng đầu năm",
        damage=lambda h: encode_cp1258(_meta_charset(h, "windows-1258")),
    )
    add(
        "windows-1258",
        "Hội thảo khoa học về công tác xây dựng Đảng ở cơ sở",
        damage=lambda h: encode_cp1258(_meta_charset(h, "windows-1258")),
        content_type="text/html; charset=windows-1258",
    )
    add("nfd", "Tọa đàm trao đổi kinh nghiệm giảng dạy lý luận chính trị", damage=nfd)
    add(
        "tcvn3",
        "Bồi dưỡng nghiệp vụ công tác tuyên giáo cho cán bộ cơ sở",
        damage=_tcvn3_page,
        content_type="text/html",
    )
    eth = "Ðảng bộ nhà trường tổ chức hội nghị học tập nghị quyết"
    add(
        "eth",
        eth,
        paragraphs=tuple(p.replace("Đ", "Ð") for p in PARAGRAPHS),
        expect={"fold_title": "Đảng bộ nhà trường tổ chức hội nghị học tập nghị quyết"},
    )
    add("malformed-html", "Nghiệm thu đề tài khoa học cấp cơ sở năm 2023", damage=_malformed)
    add("empty-article", "Thông báo lịch học tháng mười", paragraphs=())
    add(
        "missing-date",
        "Giới thiệu chương trình đào tạo trung cấp lý luận chính trị",
        date_text="",
        expect={"published": None, "published_raw": None, "date_problem": "missing"},
    )
    add(
        "malformed-date",
        "Tổng kết năm học và trao bằng tốt nghiệp",
        date_text="Thứ ba, 31.02.2023 08:15",
        expect={"published": None, "date_problem": "unparseable"},
    )
    future = datetime(2099, 12, 31, 8, 0)
    add(
        "future-date",
        "Kế hoạch đào tạo, bồi dưỡng giai đoạn tiếp theo",
        published=future,
        expect={"published": None, "date_problem": "future"},
    )
    add(
        "weekday-mismatch",
        "Sinh hoạt chuyên đề tháng chín của chi bộ",
        date_text=f"{WEEKDAYS[4]}, {when:%d.%m.%Y %H:%M}",
        expect={"published": None, "date_problem": "weekday-mismatch"},
    )
    add(
        "link-farm",
        "Lễ dâng hương tưởng niệm các anh hùng liệt sĩ",
        paragraphs=PARAGRAPHS[:2],
        damage=lambda h: h.replace("</p>\r\n</div>", f"</p>{_link_farm()}\r\n</div>", 1).encode(),
    )
    captions = [f"Ảnh {n}: hội nghị tập huấn" for n in range(1, len(BAD_IMAGES) + 1)]
    add(
        "bad-images",
        "Hội nghị tập huấn công tác thư viện và tư liệu",
        paragraphs=PARAGRAPHS[:3],
        expect={"paragraphs": [*PARAGRAPHS[:3], *captions]},
        damage=lambda h: h.replace("</p>\r\n</div>", f"</p>{_bad_images()}\r\n</div>", 1).encode(),
    )
    return made


# The bad images of the "bad-images" page: what an archive must record with a reason.
MISSING_IMAGE = "/uploads/images/2023/09/khong-con-anh.jpg"  # 404
HUGE_IMAGE = "/uploads/images/2023/09/anh-goc-20mb.jpg"  # 20 MiB, over the embed size limit
LOOP_IMAGE = "/uploads/images/2023/09/anh-vong-lap.jpg"  # redirects to itself
SILENT_IMAGE = f"http://{SILENT_HOST}/uploads/anh-hoi-nghi.jpg"
SCRIPT_SRC = "javascript:alert(document.cookie)"
DATA_SRC = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
HUGE_SIZE = 20 * 1024 * 1024


BAD_IMAGES = (MISSING_IMAGE, HUGE_IMAGE, LOOP_IMAGE, SILENT_IMAGE, SCRIPT_SRC, DATA_SRC)


def _bad_images() -> str:
    return "".join(
        f'\r\n<p style="text-align: center;"><img alt="Ảnh {n}" src="{src}" width="500" /></p>'
        f"\r\n<p><em>Ảnh {n}: hội nghị tập huấn</em></p>"
        for n, src in enumerate(BAD_IMAGES, start=1)
    )


BINARY_PATH = f"/{CATEGORY}/bao-cao-tong-hop-nam-2023.html"


def binary_garbage(size: int = 24 * 1024) -> bytes:
    return random.Random("binary").randbytes(size)
