"""The main window: navigation, one page per list, menus, shortcuts and status bar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QWidget,
)

from casetracker import APP_NAME
from casetracker.gui.dashboard import DashboardPage
from casetracker.gui.dialogs import show_about, show_error
from casetracker.gui.labels import list_title
from casetracker.gui.list_page import ListPage
from casetracker.gui.long_job import LongJob
from casetracker.gui.search_page import SearchPage
from casetracker.gui.settings import RecentDatabases, SavedSearches
from casetracker.gui.tasks import Runner
from casetracker.progress import Progress
from casetracker.services import Services

LIST_KINDS = ("detainees", "letters", "sanctions", "responses", "people", "organizations")
PAGES = ("dashboard", *LIST_KINDS, "search")
#: the role of a navigation item holding a saved search's query
SAVED_QUERY_ROLE = Qt.ItemDataRole.UserRole + 1
SAVED_NAME_ROLE = Qt.ItemDataRole.UserRole + 2


class MainWindow(QMainWindow):
    """One open database; ``switch_requested`` asks the app to open another."""

    switch_requested = Signal(str)

    def __init__(
        self,
        services: Services,
        runner: Runner,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.settings = settings or QSettings()
        self.recent = RecentDatabases(self.settings)
        self.saved_searches = SavedSearches(self.settings)
        self.jobs: list[LongJob] = []
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_NAME} — {services.db.describe()}")

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setMaximumWidth(200)
        self.stack = QStackedWidget()
        self.dashboard = DashboardPage(services)
        self.dashboard.open_list.connect(self.open_list)
        self.dashboard.open_record.connect(self.open_record)
        self.search_page = SearchPage(services, runner, self.saved_searches)
        self.search_page.open_record.connect(self.open_record)
        self.search_page.saved_changed.connect(self._rebuild_saved_searches)
        self.pages: dict[str, Any] = {"dashboard": self.dashboard, "search": self.search_page}
        self.undo_group = QUndoGroup(self)
        for kind in PAGES:
            if kind not in ("dashboard", "search"):
                page = ListPage(kind, services, runner)
                page.open_record.connect(self.open_record)
                page.data_changed.connect(self._data_changed)
                page.new_detention.connect(self.new_detention)
                self.undo_group.addStack(page.editor.undo_stack)
                self.pages[kind] = page
            self.stack.addWidget(self.pages[kind])
            item = QListWidgetItem(list_title(kind))
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.nav.addItem(item)
        self._rebuild_saved_searches()
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.nav.customContextMenuRequested.connect(self._nav_menu)
        self.nav.setFixedWidth(max(170, self.nav.sizeHintForColumn(0) + 40))
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 6px 10px; }")
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        from casetracker.gui.security import SecurityController

        self.security = SecurityController(self)
        self._build_menus()
        self.recent.add(services.db.describe())
        self._rebuild_recent_menu()
        self.refresh_status()
        self.restore_state()
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    # ---------------------------------------------------------------- menus
    def _action(self, text: str, slot: Any, shortcut: Any = None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = self._action(
            self.tr("&New record"), self.new_record, QKeySequence.StandardKey.New, "newRecord"
        )
        menu.addAction(self.new_action)
        menu.addSeparator()
        menu.addAction(self._action(self.tr("New &database…"), self.new_database))
        menu.addAction(
            self._action(
                self.tr("&Open database…"), self.open_database_dialog, QKeySequence.StandardKey.Open
            )
        )
        self.recent_menu = menu.addMenu(self.tr("Open &recent"))
        menu.addAction(self._action(self.tr("Open the &demo database"), self.open_demo))
        menu.addSeparator()
        menu.addAction(self._action(self.tr("&Import records…"), self.import_dialog))
        menu.addAction(
            self._action(
                self.tr("Import a &letter…"), self.letter_import_dialog, None, "letterImport"
            )
        )
        menu.addAction(self._action(self.tr("&Export all records…"), self.export_dialog))
        menu.addAction(self._action(self.tr("&Back up database…"), self.backup_dialog))
        self.security.add_file_items(menu)
        menu.addSeparator()
        menu.addAction(
            self._action(
                self.tr("&Reports…"),
                self.reports_dialog,
                QKeySequence.StandardKey.Print,
                "reports",
            )
        )
        menu.addSeparator()
        quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        menu.addAction(quit_action)

        menu = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        menu.addAction(undo)
        menu.addAction(redo)
        menu.addSeparator()
        self.save_action = self._action(
            self.tr("&Save"), self.save_current, QKeySequence.StandardKey.Save, "save"
        )
        menu.addAction(self.save_action)
        menu.addAction(self._action(self.tr("Re&vert"), self.revert_current))
        self.delete_action = self._action(
            self.tr("&Delete record…"),
            self.delete_current,
            QKeySequence.StandardKey.Delete,
            "delete",
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        menu.addAction(self.delete_action)
        self.purge_action = self._action(self.tr("&Purge this record…"), self.purge_current)
        self.purge_action.setObjectName("purge")
        menu.addAction(self.purge_action)
        self.bulk_action = self._action(self.tr("Set a field for the selected…"), self.bulk_edit)
        self.bulk_action.setObjectName("bulkEdit")
        menu.addAction(self.bulk_action)
        menu.aboutToShow.connect(self._update_record_actions)
        menu.addSeparator()
        menu.addAction(
            self._action(
                self.tr("&Filter the list"),
                self.focus_filter,
                QKeySequence.StandardKey.Find,
                "filter",
            )
        )
        self.search_action = self._action(
            self.tr("Search &everything…"), self.global_search, "Ctrl+K", "globalSearch"
        )
        menu.addAction(self.search_action)
        menu.addSeparator()
        menu.addAction(self.security.preferences_action)

        menu = self.menuBar().addMenu(self.tr("&View"))
        for number, kind in enumerate(PAGES, start=1):
            menu.addAction(
                self._action(
                    list_title(kind), lambda _c=False, k=kind: self.show_page(k), f"Ctrl+{number}"
                )
            )
        menu.addSeparator()
        menu.addAction(
            self._action(self.tr("&Refresh"), self.refresh_all, QKeySequence.StandardKey.Refresh)
        )

        menu = self.menuBar().addMenu(self.tr("&Help"))
        about = self._action(self.tr("&About CaseTracker"), self.about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        menu.addAction(about)
        about_qt = self._action(self.tr("About &Qt"), lambda: QMessageBox.aboutQt(self))
        about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
        menu.addAction(about_qt)
        for page in self.pages.values():
            if isinstance(page, ListPage):
                page.table.addAction(self.delete_action)

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        for target in self.recent.items():
            action = self.recent_menu.addAction(target)
            action.triggered.connect(lambda _c=False, t=target: self.request_switch(t))
        self.recent_menu.setEnabled(bool(self.recent.items()))

    # ---------------------------------------------------------------- navigation
    def _rebuild_saved_searches(self) -> None:
        """The saved searches, listed under Search in the navigation column."""
        selected = self.nav.currentRow()
        self.nav.blockSignals(True)
        while self.nav.count() > len(PAGES):
            self.nav.takeItem(len(PAGES))
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView)
        self.nav.setIconSize(QSize(14, 14))
        for name, query in self.saved_searches.items():
            item = QListWidgetItem(icon, name)
            item.setData(Qt.ItemDataRole.UserRole, "search")
            item.setData(SAVED_QUERY_ROLE, query)
            item.setData(SAVED_NAME_ROLE, name)
            item.setToolTip(self.tr("Saved search: %1").replace("%1", query))
            self.nav.addItem(item)
        self.nav.blockSignals(False)
        if 0 <= selected < self.nav.count():
            self.nav.setCurrentRow(selected)

    def _nav_menu(self, position: Any) -> None:
        item = self.nav.itemAt(position)
        if item is None or item.data(SAVED_QUERY_ROLE) is None:
            return
        menu = QMenu(self)
        remove = menu.addAction(self.tr("Remove this saved search"))
        if menu.exec(self.nav.mapToGlobal(position)) is remove:
            self.remove_saved_search(str(item.data(SAVED_NAME_ROLE)))

    def remove_saved_search(self, name: str) -> None:
        self.saved_searches.remove(name)
        self.nav.setCurrentRow(PAGES.index("search"))
        self._rebuild_saved_searches()

    def current_kind(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else "dashboard"

    def current_page(self) -> ListPage | None:
        page = self.pages.get(self.current_kind())
        return page if isinstance(page, ListPage) else None

    def show_page(self, kind: str) -> Any:
        self.nav.setCurrentRow(PAGES.index(kind))
        return self.pages[kind]

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        item = self.nav.item(row)
        kind = str(item.data(Qt.ItemDataRole.UserRole))
        page = self.pages[kind]
        self.stack.setCurrentWidget(page)
        if kind == "search":
            self.undo_group.setActiveStack(None)
            saved = item.data(SAVED_QUERY_ROLE)
            if saved is not None:
                self.search_page.set_query(str(saved))
            else:
                self.search_page.refresh()
            self.search_page.focus()
        elif isinstance(page, ListPage):
            try:
                page.ensure_loaded()
            except Exception as exc:
                show_error(self, exc, self.tr("The list cannot be shown."))
            self.undo_group.setActiveStack(page.editor.undo_stack)
        else:
            self.undo_group.setActiveStack(None)
            self._refresh_dashboard()

    def _refresh_dashboard(self) -> None:
        self.dashboard.refresh(self.runner)

    def open_record(self, kind: str, record_id: Any) -> None:
        """Show one record in its list (leaving the current one only if its edits are safe)."""
        current = self.current_page()
        if current is not None and current.kind != kind and not current.confirm_leave():
            return
        page = self.show_page(kind)
        if not page.confirm_leave():
            return
        if not page.select_record(record_id):
            # hidden by the filters: clear them, then show it
            page.filter_bar.set_target({})
            page.reload(keep=record_id)
            page.show_record(record_id)

    def open_list(
        self, kind: str, filters: dict, sort: Any, descending: bool, description: str
    ) -> None:
        page = self.show_page(kind)
        page.apply_target(filters, sort, descending, description)

    # ---------------------------------------------------------------- record actions
    def new_record(self) -> None:
        page = self.current_page()
        if page is None:
            page = self.show_page("detainees")
        page.new_record()

    def new_detention(self, person_id: Any) -> None:
        """Start a new detention of a known person on the detainees page."""
        page = self.show_page("detainees")
        page.new_record(person_id)

    def save_current(self) -> None:
        page = self.current_page()
        if page is not None:
            page.editor.save()

    def revert_current(self) -> None:
        page = self.current_page()
        if page is not None:
            page.editor.revert()

    def delete_current(self) -> None:
        page = self.current_page()
        if page is not None:
            page.editor.request_delete()

    def purge_current(self) -> None:
        from casetracker.gui.purge_dialog import purge_record

        page = self.current_page()
        if page is not None:
            purge_record(page)

    def bulk_edit(self) -> None:
        from casetracker.gui.bulk_edit_dialog import bulk_edit

        page = self.current_page()
        if page is not None:
            bulk_edit(page)

    def _update_record_actions(self) -> None:
        from casetracker.gui.bulk_edit_dialog import bulk_edit_text
        from casetracker.gui.purge_dialog import update_action

        page = self.current_page()
        update_action(self.purge_action, page)
        count = len(page.selected_ids()) if page is not None else 0
        self.bulk_action.setText(bulk_edit_text(count))
        self.bulk_action.setEnabled(count > 0)

    def focus_filter(self) -> None:
        page = self.current_page()
        if page is not None:
            page.filter_bar.quick.setFocus()
            page.filter_bar.quick.selectAll()

    def global_search(self) -> None:
        """Ctrl+K: the search page, its field ready for typing (a record being
        edited stays as it is on its own page)."""
        self.show_page("search")
        self.search_page.focus()

    def refresh_all(self) -> None:
        for kind, page in self.pages.items():
            if isinstance(page, ListPage) and page.loaded:
                page.reload()
                page.refresh_related()
            elif kind == "dashboard" and self.current_kind() == "dashboard":
                self._refresh_dashboard()
            elif kind == "search" and self.current_kind() == "search":
                self.search_page.refresh()
        self.refresh_status()

    def _data_changed(self, kind: str) -> None:
        for page in self.pages.values():
            if isinstance(page, ListPage) and page.kind != kind and page.loaded:
                page.refresh_related()
        self.refresh_status()

    def refresh_status(self) -> None:
        self.db_label.setText(self.tr("Database: %1").replace("%1", self.services.db.describe()))
        try:
            counts = [
                f"{list_title(kind)}: {self.services.listing.count(kind):,}" for kind in LIST_KINDS
            ]
        except Exception as exc:
            show_error(self, exc, self.tr("The record counts cannot be read."))
            return
        self.counts_label.setText("  ·  ".join(counts))

    # ---------------------------------------------------------------- databases
    def request_switch(self, target: str) -> None:
        if self.confirm_close_all():
            self.switch_requested.emit(target)

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New database"),
            str(Path.home() / "casetracker.db"),
            self.tr("CaseTracker databases (*.db)"),
        )
        if path:
            if not path.endswith(".db"):
                path += ".db"
            if Path(path).exists():
                show_error(self, FileExistsError(17, "the file already exists", path))
                return
            self.security.create_database(Path(path))

    def open_database_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open database"),
            str(Path.home()),
            self.tr("CaseTracker databases (*.db);;All files (*)"),
        )
        if path:
            self.request_switch(path)

    def open_demo(self) -> None:
        self.request_switch("demo:")

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import records"),
            str(Path.home()),
            self.tr("CaseTracker exports (*.json)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> LongJob:
        from casetracker.interchange import import_document, read_document

        def job(progress: Progress) -> dict[str, int]:
            progress.report(0, 0, self.tr("Reading %1…").replace("%1", path.name))
            return import_document(self.services.db, read_document(path), progress)

        def done(counts: dict[str, int]) -> None:
            self.refresh_all()
            QMessageBox.information(
                self,
                APP_NAME,
                self.tr("Imported %1 records from %2.")
                .replace("%1", f"{sum(counts.values()):,}")
                .replace("%2", path.name),
            )

        return self._long_job(
            self.tr("Importing records"), job, done, self.tr("Nothing was imported.")
        )

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export all records"),
            str(Path.home() / "casetracker-export.json"),
            self.tr("CaseTracker exports (*.json)"),
        )
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> LongJob:
        from casetracker.interchange import write_export

        def done(counts: dict[str, int]) -> None:
            self.statusBar().showMessage(
                self.tr("Exported %1 records to %2")
                .replace("%1", f"{sum(counts.values()):,}")
                .replace("%2", str(path)),
                8000,
            )

        return self._long_job(
            self.tr("Exporting records"),
            lambda progress: write_export(self.services.db, path, progress),
            done,
            self.tr("The export was not written."),
        )

    def backup_dialog(self) -> None:
        from casetracker.db.maintenance import backup

        def done(out: Path) -> None:
            self.statusBar().showMessage(
                self.tr("Backup written to %1").replace("%1", str(out)), 8000
            )

        self._long_job(
            self.tr("Backing up"),
            lambda _p: backup(self.services.db),
            done,
            self.tr("The backup was not written."),
        )

    def letter_import_dialog(self) -> None:
        """File › Import a letter…: read, review, save; then show the letter."""
        from casetracker.gui.letter_import_dialog import LetterImportDialog

        dialog = LetterImportDialog(self.services, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.refresh_all()
            self.open_record("letters", dialog.saved_id)

    def reports_dialog(self) -> None:
        """File › Reports…: preset to a dossier of the record open on its page."""
        from casetracker.gui.reports_dialog import RECORD_KINDS, ReportsDialog

        kind, record = "briefing", None
        page = self.current_page()
        report_of = {"detainees": "dossier", "sanctions": "sanctions"}
        if page is not None and page.kind in report_of and page.editor.record_id is not None:
            kind = report_of[page.kind]
            record_id = page.editor.record_id
            try:
                label = self.services.lookup.label(RECORD_KINDS[kind], record_id)
            except Exception:  # a label only: the dialog still works without it
                label = ""
            record = (kind, record_id, label)
        dialog = ReportsDialog(self.services, self.settings, self, kind=kind, record=record)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.write_report(dialog.options(), dialog.path(), dialog.open_after.isChecked())

    def write_report(self, options: Any, path: Path, open_after: bool = False) -> LongJob:
        """Write a report on the worker; open it in the system viewer when asked."""

        def done(result: Any) -> None:
            self.statusBar().showMessage(
                self.tr("Report written to %1 (%2 pages)")
                .replace("%1", str(result.path))
                .replace("%2", str(result.pages)),
                10000,
            )
            if open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))

        return self._long_job(
            self.tr("Writing the report"),
            lambda progress: self.services.reports.write(options, path, progress),
            done,
            self.tr("The report was not written."),
        )

    def _long_job(self, title: str, job: Any, done: Any, failure: str) -> LongJob:
        holder: list[LongJob] = []

        def finished(result: Any) -> None:
            self._forget(holder)
            done(result)

        def failed(exc: BaseException) -> None:
            self._forget(holder)
            show_error(self, exc, failure)

        long_job = LongJob(self, self.runner, title, job, finished, failed)
        holder.append(long_job)
        if not long_job.finished:
            self.jobs.append(long_job)
        return long_job

    def _forget(self, holder: list[LongJob]) -> None:
        for job in holder:
            if job in self.jobs:
                self.jobs.remove(job)

    def about(self) -> None:
        show_about(self, self.services.db.describe())

    # ---------------------------------------------------------------- closing and state
    def confirm_close_all(self) -> bool:
        """Ask about every page with unsaved edits; False when the user cancels."""
        if self.jobs:
            QMessageBox.information(
                self, APP_NAME, self.tr("Wait for the running job to finish, or cancel it.")
            )
            return False
        for kind in LIST_KINDS:
            page = self.pages[kind]
            if page.editor.is_dirty():
                self.show_page(kind)
                if not page.confirm_leave():
                    return False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_close_all():
            event.ignore()
            return
        self.save_state()
        self.runner.wait()
        event.accept()

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/page", self.current_kind())
        for kind in LIST_KINDS:
            page = self.pages[kind]
            self.settings.setValue(f"splitter/{kind}", page.splitter.saveState())
            self.settings.setValue(f"columns/{kind}", page.table.horizontalHeader().saveState())

    def restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 820)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for kind in LIST_KINDS:
            page = self.pages[kind]
            split = self.settings.value(f"splitter/{kind}")
            if isinstance(split, QByteArray):
                page.splitter.restoreState(split)
            else:
                page.splitter.setSizes([640, 600])
            columns = self.settings.value(f"columns/{kind}")
            if isinstance(columns, QByteArray):
                page.table.horizontalHeader().restoreState(columns)
        kind = self.settings.value("window/page")
        if isinstance(kind, str) and kind in PAGES:
            self.nav.setCurrentRow(PAGES.index(kind))
