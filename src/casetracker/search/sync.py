"""Keep the search index in step with every change, in the same transaction.

Session events note which records a flush touched (an ask touches its letter's
document, a person's name every document that shows it…); just before the
transaction commits, those documents are rebuilt from the database. A failed or
rolled-back transaction leaves the index as it was, with the records.

Work that writes rows without the ORM (the importer, ``link``/``unlink`` helpers
on association tables) calls :func:`note_rows` / :func:`note` itself.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from casetracker.search.expand import names_changed
from casetracker.search.index import (
    SearchIndex,
    organizations_related,
    people_related,
    tags_related,
)

log = logging.getLogger(__name__)
_PENDING = "search_pending"
_SNAPSHOTS = "search_pending_snapshots"

#: tables whose rows are a document: table -> document type
DOCUMENT_TABLES = {
    "letters": "letter",
    "responses": "response",
    "detentions": "detainee",
    "sanction_requests": "sanction",
    "people": "person",
    "attachments": "attachment",
}
#: tables whose rows belong to a document: table -> ((type, column of its id), ...)
PART_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "asks": (("letter", "letter_id"),),
    "letter_signatories": (("letter", "letter_id"),),
    "letter_recipients": (("letter", "letter_id"),),
    "letter_tags": (("letter", "letter_id"),),
    "response_commitments": (("response", "response_id"),),
    "charges": (("detainee", "detention_id"),),
    "treatment_reports": (("detainee", "detention_id"),),
    "hearings": (("detainee", "detention_id"),),
    "positions": (("person", "person_id"),),
    "events": (
        ("person", "person_id"),
        ("detainee", "detention_id"),
        ("letter", "letter_id"),
        ("sanction", "sanction_request_id"),
        ("response", "response_id"),
    ),
}
#: tables whose rows are names shown in other documents: table -> (kind, column of its id)
NAME_TABLES = {
    "people": ("people", "id"),
    "person_names": ("people", "person_id"),
    "organizations": ("organizations", "id"),
    "tags": ("tags", "id"),
}
#: the columns other documents show; a change elsewhere in the row (a person's notes)
#: rewrites the record's own document only
NAME_COLUMNS = {
    "people": ("display_name",),
    "organizations": ("name", "abbreviation"),
    "tags": ("name",),
}
#: records whose deletion deletes events and attached files by ON DELETE CASCADE,
#: unseen by the ORM: table -> the column of events/attachments pointing at it
CASCADE_OWNERS = {
    "letters": "letter_id",
    "responses": "response_id",
    "detentions": "detention_id",
    "sanction_requests": "sanction_request_id",
    "people": "person_id",
}


@dataclass
class Pending:
    """What a transaction changed, as the index sees it."""

    keys: set[tuple[str, uuid.UUID]] = field(default_factory=set)
    people: set[uuid.UUID] = field(default_factory=set)
    organizations: set[uuid.UUID] = field(default_factory=set)
    tags: set[uuid.UUID] = field(default_factory=set)
    deleted_owners: set[uuid.UUID] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(
            self.keys or self.people or self.organizations or self.tags or self.deleted_owners
        )

    def copy(self) -> Pending:
        return Pending(
            set(self.keys),
            set(self.people),
            set(self.organizations),
            set(self.tags),
            set(self.deleted_owners),
        )

    def add_row(
        self,
        table: str,
        values: Mapping[str, Any],
        *,
        deleted: bool = False,
        names: bool = True,
    ) -> None:
        """Note a row written, changed (``names``: in a column other documents
        show) or deleted."""
        doc_type = DOCUMENT_TABLES.get(table)
        if doc_type is not None and values.get("id") is not None:
            self.keys.add((doc_type, values["id"]))
            if deleted:
                self.deleted_owners.add(values["id"])
        for doc_type, column in PART_TABLES.get(table, ()):
            if values.get(column) is not None:
                self.keys.add((doc_type, values[column]))
        kind_column = NAME_TABLES.get(table)
        if names and kind_column is not None and values.get(kind_column[1]) is not None:
            getattr(self, kind_column[0]).add(values[kind_column[1]])


def _pending(session: Session) -> Pending:
    found = session.info.get(_PENDING)
    if found is None:
        found = session.info[_PENDING] = Pending()
    return found


def note(session: Session, doc_type: str, record_id: uuid.UUID) -> None:
    """Have this record's document rebuilt when the transaction commits."""
    _pending(session).keys.add((doc_type, record_id))


