"""GUI benchmark: launch, opening lists, quick filters, scrolling, sorting and memory.

Builds (once, then reuses) a SQLite database of N detentions and N letters with
the people, organizations, hearings, responses and sanction requests around
them, then drives the real desktop window offscreen (``QT_QPA_PLATFORM=offscreen``):

1. launch to the first painted window, each run in a fresh subprocess;
2. opening each list: ``MainWindow.show_page(kind)`` until the table has painted;
3. quick filters (``filter_bar.quick`` + ``apply_now()``) on detainees and letters;
4. scrolling to the end, and page by page;
5. sorting by each sortable column (a click on its header), both directions;
6. peak memory of this process, and of a launched app that opened every list
   and scrolled each to its end.

Every time is the median of ``--runs`` runs (at least 5) after one first run,
which is shown apart. Run from the project root::

    .venv/bin/python bench/bench_gui.py                  # 100,000 rows (builds the database once)
    .venv/bin/python bench/bench_gui.py --rows 2000      # smoke test
    .venv/bin/python bench/bench_gui.py --db /tmp/gui.db # build there, or reuse that database

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_gui_launch import (
    LAUNCH_TIMEOUT_S,
    PAINTED,
    TOUR,
    paint_watcher,
    peak_rss_mb,
    settle,
    time_painted,
    wait_for_paint,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: bump when the generated data changes: cached databases of another tag are not reused
BUILD_TAG = "1"
MIN_RUNS = 5
SCROLL_PAGES = 50

#: the lists, in the order they are timed
LIST_KINDS = ("detainees", "letters", "people", "sanctions", "responses", "organizations")
FILTER_KINDS = ("detainees", "letters")
#: (label, text typed in the quick filter)
QUERIES = (
    ("rare name", "Tsaturyan"),
    ("common name fragment", "yan"),
    ("Armenian fragment", "Վարդ"),
    ("Cyrillic fragment", "Вардан"),
    ("letter title word", "Rapporteur"),
)
#: per script: a name given to one detainee only (with its spellings in the other scripts)
RARE_NAME = {"Latn-hy": "Zhirayr Tsaturyan", "Armn": "Ժիրայր Ծատուրյան", "Cyrl": "Жирайр Цатурян"}
SCRIPT_CODE = {"Latn-hy": ("Latn", "hy"), "Armn": ("Armn", "hy"), "Cyrl": ("Cyrl", "ru")}

# targets (a figure passes when its median is below)
LAUNCH_MS = 1500.0
OPEN_MS = 300.0
FILTER_MS = 200.0
SCROLL_MS = 16.0  # a scroll step within one frame at 60 Hz
SORT_MS = OPEN_MS  # no target of its own: a sort queries the whole list again, like opening it
MEMORY_MB = 400.0

# --------------------------------------------------------------------------- measuring


def ms(seconds: Sequence[float]) -> float:
    return statistics.median(seconds) * 1000


@dataclass
class Figure:
    section: str
    label: str
    median: float | None  # ms, or MB when unit is "MB"
    first: float | None = None
    spread: str = ""
    rows: str = ""
    sql_ms: float | None = None
    target: float | None = None
    unit: str = "ms"
    #: (kind, text, sort, descending) of the browse.ids query, for EXPLAIN QUERY PLAN
    plan_key: tuple[str, str, str | None, bool] | None = None

    @property
    def verdict(self) -> str:
        if self.target is None or self.median is None:
            return ""
        return "PASS" if self.median < self.target else "MISS"


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    plans: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        shown = "" if figure.median is None else f"{figure.median:,.1f} {figure.unit}"
        print(f"  {figure.label}: {shown} {figure.verdict}".rstrip(), flush=True)
        return figure


# --------------------------------------------------------------------------- the database


def build_database(path: Path, n: int) -> dict[str, int]:
    """Create the benchmark database at ``path`` through the services (in a child process)."""
    import datetime as dt

    from sqlalchemy import insert, select, update

    sys.path.insert(0, str(HERE))
    from bench_foundation import NAMES, PLACES, RECIPIENTS, SEED, letter_body, partial_date
    from casetracker.db.engine import Database, resolve_url
    from casetracker.db.schema import open_database
    from casetracker.models import (
        Ask,
        Detention,
        Hearing,
        Letter,
        LetterSignatory,
        Organization,
        Person,
        PersonName,
        Response,
        SanctionRequest,
        SanctionRequestProgram,
        letter_detentions,
        response_letters,
    )
    from casetracker.models.enums import (
        AskStatus,
        DetentionCategory,
        DetentionStatus,
        LetterDirection,
        ResponseImpact,
        ResponseType,
        SanctionStatus,
    )
    from casetracker.models.sanction import SANCTION_PROGRAMS
    from casetracker.services import Services
    from casetracker.services.base import _ChildService

    rng = random.Random(SEED)
    scripts = tuple(NAMES)

    def ids_of(db: Database, column: Any) -> list[Any]:
        with db.reading() as session:
            return list(session.scalars(select(column).order_by(column)))

    def step(label: str, action: Callable[[], int]) -> int:
        start = time.perf_counter()
        rows = action()
        print(f"  {label}: {rows:,} rows in {time.perf_counter() - start:.1f} s", flush=True)
        return rows

    def day_between(start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=rng.randint(0, (end - start).days))

    def fuzzy(day: dt.date) -> str:
        roll = rng.random()
        value = (
            day.isoformat() if roll < 0.6 else day.isoformat()[:7] if roll < 0.9 else str(day.year)
        )
        return value + ("~" if rng.random() < 0.1 else "")

    def random_name() -> str:
        firsts, lasts = NAMES[rng.choice(scripts)]
        return f"{rng.choice(firsts)} {rng.choice(lasts)}"

    # a detainee's name in every Armenian-name script (same first and last name index)
    spellings: dict[str, tuple[str, int, int]] = {}
    for script in SCRIPT_CODE:
        firsts, lasts = NAMES[script]
        for i, first in enumerate(firsts):
            for j, last in enumerate(lasts):
                spellings[f"{first} {last}"] = (script, i, j)

    def other_spellings(name: str) -> list[tuple[str, str]]:
        if name in RARE_NAME.values():
            return [(v, k) for k, v in RARE_NAME.items() if v != name]
        found = spellings.get(name)
        if found is None:
            return []
        script, i, j = found
        return [(f"{NAMES[s][0][i]} {NAMES[s][1][j]}", s) for s in SCRIPT_CODE if s != script]

    counts: dict[str, int] = {}
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    db = open_database(resolve_url(str(partial)), create=True)
    services = Services(db)
    try:
        detainee_names = [random_name() for _ in range(n)]
        detainee_names[: len(RARE_NAME)] = list(RARE_NAME.values())[:n]
        counts["people"] = step(
            "people.create_many (detainees)",
            lambda: services.people.create_many(
                {"display_name": name, "gender": "male"} for name in detainee_names
            ),
        )
        with db.reading() as session:
            detainees = sorted(session.execute(select(Person.id, Person.display_name)).all())
        officials = max(20, n // 50)
        counts["people"] += step(
            "people.create_many (officials)",
            lambda: services.people.create_many(
                {"display_name": random_name(), "gender": "male"} for _ in range(officials)
            ),
        )
        detainee_ids = {pid for pid, _ in detainees}
        official_ids = [pid for pid in ids_of(db, Person.id) if pid not in detainee_ids]

        names = []
        for pid, display in detainees:
            if display in RARE_NAME.values() or rng.random() < 0.4:
                for ordinal, (name, script) in enumerate(other_spellings(display), start=1):
                    code, language = SCRIPT_CODE[script]
                    names.append(
                        {
                            "person_id": pid,
                            "ordinal": ordinal,
                            "name": name,
                            "script": code,
                            "language": language,
                        }
                    )
        counts["person_names"] = step(
            "person names (other scripts)",
            lambda: _ChildService(db, PersonName).create_many(names),
        )
        names.clear()

        orgs = [
            *(
                {
                    "name": f"Detention facility {i + 1}",
                    "kind": "detention_facility",
                    "country": "AZ",
                }
                for i in range(max(2, n // 2000))
            ),
            *(
                {
                    "name": f"Ministry {i + 1}",
                    "kind": "ministry",
                    "country": rng.choice(("AZ", "AM", "US", "FR", "DE", "GB", "RU")),
                }
                for i in range(20)
            ),
            *({"name": f"Court {i + 1}", "kind": "court", "country": "AZ"} for i in range(10)),
        ]
        counts["organizations"] = step(
            "organizations.create_many", lambda: services.organizations.create_many(orgs)
        )
        with db.reading() as session:
            by_kind: dict[str, list[Any]] = {}
            for org_id, kind in session.execute(
                select(Organization.id, Organization.kind).order_by(Organization.id)
            ):
                by_kind.setdefault(kind.value, []).append(org_id)
        facilities, ministries, courts = (
            by_kind["detention_facility"],
            by_kind["ministry"],
            by_kind["court"],
        )

        people_order = [pid for pid, _ in detainees]
        rng.shuffle(people_order)
        counts["detentions"] = step(
            "detentions.create_many",
            lambda: services.detentions.create_many(
                {
                    "person_id": pid,
                    "category": rng.choice(tuple(DetentionCategory)).value,
                    "captured_on": partial_date(rng, none_share=0.05),
                    "capture_place": rng.choice(PLACES),
                    "facility_id": rng.choice(facilities) if rng.random() < 0.8 else None,
                }
                for pid in people_order
            ),
        )
        detention_ids = ids_of(db, Detention.id)
        # create_many leaves every status "unknown"; spread them as a status history would
        by_status: dict[DetentionStatus, list[Any]] = {}
        for did in detention_ids:
            by_status.setdefault(rng.choice(tuple(DetentionStatus)), []).append(did)
        with db.transaction() as session:
            for status, ids in by_status.items():
                for start in range(0, len(ids), 500):
                    session.execute(
                        update(Detention)
                        .where(Detention.id.in_(ids[start : start + 500]))
                        .values(status=status)
                        .execution_options(synchronize_session=False)
                    )

        def hearings() -> Iterator[dict[str, object]]:
            for did in detention_ids:
                if rng.random() < 0.5:
                    for _ in range(rng.randint(1, 2)):
                        yield {
                            "detention_id": did,
                            "held_on": fuzzy(
                                day_between(dt.date(2024, 1, 1), dt.date(2026, 12, 31))
                            ),
                            "court_id": rng.choice(courts),
                            "description": "Hearing",
                        }

        counts["hearings"] = step(
            "hearings", lambda: _ChildService(db, Hearing).create_many(hearings())
        )

        directions = (LetterDirection.OUTGOING,) * 6 + (
            LetterDirection.INCOMING,
            LetterDirection.INCOMING,
            LetterDirection.THIRD_PARTY,
            LetterDirection.THIRD_PARTY,
        )
        # one letter about the rare name in each script
        rare_letters = dict(
            zip(rng.sample(range(n), min(n, len(RARE_NAME))), RARE_NAME.values(), strict=False)
        )

        def letters() -> Iterator[dict[str, object]]:
            for i in range(n):
                about = rare_letters.get(i)
                sent = day_between(dt.date(2020, 1, 1), dt.date(2025, 6, 1))
                due = sent + dt.timedelta(days=rng.randint(30, 150))
                roll = rng.random()
                yield {
                    "title": f"Letter {i + 1} to {rng.choice(RECIPIENTS)} about "
                    f"{about or random_name()}",
                    "sent_on": None if rng.random() < 0.08 else fuzzy(sent),
                    # 10 % without, 60 % to the day, 30 % to the month (never before sent_on)
                    "follow_up_due": (
                        None
                        if roll < 0.1
                        else due.isoformat()
                        if roll < 0.7
                        else due.isoformat()[:7]
                    ),
                    "direction": rng.choice(directions).value,
                    "body": letter_body(rng),
                }

        counts["letters"] = step(
            "letters.create_many (~2 KB body)", lambda: services.letters.create_many(letters())
        )
        letter_ids = ids_of(db, Letter.id)

        def asks() -> Iterator[dict[str, object]]:
            statuses = (AskStatus.OPEN,) * 4 + tuple(AskStatus)
            for lid in letter_ids:
                if rng.random() < 0.6:
                    for ordinal in range(rng.randint(1, 3)):
                        yield {
                            "letter_id": lid,
                            "ordinal": ordinal,
                            "text": f"Ask {ordinal + 1}: release, visits or trial observers",
                            "status": rng.choice(statuses).value,
                        }

        counts["asks"] = step("asks", lambda: _ChildService(db, Ask).create_many(asks()))

        def signatories() -> Iterator[dict[str, object]]:
            for lid in letter_ids:
                for ordinal, pid in enumerate(rng.sample(official_ids, rng.randint(1, 3))):
                    yield {
                        "letter_id": lid,
                        "person_id": pid,
                        "ordinal": ordinal,
                        "is_lead": ordinal == 0,
                    }

        counts["signatories"] = step(
            "signatories", lambda: _ChildService(db, LetterSignatory).create_many(signatories())
        )
        links = {
            (lid, did) for lid in letter_ids for did in rng.sample(detention_ids, rng.randint(1, 2))
        }
        with db.transaction() as session:
            session.execute(
                insert(letter_detentions), [{"letter_id": a, "detention_id": b} for a, b in links]
            )
        counts["letter_detentions"] = len(links)
        del links

        counts["responses"] = step(
            "responses.create_many",
            lambda: services.responses.create_many(
                {
                    "title": f"Reply {i + 1} from the ministry about {random_name()}",
                    "received_on": partial_date(rng, none_share=0.1),
                    "from_organization_id": rng.choice(ministries),
                    "from_person_id": rng.choice(official_ids) if rng.random() < 0.3 else None,
                    "response_type": rng.choice(tuple(ResponseType)).value,
                    "impact": rng.choice(tuple(ResponseImpact)).value,
                }
                for i in range(max(1, n // 5))
            ),
        )
        response_ids = ids_of(db, Response.id)
        replied = rng.sample(letter_ids, min(len(letter_ids), len(response_ids)))
        with db.transaction() as session:
            session.execute(
                insert(response_letters),
                [
                    {"response_id": r, "letter_id": lid}
                    for r, lid in zip(response_ids, replied, strict=False)
                ],
            )

        counts["sanctions"] = step(
            "sanctions.create_many",
            lambda: services.sanctions.create_many(
                {
                    "title": f"Request {i + 1}: sanctions for the detention of {random_name()}",
                    "target_person_id": rng.choice(official_ids),
                    "submitted_on": partial_date(rng, none_share=0.2),
                }
                for i in range(max(1, n // 20))
            ),
        )
        sanction_ids = ids_of(db, SanctionRequest.id)
        with db.transaction() as session:
            for sid in sanction_ids:
                status = rng.choice(tuple(SanctionStatus))
                if status != SanctionStatus.PROPOSED:
                    session.execute(
                        update(SanctionRequest)
                        .where(SanctionRequest.id == sid)
                        .values(status=status)
                        .execution_options(synchronize_session=False)
                    )
        programs = tuple(SANCTION_PROGRAMS)
        counts["sanction_programs"] = step(
            "sanction programs",
            lambda: _ChildService(db, SanctionRequestProgram).create_many(
                {"sanction_request_id": sid, "program_key": key}
                for sid in sanction_ids
                for key in rng.sample(programs, rng.randint(1, 2))
            ),
        )
        db.refresh_statistics()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    os.replace(partial, path)
    sidecar(path).write_text(json.dumps({"tag": BUILD_TAG, "rows": n, "counts": counts}, indent=1))
    return counts


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def ensure_database(args: argparse.Namespace) -> Path:
    """The database to benchmark: reused when it exists, else built in a child process."""
    if args.db:
        path = Path(args.db).expanduser().resolve()
    else:
        path = Path(tempfile.gettempdir()) / f"casetracker-bench-gui-v{BUILD_TAG}-{args.rows}.db"
    if path.exists() and args.rebuild:
        if not sidecar(path).exists():
            raise SystemExit(f"{path} was not built by this benchmark: not deleting it")
        for old in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), sidecar(path)):
            old.unlink(missing_ok=True)
    if path.exists():
        built = json.loads(sidecar(path).read_text()) if sidecar(path).exists() else None
        if built is None:
            print(f"using {path} (not built by this benchmark: some lists may be empty)")
        elif built.get("tag") != BUILD_TAG:
            print(f"using {path} (built by an older version of this benchmark: --rebuild)")
        else:
            print(f"using {path} (built with --rows {built['rows']:,})")
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"building {path} with --rows {args.rows:,} (once; reused by later runs)", flush=True)
    start = time.perf_counter()
    command = [
        sys.executable,
        __file__,
        "--build-child",
        "--db",
        str(path),
        "--rows",
        str(args.rows),
    ]
    subprocess.run(command, check=True, cwd=REPO)
    print(f"built in {time.perf_counter() - start:.0f} s", flush=True)
    return path


# --------------------------------------------------------------------------- launch


def launch_once(db: Path, settings_path: Path, tour: bool, env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "bench_gui_launch.py"), str(db), str(settings_path)]
    if tour:
        command.append("--tour")
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env, cwd=REPO
        )
        assert child.stdout is not None
        result: dict[str, Any] = {}
        for line in child.stdout:
            if line.startswith(PAINTED):
                result["wall"] = time.perf_counter() - start
                result.update(json.loads(line[len(PAINTED) :]))
            elif line.startswith(TOUR):
                result["tour"] = json.loads(line[len(TOUR) :])
        code = child.wait(timeout=LAUNCH_TIMEOUT_S)
        if code != 0 or "wall" not in result:
            errors.seek(0)
            raise RuntimeError(f"the launched app failed (exit {code}):\n{errors.read()[-3000:]}")
    return result


def time_launch(db: Path, runs: int, report: Report, work: Path) -> None:
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(work / name.lower())
    cases = (
        ("fresh settings: the dashboard", ""),
        ("last page saved: detainees", "[window]\npage=detainees\n"),
    )
    section = "1. launch to the first painted window (a fresh subprocess per run)"
    for number, (label, ini) in enumerate(cases):
        results = []
        for run in range(runs + 1):
            settings = work / f"launch-{number}-{run}.ini"
            if ini:
                settings.write_text(ini)
            results.append(launch_once(db, settings, tour=False, env=env))
        first, timed = results[0], results[1:]
        walls = [r["wall"] for r in timed]
        report.add(
            Figure(
                section,
                f"{label} — wall, subprocess start → paint",
                ms(walls),
                first["wall"] * 1000,
                f"max {max(walls) * 1000:,.0f}",
                target=LAUNCH_MS,
            )
        )
        in_process = [r["in_process"] for r in timed]
        report.add(
            Figure(
                section,
                "  in-process: main() start → paint",
                ms(in_process),
                first["in_process"] * 1000,
                f"max {max(in_process) * 1000:,.0f}",
            )
        )
        report.add(
            Figure(
                section,
                "  interpreter start and site (wall − in-process)",
                ms([r["wall"] - r["in_process"] for r in timed]),
            )
        )
        if number == 0:
            bare = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
                bare.append(time.perf_counter() - start)
            report.add(Figure(section, "    of which a bare `python -c pass`", ms(bare)))
        for index, (phase, _) in enumerate(timed[0]["phases"]):
            report.add(
                Figure(
                    section,
                    f"    {phase}",
                    ms([r["phases"][index][1] for r in timed]),
                    first["phases"][index][1] * 1000,
                )
            )
        report.add(
            Figure(
                section,
                "  peak RSS at the first paint",
                statistics.median(r["rss_mb"] for r in timed),
                unit="MB",
                target=MEMORY_MB,
            )
        )
        pages = {r["page"] for r in results}
        report.notes.append(f"launch '{label}': the window opened on {', '.join(sorted(pages))}")
    # the database work inside MainWindow(), timed alone in this process
    from casetracker.gui.app import open_target

    services = open_target(str(db))
    try:
        parts: list[tuple[str, Callable[[], object]]] = [
            (
                "status bar: listing.count() of the 6 lists",
                lambda: [services.listing.count(kind) for kind in LIST_KINDS],
            ),
            ("dashboard: services.dashboard.build()", services.dashboard.build),
        ]
        for label, action in parts:
            samples = []
            for _ in range(runs + 1):
                start = time.perf_counter()
                action()
                samples.append(time.perf_counter() - start)
            report.add(
                Figure(
                    section,
                    f"  in MainWindow(), timed alone: {label}",
                    ms(samples[1:]),
                    samples[0] * 1000,
                    f"max {max(samples[1:]) * 1000:,.0f}",
                )
            )
    finally:
        services.db.engine.dispose()
    toured = launch_once(db, work / "launch-tour.ini", tour=True, env=env)
    tour = toured["tour"]
    report.add(
        Figure(
            "6. peak memory",
            "launched app after opening every list and scrolling each to its end",
            tour["rss_mb"],
            unit="MB",
            target=MEMORY_MB,
            rows=f"{sum(tour['rows'].values()):,}",
        )
    )
    report.notes.append(
        f"memory tour ({tour['seconds']:.1f} s): "
        + ", ".join(f"{k} {v:,}" for k, v in tour["rows"].items())
    )


# --------------------------------------------------------------------------- in-process GUI


def time_gui(db_path: Path, runs: int, report: Report, work: Path) -> Any:
    """Opening, filtering, scrolling and sorting the lists in this process; returns services."""
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings, qInstallMessageHandler

    from casetracker.gui.app import make_application, open_target
    from casetracker.gui.list_model import BLOCK
    from casetracker.gui.main_window import MainWindow
    from casetracker.gui.tasks import ImmediateRunner

    def quiet(_mode: Any, _context: Any, message: str) -> None:
        if "propagateSizeHints" not in message:  # the offscreen platform says it at each show()
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    app = make_application([sys.argv[0]])
    services = open_target(str(db_path))
    report.notes.append(f"Qt platform: {app.platformName()}")

    def new_window(number: int) -> Any:
        settings = QSettings(str(work / f"window-{number}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, ImmediateRunner(), settings)
        watcher = paint_watcher(window)
        window.show()
        wait_for_paint(app, watcher)
        window.removeEventFilter(watcher)
        settle(app)
        return window

    # 2. opening each list: a new window per run, so that every run is a first opening
    section = "2. opening a list: show_page(kind) → first rows painted (a new window per run)"
    print(section, flush=True)
    opened: dict[str, list[tuple[float, float, int]]] = {kind: [] for kind in LIST_KINDS}
    window = None
    for run in range(runs + 1):
        if window is not None:
            window.hide()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        window = new_window(run)
        for kind in LIST_KINDS:
            page = window.pages[kind]
            watcher = paint_watcher(page.table.viewport())
            seconds = time_painted(app, watcher, lambda k=kind, w=window: w.show_page(k))
            page.table.viewport().removeEventFilter(watcher)
            opened[kind].append((seconds, page.last_query_ms, page.model.rowCount()))
    assert window is not None
    for kind in LIST_KINDS:
        first, *timed = opened[kind]
        report.add(
            Figure(
                section,
                kind,
                ms([t for t, _, _ in timed]),
                first[0] * 1000,
                f"max {max(t for t, _, _ in timed) * 1000:,.0f}",
                rows=f"{first[2]:,}",
                sql_ms=statistics.median(q for _, q, _ in timed),
                target=OPEN_MS,
                plan_key=(kind, "", None, False),
            )
        )

    watchers = {kind: paint_watcher(window.pages[kind].table.viewport()) for kind in LIST_KINDS}

    # 3. quick filters
    section = "3. quick filter: text + apply_now() → rows painted"
    print(section, flush=True)
    for kind in FILTER_KINDS:
        page = window.show_page(kind)
        wait_for_paint(app, watchers[kind])
        quick = page.filter_bar.quick
        for label, text in QUERIES:

            def apply(t: str = text, bar: Any = page.filter_bar) -> None:
                bar.quick.setText(t)
                bar.apply_now()

            samples, sql = [], []
            for _ in range(runs + 1):
                samples.append(time_painted(app, watchers[kind], apply))
                sql.append(page.last_query_ms)
            report.add(
                Figure(
                    section,
                    f"{kind}: {label} '{text}'",
                    ms(samples[1:]),
                    samples[0] * 1000,
                    f"max {max(samples[1:]) * 1000:,.0f}",
                    rows=f"{page.model.rowCount():,}",
                    sql_ms=statistics.median(sql[1:]),
                    target=FILTER_MS,
                    plan_key=(kind, text, None, False),
                )
            )
        quick.setText("")
        time_painted(app, watchers[kind], page.filter_bar.apply_now)

    # 4. scrolling
    section = "4. scrolling (rows not fetched yet)"
    print(section, flush=True)
    for kind in LIST_KINDS:
        page = window.show_page(kind)
        wait_for_paint(app, watchers[kind])
        table, model = page.table, page.model
        bar = table.verticalScrollBar()
        if bar.maximum() == 0:
            report.notes.append(f"scrolling {kind}: the list fits in the window, nothing to scroll")
            continue

        def back_to_top(
            t: Any = table, b: Any = bar, m: Any = model, w: Any = watchers[kind]
        ) -> None:
            time_painted(app, w, lambda: (b.setValue(0), t.viewport().update()))
            m._blocks.clear()  # forget fetched rows: the next ones are fetched as on a first visit

        floor = [
            time_painted(app, watchers[kind], table.viewport().update) for _ in range(runs + 1)
        ]
        report.add(
            Figure(
                section,
                f"{kind}: repaint, rows already fetched (the floor of any step)",
                ms(floor[1:]),
                floor[0] * 1000,
                f"max {max(floor[1:]) * 1000:,.1f}",
                rows=f"{model.rowCount():,}",
            )
        )
        ids = model._ids
        fetch = []
        for run in range(runs + 1):
            block = ids[-(run + 1) * BLOCK :][:BLOCK]  # a different block each run, from the end
            start = time.perf_counter()
            services.browse.rows(kind, block)
            fetch.append(time.perf_counter() - start)
        report.add(
            Figure(
                section,
                f"{kind}: browse.rows() of one block of {BLOCK} (what a step may fetch)",
                ms(fetch[1:]),
                fetch[0] * 1000,
                f"max {max(fetch[1:]) * 1000:,.1f}",
                rows=f"{len(block):,}",
            )
        )
        to_end = []
        for _ in range(runs + 1):
            back_to_top()
            to_end.append(time_painted(app, watchers[kind], table.scrollToBottom))
        report.add(
            Figure(
                section,
                f"{kind}: scrollToBottom()",
                ms(to_end[1:]),
                to_end[0] * 1000,
                f"max {max(to_end[1:]) * 1000:,.1f}",
                rows=f"{model.rowCount():,}",
                target=SCROLL_MS,
            )
        )
        back_to_top()
        fetched = model.blocks_fetched
        steps = []
        for _ in range(SCROLL_PAGES):
            if bar.value() >= bar.maximum():
                break
            steps.append(
                time_painted(
                    app,
                    watchers[kind],
                    lambda b=bar: b.setValue(b.value() + b.pageStep()),
                )
            )
        report.add(
            Figure(
                section,
                f"{kind}: {len(steps)} pages down ({bar.pageStep()} rows), per page",
                ms(steps),
                None,
                f"max {max(steps) * 1000:,.1f}, {model.blocks_fetched - fetched} fetches",
                rows=f"{model.rowCount():,}",
                target=SCROLL_MS,
            )
        )
        back_to_top()

    # 5. sorting
    section = "5. sorting: header click → rows painted (ascending / descending)"
    print(section, flush=True)
    for kind in LIST_KINDS:
        page = window.show_page(kind)
        wait_for_paint(app, watchers[kind])
        header = page.table.horizontalHeader()
        for number, column in enumerate(page.model.columns):
            if column not in page.model.sortable:
                continue
            times: dict[bool, list[float]] = {False: [], True: []}
            sql: dict[bool, list[float]] = {False: [], True: []}
            for _ in range(runs + 1):
                page.sort, page.descending = None, False  # the next click sorts ascending
                for descending in (False, True):
                    times[descending].append(
                        time_painted(
                            app, watchers[kind], lambda n=number, h=header: h.sectionClicked.emit(n)
                        )
                    )
                    sql[descending].append(page.last_query_ms)
            for descending in (False, True):
                samples = times[descending]
                report.add(
                    Figure(
                        section,
                        f"{kind}: {column} {'desc' if descending else 'asc'}",
                        ms(samples[1:]),
                        samples[0] * 1000,
                        f"max {max(samples[1:]) * 1000:,.0f}",
                        rows=f"{page.model.rowCount():,}",
                        sql_ms=statistics.median(sql[descending][1:]),
                        target=SORT_MS,
                        plan_key=(kind, "", page.sort, descending),
                    )
                )
    report.add(
        Figure(
            "6. peak memory",
            "this process after all of the above (5 windows opened, one kept)",
            peak_rss_mb(),
            unit="MB",
            target=MEMORY_MB,
        )
    )
    return services


def ids_statement(services: Any, key: tuple[str, str, str | None, bool]) -> tuple[str, Any]:
    """The SQL that ``services.browse.ids`` runs for ``key`` and its parameters."""
    from sqlalchemy import event

    seen: list[tuple[str, Any]] = []

    def listener(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    kind, text, sort, descending = key
    event.listen(services.db.engine, "before_cursor_execute", listener)
    try:
        services.browse.ids(kind, text=text or None, sort=sort, descending=descending)
    finally:
        event.remove(services.db.engine, "before_cursor_execute", listener)
    return seen[-1]


def add_plans(services: Any, report: Report, every: bool) -> None:
    sys.path.insert(0, str(HERE))
    from bench_foundation import explain

    done: set[tuple[str, str, str | None, bool]] = set()
    for figure in report.figures:
        key = figure.plan_key
        if key is None or key in done or not (every or figure.verdict == "MISS"):
            continue
        done.add(key)
        statement, parameters = ids_statement(services, key)
        sql = " ".join(statement.split())
        label = f"{figure.label.strip()} ({figure.verdict or 'no target'})"
        report.plans.append((label, sql, explain(services.db, statement, parameters)))


# --------------------------------------------------------------------------- printing


def machine_info() -> list[str]:
    import sqlite3

    import PySide6
    import sqlalchemy
    from PySide6.QtCore import qVersion

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.1f} GB RAM"
    except (ValueError, OSError):
        pass
    return [
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs ({usable} usable)"
        f"{', ' + cpu if cpu else ''}{memory}",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"SQLite {sqlite3.sqlite_version}, Qt {qVersion()} (PySide6 {PySide6.__version__}), "
        f"SQLAlchemy {sqlalchemy.__version__}, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}",
    ]


def code_version() -> str:
    """The commit measured, and whether the application code had uncommitted changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "src", "migrations"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown (no git)"
    if not commit:
        return "unknown (not a git checkout)"
    return commit + (" + uncommitted changes in src/ or migrations/" if changed else "")


