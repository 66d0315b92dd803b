"""Printing rows and records for people (aligned columns) and scripts (JSON lines)."""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from collections.abc import Sequence
from typing import Any

from casetracker.partialdate import PartialDate

MAX_CELL = 60


def to_plain(value: Any) -> Any:
    """A JSON-friendly form of a column value."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _cell(value: Any) -> str:
    text = "" if value is None else str(to_plain(value))
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def print_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, as_json: bool) -> None:
    if as_json:
        for row in rows:
            print(json.dumps({k: to_plain(row[k]) for k in columns}, ensure_ascii=False))
        return
    table = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in table)]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for r in table:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())


def print_hits(results: Any, *, as_json: bool) -> None:
    """Search hits: JSON lines (type, id, title, date, score, snippet…) or a list
    with the matched words in [brackets]."""
    if as_json:
        for hit in results.hits:
            print(
                json.dumps(
                    {
                        "type": hit.type,
                        "id": str(hit.record_id),
                        "title": hit.title,
                        "date": hit.date.isoformat() if hit.date else None,
                        "score": hit.score,
                        "snippet": hit.snippet.plain(),
                        "highlights": hit.snippet.highlighted,
                        "opens": hit.opens,
                        "opens_id": str(hit.opens_id),
                    },
                    ensure_ascii=False,
                )
            )
        return
    for hit in results.hits:
        date = hit.date.isoformat() if hit.date else ""
        print(f"{hit.type:<10} {date:<10}  {_cell(hit.title)}  [{hit.record_id}]")
        snippet = " ".join(hit.snippet.marked().split())
        if snippet:
            print(f"{'':<22} {snippet}")
    count = len(results.hits)
    print(f"{count} result{'s' if count != 1 else ''} ({results.milliseconds:.0f} ms)")
