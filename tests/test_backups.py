"""Backups: encrypted like their database, scheduled with rotation, restores that
verify first, and the automatic backup before a migration (encrypted too)."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from casetracker.cli.main import main
from casetracker.db import backups, cipher
from casetracker.db.backups import BackupPolicy, list_backups, scheduled_backup
from casetracker.db.engine import Database, make_engine, resolve_url
from casetracker.db.maintenance import backup, restore
from casetracker.db.schema import (
    alembic_config,
    create_encrypted_database,
    head_revision,
    open_database,
)
from casetracker.errors import DatabaseError, ValidationError
from casetracker.services import Services

PASSPHRASE = "correct horse battery staple"
NOON = dt.datetime(2026, 3, 1, 12, 0, 0)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer PBKDF2 rounds: these tests are about backups, not key stretching."""
    monkeypatch.setattr(cipher, "ITERATIONS", 2_000)


@pytest.fixture
def encrypted(tmp_path: Path):
    db, code = create_encrypted_database(resolve_url(str(tmp_path / "case.db")), PASSPHRASE)
    Services(db).people.create(display_name="Zorvathian Quillbeck")
    yield db, code
    db.close()


def names(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return sorted(r[0] for r in conn.execute(text("SELECT display_name FROM people")))


def names_in(path: Path, key: bytes | None) -> list[str]:
    with cipher.connection(path, key, readonly=True) as conn:
        return sorted(r[0] for r in conn.execute("SELECT display_name FROM people"))


# --------------------------------------------------------------------- backups
def test_backup_of_an_encrypted_database_is_encrypted_with_the_same_key(encrypted, tmp_path):
    db, code = encrypted
    out = backup(db, tmp_path / "copy.db")
    assert cipher.is_encrypted(out)
    assert b"Quillbeck" not in out.read_bytes()
    assert cipher.key_file_path(out).is_file()
    # the same recovery code, and the same passphrase through the copied key file
    assert cipher.unlock(out, recovery_code=code.text) == code.key
    assert cipher.unlock(out, passphrase=PASSPHRASE) == code.key
    assert names_in(out, code.key) == ["Zorvathian Quillbeck"]
    # a backup is one self-contained file: no -wal/-shm left beside it
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == [
        "copy.db",
        "copy.db.keys",
    ]
    with pytest.raises(DatabaseError, match="already exists"):
        backup(db, out)


def test_backups_on_each_backend(db, backend, tmp_path):
    if backend == "postgresql":
        with pytest.raises(DatabaseError, match="pg_dump"):
            backup(db)
        with pytest.raises(DatabaseError, match="pg_dump"):
            scheduled_backup(db, BackupPolicy(tmp_path / "b"), NOON)
        return
    written = scheduled_backup(db, BackupPolicy(tmp_path / "b"), NOON)
    own = hashlib.sha256(str(db.path.resolve()).encode()).hexdigest()[:8]
    assert written == tmp_path / "b" / f"case-{own}" / "case.auto-20260301-120000.db"
    assert written.read_bytes()[:16] == b"SQLite format 3\x00"  # a plain database: plain copy
    with sqlite3.connect(written) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )


# --------------------------------------------------------------------- scheduled
def test_scheduled_backup_is_written_only_when_due(encrypted, tmp_path):
    db, code = encrypted
    policy = BackupPolicy(tmp_path / "auto", every=dt.timedelta(hours=24), keep=5)
    first = scheduled_backup(db, policy, NOON)
    assert first is not None and first.name == "case.auto-20260301-120000.db"
    assert first.parent == policy.folder_for(db.path)
    assert policy.folder.stat().st_mode & 0o777 == 0o700
    assert first.parent.stat().st_mode & 0o777 == 0o700
    assert cipher.is_encrypted(first) and cipher.key_file_path(first).is_file()
    assert names_in(first, code.key) == ["Zorvathian Quillbeck"]
    assert scheduled_backup(db, policy, NOON + dt.timedelta(hours=23, minutes=59)) is None
    second = scheduled_backup(db, policy, NOON + dt.timedelta(hours=24))
    assert second is not None and second.name == "case.auto-20260302-120000.db"
    # a newest backup dated far ahead (the clock was wrong then) does not block backups
    assert scheduled_backup(db, policy, NOON - dt.timedelta(days=30)) is not None
    assert len(list_backups(policy.folder_for(db.path), "case")) == 3


def test_rotation_keeps_the_newest_and_never_deletes_other_files(tmp_path):
    db = open_database(resolve_url(str(tmp_path / "case.db")), create=True)
    folder = backups.database_folder(tmp_path / "auto", db.path)
    folder.mkdir(parents=True)
    others = [
        "notes.txt",
        "other.auto-20200101-000000.db",  # another database's backup
        "case.auto-2020.db",
        "case.auto-20200101-000000.db.bak",
        "case.backup-20200101-000000.db",
        "case.auto-20201399-000000.db",  # not a date
    ]
    for name in others:
        (folder / name).write_text("keep me")
    policy = BackupPolicy(tmp_path / "auto", every=dt.timedelta(hours=1), keep=3)
    try:
        written = [scheduled_backup(db, policy, NOON + dt.timedelta(hours=h)) for h in range(6)]
    finally:
        db.close()
    assert all(written)
    kept = [b.path.name for b in list_backups(folder, "case")]
    assert kept == [p.name for p in written[-3:]]
    assert sorted(p.name for p in folder.iterdir()) == sorted(others + kept)
    assert all((folder / name).read_text() == "keep me" for name in others)


