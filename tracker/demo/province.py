"""Demo, the default: a province after the 2025 merger, UBND tỉnh Lâm Đồng, scored by the Ministry.

Bình Thuận, Đắk Nông and Lâm Đồng became one province, Lâm Đồng, on 1 July 2025 (DOMAIN.md). The
Ministry of Home Affairs scores it on the provincial set of Decision 876/QĐ-BNV: 8 fields, 37
criteria, 100 points of which 32 from surveys (SIPAS 10, leaders and managers 22), ranked among
the 34 provinces. Sở Nội vụ runs the tracker; the departments are the province's sở after the
2025 mergers. Every score, note and number of a decision is invented for the demo; the names of
the province, its bodies and the other provinces are the public ones.

Last year: 80.91/100, Tốt, 23rd of 34; the year before: 77.38/100, Khá (its ranking was among the
63 provinces before the merger and is not part of the demo).
"""
from __future__ import annotations

from tracker.demo.scenario import Scenario, criteria_table
from tracker.domain.documents import COORDINATOR, FOR_THE_HEAD, OWN_NAME, Settings, Signer

# code | title | max | method | last year | the year before | why points were lost | product
CRITERIA = criteria_table("""
1 | Công tác chỉ đạo, điều hành cải cách hành chính | 7
1.1 | Kế hoạch cải cách hành chính năm | 1.5
1.1.1 | Ban hành kế hoạch CCHC năm đúng thời hạn | 0.5 | A | 0.5 | 0.5
1.1.2 | Mức độ hoàn thành kế hoạch CCHC năm | 1 | A | 0.75 | 0.5 | Hoàn thành 92% nhiệm vụ trong kế hoạch CCHC năm, chưa đạt 100% | 100% nhiệm vụ trong kế hoạch CCHC năm hoàn thành đúng thời hạn
1.2 | Thực hiện chế độ báo cáo CCHC | 1
1.2.1 | Số lượng và thời hạn gửi báo cáo CCHC định kỳ | 0.5 | A | 0.5 | 0.25
1.2.2 | Chất lượng báo cáo CCHC | 0.5 | A | 0.5 | 0.5
1.3 | Kiểm tra công tác CCHC | 1.5
1.3.1 | Tỷ lệ cơ quan, đơn vị được kiểm tra CCHC trong năm | 0.5 | A | 0.5 | 0.5
1.3.2 | Xử lý các vấn đề phát hiện qua kiểm tra | 1 | A | 0.5 | 0.5 | 03/12 đơn vị được kiểm tra chưa báo cáo kết quả khắc phục; thiếu tài liệu kiểm chứng | Thông báo kết luận kiểm tra và báo cáo kết quả khắc phục của 100% đơn vị, kèm tài liệu kiểm chứng
1.4 | Sáng kiến, giải pháp mới trong thực hiện CCHC | 1 | A | 0.5 | 1 | Không có sáng kiến, giải pháp CCHC được cấp có thẩm quyền công nhận trong năm | Ít nhất 02 sáng kiến, giải pháp CCHC được Hội đồng sáng kiến tỉnh công nhận
1.5 | Đánh giá của lãnh đạo, quản lý về công tác chỉ đạo, điều hành CCHC | 2 | S | 1.62 | 1.55 | Điều tra xã hội học lãnh đạo, quản lý đạt 81% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về công tác chỉ đạo, điều hành CCHC
2 | Cải cách thể chế | 9
2.1 | Xây dựng, ban hành văn bản quy phạm pháp luật (VBQPPL) của tỉnh | 2
2.1.1 | Ban hành VBQPPL quy định chi tiết thuộc thẩm quyền của tỉnh | 1 | A | 1 | 1
2.1.2 | Tỷ lệ văn bản quy định chi tiết được ban hành đúng thời hạn | 1 | A | 0.5 | 0.5 | 03 văn bản quy định chi tiết ban hành chậm so với thời hạn được giao | 100% văn bản quy định chi tiết được ban hành đúng thời hạn
2.2 | Rà soát, hệ thống hóa VBQPPL | 1.5
2.2.1 | Ban hành kế hoạch rà soát, hệ thống hóa VBQPPL | 0.5 | A | 0.5 | 0.5
2.2.2 | Công bố danh mục VBQPPL hết hiệu lực | 1 | A | 0.5 | 1 | Công bố danh mục VBQPPL hết hiệu lực chậm 02 tháng so với quy định | Quyết định công bố danh mục VBQPPL hết hiệu lực được ban hành đúng hạn
2.3 | Kiểm tra, xử lý văn bản trái pháp luật | 1.5 | A | 1.5 | 1
2.4 | Theo dõi thi hành pháp luật và xử lý vi phạm hành chính | 1 | A | 1 | 0.75
2.5 | Đánh giá của lãnh đạo, quản lý về chất lượng VBQPPL của tỉnh | 3 | S | 2.31 | 2.25 | Điều tra xã hội học lãnh đạo, quản lý đạt 77% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về chất lượng VBQPPL
3 | Cải cách thủ tục hành chính | 11
3.1 | Công khai thủ tục hành chính (TTHC) | 1.5
3.1.1 | Công bố danh mục TTHC đúng thời hạn | 0.5 | A | 0.5 | 0.5
3.1.2 | Công khai TTHC trên Cơ sở dữ liệu quốc gia về TTHC | 1 | A | 0.5 | 1 | Còn 27 TTHC công khai chưa đầy đủ, chưa đúng trên Cơ sở dữ liệu quốc gia về TTHC | 100% TTHC được công khai đầy đủ, đúng trên Cơ sở dữ liệu quốc gia về TTHC
3.2 | Rà soát, đơn giản hóa TTHC | 1 | A | 1 | 0.5
3.3 | Thực hiện cơ chế một cửa, một cửa liên thông | 4.5
3.3.1 | Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn | 2 | A | 1.5 | 1.5 | Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,2%, chưa đạt chỉ tiêu 98% | Tỷ lệ hồ sơ TTHC giải quyết đúng hạn ≥ 98%
3.3.2 | Thực hiện xin lỗi người dân, tổ chức khi giải quyết hồ sơ trễ hạn | 0.5 | A | 0.5 | 0.5
3.3.3 | Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC | 1 | A | 0.5 | 0.5 | Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 64%, dưới mức 80% | Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC ≥ 80%
3.3.4 | Giải quyết TTHC không phụ thuộc vào địa giới hành chính | 1 | A | 1 | 1
3.4 | Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính | 1 | A | 1 | 1
3.5 | Đánh giá của lãnh đạo, quản lý về cải cách TTHC | 3 | S | 2.37 | 2.28 | Điều tra xã hội học lãnh đạo, quản lý đạt 79% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về cải cách TTHC
4 | Cải cách tổ chức bộ máy hành chính nhà nước | 8
4.1 | Sắp xếp, kiện toàn tổ chức bộ máy | 2
4.1.1 | Ban hành quy định chức năng, nhiệm vụ, quyền hạn của các cơ quan chuyên môn | 1 | A | 1 | 1
4.1.2 | Thực hiện quy định về số lượng cấp phó | 1 | A | 0.5 | 1 | 02 sở còn số lượng cấp phó vượt quy định sau hợp nhất, chưa có lộ trình giải quyết | Lộ trình giải quyết số lượng cấp phó vượt quy định được phê duyệt và thực hiện
4.2 | Quản lý biên chế | 1.5
4.2.1 | Sử dụng biên chế được giao | 0.5 | A | 0.5 | 0.5
4.2.2 | Thực hiện tinh giản biên chế theo quy định | 1 | A | 1 | 1
4.3 | Thực hiện phân cấp, phân quyền | 1.5 | A | 1 | 1 | Chưa kiểm tra việc thực hiện nhiệm vụ phân cấp cho cấp xã sau khi tổ chức chính quyền địa phương hai cấp | Kế hoạch và báo cáo kết quả kiểm tra việc thực hiện phân cấp, phân quyền cho cấp xã
4.4 | Đánh giá của lãnh đạo, quản lý về tổ chức bộ máy | 3 | S | 2.28 | 2.22 | Điều tra xã hội học lãnh đạo, quản lý đạt 76% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về tổ chức bộ máy
5 | Cải cách chế độ công vụ | 10
5.1 | Vị trí việc làm | 1.5 | A | 1 | 1 | Chưa phê duyệt điều chỉnh vị trí việc làm của 04 sở sau hợp nhất | Quyết định phê duyệt điều chỉnh vị trí việc làm của các sở sau hợp nhất
5.2 | Tuyển dụng công chức, viên chức | 1 | A | 1 | 1
5.3 | Đánh giá, xếp loại cán bộ, công chức, viên chức | 1.5
5.3.1 | Đánh giá, xếp loại chất lượng đúng quy định | 1 | A | 1 | 1
5.3.2 | Đánh giá công chức theo kết quả, sản phẩm cụ thể | 0.5 | A | 0.25 | 0 | Chưa triển khai đánh giá công chức theo kết quả, sản phẩm trên phần mềm | Phần mềm đánh giá công chức theo kết quả, sản phẩm được triển khai tại 100% cơ quan
5.4 | Đào tạo, bồi dưỡng cán bộ, công chức, viên chức | 1 | A | 1 | 1
5.5 | Kỷ luật, kỷ cương hành chính | 2
5.5.1 | Kiểm tra công vụ | 1 | A | 1 | 1
5.5.2 | Tình hình vi phạm kỷ luật của cán bộ, công chức, viên chức | 1 | A | 0.5 | 0.5 | Có 03 công chức bị xử lý kỷ luật trong năm | Không có cán bộ, công chức vi phạm kỷ luật, kỷ cương hành chính
5.6 | Đánh giá của lãnh đạo, quản lý về chế độ công vụ | 3 | S | 2.25 | 2.19 | Điều tra xã hội học lãnh đạo, quản lý đạt 75% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về chế độ công vụ
6 | Cải cách tài chính công | 8
6.1 | Tỷ lệ giải ngân kế hoạch vốn đầu tư công | 2 | A | 1.5 | 1 | Giải ngân vốn đầu tư công đạt 86,3% kế hoạch, dưới mức 95% | Tỷ lệ giải ngân vốn đầu tư công ≥ 95% kế hoạch
6.2 | Quản lý, sử dụng tài sản công | 1.5
6.2.1 | Sắp xếp, xử lý trụ sở, tài sản dôi dư sau sắp xếp | 1 | A | 0.5 | 1 | Còn 46 trụ sở dôi dư sau sắp xếp chưa có phương án xử lý | Phương án xử lý 100% trụ sở dôi dư được phê duyệt
6.2.2 | Ban hành quy chế quản lý, sử dụng tài sản công | 0.5 | A | 0.5 | 0.5
6.3 | Cơ chế tự chủ của đơn vị sự nghiệp công lập | 1.5 | A | 1.5 | 1
6.4 | Đánh giá của lãnh đạo, quản lý về cải cách tài chính công | 3 | S | 2.19 | 2.13 | Điều tra xã hội học lãnh đạo, quản lý đạt 73% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về quản lý tài chính công
7 | Xây dựng và phát triển Chính phủ điện tử, Chính phủ số | 12
7.1 | Hạ tầng, nền tảng số và an toàn thông tin | 2
7.1.1 | Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh | 1 | A | 1 | 1
7.1.2 | Bảo đảm an toàn hệ thống thông tin theo cấp độ | 1 | A | 0.5 | 0.5 | Còn 05 hệ thống thông tin chưa được phê duyệt cấp độ an toàn | 100% hệ thống thông tin được phê duyệt cấp độ an toàn
7.2 | Xử lý văn bản, hồ sơ công việc trên môi trường mạng | 1.5 | A | 1.5 | 1.5
7.3 | Cung cấp dịch vụ công trực tuyến | 4
7.3.1 | Tỷ lệ hồ sơ TTHC được giải quyết trực tuyến toàn trình | 2 | A | 1.5 | 1 | Tỷ lệ hồ sơ trực tuyến toàn trình đạt 41%, chưa đạt chỉ tiêu 50% | Tỷ lệ hồ sơ trực tuyến toàn trình ≥ 50%
7.3.2 | Tỷ lệ hồ sơ TTHC có thanh toán trực tuyến | 1 | A | 0.5 | 0.5 | Tỷ lệ thanh toán trực tuyến đạt 38%, chưa đạt chỉ tiêu 45% | Tỷ lệ hồ sơ thanh toán phí, lệ phí trực tuyến ≥ 45%
7.3.3 | Đồng bộ trạng thái hồ sơ lên Cổng Dịch vụ công quốc gia | 1 | A | 0.5 | 0.5 | Đồng bộ trạng thái hồ sơ lên Cổng Dịch vụ công quốc gia đạt 91% | 100% hồ sơ được đồng bộ trạng thái lên Cổng Dịch vụ công quốc gia
7.4 | Cổng thông tin điện tử của tỉnh | 1 | A | 1 | 1
7.5 | Dữ liệu số và thực hiện Đề án 06 | 1.5
7.5.1 | Kết nối cơ sở dữ liệu chuyên ngành với Cơ sở dữ liệu quốc gia về dân cư | 1 | A | 0.5 | 0.5 | Còn 02 cơ sở dữ liệu chuyên ngành chưa kết nối với Cơ sở dữ liệu quốc gia về dân cư | 100% cơ sở dữ liệu chuyên ngành được kết nối, chia sẻ
7.5.2 | Công bố và cung cấp dữ liệu mở | 0.5 | A | 0.25 | 0 | Chưa công bố danh mục dữ liệu mở của tỉnh | Quyết định công bố danh mục dữ liệu mở của tỉnh
7.6 | Đánh giá của lãnh đạo, quản lý về Chính phủ số | 2 | S | 1.56 | 1.5 | Điều tra xã hội học lãnh đạo, quản lý đạt 78% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về chuyển đổi số
8 | Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội | 35
8.1 | Mức độ hài lòng của người dân, tổ chức (SIPAS) | 10
8.1.1 | Hài lòng về tiếp cận dịch vụ hành chính công | 2 | S | 1.7 | 1.66 | Chỉ số hài lòng về tiếp cận dịch vụ đạt 85% | Nâng mức hài lòng về tiếp cận dịch vụ tại Trung tâm Phục vụ hành chính công
8.1.2 | Hài lòng về thủ tục hành chính | 2 | S | 1.68 | 1.62 | Chỉ số hài lòng về thủ tục hành chính đạt 84% | Nâng mức hài lòng về thủ tục hành chính
8.1.3 | Hài lòng về công chức trực tiếp giải quyết công việc | 2 | S | 1.74 | 1.7 | Chỉ số hài lòng về công chức giải quyết công việc đạt 87% | Nâng mức hài lòng về thái độ, kỹ năng của công chức tiếp nhận, trả kết quả
8.1.4 | Hài lòng về kết quả giải quyết TTHC | 2 | S | 1.72 | 1.66 | Chỉ số hài lòng về kết quả giải quyết TTHC đạt 86% | Nâng mức hài lòng về kết quả giải quyết TTHC
8.1.5 | Hài lòng về tiếp nhận, xử lý góp ý, phản ánh, kiến nghị | 2 | S | 1.52 | 1.46 | Chỉ số hài lòng về xử lý góp ý, phản ánh đạt 76% | Nâng mức hài lòng về tiếp nhận, xử lý góp ý, phản ánh, kiến nghị
8.2 | Đánh giá của lãnh đạo, quản lý về tác động của CCHC | 3 | S | 2.22 | 2.16 | Điều tra xã hội học lãnh đạo, quản lý đạt 74% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về tác động của CCHC
8.3 | Tác động đến phát triển kinh tế | 10
8.3.1 | Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) | 2 | A | 1.5 | 1.5 | Tăng trưởng GRDP đạt 7,1%, chưa đạt kế hoạch 8% | Tăng trưởng GRDP đạt kế hoạch năm
8.3.2 | Thu hút đầu tư | 2 | A | 2 | 1.5
8.3.3 | Số doanh nghiệp thành lập mới so với kế hoạch | 2 | A | 1.5 | 1.5 | Số doanh nghiệp thành lập mới đạt 88% kế hoạch năm | Số doanh nghiệp thành lập mới đạt 100% kế hoạch năm
8.3.4 | Thu ngân sách nhà nước trên địa bàn | 2 | A | 2 | 2
8.3.5 | Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) | 2 | A | 1.5 | 1 | Chỉ số PCI thuộc nhóm trung bình | Cải thiện các chỉ số thành phần PCI có điểm thấp
8.4 | Tác động đến phát triển xã hội | 6
8.4.1 | Tỷ lệ giảm nghèo đa chiều | 2 | A | 2 | 2
8.4.2 | Tỷ lệ lao động qua đào tạo có văn bằng, chứng chỉ | 2 | A | 1.5 | 1.5 | Tỷ lệ lao động qua đào tạo có văn bằng, chứng chỉ đạt 27,6%, chưa đạt 30% | Tỷ lệ lao động qua đào tạo có văn bằng, chứng chỉ ≥ 30%
8.4.3 | Tỷ lệ dân số tham gia bảo hiểm y tế | 2 | A | 2 | 2
8.5 | Tác động đến quản lý nhà nước | 6
8.5.1 | Giải quyết khiếu nại, tố cáo thuộc thẩm quyền | 2 | A | 2 | 2
8.5.2 | Cấp giấy chứng nhận quyền sử dụng đất lần đầu | 2 | A | 1.5 | 1 | Cấp giấy chứng nhận lần đầu đạt 71% kế hoạch | Cấp giấy chứng nhận quyền sử dụng đất lần đầu đạt 100% kế hoạch
8.5.3 | Thực hiện quy hoạch tỉnh | 2 | A | 2 | 2
""")

