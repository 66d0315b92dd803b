"""Lists as CSV and XLSX: every row, every script, no formula injection, no half files."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casetracker.cli.main import main
from casetracker.errors import CaseTrackerError, ValidationError
from casetracker.interchange.lists import export_list
from casetracker.interchange.tabular import (
    DANGEROUS_START,
    XLSX_MAX_CELL_CHARS,
    column_letters,
    write_table,
)

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
ESCAPE = re.compile(r"_x([0-9A-F]{4})_")

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40
) | st.sampled_from(
    [
        '=HYPERLINK("http://evil","x")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "=",
        "'=already quoted",
        "_x0041_ literal",
        "a\r\nb\rc\nd",
        "Վարդանյան",
        "Варданян",
        "Əliyev",
        " leading and trailing ",
        "",
    ]
)
numbers = st.integers(-(10**12), 10**12) | st.floats(
    allow_nan=False, allow_infinity=False, width=64
)


def expected_text(text: str) -> str:
    return "'" + text if text.startswith(DANGEROUS_START) else text


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with io.StringIO(raw.decode("utf-8-sig"), newline="") as handle:
        return list(csv.reader(handle))


def read_xlsx(path: Path) -> tuple[list[list[object]], str]:
    """Cells by row (text, or float for numbers) and the sheet's XML."""
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"} <= names
        for name in names:  # every part is well-formed XML
            ElementTree.fromstring(archive.read(name))
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    root = ElementTree.fromstring(sheet_xml)
    rows: list[list[object]] = []
    for number, row in enumerate(root.iter(f"{{{NS['m']}}}row"), start=1):
        assert row.get("r") == str(number)
        cells: list[object] = []
        for cell in row.findall("m:c", NS):
            column = re.fullmatch(r"([A-Z]+)(\d+)", cell.get("r") or "")
            assert column and column.group(2) == str(number)
            while column_letters(len(cells)) != column.group(1):
                cells.append("")  # empty cells are left out
            if cell.get("t") == "inlineStr":
                raw = "".join(t.text or "" for t in cell.iter(f"{{{NS['m']}}}t"))
                cells.append(ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw))
            else:
                assert cell.get("t") is None
                cells.append(float(cell.find("m:v", NS).text))
        rows.append(cells)
    return rows, sheet_xml


def test_column_letters():
    assert [column_letters(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(texts | numbers, min_size=3, max_size=3), max_size=8))
