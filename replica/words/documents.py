"""Documents and quotations cited in body prose: Party resolutions, local plans, Hồ Chí Minh."""

from __future__ import annotations

HCM_QUOTES = (
    "Cán bộ là cái gốc của mọi công việc",
    "Vì lợi ích mười năm thì phải trồng cây, vì lợi ích trăm năm thì phải trồng người",
    "Học để làm việc, làm người, làm cán bộ",
    "Dễ trăm lần không dân cũng chịu, khó vạn lần dân liệu cũng xong",
    "Thi đua là yêu nước, yêu nước thì phải thi đua",
    "Muốn xây dựng chủ nghĩa xã hội, trước hết cần có những con người xã hội chủ nghĩa",
    "Lý luận mà không liên hệ với thực tiễn là lý luận suông",
    "Một tấm gương sống còn có giá trị hơn một trăm bài diễn văn tuyên truyền",
    "Đoàn kết là sức mạnh vô địch của chúng ta",
)

CENTRAL_DOCS = (
    (
        "Nghị quyết số 27-NQ/TW",
        "tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam "
        "trong giai đoạn mới",
    ),
    (
        "Nghị quyết số 21-NQ/TW",
        "tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên",
    ),
    (
        "Nghị quyết số 35-NQ/TW",
        "tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm "
        "sai trái, thù địch",
    ),
    (
        "Nghị quyết số 04-NQ/TW",
        "tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng "
        "chính trị, đạo đức, lối sống",
    ),
    (
        "Nghị quyết số 26-NQ/TW",
        "tập trung xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược, đủ phẩm chất, "
        "năng lực và uy tín",
    ),
    ("Nghị quyết số 29-NQ/TW", "đổi mới căn bản, toàn diện giáo dục và đào tạo"),
    (
        "Nghị quyết số 43-NQ/TW",
        "tiếp tục phát huy truyền thống, sức mạnh khối đại đoàn kết toàn dân tộc",
    ),
    (
        "Chỉ thị số 05-CT/TW",
        "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    ("Kết luận số 01-KL/TW", "tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị"),
    ("Kết luận số 21-KL/TW", "đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị"),
    (
        "Quy định số 08-QĐi/TW",
        "trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là Ủy viên Bộ Chính trị, "
        "Ủy viên Ban Bí thư, Ủy viên Ban Chấp hành Trung ương",
    ),
    (
        "Quy định số 144-QĐ/TW",
        "chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới",
    ),
    ("Quy định số 09-QĐ/TW", "chuẩn trường chính trị tỉnh, thành phố trực thuộc Trung ương"),
)
# (pattern with {n}, issuer): state bodies number "581/QĐ-UBND", Party bodies "152-KH/TU".
LOCAL_DOCS = (
    ("Quyết định số {n}/QĐ-UBND", "UBND tỉnh"),
    ("Kế hoạch số {n}/KH-TCT", "Trường Chính trị tỉnh"),
    ("Kế hoạch số {n}-KH/TU", "Ban Thường vụ Tỉnh ủy"),
    ("Hướng dẫn số {n}-HD/BTGTU", "Ban Tuyên giáo Tỉnh ủy"),
    ("Quyết định số {n}/QĐ-TCT", "Hiệu trưởng Trường Chính trị tỉnh"),
    ("Công văn số {n}/SNV-CCVC", "Sở Nội vụ"),
    ("Kế hoạch số {n}/KH-UBND", "UBND tỉnh"),
)
CENTRAL_ISSUERS = ("Ban Chấp hành Trung ương Đảng", "Bộ Chính trị", "Ban Bí thư")
