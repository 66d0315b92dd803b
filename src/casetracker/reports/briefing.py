"""The situation briefing: the state of the cases, the advocacy and the sanctions,
on a few pages a legislator can read (and as many more as the records need).

Sections, in order: key figures, detentions by status (a bar chart), a timeline
of events (oldest first), the detainees, short profiles of key cases, the
advocacy log (newest first), sanction requests and open asks.

What is counted is what is printed: every figure is computed from the same
visible rows the tables list (records the audience may not see are neither
shown nor counted). The date range (``date_from``/``date_to``) applies to
letters, asks (through their letter), responses, events and the dated items of
"latest development"; the detention statuses and the sanction requests are the
current ones whatever the range.

Reading is done in a handful of set queries (joins, or ``IN`` lists in chunks
of 500), never one query per detainee or letter.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from casetracker.models import (
    SANCTION_PROGRAMS,
    Ask,
    Charge,
    Detention,
    DetentionStatusChange,
    Event,
    Hearing,
    Letter,
    LetterSignatory,
    Organization,
    Person,
    PersonName,
    Response,
    SanctionRequest,
    SanctionRequestProgram,
    TreatmentReport,
    response_letters,
)
from casetracker.models.enums import (
    AskStatus,
    DetentionCategory,
    DetentionStatus,
    LetterDirection,
    SanctionStatus,
)
from casetracker.partialdate import PartialDate
from casetracker.reports.audience import WITHHELD
from casetracker.reports.common import chunks as _chunks
from casetracker.reports.common import label as _label
from casetracker.reports.context import Cover, ReportContext
from casetracker.reports.pdf import (
    ACCENT,
    BOLD,
    FONT,
    INK,
    MUTED,
    RULE,
    SHADE,
    STYLES,
    TABLE_CHUNK,
    esc,
    heading,
    markup,
    p,
    table,
)

TITLE = "Situation briefing"
#: the most profiles printed (the detainee table lists every case)
PROFILE_LIMIT = 12
#: the most ids in one ``IN (...)`` list
#: statuses printed as their own key figure, in this order
KEY_STATUSES = (
    DetentionStatus.DETAINED,
    DetentionStatus.ON_TRIAL,
    DetentionStatus.SENTENCED,
    DetentionStatus.RELEASED,
)
NONE = "None recorded."
#: the small title above each group of key figures
GROUP = ParagraphStyle(
    "briefing_group",
    parent=STYLES["cell_bold"],
    fontSize=8.5,
    leading=11,
    spaceBefore=6,
    spaceAfter=3,
    textColor=MUTED,
)


# --------------------------------------------------------------------- helpers


def _date(value: PartialDate | None, empty: str = "") -> str:
    return value.display() if value is not None else empty


def _day(value: dt.date) -> str:
    return PartialDate.from_date(value).display()


def _first_key(value: PartialDate | None) -> str:
    """Chronological order of the stored form, undated last."""
    return value.sort_text() if value is not None else "\uffff"


def _clip(text: str | None, limit: int = 220) -> str:
    """Long free text cut at a word for a table cell."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _period(ctx: ReportContext) -> str:
    start, end = ctx.options.date_from, ctx.options.date_to
    if start and end:
        return f"{_day(start)} – {_day(end)}"
    if start:
        return f"from {_day(start)}"
    if end:
        return f"up to {_day(end)}"
    return ""


