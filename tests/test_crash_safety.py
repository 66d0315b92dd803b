"""SIGKILL in the middle of a write leaves a sound database: a large import, a
bulk edit and a migration, each killed mid-way in a real subprocess, are all or
nothing; the file passes its integrity check and ``db check``, the search index
agrees with the records and the history's hash chain verifies.
(bench/crash_runs.py runs many more kills and counts the outcomes.)"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from casetracker.db.schema import head_revision
from tests.crash_helpers import (
    KillOutcome,
    Verdict,
    build_bulk_base,
    build_import_base,
    build_old_populated,
    bulk_command,
    bulk_verdict,
    chain_problem,
    cli,
    db_check,
    document_counts,
    file_appeared,
    file_grown,
    history_rows,
    import_verdict,
    integrity,
    migration_verdict,
    row_counts,
    run_and_kill,
    run_cli,
    synthetic_document,
    wal_of,
    write_document,
    write_locked,
)

#: 17 rows a unit: 400 units (6,800 rows, each recorded in the history) import in
#: ~2.5 s here, ~1.2 s of it writing
UNITS = 400
#: seconds after the WAL began to grow: early, middle, late in the write
IMPORT_KILLS = (0.02, 0.3, 0.6)
WAL_STARTED = 64 * 1024
#: the revision the populated database is taken back to before upgrading
OLD_REVISION = "0005"
BULK_RECORDS = 2000
#: seconds after the bulk edit took the write lock: its transaction lasts ~1 s here
#: (it loads and checks the records, then writes them, their history and their
#: index entries during its last ~0.3 s)
BULK_KILLS = (0.1, 0.6)


def _assert_sound(path: Path, verdict: Verdict, kill: KillOutcome) -> None:
    assert verdict.problems == [], (verdict, kill)
    assert chain_problem(path) is None


def _assert_some_killed_mid_write(outcomes: list[tuple[bool, str]]) -> None:
    assert any(killed for killed, _ in outcomes), outcomes
    assert "rolled back" in {outcome for _, outcome in outcomes}, outcomes


@pytest.fixture(scope="module")
def big_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    document = synthetic_document(UNITS)
    path = write_document(document, tmp_path_factory.mktemp("import") / "big.json")
    return path, document_counts(document)


def test_sigkill_during_a_large_import_is_all_or_nothing(big_import, tmp_path):
    json_path, added = big_import
    base = tmp_path / "base.db"
    before = build_import_base(base)
    assert before["audit_log"] > 0  # a chain to keep intact
    rng = random.Random(20261129)
    outcomes = []
    for run, delay in enumerate(IMPORT_KILLS):
        path = tmp_path / f"run{run}.db"
        shutil.copyfile(base, path)
        kill = run_and_kill(
            cli(path, "import", str(json_path)),
            file_grown(wal_of(path), WAL_STARTED),
            delay=delay + rng.uniform(0, 0.05),
        )
        verdict = import_verdict(path, before, added)
        _assert_sound(path, verdict, kill)
        outcomes.append((kill.killed, verdict.outcome))
    _assert_some_killed_mid_write(outcomes)
    status, report = db_check(tmp_path / "run0.db")
    assert status == 0, report
    # a killed import can simply be run again
    path = tmp_path / "run0.db"
    if row_counts(path)["letters"] == before["letters"]:
        again = run_cli(path, "import", str(json_path))
        assert again.returncode == 0, again.stderr
        assert import_verdict(path, before, added).outcome == "committed"
        assert chain_problem(path) is None


@pytest.fixture(scope="module")
def old_populated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A database at OLD_REVISION holding UNITS detainees and letters with their
    children (6,800 rows), and the child row counts."""
    path = tmp_path_factory.mktemp("migration") / "old.db"
    return path, build_old_populated(path, UNITS, OLD_REVISION)


def test_sigkill_during_a_migration_keeps_every_child(old_populated, tmp_path):
    source, children = old_populated
    # kill points: while the backup is written, as the migrations write, while the
    # search index is built (just after the migrations committed)
    triggers = (
        ("backup", lambda p: file_appeared(p.parent, ".*partial"), 0.0),
        ("migration", lambda p: file_grown(wal_of(p), 0), 0.01),
        ("index", lambda p: file_grown(wal_of(p), 0), 0.25),
    )
    outcomes = []
    for name, trigger, delay in triggers:
        folder = tmp_path / name
        folder.mkdir()
        path = folder / "case.db"
        shutil.copyfile(source, path)
        kill = run_and_kill(cli(path, "db", "upgrade"), trigger(path), delay=delay)
        # the verdict reads the file read-only first: revision old or head, never
        # between, every child there; then opens it as the next start would
        verdict = migration_verdict(path, OLD_REVISION, children)
        assert verdict.problems == [], (name, verdict, kill)
        for backup in folder.glob("case.before-*.db"):  # a backup by that name is whole
            assert integrity(backup) == [] and row_counts(backup)["asks"] == children["asks"]
        assert chain_problem(path) is None
        outcomes.append((kill.killed, verdict.outcome))
    _assert_some_killed_mid_write(outcomes)
    status, report = db_check(tmp_path / "migration" / "case.db")
    assert status == 0 and f"revision {head_revision()}" in report, report


def test_sigkill_during_a_bulk_edit_is_all_or_nothing(tmp_path):
    base = tmp_path / "base.db"
    ids_file = build_bulk_base(base, BULK_RECORDS)
    history_before = history_rows(base)
    outcomes = []
    for run, delay in enumerate(BULK_KILLS):
        path = tmp_path / f"bulk{run}.db"
        shutil.copyfile(base, path)
        kill = run_and_kill(bulk_command(path, ids_file), write_locked(path), delay=delay)
        verdict = bulk_verdict(path, BULK_RECORDS, history_before)
        _assert_sound(path, verdict, kill)
        outcomes.append((kill.killed, verdict.outcome))
    _assert_some_killed_mid_write(outcomes)
    status, report = db_check(tmp_path / "bulk0.db")
    assert status == 0, report
    # run again to the end: every record changed, the chain still intact
    path = tmp_path / "bulk0.db"
    done = subprocess.run(bulk_command(path, ids_file), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert bulk_verdict(path, BULK_RECORDS, history_before).outcome == "committed"
    assert chain_problem(path) is None
