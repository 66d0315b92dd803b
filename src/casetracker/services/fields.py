"""Turn loosely typed input (CLI arguments, JSON, form fields) into column values.

Every problem is reported against the field that caused it; nothing reaches
the database unless every field of the record is valid.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import Boolean, Column, Date, Integer, LargeBinary, String, Text, Uuid
from sqlalchemy import Enum as SAEnum

from casetracker.db.types import PartialDateType, UTCDateTime
from casetracker.errors import FieldProblem
from casetracker.partialdate import PartialDate, PartialDateError

SYSTEM_FIELDS = frozenset({"id", "created_at", "updated_at", "version"})
INT_RANGE = (-(2**31), 2**31 - 1)


class FieldValueError(ValueError):
    """A single value does not fit its column."""


def _check_text(value: object, length: int | None) -> str:
    if not isinstance(value, str):
        raise FieldValueError(f"expected text, got {_type_name(value)}")
    if "\x00" in value:
        raise FieldValueError("contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FieldValueError("is not valid Unicode text") from exc
    if length is not None and len(value) > length:
        raise FieldValueError(f"is {len(value)} characters long; at most {length} allowed")
    return value


def _type_name(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def _coerce_enum(value: object, enum_cls: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, enum_cls):
        return value
    if isinstance(value, str):
        try:
            return enum_cls(value)
        except ValueError:
            pass
    allowed = ", ".join(str(m.value) for m in enum_cls)
    raise FieldValueError(f"{value!r} is not one of: {allowed}")


def coerce_value(column: Column[Any], value: object) -> object:
    """Convert ``value`` to what ``column`` stores; raise FieldValueError if it cannot."""
    if value is None:
        return None
    col_type = column.type
    if isinstance(col_type, PartialDateType):
        try:
            return PartialDate.coerce(value)
        except PartialDateError as exc:
            raise FieldValueError(str(exc)) from exc
    if isinstance(col_type, UTCDateTime):
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value)
            except ValueError as exc:
                raise FieldValueError(f"{value!r} is not an ISO 8601 timestamp") from exc
        if not isinstance(value, dt.datetime):
            raise FieldValueError(f"expected a timestamp, got {_type_name(value)}")
        if value.tzinfo is None:
            raise FieldValueError("timestamp needs a time zone (e.g. +00:00)")
        return value.astimezone(dt.UTC)
    if isinstance(col_type, SAEnum) and col_type.enum_class is not None:
        return _coerce_enum(value, col_type.enum_class)
    if isinstance(col_type, Uuid):
        if isinstance(value, uuid.UUID):
            return value
        if isinstance(value, str):
            try:
                return uuid.UUID(value)
            except ValueError as exc:
                raise FieldValueError(f"{value!r} is not a valid id") from exc
        raise FieldValueError(f"expected an id, got {_type_name(value)}")
    if isinstance(col_type, Boolean):
        if isinstance(value, bool):
            return value
        raise FieldValueError(f"expected true or false, got {_type_name(value)}")
    if isinstance(col_type, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldValueError(f"expected a whole number, got {_type_name(value)}")
        if not INT_RANGE[0] <= value <= INT_RANGE[1]:
            raise FieldValueError(f"{value} is out of range")
        return value
    if isinstance(col_type, Date):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError as exc:
                raise FieldValueError(f"{value!r} is not a date (YYYY-MM-DD)") from exc
        raise FieldValueError(f"expected a date, got {_type_name(value)}")
    if isinstance(col_type, LargeBinary):
        if isinstance(value, bytes):
            return value
        raise FieldValueError(f"expected bytes, got {_type_name(value)}")
    if isinstance(col_type, String | Text):
        text = _check_text(value, getattr(col_type, "length", None))
        if not text.strip():
            return None  # blank text is no value: NULL, or "is required"
        return text
    raise FieldValueError(f"unsupported column type {col_type!r}")  # pragma: no cover


def is_required(column: Column[Any]) -> bool:
    """A column the caller must fill: NOT NULL with no default."""
    return (
        not column.nullable
        and not column.primary_key
        and column.default is None
        and column.server_default is None
    )


def coerce_fields(
    columns: dict[str, Column[Any]],
    data: dict[str, object],
    *,
    creating: bool,
    allow_system: bool = False,
) -> tuple[dict[str, object], list[FieldProblem]]:
    """Validate ``data`` against ``columns``: return clean values and the problems found."""
    clean: dict[str, object] = {}
    problems: list[FieldProblem] = []
    for name, value in data.items():
        column = columns.get(name)
        if column is None or (name in SYSTEM_FIELDS and not allow_system):
            problems.append(FieldProblem(str(name), "is not a field of this record"))
            continue
        try:
            coerced = coerce_value(column, value)
        except FieldValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
            continue
        if (
            coerced is None
            and not column.nullable
            and not (column.default is not None and value is None and creating)
        ):
            problems.append(FieldProblem(name, "is required"))
            continue
        if coerced is None and column.default is not None and creating:
            continue  # let the default apply
        clean[name] = coerced
    if creating:
        for name, column in columns.items():
            if (
                is_required(column)
                and name not in clean
                and name not in SYSTEM_FIELDS
                and not any(p.field == name for p in problems)
            ):
                problems.append(FieldProblem(name, "is required"))
    return clean, problems