# The 34 provinces after 1 July 2025, each with an invented last-year score out of 100.
PEERS = [
    ("UBND tỉnh Quảng Ninh", 91.46), ("UBND thành phố Hải Phòng", 90.88), ("UBND thành phố Hà Nội", 89.73),
    ("UBND Thành phố Hồ Chí Minh", 89.21), ("UBND thành phố Đà Nẵng", 88.94), ("UBND tỉnh Bắc Ninh", 88.12),
    ("UBND tỉnh Đồng Tháp", 87.65), ("UBND thành phố Cần Thơ", 87.02), ("UBND tỉnh Thái Nguyên", 86.77),
    ("UBND tỉnh Hưng Yên", 86.30), ("UBND thành phố Huế", 85.91), ("UBND tỉnh Tây Ninh", 85.38),
    ("UBND tỉnh Khánh Hòa", 84.86), ("UBND tỉnh Ninh Bình", 84.02),
    ("UBND tỉnh Đồng Nai", 83.77), ("UBND tỉnh Vĩnh Long", 83.41), ("UBND tỉnh Phú Thọ", 83.05),
    ("UBND tỉnh An Giang", 82.68), ("UBND tỉnh Thanh Hóa", 82.34), ("UBND tỉnh Nghệ An", 81.96),
    ("UBND tỉnh Quảng Ngãi", 81.52), ("UBND tỉnh Hà Tĩnh", 81.17), ("UBND tỉnh Lâm Đồng", 80.91), ("UBND tỉnh Gia Lai", 80.83),
    ("UBND tỉnh Lào Cai", 80.41), ("UBND tỉnh Quảng Trị", 80.06), ("UBND tỉnh Tuyên Quang", 79.62),
    ("UBND tỉnh Đắk Lắk", 79.28), ("UBND tỉnh Cà Mau", 78.85), ("UBND tỉnh Lạng Sơn", 78.40),
    ("UBND tỉnh Sơn La", 77.93), ("UBND tỉnh Cao Bằng", 77.21), ("UBND tỉnh Điện Biên", 76.58),
    ("UBND tỉnh Lai Châu", 75.94),
]

