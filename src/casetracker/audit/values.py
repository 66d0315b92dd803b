"""Values as the history keeps them: JSON, canonical, never a file's content.

uuid -> text, datetime/date -> ISO 8601, PartialDate -> its text form
(``2024-09~``), enum -> its value, Decimal -> text, bytes -> ``{"sha256", "size"}``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Any

from casetracker.partialdate import PartialDate

#: columns never recorded as changes (they change with every write)
UNRECORDED = frozenset({"updated_at", "version"})
#: columns left out of a record's snapshot (the entry carries the id; times are its own)
NOT_IN_SNAPSHOT = frozenset({"id", "created_at", "updated_at", "version"})
#: columns that name a record in its summary, best first
TITLE_COLUMNS = (
    "title",
    "display_name",
    "name",
    "original_name",
    "text",
    "description",
    "program_key",
    "value",
    "kind",
)
SUMMARY_TEXT = 80


def encode(value: Any) -> Any:
    """A column value as JSON (see the module's docstring)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return encode(value.value)
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if isinstance(value, decimal.Decimal):
        return str(value)
    return str(value)


def plain(value: Any) -> Any:
    """``encode`` through dicts, lists and tuples (details of an action)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return encode(value)


def canonical(value: Any) -> str:
    """The one JSON text of ``value`` that every hash is computed over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def snapshot(values: Mapping[str, Any]) -> dict[str, Any]:
    """A row's values worth keeping (no id, no timestamps, no empty values)."""
    return {
        name: encode(value)
        for name, value in values.items()
        if name not in NOT_IN_SNAPSHOT and value is not None
    }


def short(text: str, limit: int = SUMMARY_TEXT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def title_of(values: Mapping[str, Any]) -> str | None:
    return next(
        (values[c] for c in TITLE_COLUMNS if isinstance(values.get(c), str) and values[c]), None
    )


def describe_row(label: str, values: Mapping[str, Any], person: str | None = None) -> str:
    """``letter 'Release the detainees' (2025-04-11)``: what an entry is about
    (``detention of 'Vagif Khachatryan' (2023-09)`` for a record without a title
    of its own, given the name of its ``person``)."""
    title = title_of(values)
    date = next((v for v in values.values() if isinstance(v, PartialDate)), None)
    text = label
    if title is not None:
        text += f" '{short(title)}'"
    elif person:
        text += f" of '{short(person)}'"
    if date is not None:
        text += f" ({date})"
    return text


def short_id(value: object) -> str:
    return str(value)[:8] + "…" if value is not None else "?"
