"""The first run: when no database is named and the default one does not exist
yet, say where the data will live and let the user choose between the demo
database, a new empty one (encrypted or not) and an existing file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from casetracker import APP_NAME, paths
from casetracker.gui.dialogs import show_error

DEMO, EMPTY, OPEN = "demo", "empty", "open"


def first_run(target: str | None) -> bool:
    """True when the app starts without a database named and none made yet."""
    return target is None and not paths.default_database_path().exists()


class WelcomeDialog(QDialog):
    """Three choices; ``choice`` is DEMO, EMPTY, OPEN, or "" for Quit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to %1").replace("%1", APP_NAME))
        self.choice = ""
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.setContentsMargins(24, 20, 24, 16)

        title = QLabel(self.tr("Welcome to %1").replace("%1", APP_NAME))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        intro = QLabel(
            self.tr(
                "CaseTracker keeps detainees, letters, sanction requests and responses in "
                "one database on this computer. Which would you like to start with?"
            )
        )
        intro.setWordWrap(True)
        intro.setMinimumWidth(500)  # a fixed-size dialog: wrapped text sets no width
        layout.addWidget(intro)
        layout.addSpacing(6)

        self.demo_button = self._choice(
            DEMO,
            self.tr("Try the demo database"),
            self.tr("Made-up records to explore every part of the app. Nothing real is in it."),
        )
        self.empty_button = self._choice(
            EMPTY,
            self.tr("Start an empty database"),
            self.tr("For your own records; you can choose to protect it with a passphrase."),
        )
        self.open_button = self._choice(
            OPEN,
            self.tr("Open an existing file…"),
            self.tr("A CaseTracker database you already have, encrypted or not."),
        )
        for button in (self.demo_button, self.empty_button, self.open_button):
            layout.addWidget(button)

        folder = paths.data_dir()
        self.folder_label = QLabel(
            self.tr("Your data folder:")
            + "\n"
            + str(folder)
            + "\n"
            + self.tr("A new database is made there as %1.").replace(
                "%1", paths.default_database_path().name
            )
        )
        self.folder_label.setObjectName("dataFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setStyleSheet("color: palette(placeholder-text);")
        layout.addSpacing(6)
        layout.addWidget(self.folder_label)

        buttons = QDialogButtonBox()
        self.quit_button = buttons.addButton(
            self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button.setObjectName("quitButton")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)

    def _choice(self, choice: str, text: str, description: str) -> QCommandLinkButton:
        button = QCommandLinkButton(text, description, self)
        button.setObjectName(f"{choice}Choice")
        button.clicked.connect(lambda _checked=False: self._choose(choice))
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def start(controller: Any, target: str | None) -> bool:
    """Start the app: the welcome dialog on a first run, else ``controller.start``."""
    if first_run(target):
        return welcome(controller)
    return bool(controller.start(target))


def welcome(controller: Any) -> bool:
    """Show the welcome dialog until a database is open (True) or the user quits."""
    from casetracker.gui.app import DEMO_TARGET

    while True:
        dialog = WelcomeDialog()
        dialog.exec()
        choice = dialog.choice
        dialog.deleteLater()
        if choice == DEMO:
            opened = _busy_open(controller, DEMO_TARGET)
        elif choice == EMPTY:
            opened = create_default(controller)
        elif choice == OPEN:
            path, _ = QFileDialog.getOpenFileName(
                None,
                WelcomeDialog.tr("Open database"),
                str(Path.home()),
                WelcomeDialog.tr("CaseTracker databases (*.db);;All files (*)"),
            )
            opened = bool(path) and bool(controller.open(path))
        else:
            return False
        if opened:
            return True


def _busy_open(controller: Any, target: str) -> bool:
    """Open ``target`` under a busy cursor (building the demo takes a moment)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return bool(controller.open(target))
    finally:
        QGuiApplication.restoreOverrideCursor()


def create_default(controller: Any) -> bool:
    """Create the database at the default path, encrypted if the user chooses so;
    False (nothing made) when cancelled or when it fails."""
    from casetracker.gui.passphrase_dialog import PassphraseDialog
    from casetracker.gui.security import SecurityController

    path = paths.default_database_path()
    dialog = PassphraseDialog(
        WelcomeDialog.tr("New database"),
        SecurityController.tr(
            "An encrypted database cannot be read without its passphrase or its "
            "recovery code: if this computer, its disk or a backup is lost or stolen, "
            "the records stay private.\n\n"
            "If you forget the passphrase and lose the recovery code, the data is "
            "lost for good: nobody — not CaseTracker's authors — can recover it."
        ),
        controller.key_runner,
        None,
        ok_text=WelcomeDialog.tr("Create"),
        choose=True,
    )
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    encrypt, passphrase = dialog.encrypted, dialog.new_passphrase
    dialog.forget()
    dialog.deleteLater()
    if not accepted:
        return False
    if not encrypt:
        return bool(controller.open(str(path)))
    return _create_encrypted(controller, path, passphrase)


def _create_encrypted(controller: Any, path: Path, passphrase: str) -> bool:
    """Derive the key on the key runner (busy cursor), show the recovery code, open."""
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import create_encrypted_database
    from casetracker.gui.recovery_dialog import RecoveryCodeDialog
    from casetracker.services import Services

    path.parent.mkdir(parents=True, exist_ok=True)
    url = resolve_url(str(path))
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finished(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        controller.key_runner.run(
            lambda: create_encrypted_database(url, passphrase),
            lambda result: finished("result", result),
            lambda exc: finished("error", exc),
        )
        if not outcome:
            loop.exec()
    finally:
        QGuiApplication.restoreOverrideCursor()
    if "error" in outcome:
        show_error(None, outcome["error"], WelcomeDialog.tr("The database was not created."))
        return False
    db, code = outcome["result"]
    RecoveryCodeDialog(code, str(path)).exec()
    controller.adopt(Services(db), str(path))
    return True
