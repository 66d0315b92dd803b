"""The page furniture every report shares, on ReportLab: the bundled DejaVu fonts
(embedded; they cover Latin Extended, Cyrillic and Armenian), styles, a header
and footer on every page (title, marking, page X of Y, generation date), PDF
metadata, an outline, and tables that split across pages with their header.

Every text that comes from the database goes through :func:`esc`: ReportLab's
``Paragraph`` reads markup, and a name holding ``<img src=…>`` must print as
those characters, never as an image or a link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from casetracker import paths

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
PAGE = A4
MARGIN = 18 * mm
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
ACCENT = colors.HexColor("#1d4e89")
RULE = colors.HexColor("#c9d2dc")
SHADE = colors.HexColor("#eef2f6")
MARK = colors.HexColor("#a8071a")
#: rows per table piece: one huge table slows down as it grows; pieces of this
#: size keep the build linear (see PLATFORM-NOTES)
TABLE_CHUNK = 40

_registered = False
# page streams compressed without the ASCII85 layer: smaller files, ~1.6 s less
# per 700 pages
rl_config.useA85 = 0


def register_fonts() -> None:
    """Register the bundled DejaVu Sans (regular and bold) once."""
    global _registered
    if _registered:
        return
    fonts = paths.resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    _registered = True


def esc(value: object) -> str:
    """Untrusted text as Paragraph markup that prints it literally."""
    if value is None:
        return ""
    return escape(str(value)).replace("\n", "<br/>")


def _style(name: str, **options: Any) -> ParagraphStyle:
    base = {"fontName": FONT, "fontSize": 9.5, "leading": 12.5, "textColor": INK}
    return ParagraphStyle(name, **{**base, **options})


STYLES = {
    "cover_title": _style("cover_title", fontName=BOLD, fontSize=24, leading=30, spaceAfter=10),
    "cover_sub": _style("cover_sub", fontSize=13, leading=18, textColor=MUTED, spaceAfter=6),
    "h1": _style(
        "h1", fontName=BOLD, fontSize=15, leading=19, spaceBefore=8, spaceAfter=6, textColor=ACCENT
    ),
    "h2": _style("h2", fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4),
    "body": _style("body", spaceAfter=5),
    "small": _style("small", fontSize=8, leading=10, textColor=MUTED),
    "cell": _style("cell", fontSize=8, leading=10),
    "cell_bold": _style("cell_bold", fontName=BOLD, fontSize=8, leading=10),
    "head": _style("head", fontName=BOLD, fontSize=8, leading=10, textColor=colors.white),
    "figure": _style(
        "figure", fontName=BOLD, fontSize=20, leading=24, alignment=TA_CENTER, textColor=ACCENT
    ),
    "figure_label": _style(
        "figure_label", fontSize=8, leading=10, alignment=TA_CENTER, textColor=MUTED
    ),
    "right": _style("right", fontSize=8, leading=10, alignment=TA_RIGHT),
    "marking": _style("marking", fontName=BOLD, fontSize=11, textColor=MARK, spaceAfter=6),
}


def p(text: object, style: str = "body") -> Paragraph:
    """A paragraph of untrusted text."""
    return Paragraph(esc(text), STYLES[style])


def markup(safe_markup: str, style: str = "body") -> Paragraph:
    """A paragraph of markup written by the code (its values already escaped)."""
    return Paragraph(safe_markup, STYLES[style])


class Heading(Paragraph):
    """A heading that is also an outline entry (a bookmark in the PDF viewer)."""

    def __init__(self, text: str, level: int = 0) -> None:
        super().__init__(esc(text), STYLES["h1" if level == 0 else "h2"])
        self.outline_text = text
        self.outline_level = level


def heading(text: str, level: int = 0) -> list[Flowable]:
    """A heading kept with what follows it (never alone at a page's foot)."""
    return [CondPageBreak(40 * mm if level == 0 else 25 * mm), Heading(text, level)]


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[float],
    *,
    bold_first: bool = False,
) -> list[Flowable]:
    """Rows (untrusted text, or ready flowables) as tables of :data:`TABLE_CHUNK`
    rows, each repeating the header when it breaks across pages."""
    head = [Paragraph(esc(h), STYLES["head"]) for h in header]
    body: list[list[Any]] = []
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            if isinstance(value, Flowable):
                cells.append(value)
            else:
                style = "cell_bold" if bold_first and index == 0 else "cell"
                cells.append(Paragraph(esc(value), STYLES[style]))
        body.append(cells)
    if not body:
        return [p("None recorded.", "small")]
    pieces: list[Flowable] = []
    for start in range(0, len(body), TABLE_CHUNK):
        chunk = body[start : start + TABLE_CHUNK]
        # splitInRow: a row taller than a page (a long testimony) splits, never aborts the build
        piece = Table(
            [head, *chunk], colWidths=list(widths), repeatRows=1, splitInRow=1, hAlign="LEFT"
        )
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        commands += [("BACKGROUND", (0, r), (-1, r), SHADE) for r in range(2, len(chunk) + 1, 2)]
        piece.setStyle(TableStyle(commands))
        pieces.append(piece)
    return pieces


