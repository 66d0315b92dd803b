"""Rows to a spreadsheet: CSV (UTF-8 with BOM, RFC 4180) or XLSX, written atomically.

Text that a spreadsheet would run as a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a leading ``'``, as OWASP
recommends against CSV injection. XLSX cells are inline strings, never formulas,
and carry the same prefix, so the text stays inert if the sheet is saved as CSV.
Numbers stay numbers: ``-5`` is a number, not text. The XLSX is written with
:mod:`zipfile` and a minimal SpreadsheetML, with no extra dependency.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import math
import numbers
import os
import re
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from casetracker.errors import CaseTrackerError, ValidationError
from casetracker.partialdate import PartialDate

FORMATS = ("csv", "xlsx")
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limits: longer text is cut (with an ellipsis), more rows are refused
XLSX_MAX_CELL_CHARS = 32_767
XLSX_MAX_ROWS = 1_048_576

# characters XML 1.0 cannot hold, CR (a parser would turn it into LF), and the "_"
# of a literal "_xHHHH_" (which Excel would read as an escape)
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\r\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_SURROGATES = re.compile("[\ud800-\udfff]")


def neutralise(text: str) -> str:
    """``'=SUM(A1)`` for ``=SUM(A1)``: text a spreadsheet would run as a formula, made inert."""
    return "'" + text if text.startswith(DANGEROUS_START) else text


def cell_value(value: Any) -> str | int | float:
    """What a cell holds: a number for numbers, else text (neutralised; ``""`` for None)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and math.isfinite(float(value)):
        return float(value)
    if isinstance(value, enum.Enum):
        value = value.value
    elif isinstance(value, PartialDate | dt.date | dt.datetime):
        value = value.isoformat()
    elif isinstance(value, uuid.UUID):
        value = str(value)
    text = _SURROGATES.sub("\ufffd", str(value))  # lone surrogates cannot be written as UTF-8
    return neutralise(text)


def write_table(
    rows: Iterable[Sequence[object]],
    headers: Sequence[str],
    path: Path | str,
    format: str = "csv",
) -> int:
    """Write ``headers`` then ``rows`` as ``format`` ("csv" or "xlsx"); returns the
    number of rows written. The file appears complete or not at all: a failure
    (even one raised while ``rows`` is being read) leaves nothing behind."""
    if format not in FORMATS:
        raise ValidationError.single("format", f"use one of: {', '.join(FORMATS)}")
    target = Path(path)
    if not target.parent.is_dir():
        raise CaseTrackerError(f"cannot write {target}: folder {target.parent} does not exist")
    if target.is_dir():
        raise CaseTrackerError(f"cannot write {target}: it is a folder")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{format}-", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise CaseTrackerError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            writer = _write_csv if format == "csv" else _write_xlsx
            count = writer(handle, headers, rows)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        raise CaseTrackerError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        Path(temporary).unlink(missing_ok=True)
    return count


# ------------------------------------------------------------------ CSV
def _write_csv(handle: IO[bytes], headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    import io

    # Excel reads UTF-8 only with a BOM; RFC 4180 wants CRLF and doubled quotes.
    # Every text is quoted: a spreadsheet whose list separator is ";" would
    # otherwise split "x;=HYPERLINK(…)" and run its second half as a formula.
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="", write_through=False)
    writer = csv.writer(text, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([cell_value(h) for h in headers])
    count = 0
    for row in rows:
        writer.writerow([cell_value(v) for v in row])
        count += 1
    text.flush()
    text.detach()  # leave the file to the caller
    return count


# ------------------------------------------------------------------ XLSX
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""  # noqa: E501
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""  # noqa: E501
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""  # noqa: E501
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""  # noqa: E501
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"


def column_letters(index: int) -> str:
    """``A`` for 0, ``Z`` for 25, ``AA`` for 26."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def xml_text(text: str) -> str:
    """Text as SpreadsheetML stores it: XML-escaped, and characters XML 1.0 cannot
    hold (and a literal ``_xHHHH_``) written as ``_xHHHH_`` escapes (ECMA-376 ST_Xstring)."""
    text = _XML_UNSAFE.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)
    return escape(text)


def _cell(reference: str, value: str | int | float, style: str = "") -> str:
    if isinstance(value, int | float):
        return f'<c r="{reference}"{style}><v>{value!r}</v></c>'
    if len(value) > XLSX_MAX_CELL_CHARS:
        value = value[: XLSX_MAX_CELL_CHARS - 1] + "\N{HORIZONTAL ELLIPSIS}"
    space = ' xml:space="preserve"' if value != value.strip() or "\n" in value else ""
    return f'<c r="{reference}"{style} t="inlineStr"><is><t{space}>{xml_text(value)}</t></is></c>'


def _row(number: int, values: Sequence[str | int | float], style: str = "") -> str:
    cells = "".join(
        _cell(f"{column_letters(i)}{number}", v, style) for i, v in enumerate(values) if v != ""
    )
    return f'<row r="{number}">{cells}</row>'


def _write_xlsx(handle: IO[bytes], headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("xl/workbook.xml", _WORKBOOK),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/styles.xml", _STYLES),
        ):
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            buffer = [_SHEET_START, _row(1, [cell_value(h) for h in headers], ' s="1"')]
            for row in rows:
                count += 1
                if count + 1 > XLSX_MAX_ROWS:
                    raise ValidationError.single(
                        "rows",
                        f"a spreadsheet holds at most {XLSX_MAX_ROWS - 1:,} rows; "
                        "export as CSV or narrow the list",
                    )
                buffer.append(_row(count + 1, [cell_value(v) for v in row]))
                if len(buffer) >= 500:
                    sheet.write("".join(buffer).encode("utf-8"))
                    buffer.clear()
            buffer.append(_SHEET_END)
            sheet.write("".join(buffer).encode("utf-8"))
    return count


__all__ = ["FORMATS", "cell_value", "column_letters", "neutralise", "write_table"]
