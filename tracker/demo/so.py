"""A provincial department (sở) of Lâm Đồng after the 2025 reform: Sở Tư pháp tỉnh Lâm Đồng.

The province scores its sở, ban, ngành on a set of its own (7 fields, 100 points here, 15 of
them from surveys: SIPAS of the sở's services and the leaders' survey) and ranks its 18 sở, ban,
ngành as one group. A sở is run by its Giám đốc, who signs its plan in his or her own name under
the province's committee (cơ quan chủ quản); its Văn phòng Sở plays Internal Affairs. It and Sở
Y tế run their own plan beside the province's (`tracker demo --with-wards`, demo/units.py). The sở
was merged with its counterparts of Bình Thuận and Đắk Nông on 1 July 2025, so its first results
are for 2025. Every score, note, name of a person and number of a decision is invented for the
demo; the names of the province and its sở are the public ones, the other bodies of its ranking
are illustrative.

Last year: 73.87/100, Khá, 16th of 18.
"""
from __future__ import annotations

from tracker.demo.scenario import Scenario, criteria_table
from tracker.domain.documents import OWN_NAME, UNIT, Settings, Signer
from tracker.domain.starter import coordinator_head, province_body

NAME = "Sở Tư pháp tỉnh Lâm Đồng"

# code | title | max | method | last year | the year before | why points were lost | product
CRITERIA = criteria_table("""
1 | Công tác chỉ đạo, điều hành CCHC | 12
1.1 | Kế hoạch CCHC năm của Sở | 3
1.1.1 | Ban hành kế hoạch CCHC năm đúng thời hạn | 1 | A | 1 | 1
1.1.2 | Mức độ hoàn thành kế hoạch CCHC năm | 2 | A | 1.5 | 1 | Hoàn thành 92% nhiệm vụ trong kế hoạch CCHC năm, chưa đạt 100% | 100% nhiệm vụ trong Kế hoạch CCHC năm của Sở hoàn thành đúng thời hạn
1.2 | Báo cáo CCHC định kỳ đúng số lượng, thời hạn, chất lượng | 2 | A | 2 | 1.5
1.3 | Kiểm tra và xử lý vấn đề phát hiện qua kiểm tra CCHC các phòng, đơn vị thuộc Sở | 2.5 | A | 2.5 | 2
1.4 | Sáng kiến, giải pháp mới trong thực hiện CCHC | 2 | A | 0 | 0 | Không có sáng kiến, giải pháp CCHC được Hội đồng sáng kiến tỉnh công nhận | Ít nhất 01 sáng kiến, giải pháp CCHC của Sở được Hội đồng sáng kiến tỉnh công nhận
1.5 | Đánh giá của lãnh đạo, quản lý về công tác chỉ đạo, điều hành CCHC của Sở | 2.5 | S | 2.02 | 1.95 | Điều tra xã hội học lãnh đạo, quản lý đạt 81% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về công tác chỉ đạo, điều hành CCHC của Sở
2 | Cải cách thể chế | 10
2.1 | Tỷ lệ dự thảo VBQPPL thuộc lĩnh vực quản lý trình UBND tỉnh đúng thời hạn | 3 | A | 2 | 2 | 02/7 dự thảo VBQPPL trình UBND tỉnh chậm so với thời hạn được giao | 100% dự thảo VBQPPL trình UBND tỉnh đúng thời hạn được giao
2.2 | Rà soát, hệ thống hóa VBQPPL thuộc lĩnh vực quản lý | 2 | A | 1 | 2 | Chưa tham mưu công bố danh mục VBQPPL hết hiệu lực thuộc lĩnh vực quản lý sau hợp nhất | Danh mục VBQPPL hết hiệu lực thuộc lĩnh vực quản lý được tham mưu công bố đúng hạn
2.3 | Theo dõi tình hình thi hành pháp luật trong lĩnh vực quản lý | 2 | A | 2 | 1.5
2.4 | Phổ biến, giáo dục pháp luật cho công chức, viên chức và người dân | 3 | A | 3 | 3
3 | Cải cách thủ tục hành chính | 24
3.1 | Phương án đơn giản hóa TTHC được UBND tỉnh thông qua | 2.5 | A | 1.5 | 1.5 | Có 01 phương án đơn giản hóa TTHC được thông qua, chưa đạt 02 phương án theo kế hoạch | Ít nhất 02 phương án đơn giản hóa TTHC thuộc lĩnh vực quản lý được UBND tỉnh thông qua
3.2 | Công bố, công khai TTHC đúng thời hạn, đầy đủ | 3 | A | 3 | 2.5
3.3 | Kết quả giải quyết TTHC | 7
3.3.1 | Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn | 4 | A | 3 | 4 | Tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,8%, chưa đạt chỉ tiêu 98% | Tỷ lệ hồ sơ TTHC giải quyết đúng hạn ≥ 98%
3.3.2 | Thực hiện xin lỗi người dân, tổ chức khi giải quyết hồ sơ trễ hạn | 1 | A | 1 | 0.5
3.3.3 | Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC | 2 | A | 1 | 1 | Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 72%, dưới mức 80% | Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC ≥ 80%
3.4 | Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính | 1.5 | A | 1.5 | 1.5
3.5 | Mức độ hài lòng của người dân, tổ chức về giải quyết TTHC của Sở (SIPAS) | 10
3.5.1 | Hài lòng về tiếp cận dịch vụ và thủ tục hành chính | 5 | S | 4.35 | 4.2 | Chỉ số hài lòng về tiếp cận dịch vụ và TTHC đạt 87% | Nâng mức hài lòng của người dân, tổ chức về tiếp cận dịch vụ và TTHC của Sở
3.5.2 | Hài lòng về công chức và kết quả giải quyết công việc | 5 | S | 4.6 | 4.45 | Chỉ số hài lòng về công chức và kết quả giải quyết công việc đạt 92% | Nâng mức hài lòng về thái độ, kỹ năng của công chức tiếp nhận, giải quyết hồ sơ
4 | Cải cách tổ chức bộ máy | 10
4.1 | Ban hành quy định chức năng, nhiệm vụ của các phòng, đơn vị thuộc Sở | 2.5 | A | 2.5 | 2.5
4.2 | Thực hiện quy định về số lượng cấp phó của các phòng, đơn vị | 2.5 | A | 1.5 | 2.5 | 02 phòng còn số lượng cấp phó vượt quy định sau hợp nhất, chưa có lộ trình giải quyết | Lộ trình giải quyết số lượng cấp phó vượt quy định được phê duyệt và thực hiện
4.3 | Sử dụng biên chế, số lượng người làm việc trong phạm vi được giao | 2.5 | A | 2.5 | 2.5
4.4 | Thực hiện phân cấp, ủy quyền trong lĩnh vực quản lý | 2.5 | A | 1.5 | 1.5 | Chưa kiểm tra việc thực hiện nhiệm vụ phân cấp cho cấp xã sau khi tổ chức chính quyền địa phương hai cấp | Kế hoạch và báo cáo kết quả kiểm tra việc thực hiện phân cấp, ủy quyền cho cấp xã
5 | Cải cách chế độ công vụ | 14
5.1 | Phê duyệt, điều chỉnh vị trí việc làm sau hợp nhất | 3 | A | 1.5 | 3 | Chưa trình phê duyệt điều chỉnh vị trí việc làm của các phòng, đơn vị sau hợp nhất | Quyết định phê duyệt điều chỉnh vị trí việc làm của Sở sau hợp nhất
5.2 | Đánh giá công chức, viên chức theo kết quả, sản phẩm cụ thể | 3 | A | 1.5 | 0 | Chưa đánh giá công chức theo kết quả, sản phẩm hằng tháng trên phần mềm | Đánh giá công chức theo kết quả, sản phẩm hằng tháng trên phần mềm tại 100% phòng, đơn vị
5.3 | Đào tạo, bồi dưỡng công chức, viên chức | 2 | A | 2 | 1.5
5.4 | Kỷ luật, kỷ cương hành chính | 6
5.4.1 | Thực hiện chuyển đổi vị trí công tác định kỳ | 1.5 | A | 0 | 1.5 | Chưa ban hành kế hoạch chuyển đổi vị trí công tác năm đối với công chức giải quyết TTHC | Kế hoạch chuyển đổi vị trí công tác năm được ban hành và thực hiện
5.4.2 | Tình hình vi phạm kỷ luật của công chức, viên chức | 2 | A | 2 | 1
5.4.3 | Đánh giá của lãnh đạo, quản lý về kỷ luật, kỷ cương hành chính | 2.5 | S | 1.9 | 1.83 | Điều tra xã hội học lãnh đạo, quản lý đạt 76% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về kỷ luật, kỷ cương hành chính của Sở
6 | Cải cách tài chính công | 10
6.1 | Tỷ lệ giải ngân kế hoạch vốn đầu tư công được giao | 3 | A | 1.5 | 1.5 | Giải ngân vốn đầu tư công đạt 81,5% kế hoạch, dưới mức 95% | Tỷ lệ giải ngân vốn đầu tư công ≥ 95% kế hoạch
6.2 | Công khai dự toán, quyết toán ngân sách đúng quy định | 2 | A | 2 | 2
6.3 | Sắp xếp, xử lý trụ sở, tài sản dôi dư sau hợp nhất | 2.5 | A | 1.5 | 2.5 | Còn 03 trụ sở dôi dư sau hợp nhất chưa có phương án xử lý | Phương án xử lý 100% trụ sở, tài sản dôi dư được trình và phê duyệt
6.4 | Tự chủ tài chính của đơn vị sự nghiệp công lập thuộc Sở | 2.5 | A | 1.5 | 1.5 | Phương án tự chủ tài chính giai đoạn 2026 - 2030 của đơn vị sự nghiệp chưa được phê duyệt | Phương án tự chủ tài chính của đơn vị sự nghiệp thuộc Sở được trình và phê duyệt
7 | Xây dựng và phát triển chính quyền điện tử, chính quyền số | 20
7.1 | Bảo đảm an toàn hệ thống thông tin theo cấp độ | 3 | A | 1 | 2 | Chưa phê duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin của Sở | Hồ sơ đề xuất cấp độ an toàn hệ thống thông tin được phê duyệt
7.2 | Cung cấp dịch vụ công trực tuyến | 10
7.2.1 | Tỷ lệ hồ sơ TTHC được xử lý trực tuyến toàn trình | 4 | A | 2 | 2 | Tỷ lệ hồ sơ trực tuyến toàn trình đạt 46%, dưới mức 50% | Tỷ lệ hồ sơ TTHC trực tuyến toàn trình ≥ 60%
7.2.2 | Tỷ lệ thanh toán trực tuyến phí, lệ phí | 3 | A | 1.5 | 1.5 | Tỷ lệ thanh toán trực tuyến phí, lệ phí đạt 38%, dưới mức 50% | Tỷ lệ thanh toán trực tuyến phí, lệ phí ≥ 50%
7.2.3 | Khai thác dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư trong giải quyết TTHC | 3 | A | 3 | 2
7.3 | Xử lý văn bản, hồ sơ công việc trên môi trường điện tử | 4 | A | 4 | 4
7.4 | Cổng thông tin điện tử của Sở | 3 | A | 2 | 3 | Chưa cập nhật đầy đủ chức năng, nhiệm vụ, danh bạ của Sở sau hợp nhất | Cổng thông tin điện tử của Sở cập nhật đầy đủ thông tin theo Nghị định 42/2022/NĐ-CP
""")

