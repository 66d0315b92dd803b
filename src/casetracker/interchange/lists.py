"""A whole list (every page, with its filters and order) as a CSV or XLSX file."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from casetracker.audit import record_action
from casetracker.interchange.tabular import write_table
from casetracker.services.listing import MAX_PAGE

#: column headings where the column name alone reads badly
COLUMN_LABELS = {
    "id": "ID",
    "display_name": "Name",
    "captured_on": "Detained since",
    "sent_on": "Sent",
    "received_on": "Received",
    "submitted_on": "Submitted",
    "follow_up_due": "Follow-up due",
    "open_asks": "Open asks",
    "response_type": "Type",
    "birth_date": "Born",
    "updated_at": "Last changed",
}


def column_label(name: str, labels: Mapping[str, str] | None = None) -> str:
    """``Detained since`` for ``captured_on``; else ``Facility`` for ``facility``."""
    if labels and name in labels:
        return labels[name]
    return COLUMN_LABELS.get(name) or name.replace("_", " ").capitalize()


def list_rows(
    services: Any,
    kind: str,
    *,
    filters: Mapping[str, Any] | None = None,
    text: str | None = None,
    sort: str | None = None,
    descending: bool = False,
) -> tuple[tuple[str, ...], Iterator[list[Any]]]:
    """The list's column names and every one of its rows, read a page at a time.

    The first page is read at once, so a bad filter or sort fails here rather
    than halfway through a file.
    """
    listing = services.listing

    def page(after: str | None) -> Any:
        return listing.page(
            kind,
            filters=filters,
            text=text,
            sort=sort,
            descending=descending,
            limit=MAX_PAGE,
            after=after,
        )

    first = page(None)
    columns = first.columns

    def rows() -> Iterator[list[Any]]:
        current = first
        while True:
            for row in current.rows:
                yield [row[c] for c in columns]
            if current.next_cursor is None:
                return
            current = page(current.next_cursor)

    return columns, rows()


def export_list(
    services: Any,
    kind: str,
    path: Path | str,
    format: str = "csv",
    *,
    filters: Mapping[str, Any] | None = None,
    text: str | None = None,
    sort: str | None = None,
    descending: bool = False,
    labels: Mapping[str, str] | None = None,
) -> int:
    """Write every row of a filtered list to ``path`` as CSV or XLSX (atomically);
    returns the number of rows. The export is noted in the history."""
    columns, rows = list_rows(
        services, kind, filters=filters, text=text, sort=sort, descending=descending
    )
    headers = [column_label(c, labels) for c in columns]
    count = write_table(rows, headers, path, format)
    _record(services, kind, Path(path), format, count, filters, text)
    return count


def _record(
    services: Any,
    kind: str,
    path: Path,
    format: str,
    count: int,
    filters: Mapping[str, Any] | None,
    text: str | None,
) -> None:
    record_action(
        services.db,
        "export",
        entity=kind,
        summary=f"exported {count} {kind} to {path.name} ({format.upper()})",
        details={
            "path": str(path),
            "format": format,
            "rows": count,
            "filters": ", ".join(f"{k}={v}" for k, v in (filters or {}).items()),
            "search": text or "",
        },
    )


__all__ = ["COLUMN_LABELS", "column_label", "export_list", "list_rows"]
