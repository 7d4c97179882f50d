"""The demo's plan and periodic report as a person sees them: LibreOffice lays the .docx out as
PDF, poppler renders the first pages to PNG, and Chromium (Playwright) shows them side by side.

Where the tools are missing the test is skipped with the reason shown, except under CI=true,
where it fails: .ci/run installs libreoffice-writer, poppler-utils and chromium.
"""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_browser import CHROMIUM

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM, PDFTOTEXT = shutil.which("pdftoppm"), shutil.which("pdftotext")
ON_CI = os.environ.get("CI", "").lower() == "true"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),  # the layout, not the database
]


def need(tool: str | None, what: str) -> None:
    if tool is None:
        reason = f"{what} is not installed (apt-get install libreoffice-writer poppler-utils chromium; .ci/run does)"
        if ON_CI:
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)


def to_pdf(docx_files: list[Path], out: Path) -> None:
    """soffice --headless --convert-to pdf, with a profile of its own (a running LibreOffice or a
    parallel test keeps its own)."""
    profile = (out / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, docx_files)],
                   check=True, capture_output=True, timeout=240)


def page_text(pdf: Path, number: int) -> str:
    return subprocess.run([PDFTOTEXT, "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def to_png(pdf: Path, pages: int) -> list[Path]:
    prefix = pdf.with_suffix("")
    subprocess.run([PDFTOPPM, "-png", "-r", "80", "-f", "1", "-l", str(pages), str(pdf), str(prefix)],
                   check=True, capture_output=True, timeout=120)
    return sorted(pdf.parent.glob(f"{prefix.name}-*.png"))


def ink_share(png: Path, top: float, bottom: float) -> float:
    """The share of dark pixels in a horizontal band of the page (0 = blank)."""
    from matplotlib import image
    pixels = image.imread(str(png))
    band = pixels[int(len(pixels) * top):int(len(pixels) * bottom), :, :3]
    return float((band.mean(axis=2) < 0.5).mean())


@pytest.fixture
def tools():
    """Checked before the demo is loaded: a skip costs nothing."""
    need(SOFFICE, "LibreOffice (soffice)")
    need(PDFTOPPM and PDFTOTEXT, "poppler-utils (pdftoppm, pdftotext)")
    need(CHROMIUM, "Debian's chromium")


def test_the_demo_plan_and_report_render_as_signed_pages(tools, app, demo, today, tmp_path, browser):
    from sqlalchemy import select

    from tracker.extensions import db
    from tracker.models import Assessment, Plan
    from tracker.services import plan_export, reports
    plan = reports.load_plan(db.session.scalar(
        select(Plan.id).join(Assessment).where(Assessment.year == today.year - 1)))
    period = next(p for p in reversed(reports.periods(plan)) if today > p.start)
    (tmp_path / "plan.docx").write_bytes(plan_export.render(plan, "docx"))
    (tmp_path / "report.docx").write_bytes(reports.render(reports.build(plan, period), "docx"))
    import docx
    words = "\n".join(p.text for p in docx.Document(str(tmp_path / "report.docx")).paragraphs)
    assert "None" not in words  # the demo's set has no classification bands: none is named

    to_pdf([tmp_path / "plan.docx", tmp_path / "report.docx"], tmp_path)
    # As laid out: the issuing body in two lines (the province's; the demo's reports are Sở Nội
    # vụ's, under the province), the date line, no number on page 1 and "2" atop page 2.
    for name, body in (("plan", ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]), ("report", ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"])):
        pdf = tmp_path / f"{name}.pdf"
        first, second = page_text(pdf, 1), page_text(pdf, 2)
        lines = first.strip("\n").split("\n")
        assert lines[0].split()[:4] == body[0].split() and body[1] in lines[1], (name, lines[:3])
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Lâm Đồng, ngày" in first, name
        assert second.strip("\n").split("\n")[0].strip() == "2", name
    plan_text = subprocess.run([PDFTOTEXT, "-layout", str(tmp_path / "plan.pdf"), "-"], check=True,
                               capture_output=True, text=True).stdout
    assert "KT. CHỦ TỊCH" in plan_text and "Trần Minh Đức" in plan_text and "- Lưu: VT, SNV." in plan_text

    pages = to_png(tmp_path / "plan.pdf", 2) + to_png(tmp_path / "report.pdf", 2)
    assert len(pages) == 4
    for png in pages:
        assert ink_share(png, 0.05, 0.35) > 0.002, png  # not a blank page

    # The pages side by side in Chromium, as a reader's browser shows them (the images inline:
    # the session's browser, shared with the other browser tests, reads no local files).
    import base64
    html = ("<!doctype html><body style='margin:0;background:#777;display:flex;gap:12px;padding:12px'>"
            + "".join(f"<img src='data:image/png;base64,{base64.b64encode(png.read_bytes()).decode()}' "
                      "style='width:300px;background:#fff'>" for png in pages) + "</body>")
    shot = tmp_path / "pages-in-chromium.png"
    context = browser.new_context(viewport={"width": 1300, "height": 500})
    try:
        page = context.new_page()
        page.set_content(html, wait_until="load")
        widths = page.eval_on_selector_all("img", "images => images.map(i => i.complete && i.naturalWidth)")
        assert all(w and w > 400 for w in widths), widths  # every page decoded
        page.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()
    assert shot.stat().st_size > 20_000 and ink_share(shot, 0.1, 0.4) > 0.002
