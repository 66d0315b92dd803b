"""Progress and cancellation of long work (imports, exports, reports), without Qt."""

from __future__ import annotations

from casetracker.errors import CaseTrackerError


class Cancelled(CaseTrackerError):
    """The user cancelled; whatever the job was doing has been rolled back."""

    def __init__(self, message: str = "cancelled; nothing was changed") -> None:
        super().__init__(message)


class Progress:
    """Told how far a job is; raises :class:`Cancelled` from ``report`` once cancelled.

    The base class ignores everything, so jobs can always call it.
    """

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        """``done`` of ``total`` units (0: unknown total), with optional text."""

    @property
    def cancelled(self) -> bool:
        return False


NO_PROGRESS = Progress()
