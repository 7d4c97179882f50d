"""The dashboard an Office of Internal Affairs opens first stays the same page whatever the size
of the province: the benchmark's data set (bench/province.py) at 30 and at 300 tasks gives a
page of the same queries and about the same size, under 30 KB (lists are cut with a count and
a link)."""
import re

import pytest

from bench import province
from tests.conftest import count_statements
from tracker.extensions import db

PASSWORD = "bench-password-1"
SIZE_LIMIT = 30 * 1024


def empty_database() -> None:
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


def dashboard_at(client, today, plans: int, tasks_per_plan: int) -> tuple[int, int, str]:
    """(queries, bytes, html) of the admin's dashboard on the province data set of that size."""
    from sqlalchemy import select

    from tracker.models import User
    empty_database()
    province.build(plans=plans, tasks_per_plan=tasks_per_plan, today=today)
    admin = db.session.scalar(select(User).where(User.email == "admin1@bench.gov.vn"))
    admin.set_password(PASSWORD)
    db.session.commit()
    client.post("/login", data={"email": admin.email, "password": PASSWORD})
    client.get("/")  # the session's user is loaded once, as on every later page
    queries, response = count_statements(client, "/")
    client.get("/logout")
    html = response.get_data(as_text=True)
    assert 'data-page="dashboard.index"' in html  # the dashboard itself, not the set-up page
    return queries, len(response.data), html


@pytest.mark.slow
def test_the_dashboard_takes_the_same_queries_and_size_at_30_and_at_300_tasks(app, client, today):
    app.config["WTF_CSRF_ENABLED"] = False
    small_queries, small_size, _ = dashboard_at(client, today, plans=1, tasks_per_plan=30)
    big_queries, big_size, big_html = dashboard_at(client, today, plans=10, tasks_per_plan=30)
    assert big_queries == small_queries
    assert small_size <= SIZE_LIMIT and big_size <= SIZE_LIMIT, (small_size, big_size)
    assert abs(big_size - small_size) <= 0.1 * small_size, (small_size, big_size)
    # The ten plans' queue: five listed, the others counted with a link to the rest.
    queue = big_html[big_html.index('id="waiting"'):big_html.index("</section>", big_html.index('id="waiting"'))]
    assert len(set(re.findall(r"· Kế hoạch (\d+/KH-UBND)", queue))) == 5
    assert re.search(r'<li class="more"><a href="/tasks/\?status=done">\d kế hoạch khác cũng có việc chờ: \d+ nhiệm vụ '
                     r"chờ thẩm tra</a>", queue), queue
