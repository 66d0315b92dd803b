"""The filter bar above a list: quick text filter, column filters and date range."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from casetracker.gui.labels import field_label, value_label
from casetracker.models.sanction import SANCTION_PROGRAMS
from casetracker.partialdate import PartialDate, PartialDateError
from casetracker.services import Services

#: per list: (filter name, label field) for choice filters, and the date-range prefix
CHOICE_FILTERS: dict[str, list[str]] = {
    "detainees": ["status", "category"],
    "letters": ["direction"],
    "sanctions": ["status", "program"],
    "responses": ["response_type"],
    "people": [],
    "organizations": ["kind"],
}
DATE_RANGES = {
    "detainees": "captured",
    "letters": "sent",
    "sanctions": "submitted",
    "responses": "received",
}
DEBOUNCE_MS = 250


class FilterBar(QWidget):
    """Emits ``changed`` when the user changes any filter (text debounced)."""

    changed = Signal()

    def __init__(self, kind: str, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.pinned: dict[str, Any] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.quick = QLineEdit()
        self.quick.setObjectName("quickFilter")
        self.quick.setClearButtonEnabled(True)
        self.quick.setPlaceholderText(self.tr("Filter (Ctrl+F)"))
        self.quick.setMinimumWidth(180)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed)
        self.quick.textEdited.connect(lambda _t: self._timer.start())
        self.quick.returnPressed.connect(self.apply_now)
        layout.addWidget(self.quick, 2)

        choices = {f.name: f.choices for f in services.forms.fields(kind) if f.choices}
        choices["program"] = tuple(SANCTION_PROGRAMS)
        self.combos: dict[str, QComboBox] = {}
        for name in CHOICE_FILTERS.get(kind, []):
            combo = QComboBox()
            combo.setObjectName(f"filter_{name}")
            combo.addItem(self.tr("Any %1").replace("%1", field_label(name).lower()), None)
            for code in choices.get(name, ()):
                combo.addItem(code if name == "program" else value_label(code), code)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            layout.addWidget(combo)
            self.combos[name] = combo

        self.date_from: QLineEdit | None = None
        self.date_to: QLineEdit | None = None
        self.prefix = DATE_RANGES.get(kind)
        if self.prefix:
            layout.addWidget(QLabel(self.tr("From")))
            self.date_from = self._date_edit("dateFrom")
            layout.addWidget(self.date_from)
            layout.addWidget(QLabel(self.tr("to")))
            self.date_to = self._date_edit("dateTo")
            layout.addWidget(self.date_to)

        self.pinned_label = QLabel()
        self.pinned_label.setObjectName("pinnedFilter")
        self.pinned_label.setStyleSheet(
            "background: palette(highlight); color: palette(highlighted-text);"
            " padding: 2px 6px; border-radius: 4px;"
        )
        self.pinned_clear = QToolButton()
        self.pinned_clear.setText("✕")
        self.pinned_clear.setToolTip(self.tr("Remove this filter"))
        self.pinned_clear.clicked.connect(self.clear_pinned)
        layout.addWidget(self.pinned_label)
        layout.addWidget(self.pinned_clear)
        self.pinned_label.hide()
        self.pinned_clear.hide()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def _date_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0000-00-00") + 40)
        edit.setClearButtonEnabled(True)
        edit.editingFinished.connect(self._date_finished)
        return edit

    def _date_finished(self) -> None:
        self.changed.emit()

    def apply_now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    # ---------------------------------------------------------------- values
    def text(self) -> str:
        return self.quick.text().strip()

    def filters(self) -> dict[str, Any]:
        """The filters to apply; malformed dates are left out and flagged."""
        values: dict[str, Any] = dict(self.pinned)
        for name, combo in self.combos.items():
            if combo.currentData() is not None:
                values[name] = combo.currentData()
        problems = []
        for edit, suffix in ((self.date_from, "from"), (self.date_to, "to")):
            if edit is None or not edit.text().strip():
                continue
            try:
                PartialDate.coerce(edit.text().strip())
            except PartialDateError as exc:
                problems.append(f"{edit.text().strip()}: {exc}")
                continue
            values[f"{self.prefix}_{suffix}"] = edit.text().strip()
        self.problem.setText("; ".join(problems))
        self.problem.setVisible(bool(problems))
        return values

    def set_target(self, filters: dict[str, Any], description: str = "") -> None:
        """Show a list opened from the dashboard: known filters in their widgets,
        the others as one removable "pinned" filter."""
        self.quick.clear()
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for edit in (self.date_from, self.date_to):
            if edit is not None:
                edit.clear()
        self.pinned = {}
        for name, value in filters.items():
            combo = self.combos.get(name)
            if combo is not None and combo.findData(value) >= 0:
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(value))
                combo.blockSignals(False)
            elif self.prefix and name == f"{self.prefix}_from" and self.date_from:
                self.date_from.setText(str(value))
            elif self.prefix and name == f"{self.prefix}_to" and self.date_to:
                self.date_to.setText(str(value))
            else:
                self.pinned[name] = value
        self.pinned_label.setText(
            description or ", ".join(f"{k}: {v}" for k, v in self.pinned.items())
        )
        self.pinned_label.setVisible(bool(self.pinned))
        self.pinned_clear.setVisible(bool(self.pinned))

    def clear_pinned(self) -> None:
        self.pinned = {}
        self.pinned_label.hide()
        self.pinned_clear.hide()
        self.changed.emit()
