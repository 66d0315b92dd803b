"""Checks, backups and restores, reported in plain words."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from casetracker.db.engine import Database
from casetracker.db.schema import (
    VERSION_TABLE,
    backup_sqlite,
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


def check(db: Database) -> CheckReport:
    """Integrity, references and schema revision."""
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
        else:
            version = conn.execute(text("SHOW server_version")).scalar()
            report.good(f"PostgreSQL server {version} answers; references are enforced by it")
    return report


def backup(db: Database, out: Path | None = None) -> Path:
    """Copy a SQLite database consistently while it may be in use."""
    path = db.path
    if path is None:
        raise DatabaseError("backups of a PostgreSQL database are made on the server: use pg_dump")
    destination = Path(out) if out else timestamped_backup_path(path, "backup")
    if destination.resolve() == path.resolve():
        raise DatabaseError("the backup cannot overwrite the database itself")
    if not destination.parent.is_dir():
        raise DatabaseError(f"folder {destination.parent} does not exist")
    return backup_sqlite(path, destination)


def _verify_backup_file(source: Path) -> str:
    """Check a file is a sound CaseTracker SQLite database; return its revision."""
    if not source.is_file():
        raise DatabaseError(f"no file at {source}")
    with source.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise DatabaseError(f"{source} is not a SQLite database")
    try:
        conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
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


def restore(db: Database, source: Path) -> Path:
    """Replace the open SQLite database with a verified backup.

    The current content is first saved beside it; returns that safety copy.
    """
    path = db.path
    if path is None:
        raise DatabaseError("restoring a PostgreSQL database is done on the server (pg_restore)")
    source = Path(source)
    if source.resolve() == path.resolve():
        raise DatabaseError("that file is the open database itself")
    revision = _verify_backup_file(source)
    from casetracker.db.schema import _is_known_revision

    if not _is_known_revision(revision):
        raise DatabaseError(
            f"{source} was written by a newer CaseTracker (schema {revision}); cannot restore"
        )
    safety = backup_sqlite(path, timestamped_backup_path(path, "before-restore"))
    db.engine.dispose()
    try:
        copy_sqlite(source, path)  # one transaction: on failure the old content stays
    except sqlite3.Error as exc:
        raise DatabaseError(f"restore failed, the database is unchanged: {exc}") from exc
    if revision != head_revision():
        from casetracker.db.schema import upgrade

        upgrade(db)
    return safety
