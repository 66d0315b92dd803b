"""The record editor: a form built from the record kind's fields, with undo,
validation shown at each field, and optimistic locking on save."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casetracker.errors import ConflictError, NotFoundError, ValidationError
from casetracker.gui.dialogs import ConflictDialog, show_error
from casetracker.gui.fields import FieldWidget, ReferenceField, make_field
from casetracker.gui.labels import field_label, record_name
from casetracker.gui.tasks import ImmediateRunner, Runner
from casetracker.services import Services
from casetracker.services.forms import FormData

ERROR_STYLE = "color: #b00020;"


class FieldEdit(QUndoCommand):
    """One edit of one field; consecutive typing in the same field merges."""

    def __init__(self, editor: RecordEditor, name: str, old: Any, new: Any) -> None:
        super().__init__(editor.tr("Edit %1").replace("%1", field_label(name)))
        self.editor = editor
        self.name = name
        self.old = old
        self.new = new
        self._first = True

    def id(self) -> int:
        return 1000 + list(self.editor.widgets).index(self.name)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEdit) or other.name != self.name:
            return False
        if self.editor.widgets[self.name].spec.kind not in (
            "text",
            "multiline",
            "partial_date",
            "int",
        ):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self._first:  # the widget already shows the new value
            self._first = False
        else:
            self.editor.show_value(self.name, self.new)
        self.editor.refresh_dirty()

    def undo(self) -> None:
        self.editor.show_value(self.name, self.old)
        self.editor.refresh_dirty()


class RecordEditor(QWidget):
    """Edits one record of ``kind``; nothing is written until Save."""

    saved = Signal(str, object)  # kind, id
    dirty_changed = Signal(bool)
    deleted = Signal(str, object)

    def __init__(
        self, kind: str, services: Services, runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.services = services
        self.runner = runner
        self.form: FormData | None = None
        self.undo_stack = QUndoStack(self)
        self._dirty = False
        self._busy = False
        self._extra_buttons: list[QPushButton] = []

        self.heading = QLabel()
        self.heading.setObjectName("editorHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = QLabel()
        self.subheading.setStyleSheet("color: palette(mid);")
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.setTextFormat(Qt.TextFormat.PlainText)
        self.general_error.hide()

        self.widgets: dict[str, FieldWidget] = {}
        self.errors: dict[str, QLabel] = {}
        form_host = QWidget()
        self.form_host = form_host
        host_layout = QVBoxLayout(form_host)
        host_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        host_layout.addLayout(form)
        host_layout.addStretch(1)  # few fields stay at the top, not spread out
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for spec in services.forms.fields(kind):
            widget = make_field(spec, self._lookup, form_host)
            widget.edited.connect(
                lambda old, new, name=spec.name: self._user_edited(name, old, new)
            )
            error = QLabel()
            error.setObjectName(f"error_{spec.name}")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.hide()
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(widget)
            cell_layout.addWidget(error)
            label = field_label(spec.name) + (" *" if spec.required else "")
            form.addRow(label, cell)
            self.widgets[spec.name] = widget
            self.errors[spec.name] = error

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form_host)

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self.revert)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self.request_delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.general_error)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.new_record()

    def add_button(self, text: str) -> QPushButton:
        """An extra action beside Save (enabled while a saved record is shown)."""
        button = QPushButton(text)
        self.buttons.insertWidget(2, button)
        self._extra_buttons.append(button)
        button.setEnabled(False)
        return button

    # ---------------------------------------------------------------- state
    @property
    def record_id(self) -> Any:
        return self.form.id if self.form else None

    def is_dirty(self) -> bool:
        return self._dirty

    def is_busy(self) -> bool:
        """A save is running on the worker."""
        return self._busy

    def changes(self) -> dict[str, Any]:
        """Fields whose shown value differs from the record as loaded."""
        if self.form is None:
            return {}
        shown = {name: w.value() for name, w in self.widgets.items()}
        return {k: v for k, v in shown.items() if v != self.form.values.get(k)}

    def refresh_dirty(self) -> None:
        dirty = bool(self.changes())
        self.save_button.setEnabled(dirty and not self._busy)
        self.revert_button.setEnabled(dirty and not self._busy)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def show_value(self, name: str, value: Any) -> None:
        widget = self.widgets[name]
        widget.set_value(value)
        if isinstance(widget, ReferenceField):
            label = ""
            if value is not None and widget.spec.reference:
                try:
                    label = self.services.lookup.label(widget.spec.reference, value)
                except NotFoundError:
                    label = self.tr("(deleted)")
            widget.set_label(label)
        self._check_local(name)

    def _user_edited(self, name: str, old: Any, new: Any) -> None:
        self._check_local(name)
        self.undo_stack.push(FieldEdit(self, name, old, new))

    def _check_local(self, name: str) -> None:
        problem = self.widgets[name].local_problem()
        self._show_error(name, problem)

    def _show_error(self, name: str, problem: str | None) -> None:
        label = self.errors[name]
        label.setText(problem or "")
        label.setVisible(bool(problem))

    def _clear_errors(self) -> None:
        for name in self.errors:
            self._show_error(name, None)
        self.general_error.hide()

    def _lookup(self, kind: str, text: str) -> list[Any]:
        return self.services.lookup.find(kind, text, limit=20)

    # ---------------------------------------------------------------- loading
    def new_record(self, person_id: Any = None) -> None:
        """A blank form; for detainees, ``person_id`` starts a new detention of that person."""
        self._apply(self.services.forms.blank(self.kind, person_id=person_id))
        self.heading.setText(self.tr("New %1").replace("%1", record_name(self.kind)))
        if person_id is not None and self.form is not None:
            self.heading.setText(
                self.tr("New detention of %1").replace("%1", self.form.title or "")
            )
        self.subheading.setText(self.tr("Fields marked * are required."))
        self.delete_button.setEnabled(False)

    def load(self, record_id: Any) -> None:
        """Show one record (discarding unsaved edits: ask the user first)."""
        self._apply(self.services.forms.load(self.kind, record_id))

    def refresh_saved(self) -> None:
        """Reload the record after a change made beside the form (a status added to
        the timeline), keeping the undo history and any edits in progress.

        Fields the user has not touched take the stored values; the versions
        move on only when no edited field was changed in the store, so a real
        conflict is still caught at save.
        """
        if self.form is None or self.form.id is None or self._busy:
            return
        fresh = self.services.forms.load(self.kind, self.form.id)
        if not self._dirty:
            self._apply(fresh, keep_undo=True)
            return
        edited = self.changes()
        if any(fresh.values.get(n) != self.form.values.get(n) for n in edited):
            return  # someone changed what is being edited: let save report it
        for name, value in fresh.values.items():
            if name not in edited and value != self.form.values.get(name):
                self.show_value(name, value)
        self.form = fresh
        self.refresh_dirty()

    def _apply(self, form: FormData, *, keep_undo: bool = False) -> None:
        self.form = form
        for name, widget in self.widgets.items():
            widget.set_value(form.values.get(name))
            if isinstance(widget, ReferenceField):
                widget.set_label(form.labels.get(name, ""))
        self._clear_errors()
        if not keep_undo:
            self.undo_stack.clear()
        self.heading.setText(form.title or self.tr("(untitled)"))
        version = next(iter(form.versions.values()), None)
        self.subheading.setText(
            self.tr("Saved version %1").replace("%1", str(version)) if version else ""
        )
        self.delete_button.setEnabled(form.id is not None)
        for button in self._extra_buttons:
            button.setEnabled(form.id is not None)
        self._dirty = True  # force a signal
        self.refresh_dirty()

    def revert(self) -> None:
        if self.form is not None:
            if self.form.id is None:
                self.new_record()
            else:
                self.load(self.form.id)

    # ---------------------------------------------------------------- saving
    def local_problems(self) -> dict[str, str]:
        problems = {}
        for name, widget in self.widgets.items():
            problem = widget.local_problem()
            if problem:
                problems[name] = problem
        return problems

    def save(self, *, wait: bool = False) -> bool:
        """Validate and save; False when nothing was saved (problems are shown).

        The write runs on the worker; with ``wait`` (answering "save before
        leaving?") it runs at once, so the answer is known before moving on.
        """
        if self.form is None or self._busy:
            return False
        self._clear_errors()
        local = self.local_problems()
        if local:
            for name, problem in local.items():
                self._show_error(name, problem)
            self._focus_first(local)
            return False
        changes = self.changes()
        if not changes and self.form.id is not None:
            return True
        form = self.form
        self._set_busy(True)
        outcome: dict[str, bool] = {}

        def done(saved: FormData) -> None:
            self._set_busy(False)
            outcome["ok"] = True
            if self.form is form:  # still showing what was saved
                self._apply(saved)
            self.saved.emit(self.kind, saved.id)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            outcome["ok"] = False
            self._save_failed(exc, changes)

        values = changes if form.id is not None else {**form.values, **changes}

        def write() -> FormData:
            return self.services.forms.save(self.kind, form.id, values, form.versions, form.preset)

        if wait:
            self.runner.wait()  # nothing else writes meanwhile
            ImmediateRunner().run(write, done, failed)
        else:
            self.runner.run(write, done, failed)
        return outcome.get("ok", False)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        # no typing while a save runs: its result replaces the fields
        self.form_host.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        self.refresh_dirty()

    def _save_failed(self, exc: BaseException, changes: dict[str, Any]) -> None:
        if isinstance(exc, ValidationError):
            unplaced = []
            for problem in exc.problems:
                if problem.field in self.errors:
                    self._show_error(problem.field, problem.problem)
                else:
                    unplaced.append(str(problem))
            if unplaced:
                self.general_error.setText("\n".join(unplaced))
                self.general_error.show()
            self._focus_first({p.field: p.problem for p in exc.problems})
        elif isinstance(exc, ConflictError):
            self._resolve_conflict(changes)
        elif isinstance(exc, NotFoundError):
            self.general_error.setText(
                self.tr(
                    "This record was deleted elsewhere. Your edits are still shown; "
                    "copy what you need before leaving this page."
                )
            )
            self.general_error.show()
        else:
            show_error(self, exc, self.tr("The record could not be saved."))

    def _focus_first(self, problems: dict[str, str]) -> None:
        for name in self.widgets:
            if name in problems:
                self.widgets[name].setFocus()
                return

    def _resolve_conflict(self, mine: dict[str, Any]) -> None:
        assert self.form is not None and self.form.id is not None
        try:
            theirs = self.services.forms.load(self.kind, self.form.id)
        except NotFoundError:
            self._save_failed(NotFoundError(), mine)
            return
        dialog = ConflictDialog(self, self.form, theirs, mine, self._display)
        choice = dialog.ask()
        if choice == ConflictDialog.RELOAD:
            self._apply(theirs)
        elif choice == ConflictDialog.REAPPLY:
            self._apply(theirs)
            for name, value in mine.items():
                old = self.widgets[name].value()
                self.show_value(name, value)
                self.undo_stack.push(FieldEdit(self, name, old, value))
            self.general_error.setText(
                self.tr("Your changes are now on top of the latest version. Check them, then save.")
            )
            self.general_error.show()
        else:
            self.general_error.setText(
                self.tr(
                    "Someone else saved this record since you opened it. "
                    "Reload it or compare before saving."
                )
            )
            self.general_error.show()

    def _display(self, name: str, value: Any, form: FormData | None = None) -> str:
        widget = self.widgets[name]
        if value is None:
            return "—"
        if isinstance(widget, ReferenceField):
            if form is not None and name in form.labels and form.values.get(name) == value:
                return form.labels[name]
            try:
                return self.services.lookup.label(widget.kind, value)
            except NotFoundError:
                return str(value)
        if widget.spec.kind == "choice":
            from casetracker.gui.labels import value_label

            return value_label(value)
        return str(value)

    # ---------------------------------------------------------------- deleting
    def request_delete(self) -> None:
        from casetracker.gui.dialogs import confirm_delete

        if self.form is None or self.form.id is None:
            return
        if not confirm_delete(self, record_name(self.kind), self.form.title):
            return
        form = self.form

        def done(_result: Any) -> None:
            self.deleted.emit(self.kind, form.id)
            self.new_record()

        self.runner.run(
            lambda: self.services.forms.delete(self.kind, form.id, form.versions),
            done,
            lambda exc: show_error(self, exc, self.tr("The record could not be deleted.")),
        )
