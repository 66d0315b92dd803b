"""Render the first pages of every report on a fresh demo database into docs/reports/.

    .venv/bin/python scripts/report_renders.py [OUT_DIR]

Internal editions (public ones leave the demo's internal notes out), at 70 dpi,
with ``pdftoppm`` (poppler-utils). Your own data is not touched.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select

from casetracker.db.engine import resolve_url
from casetracker.db.schema import open_database
from casetracker.demo import load_demo
from casetracker.models import Detention, Person, SanctionRequest
from casetracker.services import Services

ROOT = Path(__file__).resolve().parents[1]
PAGES = 4


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "reports"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="casetracker-renders-"))
    db = open_database(resolve_url(str(work / "demo.db")), create=True)
    services = Services(db)
    load_demo(services)
    with db.reading() as session:
        detention = session.scalar(
            select(Detention.id)
            .join(Person, Person.id == Detention.person_id)
            .where(Person.display_name == "Ruben Vardanyan")
        )
        request = session.scalar(select(SanctionRequest.id).limit(1))
    for kind, record in (
        ("briefing", None),
        ("dossier", detention),
        ("sanctions", request),
        ("correspondence", None),
        ("signatories", None),
    ):
        options = services.reports.options(
            kind,
            audience="internal",
            record_id=record,
            organization="Armenian Advocacy Office",
            today=dt.date(2025, 6, 30),
        )
        pdf = work / f"{kind}.pdf"
        result = services.reports.write(options, pdf)
        for old in out.glob(f"{kind}-*.png"):
            old.unlink()
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                str(PAGES),
                str(pdf),
                str(out / kind),
            ],
            check=True,
        )
        print(f"{kind}: {result.pages} pages -> {out}/{kind}-*.png")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
