"""A task's wording (nhiệm vụ, giải pháp) built from why the points were lost. Pure.

A plan's appendix shows the criterion and the reason in their own column, so the task says what
to do about the loss, without repeating them: "Ban hành chậm" on "Ban hành kế hoạch CCHC năm" becomes "Bảo đảm ban hành kế hoạch CCHC
năm đúng thời hạn quy định"; "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 41%, chưa đạt chỉ tiêu 50%"
becomes "Nâng tỷ lệ hồ sơ trực tuyến toàn trình đạt từ 50% trở lên". Each clause of the reason
(separated by ";") is read on its own. Survey-scored criteria get the wording of their survey:
people's and organisations' satisfaction (SIPAS) or the leaders' and managers' assessment. A
reason none of the patterns reads leaves the wording to the planning rules.
"""
from __future__ import annotations

import re

_EVIDENCE = re.compile(r"tài liệu kiểm chứng|tlkc")
_LATE = re.compile(r"chậm|trễ|quá hạn|không đúng (thời )?hạn|sau thời hạn")
_SHORT = re.compile(r"chưa đạt|không đạt|chỉ đạt|dưới|thấp hơn|còn thấp")
_RATE = re.compile(r"^(tỷ lệ|tỉ lệ)\s+(?P<what>.+?)\s+(đạt|chưa đạt|không đạt|dưới|còn thấp|thấp)\b")
_TARGET = re.compile(r"(chỉ tiêu|mức|kế hoạch|yêu cầu|chưa đạt|dưới)\s+(?P<target>\d+(?:[.,]\d+)?\s*%)")
_MISSING = re.compile(r"^(chưa|không)\s+(?P<verb>có|ban hành|tổ chức|thực hiện|xây dựng|triển khai|công bố)\s+(?P<what>.+)$")
_INCOMPLETE = re.compile(r"chưa đầy đủ|không đầy đủ|thiếu")
_ON_TIME = re.compile(r"đúng (thời )?hạn|kịp thời")
# Criteria measured as a level or a rate ("Mức độ hoàn thành …", "Tỷ lệ hồ sơ …").
_MEASURE = re.compile(r"^(mức độ|tỷ lệ|tỉ lệ|số lượng|kết quả)\b")
# What a "chưa có …" is about decides the verb.
_VERBS = (("Tổ chức", ("tuyên truyền", "kiểm tra", "rà soát", "khảo sát", "đối thoại", "hội nghị",
                       "tập huấn", "bồi dưỡng")),
          ("Viết, đăng tải", ("bài viết", "tin, bài", "tin bài", "chuyên mục")),
          ("Nghiên cứu, đề xuất", ("sáng kiến", "giải pháp", "phương án", "mô hình")),
          ("Thực hiện", ("thanh toán", "số hóa", "cập nhật", "công khai", "báo cáo")))
# How survey criteria name what is assessed, dropped to say it once.
_SURVEYED = re.compile(r"^((sự |mức độ |chỉ số )?hài lòng (của người dân, tổ chức )?về|đánh giá của lãnh đạo, quản lý về)\s+")

EVIDENCE = "Lưu trữ đầy đủ, kịp thời tài liệu kiểm chứng"
SIPAS = ("Nâng cao chất lượng tiếp nhận, giải quyết thủ tục hành chính và thái độ phục vụ; tuyên truyền để "
         "người dân, tổ chức tham gia đánh giá, nâng mức độ hài lòng về {subject} trong đợt khảo sát năm {year}")
LEADERS = ("Thực hiện đầy đủ và thông tin kết quả về {subject} để lãnh đạo, quản lý đánh giá đúng trong đợt "
           "điều tra xã hội học năm {year}")


def lower_first(text: str) -> str:
    """"Ban hành kế hoạch CCHC" → "ban hành kế hoạch CCHC" (an acronym such as "UBND" is kept)."""
    text = text.strip().rstrip(".;:")
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def maintain_wording(title: str, lost: float, year: int, plan_year: int) -> str:
    """A "duy trì" task for a criterion at full marks that lost points in an earlier year."""
    points = f"{lost:g}".replace(".", ",")
    return (f"Duy trì, bảo đảm {lower_first(title)} đạt điểm tối đa năm {plan_year} "
            f"(năm {year} bị mất {points} điểm)")


def survey_wording(title: str, reason: str, year: int | None) -> str:
    """SIPAS (people and organisations satisfied) or the leaders' and managers' survey."""
    about = f"{title} {reason}".lower()
    template = SIPAS if ("hài lòng" in about or "người dân" in about or "sipas" in about) else LEADERS
    subject = lower_first(title)
    subject = subject[_SURVEYED.match(subject.lower()).end():] if _SURVEYED.match(subject.lower()) else subject
    return template.format(subject=subject, year=year if year is not None else "").rstrip()


def _target(said: str) -> str | None:
    found = _TARGET.search(said)
    return found.group("target").replace(" ", "") if found else None


def _reach(target: str | None, otherwise: str) -> str:
    if target is None:
        return otherwise
    return "đạt 100%" if target == "100%" else f"đạt từ {target} trở lên"


def _clause(title: str, reason: str) -> str | None:
    """The action for one clause of the reason, or None."""
    said = reason.lower()  # to match; what is written keeps the reason's own capitals ("CCHC")
    subject = lower_first(title)
    if _EVIDENCE.search(said):
        return EVIDENCE
    rate = _RATE.match(said)
    if rate and (_SHORT.search(said) or _target(said)):
        what, target = reason[rate.start("what"):rate.end("what")], _target(said)
        if what.endswith(" chỉ") and not what.endswith("chứng chỉ"):  # "… chỉ đạt 40%"
            what = what[:-4]
        return f"Nâng tỷ lệ {what} " + _reach(target, "đạt chỉ tiêu được giao")
    missing = _MISSING.match(said)
    if missing and not _INCOMPLETE.search(said):
        what = reason[missing.start("what"):]
        if missing.group("verb") != "có":  # "chưa ban hành quy chế" → "Ban hành quy chế"
            return f"{_upper_first(missing.group('verb'))} {what}"
        about = said[missing.start("what"):]
        verb = next((verb for verb, nouns in _VERBS if about.startswith(nouns)), "Ban hành, thực hiện")
        return f"{verb} {what}"
    if _MEASURE.match(subject.lower()):
        return f"Nâng {subject} {_reach(_target(said), 'đạt mức tối đa')}"
    if _LATE.search(said):
        return f"Bảo đảm {subject}" + ("" if _ON_TIME.search(subject.lower()) else " đúng thời hạn quy định")
    if _INCOMPLETE.search(said):
        return f"Thực hiện đầy đủ, đúng quy định {subject}"
    return None


def from_reason(title: str, reason: str) -> str | None:
    """The actions the loss reason calls for, one per clause it reads, or None when no pattern
    reads any clause."""
    actions = []
    for part in reason.split(";"):
        part = " ".join(part.split()).rstrip(".")
        action = _clause(title, part) if part else None
        if action and action not in actions:
            actions.append(action)
    if not actions:
        return None
    if actions == [EVIDENCE]:  # the one thing to do: say about what
        return f"{EVIDENCE} về {lower_first(title)}"
    return "; ".join([actions[0]] + [lower_first(a) for a in actions[1:]])
