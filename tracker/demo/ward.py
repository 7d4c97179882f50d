"""Demo with `--kind commune`: a ward after the 2025 reform, UBND phường Mũi Né (Lâm Đồng).

Since 1 July 2025 communes and wards sit directly under the province (DOMAIN.md). The province
scores them on its own set (97 points here) and ranks its 20 wards as one group. The ward has the
four bodies of a ward after the reform. It was formed on 1 July 2025, so its first results are
for 2025: the demo shows a year before only from 2027 on. Every score, note and number of a
decision is invented for the demo; the names of the province, the wards and their bodies are the
public ones.

Last year: 71.11/97, Khá, 12th of 20.
"""
from __future__ import annotations

from tracker.demo.scenario import Scenario, criteria_table
from tracker.domain.documents import ON_BEHALF, OWN_NAME, UNIT, Settings, Signer

# code | title | max | method | last year | the year before | why points were lost | product
CRITERIA = criteria_table("""
1 | Công tác chỉ đạo, điều hành CCHC | 9
1.1 | Kế hoạch CCHC năm | 2.5
1.1.1 | Ban hành kế hoạch CCHC năm đúng thời hạn | 0.5 | A | 0.5 | 0.5
1.1.2 | Mức độ hoàn thành kế hoạch CCHC năm | 1.5 | A | 0.5 | 0.5 | Hoàn thành 78% nhiệm vụ trong kế hoạch CCHC năm, dưới mức 80% | 100% nhiệm vụ trong Kế hoạch CCHC năm hoàn thành đúng thời hạn
1.1.3 | Kế hoạch xác định rõ nhiệm vụ, sản phẩm, trách nhiệm và thời hạn hoàn thành | 0.5 | A | 0.5 | 0.5
1.2 | Thực hiện chế độ báo cáo CCHC | 1
1.2.1 | Số lượng và thời hạn gửi báo cáo CCHC định kỳ | 0.5 | A | 0.5 | 0.5
1.2.2 | Chất lượng báo cáo CCHC | 0.5 | A | 0.5 | 0.5
1.3 | Kiểm tra công tác CCHC | 1.5
1.3.1 | Ban hành kế hoạch kiểm tra CCHC năm | 0.5 | A | 0.5 | 0.5
1.3.2 | Tỷ lệ bộ phận, đơn vị trực thuộc được kiểm tra trong năm | 0.5 | A | 0.5 | 0.25
1.3.3 | Xử lý các vấn đề phát hiện qua kiểm tra | 0.5 | A | 0 | 0 | Chưa có văn bản chỉ đạo xử lý tồn tại phát hiện qua kiểm tra; thiếu tài liệu kiểm chứng | Thông báo kết luận kiểm tra và báo cáo kết quả khắc phục kèm tài liệu kiểm chứng
1.4 | Công tác thông tin, tuyên truyền CCHC | 1.5
1.4.1 | Ban hành kế hoạch tuyên truyền CCHC năm | 0.5 | A | 0.5 | 0.5
1.4.2 | Mức độ hoàn thành kế hoạch tuyên truyền CCHC | 0.5 | A | 0.5 | 0.25
1.4.3 | Tin, bài về CCHC trên trang thông tin điện tử của phường | 0.5 | A | 0.5 | 0.5
1.5 | Sáng kiến, giải pháp mới trong thực hiện CCHC | 1 | A | 0 | 0 | Không có sáng kiến, giải pháp CCHC được cấp có thẩm quyền công nhận | Ít nhất 01 sáng kiến, giải pháp CCHC được Hội đồng sáng kiến công nhận
1.6 | Thực hiện nhiệm vụ UBND tỉnh giao | 1.5
1.6.1 | Tỷ lệ nhiệm vụ UBND tỉnh giao được hoàn thành đúng hạn | 1 | A | 1 | 0.75
1.6.2 | Tổ chức hội nghị quán triệt, triển khai nhiệm vụ CCHC | 0.5 | A | 0.5 | 0.5
2 | Cải cách thể chế | 7.5
2.1 | Xây dựng, ban hành văn bản quy phạm pháp luật (VBQPPL) | 2
2.1.1 | Ban hành danh mục VBQPPL cần xây dựng trong năm | 0.5 | A | 0.5 | 0.5
2.1.2 | Thực hiện quy trình xây dựng, ban hành VBQPPL | 1 | A | 0.25 | 0.5 | 02 dự thảo VBQPPL chưa lấy ý kiến đối tượng chịu tác động theo quy định | 100% dự thảo VBQPPL được lấy ý kiến, thẩm định đúng quy trình
2.1.3 | Tỷ lệ VBQPPL ban hành đúng tiến độ theo danh mục | 0.5 | A | 0.5 | 0.25
2.2 | Rà soát, hệ thống hóa VBQPPL | 1.5
2.2.1 | Ban hành kế hoạch rà soát, hệ thống hóa VBQPPL | 0.5 | A | 0.5 | 0.5
2.2.2 | Công bố danh mục VBQPPL hết hiệu lực | 0.5 | A | 0 | 0 | Chưa công bố danh mục VBQPPL hết hiệu lực toàn bộ hoặc một phần | Quyết định công bố danh mục VBQPPL hết hiệu lực được ban hành đúng hạn
2.2.3 | Xử lý kết quả rà soát VBQPPL | 0.5 | A | 0.5 | 0.5
2.3 | Kiểm tra, xử lý VBQPPL | 1.5
2.3.1 | Ban hành kế hoạch tự kiểm tra VBQPPL | 0.5 | A | 0.5 | 0.5
2.3.2 | Xử lý văn bản trái pháp luật phát hiện qua kiểm tra | 1 | A | 1 | 0.5
2.4 | Theo dõi tình hình thi hành pháp luật | 1
2.4.1 | Ban hành kế hoạch theo dõi tình hình thi hành pháp luật | 0.5 | A | 0.5 | 0.5
2.4.2 | Xử lý kết quả theo dõi thi hành pháp luật | 0.5 | A | 0.5 | 0.25
2.5 | Phổ biến, giáo dục pháp luật | 1.5
2.5.1 | Ban hành kế hoạch phổ biến, giáo dục pháp luật năm | 0.5 | A | 0.5 | 0.5
2.5.2 | Đạt chuẩn tiếp cận pháp luật | 1 | A | 0 | 0.5 | Chưa đạt chuẩn tiếp cận pháp luật: 02/5 tiêu chí chưa đạt | Phường được công nhận đạt chuẩn tiếp cận pháp luật
3 | Cải cách thủ tục hành chính | 13
3.1 | Kiểm soát thủ tục hành chính (TTHC) | 2
3.1.1 | Ban hành kế hoạch kiểm soát TTHC năm | 0.5 | A | 0.5 | 0.5
3.1.2 | Rà soát, đề xuất phương án đơn giản hóa TTHC | 1 | A | 0 | 0.5 | Không có phương án đơn giản hóa TTHC được đề xuất trong năm | Ít nhất 02 phương án đơn giản hóa TTHC được đề xuất với UBND tỉnh
3.1.3 | Báo cáo tình hình, kết quả kiểm soát TTHC đúng hạn | 0.5 | A | 0.5 | 0.25
3.2 | Công khai thủ tục hành chính | 2
3.2.1 | Niêm yết, công khai TTHC tại Bộ phận Một cửa | 1 | A | 1 | 1
3.2.2 | Công khai TTHC trên trang thông tin điện tử của phường | 0.5 | A | 0.5 | 0.5
3.2.3 | Công khai tiến độ, kết quả giải quyết hồ sơ TTHC | 0.5 | A | 0.5 | 0.5
3.3 | Thực hiện cơ chế một cửa, một cửa liên thông | 6
3.3.1 | Tỷ lệ TTHC được tiếp nhận, trả kết quả tại Bộ phận Một cửa | 1 | A | 1 | 1
3.3.2 | Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn | 2 | A | 0.5 | 1 | Tỷ lệ hồ sơ giải quyết đúng hạn đạt 93,6%, chưa đạt chỉ tiêu 98% | Tỷ lệ hồ sơ TTHC giải quyết đúng hạn ≥ 98%
3.3.3 | Thực hiện xin lỗi người dân, tổ chức khi giải quyết hồ sơ trễ hạn | 0.5 | A | 0 | 0 | Chưa có văn bản xin lỗi đối với toàn bộ hồ sơ trễ hạn | 100% hồ sơ trễ hạn có văn bản xin lỗi gửi người dân, tổ chức
3.3.4 | Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC | 1 | A | 0 | 0 | Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 41%, dưới mức 50% | Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC ≥ 80%
3.3.5 | Giải quyết TTHC liên thông giữa các cấp chính quyền | 0.5 | A | 0.5 | 0.5
3.3.6 | Kết quả Bộ chỉ số phục vụ người dân, doanh nghiệp trên Hệ thống thông tin giải quyết TTHC | 1 | A | 1 | 1
3.4 | Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính | 2
3.4.1 | Bố trí tiếp nhận phản ánh, kiến nghị theo quy định | 0.5 | A | 0.5 | 0.5
3.4.2 | Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn | 1 | A | 1 | 0.75
3.4.3 | Công khai kết quả xử lý phản ánh, kiến nghị | 0.5 | A | 0.5 | 0.25
3.5 | Đánh giá của lãnh đạo, quản lý về cải cách TTHC | 1 | S | 0.68 | 0.62 | Điều tra xã hội học lãnh đạo, quản lý đạt 68% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về cải cách TTHC
4 | Cải cách tổ chức bộ máy hành chính nhà nước | 6.5
4.1 | Thực hiện quy định về tổ chức bộ máy | 2
4.1.1 | Ban hành quy chế làm việc, phân công nhiệm vụ của các phòng chuyên môn | 1 | A | 1 | 1
4.1.2 | Thực hiện quy định về số lượng cấp phó của các phòng chuyên môn | 1 | A | 1 | 0.5
4.2 | Quản lý biên chế | 2
4.2.1 | Sử dụng biên chế trong phạm vi được giao | 1 | A | 1 | 1
4.2.2 | Thực hiện tinh giản biên chế theo lộ trình | 1 | A | 0 | 0.5 | Chưa đạt tỷ lệ tinh giản biên chế theo lộ trình giai đoạn 2022 - 2026 | Kế hoạch tinh giản biên chế năm được ban hành và thực hiện đúng lộ trình
4.3 | Thực hiện phân cấp, ủy quyền | 1.5
4.3.1 | Thực hiện các nhiệm vụ được UBND tỉnh phân cấp, ủy quyền | 0.5 | A | 0.5 | 0.5
4.3.2 | Kiểm tra việc thực hiện nhiệm vụ phân cấp, ủy quyền | 0.5 | A | 0 | 0 | Chưa tổ chức kiểm tra việc thực hiện nhiệm vụ phân cấp, ủy quyền | Kế hoạch và báo cáo kết quả kiểm tra việc thực hiện phân cấp, ủy quyền
4.3.3 | Báo cáo tình hình thực hiện phân cấp, ủy quyền đúng hạn | 0.5 | A | 0.5 | 0.25
4.4 | Sắp xếp, kiện toàn tổ chức | 1
4.4.1 | Sắp xếp, kiện toàn đơn vị sự nghiệp công lập theo quy định | 0.5 | A | 0.5 | 0.5
4.4.2 | Sắp xếp thôn, khu phố chưa đạt tiêu chuẩn về quy mô | 0.5 | A | 0.5 | 0.5
5 | Cải cách chế độ công vụ | 9.5
5.1 | Vị trí việc làm | 1.5
5.1.1 | Phê duyệt, điều chỉnh vị trí việc làm | 0.5 | A | 0.5 | 0.5
5.1.2 | Bố trí công chức theo vị trí việc làm được phê duyệt | 1 | A | 0.5 | 0.5 | Còn 04 công chức bố trí chưa đúng vị trí việc làm được phê duyệt | 100% công chức được bố trí theo vị trí việc làm được phê duyệt
5.2 | Tuyển dụng công chức, viên chức | 1.5
5.2.1 | Thực hiện quy định về tuyển dụng công chức, viên chức | 1 | A | 1 | 1
5.2.2 | Thực hiện quy định về tiếp nhận vào làm công chức | 0.5 | A | 0.5 | 0.5
5.3 | Đánh giá, xếp loại cán bộ, công chức, viên chức | 1
5.3.1 | Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức đúng quy định | 0.5 | A | 0.5 | 0.5
5.3.2 | Báo cáo kết quả đánh giá, xếp loại cán bộ, công chức, viên chức | 0.5 | A | 0.25 | 0.25 | Báo cáo gửi chậm so với quy định; thiếu tài liệu kiểm chứng | Báo cáo kết quả đánh giá, xếp loại gửi đúng hạn kèm tài liệu kiểm chứng
5.4 | Bổ nhiệm, chuyển đổi vị trí công tác | 1.5
5.4.1 | Thực hiện quy trình bổ nhiệm, bổ nhiệm lại lãnh đạo, quản lý | 1 | A | 1 | 1
5.4.2 | Thực hiện chuyển đổi vị trí công tác định kỳ | 0.5 | A | 0 | 0 | Chưa ban hành kế hoạch chuyển đổi vị trí công tác năm | Kế hoạch chuyển đổi vị trí công tác được ban hành và thực hiện
5.5 | Đào tạo, bồi dưỡng | 1.5
5.5.1 | Ban hành kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm | 0.5 | A | 0.5 | 0.5
5.5.2 | Mức độ hoàn thành kế hoạch đào tạo, bồi dưỡng | 1 | A | 0.5 | 0.5 | Hoàn thành 82% kế hoạch đào tạo, bồi dưỡng năm | Hoàn thành 100% kế hoạch đào tạo, bồi dưỡng năm
5.6 | Kỷ luật, kỷ cương hành chính | 2.5
5.6.1 | Kiểm tra công vụ, kỷ luật, kỷ cương hành chính | 0.5 | A | 0.5 | 0.25
5.6.2 | Tình hình vi phạm kỷ luật của cán bộ, công chức, viên chức | 1 | A | 0 | 0.5 | Có 02 công chức bị xử lý kỷ luật trong năm | Không có cán bộ, công chức vi phạm kỷ luật, kỷ cương hành chính
5.6.3 | Đánh giá của lãnh đạo, quản lý về kỷ luật, kỷ cương hành chính | 1 | S | 0.71 | 0.66 | Điều tra xã hội học lãnh đạo, quản lý đạt 71% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về kỷ luật, kỷ cương hành chính
6 | Cải cách tài chính công | 6
6.1 | Quản lý, sử dụng ngân sách nhà nước | 2.5
6.1.1 | Tỷ lệ giải ngân kế hoạch vốn đầu tư công | 1.5 | A | 0 | 0.5 | Tỷ lệ giải ngân kế hoạch vốn đầu tư công đạt 78,4%, dưới mức 80% | Tỷ lệ giải ngân vốn đầu tư công ≥ 95% kế hoạch
6.1.2 | Công khai dự toán, quyết toán ngân sách đúng quy định | 0.5 | A | 0.5 | 0.5
6.1.3 | Thực hiện kiến nghị sau thanh tra, kiểm toán về tài chính, ngân sách | 0.5 | A | 0.5 | 0.25
6.2 | Quản lý, sử dụng tài sản công | 1.5
6.2.1 | Ban hành quy chế quản lý, sử dụng tài sản công | 0.5 | A | 0.5 | 0.5
6.2.2 | Sắp xếp lại, xử lý nhà, đất | 1 | A | 0.5 | 0.5 | Phương án sắp xếp lại, xử lý nhà, đất chưa được phê duyệt | Phương án sắp xếp lại, xử lý nhà, đất được trình và phê duyệt
6.3 | Cơ chế tự chủ của đơn vị sự nghiệp công lập | 1
6.3.1 | Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập | 0.5 | A | 0.5 | 0.5
6.3.2 | Ban hành, thực hiện quy chế chi tiêu nội bộ | 0.5 | A | 0.5 | 0.5
6.4 | Lập, gửi báo cáo quyết toán ngân sách đúng thời hạn | 1 | A | 1 | 1
7 | Xây dựng và phát triển chính quyền điện tử, chính quyền số | 12.5
7.1 | Hạ tầng, nền tảng số và an toàn thông tin | 2
7.1.1 | Ban hành kế hoạch chuyển đổi số năm | 0.5 | A | 0.5 | 0.5
7.1.2 | Kết nối mạng truyền số liệu chuyên dùng | 0.5 | A | 0.5 | 0.5
7.1.3 | Bảo đảm an toàn hệ thống thông tin theo cấp độ | 1 | A | 0 | 0 | Chưa phê duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin | Hồ sơ đề xuất cấp độ an toàn hệ thống thông tin được phê duyệt
7.2 | Xử lý văn bản, hồ sơ công việc trên môi trường mạng | 2.5
7.2.1 | Tỷ lệ văn bản đi được ký số, gửi trên môi trường mạng | 1 | A | 1 | 1
7.2.2 | Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng | 1 | A | 1 | 0.5
7.2.3 | Kết nối Hệ thống thông tin báo cáo của tỉnh | 0.5 | A | 0.5 | 0.5
7.3 | Cung cấp dịch vụ công trực tuyến | 4.5
7.3.1 | Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình | 1 | A | 1 | 0.5
7.3.2 | Tỷ lệ hồ sơ TTHC được giải quyết trực tuyến toàn trình | 1.5 | A | 0 | 0 | Tỷ lệ hồ sơ trực tuyến toàn trình đạt 32%, chưa đạt chỉ tiêu 50% | Tỷ lệ hồ sơ trực tuyến toàn trình ≥ 50%
7.3.3 | Tỷ lệ hồ sơ TTHC có thanh toán trực tuyến | 1 | A | 0 | 0 | Tỷ lệ hồ sơ thanh toán trực tuyến đạt 12%, chưa đạt chỉ tiêu 30% | Tỷ lệ hồ sơ thanh toán phí, lệ phí trực tuyến ≥ 30%
7.3.4 | Tích hợp dịch vụ công trực tuyến trên Cổng Dịch vụ công quốc gia | 1 | A | 0.5 | 0.5 | Còn 06 dịch vụ công trực tuyến chưa tích hợp trên Cổng Dịch vụ công quốc gia | 100% dịch vụ công trực tuyến đủ điều kiện được tích hợp trên Cổng Dịch vụ công quốc gia
7.4 | Trang thông tin điện tử của phường | 1.5
7.4.1 | Cung cấp thông tin trên trang thông tin điện tử theo quy định | 1 | A | 1 | 0.75
7.4.2 | Chuyên mục CCHC, chuyển đổi số trên trang thông tin điện tử | 0.5 | A | 0.5 | 0.5
7.5 | Ứng dụng nền tảng, cơ sở dữ liệu dùng chung | 2
7.5.1 | Sử dụng hệ thống thư điện tử công vụ | 0.5 | A | 0.5 | 0.5
7.5.2 | Khai thác cơ sở dữ liệu quốc gia về dân cư trong giải quyết TTHC | 0.5 | A | 0.5 | 0.25
7.5.3 | Thực hiện nhiệm vụ Đề án 06 được giao | 1 | A | 0.5 | 0.5 | Còn 03 chỉ tiêu Đề án 06 chưa hoàn thành đúng tiến độ | Hoàn thành các chỉ tiêu Đề án 06 được giao đúng tiến độ
8 | Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội | 33
8.1 | Mức độ hài lòng của người dân, tổ chức (SIPAS) | 12
8.1.1 | Hài lòng về tiếp cận dịch vụ hành chính công | 2.5 | S | 2.14 | 2.07 | Chỉ số hài lòng về tiếp cận dịch vụ đạt 85,6% | Nâng mức hài lòng về tiếp cận dịch vụ tại Bộ phận Một cửa
8.1.2 | Hài lòng về thủ tục hành chính | 2.5 | S | 2.06 | 1.96 | Chỉ số hài lòng về thủ tục hành chính đạt 82,4% | Nâng mức hài lòng về thủ tục hành chính
8.1.3 | Hài lòng về công chức trực tiếp giải quyết công việc | 2.5 | S | 2.16 | 2.09 | Chỉ số hài lòng về công chức giải quyết công việc đạt 86,4% | Nâng mức hài lòng về thái độ, kỹ năng của công chức Một cửa
8.1.4 | Hài lòng về kết quả giải quyết thủ tục hành chính | 2.5 | S | 2.11 | 2 | Chỉ số hài lòng về kết quả giải quyết TTHC đạt 84,4% | Nâng mức hài lòng về kết quả giải quyết TTHC
8.1.5 | Hài lòng về tiếp nhận, xử lý ý kiến góp ý, phản ánh, kiến nghị | 2 | S | 1.55 | 1.47 | Chỉ số hài lòng về xử lý góp ý, phản ánh đạt 77,5% | Nâng mức hài lòng về tiếp nhận, xử lý góp ý, phản ánh, kiến nghị
8.2 | Đánh giá của lãnh đạo, quản lý về tác động của CCHC | 4
8.2.1 | Tác động đến chất lượng giải quyết TTHC | 1.5 | S | 1.04 | 0.97 | Điều tra xã hội học lãnh đạo, quản lý đạt 69% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về chất lượng giải quyết TTHC
8.2.2 | Tác động đến năng lực, tinh thần phục vụ của đội ngũ cán bộ, công chức | 1.5 | S | 0.98 | 0.94 | Điều tra xã hội học lãnh đạo, quản lý đạt 65% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về đội ngũ cán bộ, công chức
8.2.3 | Tác động đến hiệu quả quản lý, sử dụng tài chính công | 1 | S | 0.68 | 0.64 | Điều tra xã hội học lãnh đạo, quản lý đạt 68% số điểm | Nâng mức đánh giá của lãnh đạo, quản lý về quản lý tài chính công
8.3 | Tác động đến phát triển kinh tế | 6
8.3.1 | Tốc độ tăng giá trị sản xuất so với chỉ tiêu kế hoạch | 1.5 | A | 1.5 | 1.5
8.3.2 | Số doanh nghiệp thành lập mới so với kế hoạch | 1.5 | A | 0.5 | 0.5 | Số doanh nghiệp thành lập mới đạt 70% kế hoạch năm | Số doanh nghiệp thành lập mới đạt 100% kế hoạch năm
8.3.3 | Thu ngân sách nhà nước trên địa bàn so với dự toán | 1.5 | A | 1.5 | 1
8.3.4 | Kết quả xây dựng đô thị văn minh | 1.5 | A | 1 | 1 | Còn 02 khu phố chưa đạt chuẩn khu phố văn minh theo kế hoạch | Các khu phố theo kế hoạch được công nhận đạt chuẩn văn minh
8.4 | Tác động đến phát triển xã hội | 5
8.4.1 | Giảm tỷ lệ hộ nghèo so với chỉ tiêu | 1.5 | A | 1.5 | 1.5
8.4.2 | Tỷ lệ dân số tham gia bảo hiểm y tế | 1 | A | 1 | 1
8.4.3 | Tỷ lệ trường học đạt chuẩn quốc gia | 0.5 | A | 0.5 | 0.5
8.4.4 | Giải quyết việc làm cho người lao động | 1 | A | 1 | 1
8.4.5 | Tỷ lệ hộ dân nông thôn sử dụng nước sạch, hợp vệ sinh | 0.5 | A | 0.5 | 0.5
8.4.6 | Tỷ lệ gia đình đạt danh hiệu "Gia đình văn hóa" | 0.5 | A | 0.5 | 0.5
8.5 | Tác động đến quản lý nhà nước, trật tự xã hội | 6
8.5.1 | Giải quyết khiếu nại, tố cáo đúng thời hạn | 1.5 | A | 1.5 | 1
8.5.2 | Thực hiện kết luận thanh tra | 1 | A | 1 | 1
8.5.3 | Cấp giấy chứng nhận quyền sử dụng đất lần đầu | 1.5 | A | 0.5 | 0.5 | Cấp giấy chứng nhận quyền sử dụng đất lần đầu đạt 62% kế hoạch | Cấp giấy chứng nhận quyền sử dụng đất lần đầu đạt 100% kế hoạch
8.5.4 | Thu gom, xử lý chất thải rắn sinh hoạt | 1 | A | 1 | 1
8.5.5 | Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội | 1 | A | 1 | 1
""")

