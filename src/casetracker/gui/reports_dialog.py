"""File › Reports…: choose a report, its audience, record and dates; the PDF is
written on the worker with progress and Cancel, then opened in the system viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casetracker.errors import CaseTrackerError
from casetracker.gui.fields import ReferenceField
from casetracker.reports.context import ReportOptions
from casetracker.services.forms import FieldSpec

#: report kind -> the lookup kind of the record it is about
RECORD_KINDS = {"dossier": "detainees", "sanctions": "sanctions"}


class ReportsDialog(QDialog):
    """The report's options; ``options()`` and ``path()`` once accepted."""

    def __init__(
        self,
        services: Any,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        kind: str = "briefing",
        record: tuple[str, Any, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsDialog")
        self.setWindowTitle(self.tr("Reports"))
        self.services = services
        self.settings = settings
        self._options: ReportOptions | None = None

        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        labels = {
            "briefing": self.tr("Situation briefing"),
            "dossier": self.tr("Detainee dossier"),
            "sanctions": self.tr("Sanctions dossier"),
            "correspondence": self.tr("Correspondence log"),
            "signatories": self.tr("Signatory record"),
        }
        for code, label in labels.items():
            self.kind.addItem(label, code)
        self.audience = QComboBox()
        self.audience.setObjectName("reportAudience")
        self.audience.addItem(self.tr("Public — leaves out internal and confidential"), "public")
        self.audience.addItem(self.tr("Internal — every page marked INTERNAL"), "internal")
        self.audience.addItem(
            self.tr("Confidential — includes confidential material"), "confidential"
        )
        self.records = {
            kind: ReferenceField(
                FieldSpec(
                    name="record", part="report", kind="reference", required=True, reference=lookup
                ),
                services.lookup.find,
            )
            for kind, lookup in RECORD_KINDS.items()
        }
        self.record_label = QLabel(self.tr("Record"))
        record_box = QWidget()
        record_layout = QHBoxLayout(record_box)
        record_layout.setContentsMargins(0, 0, 0, 0)
        for field in self.records.values():
            record_layout.addWidget(field)
        self.record_box = record_box
        self.date_from = QLineEdit()
        self.date_from.setObjectName("reportFrom")
        self.date_from.setPlaceholderText(self.tr("e.g. 2024 or 2024-06"))
        self.date_to = QLineEdit()
        self.date_to.setObjectName("reportTo")
        self.date_to.setPlaceholderText(self.tr("e.g. 2025-04-11"))
        self.organization = QLineEdit(str(settings.value("reports/organization", "") or ""))
        self.organization.setObjectName("reportOrganization")
        self.organization.setPlaceholderText(self.tr("printed on the cover"))
        self.out = QLineEdit()
        self.out.setObjectName("reportOut")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        out_box = QWidget()
        out_layout = QHBoxLayout(out_box)
        out_layout.setContentsMargins(0, 0, 0, 0)
        out_layout.addWidget(self.out, 1)
        out_layout.addWidget(browse)
        self.open_after = QCheckBox(self.tr("Open the PDF when it is ready"))
        self.open_after.setChecked(settings.value("reports/open", True, type=bool))
        self.problem = QLabel()
        self.problem.setObjectName("reportProblem")
        self.problem.setStyleSheet("color: #a8071a;")
        self.problem.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Report"), self.kind)
        form.addRow(self.tr("Audience"), self.audience)
        form.addRow(self.record_label, record_box)
        form.addRow(self.tr("From"), self.date_from)
        form.addRow(self.tr("To"), self.date_to)
        form.addRow(self.tr("Organization"), self.organization)
        form.addRow(self.tr("Save as"), out_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Write PDF"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_after)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        if record is not None and record[0] in self.records:
            field = self.records[record[0]]
            field._show(record[1])
            field.set_label(record[2])
        self._kind_changed()
        self.resize(560, self.sizeHint().height())

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        for code, field in self.records.items():
            field.setVisible(code == kind)
        self.record_label.setText(
            self.tr("Detainee") if kind == "dossier" else self.tr("Sanction request")
        )
        self.record_label.setVisible(kind in self.records)
        self.record_box.setVisible(kind in self.records)
        self.out.setText(str(self._default_path(kind)))

    def _default_path(self, kind: str) -> Path:
        candidates = [
            str(self.settings.value("reports/folder", "") or ""),
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
        ]
        folder = next((Path(c) for c in candidates if c and Path(c).is_dir()), Path.home())
        return folder / f"casetracker-{kind}.pdf"

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report as"), self.out.text(), self.tr("PDF files (*.pdf)")
        )
        if path:
            self.out.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def accept(self) -> None:
        kind = self.kind.currentData()
        field = self.records.get(kind)
        try:
            self._options = self.services.reports.options(
                kind,
                audience=self.audience.currentData(),
                record_id=field.value() if field is not None else None,
                date_from=self.date_from.text().strip() or None,
                date_to=self.date_to.text().strip() or None,
                organization=self.organization.text(),
            )
        except CaseTrackerError as exc:
            self.problem.setText(str(exc))
            return
        path = self.path()
        if not path.parent.is_dir():
            self.problem.setText(
                self.tr("The folder %1 does not exist.").replace("%1", str(path.parent))
            )
            return
        self.settings.setValue("reports/organization", self.organization.text().strip())
        self.settings.setValue("reports/folder", str(path.parent))
        self.settings.setValue("reports/open", self.open_after.isChecked())
        super().accept()

    def options(self) -> ReportOptions:
        assert self._options is not None, "the dialog was not accepted"
        return self._options

    def path(self) -> Path:
        return Path(self.out.text().strip()).expanduser()
