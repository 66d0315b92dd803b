"""Export every record and link to a deterministic JSON document."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from casetracker import __version__
from casetracker.audit import record_action
from casetracker.db.engine import Database
from casetracker.errors import CaseTrackerError
from casetracker.interchange.codec import FORMAT_NAME, FORMAT_VERSION, tables, to_json
from casetracker.progress import NO_PROGRESS, Progress


def export_document(db: Database, progress: Progress = NO_PROGRESS) -> dict[str, Any]:
    """The whole database as an interchange document (rows sorted by key)."""
    from casetracker.db.schema import head_revision

    collections: dict[str, list[dict[str, Any]]] = {}
    all_tables = tables()
    with db.engine.connect() as conn:
        for number, table in enumerate(all_tables):
            progress.report(number, len(all_tables), table.name)
            order = [c for c in table.primary_key.columns]
            rows = conn.execute(select(table).order_by(*order)).all()
            columns = list(table.columns)
            collections[table.name] = [
                {c.name: to_json(c, row._mapping[c]) for c in columns} for row in rows
            ]
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema_revision": head_revision(),
        "generator": f"CaseTracker {__version__}",
        "collections": collections,
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write_export(db: Database, out: Path | str, progress: Progress = NO_PROGRESS) -> dict[str, int]:
    """Write the export atomically; returns the row count of each collection."""
    document = export_document(db, progress)
    text = dumps(document)
    if str(out) == "-":
        import sys

        sys.stdout.write(text)
    else:
        target = Path(out)
        if not target.parent.is_dir():
            raise CaseTrackerError(f"folder {target.parent} does not exist")
        fd, tmp = tempfile.mkstemp(prefix=".export-", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    counts = {name: len(rows) for name, rows in document["collections"].items()}
    where = "standard output" if str(out) == "-" else str(out)
    summary = f"export of {sum(counts.values())} records to {where}"
    record_action(db, "export", summary=summary, details={"path": where, "counts": counts})
    return counts
