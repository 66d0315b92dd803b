"""Dialogs: errors in plain words (never a traceback), delete confirmation,
the edit-conflict comparison, and About."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casetracker import APP_NAME, __version__
from casetracker.errors import CaseTrackerError
from casetracker.gui.labels import field_label
from casetracker.progress import Cancelled

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> tuple[str, bool]:
    """The message to show, and whether it is an internal error (a bug)."""
    if isinstance(exc, CaseTrackerError):
        return str(exc), False
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc} ({exc.filename})" if exc.filename else str(exc), False
    return "", True


def show_error(parent: QWidget | None, exc: BaseException, context: str = "") -> None:
    """Tell the user what went wrong; internal errors are logged, not shown."""
    if isinstance(exc, Cancelled):
        return
    text, internal = error_text(exc)
    if internal:
        from casetracker.crashlog import write_error_log

        log.error("internal error", exc_info=exc)
        where = write_error_log(exc)
        text = QMessageBox.tr(
            "Something went wrong inside CaseTracker; the failed step was not completed. "
            "Details for support: %1"
        ).replace("%1", str(where) if where else type(exc).__name__)
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, context or text, parent=parent)
    if context:
        box.setInformativeText(text)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def confirm_delete(parent: QWidget, what: str, title: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(parent.tr("Delete"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(parent.tr("Delete this %1?").replace("%1", what))
    box.setInformativeText((title + "\n\n" if title else "") + parent.tr("This cannot be undone."))
    delete = box.addButton(parent.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is delete


def ask_unsaved(parent: QWidget, title: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel for a record with unsaved edits."""
    box = QMessageBox(parent)
    box.setObjectName("unsavedPrompt")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(parent.tr("You have unsaved changes."))
    box.setInformativeText(
        (title + "\n\n" if title else "") + parent.tr("Save them before leaving?")
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return QMessageBox.StandardButton(box.exec())


class ConflictDialog(QDialog):
    """Someone saved the record first: show theirs beside mine, never overwrite."""

    RELOAD = "reload"
    REAPPLY = "reapply"
    KEEP = "keep"

    def __init__(
        self,
        parent: QWidget,
        loaded: Any,
        theirs: Any,
        mine: dict[str, Any],
        display: Callable[..., str],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Changed elsewhere"))
        self.choice = self.KEEP
        intro = QLabel(
            self.tr(
                "Someone else saved this record after you opened it. Nothing was "
                "overwritten. Compare the two versions below."
            )
        )
        intro.setWordWrap(True)
        names = [n for n in theirs.values if loaded.values.get(n) != theirs.values.get(n)]
        names += [n for n in mine if n not in names]
        self.table = QTableWidget(len(names), 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                self.tr("When you opened it"),
                self.tr("Theirs (saved)"),
                self.tr("Yours (not saved)"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, name in enumerate(names):
            cells = [
                field_label(name),
                display(name, loaded.values.get(name), loaded),
                display(name, theirs.values.get(name), theirs),
                display(name, mine[name]) if name in mine else self.tr("(unchanged)"),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox()
        reload_button = QPushButton(self.tr("Reload theirs (drop my changes)"))
        reapply_button = QPushButton(self.tr("Put my changes on theirs"))
        keep_button = QPushButton(self.tr("Keep editing"))
        buttons.addButton(reapply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(reload_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        reload_button.setObjectName("reloadButton")
        reapply_button.setObjectName("reapplyButton")
        keep_button.setObjectName("keepButton")
        reload_button.clicked.connect(lambda: self._finish(self.RELOAD))
        reapply_button.clicked.connect(lambda: self._finish(self.REAPPLY))
        keep_button.clicked.connect(lambda: self._finish(self.KEEP))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 360)

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def ask(self) -> str:
        self.exec()
        return self.choice


def show_about(parent: QWidget, database: str) -> None:
    QMessageBox.about(
        parent,
        parent.tr("About %1").replace("%1", APP_NAME),
        parent.tr(
            "<h3>%1 %2</h3><p>Case records of detainees, advocacy letters, sanction requests "
            "and government responses, kept offline.</p><p>Database: %3</p>"
        )
        .replace("%1", APP_NAME)
        .replace("%2", __version__)
        .replace("%3", _escape(database)),
    )


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