# The province's 20 wards, each with an invented last-year score out of 97.
PEERS = [
    ("UBND phường Xuân Hương - Đà Lạt", 84.26), ("UBND phường Phan Thiết", 82.91),
    ("UBND phường Lâm Viên - Đà Lạt", 81.47), ("UBND phường 1 Bảo Lộc", 80.12),
    ("UBND phường Bắc Gia Nghĩa", 78.85), ("UBND phường Cam Ly - Đà Lạt", 77.60),
    ("UBND phường Hàm Thắng", 76.34), ("UBND phường Phước Hội", 75.18),
    ("UBND phường Lang Biang - Đà Lạt", 74.02), ("UBND phường Tiến Thành", 73.45),
    ("UBND phường B'Lao", 72.30), ("UBND phường Mũi Né", 71.11),
    ("UBND phường Nam Gia Nghĩa", 70.64), ("UBND phường La Gi", 69.87),
    ("UBND phường Xuân Trường - Đà Lạt", 69.02), ("UBND phường 2 Bảo Lộc", 68.33),
    ("UBND phường Phú Thủy", 67.48), ("UBND phường Đông Gia Nghĩa", 66.71),
    ("UBND phường Bình Thuận", 65.90), ("UBND phường 3 Bảo Lộc", 64.25),
]

