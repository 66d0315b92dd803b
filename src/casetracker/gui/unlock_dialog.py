"""Unlocking an encrypted database: its passphrase, or the recovery code instead.

The key derivation (~0.3 s by design) runs on a runner (a worker thread in
the app) under a busy cursor; a wrong passphrase or a mistyped code is said
under the field and nothing is written to the database.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPainter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from casetracker.db import cipher
from casetracker.errors import CaseTrackerError
from casetracker.gui.tasks import Runner

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #a8071a;"


def monospace_font(point_size: float = 0) -> QFont:
    """DejaVu Sans Mono when present, else the platform's fixed font."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if "DejaVu Sans Mono" in QFontDatabase.families():
        font = QFont("DejaVu Sans Mono")
    if point_size:
        font.setPointSizeF(point_size)
    return font


def padlock_pixmap(size: int = 40, color: str = "#1d4e89") -> QPixmap:
    """A closed padlock, drawn (Qt's standard icons have none)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor(color)
    pen = QPen(ink, size * 0.1)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QRectF(size * 0.28, size * 0.08, size * 0.44, size * 0.5)
    painter.drawArc(shackle, 0, 180 * 16)
    painter.drawLine(QPointF(shackle.left(), size * 0.33), QPointF(shackle.left(), size * 0.46))
    painter.drawLine(QPointF(shackle.right(), size * 0.33), QPointF(shackle.right(), size * 0.46))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    painter.drawRoundedRect(QRectF(size * 0.16, size * 0.42, size * 0.68, size * 0.52), 4, 4)
    painter.setBrush(QColor("white"))
    painter.drawEllipse(QPointF(size * 0.5, size * 0.62), size * 0.07, size * 0.07)
    painter.drawRect(QRectF(size * 0.475, size * 0.64, size * 0.05, size * 0.16))
    painter.end()
    return pixmap


def looks_like_code(text: str) -> bool:
    """True when ``text`` has the shape of a recovery code (55 letters and digits)."""
    return re.fullmatch(r"[A-Za-z0-9]{50,60}", re.sub(r"[\s\-]+", "", text)) is not None


def unlock_typed(path: Path, text: str, notify: Callable[[str], None] | None = None) -> bytes:
    """The key for a passphrase, or a recovery code typed where a passphrase was asked."""
    has_key_file = cipher.key_file_path(path).is_file()
    if not has_key_file:
        return cipher.unlock(path, recovery_code=text)
    try:
        return cipher.unlock(path, passphrase=text, notify=notify)
    except cipher.WrongPassphrase:
        if not looks_like_code(text):
            raise
    return cipher.unlock(path, recovery_code=text)


def show_notices(parent: QWidget | None, notices: list[str]) -> None:
    """Tell the user what unlocking did on its own (an interrupted rekey completed)."""
    for notice in notices:
        if notice == cipher.REKEY_COMPLETED:
            text = QCoreApplication.translate(
                "Unlock",
                "A change of recovery code was interrupted and has now been completed: "
                "the NEW recovery code is the one that works. The old one no longer "
                "opens this database.",
            )
        else:
            text = notice[:1].upper() + notice[1:] + "."
        box = QMessageBox(QMessageBox.Icon.Warning, "CaseTracker", text, parent=parent)
        box.setObjectName("unlockNotice")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()


def explain(exc: BaseException) -> str:
    """One plain line for a failed unlock."""
    if isinstance(exc, cipher.WrongPassphrase):
        return QCoreApplication.translate(
            "Unlock", "Wrong passphrase. The database was not changed."
        )
    if isinstance(exc, cipher.RecoveryCodeTypo):
        return QCoreApplication.translate(
            "Unlock", "Check the recovery code and type it again: %1."
        ).replace("%1", str(exc))
    if isinstance(exc, CaseTrackerError):
        text = str(exc)
        return text[:1].upper() + text[1:] + "."
    log.error("unlock failed", exc_info=exc)
    return QCoreApplication.translate("Unlock", "The database cannot be unlocked: %1").replace(
        "%1", type(exc).__name__
    )


class UnlockForm(QWidget):
    """Passphrase field, "Use the recovery code instead", a message line and Unlock.

    ``unlocked`` carries the master key once it is found to open ``path``.
    """

    unlocked = Signal(object)

    def __init__(self, path: Path, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockForm")
        self.path = Path(path)
        self.runner = runner
        self.busy = False
        self._notices: list[str] = []
        self.has_key_file = cipher.key_file_path(self.path).is_file()

        self.label = QLabel(self.tr("Passphrase"))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMinimumWidth(340)
        self.use_code = QCheckBox(self.tr("Use the recovery code instead"))
        self.use_code.setObjectName("useRecoveryCode")
        self.code = QLineEdit()
        self.code.setObjectName("recoveryCode")
        self.code.setFont(monospace_font())
        self.code.setPlaceholderText(self.tr("XXXX-XXXX-XXXX-…"))
        self.message = QLabel()
        self.message.setObjectName("unlockMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.setAutoDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.code)
        layout.addWidget(self.use_code)
        layout.addWidget(self.message)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignRight)

        self.use_code.toggled.connect(self._mode_changed)
        self.unlock_button.clicked.connect(self.attempt)
        self.passphrase.returnPressed.connect(self.attempt)
        self.code.returnPressed.connect(self.attempt)
        if not self.has_key_file:
            self.use_code.setChecked(True)
            self.use_code.setEnabled(False)
            self.show_message(
                self.tr(
                    "The key file %1 is missing, so the passphrase cannot be used: "
                    "type the recovery code."
                ).replace("%1", cipher.key_file_path(self.path).name)
            )
        self._mode_changed(self.use_code.isChecked())

    @property
    def recovery_mode(self) -> bool:
        return self.use_code.isChecked()

    def _mode_changed(self, code: bool) -> None:
        self.passphrase.setVisible(not code)
        self.code.setVisible(code)
        self.label.setText(self.tr("Recovery code") if code else self.tr("Passphrase"))
        if self.has_key_file:
            self.message.hide()
        self.focus()

    def focus(self) -> None:
        (self.code if self.recovery_mode else self.passphrase).setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def clear(self) -> None:
        """Forget what was typed (the widgets keep no secret once done)."""
        self.passphrase.clear()
        self.code.clear()
        if self.has_key_file:
            self.message.hide()

    def attempt(self) -> None:
        """Derive the key on the runner; ``unlocked`` or a message follows."""
        if self.busy:
            return
        code = self.recovery_mode
        typed = self.code.text() if code else self.passphrase.text()
        if not typed.strip():
            self.show_message(
                self.tr("Type the recovery code.") if code else self.tr("Type the passphrase.")
            )
            return
        path = self.path
        notices: list[str] = []
        self._notices = notices

        def derive() -> bytes:
            if code:
                return cipher.unlock(path, recovery_code=typed)
            return unlock_typed(path, typed, notices.append)

        self._set_busy(True)
        self.runner.run(derive, self._done, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.passphrase, self.code, self.unlock_button):
            widget.setEnabled(not busy)
        self.use_code.setEnabled(not busy and self.has_key_file)
        if busy:
            self.message.hide()
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QGuiApplication.restoreOverrideCursor()

    def _done(self, key: bytes) -> None:
        if not isValid(self):  # unlocked elsewhere and closed meanwhile
            QGuiApplication.restoreOverrideCursor()
            return
        self._set_busy(False)
        self.clear()
        notices, self._notices = self._notices, []
        show_notices(self.window(), notices)
        self.unlocked.emit(key)

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            QGuiApplication.restoreOverrideCursor()
            return
        self._set_busy(False)
        self.show_message(explain(exc))
        field = self.code if self.recovery_mode else self.passphrase
        field.selectAll()
        field.setFocus()


class UnlockDialog(QDialog):
    """Ask for the passphrase (or recovery code) of an encrypted file; ``key`` once accepted."""

    def __init__(
        self,
        path: Path,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        title: str = "",
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(title or self.tr("Unlock database"))
        self.key: bytes | None = None
        heading = QLabel(self.tr("This database is encrypted"))
        heading.setObjectName("unlockHeading")
        bigger = heading.font()
        bigger.setPointSizeF(bigger.pointSizeF() * 1.3)
        bigger.setBold(True)
        heading.setFont(bigger)
        self.intro = QLabel(
            intro or self.tr("%1\n\nType its passphrase to open it.").replace("%1", str(Path(path)))
        )
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.form = UnlockForm(path, runner, self)
        self.form.unlocked.connect(self._unlocked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        # the form's Unlock button, beside Cancel (it only starts the attempt)
        buttons.addButton(self.form.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        icon = QLabel()
        icon.setPixmap(padlock_pixmap(40))
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(heading, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addSpacing(4)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(540)
        self.form.focus()

    def _unlocked(self, key: bytes) -> None:
        self.key = key
        self.accept()

    def reject(self) -> None:
        if not self.form.busy:  # a derivation under way reports back to this dialog
            super().reject()


def ask_key(
    parent: QWidget | None,
    path: Path,
    runner: Runner,
    *,
    title: str = "",
    intro: str = "",
) -> bytes | None:
    """The master key of ``path`` as the user unlocks it; None when cancelled."""
    dialog = UnlockDialog(path, runner, parent, title=title, intro=intro)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    key = dialog.key if accepted else None
    dialog.deleteLater()
    return key
