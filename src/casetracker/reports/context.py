"""What a report is asked for, and what its builder is given."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from casetracker.progress import NO_PROGRESS, Progress
from casetracker.reports.audience import Audience, Redactor

#: report kind -> (module under casetracker.reports, what it is, needs a record id)
KINDS: dict[str, tuple[str, str, bool]] = {
    "briefing": ("briefing", "Situation briefing", False),
    "dossier": ("dossier", "Detainee dossier", True),
    "sanctions": ("sanctions_dossier", "Sanctions dossier", True),
    "correspondence": ("correspondence", "Correspondence log", False),
    "signatories": ("signatories", "Signatory record", False),
}


@dataclass(frozen=True)
class ReportOptions:
    """The choices made in the Reports dialog or on the command line."""

    kind: str
    audience: Audience = Audience.PUBLIC
    record_id: uuid.UUID | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    organization: str = ""
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class Cover:
    """What the cover page says."""

    title: str
    subtitle: str = ""
    lines: tuple[str, ...] = ()


@dataclass
class ReportContext:
    """Everything a report's builder reads from; ``width`` is the text width (pt)."""

    session: Session
    options: ReportOptions
    redactor: Redactor
    width: float
    progress: Progress = NO_PROGRESS

    @property
    def audience(self) -> Audience:
        return self.options.audience

    def in_range(self, date: object) -> bool:
        """True when a (partial) date overlaps the chosen range (undated: only
        when no range was chosen)."""
        start, end = self.options.date_from, self.options.date_to
        if start is None and end is None:
            return True
        if date is None:
            return False
        earliest = getattr(date, "earliest", lambda: date)()
        latest = getattr(date, "latest", lambda: date)()
        return (start is None or latest >= start) and (end is None or earliest <= end)
