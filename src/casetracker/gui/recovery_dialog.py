"""The recovery code, shown once: large, grouped, with Copy, Print… and Save as
PDF…, and Continue (or Apply, for a code not yet in use) only once the user
says it is written down and kept apart.

The code *is* the master key: every copy of it is a way in. Print… sends it
straight to the printer; a PDF or the clipboard hold it in plain form, so the
dialog says so, and the clipboard is cleared after a minute.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QTextDocument
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

from casetracker.db.cipher import RECOVERY_WARNING, RecoveryCode
from casetracker.gui.dialogs import show_error
from casetracker.gui.unlock_dialog import monospace_font

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

GROUPS_PER_LINE = 5
#: how long a copied code stays on the clipboard
CLIPBOARD_SECONDS = 60


def grouped(code: str) -> str:
    """The code's dash-separated groups, five to a line, spaced for reading aloud."""
    groups = code.split("-")
    lines = [groups[i : i + GROUPS_PER_LINE] for i in range(0, len(groups), GROUPS_PER_LINE)]
    return "\n".join("  ".join(line) for line in lines)


def clear_clipboard_later(text: str, ms: int) -> None:
    """Empty the clipboard after ``ms`` if it still holds ``text`` (and only then:
    whatever the user copied since stays)."""
    clipboard = QGuiApplication.clipboard()

    def clear() -> None:
        if clipboard.text() == text:
            clipboard.clear()

    QTimer.singleShot(ms, clipboard, clear)


def sheet_html(code: str, database: str, when: dt.datetime | None = None) -> str:
    """The printed sheet: title, database, date, the code in large groups, what to do."""
    from casetracker.reports.recovery_sheet import HOW_TO, TITLE

    when = when or dt.datetime.now()
    lines = "<br>".join(html.escape(line) for line in grouped(code).split("\n"))
    return (
        f"<h1>{html.escape(TITLE)}</h1>"
        f"<p>Database: {html.escape(database)}<br>Made: {when:%d %b %Y %H:%M}</p>"
        f"<p style=\"font-family: 'DejaVu Sans Mono', monospace; font-size: 20pt; "
        f'font-weight: bold; white-space: pre;">{lines}</p>'
        f"<p>{html.escape(RECOVERY_WARNING)}</p>"
        f"<p>{html.escape(HOW_TO)}</p>"
    )


