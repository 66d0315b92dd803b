"""Record every change in the history, in the transaction that makes it.

Mapper events see every row the ORM inserts, updates or deletes (cascades and
orphans included), with each changed field's old and new value; a session event
sees links added or removed through relationship collections; before a record is
deleted, the rows the database deletes or clears with it (``ON DELETE CASCADE``,
``SET NULL``) are read and recorded too. The entries wait in the session until
the outermost commit, where they are appended to the hash chain in the same
transaction: a failed commit records nothing, and a rolled-back savepoint drops
what it had noted.

Work that writes rows without the ORM calls :func:`record_rows` itself; data
leaving the tool (reports, exports, backups) is noted with :func:`record_action`.
"""

from __future__ import annotations

import getpass
import logging
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, event, inspect, select
from sqlalchemy.orm import Mapper, Session, SessionTransaction, object_session
from sqlalchemy.orm.attributes import NO_VALUE

from casetracker.audit import cascade as cascading
from casetracker.audit.chain import NewEntry, append
from casetracker.audit.values import (
    UNRECORDED,
    describe_row,
    encode,
    plain,
    short_id,
    snapshot,
    title_of,
)
from casetracker.db.base import Base, Record

if TYPE_CHECKING:
    from pathlib import Path

    from casetracker.db.engine import Database

log = logging.getLogger(__name__)

ACTIONS = (
    "create",
    "update",
    "delete",
    "link",
    "unlink",
    "export",
    "report",
    "backup",
    "restore",
    "import",
    "purge",
    "revert",
)
ENV_USER = "CASETRACKER_USER"

_DB = "audit_db"
_PENDING = "audit_pending"
_SNAPSHOTS = "audit_snapshots"
_SEEN = "audit_seen"
_OLD = "audit_old_values"
_LABEL = "audit_label"
_OFF = "audit_off"
_NAMES = "audit_names"


