"""Pure scoring rules: tree checks, totals, bands and ranks."""
import pytest

from tests.factories import small_tree
from tracker.domain.scoring import (ScoreRow, classify, max_score, percentage, rank_among,
                                    total_score, validate_tree)


def test_valid_tree_has_no_errors_and_totals_over_leaves():
    rows = small_tree()
    assert validate_tree(rows, need_scores=True) == []
    assert (max_score(rows), total_score(rows)) == (10.0, 7.5)


def test_every_tree_error_is_reported_with_its_row():
    rows = small_tree({"1.1": 3.5, "1.2": -1})
    rows += [ScoreRow("1.1", "again", 1, 1, row=6), ScoreRow("3.1", "orphan", 1, 1, row=7),
             ScoreRow("2.2", "no score", 1, None, row=8)]
    messages = sorted(str(e) for e in validate_tree(rows, need_scores=True))
    assert any(m.startswith("row 2:") and "above its maximum" in m for m in messages)
    assert any(m.startswith("row 3:") and "below 0" in m for m in messages)
    assert any(m.startswith("row 6:") and "duplicate code 1.1" in m for m in messages)
    assert any(m.startswith("row 7:") and "no parent 3" in m for m in messages)
    assert any(m.startswith("row 8:") and "no score" in m for m in messages)
    assert any(m.startswith("row 4:") and "add up to 5" in m for m in messages)


@pytest.mark.parametrize("pct, band", [(90, "Xuất sắc"), (89.99, "Tốt"), (80, "Tốt"), (73.31, "Khá"),
                                       (70, "Khá"), (50, "Trung bình"), (49.99, "Yếu"), (0, "Yếu")])
def test_default_bands(pct, band):
    assert classify(pct) == band


def test_custom_bands():
    assert classify(85, [(85, "A"), (60, "B"), (0, "C")]) == "A"
    assert classify(59, [(85, "A"), (60, "B"), (0, "C")]) == "C"


def test_percentage_of_a_maximum_other_than_100():
    assert percentage(71.11, 97) == 73.31


def test_rank_ties_share_the_better_rank():
    assert rank_among(80, [90, 80, 70]) == 2
    assert rank_among(95, [90, 80]) == 1
    assert rank_among(60, [90, 80]) == 3


def test_node_figures_sum_leaves_into_parents():
    from tracker.domain.scoring import node_figures
    rows = small_tree()
    rows[1].self_assessed = 3.0
    rows[2].self_assessed = 2.0
    figures = node_figures(rows)
    assert (figures["1"].max_points, figures["1"].appraised, figures["1"].lost) == (6.0, 3.5, 2.5)
    assert figures["1"].self_assessed == 5.0
    assert figures["2"].self_assessed is None  # a leaf beneath has no self-assessment
    assert figures["2.1"].lost == 0.0
