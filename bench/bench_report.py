"""Report benchmark: the PDFs staff hand out, over a realistic database.

Builds (with SQLAlchemy Core bulk inserts, in a few seconds) a SQLite database
of N detainees and M letters with everything the reports read — detentions with
status histories, charges, hearings, access flags and treatment reports;
letters with recipients, signatories, asks, linked detainees and responses
with their positions on each ask; legislators with party and constituency;
sanction requests — then times, each run in a fresh child process so that its
peak memory is its own:

* the situation briefing (internal), if ``casetracker.reports.briefing`` exists
  (targets: < 10 s, < 500 MB peak resident memory);
* the correspondence log over every letter, in pages per second;
* the signatory record over every letter.

Run from the project root::

    .venv/bin/python bench/bench_report.py                         # 1,000 detainees, 5,000 letters
    .venv/bin/python bench/bench_report.py --detainees 100 --letters 300 --runs 1     # smoke
    .venv/bin/python bench/bench_report.py --keep /tmp/reports.db  # build, keep the database
    .venv/bin/python bench/bench_report.py --reuse /tmp/reports.db # time an existing one

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.engine import Connection

from casetracker.db.engine import resolve_url
from casetracker.db.schema import open_database
from casetracker.models import (
    AccessFlag,
    Ask,
    Charge,
    Detention,
    DetentionStatusChange,
    Event,
    Hearing,
    Letter,
    LetterRecipient,
    LetterSignatory,
    Organization,
    Person,
    PersonConsent,
    PersonName,
    Position,
    Response,
    ResponseAskPosition,
    ResponseCommitment,
    SanctionRecipient,
    SanctionRequest,
    SanctionRequestProgram,
    SanctionStatusChange,
    TreatmentReport,
    letter_detentions,
    letter_sanction_requests,
    response_letters,
    sanction_ground_detentions,
)
from casetracker.names import sort_name

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_foundation import NAMES, PLACES, letter_body, peak_rss_mb

SEED = 20250411
TODAY = dt.date(2025, 7, 1)
BATCH = 5000
#: (figure, limit) targets
BRIEFING_SECONDS = 10.0
BRIEFING_MB = 500.0
LOG_PAGES_PER_SECOND = 100.0
SIGNATORY_SECONDS = 10.0

# --------------------------------------------------------------------------- data

FIRST = (
    "Dina", "Christopher", "Gus", "Eleanor", "Jim", "Nicole", "Josh", "Mike", "Daniel", "Judy",
    "Brad", "Linda", "Seth", "David", "Gabe", "Grace", "Delia", "James", "Paul", "Kevin",
    "Lateefah", "Eric", "Raja", "Donald", "Janice", "Laura", "Jake", "Thomas", "Zoe", "John",
)  # fmt: skip
LAST = (
    "Titus", "Smith", "Bilirakis", "Norton", "Costa", "Malliotakis", "Gottheimer", "Quigley",
    "Goldman", "Chu", "Sherman", "Sánchez", "Magaziner", "Valadao", "Amo", "Meng", "Ramirez",
    "McGovern", "Tonko", "Mullin", "Simon", "Swalwell", "Krishnamoorthi", "Beyer", "Schakowsky",
    "Friedman", "Auchincloss", "Kean", "Lofgren", "Larson", "Thanedar", "Gomez", "Menendez",
    "Fitzpatrick", "O'Connor", "Nuñez", "Løkke", "Zieliński",
)  # fmt: skip
STATES = ("CA", "NY", "NJ", "IL", "MA", "FL", "NV", "RI", "VA", "PA", "MI", "CT", "TX", "OH")
PARTIES = (("Democrat", 6), ("Republican", 4), ("Independent", 0.2))
OFFICIALS = (
    ("Secretary of State", "United States Department of State"),
    ("Assistant Secretary for Legislative Affairs", "United States Department of State"),
    ("Minister of Foreign Affairs", "Xarici İşlər Nazirliyi"),
    ("Prosecutor General", "Baş Prokurorluq"),
    ("Commissioner for Human Rights", "Council of Europe"),
    ("Special Rapporteur on Torture", "United Nations OHCHR"),
    ("Head of Delegation", "International Committee of the Red Cross"),
)
FACILITIES = (
    "State Security Service pre-trial detention facility, Baku",
    "Penitentiary Service Institution No. 17, Bakı",
    "Pre-trial Detention Centre No. 1, Kürdəxanı",
    "Umbaki prison, Qaradağ",
)
COURTS = ("Baku Military Court", "Baku Court of Grave Crimes", "Bakı Apellyasiya Məhkəməsi")
SUBJECTS = (
    "Request for ICRC access to {name}",
    "Release of {name}, held since {year}",
    "Fair-trial concerns in the case of {name}",
    "Medical care for {name} in {place}",
    "Consular access for {name}",
    "Հայ գերիների ազատ արձակման մասին՝ {name}",
    "О судьбе задержанного {name}",
    "{name} barədə müraciət",
)
ASKS = (
    "Confirm where {name} is held and allow ICRC delegates to visit regularly.",
    "Release {name} immediately and unconditionally.",
    "Admit independent observers and journalists to the hearings in {place}.",
    "Allow consular visits and private meetings with a lawyer of his choosing.",
    "Investigate the reports of ill-treatment and publish the findings.",
    "Impose Global Magnitsky sanctions on the officials responsible.",
    "Raise the case of {name} at the next bilateral meeting.",
)
RESPONSE_TITLES = (
    "Reply from the {office}",
    "Acknowledgement of receipt",
    "Letter from the Bureau of Legislative Affairs",
    "Ответ Министерства иностранных дел",
    "Nazirliyin cavabı",
)
WEIGHTED = {
    "status": (
        ("detained", 35), ("on_trial", 20), ("sentenced", 25), ("released", 10),
        ("repatriated", 5), ("disappeared", 3), ("died_in_custody", 1), ("unknown", 1),
    ),
    "category": (
        ("prisoner_of_war", 45), ("civilian", 35), ("political_figure", 5), ("journalist", 5),
        ("human_rights_defender", 5), ("other", 5),
    ),
    "direction": (("outgoing", 75), ("third_party", 12), ("incoming", 13)),
    "channel": (("email", 50), ("post", 25), ("hand_delivered", 10), ("portal", 10), ("fax", 5)),
    "ask_status": (
        ("open", 50), ("partly_met", 15), ("met", 10), ("refused", 20), ("superseded", 5),
    ),
    "response_type": (
        ("token_reply", 35), ("partial", 20), ("denial", 20), ("commitment_pledged", 12),
        ("favourable_action", 8), ("no_response", 5),
    ),
    "position": (
        ("agreed", 10), ("partly_agreed", 15), ("noncommittal", 35), ("declined", 25),
        ("not_addressed", 15),
    ),
    "sensitivity": (("public", 88), ("internal", 10), ("confidential", 2)),
    "sanction_status": (
        ("proposed", 25), ("submitted", 30), ("under_review", 20), ("designated", 10),
        ("declined", 10), ("withdrawn", 5),
    ),
}  # fmt: skip


def pick(rng: random.Random, kind: str) -> str:
    values, weights = zip(*WEIGHTED[kind], strict=True)
    return rng.choices(values, weights)[0]


def some_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def partial(rng: random.Random, day: dt.date, *, day_share: float = 0.85) -> str:
    """The date as recorded: mostly to the day, some to the month or year, a few estimated."""
    roll = rng.random()
    text = (
        day.isoformat()
        if roll < day_share
        else f"{day:%Y-%m}"
        if roll < day_share + (1 - day_share) * 0.75
        else f"{day.year}"
    )
    return text + ("~" if rng.random() < 0.04 else "")


@dataclass
class Built:
    detainees: int
    letters: int
    rows: int
    seconds: float


class Loader:
    """Bulk inserts through SQLAlchemy Core, in batches, counting rows."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows = 0
        self.now = dt.datetime.now(dt.UTC)

    def add(self, target: Any, rows: Iterable[dict[str, Any]]) -> None:
        table: Table = getattr(target, "__table__", target)
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                self._flush(table, batch)
        self._flush(table, batch)

    def _flush(self, table: Table, batch: list[dict[str, Any]]) -> None:
        if batch:
            self.conn.execute(insert(table), batch)
            self.rows += len(batch)
            batch.clear()


