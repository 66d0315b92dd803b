"""Checks, backups and restores, reported in plain words."""

from __future__ import annotations

import importlib.util
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from casetracker.db import cipher
from casetracker.db.engine import Database
from casetracker.db.schema import (
    VERSION_TABLE,
    backup_sqlite,
    copy_errors,
    copy_sqlite,
    head_revision,
    schema_state,
    timestamped_backup_path,
)
from casetracker.errors import DatabaseError


@dataclass
class CheckReport:
    """The outcome of ``db check``: one plain line per finding."""

    lines: list[str] = field(default_factory=list)
    ok: bool = True

    def good(self, line: str) -> None:
        self.lines.append(f"ok      {line}")

    def bad(self, line: str) -> None:
        self.ok = False
        self.lines.append(f"PROBLEM {line}")

    def note(self, line: str) -> None:
        """Worth knowing, not a fault."""
        self.lines.append(f"note    {line}")


def check(db: Database) -> CheckReport:
    """Integrity, references, schema revision, encryption and the history chain."""
    report = CheckReport()
    state = schema_state(db)
    if state.current:
        report.good(f"schema is current (revision {state.revision})")
    elif not state.known:
        report.bad(f"schema {state.revision} is newer than this CaseTracker")
    else:
        report.bad(f"schema {state.revision} is older than {state.head}: run `db upgrade`")
    with db.engine.connect() as conn:
        if db.is_sqlite:
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check")).fetchall()]
            if rows == ["ok"]:
                report.good("file integrity: no damage found")
            else:
                report.bad(f"file integrity: {len(rows)} problems, first: {rows[0]}")
            broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                tables = sorted({r[0] for r in broken})
                report.bad(
                    f"references: {len(broken)} records point at missing records "
                    f"(in {', '.join(tables)})"
                )
            else:
                report.good("references: every link points at an existing record")
            mode = conn.execute(text("PRAGMA journal_mode")).scalar()
            report.good(f"journal mode: {mode}")
            if db.key is not None:
                _check_encryption(db, conn, report)
        else:
            version = conn.execute(text("SHOW server_version")).scalar()
            report.good(f"PostgreSQL server {version} answers; references are enforced by it")
    if db.is_sqlite and db.key is None:
        report.note(
            "encryption: none; anyone who gets a copy of the file can read it "
            "(`casetracker db encrypt --out NEW` makes an encrypted copy)"
        )
    _check_history(db, report)
    return report


def _check_encryption(db: Database, conn: Any, report: CheckReport) -> None:
    version = conn.execute(text("PRAGMA cipher_version")).scalar() or "?"
    damaged = conn.execute(text("PRAGMA cipher_integrity_check")).fetchall()
    where = f"encrypted with SQLCipher {str(version).split()[0]} (AES-256)"
    if damaged:
        report.bad(f"{where}: {len(damaged)} pages fail their checksum (altered or damaged)")
    else:
        report.good(f"{where}: every page's checksum is intact")
    assert db.path is not None
    key_file = cipher.key_file_path(db.path)
    if not key_file.is_file():
        report.bad(
            f"key file {key_file.name} is missing: only the recovery code opens the database; "
            "set a passphrase again with `casetracker db passphrase`"
        )
        return
    try:
        cipher.read_key_file(key_file)
    except DatabaseError as exc:
        report.bad(str(exc))
    else:
        report.good(f"key file {key_file.name} present: the passphrase opens the database")


def _check_history(db: Database, report: CheckReport) -> None:
    """The audit chain's verdict, when this CaseTracker has one."""
    try:
        available = importlib.util.find_spec("casetracker.audit.verify") is not None
    except ModuleNotFoundError:
        available = False
    if not available:
        return
    from casetracker.audit.verify import verify_chain

    outcome = verify_chain(db)
    if outcome.ok:
        report.good(f"history: {outcome.entries} entries, none altered or missing")
    else:
        report.bad(f"history: {outcome.first_problem}")


def _replace_content(source: Path, source_key: bytes | None, path: Path, key: bytes | None) -> None:
    """Copy ``source`` over the database at ``path`` in one transaction (on
    failure the old content stays)."""
    if key is None or source_key is not None:
        copy_sqlite(source, path, key, source_key)
        return
    # a plain backup into an encrypted database: encrypt it first, beside the database
    staged = timestamped_backup_path(path, "restoring")
    try:
        cipher.export_copy(source, None, staged, key)
        copy_sqlite(staged, path, key)
    finally:
        cipher.remove_database_files(staged)


def backup(db: Database, out: Path | None = None) -> Path:
    """Copy a SQLite database consistently while it may be in use.

    An encrypted database is backed up encrypted with the same key, with its
    key file beside the backup (``<backup>.keys``).
    """
    path = db.path
    if path is None:
        raise DatabaseError("backups of a PostgreSQL database are made on the server: use pg_dump")
    destination = Path(out) if out else timestamped_backup_path(path, "backup")
    if destination.resolve() == path.resolve():
        raise DatabaseError("the backup cannot overwrite the database itself")
    if not destination.parent.is_dir():
        raise DatabaseError(f"folder {destination.parent} does not exist")
    written = backup_sqlite(path, destination, db.key)
    from casetracker.audit import try_record_action

    try_record_action(db, "backup", summary=f"backup to {written}", details={"path": written})
    return written


