"""Helpers for the crash, full-disk and multi-process tests (and bench/crash_runs.py):
a synthetic interchange document with many child rows, row counts read straight
from the file, the ``casetracker`` command as a subprocess, and a SIGKILL timed to
land while that subprocess writes."""

from __future__ import annotations

import fcntl
import json
import os
import random
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: a word found only in the records of the synthetic document
MARKER = "quokkafern"
#: tables of the search engine and SQLite itself, left out of row counts
_DERIVED = ("search_fts", "sqlite_")
#: the parent tables whose children must survive a migration
CHILD_TABLES = (
    "asks",
    "letter_signatories",
    "letter_detentions",
    "charges",
    "hearings",
    "detention_status_changes",
    "person_names",
    "events",
)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def synthetic_document(units: int, *, seed: int = 7, marker: str = MARKER) -> dict[str, Any]:
    """An interchange document of ``units`` detainees, each with a detention (two
    charges, two hearings, two status changes), a name variant, an event and a
    letter (three asks, two signatories, the detention linked): 17 rows a unit."""
    rng = random.Random(seed)
    c: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in (
            "people",
            "person_names",
            "detentions",
            "charges",
            "hearings",
            "detention_status_changes",
            "events",
            "letters",
            "asks",
            "letter_signatories",
            "letter_detentions",
        )
    }
    for n in range(units):
        person, detention, letter = _uuid(rng), _uuid(rng), _uuid(rng)
        name = f"Detainee{n} {marker.capitalize()}{n % 97}"
        c["people"].append(
            {"id": person, "display_name": name, "sort_name": name.lower(), "gender": "male"}
        )
        c["person_names"].append(
            {"id": _uuid(rng), "person_id": person, "name": f"Alias{n}", "kind": "alias"}
        )
        c["detentions"].append(
            {
                "id": detention,
                "person_id": person,
                "category": "prisoner_of_war",
                "status": "detained",
                "captured_on": f"2023-{1 + n % 12:02d}",
                "summary": f"Held since 2023; case {n} of the {marker} set.",
            }
        )
        for k in range(2):
            c["charges"].append(
                {"id": _uuid(rng), "detention_id": detention, "description": f"Charge {k} of {n}"}
            )
            c["hearings"].append(
                {"id": _uuid(rng), "detention_id": detention, "description": f"Hearing {k}"}
            )
            c["detention_status_changes"].append(
                {
                    "id": _uuid(rng),
                    "detention_id": detention,
                    "status": ("detained", "on_trial")[k],
                    "changed_on": f"2024-{1 + k:02d}",
                }
            )
        c["events"].append(
            {"id": _uuid(rng), "kind": "other", "title": f"Visit {n}", "detention_id": detention}
        )
        c["letters"].append(
            {
                "id": letter,
                "title": f"Letter {n} about the {marker} detainees",
                "direction": "outgoing",
                "sent_on": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "body": f"We ask for the release of detainee {n}. " * 4,
            }
        )
        for k in range(3):
            c["asks"].append(
                {"id": _uuid(rng), "letter_id": letter, "ordinal": k, "text": f"Ask {k} for {n}"}
            )
        signers = [person, c["people"][n - 1]["id"]] if n else [person]
        for k, signer in enumerate(signers):
            c["letter_signatories"].append(
                {"id": _uuid(rng), "letter_id": letter, "person_id": signer, "ordinal": k}
            )
        c["letter_detentions"].append({"letter_id": letter, "detention_id": detention})
    return {"format": "casetracker-interchange", "format_version": 1, "collections": c}


def document_counts(document: dict[str, Any]) -> dict[str, int]:
    return {name: len(rows) for name, rows in document["collections"].items()}


