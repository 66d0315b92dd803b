"""Work off the GUI thread: one worker for database writes, and long jobs with progress.

Writes run one at a time on a single worker thread and report back on the GUI
thread (``on_done`` / ``on_error``). Tests use :class:`ImmediateRunner`, which
runs each task at once, so they need no waiting.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from casetracker.progress import Cancelled, Progress

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(Protocol):
    def run(
        self, task: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None: ...

    def wait(self) -> None: ...


class ImmediateRunner:
    """Runs each task at once on the calling thread (for tests)."""

    def run(
        self, task: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        try:
            result = task()
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
            return
        if on_done is not None:
            on_done(result)

    def wait(self) -> None:
        """Nothing is ever pending."""

    @property
    def pending(self) -> int:
        """Tasks given and not yet reported back: none, ever."""
        return 0


class _Relay(QObject):
    """Carries a result from the worker thread to the GUI thread."""

    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, task: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.task = task
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.task()
        except BaseException as exc:  # reported on the GUI thread, never lost
            self.relay.failed.emit(exc)
            return
        self.relay.done.emit(result)


class ThreadRunner(QObject):
    """One worker thread: tasks run in the order given, results come back as signals."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    def run(
        self, task: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)

        @Slot(object)
        def finished(result: Any) -> None:
            self._relays.discard(relay)
            if on_done is not None:
                on_done(result)

        @Slot(object)
        def failed(exc: BaseException) -> None:
            self._relays.discard(relay)
            if on_error is None:
                log.error("background task failed", exc_info=exc)
            else:
                on_error(exc)

        relay.done.connect(finished)
        relay.failed.connect(failed)
        self.pool.start(_Job(task, relay))

    def wait(self) -> None:
        self.pool.waitForDone()

    @property
    def pending(self) -> int:
        """Tasks given and not yet reported back (queued, running or reporting)."""
        return len(self._relays)


class JobProgress(Progress):
    """Progress of one long job, read by the GUI thread, cancelled from it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done = 0
        self._total = 0
        self._text = ""
        self._cancel = threading.Event()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        with self._lock:
            self._done, self._total = done, total
            if text:
                self._text = text

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def snapshot(self) -> tuple[int, int, str]:
        with self._lock:
            return self._done, self._total, self._text