def backup_key(db: Database, source: Path, key: bytes | None = None) -> bytes | None:
    """The key that opens the backup ``source``: ``key`` if given, else the open
    database's own; None for a plain backup. Raises ``KeyRequired`` when neither
    opens an encrypted backup."""
    if not source.is_file():
        raise DatabaseError(f"no file at {source}")
    if not cipher.is_encrypted(source):
        return None
    if db.key is None:
        if cipher.key_file_path(source).is_file():
            raise DatabaseError(
                f"{source} is an encrypted backup and this database is not encrypted; "
                "open the backup itself with --db, or make an encrypted copy of this "
                "database first (`casetracker db encrypt`)"
            )
        raise DatabaseError(f"{source} is not a SQLite database")
    for candidate in (key,) if key is not None else (db.key,):
        if cipher.key_opens(source, candidate):
            return candidate
    if key is not None:
        raise cipher.KeyRequired(f"that key does not open {source}")
    if cipher.key_file_path(source).is_file():
        raise cipher.KeyRequired(
            f"{source} was encrypted with another key: give the passphrase it had when it "
            "was made, or its recovery code"
        )
    raise cipher.KeyRequired(
        f"{source} is not a SQLite database, or it is encrypted with another key "
        "(give its recovery code)"
    )


def _verify_backup_file(source: Path, key: bytes | None = None) -> str:
    """Check a file is a sound CaseTracker SQLite database; return its revision."""
    if not source.is_file():
        raise DatabaseError(f"no file at {source}")
    if key is not None:
        return _verify_encrypted_backup(source, key)
    if not cipher.has_sqlite_header(source):
        raise DatabaseError(f"{source} is not a SQLite database")
    try:
        conn = sqlite3.connect(cipher.sqlite_uri(source, readonly=True), uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in result] != ["ok"]:
                raise DatabaseError(f"{source} is damaged: {result[0][0]}")
            if conn.execute("PRAGMA foreign_key_check").fetchall():
                raise DatabaseError(f"{source} has records pointing at missing records")
            try:
                revision = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
            except sqlite3.OperationalError:
                revision = None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{source} cannot be read: {exc}") from exc
    if not revision:
        raise DatabaseError(f"{source} is not a CaseTracker database")
    return str(revision[0])


def _verify_encrypted_backup(source: Path, key: bytes) -> str:
    from sqlcipher3 import dbapi2

    try:
        with cipher.connection(source, key, readonly=True) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in result] != ["ok"]:
                raise DatabaseError(f"{source} is damaged: {result[0][0]}")
            if conn.execute("PRAGMA cipher_integrity_check").fetchall():
                raise DatabaseError(f"{source} is damaged: some pages fail their checksum")
            if conn.execute("PRAGMA foreign_key_check").fetchall():
                raise DatabaseError(f"{source} has records pointing at missing records")
            try:
                revision = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
            except dbapi2.OperationalError:
                revision = None
    except dbapi2.DatabaseError as exc:
        raise DatabaseError(f"{source} cannot be read: {exc}") from exc
    if not revision:
        raise DatabaseError(f"{source} is not a CaseTracker database")
    return str(revision[0])


def restore(db: Database, source: Path, key: bytes | None = None) -> Path:
    """Replace the open SQLite database with a verified backup.

    An encrypted backup is read with ``key``, else with the database's own key
    (see :func:`backup_key`); its content is written encrypted with the
    database's key, so the database's passphrase and recovery code still open
    it. An encrypted backup is never restored into a plain database. The
    current content is first saved beside it (encrypted if the database is);
    returns that safety copy.
    """
    path = db.path
    if path is None:
        raise DatabaseError("restoring a PostgreSQL database is done on the server (pg_restore)")
    source = Path(source)
    if source.resolve() == path.resolve():
        raise DatabaseError("that file is the open database itself")
    source_key = backup_key(db, source, key)
    revision = _verify_backup_file(source, source_key)
    from casetracker.db.schema import _is_known_revision

    if not _is_known_revision(revision):
        raise DatabaseError(
            f"{source} was written by a newer CaseTracker (schema {revision}); cannot restore"
        )
    safety = backup_sqlite(path, timestamped_backup_path(path, "before-restore"), db.key)
    db.engine.dispose()
    try:
        _replace_content(source, source_key, path, db.key)
    except copy_errors() as exc:
        raise DatabaseError(f"restore failed, the database is unchanged: {exc}") from exc
    if revision != head_revision():
        from casetracker.db.schema import upgrade

        upgrade(db)
    from casetracker.audit import try_record_action

    try_record_action(  # the copy of what was there, noted in what is there now
        db,
        "backup",
        summary=f"backup before a restore, to {safety}",
        details={"path": safety, "before": "restore"},
    )
    try_record_action(
        db, "restore", summary=f"restored from {source}", details={"from": source, "safety": safety}
    )
    return safety
