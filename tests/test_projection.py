"""The projection of CONTRACT §5 on hand-computed cases (pure function, no database)."""
from datetime import date


from tracker.domain.projection import Peer, TaskFigures, field_recovery, project

TODAY = date(2026, 11, 23)
KEYS = {"unit", "year", "max_score", "baseline", "baseline_pct", "baseline_classification", "lost",
        "secured", "secured_pct", "secured_classification", "survey_lost", "expected", "expected_pct",
        "expected_classification", "potential", "potential_pct", "potential_classification",
        "projected_rank", "rank_of", "tasks"}


def task(lost, progress=0, status="in_progress", method="appraisal", deadline=date(2026, 12, 15)):
    return TaskFigures(lost_points=lost, progress=progress, status=status, method=method, deadline=deadline)


def run(tasks, *, max_score=100.0, baseline=80.0, survey_lost=0.0, peers=None, bands=None):
    return project(unit="UBND xã A", year=2025, max_score=max_score, baseline=baseline,
                   survey_lost=survey_lost, tasks=tasks, bands=bands, peers=peers, today=TODAY)


def test_keys_are_exactly_those_of_the_contract():
    result = run([task(2)])
    assert set(result) == KEYS
    assert set(result["tasks"]) == {"not_started", "in_progress", "done", "verified", "blocked",
                                    "cancelled", "overdue"}


def test_hand_computed_case_out_of_97_with_a_survey_leaf():
    # baseline 71.11/97; lost 25.89: verified 2 (appraisal), verified 1.5 (survey: not secured),
    # done 1 (counts 100 in expected), in progress 4 at 50%, not started 3, cancelled 2.
    tasks = [task(2, 100, "verified"), task(1.5, 100, "verified", "survey"), task(1, 100, "done"),
             task(4, 50), task(3, 0, "not_started"), task(2, 80, "cancelled")]
    r = run(tasks, max_score=97, baseline=71.11, survey_lost=5.5)
    assert (r["max_score"], r["baseline"], r["baseline_pct"], r["baseline_classification"]) == (97, 71.11, 73.31, "Khá")
    assert r["lost"] == 25.89 and r["survey_lost"] == 5.5
    assert (r["secured"], r["secured_pct"], r["secured_classification"]) == (73.11, 75.37, "Khá")
    # expected = 71.11 + 2 + 1.5 + 1 + 4 × 0.5 + 0 = 77.61
    assert (r["expected"], r["expected_pct"], r["expected_classification"]) == (77.61, 80.01, "Tốt")
    # potential = 71.11 + 2 + 1.5 + 1 + 4 + 3 = 82.61 (the cancelled task does not count)
    assert (r["potential"], r["potential_pct"], r["potential_classification"]) == (82.61, 85.16, "Tốt")
    assert r["projected_rank"] is None and r["rank_of"] is None  # no ranking


def test_split_tasks_each_carry_their_share():
    # One criterion of 1 point split 60/40: the verified part secures 0.6, the other expects 0.2.
    r = run([task(0.6, 100, "verified"), task(0.4, 50)], baseline=99.0)
    assert (r["secured"], r["expected"], r["potential"]) == (99.6, 99.8, 100.0)


def test_cancelled_tasks_count_nowhere_but_in_the_counts():
    r = run([task(5, 100, "cancelled"), task(5, 100, "verified")], baseline=90)
    assert (r["secured"], r["expected"], r["potential"]) == (95.0, 95.0, 95.0)
    assert r["tasks"]["cancelled"] == 1 and r["tasks"]["verified"] == 1


def test_rank_ties_share_the_better_rank_and_count_the_unit():
    peers = [Peer(90, 100), Peer(85, 100), Peer(85, 100), Peer(70, 100)]
    r = run([task(5, 100, "done")], baseline=80, peers=peers)  # expected 85: tied second
    assert (r["projected_rank"], r["rank_of"]) == (2, 5)
    r = run([task(5, 0)], baseline=80, peers=peers)  # expected 80
    assert r["projected_rank"] == 4


def test_rank_compares_shares_when_maxima_differ():
    # 80/97 (82.47%) beats 82/100 and loses to 83/100.
    r = run([], max_score=97, baseline=80, peers=[Peer(82, 100), Peer(83, 100)])
    assert (r["projected_rank"], r["rank_of"]) == (2, 3)


def test_overdue_counts_open_tasks_past_their_deadline_only():
    past = date(2026, 11, 1)
    r = run([task(1, deadline=past), task(1, status="done", deadline=past), task(1, status="blocked", deadline=past),
             task(1, status="cancelled", deadline=past), task(1)])
    assert r["tasks"]["overdue"] == 2


def test_custom_bands_of_the_criteria_set():
    r = run([], baseline=85, bands=[(85, "Loại A"), (0, "Loại B")])
    assert r["baseline_classification"] == "Loại A"


def test_progress_is_clamped_and_figures_never_exceed_the_maximum():
    r = run([task(30, 100, "done")], baseline=80)
    assert r["expected"] == 100.0 and r["potential_pct"] == 100.0


def test_field_recovery_sums_per_field():
    fields = [("1", "Chỉ đạo", 2.5), ("2", "Thể chế", 1.0)]
    rows = field_recovery(fields, [("1", task(1.5, 100, "verified")), ("1", task(1, 50)), ("2", task(1, 0))])
    assert [(f.code, f.lost, f.secured, f.expected) for f in rows] == [("1", 2.5, 1.5, 2.0), ("2", 1.0, 0.0, 0.0)]


def test_a_survey_outcome_counts_only_in_the_potential_until_its_survey():
    """baseline 80/100; an appraisal task of 2 points at 50 %, a survey task (SIPAS) of 3 points
    at 80 % of its actions. Before the next year's results: expected 80 + 1 = 81, secured 80,
    potential 85. Once the survey has reported, the survey task counts as any other: 81 + 2.4."""
    from tracker.domain.projection import assuming_verified, task_figures

    def tasks(known):
        return [task_figures(lost_points=2, status="in_progress", progress=50, method="appraisal", survey_known=known),
                task_figures(lost_points=3, status="in_progress", progress=80, method="survey", task_id=7,
                             survey_known=known)]
    before = run(tasks(False))
    assert (before["secured"], before["expected"], before["potential"]) == (80, 81, 85)
    after = run(tasks(True))
    assert (after["secured"], after["expected"], after["potential"]) == (80, 83.4, 85)
    # A what-if that assumes the survey task verified still cannot count its outcome.
    assert run(assuming_verified(tasks(False), {7}))["expected"] == 81
