"""Sentence templates for article bodies (news reports and essays) and image captions.

``{topic}`` is the article's subject noun phrase, ``{ref}`` the short word for the event
("hội nghị", "lớp học"...). Other slots are resolved by :class:`replica.generate.filler.Filler`.
"""

from __future__ import annotations

NEWS_LEADS = (
    "{daypart} ngày {bd}, tại {venue}, Trường Chính trị tỉnh Phú Thọ đã tổ chức {topic}.",
    "Thực hiện {doc}, ngày {bd}, Trường Chính trị tỉnh Phú Thọ phối hợp với {unit} "
    "tổ chức {topic}.",
    "Trong không khí thi đua lập thành tích chào mừng {occasion}, ngày {bd}, "
    "Trường Chính trị tỉnh tổ chức {topic}.",
    "Ngày {bd}, tại {venue}, {unit} phối hợp với Trường Chính trị tỉnh tổ chức {topic}.",
)
NEWS_ATTENDANCE = (
    "Tham dự có đồng chí {person}, {position}; đồng chí {person}, {position}; cùng đại diện "
    "lãnh đạo các phòng, khoa và {n} học viên.",
    "Đến dự và chỉ đạo có đồng chí {person}, {position}. Về phía nhà trường có các đồng chí "
    "trong Ban Giám hiệu, lãnh đạo các phòng, khoa và đông đảo cán bộ, giảng viên.",
    "Tham dự {ref} có đồng chí {person}, {position}, đại diện {unit}, {unit} và {n} đại biểu "
    "là cán bộ chủ chốt của {locality}.",
)
NEWS_SENTENCES = (
    "Phát biểu tại {ref}, đồng chí {person}, {position} nhấn mạnh {emphasis}.",
    "Theo kế hoạch, chương trình diễn ra trong {few} {time_unit}, gồm {n} chuyên đề thuộc các "
    "khối kiến thức: {knowledge}.",
    "Đồng chí đề nghị {audience} {request}; đồng thời {request}.",
    "Đây là dịp để {audience} {benefit}.",
    "Tại {ref}, các đại biểu đã tập trung thảo luận, làm rõ {issue}; chỉ ra những kết quả "
    "đạt được, hạn chế, nguyên nhân và đề xuất nhiều giải pháp sát với thực tiễn.",
    "Năm {prev_year}, Trường đã mở {n} lớp đào tạo, bồi dưỡng cho {big} lượt học viên, đạt "
    "{pct}% kế hoạch năm.",
    "Kết quả, {big} học viên hoàn thành chương trình, trong đó {n} học viên đạt loại giỏi, "
    "{n} học viên đạt loại khá, không có học viên xếp loại yếu.",
    "Thay mặt Ban Giám hiệu, đồng chí {person}, Phó Hiệu trưởng Trường Chính trị tỉnh đã trao "
    "giấy khen cho {n} học viên có thành tích xuất sắc trong học tập và rèn luyện.",
    "Các ý kiến tham luận đều khẳng định {claim}.",
    "Bên cạnh những kết quả đạt được, {ref} cũng chỉ ra một số hạn chế như: {weakness}.",
    "Trong thời gian nghiên cứu thực tế tại {commune}, {locality}, đoàn đã được nghe giới thiệu "
    "về tình hình phát triển kinh tế - xã hội và trao đổi kinh nghiệm về {theme}.",
    "Dịp này, {unit} đã trao tặng {n} suất quà cho các hộ gia đình có hoàn cảnh khó khăn "
    "tại {commune}, mỗi suất quà trị giá {money} đồng.",
    "Theo báo cáo, {prev_year_span}, {unit} đã phối hợp mở {n} lớp bồi dưỡng với {big} lượt "
    "cán bộ, đảng viên tham gia.",
    "Học viên đã nghiêm túc chấp hành nội quy, quy chế học tập; tích cực nghiên cứu tài liệu, "
    "trao đổi, thảo luận, liên hệ với thực tiễn công tác tại cơ quan, đơn vị.",
    "Các ý kiến phát biểu tại {ref} đều thống nhất cao với nội dung {doc_short}.",
)
NEWS_SENTENCES += (
    "Chương trình được thiết kế theo hướng tăng thời lượng thảo luận, trao đổi kinh nghiệm "
    "thực tiễn, giảm thời lượng thuyết trình.",
    "Ngay sau {ref}, Ban Giám hiệu đã chỉ đạo các phòng, khoa xây dựng kế hoạch triển khai "
    "cụ thể, phân công rõ người, rõ việc.",
    "Đội ngũ giảng viên tham gia giảng dạy đều có trình độ thạc sĩ trở lên, nhiều đồng chí "
    "là giảng viên chính có kinh nghiệm thực tiễn ở cơ sở.",
    "Nhiều ý kiến đề nghị {unit} tiếp tục quan tâm tạo điều kiện để cán bộ, công chức "
    "được tham gia các lớp bồi dưỡng cập nhật kiến thức.",
    "Đồng chí {person}, {position} ghi nhận những cố gắng của tập thể cán bộ, giảng viên "
    "trong thời gian qua.",
)
NEWS_CLOSINGS = (
    "{ref_cap} đã kết thúc tốt đẹp, góp phần {goal}.",
    "Kết thúc {ref}, đồng chí {person} đề nghị {audience} tiếp tục {request}.",
    "{ref_cap} diễn ra trong không khí trang trọng, cởi mở, để lại nhiều ấn tượng tốt đẹp "
    "đối với {audience}.",
)