SCENARIO = Scenario(
    kind="province",
    unit_name="UBND tỉnh Lâm Đồng",
    place="Lâm Đồng",
    issuing_body="UBND TỈNH LÂM ĐỒNG",
    criteria_set_name="Bộ Chỉ số CCHC cấp tỉnh năm {year}",
    # The Ministry's method (DOMAIN.md), in force for every year the demo can show.
    criteria_decision=("Quyết định số 876/QĐ-BNV ngày 10/11/2022 của Bộ trưởng Bộ Nội vụ phê duyệt Đề án "
                       "“Xác định Chỉ số cải cách hành chính của các bộ, cơ quan ngang bộ, Ủy ban nhân "
                       "dân các tỉnh, thành phố trực thuộc trung ương”"),
    result_decision=("Quyết định số {number}/QĐ-BNV ngày {day} của Bộ trưởng Bộ Nội vụ phê duyệt và công "
                     "bố Chỉ số cải cách hành chính năm {year} của các bộ, cơ quan ngang bộ, Ủy ban nhân "
                     "dân các tỉnh, thành phố trực thuộc trung ương"),
    criteria=CRITERIA,
    peers=PEERS,
    peers_from=2025,  # the 34 provinces exist from 1 July 2025; earlier years ranked 63
    previous_from=2024,  # Lâm Đồng was scored before the merger too, under the same name
    departments=[
        ("SNV", "Sở Nội vụ", ["snv.lamdong@example.gov.vn"], None),
        ("STP", "Sở Tư pháp", ["stp.lamdong@example.gov.vn"], None),
        ("VPUB", "Văn phòng UBND tỉnh", ["vpub.lamdong@example.gov.vn"], "cvp.vpub.lamdong@example.gov.vn"),
        ("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", ["ttpvhcc.lamdong@example.gov.vn",
                                                              "motcua.lamdong@example.gov.vn"],
         "giamdoc.ttpvhcc.lamdong@example.gov.vn"),
        ("STC", "Sở Tài chính", ["stc.lamdong@example.gov.vn"], "giamdoc.stc.lamdong@example.gov.vn"),
        ("SKHCN", "Sở Khoa học và Công nghệ", ["skhcn.lamdong@example.gov.vn"], "giamdoc.skhcn.lamdong@example.gov.vn"),
        ("SCT", "Sở Công Thương", ["sct.lamdong@example.gov.vn"], "giamdoc.sct.lamdong@example.gov.vn"),
        ("SNNMT", "Sở Nông nghiệp và Môi trường", ["snnmt.lamdong@example.gov.vn"],
         "giamdoc.snnmt.lamdong@example.gov.vn"),
        ("SXD", "Sở Xây dựng", ["sxd.lamdong@example.gov.vn"], "giamdoc.sxd.lamdong@example.gov.vn"),
        ("SGDDT", "Sở Giáo dục và Đào tạo", ["sgddt.lamdong@example.gov.vn"], "giamdoc.sgddt.lamdong@example.gov.vn"),
        ("SYT", "Sở Y tế", ["syt.lamdong@example.gov.vn"], "giamdoc.syt.lamdong@example.gov.vn"),
        ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", ["svhttdl.lamdong@example.gov.vn"],
         "giamdoc.svhttdl.lamdong@example.gov.vn"),
    ],
    # Criteria owned by another sở than their field's owner (the starter rules give the rest).
    owners={"6.2": "STC", "8.3": "STC", "8.3.5": "SCT", "8.4.2": "SGDDT", "8.5.2": "SNNMT",
            "8.5.3": "SXD", "7.3": "SKHCN", "3.3": "TTPVHCC", "3.1": "VPUB"},
    users=[
        ("admin@example.gov.vn", "Nguyễn Văn Hải", "admin", None),
        ("pct.lamdong@example.gov.vn", "Trần Minh Đức", "leader", None),
        ("snv.lamdong@example.gov.vn", "Lê Thị Thu Hà", "department", "SNV"),
        ("stp.lamdong@example.gov.vn", "Phạm Quốc Bảo", "department", "STP"),
        ("vpub.lamdong@example.gov.vn", "Võ Thị Ngọc Lan", "department", "VPUB"),
        ("skhcn.lamdong@example.gov.vn", "Huỳnh Văn Tâm", "department", "SKHCN"),
        ("stc.lamdong@example.gov.vn", "Đặng Thị Kim Yến", "department", "STC"),
    ],
    heads=[
        ("giamdoc.snv.lamdong@example.gov.vn", "Ngô Thanh Sơn", "SNV"),
        ("giamdoc.stp.lamdong@example.gov.vn", "Bùi Thị Mai", "STP"),
    ],
    progress_notes=[
        "Đã dự thảo, đang lấy ý kiến các sở, ngành.",
        "Đang chờ ý kiến thẩm định của Sở Tư pháp.",
        "Đã trình UBND tỉnh xem xét, ban hành.",
        "Đang tổng hợp số liệu của các xã, phường, đặc khu.",
        "Đã làm việc với Trung tâm Phục vụ hành chính công; đang điều chỉnh quy trình nội bộ.",
        "Đang phối hợp Sở Khoa học và Công nghệ nâng cấp phần mềm.",
    ],
    report_prefix="BC-UBND",
    plan_number="86/KH-UBND",
    previous_plan_number="112/KH-UBND",
    target_classification=None,   # the Ministry ranks provinces without classifying them
    target_rank=15,
    blocked_note="Vướng mắc: chờ bố trí kinh phí từ ngân sách tỉnh.",
    # The plan is the province's, signed by the Phó Chủ tịch who leads administrative reform; the
    # periodic reports are Sở Nội vụ's to the province's leaders, signed by its director.
    documents=Settings(
        coordinator="Sở Nội vụ", coordinator_symbol="SNV",
        recipients=("Bộ Nội vụ (b/c)", "TT Tỉnh ủy, TT HĐND tỉnh (b/c)", "CT, các PCT UBND tỉnh",
                    "Các sở, ban, ngành", "UBND các xã, phường, đặc khu"),
        archive="Lưu: VT, SNV", signer=Signer(FOR_THE_HEAD, "PHÓ CHỦ TỊCH", "Trần Minh Đức"),
        report_sender=COORDINATOR, report_addressee="Ủy ban nhân dân tỉnh Lâm Đồng",
        report_recipients=("CT, các PCT UBND tỉnh (b/c)", "Giám đốc, các Phó Giám đốc Sở"),
        report_archive="Lưu: VT, CCHC", coordinator_signer=Signer(OWN_NAME, "GIÁM ĐỐC", "Lê Văn Bình")),
    # This year's set: the leaders' survey now comes before the initiatives, and 2.1.2 is reworded.
    next_year_changes={"1.4": ("1.5", None), "1.5": ("1.4", None),
                       "2.1.2": ("2.1.2", "Tỷ lệ văn bản quy định chi tiết ban hành đúng thời hạn được giao")},
)
