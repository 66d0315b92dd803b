"""A one-page PDF holding a database's recovery code, to print and keep apart
from the computer. The file itself opens the database: print it, then delete it."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from casetracker.errors import CaseTrackerError

TITLE = "CaseTracker recovery code"
HOW_TO = (
    "To open the database without its passphrase: start CaseTracker, open the database, "
    "choose “Use the recovery code instead” and type the code above (dashes, spaces and "
    "letter case do not matter)."
)


def write_recovery_sheet(
    path: Path, code: str, database: str, warning: str, when: dt.datetime | None = None
) -> Path:
    """Write the sheet to ``path`` (atomically: a half-written file never has
    its name); the code in large monospaced groups, the database it opens, the date."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from casetracker.reports.pdf import BOLD, FONT, register_fonts

    register_fonts()
    when = when or dt.datetime.now()
    path = Path(path)
    if not path.parent.is_dir():
        raise CaseTrackerError(f"folder {path.parent} does not exist")
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        page = canvas.Canvas(temp, pagesize=A4, initialFontName=FONT)
        page.setTitle(TITLE)
        page.setCreator("CaseTracker")
        width, height = A4
        left, y = 20 * mm, height - 28 * mm
        page.setFont(BOLD, 18)
        page.drawString(left, y, TITLE)
        y -= 10 * mm
        page.setFont(FONT, 10)
        for line in (f"Database: {database}", f"Made: {when:%d %b %Y %H:%M}"):
            page.drawString(left, y, line)
            y -= 6 * mm
        y -= 8 * mm
        groups = code.split("-")
        page.setFont(BOLD, 18)  # embedded, like every font we print
        for start in range(0, len(groups), 5):
            for column, group in enumerate(groups[start : start + 5]):
                page.drawString(left + column * 34 * mm, y, group)  # groups in columns
            y -= 11 * mm
        y -= 6 * mm
        for text in (warning, HOW_TO):
            y = _paragraph(page, text, left, y, width - 2 * left, FONT, 11) - 5 * mm
        page.showPage()
        page.save()
        os.replace(temp, path)
    except OSError as exc:
        raise CaseTrackerError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        with suppress(OSError):
            os.unlink(temp)
    return path


def _paragraph(
    page: Any, text: str, x: float, y: float, width: float, font: str, size: int
) -> float:
    """Draw ``text`` wrapped to ``width``; returns the y below it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    page.setFont(font, size)
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and stringWidth(candidate, font, size) > width:
            page.drawString(x, y, line)
            y -= size * 1.5
            line = word
        else:
            line = candidate
    if line:
        page.drawString(x, y, line)
        y -= size * 1.5
    return y
