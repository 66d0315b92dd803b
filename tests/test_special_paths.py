"""Databases in folders whose names hold URI characters ("Case #12", "a?b", "50%"):
every connection must reach the file itself, never a truncated path."""

from __future__ import annotations

from pathlib import Path

import pytest

from casetracker.cli.main import main
from casetracker.db import cipher

PASSPHRASE = "a long enough passphrase"


@pytest.mark.parametrize("folder", ["Case #12", "a?b", "50% done", "x&y=z"])
def test_encrypted_database_in_a_folder_with_uri_characters(tmp_path, folder, capsys):
    where = tmp_path / folder
    where.mkdir()
    db = where / "cases.db"
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    assert main(["--db", str(db), "--passphrase-file", str(secret), "init", "--encrypt"]) == 0
    assert main(["--db", str(db), "--passphrase-file", str(secret), "db", "backup"]) == 0
    assert main(["--db", str(db), "--passphrase-file", str(secret), "db", "check"]) == 0
    # nothing was created outside the folder (a truncated "file:" path would have)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([folder, "pass.txt"])
    key = cipher.unlock(db, passphrase=PASSPHRASE)
    assert cipher.key_opens(db, key)
    assert not cipher.key_opens(db, bytes(32))  # a wrong key is refused, not an empty file
    backups = [p for p in where.iterdir() if ".backup-" in p.name and p.suffix == ".db"]
    assert len(backups) == 1 and cipher.key_opens(backups[0], key)


def test_sqlite_uri_escapes_and_keeps_memory():
    assert cipher.sqlite_uri(Path(":memory:")) == ":memory:"
    uri = cipher.sqlite_uri(Path("/tmp/Case #1/a?b.db"), readonly=True)
    assert uri == "file:///tmp/Case%20%231/a%3Fb.db?mode=ro"
