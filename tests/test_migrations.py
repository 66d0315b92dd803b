"""Migrations: one head, upgrade from empty equals the models, down/up, data kept,
backups before upgrading, and newer databases refused."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import inspect, text

from casetracker.db.engine import Database, make_engine, resolve_url
from casetracker.db.schema import alembic_config, head_revision, open_database, upgrade
from casetracker.errors import DatabaseError, SchemaTooNewError


def _alembic(url_text: str, *steps: tuple[str, str]) -> None:
    """Run alembic commands the way `casetracker db upgrade` does."""
    url = resolve_url(url_text)
    config = alembic_config(url)
    engine = make_engine(url, foreign_keys=url.get_backend_name() != "sqlite")
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        for action, revision in steps:
            getattr(command, action)(config, revision)
        connection.commit()
    engine.dispose()


def test_single_head():
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    assert script.get_current_head() == head_revision()


def test_upgrade_from_empty_matches_models_and_down_up(empty_db_url):
    _alembic(empty_db_url, ("upgrade", "head"))
    url = resolve_url(empty_db_url)
    config = alembic_config(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.check(config)  # raises if models and migrations disagree
    engine.dispose()
    _alembic(empty_db_url, ("downgrade", "base"), ("upgrade", "head"))
    engine = make_engine(url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"people", "letters", "asks", "sanction_requests", "alembic_version"} <= tables


def _populate_at_0001(url_text: str) -> None:
    """A database at revision 0001 holding a person with child rows (ON DELETE CASCADE)."""
    _alembic(url_text, ("upgrade", "0001"))
    engine = make_engine(resolve_url(url_text))
    now = "2025-01-01 00:00:00+00:00"
    common = {"c": now, "u": now}
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO people (id, display_name, gender, created_at, updated_at, version,"
                " sensitivity, is_demo) VALUES (:id, :n, 'male', :c, :u, 1, 'public', false)"
            ),
            {"id": "11111111111111111111111111111111", "n": "Thomas H. Kean, Jr.", **common}
            if engine.dialect.name == "sqlite"
            else {
                "id": "11111111-1111-1111-1111-111111111111",
                "n": "Thomas H. Kean, Jr.",
                **common,
            },
        )
        pid = conn.execute(text("SELECT id FROM people")).scalar()
        for n, name in enumerate(["Tom Kean", "Թոմաս Քին"]):
            conn.execute(
                text(
                    "INSERT INTO person_names (id, person_id, ordinal, name, kind, created_at,"
                    " updated_at, version, sensitivity, is_demo) VALUES (:id, :p, :o, :n,"
                    " 'alias', :c, :u, 1, 'public', false)"
                ),
                {
                    "id": f"2222222222222222222222222222222{n}"
                    if engine.dialect.name == "sqlite"
                    else f"22222222-2222-2222-2222-22222222222{n}",
                    "p": pid,
                    "o": n,
                    "n": name,
                    **common,
                },
            )
    engine.dispose()


def test_upgrade_keeps_child_rows_and_backs_up_first(empty_db_url, backend):
    _populate_at_0001(empty_db_url)
    url = resolve_url(empty_db_url)
    if backend == "sqlite":
        db = open_database(url)  # an older SQLite database is backed up, then upgraded
        backups = list(db.path.parent.glob("empty.before-*.db"))
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as old:
            assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert old.execute("SELECT count(*) FROM person_names").fetchone() == (2,)
    else:
        with pytest.raises(DatabaseError, match="run `casetracker db upgrade`"):
            open_database(url)
        db = Database(url, make_engine(url))
        with pytest.raises(DatabaseError, match="pg_dump"):
            upgrade(db)
        assert upgrade(db, backup=False) is None
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM person_names")).scalar() == 2
        assert conn.execute(text("SELECT sort_name FROM people")).scalar() == ("kean thomas h. jr.")
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            head_revision()
        )
    # the search index (0006) was built from the records already there
    from casetracker.services import Services

    (hit,) = Services(db).search.search("Քին").hits
    assert (hit.type, hit.title) == ("person", "Thomas H. Kean, Jr.")
    db.close()


def test_failed_migration_changes_nothing(tmp_path):
    """A broken reference found after the table rebuild rolls the migration back."""
    path = tmp_path / "broken.db"
    _populate_at_0001(str(path))
    with sqlite3.connect(path) as conn:  # plant an orphan: foreign keys are off by default
        conn.execute(
            "UPDATE person_names SET person_id = 'ffffffffffffffffffffffffffffffff'"
            " WHERE ordinal = 1"
        )
    with pytest.raises(DatabaseError, match="upgrade failed, nothing changed"):
        open_database(resolve_url(str(path)))
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        columns = [r[1] for r in conn.execute("PRAGMA table_info(people)")]
        assert "sort_name" not in columns


def test_newer_database_is_refused(db_url):
    url = resolve_url(db_url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(SchemaTooNewError, match="newer CaseTracker"):
        open_database(url)


def test_foreign_files_are_refused(tmp_path):
    text_file = tmp_path / "notes.db"
    text_file.write_text("just some notes")
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        open_database(resolve_url(str(text_file)))
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(DatabaseError, match="not a CaseTracker database"):
        open_database(resolve_url(str(other)))
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(resolve_url(str(tmp_path / "missing" / "x.db")), create=True)


def test_unknown_revision_command_error_is_not_leaked():
    script = ScriptDirectory.from_config(alembic_config())
    with pytest.raises(CommandError):
        script.get_revision("nonexistent")


def test_head_read_from_the_files_matches_alembic():
    """Start-up reads the head revision without importing Alembic; it must agree."""
    from casetracker.db.schema import _head_from_files, _script

    assert _head_from_files() == _script().get_current_head()
