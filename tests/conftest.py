"""Test isolation: offscreen Qt, temporary settings and data folders, and a fresh
database per test on each backend (SQLite, and a real PostgreSQL server that the
test run starts itself)."""

from __future__ import annotations

import itertools
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from tests.pg_server import PostgresServer, PostgresUnavailable, start_postgres

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BACKENDS = ("sqlite", "postgresql")
_counter = itertools.count()
_outcomes: Counter[str] = Counter()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep the user's data, settings and logs out of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("CASETRACKER_DB", raising=False)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer | None]:
    if os.environ.get("CASETRACKER_TEST_NO_PG"):
        yield None
        return
    try:
        server = start_postgres()
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    try:
        yield server
    finally:
        server.stop()


def _admin(server: PostgresServer):
    return create_engine(server.url(), isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer | None) -> str | None:
    """A PostgreSQL database with the current schema, copied for each test."""
    if pg_server is None:
        return None
    from casetracker.db.schema import open_database

    admin = _admin(pg_server)
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE ct_template"))
    admin.dispose()
    db = open_database(make_url(pg_server.url("ct_template")), create=True)
    db.close()
    return "ct_template"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database at the current schema, copied for each test."""
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database

    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(resolve_url(str(path)), create=True)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def new_pg_database(server: PostgresServer, template: str | None) -> str:
    name = f"ct_{os.getpid()}_{next(_counter)}"
    admin = _admin(server)
    with admin.connect() as conn:
        clause = f" TEMPLATE {template}" if template else " TEMPLATE template0"
        conn.execute(text(f"CREATE DATABASE {name}{clause}"))
    admin.dispose()
    return server.url(name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database at the current schema, empty of records: a path or a URL."""
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "case.db"
        shutil.copyfile(template, path)
        return str(path)
    server = request.getfixturevalue("pg_server")
    return new_pg_database(server, request.getfixturevalue("pg_template"))


@pytest.fixture
def empty_db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no tables at all."""
    if backend == "sqlite":
        return str(tmp_path / "empty.db")
    return new_pg_database(request.getfixturevalue("pg_server"), None)


@pytest.fixture
def db(db_url: str):
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database

    database = open_database(resolve_url(db_url))
    yield database
    database.close()


@pytest.fixture
def services(db):
    from casetracker.services import Services

    return Services(db)


def url_of(target: str) -> URL:
    from casetracker.db.engine import resolve_url

    return resolve_url(target)


# ------------------------------------------------------------------ reporting
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call":
        return
    for backend in BACKENDS:
        if (
            f"[{backend}" in report.nodeid
            or f"-{backend}]" in report.nodeid
            or (f"-{backend}-" in report.nodeid)
        ):
            _outcomes[f"{backend} {report.outcome}"] += 1


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    parts = []
    for backend in BACKENDS:
        passed = _outcomes[f"{backend} passed"]
        failed = _outcomes[f"{backend} failed"]
        skipped = _outcomes[f"{backend} skipped"]
        parts.append(f"{backend}: {passed} passed, {failed} failed, {skipped} skipped")
    terminalreporter.write_line("database backends exercised — " + "; ".join(parts))
