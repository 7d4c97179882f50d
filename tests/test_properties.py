"""Property-based tests (hypothesis) of what parses user files and what projects the score:
invariants that must hold for every input, not only the examples we thought of."""
import math
from types import SimpleNamespace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tracker.domain.projection import Peer, TaskFigures, YearRanking, project, rank_in
from tracker.importers.ranking import parse_ranking
from tracker.importers.scoring import _Codes, parse_scoring
from tracker.importers.sheets import to_number

CODE_MAX = 30  # Criterion.code is a String(30)
STATUSES = ["not_started", "in_progress", "done", "verified", "blocked", "cancelled"]


# --- Numbers -------------------------------------------------------------------------------

@given(st.decimals(min_value=0, max_value=10_000, places=2), st.sampled_from([",", "."]))
def test_a_score_written_with_a_decimal_comma_or_point_reads_back_exactly(value, separator):
    written = f"{value:.2f}".replace(".", separator)
    assert to_number(written) == float(value)
    assert to_number(f"  {written} ") == float(value)


@given(st.text(max_size=40))
def test_any_text_is_a_number_or_a_value_error_never_a_crash(text):
    try:
        number = to_number(text)
    except ValueError:
        return
    assert number is None or math.isfinite(number)


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_excel_numbers_are_read_as_they_are(value):
    assert to_number(value) == float(value)


# --- Codes ---------------------------------------------------------------------------------

@given(st.lists(st.one_of(st.text(max_size=50), st.integers(-5, 10 ** 40), st.floats(allow_nan=True)), max_size=30))
def test_a_written_code_becomes_a_canonical_code_that_fits_its_column_or_none(values):
    codes = _Codes()
    for value in values:
        code = codes.canonical(value)
        if code is None:
            continue
        parts = code.split(".")
        assert all(p.isdecimal() and int(p) > 0 for p in parts), code
        assert len(code) <= CODE_MAX, code


@given(st.lists(st.integers(1, 9), min_size=1, max_size=4))
def test_dotted_arabic_codes_are_kept_as_written(parts):
    code = ".".join(map(str, parts))
    assert _Codes().canonical(code) == code


# --- Whole sheets: errors, never exceptions ---------------------------------------------------

cells = st.one_of(st.none(), st.text(max_size=12), st.integers(-3, 200), st.floats(-3, 200, allow_nan=False))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cells, min_size=4, max_size=5), max_size=12))
def test_a_scoring_sheet_of_anything_parses_to_rows_or_row_errors(body):
    lines = ["STT;Nội dung;Điểm tối đa;Điểm thẩm định;Ghi chú"]
    lines += [";".join("" if c is None else str(c).replace(";", " ").replace("\n", " ").replace("\r", " ")
                       for c in row) for row in body]
    result = parse_scoring("\n".join(lines).encode(), "kq.csv", need_scores=True)
    assert result.errors or all(len(r.code) <= CODE_MAX for r in result.rows)
    for error in result.errors:
        assert error.message % error.params  # every message can be shown


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.text(max_size=20), st.text(min_size=190, max_size=300)), cells, cells),
                max_size=10))
def test_a_ranking_of_anything_parses_to_rows_or_row_errors(body):
    lines = ["Đơn vị;Tổng điểm;Điểm tối đa"]
    lines += [";".join("" if c is None else str(c).replace(";", " ").replace("\n", " ").replace("\r", " ")
                       for c in row) for row in body]
    result = parse_ranking("\n".join(lines).encode(), "xh.csv")
    assert result.errors or all(len(r.unit) <= 200 for r in result.rows)


# --- The projection ------------------------------------------------------------------------

@st.composite
def plans(draw):
    max_score = draw(st.sampled_from([97.0, 100.0, 16.0]))
    lost = draw(st.lists(st.floats(0, 3, allow_nan=False).map(lambda x: round(x, 2)), max_size=25))
    assume(sum(lost) <= max_score)
    baseline = round(draw(st.floats(0, max_score - sum(lost))), 2)
    tasks = [TaskFigures(points, draw(st.integers(0, 100)), draw(st.sampled_from(STATUSES)),
                         draw(st.sampled_from(["appraisal", "survey"]))) for points in lost]
    return max_score, baseline, tasks


def figures(max_score, baseline, tasks, peers=None):
    from datetime import date
    return project(unit="U", year=2025, max_score=max_score, baseline=baseline, survey_lost=0.0, tasks=tasks,
                   bands=None, peers=peers, today=date(2026, 6, 1))


@given(plans())
def test_the_projection_stays_between_the_baseline_and_the_maximum_in_order(plan):
    max_score, baseline, tasks = plan
    p = figures(max_score, baseline, tasks)
    assert round(baseline, 2) <= p["secured"] <= p["expected"] <= p["potential"] <= p["max_score"]
    assert all(0 <= p[f"{key}_pct"] <= 100 for key in ("baseline", "secured", "expected", "potential"))


@given(plans(), st.data())
def test_more_progress_never_lowers_the_expected_score_or_the_rank(plan, data):
    max_score, baseline, tasks = plan
    assume(tasks)
    peers = [Peer(data.draw(st.floats(0, 100)), 100.0) for _ in range(data.draw(st.integers(0, 6)))]
    index = data.draw(st.integers(0, len(tasks) - 1))
    before = figures(max_score, baseline, tasks, peers)
    task = tasks[index]
    more = TaskFigures(task.lost_points, data.draw(st.integers(task.progress, 100)), task.status, task.method)
    after = figures(max_score, baseline, tasks[:index] + [more] + tasks[index + 1:], peers)
    assert after["expected"] >= before["expected"]
    assert after["projected_rank"] <= before["projected_rank"]
    assert (after["secured"], after["potential"]) == (before["secured"], before["potential"])


@given(plans())
def test_verifying_a_task_never_lowers_any_figure(plan):
    max_score, baseline, tasks = plan
    assume(tasks and tasks[0].status != "cancelled")
    before = figures(max_score, baseline, tasks)
    verified = TaskFigures(tasks[0].lost_points, 100, "verified", tasks[0].method)
    after = figures(max_score, baseline, [verified] + tasks[1:])
    for key in ("secured", "expected", "potential"):
        assert after[key] >= before[key]


ranking_entries = st.lists(st.tuples(st.sampled_from(["A", "B", "C", "D", "E", "F"]),
                                     st.integers(0, 100), st.sampled_from([0, 97, 100])), max_size=12)


@given(ranking_entries, st.sampled_from(["A", "B", "Z"]), st.integers(0, 1000))
def test_a_year_ranking_in_memory_ranks_as_the_list_of_peers_does(entries, unit, per_mille):
    """The units page and the digests rank hundreds of units by bisection (YearRanking); each
    rank must be the one the list of the other units gives (rank_in), ties, units scored out of
    97 and entries without a maximum included, among its own group of peers; a unit outside the
    ranking gets none."""
    group = {name: "xã" if name in "ABC" else "sở" for name in "ABCDEFZ"}  # a unit is in one group
    rows = [SimpleNamespace(unit_name=name, score=min(score, maximum), max_score=maximum, group=group[name])
            for name, score, maximum in entries]
    share = per_mille / 1000
    others = [Peer(r.score, r.max_score) for r in rows if r.unit_name != unit and r.group == group[unit]]
    ranked = YearRanking(rows).without(unit).rank(share)
    if unit in {r.unit_name for r in rows}:
        assert ranked == rank_in(others, share)
    else:  # a unit is ranked only among the ranking it is in (a ward not among the provinces)
        assert ranked is None