def note_rows(session: Session, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """Note rows written without the ORM (column name -> value)."""
    pending = _pending(session)
    for row in rows:
        pending.add_row(table, row)


def _values(obj: Any) -> dict[str, Any]:
    """Current and previous values of an object's id and owner columns (a part
    moved to another owner changes both documents)."""
    state = inspect(obj)
    values: dict[str, Any] = {}
    for attribute in state.attrs:
        if attribute.key == "id" or attribute.key.endswith("_id"):
            values[attribute.key] = attribute.value if attribute.key in state.dict else None
    return values


def _previous_owners(obj: Any) -> list[dict[str, Any]]:
    state = inspect(obj)
    found = []
    for attribute in state.attrs:
        if attribute.key.endswith("_id") and attribute.history.deleted:
            found.extend({attribute.key: old} for old in attribute.history.deleted)
    return found


def _names_changed(obj: Any, table: str) -> bool:
    state = inspect(obj)
    return any(state.attrs[c].history.has_changes() for c in NAME_COLUMNS.get(table, ()))


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    """Before deleting records, note the events and files the database will delete
    with them (and the other records those events belong to)."""
    from casetracker.models import Attachment, Event

    pending = _pending(session)
    for obj in session.deleted:
        column = CASCADE_OWNERS.get(getattr(obj, "__tablename__", ""))
        if column is None or obj.id is None:
            continue
        for model, table in ((Event, "events"), (Attachment, "attachments")):
            if column not in model.__table__.c:
                continue  # files do not belong to people
            owners = [c for c in model.__table__.columns if c.name.endswith("_id")]
            with session.no_autoflush:
                rows = session.execute(
                    select(model.id, *owners).where(getattr(model, column) == obj.id)
                ).all()
            for row in rows:
                pending.add_row(table, dict(row._mapping))


def _after_flush(session: Session, _context: Any) -> None:
    pending = _pending(session)
    before = pending.copy()
    for obj in session.new:
        table = getattr(obj, "__tablename__", None)
        if table:
            pending.add_row(table, _values(obj))
    for obj in session.dirty:
        table = getattr(obj, "__tablename__", None)
        if table and session.is_modified(obj, include_collections=False):
            names = table not in NAME_COLUMNS or _names_changed(obj, table)
            pending.add_row(table, _values(obj), names=names)
            for previous in _previous_owners(obj):
                pending.add_row(table, previous)
    for obj in session.deleted:
        table = getattr(obj, "__tablename__", None)
        if table:
            pending.add_row(table, _values(obj), deleted=True)
    _lock_renamed(session, pending, before)


def _lock_renamed(session: Session, pending: Pending, before: Pending) -> None:
    """PostgreSQL: hold the people, organizations and tags renamed by this flush
    until the commit, so that no document showing them is built meanwhile from
    the old names (see :class:`~casetracker.search.documents.DocumentBuilder`)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    from casetracker.models import Organization, Person, Tag

    index = SearchIndex(session)
    for model, kind in ((Person, "people"), (Organization, "organizations"), (Tag, "tags")):
        renamed = getattr(pending, kind) - getattr(before, kind)
        index.lock_names(model.__table__, renamed)


def apply(session: Session, pending: Pending) -> int:
    """Rebuild the documents ``pending`` names, inside ``session``'s transaction."""
    if not pending:
        return 0
    started = time.perf_counter()
    keys = set(pending.keys)
    if pending.people:
        names_changed()  # the name variants searches expand to
        keys |= people_related(session, sorted(pending.people))
    if pending.organizations:
        keys |= organizations_related(session, sorted(pending.organizations))
    if pending.tags:
        keys |= tags_related(session, sorted(pending.tags))
    index = SearchIndex(session)
    if pending.deleted_owners:
        index.forget_owned(pending.deleted_owners)
    written = index.refresh(keys)
    log.debug(
        "search index: %d documents refreshed in %.1f ms",
        len(keys),
        (time.perf_counter() - started) * 1000,
    )
    return written


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: the outermost commit writes the index once
    session.flush()
    pending = session.info.pop(_PENDING, None)
    if pending:
        apply(session, pending)


def _savepoint_started(session: Session, transaction: SessionTransaction) -> None:
    """Remember what was noted when a savepoint starts, to go back to it if the
    savepoint is rolled back (its changes are undone; the outer ones stay)."""
    if transaction.nested:
        session.info.setdefault(_SNAPSHOTS, {})[id(transaction)] = _pending(session).copy()


def _rolled_back(session: Session, previous: SessionTransaction) -> None:
    snapshots = session.info.get(_SNAPSHOTS, {})
    if previous.nested and id(previous) in snapshots:
        session.info[_PENDING] = snapshots[id(previous)].copy()
    elif previous.parent is None:
        session.info.pop(_PENDING, None)


def _ended(session: Session, transaction: SessionTransaction) -> None:
    session.info.get(_SNAPSHOTS, {}).pop(id(transaction), None)
    if transaction.parent is None and transaction.nested is False:
        session.info.pop(_SNAPSHOTS, None)


def install(sessions: sessionmaker[Session]) -> None:
    """Have every session made by ``sessions`` keep the index current."""
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_transaction_create", _savepoint_started)
    event.listen(sessions, "after_soft_rollback", _rolled_back)
    event.listen(sessions, "after_transaction_end", _ended)


__all__ = ["DOCUMENT_TABLES", "Pending", "apply", "install", "note", "note_rows"]
