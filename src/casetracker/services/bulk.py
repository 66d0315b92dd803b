"""Set one field on many records at once: one transaction, every row recorded."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from casetracker.audit.recorder import label_of, labelled
from casetracker.db.engine import Database
from casetracker.errors import NotFoundError
from casetracker.services.base import require_ids
from casetracker.services.history import entity_of, service_of

CHUNK = 500


class BulkService:
    """Bulk edits, validated exactly like an edit of each record."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def set_field(self, kind: str, ids: Sequence[object], field: str, value: object) -> int:
        """Set ``field`` to ``value`` on every record in ``ids``; all or nothing.

        The value is checked once (type, references), then each record's own
        rules run (``check``, derived fields) and every row is recorded in the
        history. Returns the number of records whose value changed.
        """
        entity = entity_of(kind)
        service = service_of(self.db, entity)
        wanted = list(dict.fromkeys(require_ids(list(ids), "ids")))
        label = label_of(entity)
        with self.db.transaction() as session:
            # checked even when no record matched: a wrong field is said, not ignored
            clean = service.validate(session, {field: value}, creating=False)
            if not wanted:
                return 0
            model = service.model
            records = {}
            for start in range(0, len(wanted), CHUNK):
                chunk = wanted[start : start + CHUNK]
                for record in session.scalars(select(model).where(model.id.in_(chunk))):
                    records[record.id] = record
            missing = [i for i in wanted if i not in records]
            if missing:
                more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
                raise NotFoundError(f"no {label} with id {missing[0]}{more}; nothing was changed")
            changed = 0
            with labelled(session, "update", f"bulk edit of {len(wanted)} {label}s"):
                for record_id in wanted:
                    record = records[record_id]
                    if all(getattr(record, k) == v for k, v in clean.items()):
                        continue
                    for name, clean_value in clean.items():
                        setattr(record, name, clean_value)
                    service.check(session, record)
                    service.before_update(session, record, clean)
                    changed += 1
                service._flush(session)
        return changed