# The province's 18 sở, ban, ngành, each with an invented last-year score out of 100.
PEERS = [
    ("Văn phòng UBND tỉnh Lâm Đồng", 91.24), ("Sở Nội vụ tỉnh Lâm Đồng", 90.16),
    ("Sở Tài chính tỉnh Lâm Đồng", 88.42), ("Sở Khoa học và Công nghệ tỉnh Lâm Đồng", 87.95),
    ("Sở Y tế tỉnh Lâm Đồng", 84.32), ("Sở Giáo dục và Đào tạo tỉnh Lâm Đồng", 83.70),
    ("Sở Công Thương tỉnh Lâm Đồng", 82.58), ("Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng", 81.33),
    ("Thanh tra tỉnh Lâm Đồng", 80.61), ("Sở Xây dựng tỉnh Lâm Đồng", 79.84),
    ("Ban Quản lý các khu công nghiệp tỉnh Lâm Đồng", 78.92),
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng", 78.15),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh Lâm Đồng", 77.40), ("Sở Dân tộc và Tôn giáo tỉnh Lâm Đồng", 76.28),
    ("Ban Quản lý Khu du lịch quốc gia Mũi Né", 74.96), (NAME, 73.87),
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh Lâm Đồng", 72.05), ("Báo và Phát thanh, Truyền hình Lâm Đồng", 70.48),
]

