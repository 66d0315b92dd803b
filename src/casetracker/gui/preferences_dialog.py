"""Edit › Preferences…: your name in the history, the idle lock, scheduled backups."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casetracker.gui.settings import Preferences


class PreferencesDialog(QDialog):
    """Shows ``preferences``; :meth:`apply` stores what was chosen."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.preferences = preferences

        self.name = QLineEdit(preferences.name)
        self.name.setObjectName("actorName")
        self.name.setPlaceholderText(self.tr("e.g. Anna Petrosyan"))
        name_note = self._note(
            self.tr("Written into the history of every change you make. Empty: your login name.")
        )
        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(0, 480)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("Never"))
        self.idle.setValue(preferences.idle_minutes)
        idle_note = self._note(
            self.tr(
                "An encrypted database locks after this long without keyboard or mouse "
                "input, and asks for its passphrase again."
            )
        )
        general = QFormLayout()
        general.addRow(self.tr("Your name:"), self.name)
        general.addRow("", name_note)
        general.addRow(self.tr("Lock when idle for:"), self.idle)
        general.addRow("", idle_note)

        self.backups_on = QCheckBox(self.tr("Back up the database automatically"))
        self.backups_on.setObjectName("backupsOn")
        self.backups_on.setChecked(preferences.backups_on)
        self.every = QSpinBox()
        self.every.setObjectName("backupHours")
        self.every.setRange(1, 24 * 30)
        self.every.setSuffix(self.tr(" hours"))
        self.every.setValue(preferences.backup_hours)
        self.keep = QSpinBox()
        self.keep.setObjectName("backupKeep")
        self.keep.setRange(1, 365)
        self.keep.setValue(preferences.backup_keep)
        self.folder = QLineEdit(str(preferences.backup_folder))
        self.folder.setObjectName("backupFolder")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        schedule = QFormLayout()
        schedule.addRow(self.backups_on)
        schedule.addRow(self.tr("Every:"), self.every)
        schedule.addRow(self.tr("Keep the last:"), self.keep)
        schedule.addRow(self.tr("Folder:"), folder_row)
        schedule.addRow(
            "",
            self._note(
                self.tr(
                    "Each database gets a subfolder of its own there. An encrypted "
                    "database gives encrypted backups. Keep a copy of the folder on "
                    "another disk too."
                )
            ),
        )
        self.backups_on.toggled.connect(self._backups_toggled)
        self._backups_toggled(self.backups_on.isChecked())
        group = QGroupBox(self.tr("Scheduled backups"))
        group.setLayout(schedule)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(group)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("color: #5f6b7a;")
        return label

    def _backups_toggled(self, on: bool) -> None:
        for widget in (self.every, self.keep, self.folder):
            widget.setEnabled(on)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for scheduled backups"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def apply(self) -> None:
        """Store the choices in the settings."""
        prefs = self.preferences
        prefs.name = self.name.text()
        prefs.idle_minutes = self.idle.value()
        prefs.backups_on = self.backups_on.isChecked()
        prefs.backup_hours = self.every.value()
        prefs.backup_keep = self.keep.value()
        folder = self.folder.text().strip()
        if folder:
            prefs.backup_folder = Path(folder).expanduser()
