"""The plan's text (issue 21): căn cứ, results by field against the year before with the change of
rank, the general measures before the appendix, the funding; written from the figures, rewritten
on the plan's page, printed in the .docx."""
import io

import docx
from sqlalchemy import select

from tests import factories
from tests.conftest import csrf_token
from tracker.domain.plan_text import FieldResult, PlanFacts, defaults, rank_change
from tracker.extensions import db
from tracker.models import AuditEvent


def test_rank_changes_read_as_the_plans_write_them():
    assert [rank_change(5, 8), rank_change(9, 7), rank_change(4, 4), rank_change(4, None)] == [
        "tăng 03 bậc", "giảm 02 bậc", "giữ nguyên thứ hạng", ""]


def test_the_default_text_from_hand_set_figures():
    facts = PlanFacts(unit_name="UBND huyện Tánh Linh", coordinator="Phòng Nội vụ", assessed_year=2023,
                      total=71.11, max_score=97, classification="Khá", rank=5, rank_of=10, previous_total=69.5,
                      previous_rank=8, result_decision="Quyết định số 16/QĐ-UBND ngày 05/01/2024 của Chủ tịch UBND tỉnh",
                      bases=["Công văn số 173/SNV-CCHC ngày 18/01/2024 của Sở Nội vụ"],
                      fields=[FieldResult("1", "Công tác chỉ đạo, điều hành", 9.5, 10, 8.0),
                              FieldResult("2", "Cải cách thể chế", 10, 10, 10)], task_count=7)
    text = defaults(facts)
    assert text["basis"].split("\n") == ["Căn cứ Quyết định số 16/QĐ-UBND ngày 05/01/2024 của Chủ tịch UBND tỉnh;",
                                        "Căn cứ Công văn số 173/SNV-CCHC ngày 18/01/2024 của Sở Nội vụ;"]
    assert text["results"].startswith(
        "Kết quả Chỉ số cải cách hành chính năm 2023: UBND huyện Tánh Linh đạt 71,11/97 điểm, xếp loại Khá, "
        "xếp hạng thứ 5/10 (tăng 1,61 điểm so với năm 2022; tăng 03 bậc về xếp hạng).")
    assert "1. Công tác chỉ đạo, điều hành: 9,5/10 điểm (tăng 1,5 điểm so với năm 2022)" in text["results"]
    assert "2. Cải cách thể chế" not in text["results"]   # at full marks: nothing to say
    for measure in ("quán triệt", "tuyên truyền", "trách nhiệm của người đứng đầu", "tự kiểm tra",
                    "tài liệu kiểm chứng"):
        assert measure in text["measures"]
    assert "Phụ lục kèm theo Kế hoạch này (7 nhiệm vụ)" in text["measures"]
    assert text["funding"].startswith("Kinh phí thực hiện Kế hoạch được bố trí trong dự toán chi thường xuyên năm 2024")


def test_an_admin_rewrites_a_section_the_docx_prints_it_and_the_rest_follows_the_figures(client, auth, app, today):
    nv, tp = factories.department("NV"), factories.department("TP")
    factories.user("admin@example.gov.vn")
    factories.user("nv@example.gov.vn", "department", "NV")
    plan, _tasks = factories.plan_with_tasks(nv, tp, today)
    db.session.commit()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    url = f"/plans/{plan.id}/text"
    page = client.get(url).get_data(as_text=True)
    assert "Kinh phí thực hiện Kế hoạch" in page and "Nhiệm vụ, giải pháp chung" in page
    data = {key: value for key, value in (
        (name, page.split(f'id="{name}"')[1].split(">", 1)[1].split("</textarea>")[0])
        for name in ("basis", "results", "purpose", "measures", "funding", "organisation"))}
    import html as html_lib
    data = {k: html_lib.unescape(v) for k, v in data.items()}
    data["funding"] = "Kinh phí do ngân sách xã bảo đảm theo Nghị quyết số 12/NQ-HĐND."
    response = client.post(url, data={**data, "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    db.session.refresh(plan)
    assert plan.prose == {"funding": "Kinh phí do ngân sách xã bảo đảm theo Nghị quyết số 12/NQ-HĐND."}
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.text")) is not None
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(client.get(f"/plans/{plan.id}/export.docx").data)).paragraphs)
    assert "Kinh phí do ngân sách xã bảo đảm theo Nghị quyết số 12/NQ-HĐND." in body
    assert "III. KINH PHÍ THỰC HIỆN" in body and "quán triệt" in body
    page = client.get(url).get_data(as_text=True)
    client.post(url, data={"reset": "1", "csrf_token": csrf_token(page)})
    db.session.refresh(plan)
    assert plan.prose is None
    auth.logout()
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    page = client.get(url)
    assert page.status_code == 200 and 'id="plan-text"' not in page.get_data(as_text=True)
    assert client.post(url, data={"funding": "x", "csrf_token": csrf_token(page.get_data(as_text=True))}).status_code == 403
