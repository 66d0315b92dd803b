"""Parts of a record edited in place (names, asks, status history, charges…)
and links to other records, each saved at once through the services."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casetracker.errors import CaseTrackerError, ValidationError
from casetracker.gui.dialogs import show_error
from casetracker.gui.fields import FieldWidget, ReferenceField, make_field
from casetracker.gui.labels import field_label, group_title, value_label
from casetracker.gui.tasks import Runner
from casetracker.partialdate import PartialDate
from casetracker.services import Services
from casetracker.services.children import ChildSpec, LinkSpec, child_fields
from casetracker.services.forms import FieldSpec

PART_TITLES = {
    "names": QT_TRANSLATE_NOOP("Parts", "Names"),
    "status_history": QT_TRANSLATE_NOOP("Parts", "Timeline"),
    "charges": QT_TRANSLATE_NOOP("Parts", "Charges"),
    "hearings": QT_TRANSLATE_NOOP("Parts", "Hearings"),
    "treatment": QT_TRANSLATE_NOOP("Parts", "Treatment"),
    "access": QT_TRANSLATE_NOOP("Parts", "Access"),
    "asks": QT_TRANSLATE_NOOP("Parts", "Asks"),
    "signatories": QT_TRANSLATE_NOOP("Parts", "Signatories"),
    "recipients": QT_TRANSLATE_NOOP("Parts", "Recipients"),
    "programs": QT_TRANSLATE_NOOP("Parts", "Programs"),
    "commitments": QT_TRANSLATE_NOOP("Parts", "Commitments"),
    "identifiers": QT_TRANSLATE_NOOP("Parts", "Identifiers"),
    "positions": QT_TRANSLATE_NOOP("Parts", "Positions"),
    "events": QT_TRANSLATE_NOOP("Parts", "Events"),
}

EXTRA_LABELS = {
    "name": QT_TRANSLATE_NOOP("Parts", "Name"),
    "script": QT_TRANSLATE_NOOP("Parts", "Script"),
    "language": QT_TRANSLATE_NOOP("Parts", "Language"),
    "changed_on": QT_TRANSLATE_NOOP("Parts", "Date"),
    "charged_on": QT_TRANSLATE_NOOP("Parts", "Charged on"),
    "legal_reference": QT_TRANSLATE_NOOP("Parts", "Legal reference"),
    "held_on": QT_TRANSLATE_NOOP("Parts", "Date"),
    "court_id": QT_TRANSLATE_NOOP("Parts", "Court"),
    "judge_name": QT_TRANSLATE_NOOP("Parts", "Judge"),
    "description": QT_TRANSLATE_NOOP("Parts", "Description"),
    "reported_on": QT_TRANSLATE_NOOP("Parts", "Reported on"),
    "observed_on": QT_TRANSLATE_NOOP("Parts", "Observed on"),
    "state": QT_TRANSLATE_NOOP("Parts", "State"),
    "note": QT_TRANSLATE_NOOP("Parts", "Note"),
    "text": QT_TRANSLATE_NOOP("Parts", "Text"),
    "status_note": QT_TRANSLATE_NOOP("Parts", "Status note"),
    "person_id": QT_TRANSLATE_NOOP("Parts", "Person"),
    "organization_id": QT_TRANSLATE_NOOP("Parts", "Organization"),
    "is_lead": QT_TRANSLATE_NOOP("Parts", "Lead signatory"),
    "signed_as": QT_TRANSLATE_NOOP("Parts", "Signed as"),
    "role": QT_TRANSLATE_NOOP("Parts", "Role"),
    "addressed_as": QT_TRANSLATE_NOOP("Parts", "Addressed as"),
    "program_key": QT_TRANSLATE_NOOP("Parts", "Program"),
    "due_on": QT_TRANSLATE_NOOP("Parts", "Due"),
    "scheme": QT_TRANSLATE_NOOP("Parts", "Scheme"),
    "value": QT_TRANSLATE_NOOP("Parts", "Value"),
    "constituency": QT_TRANSLATE_NOOP("Parts", "Constituency"),
    "party": QT_TRANSLATE_NOOP("Parts", "Party"),
    "start_date": QT_TRANSLATE_NOOP("Parts", "From"),
    "end_date": QT_TRANSLATE_NOOP("Parts", "To"),
    "occurred_on": QT_TRANSLATE_NOOP("Parts", "Date"),
    "place": QT_TRANSLATE_NOOP("Parts", "Place"),
}

FIELD_HINTS = {
    "script": QT_TRANSLATE_NOOP("Parts", "ISO 15924 code: Armn, Cyrl, Latn…"),
    "language": QT_TRANSLATE_NOOP("Parts", "Language code: hy, ru, az, en…"),
}


def part_title(key: str) -> str:
    return group_title(key) if key not in PART_TITLES else _tr(PART_TITLES[key])


def part_field_label(name: str) -> str:
    return _tr(EXTRA_LABELS[name]) if name in EXTRA_LABELS else field_label(name)


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Parts", text)


def cell_text(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    if f"{name}:label" in row:
        return str(row[f"{name}:label"])
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if name.endswith(("_on", "_date")):
        try:
            return PartialDate.coerce(value).display()  # type: ignore[union-attr]
        except Exception:
            return str(value)
    if name in ("status", "kind", "state", "role", "position"):
        return value_label(value)
    return str(value)


def choice_cell(
    table: QTableWidget,
    r: int,
    c: int,
    row_id: Any,
    codes: Sequence[str],
    current: Any,
    on_chosen: Any,
    *,
    blank: bool = False,
) -> QComboBox:
    """A chooser of codes in a table cell, calling ``on_chosen(code)`` when the user
    picks one. The one already there for the same row is reused: a refresh after a
    change runs inside the combo's own signal, and deleting it there would crash."""
    combo = table.cellWidget(r, c)
    if not isinstance(combo, QComboBox) or combo.property("rowId") != str(row_id):
        combo = QComboBox()
        combo.setProperty("rowId", str(row_id))
        if blank:
            combo.addItem("—", None)
        for code in codes:
            combo.addItem(value_label(code), code)
        combo.activated.connect(lambda _i, box=combo: on_chosen(box.currentData()))
        table.setCellWidget(r, c, combo)
    combo.blockSignals(True)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)
    return combo


