"""The main window (minimal until the desktop-app issue): one list per record kind."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QTabWidget,
)

from casetracker import APP_NAME
from casetracker.gui.table_model import RowsTableModel
from casetracker.services import Services

PAGE_SIZE = 500
TITLES = {
    "detainees": "Detainees",
    "letters": "Letters",
    "sanctions": "Sanctions",
    "responses": "Responses",
    "people": "People",
    "organizations": "Organizations",
}


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(f"{APP_NAME} — {services.db.describe()}")
        self.tabs = QTabWidget()
        self.setCentralWidget(self.tabs)
        self.models: dict[str, RowsTableModel] = {}
        self.views: dict[str, QTableView] = {}
        counts = []
        for kind, title in TITLES.items():
            page = services.listing.page(kind, limit=PAGE_SIZE)
            model = RowsTableModel(page.columns, self)
            model.set_rows(page.rows)
            view = QTableView()
            view.setModel(model)
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            view.setAlternatingRowColors(True)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setStretchLastSection(True)
            view.resizeColumnsToContents()
            total = services.listing.count(kind)
            self.tabs.addTab(view, f"{title} ({total})")
            self.models[kind] = model
            self.views[kind] = view
            counts.append(f"{title}: {total}")
        self.status_label = QLabel(f"{services.db.describe()}  ·  " + "  ·  ".join(counts))
        self.statusBar().addPermanentWidget(self.status_label, 1)
        self.resize(1200, 720)
