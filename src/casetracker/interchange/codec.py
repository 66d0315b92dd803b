"""How column values are written to and read from interchange JSON."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import Column, LargeBinary, Table

from casetracker.db.base import Base
from casetracker.partialdate import PartialDate

FORMAT_NAME = "casetracker-interchange"
FORMAT_VERSION = 1


def tables() -> list[Table]:
    """Every exchanged table, parents before children (not the search index:
    it is derived from the others and rebuilt on import; not the history: each
    database keeps its own, and an import is recorded there)."""
    from casetracker.models import AuditEntry, SearchEntry

    skipped = (SearchEntry.__table__, AuditEntry.__table__)
    return [t for t in Base.metadata.sorted_tables if t not in skipped]


def to_json(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(column.type, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    return value


def binary_from_json(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ValueError("expected base64 text")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("is not valid base64") from exc
