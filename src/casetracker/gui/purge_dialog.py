"""Purge a record for good: a dialog that says what it does, asks why, and
wants the word PURGE typed before it goes ahead; then the purge on the worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casetracker import APP_NAME
from casetracker.gui.dialogs import show_error
from casetracker.gui.labels import record_name

if TYPE_CHECKING:
    from casetracker.gui.list_page import ListPage
    from casetracker.services.purge import PurgeReport

WARNING_STYLE = "color: #b00020; font-weight: bold;"


def is_confidential(page: ListPage) -> bool:
    form = page.editor.form
    return form is not None and form.values.get("sensitivity") == "confidential"


def update_action(action: QAction, page: ListPage | None) -> None:
    """Enable Edit › Purge for a shown record; bold, and say so, for a confidential one."""
    shown = page is not None and page.editor.record_id is not None
    confidential = page is not None and shown and is_confidential(page)
    action.setEnabled(shown)
    font = action.font()
    font.setBold(confidential)
    action.setFont(font)
    action.setText(
        QCoreApplication.translate("PurgeDialog", "&Purge this confidential record…")
        if confidential
        else QCoreApplication.translate("PurgeDialog", "&Purge this record…")
    )


class PurgeDialog(QDialog):
    """Explains the purge; Purge is enabled once a reason is given and PURGE typed."""

    def __init__(
        self, what: str, title: str, confidential: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("purgeDialog")
        self.setWindowTitle(self.tr("Purge this %1").replace("%1", what))
        self.word = self.tr("PURGE")
        heading = QLabel(self.tr("Purge “%1”?").replace("%1", title or what))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        explain = QLabel(
            self.tr(
                "A purge removes this %1 for good: the record, its parts (names, asks, "
                "hearings…), its links, its attached files and their text are erased from the "
                "database file, and its history is blanked. The history keeps only the fact "
                "that a purge happened, when, by whom and the reason you give below.\n\n"
                "It takes a moment: the database file is rewritten so that no trace is left "
                "in it.\n\n"
                "It cannot be undone. Copies in backups made earlier remain until those "
                "backups are deleted."
            ).replace("%1", what)
        )
        explain.setWordWrap(True)
        explain.setTextFormat(Qt.TextFormat.PlainText)
        self.confidential_label = QLabel(
            self.tr("This record is confidential. Purge it if it must not be kept anywhere.")
        )
        self.confidential_label.setStyleSheet(WARNING_STYLE)
        self.confidential_label.setWordWrap(True)
        self.confidential_label.setVisible(confidential)
        self.reason = QLineEdit()
        self.reason.setObjectName("purgeReason")
        self.reason.setPlaceholderText(
            self.tr("Why it is purged (kept in the history: do not name anyone)")
        )
        self.confirm = QLineEdit()
        self.confirm.setObjectName("purgeConfirm")
        self.confirm.setPlaceholderText(self.word)
        confirm_label = QLabel(self.tr("Type %1 to confirm:").replace("%1", self.word))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.purge_button = QPushButton(self.tr("Purge"))
        self.purge_button.setObjectName("purgeButton")
        buttons.addButton(self.purge_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.purge_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.confidential_label)
        layout.addWidget(explain)
        layout.addWidget(QLabel(self.tr("Reason:")))
        layout.addWidget(self.reason)
        layout.addWidget(confirm_label)
        layout.addWidget(self.confirm)
        layout.addWidget(buttons)
        self._update()
        explain.setMinimumWidth(520)  # wrapped text gets the height it needs

    def ready(self) -> bool:
        return bool(self.reason.text().strip()) and self.confirm.text().strip() == self.word

    def _update(self) -> None:
        self.purge_button.setEnabled(self.ready())

    def accept(self) -> None:
        if self.ready():
            super().accept()


def purge_record(page: ListPage) -> None:
    """Edit › Purge this record…: ask, purge on the worker, refresh, summarise."""
    form = page.editor.form
    if form is None or form.id is None:
        return
    kind, record_id = page.kind, form.id
    dialog = PurgeDialog(record_name(kind), form.title, is_confidential(page), page)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    reason = dialog.reason.text().strip()
    busy = QProgressDialog(
        QCoreApplication.translate("PurgeDialog", "Purging and compacting the database…"),
        "",
        0,
        0,
        page,
    )
    busy.setObjectName("purgeProgress")
    busy.setWindowTitle(APP_NAME)
    busy.setCancelButton(None)  # type: ignore[arg-type]  # a purge is not stopped halfway
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(0)
    busy.setAutoClose(False)
    busy.setAutoReset(False)
    busy.show()
    services = page.services

    def finish() -> None:
        busy.reset()
        busy.hide()
        busy.deleteLater()
        page.editor.new_record()
        page.editor.deleted.emit(kind, record_id)  # the page forgets it, the list reloads

    def done(report: PurgeReport) -> None:
        finish()
        _summary(page, report)

    def failed(exc: BaseException) -> None:
        busy.reset()
        busy.hide()
        busy.deleteLater()
        show_error(page, exc, QCoreApplication.translate("PurgeDialog", "Nothing was purged."))

    page.runner.run(lambda: services.purge.purge(kind, record_id, reason=reason), done, failed)


def _summary(parent: QWidget, report: Any) -> None:
    box = QMessageBox(parent)
    box.setObjectName("purgeSummary")
    box.setWindowTitle(APP_NAME)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setIcon(QMessageBox.Icon.Information if report.compacted else QMessageBox.Icon.Warning)
    box.setText(
        QCoreApplication.translate(
            "PurgeDialog", "Purged: %1 rows removed, %2 history entries blanked."
        )
        .replace("%1", f"{report.records:,}")
        .replace("%2", f"{report.history_blanked:,}")
    )
    box.setInformativeText("\n".join(f"• {note}" for note in report.notes))
    box.exec()
