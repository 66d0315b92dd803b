"""Create, read, update and delete for one record type, with validation.

Each public method is one transaction. Subclasses add the operations of their
aggregate (asks of a letter, status history of a detention…) and cross-field
rules in :meth:`RecordService.check`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from sqlalchemy import Column, Table, delete, exists, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from casetracker.audit.recorder import record_rows
from casetracker.db.base import Record
from casetracker.db.engine import Database
from casetracker.errors import (
    ConflictError,
    FieldProblem,
    NotFoundError,
    ValidationError,
)
from casetracker.services.fields import SYSTEM_FIELDS, FieldValueError, coerce_fields, coerce_value


def as_uuid(value: object, field: str = "id") -> uuid.UUID:
    """Parse an id given as text or UUID, or raise a ValidationError naming ``field``."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise ValidationError.single(field, f"{value!r} is not a valid id") from exc


#: bulk inserts at least this large refresh the query planner's statistics
ANALYZE_AFTER_ROWS = 1000


def status_change_order(change: Any) -> tuple[str, str]:
    """Order of a dated status change: by date (undated first), then entry time."""
    return (change.changed_on.sort_text() if change.changed_on else "", str(change.created_at))


def record_label(model: type[Record]) -> str:
    return getattr(model, "__label__", model.__tablename__.rstrip("s").replace("_", " "))