def write_document(document: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


# ---------------------------------------------------------------------- reading the file
def connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection (it recovers the WAL a killed process left)."""
    return sqlite3.connect(path, timeout=30)


def row_counts(path: Path) -> dict[str, int]:
    """Rows of every table but the search engine's own, read with plain sqlite3."""
    conn = connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(_DERIVED)
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` and ``foreign_key_check``; ``[]`` when sound."""
    conn = connect(path)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else rows
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"broken reference in {r[0]}" for r in broken[:5]]
        return problems
    finally:
        conn.close()


def search_problems(path: Path) -> list[str]:
    """The search index against the records: FTS5 agrees with its content table,
    and every letter and detainee has exactly one main document."""
    conn = connect(path)
    try:
        problems = []
        try:
            conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"fts: {exc}")
        for table, doc_type in (("letters", "letter"), ("detentions", "detainee")):
            records = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            documents = conn.execute(
                "SELECT count(*) FROM search_documents WHERE doc_type = ? AND part = 0",
                (doc_type,),
            ).fetchone()[0]
            if records != documents:
                problems.append(f"{records} {table} but {documents} {doc_type} documents")
        return problems
    finally:
        conn.close()


def marker_hits(path: Path, marker: str = MARKER) -> int:
    """Index entries whose words hold ``marker``, through FTS5."""
    conn = connect(path)
    try:
        return int(
            conn.execute(
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (marker,)
            ).fetchone()[0]
        )
    finally:
        conn.close()


def checkpoint(path: Path) -> None:
    """Fold the WAL into the file and empty it, so that its growth marks new writes."""
    conn = connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def revision(path: Path) -> str | None:
    conn = connect(path)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        conn.close()


# ---------------------------------------------------------------------- the command
def cli(db: Path | str, *args: str) -> list[str]:
    return [sys.executable, "-m", "casetracker", "--db", str(db), *args]


def run_cli(db: Path | str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli(db, *args), capture_output=True, text=True, timeout=timeout, check=False
    )


@dataclass(frozen=True)
class KillOutcome:
    """What happened to a subprocess we meant to kill mid-write."""

    killed: bool  # SIGKILL landed while it was still running
    returncode: int
    seconds: float  # from its start to the kill (or to its own end)
    stderr: str


def wal_of(db: Path) -> Path:
    return db.with_name(db.name + "-wal")


def file_grown(path: Path, size: int) -> Callable[[], bool]:
    """True once ``path`` (a WAL: the write has begun) holds more than ``size`` bytes."""

    def ready() -> bool:
        try:
            return path.stat().st_size > size
        except FileNotFoundError:
            return False

    return ready


#: the WAL write lock: one byte of the -shm file, held by SQLite from the start of a
#: write transaction (``BEGIN IMMEDIATE``) to its end, as a POSIX record lock
_WAL_WRITE_LOCK = 120
_FLOCK = "hhqqi4x"  # struct flock on Linux x86-64 / arm64: type, whence, start, len, pid


def write_locked(db: Path) -> Callable[[], bool]:
    """True while some process holds the database's WAL write lock: a write
    transaction is open, whether or not it has written a page yet. Asked with
    ``F_GETLK``, which takes no lock and does not disturb the writer."""
    shm = db.with_name(db.name + "-shm")

    def ready() -> bool:
        try:
            fd = os.open(shm, os.O_RDONLY)
        except FileNotFoundError:
            return False
        try:
            probe = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, _WAL_WRITE_LOCK, 1, 0)
            answer = fcntl.fcntl(fd, fcntl.F_GETLK, probe)
            return struct.unpack(_FLOCK, answer)[0] != fcntl.F_UNLCK
        finally:
            os.close(fd)

    return ready


def file_appeared(folder: Path, pattern: str) -> Callable[[], bool]:
    """True once a file matching ``pattern`` exists in ``folder`` (a backup begun)."""
    return lambda: any(folder.glob(pattern))


def run_and_kill(
    command: list[str], ready: Callable[[], bool], *, delay: float, timeout: float = 60
) -> KillOutcome:
    """Start ``command``; once ``ready()`` (it has begun writing), wait ``delay``
    seconds more, then SIGKILL it if it is still running."""
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while proc.poll() is None and not ready():
            if time.monotonic() - start > timeout:
                raise AssertionError(f"{command} never began to write")
            time.sleep(0.002)
        deadline = time.monotonic() + delay
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        killed = proc.poll() is None
        if killed:
            os.kill(proc.pid, signal.SIGKILL)
        seconds = time.monotonic() - start
        _out, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return KillOutcome(killed, proc.returncode, seconds, err)


# ---------------------------------------------------------------------- after a kill
#: tables not compared row for row after an import: derived, or the history itself
NOT_COMPARED = frozenset({"search_documents", "audit_log", "sqlite_stat1"})


@dataclass
class Verdict:
    """What a killed write left behind: ``outcome`` is "committed" or "rolled back";
    ``problems`` lists everything found wrong (empty when all is well)."""

    outcome: str = "unknown"
    problems: list[str] = field(default_factory=list)


def import_verdict(
    path: Path, before: dict[str, int], added: dict[str, int], *, marker: str = MARKER
) -> Verdict:
    """All or nothing: the counts are exactly those before, or exactly before + added;
    the file is sound; the search index agrees with the records."""
    verdict = Verdict()
    verdict.problems += integrity(path)
    now = row_counts(path)
    after = {t: n + added.get(t, 0) for t, n in before.items()}
    compared = {t: n for t, n in now.items() if t not in NOT_COMPARED}
    if compared == {t: n for t, n in before.items() if t not in NOT_COMPARED}:
        verdict.outcome = "rolled back"
        if marker_hits(path, marker):
            verdict.problems.append("the index finds imported words that were rolled back")
        if now.get("audit_log", 0) != before.get("audit_log", 0):
            verdict.problems.append("the history holds entries of a rolled-back import")
    elif compared == {t: n for t, n in after.items() if t not in NOT_COMPARED}:
        verdict.outcome = "committed"
        if not marker_hits(path, marker):
            verdict.problems.append("the index misses the imported records")
    else:
        verdict.outcome = "partial"
        changed = {t: (before.get(t), n) for t, n in compared.items() if before.get(t) != n}
        verdict.problems.append(f"counts neither before nor after: {changed}")
    verdict.problems += search_problems(path)
    return verdict


def chain_problem(path: Path) -> str | None:
    """The history's hash chain checked by the application; None when intact."""
    from casetracker.audit.verify import verify_chain
    from casetracker.db.engine import Database, make_engine, resolve_url

    url = resolve_url(str(path))
    db = Database(url, make_engine(url))
    try:
        result = verify_chain(db)
        return None if result.ok else str(result.first_problem)
    finally:
        db.engine.dispose()


def letters_document(count: int, *, seed: int = 11) -> dict[str, Any]:
    """An interchange document of ``count`` letters and nothing else."""
    rng = random.Random(seed)
    letters = [
        {"id": _uuid(rng), "title": f"Letter {n} to the ministry", "direction": "outgoing"}
        for n in range(count)
    ]
    return {
        "format": "casetracker-interchange",
        "format_version": 1,
        "collections": {"letters": letters},
    }


def command_here(path: Path, *args: str) -> tuple[int, str]:
    """``casetracker --db PATH ARGS…`` run in this process: exit status and output."""
    import contextlib
    import io

    from casetracker.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(["--db", str(path), *args])
    return status, out.getvalue()


def db_check(path: Path) -> tuple[int, str]:
    """``casetracker db check`` and ``casetracker audit verify``: both must pass."""
    status, report = command_here(path, "db", "check")
    chain_status, chain_report = command_here(path, "audit", "verify")
    return max(status, chain_status), report + chain_report


# ---------------------------------------------------------------------- the scenarios
def build_import_base(path: Path) -> dict[str, int]:
    """A new database at ``path`` holding a few records of its own (and their
    history), checkpointed; returns its row counts."""
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database
    from casetracker.services import Services

    db = open_database(resolve_url(str(path)), create=True)
    try:
        services = Services(db)
        services.people.create(display_name="Anahit Petrosyan")
        letter = services.letters.create(title="Before the import")
        services.letters.add_ask(letter.id, "Release Anahit Petrosyan")
        services.letters.update(letter.id, letter.version, notes="sent by post")
    finally:
        db.close()
    checkpoint(path)
    return row_counts(path)


BULK_WORD = "zebrawords"


def build_bulk_base(path: Path, count: int) -> Path:
    """A new database at ``path`` with ``count`` letters, checkpointed; returns
    a file listing their ids, one a line."""
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database
    from casetracker.interchange import import_document

    db = open_database(resolve_url(str(path)), create=True)
    try:
        import_document(db, letters_document(count))
    finally:
        db.close()
    checkpoint(path)
    ids_file = path.with_suffix(".ids")
    conn = connect(path)
    try:
        ids_file.write_text("\n".join(r[0] for r in conn.execute("SELECT id FROM letters")))
    finally:
        conn.close()
    return ids_file


def bulk_command(path: Path, ids_file: Path) -> list[str]:
    """Set the notes of every letter listed in ``ids_file`` to BULK_WORD, in one go."""
    return cli(path, "bulk-set", "letter", "notes", BULK_WORD, "--ids-file", str(ids_file))


def bulk_verdict(path: Path, count: int, history_before: int) -> Verdict:
    """All or none of the ``count`` letters changed (value, version, index, history)."""
    verdict = Verdict(problems=integrity(path) + search_problems(path))
    conn = connect(path)
    try:
        changed = conn.execute(
            "SELECT count(*) FROM letters WHERE notes = ?", (BULK_WORD,)
        ).fetchone()[0]
        bumped = conn.execute("SELECT count(*) FROM letters WHERE version = 2").fetchone()[0]
        history = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        conn.close()
    hits = marker_hits(path, BULK_WORD)
    if (changed, bumped, hits, history) == (0, 0, 0, history_before):
        verdict.outcome = "rolled back"
    elif (changed, bumped, hits) == (count, count, count) and history >= history_before + count:
        verdict.outcome = "committed"
    else:
        verdict.outcome = "partial"
        verdict.problems.append(
            f"{changed} changed, {bumped} at version 2, {hits} indexed, "
            f"{history - history_before} history entries, of {count}"
        )
    return verdict


def history_rows(path: Path) -> int:
    conn = connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    finally:
        conn.close()


def build_old_populated(path: Path, units: int, old_revision: str) -> dict[str, int]:
    """A database at ``old_revision`` holding ``units`` detainees and letters with
    their children (17 rows a unit), checkpointed; returns the child row counts."""
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database
    from casetracker.interchange import import_document
    from tests.test_migrations import _alembic

    db = open_database(resolve_url(str(path)), create=True)
    try:
        import_document(db, synthetic_document(units))
    finally:
        db.close()
    _alembic(str(path), ("downgrade", old_revision))
    checkpoint(path)
    assert revision(path) == old_revision
    counts = row_counts(path)
    return {t: counts[t] for t in CHILD_TABLES}


def migration_verdict(path: Path, old_revision: str, children: dict[str, int]) -> Verdict:
    """Read-only first: a sound file at the old revision or at head (never between)
    with every child row; then the next start finishes the upgrade, children kept,
    search index built."""
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import head_revision, open_database
    from casetracker.services import Services

    head = head_revision()
    verdict = Verdict()
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        checked = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if checked != ["ok"]:
            verdict.problems.append(f"integrity: {checked[:3]}")
        (at,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        kept = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in children}
        indexed = at == head and conn.execute("SELECT count(*) FROM search_documents").fetchone()[0]
    finally:
        conn.close()
    verdict.outcome = {old_revision: "rolled back", head: "committed"}.get(at, "partial")
    if verdict.outcome == "committed" and not indexed:
        verdict.outcome = "committed, no index yet"
    if verdict.outcome == "partial":
        verdict.problems.append(f"left at revision {at}, between {old_revision} and {head}")
    if kept != children:
        verdict.problems.append(f"children lost: {kept} != {children}")
    db = open_database(resolve_url(str(path)))  # the next start: upgrade finished
    try:
        if not Services(db).search.search(MARKER, types=["letter"], limit=5).hits:
            verdict.problems.append("after the next start the search finds nothing")
    finally:
        db.close()
    if revision(path) != head:
        verdict.problems.append("the next start did not upgrade")
    verdict.problems += integrity(path) + search_problems(path)
    counts = row_counts(path)
    if {t: counts[t] for t in children} != children:
        verdict.problems.append("children lost by the finished upgrade")
    return verdict