def test_policy_and_cli_scheduled_backups(tmp_path, capsys):
    with pytest.raises(ValidationError, match="keep: must be at least 1"):
        BackupPolicy(tmp_path, keep=0)
    with pytest.raises(ValidationError, match="every"):
        BackupPolicy(tmp_path, every=dt.timedelta(0))
    assert BackupPolicy().folder.name == "backups" and BackupPolicy().keep == 10
    assert backups.describe_age(dt.timedelta(hours=3, minutes=5)) == "3 h"
    path = str(tmp_path / "live.db")
    assert main(["--db", path, "init"]) == 0
    folder = str(tmp_path / "auto")
    args = ["--db", path, "db", "backup", "--scheduled", "--folder", folder, "--keep", "2"]
    capsys.readouterr()
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "backup written to" in out
    own = backups.database_folder(Path(folder), Path(path))
    assert f"backup written to {own}/live.auto-" in out and own.name.startswith("live-")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("not due yet: newest backup is 0 min old") and str(own) in out
    assert main([*args, "--every", "0"]) == 1
    assert main(["--db", path, "db", "backup", "--keep", "3"]) == 1
    assert "go with it" in capsys.readouterr().err


def test_two_databases_with_one_name_keep_their_own_backups(tmp_path):
    """Two ``case.db`` in different folders, one backup folder: neither suppresses
    nor rotates away the other's backups."""
    shared = tmp_path / "backups"
    policy = BackupPolicy(shared, every=dt.timedelta(hours=1), keep=2)
    paths = [tmp_path / "office" / "case.db", tmp_path / "home" / "case.db"]
    written: dict[Path, list[Path]] = {path: [] for path in paths}
    for path in paths:
        path.parent.mkdir()
        db = open_database(resolve_url(str(path)), create=True)
        Services(db).people.create(display_name=f"Only in {path.parent.name}")
        db.close()
    for hour in range(4):  # each database in turn, every hour: both are due each time
        for path in paths:
            db = open_database(resolve_url(str(path)))
            try:
                out = scheduled_backup(db, policy, NOON + dt.timedelta(hours=hour))
            finally:
                db.close()
            assert out is not None, f"{path} was not backed up at hour {hour}"
            written[path].append(out)
    folders = {policy.folder_for(path) for path in paths}
    assert len(folders) == 2 and {f.parent for f in folders} == {shared}
    assert sorted(p.name for p in shared.iterdir()) == sorted(f.name for f in folders)
    for path in paths:
        own = policy.folder_for(path)
        kept = [b.path for b in list_backups(own, "case")]
        assert kept == written[path][-2:]  # its own newest two, none of the other's
        assert all(names_in(b, None) == [f"Only in {path.parent.name}"] for b in kept)


# --------------------------------------------------------------------- restore
def test_restore_of_an_encrypted_backup(encrypted, tmp_path):
    db, code = encrypted
    saved = backup(db, tmp_path / "saved.db")
    Services(db).people.create(display_name="Added Later")
    safety = restore(db, saved)
    assert names(db) == ["Zorvathian Quillbeck"]
    assert cipher.is_encrypted(safety)  # the safety copy is encrypted too
    assert names_in(safety, code.key) == ["Added Later", "Zorvathian Quillbeck"]
    assert cipher.unlock(db.path, passphrase=PASSPHRASE) == code.key


def test_restore_a_backup_made_under_another_key(encrypted, tmp_path, capsys):
    db, code = encrypted
    saved = backup(db, tmp_path / "saved.db")
    db.close()
    new_code = cipher.rekey(db.path, code.key, "a brand new passphrase")
    current = open_database(resolve_url(str(db.path)), key=new_code.key)
    try:
        Services(current).people.create(display_name="Added Later")
        with pytest.raises(cipher.KeyRequired, match="encrypted with another key"):
            restore(current, saved)
        assert names(current) == ["Added Later", "Zorvathian Quillbeck"]
        restore(current, saved, cipher.unlock(saved, passphrase=PASSPHRASE))
        assert names(current) == ["Zorvathian Quillbeck"]
    finally:
        current.close()
    # the database keeps its own key: the current passphrase and recovery code
    assert cipher.unlock(db.path, passphrase="a brand new passphrase") == new_code.key
    assert cipher.unlock(db.path, recovery_code=new_code.text) == new_code.key
    # the CLI takes the backup's own passphrase
    current_file = tmp_path / "current.txt"
    current_file.write_text("a brand new passphrase\n")
    old_file = tmp_path / "old.txt"
    old_file.write_text(PASSPHRASE + "\n")
    base = ["--db", str(db.path), "--passphrase-file", str(current_file), "db", "restore"]
    capsys.readouterr()
    assert main([*base, str(saved)]) == 1
    assert "--backup-passphrase-file" in capsys.readouterr().err
    assert main([*base, str(saved), "--backup-passphrase-file", str(old_file)]) == 0
    assert "previous content was saved" in capsys.readouterr().out


