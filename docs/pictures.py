"""Redraw the README's pictures of the documents from the demo: the first page of the plan, and
the first and last pages of the last period's report, issued, as LibreOffice lays them out.

    .venv/bin/python docs/pictures.py        # needs soffice and pdftoppm (README, Documents)

Works in a temporary database and folder; writes docs/plan-page-1.png, docs/report-page-1.png
and docs/report-last-page.png (grey, 16 shades: a page of text in some 50 KB).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from sqlalchemy import select

    from tracker import create_app
    from tracker.demo.load import load
    from tracker.extensions import db
    from tracker.i18n import local_today
    from tracker.models import Assessment, Plan, User
    from tracker.services import plan_export, reports

    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not (soffice and pdftoppm):
        sys.exit("needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{work / 'demo.db'}",
                                     "UPLOAD_DIR": str(work / "uploads")})
        with app.app_context():
            from flask_migrate import upgrade
            upgrade(directory=str(ROOT / "migrations"))
            today = local_today()
            load(today)
            db.session.commit()
            plan = reports.load_plan(db.session.scalar(
                select(Plan.id).join(Assessment).where(Assessment.year == today.year - 1)))
            (work / "plan.docx").write_bytes(plan_export.render(plan, "docx"))
            ended = [p for p in reports.periods(plan) if p.end < today]
            period = ended[-1] if ended else reports.periods(plan)[0]
            if ended:  # issued on its due date (or today), as an office would
                admin = db.session.scalar(select(User).where(User.role == "admin"))
                reports.issue(plan, period, f"{120 + period.quarter}/BC-SNV", min(period.due, today), admin)
                db.session.commit()
            (work / "report.docx").write_bytes(reports.render(reports.build(plan, period), "docx"))
        subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), str(work / "plan.docx"),
                        str(work / "report.docx")], check=True, capture_output=True)
        for name in ("plan", "report"):
            subprocess.run([pdftoppm, "-png", "-r", "90", str(work / f"{name}.pdf"), str(work / name)], check=True)
        pages = {"plan-page-1": sorted(work.glob("plan-*.png"))[0],
                 "report-page-1": sorted(work.glob("report-*.png"))[0],
                 "report-last-page": sorted(work.glob("report-*.png"))[-1]}
        from PIL import Image
        for name, png in pages.items():
            Image.open(png).convert("L").quantize(16).save(ROOT / "docs" / f"{name}.png", optimize=True)
            print(f"docs/{name}.png")


if __name__ == "__main__":
    main()
