"""The history of every change: an append-only, hash-chained log.

Each entry's ``hash`` covers its position (``seq``), time, actor, action,
entity, record id, ``content_hash`` and the previous entry's hash. The content
itself (``changes`` and ``summary``) is covered through ``content_hash``, salted,
so that a purge can blank the content of earlier entries while the chain still
verifies (see :mod:`casetracker.audit`).

The database refuses to delete entries, or to change them in any way but that
blanking (triggers, created here for new databases and in migration 0007 for
older ones). The verification does not rely on them: whoever holds the file can
drop them.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DDL, BigInteger, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.db.base import Base

APPEND_ONLY = "the history is append-only"

#: SQLite: refuse DELETE, and any UPDATE but blanking changes/summary/salt
SQLITE_DDL = (
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
    f"SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN NOT ("
    "new.changes IS NULL AND new.summary IS NULL AND new.salt IS NULL "
    "AND new.seq IS old.seq AND new.at IS old.at AND new.actor IS old.actor "
    "AND new.action IS old.action AND new.entity IS old.entity "
    "AND new.record_id IS old.record_id AND new.content_hash IS old.content_hash "
    "AND new.prev_hash IS old.prev_hash AND new.hash IS old.hash) BEGIN "
    f"SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
)

#: PostgreSQL: the same rule in a trigger function, and no TRUNCATE
POSTGRESQL_DDL = (
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    "IF TG_OP = 'UPDATE' AND NEW.changes IS NULL AND NEW.summary IS NULL AND NEW.salt IS NULL "
    "AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor = OLD.actor "
    "AND NEW.action = OLD.action AND NEW.entity = OLD.entity "
    "AND NEW.record_id IS NOT DISTINCT FROM OLD.record_id "
    "AND NEW.content_hash = OLD.content_hash AND NEW.prev_hash = OLD.prev_hash "
    "AND NEW.hash = OLD.hash THEN RETURN NEW; END IF; "
    f"RAISE EXCEPTION '{APPEND_ONLY}'; "
    "END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
)


class AuditEntry(Base):
    """One entry of the history. Written by :mod:`casetracker.audit` only."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=False
    )
    at: Mapped[dt.datetime]
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    summary: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[str | None] = mapped_column(Text)
    salt: Mapped[str | None] = mapped_column(String(32))
    content_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


for _statement in SQLITE_DDL:
    event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRESQL_DDL:
    event.listen(
        AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql")
    )
event.listen(
    AuditEntry.__table__,
    "after_drop",
    DDL("DROP FUNCTION IF EXISTS audit_log_append_only()").execute_if(dialect="postgresql"),
)