SCENARIO = Scenario(
    kind="commune",
    unit_name="UBND phường Mũi Né",
    place="Mũi Né",
    issuing_body="UBND PHƯỜNG MŨI NÉ",
    criteria_set_name="Bộ Chỉ số CCHC cấp xã năm {year}",
    criteria_decision=("Quyết định số 1865/QĐ-UBND ngày 20/8/{year} của UBND tỉnh Lâm Đồng ban hành Bộ "
                       "chỉ số đánh giá, xếp hạng kết quả cải cách hành chính của UBND các xã, phường, "
                       "đặc khu"),
    result_decision=("Quyết định số {number}/QĐ-UBND ngày {day} của Chủ tịch UBND tỉnh Lâm Đồng công bố "
                     "Chỉ số cải cách hành chính năm {year} của UBND các xã, phường, đặc khu"),
    criteria=CRITERIA,
    peers=PEERS,
    peers_from=2025,
    previous_from=2025,
    departments=[
        ("VP", "Văn phòng HĐND và UBND", ["vp.muine@example.gov.vn"], None),
        ("KT", "Phòng Kinh tế, Hạ tầng và Đô thị", ["kt.muine@example.gov.vn"], "truongphong.kt.muine@example.gov.vn"),
        ("VHXH", "Phòng Văn hóa - Xã hội", ["vhxh.muine@example.gov.vn"], "truongphong.vhxh.muine@example.gov.vn"),
        ("TTPVHCC", "Trung tâm Phục vụ hành chính công phường", ["ttpvhcc.muine@example.gov.vn",
                                                              "motcua.muine@example.gov.vn"],
         "giamdoc.ttpvhcc.muine@example.gov.vn"),
    ],
    owners={"7.4": "VP", "8.3": "KT", "8.4": "VHXH", "8.5.3": "KT", "2.5": "VHXH"},
    users=[
        ("admin@example.gov.vn", "Nguyễn Văn Hải", "admin", None),
        ("ct.muine@example.gov.vn", "Trần Minh Đức", "leader", None),
        ("vp.muine@example.gov.vn", "Lê Thị Thu Hà", "department", "VP"),
        ("kt.muine@example.gov.vn", "Phạm Quốc Bảo", "department", "KT"),
        ("vhxh.muine@example.gov.vn", "Huỳnh Văn Tâm", "department", "VHXH"),
        ("ttpvhcc.muine@example.gov.vn", "Võ Thị Ngọc Lan", "department", "TTPVHCC"),
    ],
    heads=[("cvp.muine@example.gov.vn", "Đỗ Văn Hùng", "VP")],
    progress_notes=[
        "Đã dự thảo, đang xin ý kiến Văn phòng HĐND và UBND.",
        "Đang chờ Sở Nội vụ hướng dẫn.",
        "Đã trình Chủ tịch UBND phường ký ban hành.",
        "Đang rà soát hồ sơ tại Bộ phận Một cửa.",
    ],
    plan_number="45/KH-UBND",
    previous_plan_number="38/KH-UBND",
    target_classification="Tốt",
    target_rank=8,
    blocked_note="Vướng mắc: chờ bố trí kinh phí từ ngân sách phường.",
    # The ward reports to the province's Sở Nội vụ; its office (Văn phòng HĐND và UBND) drafts.
    documents=Settings(
        coordinator="Văn phòng HĐND và UBND", coordinator_symbol="VP",
        recipients=("UBND tỉnh Lâm Đồng (b/c)", "Sở Nội vụ tỉnh Lâm Đồng (b/c)", "TT Đảng ủy, TT HĐND phường (b/c)",
                    "CT, các PCT UBND phường", "Các cơ quan, đơn vị thuộc UBND phường"),
        archive="Lưu: VT, VP", signer=Signer(ON_BEHALF, "CHỦ TỊCH", "Trần Minh Đức"),
        report_sender=UNIT, report_addressee="Sở Nội vụ tỉnh Lâm Đồng",
        report_recipients=("UBND tỉnh Lâm Đồng (b/c)", "TT Đảng ủy, TT HĐND phường (b/c)", "CT, các PCT UBND phường"),
        report_archive="Lưu: VT, VP", coordinator_signer=Signer(OWN_NAME, "CHÁNH VĂN PHÒNG")),
)
