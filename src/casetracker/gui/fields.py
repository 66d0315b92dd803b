"""Field widgets of the record editors: one per field kind, all with the same API.

Each widget has ``value()`` / ``set_value()`` and emits ``edited(old, new)``
only for the user's own edits, so the editor can push them on its undo stack.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from casetracker.gui.labels import value_label
from casetracker.partialdate import PartialDate, PartialDateError
from casetracker.services.forms import FieldSpec

#: finds choices for a reference field: (kind, text) -> [(id, label, detail)]
Lookup = Callable[[str, str], list[Any]]


class FieldWidget(QWidget):
    """Base: holds the value the user sees; reports the user's edits."""

    edited = Signal(object, object)  # old value, new value

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._last: Any = None
        self._quiet = False
        self.setObjectName(f"field_{spec.name}")

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show ``value`` without reporting it as an edit."""
        self._quiet = True
        try:
            self._show(value)
        finally:
            self._quiet = False
        self._last = self.value()

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def local_problem(self) -> str | None:
        """A problem found without the database (e.g. a malformed date)."""
        return None

    def _changed(self) -> None:
        if self._quiet:
            return
        new = self.value()
        if new != self._last:
            old, self._last = self._last, new
            self.edited.emit(old, new)


class TextField(FieldWidget):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit(self)
        if spec.max_length:
            self.edit.setMaxLength(spec.max_length)
        _single(self, self.edit)
        self.edit.textEdited.connect(lambda _t: self._changed())
        self.setFocusProxy(self.edit)

    def value(self) -> Any:
        return self.edit.text() or None

    def _show(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))
        self.edit.setCursorPosition(0)  # show the start of a long title


class IntField(TextField):
    def local_problem(self) -> str | None:
        text = self.edit.text().strip()
        if text and not text.lstrip("-").isdigit():
            return self.tr("must be a whole number")
        return None

    def value(self) -> Any:
        text = self.edit.text().strip()
        return int(text) if text.lstrip("-").isdigit() else (text or None)


class PartialDateField(TextField):
    """A date as precise as known: 2025, 2025-04, 2025-04-11; ``~`` when estimated."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit.setPlaceholderText(self.tr("YYYY, YYYY-MM or YYYY-MM-DD (~ if approximate)"))
        self.edit.setMaxLength(16)

    def local_problem(self) -> str | None:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            PartialDate.coerce(text)
        except PartialDateError as exc:
            return str(exc)
        return None


class MultilineField(FieldWidget):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(60)
        self.edit.setMaximumHeight(160 if spec.name in ("body", "full_text") else 90)
        _single(self, self.edit)
        self.edit.textChanged.connect(self._changed)
        self.setFocusProxy(self.edit)

    def value(self) -> Any:
        return self.edit.toPlainText() or None

    def _show(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class ChoiceField(FieldWidget):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox(self)
        if not spec.required:
            self.combo.addItem("—", None)
        for code in spec.choices:
            self.combo.addItem(value_label(code), code)
        _single(self, self.combo)
        self.combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.setFocusProxy(self.combo)

    def value(self) -> Any:
        return self.combo.currentData()

    def _show(self, value: Any) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(index, 0) if value is not None else 0)
        if value is None and self.spec.required:
            self.combo.setCurrentIndex(-1)


class BoolField(FieldWidget):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = QCheckBox(self)
        _single(self, self.box)
        self.box.toggled.connect(lambda _b: self._changed())

    def value(self) -> Any:
        return self.box.isChecked()

    def _show(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class ReferenceField(FieldWidget):
    """Pick a person, organization, letter or detainee by typing part of its name."""

    def __init__(self, spec: FieldSpec, lookup: Lookup, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.kind = spec.reference or "people"
        self.lookup = lookup
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Type to search…"))
        self.clear_button = QToolButton(self)
        self.clear_button.setText("✕")
        self.clear_button.setToolTip(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear_choice)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.choices_model = QStringListModel(self)
        self.completer = QCompleter(self.choices_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.activated[str].connect(self._picked_text)
        self.edit.setCompleter(self.completer)
        self._choices: dict[str, Any] = {}
        self._id: uuid.UUID | None = None
        self._label = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh_choices)
        self.edit.textEdited.connect(lambda _t: self._timer.start())
        self.edit.editingFinished.connect(self._finished)

    def refresh_choices(self) -> list[Any]:
        """Ask the service for choices matching the typed text."""
        found = self.lookup(self.kind, self.edit.text())
        self._choices = {}
        for choice in found:
            text = choice.label + (f" — {choice.detail}" if choice.detail else "")
            self._choices[text] = choice
        self.choices_model.setStringList(list(self._choices))
        if self.edit.hasFocus() and self._choices:
            self.completer.complete()
        return found

    def choose(self, choice: Any) -> None:
        """Set the picked record (as the user would, reported as an edit)."""
        self._id, self._label = choice.id, choice.label
        self.edit.setText(choice.label)
        self._changed()

    def clear_choice(self) -> None:
        self._id, self._label = None, ""
        self.edit.clear()
        self._changed()

    def _picked_text(self, text: str) -> None:
        choice = self._choices.get(text)
        if choice is not None:
            self.choose(choice)

    def _finished(self) -> None:
        if not self.edit.text().strip() and self._id is not None:
            self.clear_choice()

    def local_problem(self) -> str | None:
        if self.edit.text().strip() and self.edit.text() != self._label:
            return self.tr("pick a record from the list, or clear the field")
        return None

    def value(self) -> Any:
        return self._id

    def set_label(self, label: str) -> None:
        self._label = label
        self.edit.setText(label)
        self.edit.setCursorPosition(0)
        self.edit.setToolTip(label)

    def _show(self, value: Any) -> None:
        self._id = value
        if value is None:
            self._label = ""
            self.edit.clear()


def make_field(spec: FieldSpec, lookup: Lookup, parent: QWidget | None = None) -> FieldWidget:
    if spec.kind == "reference":
        return ReferenceField(spec, lookup, parent)
    kinds: dict[str, type[FieldWidget]] = {
        "text": TextField,
        "multiline": MultilineField,
        "choice": ChoiceField,
        "partial_date": PartialDateField,
        "int": IntField,
        "bool": BoolField,
    }
    return kinds[spec.kind](spec, parent)


def _single(owner: QWidget, child: QWidget) -> None:
    layout = QHBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(child)
