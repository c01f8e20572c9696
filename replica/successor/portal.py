"""The platform's two portals: names, hosts, tab and module ids, category tables and URL forms.

Both portals run the same DNN news module, so they share URL forms and differ in their tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

HOME_TAB = 36
LIST_TAB = 91
DETAIL_TAB = 92
LOGIN_TAB = 99
SEARCH_TAB = 100
NEWS_MODULE = 435  # the news module on the detail tab (its print action names it)
PRINT_QUERY = (
    "?SkinSrc=%5bG%5dSkins%2f_default%2fNo+Skin"
    "&ContainerSrc=%5bG%5dContainers%2f_default%2fNo+Container"
)
PAGE_SIZE = 10
RELATED_COUNT = 8


@dataclass(frozen=True, slots=True)
class PortalCategory:
    """A category of the news module; ``old_slugs``: the old site's categories it continues."""

    id: int
    name: str
    old_slugs: tuple[str, ...] = ()
    weight: int = 10  # share of new articles

    @property
    def path(self) -> str:
        return listing_path(self.id, 1)


@dataclass(frozen=True, slots=True)
class Portal:
    key: str
    name: str
    host: str  # the real host name (the replica serves it on a loopback port)
    categories: tuple[PortalCategory, ...]
    footer: str


def listing_path(category_id: int, page: int) -> str:
    paging = f"pageid/{page}/" if page > 1 else ""
    return f"/Chuyen-muc-tin/tabid/{LIST_TAB}/ctitle/{category_id}/{paging}Default.aspx"


def article_path(article_id: int, category_id: int) -> str:
    return (
        f"/Chuyen-muc-tin/Chi-tiet-tin/tabid/{DETAIL_TAB}/title/{article_id}"
        f"/ctitle/{category_id}/Default.aspx"
    )


def print_path(article_id: int, category_id: int) -> str:
    base = article_path(article_id, category_id).removesuffix("Default.aspx")
    return f"{base}mid/{NEWS_MODULE}/dnnprintmode/true/Default.aspx{PRINT_QUERY}"


def login_path(return_to: str) -> str:
    return f"/Dang-nhap/tabid/{LOGIN_TAB}/Default.aspx?returnurl={quote(return_to, safe='')}"


SCHOOL = Portal(
    key="phutho-2025",
    name="Trường Chính trị tỉnh Phú Thọ",
    host="truongchinhtri.phutho.gov.vn",
    categories=(
        PortalCategory(3, "Tin tức - Sự kiện", ("tin-tuc-su-kien",), 40),
        PortalCategory(4, "Nội san", ("noi-san",), 14),
        PortalCategory(
            5, "Nghiên cứu khoa học", ("hoi-thao-khoa-hoc", "tin-nghien-cuu-khoa-hoc"), 12
        ),
        PortalCategory(
            6,
            "Thông tin phục vụ quản lý và giảng dạy",
            ("thong-tin-phuc-vu-quan-ly-va-giang-day",),
            8,
        ),
        PortalCategory(7, "Khoa Xây dựng Đảng", ("khoa-xay-dung-dang",), 8),
        PortalCategory(
            8, "Khoa Lý luận cơ sở", ("khoa-ly-luan-mac-lenin-tu-tuong-ho-chi-minh",), 8
        ),
        PortalCategory(9, "Thông báo", (), 10),
    ),
    footer="Địa chỉ: Phường Vân Phú, tỉnh Phú Thọ - Điện thoại: 0210.3846.215",
)
DANGUYKHOI = Portal(
    key="danguykhoi",
    name="Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh Phú Thọ",
    host="danguykhoi.phutho.gov.vn",
    categories=(
        PortalCategory(1, "Tin hoạt động", (), 40),
        PortalCategory(2, "Tin từ cơ sở", (), 0),  # cross-posts from member units
        PortalCategory(3, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", (), 30),
        PortalCategory(4, "Văn bản chỉ đạo", (), 30),
    ),
    footer="Địa chỉ: Phường Việt Trì, tỉnh Phú Thọ - Điện thoại: 0210.3812.345",
)
CROSS_POST_CATEGORY = 2
CREDIT = "(Trường Chính trị tỉnh Phú Thọ)"
