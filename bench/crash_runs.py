"""Crash runs: SIGKILL a real ``casetracker`` process in the middle of a write,
many times, and count what each kill left behind.

Three scenarios, on SQLite (WAL, ``synchronous=FULL``):

* ``import``: ``casetracker import big.json`` (UNITS detainees and letters with
  their children, 17 rows a unit) into a database holding a few records;
* ``bulk``: a bulk edit setting the notes of BULK letters in one transaction;
* ``migration``: ``casetracker db upgrade`` of a populated database at 0005.

Each run copies the prepared database, starts the command, waits until it has
begun to write (import: its WAL grows; bulk edit: it holds the write lock;
migration: the backup file appears or the WAL grows), then
waits a random delay drawn over 1.5 times the length of the write measured in
a first, unkilled run (so that some kills land while committing or just after),
and sends SIGKILL. The file is then judged with the helpers of
tests/crash_helpers.py: integrity and references, all-or-nothing counts, search
index against the records, history hash chain, and for the migration the
revision (old or head, never between) and every child row.

Run from the project root::

    .venv/bin/python bench/crash_runs.py                   # 20 runs per scenario
    .venv/bin/python bench/crash_runs.py --runs 5 --scenario import
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.crash_helpers import (  # noqa: E402
    Verdict,
    build_bulk_base,
    build_import_base,
    build_old_populated,
    bulk_command,
    bulk_verdict,
    chain_problem,
    cli,
    document_counts,
    file_appeared,
    file_grown,
    history_rows,
    import_verdict,
    migration_verdict,
    run_and_kill,
    synthetic_document,
    wal_of,
    write_document,
    write_locked,
)

SEED = 20261129
OLD_REVISION = "0005"
#: kill delays are drawn over this many times the write's length in an unkilled run
WINDOW_STRETCH = 1.5


@dataclass
class Scenario:
    """How to prepare, run and judge one kind of write."""

    name: str
    base: Path
    command: Callable[[Path], list[str]]
    ready: Callable[[Path], Callable[[], bool]]
    judge: Callable[[Path], Verdict]


@dataclass
class Tally:
    runs: int = 0
    killed: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    integrity_failures: int = 0
    chain_failures: int = 0
    other_failures: int = 0
    kill_times: list[float] = field(default_factory=list)
    write_window: float = 0.0
    problems: list[str] = field(default_factory=list)


def _write_window(scenario: Scenario, folder: Path) -> float:
    """Seconds from the start of the write to the end of the process, unkilled."""
    path = folder / "window.db"
    shutil.copyfile(scenario.base, path)
    ready = scenario.ready(path)
    proc = subprocess.Popen(
        scenario.command(path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    while proc.poll() is None and not ready():
        time.sleep(0.002)
    began = time.monotonic()
    _out, err = proc.communicate(timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"{scenario.name}: the unkilled run failed: {err.decode()[-500:]}")
    return time.monotonic() - began


def run_scenario(scenario: Scenario, runs: int, folder: Path, rng: random.Random) -> Tally:
    tally = Tally(write_window=_write_window(scenario, folder))
    for run in range(runs):
        path = folder / f"{scenario.name}-{run}" / "case.db"
        path.parent.mkdir()
        shutil.copyfile(scenario.base, path)
        # past the end of the write too: kills while committing and just after it
        delay = rng.uniform(0, WINDOW_STRETCH * tally.write_window)
        kill = run_and_kill(scenario.command(path), scenario.ready(path), delay=delay)
        verdict = scenario.judge(path)
        tally.runs += 1
        tally.killed += kill.killed
        tally.kill_times.append(kill.seconds)
        tally.outcomes[verdict.outcome] += 1
        for problem in verdict.problems:
            if "integrity" in problem or "broken reference" in problem:
                tally.integrity_failures += 1
            else:
                tally.other_failures += 1
            tally.problems.append(f"run {run}: {problem}")
        chain = chain_problem(path)
        if chain is not None:
            tally.chain_failures += 1
            tally.problems.append(f"run {run}: chain: {chain}")
        shutil.rmtree(path.parent)
        print(
            f"  {scenario.name} {run + 1:>3}/{runs}: delay {delay:.3f} s, "
            f"{'killed' if kill.killed else 'finished'}, {verdict.outcome}"
            + (f", {len(verdict.problems)} problems" if verdict.problems else ""),
            flush=True,
        )
    return tally


def build_scenarios(folder: Path, units: int, bulk: int) -> dict[str, Callable[[], Scenario]]:
    def importing() -> Scenario:
        document = synthetic_document(units)
        source = write_document(document, folder / "big.json")
        added = document_counts(document)
        base = folder / "import-base.db"
        before = build_import_base(base)
        return Scenario(
            "import",
            base,
            lambda p: cli(p, "import", str(source)),
            lambda p: file_grown(wal_of(p), 64 * 1024),
            lambda p: import_verdict(p, before, added),
        )

    def bulk_edit() -> Scenario:
        base = folder / "bulk-base.db"
        ids_file = build_bulk_base(base, bulk)
        history = history_rows(base)
        return Scenario(
            "bulk",
            base,
            lambda p: bulk_command(p, ids_file),
            write_locked,
            lambda p: bulk_verdict(p, bulk, history),
        )

    def migration() -> Scenario:
        base = folder / "old-base.db"
        children = build_old_populated(base, units, OLD_REVISION)

        def ready(p: Path) -> Callable[[], bool]:
            backup, wal = file_appeared(p.parent, ".*partial"), file_grown(wal_of(p), 0)
            return lambda: backup() or wal()

        return Scenario(
            "migration",
            base,
            lambda p: cli(p, "db", "upgrade"),
            ready,
            lambda p: migration_verdict(p, OLD_REVISION, children),
        )

    return {"import": importing, "bulk": bulk_edit, "migration": migration}


def report(name: str, tally: Tally) -> None:
    times = sorted(tally.kill_times)
    print(f"\n{name}")
    print(f"  runs                     {tally.runs}")
    print(f"  killed mid-write         {tally.killed} (the others finished before the kill)")
    extra = sorted(set(tally.outcomes) - {"committed", "rolled back", "partial"})
    for outcome in ("committed", *extra, "rolled back", "partial"):
        print(f"  {outcome:<24} {tally.outcomes[outcome]}")
    print(f"  integrity failures       {tally.integrity_failures}")
    print(f"  chain failures           {tally.chain_failures}")
    print(f"  other failures           {tally.other_failures} (index, counts, revision)")
    print(f"  write window             {tally.write_window:.2f} s (unkilled run)")
    if times:
        print(
            f"  kill after start         median {statistics.median(times):.2f} s, "
            f"{times[0]:.2f}-{times[-1]:.2f} s"
        )
    for problem in tally.problems[:10]:
        print(f"  PROBLEM {problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="kills per scenario (20)")
    parser.add_argument(
        "--scenario",
        action="append",
        choices=["import", "bulk", "migration"],
        help="run only these (default: all three)",
    )
    parser.add_argument("--units", type=int, default=500, help="detainees+letters (500)")
    parser.add_argument("--bulk", type=int, default=2000, help="letters bulk-edited (2000)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="crash-runs-") as tmp:
        folder = Path(tmp)
        scenarios = build_scenarios(folder, args.units, args.bulk)
        tallies = {}
        for name in args.scenario or list(scenarios):
            print(f"preparing {name}", flush=True)
            scenario = scenarios[name]()
            tallies[name] = run_scenario(scenario, args.runs, folder, rng)
        for name, tally in tallies.items():
            report(name, tally)
            failures += tally.integrity_failures + tally.chain_failures + tally.other_failures
    print(f"\n{time.monotonic() - started:.0f} s in all; {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
