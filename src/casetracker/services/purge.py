"""Remove a record for good: its parts, links, files, search entries and the
content of its history, then compact the storage so no copy stays in the file.

One "purge" entry is added to the history: what kind of record, its id, the
reason and counts, never a name. The chain still verifies: purged entries keep
their hashes (see :mod:`casetracker.audit`).

SQLite: ``secure_delete`` on while deleting, FTS5 ``optimize`` (and its
``secure-delete`` option from SQLite 3.42), ``wal_checkpoint(TRUNCATE)`` and
``VACUUM``. PostgreSQL: ``VACUUM (FULL)`` of the touched tables; the server's
WAL archive and backups keep copies until they rotate.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from casetracker.audit import cascade as cascading
from casetracker.audit.recorder import label_of, record_action, unrecorded
from casetracker.db.base import Base
from casetracker.db.engine import Database
from casetracker.errors import NotFoundError, ValidationError
from casetracker.models import AuditEntry, Detention, Person, PersonIdentityDecision, SearchEntry
from casetracker.search import sync as search_sync
from casetracker.services.base import as_uuid, integrity_message
from casetracker.services.history import entity_of, model_of

CHUNK = 50
FTS_SECURE_DELETE = (3, 42, 0)
PG_NOTE = (
    "PostgreSQL keeps older copies in its write-ahead log archive and in server backups "
    "until they rotate"
)
#: records purged with a record though the database does not cascade to them
PURGED_WITH: dict[str, set[str]] = {"people": {"detentions"}}
BACKUPS_NOTE = "backup files made earlier still hold the record: delete or replace them"


@dataclass(frozen=True)
class PurgeReport:
    """What a purge removed, and whether the storage was compacted."""

    entity: str
    record_id: uuid.UUID
    removed: dict[str, int]
    history_blanked: int
    compacted: bool
    notes: list[str] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(self.removed.values())


def _ranges(numbers: list[int]) -> list[list[int]]:
    """[1, 2, 3, 7] -> [[1, 3], [7, 7]]."""
    found: list[list[int]] = []
    for n in sorted(numbers):
        if found and found[-1][1] == n - 1:
            found[-1][1] = n
        else:
            found.append([n, n])
    return found


class PurgeService:
    """Purge records (any sensitivity); the CLI asks for ``--yes``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def purge(self, kind: str, record_id: object, *, reason: str) -> PurgeReport:
        """Remove the record and everything that cascades from it, blank its history,
        record one purge entry, then compact the storage."""
        reason = " ".join(str(reason or "").split())
        if not reason:
            raise ValidationError.single("reason", "say why the record is purged")
        entity = entity_of(kind)
        model = model_of(entity)
        if model is None:
            raise ValidationError.single("kind", f"{entity} rows are links, not records")
        rid = as_uuid(record_id)
        notes: list[str] = []
        with self.db.transaction() as session:
            if self.db.is_sqlite:
                self._sqlite_secure_delete(session.connection())
            record = session.get(model, rid)
            if record is None:
                blanked = self._purge_deleted(session, entity, rid, reason)
                removed: dict[str, int] = {}
            else:
                removed, blanked = self._purge_record(session, entity, record, reason, notes)
        compacted = self._compact(sorted(removed), notes)
        return PurgeReport(entity, rid, removed, len(blanked), compacted, notes)

    def _purge_record(
        self, session: Session, entity: str, record: Any, reason: str, notes: list[str]
    ) -> tuple[dict[str, int], list[int]]:
        """Delete the record and its parts, blank their history, note the purge."""
        rid = record.id
        connection = session.connection()
        roots = self._roots(session, record, notes)
        found, deleting = self._walk(connection, roots)
        self._refuse_if_referenced(connection, deleting)
        ids = {i for rows in deleting.values() for i in rows}
        removed = {name: len(rows) for name, rows in deleting.items()} | {
            name: len(rows)
            for name, rows in found.deleted.items()
            if cascading.is_link_table(Base.metadata.tables[name])
        }
        with unrecorded(session):
            self._note_related_documents(session, found)
            self._delete(session, roots, ids)
        targets = {i: name for name, rows in deleting.items() for i in rows}
        blanked = self._blank(session, {**targets, rid: entity})
        summary = f"purge of a {label_of(entity)} ({sum(removed.values())} rows)"
        _record_purge(session, entity, rid, summary, reason, removed, blanked)
        return removed, blanked

    def _purge_deleted(
        self, session: Session, entity: str, rid: uuid.UUID, reason: str
    ) -> list[int]:
        """A record deleted before: blank what its history (and its parts') still
        holds and note the purge; not found when the history never knew it."""
        table = AuditEntry.__table__
        known = session.execute(
            select(table.c.seq).where(table.c.record_id == rid, table.c.entity == entity).limit(1)
        ).first()
        if known is None:
            raise NotFoundError(f"no {label_of(entity)} with id {rid}")
        with unrecorded(session):
            session.execute(
                delete(SearchEntry).where(
                    or_(SearchEntry.record_id == rid, SearchEntry.opens_id == rid)
                )
            )
        blanked = self._blank(session, {rid: entity})
        summary = f"purge of a deleted {label_of(entity)}'s history"
        _record_purge(session, entity, rid, summary, reason, {}, blanked)
        return blanked

    # ------------------------------------------------------------ what goes
    def _roots(self, session: Session, record: Any, notes: list[str]) -> list[Any]:
        """The records to delete, children first: a person goes with their
        detentions; a detention with its person when nothing else refers to it;
        decisions naming a purged person go too."""
        roots: list[Any] = [record]
        if isinstance(record, Person):
            detentions = session.scalars(
                select(Detention).where(Detention.person_id == record.id)
            ).all()
            roots = [*detentions, record]
        elif isinstance(record, Detention):
            person = session.get(Person, record.person_id)
            if person is not None and not self._referenced(session, person, record):
                roots = [record, person]
                notes.append("the detainee's person record went too (nothing else refers to it)")
            else:
                notes.append(
                    "the detainee's person record stays (other records refer to it); "
                    "purge the person to remove their names"
                )
        people = [r.id for r in roots if isinstance(r, Person)]
        if people:
            decisions = session.scalars(
                select(PersonIdentityDecision).where(
                    PersonIdentityDecision.other_person_id.in_(people)
                )
            ).all()
            roots = [*decisions, *roots]
        return roots

    def _referenced(self, session: Session, person: Person, detention: Detention) -> bool:
        """Whether anything but the detention (and the person's own parts) points at them."""
        connection = session.connection()
        own = {
            r.table.name
            for r in cascading.references().get("people", ())
            if r.ondelete == "CASCADE"
        }
        for table in Base.metadata.sorted_tables:
            if table.name in cascading.UNAUDITED or table.name in own:
                continue
            for column in table.columns:
                if not any(fk.column.table.name == "people" for fk in column.foreign_keys):
                    continue
                query = select(table.c.id).where(column == person.id)
                if table.name == "detentions":
                    query = query.where(table.c.id != detention.id)
                if connection.execute(query.limit(1)).first() is not None:
                    return True
        return False

    def _walk(
        self, connection: Any, roots: list[Any]
    ) -> tuple[cascading.CascadeRows, dict[str, set[Any]]]:
        seen: set[tuple[str, Any]] = set()
        found = cascading.CascadeRows()
        deleting: dict[str, set[Any]] = {}
        for root in roots:
            name = root.__tablename__
            deleting.setdefault(name, set()).add(root.id)
            seen.add((name, root.id))
        for root in roots:
            more = cascading.cascade(connection, root.__tablename__, [root.id], seen=seen)
            for name, rows in more.deleted.items():
                found.deleted.setdefault(name, []).extend(rows)
            found.cleared.extend(more.cleared)
        for name, rows in found.deleted.items():
            if "id" in Base.metadata.tables[name].c:
                deleting.setdefault(name, set()).update(r["id"] for r in rows)
        return found, deleting

    def _refuse_if_referenced(self, connection: Any, deleting: dict[str, set[Any]]) -> None:
        """Refuse, in plain words, when a record outside the purge still needs one
        inside it (a letter signed by the person, …)."""
        for table in Base.metadata.sorted_tables:
            if table.name in cascading.UNAUDITED or cascading.is_link_table(table):
                continue  # link rows always go with what they link
            for column in table.columns:
                for fk in column.foreign_keys:
                    target = fk.column.table.name
                    if (fk.ondelete or "").upper() in ("CASCADE", "SET NULL"):
                        continue
                    if not deleting.get(target):
                        continue
                    ids = sorted(deleting[target])
                    rows = (
                        connection.execute(select(table.c.id).where(column.in_(ids)))
                        .scalars()
                        .all()
                    )
                    others = [r for r in rows if r not in deleting.get(table.name, set())]
                    if others:
                        many = len(others) > 1
                        what = table.name.replace("_", " ") if many else label_of(table.name)
                        raise ValidationError.single(
                            "record",
                            f"{len(others)} {what} still {'refer' if many else 'refers'} to "
                            f"the {label_of(target)} ({column.name}); remove "
                            f"{'those references' if many else 'that reference'} first, "
                            "nothing was purged",
                        )

    # ------------------------------------------------------------ removing
    @staticmethod
    def _sqlite_secure_delete(connection: Any) -> None:
        connection.exec_driver_sql("PRAGMA secure_delete=ON")
        version = connection.exec_driver_sql("SELECT sqlite_version()").scalar()
        if tuple(int(p) for p in str(version).split(".")[:3]) >= FTS_SECURE_DELETE:
            connection.exec_driver_sql(
                "INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 1)"
            )

    @staticmethod
    def _note_related_documents(session: Session, found: cascading.CascadeRows) -> None:
        """Documents that showed a link to a purged record are rebuilt without it."""
        for name, rows in found.deleted.items():
            table = Base.metadata.tables[name]
            if not cascading.is_link_table(table):
                continue
            for column in table.columns:
                (fk,) = column.foreign_keys
                doc_type = search_sync.DOCUMENT_TABLES.get(fk.column.table.name)
                if doc_type is not None:
                    for row in rows:
                        search_sync.note(session, doc_type, row[column.name])

    @staticmethod
    def _delete(session: Session, roots: list[Any], ids: set[Any]) -> None:
        try:
            for root in roots:
                session.delete(root)
                session.flush()
            for chunk in _chunks(sorted(ids)):
                session.execute(
                    delete(SearchEntry).where(
                        or_(SearchEntry.record_id.in_(chunk), SearchEntry.opens_id.in_(chunk))
                    )
                )
        except IntegrityError as exc:
            raise ValidationError.single("record", integrity_message(exc)) from exc

    @staticmethod
    def _blank(session: Session, targets: dict[Any, str]) -> list[int]:
        """Blank the content of every history entry about these records (id ->
        table) or mentioning them; returns the seqs blanked.

        Grown to a fixed point: a part of a purged record (a detention of a
        person, a hearing of a detention…) deleted before the purge is found
        through its entries that mention the record, and its own entries go too.
        A record that merely links to a purged one (a letter) keeps its history:
        only the entries mentioning the purged record are blanked. Earlier purge
        entries stay: they explain what was blanked before.
        """
        table = AuditEntry.__table__
        known = dict(targets)
        todo = dict(targets)
        seqs: set[int] = set()
        while todo:
            found: dict[Any, str] = {}
            for chunk in _chunks(sorted(todo, key=str)):
                about = [table.c.record_id.in_(chunk)]
                about += [table.c.changes.like(f"%{i}%") for i in chunk]
                rows = session.execute(
                    select(table.c.seq, table.c.entity, table.c.record_id, table.c.changes).where(
                        table.c.salt.is_not(None), table.c.action != "purge", or_(*about)
                    )
                ).all()
                for row in rows:
                    seqs.add(row.seq)
                    if row.record_id is None or row.record_id in known or not row.changes:
                        continue
                    if any(
                        row.entity in _part_tables(todo[i]) and str(i) in row.changes for i in chunk
                    ):
                        found[row.record_id] = row.entity
            todo = _gone(session, found)
            known.update(todo)
        wanted = sorted(seqs)
        for start in range(0, len(wanted), 500):
            session.execute(
                update(table)
                .where(table.c.seq.in_(wanted[start : start + 500]))
                .values(changes=None, summary=None, salt=None)
            )
        return wanted

    # ------------------------------------------------------------ compacting
    def _compact(self, tables: list[str], notes: list[str]) -> bool:
        """Leave no copy of the removed content in the storage."""
        try:
            if self.db.is_sqlite:
                self._compact_sqlite()
                notes.append(BACKUPS_NOTE)
            else:
                self._compact_postgresql(tables)
                notes.append(PG_NOTE)
        except (_NotCompacted, DBAPIError) as exc:
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            notes.append(
                f"the purge is saved, but the file could not be compacted ({reason}): copies "
                "may remain in it until it is; close other programs using it and purge again"
            )
            return False
        return True

    def _compact_sqlite(self) -> None:
        self.db.engine.dispose()  # nothing else of ours holds the file open
        raw = self.db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.execute("VACUUM")
            stat4 = cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat4'"
            ).fetchone()
            if stat4:  # index samples: taken again from what is left
                cursor.execute("ANALYZE")
            busy = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.close()
        except Exception as exc:  # the driver's own errors (sqlite3 or sqlcipher3)
            raise _NotCompacted(str(exc)) from exc
        finally:
            raw.close()
            self.db.engine.dispose()
        if busy and busy[0]:
            raise _NotCompacted("the database is in use")

    def _compact_postgresql(self, tables: list[str]) -> None:
        touched = sorted({*tables, AuditEntry.__tablename__, SearchEntry.__tablename__})
        with self.db.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            for name in touched:
                table = Base.metadata.tables[name]
                conn.exec_driver_sql(f"VACUUM (FULL) {_quoted(conn, table)}")


