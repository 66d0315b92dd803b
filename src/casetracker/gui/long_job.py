"""Run a long job (import, export, backup, report) with a progress dialog and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from casetracker.gui.tasks import JobProgress, Runner
from casetracker.progress import Progress


class LongJob:
    """A job running on the worker while a progress dialog polls it."""

    def __init__(
        self,
        parent: QWidget,
        runner: Runner,
        title: str,
        job: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self.progress = JobProgress()
        self.dialog = QProgressDialog(title, parent.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.timer = QTimer(self.dialog)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._poll)
        self.finished = False
        self._on_done = on_done
        self._on_error = on_error
        self.timer.start()
        runner.run(lambda: job(self.progress), self._done, self._failed)

    def cancel(self) -> None:
        self.progress.cancel()
        self.dialog.setLabelText(self.dialog.tr("Cancelling…"))

    def _poll(self) -> None:
        done, total, text = self.progress.snapshot()
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if text:
            self.dialog.setLabelText(text)

    def _finish(self) -> None:
        self.finished = True
        self.timer.stop()
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()

    def _done(self, result: Any) -> None:
        self._finish()
        self._on_done(result)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self._on_error(exc)
