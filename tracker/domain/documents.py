"""Who speaks to whom in an official document, and how Decree 30/2020/NĐ-CP writes it down.

A unit's plan is issued by the unit (UBND tỉnh Lâm Đồng) and signed by its leader; its periodic
report is sent either by the unit to its superior (UBND tỉnh → Bộ Nội vụ) or by the coordinating
body (cơ quan tham mưu: Sở Nội vụ) to the unit's leaders. `Settings` holds a unit's choices;
`Parties` is what one document needs of them: the issuing body, the addressee, the recipients
(Nơi nhận), the archive line (Lưu) and the signer. Pure data and rules, no Flask.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.domain.scoring import N_

# Who sends the periodic report.
UNIT, COORDINATOR = "unit", "coordinator"
REPORT_SENDERS = (UNIT, COORDINATOR)

# How the signer signs (thẩm quyền ký): the head on behalf of a collective body (TM., thay mặt:
# an Ủy ban nhân dân decides as a body), a deputy for the head (KT., ký thay), or the head of a
# body run by its head (a sở, a ministry) in their own name ("").
ON_BEHALF, FOR_THE_HEAD, OWN_NAME = "TM.", "KT.", ""
CAPACITIES = (ON_BEHALF, FOR_THE_HEAD, OWN_NAME)

PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
_COMMITTEE_PREFIXES = ("UBND ", "ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ")
ARCHIVE_PREFIX = "Lưu:"
SAME_AS_ABOVE = "Như trên"  # the addressee of "Kính gửi", first in Nơi nhận


def upper(text: str) -> str:
    """Vietnamese capitals ("Sở Nội vụ" → "SỞ NỘI VỤ"); the abbreviations stay as they are."""
    return " ".join(text.split()).upper()


def long_date(day: date) -> str:
    """"ngày 05 tháng 01 năm 2026", "ngày 20 tháng 4 năm 2026": Decree 30 writes a leading zero
    only before the days 1 to 9 and the months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(place: str, day: date) -> str:
    """"Lâm Đồng, ngày 20 tháng 4 năm 2026"."""
    return f"{place}, {long_date(day)}"


def is_peoples_committee(body: str) -> bool:
    """An Ủy ban nhân dân (collective body: its documents are signed TM. ỦY BAN NHÂN DÂN)."""
    return upper(body).startswith(_COMMITTEE_PREFIXES)


def body_lines(issuing_body: str) -> list[str]:
    """The issuing body's name as it stands in the header, in capitals, over at most two lines:
    "UBND TỈNH LÂM ĐỒNG" → ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]; a name typed over two lines
    keeps them; any other name is one line."""
    lines = [upper(line) for line in issuing_body.splitlines() if line.strip()]
    if len(lines) == 1 and is_peoples_committee(lines[0]):
        rest = lines[0].split(" ", 1)[1] if lines[0].startswith("UBND ") else lines[0][len(PEOPLES_COMMITTEE) + 1:]
        return [PEOPLES_COMMITTEE, rest.strip()] if rest.strip() else [PEOPLES_COMMITTEE]
    return lines


def balanced(line: str) -> list[str]:
    """The line as two lines of about the same length, broken at a space ("VĂN PHÒNG HĐND VÀ
    UBND" → "VĂN PHÒNG" / "HĐND VÀ UBND"): how a name too long for its column reads best, rather
    than wrapped wherever the column ends ("VĂN PHÒNG HĐND VÀ" / "UBND")."""
    words = line.split()
    if len(words) < 2:
        return [line]
    cut = min(range(1, len(words)), key=lambda i: max(len(" ".join(words[:i])), len(" ".join(words[i:]))))
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def short_body(issuing_body: str) -> str:
    """The body on one line, an Ủy ban nhân dân shortened to UBND ("UBND TỈNH LÂM ĐỒNG"): how
    a body under it names it as its parent (cơ quan chủ quản)."""
    lines = body_lines(issuing_body)
    if lines and lines[0] == PEOPLES_COMMITTEE:
        return " ".join(["UBND", *lines[1:]])
    return " ".join(lines)