def default_actor() -> str:
    """Who is working: ``$CASETRACKER_USER``, else the login name."""
    configured = os.environ.get(ENV_USER, "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


# ------------------------------------------------------------------ what is noted
def _table(name: str) -> Table:
    return Base.metadata.tables[name]


@cache
def label_of(entity: str) -> str:
    """``letter`` for ``letters``: the word an entry's summary starts with."""
    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == entity:
            label = getattr(mapper.class_, "__label__", None)
            if label:
                return str(label)
    if entity == "people":
        return "person"
    if entity.endswith("ies"):
        return entity[:-3].replace("_", " ") + "y"
    return entity.removesuffix("s").replace("_", " ")


def _active(session: Session | None) -> bool:
    return session is not None and session.info.get(_DB) is not None and not session.info.get(_OFF)


def _pending(session: Session) -> list[NewEntry]:
    found = session.info.get(_PENDING)
    if found is None:
        found = session.info[_PENDING] = []
    return found


def _seen(session: Session) -> set[tuple[str, Any]]:
    found = session.info.get(_SEEN)
    if found is None:
        found = session.info[_SEEN] = set()
    return found


def _note(session: Session, entry: NewEntry) -> None:
    label = session.info.get(_LABEL)
    if label is not None and entry.action in ("update", "create"):
        action, note = label
        if entry.action == "update":  # a creation keeps its action (its changes are a snapshot)
            entry.action = action
        entry.summary = f"{entry.summary} — {note}" if entry.summary else note
    _pending(session).append(entry)


def _describe(
    connection: Any, names: dict[Any, str], entity: str, values: Mapping[str, Any]
) -> str:
    """The summary of a row; a record without a title is named after its person."""
    person = None
    person_id = values.get("person_id")
    if person_id is not None and title_of(values) is None:
        person = names.get(person_id)
        if person is None and connection is not None:
            people = _table("people")
            person = connection.execute(
                select(people.c.display_name).where(people.c.id == person_id)
            ).scalar()
            if person is not None:
                names[person_id] = person
    if entity == "people" and values.get("id") is not None and values.get("display_name"):
        names[values["id"]] = values["display_name"]
    return describe_row(label_of(entity), values, person)


def _load_names(connection: Any, names: dict[Any, str], wanted: list[Any]) -> None:
    """Read the names of many people at once (the summaries of their records)."""
    missing = sorted({i for i in wanted if i is not None and i not in names}, key=str)
    people = _table("people")
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        query = select(people.c.id, people.c.display_name).where(people.c.id.in_(chunk))
        names.update((pid, name) for pid, name in connection.execute(query))


def _names(session: Session | None) -> dict[Any, str]:
    if session is None:
        return {}
    found = session.info.get(_NAMES)
    if found is None:
        found = session.info[_NAMES] = {}
    return found


def _row_entries(
    action: str,
    entity: str,
    rows: Iterable[Mapping[str, Any]],
    connection: Any = None,
    names: dict[Any, str] | None = None,
) -> list[NewEntry]:
    table = _table(entity)
    names = {} if names is None else names
    entries = []
    rows = list(rows)
    if connection is not None and "person_id" in table.c:
        _load_names(connection, names, [r.get("person_id") for r in rows if title_of(r) is None])
    if cascading.is_link_table(table):
        columns = [c.name for c in table.primary_key.columns]
        for row in rows:
            changes = {c: encode(row.get(c)) for c in columns}
            entries.append(
                NewEntry(action, entity, row.get(columns[0]), _link_summary(table, row), changes)
            )
        return entries
    for row in rows:
        summary = _describe(connection, names, entity, row)
        entries.append(NewEntry(action, entity, row.get("id"), summary, snapshot(row)))
    return entries


def _link_summary(table: Table, row: Mapping[str, Any]) -> str:
    left, right = (c.name for c in table.primary_key.columns)
    return (
        f"{left.removesuffix('_id').replace('_', ' ')} {short_id(row.get(left))} ↔ "
        f"{right.removesuffix('_id').replace('_', ' ')} {short_id(row.get(right))}"
    )


def record_rows(
    target: Session | Any,
    action: str,
    entity: str,
    rows: Iterable[Mapping[str, Any]],
    *,
    actor: str | None = None,
) -> None:
    """Record rows written without the ORM (column name -> value), one entry each.

    ``target`` is a session (the entries wait for its commit) or a connection in
    a transaction (they are appended at once; give ``actor``). Link tables take
    ``link``/``unlink``; records ``create``/``import``/``delete``.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown history action {action!r}")
    if entity in cascading.UNAUDITED:
        return
    if isinstance(target, Session):
        if not _active(target):
            return
        connection = target.connection()
        for entry in _row_entries(action, entity, rows, connection, _names(target)):
            _note(target, entry)
        return
    append(target, actor or default_actor(), _row_entries(action, entity, rows, target))


@contextmanager
def labelled(session: Session, action: str, note: str) -> Iterator[None]:
    """Record the updates made inside as ``action`` (e.g. revert), and note
    ``note`` in the summary of the updates and creations."""
    previous = session.info.get(_LABEL)
    session.info[_LABEL] = (action, note)
    try:
        yield
    finally:
        if previous is None:
            session.info.pop(_LABEL, None)
        else:
            session.info[_LABEL] = previous


@contextmanager
def unrecorded(session: Session) -> Iterator[None]:
    """Leave the changes made inside out of the history (a purge records itself)."""
    session.info[_OFF] = True
    try:
        yield
    finally:
        session.info.pop(_OFF, None)


def record_action(
    target: Database | Session,
    action: str,
    *,
    entity: str | None = None,
    record_id: uuid.UUID | None = None,
    summary: str,
    details: Mapping[str, Any],
) -> None:
    """Note data leaving the tool (export, report, backup…) or another action.

    Given a session, the entry joins its transaction; given a database, it joins
    the transaction open on this thread, or commits a small one of its own.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown history action {action!r}")
    entry = NewEntry(action, entity or action, record_id, summary, plain(details))
    if isinstance(target, Session):
        if target.info.get(_DB) is not None:
            _pending(target).append(entry)
        return
    with target.transaction() as session:
        _pending(session).append(entry)


def try_record_action(
    db: Database,
    action: str,
    *,
    entity: str | None = None,
    record_id: uuid.UUID | None = None,
    summary: str,
    details: Mapping[str, Any],
) -> bool:
    """:func:`record_action` after data has left the tool (a backup, a copy…):
    when the database cannot take the entry (read-only, locked, closed) the
    operation done stands and a warning is logged. Returns whether it was noted."""
    from sqlalchemy.exc import SQLAlchemyError

    from casetracker.errors import CaseTrackerError

    try:
        record_action(
            db, action, entity=entity, record_id=record_id, summary=summary, details=details
        )
    except (CaseTrackerError, SQLAlchemyError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines() or ["unknown error"]
        log.warning("%s was not recorded in the history: %s", summary, reason[0])
        return False
    return True


def record_database_copy(db: Database, out: Path, *, encrypted: bool) -> bool:
    """Note on ``db`` a copy of the whole database written to ``out``: an
    encrypted copy (``db encrypt``) or a plain, decrypted one (``db decrypt``)."""
    kind = "encrypted" if encrypted else "plain (decrypted)"
    return try_record_action(
        db,
        "export",
        summary=f"{kind} copy of the whole database to {out}",
        details={
            "path": out,
            "copy": "encrypt" if encrypted else "decrypt",
            "scope": "whole database",
        },
    )


# ------------------------------------------------------------------ mapper events
def _values(state: Any, mapper: Mapper[Any]) -> dict[str, Any]:
    values = {}
    for attr in mapper.column_attrs:
        value = state.dict.get(attr.key, NO_VALUE)
        if value is NO_VALUE:
            continue
        values[attr.columns[0].name] = value
    return values


def _after_insert(mapper: Mapper[Any], connection: Any, target: Any) -> None:
    session = object_session(target)
    if not _active(session) or mapper.local_table.name in cascading.UNAUDITED:
        return
    assert session is not None
    entity = mapper.local_table.name
    values = _values(inspect(target), mapper)
    summary = _describe(connection, _names(session), entity, values)
    _note(session, NewEntry("create", entity, values.get("id"), summary, snapshot(values)))


def _before_update(mapper: Mapper[Any], connection: Any, target: Any) -> None:
    """Read the old value of fields set without having been loaded (expired)."""
    session = object_session(target)
    if not _active(session) or mapper.local_table.name in cascading.UNAUDITED:
        return
    assert session is not None
    state = inspect(target)
    unknown = []
    for attr in mapper.column_attrs:
        if attr.key in UNRECORDED:
            continue
        history = state.attrs[attr.key].history
        if history.added and not history.deleted and not history.unchanged:
            unknown.append(attr)
    if not unknown:
        return
    table = mapper.local_table
    row = connection.execute(
        select(*(table.c[a.columns[0].name] for a in unknown)).where(table.c.id == target.id)
    ).first()
    if row is not None:
        old = session.info.setdefault(_OLD, {})
        old[id(state)] = dict(zip([a.key for a in unknown], row, strict=True))


def _after_update(mapper: Mapper[Any], connection: Any, target: Any) -> None:
    session = object_session(target)
    if not _active(session) or mapper.local_table.name in cascading.UNAUDITED:
        return
    assert session is not None
    state = inspect(target)
    old_values = session.info.get(_OLD, {}).pop(id(state), {})
    changes: dict[str, list[Any]] = {}
    for attr in mapper.column_attrs:
        if attr.key in UNRECORDED:
            continue
        history = state.attrs[attr.key].history
        if not history.added:
            continue
        new = history.added[0]
        if history.deleted:
            old = history.deleted[0]
        elif attr.key in old_values:
            old = old_values[attr.key]
        else:
            old = None
        old_json, new_json = encode(old), encode(new)
        if old_json != new_json:
            changes[attr.columns[0].name] = [old_json, new_json]
    if not changes:
        return
    entity = mapper.local_table.name
    summary = _describe(connection, _names(session), entity, _values(state, mapper))
    _note(session, NewEntry("update", entity, target.id, summary, changes))


def _before_delete(mapper: Mapper[Any], connection: Any, target: Any) -> None:
    session = object_session(target)
    if not _active(session) or mapper.local_table.name in cascading.UNAUDITED:
        return
    assert session is not None
    table = mapper.local_table
    assert isinstance(table, Table)
    seen = _seen(session)
    key = (table.name, target.id)
    if key in seen:
        return  # reached (and walked) as a part of a record deleted before it
    seen.add(key)
    values = {**_values(inspect(target), mapper), "id": target.id}
    for entry in _row_entries("delete", table.name, [values], connection, _names(session)):
        _note(session, entry)
    _note_cascade(session, connection, table.name, [target.id])


def _note_cascade(session: Session, connection: Any, entity: str, ids: list[Any]) -> None:
    found = cascading.cascade(connection, entity, ids, seen=_seen(session))
    names = _names(session)
    for name, rows in found.deleted.items():
        action = "unlink" if cascading.is_link_table(_table(name)) else "delete"
        for entry in _row_entries(action, name, rows, connection, names):
            _note(session, entry)
    for name, column, rows in found.cleared:
        for row in rows:
            summary = _describe(connection, names, name, row)
            changes = {column: [encode(row[column]), None]}
            _note(session, NewEntry("update", name, row["id"], summary, changes))


# ------------------------------------------------------------------ session events
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    """Before any row goes, read what the database will delete with the records
    deleted in this flush (their links first of all, which the ORM may delete
    itself before the record's own event runs)."""
    if not _active(session):
        return
    by_table: dict[str, list[Any]] = {}
    for obj in session.deleted:
        table = getattr(obj, "__tablename__", None)
        if table is None or table in cascading.UNAUDITED or obj.id is None:
            continue
        by_table.setdefault(table, []).append(obj.id)
    if not by_table:
        return
    with session.no_autoflush:
        connection = session.connection()
        for table, ids in by_table.items():
            _note_cascade(session, connection, table, ids)


def _after_flush(session: Session, _context: Any) -> None:
    """Links added or removed through relationship collections (``letter.tags``)."""
    if not _active(session):
        return
    seen = _seen(session)
    for obj in (*session.new, *session.dirty):
        if not isinstance(obj, Record):
            continue
        state = inspect(obj)
        for rel in state.mapper.relationships:
            if rel.secondary is None or not isinstance(rel.secondary, Table):
                continue
            history = state.attrs[rel.key].history
            if not (history.added or history.deleted):
                continue
            table = rel.secondary
            for action, items in (("link", history.added), ("unlink", history.deleted)):
                rows = [_link_row(rel, obj, item) for item in items]
                fresh = []
                for row in rows:
                    key = (action, cascading.row_key(table, row))
                    if key not in seen:
                        seen.add(key)
                        fresh.append(row)
                for entry in _row_entries(action, table.name, fresh):
                    _note(session, entry)
    # a later flush may link the same pair again: only this flush's rows are done
    seen.difference_update([k for k in seen if k[0] in ("link", "unlink")])


def _link_row(rel: Any, parent: Any, child: Any) -> dict[str, Any]:
    row = {}
    for local, remote in rel.synchronize_pairs:
        row[remote.name] = getattr(parent, rel.parent.get_property_by_column(local).key)
    for local, remote in rel.secondary_synchronize_pairs:
        row[remote.name] = getattr(child, rel.mapper.get_property_by_column(local).key)
    return row


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction() or session.info.get(_DB) is None:
        return
    session.flush()
    entries = session.info.pop(_PENDING, None)
    for key in (_SEEN, _OLD, _NAMES):
        session.info.pop(key, None)
    if not entries:
        return
    entries = coalesce(entries)
    db = session.info[_DB]
    append(session.connection(), db.actor, entries)


def coalesce(entries: list[NewEntry]) -> list[NewEntry]:
    """Drop pairs that undo each other in one transaction: a link removed and
    added back (tags rewritten), or added and removed."""
    open_links: dict[tuple[str, str], int] = {}
    dropped: set[int] = set()
    for index, entry in enumerate(entries):
        if entry.action not in ("link", "unlink"):
            continue
        key = (entry.entity, repr(sorted(entry.changes.items())))
        other = open_links.pop(key, None)
        if other is not None and entries[other].action != entry.action:
            dropped.update((other, index))
        else:
            open_links[key] = index
    return [e for i, e in enumerate(entries) if i not in dropped]


def _savepoint_started(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested and session.info.get(_DB) is not None:
        session.info.setdefault(_SNAPSHOTS, {})[id(transaction)] = (
            len(_pending(session)),
            set(_seen(session)),
        )


def _rolled_back(session: Session, previous: SessionTransaction) -> None:
    snapshots = session.info.get(_SNAPSHOTS, {})
    if previous.nested and id(previous) in snapshots:
        length, seen = snapshots[id(previous)]
        del _pending(session)[length:]
        session.info[_SEEN] = set(seen)
    elif previous.parent is None:
        for key in (_PENDING, _SEEN, _OLD, _NAMES):
            session.info.pop(key, None)


def _ended(session: Session, transaction: SessionTransaction) -> None:
    # a savepoint's snapshot outlives it: ``after_soft_rollback`` fires after
    # ``after_transaction_end``; all go when the outermost transaction ends
    if transaction.parent is None and transaction.nested is False:
        session.info.pop(_SNAPSHOTS, None)


_MAPPER_EVENTS = (
    ("after_insert", _after_insert),
    ("before_update", _before_update),
    ("after_update", _after_update),
    ("before_delete", _before_delete),
)


def _install_mapper_events() -> None:
    for name, handler in _MAPPER_EVENTS:
        if not event.contains(Record, name, handler):
            event.listen(Record, name, handler, propagate=True)


def install(db: Database) -> None:
    """Have every session made by ``db.sessions`` record its changes; install
    after the search index's hooks (the index is written first at commit)."""
    _install_mapper_events()
    sessions = db.sessions
    info = dict(sessions.kw.get("info") or {})
    info[_DB] = db
    sessions.configure(info=info)
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_transaction_create", _savepoint_started)
    event.listen(sessions, "after_soft_rollback", _rolled_back)
    event.listen(sessions, "after_transaction_end", _ended)


__all__ = [
    "ACTIONS",
    "coalesce",
    "default_actor",
    "install",
    "labelled",
    "record_action",
    "record_database_copy",
    "record_rows",
    "try_record_action",
    "unrecorded",
]
