"""File › Check database…, Restore from a backup…, and scheduled backups.

The work itself is core code (:mod:`casetracker.db.maintenance`,
:mod:`casetracker.db.backups`) run on the worker; this module asks, shows
and reports.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from casetracker import APP_NAME
from casetracker.gui.dialogs import error_text
from casetracker.gui.settings import Preferences
from casetracker.gui.tasks import Runner

log = logging.getLogger(__name__)
#: how often the scheduled backup looks whether one is due
CHECK_EVERY_MS = 30 * 60_000
#: the first look, soon after the window opens (not during start-up)
FIRST_CHECK_MS = 5_000


class CheckDialog(QDialog):
    """The lines of ``maintenance.check``, each marked ok / problem / note."""

    def __init__(self, report: Any, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkDialog")
        self.setWindowTitle(self.tr("Check database"))
        problems = sum(1 for line in report.lines if line.startswith("PROBLEM"))
        if report.ok:
            text = self.tr("No problems found in %1.")
        elif problems == 1:
            text = self.tr("One problem found in %1.")
        else:
            text = self.tr("%2 problems found in %1.").replace("%2", str(problems))
        self.summary = QLabel(text.replace("%1", database))
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.summary.font()
        bold.setBold(True)
        self.summary.setFont(bold)
        self.lines = QListWidget()
        self.lines.setObjectName("checkLines")
        self.lines.setWordWrap(True)
        self.lines.setAlternatingRowColors(True)
        self.lines.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.setIconSize(QSize(16, 16))
        self.lines.setSpacing(2)
        style = self.style()
        icons = {
            "ok": style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
            "PROBLEM": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "note": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        for line in report.lines:
            status, _, rest = line.partition(" ")
            item = QListWidgetItem(icons.get(status, icons["note"]), rest.strip() or line)
            item.setData(Qt.ItemDataRole.UserRole, status)
            self.lines.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("&Copy"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText("\n".join(report.lines)))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, 1)
        layout.addWidget(buttons)
        self.resize(760, 340)

    def texts(self) -> list[str]:
        return [self.lines.item(i).text() for i in range(self.lines.count())]


def confirm_restore(parent: QWidget, source: Path, database: str) -> bool:
    box = QMessageBox(parent)
    box.setObjectName("confirmRestore")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(parent.tr("Restore from a backup"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        parent.tr("Replace everything in %1 with the backup %2?")
        .replace("%1", database)
        .replace("%2", source.name)
    )
    box.setInformativeText(
        parent.tr(
            "The backup is checked first; if it is damaged nothing changes. What the "
            "database holds now is saved beside it as a safety copy."
        )
    )
    restore = box.addButton(parent.tr("Restore"), QMessageBox.ButtonRole.DestructiveRole)
    restore.setObjectName("restoreButton")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is restore


class ScheduledBackups(QObject):
    """Looks every 30 minutes (and soon after start) whether a backup is due, and
    writes it on the worker. A failure is a non-modal warning, never a crash."""

    written = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        window: Any,
        db: Any,
        runner: Runner,
        preferences: Preferences,
        paused: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.runner = runner
        self.preferences = preferences
        self.paused = paused
        self.running = False
        self.warning: QMessageBox | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.timeout.connect(self.check)

    @property
    def available(self) -> bool:
        return self.db.path is not None

    def start(self, first_ms: int = FIRST_CHECK_MS) -> None:
        if not self.available:
            return
        self.timer.start()
        self.first.start(first_ms)

    def stop(self) -> None:
        self.timer.stop()
        self.first.stop()

    def check(self) -> bool:
        """Start a backup on the worker if one may be due; True when started."""
        if (
            not self.available
            or not self.preferences.backups_on
            or self.running
            or self.paused()
            or getattr(self.db, "locked", False)
        ):
            return False
        from casetracker.db.backups import scheduled_backup

        policy = self.preferences.backup_policy()
        db = self.db
        self.running = True
        self.runner.run(lambda: scheduled_backup(db, policy), self._done, self._failed)
        return True

    def _done(self, path: Path | None) -> None:
        self.running = False
        if path is None:
            return
        self.window.statusBar().showMessage(
            self.tr("Scheduled backup written to %1").replace("%1", str(path)), 10_000
        )
        self.written.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        text, internal = error_text(exc)
        if internal:
            log.error("scheduled backup failed", exc_info=exc)
            text = type(exc).__name__
        message = self.tr("The scheduled backup was not written: %1").replace("%1", text)
        self.failed.emit(message)
        if self.warning is None:
            self.warning = QMessageBox(
                QMessageBox.Icon.Warning, APP_NAME, message, parent=self.window
            )
            self.warning.setObjectName("backupWarning")
            self.warning.setTextFormat(Qt.TextFormat.PlainText)
            self.warning.setInformativeText(
                self.tr(
                    "CaseTracker tries again later. Check the backup folder in Edit › "
                    "Preferences, or back up by hand with File › Back up database…"
                )
            )
            self.warning.setModal(False)
            self.warning.setWindowModality(Qt.WindowModality.NonModal)
        else:
            self.warning.setText(message)
        self.warning.show()