def symbol_of(number: str, default: str = "UBND") -> str:
    """The issuer's symbol in a document number: "86/KH-UBND" → "UBND", "12/KH-STP" → "STP"."""
    _, _, kind_and_body = number.partition("/")
    _, dash, body = kind_and_body.partition("-")
    return body.strip() if dash and body.strip() else default


def head_title(deputy_title: str) -> str | None:
    """The head a deputy signs for (KT.): PHÓ CHỦ TỊCH → CHỦ TỊCH, PHÓ GIÁM ĐỐC → GIÁM ĐỐC,
    THỨ TRƯỞNG → BỘ TRƯỞNG; None for a title that is not a deputy's."""
    title = upper(deputy_title)
    if title == "THỨ TRƯỞNG":
        return "BỘ TRƯỞNG"
    if title.startswith("PHÓ ") and len(title) > 4:
        return title[4:]
    return None


@dataclass(frozen=True)
class Signer:
    """Who signs, and how: capacity (TM., KT. or ""), their title and their name."""

    capacity: str = ON_BEHALF
    title: str = "CHỦ TỊCH"      # the signer's own title: PHÓ CHỦ TỊCH when signing KT.
    name: str = ""               # printed under the signature; blank leaves the line empty

    def lines(self, collective: str = "") -> list[str]:
        """The lines over the signature, e.g. ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"].
        `collective` names the body a TM. signs on behalf of ("" for a body run by its head)."""
        title = upper(self.title)
        on_behalf = [f"TM. {collective}"] if collective else []
        if self.capacity == FOR_THE_HEAD:
            return [*on_behalf, f"KT. {head_title(title) or title}", title]
        if self.capacity == ON_BEHALF:
            return [*on_behalf, title]
        return [title]


def signer_problem(signer: Signer, collective: bool) -> str | None:
    """Why this signer cannot sign for that body (an English msgid, %(title)s the signer's
    title), or None."""
    if signer.capacity not in CAPACITIES:
        return N_("The signer signs TM., KT. or in their own name.")
    if not signer.title.strip():
        return N_("Give the signer's title, e.g. CHỦ TỊCH.")
    if signer.capacity == ON_BEHALF and not collective:
        return N_("TM. is for a body that decides collectively (an Ủy ban nhân dân); the head of another "
                  "body signs in their own name.")
    if signer.capacity != FOR_THE_HEAD and head_title(signer.title) is not None:
        return N_("A deputy (%(title)s) signs KT., for the head.")
    if signer.capacity == FOR_THE_HEAD and head_title(signer.title) is None:
        return N_("With KT. the signer is a deputy: give a deputy's title, e.g. PHÓ CHỦ TỊCH, PHÓ GIÁM ĐỐC "
                  "or THỨ TRƯỞNG.")
    return None


def clean_line(text: str) -> str:
    """A Nơi nhận entry as typed ("- Bộ Nội vụ (b/c);") without its dash and end mark."""
    text = " ".join(text.split())
    if text.startswith(("-", "–", "•", "+")):
        text = text[1:].strip()
    return text.rstrip(";.,").strip()


def recipient_list(text: str) -> tuple[str, ...]:
    """One recipient a line, as an admin types them; blank lines dropped."""
    return tuple(line for line in (clean_line(raw) for raw in text.splitlines()) if line)


def archive_line(text: str) -> str:
    """"Lưu: VT, SNV" however typed ("VT, SNV", "lưu: VT, SNV."), without the full stop."""
    text = clean_line(text)
    if text.lower().startswith("lưu"):
        text = text[3:].lstrip(" :").strip()
    return f"{ARCHIVE_PREFIX} {text}" if text else f"{ARCHIVE_PREFIX} VT"


