"""Which files each article links: deterministic, prefix-stable in the number of articles.

A generated article's files depend only on (seed, its key, print id, date), never on the site
size. Two fixed items of the seed's related list always carry files, so every site, however
small, has a file linked from several articles and one file over the crawler's default size
limit (10 MiB).
"""

from __future__ import annotations

import random
from datetime import datetime

from replica.model.files import MIME_TYPES, OVERSIZED_BYTES, ReplicaFile

SHARED = (
    ReplicaFile("/uploads/files/quy-che-dao-tao-boi-duong-2023.pdf",
                "Quy chế đào tạo, bồi dưỡng năm 2023", 18_437),
    ReplicaFile("/uploads/files/bieu-mau-dang-ky-de-tai-khoa-hoc.docx",
                "Biểu mẫu đăng ký đề tài khoa học", 9_215),
    ReplicaFile("/uploads/files/lich-hoc-cac-lop-nam-2024.xlsx",
                "Lịch học các lớp năm 2024", 12_040),
)  # fmt: skip
OVERSIZED = ReplicaFile(
    "/uploads/files/ky-yeu-hoi-thao-khoa-hoc-2023.zip",
    "Kỷ yếu hội thảo khoa học năm 2023 (toàn văn)",
    OVERSIZED_BYTES,
)
FIXED_FILES = {"r1": (SHARED[0], OVERSIZED), "r4": (SHARED[0], SHARED[1])}
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
        files.append(ReplicaFile(path, label, rng.randint(3_000, 60_000)))
    if rng.random() < 0.012:
        files.append(rng.choice(SHARED))
    return tuple(files)