def _part_tables(entity: str) -> frozenset[str]:
    """Tables whose rows are parts of an ``entity`` record (purged with it)."""
    tables = {
        ref.table.name
        for ref in cascading.references().get(entity, ())
        if ref.ondelete == "CASCADE" and not cascading.is_link_table(ref.table)
    }
    return frozenset(tables | PURGED_WITH.get(entity, set()))


def _gone(session: Session, found: dict[Any, str]) -> dict[Any, str]:
    """The parts found in the history that no longer exist: a part moved to
    another record since (it still exists) keeps the history of its own."""
    by_table: dict[str, list[Any]] = {}
    for record_id, name in found.items():
        by_table.setdefault(name, []).append(record_id)
    gone = dict(found)
    for name, ids in by_table.items():
        table = Base.metadata.tables[name]
        for chunk in _chunks(sorted(ids, key=str)):
            for still in session.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars():
                gone.pop(still, None)
    return gone


def _record_purge(
    session: Session,
    entity: str,
    rid: uuid.UUID,
    summary: str,
    reason: str,
    removed: dict[str, int],
    blanked: list[int],
) -> None:
    record_action(
        session,
        "purge",
        entity=entity,
        record_id=rid,
        summary=summary,
        details={
            "reason": reason,
            "removed": removed,
            "history_blanked": len(blanked),
            "blanked": _ranges(blanked),
        },
    )


def _quoted(conn: Any, table: Table) -> str:
    return str(conn.dialect.identifier_preparer.format_table(table))


def _chunks(values: list[Any]) -> list[list[Any]]:
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


class _NotCompacted(Exception):
    """The storage could not be compacted (the purge itself is saved)."""


__all__ = ["PurgeReport", "PurgeService"]
