"""The recovery code, shown once: large, grouped, with Copy and Save as PDF…, and
Continue only once the user says it is written down and kept apart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casetracker.db.cipher import RecoveryCode
from casetracker.gui.dialogs import show_error
from casetracker.gui.unlock_dialog import monospace_font

GROUPS_PER_LINE = 5


def grouped(code: str) -> str:
    """The code's dash-separated groups, five to a line, spaced for reading aloud."""
    groups = code.split("-")
    lines = [groups[i : i + GROUPS_PER_LINE] for i in range(0, len(groups), GROUPS_PER_LINE)]
    return "\n".join("  ".join(line) for line in lines)


class RecoveryCodeDialog(QDialog):
    """Show a recovery code; ``replaced`` says that an older code stopped working."""

    def __init__(
        self,
        code: RecoveryCode,
        database: str,
        parent: QWidget | None = None,
        *,
        replaced: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryCodeDialog")
        self.setWindowTitle(self.tr("Recovery code"))
        self._code = code.text
        self.database = database

        heading = QLabel(self.tr("Your recovery code"))
        bigger = heading.font()
        bigger.setPointSizeF(bigger.pointSizeF() * 1.4)
        bigger.setBold(True)
        heading.setFont(bigger)
        where = QLabel(self.tr("It opens %1").replace("%1", database))
        where.setWordWrap(True)
        where.setTextFormat(Qt.TextFormat.PlainText)
        self.code_label = QLabel(grouped(self._code))
        self.code_label.setObjectName("recoveryCodeText")
        self.code_label.setFont(monospace_font(17))
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.code_label.setStyleSheet(
            "QLabel#recoveryCodeText { background: #f6f8fa; padding: 14px 18px; }"
        )

        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("copyCode")
        self.copy_button.clicked.connect(self.copy)
        self.pdf_button = QPushButton(self.tr("Save as &PDF to print…"))
        self.pdf_button.setObjectName("saveCodePdf")
        self.pdf_button.clicked.connect(self.save_pdf_dialog)
        tools = QHBoxLayout()
        tools.addWidget(self.copy_button)
        tools.addWidget(self.pdf_button)
        tools.addStretch(1)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_label.hide()

        texts = [
            self.tr(
                "Write this code down, or print it, and keep it apart from this computer. "
                "It opens the database if the passphrase is forgotten or its key file is lost."
            ),
            self.tr(
                "Nobody else — not CaseTracker's authors, not your organisation's IT — can "
                "recover the data without the passphrase or this code. Anyone who has this "
                "code and a copy of the database can read it."
            ),
        ]
        if replaced:
            texts.append(
                self.tr(
                    "The old recovery code no longer opens this database. Backups made "
                    "before now still open with the old code: delete them, or keep them "
                    "as safe as the old code."
                )
            )
        notes = []
        for text in texts:
            note = QLabel(text)
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            notes.append(note)

        self.confirm = QCheckBox(
            self.tr(
                "I have written down or printed the recovery code and will keep it "
                "apart from this computer"
            )
        )
        self.confirm.setObjectName("confirmWritten")
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        self.confirm.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addWidget(self.code_label)
        layout.addLayout(tools)
        layout.addWidget(self.saved_label)
        for note in notes:
            layout.addWidget(note)
        layout.addSpacing(6)
        layout.addWidget(self.confirm)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.continue_button)
        layout.addLayout(bottom)
        self.setMinimumWidth(640)

    @property
    def code(self) -> str:
        return self._code

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self._code)
        self.copy_button.setText(self.tr("Copied"))

    def save_pdf_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recovery code as PDF"),
            str(Path.home() / "casetracker-recovery-code.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.save_pdf(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def save_pdf(self, path: Path) -> Path | None:
        """Write the one-page sheet (core code, no Qt) and say what to do with it."""
        from casetracker.db.cipher import RECOVERY_WARNING
        from casetracker.reports.recovery_sheet import write_recovery_sheet

        try:
            written = write_recovery_sheet(path, self._code, self.database, RECOVERY_WARNING)
        except Exception as exc:
            show_error(self, exc, self.tr("The PDF was not written."))
            return None
        self.saved_label.setText(
            self.tr(
                "Saved to %1. Print it, then delete the file: anyone who finds it can open "
                "the database."
            ).replace("%1", str(written))
        )
        self.saved_label.show()
        return written

    def reject(self) -> None:
        """Escape or the close button: only once the code is confirmed as kept."""
        if self.confirm.isChecked():
            super().reject()
