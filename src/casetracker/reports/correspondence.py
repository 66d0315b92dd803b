"""Correspondence log: the letters of a date range, their asks, the responses
to each (and the position each response took on each ask), and how long the
answer took.

Layout, chosen to stay readable (and fast) at thousands of letters: a summary
(key figures, a year-by-year table), then one section per month with one
compact card per letter — a title bar with the response time, the facts (date,
direction, channel, signatories, recipients), the asks with their status and
the positions taken, then the responses.

Response time: days from the letter's date to the first response received
(``c.`` when either date is known only to the month or year, or estimated).
Outgoing and third-party letters with no response are *awaiting a response*:
their days outstanding run to the report's ``today``. Incoming letters expect
no reply. A response recorded with the type "No response" (a note that none
came) is listed but answers nothing.

Speed: the cards and tables are :class:`Grid` tables of plain strings, broken
into lines here (:func:`wrap`), with shared cell styles and known row heights.
ReportLab then measures nothing and parses no markup — which also means that
untrusted text can never be read as markup.
"""

from __future__ import annotations

import datetime as dt
import statistics
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle
from reportlab.platypus.tables import CellStyle
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casetracker.models import (
    Ask,
    Letter,
    LetterRecipient,
    LetterSignatory,
    Organization,
    Person,
    Response,
    ResponseAskPosition,
    response_letters,
)
from casetracker.models.enums import AskStatus, LetterDirection, RecipientRole, ResponseType
from casetracker.partialdate import PartialDate, Precision
from casetracker.reports import pdf
from casetracker.reports.common import label as _label
from casetracker.reports.context import Cover, ReportContext
from casetracker.reports.pdf import ACCENT, BOLD, FONT, INK, MARK, MUTED, RULE, SHADE

#: ids per IN (...) query
CHUNK = 500
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
GOOD = colors.HexColor("#1e6b3a")
WHITE = colors.white


# --------------------------------------------------------------------------- plain cells


class _Widths:
    """Text widths from the font's own advance widths, cached per word."""

    def __init__(self) -> None:
        self._fonts: dict[str, tuple[dict[int, float], float]] = {}
        self._words: dict[tuple[str, str], float] = {}

    def em(self, text: str, font: str) -> float:
        """Width of ``text`` in thousandths of the font size."""
        key = (font, text)
        found = self._words.get(key)
        if found is None:
            metrics = self._fonts.get(font)
            if metrics is None:
                pdf.register_fonts()
                face = pdfmetrics.getFont(font).face
                metrics = self._fonts[font] = (face.charWidths, face.defaultWidth)
            widths, default = metrics
            get = widths.get
            found = sum(get(ord(c), default) for c in text)
            if len(self._words) < 200_000:
                self._words[key] = found
        return found


WIDTHS = _Widths()


def text_width(text: str, font: str = FONT, size: float = 8) -> float:
    return WIDTHS.em(text, font) * size / 1000


