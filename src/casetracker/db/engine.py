"""One engine factory for every backend: a SQLite path or a database URL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from casetracker.db.cipher import key_pragma as cipher_key_pragma
from casetracker.db.textmatch import register_functions
from casetracker.errors import DatabaseError

ENV_VAR = "CASETRACKER_DB"
SQLITE_BUSY_TIMEOUT_MS = 10_000
SUPPORTED_DRIVERS = ("sqlite", "postgresql")
#: page cache of an encrypted database's connections, in KB
ENCRYPTED_CACHE_KB = 65_536
#: execution option marking a connection whose transaction will write
WRITE_OPTION = "casetracker_write"
POSTGRESQL_ENCRYPTION = (
    "a PostgreSQL database is encrypted by its server, not by CaseTracker: use encrypted "
    "disks on the server and TLS to reach it (sslmode=require in the URL)"
)


def resolve_url(target: str | os.PathLike[str] | None, default: Path | None = None) -> URL:
    """Turn ``--db``/``CASETRACKER_DB``/the default path into a SQLAlchemy URL.

    A value containing ``://`` is a URL (``postgresql://`` uses psycopg 3);
    anything else is a path to a SQLite file.
    """
    raw = os.fspath(target) if target is not None else os.environ.get(ENV_VAR)
    if not raw:
        if default is None:
            raise DatabaseError("no database given: use --db PATH|URL or set CASETRACKER_DB")
        raw = os.fspath(default)
    if "://" not in raw:
        path = Path(raw).expanduser().resolve()
        return URL.create("sqlite+pysqlite", database=str(path))
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {raw!r}") from exc
    if url.get_backend_name() not in SUPPORTED_DRIVERS:
        raise DatabaseError(
            f"unsupported database {url.get_backend_name()!r}: use a SQLite path or postgresql://"
        )
    if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "psycopg2"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        url = url.set(database=str(Path(url.database).expanduser().resolve()))
    return url


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for memory/PostgreSQL."""
    if not is_sqlite(url) or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def make_engine(
    url: URL, *, foreign_keys: bool = True, key: bytes | None = None, **kwargs: Any
) -> Engine:
    """Create an engine with the settings CaseTracker relies on.

    SQLite: WAL journal, ``synchronous=FULL`` (an acknowledged commit survives
    power loss), foreign keys on (off only while migrating), a busy timeout, and
    explicit ``BEGIN`` so that transactions, DDL included, are real.

    With ``key`` (a raw 256-bit master key) the file is a SQLCipher database:
    every connection is keyed by its first statement and keeps temporary
    tables and sort files in memory, never in plain files.
    """
    if key is not None and not is_sqlite(url):
        raise DatabaseError(POSTGRESQL_ENCRYPTION)
    if is_sqlite(url):
        if key is not None:
            from sqlcipher3 import dbapi2

            kwargs["module"] = dbapi2
        engine = create_engine(url, **kwargs)

        if key is not None:
            statement = cipher_key_pragma(key)

            @event.listens_for(engine, "do_connect")
            def _keyed_connect(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
                connection = dialect.loaded_dbapi.connect(*cargs, **cparams)
                try:
                    connection.execute("PRAGMA cipher_log_level = NONE")
                    connection.execute(statement)  # the first statement on the file
                except BaseException:
                    connection.close()
                    raise
                return connection

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            if key is not None:
                cursor.execute("PRAGMA temp_store=MEMORY")
                # every page read from the file is decrypted and checked: keep more
                # of them decrypted in memory (64 MB) than SQLite's default 8 MB
                cursor.execute(f"PRAGMA cache_size=-{ENCRYPTED_CACHE_KB}")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            if url.database not in (None, "", ":memory:"):
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.close()
            register_functions(dbapi_connection)

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            # a write transaction takes the write lock at once: writers queue on the
            # busy timeout instead of failing when a read cannot upgrade to a write
            write = connection.get_execution_options().get(WRITE_OPTION)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def storage_problem(exc: SQLAlchemyError) -> str | None:
    """Plain words for a write refused by the storage (disk full, locked, read-only).

    The cause may sit under the error raised: on a full disk SQLite rolls the
    whole transaction back, so undoing the savepoint fails in turn.
    """
    seen: BaseException | None = exc
    text = ""
    while seen is not None:
        orig = getattr(seen, "orig", seen)
        text += f" {orig} {getattr(orig, 'sqlite_errorname', '')}".lower()
        seen = seen.__cause__ or seen.__context__
    # SHMSIZE: opening a WAL database whose -shm file finds no room on the disk
    if "disk is full" in text or "no space left" in text or "sqlite_ioerr_shmsize" in text:
        return "the disk is full; free some space and try again"
    if "database is locked" in text:
        return "the database is busy in another program; try again in a moment"
    if "readonly database" in text or "read-only" in text:
        return "the database file cannot be written (read-only); check its permissions"
    return None


def _locked_engine(url: URL) -> Engine:
    """An engine whose every connection attempt says the database is locked."""

    def refuse() -> Any:
        raise DatabaseError("the database is locked; unlock it with its passphrase first")

    from sqlalchemy.pool import NullPool

    return create_engine(url, creator=refuse, poolclass=NullPool)


class Database:
    """An open database: its URL, engine and session factory."""

    def __init__(self, url: URL, engine: Engine, key: bytes | None = None) -> None:
        self.url = url
        self.engine = engine
        #: the SQLCipher master key of an encrypted SQLite file (None: plain)
        self.key = key
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        from casetracker.search.sync import install  # the index follows every commit

        install(self.sessions)
        from casetracker.audit import recorder  # the history follows every commit

        self.actor: str = recorder.default_actor()  # the GUI may set a configured name
        recorder.install(self)
        self._current: ContextVar[Session | None] = ContextVar(f"session-{id(self)}", default=None)
        #: True between :meth:`lock` and :meth:`unlock`
        self.locked = False

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def describe(self) -> str:
        """Where the data is, without any password."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back on error.

        Nested calls (a service called inside another's transaction, or several
        service calls wrapped in one ``with db.transaction():``) join the outer
        transaction through a savepoint: the whole is all or nothing.
        """
        current = self._current.get()
        if current is not None:
            with current.begin_nested():
                yield current
            return
        try:
            with self.sessions() as session, session.begin():
                if self.is_sqlite:
                    session.connection(execution_options={WRITE_OPTION: True})
                token = self._current.set(session)
                try:
                    yield session
                finally:
                    self._current.reset(token)
        except OperationalError as exc:
            reason = storage_problem(exc)
            if reason is None:
                raise
            raise DatabaseError(f"nothing was saved: {reason}") from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads (inside a transaction: that transaction's session)."""
        current = self._current.get()
        if current is not None:
            yield current
            return
        with self.sessions() as session:
            yield session

    @property
    def in_transaction(self) -> bool:
        """True inside ``with db.transaction():`` on this thread."""
        return self._current.get() is not None

    def refresh_statistics(self) -> None:
        """Let the SQLite query planner know the tables' sizes (``ANALYZE``).

        Without statistics SQLite guesses join orders and index choices after a
        bulk load. PostgreSQL's autovacuum keeps its own statistics.
        """
        if self.is_sqlite:
            with self.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
            # each SQLite connection reads the statistics when it opens: start afresh
            self.engine.dispose()

    def lock(self) -> None:
        """Close every connection and forget the key (and the engine that holds a
        copy of it) until :meth:`unlock`; meanwhile every use fails with one
        clear message."""
        self.engine.dispose()
        self._bind(_locked_engine(self.url))
        self.key = None
        self.locked = True

    def unlock(self, key: bytes) -> None:
        """Open the locked database again with ``key`` (checked first)."""
        engine = make_engine(self.url, key=key)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master")
        except SQLAlchemyError as exc:
            engine.dispose()
            raise DatabaseError(f"that key does not open {self.describe()}") from exc
        self._bind(engine)
        self.key = key
        self.locked = False

    def _bind(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions.configure(bind=engine)

    def close(self) -> None:
        if self.is_sqlite and self.path is not None and not self.locked:
            # a planner hint: closing must not fail over it
            with suppress(SQLAlchemyError), self.engine.begin() as conn:
                # a bounded look at each table: optimize must not make closing slow
                conn.exec_driver_sql("PRAGMA analysis_limit=400")
                conn.exec_driver_sql("PRAGMA optimize")
        self.engine.dispose()
        self.key = None  # the engine keeps a copy until it is collected
