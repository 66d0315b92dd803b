"""Start the desktop app on a database (the local one by default, created on first run)."""

from __future__ import annotations

import sys

from casetracker import APP_ID, APP_NAME, __version__


def run(db_target: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from casetracker import paths
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database
    from casetracker.errors import CaseTrackerError
    from casetracker.gui.main_window import MainWindow
    from casetracker.services import Services

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    try:
        url = resolve_url(db_target, default=paths.default_database_path())
        db = open_database(url, create=True)
    except CaseTrackerError as exc:
        QMessageBox.critical(None, APP_NAME, f"The database cannot be opened.\n\n{exc}")
        return 1
    window = MainWindow(Services(db))
    window.show()
    try:
        return int(app.exec())
    finally:
        db.close()


def main() -> int:
    """Entry point of ``casetracker-gui``."""
    db = None
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--db":
        db = args[1]
    return run(db)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
