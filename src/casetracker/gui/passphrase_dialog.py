"""Choosing a passphrase: for a new encrypted database, an encrypted copy, a new
passphrase or a new key. The current passphrase, when asked, is checked (on
the runner) before the dialog closes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from casetracker.db import cipher
from casetracker.gui.tasks import Runner
from casetracker.gui.unlock_dialog import ERROR_STYLE, explain, unlock_typed


class PassphraseDialog(QDialog):
    """Ask for a new passphrase (typed twice), the current one, or both.

    ``choose``: first ask whether to encrypt at all (New database…).
    ``current``: the encrypted file whose current passphrase must be given;
    once accepted, ``key`` is its master key. ``code_allowed``: the recovery
    code may stand in for the current passphrase.
    """

    def __init__(
        self,
        title: str,
        intro: str,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        ok_text: str = "",
        choose: bool = False,
        new: bool = True,
        current: Path | None = None,
        code_allowed: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(title)
        self.runner = runner
        self.current_path = current
        self.code_allowed = code_allowed
        self.key: bytes | None = None
        self.busy = False

        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        intro_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(intro_label)

        self.encrypt = QRadioButton(self.tr("&Encrypt it with a passphrase (recommended)"))
        self.encrypt.setObjectName("encryptChoice")
        self.plain = QRadioButton(self.tr("Do &not encrypt it"))
        self.plain.setObjectName("plainChoice")
        self.encrypt.setChecked(True)
        if choose:
            layout.addWidget(self.encrypt)
            layout.addWidget(self.plain)
        self.encrypt.toggled.connect(self._choice_changed)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.current = self._secret("currentPassphrase")
        if current is not None:
            form.addRow(
                self.tr("Current passphrase (or recovery code):")
                if code_allowed
                else self.tr("Current passphrase:"),
                self.current,
            )
        self.new = self._secret("newPassphrase")
        self.again = self._secret("againPassphrase")
        self.hint = QLabel(
            self.tr("At least %1 characters; a few unrelated words are best.").replace(
                "%1", str(cipher.MIN_PASSPHRASE)
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6b7a;")
        self.new_rows = new
        if new:
            form.addRow(self.tr("New passphrase:"), self.new)
            form.addRow(self.tr("The same again:"), self.again)
            form.addRow("", self.hint)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("passphraseMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        layout.addWidget(self.message)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = QPushButton(ok_text or self.tr("OK"))
        self.ok_button.setObjectName("okButton")
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.clicked.connect(self.attempt)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        (self.current if current is not None else self.new).setFocus()

    def _secret(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMinimumWidth(280)
        return edit

    def _choice_changed(self, encrypt: bool) -> None:
        for widget in (self.new, self.again, self.hint):
            widget.setEnabled(encrypt)
        self.message.hide()

    @property
    def encrypted(self) -> bool:
        return self.encrypt.isChecked()

    @property
    def new_passphrase(self) -> str:
        return self.new.text()

    @property
    def current_passphrase(self) -> str:
        return self.current.text()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def problem(self) -> str:
        """What is wrong with the fields as typed, or ""."""
        if self.current_path is not None and not self.current.text():
            return self.tr("Type the current passphrase.")
        if not self.new_rows or not self.encrypted:
            return ""
        if len(self.new.text()) < cipher.MIN_PASSPHRASE:
            return self.tr("The new passphrase is too short: use at least %1 characters.").replace(
                "%1", str(cipher.MIN_PASSPHRASE)
            )
        if self.new.text() != self.again.text():
            return self.tr("The two new passphrases differ; type them again.")
        return ""

    def attempt(self) -> None:
        if self.busy:
            return
        problem = self.problem()
        if problem:
            self.show_message(problem)
            return
        if self.current_path is None:
            self.accept()
            return
        path, typed, code_allowed = self.current_path, self.current.text(), self.code_allowed

        def derive() -> bytes:
            if code_allowed:
                return unlock_typed(path, typed)
            return cipher.unlock(path, passphrase=typed)

        self._set_busy(True)
        self.runner.run(derive, self._verified, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.ok_button.setEnabled(not busy)
        if busy:
            self.message.hide()
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QGuiApplication.restoreOverrideCursor()

    def _verified(self, key: bytes) -> None:
        self._set_busy(False)
        self.key = key
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_message(explain(exc))
        self.current.selectAll()
        self.current.setFocus()

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def forget(self) -> None:
        """Clear every field once the passphrases were used."""
        for edit in (self.current, self.new, self.again):
            edit.clear()
