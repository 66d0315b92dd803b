"""Signatory record: which legislators signed which letters, for thanking and
targeting.

* a summary (key figures, and the key to the marks);
* every signatory with party and constituency (from their latest position that
  records them), letters signed, letters led and the last date signed, most
  letters first;
* the signature matrix: legislators down, letters across, ten letters to a
  matrix (the legislator column repeated on each), ● signed, ★ lead signatory,
  with the totals per legislator and per letter; each matrix lists the
  legislators who signed at least one of its letters;
* the letters themselves, numbered as in the matrix.

The date range of the options chooses the letters.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table
from sqlalchemy import select

from casetracker.models import LetterSignatory, Person, Position
from casetracker.partialdate import PartialDate
from casetracker.reports import pdf
from casetracker.reports.context import Cover, ReportContext
from casetracker.reports.correspondence import (
    WHITE,
    Grid,
    Who,
    cell_style,
    letters_in_range,
    plain_table,
    range_text,
    rows_for,
)
from casetracker.reports.pdf import ACCENT, BOLD, FONT, INK, MUTED, RULE, SHADE

#: letters per matrix
PER_MATRIX = 10
SIGNED = "●"
LEAD = "★"
GOLD = colors.HexColor("#b7791f")
PLAIN_SIZE = 7.5
PAD = 3
CELL_PAD = (1.5, 1.5, PAD, PAD)
HEADER_HEIGHT = 34 * mm


@dataclass
class Signer:
    id: uuid.UUID
    name: str
    sort: str
    party: str = ""
    constituency: str = ""
    signed: int = 0
    led: int = 0
    last: PartialDate | None = None
    withheld: bool = False


@dataclass
class LetterColumn:
    number: int
    id: uuid.UUID
    sent_on: PartialDate | None
    title: str
    #: person id -> lead?
    signers: dict[uuid.UUID, bool] = field(default_factory=dict)

    @property
    def date(self) -> str:
        return self.sent_on.display() if self.sent_on else "Undated"


@dataclass
class Record:
    in_range: int
    letters: list[LetterColumn]
    signers: dict[uuid.UUID, Signer]


def _later(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=lambda d: (d.latest(), d.sort_text()))


def load(ctx: ReportContext) -> Record:
    session, redactor = ctx.session, ctx.redactor
    allowed = list(ctx.audience.sensitivities)
    letters = letters_in_range(ctx)
    ids = [r.id for r in letters]
    signatures: dict[uuid.UUID, dict[uuid.UUID, bool]] = defaultdict(dict)
    for row in rows_for(
        session,
        ids,
        lambda chunk: select(
            LetterSignatory.letter_id, LetterSignatory.person_id, LetterSignatory.is_lead
        ).where(LetterSignatory.letter_id.in_(chunk), LetterSignatory.sensitivity.in_(allowed)),
    ):
        signatures[row.letter_id][row.person_id] = bool(row.is_lead)
    ctx.progress.report(0, 0, "reading signatures")

    columns = []
    for row in letters:
        if row.id in signatures:
            columns.append(
                LetterColumn(len(columns) + 1, row.id, row.sent_on, row.title, signatures[row.id])
            )
    people = sorted({pid for signed in signatures.values() for pid in signed}, key=str)
    signers: dict[uuid.UUID, Signer] = {}
    for row in rows_for(
        session,
        people,
        lambda chunk: select(
            Person.id, Person.display_name, Person.sort_name, Person.sensitivity
        ).where(Person.id.in_(chunk)),
    ):
        name = redactor.name(Who(row.id, row.display_name, row.sensitivity))
        withheld = name != row.display_name
        sort = "\uffff" if withheld else row.sort_name.casefold()
        signers[row.id] = Signer(row.id, name, sort, withheld=withheld)

    latest: dict[uuid.UUID, tuple[Any, ...]] = {}
    for row in rows_for(
        session,
        people,
        lambda chunk: select(
            Position.person_id, Position.party, Position.constituency, Position.start_date
        ).where(
            Position.person_id.in_(chunk),
            Position.sensitivity.in_(allowed),
            (Position.party.is_not(None)) | (Position.constituency.is_not(None)),
        ),
    ):
        # the latest start wins; undated positions count as the oldest
        start = row.start_date
        key = (start is not None, start.sort_text() if start else "", row.party or "")
        if row.person_id not in latest or key > latest[row.person_id][0]:
            latest[row.person_id] = (key, row.party, row.constituency)
    for person_id, (_key, party, constituency) in latest.items():
        signer = signers[person_id]
        # a public role, shown for public figures too (a withheld name has none)
        if not signer.withheld:
            signer.party, signer.constituency = party or "", constituency or ""

    for column in columns:
        for person_id, lead in column.signers.items():
            signer = signers[person_id]
            signer.signed += 1
            signer.led += int(lead)
            signer.last = _later(signer.last, column.sent_on)
    return Record(len(letters), columns, signers)


# --------------------------------------------------------------------------- pieces


def summary(ctx: ReportContext, record: Record) -> list[Flowable]:
    signatures = sum(len(c.signers) for c in record.letters)
    most = max((s.signed for s in record.signers.values()), default=0)
    story: list[Flowable] = [*pdf.heading("Summary")]
    story.append(pdf.p(f"{range_text(ctx)}.", "body"))
    average = f"{signatures / len(record.letters):.1f}" if record.letters else "—"
    story.append(
        pdf.figures(
            [
                ("Letters in range", record.in_range),
                ("Letters with signatories", len(record.letters)),
                ("Signatories", len(record.signers)),
                ("Signatures", signatures),
                ("Letters without signatories", record.in_range - len(record.letters)),
                ("Signatures per letter (mean)", average),
                ("Most letters signed by one person", most),
                ("Lead signatories", sum(1 for s in record.signers.values() if s.led)),
            ],
            ctx.width,
        )
    )
    story.append(Spacer(0, 4))
    story.append(
        pdf.markup(
            f"In the matrices: <b>{LEAD}</b> lead signatory, <b>{SIGNED}</b> signed. "
            f"Letters are numbered by date, {PER_MATRIX} to a matrix; each matrix lists the "
            "people who signed at least one of its letters, and its last column counts "
            "every letter in range they signed. Party and constituency come from each "
            "person's latest position that records them.",
            "small",
        )
    )
    return story


def ranking(ctx: ReportContext, record: Record) -> list[Flowable]:
    story = pdf.heading("Signatories by letters signed")
    signers = sorted(
        record.signers.values(),
        key=lambda s: (-s.signed, -s.led, s.sort, s.name, str(s.id)),
    )
    widths = [28.0, 0.0, 74.0, 70.0, 42.0, 30.0, 74.0]
    widths[1] = ctx.width - sum(widths)
    story += plain_table(
        ["", "Name", "Party", "Constituency", "Signed", "Led", "Last signed"],
        [
            [
                f"{rank:,}",
                s.name,
                s.party,
                s.constituency,
                f"{s.signed:,}",
                f"{s.led:,}" if s.led else "",
                s.last.display() if s.last else "Undated",
            ]
            for rank, s in enumerate(signers, start=1)
        ],
        widths,
        right=(0, 4, 5),
    )
    return story


class _Vertical(Flowable):
    """Two lines of text turned a quarter turn (read bottom to top), cut to fit;
    drawn as plain strings, never markup."""

    def __init__(self, first: str, second: str, height: float) -> None:
        super().__init__()
        self.first, self.second, self.height = first, second, height
        self.width = 2 * 8.5

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.rotate(90)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont(BOLD, 7)
        canvas.drawString(0, -7, _fit(self.first, BOLD, 7, self.height))
        canvas.setFont(FONT, 6.5)
        canvas.drawString(0, -15.5, _fit(self.second, FONT, 6.5, self.height))
        canvas.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    text = " ".join(text.split())
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


NAME = cell_style("m_name", size=PLAIN_SIZE, leading=9, valign="MIDDLE", padding=CELL_PAD)
PARTY = cell_style(
    "m_party", size=PLAIN_SIZE - 0.5, leading=9, color=MUTED, valign="MIDDLE", padding=CELL_PAD
)
MARKED = cell_style(
    "m_mark", size=7, leading=9, color=ACCENT, align="CENTER", valign="MIDDLE", padding=CELL_PAD
)
LEADING = cell_style(
    "m_lead", size=9.5, leading=9, color=GOLD, align="CENTER", valign="MIDDLE", padding=CELL_PAD
)
COUNT = cell_style(
    "m_count", size=PLAIN_SIZE, leading=9, align="RIGHT", valign="MIDDLE", padding=CELL_PAD
)
TOTAL_LABEL = cell_style("m_total_label", font=BOLD, size=PLAIN_SIZE, leading=9, padding=CELL_PAD)
TOTAL = cell_style(
    "m_total", font=BOLD, size=PLAIN_SIZE, leading=9, align="CENTER", padding=CELL_PAD
)
HEADER = cell_style("m_head", font=BOLD, size=7, leading=8.5, color=WHITE, valign="BOTTOM",
                    padding=(2, 4, PAD, PAD))  # fmt: skip
HEADER_RIGHT = cell_style("m_head_r", font=BOLD, size=7, leading=8.5, color=WHITE,
                          align="RIGHT", valign="BOTTOM", padding=(2, 4, PAD, PAD))  # fmt: skip
VERTICAL = cell_style("m_vertical", valign="BOTTOM", padding=(2, 4, 4.5, 2))


class Matrix:
    """The signature matrices, :data:`PER_MATRIX` letters each."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.mark = 26.0
        self.total = 38.0
        self.party = 56.0

    def build(self, letters: list[LetterColumn], signers: dict[uuid.UUID, Signer]) -> Table:
        count = len(letters)
        # a short last matrix gives its unused columns to the names: no empty boxes
        name = self.width - self.party - self.total - count * self.mark
        grid = Grid([name, self.party, *[self.mark] * count, self.total])
        grid.add(
            [
                ("Signatory", HEADER),
                ("Party · seat", HEADER),
                *[
                    (_Vertical(f"#{c.number} · {c.date}", c.title, HEADER_HEIGHT - 8), VERTICAL)
                    for c in letters
                ],
                ("Letters\nsigned", HEADER_RIGHT),
            ],
            height=HEADER_HEIGHT,
        )
        people = {pid for c in letters for pid in c.signers}
        for signer in sorted(
            (signers[p] for p in people), key=lambda s: (s.sort, s.name, str(s.id))
        ):
            marks = []
            for column in letters:
                lead = column.signers.get(signer.id)
                marks.append(
                    None if lead is None else (LEAD, LEADING) if lead else (SIGNED, MARKED)
                )
            grid.add(
                [
                    (signer.name, NAME),
                    (_seat(signer), PARTY),
                    *[m or ("", MARKED) for m in marks],
                    (f"{signer.signed:,}", COUNT),
                ]
            )
        last = grid.add(
            [
                ("Signatures", TOTAL_LABEL),
                ("", TOTAL_LABEL),
                *[(f"{len(c.signers):,}", TOTAL) for c in letters],
                ("", TOTAL),
            ]
        )
        first_mark, last_mark = 2, 1 + count
        return grid.table(
            repeat=1,
            style=[
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("ROWBACKGROUNDS", (0, 1), (-1, last - 1), [WHITE, SHADE]),
                ("BACKGROUND", (0, last), (-1, last), SHADE),
                ("INNERGRID", (first_mark, 0), (last_mark + 1, -1), 0.25, RULE),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("LINEABOVE", (0, last), (-1, last), 0.75, INK),
                # the totals never alone at the head of a page
                ("NOSPLIT", (0, max(1, last - 1)), (-1, last)),
            ],
        )


