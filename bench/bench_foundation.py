"""Foundation benchmark: bulk creation through the services, and list paging.

Creates N people, N detentions and N letters (~2 KB multi-script bodies)
through ``Services`` on a fresh database, inserts the same N letters with the
raw driver's ``executemany`` as a baseline, then times the first page of the
letters and detainees lists sorted by date (ascending, descending, a deep
keyset page, filtered, text search) and ``ListingService.count``.

Run from the project root::

    .venv/bin/python bench/bench_foundation.py              # SQLite, 100,000 rows
    .venv/bin/python bench/bench_foundation.py --rows 2000  # smoke test
    .venv/bin/python bench/bench_foundation.py --pg         # SQLite, then PostgreSQL

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import URL

from casetracker.db.engine import Database, resolve_url
from casetracker.db.schema import open_database
from casetracker.models import Person
from casetracker.models.enums import DetentionCategory, DetentionStatus, LetterDirection
from casetracker.partialdate import PartialDate
from casetracker.services import Services
from casetracker.services.listing import Page

REPO = Path(__file__).resolve().parents[1]
SEED = 20240919
DEEP_PAGES = 50  # pages followed through next_cursor before timing the deep page
PAGE_SIZE = 100

# --------------------------------------------------------------------------- data

# (first names, surnames) per script; people are drawn from one script at a time.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Latn-hy": (
        ("Ruben", "Arayik", "Davit", "Levon", "Bako", "Arkadi", "Vitali", "Gurgen", "Narek"),
        (
            "Vardanyan",
            "Harutyunyan",
            "Ishkhanyan",
            "Mnatsakanyan",
            "Sahakyan",
            "Ghukasyan",
            "Babayan",
            "Balasanyan",
            "Manukyan",
            "Petrosyan",
        ),
    ),
    "Armn": (
        ("Ռուբեն", "Արայիկ", "Դավիթ", "Լևոն", "Բակո", "Արկադի", "Վիտալի", "Գուրգեն", "Նարեկ"),
        (
            "Վարդանյան",
            "Հարությունյան",
            "Իշխանյան",
            "Մնացականյան",
            "Սահակյան",
            "Ղուկասյան",
            "Բաբայան",
            "Բալասանյան",
            "Մանուկյան",
            "Պետրոսյան",
        ),
    ),
    "Cyrl": (
        ("Рубен", "Араик", "Давид", "Левон", "Бако", "Аркадий", "Виталий", "Гурген", "Нарек"),
        (
            "Варданян",
            "Арутюнян",
            "Ишханян",
            "Мнацаканян",
            "Саакян",
            "Гукасян",
            "Бабаян",
            "Баласанян",
            "Манукян",
            "Петросян",
        ),
    ),
    "Latn-az": (
        ("İlham", "Ceyhun", "Zakir", "Ramil", "Şahin", "Elçin", "Hikmət", "Əli", "Günay"),
        (
            "Əliyev",
            "Bayramov",
            "Həsənov",
            "Usubov",
            "Mustafayev",
            "Əmirbəyov",
            "Hacıyev",
            "Məmmədov",
            "Quliyeva",
            "Nəsibli",
        ),
    ),
}
RECIPIENTS = (
    "the Minister of Foreign Affairs",
    "the UN Special Rapporteur on Torture",
    "the International Committee of the Red Cross",
    "the Council of Europe Commissioner for Human Rights",
    "the Prosecutor General of the Republic of Azerbaijan",
    "Министр иностранных дел",
    "Xarici İşlər Nazirliyi",
    "ՀՀ Արտաքին գործերի նախարարություն",
)
PLACES = ("Baku", "Bakı", "Stepanakert", "Ստեփանակերտ", "Степанакерт", "Lachin", "Laçın", "Goris")
PARAGRAPHS = (
    "We write on behalf of {name} ({alias}), detained on {date} near {place} and held "
    "since then without access to a lawyer of their choosing. Family members report that "
    "letters sent through the ICRC have gone unanswered for months.",
    "Мы обращаемся к вам в связи с задержанием {alias}. По имеющимся данным, {date} он был "
    "задержан у {place}; с тех пор родственникам не сообщают о месте содержания.",
    "Մենք դիմում ենք ձեզ՝ {alias}-ի ազատ արձակման խնդրանքով։ Նա ձերբակալվել է {date}, "
    "{place}-ի մոտ, և ընտանիքը տեղեկություն չունի նրա առողջական վիճակի մասին։",
    "Biz {alias} barədə müraciət edirik. {date} tarixində {place} yaxınlığında saxlanılıb; "
    "vəkil və ailə ilə görüşlərə icazə verilmir.",
    "We respectfully ask {recipient} to confirm the place of detention of {name}, to allow "
    "regular visits by the ICRC and consular officials, and to ensure that any proceedings "
    "meet international fair-trial standards, including the presumption of innocence.",
    "The hearing of {date} lasted less than an hour; observers from {place} were refused "
    "entry. We ask that the trial record be made public and that {name} be allowed to "
    "address the court in a language he understands, with interpretation provided.",
)
DETENTION_STATUSES = tuple(DetentionStatus)
CATEGORIES = tuple(DetentionCategory)
DIRECTIONS = tuple(LetterDirection)


def partial_date(rng: random.Random, *, none_share: float) -> str | None:
    """A date of mixed precision between 2020 and 2025 ("2023", "2023-09", "2023-09-27~")."""
    roll = rng.random()
    if roll < none_share:
        return None
    year = rng.randint(2020, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    kind = rng.random()
    if kind < 0.15:
        value = f"{year}"
    elif kind < 0.45:
        value = f"{year}-{month:02d}"
    else:
        value = f"{year}-{month:02d}-{day:02d}"
    return value + ("~" if rng.random() < 0.1 else "")


def person_name(rng: random.Random) -> str:
    firsts, lasts = NAMES[rng.choice(tuple(NAMES))]
    return f"{rng.choice(firsts)} {rng.choice(lasts)}"


def people_rows(n: int, rng: random.Random) -> list[dict[str, object]]:
    return [{"display_name": person_name(rng), "gender": "male"} for _ in range(n)]


def detention_rows(person_ids: Sequence[uuid.UUID], rng: random.Random) -> list[dict[str, object]]:
    return [
        {
            "person_id": pid,
            "category": rng.choice(CATEGORIES).value,
            "captured_on": partial_date(rng, none_share=0.05),
            "capture_place": rng.choice(PLACES),
        }
        for pid in person_ids
    ]


def letter_body(rng: random.Random, size: int = 2048) -> str:
    parts: list[str] = [f"Dear {rng.choice(RECIPIENTS)},"]
    length = len(parts[0])
    while length < size:
        paragraph = rng.choice(PARAGRAPHS).format(
            name=person_name(rng),
            alias=person_name(rng),
            date=partial_date(rng, none_share=0) or "2023",
            place=rng.choice(PLACES),
            recipient=rng.choice(RECIPIENTS),
        )
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)[:size]


def letter_rows(n: int, rng: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for i in range(n):
        rows.append(
            {
                "title": f"Letter {i + 1} to {rng.choice(RECIPIENTS)} about {person_name(rng)}",
                "sent_on": partial_date(rng, none_share=0.08),
                "direction": rng.choice(DIRECTIONS).value,
                "body": letter_body(rng),
            }
        )
    return rows


# --------------------------------------------------------------------------- measuring


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """Resident memory now (Linux /proc); the peak so far elsewhere."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return peak_rss_mb()
    return pages * resource.getpagesize() / 2**20


