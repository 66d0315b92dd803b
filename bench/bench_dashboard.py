"""Dashboard benchmark: the dashboard, related records, lookups and the dashboard's lists.

Builds a database of N letters (~2 KB bodies, follow-up dates of mixed
precision, asks, signatories, recipients, linked detentions) and N detentions
(statuses, hearings, facilities), with N/5 responses and N/20 sanction
requests, then times, as the median of ``--runs`` runs after one warm-up:

* ``services.dashboard.build()`` as a whole, and each of its queries alone;
* ``services.related.for_record()`` for records of every kind (a sample of
  records per kind, one call each per run);
* ``services.lookup.find()`` for a few typed texts;
* the lists the dashboard links to (``listing.count`` and the first page).

With ``--proposed-indexes`` the dashboard figures are taken again after
adding the indexes of :data:`PROPOSED_INDEXES`, marked ``[+idx]``. Those indexes
are in the schema since migration 0005 (so both runs now match); the option is
kept to try further indexes the same way.

Run from the project root::

    .venv/bin/python bench/bench_dashboard.py              # SQLite, 100,000 rows
    .venv/bin/python bench/bench_dashboard.py --rows 2000  # smoke test
    .venv/bin/python bench/bench_dashboard.py --pg         # SQLite, then PostgreSQL
    .venv/bin/python bench/bench_dashboard.py --proposed-indexes  # and with new indexes
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text, update

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_foundation import (
    SEED,
    StatementLog,
    Target,
    explain,
    letter_body,
    ms_stats,
    partial_date,
    people_rows,
    pg_target,
    sqlite_target,
)
from casetracker.db.engine import Database
from casetracker.db.schema import open_database
from casetracker.models import (
    Ask,
    Detention,
    Hearing,
    Letter,
    LetterRecipient,
    LetterSignatory,
    Organization,
    Person,
    Response,
    SanctionRequest,
    letter_detentions,
    response_letters,
    sanction_ground_detentions,
)
from casetracker.models.enums import (
    AskStatus,
    DetentionCategory,
    DetentionStatus,
    LetterDirection,
)
from casetracker.services import Services
from casetracker.services.base import _ChildService
from casetracker.services.dashboard import Dashboard, DashboardService

TODAY = dt.date(2025, 6, 15)
SAMPLE = 20  # records per kind timed by related.for_record


def day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def fuzzy(day: dt.date, rng: random.Random) -> str:
    """The day at day (60 %), month (30 %) or year (10 %) precision, 10 % estimated."""
    roll = rng.random()
    value = day.isoformat() if roll < 0.6 else day.isoformat()[:7] if roll < 0.9 else str(day.year)
    return value + ("~" if rng.random() < 0.1 else "")


def ids_of(db: Database, column: Any) -> list[Any]:
    with db.reading() as session:
        return list(session.scalars(select(column).order_by(column)))


def bulk(db: Database, model: type, rows: list[dict[str, object]]) -> int:
    return _ChildService(db, model).create_many(rows)


def build(services: Services, db: Database, n: int, rng: random.Random) -> dict[str, int]:
    """Fill the database; returns the row counts."""
    counts: dict[str, int] = {}
    officials = max(20, n // 50)
    counts["people"] = services.people.create_many(people_rows(n + officials, rng))
    person_ids = ids_of(db, Person.id)
    rng.shuffle(person_ids)
    detainee_people, official_ids = person_ids[:n], person_ids[n:]

    orgs = [
        *(
            {"name": f"Facility {i}", "kind": "detention_facility"}
            for i in range(max(2, n // 2000))
        ),
        *({"name": f"Ministry {i}", "kind": "ministry"} for i in range(20)),
        *({"name": f"Court {i}", "kind": "court"} for i in range(10)),
    ]
    services.organizations.create_many(orgs)
    with db.reading() as session:
        by_kind: dict[str, list[Any]] = {}
        for org_id, kind in session.execute(select(Organization.id, Organization.kind)):
            by_kind.setdefault(kind.value, []).append(org_id)
    facilities, ministries, courts = (
        sorted(by_kind["detention_facility"]),
        sorted(by_kind["ministry"]),
        sorted(by_kind["court"]),
    )

    counts["detentions"] = services.detentions.create_many(
        {
            "person_id": pid,
            "category": rng.choice(tuple(DetentionCategory)).value,
            "captured_on": partial_date(rng, none_share=0.05),
            "facility_id": rng.choice(facilities) if rng.random() < 0.8 else None,
        }
        for pid in detainee_people
    )
    detention_ids = ids_of(db, Detention.id)
    # create_many leaves every status "unknown"; spread statuses as a status history would
    statuses = tuple(DetentionStatus)
    by_status: dict[DetentionStatus, list[Any]] = {}
    for did in detention_ids:
        by_status.setdefault(rng.choice(statuses), []).append(did)
    with db.transaction() as session:
        for status, ids in by_status.items():
            for start in range(0, len(ids), 500):
                session.execute(
                    update(Detention)
                    .where(Detention.id.in_(ids[start : start + 500]))
                    .values(status=status)
                    .execution_options(synchronize_session=False)
                )

    directions = (LetterDirection.OUTGOING,) * 6 + (
        LetterDirection.INCOMING,
        LetterDirection.INCOMING,
        LetterDirection.THIRD_PARTY,
        LetterDirection.THIRD_PARTY,
    )
    letters = []
    for i in range(n):
        sent = day_between(rng, dt.date(2020, 1, 1), dt.date(2025, 6, 1))
        due = sent + dt.timedelta(days=rng.randint(30, 150))
        roll = rng.random()
        letters.append(
            {
                "title": f"Letter {i + 1} on case {rng.randrange(n)}",
                "sent_on": sent.isoformat(),
                # 10 % without, 60 % to the day, 30 % to the month (never before sent_on)
                "follow_up_due": (
                    None if roll < 0.1 else due.isoformat() if roll < 0.7 else due.isoformat()[:7]
                ),
                "direction": rng.choice(directions).value,
                "body": letter_body(rng),
            }
        )
    counts["letters"] = services.letters.create_many(letters)
    del letters
    letter_ids = ids_of(db, Letter.id)

    ask_statuses = (AskStatus.OPEN,) * 4 + tuple(AskStatus)
    asks = []
    for lid in letter_ids:
        if rng.random() < 0.6:
            for ordinal in range(rng.randint(1, 3)):
                asks.append(
                    {
                        "letter_id": lid,
                        "ordinal": ordinal,
                        "text": f"Ask {ordinal + 1}: release, visits or trial observers",
                        "status": rng.choice(ask_statuses).value,
                    }
                )
    counts["asks"] = bulk(db, Ask, asks)
    del asks

    signatures, recipients, links = [], [], set()
    for lid in letter_ids:
        for ordinal, pid in enumerate(rng.sample(official_ids, rng.randint(1, 3))):
            signatures.append(
                {"letter_id": lid, "person_id": pid, "ordinal": ordinal, "is_lead": ordinal == 0}
            )
        recipients.append(
            {
                "letter_id": lid,
                "organization_id": rng.choice(ministries),
                # 30 % name the official as well as the office
                "person_id": rng.choice(official_ids) if rng.random() < 0.3 else None,
            }
        )
        for did in rng.sample(detention_ids, rng.randint(1, 2)):
            links.add((lid, did))
    counts["signatories"] = bulk(db, LetterSignatory, signatures)
    counts["recipients"] = bulk(db, LetterRecipient, recipients)
    with db.transaction() as session:
        session.execute(
            insert(letter_detentions), [{"letter_id": a, "detention_id": b} for a, b in links]
        )
    counts["letter_detentions"] = len(links)
    del signatures, recipients, links

    hearings = []
    for did in detention_ids:
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 2)):
                day = day_between(rng, dt.date(2024, 1, 1), dt.date(2026, 12, 31))
                hearings.append(
                    {
                        "detention_id": did,
                        "held_on": fuzzy(day, rng),
                        "court_id": rng.choice(courts),
                        "description": "Hearing",
                    }
                )
    counts["hearings"] = bulk(db, Hearing, hearings)
    del hearings
    with db.reading() as session:
        person_of = dict(session.execute(select(Detention.id, Detention.person_id)).all())
    counts["events"] = services.events.create_many(
        {
            "detention_id": did,
            "person_id": person_of[did] if rng.random() < 0.5 else None,
            "kind": "captured",
            "title": "Detained",
            "occurred_on": partial_date(rng, none_share=0.1),
        }
        for did in rng.sample(detention_ids, n // 2)
    )
    del person_of

    counts["responses"] = services.responses.create_many(
        {
            "title": f"Reply {i + 1}",
            "received_on": partial_date(rng, none_share=0.1),
            "from_organization_id": rng.choice(ministries),
            "from_person_id": rng.choice(official_ids) if rng.random() < 0.3 else None,
            "response_type": "token_reply",
        }
        for i in range(max(1, n // 5))
    )
    response_ids = ids_of(db, Response.id)
    replied = rng.sample(letter_ids, len(response_ids))
    with db.transaction() as session:
        session.execute(
            insert(response_letters),
            [
                {"response_id": r, "letter_id": lid}
                for r, lid in zip(response_ids, replied, strict=True)
            ],
        )

    counts["sanction_requests"] = services.sanctions.create_many(
        {
            "title": f"Request {i + 1}",
            "target_person_id": rng.choice(official_ids),
            "submitted_on": partial_date(rng, none_share=0.2),
        }
        for i in range(max(1, n // 20))
    )
    grounds = {
        (sid, did)
        for sid in ids_of(db, SanctionRequest.id)
        for did in rng.sample(detention_ids, rng.randint(1, 3))
    }
    with db.transaction() as session:
        session.execute(
            insert(sanction_ground_detentions),
            [{"sanction_request_id": a, "detention_id": b} for a, b in grounds],
        )
    if not db.is_sqlite:
        with db.engine.begin() as conn:  # what autovacuum does shortly after a bulk load
            conn.execute(text("ANALYZE"))
    else:
        db.refresh_statistics()
    return counts


def median_ms(action: Callable[[], object], runs: int) -> tuple[float, float]:
    action()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return ms_stats(samples)


def sample_ids(db: Database, column: Any, rng: random.Random, k: int = SAMPLE) -> list[Any]:
    ids = ids_of(db, column)
    return rng.sample(ids, min(k, len(ids)))


#: indexes the dashboard would use; not in the schema (a migration would add them).
#: ``updated_at`` alone, not ``(updated_at, id)``: SQLite picks the smallest covering
#: index for a full scan, and a scan in ``updated_at`` order makes the open-asks
#: count probe ``asks`` in random order (3x slower).
PROPOSED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_letters_direction_follow_up_due_id"
    " ON letters (direction, follow_up_due, id)",
    *(
        f"CREATE INDEX IF NOT EXISTS ix_{table}_updated_at ON {table} (updated_at)"
        for table in (
            "detentions",
            "letters",
            "sanction_requests",
            "responses",
            "people",
            "organizations",
        )
    ),
)


def time_dashboard(
    services: Services,
    db: Database,
    args: argparse.Namespace,
    record: Callable[..., None],
    suffix: str,
) -> Dashboard:
    """Time the dashboard, each of its queries, and the lists it links to."""
    board = services.dashboard.build(TODAY)
    record(
        f"dashboard.build(){suffix}",
        lambda: services.dashboard.build(TODAY),
        f"(overdue {board.overdue_total:,}, open asks {board.open_asks:,}, "
        f"hearings {len(board.upcoming_hearings)})",
    )
    log = StatementLog(db.engine) if args.explain else None

    def query(statement: Any) -> Callable[[], object]:
        def run() -> object:
            with db.reading() as session:
                return session.execute(statement).all()

        return run

    def overdue() -> object:
        with db.reading() as session:
            return DashboardService._overdue(session, TODAY)

    parts: list[tuple[str, Callable[[], object]]] = [
        ("  counts: statuses, open asks, overdue", query(DashboardService._counts_query(TODAY))),
        ("  most overdue letters (2 queries)", overdue),
        ("  open asks, newest letters", query(DashboardService._open_asks_query())),
        (
            "  upcoming hearings",
            query(DashboardService._hearings_query(TODAY, TODAY + dt.timedelta(days=60))),
        ),
        ("  recent changes (6 tables)", query(DashboardService._recent_query())),
    ]
    for label, action in parts:
        record(label + suffix, action)
        if log is not None and log.last is not None:
            print(explain(db, *log.last))

    for key, target_list in (
        ("overdue", board.overdue_target),
        ("open asks", board.open_asks_target),
        ("hearings", board.hearings_target),
    ):
        total = services.listing.count(target_list.kind, filters=target_list.filters)
        record(
            f"list {key}: count{suffix}",
            lambda t=target_list: services.listing.count(t.kind, filters=t.filters),
            f"(={total:,})",
        )
        record(
            f"list {key}: first page{suffix}",
            lambda t=target_list: services.listing.page(
                t.kind, filters=t.filters, sort=t.sort, descending=t.descending
            ),
        )
    return board


def run_backend(target: Target, args: argparse.Namespace) -> list[tuple[str, str, float, float]]:
    rng = random.Random(SEED)
    print(f"\n== {target.name}: {target.describe}")
    db = open_database(target.services_url, create=True)
    services = Services(db)
    results: list[tuple[str, str, float, float]] = []
    try:
        start = time.perf_counter()
        counts = build(services, db, args.rows, rng)
        print(f"  built in {time.perf_counter() - start:.0f} s: ", end="")
        print(", ".join(f"{k} {v:,}" for k, v in counts.items()))

        def record(label: str, action: Callable[[], object], shown: str = "") -> None:
            median, p95 = median_ms(action, args.runs)
            results.append((label, shown, median, p95))
            print(f"  {label}: median {median:.2f} ms, p95 {p95:.2f} ms {shown}")

        time_dashboard(services, db, args, record, "")
        if args.proposed_indexes:
            start = time.perf_counter()
            with db.engine.begin() as conn:
                for statement in PROPOSED_INDEXES:
                    conn.execute(text(statement))
                conn.execute(text("ANALYZE"))
            db.engine.dispose()
            print(f"  proposed indexes built in {time.perf_counter() - start:.1f} s")
            time_dashboard(services, db, args, record, " [+idx]")

        # the busiest records: the official who signed most, the fullest facility
        with db.reading() as session:
            busiest_person = session.execute(
                select(LetterSignatory.person_id)
                .group_by(LetterSignatory.person_id)
                .order_by(text("count(*) DESC"))
                .limit(1)
            ).scalar_one()
            fullest_facility = session.execute(
                select(Detention.facility_id)
                .where(Detention.facility_id.is_not(None))
                .group_by(Detention.facility_id)
                .order_by(text("count(*) DESC"))
                .limit(1)
            ).scalar_one()
            busiest_ministry = session.execute(
                select(LetterRecipient.organization_id)
                .group_by(LetterRecipient.organization_id)
                .order_by(text("count(*) DESC"))
                .limit(1)
            ).scalar_one()
        samples = {
            "detainees": sample_ids(db, Detention.id, rng),
            "letters": sample_ids(db, Letter.id, rng),
            "sanctions": sample_ids(db, SanctionRequest.id, rng),
            "responses": sample_ids(db, Response.id, rng),
            "people": sample_ids(db, Person.id, rng),
        }
        for kind, ids in samples.items():

            def each(k: str = kind, chosen: Sequence[Any] = ids) -> None:
                for rid in chosen:
                    services.related.for_record(k, rid)

            median, p95 = median_ms(each, args.runs)
            per = median / len(ids)
            results.append(
                (f"related {kind} (per record)", f"({len(ids)} records)", per, p95 / len(ids))
            )
            print(f"  related {kind}: {per:.2f} ms per record (median of {args.runs} × {len(ids)})")
        for label, kind, rid in (
            ("related person who signed most", "people", busiest_person),
            ("related fullest facility", "organizations", fullest_facility),
            ("related busiest ministry", "organizations", busiest_ministry),
        ):
            groups = services.related.for_record(kind, rid)
            items = sum(len(g.items) for g in groups)
            record(
                label, lambda k=kind, r=rid: services.related.for_record(k, r), f"({items:,} items)"
            )

        for kind, typed in (
            ("people", "vard"),
            ("people", "вард"),
            ("detainees", "Vardanyan"),
            ("detainees", "Վարդ"),
            ("letters", "Letter 99"),
            ("organizations", "min"),
            ("people", ""),
        ):
            record(
                f"lookup {kind} {typed!r}",
                lambda k=kind, t=typed: services.lookup.find(k, t),
                f"({len(services.lookup.find(kind, typed))} found)",
            )
        if db.path is not None:
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            print(f"  database file: {db.path.stat().st_size / 2**20:,.0f} MB")
    finally:
        db.close()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="letters and detentions")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per figure")
    parser.add_argument("--pg", action="store_true", help="also run on a throw-away PostgreSQL")
    parser.add_argument("--pg-only", action="store_true", help="run on PostgreSQL only")
    parser.add_argument("--explain", action="store_true", help="print the dashboard's query plans")
    parser.add_argument(
        "--proposed-indexes",
        action="store_true",
        help="then add the indexes of PROPOSED_INDEXES and time the dashboard again",
    )
    parser.add_argument("--keep", action="store_true", help="keep the SQLite files")
    args = parser.parse_args(argv)
    if args.rows < 100:
        parser.error("--rows must be at least 100")
    print(
        f"CaseTracker dashboard benchmark: Python {platform.python_version()}, "
        f"{platform.machine()}, rows={args.rows:,}, today={TODAY}"
    )
    reports = []
    if not args.pg_only:
        with sqlite_target(args.keep) as target:
            reports.append((target.name, run_backend(target, args)))
    if args.pg or args.pg_only:
        with pg_target() as target:
            reports.append((target.name, run_backend(target, args)))
    for backend, results in reports:
        print(f"\n### {backend} — rows={args.rows:,}, runs={args.runs} (+1 warm-up)")
        print(f"{'figure':<44} {'median ms':>10} {'p95 ms':>9}")
        for label, shown, median, p95 in results:
            print(f"{label:<44} {median:>10.2f} {p95:>9.2f}  {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
