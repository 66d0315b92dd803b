"""Search everything (Ctrl+K): results as you type, grouped by type of record,
with the matched words highlighted; Enter or a double-click opens the record.

The query runs on the worker thread (``services.search``); while one runs, the
latest text waits its turn and older ones are dropped, so typing never queues
searches up. A query that cannot be read is explained under the field.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from casetracker.errors import CaseTrackerError
from casetracker.gui.dialogs import show_error
from casetracker.gui.labels import search_group
from casetracker.gui.settings import SavedSearches
from casetracker.search.query import TYPES

DEBOUNCE_MS = 200
PER_GROUP = 8
MORE = 200
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
TARGET_ROLE = Qt.ItemDataRole.UserRole + 2
MORE_ROLE = Qt.ItemDataRole.UserRole + 3
HIGHLIGHT = "background-color:#ffe58f;color:#000000;font-weight:600;"


def hit_html(hit: Any, date_text: str) -> str:
    """A hit as two lines of rich text: title (and date), then the snippet."""
    snippet = "".join(
        f'<span style="{HIGHLIGHT}">{html.escape(text)}</span>' if marked else html.escape(text)
        for text, marked in hit.snippet.segments
    )
    date = f' <span style="color:#666666;">· {html.escape(date_text)}</span>' if date_text else ""
    title = html.escape(hit.title) or "—"
    return f"<b>{title}</b>{date}<br/><span>{' '.join(snippet.split())}</span>"


class HitDelegate(QStyledItemDelegate):
    """Paints an item's rich text (HTML_ROLE) inside the usual selection frame."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(4)
        document.setHtml(str(index.data(HTML_ROLE)))
        document.setTextWidth(max(200, option.rect.width()))
        return document

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.data(HTML_ROLE) is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget
            )
        document = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        if option.state & QStyle.StateFlag.State_Selected:
            colour = option.palette.highlightedText().color().name()
            document.setDefaultStyleSheet(f"body {{ color: {colour}; }}")
            document.setHtml(str(index.data(HTML_ROLE)))
        document.drawContents(painter, QRectF(0, 0, option.rect.width(), option.rect.height()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if index.data(HTML_ROLE) is None:
            return super().sizeHint(option, index)
        self.initStyleOption(option, index)
        width = option.widget.viewport().width() - 40 if option.widget else 600
        option.rect.setWidth(max(200, width))
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 2)


class SearchField(QLineEdit):
    """The query box: Down moves into the results, Enter opens the first hit."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class SearchPage(QWidget):
    """The global search page; ``open_record(kind, id)`` asks to show a record."""

    open_record = Signal(str, object)
    saved_changed = Signal()

    def __init__(
        self, services: Any, runner: Any, saved: SavedSearches, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchPage")
        self.services = services
        self.runner = runner
        self.saved = saved
        self._running = False
        self._wanted: tuple[str, tuple[str, ...], int] | None = None
        self._shown: tuple[str, tuple[str, ...], int] | None = None
        self._open_first = False
        self.results: Any = None

        self.field = SearchField()
        self.field.setObjectName("searchField")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(
            self.tr('Search everything: words, "a phrase", sanction*, OR, -word, type:letter …')
        )
        self.field.setToolTip(
            self.tr(
                "All words must match. Filters: type: (letter, response, detainee, sanction, "
                "person, attachment), from:, to:, signed-by:, after:2024-06, before:2025, "
                "status:. Names are found in every recorded spelling and script."
            )
        )
        self.types = QComboBox()
        self.types.setObjectName("searchTypes")
        self.types.addItem(self.tr("Everything"), "")
        for doc_type in TYPES:
            self.types.addItem(search_group(doc_type), doc_type)
        self.save_button = QPushButton(self.tr("Save search…"))
        self.save_button.setObjectName("saveSearch")
        self.save_button.setEnabled(False)
        self.message = QLabel()
        self.message.setObjectName("searchMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = QStandardItemModel(self)
        self.view = QTreeView()
        self.view.setObjectName("searchResults")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setUniformRowHeights(False)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setItemDelegate(HitDelegate(self.view))
        self.view.activated.connect(self._activate)

        top = QHBoxLayout()
        top.addWidget(self.field, 1)
        top.addWidget(self.types)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self.field.textChanged.connect(lambda _t: self.timer.start())
        self.field.returnPressed.connect(self._enter)
        self.field.down.connect(self._into_results)
        self.types.currentIndexChanged.connect(lambda _i: self.search_now())
        self.save_button.clicked.connect(self.save_dialog)
        self._hint()

    # ---------------------------------------------------------------- searching
    def focus(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def set_query(self, text: str) -> None:
        """Show the results of ``text`` (a saved search) at once."""
        self.field.blockSignals(True)
        self.field.setText(text)
        self.field.blockSignals(False)
        self.search_now()

    def search_now(self, more_of: str | None = None) -> None:
        self.timer.stop()
        text = self.field.text().strip()
        self.save_button.setEnabled(bool(text))
        if not text:
            self._wanted = None
            self._shown = None
            self.model.clear()
            self._hint()
            return
        chosen = self.types.currentData()
        types = (more_of,) if more_of else ((chosen,) if chosen else ())
        self._wanted = (text, types, MORE if more_of else PER_GROUP)
        self._next()

    def _next(self) -> None:
        if self._running or self._wanted is None or self._wanted == self._shown:
            return
        wanted = self._wanted
        text, types, limit = wanted
        self._running = True
        self.runner.run(
            lambda: self.services.search.search(text, types=types, limit=limit, per_type=True),
            lambda results: self._finished(wanted, results, None),
            lambda exc: self._finished(wanted, None, exc),
        )

    def _finished(self, wanted: Any, results: Any, error: BaseException | None) -> None:
        self._running = False
        if wanted == self._wanted:
            self._shown = wanted
            if error is None:
                self.show_results(results, expanded=wanted[2] == MORE)
                first = self.first_hit() if self._open_first else None
                self._open_first = False
                if first is not None:
                    self._activate(first)
            elif isinstance(error, CaseTrackerError):
                self.model.clear()
                self.results = None
                self._say(str(error), problem=True)
            else:
                show_error(self, error, self.tr("The search could not be run."))
        self._next()

    # ---------------------------------------------------------------- showing
    def show_results(self, results: Any, *, expanded: bool = False) -> None:
        self.results = results
        self.model.clear()
        groups = results.by_type()
        for doc_type in TYPES:
            hits = groups.get(doc_type)
            if not hits:
                continue
            total = results.counts.get(doc_type, len(hits))
            header = QStandardItem(
                self.tr("%1 — %2 found")
                .replace("%1", search_group(doc_type))
                .replace("%2", f"{total:,}")
            )
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            header.setSelectable(False)
            self.model.appendRow(header)
            for hit in hits:
                date = hit.date.display() if hit.date else ""
                item = QStandardItem(hit.title)
                item.setData(hit_html(hit, date), HTML_ROLE)
                item.setData((hit.opens, hit.opens_id), TARGET_ROLE)
                item.setToolTip(hit.snippet.plain())
                header.appendRow(item)
            if total > len(hits) and not expanded:
                more = QStandardItem(
                    self.tr("Show all %1 …").replace("%1", search_group(doc_type).lower())
                )
                more.setData(doc_type, MORE_ROLE)
                more.setForeground(self.palette().link())
                header.appendRow(more)
        self.view.expandAll()
        count = len(results.hits)
        if count:
            found = sum(results.counts.values()) if results.counts else count
            self._say(
                self.tr("%1 records found in %2 ms.")
                .replace("%1", f"{found:,}")
                .replace("%2", f"{results.milliseconds:.0f}")
            )
        else:
            self._say(
                self.tr("Nothing found. Check the spelling, or use fewer words or a prefix*.")
            )

    def first_hit(self) -> QModelIndex | None:
        for row in range(self.model.rowCount()):
            header = self.model.index(row, 0)
            if self.model.rowCount(header):
                return self.model.index(0, 0, header)
        return None

    def _activate(self, index: QModelIndex) -> None:
        more = index.data(MORE_ROLE)
        if more:
            self.search_now(more_of=str(more))
            return
        target = index.data(TARGET_ROLE)
        if target:
            kind, record_id = target
            self.open_record.emit(kind, record_id)

    def _enter(self) -> None:
        """Open the best hit (as soon as the search of what was typed is done)."""
        text = self.field.text().strip()
        if self._shown is not None and self._shown[0] == text and not self._running:
            first = self.first_hit()
            if first is not None:
                self._activate(first)
            return
        self._open_first = True
        self.search_now()

    def refresh(self) -> None:
        """Run the current search again (records may have changed)."""
        self._shown = None
        if self.field.text().strip():
            self.search_now()

    def _into_results(self) -> None:
        first = self.first_hit()
        if first is not None:
            self.view.setFocus()
            self.view.setCurrentIndex(first)

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #a8071a;" if problem else "color: palette(text);")

    def _hint(self) -> None:
        self._say(
            self.tr(
                "Type to search letters, responses, detainees, sanction requests, people and "
                'attached files. Examples: Vardanyan trial · "trial monitoring" · '
                'sanction* type:letter after:2024 · from:"State Department" · signed-by:Schiff'
            )
        )

    # ---------------------------------------------------------------- saved searches
    def save_dialog(self) -> None:
        text = self.field.text().strip()
        if not text:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Save search"), self.tr("Name of this search:"), text=text[:60]
        )
        name = " ".join(name.split())
        if ok and name:
            self.saved.add(name, text)
            self.saved_changed.emit()
