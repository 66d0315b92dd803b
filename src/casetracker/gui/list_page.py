"""One list (detainees, letters…): filter bar, lazy table, and the record's detail pane."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casetracker.errors import CaseTrackerError, NotFoundError
from casetracker.gui.dialogs import ask_unsaved, show_error
from casetracker.gui.editor import RecordEditor
from casetracker.gui.filter_bar import FilterBar
from casetracker.gui.history_panel import HistoryPanel
from casetracker.gui.labels import list_title, record_name
from casetracker.gui.list_model import IdListModel
from casetracker.gui.parts import AskPositions, DocumentsPart, LinkList, PartTable, part_title
from casetracker.gui.related_panel import RelatedPanel
from casetracker.gui.tasks import Runner
from casetracker.services import Services
from casetracker.services.children import ATTACHMENT_OWNER_FIELDS, child_specs, link_specs

#: a column whose header click sorts by another sort key
SORT_FOR_COLUMN = {"display_name": "name"}
COLUMN_WIDTHS = {"title": 360, "name": 220, "display_name": 220, "facility": 220, "target": 220}


class ListPage(QWidget):
    """Browse, filter and edit the records of one list."""

    open_record = Signal(str, object)
    data_changed = Signal(str)
    new_detention = Signal(object)  # person id

    def __init__(
        self, kind: str, services: Services, runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.services = services
        self.runner = runner
        self.setObjectName(f"page_{kind}")
        self.loaded = False
        self.sort: str | None = None
        self.descending = False
        self.last_query_ms = 0.0

        self.filter_bar = FilterBar(kind, services)
        self.filter_bar.changed.connect(self.reload)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        columns = services.browse.columns(kind)
        self.model = IdListModel(columns, lambda ids: services.browse.rows(kind, ids), self)
        self.model.sortable = frozenset(
            c
            for c in self.model.columns
            if SORT_FOR_COLUMN.get(c, c) in services.browse.sorts(kind)
        )
        self.table = QTableView()
        self.table.setObjectName(f"table_{kind}")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # several rows for a bulk edit; the current row is the one the editor shows
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._header_clicked)
        for index, column in enumerate(self.model.columns):
            header.resizeSection(index, COLUMN_WIDTHS.get(column, 120))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._show_sort_indicator()

        self.editor = RecordEditor(kind, services, runner)
        self.editor.saved.connect(self._saved)
        self.editor.deleted.connect(self._deleted)
        if kind == "people":
            button = self.editor.add_button(self.tr("Record a detention…"))
            button.setObjectName("recordDetention")
            button.clicked.connect(self._record_detention)
        self.details = QTabWidget()
        self.details.setObjectName("details")
        self.details.setUsesScrollButtons(True)
        self.details.addTab(self.editor, self.tr("Details"))
        self.parts: dict[str, PartTable] = {}
        for spec in child_specs(kind):
            part = PartTable(kind, spec, services, runner, self.editor.undo_stack)
            part.changed.connect(self._part_changed)
            self.parts[spec.key] = part
            self.details.addTab(part, part_title(spec.key))
        self.links: dict[str, LinkList] = {}
        for link in link_specs(kind):
            widget = LinkList(kind, link, services, runner)
            widget.changed.connect(self._part_changed)
            widget.open_record.connect(self.open_record)
            self.links[link.key] = widget
            self.details.addTab(
                widget, self.tr("Linked %1").replace("%1", list_title(link.target_kind).lower())
            )
        self.ask_positions: AskPositions | None = None
        if kind == "responses":
            self.ask_positions = AskPositions(services, runner, self.editor.undo_stack)
            self.ask_positions.changed.connect(self._part_changed)
            self.details.addTab(self.ask_positions, self.tr("Asks answered"))
        self.documents: DocumentsPart | None = None
        if kind in ATTACHMENT_OWNER_FIELDS:
            self.documents = DocumentsPart(kind, services, runner)
            self.documents.changed.connect(self._part_changed)
            self.details.addTab(self.documents, self.tr("Documents"))
        self.related = RelatedPanel(kind, services)
        self.related.open_record.connect(self.open_record)
        self.details.addTab(self.related, self.tr("Related"))
        self.history = HistoryPanel(
            kind, services, runner, self.confirm_leave, lambda: self.editor.form
        )
        self.history.reverted.connect(self._reverted)
        self.details.addTab(self.history, self.tr("History"))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"splitter_{kind}")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

    # ---------------------------------------------------------------- the list
    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.reload()

    def reload(self, keep: Any = None, *, select: bool = True) -> bool:
        """Query the list again with the current filters and sort."""
        keep = keep if keep is not None else self.editor.record_id
        started = time.perf_counter()
        try:
            id_list = self.services.browse.ids(
                self.kind,
                filters=self.filter_bar.filters(),
                text=self.filter_bar.text(),
                sort=self.sort,
                descending=self.descending,
            )
        except CaseTrackerError as exc:
            show_error(self, exc, self.tr("The filter cannot be applied."))
            return False
        self.model.set_ids(id_list.ids)
        self.last_query_ms = (time.perf_counter() - started) * 1000
        self.loaded = True
        count = len(id_list.ids)
        self.count_label.setText(self.tr("%1 shown").replace("%1", f"{count:,}"))
        if keep is not None and select:
            self.select_record(keep, load=False)
        return True

    def select_record(self, record_id: Any, *, load: bool = True) -> bool:
        """Select a record's row (if the filters show it) and, with ``load``, open it."""
        row = self.model.row_of(record_id)
        if row is not None:
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            index = self.model.index(row, 0)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.blockSignals(False)
            self.table.scrollTo(index)
        if load:
            self.show_record(record_id)
        return row is not None

    def _show_sort_indicator(self) -> None:
        sort = self.sort or self.services.listing.spec(self.kind).default_sort
        order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
        for index, column in enumerate(self.model.columns):
            if SORT_FOR_COLUMN.get(column, column) == sort:
                self.table.horizontalHeader().setSortIndicator(index, order)
                return
        self.table.horizontalHeader().setSortIndicator(-1, order)

    def _header_clicked(self, section: int) -> None:
        column = self.model.columns[section]
        if column not in self.model.sortable:
            self._show_sort_indicator()
            return
        key = SORT_FOR_COLUMN.get(column, column)
        self.descending = not self.descending if key == self.sort else False
        self.sort = key
        self._show_sort_indicator()
        self.reload()

    def apply_target(
        self, filters: dict[str, Any], sort: str | None, descending: bool, description: str = ""
    ) -> None:
        """Open the list with the given filters (from the dashboard)."""
        self.filter_bar.set_target(filters, description)
        if sort is not None:
            self.sort, self.descending = sort, descending
            self._show_sort_indicator()
        self.reload()

    # ---------------------------------------------------------------- the record
    def _current_changed(self, current: Any, previous: Any) -> None:
        record_id = self.model.record_id(current.row()) if current.isValid() else None
        if record_id is None or _same(record_id, self.editor.record_id):
            return
        if not self.confirm_leave():
            # stay on the edited record (once the view has finished its click)
            QTimer.singleShot(0, lambda: self._reselect(self.editor.record_id))
            return
        self.show_record(record_id)

    def _reselect(self, record_id: Any) -> None:
        """Select the row of the record the editor shows, if it still does."""
        if record_id is not None and _same(record_id, self.editor.record_id):
            self.select_record(record_id, load=False)

    def show_record(self, record_id: Any) -> None:
        try:
            self.editor.load(record_id)
        except NotFoundError:
            QMessageBox.information(
                self, self.windowTitle(), self.tr("This record no longer exists.")
            )
            self.reload()
            return
        self._set_parts(self.editor.record_id)

    def new_record(self, person_id: Any = None) -> None:
        if not self.confirm_leave():
            return
        self.table.clearSelection()
        self.editor.new_record(person_id)
        self._set_parts(None)
        self.details.setCurrentWidget(self.editor)
        first = next(iter(self.editor.widgets.values()))
        first.setFocus()

    def _record_detention(self) -> None:
        if self.editor.record_id is not None and self.confirm_leave():
            self.new_detention.emit(self.editor.record_id)

    def _set_parts(self, record_id: Any) -> None:
        for part in self.parts.values():
            part.set_parent(record_id)
        for link in self.links.values():
            link.set_parent(record_id)
        if self.ask_positions is not None:
            self.ask_positions.set_parent(record_id)
        if self.documents is not None:
            self.documents.set_parent(record_id)
        self.related.set_record(record_id)
        self.history.set_record(record_id)

    def confirm_leave(self) -> bool:
        """True when it is fine to leave the record (saved, discarded or unchanged)."""
        if self.editor.is_busy():
            # a save is running: let it finish and report before deciding
            self.runner.wait()
            QCoreApplication.sendPostedEvents()
            QCoreApplication.processEvents()
        if not self.editor.is_dirty():
            return True
        title = self.editor.form.title if self.editor.form else ""
        answer = ask_unsaved(self, title or record_name(self.kind))
        if answer == QMessageBox.StandardButton.Save:
            return self.editor.save(wait=True) and not self.editor.is_dirty()
        if answer == QMessageBox.StandardButton.Discard:
            self.editor.revert()
            return True
        return False

    def _saved(self, kind: str, record_id: Any) -> None:
        if _same(record_id, self.editor.record_id):
            self._set_parts(record_id)
        self.model.invalidate()
        if self.model.row_of(record_id) is None:
            self.reload(keep=record_id, select=False)  # a new record joins the list
        # select it after any click being handled (saved from the leave prompt)
        QTimer.singleShot(0, lambda: self._reselect(record_id))
        self.data_changed.emit(kind)

    def _deleted(self, kind: str, record_id: Any) -> None:
        self._set_parts(None)
        self.reload()
        self.data_changed.emit(kind)

    def _part_changed(self) -> None:
        self.related.refresh()
        self.history.refresh()
        if self.ask_positions is not None and self.sender() is not self.ask_positions:
            self.ask_positions.refresh()
        self.model.invalidate()
        # a status change moves the record's version and shown status
        self.editor.refresh_saved()
        self.data_changed.emit(self.kind)

    def refresh_related(self) -> None:
        self.model.invalidate()
        if self.editor.record_id is not None:
            self.related.refresh()
            for part in self.parts.values():
                part.refresh()
            for link in self.links.values():
                link.refresh()

    # ---------------------------------------------------------------- history and bulk edits
    def _reverted(self, record_id: Any) -> None:
        """A revert from the History tab: show the record as it is now."""
        self.model.invalidate()
        if _same(record_id, self.editor.record_id):
            self.show_record(record_id)
        self.data_changed.emit(self.kind)

    def selected_ids(self) -> list[Any]:
        """The ids of the selected rows, in list order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [r for r in (self.model.record_id(row) for row in rows) if r is not None]

    def _table_menu(self, position: Any) -> None:
        from casetracker.gui.bulk_edit_dialog import bulk_edit, bulk_edit_text

        count = len(self.selected_ids())
        menu = QMenu(self)
        action = menu.addAction(bulk_edit_text(count))
        action.setEnabled(count > 0)
        action.triggered.connect(lambda: bulk_edit(self))
        menu.exec(self.table.viewport().mapToGlobal(position))

    def records_changed(self) -> None:
        """Records of this list were changed in bulk: show them as they are now."""
        self.reload()
        self.editor.refresh_saved()
        if self.editor.record_id is not None:
            self.history.refresh()
            self.related.refresh()
        self.data_changed.emit(self.kind)


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return False
    return str(a).replace("-", "") == str(b).replace("-", "")
