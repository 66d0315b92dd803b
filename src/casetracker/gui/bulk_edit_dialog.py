"""Set one field on the selected records of a list in one go (all or nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from casetracker import APP_NAME
from casetracker.errors import CaseTrackerError
from casetracker.gui.dialogs import show_error
from casetracker.gui.fields import FieldWidget, make_field
from casetracker.gui.labels import field_label, list_title, record_name
from casetracker.services import Services
from casetracker.services.forms import FieldSpec

if TYPE_CHECKING:
    from casetracker.gui.list_page import ListPage

#: field kinds a bulk edit offers (long texts and derived fields are left out)
SIMPLE_KINDS = frozenset({"text", "choice", "partial_date", "int", "bool", "reference"})
#: a record's own name: the same value on many records is almost always a mistake
NAME_FIELDS = frozenset({"title", "display_name", "name"})
ERROR_STYLE = "color: #b00020;"


def bulk_fields(services: Services, kind: str) -> list[FieldSpec]:
    """The fields of ``kind`` that can be set on many records at once."""
    from casetracker.gui.history_rows import FORM_ENTITIES, main_entity
    from casetracker.services.history import service_of

    entity = main_entity(kind)
    settable = service_of(services.db, entity).columns()
    return [
        spec
        for spec in services.forms.fields(kind)
        if FORM_ENTITIES.get(spec.part) == entity
        and spec.kind in SIMPLE_KINDS
        and spec.name in settable
        and spec.name not in NAME_FIELDS
    ]


def bulk_edit_text(count: int) -> str:
    """The menu item's text for ``count`` selected rows."""
    if count <= 0:
        return QCoreApplication.translate("BulkEditDialog", "Set a field for the selected…")
    return QCoreApplication.translate("BulkEditDialog", "Set a field for the %1 selected…").replace(
        "%1", f"{count:,}"
    )


class BulkEditDialog(QDialog):
    """Pick a field and a value for ``count`` records of ``kind``."""

    def __init__(
        self, services: Services, kind: str, count: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.kind = kind
        self.setObjectName("bulkEditDialog")
        self.setWindowTitle(self.tr("Set a field for %1 records").replace("%1", f"{count:,}"))
        self.specs = {spec.name: spec for spec in bulk_fields(services, kind)}
        intro = QLabel(
            self.tr(
                "The field is set to the same value on the %1 selected %2. Each change is "
                "checked like an edit and kept in the history; if one of them is refused, "
                "none is made."
            )
            .replace("%1", f"{count:,}")
            .replace("%2", list_title(kind).lower() if count != 1 else record_name(kind))
        )
        intro.setWordWrap(True)
        self.field_combo = QComboBox()
        self.field_combo.setObjectName("bulkField")
        for name in self.specs:
            self.field_combo.addItem(field_label(name), name)
        self.field_combo.currentIndexChanged.connect(self._field_changed)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Field"), self.field_combo)
        self.value_widget: FieldWidget | None = None
        self.problem = QLabel()
        self.problem.setObjectName("bulkProblem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Set"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._field_changed()
        intro.setMinimumWidth(480)

    def field(self) -> str:
        return str(self.field_combo.currentData() or "")

    def value(self) -> Any:
        return self.value_widget.value() if self.value_widget is not None else None

    def choose_field(self, name: str) -> None:
        self.field_combo.setCurrentIndex(self.field_combo.findData(name))

    def _field_changed(self) -> None:
        if self.value_widget is not None:
            self.form.removeRow(1)
            self.value_widget = None
        spec = self.specs.get(self.field())
        if spec is None:
            return
        self.value_widget = make_field(
            spec, lambda kind, text: self.services.lookup.find(kind, text, limit=20), self
        )
        self.form.addRow(self.tr("New value"), self.value_widget)
        self.problem.hide()

    def _accept(self) -> None:
        problem = self.value_widget.local_problem() if self.value_widget is not None else None
        if not self.field():
            problem = self.tr("Records of this list have no field that can be set in bulk.")
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.accept()


def bulk_edit(page: ListPage) -> None:
    """Ask for a field and a value, then set it on the page's selected records."""
    ids = page.selected_ids()
    if not ids or not page.confirm_leave():
        return
    dialog = BulkEditDialog(page.services, page.kind, len(ids), page)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    name, value = dialog.field(), dialog.value()
    services, kind = page.services, page.kind

    def done(changed: int) -> None:
        page.records_changed()
        window = page.window()
        status = getattr(window, "statusBar", None)
        text = (
            QCoreApplication.translate(
                "BulkEditDialog", "%1 set on %2 of %3 records (the others had it already)."
            )
            if changed != len(ids)
            else QCoreApplication.translate("BulkEditDialog", "%1 set on %2 records.")
        )
        text = (
            text.replace("%1", field_label(name))
            .replace("%2", f"{changed:,}")
            .replace("%3", f"{len(ids):,}")
        )
        if callable(status):
            status().showMessage(text, 8000)

    def failed(exc: BaseException) -> None:
        nothing = QCoreApplication.translate("BulkEditDialog", "Nothing was changed.")
        if isinstance(exc, CaseTrackerError):
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "", parent=page)
            box.setObjectName("bulkEditRefused")
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setText(nothing)
            box.setInformativeText(str(exc))
            box.exec()
            page.records_changed()
        else:
            show_error(page, exc, nothing)

    page.runner.run(lambda: services.bulk.set_field(kind, ids, name, value), done, failed)
