"""Phrase banks and templates for titles and body prose.

Templates use ``{slot}`` fields resolved by :class:`replica.generate.filler.Filler`; a slot
named here must exist there or in :mod:`replica.words.vocab`. Plain data only.
"""

from __future__ import annotations

THEMES = (
    "công tác xây dựng, chỉnh đốn Đảng",
    "công tác bảo vệ nền tảng tư tưởng của Đảng",
    "công tác sinh hoạt chi bộ",
    "phương pháp giảng dạy lý luận chính trị",
    "công tác phát triển đảng viên",
    "công tác kiểm tra, giám sát của Đảng",
    "công tác dân vận của chính quyền",
    "việc thực hành dân chủ ở cơ sở",
    "công tác phòng, chống tham nhũng, tiêu cực",
    "công tác cải cách hành chính",
    "chuyển đổi số trong hoạt động của hệ thống chính trị",
    "phát triển kinh tế tập thể",
    "xây dựng nông thôn mới",
    "công tác đào tạo, bồi dưỡng cán bộ cơ sở",
    "vai trò nêu gương của cán bộ, đảng viên",
    "công tác tuyên truyền miệng",
    "công tác giáo dục lý tưởng cách mạng cho thanh niên",
    "đạo đức công vụ",
    "công tác quy hoạch cán bộ",
    "văn hóa công sở",
    "hoạt động nghiên cứu khoa học",
    "công tác thi đua, khen thưởng",
    "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "khối đại đoàn kết toàn dân tộc",
    "giảm nghèo bền vững ở vùng dân tộc thiểu số",
    "bảo tồn và phát huy giá trị Tín ngưỡng thờ cúng Hùng Vương",
    "hát Xoan Phú Thọ",
    "công tác đánh giá, xếp loại chất lượng đảng viên",
    "năng lực lãnh đạo của tổ chức cơ sở đảng",
    "công tác quản lý đào tạo",
    "công tác bồi dưỡng lý luận chính trị cho đảng viên mới",
    "công tác đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng",
    "việc xây dựng Trường Chính trị đạt chuẩn",
    "công tác tổng kết thực tiễn",
    "công tác dân số và phát triển",
    "phát triển du lịch cộng đồng",
    "công tác bảo vệ môi trường ở nông thôn",
    "vai trò của Mặt trận Tổ quốc trong giám sát, phản biện xã hội",
    "công tác cán bộ nữ",
    "chính sách đối với người có công",
    "hoạt động của Hội Nông dân cơ sở",
    "kinh tế trang trại",
    "phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
)
SOLUTIONS = (
    "Nâng cao chất lượng",
    "Nâng cao hiệu quả",
    "Một số giải pháp nâng cao chất lượng",
    "Giải pháp đẩy mạnh",
    "Tăng cường",
    "Đổi mới",
    "Đẩy mạnh",
    "Một số kinh nghiệm về",
    "Thực trạng và giải pháp nâng cao hiệu quả",
    "Những vấn đề đặt ra đối với",
    "Phát huy hiệu quả",
    "Bàn về",
    "Kinh nghiệm lãnh đạo",
    "Tiếp tục đổi mới",
)
WHERE = (
    "ở tỉnh Phú Thọ",
    "trên địa bàn tỉnh Phú Thọ",
    "tại Trường Chính trị tỉnh Phú Thọ",
    "ở {locality}",
    "trên địa bàn {locality}",
    "ở các xã miền núi tỉnh Phú Thọ",
    "trong Đảng bộ tỉnh Phú Thọ",
    "ở {locality}, tỉnh Phú Thọ",
    "",
)
WHEN = (
    "hiện nay",
    "trong giai đoạn hiện nay",
    "trong giai đoạn mới",
    "giai đoạn 2021 - 2025",
    "trong bối cảnh chuyển đổi số",
    "",
    "",
    "thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa",
)
ACTORS = (
    "giảng viên",
    "người đứng đầu",
    "bí thư chi bộ",
    "Mặt trận Tổ quốc",
    "đoàn viên thanh niên",
    "Hội Cựu chiến binh",
    "Hội Liên hiệp phụ nữ",
    "báo cáo viên",
    "đội ngũ trí thức",
)
HCM_TOPICS = (
    "cán bộ và công tác cán bộ",
    "đạo đức cách mạng",
    "tinh thần trách nhiệm",
    "dân vận",
    "đại đoàn kết dân tộc",
    "thi đua ái quốc",
    "tự phê bình và phê bình",
    "học tập suốt đời",
    "xây dựng Đảng về đạo đức",
    "nêu gương",
)
AIMS = (
    "xây dựng đội ngũ cán bộ cơ sở",
    "nâng cao chất lượng đào tạo, bồi dưỡng",
    "xây dựng Đảng bộ tỉnh trong sạch, vững mạnh",
    "phát triển kinh tế - xã hội của địa phương",
    "xây dựng Trường Chính trị tỉnh đạt chuẩn",
    "củng cố niềm tin của nhân dân đối với Đảng",
)