def _count(n: int, word: str, plural: str | None = None) -> str:
    """``1 letter``, ``2 letters``."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _widths(width: float, shares: Sequence[float]) -> list[float]:
    """Column widths from shares of the text width; they add up to it exactly."""
    widths = [round(width * share, 2) for share in shares[:-1]]
    return [*widths, width - sum(widths)]


# --------------------------------------------------------------------- fast tables
#: cell text size and line height of the plain-text tables (as STYLES["cell"])
CELL_SIZE, CELL_LEADING, PAD = 8, 10, 4


def _lines(text: object, width: float, font: str = FONT) -> str:
    """Text broken into lines that fit ``width`` (long words cut): a plain Table
    cell draws it as it is, literally, with no markup parsing."""
    out: list[str] = []
    for paragraph in str(text or "").split("\n"):
        clean = " ".join(paragraph.split())
        for line in simpleSplit(clean, font, CELL_SIZE, width) or [""]:
            while len(line) > 1 and stringWidth(line, font, CELL_SIZE) > width:
                cut = len(line) - 1
                while cut > 1 and stringWidth(line[:cut], font, CELL_SIZE) > width:
                    cut -= 1
                out.append(line[:cut])
                line = line[cut:]
            out.append(line)
    return "\n".join(out)


def _plain_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    bold_first: bool = False,
    right: Sequence[int] = (),
) -> list[Flowable]:
    """The look of ``pdf.table`` for long lists: one table whose header repeats
    at the top of each page (never mid-page), built fast: the cells are plain
    strings broken into lines here (printed literally, no markup parsed) and
    every row's height is known before layout, so splitting stays linear."""
    if not rows:
        return [p(NONE, "small")]
    inner = [w - 2 * PAD for w in widths]
    data = [[_lines(h, inner[i], BOLD) for i, h in enumerate(header)]]
    for row in rows:
        data.append(
            [
                _lines(value, inner[i], BOLD if bold_first and i == 0 else FONT)
                for i, value in enumerate(row)
            ]
        )
    heights = [max(c.count("\n") + 1 for c in cells) * CELL_LEADING + 6 for cells in data]
    grid = Table(data, colWidths=list(widths), rowHeights=heights, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    if bold_first:
        commands.append(("FONTNAME", (0, 1), (0, -1), BOLD))
    commands += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
    grid.setStyle(TableStyle(commands))
    return [grid]


@dataclass(frozen=True)
class _Who:
    """What the redactor needs of a person: id, name, sensitivity."""

    id: uuid.UUID
    display_name: str
    sensitivity: Any


@dataclass
class _Case:
    """One visible detention, as the briefing prints it."""

    id: uuid.UUID
    person: _Who
    name: str
    withheld: bool
    category: DetentionCategory
    status: DetentionStatus
    captured_on: PartialDate | None
    facility: str
    summary: str | None
    latest: tuple[PartialDate | None, str] | None = None
    upcoming: PartialDate | None = None


@dataclass
class _LetterRow:
    id: uuid.UUID
    title: str
    sent_on: PartialDate | None
    direction: LetterDirection
    signatories: int = 0
    responses: list[tuple[PartialDate | None, str]] = field(default_factory=list)


@dataclass
class _Data:
    cases: list[_Case]
    letters: list[_LetterRow]
    responses_received: int
    asks: list[Any]
    sanctions: list[Any]
    programs: dict[uuid.UUID, list[str]]
    events: list[Any]


# --------------------------------------------------------------------- entry points


def describe(ctx: ReportContext) -> Cover:
    options = ctx.options
    lines = []
    if options.organization:
        lines.append(f"Prepared by {options.organization}")
    lines.append(f"Date: {options.today.day} {options.today:%B %Y}")
    lines.append(f"Audience: {_label(options.audience)}")
    period = _period(ctx)
    if period:
        lines.append(f"Period covered: {period} (letters, responses, asks and events)")
    return Cover(
        title=TITLE,
        subtitle=f"Detainees, advocacy and sanctions — {_day(options.today)}",
        lines=tuple(lines),
    )


def story(ctx: ReportContext) -> list[Flowable]:
    data = _load(ctx)
    ctx.progress.report(0, 0, "writing the briefing")
    parts: list[Flowable] = []
    parts += _key_figures(ctx, data)
    parts += _chart(ctx, data)
    parts += _timeline(ctx, data)
    parts += _detainees(ctx, data)
    parts += _profiles(ctx, data)
    parts += _advocacy_log(ctx, data)
    parts += _sanctions(ctx, data)
    parts += _open_asks(ctx, data)
    return parts


# --------------------------------------------------------------------- reading


def _allowed(ctx: ReportContext) -> frozenset[Any]:
    return ctx.audience.sensitivities


def _visible(column: Any, ctx: ReportContext) -> ColumnElement[bool]:
    return column.in_(sorted(_allowed(ctx)))


def _load(ctx: ReportContext) -> _Data:
    session = ctx.session
    steps = 7
    ctx.progress.report(0, steps, "reading detentions")
    cases = _load_cases(ctx, session)
    ctx.progress.report(1, steps, "reading developments")
    _load_developments(ctx, session, cases)
    ctx.progress.report(2, steps, "reading letters")
    letters = _load_letters(ctx, session)
    ctx.progress.report(3, steps, "reading responses")
    received = _load_responses(ctx, session, letters)
    ctx.progress.report(4, steps, "reading asks")
    asks = _load_asks(ctx, session)
    ctx.progress.report(5, steps, "reading sanction requests")
    sanctions, programs = _load_sanctions(ctx, session)
    ctx.progress.report(6, steps, "reading events")
    events = _load_events(ctx, session)
    ctx.progress.report(7, steps, "read")
    return _Data(cases, letters, received, asks, sanctions, programs, events)


def _load_cases(ctx: ReportContext, session: Session) -> list[_Case]:
    facility = aliased(Organization)
    rows = session.execute(
        select(
            Detention.id,
            Detention.category,
            Detention.status,
            Detention.captured_on,
            Detention.summary,
            Person.id.label("person_id"),
            Person.display_name,
            Person.sort_name,
            Person.sensitivity.label("person_sensitivity"),
            facility.name.label("facility"),
            facility.sensitivity.label("facility_sensitivity"),
        )
        .join(Person, Person.id == Detention.person_id)
        .outerjoin(facility, facility.id == Detention.facility_id)
        .where(_visible(Detention.sensitivity, ctx))
        .order_by(Person.sort_name, Detention.captured_on, Detention.id)
    ).all()
    redactor = ctx.redactor
    cases = []
    for row in rows:
        who = _Who(row.person_id, row.display_name, row.person_sensitivity)
        name = redactor.name(who)  # type: ignore[arg-type]
        shown_facility = (
            row.facility if row.facility and row.facility_sensitivity in _allowed(ctx) else ""
        )
        cases.append(
            _Case(
                id=row.id,
                person=who,
                name=name,
                withheld=name == WITHHELD,
                category=row.category,
                status=row.status,
                captured_on=row.captured_on,
                facility=shown_facility,
                summary=row.summary,
            )
        )
    # withheld names last: their place among the others would hint at the name
    cases.sort(key=lambda case: case.withheld)
    return cases


def _load_developments(ctx: ReportContext, session: Session, cases: list[_Case]) -> None:
    """Each case's latest dated item (status change, hearing or event) in the range,
    and its next hearing from today on."""
    by_id = {case.id: case for case in cases}
    if not by_id:
        return
    visible_detention = _visible(Detention.sensitivity, ctx)
    # (date order, rank, date, text) per detention. Dates order as the status
    # history does (the stored form: "2025" before "2025-03" before "2025-03-01");
    # on the same date a status change (rank 2) says most, then a hearing (1),
    # then an event (0)
    best: dict[uuid.UUID, tuple[str, int, PartialDate, str]] = {}
    today = ctx.options.today

    def offer(detention_id: uuid.UUID, date: PartialDate | None, rank: int, text: str) -> None:
        if date is None or date.earliest() > today or not ctx.in_range(date):
            return
        key = (date.sort_text(), rank, date, text)
        current = best.get(detention_id)
        if current is None or key[:2] > current[:2]:
            best[detention_id] = key

    changes = session.execute(
        select(
            DetentionStatusChange.detention_id,
            DetentionStatusChange.status,
            DetentionStatusChange.changed_on,
            DetentionStatusChange.note,
        )
        .join(Detention, Detention.id == DetentionStatusChange.detention_id)
        .where(visible_detention, _visible(DetentionStatusChange.sensitivity, ctx))
        .where(DetentionStatusChange.changed_on.is_not(None))
    )
    for row in changes:
        case = by_id.get(row.detention_id)
        if case is None:
            continue
        text = f"Status: {_label(row.status)}"
        note = ctx.redactor.field("note", row.note)
        if note and not case.withheld:
            text += f" — {_clip(note, 160)}"
        offer(row.detention_id, row.changed_on, 2, text)

    hearings = session.execute(
        select(Hearing.detention_id, Hearing.held_on, Hearing.description, Hearing.outcome)
        .join(Detention, Detention.id == Hearing.detention_id)
        .where(visible_detention, _visible(Hearing.sensitivity, ctx))
        .where(Hearing.held_on.is_not(None))
    )
    for row in hearings:
        case = by_id.get(row.detention_id)
        if case is None:
            continue
        text = "Hearing"
        if not case.withheld:
            detail = " ".join(x for x in (row.description, row.outcome) if x)
            if detail:
                text += f" — {_clip(detail, 160)}"
        if row.held_on.latest() >= today and (
            case.upcoming is None or _first_key(row.held_on) < _first_key(case.upcoming)
        ):
            case.upcoming = row.held_on
        offer(row.detention_id, row.held_on, 1, text)

    for row in _event_rows(ctx, session, Event.detention_id.is_not(None)):
        case = by_id.get(row.detention_id)
        if case is None:
            continue
        text = _label(row.kind) if case.withheld else _clip(row.title, 160)
        offer(row.detention_id, row.occurred_on, 0, text)

    for detention_id, (_key, _rank, date, text) in best.items():
        by_id[detention_id].latest = (date, text)


def _event_rows(ctx: ReportContext, session: Session, *where: Any) -> list[Any]:
    """Visible events whose linked records are all visible too."""
    person = aliased(Person)
    detention = aliased(Detention)
    detainee = aliased(Person)
    letter = aliased(Letter)
    request = aliased(SanctionRequest)
    response = aliased(Response)
    statement = (
        select(
            Event.id,
            Event.occurred_on,
            Event.kind,
            Event.title,
            Event.place,
            Event.person_id,
            Event.detention_id,
            person.display_name,
            person.sensitivity.label("person_sensitivity"),
            detention.person_id.label("detainee_id"),
            detainee.display_name.label("detainee_name"),
            detainee.sensitivity.label("detainee_sensitivity"),
        )
        .outerjoin(person, person.id == Event.person_id)
        .outerjoin(detention, detention.id == Event.detention_id)
        .outerjoin(detainee, detainee.id == detention.person_id)
        .outerjoin(letter, letter.id == Event.letter_id)
        .outerjoin(request, request.id == Event.sanction_request_id)
        .outerjoin(response, response.id == Event.response_id)
        .where(_visible(Event.sensitivity, ctx), *where)
    )
    for alias in (person, detention, letter, request, response):
        statement = statement.where(alias.id.is_(None) | _visible(alias.sensitivity, ctx))
    rows = []
    redactor = ctx.redactor
    for row in session.execute(statement):
        # an event about someone whose details are withheld would name them
        hidden = [
            pid
            for pid in (row.person_id, row.detainee_id)
            if pid is not None and redactor.private(pid) and pid not in redactor.public_figures
        ]
        if hidden:
            continue
        rows.append(row)
    return rows


def _load_letters(ctx: ReportContext, session: Session) -> list[_LetterRow]:
    rows = session.execute(
        select(Letter.id, Letter.title, Letter.sent_on, Letter.direction).where(
            _visible(Letter.sensitivity, ctx)
        )
    ).all()
    letters = [
        _LetterRow(row.id, row.title, row.sent_on, row.direction)
        for row in rows
        if ctx.in_range(row.sent_on)
    ]
    # newest first; undated at the end
    letters.sort(
        key=lambda letter: (
            _first_key(letter.sent_on) != "\uffff",
            _first_key(letter.sent_on),
            letter.title,
        ),
        reverse=True,
    )
    by_id = {letter.id: letter for letter in letters}
    counts = session.execute(
        select(LetterSignatory.letter_id, func.count())
        .join(Letter, Letter.id == LetterSignatory.letter_id)
        .join(Person, Person.id == LetterSignatory.person_id)
        .where(
            _visible(Letter.sensitivity, ctx),
            _visible(LetterSignatory.sensitivity, ctx),
            _visible(Person.sensitivity, ctx),
        )
        .group_by(LetterSignatory.letter_id)
    )
    for letter_id, count in counts:
        if letter_id in by_id:
            by_id[letter_id].signatories = int(count)
    return letters


def _load_responses(ctx: ReportContext, session: Session, letters: list[_LetterRow]) -> int:
    """Attach visible responses to the letters they answer; the number of visible
    responses received in the range."""
    rows = session.execute(
        select(Response.id, Response.received_on, Response.response_type).where(
            _visible(Response.sensitivity, ctx)
        )
    ).all()
    received = sum(1 for row in rows if ctx.in_range(row.received_on))
    by_id = {letter.id: letter for letter in letters}
    links = session.execute(
        select(
            response_letters.c.letter_id,
            Response.received_on,
            Response.response_type,
        )
        .join(Response, Response.id == response_letters.c.response_id)
        .where(_visible(Response.sensitivity, ctx))
    )
    for row in links:
        letter = by_id.get(row.letter_id)
        if letter is not None:
            letter.responses.append((row.received_on, _label(row.response_type)))
    return received


def _load_asks(ctx: ReportContext, session: Session) -> list[Any]:
    rows = session.execute(
        select(
            Ask.text,
            Ask.status,
            Ask.ordinal,
            Letter.id.label("letter_id"),
            Letter.title,
            Letter.sent_on,
        )
        .join(Letter, Letter.id == Ask.letter_id)
        .where(
            _visible(Ask.sensitivity, ctx),
            _visible(Letter.sensitivity, ctx),
            Ask.status.in_([AskStatus.OPEN, AskStatus.PARTLY_MET]),
        )
    ).all()
    asks = [row for row in rows if ctx.in_range(row.sent_on)]
    asks.sort(
        key=lambda r: (
            _first_key(r.sent_on) != "\uffff",
            _first_key(r.sent_on),
            str(r.letter_id),
            -r.ordinal,
        ),
        reverse=True,
    )
    return asks


def _load_sanctions(
    ctx: ReportContext, session: Session
) -> tuple[list[Any], dict[uuid.UUID, list[str]]]:
    target = aliased(Person)
    rows = session.execute(
        select(
            SanctionRequest.id,
            SanctionRequest.title,
            SanctionRequest.status,
            SanctionRequest.submitted_on,
            SanctionRequest.target_description,
            target.id.label("target_id"),
            target.display_name.label("target_name"),
            target.sensitivity.label("target_sensitivity"),
        )
        .outerjoin(target, target.id == SanctionRequest.target_person_id)
        .where(_visible(SanctionRequest.sensitivity, ctx))
    ).all()
    requests = sorted(
        rows,
        key=lambda r: (_first_key(r.submitted_on) != "\uffff", _first_key(r.submitted_on), r.title),
        reverse=True,
    )
    programs: dict[uuid.UUID, list[str]] = defaultdict(list)
    ids = [row.id for row in requests]
    for chunk in _chunks(ids):
        found = session.execute(
            select(SanctionRequestProgram.sanction_request_id, SanctionRequestProgram.program_key)
            .where(
                SanctionRequestProgram.sanction_request_id.in_(chunk),
                _visible(SanctionRequestProgram.sensitivity, ctx),
            )
            .order_by(SanctionRequestProgram.program_key)
        )
        for request_id, key in found:
            programs[request_id].append(key)
    return requests, programs


def _load_events(ctx: ReportContext, session: Session) -> list[Any]:
    rows = [row for row in _event_rows(ctx, session) if ctx.in_range(row.occurred_on)]
    rows.sort(key=lambda r: (_first_key(r.occurred_on), r.title))
    return rows


# --------------------------------------------------------------------- sections


def _note(text: str) -> Flowable:
    return p(text, "small")


def _key_figures(ctx: ReportContext, data: _Data) -> list[Flowable]:
    statuses = Counter(case.status for case in data.cases)
    sent = sum(1 for letter in data.letters if letter.direction == LetterDirection.OUTGOING)
    open_asks = sum(1 for ask in data.asks if ask.status == AskStatus.OPEN)
    by_status = Counter(row.status for row in data.sanctions)
    groups: list[tuple[str, list[tuple[str, int]]]] = [
        (
            "Detentions (current status)",
            [
                ("Detentions recorded", len(data.cases)),
                *((_label(status), statuses.get(status, 0)) for status in KEY_STATUSES),
            ],
        ),
        (
            "Advocacy",
            [
                ("Letters recorded", len(data.letters)),
                ("Letters sent", sent),
                ("Responses received", data.responses_received),
                ("Asks open", open_asks),
            ],
        ),
        (
            "Sanction requests by status",
            [
                ("Sanction requests", len(data.sanctions)),
                *(
                    (_label(status), by_status[status])
                    for status in SanctionStatus
                    if by_status.get(status)
                ),
            ],
        ),
    ]
    parts = heading("Key figures")
    for title, items in groups:
        parts.append(KeepTogether([Paragraph(esc(title), GROUP), _figure_grid(items, ctx.width)]))
    parts.append(Spacer(0, 2 * mm))
    period = _period(ctx)
    scope = f"of the period {period}" if period else "on record"
    parts.append(
        _note(
            f"Letters, responses and asks are those {scope}; detention and sanction figures "
            "are the current statuses. Letters sent: outgoing letters. Asks open: asks with "
            "status open. Every figure counts only the records printed in this edition."
        )
    )
    return parts


def _figure_grid(items: Sequence[tuple[str, int]], width: float, per_row: int = 5) -> Flowable:
    """Key figures in boxes, ``per_row`` to a row, left-aligned (no empty boxes)."""
    cells = [[p(f"{value:,}", "figure"), p(label, "figure_label")] for label, value in items]
    rows = [cells[start : start + per_row] for start in range(0, len(cells), per_row)]
    columns = min(per_row, len(cells))
    grid = [row + [""] * (columns - len(row)) for row in rows]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]
    for index in range(len(cells)):
        row, column = divmod(index, per_row)
        commands.append(("BOX", (column, row), (column, row), 0.5, RULE))
    table_ = Table(grid, colWidths=[width / per_row] * columns, hAlign="LEFT")
    table_.setStyle(TableStyle(commands))
    return table_


