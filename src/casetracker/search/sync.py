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

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from casetracker.search.index import (
    SearchIndex,
    organizations_related,
    people_related,
    tags_related,
)

log = logging.getLogger(__name__)
_PENDING = "search_pending"

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

    def add_row(self, table: str, values: Mapping[str, Any], *, deleted: bool = False) -> None:
        doc_type = DOCUMENT_TABLES.get(table)
        if doc_type is not None and values.get("id") is not None:
            self.keys.add((doc_type, values["id"]))
            if deleted:
                self.deleted_owners.add(values["id"])
        for doc_type, column in PART_TABLES.get(table, ()):
            if values.get(column) is not None:
                self.keys.add((doc_type, values[column]))
        kind_column = NAME_TABLES.get(table)
        if kind_column is not None and values.get(kind_column[1]) is not None:
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


def _after_flush(session: Session, _context: Any) -> None:
    pending = _pending(session)
    for obj in session.new:
        table = getattr(obj, "__tablename__", None)
        if table:
            pending.add_row(table, _values(obj))
    for obj in session.dirty:
        table = getattr(obj, "__tablename__", None)
        if table and session.is_modified(obj, include_collections=False):
            pending.add_row(table, _values(obj))
            for previous in _previous_owners(obj):
                pending.add_row(table, previous)
    for obj in session.deleted:
        table = getattr(obj, "__tablename__", None)
        if table:
            pending.add_row(table, _values(obj), deleted=True)


def apply(session: Session, pending: Pending) -> int:
    """Rebuild the documents ``pending`` names, inside ``session``'s transaction."""
    if not pending:
        return 0
    started = time.perf_counter()
    keys = set(pending.keys)
    if pending.people:
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
    session.flush()
    pending = session.info.pop(_PENDING, None)
    if pending:
        apply(session, pending)


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_PENDING, None)


def install(sessions: sessionmaker[Session]) -> None:
    """Have every session made by ``sessions`` keep the index current."""
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_rollback", _forget)


__all__ = ["DOCUMENT_TABLES", "Pending", "apply", "install", "note", "note_rows"]