# (title template, topic template, weight): the topic is the noun phrase the body refers to;
# weights favour the templates with many combinations, so unique titles come quickly; the
# first template of each bank has the most combinations and is the one retried on a clash.
NEWS_TITLES = (
    (
        "Khai giảng lớp {class}{sys} khóa {k} {at_place}",
        "lễ khai giảng lớp {class}{sys} khóa {k}",
        8,
    ),
    ("Bế giảng lớp {class}{sys} khóa {k} {at_place}", "lễ bế giảng lớp {class}{sys} khóa {k}", 6),
    ("Trường Chính trị tỉnh tổ chức {event} năm {year}", "{event} năm {year}", 1),
    (
        "Đoàn cán bộ, giảng viên Trường Chính trị tỉnh nghiên cứu thực tế tại {field_site}",
        "chuyến nghiên cứu thực tế tại {field_site}",
        1,
    ),
    (
        "Học viên lớp {class} khóa {k} nghiên cứu thực tế tại {field_site}",
        "chuyến nghiên cứu thực tế của học viên lớp {class} khóa {k}",
        5,
    ),
    ("{unit} phối hợp tổ chức {event} năm {year}", "{event} năm {year}", 3),
    (
        "Chi bộ {department} sinh hoạt chuyên đề về {theme}",
        "buổi sinh hoạt chuyên đề về {theme}",
        1,
    ),
    (
        "Hội nghị tổng kết lớp {class} khóa {k} {at_place}",
        "hội nghị tổng kết lớp {class} khóa {k}",
        4,
    ),
    (
        "Học viên lớp {class} khóa {k} dâng hương tại {field_site}",
        "buổi dâng hương của học viên lớp {class} khóa {k}",
        2,
    ),
    (
        "Trường Chính trị tỉnh Phú Thọ tiếp và làm việc với đoàn công tác {unit}",
        "buổi làm việc với đoàn công tác {unit}",
        1,
    ),
)
EVENTS = (
    "Hội nghị cán bộ, công chức, viên chức",
    "Hội nghị tổng kết công tác đào tạo, bồi dưỡng",
    "Hội thi giảng viên dạy giỏi cấp trường",
    "Lễ kỷ niệm Ngày Nhà giáo Việt Nam 20/11",
    "Hội nghị sơ kết công tác 6 tháng đầu năm",
    "giải bóng chuyền chào mừng ngày thành lập Đảng",
    "Hội nghị quán triệt, triển khai nghị quyết của Trung ương",
    "Hội thi báo cáo viên giỏi",
    "tọa đàm kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh",
    "lớp tập huấn nghiệp vụ công tác dân vận",
    "Hội nghị tổng kết công tác thi đua, khen thưởng",
    "chương trình “Tết ấm cho người nghèo”",
)
ESSAY_TITLES = (
    ("{solution} {theme} {where} {when}", "{theme}", 12),
    (
        "Vận dụng tư tưởng Hồ Chí Minh về {hcm_topic} vào {aim} {where} {when}",
        "việc vận dụng tư tưởng Hồ Chí Minh về {hcm_topic}",
        3,
    ),
    (
        "Phát huy vai trò của {actor} trong {theme} {where} {when}",
        "vai trò của {actor} trong {theme}",
        8,
    ),
    ("Tìm hiểu quan điểm của Đảng về {theme} {when}", "quan điểm của Đảng về {theme}", 1),
    ("Thực trạng và giải pháp về {theme} {where} {when}", "{theme}", 2),
    ("{theme_cap} {where} - kết quả và kinh nghiệm", "{theme}", 1),
)
INFO_TITLES = (
    ("Triển khai {local_doc} về {theme}", "việc triển khai {local_doc}", 4),
    (
        "Những điểm mới của {central_doc} của Ban Chấp hành Trung ương",
        "những điểm mới của {central_doc}",
        1,
    ),
    ("Tài liệu sinh hoạt chi bộ tháng {month}/{year}", "tài liệu sinh hoạt chi bộ", 1),
    ("Một số nội dung cơ bản của {central_doc} cần nắm vững", "nội dung của {central_doc}", 1),
    ("Hướng dẫn tuyên truyền {theme} năm {year}", "công tác tuyên truyền {theme}", 2),
    ("Tài liệu bồi dưỡng chuyên đề {theme}", "chuyên đề {theme}", 1),
    ("Thông báo tuyển sinh lớp {class}{sys} khóa {k} năm {year}", "công tác tuyển sinh", 2),
    ("Lịch học lớp {class} khóa {k} {at_place}", "lịch học của lớp {class} khóa {k}", 2),
    ("Kế hoạch mở lớp {class} khóa {k} năm {year}", "kế hoạch mở lớp {class} khóa {k}", 2),
    ("Hướng dẫn thực hiện {local_doc} về {theme}", "việc thực hiện {local_doc}", 4),
)

RESEARCH_TITLES = (
    (
        "Nghiệm thu đề tài khoa học cấp {level} “{solution} {theme} {where}”",
        "buổi nghiệm thu đề tài khoa học cấp {level}",
        1,
    ),
    (
        "Xét duyệt đề cương đề tài khoa học cấp {level} “{solution} {theme} {where}”",
        "buổi xét duyệt đề cương đề tài cấp {level}",
        1,
    ),
    ("Hội thảo khoa học “{solution} {theme} {where} {when}”", "hội thảo khoa học", 1),
)

HEADING_PREFIXES = (
    "TIN HOẠT ĐỘNG",
    "NGHIÊN CỨU - TRAO ĐỔI",
    "TIN TỨC - SỰ KIỆN",
    "HỘI THẢO KHOA HỌC",
    "GÓC NHÌN",
    "THÔNG TIN",
)
