"""What the app remembers between runs (in QSettings): recent databases."""

from __future__ import annotations

from PySide6.QtCore import QSettings

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
