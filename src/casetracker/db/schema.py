"""Open a database at the code's schema revision: create, back up and upgrade, or refuse.

* A new (empty) database gets ``create_all`` and is stamped at the head revision.
* An older SQLite database is first copied to a timestamped backup beside it,
  then upgraded with foreign keys off.
* A database stamped with a revision this code does not know was written by a
  newer CaseTracker and is refused with a clear message.

Alembic is imported only here, and only when the revision must be checked.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

import casetracker.models  # noqa: F401  (registers every table)
from casetracker import paths
from casetracker.db import cipher
from casetracker.db.base import Base
from casetracker.db.engine import (
    POSTGRESQL_ENCRYPTION,
    Database,
    is_sqlite,
    make_engine,
    sqlite_path,
    storage_problem,
)
from casetracker.errors import DatabaseError, SchemaTooNewError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
VERSION_TABLE = "alembic_version"


def alembic_config(url: URL | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    if url is not None:
        config.set_main_option(
            "sqlalchemy.url", url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config


def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _head_from_files() or _script().get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


_REVISION_LINE = re.compile(r'^(down_revision|revision)\b[^=]*=\s*["\']([^"\']+)["\']', re.M)


def _head_from_files() -> str | None:
    """The head revision read from the migration files, without importing Alembic
    (which costs ~150 ms at every start); None when the files are not simple."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        for script in paths.migrations_dir().joinpath("versions").glob("*.py"):
            found = dict(_REVISION_LINE.findall(script.read_text(encoding="utf-8")))
            if "revision" not in found:
                return None
            revisions.add(found["revision"])
            if "down_revision" in found:
                parents.add(found["down_revision"])
    except OSError:
        return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


@dataclass(frozen=True)
class SchemaState:
    """Where a database stands against the code."""

    revision: str | None
    head: str
    empty: bool
    known: bool

    @property
    def current(self) -> bool:
        return self.revision == self.head


def schema_state(db: Database) -> SchemaState:
    head = head_revision()
    try:
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = None
            if VERSION_TABLE in tables:
                revision = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    except SQLAlchemyError as exc:
        if db.key is not None and "not a database" in _reason(exc):
            raise cipher.KeyRequired(f"that key does not open {db.describe()}") from exc
        reason = storage_problem(exc) or _reason(exc)
        raise DatabaseError(f"cannot read {db.describe()}: {reason}") from exc
    managed = tables - {VERSION_TABLE}
    empty = not managed and revision is None
    if not empty and revision is None:
        raise DatabaseError(f"{db.describe()} holds tables but is not a CaseTracker database")
    known = revision is None or revision == head or _is_known_revision(revision)
    return SchemaState(revision=revision, head=head, empty=empty, known=known)


def _is_known_revision(revision: str) -> bool:
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError

    try:
        return _script().get_revision(revision) is not None
    except (RevisionError, CommandError):
        return False


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).strip().splitlines()[0]


def copy_sqlite(
    source: Path, destination: Path, key: bytes | None = None, source_key: bytes | None = None
) -> None:
    """Copy a (possibly live) SQLite database into ``destination`` with the online
    backup API, replacing its content page by page in one transaction.

    With ``key`` both files are SQLCipher databases: the source is read with
    ``source_key`` (default: ``key``) and every page is written encrypted with
    ``key``. Plain files use the standard library's SQLite; encrypted ones
    SQLCipher (never both on one file at once: two SQLite libraries in one
    process do not see each other's locks).
    """
    if key is None:
        if source_key is not None:
            raise DatabaseError("an encrypted database cannot be copied into a plain file")
        src = sqlite3.connect(cipher.sqlite_uri(source, readonly=True), uri=True)
        try:
            dst = sqlite3.connect(destination)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        return
    with (
        cipher.connection(source, source_key or key, readonly=True) as src,
        cipher.connection(destination, key) as dst,
    ):
        src.backup(dst)


def copy_errors() -> tuple[type[Exception], ...]:
    from sqlcipher3 import dbapi2

    return (sqlite3.Error, dbapi2.Error)


