"""Several programs on one database at once, as real OS processes: they take
turns on one SQLite file and each sees the other's commits; an edit over a
version someone else has changed is refused as a conflict (never a lost
update), in Python and on the command line; four processes editing the same
record on PostgreSQL (and SQLite) lose no update."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from casetracker.audit.verify import verify_chain
from casetracker.errors import ConflictError
from tests.crash_helpers import run_cli

REPO = Path(__file__).resolve().parents[1]

#: writes a letter, then waits until it sees the other process's letter of the
#: same round (through the search index) before the next round: the two
#: interleave, and each one's progress depends on reading the other's commits
PING_PONG = """
import sys, time
from casetracker.db.engine import resolve_url
from casetracker.db.schema import open_database
from casetracker.services import Services

url, me, other, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
db = open_database(resolve_url(url))
services = Services(db)
for n in range(rounds):
    services.letters.create(title=f"Round {me}x{n}")
    deadline = time.monotonic() + 60
    while not services.search.search(f"{other}x{n}", types=["letter"]).hits:
        if time.monotonic() > deadline:
            sys.exit(f"{me} never saw {other}x{n}")
        time.sleep(0.005)
    seen = services.listing.count("letters")
    assert seen >= 2 * n + 1, (me, n, seen)
db.close()
print("done")
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_two_processes_take_turns_and_see_each_others_commits(db_url, services):
    rounds = 15
    start = time.monotonic()
    children = [
        _python(PING_PONG, db_url, "alpha", "bravo", str(rounds)),
        _python(PING_PONG, db_url, "bravo", "alpha", str(rounds)),
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert out.strip() == "done"
    assert services.listing.count("letters") == 2 * rounds
    for word in ("alphax0", f"alphax{rounds - 1}", "bravox0", f"bravox{rounds - 1}"):
        assert len(services.search.search(word, types=["letter"]).hits) == 1, word
    assert verify_chain(services.db).ok
    assert time.monotonic() - start < 60


def test_an_edit_over_a_changed_version_is_a_conflict_not_a_lost_update(db_url, services, backend):
    letter = services.letters.create(title="Letter to the minister")
    loaded = services.letters.get(letter.id)  # this program shows version 1
    # meanwhile another program saves a change
    other = run_cli(db_url, "update", "letter", str(letter.id), "notes=called the embassy")
    assert other.returncode == 0, other.stderr
    with pytest.raises(ConflictError) as refused:
        services.letters.update(letter.id, loaded.version, notes="sent by post")
    message = str(refused.value)
    assert "changed elsewhere" in message and "\n" not in message
    kept = services.letters.get(letter.id)
    assert (kept.notes, kept.version) == ("called the embassy", 2)
    # the command line says so in one line and changes nothing
    late = run_cli(
        db_url, "update", "letter", str(letter.id), "notes=late", "--expect-version", "1"
    )
    assert late.returncode == 1
    assert late.stderr.strip().splitlines() == [
        "casetracker: error: this letter was changed elsewhere (version 2, you edited "
        "version 1); reload it before saving"
    ]
    assert services.letters.get(letter.id).notes == "called the embassy"
    # reloaded, the same edit goes through
    services.letters.update(letter.id, kept.version, notes="called the embassy; sent by post")
    assert services.letters.get(letter.id).version == 3


#: read, modify, save over the version read; on a conflict (or a busy SQLite
#: file) read again: the same loop as the threads of tests/test_concurrency.py
EDITOR = """
import sys, time
from pathlib import Path
from casetracker.db.engine import resolve_url
from casetracker.db.schema import open_database
from casetracker.services import Services
from tests.test_concurrency import append_with_retry

url, letter_id, name, edits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
barrier, processes = Path(sys.argv[5]), int(sys.argv[6])
db = open_database(resolve_url(url))
Services(db).letters.get(letter_id)
(barrier / name).touch()  # ready; all start editing together
while len(list(barrier.iterdir())) < processes:
    time.sleep(0.002)
refused = []
for edit in range(edits):
    append_with_retry(Services(db), letter_id, f"{name}e{edit}", refused)
db.close()
print(len(refused))
"""


def test_four_processes_editing_one_record_lose_no_update(db_url, services, backend, tmp_path):
    processes, edits = 4, 8
    letter = services.letters.create(title="Shared letter")
    barrier = tmp_path / "ready"
    barrier.mkdir()
    children = [
        _python(EDITOR, db_url, str(letter.id), f"p{n}", str(edits), str(barrier), str(processes))
        for n in range(processes)
    ]
    refused = 0
    for child in children:
        out, err = child.communicate(timeout=180)
        assert child.returncode == 0, err
        refused += int(out.strip())
    final = services.letters.get(letter.id)
    tokens = final.notes.split()
    expected = [f"p{n}e{e}" for n in range(processes) for e in range(edits)]
    assert sorted(tokens) == sorted(expected)  # every edit kept, none twice
    assert final.version == 1 + processes * edits
    hits = services.search.search("p0e0 p3e7", types=["letter"]).hits
    assert [h.record_id for h in hits] == [letter.id]
    # the history took every save, one after another, its chain unbroken
    report = verify_chain(services.db)
    assert report.ok, report.first_problem
    assert report.entries >= 1 + processes * edits
    print(f"{backend}: {refused} saves refused and retried")
