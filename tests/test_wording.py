"""A task's wording is the action its loss reason calls for (domain/wording), read clause by
clause; survey criteria get their survey's wording; what no pattern reads is left to the rules."""
import pytest

from tracker.domain.planning import LostCriterion, Rule, task_title
from tracker.domain.wording import from_reason, survey_wording


@pytest.mark.parametrize("title, reason, action", [
    ("Ban hành kế hoạch CCHC năm", "Ban hành chậm so với quy định",
     "Bảo đảm ban hành kế hoạch CCHC năm đúng thời hạn quy định"),
    ("Báo cáo CCHC định kỳ đúng hạn", "Báo cáo chậm", "Bảo đảm báo cáo CCHC định kỳ đúng hạn"),
    ("Giải quyết TTHC trực tuyến", "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 41%, chưa đạt chỉ tiêu 50%",
     "Nâng tỷ lệ hồ sơ trực tuyến toàn trình đạt từ 50% trở lên"),
    ("Mức độ hoàn thành kế hoạch CCHC", "Hoàn thành 92% kế hoạch, chưa đạt 100%",
     "Nâng mức độ hoàn thành kế hoạch CCHC đạt 100%"),
    ("Tuyên truyền CCHC", "Chưa có tuyên truyền nội dung CCHC trên báo, đài", "Tổ chức tuyên truyền nội dung CCHC trên báo, đài"),
    ("Chuyển đổi vị trí công tác", "Chưa ban hành kế hoạch chuyển đổi vị trí công tác năm",
     "Ban hành kế hoạch chuyển đổi vị trí công tác năm"),
    ("Sáng kiến CCHC", "Không có sáng kiến được công nhận", "Nghiên cứu, đề xuất sáng kiến được công nhận"),
    ("Kiểm tra CCHC", "Thiếu tài liệu kiểm chứng", "Lưu trữ đầy đủ, kịp thời tài liệu kiểm chứng về kiểm tra CCHC"),
    ("Báo cáo đánh giá công chức", "Báo cáo gửi chậm; thiếu tài liệu kiểm chứng",
     "Bảo đảm báo cáo đánh giá công chức đúng thời hạn quy định; lưu trữ đầy đủ, kịp thời tài liệu kiểm chứng"),
    ("Tỷ lệ lao động qua đào tạo", "Tỷ lệ lao động có văn bằng, chứng chỉ đạt 27,6%, chưa đạt 30%",
     "Nâng tỷ lệ lao động có văn bằng, chứng chỉ đạt từ 30% trở lên"),
])
def test_the_reason_becomes_an_action(title, reason, action):
    assert from_reason(title, reason) == action


@pytest.mark.parametrize("reason", ["", "Có 02 công chức bị xử lý kỷ luật trong năm", "Không rõ"])
def test_a_reason_no_pattern_reads_is_left_to_the_rules(reason):
    assert from_reason("Kỷ luật công vụ", reason) is None


def test_the_two_surveys_have_their_own_wording():
    sipas = survey_wording("Hài lòng về thủ tục hành chính", "Chỉ số hài lòng đạt 84%", 2026)
    assert sipas.endswith("nâng mức độ hài lòng về thủ tục hành chính trong đợt khảo sát năm 2026")
    assert "người dân, tổ chức" in sipas
    leaders = survey_wording("Đánh giá của lãnh đạo, quản lý về cải cách TTHC", "Điều tra xã hội học đạt 79%", 2026)
    assert leaders == ("Thực hiện đầy đủ và thông tin kết quả về cải cách TTHC để lãnh đạo, quản lý đánh giá đúng "
                       "trong đợt điều tra xã hội học năm 2026")


def test_which_wording_wins():
    reason = LostCriterion("3.1", "Ban hành kế hoạch", 2, 1, "Ban hành chậm")
    unread = LostCriterion("3.2", "Kỷ luật công vụ", 2, 1, "Có 02 công chức bị kỷ luật")
    survey = LostCriterion("8.1", "Hài lòng về TTHC", 2, 1, "Đạt 80%", method="survey")
    field = Rule(title="Đôn đốc thực hiện, bảo đảm tiêu chí {code} đạt {target} điểm năm {year}", title_code="3")
    own = Rule(title="Riêng cho {code}", title_code="3.1")
    assert task_title(reason, own, 2026) == "Riêng cho 3.1"                       # the criterion's own rule
    assert task_title(reason, field, 2026) == "Bảo đảm ban hành kế hoạch đúng thời hạn quy định"
    assert task_title(unread, field, 2026) == "Đôn đốc thực hiện, bảo đảm tiêu chí 3.2 đạt 2 điểm năm 2026"
    assert "khảo sát năm 2026" in task_title(survey, field, 2026)
    assert task_title(unread, Rule(), 2026) == "Thực hiện đầy đủ, đúng quy định kỷ luật công vụ"