ESSAY_INTROS = (
    "{topic_cap} là {importance}. Quán triệt {doc}, thời gian qua {actor_body} đã {action}, "
    "đạt được nhiều kết quả quan trọng.",
    "Thực tiễn hơn {decades} năm đổi mới cho thấy, {topic} là {importance}. Tuy nhiên, "
    "bên cạnh những kết quả đạt được vẫn còn những hạn chế như: {weakness}.",
    "Chủ tịch Hồ Chí Minh đã từng căn dặn: “{quote}”. Lời dạy của Người đến nay vẫn còn "
    "nguyên giá trị đối với {topic}.",
)
ESSAY_MARKERS = (
    ("Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm"),
    ("Một là", "Hai là", "Ba là", "Bốn là", "Năm là"),
)
ESSAY_POINTS = (
    "nâng cao nhận thức, trách nhiệm của cấp ủy, tổ chức đảng và đội ngũ cán bộ, đảng viên "
    "về {topic}",
    "đổi mới nội dung, phương thức lãnh đạo, chỉ đạo đối với {topic}",
    "tăng cường công tác kiểm tra, giám sát việc thực hiện {doc_short}",
    "chú trọng xây dựng đội ngũ cán bộ có đủ phẩm chất, năng lực, uy tín",
    "phát huy vai trò nêu gương của người đứng đầu cấp ủy, chính quyền các cấp",
    "đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong {theme}",
    "thường xuyên sơ kết, tổng kết, rút kinh nghiệm, nhân rộng các mô hình hay, cách làm hiệu quả",
    "phát huy sức mạnh tổng hợp của cả hệ thống chính trị và sự đồng thuận của nhân dân",
)
ESSAY_SENTENCES = (
    "Đây là giải pháp có ý nghĩa then chốt, bởi {reason}.",
    "Các cấp ủy cần {action}, gắn với việc thực hiện {doc_short}.",
    "Thực tiễn ở {locality} cho thấy, nơi nào cấp ủy {action} thì nơi đó {outcome}.",
    "Theo số liệu của {unit}, {prev_year_span}, toàn tỉnh có {big} lượt cán bộ, đảng viên "
    "được bồi dưỡng, cập nhật kiến thức, đạt {pct}% kế hoạch.",
    "Quá trình triển khai cần bám sát {doc}.",
    "Muốn vậy, {audience} phải {request}.",
    "Bên cạnh đó, cần {action}, kịp thời biểu dương, khen thưởng những tập thể, cá nhân "
    "có thành tích xuất sắc.",
    "Chủ tịch Hồ Chí Minh từng chỉ rõ: “{quote}”.",
    "Kinh nghiệm của {locality} cho thấy {claim}.",
    "Điều đó đòi hỏi mỗi cán bộ, đảng viên phải {request}.",
)
ESSAY_SENTENCES += (
    "Thực tế cho thấy, ở đâu {audience} gương mẫu, đi đầu thì ở đó phong trào phát triển "
    "vững chắc.",
    "Tuy nhiên, vẫn còn tình trạng {weakness}, cần sớm được khắc phục.",
    "Nguyên nhân chủ yếu là do nhận thức của một bộ phận cán bộ, đảng viên chưa đầy đủ; "
    "công tác kiểm tra, giám sát có lúc chưa thường xuyên.",
    "Đây vừa là yêu cầu cấp bách trước mắt, vừa là nhiệm vụ cơ bản, lâu dài.",
    "Năm {prev_year}, {unit} đã tổ chức {n} hội nghị quán triệt, học tập với {big} lượt "
    "cán bộ, đảng viên tham dự.",
    "Việc tổ chức thực hiện phải bảo đảm đồng bộ, có trọng tâm, trọng điểm, phù hợp với "
    "điều kiện cụ thể của từng địa phương, đơn vị.",
)
ESSAY_CONCLUSIONS = (
    "Có thể khẳng định, {topic} là {importance}. Thực hiện đồng bộ các giải pháp trên sẽ góp "
    "phần {goal}.",
    "Trong thời gian tới, để tiếp tục {goal}, các cấp ủy, tổ chức đảng cần tiếp tục "
    "{action}, coi đây là nhiệm vụ thường xuyên, lâu dài.",
)

CAPTIONS = (
    "Quang cảnh {ref}",
    "Đồng chí {person}, {position} phát biểu tại {ref}",
    "Các đại biểu chụp ảnh lưu niệm",
    "Trao giấy khen cho các học viên có thành tích xuất sắc",
    "Ảnh: Đại biểu tham dự {ref}",
    "Học viên trao đổi, thảo luận tại lớp học",
)

