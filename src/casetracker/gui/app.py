"""Start the desktop app: fonts, translations, error handling, and the open database."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from casetracker import APP_ID, APP_NAME, __version__

ORGANIZATION = "CaseTracker"
DEMO_TARGET = "demo:"
log = logging.getLogger(__name__)


def register_fonts() -> list[str]:
    """Register the bundled fonts and make DejaVu Sans the application font, so
    Armenian, Cyrillic and Azerbaijani text render the same on every machine."""
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

    from casetracker import paths

    families: list[str] = []
    folder = paths.resources_dir() / "fonts"
    for font_file in sorted(folder.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
        else:
            log.warning("cannot load font %s", font_file)
    if "DejaVu Sans" in families:
        current = QGuiApplication.font()
        font = QFont("DejaVu Sans")
        font.setPointSizeF(current.pointSizeF() if current.pointSizeF() > 0 else 10)
        QGuiApplication.setFont(font)
    return families


def install_translator(app: Any) -> Any:
    """Load ``resources/i18n/casetracker_<locale>.qm`` when one matches the user's locale."""
    from PySide6.QtCore import QLocale, QTranslator

    from casetracker import paths

    translator = QTranslator(app)
    folder = paths.resources_dir() / "i18n"
    if translator.load(QLocale(), "casetracker", "_", str(folder)):
        app.installTranslator(translator)
    return translator


def make_application(argv: list[str] | None = None) -> Any:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    from casetracker.gui.icons import app_icon

    app.setWindowIcon(app_icon())
    register_fonts()
    install_translator(app)
    return app


def demo_database_path() -> Path:
    from casetracker import paths

    return paths.data_dir() / "demo.db"


def open_target(target: str | None) -> Any:
    """Open (creating if needed) the database ``target`` names; the demo one for "demo:"."""
    from casetracker import paths
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database
    from casetracker.services import Services

    if target == DEMO_TARGET:
        path = demo_database_path()
        fresh = not path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        db = open_database(resolve_url(str(path)), create=True)
        services = Services(db)
        if fresh:
            from casetracker.demo.builder import load_demo

            load_demo(services)
        return services
    url = resolve_url(target, default=paths.default_database_path())
    if url.get_backend_name() == "sqlite" and url.database:
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return Services(open_database(url, create=True))


def encrypted_file(target: str | None) -> Path | None:
    """The SQLite file ``target`` names when it exists and is encrypted."""
    from casetracker import paths
    from casetracker.db import cipher
    from casetracker.db.engine import resolve_url, sqlite_path

    if target == DEMO_TARGET:
        return None
    try:
        path = sqlite_path(resolve_url(target, default=paths.default_database_path()))
    except Exception:  # not a usable target: opening it says why
        return None
    if path is not None and path.is_file() and cipher.is_encrypted(path):
        return path
    return None


