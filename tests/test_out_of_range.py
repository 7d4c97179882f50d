"""Numbers and dates out of any range a database or a calendar holds are a 404 or a 422 (or are
ignored as unreadable filter values), never a 500."""
import pytest

from tests.conftest import csrf_token

HUGE = "99999999999"


def int_routes(app):
    for rule in app.url_map.iter_rules():
        ints = [name for name, converter in rule._converters.items() if type(converter).__name__ == "DatabaseIntConverter"]
        if ints:
            yield rule, ints


def test_every_int_route_answers_404_for_an_id_no_column_holds(app, client, auth, demo):
    auth.login()
    token = csrf_token(client.get("/").get_data(as_text=True))
    checked = 0
    for rule, ints in int_routes(app):
        path = rule.rule
        for name in rule.arguments:
            value = HUGE if name in ints else ("docx" if name == "fmt" else "2026-Q1")
            path = path.replace(f"<int:{name}>", value).replace(f"<{name}>", value)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method, data={"csrf_token": token} if method != "GET" else None)
            assert response.status_code == 404, (method, path, response.status_code)
            checked += 1
    assert checked > 30


@pytest.mark.parametrize("path", [
    "/tasks/?page=1e20", "/tasks/?page=99999999999999999999", "/tasks/?per_page=-5", "/tasks/?plan=²",
    "/tasks/?plan=99999999999", "/tasks/?due_within=99999999999", "/tasks/?due_within=²",
    "/admin/audit?since=31/12/9999&until=31/12/9999", "/admin/audit?since=01/01/0001&until=01/01/0001",
    "/admin/audit?entity_id=99999999999&page=1e20", "/admin/audit?entity_id=²",
    "/outbox/preview?job=reminders&on=31/12/9999", "/outbox/preview?week=9999-W52", "/reports/?page=²",
])
def test_out_of_range_query_values_are_ignored_not_a_500(client, auth, demo, path):
    auth.login()
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("option", ["_method=POST", "_scheme=javascript", "_external=1", "_anchor=x"])
def test_query_keys_named_like_url_for_options_leave_the_page_links_alone(client, auth, demo, option):
    """The pager repeats the query string in its links; url_for reads `_method`, `_scheme`,
    `_external` and `_anchor` as its own options, so `?_method=POST` made every list a 500."""
    auth.login()
    response = client.get(f"/tasks/?{option}&per_page=5&sort=deadline")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'href="/tasks/?per_page=5&amp;sort=deadline&amp;page=2"' in html  # the filters kept, the option not


@pytest.mark.parametrize("query", ["due_within=99999999999", "plan=99999999999", "plan=²", "due_within=1e20",
                                   "page=1e20&per_page=99999999999"])
def test_the_api_answers_422_or_a_page_for_out_of_range_query_values(client, auth, demo, query):
    auth.login()
    response = client.get(f"/api/v1/tasks?{query}")
    assert response.status_code in (200, 422)
    if response.status_code == 422:
        assert response.get_json()["error"]["code"] == "validation_error"


def test_due_within_ten_years_or_more_is_every_open_task(client, auth, demo):
    auth.login()
    wide = client.get("/api/v1/tasks?due_within=3660&per_page=200").get_json()["total"]
    assert client.get("/api/v1/tasks?due_within=2147483647&per_page=200").get_json()["total"] == wide


def test_a_deeply_nested_json_body_is_a_400(client, auth, demo):
    from tests.factories import user
    from tracker.extensions import db
    token = user("script@example.gov.vn").issue_api_token()
    db.session.commit()
    body = "[" * 100_000 + "]" * 100_000
    response = client.patch("/api/v1/tasks/1", data=body, content_type="application/json",
                            headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "The JSON body is nested too deeply."


@pytest.mark.parametrize("value, message", [("31/12/9999", "Nhập ngày trong khoảng năm 1900 đến 2199."),
                                            ("01/01/0001", "Nhập ngày trong khoảng năm 1900 đến 2199."),
                                            ("29/02/2027", "Nhập thời hạn là một ngày (dd/mm/yyyy), một quý")])
def test_a_date_out_of_range_in_a_form_is_refused_with_a_message(client, auth, demo, value, message):
    auth.login()
    page = client.get("/tasks/1/edit")
    html = page.get_data(as_text=True)
    version = html.split('name="version" type="hidden" value="')[1].split('"')[0]
    response = client.post("/tasks/1/edit", data={"title": "Nhiệm vụ", "deadline": value, "version": version,
                                                  "lead": "", "csrf_token": csrf_token(html)})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert message in text and "This field is required." not in text