def ms_stats(samples: Sequence[float]) -> tuple[float, float]:
    """Median and nearest-rank 95th percentile, in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


@dataclass
class WriteResult:
    label: str
    rows: int
    seconds: float
    rss_before_mb: float
    peak_mb: float

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else float("inf")


@dataclass
class ReadResult:
    label: str
    rows: int
    median_ms: float
    p95_ms: float
    note: str = ""


@dataclass
class Report:
    backend: str
    writes: list[WriteResult] = field(default_factory=list)
    reads: list[ReadResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    plans: list[tuple[str, str]] = field(default_factory=list)


def timed_write(report: Report, label: str, action: Callable[..., int], *args: Any) -> int:
    gc.collect()
    before = current_rss_mb()
    start = time.perf_counter()
    rows = action(*args)
    seconds = time.perf_counter() - start
    report.writes.append(WriteResult(label, rows, seconds, before, peak_rss_mb()))
    print(f"  {label}: {rows:,} rows in {seconds:.2f} s ({rows / seconds:,.0f} rows/s)")
    return rows


class StatementLog:
    """Remembers the last SQL statement an engine ran (for --explain)."""

    def __init__(self, engine: Engine) -> None:
        self.last: tuple[str, Any] | None = None
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        self.last = (statement, parameters)


def explain(db: Database, statement: str, parameters: Any) -> str:
    prefix = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN (ANALYZE, COSTS OFF) "
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(prefix + statement, parameters)
        rows = cursor.fetchall()
        raw.rollback()
    finally:
        raw.close()
    if db.is_sqlite:
        return "\n".join(f"    {row[-1]}" for row in rows)
    return "\n".join(f"    {row[0]}" for row in rows)


def time_read(
    report: Report,
    label: str,
    action: Callable[[], int],
    runs: int,
    log: StatementLog | None,
    db: Database,
    note: str = "",
) -> None:
    action()  # warm-up: statement cache, page cache
    if log is not None and log.last is not None:
        report.plans.append((label, explain(db, *log.last)))
    samples: list[float] = []
    rows = 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = action()
        samples.append(time.perf_counter() - start)
    median, p95 = ms_stats(samples)
    report.reads.append(ReadResult(label, rows, median, p95, note))


# --------------------------------------------------------------------------- backends


@dataclass
class Target:
    """Where one run writes: the services database and a second one for the raw baseline."""

    name: str
    services_url: URL
    raw_url: URL
    raw_insert: Callable[[URL, list[dict[str, object]]], int]
    describe: str


def sqlite_raw_letters(url: URL, letters: list[dict[str, object]]) -> int:
    """The same letters through sqlite3 ``executemany``, same PRAGMAs, one transaction."""
    conn = sqlite3.connect(str(url.database), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        start_rows = conn.execute("SELECT count(*) FROM letters").fetchone()[0]
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        rows = [
            (
                uuid.uuid4().hex,
                row["title"],
                _sort_text(row["sent_on"]),
                row["direction"],
                row["body"],
                now,
                now,
            )
            for row in letters
        ]
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO letters (id, title, sent_on, direction, body, created_at, updated_at,"
            " version, sensitivity, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'public', 0)",
            rows,
        )
        conn.execute("COMMIT")
        return int(conn.execute("SELECT count(*) FROM letters").fetchone()[0]) - start_rows
    finally:
        conn.close()


def pg_raw_letters(url: URL, letters: list[dict[str, object]]) -> int:
    """The same letters through psycopg ``executemany``, one transaction."""
    import psycopg

    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn, conn.cursor() as cursor:
        now = dt.datetime.now(dt.UTC)
        rows = [
            (
                uuid.uuid4(),
                row["title"],
                _sort_text(row["sent_on"]),
                row["direction"],
                row["body"],
                now,
                now,
            )
            for row in letters
        ]
        cursor.executemany(
            "INSERT INTO letters (id, title, sent_on, direction, body, created_at, updated_at,"
            " version, sensitivity, is_demo)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, 1, 'public', false)",
            rows,
        )
        conn.commit()
        cursor.execute("SELECT count(*) FROM letters")
        found = cursor.fetchone()
        return int(found[0]) if found else 0


def _sort_text(value: object) -> str | None:
    parsed = PartialDate.coerce(value)
    return parsed.sort_text() if parsed is not None else None


@contextmanager
def sqlite_target(keep: bool) -> Iterator[Target]:
    folder = Path(tempfile.mkdtemp(prefix="casetracker-bench-"))
    try:
        yield Target(
            name="sqlite",
            services_url=resolve_url(folder / "services.db"),
            raw_url=resolve_url(folder / "raw.db"),
            raw_insert=sqlite_raw_letters,
            describe=f"SQLite {sqlite3.sqlite_version}, WAL, synchronous=FULL, in {folder}",
        )
    finally:
        if keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def pg_target() -> Iterator[Target]:
    sys.path.insert(0, str(REPO))
    from tests.pg_server import start_postgres

    server = start_postgres()
    try:
        admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE bench_services"))
            conn.execute(text("CREATE DATABASE bench_raw"))
            version = conn.execute(text("SHOW server_version")).scalar()
        admin.dispose()
        yield Target(
            name="postgresql",
            services_url=resolve_url(server.url("bench_services")),
            raw_url=resolve_url(server.url("bench_raw")),
            raw_insert=pg_raw_letters,
            describe=f"PostgreSQL {version} (throw-away server, fsync=off), port {server.port}",
        )
    finally:
        server.stop()


# --------------------------------------------------------------------------- the run


def follow(services: Services, kind: str, sort: str, pages: int) -> tuple[str | None, int]:
    """The cursor after ``pages`` pages (or the last cursor there is) and the page number."""
    cursor: str | None = None
    reached = 0
    for _ in range(pages):
        page = services.listing.page(kind, sort=sort, limit=PAGE_SIZE, after=cursor)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
        reached += 1
    return cursor, reached + 1


def run_backend(target: Target, args: argparse.Namespace) -> Report:
    n: int = args.rows
    report = Report(backend=target.name)
    rng = random.Random(SEED)
    print(f"\n== {target.name}: {target.describe}")

    db = open_database(target.services_url, create=True)
    services = Services(db)
    log = StatementLog(db.engine) if args.explain else None
    try:
        print("  generating rows…")
        people = people_rows(n, rng)
        timed_write(report, "people.create_many", services.people.create_many, people)
        del people
        with db.reading() as session:
            person_ids = list(session.scalars(select(Person.id)))
        rng.shuffle(person_ids)

        detentions = detention_rows(person_ids, rng)
        timed_write(
            report,
            "detentions.create_many (no status)",
            services.detentions.create_many,
            detentions,
        )
        del detentions

        # create_many refuses "status" (not an editable field); the per-record path
        # (create_in) takes it and writes the status history. Timed on a sample, all
        # in one transaction so that the figure is not fsync-bound.
        with_status = [
            {
                "person_id": pid,
                "category": rng.choice(CATEGORIES).value,
                "captured_on": partial_date(rng, none_share=0.05),
                "status": rng.choice(DETENTION_STATUSES).value,
                "status_on": partial_date(rng, none_share=0.3),
            }
            for pid in person_ids[: args.status_rows]
        ]

        def create_with_status(rows: list[dict[str, object]]) -> int:
            with db.transaction() as session:
                for row in rows:
                    services.detentions.create_in(session, row)
            return len(rows)

        timed_write(report, "detentions.create_in + status, 1 txn", create_with_status, with_status)
        del with_status, person_ids

        letters = letter_rows(n, rng)
        size = sum(len(str(r["body"]).encode()) for r in letters) / max(1, n)
        report.notes.append(f"letter bodies: {size:,.0f} bytes of UTF-8 on average")
        timed_write(
            report, "letters.create_many (~2 KB body)", services.letters.create_many, letters
        )

        raw_db = open_database(target.raw_url, create=True)
        raw_db.close()
        timed_write(
            report,
            f"raw {'sqlite3' if target.name == 'sqlite' else 'psycopg'} executemany letters",
            target.raw_insert,
            target.raw_url,
            letters,
        )
        del letters

        if not db.is_sqlite:
            with db.engine.begin() as conn:  # what autovacuum does shortly after a bulk load
                conn.execute(text("ANALYZE"))
            report.notes.append("PostgreSQL: ANALYZE run after loading, before listing")

        counts = {kind: services.listing.count(kind) for kind in ("letters", "detainees", "people")}
        report.notes.append("rows listed: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        time_listing(report, services, db, log, args.runs)

        singles = letter_rows(args.single_rows, random.Random(SEED + 1))

        def create_one_by_one(rows: list[dict[str, object]]) -> int:
            for row in rows:
                services.letters.create(**row)
            return len(rows)

        timed_write(report, "letters.create(), 1 txn each", create_one_by_one, singles)
        if db.path is not None:
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            report.notes.append(f"database file: {db.path.stat().st_size / 2**20:,.0f} MB")
    finally:
        db.close()
    return report


def time_listing(
    report: Report, services: Services, db: Database, log: StatementLog | None, runs: int
) -> None:
    listing = services.listing

    def page(kind: str, **kwargs: Any) -> Callable[[], int]:
        def action() -> int:
            result: Page = listing.page(kind, limit=PAGE_SIZE, **kwargs)
            return len(result.rows)

        return action

    def count(kind: str, **kwargs: Any) -> Callable[[], int]:
        return lambda: listing.count(kind, **kwargs)

    letter_cursor, letter_depth = follow(services, "letters", "sent_on", DEEP_PAGES)
    detainee_cursor, detainee_depth = follow(services, "detainees", "captured_on", DEEP_PAGES)
    cases: list[tuple[str, Callable[[], int], str]] = [
        ("letters by sent_on", page("letters", sort="sent_on"), ""),
        ("letters by sent_on desc", page("letters", sort="sent_on", descending=True), ""),
        (
            f"letters by sent_on, page {letter_depth}",
            page("letters", sort="sent_on", after=letter_cursor),
            "keyset",
        ),
        (
            "letters sent_from 2024-03, incoming",
            page(
                "letters", sort="sent_on", filters={"sent_from": "2024-03", "direction": "incoming"}
            ),
            "",
        ),
        ("letters text 'Վարդանյան'", page("letters", sort="sent_on", text="Վարդանյան"), ""),
        ("letters count", count("letters"), "value"),
        (
            "letters count sent_from 2024-03",
            count("letters", filters={"sent_from": "2024-03"}),
            "value",
        ),
        ("detainees by captured_on", page("detainees", sort="captured_on"), ""),
        (
            "detainees by captured_on desc",
            page("detainees", sort="captured_on", descending=True),
            "",
        ),
        (
            f"detainees by captured_on, page {detainee_depth}",
            page("detainees", sort="captured_on", after=detainee_cursor),
            "keyset",
        ),
        (
            "detainees status detained|on_trial",
            page("detainees", sort="captured_on", filters={"status": ["detained", "on_trial"]}),
            "",
        ),
        (
            "detainees journalist, captured_from 2023",
            page(
                "detainees",
                sort="captured_on",
                filters={"category": "journalist", "captured_from": "2023"},
            ),
            "",
        ),
        ("detainees by name", page("detainees", sort="name"), ""),
        ("detainees text 'Əliyev'", page("detainees", sort="captured_on", text="Əliyev"), ""),
        ("detainees count", count("detainees"), "value"),
        (
            "detainees count status detained",
            count("detainees", filters={"status": "detained"}),
            "value",
        ),
    ]
    for label, action, note in cases:
        time_read(report, label, action, runs, log, db, note)
        last = report.reads[-1]
        print(f"  {label}: median {last.median_ms:.2f} ms, p95 {last.p95_ms:.2f} ms")


# --------------------------------------------------------------------------- printing


def print_report(report: Report, args: argparse.Namespace) -> None:
    width = 44
    print(f"\n### {report.backend} — rows={args.rows:,}, listing runs={args.runs} (+1 warm-up)")
    print(
        f"{'write path':<{width}} {'rows':>9} {'seconds':>9} {'rows/s':>10}"
        f" {'RSS before MB':>14} {'peak RSS MB':>12}"
    )
    for w in report.writes:
        figures = (
            f"{w.rows:>9,} {w.seconds:>9.2f} {w.rate:>10,.0f}"
            f" {w.rss_before_mb:>14,.0f} {w.peak_mb:>12,.0f}"
        )
        print(f"{w.label:<{width}} {figures}")
    services_letters = next(w for w in report.writes if w.label.startswith("letters.create_many"))
    raw = next(w for w in report.writes if w.label.startswith("raw "))
    ratio = services_letters.rate / raw.rate
    print(
        f"letters services/raw ratio: {ratio:.3f} "
        f"(raw executemany is {1 / ratio:.1f}x faster than letters.create_many)"
    )
    print(f"\n{'listing (page = 100 rows)':<{width}} {'rows':>9} {'median ms':>10} {'p95 ms':>9}")
    for r in report.reads:
        shown = f"={r.rows:,}" if r.note == "value" else f"{r.rows:,}"
        print(f"{r.label:<{width}} {shown:>9} {r.median_ms:>10.2f} {r.p95_ms:>9.2f}")
    for note in report.notes:
        print(f"- {note}")
    if report.plans:
        print("\nquery plans:")
        for label, plan in report.plans:
            print(f"  {label}:\n{plan}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="people, detentions, letters")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per listing (min 15)")
    parser.add_argument("--pg", action="store_true", help="also run on a throw-away PostgreSQL")
    parser.add_argument("--pg-only", action="store_true", help="run on PostgreSQL only")
    parser.add_argument(
        "--status-rows",
        type=int,
        default=None,
        help="extra detentions created one by one with a status (default: rows/10, max 10,000)",
    )
    parser.add_argument(
        "--single-rows",
        type=int,
        default=None,
        help="letters created with create(), one transaction each (default: min(rows/100, 300))",
    )
    parser.add_argument("--explain", action="store_true", help="print each listing's query plan")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite files")
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be positive")
    args.runs = max(15, args.runs)
    if args.status_rows is None:
        args.status_rows = min(args.rows // 10, 10_000)
    args.status_rows = min(args.status_rows, args.rows)
    if args.single_rows is None:
        args.single_rows = max(1, min(args.rows // 100, 300))

    print(
        f"CaseTracker foundation benchmark: Python {platform.python_version()}, "
        f"{platform.machine()}, rows={args.rows:,}"
    )
    reports: list[Report] = []
    if not args.pg_only:
        with sqlite_target(args.keep) as target:
            reports.append(run_backend(target, args))
    if args.pg or args.pg_only:
        with pg_target() as target:
            reports.append(run_backend(target, args))
    for report in reports:
        print_report(report, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
