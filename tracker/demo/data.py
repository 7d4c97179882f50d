"""Demo data: a former district, UBND huyện Tánh Linh (Bình Thuận), and its PAR Index.

Pure data, no Flask or database. The loader turns these constants into a
unit, departments, users, a criteria set with last year's results (score)
and the year before's (prev_score), a ranking of peers and a plan.

The criteria set totals 97 points; last year's appraised total is 71.11/97
(Khá, 5th of 10), the year before's 67.42/97 (8th of 10). Every number and
name here is invented for the demo except the public place names.
"""
from __future__ import annotations

from tracker.domain.scoring import APPRAISAL, SURVEY

A = APPRAISAL  # thẩm định
S = SURVEY     # điều tra xã hội học

# --- The assessed unit -------------------------------------------------------

UNIT_NAME = "UBND huyện Tánh Linh"
PLACE = "Tánh Linh"
ISSUING_BODY = "UBND HUYỆN TÁNH LINH"
PROVINCE_NAME = "UBND tỉnh Bình Thuận"

# --- Departments: (code, name, [emails]) -------------------------------------

DEPARTMENTS: list[tuple[str, str, list[str]]] = [
    ("NV", "Phòng Nội vụ", ["nv.tanhlinh@example.gov.vn"]),
    ("TP", "Phòng Tư pháp", ["tp.tanhlinh@example.gov.vn"]),
    ("VP", "Văn phòng HĐND và UBND", ["vp.tanhlinh@example.gov.vn",
                                      "motcua.tanhlinh@example.gov.vn"]),
    ("TCKH", "Phòng Tài chính - Kế hoạch", ["tckh.tanhlinh@example.gov.vn"]),
    ("VHTT", "Phòng Văn hóa và Thông tin", ["vhtt.tanhlinh@example.gov.vn"]),
    ("TNMT", "Phòng Tài nguyên và Môi trường", ["tnmt.tanhlinh@example.gov.vn"]),
    ("KTHT", "Phòng Kinh tế - Hạ tầng", ["ktht.tanhlinh@example.gov.vn"]),
    ("NNPTNT", "Phòng Nông nghiệp và PTNT", ["nn.tanhlinh@example.gov.vn"]),
    ("GDDT", "Phòng Giáo dục và Đào tạo", ["gddt.tanhlinh@example.gov.vn"]),
    ("LDTBXH", "Phòng Lao động - TB&XH", ["ldtbxh.tanhlinh@example.gov.vn"]),
    ("YT", "Phòng Y tế", ["yt.tanhlinh@example.gov.vn"]),
    ("TTR", "Thanh tra huyện", ["ttr.tanhlinh@example.gov.vn"]),
]

# --- Default owner of each field (DOMAIN.md) ---------------------------------

FIELD_OWNERS: dict[str, str] = {
    "1": "NV",
    "2": "TP",
    "3": "VP",
    "4": "NV",
    "5": "NV",
    "6": "TCKH",
    "7": "VHTT",
    "8": "NV",
}
FIELD8_SUPPORT_ALL = True  # field 8: Phòng Nội vụ leads, every department supports

# --- The criteria set and last two years' results ----------------------------
# (code, title, max_points, method, score, prev_score, note, product)
# Parents: method/score/prev_score None, note and product "".
# Leaves: score = appraised points last year, prev_score = the year before,
# note = why points were lost, product = the suggested remediation product
# (both "" at full marks).