def integrity_message(exc: IntegrityError) -> str:
    """Say in plain words which rule the database refused."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "foreign key" in text:
        return "it refers to a record that does not exist, or other records still refer to it"
    if "unique" in text or "duplicate key" in text:
        return "a record with the same values already exists"
    if "not null" in text or "null value" in text:
        return "a required value is missing"
    if "check" in text:
        return "a rule of the record is broken (for example: who or what it is about)"
    return "the database refused the change"


class RecordService[T: Record]:
    """Generic CRUD over one model."""

    model: ClassVar[type[Record]]
    #: fields that may be set on create/update (default: every non-system column)
    editable: ClassVar[frozenset[str] | None] = None

    def __init__(self, db: Database) -> None:
        self.db = db

    # ----------------------------------------------------------------- helpers
    @property
    def label(self) -> str:
        return record_label(self.model)

    @classmethod
    def columns(cls) -> dict[str, Column[Any]]:
        table = cls.model.__table__
        assert isinstance(table, Table)
        names = cls.editable
        return {
            c.name: c
            for c in table.columns
            if (names is None and c.name not in SYSTEM_FIELDS) or (names and c.name in names)
        }

    def validate(
        self, session: Session, data: dict[str, object], *, creating: bool
    ) -> dict[str, object]:
        clean, problems = coerce_fields(self.columns(), data, creating=creating)
        problems.extend(self._check_references(session, clean))
        if problems:
            raise ValidationError(problems, self.label)
        return clean

    def _check_references(self, session: Session, clean: dict[str, object]) -> list[FieldProblem]:
        problems = []
        for name, value in clean.items():
            if value is None:
                continue
            column = self.columns()[name]
            for fk in column.foreign_keys:
                target = fk.column
                found = session.execute(select(exists().where(target == value))).scalar()
                if not found:
                    problems.append(
                        FieldProblem(name, f"no {target.table.name.rstrip('s')} with id {value}")
                    )
        return problems

    def check(self, session: Session, record: T) -> None:
        """Cross-field rules; raise ValidationError. Override in subclasses."""

    def _load(self, session: Session, record_id: object, model: type[Record] | None = None) -> Any:
        model = model or self.model
        rid = as_uuid(record_id)
        record = session.get(model, rid)
        if record is None:
            raise NotFoundError(f"no {record_label(model)} with id {rid}")
        return record

    def _flush(self, session: Session) -> None:
        try:
            session.flush()
        except IntegrityError as exc:
            raise ValidationError.single("record", integrity_message(exc), self.label) from exc
        except StaleDataError as exc:
            raise ConflictError(
                f"this {self.label} was changed elsewhere; reload it before saving"
            ) from exc

    # ----------------------------------------------------------------- CRUD
    def create(self, **fields: object) -> T:
        with self.db.transaction() as session:
            record = self.create_in(session, fields)
        return record

    def create_in(self, session: Session, fields: dict[str, object]) -> T:
        """Create within an open session (for services composing several steps)."""
        clean = self.validate(session, fields, creating=True)
        record = self.model(**clean)
        self.check(session, record)  # type: ignore[arg-type]
        session.add(record)
        self._flush(session)
        return record  # type: ignore[return-value]

    def create_many(self, rows: Iterable[dict[str, object]], *, batch_size: int = 5000) -> int:
        """Validate and insert many records in one transaction; all or nothing.

        References are checked once per batch (one ``IN`` query per referenced
        table), not once per row.
        """
        count = 0
        known: set[tuple[str, object]] = set()
        columns = self.columns()
        with self.db.transaction() as session:
            batch: list[tuple[int, dict[str, object]]] = []
            for index, fields in enumerate(rows):
                clean, problems = coerce_fields(columns, fields, creating=True)
                if problems:
                    raise ValidationError(problems, f"{self.label} #{index + 1}")
                batch.append((index, clean))
                if len(batch) >= batch_size:
                    count += self._insert_batch(session, batch, known)
                    batch.clear()
            count += self._insert_batch(session, batch, known)
        if count >= ANALYZE_AFTER_ROWS and not self.db.in_transaction:
            self.db.refresh_statistics()
        return count

    def _insert_batch(
        self,
        session: Session,
        batch: list[tuple[int, dict[str, object]]],
        known: set[tuple[str, object]],
    ) -> int:
        columns = self.columns()
        for name, column in columns.items():
            for fk in column.foreign_keys:
                target = fk.target_fullname
                wanted = list(
                    {c[name] for _, c in batch if c.get(name) is not None}
                    - {v for t, v in known if t == target}
                )
                for start in range(0, len(wanted), 500):
                    chunk = wanted[start : start + 500]
                    found = session.execute(select(fk.column).where(fk.column.in_(chunk)))
                    known.update((target, v) for v in found.scalars())
                for index, clean in batch:
                    value = clean.get(name)
                    if value is not None and (target, value) not in known:
                        raise ValidationError(
                            FieldProblem(name, f"no record with id {value}"),
                            f"{self.label} #{index + 1}",
                        )
        records = []
        for _, clean in batch:
            record = self.model(**clean)
            self.check(session, record)  # type: ignore[arg-type]
            records.append(record)
        session.add_all(records)
        self._flush(session)
        return len(records)

    def get(self, record_id: object) -> T:
        with self.db.reading() as session:
            return self._load(session, record_id)  # type: ignore[no-any-return]

    def update(
        self, record_id: object, expected_version: int | None = None, **changes: object
    ) -> T:
        """Change fields; ``expected_version`` guards against overwriting another edit."""
        with self.db.transaction() as session:
            record = self._load(session, record_id)
            if expected_version is not None and record.version != expected_version:
                raise ConflictError(
                    f"this {self.label} was changed elsewhere (version {record.version}, "
                    f"you edited version {expected_version}); reload it before saving"
                )
            clean = self.validate(session, changes, creating=False)
            for name, value in clean.items():
                setattr(record, name, value)
            self.check(session, record)
            self.before_update(session, record, clean)
            self._flush(session)
        return record  # type: ignore[no-any-return]

    def before_update(self, session: Session, record: T, changes: dict[str, object]) -> None:
        """Hook for derived fields."""

    def delete(self, record_id: object, expected_version: int | None = None) -> None:
        with self.db.transaction() as session:
            record = self._load(session, record_id)
            if expected_version is not None and record.version != expected_version:
                raise ConflictError(
                    f"this {self.label} was changed elsewhere; reload it before deleting"
                )
            session.delete(record)
            self._flush(session)

    def count(self) -> int:
        from sqlalchemy import func

        with self.db.reading() as session:
            return int(session.execute(select(func.count()).select_from(self.model)).scalar_one())

    # ----------------------------------------------------------------- children
    def _child(self, model: type[Record]) -> _ChildService:
        return _ChildService(self.db, model)

    def _add_child(
        self,
        session: Session,
        parent_id: object,
        child_model: type[Record],
        parent_field: str,
        fields: dict[str, object],
    ) -> Any:
        parent = self._load(session, parent_id)
        return self._child(child_model).create_in(session, {**fields, parent_field: parent.id})

    def _update_child(
        self,
        child_model: type[Record],
        child_id: object,
        expected_version: int | None,
        changes: dict[str, object],
    ) -> Any:
        service = _ChildService(self.db, child_model)
        return service.update(child_id, expected_version, **changes)

    def _delete_child(self, child_model: type[Record], child_id: object) -> None:
        _ChildService(self.db, child_model).delete(child_id)


class _ChildService(RecordService[Record]):
    """CRUD for a child row type, built on the fly."""

    def __init__(self, db: Database, model: type[Record]) -> None:
        super().__init__(db)
        self.model = model  # type: ignore[misc]

    def columns(self) -> dict[str, Column[Any]]:  # type: ignore[override]
        table = self.model.__table__
        assert isinstance(table, Table)
        return {c.name: c for c in table.columns if c.name not in SYSTEM_FIELDS}


def link(session: Session, table: Table, **ids: object) -> bool:
    """Insert a row into a link table unless present; True when a link was added."""
    values = {}
    for name, value in ids.items():
        values[name] = as_uuid(value, name)
        column = table.c[name]
        (fk,) = column.foreign_keys
        if not session.execute(select(exists().where(fk.column == values[name]))).scalar():
            raise ValidationError.single(
                name, f"no {fk.column.table.name.rstrip('s')} with id {value}"
            )
    condition = [table.c[k] == v for k, v in values.items()]
    if session.execute(select(exists().where(*condition))).scalar():
        return False
    session.execute(insert(table).values(**values))
    record_rows(session, "link", table.name, [values])
    return True


def unlink(session: Session, table: Table, **ids: object) -> bool:
    condition = [table.c[k] == as_uuid(v, k) for k, v in ids.items()]
    rows = [dict(r._mapping) for r in session.execute(select(table).where(*condition))]
    session.execute(delete(table).where(*condition))
    record_rows(session, "unlink", table.name, rows)
    return bool(rows)


def linked_ids(session: Session, table: Table, column: str, **where: object) -> list[uuid.UUID]:
    condition = [table.c[k] == as_uuid(v, k) for k, v in where.items()]
    return list(session.execute(select(table.c[column]).where(*condition)).scalars())


def check_value(column: Column[Any], value: object) -> object:
    """Coerce one value or raise a ValidationError naming the column."""
    try:
        return coerce_value(column, value)
    except FieldValueError as exc:
        raise ValidationError.single(column.name, str(exc)) from exc


def require_ids(values: Sequence[object], field: str) -> list[uuid.UUID]:
    return [as_uuid(v, field) for v in values]
