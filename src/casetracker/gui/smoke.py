"""A self-check for a built app: ``casetracker --smoke-test OUT.png``.

Builds the demo database in a temporary folder (the user's own data and
settings are never touched), opens the main window offscreen, renders it to
``OUT.png`` and checks that the picture is not blank. CI runs it against the
frozen bundle; it exits 0 when the window rendered, 1 otherwise.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from casetracker.errors import CaseTrackerError

#: the window size rendered
SIZE = (1280, 800)
#: a rendered window shows at least this many distinct colours (a blank one shows 1)
MIN_COLOURS = 8


def distinct_colours(png: Path, step: int = 7) -> int:
    """How many distinct colours a grid of pixels of ``png`` holds (0 if unreadable)."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    if image.isNull():
        return 0
    colours = {
        image.pixel(x, y)
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    }
    return len(colours)


def run_smoke_test(out: Path) -> int:
    """Render the main window on a fresh demo database to ``out``; 0 when it looks right."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="casetracker-smoke-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / var.lower())

    from PySide6.QtCore import QSettings

    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database
    from casetracker.demo.builder import load_demo
    from casetracker.gui.app import make_application
    from casetracker.gui.icons import app_icon
    from casetracker.gui.main_window import MainWindow
    from casetracker.gui.tasks import ImmediateRunner
    from casetracker.services import Services

    app = make_application([sys.argv[0]])
    if app_icon().isNull():
        raise CaseTrackerError("smoke test: the application icon is missing")
    services = Services(open_database(resolve_url(str(home / "demo.db")), create=True))
    try:
        counts = load_demo(services)
        settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, ImmediateRunner(), settings)
        window.resize(*SIZE)
        window.show()
        for _ in range(5):
            app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out), "PNG"):
            raise CaseTrackerError(f"smoke test: cannot write {out}")
        window.close()
    finally:
        services.db.close()
    colours = distinct_colours(out)
    if colours < MIN_COLOURS:
        raise CaseTrackerError(f"smoke test: the main window rendered blank ({colours} colours)")
    records = sum(counts.values())
    print(f"smoke test: main window rendered to {out} ({colours} colours, {records} demo records)")
    return 0
