"""Check the history's hash chain, entry by entry, and say what is wrong first.

The check reads the table and recomputes every hash: it relies on nothing the
database enforces (triggers can be dropped by whoever holds the file). A purged
entry (changes, summary and salt blanked) still verifies through its
``content_hash``, and must be listed by a later purge entry; truncating the
newest entries is only visible against a head noted elsewhere
(``expected_head``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from casetracker.audit.chain import GENESIS, content_hash, entry_hash, head
from casetracker.audit.values import short_id
from casetracker.db.engine import Database

BATCH = 2000


@dataclass(frozen=True)
class VerifyReport:
    """The outcome: ``ok``, how many entries (and purged ones), the first problem."""

    ok: bool
    entries: int
    purged: int
    first_problem: str | None = None
    first_bad_seq: int | None = None
    head: tuple[int, str] | None = None
    #: which purge entry explains which blanked entries, one line each
    purges: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """Plain lines for the user."""
        if not self.ok:
            return [f"PROBLEM {self.first_problem}"]
        found = [f"ok      {self.entries} entries, the chain is intact"]
        if self.purged:
            found.append(
                f"info    {self.purged} entries' contents were purged (their hashes still verify)"
            )
        found += [f"purged  {line}" for line in self.purges]
        if self.head is not None:
            found.append(f"head    {self.head[0]}:{self.head[1]}")
        return found


def describe(row: Any) -> str:
    """``entry 57 (2026-11-29 10:02, update of letters 1a2b…)``."""
    at = row.at.strftime("%Y-%m-%d %H:%M") if row.at is not None else "?"
    about = f" {short_id(row.record_id)}" if row.record_id is not None else ""
    return f"entry {row.seq} ({at}, {row.action} of {row.entity}{about})"


def _rows(db: Database) -> Iterator[Any]:
    from casetracker.models import AuditEntry

    table = AuditEntry.__table__
    last = None
    with db.engine.connect() as conn:
        while True:
            query = select(table).order_by(table.c.seq).limit(BATCH)
            if last is not None:
                query = query.where(table.c.seq > last)
            batch = conn.execute(query).all()
            if not batch:
                return
            yield from batch
            last = batch[-1].seq


def _claimed(changes: Any, seq: int) -> set[int] | None:
    """The seqs a purge entry says it blanked (``blanked``: [[first, last], …],
    each an earlier entry); None when that list is malformed."""
    ranges = changes.get("blanked", []) if isinstance(changes, dict) else None
    if not isinstance(ranges, list):
        return None
    found: set[int] = set()
    for pair in ranges:
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in pair)
            and 1 <= pair[0] <= pair[1] < seq
        ):
            return None
        found.update(range(pair[0], pair[1] + 1))
    return found


def _spans(seqs: list[int]) -> str:
    """[12, 13, 14, 15, 18] -> ``entries 12–15, 18``."""
    spans: list[list[int]] = []
    for n in sorted(seqs):
        if spans and spans[-1][1] == n - 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in spans)
    return f"{'entry' if len(seqs) == 1 else 'entries'} {text}"


@dataclass(frozen=True)
class _Purge:
    """A purge entry as the report shows it."""

    seq: int
    at: Any
    actor: str
    reason: str
    claimed: set[int]

    def line(self, blanked: set[int]) -> str | None:
        mine = sorted(self.claimed & blanked)
        if not mine:
            return None
        reason = " ".join(self.reason.split())
        reason = reason if len(reason) <= 80 else reason[:79] + "…"
        day = self.at.strftime("%Y-%m-%d") if self.at is not None else "?"
        return (
            f"{_spans(mine)} blanked by purge #{self.seq} "
            f"({day}, by {self.actor}: {reason or 'no reason given'})"
        )


def verify_chain(db: Database, expected_head: tuple[int, str] | None = None) -> VerifyReport:
    """Walk the history in order and report the first problem in plain words."""
    entries = purged = 0
    prev_hash, prev_seq = GENESIS, 0
    blanked: list[Any] = []
    purges: list[_Purge] = []

    def bad(problem: str, seq: int | None) -> VerifyReport:
        return VerifyReport(False, entries, purged, problem, seq)

    for row in _rows(db):
        entries += 1
        if row.seq < 1:  # seqs are unique and read in order: only the first can be
            return bad(f"entry {row.seq} is out of place: the history starts at entry 1", row.seq)
        if row.seq != prev_seq + 1:
            missing = prev_seq + 1
            more = f" (and {row.seq - missing - 1} more)" if row.seq - missing > 1 else ""
            return bad(f"entry {missing} is missing{more}", missing)
        if row.prev_hash != prev_hash:
            return bad(
                f"{describe(row)} does not follow entry {prev_seq}: the chain was broken "
                "(an entry was removed, inserted or reordered)",
                row.seq,
            )
        if row.salt is None and row.changes is None and row.summary is None:
            purged += 1
            blanked.append(row)
        else:
            try:
                changes = json.loads(row.changes) if row.changes is not None else None
            except ValueError:
                return bad(f"{describe(row)} was altered: its content is not readable", row.seq)
            if row.salt is None or content_hash(row.salt, row.summary, changes) != row.content_hash:
                return bad(
                    f"{describe(row)} was altered: its content does not match its hash", row.seq
                )
            if row.action == "purge":
                claimed = _claimed(changes, row.seq)
                if claimed is None:
                    return bad(
                        f"{describe(row)} is a malformed purge entry: its list of blanked "
                        "entries is not a list of ranges of earlier entries",
                        row.seq,
                    )
                reason = changes.get("reason") if isinstance(changes, dict) else None
                purges.append(
                    _Purge(
                        row.seq,
                        row.at,
                        row.actor,
                        reason if isinstance(reason, str) else "",
                        claimed,
                    )
                )
        digest = entry_hash(
            row.seq,
            row.at,
            row.actor,
            row.action,
            row.entity,
            row.record_id,
            row.content_hash,
            row.prev_hash,
        )
        if digest != row.hash:
            return bad(f"{describe(row)} was altered: its details do not match its hash", row.seq)
        prev_hash, prev_seq = row.hash, row.seq
    explained: set[int] = set().union(*(p.claimed for p in purges))
    for row in blanked:
        if row.seq not in explained:
            return bad(f"{describe(row)} had its content removed outside a purge", row.seq)
    seqs = {row.seq for row in blanked}
    lines = tuple(line for p in purges if (line := p.line(seqs)) is not None)
    if expected_head is not None:
        seq, digest = expected_head
        if prev_seq < seq:
            return bad(
                f"the history ends at entry {prev_seq} but entry {seq} was noted as its head: "
                f"{seq - prev_seq} newest entries are gone",
                prev_seq + 1,
            )
        if _hash_at(db, seq) != digest:
            return bad(f"entry {seq} is not the one noted as the head (its hash differs)", seq)
    return VerifyReport(True, entries, purged, head=(prev_seq, prev_hash), purges=lines)


def _hash_at(db: Database, seq: int) -> str | None:
    from casetracker.models import AuditEntry

    with db.engine.connect() as conn:
        return conn.execute(select(AuditEntry.hash).where(AuditEntry.seq == seq)).scalar()


def current_head(db: Database) -> tuple[int, str]:
    """The newest entry's (seq, hash), to note somewhere else."""
    with db.engine.connect() as conn:
        return head(conn)


def parse_head(text: str) -> tuple[int, str]:
    """``SEQ:HASH`` as printed by ``audit head``."""
    from casetracker.errors import ValidationError

    seq, sep, digest = text.strip().partition(":")
    if not sep or not seq.isdigit() or len(digest) != 64:
        raise ValidationError.single("--expect-head", f"{text!r} is not SEQ:HASH")
    return int(seq), digest.lower()