FILL = {
    "daypart": ("Sáng", "Chiều", "Sáng", ""),
    "occasion": (
        "kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam",
        "Ngày Nhà giáo Việt Nam 20/11",
        "Giỗ Tổ Hùng Vương",
        "ngày sinh Chủ tịch Hồ Chí Minh",
        "Quốc khánh 2/9",
    ),
    "venue": (
        "Hội trường Trường Chính trị tỉnh",
        "Trung tâm Chính trị {locality}",
        "hội trường {unit}",
        "Trường Chính trị tỉnh Phú Thọ",
        "Nhà văn hóa {commune}",
    ),
    "time_unit": ("ngày", "tuần", "tháng"),
    "knowledge": (
        "lý luận chính trị; quản lý nhà nước; kỹ năng lãnh đạo, quản lý",
        "những vấn đề cơ bản về Đảng Cộng sản Việt Nam; chủ nghĩa Mác - Lênin, "
        "tư tưởng Hồ Chí Minh",
        "nghiệp vụ công tác đảng; tình hình, nhiệm vụ của tỉnh; kỹ năng tuyên truyền, vận động",
    ),
    "audience": ("cán bộ, giảng viên", "học viên", "các đại biểu", "cán bộ, đảng viên"),
    "emphasis": (
        "ý nghĩa, tầm quan trọng của công tác đào tạo, bồi dưỡng lý luận chính trị",
        "yêu cầu nâng cao chất lượng giảng dạy gắn với thực tiễn của địa phương",
        "vai trò của đội ngũ cán bộ cơ sở trong thực hiện nhiệm vụ chính trị",
    ),
    "request": (
        "nghiêm túc chấp hành nội quy, quy chế học tập",
        "phát huy tinh thần tự học, tự rèn luyện",
        "vận dụng kiến thức đã học vào thực tiễn công tác tại cơ quan, đơn vị",
        "nâng cao tinh thần trách nhiệm, gương mẫu trong công tác",
        "thường xuyên tu dưỡng, rèn luyện đạo đức cách mạng, chống chủ nghĩa cá nhân",
        "đổi mới phương pháp giảng dạy theo hướng phát huy tính tích cực của người học",
    ),
    "benefit": (
        "trao đổi, chia sẻ kinh nghiệm trong công tác",
        "cập nhật kiến thức mới, nâng cao trình độ lý luận và năng lực thực tiễn",
        "nhìn lại kết quả đã đạt được, rút ra bài học kinh nghiệm cho thời gian tới",
    ),
    "issue": (
        "những vấn đề lý luận và thực tiễn đặt ra",
        "nguyên nhân của những hạn chế, yếu kém",
        "mối quan hệ giữa đào tạo lý luận và thực tiễn công tác ở cơ sở",
    ),
    "claim": (
        "vai trò quan trọng của công tác đào tạo, bồi dưỡng đối với chất lượng đội ngũ cán bộ",
        "sự cần thiết phải đổi mới nội dung, chương trình bồi dưỡng phù hợp với từng đối tượng",
        "sự lãnh đạo của cấp ủy là nhân tố quyết định thành công",
    ),
    "weakness": (
        "một số nơi còn lúng túng trong tổ chức thực hiện",
        "nội dung sinh hoạt có lúc còn đơn điệu, chưa hấp dẫn",
        "công tác phối hợp giữa các cơ quan, đơn vị có lúc chưa chặt chẽ",
        "chất lượng đội ngũ cán bộ ở một số cơ sở chưa đáp ứng yêu cầu nhiệm vụ",
    ),
    "importance": (
        "nhiệm vụ quan trọng, thường xuyên của cả hệ thống chính trị",
        "yêu cầu cấp thiết trong giai đoạn hiện nay",
        "khâu then chốt trong công tác xây dựng Đảng",
    ),
    "action": (
        "quan tâm lãnh đạo, chỉ đạo sát sao",
        "cụ thể hóa bằng các chương trình, kế hoạch hành động",
        "làm tốt công tác tuyên truyền, quán triệt",
        "tăng cường kiểm tra, đôn đốc",
    ),
    "actor_body": (
        "các cấp ủy, tổ chức đảng trong tỉnh",
        "Đảng bộ tỉnh Phú Thọ",
        "Trường Chính trị tỉnh",
        "các cơ quan, đơn vị",
    ),
    "reason": (
        "nhận thức có đúng thì hành động mới đúng",
        "cán bộ là nhân tố quyết định sự thành bại của cách mạng",
        "thực tiễn luôn vận động, đặt ra những yêu cầu mới",
    ),
    "outcome": (
        "phong trào có chuyển biến rõ nét",
        "chất lượng tổ chức cơ sở đảng được nâng lên",
        "nhân dân đồng tình, hưởng ứng",
    ),
    "goal": (
        "nâng cao chất lượng đội ngũ cán bộ, đảng viên",
        "thực hiện thắng lợi nhiệm vụ chính trị",
        "xây dựng Đảng bộ và hệ thống chính trị tỉnh trong sạch, vững mạnh",
        "xây dựng quê hương Đất Tổ ngày càng giàu đẹp, văn minh",
    ),
}