def database_info(path: Path) -> list[str]:
    from casetracker.gui.app import open_target

    services = open_target(str(path))
    try:
        counts = {kind: services.listing.count(kind) for kind in LIST_KINDS}
    finally:
        services.db.engine.dispose()
    size = path.stat().st_size / 2**20
    return [
        f"code: {code_version()}",
        f"database: {path} ({size:,.0f} MB)",
        "rows: " + ", ".join(f"{kind} {count:,}" for kind, count in counts.items()),
    ]


def print_report(report: Report, header: list[str], runs: int) -> None:
    print("\n## CaseTracker GUI benchmark")
    for line in header:
        print(line)
    print(
        f"times: median of {runs} runs (ms); 'first' is the run before them; PASS = median < target"
    )
    width = 74
    section = None
    columns = (
        f"{'':<{width}} {'rows':>8} {'median':>9} {'first':>8}"
        f" {'ids SQL':>8} {'target':>9}  result  spread"
    )
    # by section number, in the order measured within a section
    for figure in sorted(report.figures, key=lambda f: f.section.split(".")[0]):
        if figure.section != section:
            section = figure.section
            print(f"\n{section}")
            print(columns)
        median = "" if figure.median is None else f"{figure.median:,.1f}"
        if figure.unit == "MB":
            median += " MB"
        first = "" if figure.first is None else f"{figure.first:,.1f}"
        sql = "" if figure.sql_ms is None else f"{figure.sql_ms:,.1f}"
        target = "" if figure.target is None else f"< {figure.target:,.0f}"
        print(
            f"{figure.label:<{width}} {figure.rows:>8} {median:>9} {first:>8}"
            f" {sql:>8} {target:>9}  {figure.verdict:<6}  {figure.spread}"
        )
    misses = [f for f in report.figures if f.verdict == "MISS"]
    print(
        f"\n{len(misses)} of {sum(1 for f in report.figures if f.target)} figures miss their target"
    )
    for figure in misses:
        print(
            f"  MISS {figure.section.split(':')[0]} — {figure.label.strip()}:"
            f" {figure.median:,.1f} {figure.unit}"
        )
    for note in report.notes:
        print(f"- {note}")
    if report.plans:
        print("\nquery plans of services.browse.ids (EXPLAIN QUERY PLAN):")
        for label, sql, plan in report.plans:
            print(f"\n  {label}\n    {sql}\n{plan}")


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="detentions and letters built")
    parser.add_argument("--db", help="the database to use; built there when missing")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--runs", type=int, default=MIN_RUNS, help="timed runs (at least 5)")
    parser.add_argument("--explain", action="store_true", help="plans of every ids query")
    parser.add_argument("--skip-launch", action="store_true", help="no launch subprocesses")
    parser.add_argument("--build-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.build_child:
        build_database(Path(args.db), args.rows)
        return 0
    if args.rows < 1:
        parser.error("--rows must be positive")
    runs = max(MIN_RUNS, args.runs)

    started = time.perf_counter()
    db_path = ensure_database(args)
    benchmark_start = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="casetracker-bench-gui-"))
    try:
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(work / name.lower())  # keep the user's settings out of it
        header = machine_info() + database_info(db_path)
        for line in header:
            print(line, flush=True)
        report = Report()
        if not args.skip_launch:
            print("1. launch (subprocesses)", flush=True)
            time_launch(db_path, runs, report, work)
        services = time_gui(db_path, runs, report, work)
        add_plans(services, report, args.explain)
        services.db.engine.dispose()  # not db.close(): no PRAGMA optimize on the database
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report.notes.append(
        f"benchmark {time.perf_counter() - benchmark_start:.0f} s"
        f" (database ready after {benchmark_start - started:.0f} s)"
    )
    print_report(report, header, runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
