"""Locking an encrypted database: after some idle minutes, or at Lock now (Ctrl+L).

While locked, a lock screen covers the main window (menus, pages and status
bar are hidden; the title names no record), every other window gets an
opaque cover and shortcuts are swallowed. If the worker is idle the database
closes its connections and forgets its key at once; if a task is under way
(an import, a backup…) it still uses the key, so the lock screen says the
key will be forgotten when that task ends, and says so again once it has
been. The widgets keep their state, unsaved edits included, in memory;
unlocking with the passphrase (or recovery code) shows the window as it was.

Input is noticed by an application-wide event filter, installed only for an
encrypted database. The first input after a long absence (a laptop waking
up) locks and is swallowed: it never reaches the records.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from casetracker import APP_NAME
from casetracker.errors import CaseTrackerError
from casetracker.gui.tasks import Runner
from casetracker.gui.unlock_dialog import UnlockDialog, UnlockForm, padlock_pixmap

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def _fill(widget: QWidget, color: str) -> None:
    """An opaque background (a palette, not a style sheet: children keep their look)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(color))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


class LockScreen(QWidget):
    """What the main window shows while locked: no record data, a way back in."""

    def __init__(self, path: Any, runner: Runner, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        _fill(self, "#eef2f6")
        panel = QFrame()
        panel.setObjectName("lockPanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        _fill(panel, "#ffffff")
        panel.setFixedWidth(540)
        title = QLabel(self.tr("CaseTracker is locked"))
        title.setObjectName("lockTitle")
        bigger = title.font()
        bigger.setPointSizeF(bigger.pointSizeF() * 1.6)
        bigger.setBold(True)
        title.setFont(bigger)
        self.reason = QLabel()
        self.reason.setObjectName("lockReason")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.database = QLabel(str(path.name))
        self.database.setObjectName("lockDatabase")
        muted = self.database.palette()
        muted.setColor(QPalette.ColorRole.WindowText, QColor("#5f6b7a"))
        self.database.setPalette(muted)
        self.form = UnlockForm(path, runner, panel)
        icon = QLabel()
        icon.setPixmap(padlock_pixmap(48))
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(title)
        heading.addWidget(self.database)
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(10)
        inner.addLayout(top)
        inner.addWidget(self.reason)
        inner.addSpacing(6)
        inner.addWidget(self.form)
        outer = QVBoxLayout(self)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignCenter)

    def set_reason(self, minutes: int, task: str = "") -> None:
        """Why it is locked, and whether the key is forgotten yet: while ``task``
        (still using the key) runs, it is not."""
        lead = (
            self.tr("Locked after %1 minutes without use.").replace("%1", str(minutes))
            if minutes
            else self.tr("Locked.")
        )
        if task:
            state = self.tr(
                "Locking: the key will be forgotten when the current task (%1) ends."
            ).replace("%1", task)
        else:
            state = self.tr("The database is closed and its key forgotten.")
        self.reason.setText(
            lead
            + " "
            + state
            + " "
            + self.tr(
                "Type the passphrase to go on where you left off: your unsaved edits are kept."
            )
        )


class _Cover(QWidget):
    """An opaque cover over another window (a dialog) while locked."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockCover")
        _fill(self, "#eef2f6")
        label = QLabel(self.tr("Locked"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)


class IdleLock(QObject):
    """Locks ``window``'s encrypted database when idle or asked; unlocks with its key."""

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, db: Any, runner: Runner, key_runner: Runner) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.runner = runner
        self.key_runner = key_runner
        self.locked = False
        self.screen: LockScreen | None = None
        self.dialog: UnlockDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self._timeout_ms = 0
        self._last = time.time()
        self._filtering = False
        self._generation = 0
        self._hidden: list[QWidget] = []
        self._covers: dict[int, tuple[QWidget, _Cover, str]] = {}
        self._title = ""
        self._focus: QWidget | None = None
        self._minutes = 0

    # ---------------------------------------------------------------- settings
    @property
    def available(self) -> bool:
        """Only an encrypted SQLite database locks."""
        return self.db.path is not None and (self.db.key is not None or self.db.locked)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    def set_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(max(0, minutes) * 60_000)

    def set_timeout_ms(self, ms: int) -> None:
        """Lock after ``ms`` milliseconds without input; 0: never."""
        self._timeout_ms = max(0, int(ms)) if self.available else 0
        self._last = time.time()
        self._update_filter()
        self.timer.stop()
        if self._timeout_ms and not self.locked:
            self.timer.start(self._timeout_ms)

    def _update_filter(self) -> None:
        app = QApplication.instance()
        wanted = self.available and (self._timeout_ms > 0 or self.locked)
        if wanted and not self._filtering and app is not None:
            app.installEventFilter(self)
            self._filtering = True
        elif not wanted and self._filtering and app is not None:
            app.removeEventFilter(self)
            self._filtering = False

    # ---------------------------------------------------------------- input
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.locked:
            return self._while_locked(watched, event, kind)
        if kind in INPUT_EVENTS:
            now = time.time()
            # the first input after a long absence (a laptop waking up) locks
            if self._timeout_ms and (now - self._last) * 1000 >= self._timeout_ms:
                self._last = now
                return self.check_now()  # locked: the waking input goes no further
            self._last = now
        return False

    def _while_locked(self, watched: QObject, event: QEvent, kind: QEvent.Type) -> bool:
        if kind == QEvent.Type.Shortcut:
            return not self._in_lock_ui(watched)
        if kind == QEvent.Type.Close and watched is self.window:
            event.ignore()
            return True
        if kind == QEvent.Type.Resize and isinstance(watched, QWidget):
            self._fit(watched)
        elif kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            QTimer.singleShot(0, lambda w=watched: self._cover_new(w))
        return False

    def _in_lock_ui(self, watched: QObject) -> bool:
        if not isinstance(watched, QWidget):
            return False
        return any(
            ui is not None and (ui is watched or ui.isAncestorOf(watched))
            for ui in (self.screen, self.dialog)
        )

    def check_now(self) -> bool:
        """Lock now if the idle time is over (the first input after a sleep);
        True when it locked."""
        if not self.locked and self._timeout_ms and self.window.isVisible():
            return self.lock(self._timeout_ms // 60_000)
        return False

    def check(self) -> None:
        if self.locked or not self._timeout_ms:
            return
        idle = (time.time() - self._last) * 1000
        if idle < 0:  # the clock went back
            self._last = time.time()
            idle = 0
        if idle >= self._timeout_ms and self.window.isVisible():
            self.lock(self._timeout_ms // 60_000)
        else:
            self.timer.start(max(50, int(self._timeout_ms - idle) + 1))

    # ---------------------------------------------------------------- locking
    def lock(self, minutes: int = 0) -> bool:
        """Cover everything, then forget the key once the worker is idle."""
        if self.locked or not self.available:
            return False
        self.locked = True
        self.timer.stop()
        window = self.window
        self._title = window.windowTitle()
        self._focus = QApplication.focusWidget()
        parts: list[Any] = [window.centralWidget(), window.menuBar(), window.statusBar()]
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        parts += window.findChildren(QDockWidget, options=direct)
        parts += window.findChildren(QToolBar, options=direct)
        self._hidden = [w for w in parts if w is not None and w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        window.setWindowTitle(f"{APP_NAME} — {self.tr('Locked')}")
        self._minutes = minutes
        task = self.running_task()
        self.screen = LockScreen(self.db.path, self.key_runner, window)
        self.screen.set_reason(minutes, task)
        self.screen.form.unlocked.connect(self.unlock)
        self.screen.setGeometry(window.rect())
        self.screen.show()
        self.screen.raise_()
        self.screen.form.focus()
        for widget in QApplication.topLevelWidgets():
            self._cover(widget)
        self._update_filter()
        if self._blocked():
            self._offer_dialog()
        self._generation += 1
        generation = self._generation
        if not task:
            self._forget_key(generation)  # nothing uses the key: forget it now
        else:  # after the jobs already queued on the worker (they use the key)
            self.runner.run(lambda: None, lambda _r: self._forget_key(generation))
        self.locked_changed.emit(True)
        return True

    def running_task(self) -> str:
        """What the worker is doing with the key now ("" when it is idle)."""
        if not getattr(self.runner, "pending", 0):
            return ""
        titles = [
            job.dialog.windowTitle()
            for job in getattr(self.window, "jobs", [])
            if not job.finished and isValid(job.dialog)
        ]
        return ", ".join(titles) or self.tr("saving or reading records")

    def _forget_key(self, generation: int) -> None:
        if self.locked and generation == self._generation and not self.db.locked:
            self.db.lock()
            if self.screen is not None:
                self.screen.set_reason(self._minutes)  # now it is true

    def _coverable(self, widget: QWidget) -> bool:
        return (
            widget.isWindow()
            and widget.isVisible()
            and widget is not self.window
            and widget is not self.dialog
            and not isinstance(widget, QMenu)
            and widget.windowType()
            not in (Qt.WindowType.ToolTip, Qt.WindowType.Popup, Qt.WindowType.SplashScreen)
        )

    def _cover(self, widget: QWidget) -> None:
        if not isValid(widget) or not self._coverable(widget):
            return
        known = self._covers.get(id(widget))
        if known is not None and known[0] is widget and isValid(known[1]):
            return
        cover = _Cover(widget)
        cover.setGeometry(widget.rect())
        cover.show()
        cover.raise_()
        self._covers[id(widget)] = (widget, cover, widget.windowTitle())
        widget.setWindowTitle(self.tr("Locked"))

    def _cover_new(self, widget: QWidget) -> None:
        if not self.locked:
            return
        self._cover(widget)
        if isinstance(widget, QDialog) and widget.isModal() and widget is not self.dialog:
            self._offer_dialog()  # a modal window blocks the lock screen

    def _fit(self, widget: QWidget) -> None:
        if widget is self.window and self.screen is not None:
            self.screen.setGeometry(widget.rect())
        entry = self._covers.get(id(widget))
        if entry is not None and entry[0] is widget and isValid(entry[1]):
            entry[1].setGeometry(widget.rect())

    def _blocked(self) -> bool:
        modal = QApplication.activeModalWidget()
        return modal is not None and modal is not self.dialog

    def _offer_dialog(self) -> None:
        """An unlock dialog above any modal window that blocks the lock screen."""
        if self.dialog is None:
            self.dialog = UnlockDialog(
                self.db.path,
                self.key_runner,
                self.window,
                title=self.tr("Unlock CaseTracker"),
                intro=self.tr("CaseTracker is locked. Type the passphrase to go on."),
            )
            self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            self.dialog.form.unlocked.connect(self.unlock)
        self.dialog.hide()  # shown again: above the newest modal window
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.form.focus()

    # ---------------------------------------------------------------- unlocking
    def unlock(self, key: bytes) -> bool:
        """Reopen with ``key`` (found by the unlock form) and show everything again."""
        if not self.locked:
            return False
        if self.db.locked:
            try:
                self.db.unlock(key)
            except CaseTrackerError as exc:
                for ui in (self.screen, self.dialog):
                    if ui is not None:
                        ui.form.show_message(str(exc))
                return False
        self._generation += 1  # a pending "forget the key" no longer applies
        self.locked = False
        for widget, cover, title in self._covers.values():
            if isValid(widget):  # a covered dialog may have gone meanwhile
                cover.hide()
                cover.deleteLater()
                widget.setWindowTitle(title)
        self._covers.clear()
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        if self.screen is not None:
            self.screen.hide()
            self.screen.deleteLater()
            self.screen = None
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.window.setWindowTitle(self._title)
        if self._focus is not None and isValid(self._focus):
            self._focus.setFocus()
        self._focus = None
        self._last = time.time()
        self._update_filter()
        if self._timeout_ms:
            self.timer.start(self._timeout_ms)
        self.locked_changed.emit(False)
        return True

    def stop(self) -> None:
        """The window is going away: no more timers nor filter."""
        self.timer.stop()
        self._timeout_ms = 0
        if self._filtering and QApplication.instance() is not None:
            QApplication.instance().removeEventFilter(self)
            self._filtering = False
