"""Upgrades keep every row: a populated database at each older revision upgrades
to head with every child row still there, and an upgrade that fails part-way
leaves the database at its old revision (all migrations are one transaction)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from casetracker.db.engine import Database, make_engine, resolve_url
from casetracker.db.schema import alembic_config, head_revision, open_database, upgrade
from casetracker.errors import DatabaseError
from casetracker.interchange import import_document
from tests.crash_helpers import CHILD_TABLES, MARKER, synthetic_document
from tests.test_migrations import _alembic

#: tables a migration creates or derives: not compared
NEW_OR_DERIVED = {"search_documents", "audit_log", "alembic_version", "sqlite_stat1"}


def _older_revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    return sorted(r.revision for r in script.walk_revisions() if r.revision != head)


def _counts(db: Database) -> dict[str, int]:
    from sqlalchemy import inspect

    with db.engine.connect() as conn:
        names = [
            n
            for n in inspect(conn).get_table_names()
            if n not in NEW_OR_DERIVED and not n.startswith("search_fts")
        ]
        return {n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names}


def _populated_at(db_url: str, revision: str, units: int) -> dict[str, int]:
    """Fill a database at head with ``units`` detainees and letters (17 rows each),
    take it down to ``revision``; return its row counts there."""
    url = resolve_url(db_url)
    db = open_database(url, create=True)
    try:
        import_document(db, synthetic_document(units))
    finally:
        db.close()
    _alembic(db_url, ("downgrade", revision))
    db = Database(url, make_engine(url))
    try:
        return _counts(db)
    finally:
        db.close()


@pytest.mark.parametrize("revision", _older_revisions())
def test_upgrade_from_each_revision_keeps_every_child_row(db_url, backend, revision):
    document_counts = {n: len(r) for n, r in synthetic_document(40)["collections"].items()}
    before = _populated_at(db_url, revision, 40)
    for table in CHILD_TABLES:  # the downgrade kept them too
        assert before[table] == document_counts[table], table
    url = resolve_url(db_url)
    if backend == "sqlite":
        db = open_database(url)  # backs up, then upgrades
    else:
        db = Database(url, make_engine(url))
        upgrade(db, backup=False)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                head_revision()
            )
        after = _counts(db)
        assert {t: after[t] for t in before} == before
        from casetracker.services import Services

        hits = Services(db).search.search(MARKER, types=["letter"], limit=100).hits
        assert len(hits) == 40  # the index was built from the records kept
    finally:
        db.close()


def test_an_upgrade_failing_part_way_changes_nothing(tmp_path: Path):
    """Several migrations to run and the last one fails: none of them stays
    applied (one transaction for them all), so "nothing changed" is true."""
    script = ScriptDirectory.from_config(alembic_config())
    revisions = [r.revision for r in script.walk_revisions()]  # head first
    last, start = revisions[0], revisions[2]  # at least two migrations to run
    path = tmp_path / "case.db"
    before = _populated_at(str(path), start, 20)
    source = Path(script.get_revision(last).path).read_text(encoding="utf-8")
    created = re.findall(r'op\.create_table\(\s*"(\w+)"', source)
    assert created, f"migration {last} creates no table: make it fail another way"
    with sqlite3.connect(path) as conn:  # in the way of the last migration
        conn.execute(f'CREATE TABLE "{created[0]}" (obstacle INTEGER)')
        schema = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    with pytest.raises(DatabaseError, match="upgrade failed, nothing changed"):
        open_database(resolve_url(str(path)))
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (start,)
        assert sorted(conn.execute("SELECT type, name, sql FROM sqlite_master")) == sorted(schema)
    db = Database(resolve_url(str(path)), make_engine(resolve_url(str(path))))
    try:
        assert {t: n for t, n in _counts(db).items() if t in before} == before
    finally:
        db.close()
