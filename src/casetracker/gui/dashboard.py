"""The dashboard: where things stand, each figure opening the matching list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casetracker.gui.dialogs import show_error
from casetracker.gui.labels import list_title, value_label
from casetracker.services import Services

MAX_ITEMS = 8


class Card(QFrame):
    """A titled box of figures and short lists."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("dashboardCard")
        self.layout_ = QVBoxLayout(self)
        heading = QLabel(title)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        heading.setFont(font)
        self.layout_.addWidget(heading)
        self.body = QVBoxLayout()
        self.body.setSpacing(2)
        self.layout_.addLayout(self.body)
        self.layout_.addStretch(1)

    def clear(self) -> None:
        while self.body.count():
            item = self.body.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def add_link(self, text: str, on_click: Any, name: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setStyleSheet("text-align: left; padding: 2px 4px;")
        if name:
            button.setObjectName(name)
        button.clicked.connect(on_click)
        self.body.addWidget(button)
        return button

    def add_text(self, text: str) -> None:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("color: palette(mid);")
        self.body.addWidget(label)


class DashboardPage(QWidget):
    """Figures of the whole database; ``open_list`` / ``open_record`` navigate."""

    open_list = Signal(str, dict, object, bool, str)  # kind, filters, sort, descending, text
    open_record = Signal(str, object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("page_dashboard")
        self.today: dt.date | None = None
        self.cards = {
            "detentions": Card(self.tr("Detentions by status")),
            "overdue": Card(self.tr("Letters awaiting a response past follow-up")),
            "asks": Card(self.tr("Open asks")),
            "hearings": Card(self.tr("Upcoming hearings")),
            "sanctions": Card(self.tr("Sanction requests by status")),
            "recent": Card(self.tr("Recent changes")),
        }
        grid = QGridLayout()
        grid.setSpacing(10)
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // 3, index % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        host = QWidget()
        outer = QVBoxLayout(host)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        outer.addWidget(self.heading)
        outer.addLayout(grid)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def refresh(self, runner: Any = None) -> None:
        """Compute the figures (on ``runner``'s worker when given) and show them."""
        today = self.today
        if runner is None:
            self.show_board(self.services.dashboard.build(today=today))
            return
        if not self.heading.text():
            self.heading.setText(self.tr("Counting…"))
        runner.run(
            lambda: self.services.dashboard.build(today=today),
            self.show_board,
            lambda exc: show_error(self, exc, self.tr("The dashboard cannot be shown.")),
        )

    def show_board(self, board: Any) -> None:
        today = self.today or dt.date.today()
        self.heading.setText(self.tr("Situation on %1").replace("%1", today.isoformat()))
        for card in self.cards.values():
            card.clear()

        card = self.cards["detentions"]
        for figure in board.detentions_by_status:
            self._figure(card, figure, f"{figure.value:,}  {value_label(figure.key)}")
        if not board.detentions_by_status:
            card.add_text(self.tr("No detentions recorded yet."))

        card = self.cards["overdue"]
        if board.overdue_total:
            card.add_link(
                self.tr("%1 letters overdue").replace("%1", f"{board.overdue_total:,}"),
                lambda: self._open_target(board.overdue_target, self.tr("overdue")),
                "overdueTotal",
            )
            for item in board.overdue_letters[:MAX_ITEMS]:
                self._item(card, item, f"{_short(item.label)} — {item.detail}")
        else:
            card.add_text(self.tr("No letter is past its follow-up date."))

        card = self.cards["asks"]
        card.add_link(
            self.tr("%1 open asks").replace("%1", f"{board.open_asks:,}"),
            lambda: self._open_target(board.open_asks_target, self.tr("with open asks")),
            "openAsks",
        )
        for item in board.open_ask_items[:MAX_ITEMS]:
            self._item(card, item, _short(item.label))

        card = self.cards["hearings"]
        if board.upcoming_hearings:
            card.add_link(
                self.tr("All upcoming hearings"),
                lambda: self._open_target(board.hearings_target, self.tr("upcoming hearing")),
                "hearingsAll",
            )
        for item in board.upcoming_hearings[:MAX_ITEMS]:
            date = item.date.display() if item.date is not None else ""
            self._item(card, item, f"{date}  {item.label}")
        if not board.upcoming_hearings:
            card.add_text(self.tr("No hearing in the coming weeks."))

        card = self.cards["sanctions"]
        for figure in board.sanctions_by_status:
            self._figure(card, figure, f"{figure.value:,}  {value_label(figure.key)}")
        if not board.sanctions_by_status:
            card.add_text(self.tr("No sanction request recorded yet."))

        card = self.cards["recent"]
        for item in board.recent_changes[: MAX_ITEMS + 4]:
            self._item(card, item, f"{_short(item.label)}  ·  {list_title(item.kind)}")
        if not board.recent_changes:
            card.add_text(self.tr("Nothing recorded yet."))

    def _figure(self, card: Card, figure: Any, text: str) -> None:
        if figure.target is None:
            card.add_text(text)
            return
        card.add_link(
            text,
            lambda: self._open_target(figure.target, value_label(figure.key)),
            f"figure_{figure.key}",
        )

    def _item(self, card: Card, item: Any, text: str) -> None:
        button = card.add_link(text, lambda: self.open_record.emit(item.kind, item.id))
        button.setToolTip(item.label)

    def _open_target(self, target: Any, description: str) -> None:
        self.open_list.emit(
            target.kind, dict(target.filters), target.sort, target.descending, description
        )


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
