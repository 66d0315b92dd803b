"""The History tab of a record: every change, newest first, field by field,
with "Revert this field" and "Restore this version".

The entries are read on the worker (:func:`load_history`) when the tab is shown
and after every save; the table only shows what it is handed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casetracker.errors import CaseTrackerError
from casetracker.gui.dialogs import show_error
from casetracker.gui.history_rows import (
    ACTION_WORDS,
    FORM_ENTITIES,
    TEXTS,
    HistoryData,
    HistoryRow,
    Shower,
    elide,
    load_history,
    local_time,
    translate,
)
from casetracker.gui.labels import field_label, record_name
from casetracker.gui.tasks import Runner
from casetracker.services import Services
from casetracker.services.forms import FormData
from casetracker.services.history import RevertResult

ERROR_STYLE = "color: #b00020;"


class HistoryPanel(QWidget):
    """The History tab: a record's changes, newest first; revert or restore."""

    reverted = Signal(object)  # the record id: its form, parts and history are stale
    COLUMNS = ("when", "who", "what", "part", "field", "change")

    def __init__(
        self,
        kind: str,
        services: Services,
        runner: Runner,
        confirm_clean: Callable[[], bool],
        form: Callable[[], FormData | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.services = services
        self.runner = runner
        self.confirm_clean = confirm_clean
        self.form = form
        self.record_id: Any = None
        self.data: HistoryData | None = None
        self.history_rows: list[HistoryRow] = []
        self._stale = False
        self._token = 0
        self.setObjectName("historyPanel")

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("What"),
                self.tr("Part"),
                self.tr("Field"),
                self.tr("Change"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.revert_field_button = QPushButton(self.tr("Revert this field…"))
        self.revert_field_button.setObjectName("revertFieldButton")
        self.revert_field_button.setToolTip(
            self.tr("Put the selected field back to the value it had before this change")
        )
        self.revert_field_button.clicked.connect(self.revert_field)
        self.restore_button = QPushButton(self.tr("Restore this version…"))
        self.restore_button.setObjectName("restoreVersionButton")
        self.restore_button.setToolTip(
            self.tr("Put every field of the record back as it was just after this entry")
        )
        self.restore_button.clicked.connect(self.restore_version)
        self.message = QLabel()
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.revert_field_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._selection_changed()

    # ---------------------------------------------------------------- loading
    def set_record(self, record_id: Any) -> None:
        """Show ``record_id``'s history (read when the tab is shown)."""
        if str(record_id) != str(self.record_id):
            self._say("")
        self.record_id = record_id
        self.refresh()

    def refresh(self) -> None:
        """Read the history again now if the tab is shown, else when it is."""
        self._stale = True
        self._token += 1
        if self.record_id is None:
            self._show(None)
        elif self.isVisible():
            self._load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.record_id is not None:
            self._load()

    def _load(self) -> None:
        self._stale = False
        token = self._token
        record_id, kind, services = self.record_id, self.kind, self.services

        def done(data: HistoryData) -> None:
            if token == self._token:
                self._show(data)

        def failed(exc: BaseException) -> None:
            if token != self._token:
                return
            self._show(None)
            if isinstance(exc, CaseTrackerError):
                self._say(self.tr("The history cannot be read: %1").replace("%1", str(exc)), True)
            else:
                show_error(self, exc, self.tr("The history cannot be read."))

        self.runner.run(lambda: load_history(services, kind, record_id), done, failed)

    def _show(self, data: HistoryData | None) -> None:
        self.data = data
        self.history_rows = Shower(self.kind, data).rows() if data is not None else []
        self.table.setRowCount(0)
        self.table.setRowCount(len(self.history_rows))
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for row, line in enumerate(self.history_rows):
            item = line.item
            cells = (
                local_time(item.at) if line.first else "",
                item.actor if line.first else "",
                translate(ACTION_WORDS.get(item.action, item.action)) if line.first else "",
                line.part,
                line.field_label,
                line.change,
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 0:
                    cell.setData(Qt.ItemDataRole.UserRole, row)
                    cell.setToolTip(translate(TEXTS["entry"]).replace("%1", str(item.seq)))
                if column == 5 and line.tooltip:
                    cell.setToolTip(line.tooltip)
                if item.purged:
                    cell.setForeground(muted)
                self.table.setItem(row, column, cell)
        for column in range(len(self.COLUMNS) - 1):  # the change takes what is left
            self.table.resizeColumnToContents(column)
        self._selection_changed()

    def rows(self) -> list[dict[str, str]]:
        """The rows as shown (for tests and screen readers)."""
        return [
            {
                name: self.table.item(r, c).text() if self.table.item(r, c) else ""
                for c, name in enumerate(self.COLUMNS)
            }
            for r in range(self.table.rowCount())
        ]

    # ---------------------------------------------------------------- selecting
    def selected(self) -> HistoryRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.history_rows):
            return None
        return self.history_rows[rows[0].row()]

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _selection_changed(self) -> None:
        line = self.selected()
        self.revert_field_button.setEnabled(
            line is not None and line.revertable and not line.item.purged
        )
        self.restore_button.setEnabled(line is not None and bool(self._targets(line)))

    def _targets(self, line: HistoryRow) -> list[tuple[str, uuid.UUID]]:
        """The records of the form that existed at ``line``'s entry."""
        if self.data is None or line.item.purged:
            return []
        return [
            (entity, rid)
            for entity, rid in self.data.own.items()
            if any(i.record_id == rid and i.seq <= line.item.seq for i in self.data.items)
        ]

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if problem else "")
        self.message.setVisible(bool(text))

    # ---------------------------------------------------------------- reverting
    def _ask(self, text: str, detail: str, action: str) -> bool:
        box = QMessageBox(self)
        box.setObjectName("historyConfirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("History"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.setInformativeText(detail)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(action)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _version(self, entity: str) -> int | None:
        """The version the form was loaded at, so a change made elsewhere is not undone
        blindly."""
        form = self.form()
        if form is None or self.data is None or entity not in self.data.own:
            return None
        part = next((p for p, e in FORM_ENTITIES.items() if e == entity), "")
        return form.versions.get(part)

    def revert_field(self) -> None:
        """Put the selected field back to its value before the selected change."""
        line = self.selected()
        if line is None or not line.revertable or line.field is None or self.data is None:
            return
        old = line.item.changes[[c.field for c in line.item.changes].index(line.field)].old
        shown = Shower(self.kind, self.data).value(line.item.entity, line.field, old)
        what = line.field_label + (f" ({line.part})" if line.part else "")
        if not self._ask(
            self.tr("Put %1 back to “%2”?").replace("%1", what).replace("%2", elide(shown, 120)),
            self.tr(
                "The value it had before the change of %1. The revert is kept in the history."
            ).replace("%1", local_time(line.item.at)),
            self.tr("Revert"),
        ):
            return
        if not self.confirm_clean():
            return
        seq, name, entity = line.item.seq, line.field, line.item.entity
        version = self._version(entity) if line.own else None

        def write() -> RevertResult:
            return self.services.history.revert_field(seq, name, expected_version=version)

        def done(_result: RevertResult) -> None:
            self._say(
                self.tr("%1 is back to “%2”.").replace("%1", what).replace("%2", elide(shown))
            )
            self.reverted.emit(self.record_id)

        self.runner.run(write, done, lambda exc: self._failed(exc, self.tr("Nothing was reverted")))

    def restore_version(self) -> None:
        """Put the record back as it was just after the selected entry."""
        line = self.selected()
        targets = self._targets(line) if line is not None else []
        if line is None or not targets:
            return
        if not self._ask(
            self.tr("Put this %1 back as it was on %2?")
            .replace("%1", record_name(self.kind))
            .replace("%2", local_time(line.item.at)),
            self.tr(
                "Every field changed since then gets its value of that moment back. Parts "
                "(asks, hearings…) and links stay as they are. The restore is kept in the "
                "history and can itself be reverted."
            ),
            self.tr("Restore"),
        ):
            return
        if not self.confirm_clean():
            return
        seq = line.item.seq
        versions = {entity: self._version(entity) for entity, _rid in targets}
        services = self.services

        def write() -> list[RevertResult]:
            with services.db.transaction():  # the person and the detention, or neither
                return [
                    services.history.revert_record(e, rid, seq, expected_version=versions[e])
                    for e, rid in targets
                ]

        def done(results: list[RevertResult]) -> None:
            changed = [field_label(n) for r in results for n in r.fields]
            skipped = [n for r in results for n in r.not_restored]
            if changed:
                text = self.tr("Restored as on %1: %2.").replace("%1", local_time(line.item.at))
                text = text.replace("%2", ", ".join(changed))
            else:
                text = self.tr("Nothing to change: the fields are as they were then.")
            if skipped:
                text += " " + self.tr("Not restored (they follow other records): %1.").replace(
                    "%1", ", ".join(field_label(n) for n in skipped)
                )
            self._say(text)
            self.reverted.emit(self.record_id)

        self.runner.run(write, done, lambda exc: self._failed(exc, self.tr("Nothing was restored")))

    def _failed(self, exc: BaseException, context: str) -> None:
        if isinstance(exc, CaseTrackerError):
            self._say(f"{context}: {exc}", True)
            self.refresh()
        else:
            show_error(self, exc, context)
