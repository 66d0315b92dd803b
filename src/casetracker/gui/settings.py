"""What the app remembers between runs (in QSettings): recent databases, saved searches."""

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
