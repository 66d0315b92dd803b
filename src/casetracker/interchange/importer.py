"""Import an interchange document: everything is checked, then written in one
transaction. Any problem leaves the database exactly as it was."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import Column, LargeBinary, Table, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from casetracker.audit import record_rows
from casetracker.db.engine import Database
from casetracker.errors import ImportFormatError
from casetracker.filenames import MAX_ATTACHMENT_BYTES, safe_filename, size_problem, size_text
from casetracker.interchange.codec import FORMAT_NAME, FORMAT_VERSION, binary_from_json, tables
from casetracker.interchange.messages import one_line, shown
from casetracker.models import SANCTION_PROGRAMS
from casetracker.progress import NO_PROGRESS, Progress
from casetracker.search import sync as search_sync
from casetracker.services.base import integrity_message
from casetracker.services.fields import FieldValueError, coerce_value

MAX_REPORTED = 10
MAX_PROBLEM_CHARS = 160  # each problem in the message; the whole stays one short line
MAX_FILE_BYTES = 2 * 1024**3


def read_document(path: Path | str) -> Any:
    """Read and parse a JSON file, with a clear message for every failure."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFormatError(f"{path} is larger than 2 GB")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFormatError(f"no file at {path}") from None
    except IsADirectoryError:
        raise ImportFormatError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise ImportFormatError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{path} is not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise ImportFormatError(f"{path} is nested too deeply") from None
    except ValueError as exc:  # e.g. a number of more than 4,300 digits
        raise ImportFormatError(f"{path} is not valid JSON: {one_line(str(exc), 120)}") from None


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []
        self.total = 0

    def add(self, text: str) -> None:
        self.total += 1
        if len(self.items) < MAX_REPORTED:
            self.items.append(one_line(text, MAX_PROBLEM_CHARS))

    def raise_if_any(self) -> None:
        if self.total:
            more = (
                f" (and {self.total - len(self.items)} more)" if self.total > MAX_REPORTED else ""
            )
            raise ImportFormatError("nothing was imported: " + "; ".join(self.items) + more)


def _convert(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, LargeBinary):
        decoded = len(value) // 4 * 3 if isinstance(value, str) else 0
        if decoded > MAX_ATTACHMENT_BYTES + 3:  # refused before decoding it
            limit = size_text(MAX_ATTACHMENT_BYTES)
            raise FieldValueError(f"is {size_text(decoded)}; the limit is {limit}")
        try:
            return binary_from_json(value)
        except ValueError as exc:
            raise FieldValueError(str(exc)) from exc
    return coerce_value(column, value)


def _default_value(column: Column[Any]) -> Any:
    default = column.default
    arg = getattr(default, "arg", None)
    return arg(None) if callable(arg) else arg


def _check_header(document: Any) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise ImportFormatError("not a CaseTracker interchange document (expected a JSON object)")
    if document.get("format") != FORMAT_NAME:
        raise ImportFormatError(
            f'not a CaseTracker interchange document ("format" must be "{FORMAT_NAME}")'
        )
    version = document.get("format_version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise ImportFormatError(
            f"format version {shown(version)} is not supported; this CaseTracker reads "
            f"version {FORMAT_VERSION}"
        )
    collections = document.get("collections")
    if not isinstance(collections, dict):
        raise ImportFormatError('"collections" must be an object of record lists')
    known = {t.name for t in tables()}
    unknown = sorted(one_line(str(k), 60) for k in collections if k not in known)
    if unknown:
        more = f" (and {len(unknown) - MAX_REPORTED} more)" if len(unknown) > MAX_REPORTED else ""
        raise ImportFormatError(f"unknown collections: {', '.join(unknown[:MAX_REPORTED])}{more}")
    return collections


def _parse_rows(table: Table, raw_rows: Any, problems: _Problems) -> list[dict[str, Any]]:
    if not isinstance(raw_rows, list):
        problems.add(f"{table.name}: expected a list of records")
        return []
    columns = {c.name: c for c in table.columns}
    parsed = []
    for index, raw in enumerate(raw_rows):
        where = f"{table.name}[{index}]"
        if not isinstance(raw, dict):
            problems.add(f"{where}: expected an object")
            continue
        row: dict[str, Any] = {}
        for name, value in raw.items():
            column = columns.get(name)
            if column is None:
                problems.add(f"{where}: unknown field {shown(name)}")
                continue
            try:
                row[name] = _convert(column, value)
            except FieldValueError as exc:
                problems.add(f"{where}.{name}: {exc}")
            except OverflowError:  # a date or time past year 1 or 9999 once in UTC
                problems.add(f"{where}.{name}: {shown(value)} is out of range")
            except RecursionError:  # a value nested thousands deep
                problems.add(f"{where}.{name}: is nested too deeply")
        for name, column in columns.items():
            if row.get(name) is not None or column.nullable:
                continue
            if column.default is not None:
                row[name] = _default_value(column)  # id, timestamps, version, sensitivity…
            else:
                problems.add(f"{where}.{name}: is required")
        if table.name == "sanction_request_programs":
            key = row.get("program_key")
            if key is not None and key not in SANCTION_PROGRAMS:
                problems.add(f"{where}.program_key: {shown(key)} is not a known program")
        if table.name == "attachments":
            _check_attachment(where, row, problems)
        parsed.append(row)
    return parsed


