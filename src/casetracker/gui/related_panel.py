"""Related records of the current record, grouped; double-click opens one."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from casetracker.gui.labels import group_title, value_label
from casetracker.services import Services

OPENABLE = frozenset({"detainees", "letters", "sanctions", "responses", "people", "organizations"})


class RelatedPanel(QWidget):
    open_record = Signal(str, object)

    def __init__(self, kind: str, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.services = services
        self.record_id: Any = None
        self.tree = QTreeWidget()
        self.tree.setObjectName("relatedTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Record"), self.tr("Date"), self.tr("Detail")])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(2, 170)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def set_record(self, record_id: Any) -> None:
        self.record_id = record_id
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        if self.record_id is None:
            return
        for group in self.services.related.for_record(self.kind, self.record_id):
            top = QTreeWidgetItem([f"{group_title(group.key)} ({len(group.items)})", "", ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(top)
            for item in group.items:
                date = item.date.display() if item.date is not None else ""
                detail = _readable(item.detail)
                label = _readable(item.label) if re.fullmatch(_CODE, item.label) else item.label
                child = QTreeWidgetItem([label, date, detail])
                child.setToolTip(0, item.label)
                child.setToolTip(2, detail)
                child.setData(0, Qt.ItemDataRole.UserRole, (item.kind, item.id))
                top.addChild(child)
            top.setExpanded(bool(group.items))

    def groups(self) -> dict[str, list[str]]:
        """Group title → item labels, as shown (for tests and screen readers)."""
        shown = {}
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            shown[top.text(0).rsplit(" (", 1)[0]] = [
                top.child(j).text(0) for j in range(top.childCount())
            ]
        return shown

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        target = item.data(0, Qt.ItemDataRole.UserRole)
        if target and target[0] in OPENABLE:
            self.open_record.emit(target[0], target[1])


def _readable(detail: str) -> str:
    """Stored codes in a detail ("ask 2 · on_trial") as labels ("ask 2 · On trial")."""
    parts = []
    for part in detail.split(" · "):
        if re.fullmatch(_CODE, part):
            parts.append(value_label(part))
        else:  # "ask 2: declined; ask 3: agreed"
            parts.append(re.sub(rf"(?<=: )({_CODE})\b", lambda m: value_label(m[1]), part))
    return " · ".join(parts)


_CODE = r"[a-z]+(?:_[a-z]+)*"
