"""Which files each article links: deterministic, prefix-stable in the number of articles.

A generated article's files depend only on (seed, its key, print id, date), never on the site
size. Two fixed items of the seed's related list always carry files, so every site, however
small, has a file linked from several articles, one file over the crawler's default size limit
(10 MiB), and the documents an archive must cope with: a scanned PDF without a text layer, an
encrypted PDF and a corrupt one. PDF, DOCX and ODT files are real documents with Vietnamese text.
"""

from __future__ import annotations

import random
from datetime import datetime

from replica.model.files import MIME_TYPES, OVERSIZED_BYTES, ReplicaFile
from replica.words.documents import LOCAL_DOCS


def document_paragraphs(rng: random.Random, subject: str) -> tuple[str, ...]:
    """The text of an administrative document: its grounds, articles and signature."""
    pattern, issuer = rng.choice(LOCAL_DOCS)
    cited = pattern.format(n=rng.randint(12, 2400))
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2024)
    return (
        f"Căn cứ {cited}, ngày {day}/{month}/{year} của {issuer} về {subject.lower()};",
        "Xét đề nghị của Trưởng phòng Quản lý đào tạo và Trưởng phòng Tổ chức, Hành chính.",
        f"Điều 1. Ban hành kèm theo văn bản này {subject.lower()} của Trường Chính trị tỉnh "
        "Phú Thọ.",
        f"Điều 2. Văn bản có hiệu lực kể từ ngày ký; các quy định trước đây trái với "
        f"{subject.lower()} đều bãi bỏ.",
        "Điều 3. Các phòng, khoa và cán bộ, giảng viên, học viên chịu trách nhiệm thi hành.",
        f"HIỆU TRƯỞNG — {rng.choice(SIGNERS)}",
    )


SIGNERS = ("Nguyễn Đức Thắng", "Trần Quang Trung", "Phạm Thị Thu Hà", "Lê Văn Hùng")
SHARED = (
    ReplicaFile("/uploads/files/quy-che-dao-tao-boi-duong-2023.pdf",
                "Quy chế đào tạo, bồi dưỡng năm 2023", 0,
                document_paragraphs(random.Random("shared:0"), "Quy chế đào tạo, bồi dưỡng")),
    ReplicaFile("/uploads/files/bieu-mau-dang-ky-de-tai-khoa-hoc.docx",
                "Biểu mẫu đăng ký đề tài khoa học", 0,
                document_paragraphs(random.Random("shared:1"), "Biểu mẫu đăng ký đề tài")),
    ReplicaFile("/uploads/files/lich-hoc-cac-lop-nam-2024.xlsx",
                "Lịch học các lớp năm 2024", 12_040),
)  # fmt: skip
# Documents without readable text, each recorded with its status by the archive.
HARD_DOCUMENTS = (
    ReplicaFile("/uploads/files/quyet-dinh-ban-scan-2019.pdf",
                "Quyết định khen thưởng năm 2019 (bản scan)", 0, variant="scanned"),
    ReplicaFile("/uploads/files/de-thi-tot-nghiep-bao-mat.pdf",
                "Đề thi tốt nghiệp (có mật khẩu)", 0,
                document_paragraphs(random.Random("hard:1"), "Đề thi tốt nghiệp"),
                variant="encrypted"),
    ReplicaFile("/uploads/files/bao-cao-tong-ket-loi-tai-xuong.pdf",
                "Báo cáo tổng kết năm học (tệp lỗi)", 0,
                document_paragraphs(random.Random("hard:2"), "Báo cáo tổng kết"),
                variant="corrupt"),
)  # fmt: skip
OVERSIZED = ReplicaFile(
    "/uploads/files/ky-yeu-hoi-thao-khoa-hoc-2023.zip",
    "Kỷ yếu hội thảo khoa học năm 2023 (toàn văn)",
    OVERSIZED_BYTES,
)
FIXED_FILES = {"r1": (SHARED[0], OVERSIZED), "r4": (SHARED[0], SHARED[1], *HARD_DOCUMENTS)}
DOCUMENTS = ("pdf", "docx", "odt")
OWN_LABELS = {"pdf": "Toàn văn văn bản", "doc": "Văn bản hướng dẫn", "docx": "Dự thảo góp ý",
              "xls": "Danh sách học viên", "xlsx": "Bảng tổng hợp", "ppt": "Bài giảng",
              "pptx": "Bài trình bày", "odt": "Báo cáo", "zip": "Hồ sơ kèm theo"}  # fmt: skip


def files_for(seed: int, key: str, print_id: int, published: datetime) -> tuple[ReplicaFile, ...]:
    """The files an article links, from its own random stream (about 4% of articles)."""
    if key in FIXED_FILES:
        return FIXED_FILES[key]
    if not key.startswith("g"):
        return ()
    rng = random.Random(f"{seed}:{key}:files")
    files = []
    if rng.random() < 0.03:
        extension = rng.choice(tuple(MIME_TYPES))
        path = f"/uploads/files/{published.year}/{print_id}-tai-lieu.{extension}"
        label = f"{OWN_LABELS[extension]} ({extension.upper()})"
        size = rng.randint(3_000, 60_000)
        text = document_paragraphs(rng, OWN_LABELS[extension]) if extension in DOCUMENTS else ()
        files.append(ReplicaFile(path, label, size, text))
    if rng.random() < 0.012:
        files.append(rng.choice(SHARED))
    return tuple(files)