def test_any_cells_round_trip_through_csv_and_xlsx_inert(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("table")
    headers = ["name", "=cmd|' /C calc'!A0", "n"]
    write_table(rows, headers, folder / "t.csv", "csv")
    write_table(rows, headers, folder / "t.xlsx", "xlsx")

    back = read_csv(folder / "t.csv")
    assert back[0] == [headers[0], "'" + headers[1], headers[2]]
    assert len(back) == len(rows) + 1
    for row, got in zip(rows, back[1:], strict=True):
        for value, cell in zip(row, got, strict=True):
            if isinstance(value, str):
                assert cell == expected_text(value)
            else:  # numbers stay numbers: no quote, even when negative
                assert float(cell) == value

    cells, sheet_xml = read_xlsx(folder / "t.xlsx")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # never a formula
    assert cells[0] == [headers[0], "'" + headers[1], headers[2]]
    assert len(cells) == len(rows) + 1
    for row, got in zip(rows, cells[1:], strict=True):
        got = got + [""] * (len(row) - len(got))
        for value, cell in zip(row, got, strict=True):
            if isinstance(value, str):
                assert cell == expected_text(value)
            else:
                assert cell == pytest.approx(value, rel=1e-15)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left


def test_scripts_and_values_of_every_kind(tmp_path):
    import datetime as dt
    import uuid

    from casetracker.models.enums import DetentionStatus
    from casetracker.partialdate import PartialDate

    record = uuid.uuid4()
    row = [
        "Վարդանյան Ռուբեն",
        "Варданян Рубен",
        PartialDate.coerce("2023-09~"),
        dt.date(2025, 4, 11),
        DetentionStatus.ON_TRIAL,
        record,
        None,
        True,
        -5,
        2.5,
    ]
    write_table([row], [f"c{i}" for i in range(len(row))], tmp_path / "a.csv")
    write_table([row], [f"c{i}" for i in range(len(row))], tmp_path / "a.xlsx", "xlsx")
    expected = [
        "Վարդանյան Ռուբեն",
        "Варданян Рубен",
        PartialDate.coerce("2023-09~").isoformat(),
        "2025-04-11",
        "on_trial",
        str(record),
        "",
        "yes",
    ]
    assert read_csv(tmp_path / "a.csv")[1] == [*expected, "-5", "2.5"]
    assert read_xlsx(tmp_path / "a.xlsx")[0][1] == [*expected, -5.0, 2.5]
    header_style = re.search(r'<c r="A1" s="1"', read_xlsx(tmp_path / "a.xlsx")[1])
    assert header_style  # the heading row is bold


def test_overlong_xlsx_cell_is_cut_to_excels_limit(tmp_path):
    write_table([["x" * 40_000]], ["long"], tmp_path / "l.xlsx", "xlsx")
    cell = read_xlsx(tmp_path / "l.xlsx")[0][1][0]
    assert len(cell) == XLSX_MAX_CELL_CHARS and cell.endswith("\N{HORIZONTAL ELLIPSIS}")


def test_missing_folder_is_refused_and_nothing_written(tmp_path):
    with pytest.raises(CaseTrackerError, match="does not exist"):
        write_table([["a"]], ["h"], tmp_path / "absent" / "x.csv")
    assert not (tmp_path / "absent").exists()
    with pytest.raises(ValidationError, match="csv, xlsx"):
        write_table([["a"]], ["h"], tmp_path / "x.ods", "ods")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_failure_while_writing_leaves_the_old_file_and_no_part(tmp_path, fmt):
    target = tmp_path / f"list.{fmt}"
    target.write_bytes(b"previous export")

    def rows():
        yield ["first"]
        yield ["second"]
        raise ValidationError.single("kind", "the database went away")

    with pytest.raises(ValidationError, match="went away"):
        write_table(rows(), ["h"], target, fmt)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"list.{fmt}"]


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """A folder nobody may write into: a read-only mount for root (who ignores
    permissions), else a folder without write permission."""
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a read-only folder: {mounted.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "locked"
    with read_only_folder(folder):
        with pytest.raises(CaseTrackerError, match="cannot write"):
            write_table([["a"]], ["h"], folder / "x.csv")
        assert list(folder.iterdir()) == []


def test_target_that_is_a_folder_is_refused(tmp_path):
    (tmp_path / "x.csv").mkdir()
    with pytest.raises(CaseTrackerError, match="is a folder"):
        write_table([["a"]], ["h"], tmp_path / "x.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


# ------------------------------------------------------------------ whole lists
PEOPLE = 1_105  # more than one page (1,000 rows)


@pytest.fixture
def many_people(services):
    names = ['=HYPERLINK("http://x")', "Վարդանյան Ռուբեն", "-Минус", "+plus", "@at"]
    rows = [{"display_name": f"Person {i:05d}"} for i in range(PEOPLE - len(names))]
    services.people.create_many([*rows, *({"display_name": n} for n in names)])
    return names


def test_export_list_writes_every_page(services, many_people, tmp_path):
    count = export_list(services, "people", tmp_path / "people.csv", "csv")
    assert count == PEOPLE
    rows = read_csv(tmp_path / "people.csv")
    assert rows[0][:2] == ["ID", "Name"]
    names = [r[1] for r in rows[1:]]
    assert len(names) == PEOPLE and len(set(r[0] for r in rows[1:])) == PEOPLE
    assert '\'=HYPERLINK("http://x")' in names and "Վարդանյան Ռուբեն" in names
    assert "'-Минус" in names and "'+plus" in names and "'@at" in names

    filtered = export_list(services, "people", tmp_path / "some.xlsx", "xlsx", text="Person 0001")
    cells, sheet = read_xlsx(tmp_path / "some.xlsx")
    assert filtered == 10 and len(cells) == 11 and "<f>" not in sheet


def test_export_is_noted_in_the_history(services, db, tmp_path):
    from sqlalchemy import select

    from casetracker.models import AuditEntry

    services.people.create(display_name="Ruben Vardanyan")
    export_list(services, "people", tmp_path / "p.csv", "csv", filters={"citizenship": "AM"})
    with db.reading() as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.summary).where(
                AuditEntry.action == "export"
            )
        ).all()
    assert [(e.action, e.entity) for e in entries] == [("export", "people")]
    assert "p.csv" in entries[0].summary


def test_cli_list_writes_csv_and_xlsx(db_url, services, many_people, tmp_path, capsys):
    out = tmp_path / "people.csv"
    assert main(["--db", db_url, "list", "people", "--format", "csv", "--out", str(out)]) == 0
    assert f"exported {PEOPLE} people to {out}" in capsys.readouterr().out
    assert len(read_csv(out)) == PEOPLE + 1

    out = tmp_path / "people.xlsx"  # the format follows the file's suffix
    assert main(["--db", db_url, "list", "people", "--search", "Վարդանյան", "--out", str(out)]) == 0
    cells, _ = read_xlsx(out)
    assert [row[1] for row in cells] == ["Name", "Վարդանյան Ռուբեն"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "csv"], "give the file"),
        (["--out", "x.txt"], "name a .csv or .xlsx file"),
        (["--format", "json", "--out", "x.csv"], "only csv and xlsx"),
        (["--format", "csv", "--out", "/no/such/folder/x.csv"], "does not exist"),
        (["--format", "csv", "--out", "x.csv", "--sort", "nope"], "sort"),
    ],
)
def test_cli_list_export_errors_are_one_line(
    tmp_path, sqlite_template, args, message, capsys, monkeypatch
):
    import shutil

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "case.db"
    shutil.copyfile(sqlite_template, path)
    assert main(["--db", str(path), "list", "people", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()


def test_csv_quotes_every_text_so_a_semicolon_locale_cannot_split_a_cell(tmp_path):
    target = tmp_path / "list.csv"
    write_table([["x;=HYPERLINK(\"http://evil\")", 42, -3.5]], ["name", "n", "m"], target, "csv")
    line = target.read_text(encoding="utf-8-sig").splitlines()[1]
    assert line == '"x;=HYPERLINK(""http://evil"")",42,-3.5'