def wrap(text: object, width: float, font: str = FONT, size: float = 8) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points (runs of
    white space become one space; a word too long for a line is cut)."""
    limit = width * 1000 / size
    space = WIDTHS.em(" ", font)
    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        line: list[str] = []
        used = 0.0
        for word in paragraph.split():
            measured = WIDTHS.em(word, font)
            if line and used + space + measured <= limit:
                line.append(word)
                used += space + measured
                continue
            if line:
                lines.append(" ".join(line))
            while measured > limit:  # cut an overlong word (a URL, a long number…)
                cut = _longest_fit(word, font, limit)
                lines.append(word[:cut])
                word = word[cut:]
                measured = WIDTHS.em(word, font)
            line, used = [word], measured
        lines.append(" ".join(line))
    return lines


def _longest_fit(word: str, font: str, limit: float) -> int:
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if WIDTHS.em(word[:middle], font) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def cell_style(
    name: str,
    *,
    font: str = FONT,
    size: float = 8,
    leading: float = 10,
    color: colors.Color = INK,
    align: str = "LEFT",
    valign: str = "TOP",
    padding: tuple[float, float, float, float] = (3, 3, 4, 4),
) -> CellStyle:
    """A cell style, shared by every cell that uses it (so never changed by a
    table command: grids take only line, background and span commands)."""
    style = CellStyle(name)
    style.fontname, style.fontsize, style.leading = font, size, leading
    style.color, style.alignment, style.valign = color, align, valign
    style.topPadding, style.bottomPadding, style.leftPadding, style.rightPadding = padding
    return style


class Grid:
    """A table of plain-string cells, wrapped here, with known row heights."""

    def __init__(self, widths: Sequence[float]) -> None:
        self.widths = list(widths)
        self.rows: list[list[Any]] = []
        self.styles: list[list[CellStyle]] = []
        self.heights: list[float] = []
        self.commands: list[tuple[Any, ...]] = []

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def height(self) -> float:
        return sum(self.heights)

    def add(
        self,
        cells: Sequence[tuple[object, CellStyle] | None],
        spans: Sequence[tuple[int, int]] = (),
        height: float | None = None,
    ) -> int:
        """One row: (text or flowable, style) per column, None under a span."""
        index = len(self.rows)
        ends = {start: end for start, end in spans}
        row: list[Any] = []
        styles: list[CellStyle] = []
        tallest = 0.0
        for column, cell in enumerate(cells):
            if cell is None:
                row.append(())
                styles.append(_BLANK)
                continue
            value, style = cell
            styles.append(style)
            if isinstance(value, Flowable):
                row.append(value)
                continue
            width = sum(self.widths[column : ends.get(column, column) + 1])
            text = "" if value is None else str(value)
            if not text:
                row.append(())  # nothing to draw
                continue
            inner = width - style.leftPadding - style.rightPadding
            lines = wrap(text, inner, style.fontname, style.fontsize)
            row.append("\n".join(lines))
            tallest = max(
                tallest, len(lines) * style.leading + style.topPadding + style.bottomPadding
            )
        for start, end in spans:
            self.commands.append(("SPAN", (start, index), (end, index)))
        if height is None:
            height = tallest or (_BLANK.leading + 6)
        self.rows.append(row)
        self.styles.append(styles)
        self.heights.append(height)
        return index

    def table(self, repeat: int = 0, style: Sequence[tuple[Any, ...]] = ()) -> Table:
        grid = Table(
            self.rows,
            colWidths=self.widths,
            rowHeights=self.heights,
            repeatRows=repeat,
            hAlign="LEFT",
            cellStyles=self.styles,
        )
        grid.setStyle(TableStyle([*style, *self.commands]))
        return grid


_BLANK = cell_style("blank")
HEAD = cell_style("head", font=BOLD, color=WHITE)
HEAD_RIGHT = cell_style("head_right", font=BOLD, color=WHITE, align="RIGHT")
CELL = cell_style("cell")
CELL_RIGHT = cell_style("cell_right", align="RIGHT")
CELL_BOLD = cell_style("cell_bold", font=BOLD)


def plain_table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[float],
    *,
    right: Iterable[int] = (),
    bold_first: bool = False,
) -> list[Flowable]:
    """Like :func:`pdf.table` (same look: header on every piece and page, shaded
    every other row, pieces of :data:`pdf.TABLE_CHUNK` rows), for plain text:
    columns in ``right`` are aligned right."""
    right = set(right)
    head = [(h, HEAD_RIGHT if i in right else HEAD) for i, h in enumerate(header)]
    body = [
        [
            (
                value,
                CELL_RIGHT if i in right else CELL_BOLD if bold_first and i == 0 else CELL,
            )
            for i, value in enumerate(row)
        ]
        for row in rows
    ]
    if not body:
        return [pdf.p("None recorded.", "small")]
    pieces: list[Flowable] = []
    for start in range(0, len(body), pdf.TABLE_CHUNK):
        grid = Grid(widths)
        grid.add(head)
        for row in body[start : start + pdf.TABLE_CHUNK]:
            grid.add(row)
        pieces.append(
            grid.table(
                repeat=1,
                style=[
                    ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [WHITE, SHADE]),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ],
            )
        )
    return pieces


# --------------------------------------------------------------------------- reading


class Who(NamedTuple):
    """Enough of a person for :meth:`Redactor.name`."""

    id: uuid.UUID
    display_name: str
    sensitivity: Any


def chunks(ids: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def rows_for(session: Session, ids: Sequence[Any], build: Callable[[Sequence[Any]], Any]) -> list:
    """Every row of ``build(chunk)`` over ``ids`` in chunks of :data:`CHUNK`."""
    found: list = []
    for chunk in chunks(ids):
        found.extend(session.execute(build(chunk)).all())
    return found


def sort_key(date: PartialDate | None) -> tuple[bool, str]:
    """Chronological, undated last."""
    return (date is None, date.sort_text() if date else "")


def letters_in_range(ctx: ReportContext, *columns: Any) -> list:
    """The visible letters whose date falls in the chosen range, oldest first
    (undated ones last, and only when no range was chosen)."""
    allowed = list(ctx.audience.sensitivities)
    statement = select(Letter.id, Letter.sent_on, Letter.title, *columns).where(
        Letter.sensitivity.in_(allowed)
    )
    start, end = ctx.options.date_from, ctx.options.date_to
    # a coarse filter on the stored text (whole years); the exact test is in_range
    if start is not None:
        statement = statement.where(Letter.sent_on >= f"{start.year:04d}")
    if end is not None and end.year < 9999:
        statement = statement.where(Letter.sent_on < f"{end.year + 1:04d}")
    rows = [r for r in ctx.session.execute(statement) if ctx.in_range(r.sent_on)]
    rows.sort(key=lambda r: (*sort_key(r.sent_on), r.title.casefold(), str(r.id)))
    return rows


def range_text(ctx: ReportContext) -> str:
    start, end = ctx.options.date_from, ctx.options.date_to
    if start and end:
        return f"Letters dated {_day(start)} to {_day(end)}"
    if start:
        return f"Letters dated from {_day(start)}"
    if end:
        return f"Letters dated up to {_day(end)}"
    return "All letters on record"


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b} {date.year}"


def exact(date: PartialDate) -> bool:
    return date.precision is Precision.DAY and not date.estimated


@dataclass
class ResponseInfo:
    id: uuid.UUID
    received_on: PartialDate | None
    title: str
    sender: str
    kind: ResponseType
    number: int = 0

    @property
    def answers(self) -> bool:
        """False for a record that no answer came ("No response")."""
        return self.kind is not ResponseType.NO_RESPONSE


@dataclass
class AskInfo:
    id: uuid.UUID
    text: str
    status: AskStatus
    note: str | None
    #: (response id, position label, note)
    positions: list[tuple[uuid.UUID, str, str | None]] = field(default_factory=list)


@dataclass
class LetterInfo:
    id: uuid.UUID
    sent_on: PartialDate | None
    title: str
    direction: LetterDirection
    channel: str
    notes: str | None
    signatures: int = 0
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    asks: list[AskInfo] = field(default_factory=list)
    responses: list[ResponseInfo] = field(default_factory=list)

    @property
    def awaits_reply(self) -> bool:
        return self.direction is not LetterDirection.INCOMING

    @property
    def answers(self) -> list[ResponseInfo]:
        """The responses that answer it (not the records that none came)."""
        return [r for r in self.responses if r.answers]

    def first_response(self) -> PartialDate | None:
        dated = [r.received_on for r in self.answers if r.received_on is not None]
        return min(dated, key=lambda d: (d.earliest(), d.sort_text())) if dated else None

    def response_days(self) -> tuple[int, bool] | None:
        """(days to the first response, approximate?) or None."""
        first = self.first_response()
        if first is None or self.sent_on is None:
            return None
        days = (first.earliest() - self.sent_on.earliest()).days
        return days, not (exact(first) and exact(self.sent_on))

    def outstanding(self, today: dt.date) -> tuple[int, bool] | None:
        """(days without a response, approximate?) for a letter awaiting one."""
        if self.answers or not self.awaits_reply or self.sent_on is None:
            return None
        return max(0, (today - self.sent_on.earliest()).days), not exact(self.sent_on)


def _sender(redactor: Any, row: Any) -> str:
    person = None
    if row.person_id is not None:
        person = Who(row.person_id, row.person_name, row.person_sensitivity)
    parts = []
    if person is not None:
        parts.append(redactor.name(person))
    if row.org_name is not None and redactor.shows(_Sensitive(row.org_sensitivity)):
        parts.append(row.org_name)
    return ", ".join(parts)


class _Sensitive(NamedTuple):
    sensitivity: Any


def load(ctx: ReportContext) -> list[LetterInfo]:
    """Every letter in range with what the log prints, in a few bulk queries."""
    session, redactor = ctx.session, ctx.redactor
    allowed = list(ctx.audience.sensitivities)
    letters = [
        LetterInfo(
            r.id,
            r.sent_on,
            r.title,
            LetterDirection(r.direction),
            _label(r.channel),
            redactor.field("notes", r.notes),
        )
        for r in letters_in_range(ctx, Letter.direction, Letter.channel, Letter.notes)
    ]
    by_id = {letter.id: letter for letter in letters}
    ids = list(by_id)
    ctx.progress.report(0, 0, "reading letters")

    for row in rows_for(
        session,
        ids,
        lambda chunk: (
            select(LetterSignatory.letter_id, func.count())
            .where(LetterSignatory.letter_id.in_(chunk), LetterSignatory.sensitivity.in_(allowed))
            .group_by(LetterSignatory.letter_id)
        ),
    ):
        by_id[row[0]].signatures = int(row[1])

    recipients = rows_for(
        session,
        ids,
        lambda chunk: (
            select(
                LetterRecipient.letter_id,
                LetterRecipient.role,
                LetterRecipient.person_id,
                Person.display_name.label("person_name"),
                Person.sensitivity.label("person_sensitivity"),
                Organization.name.label("org_name"),
                Organization.sensitivity.label("org_sensitivity"),
            )
            .outerjoin(Person, Person.id == LetterRecipient.person_id)
            .outerjoin(Organization, Organization.id == LetterRecipient.organization_id)
            .where(LetterRecipient.letter_id.in_(chunk), LetterRecipient.sensitivity.in_(allowed))
            .order_by(LetterRecipient.letter_id, LetterRecipient.ordinal)
        ),
    )
    for row in recipients:
        name = _sender(redactor, row)
        if name:
            letter = by_id[row.letter_id]
            (letter.cc if row.role == RecipientRole.COPY else letter.to).append(name)

    asks: dict[uuid.UUID, AskInfo] = {}
    for row in rows_for(
        session,
        ids,
        lambda chunk: (
            select(Ask.id, Ask.letter_id, Ask.text, Ask.status, Ask.status_note)
            .where(Ask.letter_id.in_(chunk), Ask.sensitivity.in_(allowed))
            .order_by(Ask.letter_id, Ask.ordinal)
        ),
    ):
        ask = AskInfo(
            row.id, row.text, AskStatus(row.status), redactor.field("status_note", row.status_note)
        )
        asks[row.id] = ask
        by_id[row.letter_id].asks.append(ask)

    shown: set[uuid.UUID] = set()
    for row in rows_for(
        session,
        ids,
        lambda chunk: (
            select(
                response_letters.c.letter_id,
                Response.id,
                Response.received_on,
                Response.title,
                Response.response_type,
                Response.from_person_id.label("person_id"),
                Person.display_name.label("person_name"),
                Person.sensitivity.label("person_sensitivity"),
                Organization.name.label("org_name"),
                Organization.sensitivity.label("org_sensitivity"),
            )
            .join(Response, Response.id == response_letters.c.response_id)
            .outerjoin(Person, Person.id == Response.from_person_id)
            .outerjoin(Organization, Organization.id == Response.from_organization_id)
            .where(response_letters.c.letter_id.in_(chunk), Response.sensitivity.in_(allowed))
        ),
    ):
        by_id[row.letter_id].responses.append(
            ResponseInfo(
                row.id,
                row.received_on,
                row.title,
                _sender(redactor, row),
                ResponseType(row.response_type),
            )
        )
        shown.add(row.id)
    for letter in letters:
        letter.responses.sort(key=lambda r: (*sort_key(r.received_on), r.title, str(r.id)))
        for number, response in enumerate(letter.responses, start=1):
            response.number = number

    for row in rows_for(
        session,
        list(asks),
        lambda chunk: select(
            ResponseAskPosition.ask_id,
            ResponseAskPosition.response_id,
            ResponseAskPosition.position,
            ResponseAskPosition.note,
        ).where(
            ResponseAskPosition.ask_id.in_(chunk), ResponseAskPosition.sensitivity.in_(allowed)
        ),
    ):
        if row.response_id in shown:
            asks[row.ask_id].positions.append(
                (row.response_id, _label(row.position), redactor.field("note", row.note))
            )
    return letters


# --------------------------------------------------------------------------- figures


@dataclass
class Tally:
    letters: int = 0
    answered: int = 0
    awaiting: int = 0
    incoming: int = 0
    asks: int = 0
    open_asks: int = 0
    responses: int = 0
    days: list[int] = field(default_factory=list)
    longest: int | None = None

    def add(self, letter: LetterInfo, today: dt.date) -> None:
        self.letters += 1
        self.asks += len(letter.asks)
        self.open_asks += sum(1 for a in letter.asks if a.status is AskStatus.OPEN)
        if letter.answers:
            self.answered += 1
            timing = letter.response_days()
            if timing is not None and timing[0] >= 0:
                self.days.append(timing[0])
        elif letter.awaits_reply:
            self.awaiting += 1
            waiting = letter.outstanding(today)
            if waiting is not None:
                self.longest = max(self.longest or 0, waiting[0])
        else:
            self.incoming += 1

    @property
    def median(self) -> str:
        if not self.days:
            return "—"
        value = statistics.median(self.days)
        return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def summary(ctx: ReportContext, letters: list[LetterInfo]) -> list[Flowable]:
    today = ctx.options.today
    total = Tally()
    years: dict[int | None, Tally] = defaultdict(Tally)
    responses: set[uuid.UUID] = set()
    for letter in letters:
        total.add(letter, today)
        years[letter.sent_on.year if letter.sent_on else None].add(letter, today)
        responses.update(r.id for r in letter.answers)
    total.responses = len(responses)
    story: list[Flowable] = [*pdf.heading("Summary")]
    story.append(
        pdf.p(f"{range_text(ctx)}. Days outstanding are counted to {_day(today)}.", "body")
    )
    story.append(
        pdf.figures(
            [
                ("Letters in range", total.letters),
                ("Answered", total.answered),
                ("Awaiting a response", total.awaiting),
                ("Median response time (days)", total.median),
                ("Asks", total.asks),
                ("Asks still open", total.open_asks),
                ("Responses received", total.responses),
                (
                    "Longest outstanding (days)",
                    "—" if total.longest is None else total.longest,
                ),
            ],
            ctx.width,
        )
    )
    story.append(Spacer(0, 4))
    story.append(
        pdf.p(
            "Response time: days from the letter's date to the first response received "
            "(“c.” when a date is known only to the month or year, or is estimated). "
            "Outgoing and third-party letters with no response recorded are awaiting a "
            f"response; incoming letters expect no reply ({total.incoming:,} in range). "
            "A response recorded as “No response” is listed but does not count as an answer.",
            "small",
        )
    )
    if len(years) > 1:
        story += pdf.heading("By year", 1)
        w = ctx.width
        story += plain_table(
            ["Year", "Letters", "Answered", "Awaiting a response", "Median response (days)"],
            [
                [
                    str(year) if year is not None else "Undated",
                    f"{t.letters:,}",
                    f"{t.answered:,}",
                    f"{t.awaiting:,}",
                    t.median,
                ]
                for year, t in sorted(years.items(), key=lambda i: (i[0] is None, i[0] or 0))
            ],
            [w * 0.2] * 5,
            right=(1, 2, 3, 4),
        )
    return story


# --------------------------------------------------------------------------- cards

TITLE = cell_style("title", font=BOLD, size=9, leading=11.5, padding=(4, 3, 4, 4))
STATES = {
    colour: cell_style(f"state{i}", size=7.5, leading=9.5, color=colour, align="RIGHT",
                       padding=(5, 3, 4, 4))
    for i, colour in enumerate((GOOD, INK, MUTED, MARK))
}  # fmt: skip
META = cell_style("meta", size=7.5, leading=9.5, color=MUTED, padding=(1.5, 1.5, 4, 4))
META_KEY = cell_style("meta_key", font=BOLD, size=7.5, leading=9.5, color=MUTED,
                      padding=(1.5, 1.5, 4, 4))  # fmt: skip
SUB = cell_style("sub", font=BOLD, size=7, leading=9, color=MUTED, padding=(3, 2, 4, 4))
TEXT = cell_style("text", padding=(2, 2, 4, 4))
TEXT_BOLD = cell_style("text_bold", font=BOLD, padding=(2, 0, 4, 4))
NOTE = cell_style("note", size=7.5, leading=9.5, color=MUTED, padding=(0, 2, 4, 4))
#: a card taller than this may split across pages (its title bar repeated)
KEEP_TOGETHER = 150 * mm


class Card:
    """Builds one letter's block: a :class:`Grid` of a few rows and spans."""

    def __init__(self, width: float, today: dt.date) -> None:
        self.today = today
        self.widths = [32.0, 0.0, 72.0, 112.0]
        self.widths[1] = width - sum(self.widths)
        self.base = [
            ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
        ]

    def state(self, letter: LetterInfo) -> tuple[str, colors.Color]:
        """Whether and how fast the letter was answered, and the colour to say it in."""
        if letter.answers:
            n = len(letter.answers)
            count = f"{n} responses" if n > 1 else "1 response"
            timing = letter.response_days()
            if timing is None:
                return f"Answered ({count}); response time unknown", INK
            days, approx = timing
            if days < 0:
                return f"Answered ({count}); response dated before the letter", INK
            return f"Answered in {'c. ' if approx else ''}{_days(days)} ({count})", GOOD
        if not letter.awaits_reply:
            return "Incoming letter", MUTED
        waiting = letter.outstanding(self.today)
        if waiting is None:
            return "No response recorded (letter undated)", MARK
        days, approx = waiting
        return f"No response: {'c. ' if approx else ''}{_days(days)} outstanding", MARK

    def build(self, letter: LetterInfo) -> Table:
        grid = Grid(self.widths)
        commands = list(self.base)
        text, colour = self.state(letter)
        grid.add([(letter.title, TITLE), None, (text, STATES[colour]), None], [(0, 1), (2, 3)])
        facts = [
            letter.sent_on.display() if letter.sent_on else "Undated",
            _label(letter.direction),
        ]
        if letter.channel:
            facts.append(letter.channel)
        facts.append(_count(letter.signatures, "signatory", "signatories"))
        grid.add([(" · ".join(facts), META), None, None, None], [(0, 3)])
        for key, values in (("To", letter.to), ("Copy", letter.cc)):
            if values:
                grid.add([(key, META_KEY), ("; ".join(values), META), None, None], [(1, 3)])
        if letter.notes:
            grid.add([("Note", META_KEY), (letter.notes, META), None, None], [(1, 3)])
        grid.heights[-1] += 2  # a little air under the facts

        numbers = {r.id: r.number for r in letter.responses}
        several = len(letter.responses) > 1
        self._subhead(grid, commands, ["#", "Asks", "Status", "Position taken"])
        if not letter.asks:
            grid.add([None, ("None recorded.", NOTE), None, None], [(1, 3)])
        for number, ask in enumerate(letter.asks, start=1):
            grid.add(
                [
                    (str(number), TEXT),
                    (ask.text, TEXT),
                    (_label(ask.status), TEXT),
                    (self._positions(ask, numbers, several), TEXT),
                ]
            )
            if ask.note:
                grid.add([None, (f"Note: {ask.note}", NOTE), None, None], [(1, 3)])
        if letter.responses or letter.awaits_reply:
            self._subhead(grid, commands, ["", "Responses", "Received", "Type"])
        if not letter.responses and letter.awaits_reply:
            grid.add([None, ("None recorded.", NOTE), None, None], [(1, 3)])
        for response in letter.responses:
            received = response.received_on.display() if response.received_on else "Undated"
            number = f"R{response.number}"
            if response.sender:
                grid.add(
                    [(number, TEXT), (response.sender, TEXT_BOLD), (received, TEXT),
                     (_label(response.kind), TEXT)]
                )  # fmt: skip
                grid.add([None, (response.title, NOTE), None, None])
            else:
                grid.add([(number, TEXT), (response.title, TEXT), (received, TEXT),
                          (_label(response.kind), TEXT)])  # fmt: skip
        grid.heights[-1] += 2
        table = grid.table(repeat=1, style=commands)
        table.spaceAfter = 6
        table.card_height = grid.height  # type: ignore[attr-defined]
        return table

    @staticmethod
    def _subhead(grid: Grid, commands: list, labels: list[str]) -> None:
        row = grid.add([(label, SUB) for label in labels])
        commands += [
            ("LINEABOVE", (0, row), (-1, row), 0.25, RULE),
            ("LINEBELOW", (0, row), (-1, row), 0.25, RULE),
        ]

    @staticmethod
    def _positions(ask: AskInfo, numbers: dict[uuid.UUID, int], several: bool) -> str:
        if not ask.positions:
            return "—"
        lines = []
        for response_id, label, note in sorted(ask.positions, key=lambda p: numbers[p[0]]):
            line = f"R{numbers[response_id]}: {label}" if several else label
            lines.append(f"{line} — {note}" if note else line)
        return "\n".join(lines)