def _chart(ctx: ReportContext, data: _Data) -> list[Flowable]:
    parts = heading("Detentions by status")
    counts = Counter(case.status for case in data.cases)
    # the four key statuses always (a zero says something), the others when present
    shown = [s for s in DetentionStatus if s in KEY_STATUSES or counts.get(s)]
    if not data.cases:
        parts.append(p(NONE, "small"))
        return parts
    # a horizontal bar chart draws its first category at the bottom
    shown.reverse()
    bar = 13.0
    plot_height = bar * 1.6 * len(shown)
    width = ctx.width
    left = 34 * mm
    # without an initial font the renderer starts in (unembedded) Helvetica
    drawing = Drawing(width, plot_height + 24, initialFontName=FONT, initialFontSize=8)
    chart = HorizontalBarChart()
    chart.x = left
    chart.y = 16
    chart.width = width - left - 14 * mm
    chart.height = plot_height
    chart.data = [[counts[status] for status in shown]]
    chart.barWidth = bar
    chart.groupSpacing = bar * 0.6
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.categoryAxis.categoryNames = [_label(status) for status in shown]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.tickLeft = 0
    top = max(counts[status] for status in shown)
    step = _step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (-(-top // step))
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = SHADE
    chart.valueAxis.labelTextFormat = "{:,.0f}".format
    chart.barLabelFormat = "{:,}".format
    chart.barLabels.fontName = BOLD
    chart.barLabels.fontSize = 8
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    parts.append(KeepTogether([drawing]))
    parts.append(
        _note(f"Current status of {_count(len(data.cases), 'detention')} in this edition.")
    )
    return parts


def _step(top: int) -> int:
    """A round step (1, 2, 5, 10, 20…) giving at most five gridlines up to ``top``."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if top <= 5 * factor * magnitude:
                return factor * magnitude
        magnitude *= 10


class _Dot(Flowable):
    """A dot on the timeline's rule (drawn left of the cell, on the column line)."""

    def __init__(self, height: float = 10) -> None:
        super().__init__()
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, self.height)

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.setStrokeColor("white")
        canvas.setLineWidth(1)
        canvas.circle(0, self.height - 5, 3.2, stroke=1, fill=1)
        canvas.restoreState()


def _timeline(ctx: ReportContext, data: _Data) -> list[Flowable]:
    parts = heading("Timeline of events")
    if not data.events:
        parts.append(p(NONE, "small"))
        return parts
    period = _period(ctx)
    parts.append(
        _note(
            "Oldest first"
            + (f"; events of the period {period}" if period else "; undated events last")
            + "."
        )
    )
    parts.append(Spacer(0, 2 * mm))
    width = ctx.width
    widths = _widths(width, (0.17, 0.04, 0.79))
    rows = []
    redactor = ctx.redactor
    for event in data.events:
        detail = [_label(event.kind)]
        if event.place:
            detail.append(esc(event.place))
        if event.person_id is not None:
            who = _Who(event.person_id, event.display_name, event.person_sensitivity)
        elif event.detainee_id is not None:
            who = _Who(event.detainee_id, event.detainee_name, event.detainee_sensitivity)
        else:
            who = None
        if who is not None:
            detail.append(esc(redactor.name(who)))  # type: ignore[arg-type]
        text = markup(
            f"<b>{esc(event.title)}</b><br/>"
            f'<font size="7.5" color="#5f6b7a">{" · ".join(detail)}</font>',
            "cell",
        )
        rows.append([p(_date(event.occurred_on, "Date not known"), "right"), _Dot(), text])
    for start in range(0, len(rows), TABLE_CHUNK):
        chunk = rows[start : start + TABLE_CHUNK]
        piece = Table(chunk, colWidths=widths, hAlign="LEFT")
        piece.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEAFTER", (0, 0), (0, -1), 1.2, ACCENT),
                    ("LEFTPADDING", (1, 0), (1, -1), 0),
                    ("RIGHTPADDING", (1, 0), (1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), 8),
                    ("LEFTPADDING", (2, 0), (2, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        parts.append(piece)
    return parts


def _detainees(ctx: ReportContext, data: _Data) -> list[Flowable]:
    parts = heading("Detainees")
    if not data.cases:
        parts.append(p(NONE, "small"))
        return parts
    period = _period(ctx)
    latest = "Latest development" + (" in the period" if period else "")
    parts.append(
        _note(
            f"{_count(len(data.cases), 'detention')}, by name. {latest}: the most recent "
            f"dated status change, hearing or event up to {_day(ctx.options.today)}."
        )
    )
    parts.append(Spacer(0, 2 * mm))
    rows = []
    for case in data.cases:
        if case.latest is None:
            development = "—"
        else:
            date, text = case.latest
            development = f"{date.display()}: {text}"
        rows.append(
            [
                case.name,
                _label(case.category),
                _date(case.captured_on, "—"),
                case.facility or "—",
                _label(case.status),
                development,
            ]
        )
    widths = _widths(ctx.width, (0.17, 0.13, 0.125, 0.175, 0.12, 0.28))
    parts += _plain_table(
        ["Name", "Category", "Detained since", "Facility", "Status", latest],
        rows,
        widths,
        bold_first=True,
    )
    return parts


def _key_cases(data: _Data) -> list[_Case]:
    """Political figures and cases with a hearing ahead; next hearing soonest first."""
    chosen = [
        case
        for case in data.cases
        if not case.withheld
        and (case.category == DetentionCategory.POLITICAL_FIGURE or case.upcoming is not None)
    ]
    chosen.sort(
        key=lambda case: (
            case.upcoming is None,
            _first_key(case.upcoming),
            case.category != DetentionCategory.POLITICAL_FIGURE,
        )
    )
    return chosen


def _profiles(ctx: ReportContext, data: _Data) -> list[Flowable]:
    parts = heading("Key cases")
    chosen = _key_cases(data)
    if not chosen:
        parts.append(p("No political figures and no hearings ahead among these cases.", "small"))
        return parts
    shown = chosen[:PROFILE_LIMIT]
    intro = "Political figures and detainees with a hearing ahead"
    if len(chosen) > len(shown):
        intro += f": {len(shown)} of {len(chosen):,}, the nearest hearings first"
    parts.append(_note(intro + ". Every case is in the table of detainees."))
    details = _profile_details(ctx, [case.id for case in shown], [case.person.id for case in shown])
    redactor = ctx.redactor
    for case in shown:
        info = details[case.id]
        pairs: list[tuple[str, str]] = []
        variants = [] if redactor.private(case.person.id) else info["names"].get(case.person.id, [])
        variants = [name for name in variants if name != case.name]
        if variants:
            pairs.append(("Also written", ", ".join(variants)))
        status = _label(case.status)
        if case.captured_on:
            status += f"; detained since {case.captured_on.display()}"
        if case.facility:
            status += f"; held at {case.facility}"
        pairs.append(("Status", status))
        if case.summary:
            pairs.append(("Summary", _clip(case.summary, 400)))
        charges = info["charges"]
        charged = "; ".join(_clip(c, 300) for c in charges[:5]) or "None recorded"
        if len(charges) > 5:
            charged += f"; and {len(charges) - 5} more"
        pairs.append(("Charges", charged))
        last, ahead = info["last_hearing"], case.upcoming
        if last is not None:
            date, text = last
            pairs.append(("Latest hearing", f"{date.display()}" + (f": {text}" if text else "")))
        if ahead is not None and (last is None or ahead != last[0]):
            pairs.append(("Next hearing", ahead.display()))
        count = info["treatment"]
        pairs.append(("Treatment allegations", f"{count} recorded" if count else "None recorded"))
        block: list[Flowable] = heading(case.name, 1)[1:]
        block.append(_profile_table(pairs, ctx.width))
        parts.append(KeepTogether(block))
    return parts


def _profile_table(pairs: Sequence[tuple[str, str]], width: float) -> Flowable:
    rows = [[p(label, "cell_bold"), p(value, "cell")] for label, value in pairs]
    grid = Table(rows, colWidths=_widths(width, (0.24, 0.76)), splitInRow=1, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return grid


def _profile_details(
    ctx: ReportContext, detention_ids: list[uuid.UUID], person_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    session = ctx.session
    details: dict[uuid.UUID, dict[str, Any]] = {
        did: {"charges": [], "last_hearing": None, "treatment": 0, "names": {}}
        for did in detention_ids
    }
    names: dict[uuid.UUID, list[str]] = defaultdict(list)
    for row in session.execute(
        select(PersonName.person_id, PersonName.name)
        .where(PersonName.person_id.in_(person_ids), _visible(PersonName.sensitivity, ctx))
        .order_by(PersonName.person_id, PersonName.ordinal)
    ):
        if row.name not in names[row.person_id]:
            names[row.person_id].append(row.name)
    for did in detention_ids:
        details[did]["names"] = names
    for row in session.execute(
        select(Charge.detention_id, Charge.description)
        .where(Charge.detention_id.in_(detention_ids), _visible(Charge.sensitivity, ctx))
        .order_by(Charge.detention_id, Charge.charged_on)
    ):
        details[row.detention_id]["charges"].append(row.description)
    today = ctx.options.today
    for row in session.execute(
        select(Hearing.detention_id, Hearing.held_on, Hearing.description, Hearing.outcome).where(
            Hearing.detention_id.in_(detention_ids),
            _visible(Hearing.sensitivity, ctx),
            Hearing.held_on.is_not(None),
        )
    ):
        if row.held_on.earliest() > today:
            continue
        current = details[row.detention_id]["last_hearing"]
        if current is None or row.held_on.sort_text() > current[0].sort_text():
            text = " ".join(x for x in (row.description, row.outcome) if x)
            details[row.detention_id]["last_hearing"] = (row.held_on, _clip(text, 240))
    for detention_id, count in session.execute(
        select(TreatmentReport.detention_id, func.count())
        .where(
            TreatmentReport.detention_id.in_(detention_ids),
            _visible(TreatmentReport.sensitivity, ctx),
        )
        .group_by(TreatmentReport.detention_id)
    ):
        details[detention_id]["treatment"] = int(count)
    return details


def _advocacy_log(ctx: ReportContext, data: _Data) -> list[Flowable]:
    parts = heading("Advocacy log")
    if not data.letters:
        parts.append(p(NONE, "small"))
        return parts
    today = ctx.options.today
    period = _period(ctx)
    parts.append(
        _note(
            _count(len(data.letters), "letter")
            + (f" of the period {period}" if period else "")
            + ", newest first. Response: the first response received and its kind. "
            "Days outstanding: days since an outgoing letter with no "
            f"response was sent, as of {_day(today)} (counted from the last day of the month "
            "or year when only that is known)."
        )
    )
    parts.append(Spacer(0, 2 * mm))
    rows = []
    for letter in data.letters:
        if letter.responses:
            dated = sorted(letter.responses, key=lambda r: _first_key(r[0]))
            first_date, kind = dated[0]
            # the first response: "20 Mar 2025: Token reply"
            answer = f"{first_date.display()}: {kind}" if first_date else kind
            if len(dated) > 1:
                answer += f" (+{len(dated) - 1} more)"
            outstanding = ""
        elif letter.direction == LetterDirection.INCOMING:
            answer, outstanding = "—", ""
        else:
            answer = "No response"
            outstanding = ""
            if letter.direction == LetterDirection.OUTGOING and letter.sent_on is not None:
                outstanding = f"{max(0, (today - letter.sent_on.latest()).days):,}"
        rows.append(
            [
                _date(letter.sent_on, "Undated"),
                letter.title,
                _label(letter.direction),
                f"{letter.signatories:,}" if letter.signatories else "—",
                answer,
                outstanding or "—",
            ]
        )
    widths = _widths(ctx.width, (0.125, 0.335, 0.11, 0.11, 0.19, 0.13))
    parts += _plain_table(
        ["Sent", "Letter", "Direction", "Signed by", "Response", "Days outstanding"],
        rows,
        widths,
        right=(3, 5),
    )
    return parts


def _sanctions(ctx: ReportContext, data: _Data) -> list[Flowable]:
    parts = heading("Sanction requests")
    if not data.sanctions:
        parts.append(p(NONE, "small"))
        return parts
    parts.append(_note("Current status of every request, the latest submitted first."))
    parts.append(Spacer(0, 2 * mm))
    redactor = ctx.redactor
    rows = []
    for request in data.sanctions:
        if request.target_id is not None:
            target = redactor.name(
                _Who(request.target_id, request.target_name, request.target_sensitivity)  # type: ignore[arg-type]
            )
            if request.target_description and target != WITHHELD:
                target += f" ({_clip(request.target_description, 160)})"
        else:
            target = _clip(request.target_description, 240)
        keys = data.programs.get(request.id, [])
        programs = "; ".join(
            SANCTION_PROGRAMS[key].title if key in SANCTION_PROGRAMS else key for key in keys
        )
        rows.append(
            [
                request.title,
                target,
                programs or "—",
                _label(request.status),
                _date(request.submitted_on, "Not submitted"),
            ]
        )
    widths = _widths(ctx.width, (0.30, 0.27, 0.17, 0.125, 0.135))
    parts += table(["Request", "Target", "Program", "Status", "Submitted"], rows, widths)
    return parts


def _open_asks(ctx: ReportContext, data: _Data) -> list[Flowable]:
    parts = heading("Open asks")
    if not data.asks:
        parts.append(p(NONE, "small"))
        return parts
    open_count = sum(1 for ask in data.asks if ask.status == AskStatus.OPEN)
    partly = len(data.asks) - open_count
    parts.append(
        _note(
            f"{open_count:,} open and {partly:,} partly met, from the letters"
            + (f" of the period {_period(ctx)}" if _period(ctx) else "")
            + ", newest letter first."
        )
    )
    parts.append(Spacer(0, 2 * mm))
    rows = []
    for ask in data.asks:
        sent = _date(ask.sent_on, "Undated")
        letter = f"{ask.title}\n{sent}, ask {ask.ordinal + 1}"
        rows.append([_clip(ask.text, 1200), letter, _label(ask.status)])
    widths = _widths(ctx.width, (0.52, 0.35, 0.13))
    parts += _plain_table(["Ask", "Letter", "Status"], rows, widths)
    return parts