def _seat(signer: Signer) -> str:
    return " · ".join(x for x in (_party_short(signer.party), signer.constituency) if x)


def _party_short(party: str) -> str:
    """``Democrat`` -> ``D``; other parties as recorded."""
    short = {"democrat": "D", "democratic": "D", "republican": "R", "independent": "I"}
    return short.get(party.strip().casefold(), party)


def matrices(ctx: ReportContext, record: Record) -> list[Flowable]:
    story = pdf.heading("Signature matrix")
    if not record.letters:
        story.append(pdf.p("None recorded.", "small"))
        return story
    matrix = Matrix(ctx.width)
    total = len(record.letters)
    for start in range(0, total, PER_MATRIX):
        group = record.letters[start : start + PER_MATRIX]
        first, last = group[0], group[-1]
        span = first.date if first is last else f"{first.date} to {last.date}"
        numbers = (
            f"Letter #{first.number}"
            if first is last
            else (f"Letters #{first.number}–#{last.number}")
        )
        story.append(CondPageBreak(HEADER_HEIGHT + 45 * mm))  # never a header alone
        story += pdf.heading(f"{numbers} ({span})", 1)
        story.append(matrix.build(group, record.signers))
        ctx.progress.report(start + len(group), total, "writing the matrices")
    return story


def index(ctx: ReportContext, record: Record) -> list[Flowable]:
    story = pdf.heading("Letters")
    names = {s.id: s.name for s in record.signers.values()}
    widths = [40.0, 70.0, 0.0, 58.0, 110.0]
    widths[2] = ctx.width - sum(widths)
    rows = []
    for column in record.letters:
        leads = [names[p] for p, lead in column.signers.items() if lead]
        rows.append(
            [
                f"#{column.number}",
                column.date,
                column.title,
                f"{len(column.signers):,}",
                "; ".join(sorted(leads)) or "—",
            ]
        )
    story += plain_table(
        ["#", "Date", "Title", "Signatures", "Lead signatory"], rows, widths, right=(3,)
    )
    return story


# --------------------------------------------------------------------------- the report


def describe(ctx: ReportContext) -> Cover:
    lines = [range_text(ctx) + ".", "Who signed which letters, for thanking and targeting."]
    if ctx.options.organization:
        lines.append(f"Prepared by {ctx.options.organization}.")
    return Cover("Signatory record", "Legislators and the letters they signed", tuple(lines))


def story(ctx: ReportContext) -> list[Flowable]:
    record = load(ctx)
    story = summary(ctx, record)
    story += ranking(ctx, record)
    story += matrices(ctx, record)
    story += index(ctx, record)
    return story


__all__ = ["describe", "story"]