SCENARIO = Scenario(
    kind="department",
    unit_name=NAME,
    place="Lâm Đồng",
    issuing_body="SỞ TƯ PHÁP",  # under its parent body, UBND TỈNH LÂM ĐỒNG (documents below)
    criteria_set_name="Bộ Chỉ số CCHC các sở, ban, ngành năm {year}",
    criteria_decision=("Quyết định số 1864/QĐ-UBND ngày 20/8/{year} của UBND tỉnh Lâm Đồng ban hành Bộ "
                       "chỉ số đánh giá, xếp hạng kết quả cải cách hành chính của các sở, ban, ngành"),
    result_decision=("Quyết định số {number}/QĐ-UBND ngày {day} của Chủ tịch UBND tỉnh Lâm Đồng công bố "
                     "Chỉ số cải cách hành chính năm {year} của các sở, ban, ngành"),
    criteria=CRITERIA,
    peers=PEERS,
    peers_from=2025,
    previous_from=2025,
    # The starter's four offices of a sở (tracker/domain/starter.py), named as Sở Tư pháp's are.
    departments=[
        ("VP", "Văn phòng Sở", ["vp.sotuphap@example.gov.vn"], "chanhvanphong.sotuphap@example.gov.vn"),
        ("KHTC", "Phòng Kế hoạch - Tài chính", ["khtc.sotuphap@example.gov.vn"], None),
        ("QLCN", "Phòng Xây dựng và Kiểm tra văn bản", ["qlcn.sotuphap@example.gov.vn"],
         "truongphong.qlcn.sotuphap@example.gov.vn"),
        ("DVSN", "Trung tâm Trợ giúp pháp lý nhà nước", ["dvsn.sotuphap@example.gov.vn"],
         "giamdoc.dvsn.sotuphap@example.gov.vn"),
    ],
    # The sở's own field of work (its documents, its procedures) is its specialised office's; its
    # public service unit answers for its own autonomy. The starter's owners give the rest.
    owners={"2.1": "QLCN", "2.2": "QLCN", "3.1": "QLCN", "3.3.1": "QLCN", "6.4": "DVSN"},
    users=[
        ("quantri.sotuphap@example.gov.vn", "Hoàng Văn Nam", "admin", None),
        ("giamdoc.sotuphap@example.gov.vn", "Bùi Thị Mai", "leader", None),
        ("vp.sotuphap@example.gov.vn", "Nguyễn Thị Hồng Nhung", "department", "VP"),
        ("khtc.sotuphap@example.gov.vn", "Trần Văn Lợi", "department", "KHTC"),
        ("qlcn.sotuphap@example.gov.vn", "Phan Thị Thanh Thủy", "department", "QLCN"),
        ("dvsn.sotuphap@example.gov.vn", "Lê Quang Vinh", "department", "DVSN"),
    ],
    heads=[("chanhvanphong.sotuphap@example.gov.vn", "Đinh Công Thành", "VP")],
    progress_notes=[
        "Đã dự thảo, đang lấy ý kiến các phòng, đơn vị thuộc Sở.",
        "Đang chờ ý kiến thẩm định của Sở Nội vụ.",
        "Đã trình Giám đốc Sở ký ban hành.",
        "Đang phối hợp Trung tâm Phục vụ hành chính công tỉnh rà soát hồ sơ.",
    ],
    report_prefix="BC-STP",
    plan_number="52/KH-STP",
    previous_plan_number="41/KH-STP",
    target_classification="Tốt",
    target_rank=9,
    blocked_note="Vướng mắc: chờ Sở Tài chính thẩm định dự toán kinh phí.",
    # The sở issues its plan under the province's committee, signed by its Giám đốc in his or her
    # own name; it reports to the province's Sở Nội vụ.
    documents=Settings(
        parent_body=province_body(NAME), coordinator="Văn phòng Sở", coordinator_symbol="VP",
        recipients=("UBND tỉnh Lâm Đồng (b/c)", "Sở Nội vụ tỉnh Lâm Đồng (b/c)", "Giám đốc, các Phó Giám đốc Sở",
                    "Các phòng, đơn vị thuộc Sở"),
        archive="Lưu: VT, VP", signer=Signer(OWN_NAME, coordinator_head(NAME), "Bùi Thị Mai"),
        report_sender=UNIT, report_addressee="Sở Nội vụ tỉnh Lâm Đồng",
        report_recipients=("UBND tỉnh Lâm Đồng (b/c)", "Giám đốc, các Phó Giám đốc Sở"),
        report_archive="Lưu: VT, VP", coordinator_signer=Signer(OWN_NAME, coordinator_head("Văn phòng Sở"))),
)