def backup_sqlite(source: Path, destination: Path, key: bytes | None = None) -> Path:
    """Write a consistent copy of a live SQLite database to a new file.

    The copy is made under a temporary name and renamed when complete, so a
    file with the backup's name is always a whole backup. An encrypted
    database (``key``) is copied encrypted with the same key, its key file
    beside it: the same passphrase and recovery code open the backup.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    if destination.exists():
        raise DatabaseError(f"{destination} already exists; choose another name")
    handle, temp_name = tempfile.mkstemp(
        dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        if key is not None:
            temp.unlink()  # SQLCipher creates it: an empty file would not take the key
        copy_sqlite(source, temp, key)
        _make_self_contained(temp, key)
        if key is not None:
            cipher.copy_key_file(source, destination)
        os.replace(temp, destination)
    except copy_errors() as exc:
        cipher.remove_database_files(temp)
        raise DatabaseError(f"backup of {source} failed: {exc}") from exc
    except BaseException:
        cipher.remove_database_files(temp)
        raise
    return destination


def _make_self_contained(path: Path, key: bytes | None) -> None:
    """Rollback journal instead of WAL: a backup is one file, and reading it
    later (even read-only) leaves no -wal/-shm files beside it."""
    if key is None:
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
        return
    with cipher.connection(path, key) as encrypted:
        encrypted.execute("PRAGMA journal_mode=DELETE")


def timestamped_backup_path(db_path: Path, label: str) -> Path:
    """``<stem>.<label>-YYYYmmdd-HHMMSS.db`` beside the database; ``-2``, ``-3``…
    when that name is taken (two backups in one second)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = db_path.suffix or ".db"
    candidate = db_path.with_name(f"{db_path.stem}.{label}-{stamp}{suffix}")
    number = 1
    while candidate.exists() or cipher.key_file_path(candidate).exists():
        number += 1
        candidate = db_path.with_name(f"{db_path.stem}.{label}-{stamp}-{number}{suffix}")
    return candidate


def upgrade(db: Database, *, backup: bool = True) -> Path | None:
    """Bring the database to the head revision; returns the backup written, if any."""
    state = schema_state(db)
    if not state.known:
        raise SchemaTooNewError(
            f"{db.describe()} was written by a newer CaseTracker (schema {state.revision}); "
            "install a newer CaseTracker to open it"
        )
    if state.empty:
        create_schema(db)
        return None
    if state.current:
        return None
    backup_path = None
    path = db.path
    if backup and path is not None:
        backup_path = backup_sqlite(
            path, timestamped_backup_path(path, f"before-{state.head}"), db.key
        )
        log.info("backed up %s to %s before upgrading", path, backup_path)
    elif backup and not db.is_sqlite:
        raise DatabaseError(
            "upgrading a PostgreSQL database needs a backup first: run pg_dump, "
            "then `casetracker db upgrade --no-backup`"
        )
    _run_alembic_upgrade(db.url, "head", key=db.key)
    _build_search_index(db)
    if backup_path is not None:  # noted now: before, the history may not exist yet
        from casetracker.audit import try_record_action

        try_record_action(
            db,
            "backup",
            summary=f"backup before the upgrade to schema {state.head}, to {backup_path}",
            details={"path": backup_path, "from": state.revision, "to": state.head},
        )
    return backup_path


def _build_search_index(db: Database) -> None:
    """A database upgraded to the search index gets it built now, once."""
    from casetracker.services.search import SearchService

    report = SearchService(db).ensure_built()
    if report is not None:
        log.info("search index built: %d rows in %.1f s", report.rows, report.seconds)


def _run_alembic_upgrade(url: URL, revision: str, key: bytes | None = None) -> None:
    from alembic import command

    config = alembic_config(url)
    engine = make_engine(url, foreign_keys=not is_sqlite(url), key=key)
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            connection.commit()
    except SQLAlchemyError as exc:
        raise DatabaseError(f"upgrade failed, nothing changed: {_reason(exc)}") from exc
    except DatabaseError as exc:
        raise DatabaseError(f"upgrade failed, nothing changed: {exc}") from exc
    finally:
        engine.dispose()


