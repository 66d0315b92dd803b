"""The launched app of ``bench_gui.py``, and its helpers for waiting on a paint.

Run by ``bench_gui.py`` in a fresh subprocess per launch::

    python bench/bench_gui_launch.py DB SETTINGS.ini [--tour]

It does what ``casetracker-gui --db DB`` does up to the first paint of the
main window (QApplication, open the database, ``MainWindow``, ``show()``, the
event loop), then prints one line ``BENCH-PAINTED {json}``: the seconds from
its start to that paint, the phases, and the peak RSS. With ``--tour`` it then
opens every list, scrolls each to its end and prints ``BENCH-TOUR {json}``
with the peak RSS. It exits without tearing down (no ``PRAGMA optimize``).

Only the standard library is imported before the clock starts, and nothing the
application would not import itself after.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

PAINTED = "BENCH-PAINTED "
TOUR = "BENCH-TOUR "
PAINT_TIMEOUT_S = 30.0
LAUNCH_TIMEOUT_S = 120

_watcher_class: Any = None


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def paint_watcher(widget: Any, on_first: Callable[[], None] | None = None) -> Any:
    """An event filter on ``widget`` counting its Paint events (``.count``);
    ``on_first`` is called at the first one."""
    global _watcher_class
    if _watcher_class is None:
        from PySide6.QtCore import QEvent, QObject

        class PaintWatcher(QObject):
            def __init__(self, on_first: Callable[[], None] | None = None) -> None:
                super().__init__()
                self.count = 0
                self.on_first = on_first

            def eventFilter(self, _obj: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.count += 1
                    if self.on_first is not None:
                        on_first, self.on_first = self.on_first, None
                        on_first()
                return False

        _watcher_class = PaintWatcher
    watcher = _watcher_class(on_first)
    widget.installEventFilter(watcher)
    return watcher


def settle(app: Any) -> None:
    """Deliver what is pending (layouts, paints) so that it is not timed next."""
    for _ in range(3):
        app.processEvents()


def wait_for_paint(app: Any, watcher: Any, timeout: float = PAINT_TIMEOUT_S) -> None:
    deadline = time.perf_counter() + timeout
    while watcher.count == 0:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the widget was not painted")


def time_painted(app: Any, watcher: Any, action: Callable[[], object]) -> float:
    """Seconds from ``action()`` until the watched widget has been painted."""
    settle(app)
    watcher.count = 0
    start = time.perf_counter()
    action()
    wait_for_paint(app, watcher)
    return time.perf_counter() - start


def launch(db: str, settings_path: str, tour: bool, started: float) -> None:
    marks: list[tuple[str, float]] = []

    def mark(label: str) -> None:
        marks.append((label, time.perf_counter()))

    from casetracker.gui.app import make_application, open_target

    mark("import casetracker.gui.app")
    app = make_application([sys.argv[0]])
    mark("QApplication, fonts, translator")
    # what open_target() imports first, timed apart from the opening itself
    import casetracker.db.schema
    import casetracker.services  # noqa: F401

    mark("import SQLAlchemy, models, services")
    services = open_target(db)
    mark("open_target(): imports Alembic, schema check, Services()")
    from PySide6.QtCore import QSettings, QTimer

    from casetracker.gui.main_window import LIST_KINDS, MainWindow
    from casetracker.gui.tasks import ThreadRunner

    mark("import the window's modules")
    settings = QSettings(settings_path, QSettings.Format.IniFormat)
    window = MainWindow(services, ThreadRunner(), settings)
    mark("MainWindow(): counts, dashboard or restored list")
    painted: list[float] = []

    def finish() -> None:  # runs once the first paint has been delivered and flushed
        painted.append(time.perf_counter())
        app.exit(0)

    first_paint = paint_watcher(window, lambda: QTimer.singleShot(0, finish))
    QTimer.singleShot(LAUNCH_TIMEOUT_S * 1000, lambda: app.exit(3))
    window.show()
    if app.exec() != 0 or not painted:
        print("the window was never painted", file=sys.stderr)
        os._exit(2)
    window.removeEventFilter(first_paint)
    marks.append(("show() until the first paint", painted[0]))
    phases, previous = [], started
    for label, at in marks:
        phases.append((label, at - previous))
        previous = at
    result = {
        "in_process": painted[0] - started,
        "phases": phases,
        "rss_mb": peak_rss_mb(),
        "page": window.current_kind(),
    }
    print(PAINTED + json.dumps(result), flush=True)
    if tour:
        start = time.perf_counter()
        shown = {}
        for kind in LIST_KINDS:
            page = window.pages[kind]
            watcher = paint_watcher(page.table.viewport())
            window.show_page(kind)
            wait_for_paint(app, watcher)
            if page.table.verticalScrollBar().maximum() > 0:
                time_painted(app, watcher, page.table.scrollToBottom)
            shown[kind] = page.model.rowCount()
        figures = {"rss_mb": peak_rss_mb(), "seconds": time.perf_counter() - start, "rows": shown}
        print(TOUR + json.dumps(figures), flush=True)


def main() -> None:
    started = time.perf_counter()
    db, settings_path, *rest = sys.argv[1:]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    launch(db, settings_path, "--tour" in rest, started)
    sys.stdout.flush()
    os._exit(0)  # no teardown: the database is left as it was (no PRAGMA optimize)


if __name__ == "__main__":
    main()