class AddDialog(QDialog):
    """A small form for one new row of a part."""

    def __init__(
        self, parent: QWidget, title: str, fields: list[FieldSpec], services: Services
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("addPartDialog")
        self.widgets: dict[str, FieldWidget] = {}
        self.errors: dict[str, QLabel] = {}
        layout = QFormLayout()
        for spec in fields:
            widget = make_field(
                spec, lambda kind, text: services.lookup.find(kind, text, limit=20), self
            )
            widget.set_value(None)
            error = QLabel()
            error.setStyleSheet("color: #b00020;")
            error.hide()
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.addWidget(widget)
            cell_layout.addWidget(error)
            hint = FIELD_HINTS.get(spec.name)
            if hint:
                widget.setToolTip(_tr(hint))
                if hasattr(widget, "edit") and hasattr(widget.edit, "setPlaceholderText"):
                    widget.edit.setPlaceholderText(_tr(hint))
            layout.addRow(part_field_label(spec.name) + (" *" if spec.required else ""), cell)
            self.widgets[spec.name] = widget
            self.errors[spec.name] = error
        self.general = QLabel()
        self.general.setStyleSheet("color: #b00020;")
        self.general.setWordWrap(True)
        self.general.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(self.general)
        outer.addWidget(buttons)
        self.submit: Any = None
        self.setMinimumWidth(460)

    def values(self) -> dict[str, Any]:
        return {name: w.value() for name, w in self.widgets.items()}

    def show_problems(self, exc: ValidationError) -> None:
        other = []
        for problem in exc.problems:
            label = self.errors.get(problem.field)
            if label is None:
                other.append(str(problem))
            else:
                label.setText(problem.problem)
                label.show()
        self.general.setText("\n".join(other))
        self.general.setVisible(bool(other))

    def _try_accept(self) -> None:
        for label in self.errors.values():
            label.hide()
        local = {n: w.local_problem() for n, w in self.widgets.items() if w.local_problem()}
        if local:
            self.show_problems(
                ValidationError([_problem(n, p) for n, p in local.items() if p is not None])
            )
            return
        if self.submit is not None:
            try:
                self.submit(self.values())
            except ValidationError as exc:
                self.show_problems(exc)
                return
            except CaseTrackerError as exc:  # the record is gone, changed elsewhere…
                self.general.setText(str(exc))
                self.general.show()
                return
        self.accept()


def _problem(name: str, text: str) -> Any:
    from casetracker.errors import FieldProblem

    return FieldProblem(name, text)


class PartTable(QWidget):
    """The rows of one part of the current record, with Add, Remove and (for asks) order."""

    changed = Signal()

    def __init__(
        self,
        kind: str,
        spec: ChildSpec,
        services: Services,
        runner: Runner,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.spec = spec
        self.services = services
        self.runner = runner
        self.undo_stack = undo_stack
        self.parent_id: Any = None
        self.rows: list[dict[str, Any]] = []
        self.fields = child_fields(spec)
        self.setObjectName(f"part_{spec.key}")
        self.table = QTableWidget(0, len(spec.fields))
        self.table.setHorizontalHeaderLabels([part_field_label(n) for n in spec.fields])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if spec.key in ("asks", "commitments"):
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setStretchLastSection(False)
        self.table.viewport().installEventFilter(self)
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.clicked.connect(self.add_dialog)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        if spec.ordered:
            self.up_button = QPushButton(self.tr("Move up"))
            self.down_button = QPushButton(self.tr("Move down"))
            self.up_button.clicked.connect(lambda: self.move_selected(-1))
            self.down_button.clicked.connect(lambda: self.move_selected(+1))
            buttons.addWidget(self.up_button)
            buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.set_parent(None)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.table.resizeRowsToContents()
        return False

    # ---------------------------------------------------------------- contents
    def set_parent(self, parent_id: Any) -> None:
        self.parent_id = parent_id
        self.setEnabled(parent_id is not None)
        self.refresh()

    def refresh(self) -> None:
        if self.parent_id is None:
            self.rows = []
        else:
            self.rows = self.services.children.rows(self.kind, self.spec.key, self.parent_id)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, name in enumerate(self.spec.fields):
                if name in self.spec.editable and name == "status":
                    self._show_status_combo(r, c, row, name)
                    continue
                self.table.removeCellWidget(r, c)
                item = QTableWidgetItem(cell_text(row, name))
                item.setToolTip(item.text() if len(item.text()) > 40 else "")
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

    def _show_status_combo(self, r: int, c: int, row: dict[str, Any], name: str) -> None:
        spec = next(f for f in self.fields if f.name == name)
        rid = row["id"]
        combo = choice_cell(
            self.table,
            r,
            c,
            rid,
            spec.choices,
            row.get(name),
            lambda value: self._status_chosen(rid, name, value),
        )
        combo.setObjectName(f"{self.spec.key}_{name}")

    def _status_chosen(self, child_id: Any, name: str, value: Any) -> None:
        current = next((row for row in self.rows if row["id"] == child_id), None)
        if current is not None:
            self.set_field(child_id, name, current.get(name), value)

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    # ---------------------------------------------------------------- actions
    def add_dialog(self) -> None:
        dialog = AddDialog(
            self,
            self.tr("Add to %1").replace("%1", part_title(self.spec.key)),
            self.fields,
            self.services,
        )
        dialog.submit = self.add
        dialog.exec()

    def add(self, values: dict[str, Any]) -> None:
        """Add a row now (raises ValidationError for the dialog to show)."""
        self.services.children.add(self.kind, self.spec.key, self.parent_id, values)
        self.refresh()
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        from casetracker.gui.dialogs import confirm_delete

        child_id = self.rows[row]["id"]
        text = cell_text(self.rows[row], self.spec.fields[0])
        if not confirm_delete(self, part_title(self.spec.key), text):
            return
        self._run(lambda: self.services.children.remove(self.kind, self.spec.key, child_id))

    def set_field(self, child_id: Any, name: str, old: Any, new: Any) -> None:
        """Change one field of a row (an ask's status), as an undoable step."""
        if old == new:
            return
        self.undo_stack.push(_SetPartField(self, child_id, name, old, new))

    def _write_field(self, child_id: Any, name: str, value: Any) -> None:
        self._run(
            lambda: self.services.children.update(self.kind, self.spec.key, child_id, {name: value})
        )

    def move_selected(self, delta: int) -> None:
        row = self.selected_row()
        if row is None:
            return
        target = row + delta
        if not 0 <= target < len(self.rows):
            return
        self.undo_stack.push(_MovePart(self, self.rows[row]["id"], row, target))
        self.table.selectRow(target)

    def _move(self, child_id: Any, to: int) -> None:
        self._run(
            lambda: self.services.children.move(
                self.kind, self.spec.key, self.parent_id, child_id, to
            )
        )

    def _run(self, task: Any) -> None:
        def done(_result: Any) -> None:
            self.refresh()
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self.refresh()
            show_error(self, exc, self.tr("The change could not be saved."))

        self.runner.run(task, done, failed)


class _SetPartField(QUndoCommand):
    def __init__(self, table: PartTable, child_id: Any, name: str, old: Any, new: Any) -> None:
        super().__init__(
            table.tr("Set %1 to %2")
            .replace("%1", part_field_label(name))
            .replace("%2", value_label(new))
        )
        self.table, self.child_id, self.name, self.old, self.new = table, child_id, name, old, new

    def redo(self) -> None:
        self.table._write_field(self.child_id, self.name, self.new)

    def undo(self) -> None:
        self.table._write_field(self.child_id, self.name, self.old)


class _MovePart(QUndoCommand):
    def __init__(self, table: PartTable, child_id: Any, start: int, end: int) -> None:
        super().__init__(table.tr("Reorder %1").replace("%1", part_title(table.spec.key)))
        self.table, self.child_id, self.start, self.end = table, child_id, start, end

    def redo(self) -> None:
        self.table._move(self.child_id, self.end)

    def undo(self) -> None:
        self.table._move(self.child_id, self.start)


class LinkList(QWidget):
    """Records linked to the current one, with a type-ahead picker to add more."""

    changed = Signal()
    open_record = Signal(str, object)

    def __init__(
        self,
        kind: str,
        spec: LinkSpec,
        services: Services,
        runner: Runner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.spec = spec
        self.services = services
        self.runner = runner
        self.parent_id: Any = None
        self.setObjectName(f"link_{spec.key}")
        picker_spec = FieldSpec(spec.key, "link", "reference", False, reference=spec.target_kind)
        self.picker = ReferenceField(
            picker_spec, lambda kind, text: services.lookup.find(kind, text, limit=20), self
        )
        self.link_button = QPushButton(self.tr("Link"))
        self.link_button.clicked.connect(self.link_picked)
        self.unlink_button = QPushButton(self.tr("Unlink"))
        self.unlink_button.clicked.connect(self.unlink_selected)
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(self._open)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.link_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.unlink_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self.set_parent(None)

    def set_parent(self, parent_id: Any) -> None:
        self.parent_id = parent_id
        self.setEnabled(parent_id is not None)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if self.parent_id is None:
            return
        for choice in self.services.children.linked(self.kind, self.spec.key, self.parent_id):
            item = QListWidgetItem(choice.label + (f" — {choice.detail}" if choice.detail else ""))
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            self.list.addItem(item)

    def linked_labels(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def link_picked(self) -> None:
        target = self.picker.value()
        if target is None or self.parent_id is None:
            return
        self.picker.set_value(None)
        self._run(
            lambda: self.services.children.link(self.kind, self.spec.key, self.parent_id, target)
        )

    def link_to(self, target_id: Any) -> None:
        self._run(
            lambda: self.services.children.link(self.kind, self.spec.key, self.parent_id, target_id)
        )

    def unlink_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        target = item.data(Qt.ItemDataRole.UserRole)
        self._run(
            lambda: self.services.children.unlink(self.kind, self.spec.key, self.parent_id, target)
        )

    def _open(self, item: QListWidgetItem) -> None:
        self.open_record.emit(self.spec.target_kind, item.data(Qt.ItemDataRole.UserRole))

    def _run(self, task: Any) -> None:
        def done(_result: Any) -> None:
            self.refresh()
            self.changed.emit()

        self.runner.run(
            task, done, lambda exc: show_error(self, exc, self.tr("The link could not be saved."))
        )


class AskPositions(QWidget):
    """What a response says to each ask of the letters it replies to."""

    changed = Signal()
    COLUMNS = ("letter", "number", "text", "position", "note")

    def __init__(
        self,
        services: Services,
        runner: Runner,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.undo_stack = undo_stack
        self.response_id: Any = None
        self.rows: list[dict[str, Any]] = []
        self.setObjectName("askPositions")
        self.hint = QLabel(
            self.tr("Link the letters this response replies to; their asks appear here.")
        )
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Letter"), "#", self.tr("Ask"), self.tr("Position"), self.tr("Note")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        self.set_parent(None)

    def set_parent(self, response_id: Any) -> None:
        self.response_id = response_id
        self.setEnabled(response_id is not None)
        self.refresh()

    def refresh(self) -> None:
        self.rows = (
            self.services.children.ask_positions(self.response_id)
            if self.response_id is not None
            else []
        )
        self.hint.setVisible(not self.rows)
        self.table.setRowCount(len(self.rows))
        choices = _position_choices()
        for r, row in enumerate(self.rows):
            for c, name in enumerate(self.COLUMNS):
                if name == "position":
                    ask_id = row["id"]
                    choice_cell(
                        self.table,
                        r,
                        c,
                        ask_id,
                        choices,
                        row["position"],
                        lambda value, a=ask_id: self._chosen(a, value),
                        blank=True,
                    )
                    continue
                value = row.get(name)
                item = QTableWidgetItem("" if value is None else str(value))
                item.setToolTip(item.text() if len(item.text()) > 40 else "")
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

    def position_of(self, ask_id: Any) -> Any:
        return next((row["position"] for row in self.rows if row["id"] == ask_id), None)

    def _chosen(self, ask_id: Any, position: Any) -> None:
        old = self.position_of(ask_id)
        if old != position:
            self.undo_stack.push(_SetAskPosition(self, ask_id, old, position))

    def _write(self, ask_id: Any, position: Any) -> None:
        def done(_r: Any) -> None:
            self.refresh()
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self.refresh()
            show_error(self, exc, self.tr("The position could not be saved."))

        response_id = self.response_id
        self.runner.run(
            lambda: self.services.children.set_ask_position(response_id, ask_id, position),
            done,
            failed,
        )


def _position_choices() -> tuple[str, ...]:
    from casetracker.models.enums import AskPositionKind

    return tuple(str(p.value) for p in AskPositionKind)


class _SetAskPosition(QUndoCommand):
    def __init__(self, widget: AskPositions, ask_id: Any, old: Any, new: Any) -> None:
        super().__init__(widget.tr("Set the position on an ask"))
        self.widget, self.ask_id, self.old, self.new = widget, ask_id, old, new

    def redo(self) -> None:
        self.widget._write(self.ask_id, self.new)

    def undo(self) -> None:
        self.widget._write(self.ask_id, self.old)


class DocumentsPart(QWidget):
    """Files attached to the record (kept inside the database): add, save a copy, remove."""

    changed = Signal()

    def __init__(
        self, kind: str, services: Services, runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.services = services
        self.runner = runner
        self.parent_id: Any = None
        self.rows: list[dict[str, Any]] = []
        self.setObjectName("documents")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Type"), self.tr("Size"), self.tr("Added")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("Add file…"))
        self.add_button.clicked.connect(self.add_dialog)
        self.save_button = QPushButton(self.tr("Save a copy…"))
        self.save_button.clicked.connect(self.save_dialog)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(self.tr("Files are stored inside the database, up to 200 MB each."))
        note.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.set_parent(None)

    def set_parent(self, parent_id: Any) -> None:
        self.parent_id = parent_id
        self.setEnabled(parent_id is not None)
        self.refresh()

    def refresh(self) -> None:
        self.rows = (
            self.services.documents.rows(self.kind, self.parent_id)
            if self.parent_id is not None
            else []
        )
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            added = row["created_at"].astimezone().strftime("%Y-%m-%d %H:%M")
            cells = [row["original_name"], row["media_type"], _size(row["size"]), added]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def names(self) -> list[str]:
        return [row["original_name"] for row in self.rows]

    def _selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def add_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        parent_id = self.parent_id

        def attach() -> int:
            for path in paths:
                self.services.documents.add_file(self.kind, parent_id, path)
            return len(paths)

        self._run(attach, self.tr("The file could not be attached."))

    def save_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        row = self._selected()
        if row is None:
            return
        suggested = Path(str(row["original_name"]).replace("\\", "/")).name or "document"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy"), str(Path.home() / suggested)
        )
        if path:
            self.save_to(row["id"], Path(path))

    def save_to(self, attachment_id: Any, destination: Path) -> None:
        self._run(
            lambda: self.services.documents.save_to(attachment_id, destination),
            self.tr("The copy could not be saved."),
            refresh=False,
        )

    def remove_selected(self) -> None:
        from casetracker.gui.dialogs import confirm_delete

        row = self._selected()
        if row is None:
            return
        if confirm_delete(self, self.tr("document"), str(row["original_name"])):
            attachment_id = row["id"]
            self._run(
                lambda: self.services.documents.remove(attachment_id),
                self.tr("The document could not be removed."),
            )

    def _run(self, task: Any, failure: str, *, refresh: bool = True) -> None:
        def done(_result: Any) -> None:
            if refresh:
                self.refresh()
                self.changed.emit()

        self.runner.run(task, done, lambda exc: show_error(self, exc, failure))


def _size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB"):
        if value < 1024 or unit == "MB":
            return f"{value:,.0f} {unit}" if unit == "bytes" else f"{value:,.1f} {unit}"
        value /= 1024
    return f"{size:,} bytes"  # pragma: no cover