def test_restore_a_plain_backup_into_an_encrypted_database(encrypted, tmp_path):
    db, _ = encrypted
    plain = open_database(resolve_url(str(tmp_path / "plain.db")), create=True)
    Services(plain).people.create(display_name="From The Plain Backup")
    plain.close()
    restore(db, tmp_path / "plain.db")
    assert names(db) == ["From The Plain Backup"]
    assert cipher.is_encrypted(db.path)
    assert not list(tmp_path.glob("case.restoring-*"))  # the staged copy is gone
    # and never the other way: an encrypted backup into a plain database
    with pytest.raises(DatabaseError, match="this database is not encrypted"):
        plain = open_database(resolve_url(str(tmp_path / "plain.db")))
        try:
            restore(plain, backup(db, tmp_path / "enc-copy.db"))
        finally:
            plain.close()


@pytest.mark.parametrize("kind", ["plain", "encrypted"])
def test_restore_refuses_damaged_or_foreign_files_and_changes_nothing(kind, tmp_path):
    if kind == "encrypted":
        db, _ = create_encrypted_database(resolve_url(str(tmp_path / "case.db")), PASSPHRASE)
    else:
        db = open_database(resolve_url(str(tmp_path / "case.db")), create=True)
    Services(db).people.create(display_name="Still Here")
    good = backup(db, tmp_path / "good.db")
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    flipped = tmp_path / "flipped.db"
    content = bytearray(good.read_bytes())
    content[len(content) // 2 + 100 if kind == "encrypted" else 16] ^= 0xFF
    flipped.write_bytes(bytes(content))
    if kind == "encrypted":
        for made in (truncated, flipped):
            shutil.copyfile(cipher.key_file_path(good), cipher.key_file_path(made))
    recipes = tmp_path / "recipes.db"
    with sqlite3.connect(recipes) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    notes = tmp_path / "notes.db"
    notes.write_text("just some notes")
    try:
        for bad, message in (
            (truncated, "damaged|cannot be read|not a SQLite|another key"),
            # one changed byte: every encrypted page carries an HMAC; a plain file only
            # fails when the byte lands in its structure (here: the page size)
            (flipped, "damaged|cannot be read|another key"),
            (recipes, "not a CaseTracker database"),
            (notes, "not a SQLite database"),
            (tmp_path / "missing.db", "no file at"),
        ):
            with pytest.raises(DatabaseError, match=message):
                restore(db, bad)
            assert names(db) == ["Still Here"]
        assert not list(tmp_path.glob("case.before-restore-*"))
    finally:
        db.close()


# --------------------------------------------------------------------- migrations
def _encrypted_at(path: Path, revision: str) -> cipher.RecoveryCode:
    """An encrypted database built at an older revision, holding one person."""
    code = cipher.RecoveryCode(cipher.new_master_key())
    cipher.write_key_file(cipher.key_file_path(path), code.key, PASSPHRASE)
    url = resolve_url(str(path))
    config = alembic_config(url)
    engine = make_engine(url, foreign_keys=False, key=code.key)
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO people (id, display_name, sort_name, gender, created_at,"
                " updated_at, version, sensitivity, is_demo) VALUES ('1111111111111111"
                "1111111111111111', 'Zorvathian Quillbeck', 'quillbeck zorvathian', 'male',"
                " :t, :t, 1, 'public', 0)"
            ),
            {"t": "2025-01-01 00:00:00+00:00"},
        )
    engine.dispose()
    return code


def test_migrating_an_encrypted_database_backs_it_up_encrypted(tmp_path):
    path = tmp_path / "old.db"
    code = _encrypted_at(path, "0005")
    assert cipher.is_encrypted(path)
    db = open_database(resolve_url(str(path)), key=cipher.unlock(path, passphrase=PASSPHRASE))
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                head_revision()
            )
        hits = Services(db).search.search("Quillbeck").hits  # 0006 built the index
        assert [h.title for h in hits] == ["Zorvathian Quillbeck"]
    finally:
        db.close()
    (saved,) = tmp_path.glob("old.before-*.db")
    assert cipher.is_encrypted(saved) and cipher.key_file_path(saved).is_file()
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(saved).execute("SELECT 1 FROM sqlite_master").fetchall()
    assert cipher.unlock(saved, recovery_code=code.text) == code.key
    with cipher.connection(saved, code.key, readonly=True) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)
        assert conn.execute("SELECT display_name FROM people").fetchall() == [
            ("Zorvathian Quillbeck",)
        ]
    assert cipher.is_encrypted(path)  # still encrypted after the upgrade
