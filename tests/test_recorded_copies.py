"""Data leaving the tool is in the history: scheduled backups, the backups made
before an upgrade and before a restore, an attachment's "Save a copy", and the
encrypted and plain (decrypted) copies of the whole database. Recording never
undoes the copy: a database that cannot take the entry logs a warning."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from casetracker.cli.main import main
from casetracker.db import cipher
from casetracker.db.backups import BackupPolicy, scheduled_backup
from casetracker.db.engine import resolve_url
from casetracker.db.maintenance import backup, restore
from casetracker.db.schema import head_revision, open_database
from casetracker.services import Services
from tests.test_migrations import _alembic

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cipher, "ITERATIONS", 2_000)


def noted(db, action: str) -> list[tuple[str | None, dict]]:
    """(summary, details) of the entries with ``action``, oldest first."""
    items = Services(db).history.log(limit=100)
    return [(i.summary, i.details) for i in reversed(items) if i.action == action]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_scheduled_backup_is_in_the_history(db, tmp_path):
    policy = BackupPolicy(tmp_path / "auto", every=dt.timedelta(hours=24), keep=2)
    written = scheduled_backup(db, policy, dt.datetime(2026, 3, 1, 12))
    assert written is not None
    assert noted(db, "backup") == [(f"scheduled backup to {written}", {"path": str(written)})]


def test_saving_a_copy_of_an_attachment_is_in_the_history(services, tmp_path):
    letter = services.letters.create(title="Letter")
    attachment = services.attachments.attach_bytes(
        b"statement", "statement.txt", letter_id=letter.id
    )
    into_folder = services.documents.save_to(attachment.id, tmp_path)
    as_file = services.documents.save_to(attachment.id, tmp_path / "chosen.txt")
    assert into_folder == tmp_path / "statement.txt" and as_file.read_bytes() == b"statement"
    exports = [i for i in services.history.log(limit=10) if i.action == "export"]
    assert [(i.entity, i.record_id, i.details["path"]) for i in exports] == [
        ("attachments", attachment.id, str(as_file)),
        ("attachments", attachment.id, str(into_folder)),
    ]


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_read_only_database_still_saves_the_copy(services, db_url, tmp_path, caplog):
    letter = services.letters.create(title="Letter")
    attachment = services.attachments.attach_bytes(
        b"statement", "statement.txt", letter_id=letter.id
    )
    name = db_url.rsplit("/", 1)[1]
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:  # a read-only database (a standby, a frozen archive…)
        conn.execute(text(f"ALTER DATABASE {name} SET default_transaction_read_only = on"))
    admin.dispose()
    services.db.engine.dispose()
    with caplog.at_level(logging.WARNING, logger="casetracker.audit.recorder"):
        written = services.documents.save_to(attachment.id, tmp_path / "copy.txt")
    assert written.read_bytes() == b"statement"
    (warning,) = caplog.messages
    assert warning.startswith(f"attached file saved to {written} was not recorded in the history")
    assert "read-only" in warning and len(warning.splitlines()) == 1
    assert noted(services.db, "export") == []


def test_the_backup_before_an_upgrade_is_noted_once_the_history_exists(tmp_path):
    path = tmp_path / "old.db"
    _alembic(str(path), ("upgrade", "0005"))  # before the history (0007) existed
    db = open_database(resolve_url(str(path)))
    try:
        (saved,) = tmp_path.glob("old.before-*.db")
        ((summary, details),) = noted(db, "backup")
        assert details == {"path": str(saved), "from": "0005", "to": head_revision()}
        assert summary == f"backup before the upgrade to schema {head_revision()}, to {saved}"
    finally:
        db.close()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_backup_before_a_restore_is_in_the_history(services, tmp_path):
    services.letters.create(title="Kept in the backup")
    copy = backup(services.db, tmp_path / "copy.db")
    safety = restore(services.db, copy)
    assert noted(services.db, "backup") == [
        (f"backup before a restore, to {safety}", {"path": str(safety), "before": "restore"})
    ]
    ((_, details),) = noted(services.db, "restore")
    assert details["safety"] == str(safety)


def test_cli_encrypted_and_plain_copies_are_in_the_source_history(tmp_path, fast_kdf, capsys):
    plain = tmp_path / "plain.db"
    secret = tmp_path / "p.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    encrypted, back = tmp_path / "encrypted.db", tmp_path / "back.db"
    encrypt = f"--db {plain} db encrypt --out {encrypted} --passphrase-file {secret}"
    decrypt = f"--db {encrypted} --passphrase-file {secret} db decrypt --out {back}"
    for command in (f"--db {plain} init", encrypt, decrypt):
        assert main(command.split()) == 0, capsys.readouterr().err
    capsys.readouterr()
    db = open_database(resolve_url(str(plain)))
    try:
        assert noted(db, "export") == [
            (
                f"encrypted copy of the whole database to {encrypted}",
                {"path": str(encrypted), "copy": "encrypt", "scope": "whole database"},
            )
        ]
    finally:
        db.close()
    db = open_database(
        resolve_url(str(encrypted)), key=cipher.unlock(encrypted, passphrase=PASSPHRASE)
    )
    try:
        assert noted(db, "export") == [
            (
                f"plain (decrypted) copy of the whole database to {back}",
                {"path": str(back), "copy": "decrypt", "scope": "whole database"},
            )
        ]
    finally:
        db.close()
    assert Path(back).is_file()
