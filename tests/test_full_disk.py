"""A full disk: saves and imports are refused with a clear message, nothing is
half-written, the database still opens, and once space is freed the same save
works. The disk is a real 4 MB tmpfs filled to the last byte."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from casetracker.db.engine import resolve_url
from casetracker.db.schema import open_database
from casetracker.errors import DatabaseError
from casetracker.services import Services
from tests.crash_helpers import (
    chain_problem,
    checkpoint,
    integrity,
    row_counts,
    run_cli,
    search_problems,
    synthetic_document,
    write_document,
)

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

WORD = "blorptastic"  # in the refused saves only


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs mounted for the test, always unmounted after it."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command here")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield mount_point
    finally:
        if subprocess.run(["umount", str(mount_point)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(mount_point)], check=True)


def fill(folder: Path, *, leave: int = 0) -> Path:
    """Write a filler file until the filesystem refuses (ENOSPC), then give back
    ``leave`` bytes; returns the filler."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (1 << 20, 65536, 4096, 512, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC, exc
                    break
    finally:
        os.close(fd)
    if leave:
        os.truncate(filler, max(filler.stat().st_size - leave, 0))
    return filler


def _place_db(sqlite_template: Path, folder: Path) -> Path:
    path = folder / "case.db"
    shutil.copyfile(sqlite_template, path)
    db = open_database(resolve_url(str(path)))
    try:
        Services(db).letters.create(title="Already saved")
    finally:
        db.close()
    checkpoint(path)
    return path


def _word_indexed(path: Path, word: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (word,)
        ).fetchone()[0]


def test_a_save_on_a_full_disk_is_refused_and_works_once_space_is_freed(
    tiny_disk, sqlite_template, backend
):
    path = _place_db(sqlite_template, tiny_disk)
    db = open_database(resolve_url(str(path)))
    try:
        services = Services(db)
        before = row_counts(path)
        filler = fill(tiny_disk)
        assert os.statvfs(tiny_disk).f_bavail == 0
        with pytest.raises(DatabaseError) as refused:
            letter = services.letters.create(title=f"Letter {WORD}", notes="x" * 5000)
        message = str(refused.value)
        assert "disk is full" in message and "\n" not in message
        # through the command, a second program at the same time: one clear line
        cli = run_cli(path, "create", "letter", f"title=Command {WORD}")
        assert cli.returncode == 1
        assert cli.stderr.strip().splitlines() == [
            "casetracker: error: nothing was saved: the disk is full; free some space and try again"
        ]
        # nothing half-written (record, index entry or history entry); this
        # program's database still works for reading
        assert row_counts(path) == before
        assert _word_indexed(path, WORD) == 0
        assert integrity(path) == [] and search_problems(path) == []
        assert chain_problem(path) is None
        assert services.listing.count("letters") == 1
    finally:
        db.close()
    # the app's database still opens on the full disk
    db = open_database(resolve_url(str(path)))
    try:
        assert Services(db).letters.count() == 1
    finally:
        db.close()
    filler.unlink()
    db = open_database(resolve_url(str(path)))
    try:
        letter = Services(db).letters.create(title=f"Letter {WORD}", notes="x" * 5000)
        assert Services(db).search.search(WORD).hits[0].record_id == letter.id
    finally:
        db.close()
    cli = run_cli(path, "create", "letter", f"title=Command {WORD}")
    assert cli.returncode == 0, cli.stderr
    assert row_counts(path)["letters"] == before["letters"] + 2
    assert integrity(path) == [] and search_problems(path) == []
    assert chain_problem(path) is None


@pytest.mark.parametrize(
    ("free", "held_open"),
    [(0, True), (0, False), (256 * 1024, False)],
    ids=["full-db-in-use", "full-db-closed", "fills-mid-import"],
)
def test_an_import_on_a_full_disk_writes_nothing(
    tiny_disk, sqlite_template, tmp_path, backend, free, held_open
):
    """Refused whether no byte is free (the database open in another program, or
    not) or the disk fills part-way through the import."""
    document = synthetic_document(100)  # 1,700 rows and their history: ~1 MB, and as much WAL
    source = write_document(document, tmp_path / "records.json")
    path = _place_db(sqlite_template, tiny_disk)
    before = row_counts(path)
    other = sqlite3.connect(path) if held_open else None  # keeps the -shm file there
    try:
        if other is not None:
            other.execute("SELECT count(*) FROM letters").fetchone()
        filler = fill(tiny_disk, leave=free)
        done = run_cli(path, "import", str(source))
        assert done.returncode == 1
        (line,) = done.stderr.strip().splitlines()
        assert "disk is full" in line, line
        if held_open or free:  # it could open the file, then found no room to write
            assert line.startswith("casetracker: error: nothing was imported"), line
            assert row_counts(path) == before
        else:  # no room even for the WAL index beside the file: refused on opening
            assert line == (
                f"casetracker: error: cannot read {path}: "
                "the disk is full; free some space and try again"
            )
    finally:
        if other is not None:
            other.close()
    filler.unlink()
    assert row_counts(path) == before
    assert integrity(path) == [] and search_problems(path) == []
    assert chain_problem(path) is None
    if free:  # the half-written WAL left behind does not stand in the way
        done = run_cli(path, "import", str(source))
        assert done.returncode == 0, done.stderr
        assert row_counts(path)["letters"] == before["letters"] + 100
