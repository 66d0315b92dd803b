"""A lazy table model: every id of a list in order, row contents fetched by block.

The model never queries: it is given the ordered ids and a function that
returns the rows of a block of ids (a service call). Only the blocks on screen
are fetched, so 100,000 rows cost one narrow id query and a few blocks.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from casetracker.gui.labels import field_label, value_label
from casetracker.partialdate import PartialDate

Index = QModelIndex | QPersistentModelIndex
FetchRows = Callable[[Sequence[Any]], list[dict[str, Any] | None]]

BLOCK = 100
#: blocks kept in memory (LRU)
CACHE_BLOCKS = 64
#: columns never shown
HIDDEN = frozenset({"id"})
#: columns holding a stored code shown as a label
CODED = frozenset(
    {"status", "category", "direction", "response_type", "impact", "kind", "gender", "sensitivity"}
)


def display_text(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.display()
    if isinstance(value, dt.datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if column in CODED:
        return value_label(value)
    return str(value)


class IdListModel(QAbstractTableModel):
    """Rows of one list: ids given in order, contents fetched lazily by block."""

    def __init__(self, columns: Sequence[str], fetch_rows: FetchRows, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = [c for c in columns if c not in HIDDEN]
        self._fetch = fetch_rows
        self._ids: list[Any] = []
        self._blocks: OrderedDict[int, list[dict[str, Any] | None]] = OrderedDict()
        self.sort_column: str | None = None
        self.sort_descending = False
        self.sortable: frozenset[str] = frozenset()
        self.blocks_fetched = 0

    # ---------------------------------------------------------------- contents
    def set_ids(self, ids: list[Any]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._blocks.clear()
        self.endResetModel()

    def invalidate(self) -> None:
        """Forget fetched contents (after an edit); rows refetch when shown."""
        self._blocks.clear()
        if self._ids:
            last = self.index(len(self._ids) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def record_id(self, row: int) -> uuid.UUID | None:
        """The id of a row (ids are kept as the database gave them; this one is a UUID)."""
        if not 0 <= row < len(self._ids):
            return None
        value = self._ids[row]
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))

    def row_of(self, record_id: Any) -> int | None:
        text = str(record_id).replace("-", "")
        for row, value in enumerate(self._ids):
            if str(value).replace("-", "") == text:
                return row
        return None

    def row_values(self, row: int) -> dict[str, Any] | None:
        block = self._block(row // BLOCK)
        return block[row % BLOCK]

    def _block(self, number: int) -> list[dict[str, Any] | None]:
        block = self._blocks.get(number)
        if block is None:
            start = number * BLOCK
            block = self._fetch(self._ids[start : start + BLOCK])
            self.blocks_fetched += 1
            self._blocks[number] = block
            while len(self._blocks) > CACHE_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(number)
        return block

    # ---------------------------------------------------------------- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values = self.row_values(index.row())
        column = self.columns[index.column()]
        if values is None:
            return self.tr("(deleted)") if index.column() == 0 else ""
        text = display_text(column, values.get(column))
        if role == Qt.ItemDataRole.ToolTipRole and len(text) < 40:
            return None
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return field_label(self.columns[section])
