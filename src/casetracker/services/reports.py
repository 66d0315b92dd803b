"""Write a report to a PDF file: complete or not at all."""

from __future__ import annotations

import datetime as dt
import importlib
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casetracker.audit import record_action
from casetracker.db.engine import Database
from casetracker.errors import ValidationError
from casetracker.partialdate import PartialDate, PartialDateError
from casetracker.progress import NO_PROGRESS, Progress
from casetracker.reports.audience import Audience, Redactor
from casetracker.reports.context import KINDS, ReportContext, ReportOptions
from casetracker.services.base import as_uuid


@dataclass(frozen=True)
class ReportResult:
    """A report written: where, how many pages, in how long."""

    path: Path
    pages: int
    seconds: float
    withheld: int


def report_date(value: object, field: str, *, end: bool = False) -> dt.date | None:
    """A date option as typed (2025, 2025-04, 2025-04-11): its first or last day."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        date = PartialDate.coerce(str(value))
    except PartialDateError as exc:
        raise ValidationError.single(field, f"{value} is not a date ({exc})") from None
    assert date is not None
    return date.latest() if end else date.earliest()


class ReportsService:
    """The five report kinds, for any audience."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @staticmethod
    def kinds() -> dict[str, str]:
        """Report kind -> what it is."""
        return {kind: label for kind, (_m, label, _n) in KINDS.items()}

    def options(
        self,
        kind: str,
        *,
        audience: object = "public",
        record_id: object = None,
        date_from: object = None,
        date_to: object = None,
        organization: str = "",
        today: dt.date | None = None,
    ) -> ReportOptions:
        """Checked options (ValidationError naming the one that is wrong)."""
        if kind not in KINDS:
            raise ValidationError.single(
                "kind", f"{kind!r} is not a report; use one of: {', '.join(KINDS)}"
            )
        needs_id = KINDS[kind][2]
        if needs_id and record_id in (None, ""):
            raise ValidationError.single("id", f"a {KINDS[kind][1].lower()} needs --id")
        start = report_date(date_from, "from")
        end = report_date(date_to, "to", end=True)
        if start and end and start > end:
            raise ValidationError.single("from", "the range starts after it ends")
        return ReportOptions(
            kind=kind,
            audience=Audience.parse(audience),
            record_id=as_uuid(record_id, "id") if record_id not in (None, "") else None,
            date_from=start,
            date_to=end,
            organization=" ".join(organization.split()),
            today=today or dt.date.today(),
        )

    def write(
        self, options: ReportOptions, out: Path | str, progress: Progress = NO_PROGRESS
    ) -> ReportResult:
        """Build the report into ``out`` (written whole, or left as it was)."""
        from casetracker.reports.pdf import MARGIN, PAGE, ReportDocument, cover  # ReportLab

        started = time.perf_counter()
        target = Path(out)
        if not target.parent.is_dir():
            raise ValidationError.single("out", f"folder {target.parent} does not exist")
        module = importlib.import_module(f"casetracker.reports.{KINDS[options.kind][0]}")
        partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
        try:
            with self.db.reading() as session:
                redactor = Redactor.load(session, options.audience)
                context = ReportContext(
                    session=session,
                    options=options,
                    redactor=redactor,
                    width=PAGE[0] - 2 * MARGIN,
                    progress=progress,
                )
                front = module.describe(context)
                document = ReportDocument(
                    str(partial),
                    title=front.title,
                    subtitle=front.subtitle,
                    organization=options.organization,
                    marking=options.audience.marking,
                    generated=dt.datetime.now(),
                    subject=KINDS[options.kind][1],
                    progress=progress,
                )
                story: list[Any] = cover(document, front.lines, redactor.cover_note())
                story += module.story(context)
                progress.report(0, 0, "laying out pages")
                document.build_story(story)
            partial.replace(target)
        except OSError as exc:
            raise ValidationError.single(
                "out", f"cannot write {target}: {exc.strerror or exc}"
            ) from exc
        finally:
            partial.unlink(missing_ok=True)
        record_action(
            self.db,
            "report",
            record_id=options.record_id,
            summary=f"{options.audience.value} {options.kind} report to {target}",
            details={
                "kind": options.kind,
                "audience": options.audience.value,
                "path": target,
                "pages": document.pages,
            },
        )
        return ReportResult(
            target, document.pages, time.perf_counter() - started, len(redactor.withheld)
        )