class AppController:
    """Owns the window and its database; opens another database on request.

    An encrypted database is unlocked with :class:`UnlockDialog` first; the key
    derivation runs on ``key_runner`` (a thread of its own).
    """

    def __init__(self, runner: Any = None, settings: Any = None, key_runner: Any = None) -> None:
        from casetracker.gui.tasks import ThreadRunner

        self.runner = runner or ThreadRunner()
        self.key_runner = key_runner or (runner if runner is not None else ThreadRunner())
        self.settings = settings
        self.window: Any = None
        self.services: Any = None
        #: why the last open() did not open anything ("" when it did)
        self.problem = ""

    def open(self, target: str | None) -> bool:
        """Open ``target`` in a new window; False (the app as it was) when it cannot
        be opened or the user cancels the unlock."""
        from PySide6.QtWidgets import QMessageBox

        from casetracker.errors import CaseTrackerError

        self.problem = ""
        try:
            services = self._open_services(target)
        except CaseTrackerError as exc:
            self.problem = str(exc)
            QMessageBox.critical(
                self.window,
                APP_NAME,
                QMessageBox.tr("The database cannot be opened.") + f"\n\n{exc}",
            )
            return False
        except Exception as exc:
            from casetracker.gui.dialogs import show_error

            self.problem = QMessageBox.tr("The database cannot be opened.")
            show_error(self.window, exc, self.problem)
            return False
        if services is None:
            return False
        self.adopt(services, target)
        return True

    def _open_services(self, target: str | None) -> Any:
        """Open ``target``, asking for the key of an encrypted file; None if cancelled."""
        from PySide6.QtWidgets import QMessageBox

        from casetracker.db import cipher
        from casetracker.db.engine import resolve_url
        from casetracker.db.schema import open_database
        from casetracker.gui.unlock_dialog import ask_key
        from casetracker.services import Services

        path = encrypted_file(target)
        if path is None:
            try:
                return open_target(target)
            except cipher.KeyRequired:
                path = encrypted_file(target)
                if path is None:
                    raise
        intro = ""
        if not cipher.key_file_path(path).is_file():
            intro = QMessageBox.tr(
                "%1 is not a plain database. If it is an encrypted CaseTracker database "
                "whose key file was lost, type its recovery code to open it."
            ).replace("%1", str(path))
        key = ask_key(self.window, path, self.key_runner, intro=intro)
        if key is None:
            self.problem = QMessageBox.tr("%1 is encrypted and was not unlocked.").replace(
                "%1", str(path)
            )
            return None
        return Services(open_database(resolve_url(str(path)), key=key))

    def adopt(self, services: Any, target: str | None) -> None:
        """Show the open database ``services`` in a new window (replacing the old one)."""
        from casetracker.gui.main_window import MainWindow

        old_window, old_services = self.window, self.services
        self.services = services
        self.window = MainWindow(services, self.runner, self.settings)
        self.window.switch_requested.connect(self.open)
        self.window.security.reopen = self.adopt
        if target is not None:
            self.window.recent.add(target)
            self.window._rebuild_recent_menu()
        if old_window is not None:
            old_window.security.shutdown()
            old_window.save_state()
            old_window.hide()
            old_window.deleteLater()
        if old_services is not None and old_services.db is not services.db:
            self.runner.wait()
            old_services.db.close()
        self.window.show()

    def start(self, target: str | None) -> bool:
        """Open ``target`` at start-up; when that fails or the unlock is cancelled,
        say so and offer to try again, open another database, or quit."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        opened = self.open(target)
        while not opened:
            box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, "")
            box.setObjectName("startChooser")
            box.setText(QMessageBox.tr("No database is open."))
            box.setInformativeText(self.problem)
            again = box.addButton(QMessageBox.tr("Try again"), QMessageBox.ButtonRole.AcceptRole)
            other = box.addButton(
                QMessageBox.tr("Open another database…"), QMessageBox.ButtonRole.ActionRole
            )
            box.addButton(QMessageBox.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is again:
                opened = self.open(target)
            elif box.clickedButton() is other:
                path, _ = QFileDialog.getOpenFileName(
                    None,
                    QMessageBox.tr("Open database"),
                    str(Path.home()),
                    QMessageBox.tr("CaseTracker databases (*.db);;All files (*)"),
                )
                if path:
                    target = path
                    opened = self.open(path)
            else:
                return False
        return True

    def close(self) -> None:
        self.runner.wait()
        if self.window is not None:
            self.window.security.shutdown()
        if self.services is not None:
            self.services.db.close()


def _excepthook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
    """Any error that escapes a slot: log it and say so in a dialog, never a traceback."""
    from casetracker.gui.dialogs import show_error

    try:
        show_error(None, exc.with_traceback(tb))
    except Exception:  # the dialog itself failed: at least log
        log.critical("unhandled error", exc_info=(kind, exc, tb))


def run(db_target: str | None = None) -> int:
    app = make_application()
    sys.excepthook = _excepthook
    controller = AppController()
    from casetracker.gui.welcome_dialog import start

    if not start(controller, db_target):  # the welcome dialog on a first run
        return 1
    try:
        return int(app.exec())
    finally:
        controller.close()


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``casetracker-gui [--db PATH|URL | --demo]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="casetracker-gui", description="Open CaseTracker.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="PATH|URL", help="the database to open")
    where.add_argument("--demo", action="store_true", help="open the demo database")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    args, _qt_args = parser.parse_known_args(argv)
    return run(DEMO_TARGET if args.demo else args.db)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
