"""A record's history, field by field, and putting values back (revert).

Reverts go through the same validation as an edit and are themselves recorded
(action ``revert``), so nothing is ever lost from the history by undoing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import LargeBinary, Table, exists, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casetracker.audit import cascade as cascading
from casetracker.audit.recorder import label_of, labelled
from casetracker.audit.values import encode
from casetracker.db.base import Base, Record
from casetracker.db.engine import Database
from casetracker.errors import ConflictError, NotFoundError, ValidationError
from casetracker.models import AuditEntry
from casetracker.services.base import RecordService, _ChildService, as_uuid, integrity_message
from casetracker.services.fields import FieldValueError, coerce_value

#: the kinds the CLI and the GUI use, and the tables they name
KIND_TABLES = {
    "person": "people",
    "people": "people",
    "organization": "organizations",
    "organizations": "organizations",
    "position": "positions",
    "detention": "detentions",
    "detainee": "detentions",
    "detainees": "detentions",
    "letter": "letters",
    "letters": "letters",
    "sanction": "sanction_requests",
    "sanctions": "sanction_requests",
    "response": "responses",
    "responses": "responses",
    "event": "events",
    "source": "sources",
    "attachment": "attachments",
}
RECORD_UPDATES = ("update", "revert")


def entity_of(kind: str) -> str:
    """The table a kind (``letter``) or table name (``letters``) stands for."""
    name = KIND_TABLES.get(kind, kind)
    if name not in Base.metadata.tables or name in cascading.UNAUDITED:
        known = ", ".join(sorted({k for k in KIND_TABLES if not k.endswith("s")}))
        raise ValidationError.single("kind", f"{kind!r} is not a kind of record; use {known}")
    return name


def model_of(entity: str) -> type[Record] | None:
    """The model of a record table (None for a link table)."""
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if getattr(cls, "__tablename__", None) == entity and issubclass(cls, Record):
            return cls
    return None


def service_of(db: Database, entity: str) -> RecordService[Any]:
    """The service that edits records of ``entity`` (its validation and rules)."""
    from casetracker.services.detentions import DetentionsService
    from casetracker.services.events import AttachmentsService, EventsService, SourcesService
    from casetracker.services.letters import LettersService
    from casetracker.services.organizations import OrganizationsService, PositionsService
    from casetracker.services.people import PeopleService
    from casetracker.services.responses import ResponsesService
    from casetracker.services.sanctions import SanctionsService

    services: tuple[type[RecordService[Any]], ...] = (
        PeopleService,
        OrganizationsService,
        PositionsService,
        DetentionsService,
        LettersService,
        SanctionsService,
        ResponsesService,
        EventsService,
        SourcesService,
        AttachmentsService,
    )
    for service in services:
        if service.model.__tablename__ == entity:
            return service(db)
    model = model_of(entity)
    if model is None:
        raise ValidationError.single("kind", f"{entity} rows are links, not records")
    return _ChildService(db, model)


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry: its old and new value as the history keeps them."""

    field: str
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryItem:
    """One entry of the history, for display."""

    seq: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    record_id: uuid.UUID | None
    summary: str | None
    changes: list[FieldChange] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    purged: bool = False


@dataclass(frozen=True)
class RevertResult:
    """What a revert did: the record, the fields put back, what it could not do."""

    entity: str
    record_id: uuid.UUID
    fields: list[str]
    restored: int = 0
    not_restored: list[str] = field(default_factory=list)
    undeleted: bool = False


def field_label(name: str) -> str:
    return name.removesuffix("_id").replace("_", " ")


def item_of(entry: Any) -> HistoryItem:
    """An entry as shown: updates field by field (old, new), snapshots as values."""
    purged = entry.changes is None and entry.salt is None and entry.summary is None
    changes: list[FieldChange] = []
    details: dict[str, Any] = {}
    data = json.loads(entry.changes) if entry.changes else None
    if isinstance(data, dict):
        if entry.action in RECORD_UPDATES and all(
            isinstance(v, list) and len(v) == 2 for v in data.values()
        ):
            changes = [FieldChange(k, field_label(k), v[0], v[1]) for k, v in data.items()]
        elif entry.action in ("create", "import", "link"):
            changes = [FieldChange(k, field_label(k), None, v) for k, v in data.items()]
        elif entry.action in ("delete", "unlink"):
            changes = [FieldChange(k, field_label(k), v, None) for k, v in data.items()]
        else:
            details = data
    return HistoryItem(
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.entity,
        entry.record_id,
        entry.summary,
        changes,
        details,
        purged,
    )


