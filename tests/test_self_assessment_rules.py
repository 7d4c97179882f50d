"""The self-assessment's pure rules: the points proposed per criterion (domain/self_assessment)
and the names inside the evidence archive (domain/archive_names), computed by hand."""
import pytest

from tracker.domain import archive_names as names
from tracker.domain import self_assessment as sa
from tracker.domain.self_assessment import Claim, Rollup, TaskShare


# --- Points proposed --------------------------------------------------------------------

def test_kept_plus_the_lost_points_of_verified_appraisal_tasks():
    # 2 points, 1 kept last year; two tasks share the lost point: 0.4 verified, 0.6 only done.
    found = sa.claim(2.0, "appraisal", 1.0, [TaskShare(0.4, "verified"), TaskShare(0.6, "done")])
    assert found == Claim(sa.CLAIMED, 1.4, 1.0, 0.4, capped=False)


@pytest.mark.parametrize("status", ["not_started", "in_progress", "done", "blocked", "cancelled"])
def test_a_task_not_verified_wins_nothing_back(status):
    assert sa.claim(1.0, "appraisal", 0.25, [TaskShare(0.75, status)]).points == 0.25


def test_never_more_than_the_maximum():
    # Kept 1.5 of 2, and verified tasks carrying 1 point (say, lost points edited by hand): 2.
    found = sa.claim(2.0, "appraisal", 1.5, [TaskShare(0.5, "verified"), TaskShare(0.5, "verified")])
    assert (found.points, found.won_back, found.capped) == (2.0, 1.0, True)
    assert sa.claim(2.0, "appraisal", 1.0, [TaskShare(1.0, "verified")]) == Claim(sa.CLAIMED, 2.0, 1.0, 1.0)


def test_a_survey_criterion_is_left_to_the_survey_whatever_its_tasks():
    found = sa.claim(4.0, "survey", 3.0, [TaskShare(1.0, "verified", "survey")])
    assert (found.basis, found.points, found.kept, found.claimed) == (sa.SURVEY_LEFT, None, 3.0, False)


def test_a_criterion_without_a_result_last_year_is_left_to_the_office():
    assert sa.claim(1.0, "appraisal", None) == Claim(sa.NO_RESULT, None, None, 0.0)


def test_a_verified_task_planned_on_a_survey_criterion_wins_nothing_on_an_appraisal_one():
    # Matched by code to an appraisal criterion, a survey task's points are still the survey's.
    assert sa.claim(2.0, "appraisal", 1.0, [TaskShare(1.0, "verified", "survey")]).points == 1.0


def test_claims_add_up_by_criterion_field_and_set():
    leaves = {"1.1.1": (0.5, sa.claim(0.5, "appraisal", 0.5)),                              # 0.5
              "1.1.2": (1.0, sa.claim(1.0, "appraisal", 0.75, [TaskShare(0.25, "verified")])),  # 1
              "1.2": (2.0, sa.claim(2.0, "survey", 1.62)),                                    # survey
              "2.1": (3.0, sa.claim(3.0, "appraisal", 1.2, [TaskShare(1.8, "in_progress")])),  # 1.2
              "2.2": (1.0, sa.claim(1.0, "appraisal", None))}                                 # new
    rolled = sa.roll_up(leaves)
    assert rolled["1.1"] == Rollup(1.5, 1.5, 1.5, 0.0) and rolled["1.1"].complete
    assert rolled["1"] == Rollup(3.5, 1.5, 1.5, 2.0) and not rolled["1"].complete
    assert rolled["2"] == Rollup(4.0, 1.2, 3.0, 1.0)
    assert rolled[sa.TOTAL] == Rollup(7.5, 2.7, 4.5, 3.0)
    assert set(rolled) == {"1", "1.1", "2", sa.TOTAL}


# --- Names in the archive ---------------------------------------------------------------

@pytest.mark.parametrize("original, expected", [
    ("Kế hoạch CCHC 2026.pdf", "Kế hoạch CCHC 2026.pdf"),
    ("../../x.pdf", "x.pdf"),
    ("..\\..\\Windows\\boot.pdf", "boot.pdf"),
    ("/etc/passwd", "passwd"),
    ("..", names.FALLBACK_FILE),
    ("", names.FALLBACK_FILE),
    ("  . ", names.FALLBACK_FILE),
    ('bao:cao*"1"?.pdf', "bao_cao__1__.pdf"),
    ("CON.pdf", "_CON.pdf"),
    ("nul", "_nul"),
    ("hoso\u202efdp.exe.pdf", "hosofdp.exe.pdf"),    # a right-to-left override hides nothing
    ("a\u200b\x00b\tc.pdf", "ab c.pdf"),             # zero-width space and NUL dropped, tab a space
    ("Ba\u0301o ca\u0301o.pdf", "Báo cáo.pdf"),       # decomposed accents composed (NFC)
    ("bao-cao.pdf.", "bao-cao.pdf"),                 # Windows drops trailing dots: so do we
])
def test_file_names_stay_inside_their_folder_and_open_everywhere(original, expected):
    assert names.file_name(original) == expected


def test_a_long_name_keeps_its_extension():
    name = names.file_name("Báo cáo " * 40 + ".pdf")
    assert len(name) <= names.NAME_CHARS and name.endswith(".pdf") and name.startswith("Báo cáo Báo cáo")


def test_folders_are_code_and_short_title():
    assert names.folder_name("1.2.3", "Tỷ lệ hồ sơ giải quyết đúng hạn") == "1.2.3 - Tỷ lệ hồ sơ giải quyết đúng hạn"
    long = names.folder_name("8.1.5", "Hài lòng về tiếp nhận, xử lý góp ý, phản ánh, kiến nghị của người dân, "
                                      "tổ chức đối với cơ quan hành chính nhà nước")
    # The title's first 60 characters end in "của ": cut there, at a word.
    assert long == "8.1.5 - Hài lòng về tiếp nhận, xử lý góp ý, phản ánh, kiến nghị của"
    assert names.folder_name("2.1", "Văn bản/quy định: ../x") == "2.1 - Văn bản_quy định_ .._x"


def test_two_files_of_one_name_both_arrive_and_no_path_leaves_its_folder():
    paths = names.archive_paths([
        ("1.3", "Báo cáo CCHC", "Báo cáo.pdf"), ("1.3", "Báo cáo CCHC", "Báo cáo.pdf"),
        ("1.3", "Báo cáo CCHC", "BÁO CÁO.pdf"), ("1.3", "Báo cáo CCHC", "../../Báo cáo.pdf"),
        ("1.4", "Kiểm tra", "Báo cáo.pdf"), ("1.3", "Báo cáo CCHC", "Báo cáo (2).pdf")])
    assert paths == ["1.3 - Báo cáo CCHC/Báo cáo.pdf", "1.3 - Báo cáo CCHC/Báo cáo (2).pdf",
                     "1.3 - Báo cáo CCHC/BÁO CÁO (3).pdf", "1.3 - Báo cáo CCHC/Báo cáo (4).pdf",
                     "1.4 - Kiểm tra/Báo cáo.pdf", "1.3 - Báo cáo CCHC/Báo cáo (2) (2).pdf"]
    assert len({p.casefold() for p in paths}) == len(paths)
    assert all(p.count("/") == 1 and ".." not in p.split("/") and not p.startswith("/") for p in paths)
