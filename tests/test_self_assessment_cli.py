"""`flask tracker export-self-assessment`: the .xlsx and the evidence .zip written, and exit 2
with nothing written on bad input."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest
from sqlalchemy import select

from tests import factories
from tests.self_assessment_world import UNIT, carried  # noqa: F401 (a fixture)
from tracker.exporters.self_assessment_xlsx import HEADER_ROW, SHEET
from tracker.extensions import db
from tracker.models import Assessment, Plan
from tracker.services import plans


@pytest.fixture
def folder(tmp_path):
    """An empty folder of its own (the app keeps its database and uploads in tmp_path)."""
    path = tmp_path / "out"
    path.mkdir()
    return path


def test_the_command_writes_the_xlsx_and_the_zip(app, runner, carried, folder):
    out, archive = folder / "tu-danh-gia.xlsx", folder / "tai-lieu.zip"
    result = runner.invoke(args=["tracker", "export-self-assessment", "--unit", UNIT, "--year", "2025",
                                 "--out", str(out), "--evidence-zip", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Bộ chỉ số cấp xã 2026" in result.output and "proposed 11.00 of 12 points" in result.output
    assert "5 evidence files in 3 criterion folders" in result.output
    claims = {r[0]: r[5] for r in openpyxl.load_workbook(out)[SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert claims["Tổng cộng"] == 11
    assert len(zipfile.ZipFile(archive).namelist()) == 5
    assert sorted(p.name for p in folder.iterdir()) == ["tai-lieu.zip", "tu-danh-gia.xlsx"]  # no leftovers
    alone = runner.invoke(args=["tracker", "export-self-assessment", "--unit", UNIT, "--year", "2025",
                                "--out", str(folder / "chi-bang.xlsx")])
    assert alone.exit_code == 0 and "evidence files" not in alone.output


@pytest.mark.parametrize("args, message", [
    (["--unit", "UBND xã Không Có", "--year", "2025"], "UBND xã Không Có"),
    (["--unit", UNIT, "--year", "2024"], "2024"),
    (["--unit", UNIT, "--year", "năm ngoái"], "năm ngoái"),
])
def test_bad_input_exits_2_and_writes_nothing(app, runner, carried, folder, args, message):
    out, archive = folder / "a.xlsx", folder / "a.zip"
    result = runner.invoke(args=["tracker", "export-self-assessment", *args, "--out", str(out),
                                 "--evidence-zip", str(archive)])
    assert result.exit_code == 2 and message in result.output
    assert list(folder.iterdir()) == []


def test_the_same_file_twice_exits_2(app, runner, carried, folder):
    out = folder / "a.xlsx"
    result = runner.invoke(args=["tracker", "export-self-assessment", "--unit", UNIT, "--year", "2025",
                                 "--out", str(out), "--evidence-zip", str(out)])
    assert result.exit_code == 2 and "same file" in result.output and not out.exists()


def test_without_a_plan_or_a_next_set_the_command_exits_2(app, runner, folder, today):
    factories.assessment(UNIT, 2025)
    db.session.commit()
    args = ["tracker", "export-self-assessment", "--unit", UNIT, "--year", "2025", "--out", str(folder / "a.xlsx")]
    result = runner.invoke(args=args)
    assert result.exit_code == 2 and "generate it first" in result.output
    plan = db.session.scalar(select(Plan))
    assert plan is None
    plans.generate_plan(db.session.scalar(select(Assessment)), "1/KH-UBND", today, today)
    db.session.commit()
    result = runner.invoke(args=args)
    assert result.exit_code == 2 and "no criteria set for 2026" in result.output and "import-criteria" in result.output
    assert list(folder.iterdir()) == []


def test_a_folder_that_is_not_there_exits_1_and_leaves_nothing(app, runner, carried, folder):
    result = runner.invoke(args=["tracker", "export-self-assessment", "--unit", UNIT, "--year", "2025",
                                 "--out", str(folder / "a.xlsx"), "--evidence-zip", str(folder / "khong-co" / "a.zip")])
    assert result.exit_code == 1 and "cannot write" in result.output
    assert list(folder.iterdir()) == []