def _check_attachment(where: str, row: dict[str, Any], problems: _Problems) -> None:
    """A safe file name, content within the size limit, and size and checksum
    that match the content (a damaged or edited file is refused)."""
    if isinstance(row.get("original_name"), str):
        row["original_name"] = safe_filename(row["original_name"])
    content = row.get("content")
    if not isinstance(content, bytes):
        return
    name = row.get("original_name") or "the attachment"
    if too_big := size_problem(name, len(content)):
        problems.add(f"{where}.content: {too_big}")
        return
    if row.get("size") is not None and row["size"] != len(content):
        problems.add(f"{where}.size: is {row['size']} but the content has {len(content)} bytes")
    digest = hashlib.sha256(content).hexdigest()
    if row.get("sha256") is not None and str(row["sha256"]).lower() != digest:
        problems.add(f"{where}.sha256: does not match the content (damaged file?)")


def _key(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row.get(c.name) for c in table.primary_key.columns)


def import_document(
    db: Database, document: Any, progress: Progress = NO_PROGRESS
) -> dict[str, int]:
    """Validate ``document`` completely, then insert it in one transaction.

    ``progress`` hears of each block of rows; cancelling there rolls it all back.
    """
    collections = _check_header(document)
    problems = _Problems()
    ordered = [t for t in tables() if t.name in collections]
    parsed: dict[str, list[dict[str, Any]]] = {}
    for table in ordered:
        parsed[table.name] = _parse_rows(table, collections[table.name], problems)
    problems.raise_if_any()

    doc_ids: dict[str, set[Any]] = defaultdict(set)
    for table in ordered:
        seen: set[tuple[Any, ...]] = set()
        for index, row in enumerate(parsed[table.name]):
            key = _key(table, row)
            if key in seen:
                problems.add(f"{table.name}[{index}]: duplicate key {_show(key)}")
            seen.add(key)
            if "id" in table.c:
                doc_ids[table.name].add(row["id"])
    problems.raise_if_any()

    with db.engine.connect() as conn:
        try:
            with conn.begin():
                _check_existing(conn, ordered, parsed, problems)
                _check_references(conn, ordered, parsed, doc_ids, problems)
                problems.raise_if_any()
                total = sum(len(rows) for rows in parsed.values())
                done = 0
                for table in ordered:
                    rows = parsed[table.name]
                    if not rows:
                        continue
                    deferred = _self_references(table)
                    values = [
                        {
                            c.name: None if c.name in deferred else row.get(c.name)
                            for c in table.columns
                        }
                        for row in rows
                    ]
                    for start in range(0, len(values), 1000):
                        progress.report(done + start, total, table.name)
                        conn.execute(insert(table), values[start : start + 1000])
                    done += len(values)
                    for name in deferred:
                        for row in rows:
                            if row.get(name) is not None:
                                keep = (
                                    {"updated_at": row["updated_at"]} if "updated_at" in row else {}
                                )
                                conn.execute(
                                    update(table)
                                    .where(table.c.id == row["id"])
                                    .values({name: row[name], **keep})
                                )
                progress.report(total, total, "search index")
                _index(conn, parsed)
                for name, rows in parsed.items():  # every record imported, in the history
                    record_rows(conn, "import", name, rows, actor=db.actor)
        except IntegrityError as exc:
            raise ImportFormatError(f"nothing was imported: {integrity_message(exc)}") from exc
        except DBAPIError as exc:
            reason = str(getattr(exc, "orig", exc)).strip().split("\n")[0]
            reason = one_line(reason or "the database refused the data", MAX_PROBLEM_CHARS)
            raise ImportFormatError(f"nothing was imported: {reason}") from exc
    if sum(len(rows) for rows in parsed.values()) >= 1000:
        db.refresh_statistics()
    return {name: len(rows) for name, rows in parsed.items()}


def _index(conn: Any, parsed: dict[str, list[dict[str, Any]]]) -> None:
    """Index the imported records in the import's own transaction."""
    with Session(bind=conn) as session:
        pending = search_sync.Pending()
        for table, rows in parsed.items():
            for row in rows:
                pending.add_row(table, row)
        search_sync.apply(session, pending)


def _show(key: tuple[Any, ...]) -> str:
    return ", ".join(str(k) for k in key)


def _self_references(table: Table) -> list[str]:
    return [c.name for c in table.columns if any(fk.column.table is table for fk in c.foreign_keys)]


def _check_existing(
    conn: Any, ordered: list[Table], parsed: dict[str, list[dict[str, Any]]], problems: _Problems
) -> None:
    for table in ordered:
        if "id" not in table.c:
            continue
        ids = [row["id"] for row in parsed[table.name]]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for found in conn.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars():
                problems.add(f"{table.name}: a record with id {found} already exists")


def _check_references(
    conn: Any,
    ordered: list[Table],
    parsed: dict[str, list[dict[str, Any]]],
    doc_ids: dict[str, set[Any]],
    problems: _Problems,
) -> None:
    wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
    uses: list[tuple[str, str, str, Any]] = []
    for table in ordered:
        for column in table.columns:
            for fk in column.foreign_keys:
                target = fk.column.table.name
                for index, row in enumerate(parsed[table.name]):
                    value = row.get(column.name)
                    if value is None or value in doc_ids.get(target, ()):
                        continue
                    wanted[target].add(value)
                    uses.append(
                        (f"{table.name}[{index}].{column.name}", target, column.name, value)
                    )
    present: dict[str, set[Any]] = defaultdict(set)
    all_tables = {t.name: t for t in tables()}
    for target, ids in wanted.items():
        table = all_tables[target]
        id_list = list(ids)
        for start in range(0, len(id_list), 500):
            chunk = id_list[start : start + 500]
            present[target].update(
                conn.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars()
            )
    for where, target, _column, value in uses:
        if value not in present[target]:
            problems.add(
                f"{where}: refers to {target} {value}, which is not in the file or database"
            )
