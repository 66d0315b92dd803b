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
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError, SQLAlchemyError

import casetracker.models  # noqa: F401  (registers every table)
from casetracker import paths
from casetracker.db.base import Base
from casetracker.db.engine import Database, is_sqlite, make_engine, sqlite_path
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
    except OperationalError as exc:
        raise DatabaseError(f"cannot read {db.describe()}: {_reason(exc)}") from exc
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot read {db.describe()}: {_reason(exc)}") from exc
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


def copy_sqlite(source: Path, destination: Path) -> None:
    """Copy a (possibly live) SQLite database into ``destination`` with the online
    backup API, replacing its content page by page in one transaction."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Write a consistent copy of a live SQLite database to a new file."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if destination.exists():
        raise DatabaseError(f"{destination} already exists; choose another name")
    try:
        copy_sqlite(source, destination)
    except sqlite3.Error as exc:
        destination.unlink(missing_ok=True)
        raise DatabaseError(f"backup of {source} failed: {exc}") from exc
    return destination


def timestamped_backup_path(db_path: Path, label: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"{db_path.stem}.{label}-{stamp}{db_path.suffix or '.db'}")


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
        backup_path = backup_sqlite(path, timestamped_backup_path(path, f"before-{state.head}"))
        log.info("backed up %s to %s before upgrading", path, backup_path)
    elif backup and not db.is_sqlite:
        raise DatabaseError(
            "upgrading a PostgreSQL database needs a backup first: run pg_dump, "
            "then `casetracker db upgrade --no-backup`"
        )
    _run_alembic_upgrade(db.url, "head")
    _build_search_index(db)
    return backup_path


def _build_search_index(db: Database) -> None:
    """A database upgraded to the search index gets it built now, once."""
    from casetracker.services.search import SearchService

    report = SearchService(db).ensure_built()
    if report is not None:
        log.info("search index built: %d rows in %.1f s", report.rows, report.seconds)


def _run_alembic_upgrade(url: URL, revision: str) -> None:
    from alembic import command

    config = alembic_config(url)
    engine = make_engine(url, foreign_keys=not is_sqlite(url))
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


def open_database(url: URL, *, create: bool = False, auto_upgrade: bool = True) -> Database:
    """Open (and when asked, create) a database ready for the current code."""
    path = sqlite_path(url)
    if path is not None:
        if not path.exists() and not create:
            raise DatabaseError(f"no database at {path}; create one with `casetracker init`")
        if not path.parent.is_dir():
            if create and path.parent == paths.data_dir():
                path.parent.mkdir(parents=True, exist_ok=True)
            else:
                raise DatabaseError(f"folder {path.parent} does not exist")
        if path.exists() and not _looks_like_sqlite(path):
            raise DatabaseError(f"{path} is not a SQLite database (or it is encrypted)")
    db = Database(url, make_engine(url))
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
    except BaseException:
        db.close()
        raise
    return db


def _looks_like_sqlite(path: Path) -> bool:
    if path.stat().st_size == 0:
        return True
    with path.open("rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"
