"""File › Import a letter…: read a letter (a file, or pasted text), review what
was found — date, recipients, asks, and each signatory with the legislator it
matched and the alternatives — then save it. Nothing is saved before Save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casetracker.errors import CaseTrackerError

UNLINKED = "__unlinked__"


class LetterImportDialog(QDialog):
    """Two steps: the letter's text, then the review; ``saved_id`` after Save."""

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterImportDialog")
        self.setWindowTitle(self.tr("Import a letter"))
        self.services = services
        self.preview: Any = None
        self.saved_id: Any = None
        self.pages = QStackedWidget()

        # step 1: the text
        first = QWidget()
        self.text = QPlainTextEdit()
        self.text.setObjectName("letterText")
        self.text.setPlaceholderText(
            self.tr("Paste the letter here, or open a .txt, .pdf or .docx file.")
        )
        open_button = QPushButton(self.tr("Open a file…"))
        open_button.clicked.connect(self.open_file)
        self.read_button = QPushButton(self.tr("Read the letter"))
        self.read_button.setObjectName("readLetter")
        self.read_button.setDefault(True)
        self.read_button.clicked.connect(self.read)
        row = QHBoxLayout()
        row.addWidget(open_button)
        row.addStretch(1)
        row.addWidget(self.read_button)
        layout = QVBoxLayout(first)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)

        # step 2: the review
        second = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("letterSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.asks = QListWidget()
        self.asks.setObjectName("letterAsks")
        self.asks.setWordWrap(True)
        self.asks.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("letterSignatories")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Signed as"), self.tr("Linked to"), self.tr("Confidence"), self.tr("Note")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 300)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        review = QVBoxLayout(second)
        review.addWidget(self.summary)
        review.addWidget(QLabel(self.tr("Asks")))
        review.addWidget(self.asks, 1)
        review.addWidget(
            QLabel(
                self.tr(
                    "Signatories (check each link; unlinked names are kept in the letter's notes)"
                )
            )
        )
        review.addWidget(self.table, 3)

        self.pages.addWidget(first)
        self.pages.addWidget(second)
        self.problem = QLabel()
        self.problem.setObjectName("letterProblem")
        self.problem.setStyleSheet("color: #a8071a;")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages, 1)
        outer.addWidget(self.problem)
        outer.addWidget(self.buttons)
        self.resize(860, 640)

    # ---------------------------------------------------------------- step 1
    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a letter"),
            str(Path.home()),
            self.tr("Letters (*.txt *.pdf *.docx *.md)"),
        )
        if path:
            self.read_file(Path(path))

    def read_file(self, path: Path) -> None:
        self._show(lambda: self.services.letter_import.preview_file(path))

    def read(self) -> None:
        text = self.text.toPlainText()
        self._show(lambda: self.services.letter_import.preview_text(text))

    def _show(self, make: Any) -> None:
        try:
            self.preview = make()
        except CaseTrackerError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.clear()
        self.show_preview(self.preview)

    # ---------------------------------------------------------------- step 2
    def show_preview(self, preview: Any) -> None:
        letter = preview.letter
        recipients = "; ".join(
            ", ".join(x for x in (r.name, r.title) if x) for r in letter.recipients
        )
        self.summary.setText(
            self.tr("%1\nDate: %2\nTo: %3\nSignatories: %4, %5 linked, %6 left unlinked")
            .replace("%1", preview.title)
            .replace("%2", letter.date.isoformat() if letter.date else self.tr("not found"))
            .replace("%3", recipients or self.tr("not found"))
            .replace("%4", str(len(preview.signatories)))
            .replace("%5", str(preview.matched))
            .replace("%6", str(len(preview.signatories) - preview.matched))
        )
        self.asks.clear()
        self.asks.addItems(list(letter.asks) or [self.tr("(no list of asks found)")])
        self.table.setRowCount(len(preview.signatories))
        for row, signatory in enumerate(preview.signatories):
            name = signatory.name + (" ★" if signatory.lead else "")
            self.table.setItem(row, 0, QTableWidgetItem(name))
            combo = QComboBox()
            combo.setObjectName(f"signatoryChoice{row}")
            if signatory.bioguide:
                combo.addItem(
                    f"{signatory.matched_name} ({signatory.bioguide})", str(signatory.person_id)
                )
            for alternative in signatory.alternatives:
                person_id = self._person_of(alternative["bioguide"])
                if person_id and str(person_id) != str(signatory.person_id):
                    combo.addItem(
                        f"{alternative['name']} ({alternative['bioguide']})", str(person_id)
                    )
            combo.addItem(self.tr("— leave unlinked —"), UNLINKED)
            self.table.setCellWidget(row, 1, combo)
            self.table.setItem(row, 2, QTableWidgetItem(f"{signatory.confidence:.0%}"))
            self.table.setItem(row, 3, QTableWidgetItem(signatory.reason))
        self.table.resizeColumnToContents(0)
        self.pages.setCurrentIndex(1)
        self.save_button.setEnabled(True)

    def _person_of(self, bioguide: str) -> Any:
        return self.services.letter_import.person_for(bioguide)

    def choices(self) -> dict[int, Any]:
        """The person chosen for each signatory (None: unlinked)."""
        import uuid

        chosen: dict[int, Any] = {}
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 1)
            value = combo.currentData() if combo is not None else UNLINKED
            chosen[row] = None if value in (UNLINKED, "None", None) else uuid.UUID(value)
        return chosen

    def save(self) -> None:
        if self.preview is None:
            return
        try:
            self.saved_id = self.services.letter_import.save(self.preview, choices=self.choices())
        except CaseTrackerError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()
