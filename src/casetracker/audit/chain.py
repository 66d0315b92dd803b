"""The hash chain: how an entry's hashes are computed, and appending entries.

``content_hash = sha256(salt + canonical({"changes": …, "summary": …}))``
``hash = sha256(canonical([seq, at, actor, action, entity, record_id,
content_hash, prev_hash]))``; the first entry's ``prev_hash`` is 64 zeros.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, text

from casetracker.audit.values import canonical

GENESIS = "0" * 64
#: PostgreSQL advisory lock taken (until commit) while the chain grows
ADVISORY_LOCK = 0x43415345  # "CASE"
INSERT_BATCH = 1000


@dataclass
class NewEntry:
    """An entry waiting to be appended (its content as Python values)."""

    action: str
    entity: str
    record_id: uuid.UUID | None
    summary: str | None
    changes: Any


def timestamp(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def content_hash(salt: str, summary: str | None, changes: Any) -> str:
    return content_hash_of_text(salt, summary, canonical(changes))


def content_hash_of_text(salt: str, summary: str | None, changes_text: str) -> str:
    """:func:`content_hash` given the canonical text of the changes: the payload
    is exactly ``canonical({"changes": changes, "summary": summary})``."""
    payload = f'{salt}{{"changes":{changes_text},"summary":{canonical(summary)}}}'
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def entry_hash(
    seq: int,
    at: dt.datetime,
    actor: str,
    action: str,
    entity: str,
    record_id: uuid.UUID | str | None,
    content: str,
    prev_hash: str,
) -> str:
    fields = [
        seq,
        timestamp(at),
        actor,
        action,
        entity,
        str(record_id) if record_id is not None else None,
        content,
        prev_hash,
    ]
    return hashlib.sha256(canonical(fields).encode("utf-8")).hexdigest()


def head(connection: Any) -> tuple[int, str]:
    """The last entry's (seq, hash); (0, 64 zeros) when the history is empty."""
    from casetracker.models import AuditEntry

    row = connection.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def append(connection: Any, actor: str, entries: Sequence[NewEntry]) -> int:
    """Append ``entries`` to the chain in ``connection``'s transaction; returns the
    last seq written. PostgreSQL serialises appenders with an advisory lock held
    until the transaction ends; SQLite write transactions hold the write lock."""
    if not entries:
        return 0
    from casetracker.models import AuditEntry

    if connection.dialect.name == "postgresql":
        connection.execute(text(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK})"))
    seq, prev_hash = head(connection)
    at = dt.datetime.now(dt.UTC)
    rows = []
    for entry in entries:
        seq += 1
        if entry.record_id is not None and not isinstance(entry.record_id, uuid.UUID):
            entry.record_id = uuid.UUID(str(entry.record_id))
        salt = secrets.token_hex(16)
        changes = canonical(entry.changes)
        content = content_hash_of_text(salt, entry.summary, changes)
        digest = entry_hash(
            seq, at, actor, entry.action, entry.entity, entry.record_id, content, prev_hash
        )
        rows.append(
            {
                "seq": seq,
                "at": at,
                "actor": actor,
                "action": entry.action,
                "entity": entry.entity,
                "record_id": entry.record_id,
                "summary": entry.summary,
                "changes": changes if entry.changes is not None else None,
                "salt": salt,
                "content_hash": content,
                "prev_hash": prev_hash,
                "hash": digest,
            }
        )
        prev_hash = digest
    for start in range(0, len(rows), INSERT_BATCH):
        connection.execute(insert(AuditEntry.__table__), rows[start : start + INSERT_BATCH])
    return seq