class RecoveryCodeDialog(QDialog):
    """Show a recovery code; ``replaced`` says that an older code stops working.

    With ``apply`` the code is not in use yet: Apply (once confirmed) accepts,
    Cancel rejects and nothing changes.
    """

    def __init__(
        self,
        code: RecoveryCode,
        database: str,
        parent: QWidget | None = None,
        *,
        replaced: bool = False,
        apply: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryCodeDialog")
        self.setWindowTitle(self.tr("Recovery code"))
        self._code = code.text
        self.database = database
        self.apply_mode = apply
        self.clipboard_ms = CLIPBOARD_SECONDS * 1000

        heading = QLabel(
            self.tr("Your new recovery code") if apply else self.tr("Your recovery code")
        )
        bigger = heading.font()
        bigger.setPointSizeF(bigger.pointSizeF() * 1.4)
        bigger.setBold(True)
        heading.setFont(bigger)
        where = QLabel(
            self.tr("It will open %1").replace("%1", database)
            if apply
            else self.tr("It opens %1").replace("%1", database)
        )
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
        # the wrapped notes below must never squeeze the code itself
        self.code_label.setMinimumHeight(self.code_label.sizeHint().height())

        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setObjectName("printCode")
        self.print_button.clicked.connect(self.print_dialog)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("copyCode")
        self.copy_button.clicked.connect(self.copy)
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.pdf_button.setObjectName("saveCodePdf")
        self.pdf_button.clicked.connect(self.save_pdf_dialog)
        tools = QHBoxLayout()
        tools.addWidget(self.print_button)
        tools.addWidget(self.copy_button)
        tools.addWidget(self.pdf_button)
        tools.addStretch(1)
        self.copies_note = QLabel(
            self.tr(
                "Print… sends the code straight to the printer. A PDF file or the clipboard "
                "hold it in plain form: anyone who finds the file opens the database. Save "
                "a PDF only to print it, never in a synced folder, and delete it at once; "
                "a copied code is cleared from the clipboard after %1 seconds."
            ).replace("%1", str(CLIPBOARD_SECONDS))
        )
        self.copies_note.setObjectName("copiesNote")
        self.copies_note.setWordWrap(True)
        self.copies_note.setTextFormat(Qt.TextFormat.PlainText)
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
        if apply:
            texts.append(
                self.tr(
                    "Nothing is changed yet. When you press Apply, the database is "
                    "re-encrypted with this code's key: from then on this code, not the "
                    "old one, opens it. Cancel keeps the old code."
                )
            )
        if replaced and apply:
            texts.append(
                self.tr(
                    "Once applied, the old recovery code no longer opens this database. "
                    "Backups made before now still open with the old code: delete them, "
                    "or keep them as safe as the old code."
                )
            )
        elif replaced:
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
        self.continue_button = QPushButton(
            self.tr("Apply the new code") if apply else self.tr("Continue")
        )
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        self.confirm.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)
        self.cancel_button: QPushButton | None = None
        if apply:
            self.cancel_button = QPushButton(self.tr("Cancel"))
            self.cancel_button.setObjectName("cancelButton")
            self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addWidget(self.code_label)
        layout.addLayout(tools)
        layout.addWidget(self.copies_note)
        layout.addWidget(self.saved_label)
        for note in notes:
            layout.addWidget(note)
        layout.addSpacing(6)
        layout.addWidget(self.confirm)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        if self.cancel_button is not None:
            bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.continue_button)
        layout.addLayout(bottom)
        self.setMinimumWidth(640)

    @property
    def code(self) -> str:
        return self._code

    def _say(self, text: str) -> None:
        self.saved_label.setText(text)
        self.saved_label.show()

    # ---------------------------------------------------------------- copies
    def copy(self) -> None:
        """Copy the code; the clipboard is emptied after a minute if it still holds it."""
        QGuiApplication.clipboard().setText(self._code)
        clear_clipboard_later(self._code, self.clipboard_ms)
        self.copy_button.setText(self.tr("Copied"))
        self._say(
            self.tr(
                "Copied. The clipboard is cleared in %1 seconds; a clipboard manager "
                "may keep its own copy."
            ).replace("%1", str(max(1, self.clipboard_ms // 1000)))
        )

    def print_dialog(self) -> None:
        """Print… : the system print dialog, then the sheet straight to the printer."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the recovery code"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)
        dialog.deleteLater()

    def print_to(self, printer: QPrinter) -> bool:
        """Render the sheet on ``printer`` (no file of ours is written)."""
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setHtml(sheet_html(self._code, self.database))
        try:
            document.print_(printer)
        except Exception as exc:
            show_error(self, exc, self.tr("The recovery code was not printed."))
            return False
        self._say(self.tr("Sent to the printer. Keep the sheet apart from this computer."))
        return True

    def save_pdf_dialog(self) -> None:
        """Save as PDF… : no folder or name suggested (home folders are often synced)."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recovery code as PDF (to print, then delete)"),
            "",
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.save_pdf(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def save_pdf(self, path: Path) -> Path | None:
        """Write the one-page sheet (core code, no Qt) and say what to do with it."""
        from casetracker.reports.recovery_sheet import write_recovery_sheet

        try:
            written = write_recovery_sheet(path, self._code, self.database, RECOVERY_WARNING)
        except Exception as exc:
            show_error(self, exc, self.tr("The PDF was not written."))
            return None
        self._say(
            self.tr(
                "Saved to %1. It holds the code in plain form: print it, then delete the "
                "file (and empty the trash). Anyone who finds it can open the database."
            ).replace("%1", str(written))
        )
        return written

    def reject(self) -> None:
        """Escape or the close button: only once the code is confirmed as kept (a code
        not applied yet may always be cancelled: nothing changes)."""
        if self.apply_mode or self.confirm.isChecked():
            super().reject()
