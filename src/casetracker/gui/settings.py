"""What the app remembers between runs (in QSettings): recent databases, saved
searches, preferences."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from casetracker.db.backups import BackupPolicy

MAX_RECENT = 8


class RecentDatabases:
    """Most recent first, without duplicates."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def items(self) -> list[str]:
        value = self.settings.value("recent/databases", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add(self, target: str) -> None:
        items = [t for t in self.items() if t != target]
        self.settings.setValue("recent/databases", [target, *items][:MAX_RECENT])

    def remove(self, target: str) -> None:
        self.settings.setValue("recent/databases", [t for t in self.items() if t != target])


class SavedSearches:
    """Searches the user named, in the order saved: (name, query) pairs."""

    KEY = "search/saved"

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def items(self) -> list[tuple[str, str]]:
        value = self.settings.value(self.KEY, [])
        if isinstance(value, str):
            value = [value]
        found = []
        for entry in value or []:
            name, _, query = str(entry).partition("\n")
            if name and query:
                found.append((name, query))
        return found

    def add(self, name: str, query: str) -> None:
        """Save (or replace) the search called ``name``."""
        kept = [f"{n}\n{q}" for n, q in self.items() if n != name]
        self.settings.setValue(self.KEY, [*kept, f"{name}\n{query}"])

    def remove(self, name: str) -> None:
        self.settings.setValue(self.KEY, [f"{n}\n{q}" for n, q in self.items() if n != name])


class Preferences:
    """Edit › Preferences: the name written into the history, the idle lock and
    the backup schedule."""

    NAME = "preferences/name"
    IDLE = "preferences/idle_lock_minutes"
    BACKUP_ON = "backups/scheduled"
    BACKUP_HOURS = "backups/every_hours"
    BACKUP_KEEP = "backups/keep"
    BACKUP_FOLDER = "backups/folder"
    DEFAULT_IDLE = 10
    DEFAULT_HOURS = 24
    DEFAULT_KEEP = 10

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _int(self, key: str, default: int, lowest: int) -> int:
        try:
            value = int(str(self.settings.value(key, default)))
        except ValueError:
            return default
        return max(lowest, value)

    @property
    def name(self) -> str:
        return str(self.settings.value(self.NAME, "") or "").strip()

    @name.setter
    def name(self, value: str) -> None:
        self.settings.setValue(self.NAME, value.strip())

    @property
    def idle_minutes(self) -> int:
        """Minutes without input before an encrypted database locks; 0: never."""
        return self._int(self.IDLE, self.DEFAULT_IDLE, 0)

    @idle_minutes.setter
    def idle_minutes(self, value: int) -> None:
        self.settings.setValue(self.IDLE, max(0, int(value)))

    @property
    def backups_on(self) -> bool:
        return str(self.settings.value(self.BACKUP_ON, "true")).lower() in ("true", "1")

    @backups_on.setter
    def backups_on(self, value: bool) -> None:
        self.settings.setValue(self.BACKUP_ON, "true" if value else "false")

    @property
    def backup_hours(self) -> int:
        return self._int(self.BACKUP_HOURS, self.DEFAULT_HOURS, 1)

    @backup_hours.setter
    def backup_hours(self, value: int) -> None:
        self.settings.setValue(self.BACKUP_HOURS, max(1, int(value)))

    @property
    def backup_keep(self) -> int:
        return self._int(self.BACKUP_KEEP, self.DEFAULT_KEEP, 1)

    @backup_keep.setter
    def backup_keep(self, value: int) -> None:
        self.settings.setValue(self.BACKUP_KEEP, max(1, int(value)))

    @property
    def backup_folder(self) -> Path:
        value = str(self.settings.value(self.BACKUP_FOLDER, "") or "")
        if value:
            return Path(value).expanduser()
        from casetracker.db.backups import default_folder

        return default_folder()

    @backup_folder.setter
    def backup_folder(self, value: Path | str) -> None:
        self.settings.setValue(self.BACKUP_FOLDER, str(value))

    def backup_policy(self) -> BackupPolicy:
        import datetime as dt

        from casetracker.db.backups import BackupPolicy

        return BackupPolicy(
            folder=self.backup_folder,
            every=dt.timedelta(hours=self.backup_hours),
            keep=self.backup_keep,
        )