CRITERIA: list[tuple[str, str, float, str | None, float | None, float | None, str, str]] = [
    # 1. Công tác chỉ đạo, điều hành CCHC (9) -------------------------------
    ("1", "Công tác chỉ đạo, điều hành CCHC", 9.0, None, None, None, "", ""),
    ("1.1", "Kế hoạch CCHC năm", 2.5, None, None, None, "", ""),
    ("1.1.1", "Ban hành kế hoạch CCHC năm đúng thời hạn", 0.5, A, 0.5, 0.5, "", ""),
    ("1.1.2", "Mức độ hoàn thành kế hoạch CCHC năm", 1.5, A, 0.5, 0.5,
     "Hoàn thành 78% nhiệm vụ trong kế hoạch CCHC năm, dưới mức 80%",
     "100% nhiệm vụ trong Kế hoạch CCHC năm hoàn thành đúng thời hạn"),
    ("1.1.3", "Kế hoạch xác định rõ nhiệm vụ, sản phẩm, trách nhiệm và thời hạn hoàn thành",
     0.5, A, 0.5, 0.5, "", ""),
    ("1.2", "Thực hiện chế độ báo cáo CCHC", 1.0, None, None, None, "", ""),
    ("1.2.1", "Số lượng và thời hạn gửi báo cáo CCHC định kỳ", 0.5, A, 0.5, 0.5, "", ""),
    ("1.2.2", "Chất lượng báo cáo CCHC", 0.5, A, 0.5, 0.5, "", ""),
    ("1.3", "Kiểm tra công tác CCHC", 1.5, None, None, None, "", ""),
    ("1.3.1", "Ban hành kế hoạch kiểm tra CCHC năm", 0.5, A, 0.5, 0.5, "", ""),
    ("1.3.2", "Tỷ lệ cơ quan, đơn vị, xã, thị trấn được kiểm tra trong năm",
     0.5, A, 0.5, 0.25, "", ""),
    ("1.3.3", "Xử lý các vấn đề phát hiện qua kiểm tra", 0.5, A, 0.0, 0.0,
     "Chưa có văn bản chỉ đạo xử lý tồn tại phát hiện qua kiểm tra; thiếu tài liệu kiểm chứng",
     "Thông báo kết luận kiểm tra và báo cáo kết quả khắc phục kèm tài liệu kiểm chứng"),
    ("1.4", "Công tác thông tin, tuyên truyền CCHC", 1.5, None, None, None, "", ""),
    ("1.4.1", "Ban hành kế hoạch tuyên truyền CCHC năm", 0.5, A, 0.5, 0.5, "", ""),
    ("1.4.2", "Mức độ hoàn thành kế hoạch tuyên truyền CCHC", 0.5, A, 0.5, 0.25, "", ""),
    ("1.4.3", "Tin, bài về CCHC trên trang thông tin điện tử của huyện",
     0.5, A, 0.5, 0.5, "", ""),
    ("1.5", "Sáng kiến, giải pháp mới trong thực hiện CCHC", 1.0, A, 0.0, 0.0,
     "Không có sáng kiến, giải pháp CCHC được cấp có thẩm quyền công nhận",
     "Ít nhất 01 sáng kiến, giải pháp CCHC được Hội đồng sáng kiến công nhận"),
    ("1.6", "Thực hiện nhiệm vụ UBND tỉnh giao", 1.5, None, None, None, "", ""),
    ("1.6.1", "Tỷ lệ nhiệm vụ UBND tỉnh giao được hoàn thành đúng hạn",
     1.0, A, 1.0, 0.75, "", ""),
    ("1.6.2", "Tổ chức hội nghị quán triệt, triển khai nhiệm vụ CCHC", 0.5, A, 0.5, 0.5, "", ""),

    # 2. Cải cách thể chế (7.5) --------------------------------------------
    ("2", "Cải cách thể chế", 7.5, None, None, None, "", ""),
    ("2.1", "Xây dựng, ban hành văn bản quy phạm pháp luật (VBQPPL)", 2.0, None, None, None, "", ""),
    ("2.1.1", "Ban hành danh mục VBQPPL cần xây dựng trong năm", 0.5, A, 0.5, 0.5, "", ""),
    ("2.1.2", "Thực hiện quy trình xây dựng, ban hành VBQPPL", 1.0, A, 0.25, 0.5,
     "02 dự thảo VBQPPL chưa lấy ý kiến đối tượng chịu tác động theo quy định",
     "100% dự thảo VBQPPL được lấy ý kiến, thẩm định đúng quy trình"),
    ("2.1.3", "Tỷ lệ VBQPPL ban hành đúng tiến độ theo danh mục", 0.5, A, 0.5, 0.25, "", ""),
    ("2.2", "Rà soát, hệ thống hóa VBQPPL", 1.5, None, None, None, "", ""),
    ("2.2.1", "Ban hành kế hoạch rà soát, hệ thống hóa VBQPPL", 0.5, A, 0.5, 0.5, "", ""),
    ("2.2.2", "Công bố danh mục VBQPPL hết hiệu lực", 0.5, A, 0.0, 0.0,
     "Chưa công bố danh mục VBQPPL hết hiệu lực toàn bộ hoặc một phần",
     "Quyết định công bố danh mục VBQPPL hết hiệu lực được ban hành đúng hạn"),
    ("2.2.3", "Xử lý kết quả rà soát VBQPPL", 0.5, A, 0.5, 0.5, "", ""),
    ("2.3", "Kiểm tra, xử lý VBQPPL", 1.5, None, None, None, "", ""),
    ("2.3.1", "Ban hành kế hoạch tự kiểm tra VBQPPL", 0.5, A, 0.5, 0.5, "", ""),
    ("2.3.2", "Xử lý văn bản trái pháp luật phát hiện qua kiểm tra", 1.0, A, 1.0, 0.5, "", ""),
    ("2.4", "Theo dõi tình hình thi hành pháp luật", 1.0, None, None, None, "", ""),
    ("2.4.1", "Ban hành kế hoạch theo dõi tình hình thi hành pháp luật", 0.5, A, 0.5, 0.5, "", ""),
    ("2.4.2", "Xử lý kết quả theo dõi thi hành pháp luật", 0.5, A, 0.5, 0.25, "", ""),
    ("2.5", "Phổ biến, giáo dục pháp luật", 1.5, None, None, None, "", ""),
    ("2.5.1", "Ban hành kế hoạch phổ biến, giáo dục pháp luật năm", 0.5, A, 0.5, 0.5, "", ""),
    ("2.5.2", "Tỷ lệ xã, thị trấn đạt chuẩn tiếp cận pháp luật", 1.0, A, 0.0, 0.5,
     "10/13 xã, thị trấn đạt chuẩn tiếp cận pháp luật (76,9%), dưới mức 80%",
     "Tỷ lệ xã, thị trấn đạt chuẩn tiếp cận pháp luật ≥ 90%"),

    # 3. Cải cách thủ tục hành chính (13) ----------------------------------
    ("3", "Cải cách thủ tục hành chính", 13.0, None, None, None, "", ""),
    ("3.1", "Kiểm soát thủ tục hành chính (TTHC)", 2.0, None, None, None, "", ""),
    ("3.1.1", "Ban hành kế hoạch kiểm soát TTHC năm", 0.5, A, 0.5, 0.5, "", ""),
    ("3.1.2", "Rà soát, đề xuất phương án đơn giản hóa TTHC", 1.0, A, 0.0, 0.5,
     "Không có phương án đơn giản hóa TTHC được đề xuất trong năm",
     "Ít nhất 02 phương án đơn giản hóa TTHC được đề xuất với UBND tỉnh"),
    ("3.1.3", "Báo cáo tình hình, kết quả kiểm soát TTHC đúng hạn", 0.5, A, 0.5, 0.25, "", ""),
    ("3.2", "Công khai thủ tục hành chính", 2.0, None, None, None, "", ""),
    ("3.2.1", "Niêm yết, công khai TTHC tại Bộ phận Một cửa", 1.0, A, 1.0, 1.0, "", ""),
    ("3.2.2", "Công khai TTHC trên trang thông tin điện tử của huyện", 0.5, A, 0.5, 0.5, "", ""),
    ("3.2.3", "Công khai tiến độ, kết quả giải quyết hồ sơ TTHC", 0.5, A, 0.5, 0.5, "", ""),
    ("3.3", "Thực hiện cơ chế một cửa, một cửa liên thông", 6.0, None, None, None, "", ""),
    ("3.3.1", "Tỷ lệ TTHC được tiếp nhận, trả kết quả tại Bộ phận Một cửa",
     1.0, A, 1.0, 1.0, "", ""),
    ("3.3.2", "Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn", 2.0, A, 0.5, 1.0,
     "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 93,6%, chưa đạt chỉ tiêu 98%",
     "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn ≥ 98%"),
    ("3.3.3", "Thực hiện xin lỗi người dân, tổ chức khi giải quyết hồ sơ trễ hạn",
     0.5, A, 0.0, 0.0,
     "Chưa có văn bản xin lỗi đối với toàn bộ hồ sơ trễ hạn",
     "100% hồ sơ trễ hạn có văn bản xin lỗi gửi người dân, tổ chức"),
    ("3.3.4", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC", 1.0, A, 0.0, 0.0,
     "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 41%, dưới mức 50%",
     "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC ≥ 80%"),
    ("3.3.5", "Giải quyết TTHC liên thông giữa các cấp chính quyền", 0.5, A, 0.5, 0.5, "", ""),
    ("3.3.6", "Kết quả Bộ chỉ số phục vụ người dân, doanh nghiệp trên Hệ thống thông tin "
     "giải quyết TTHC", 1.0, A, 1.0, 1.0, "", ""),
    ("3.4", "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính", 2.0,
     None, None, None, "", ""),
    ("3.4.1", "Bố trí tiếp nhận phản ánh, kiến nghị theo quy định", 0.5, A, 0.5, 0.5, "", ""),
    ("3.4.2", "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn", 1.0, A, 1.0, 0.75, "", ""),
    ("3.4.3", "Công khai kết quả xử lý phản ánh, kiến nghị", 0.5, A, 0.5, 0.25, "", ""),
    ("3.5", "Đánh giá của lãnh đạo, quản lý về cải cách TTHC", 1.0, S, 0.68, 0.62,
     "Điều tra xã hội học lãnh đạo, quản lý đạt 68% số điểm",
     "Nâng mức đánh giá của lãnh đạo, quản lý về cải cách TTHC"),

    # 4. Cải cách tổ chức bộ máy (6.5) -------------------------------------
    ("4", "Cải cách tổ chức bộ máy hành chính nhà nước", 6.5, None, None, None, "", ""),
    ("4.1", "Thực hiện quy định về tổ chức bộ máy", 2.0, None, None, None, "", ""),
    ("4.1.1", "Ban hành quy định chức năng, nhiệm vụ, quyền hạn của cơ quan chuyên môn",
     1.0, A, 1.0, 1.0, "", ""),
    ("4.1.2", "Thực hiện quy định về số lượng cấp phó của cơ quan chuyên môn",
     1.0, A, 1.0, 0.5, "", ""),
    ("4.2", "Quản lý biên chế", 2.0, None, None, None, "", ""),
    ("4.2.1", "Sử dụng biên chế trong phạm vi được giao", 1.0, A, 1.0, 1.0, "", ""),
    ("4.2.2", "Thực hiện tinh giản biên chế theo lộ trình", 1.0, A, 0.0, 0.5,
     "Chưa đạt tỷ lệ tinh giản biên chế theo lộ trình giai đoạn 2021-2026",
     "Kế hoạch tinh giản biên chế năm được ban hành và thực hiện đúng lộ trình"),
    ("4.3", "Thực hiện phân cấp, ủy quyền", 1.5, None, None, None, "", ""),
    ("4.3.1", "Thực hiện các nhiệm vụ được UBND tỉnh phân cấp, ủy quyền", 0.5, A, 0.5, 0.5, "", ""),
    ("4.3.2", "Kiểm tra việc thực hiện nhiệm vụ phân cấp, ủy quyền", 0.5, A, 0.0, 0.0,
     "Chưa tổ chức kiểm tra việc thực hiện nhiệm vụ phân cấp, ủy quyền",
     "Kế hoạch và báo cáo kết quả kiểm tra việc thực hiện phân cấp, ủy quyền"),
    ("4.3.3", "Báo cáo tình hình thực hiện phân cấp, ủy quyền đúng hạn", 0.5, A, 0.5, 0.25, "", ""),
    ("4.4", "Sắp xếp, kiện toàn tổ chức", 1.0, None, None, None, "", ""),
    ("4.4.1", "Sắp xếp, kiện toàn đơn vị sự nghiệp công lập theo quy định",
     0.5, A, 0.5, 0.5, "", ""),
    ("4.4.2", "Sắp xếp thôn, khu phố chưa đạt tiêu chuẩn về quy mô", 0.5, A, 0.5, 0.5, "", ""),

    # 5. Cải cách chế độ công vụ (9.5) -------------------------------------
    ("5", "Cải cách chế độ công vụ", 9.5, None, None, None, "", ""),
    ("5.1", "Vị trí việc làm", 1.5, None, None, None, "", ""),
    ("5.1.1", "Phê duyệt, điều chỉnh vị trí việc làm", 0.5, A, 0.5, 0.5, "", ""),
    ("5.1.2", "Bố trí công chức theo vị trí việc làm được phê duyệt", 1.0, A, 0.5, 0.5,
     "Còn 04 công chức bố trí chưa đúng vị trí việc làm được phê duyệt",
     "100% công chức được bố trí theo vị trí việc làm được phê duyệt"),
    ("5.2", "Tuyển dụng công chức, viên chức", 1.5, None, None, None, "", ""),
    ("5.2.1", "Thực hiện quy định về tuyển dụng công chức, viên chức", 1.0, A, 1.0, 1.0, "", ""),
    ("5.2.2", "Thực hiện quy định về tiếp nhận vào làm công chức", 0.5, A, 0.5, 0.5, "", ""),
    ("5.3", "Đánh giá, xếp loại cán bộ, công chức, viên chức", 1.0, None, None, None, "", ""),
    ("5.3.1", "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức đúng quy định",
     0.5, A, 0.5, 0.5, "", ""),
    ("5.3.2", "Báo cáo kết quả đánh giá, xếp loại cán bộ, công chức, viên chức",
     0.5, A, 0.25, 0.25,
     "Báo cáo gửi chậm so với quy định; thiếu tài liệu kiểm chứng",
     "Báo cáo kết quả đánh giá, xếp loại gửi đúng hạn kèm tài liệu kiểm chứng"),
    ("5.4", "Bổ nhiệm, chuyển đổi vị trí công tác", 1.5, None, None, None, "", ""),
    ("5.4.1", "Thực hiện quy trình bổ nhiệm, bổ nhiệm lại lãnh đạo, quản lý",
     1.0, A, 1.0, 1.0, "", ""),
    ("5.4.2", "Thực hiện chuyển đổi vị trí công tác định kỳ", 0.5, A, 0.0, 0.0,
     "Chưa ban hành kế hoạch chuyển đổi vị trí công tác năm",
     "Kế hoạch chuyển đổi vị trí công tác được ban hành và thực hiện"),
    ("5.5", "Đào tạo, bồi dưỡng", 1.5, None, None, None, "", ""),
    ("5.5.1", "Ban hành kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm",
     0.5, A, 0.5, 0.5, "", ""),
    ("5.5.2", "Mức độ hoàn thành kế hoạch đào tạo, bồi dưỡng", 1.0, A, 0.5, 0.5,
     "Hoàn thành 82% kế hoạch đào tạo, bồi dưỡng năm",
     "Hoàn thành 100% kế hoạch đào tạo, bồi dưỡng năm"),
    ("5.6", "Kỷ luật, kỷ cương hành chính", 2.5, None, None, None, "", ""),
    ("5.6.1", "Kiểm tra công vụ, kỷ luật, kỷ cương hành chính", 0.5, A, 0.5, 0.25, "", ""),
    ("5.6.2", "Tình hình vi phạm kỷ luật của cán bộ, công chức, viên chức",
     1.0, A, 0.0, 0.5,
     "Có 02 công chức bị xử lý kỷ luật trong năm",
     "Không có cán bộ, công chức vi phạm kỷ luật, kỷ cương hành chính"),
    ("5.6.3", "Đánh giá của lãnh đạo, quản lý về kỷ luật, kỷ cương hành chính",
     1.0, S, 0.71, 0.66,
     "Điều tra xã hội học lãnh đạo, quản lý đạt 71% số điểm",
     "Nâng mức đánh giá của lãnh đạo, quản lý về kỷ luật, kỷ cương hành chính"),

    # 6. Cải cách tài chính công (6) ---------------------------------------
    ("6", "Cải cách tài chính công", 6.0, None, None, None, "", ""),
    ("6.1", "Quản lý, sử dụng ngân sách nhà nước", 2.5, None, None, None, "", ""),
    ("6.1.1", "Tỷ lệ giải ngân kế hoạch vốn đầu tư công", 1.5, A, 0.0, 0.5,
     "Tỷ lệ giải ngân kế hoạch vốn đầu tư công đạt 78,4%, dưới mức 80%",
     "Tỷ lệ giải ngân vốn đầu tư công ≥ 95% kế hoạch"),
    ("6.1.2", "Công khai dự toán, quyết toán ngân sách đúng quy định", 0.5, A, 0.5, 0.5, "", ""),
    ("6.1.3", "Thực hiện kiến nghị sau thanh tra, kiểm toán về tài chính, ngân sách",
     0.5, A, 0.5, 0.25, "", ""),
    ("6.2", "Quản lý, sử dụng tài sản công", 1.5, None, None, None, "", ""),
    ("6.2.1", "Ban hành quy chế quản lý, sử dụng tài sản công", 0.5, A, 0.5, 0.5, "", ""),
    ("6.2.2", "Sắp xếp lại, xử lý nhà, đất", 1.0, A, 0.5, 0.5,
     "Phương án sắp xếp lại, xử lý nhà, đất chưa được phê duyệt",
     "Phương án sắp xếp lại, xử lý nhà, đất được trình và phê duyệt"),
    ("6.3", "Cơ chế tự chủ của đơn vị sự nghiệp công lập", 1.0, None, None, None, "", ""),
    ("6.3.1", "Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập",
     0.5, A, 0.5, 0.5, "", ""),
    ("6.3.2", "Ban hành, thực hiện quy chế chi tiêu nội bộ", 0.5, A, 0.5, 0.5, "", ""),
    ("6.4", "Lập, gửi báo cáo quyết toán ngân sách đúng thời hạn", 1.0, A, 1.0, 1.0, "", ""),

    # 7. Xây dựng và phát triển chính quyền điện tử, chính quyền số (12.5) --
    ("7", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", 12.5,
     None, None, None, "", ""),
    ("7.1", "Hạ tầng, nền tảng số và an toàn thông tin", 2.0, None, None, None, "", ""),
    ("7.1.1", "Ban hành kế hoạch chuyển đổi số năm", 0.5, A, 0.5, 0.5, "", ""),
    ("7.1.2", "Kết nối mạng truyền số liệu chuyên dùng", 0.5, A, 0.5, 0.5, "", ""),
    ("7.1.3", "Bảo đảm an toàn hệ thống thông tin theo cấp độ", 1.0, A, 0.0, 0.0,
     "Chưa phê duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin",
     "Hồ sơ đề xuất cấp độ an toàn hệ thống thông tin được phê duyệt"),
    ("7.2", "Xử lý văn bản, hồ sơ công việc trên môi trường mạng", 2.5, None, None, None, "", ""),
    ("7.2.1", "Tỷ lệ văn bản đi được ký số, gửi trên môi trường mạng", 1.0, A, 1.0, 1.0, "", ""),
    ("7.2.2", "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", 1.0, A, 1.0, 0.5, "", ""),
    ("7.2.3", "Kết nối Hệ thống thông tin báo cáo của tỉnh", 0.5, A, 0.5, 0.5, "", ""),
    ("7.3", "Cung cấp dịch vụ công trực tuyến", 4.5, None, None, None, "", ""),
    ("7.3.1", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình", 1.0, A, 1.0, 0.5, "", ""),
    ("7.3.2", "Tỷ lệ hồ sơ TTHC được giải quyết trực tuyến toàn trình", 1.5, A, 0.0, 0.0,
     "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 32%, chưa đạt chỉ tiêu 50%",
     "Tỷ lệ hồ sơ trực tuyến toàn trình ≥ 50%"),
    ("7.3.3", "Tỷ lệ hồ sơ TTHC có thanh toán trực tuyến", 1.0, A, 0.0, 0.0,
     "Tỷ lệ hồ sơ thanh toán trực tuyến đạt 12%, chưa đạt chỉ tiêu 30%",
     "Tỷ lệ hồ sơ thanh toán phí, lệ phí trực tuyến ≥ 30%"),
    ("7.3.4", "Tích hợp dịch vụ công trực tuyến trên Cổng Dịch vụ công quốc gia",
     1.0, A, 0.5, 0.5,
     "Còn 06 dịch vụ công trực tuyến chưa tích hợp trên Cổng Dịch vụ công quốc gia",
     "100% dịch vụ công trực tuyến đủ điều kiện được tích hợp trên Cổng Dịch vụ công quốc gia"),
    ("7.4", "Trang thông tin điện tử của huyện", 1.5, None, None, None, "", ""),
    ("7.4.1", "Cung cấp thông tin trên trang thông tin điện tử theo quy định",
     1.0, A, 1.0, 0.75, "", ""),
    ("7.4.2", "Chuyên mục CCHC, chuyển đổi số trên trang thông tin điện tử",
     0.5, A, 0.5, 0.5, "", ""),
    ("7.5", "Ứng dụng nền tảng, cơ sở dữ liệu dùng chung", 2.0, None, None, None, "", ""),
    ("7.5.1", "Sử dụng hệ thống thư điện tử công vụ", 0.5, A, 0.5, 0.5, "", ""),
    ("7.5.2", "Khai thác cơ sở dữ liệu quốc gia về dân cư trong giải quyết TTHC",
     0.5, A, 0.5, 0.25, "", ""),
    ("7.5.3", "Thực hiện nhiệm vụ Đề án 06 được giao", 1.0, A, 0.5, 0.5,
     "Còn 03 chỉ tiêu Đề án 06 chưa hoàn thành đúng tiến độ",
     "Hoàn thành các chỉ tiêu Đề án 06 được giao đúng tiến độ"),

    # 8. Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH (33) --
    ("8", "Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội", 33.0,
     None, None, None, "", ""),
    ("8.1", "Mức độ hài lòng của người dân, tổ chức (SIPAS)", 12.0, None, None, None, "", ""),
    ("8.1.1", "Hài lòng về tiếp cận dịch vụ hành chính công", 2.5, S, 2.14, 2.07,
     "Chỉ số hài lòng về tiếp cận dịch vụ đạt 85,6%",
     "Nâng mức hài lòng về tiếp cận dịch vụ tại Bộ phận Một cửa"),
    ("8.1.2", "Hài lòng về thủ tục hành chính", 2.5, S, 2.06, 1.96,
     "Chỉ số hài lòng về thủ tục hành chính đạt 82,4%",
     "Nâng mức hài lòng về thủ tục hành chính"),
    ("8.1.3", "Hài lòng về công chức trực tiếp giải quyết công việc", 2.5, S, 2.16, 2.09,
     "Chỉ số hài lòng về công chức giải quyết công việc đạt 86,4%",
     "Nâng mức hài lòng về thái độ, kỹ năng của công chức Một cửa"),
    ("8.1.4", "Hài lòng về kết quả giải quyết thủ tục hành chính", 2.5, S, 2.11, 2.0,
     "Chỉ số hài lòng về kết quả giải quyết TTHC đạt 84,4%",
     "Nâng mức hài lòng về kết quả giải quyết TTHC"),
    ("8.1.5", "Hài lòng về tiếp nhận, xử lý ý kiến góp ý, phản ánh, kiến nghị",
     2.0, S, 1.55, 1.47,
     "Chỉ số hài lòng về xử lý góp ý, phản ánh đạt 77,5%",
     "Nâng mức hài lòng về tiếp nhận, xử lý góp ý, phản ánh, kiến nghị"),
    ("8.2", "Đánh giá của lãnh đạo, quản lý về tác động của CCHC", 4.0, None, None, None, "", ""),
    ("8.2.1", "Tác động đến chất lượng giải quyết TTHC", 1.5, S, 1.04, 0.97,
     "Điều tra xã hội học lãnh đạo, quản lý đạt 69% số điểm",
     "Nâng mức đánh giá của lãnh đạo, quản lý về chất lượng giải quyết TTHC"),
    ("8.2.2", "Tác động đến năng lực, tinh thần phục vụ của đội ngũ cán bộ, công chức",
     1.5, S, 0.98, 0.94,
     "Điều tra xã hội học lãnh đạo, quản lý đạt 65% số điểm",
     "Nâng mức đánh giá của lãnh đạo, quản lý về đội ngũ cán bộ, công chức"),
    ("8.2.3", "Tác động đến hiệu quả quản lý, sử dụng tài chính công", 1.0, S, 0.68, 0.64,
     "Điều tra xã hội học lãnh đạo, quản lý đạt 68% số điểm",
     "Nâng mức đánh giá của lãnh đạo, quản lý về quản lý tài chính công"),
    ("8.3", "Tác động đến phát triển kinh tế", 6.0, None, None, None, "", ""),
    ("8.3.1", "Tốc độ tăng giá trị sản xuất so với chỉ tiêu kế hoạch", 1.5, A, 1.5, 1.5, "", ""),
    ("8.3.2", "Số doanh nghiệp thành lập mới so với kế hoạch", 1.5, A, 0.5, 0.5,
     "Số doanh nghiệp thành lập mới đạt 70% kế hoạch năm",
     "Số doanh nghiệp thành lập mới đạt 100% kế hoạch năm"),
    ("8.3.3", "Thu ngân sách nhà nước trên địa bàn so với dự toán", 1.5, A, 1.5, 1.0, "", ""),
    ("8.3.4", "Kết quả xây dựng nông thôn mới", 1.5, A, 1.0, 1.0,
     "Còn 01 xã chưa đạt chuẩn nông thôn mới nâng cao theo kế hoạch",
     "Xã theo kế hoạch được công nhận đạt chuẩn nông thôn mới nâng cao"),
    ("8.4", "Tác động đến phát triển xã hội", 5.0, None, None, None, "", ""),
    ("8.4.1", "Giảm tỷ lệ hộ nghèo so với chỉ tiêu", 1.5, A, 1.5, 1.5, "", ""),
    ("8.4.2", "Tỷ lệ dân số tham gia bảo hiểm y tế", 1.0, A, 1.0, 1.0, "", ""),
    ("8.4.3", "Tỷ lệ trường học đạt chuẩn quốc gia", 0.5, A, 0.5, 0.5, "", ""),
    ("8.4.4", "Giải quyết việc làm cho người lao động", 1.0, A, 1.0, 1.0, "", ""),
    ("8.4.5", "Tỷ lệ hộ dân nông thôn sử dụng nước sạch, hợp vệ sinh", 0.5, A, 0.5, 0.5, "", ""),
    ("8.4.6", "Tỷ lệ gia đình đạt danh hiệu \"Gia đình văn hóa\"", 0.5, A, 0.5, 0.5, "", ""),
    ("8.5", "Tác động đến quản lý nhà nước, trật tự xã hội", 6.0, None, None, None, "", ""),
    ("8.5.1", "Giải quyết khiếu nại, tố cáo đúng thời hạn", 1.5, A, 1.5, 1.0, "", ""),
    ("8.5.2", "Thực hiện kết luận thanh tra", 1.0, A, 1.0, 1.0, "", ""),
    ("8.5.3", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", 1.5, A, 0.5, 0.5,
     "Cấp giấy chứng nhận quyền sử dụng đất lần đầu đạt 62% kế hoạch",
     "Cấp giấy chứng nhận quyền sử dụng đất lần đầu đạt 100% kế hoạch"),
    ("8.5.4", "Thu gom, xử lý chất thải rắn sinh hoạt", 1.0, A, 1.0, 1.0, "", ""),
    ("8.5.5", "Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội", 1.0, A, 1.0, 1.0, "", ""),
]

# --- Ranking of the province's district-level units: (unit, score, prev_score) --
# All out of 97. Tánh Linh: 5th last year, 8th the year before.

PEERS: list[tuple[str, float, float]] = [
    ("UBND thành phố Phan Thiết", 82.35, 80.12),
    ("UBND thị xã La Gi", 76.48, 73.05),
    ("UBND huyện Đức Linh", 74.92, 70.86),
    ("UBND huyện Hàm Thuận Bắc", 72.60, 69.74),
    ("UBND huyện Tánh Linh", 71.11, 67.42),
    ("UBND huyện Hàm Thuận Nam", 70.37, 71.58),
    ("UBND huyện Bắc Bình", 68.95, 68.20),
    ("UBND huyện Hàm Tân", 66.84, 69.15),
    ("UBND huyện Tuy Phong", 65.72, 66.31),
    ("UBND huyện Phú Quý", 63.40, 64.87),
]

# --- Demo logins: (email, name, role, department_code_or_None, password) -------

DEMO_PASSWORD = "demo1234"  # shown to the user as the demo login

DEMO_USERS: list[tuple[str, str, str, str | None, str]] = [
    ("admin@example.gov.vn", "Nguyễn Văn Hải", "admin", None, DEMO_PASSWORD),
    ("pct.tanhlinh@example.gov.vn", "Trần Minh Đức", "leader", None, DEMO_PASSWORD),
    ("nv.tanhlinh@example.gov.vn", "Lê Thị Thu Hà", "department", "NV", DEMO_PASSWORD),
    ("tp.tanhlinh@example.gov.vn", "Phạm Quốc Bảo", "department", "TP", DEMO_PASSWORD),
    ("vp.tanhlinh@example.gov.vn", "Võ Thị Ngọc Lan", "department", "VP", DEMO_PASSWORD),
    ("vhtt.tanhlinh@example.gov.vn", "Huỳnh Văn Tâm", "department", "VHTT", DEMO_PASSWORD),
    ("tckh.tanhlinh@example.gov.vn", "Đặng Thị Kim Yến", "department", "TCKH", DEMO_PASSWORD),
]

# --- Documents ----------------------------------------------------------------

PLAN_NUMBER_TEMPLATE = "{n}/KH-UBND"
PLAN_NUMBER = 45

# {year}: the year the results are published (the assessed year + 1).
RESULT_DECISION = ("Quyết định số 16/QĐ-UBND ngày 05/01/{year} của Chủ tịch UBND tỉnh "
                   "Bình Thuận")
# {year}: the assessed year (the set is issued early in the year it measures).
CRITERIA_DECISION = ("Quyết định số 1258/QĐ-UBND ngày 15/5/{year} của UBND tỉnh Bình Thuận "
                     "ban hành Bộ chỉ số đánh giá, xếp hạng kết quả cải cách hành chính "
                     "của UBND các huyện, thị xã, thành phố")