def _keep(card: Table) -> float:
    """Room a card needs at the foot of a page: all of it, unless it is very tall."""
    height = float(card.card_height)  # type: ignore[attr-defined]
    return height + 1 if height <= KEEP_TOGETHER else 40 * mm


def _days(n: int) -> str:
    return f"{n:,} day" if n == 1 else f"{n:,} days"


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _month_title(key: tuple[int, int] | tuple[int, None] | None) -> str:
    if key is None:
        return "Undated letters"
    year, month = key
    return f"{_MONTHS[month - 1]} {year}" if month else f"{year} (month not recorded)"


def _months(letters: Iterable[LetterInfo]) -> list[tuple[Any, list[LetterInfo]]]:
    groups: dict[Any, list[LetterInfo]] = {}
    for letter in letters:
        key = (letter.sent_on.year, letter.sent_on.month) if letter.sent_on else None
        groups.setdefault(key, []).append(letter)
    return list(groups.items())


# --------------------------------------------------------------------------- the report


def describe(ctx: ReportContext) -> Cover:
    lines = [range_text(ctx) + "."]
    lines.append(f"Response times and days outstanding as of {_day(ctx.options.today)}.")
    if ctx.options.organization:
        lines.append(f"Prepared by {ctx.options.organization}.")
    return Cover("Correspondence log", "Letters, their asks and the responses", tuple(lines))


def story(ctx: ReportContext) -> list[Flowable]:
    letters = load(ctx)
    story = summary(ctx, letters)
    story += pdf.heading("Letters, month by month")
    if not letters:
        story.append(pdf.p("None recorded.", "small"))
        return story
    card = Card(ctx.width, ctx.options.today)
    done = 0
    for key, group in _months(letters):
        title = _month_title(key)
        cards = [card.build(letter) for letter in group]
        # the month's heading stays with its first card
        story.append(CondPageBreak(_keep(cards[0]) + 12 * mm))
        story += pdf.heading(f"{title} · {_count(len(group), 'letter', 'letters')}", 1)
        for built in cards:
            story.append(CondPageBreak(_keep(built)))
            story.append(built)
        done += len(group)
        ctx.progress.report(done, len(letters), "writing letters")
    return story