def figures(items: Sequence[tuple[str, object]], width: float) -> Flowable:
    """Key figures in boxes, four to a row."""
    per_row = 4
    cells = [
        [
            Paragraph(esc(f"{value:,}" if isinstance(value, int) else value), STYLES["figure"]),
            Paragraph(esc(label), STYLES["figure_label"]),
        ]
        for label, value in items
    ]
    rows = []
    for start in range(0, len(cells), per_row):
        row = cells[start : start + per_row]
        row += [Spacer(0, 0)] * (per_row - len(row))
        rows.append(row)
    grid = Table(rows, colWidths=[width / per_row] * per_row, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return KeepTogether([grid])


def labelled(pairs: Sequence[tuple[str, object]], width: float) -> Flowable:
    """A two-column table of label: value (values untrusted)."""
    rows = [
        [Paragraph(esc(label), STYLES["cell_bold"]), Paragraph(esc(value), STYLES["cell"])]
        for label, value in pairs
        if value not in (None, "")
    ]
    if not rows:
        return Spacer(0, 0)
    grid = Table(rows, colWidths=[width * 0.28, width * 0.72], splitInRow=1, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return grid


class _NumberedCanvas(pdfcanvas.Canvas):
    """Holds every page until the end, to print "page X of Y" on each."""

    def __init__(self, *args: Any, furniture: Callable[[Any, int, int], None], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._furniture = furniture
        self._marks: list[tuple[str, dict[str, Any]]] = []

    def bookmarkPage(self, key: str, **kwargs: Any) -> Any:
        # held with the page: a bookmark made now would point at the page the
        # document is writing, which is still the first one
        self._marks.append((key, kwargs))

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._marks = []
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            for key, kwargs in self._marks:
                super().bookmarkPage(key, **kwargs)
            self._furniture(self, number, total)
            super().showPage()
        super().save()


class ReportDocument(BaseDocTemplate):
    """A report: a cover page, then pages with header and footer."""

    def __init__(
        self,
        target: Any,
        *,
        title: str,
        subtitle: str,
        organization: str,
        marking: str | None,
        generated: dt.datetime,
        subject: str,
        progress: Any = None,
    ) -> None:
        register_fonts()
        super().__init__(
            target,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 6 * mm,
            bottomMargin=MARGIN + 4 * mm,
            title=title,
            author=organization or "CaseTracker",
            subject=subject,
            creator="CaseTracker",
            initialFontName=FONT,
            initialFontSize=9.5,
        )
        self.report_title = title
        self.report_subtitle = subtitle
        self.organization = organization
        self.marking = marking
        self.generated = generated
        self.pages = 0
        self.progress = progress
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates(
            [PageTemplate(id="cover", frames=[frame]), PageTemplate(id="page", frames=[frame])]
        )

    @property
    def text_width(self) -> float:
        return self.width

    def afterPage(self) -> None:
        """Tell the progress how far the layout is (and let Cancel stop it)."""
        if self.progress is not None:
            self.progress.report(self.page, 0, f"laying out page {self.page}")

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_text, key, flowable.outline_level)

    def _furniture(self, canvas: Any, number: int, total: int) -> None:
        self.pages = total
        canvas.saveState()
        width, height = PAGE
        top = height - MARGIN + 2 * mm
        if number > 1:
            canvas.setFont(FONT, 8)
            canvas.setFillColor(MUTED)
            canvas.drawString(MARGIN, top, _fit(canvas, self.report_title, width / 2))
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(MARGIN, top - 2 * mm, width - MARGIN, top - 2 * mm)
        if self.marking:
            canvas.setFont(BOLD, 9)
            canvas.setFillColor(MARK)
            canvas.drawRightString(width - MARGIN, top, self.marking)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        bottom = MARGIN - 2 * mm
        generated = self.generated.strftime("%d %b %Y %H:%M")
        left = f"Generated {generated} by CaseTracker"
        if self.organization:
            left += f" for {self.organization}"
        canvas.drawString(MARGIN, bottom, _fit(canvas, left, width * 0.6))
        canvas.drawRightString(width - MARGIN, bottom, f"Page {number} of {total}")
        canvas.restoreState()

    def build_story(self, story: list[Flowable]) -> None:
        self.build(
            story, canvasmaker=lambda *a, **k: _NumberedCanvas(*a, furniture=self._furniture, **k)
        )


def _fit(canvas: Any, text: str, width: float) -> str:
    """The text cut with an ellipsis to fit ``width`` in the current font."""
    if canvas.stringWidth(text) <= width:
        return text
    while text and canvas.stringWidth(text + "…") > width:
        text = text[:-1]
    return text + "…"


def cover(doc: ReportDocument, lines: Sequence[str], note: str) -> list[Flowable]:
    """The cover page: title, subtitle, organization, date, audience, then the body pages."""
    story: list[Flowable] = [Spacer(0, 50 * mm)]
    if doc.marking:
        story.append(p(doc.marking, "marking"))
    story.append(p(doc.report_title, "cover_title"))
    if doc.report_subtitle:
        story.append(p(doc.report_subtitle, "cover_sub"))
    story.append(HRFlowable(width="35%", thickness=2.5, color=ACCENT, hAlign="LEFT"))
    story.append(Spacer(0, 6 * mm))
    for line in lines:
        story.append(p(line, "body"))
    story.append(Spacer(0, 6 * mm))
    story.append(p(note, "small"))
    story += [NextPageTemplate("page"), PageBreak()]
    return story


__all__ = [
    "BOLD",
    "FONT",
    "STYLES",
    "Heading",
    "ReportDocument",
    "cover",
    "esc",
    "figures",
    "heading",
    "labelled",
    "markup",
    "p",
    "register_fonts",
    "table",
]
