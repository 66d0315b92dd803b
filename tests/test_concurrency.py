"""Several writers at once: no lost update, on SQLite (WAL, busy timeout) and on
PostgreSQL; two processes on one SQLite file both get their work done."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time

import pytest

from casetracker.errors import ConflictError, DatabaseError

WRITERS = 4
EDITS = 12


def append_with_retry(services, letter_id, token: str, refused: list[str]) -> None:
    """Read the letter, add a token to its notes, save over that version; when
    someone else saved first (a conflict, or a busy database), read again."""
    backoff = random.Random(token)
    for _ in range(1000):
        letter = services.letters.get(letter_id)
        notes = f"{letter.notes} {token}" if letter.notes else token
        try:
            services.letters.update(letter_id, letter.version, notes=notes)
            return
        except ConflictError:
            refused.append("conflict")
        except DatabaseError as exc:  # SQLite: another writer holds the file a moment
            assert "busy" in str(exc), exc
            refused.append("busy")
        # as a person would: wait a moment before trying again (writers that retry
        # at once can starve one another on SQLite, where "busy" comes at once)
        time.sleep(backoff.uniform(0.001, 0.01))
    raise AssertionError(f"{token} was never saved")


def test_concurrent_writers_lose_no_update(services):
    letter = services.letters.create(title="Shared letter")
    refused: list[str] = []
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            for edit in range(EDITS):
                append_with_retry(services, letter.id, f"w{number}e{edit}", refused)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    final = services.letters.get(letter.id)
    tokens = final.notes.split()
    assert sorted(tokens) == sorted(f"w{n}e{e}" for n in range(WRITERS) for e in range(EDITS))
    assert final.version == 1 + WRITERS * EDITS  # every save counted once
    # the index followed the last save
    assert [h.record_id for h in services.search.search("w0e0 w3e11").hits] == [letter.id]


CHILD = """
import sys
from casetracker.db.engine import resolve_url
from casetracker.db.schema import open_database
from casetracker.services import Services
db = open_database(resolve_url(sys.argv[1]))
services = Services(db)
for n in range(int(sys.argv[2])):
    services.letters.create(title=f"{sys.argv[3]} {n}")
db.close()
"""


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_two_processes_on_one_sqlite_file_both_work(services, db_url):
    count = 40
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, db_url, str(count), "child"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for n in range(count):
        services.letters.create(title=f"parent {n}")
    _out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert services.listing.count("letters") == 2 * count
    assert len(services.search.search("child", limit=100).hits) == count
