"""Five admins pressing the same button at the same moment: the database's unique keys make a
duplicate plan or task impossible, and every one of them gets a clear answer, none a 500."""
import threading
from datetime import date

from sqlalchemy import func, select, update

from tests import factories
from tests.conftest import FreshContextClient, csrf_token
from tracker.extensions import db
from tracker.models import Criterion, CriterionResult, Plan, Task

ADMIN = "admin@example.gov.vn"


def admins(app, count=5):
    clients = []
    for _ in range(count):
        client = FreshContextClient(app, app.response_class, use_cookies=True)
        page = client.get("/login").get_data(as_text=True)
        client.post("/login", data={"email": ADMIN, "password": factories.PASSWORD, "csrf_token": csrf_token(page)})
        clients.append(client)
    return clients


def at_once(clients, path, form_page, data):
    """Every client posts `data` (with its own CSRF token) at the same moment; the answers."""
    forms = [{**data, "csrf_token": csrf_token(c.get(form_page).get_data(as_text=True))} for c in clients]
    barrier, answers = threading.Barrier(len(clients)), []

    def press(client, form):
        barrier.wait()
        response = client.post(path, data=form)
        answers.append((response.status_code, response.headers.get("Location", "")))

    threads = [threading.Thread(target=press, args=pair) for pair in zip(clients, forms)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_five_simultaneous_plan_creations_make_one_plan_and_five_clear_answers(app):
    factories.user(ADMIN)
    assessment = factories.assessment()
    db.session.commit()
    clients = admins(app)
    path = f"/plans/new/{assessment.id}"
    answers = at_once(clients, path, path, {"number": "7/KH-UBND", "issued_on": "02/03/2026",
                                            "default_deadline": "15/12/2026"})
    assert [status for status, _ in answers] == [302] * 5, answers
    db.session.expire_all()
    plan_id = db.session.scalar(select(Plan.id))
    assert db.session.scalar(select(func.count(Plan.id))) == 1
    assert {location for _, location in answers} == {f"/plans/{plan_id}"}
    assert db.session.scalar(select(func.count(Task.id))) == 2  # 1.1 and 1.2 lost points
    told = [client.get(f"/plans/{plan_id}").get_data(as_text=True) for client in clients]
    assert sum("Đã lập kế hoạch 7/KH-UBND với 2 nhiệm vụ." in page for page in told) == 1
    assert sum("Kế hoạch 7/KH-UBND vừa được người khác tạo" in page for page in told) == 4  # the race's losers


def test_five_simultaneous_top_ups_after_new_results_add_each_task_once(app, today):
    factories.user(ADMIN)
    assessment = factories.assessment(rows=factories.small_tree({"1.2": 3.0}))  # 1.2 at full marks
    from tracker.services import plans
    plan, created = plans.generate_plan(assessment, "7/KH-UBND", date(2026, 3, 2), date(2026, 12, 15), actor="test")
    assert sorted(t.criterion.code for t in created) == ["1.1"]
    # Re-imported results: 1.2 now lost points too.
    criterion = db.session.scalar(select(Criterion.id).where(Criterion.code == "1.2"))
    db.session.execute(update(CriterionResult).where(CriterionResult.criterion_id == criterion)
                       .values(appraised_score=1.0))
    db.session.commit()
    clients = admins(app)
    answers = at_once(clients, f"/plans/{plan.id}/generate", f"/plans/{plan.id}", {})
    assert [status for status, _ in answers] == [302] * 5, answers
    db.session.expire_all()
    codes = db.session.scalars(select(Criterion.code).join(Task, Task.criterion_id == Criterion.id)
                               .where(Task.plan_id == plan.id).order_by(Criterion.code)).all()
    assert codes == ["1.1", "1.2"]


def test_the_database_refuses_a_second_task_for_a_criterion(app, today):
    import pytest
    from sqlalchemy.exc import IntegrityError
    nv, tp = factories.department("NV"), factories.department("TP")
    _plan, tasks = factories.plan_with_tasks(nv, tp, today)
    db.session.commit()
    first = tasks["1.1"]
    db.session.add(Task(plan_id=first.plan_id, criterion_id=first.criterion_id, title="again",
                        deadline=first.deadline, lost_points=1.0))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
