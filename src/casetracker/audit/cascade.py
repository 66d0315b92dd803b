"""What the database deletes or clears by itself when a record is deleted.

``ON DELETE CASCADE`` and ``SET NULL`` happen inside the database, unseen by
the ORM. :func:`cascade` finds those rows beforehand (recursively), so that the
history can record them and a purge can reach every part of a record.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Table, select

from casetracker.db.base import Base

#: tables that are not records of their own history
UNAUDITED = frozenset({"search_documents", "audit_log"})
CHUNK = 500


@dataclass(frozen=True)
class Reference:
    """A column of ``table`` pointing at another table's ``id``."""

    table: Table
    column: str
    ondelete: str


@dataclass
class CascadeRows:
    """Rows the database will delete (table -> rows) or clear (table, column, rows)."""

    deleted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    cleared: list[tuple[str, str, list[dict[str, Any]]]] = field(default_factory=list)

    def ids(self) -> set[uuid.UUID]:
        """Ids of every record deleted."""
        return {row["id"] for rows in self.deleted.values() for row in rows if "id" in row}


@cache
def references() -> dict[str, tuple[Reference, ...]]:
    """Table name -> the columns elsewhere that point at it, with their ON DELETE."""
    import casetracker.models  # noqa: F401  (registers every table)

    found: dict[str, list[Reference]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name in UNAUDITED:
            continue
        for column in table.columns:
            for fk in column.foreign_keys:
                ondelete = (fk.ondelete or "").upper()
                if ondelete in ("CASCADE", "SET NULL"):
                    found.setdefault(fk.column.table.name, []).append(
                        Reference(table, column.name, ondelete)
                    )
    return {name: tuple(refs) for name, refs in found.items()}


def is_link_table(table: Table) -> bool:
    """A plain many-to-many table: no id of its own."""
    return "id" not in table.c


def cascade(
    connection: Any,
    table_name: str,
    ids: Iterable[uuid.UUID],
    *,
    seen: set[tuple[str, Any]] | None = None,
) -> CascadeRows:
    """Every row that deleting ``ids`` from ``table_name`` deletes or clears in turn.

    ``seen`` (table, key) pairs are skipped and grown: callers walking several
    times in one transaction record each row once.
    """
    seen = set() if seen is None else seen
    found = CascadeRows()
    todo = [(table_name, list(ids))]
    while todo:
        name, parents = todo.pop()
        if not parents:
            continue
        for ref in references().get(name, ()):
            rows = _select(connection, ref, parents)
            if ref.ondelete == "SET NULL":
                keys = [("set-null", ref.table.name, ref.column, r["id"]) for r in rows]
                rows = [r for r, k in zip(rows, keys, strict=True) if k not in seen]
                seen.update(keys)
                if rows:
                    found.cleared.append((ref.table.name, ref.column, rows))
                continue
            fresh = []
            for row in rows:
                key = (ref.table.name, _key(ref.table, row))
                if key not in seen:
                    seen.add(key)
                    fresh.append(row)
            if fresh:
                found.deleted.setdefault(ref.table.name, []).extend(fresh)
                if not is_link_table(ref.table):
                    todo.append((ref.table.name, [r["id"] for r in fresh]))
    return found


def _key(table: Table, row: dict[str, Any]) -> Any:
    if is_link_table(table):
        return tuple(row[c.name] for c in table.primary_key.columns)
    return row["id"]


def _select(connection: Any, ref: Reference, parents: list[Any]) -> list[dict[str, Any]]:
    column = ref.table.c[ref.column]
    rows: list[dict[str, Any]] = []
    for start in range(0, len(parents), CHUNK):
        chunk = parents[start : start + CHUNK]
        query = select(ref.table).where(column.in_(chunk))
        rows.extend(dict(r._mapping) for r in connection.execute(query))
    return rows


def row_key(table: Table, row: dict[str, Any]) -> tuple[str, Any]:
    """How :func:`cascade` marks a row as seen."""
    return (table.name, _key(table, row))