@dataclass(frozen=True)
class Parties:
    """Who issues one document, to whom, and who signs it."""

    issuing_body: str                 # "UBND TỈNH LÂM ĐỒNG", or "SỞ NỘI VỤ" under its parent
    place: str                        # "Lâm Đồng" in "Lâm Đồng, ngày …"
    parent_body: str = ""             # cơ quan chủ quản, printed above in plain capitals
    symbol: str = "UBND"              # the issuer in a number: …/BC-UBND, …/BC-SNV
    addressee: str = ""               # "Kính gửi: …" (a report); "" for a plan
    recipients: tuple[str, ...] = ()  # Nơi nhận, without "Như trên" and the archive line
    archive: str = "Lưu: VT"
    signer: Signer = field(default_factory=Signer)

    @property
    def header_lines(self) -> list[tuple[str, bool]]:
        """(text, bold) from the top: the parent in plain capitals, the body itself in bold."""
        parent = [(upper(self.parent_body), False)] if self.parent_body.strip() else []
        return parent + [(line, True) for line in body_lines(self.issuing_body)]

    @property
    def collective(self) -> str:
        return PEOPLES_COMMITTEE if is_peoples_committee(self.issuing_body) else ""

    @property
    def signature_lines(self) -> list[str]:
        return self.signer.lines(self.collective)

    @property
    def recipient_lines(self) -> list[str]:
        """Nơi nhận as printed: "- Như trên;" when there is an addressee, each recipient, and the
        archive line last with a full stop."""
        entries = [clean_line(r) for r in self.recipients if clean_line(r)]
        if self.addressee and (not entries or entries[0].lower() != SAME_AS_ABOVE.lower()):
            entries.insert(0, SAME_AS_ABOVE)
        return [f"- {entry};" for entry in entries] + [f"- {archive_line(self.archive)}."]


@dataclass(frozen=True)
class Settings:
    """A unit's choices for its documents (set at set-up, edited by an admin)."""

    coordinator: str                          # cơ quan tham mưu: "Sở Nội vụ"
    coordinator_symbol: str                   # "SNV" in …/BC-SNV
    recipients: tuple[str, ...]               # the plan's Nơi nhận
    archive: str                              # "Lưu: VT, SNV"
    signer: Signer                            # signs for the unit
    report_sender: str = UNIT                 # UNIT or COORDINATOR
    report_addressee: str = ""                # "Bộ Nội vụ", or the unit itself when the coordinator reports
    report_recipients: tuple[str, ...] = ()
    report_archive: str = "Lưu: VT"
    coordinator_signer: Signer = field(default_factory=lambda: Signer(OWN_NAME, "GIÁM ĐỐC"))
    parent_body: str = ""                     # the unit's parent body, for a sở: "UBND TỈNH LÂM ĐỒNG"

    def plan_parties(self, issuing_body: str, place: str, number: str = "") -> Parties:
        return Parties(issuing_body=issuing_body, place=place, parent_body=self.parent_body,
                       symbol=symbol_of(number), recipients=self.recipients, archive=self.archive,
                       signer=self.signer)

    def report_parties(self, issuing_body: str, place: str, plan_number: str = "") -> Parties:
        """The unit reporting to its superior, or the coordinating body to the unit's leaders
        (its header: the coordinating body under the unit, e.g. UBND TỈNH LÂM ĐỒNG / SỞ NỘI VỤ)."""
        common = dict(place=place, addressee=self.report_addressee, recipients=self.report_recipients,
                      archive=self.report_archive)
        if self.report_sender == COORDINATOR:
            return Parties(issuing_body=upper(self.coordinator), parent_body=short_body(issuing_body),
                           symbol=self.coordinator_symbol or "UBND", signer=self.coordinator_signer, **common)
        return Parties(issuing_body=issuing_body, parent_body=self.parent_body,
                       symbol=symbol_of(plan_number), signer=self.signer, **common)