def create_schema(db: Database) -> None:
    """Create every table on an empty database and stamp it at head."""
    from alembic.migration import MigrationContext

    head = head_revision()
    with db.engine.begin() as conn:
        Base.metadata.create_all(conn)
        context = MigrationContext.configure(conn)
        context.stamp(_script(), head)


def open_database(
    url: URL, *, create: bool = False, auto_upgrade: bool = True, key: bytes | None = None
) -> Database:
    """Open (and when asked, create) a database ready for the current code.

    ``key``: the master key of an encrypted SQLite file (see
    :func:`casetracker.db.cipher.unlock`); with ``create`` a new file is
    created encrypted with it.
    """
    path = sqlite_path(url)
    if key is not None and path is None:
        raise DatabaseError(_not_encryptable(url))
    if path is not None:
        if not path.exists() and not create:
            raise DatabaseError(f"no database at {path}; create one with `casetracker init`")
        _check_folder(path, create)
        if path.exists() and key is None and not _looks_like_sqlite(path):
            if cipher.key_file_path(path).is_file():
                raise cipher.KeyRequired(
                    f"{path} is encrypted: give its passphrase or recovery code"
                )
            raise DatabaseError(
                f"{path} is not a SQLite database (or it is encrypted and its key file "
                "is missing: give its recovery code)"
            )
        if key is not None and path.exists() and path.stat().st_size and _looks_like_sqlite(path):
            raise DatabaseError(f"{path} is not encrypted: open it without a key")
    db = Database(url, make_engine(url, key=key), key=key)
    try:
        state = schema_state(db)
        if state.empty and not create:
            raise DatabaseError(
                f"{db.describe()} is empty; create the schema with `casetracker init`"
            )
        if not state.known:
            raise SchemaTooNewError(
                f"{db.describe()} was written by a newer CaseTracker (schema {state.revision}); "
                "install a newer CaseTracker to open it"
            )
        if state.empty or (not state.current and auto_upgrade and db.is_sqlite):
            upgrade(db)
        elif not state.current:
            raise DatabaseError(
                f"{db.describe()} is at schema {state.revision}, the code needs {state.head}: "
                "run `casetracker db upgrade`"
            )
        else:  # an upgrade stopped (killed) after its migrations, before the index
            _build_search_index(db)
    except BaseException:
        db.close()
        raise
    return db


def _not_encryptable(url: URL) -> str:
    if is_sqlite(url):
        return "only a SQLite file can be encrypted, not an in-memory database"
    return POSTGRESQL_ENCRYPTION


def _check_folder(path: Path, create: bool) -> None:
    if not path.parent.is_dir():
        if create and path.parent == paths.data_dir():
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            raise DatabaseError(f"folder {path.parent} does not exist")


def create_encrypted_database(url: URL, passphrase: str) -> tuple[Database, cipher.RecoveryCode]:
    """A new SQLite database encrypted with a new master key, its key file
    unlocked by ``passphrase``; returns it open, and the recovery code to show once."""
    path = sqlite_path(url)
    if path is None:
        raise DatabaseError(_not_encryptable(url))
    cipher.check_passphrase_policy(passphrase)
    if path.exists() and path.stat().st_size > 0:
        raise DatabaseError(
            f"{path} already exists; make an encrypted copy of it with `casetracker db encrypt`"
        )
    key_file = cipher.key_file_path(path)
    if key_file.exists():
        raise DatabaseError(f"a key file {key_file} is already there; move it away first")
    _check_folder(path, create=True)
    code = cipher.create_key_file(path, passphrase)
    try:
        db = open_database(url, create=True, key=code.key)
    except BaseException:
        key_file.unlink(missing_ok=True)
        cipher.remove_database_files(path)
        raise
    return db, code


def _looks_like_sqlite(path: Path) -> bool:
    return path.stat().st_size == 0 or cipher.has_sqlite_header(path)