def build(path: Path, detainees: int, letters: int, legislators: int, seed: int) -> Built:
    """A new SQLite database at ``path`` with the benchmark's data."""
    started = time.perf_counter()
    rng = random.Random(seed)
    db = open_database(resolve_url(path), create=True)
    try:
        with db.engine.begin() as conn:
            load = Loader(conn)
            _build(load, rng, detainees, letters, legislators)
        db.refresh_statistics()
    finally:
        db.close()
    return Built(detainees, letters, load.rows, time.perf_counter() - started)


def _build(load: Loader, rng: random.Random, n_detainees: int, n_letters: int, n_leg: int) -> None:
    def new() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def sensitivity() -> str:
        return pick(rng, "sensitivity")

    # organizations
    orgs: dict[str, uuid.UUID] = {}
    org_rows = []
    for name, kind in [
        ("United States House of Representatives", "legislature"),
        *[(o, "ministry") for _t, o in OFFICIALS[:4]],
        ("Council of Europe", "international"),
        ("United Nations OHCHR", "international"),
        ("International Committee of the Red Cross", "international"),
        *[(f, "detention_facility") for f in FACILITIES],
        *[(c, "court") for c in COURTS],
    ]:
        if name not in orgs:
            orgs[name] = new()
            org_rows.append({"id": orgs[name], "name": name, "kind": kind})
    load.add(Organization, org_rows)

    # people: detainees (four scripts), legislators, officials
    people: list[dict[str, Any]] = []
    names: list[dict[str, Any]] = []
    detainee_ids = []
    scripts = tuple(NAMES)
    for _ in range(n_detainees):
        script = rng.choice(scripts)
        firsts, lasts = NAMES[script]
        name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
        pid = new()
        detainee_ids.append(pid)
        people.append(
            _person(pid, name, "male" if rng.random() < 0.93 else "female", sensitivity())
        )
        names.append(
            {"id": new(), "person_id": pid, "name": name, "script": script[:4], "ordinal": 0}
        )
    legislator_ids = []
    positions = []
    for i in range(n_leg):
        pid = new()
        legislator_ids.append(pid)
        name = f"{rng.choice(FIRST)} {chr(65 + i % 26)}. {rng.choice(LAST)}"
        people.append(_person(pid, name, rng.choice(("male", "female")), "public"))
        state = rng.choice(STATES)
        seat = f"{state}-{rng.randint(1, 40)}"
        party = rng.choices([p for p, _w in PARTIES], [w for _p, w in PARTIES])[0]
        positions.append(
            {
                "id": new(),
                "person_id": pid,
                "organization_id": orgs["United States House of Representatives"],
                "title": f"U.S. Representative for {seat}",
                "constituency": seat,
                "party": party,
                "start_date": "2025-01-03",
                "end_date": "2027-01-03",
            }
        )
    officials = []
    for title, org in OFFICIALS:
        pid = new()
        officials.append((pid, orgs[org]))
        people.append(_person(pid, f"{rng.choice(FIRST)} {rng.choice(LAST)}", "male", "public"))
        positions.append(
            {
                "id": new(),
                "person_id": pid,
                "organization_id": orgs[org],
                "title": title,
                "constituency": None,
                "party": None,
                "start_date": "2023",
                "end_date": None,
            }
        )
    load.add(Person, people)
    load.add(PersonName, names)
    load.add(Position, positions)
    load.add(
        PersonConsent,
        (
            {"id": new(), "person_id": pid, "use": "publish", "state": "refused"}
            for pid in detainee_ids
            if rng.random() < 0.03
        ),
    )

    # detentions and what is known about them
    detentions, changes, charges, hearings, flags, reports, events = [], [], [], [], [], [], []
    facilities = [orgs[f] for f in FACILITIES]
    courts = [orgs[c] for c in COURTS]
    detention_ids = []
    for pid in detainee_ids:
        did = new()
        detention_ids.append(did)
        captured = some_date(rng, dt.date(2020, 9, 27), dt.date(2024, 12, 31))
        status = pick(rng, "status")
        place = rng.choice(PLACES)
        detentions.append(
            {
                "id": did,
                "person_id": pid,
                "category": pick(rng, "category"),
                "status": status,
                "captured_on": partial(rng, captured),
                "capture_place": place,
                "facility_id": rng.choice(facilities),
                "summary": f"Captured near {place}; held in Baku.",
                "notes": "Family in contact with the office." if rng.random() < 0.3 else None,
                "sensitivity": sensitivity(),
            }
        )
        day = captured
        history = ["detained"] if status == "detained" else ["detained", status]
        for step in history:
            changes.append(
                {"id": new(), "detention_id": did, "status": step, "changed_on": day.isoformat()}
            )
            day = min(TODAY, day + dt.timedelta(days=rng.randint(30, 400)))
        if rng.random() < 0.7:
            charges.append(
                {
                    "id": new(),
                    "detention_id": did,
                    "description": "Illegal border crossing; terrorism (Article 214)",
                    "charged_on": partial(rng, captured + dt.timedelta(days=20)),
                }
            )
        for _h in range(rng.randint(0, 3)):
            held = some_date(rng, captured, TODAY)
            hearings.append(
                {
                    "id": new(),
                    "detention_id": did,
                    "held_on": held.isoformat(),
                    "court_id": rng.choice(courts),
                    "description": "Hearing on the merits.",
                    "outcome": "Adjourned.",
                }
            )
        for kind in ("capture_acknowledged", "icrc_access", "lawyer_access"):
            flags.append(
                {
                    "id": new(),
                    "detention_id": did,
                    "kind": kind,
                    "state": rng.choice(("yes", "no", "partial", "unknown")),
                    "observed_on": partial(rng, some_date(rng, captured, TODAY)),
                }
            )
        if rng.random() < 0.2:
            reports.append(
                {
                    "id": new(),
                    "detention_id": did,
                    "kind": rng.choice(("ill_treatment", "torture", "medical_neglect")),
                    "description": "Reported by a released detainee.",
                    "reported_on": partial(rng, some_date(rng, captured, TODAY)),
                }
            )
        events.append(
            {
                "id": new(),
                "detention_id": did,
                "person_id": pid,
                "kind": "captured",
                "title": "Captured",
                "occurred_on": captured.isoformat(),
                "place": place,
            }
        )
    load.add(Detention, detentions)
    load.add(DetentionStatusChange, changes)
    load.add(Charge, charges)
    load.add(Hearing, hearings)
    load.add(AccessFlag, flags)
    load.add(TreatmentReport, reports)
    load.add(Event, events)

    # sanction requests
    requests = []
    for i in range(max(5, n_letters // 100)):
        status = pick(rng, "sanction_status")
        requests.append(
            (
                {
                    "id": new(),
                    "title": f"Global Magnitsky designation request {i + 1}",
                    "target_description": "Officials of the State Security Service",
                    "status": status,
                    "submitted_on": partial(rng, some_date(rng, dt.date(2021, 1, 1), TODAY)),
                    "sensitivity": sensitivity(),
                },
                status,
            )
        )
    load.add(SanctionRequest, (r for r, _s in requests))
    load.add(
        SanctionRequestProgram,
        (
            {"id": new(), "sanction_request_id": r["id"], "program_key": "US-GLOMAG"}
            for r, _ in requests
        ),
    )
    load.add(
        SanctionStatusChange,
        (
            {
                "id": new(),
                "sanction_request_id": r["id"],
                "status": s,
                "changed_on": r["submitted_on"],
            }
            for r, s in requests
        ),
    )
    load.add(
        SanctionRecipient,
        (
            {"id": new(), "sanction_request_id": r["id"], "organization_id": officials[0][1]}
            for r, _ in requests
        ),
    )
    load.add(
        sanction_ground_detentions,
        (
            {"sanction_request_id": r["id"], "detention_id": d}
            for r, _ in requests
            for d in rng.sample(detention_ids, min(3, len(detention_ids)))
        ),
    )

    # letters, and everything around them
    popularity = [1 / (i + 4) ** 0.9 for i in range(len(legislator_ids))]
    letter_rows, recipients, signatures, asks, links, answers = [], [], [], [], [], []
    responses, replies, positions_taken, commitments, sanction_links = [], [], [], [], []
    detainee_names = {p["id"]: p["display_name"] for p in people[: len(detainee_ids)]}
    for _ in range(n_letters):
        lid = new()
        sent = some_date(rng, dt.date(2020, 10, 1), dt.date(2025, 6, 15))
        direction = pick(rng, "direction")
        who = detainee_names[rng.choice(detainee_ids)]
        place = rng.choice(PLACES)
        sent_text = partial(rng, sent, day_share=0.9) if rng.random() > 0.01 else None
        letter_rows.append(
            {
                "id": lid,
                "title": rng.choice(SUBJECTS).format(name=who, year=sent.year - 1, place=place),
                "sent_on": sent_text,
                "direction": direction,
                "channel": pick(rng, "channel"),
                "summary": f"About {who}, held near {place}.",
                "body": letter_body(rng, 1200),
                "follow_up_due": (sent + dt.timedelta(days=30)).isoformat() if sent_text else None,
                "notes": "Chase through the embassy." if rng.random() < 0.2 else None,
                "sensitivity": sensitivity(),
            }
        )
        official, office = rng.choice(officials)
        recipients.append(
            {"id": new(), "letter_id": lid, "person_id": official, "organization_id": office,
             "role": "direct", "ordinal": 0}
        )  # fmt: skip
        if rng.random() < 0.2:
            recipients.append(
                {"id": new(), "letter_id": lid, "person_id": None,
                 "organization_id": orgs["International Committee of the Red Cross"],
                 "role": "copy", "ordinal": 1}
            )  # fmt: skip
        if direction != "incoming" and rng.random() < 0.75:
            roll = rng.random()
            count = (
                rng.randint(1, 5)
                if roll < 0.4
                else rng.randint(6, 15)
                if roll < 0.75
                else rng.randint(16, 40)
            )
            count = min(count, len(legislator_ids))
            chosen: list[uuid.UUID] = []
            seen: set[uuid.UUID] = set()
            while len(chosen) < count:
                pid = rng.choices(legislator_ids, popularity)[0]
                if pid not in seen:
                    seen.add(pid)
                    chosen.append(pid)
            for ordinal, pid in enumerate(chosen):
                signatures.append(
                    {"id": new(), "letter_id": lid, "person_id": pid, "ordinal": ordinal,
                     "is_lead": ordinal == 0}
                )  # fmt: skip
        letter_asks = []
        for ordinal in range(rng.randint(1, 4)):
            aid = new()
            letter_asks.append(aid)
            asks.append(
                {
                    "id": aid,
                    "letter_id": lid,
                    "ordinal": ordinal,
                    "text": rng.choice(ASKS).format(name=who, place=place),
                    "status": pick(rng, "ask_status"),
                    "status_note": "Raised again by phone." if rng.random() < 0.1 else None,
                }
            )
        for did in rng.sample(detention_ids, min(len(detention_ids), rng.randint(1, 3))):
            links.append({"letter_id": lid, "detention_id": did})
        if requests and rng.random() < 0.05:
            sanction_links.append(
                {"letter_id": lid, "sanction_request_id": rng.choice(requests)[0]["id"]}
            )
        if direction == "incoming":
            continue
        roll = rng.random()
        answers_count = 0 if roll < 0.38 else 1 if roll < 0.88 else 2
        received = sent
        for _r in range(answers_count):
            received = min(TODAY, received + dt.timedelta(days=rng.randint(7, 200)))
            rid = new()
            kind = pick(rng, "response_type")
            responses.append(
                {
                    "id": rid,
                    "title": rng.choice(RESPONSE_TITLES).format(office="Ministry"),
                    "received_on": received.isoformat(),
                    "from_person_id": official,
                    "from_organization_id": office,
                    "response_type": kind,
                    "summary": "The ministry restates its position.",
                    "impact_note": "Little change." if rng.random() < 0.3 else None,
                    "sensitivity": sensitivity(),
                }
            )
            replies.append({"response_id": rid, "letter_id": lid})
            for aid in letter_asks:
                if rng.random() < 0.8:
                    positions_taken.append(
                        {
                            "id": new(),
                            "response_id": rid,
                            "ask_id": aid,
                            "position": pick(rng, "position"),
                            "note": "Refers to the court." if rng.random() < 0.15 else None,
                        }
                    )
            if rng.random() < 0.2:
                commitments.append(
                    {
                        "id": new(),
                        "response_id": rid,
                        "text": "Will raise the case with the authorities.",
                        "due_on": (received + dt.timedelta(days=60)).isoformat(),
                    }
                )
        answers.append(answers_count)
    load.add(Letter, letter_rows)
    load.add(LetterRecipient, recipients)
    load.add(LetterSignatory, signatures)
    load.add(Ask, asks)
    load.add(letter_detentions, links)
    load.add(letter_sanction_requests, sanction_links)
    load.add(Response, responses)
    load.add(response_letters, replies)
    load.add(ResponseAskPosition, positions_taken)
    load.add(ResponseCommitment, commitments)


def _person(pid: uuid.UUID, name: str, gender: str, sensitivity: str) -> dict[str, Any]:
    return {
        "id": pid,
        "display_name": name,
        "sort_name": sort_name(name),
        "gender": gender,
        "sensitivity": sensitivity,
    }


# --------------------------------------------------------------------------- one run (child)


def child(kind: str, path: Path, out: Path) -> dict[str, Any]:
    """Write one report; what a run measured (in this process, which ends after it)."""
    from casetracker.services import Services

    db = open_database(resolve_url(path))
    services = Services(db)
    options = services.reports.options(kind, audience="internal", today=TODAY)
    before = peak_rss_mb()
    started = time.perf_counter()
    result = services.reports.write(options, out)
    seconds = time.perf_counter() - started
    db.close()
    return {
        "kind": kind,
        "pages": result.pages,
        "seconds": seconds,
        "peak_mb": peak_rss_mb(),
        "before_mb": before,
        "bytes": out.stat().st_size,
    }


def run_child(kind: str, path: Path, out: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", kind, "--reuse", str(path), "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- the benchmark


@dataclass
class Figure:
    kind: str
    runs: list[dict[str, Any]]

    def median(self, key: str) -> float:
        return float(statistics.median(r[key] for r in self.runs))

    @property
    def pages(self) -> int:
        return int(self.runs[0]["pages"])


def counts(path: Path) -> dict[str, int]:
    db = open_database(resolve_url(path))
    try:
        with db.reading() as session:
            return {
                label: int(session.execute(select(func.count()).select_from(model)).scalar_one())
                for label, model in (
                    ("detentions", Detention),
                    ("letters", Letter),
                    ("signatures", LetterSignatory),
                    ("asks", Ask),
                    ("responses", Response),
                    ("ask positions", ResponseAskPosition),
                    ("people", Person),
                )
            }
    finally:
        db.close()


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detainees", type=int, default=1000)
    parser.add_argument("--letters", type=int, default=5000)
    parser.add_argument("--legislators", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per report (median)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--keep", type=Path, metavar="PATH", help="build the database here, keep it")
    where.add_argument("--reuse", type=Path, metavar="PATH", help="time an existing database")
    parser.add_argument("--pdfs", type=Path, metavar="DIR", help="keep the PDFs in this folder")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(child(args.child, args.reuse, args.out)))
        return 0
    if args.runs < 1 or args.detainees < 1 or args.letters < 1 or args.legislators < 1:
        parser.error("--runs, --detainees, --letters and --legislators must be positive")

    print(
        f"CaseTracker report benchmark: Python {platform.python_version()}, "
        f"{platform.machine()}, runs={args.runs} (median; each run in a fresh process)"
    )
    folder = Path(tempfile.mkdtemp(prefix="casetracker-bench-report-"))
    try:
        if args.reuse:
            path = args.reuse
            if not path.exists():
                parser.error(f"no database at {path}")
            print(f"reusing {path}")
        else:
            path = args.keep or folder / "reports.db"
            if path.exists():
                parser.error(f"{path} exists; use --reuse to time it")
            print(
                f"building {path}: {args.detainees:,} detainees, {args.letters:,} letters, "
                f"{args.legislators:,} legislators…"
            )
            built = build(path, args.detainees, args.letters, args.legislators, args.seed)
            print(
                f"  {built.rows:,} rows in {built.seconds:.1f} s "
                f"({built.rows / built.seconds:,.0f} rows/s, Core bulk inserts)"
            )
        found = counts(path)
        print("  " + ", ".join(f"{n:,} {label}" for label, n in found.items()))
        pdfs = args.pdfs or folder
        pdfs.mkdir(parents=True, exist_ok=True)

        kinds = ["correspondence", "signatories"]
        if importlib.util.find_spec("casetracker.reports.briefing") is not None:
            kinds.insert(0, "briefing")
        else:
            print("note: casetracker/reports/briefing.py does not exist yet: briefing skipped")
        figures: dict[str, Figure] = {}
        for kind in kinds:
            runs = []
            for run in range(args.runs):
                result = run_child(kind, path, pdfs / f"{kind}.pdf")
                runs.append(result)
                print(
                    f"  {kind} run {run + 1}: {result['pages']:,} pages in "
                    f"{result['seconds']:.2f} s, peak {result['peak_mb']:.0f} MB"
                )
            figures[kind] = Figure(kind, runs)
        print_summary(figures, found, args)
        if args.pdfs:
            print(f"PDFs in {pdfs}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if args.keep:
            print(f"kept {args.keep}")
    return 0


def print_summary(figures: dict[str, Figure], found: dict[str, int], args: Any) -> None:
    print(
        f"\n### reports over {found['detentions']:,} detentions and {found['letters']:,} letters"
        f" (audience internal, median of {args.runs})"
    )
    head = f"{'report':<16} {'pages':>7} {'seconds':>8} {'pages/s':>8} {'peak MB':>8}  target"
    print(head)
    print("-" * (len(head) + 30))
    for kind, figure in figures.items():
        seconds = figure.median("seconds")
        peak = figure.median("peak_mb")
        rate = figure.pages / seconds if seconds else float("inf")
        if kind == "briefing":
            target = (
                f"< {BRIEFING_SECONDS:.0f} s: {verdict(seconds < BRIEFING_SECONDS)}, "
                f"< {BRIEFING_MB:.0f} MB: {verdict(peak < BRIEFING_MB)}"
            )
        elif kind == "correspondence":
            target = (
                f">= {LOG_PAGES_PER_SECOND:.0f} pages/s: {verdict(rate >= LOG_PAGES_PER_SECOND)}, "
                f"< {BRIEFING_MB:.0f} MB: {verdict(peak < BRIEFING_MB)}"
            )
        else:
            target = (
                f"< {SIGNATORY_SECONDS:.0f} s: {verdict(seconds < SIGNATORY_SECONDS)}, "
                f"< {BRIEFING_MB:.0f} MB: {verdict(peak < BRIEFING_MB)}"
            )
        print(f"{kind:<16} {figure.pages:>7,} {seconds:>8.2f} {rate:>8.1f} {peak:>8.0f}  {target}")
    if "briefing" not in figures:
        print("briefing         skipped: casetracker.reports.briefing does not exist yet")
    print(
        "peak MB: the child process's ru_maxrss (imports, database and the report); "
        "seconds: ReportsService.write only"
    )


if __name__ == "__main__":
    raise SystemExit(main())