def _parts_tables(entity: str) -> set[str]:
    """Tables holding parts of an ``entity`` record (deleted with it) or links."""
    return {r.table.name for r in cascading.references().get(entity, ()) if r.ondelete == "CASCADE"}


class HistoryService:
    """Read a record's history; revert a field or a whole record."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ----------------------------------------------------------------- reading
    def entry(self, seq: int) -> HistoryItem:
        with self.db.reading() as session:
            return item_of(self._entry(session, seq))

    def _entry(self, session: Session, seq: int) -> AuditEntry:
        found = session.get(AuditEntry, int(seq))
        if found is None:
            raise NotFoundError(f"no history entry {seq}")
        return found

    def log(
        self, *, record_id: object = None, limit: int = 50, before: int | None = None
    ) -> list[HistoryItem]:
        """The newest entries (about ``record_id`` only, when given), newest first."""
        query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(max(1, int(limit)))
        if record_id not in (None, ""):
            query = query.where(AuditEntry.record_id == as_uuid(record_id))
        if before is not None:
            query = query.where(AuditEntry.seq < before)
        with self.db.reading() as session:
            return [item_of(e) for e in session.scalars(query)]

    def for_record(
        self, entity_or_kind: str, record_id: object, include_parts: bool = True
    ) -> list[HistoryItem]:
        """The record's entries and (``include_parts``) those of its parts and
        links: newest first."""
        entity = entity_of(entity_or_kind)
        rid = as_uuid(record_id)
        with self.db.reading() as session:
            wanted = [AuditEntry.record_id == rid]
            if include_parts:
                parts = self._part_ids(session, entity, rid)
                if parts:
                    wanted.append(AuditEntry.record_id.in_(sorted(parts)))
                wanted.append(AuditEntry.changes.like(f"%{rid}%"))
            entries = session.scalars(
                select(AuditEntry).where(or_(*wanted)).order_by(AuditEntry.seq.desc())
            ).all()
        items = [item_of(e) for e in entries]
        if include_parts:
            items = [i for i in items if self._belongs(i, entity, rid)]
        return items

    def _part_ids(self, session: Session, entity: str, rid: uuid.UUID) -> set[uuid.UUID]:
        """Ids of the parts of a record: rows pointing at it now, and rows whose
        history says they did (deleted parts)."""
        parts: set[uuid.UUID] = set()
        for ref in cascading.references().get(entity, ()):
            if ref.ondelete != "CASCADE" or cascading.is_link_table(ref.table):
                continue
            parts.update(
                session.scalars(select(ref.table.c.id).where(ref.table.c[ref.column] == rid))
            )
        # a link entry's record is the linked record, not a part: leave links out
        tables = {
            name
            for name in _parts_tables(entity)
            if not cascading.is_link_table(Base.metadata.tables[name])
        }
        for part_id in session.scalars(
            select(AuditEntry.record_id).where(
                AuditEntry.changes.like(f"%{rid}%"), AuditEntry.entity.in_(sorted(tables))
            )
        ):
            if part_id is not None:
                parts.add(part_id)
        return parts

    @staticmethod
    def _belongs(item: HistoryItem, entity: str, rid: uuid.UUID) -> bool:
        """Entries found by a mention of the id that are the record's, a part's or
        a link's (not another record that merely points at it)."""
        if item.record_id == rid or item.entity in _parts_tables(entity):
            return True
        table = Base.metadata.tables.get(item.entity)
        return table is not None and cascading.is_link_table(table)

    # ----------------------------------------------------------------- reverting
    def revert_field(
        self,
        seq: int,
        field_name: str,
        *,
        expected_version: int | None = None,
        force: bool = False,
    ) -> RevertResult:
        """Put ``field_name`` back to the value it had before entry ``seq``.

        Refused when the field was changed again since (unless ``force``), when
        the record is gone, or when the value no longer passes validation.
        """
        with self.db.transaction() as session:
            entry = self._entry(session, seq)
            if entry.changes is None:
                raise ValidationError.single("seq", f"entry {seq}'s content was purged")
            changes = json.loads(entry.changes)
            if entry.action not in RECORD_UPDATES or field_name not in changes:
                raise ValidationError.single(
                    "field", f"entry {seq} did not change {field_name!r} of a record"
                )
            old, new = changes[field_name]
            service = service_of(self.db, entry.entity)
            label = label_of(entry.entity)
            record = session.get(service.model, entry.record_id)
            if record is None:
                raise NotFoundError(
                    f"the {label} of entry {seq} was deleted; bring it back with "
                    f"`casetracker revert` to an entry before its deletion"
                )
            current = encode(getattr(record, self._key(service.model, field_name)))
            if current != new and not force:
                raise ConflictError(
                    f"the {label}'s {field_label(field_name)} was changed again after entry "
                    f"{seq} (it is now {_show(current)}); revert the later change first"
                )
            with labelled(session, "revert", f"revert of #{seq} {field_name}"):
                self._apply(session, service, record, {field_name: old}, expected_version)
        return RevertResult(entry.entity, record.id, [field_name])

    def revert_record(
        self,
        entity_or_kind: str,
        record_id: object,
        to_seq: int,
        *,
        expected_version: int | None = None,
    ) -> RevertResult:
        """Put every field of the record back as it was just after entry ``to_seq``.

        A record deleted since is recreated with its id from its last snapshot
        (undelete), with the parts deleted with it (not attached files: their
        content is not kept in the history).
        """
        entity = entity_of(entity_or_kind)
        rid = as_uuid(record_id)
        with self.db.transaction() as session:
            entries = session.scalars(
                select(AuditEntry)
                .where(AuditEntry.record_id == rid, AuditEntry.entity == entity)
                .order_by(AuditEntry.seq)
            ).all()
            if not any(e.seq <= to_seq for e in entries):
                raise ValidationError.single(
                    "to", f"the {label_of(entity)} has no history at or before entry {to_seq}"
                )
            later = [e for e in entries if e.seq > to_seq]
            if any(e.changes is None for e in later):
                raise ValidationError.single("to", "part of that history was purged")
            state, complete = self._state_after(entity, later, to_seq)
            deletions = [e for e in later if e.action == "delete"]
            service = service_of(self.db, entity)
            settable = set(service.columns())
            with labelled(session, "revert", f"revert to #{to_seq}"):
                record = session.get(service.model, rid)
                if record is None:
                    if not deletions:
                        raise NotFoundError(f"no {label_of(entity)} with id {rid}")
                    return self._undelete(session, deletions[-1], state)
                if complete:  # deleted and brought back since: every field as it was
                    state = {k: state.get(k) for k in settable}
                values = {k: v for k, v in state.items() if k in settable}
                current = {k: encode(getattr(record, self._key(service.model, k))) for k in values}
                values = {k: v for k, v in values.items() if current[k] != v}
                if values:
                    self._apply(session, service, record, values, expected_version)
        skipped = sorted(k for k in set(state) - settable if state[k] is not None or not complete)
        return RevertResult(entity, rid, sorted(values), not_restored=skipped)

    @staticmethod
    def _state_after(
        entity: str, later: Sequence[AuditEntry], to_seq: int
    ) -> tuple[dict[str, Any], bool]:
        """The fields as they were just after ``to_seq``, read back from the later
        entries: each field's value before its first later change. ``complete``
        when a later deletion's snapshot gave every field (empty ones left out)."""
        state: dict[str, Any] = {}
        for entry in later:
            data = json.loads(entry.changes or "null")
            if entry.action in RECORD_UPDATES:
                for name, (old, _new) in data.items():
                    state.setdefault(name, old)
            elif entry.action == "delete":
                for name, value in data.items():
                    state.setdefault(name, value)
                return state, True
            elif entry.action in ("create", "import"):
                raise ValidationError.single(
                    "to", f"the {label_of(entity)} did not exist yet after entry {to_seq}"
                )
        return state, False

    # ----------------------------------------------------------------- helpers
    @staticmethod
    def _key(model: type[Record], column: str) -> str:
        return model.__mapper__.get_property_by_column(model.__table__.c[column]).key

    def _apply(
        self,
        session: Session,
        service: RecordService[Any],
        record: Any,
        values: dict[str, Any],
        expected_version: int | None,
    ) -> None:
        """Set JSON values through the service's validation and rules."""
        if expected_version is not None and record.version != expected_version:
            raise ConflictError(
                f"this {service.label} was changed elsewhere (version {record.version}, "
                f"you saw version {expected_version}); reload it before reverting"
            )
        columns = service.columns()
        for name in values:
            column = columns.get(name)
            if column is None:
                raise ValidationError.single(
                    name, "is not set directly (it follows other records); it cannot be reverted"
                )
            if isinstance(column.type, LargeBinary):
                raise ValidationError.single(name, "a file's content is not kept in the history")
        clean = service.validate(session, values, creating=False)  # JSON forms are valid input
        for name, value in clean.items():
            setattr(record, self._key(service.model, name), value)
        service.check(session, record)
        service.before_update(session, record, clean)
        service._flush(session)

    def _undelete(
        self, session: Session, deletion: AuditEntry, state: dict[str, Any]
    ) -> RevertResult:
        """Recreate a deleted record (and the parts deleted with it) from the history."""
        assert deletion.record_id is not None and deletion.changes is not None
        rid = deletion.record_id
        snapshot = {k: v for k, v in state.items() if v is not None}
        self._recreate(session, deletion.entity, rid, snapshot)
        restored, not_restored = 0, []
        for part in self._deleted_with(session, deletion):
            part_data = json.loads(part.changes) if part.changes else None
            table = Base.metadata.tables[part.entity]
            if part_data is None:
                not_restored.append(f"a {label_of(part.entity)} (purged)")
            elif cascading.is_link_table(table):
                if self._relink(session, table, part_data):
                    restored += 1
                else:
                    not_restored.append(f"a link to a {label_of(part.entity)} (gone)")
            elif "content" in table.c:
                not_restored.append(f"attached file {part_data.get('original_name', '')!r}")
            else:
                try:
                    with session.begin_nested():
                        assert part.record_id is not None
                        self._recreate(session, part.entity, part.record_id, part_data)
                    restored += 1
                except ValidationError:
                    not_restored.append(f"a {label_of(part.entity)}")
        return RevertResult(
            deletion.entity, rid, sorted(snapshot), restored, not_restored, undeleted=True
        )

    def _deleted_with(self, session: Session, deletion: AuditEntry) -> list[AuditEntry]:
        """Entries of rows deleted in the same commit as ``deletion`` that belong
        to it (their history mentions it or one of its parts), parents first."""
        same = session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.at == deletion.at,
                AuditEntry.actor == deletion.actor,
                AuditEntry.action.in_(("delete", "unlink")),
                AuditEntry.seq != deletion.seq,
            )
            .order_by(AuditEntry.seq)
        ).all()
        ids = {str(deletion.record_id)}
        found: list[AuditEntry] = []
        grew = True
        while grew:
            grew = False
            for entry in same:
                if entry in found or not entry.changes:
                    continue
                if any(i in entry.changes for i in ids):
                    found.append(entry)
                    if entry.record_id is not None and entry.action == "delete":
                        ids.add(str(entry.record_id))
                    grew = True
        return sorted(found, key=lambda e: (e.action == "unlink", e.seq))

    def _recreate(
        self, session: Session, entity: str, rid: uuid.UUID, data: dict[str, Any]
    ) -> None:
        model = model_of(entity)
        assert model is not None
        table = model.__table__
        assert isinstance(table, Table)
        columns = {c.name: c for c in table.columns if c.name in data}
        values: dict[str, Any] = {}
        for name, column in columns.items():
            if isinstance(column.type, LargeBinary):
                raise ValidationError.single(name, "a file's content is not kept in the history")
            try:
                values[self._key(model, name)] = coerce_value(column, data[name])
            except FieldValueError as exc:
                raise ValidationError.single(name, str(exc), label_of(entity)) from exc
        for name, column in columns.items():
            value = values[self._key(model, name)]
            for fk in column.foreign_keys:
                if (
                    value is not None
                    and not session.execute(select(exists().where(fk.column == value))).scalar()
                ):
                    raise ValidationError.single(
                        name, f"the {label_of(fk.column.table.name)} it refers to is gone"
                    )
        session.add(model(id=rid, **values))
        try:
            session.flush()
        except IntegrityError as exc:
            raise ValidationError.single(
                "record", integrity_message(exc), label_of(entity)
            ) from exc

    @staticmethod
    def _relink(session: Session, table: Table, data: dict[str, Any]) -> bool:
        from casetracker.services.base import link

        try:
            with session.begin_nested():
                link(session, table, **data)
        except ValidationError:
            return False
        return True


def _show(value: Any) -> str:
    if value is None:
        return "empty"
    return repr(value) if isinstance(value, str) else str(value)
