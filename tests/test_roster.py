"""The Congress roster: importing congress-legislators snapshots as people,
identifiers, name forms and positions, and reading the roster back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from casetracker.cli.main import main
from casetracker.errors import ImportFormatError
from casetracker.letters.roster import (
    import_roster,
    load_roster,
    name_forms,
    parse_constituency,
    parse_entries,
)
from casetracker.letters.roster_model import merge, people_from_document
from casetracker.models import Organization, Person, PersonIdentifier, PersonName, Position
from casetracker.models.enums import Gender, NameKind
from tests.conftest import SHARED

DATA = SHARED / "data"
SNAPSHOT_2025 = DATA / "legislators-current-2025-04.yaml"
SNAPSHOT_2026 = DATA / "legislators-current-2026-06.yaml"
LETTER_DAY = dt.date(2025, 4, 11)

pytestmark = pytest.mark.skipif(
    not SNAPSHOT_2025.exists() or not SNAPSHOT_2026.exists(),
    reason="roster snapshots not available",
)


def _entries(path: Path) -> list:
    with path.open("rb") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)


@pytest.fixture(scope="module")
def merged_yaml():
    return {
        p.bioguide: p
        for p in merge(
            people_from_document(_entries(SNAPSHOT_2025)),
            people_from_document(_entries(SNAPSHOT_2026)),
        )
    }


@pytest.fixture(scope="module")
def latest_terms():
    """bioguide -> terms, a term given again (same chamber and start) taking the
    values of the later snapshot, as the database keeps it."""
    terms: dict[str, dict] = {}
    for path in (SNAPSHOT_2025, SNAPSHOT_2026):
        for person in people_from_document(_entries(path)):
            for term in person.terms:
                terms.setdefault(person.bioguide, {})[(term.chamber, term.start)] = term
    return {
        b: [t for _, t in sorted(by.items(), key=lambda kv: kv[0][1])] for b, by in terms.items()
    }


def _counts(db) -> dict[str, int]:
    with db.reading() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (Person, PersonIdentifier, PersonName, Position, Organization)
        }


def _person(db, bioguide: str) -> Person:
    with db.reading() as session:
        return session.scalars(
            select(Person)
            .join(PersonIdentifier)
            .where(PersonIdentifier.scheme == "bioguide", PersonIdentifier.value == bioguide)
        ).one()


@pytest.fixture
def both_imported(services):
    db = services.db
    first = import_roster(db, SNAPSHOT_2025)
    second = import_roster(db, SNAPSHOT_2026)
    return db, first, second


def test_two_snapshots_merge_by_bioguide(both_imported, merged_yaml):
    db, first, second = both_imported
    assert first.people_created == len(_entries(SNAPSHOT_2025))
    assert first.people_created + second.people_created == len(merged_yaml)
    assert first.seconds < 10 and second.seconds < 10
    with db.reading() as session:
        with_bioguide = session.scalar(
            select(func.count(func.distinct(PersonIdentifier.person_id))).where(
                PersonIdentifier.scheme == "bioguide"
            )
        )
        people = session.scalar(select(func.count()).select_from(Person))
        positions = session.scalar(select(func.count()).select_from(Position))
        chambers = session.scalars(select(Organization.name).order_by(Organization.name)).all()
    assert with_bioguide == people == len(merged_yaml)
    # terms united: one position per (person, chamber, start)
    assert positions == len(
        {(p.bioguide, t.chamber, t.start) for p in merged_yaml.values() for t in p.terms}
    )
    assert chambers == ["United States House of Representatives", "United States Senate"]


def test_person_fields_identifiers_and_names(both_imported):
    db, *_ = both_imported
    goldman = _person(db, "G000599")
    assert goldman.display_name == "Daniel S. Goldman"
    assert goldman.sort_name == "goldman daniel s."
    assert goldman.gender == Gender.MALE
    assert str(goldman.birth_date) == "1976-02-26" or goldman.birth_date.isoformat() == (
        "1976-02-26"
    )
    with db.reading() as session:
        names = dict(
            session.execute(
                select(PersonName.name, PersonName.kind).where(PersonName.person_id == goldman.id)
            ).all()
        )
        ids = set(
            session.execute(
                select(PersonIdentifier.scheme, PersonIdentifier.value).where(
                    PersonIdentifier.person_id == goldman.id
                )
            ).all()
        )
        title, seat, party, start, end = session.execute(
            select(
                Position.title,
                Position.constituency,
                Position.party,
                Position.start_date,
                Position.end_date,
            )
            .where(Position.person_id == goldman.id, Position.start_date <= "2025-04-11")
            .order_by(Position.start_date.desc())
        ).first()
    assert names["Daniel S. Goldman"] == NameKind.OFFICIAL
    assert names["Daniel Goldman"] == NameKind.ALIAS
    assert names["Dan Goldman"] == NameKind.ALIAS
    assert names["Dan Sachs Goldman"] == NameKind.ALIAS
    assert ("bioguide", "G000599") in ids and ("govtrack", "456923") in ids
    assert ("fec", "H2NY10308") in ids
    assert (title, seat, party) == ("U.S. Representative", "NY-10", "Democrat")
    assert start.earliest() <= LETTER_DAY <= end.latest()

    # Nickname and suffix forms; a senator's constituency is the state
    johnson = _person(db, "J000288")
    with db.reading() as session:
        names = dict(
            session.execute(
                select(PersonName.name, PersonName.kind).where(PersonName.person_id == johnson.id)
            ).all()
        )
        senate_seats = set(
            session.scalars(
                select(Position.constituency)
                .join(Organization)
                .where(Organization.name == "United States Senate")
            )
        )
    assert names["Hank Johnson"] == NameKind.NICKNAME
    assert names["Henry C. Johnson, Jr."] == NameKind.ALIAS
    assert all(len(seat) == 2 for seat in senate_seats)
    with db.reading() as session:
        at_large = session.scalars(
            select(Position.constituency).where(Position.constituency.like("%-AL"))
        ).all()
    assert at_large  # Alaska, Wyoming, the delegates…


def test_swalwell_kept_from_the_earlier_snapshot(both_imported):
    db, *_ = both_imported
    bioguides = {p["id"]["bioguide"] for p in _entries(SNAPSHOT_2026)}
    assert "S001193" not in bioguides
    with db.reading() as session:
        roster = {p.bioguide: p for p in load_roster(session)}
    swalwell = roster["S001193"]
    assert swalwell.last == "Swalwell"
    assert swalwell.serving(LETTER_DAY) is not None
    assert swalwell.serving(LETTER_DAY).chamber == "house"


def _changes(report) -> tuple[int, ...]:
    return (
        report.people_created,
        report.people_updated,
        report.terms_added,
        report.terms_updated,
        report.identifiers_added,
        report.names_added,
    )


def test_reimport_changes_nothing(both_imported):
    db, _, second = both_imported
    assert second.terms_updated == 3  # the 2026 snapshot corrects three end dates
    before = _counts(db)
    assert _changes(import_roster(db, SNAPSHOT_2026)) == (0, 0, 0, 0, 0, 0)
    assert _counts(db) == before
    # the older file again: nothing added; the corrected terms take its values back
    older = import_roster(db, SNAPSHOT_2025)
    assert _changes(older) == (0, 3, 0, 3, 0, 0)
    assert _counts(db) == before
    assert _changes(import_roster(db, SNAPSHOT_2025)) == (0, 0, 0, 0, 0, 0)


def test_a_corrected_term_takes_the_last_files_values(both_imported):
    db, *_ = both_imported
    with db.reading() as session:
        moody = {p.bioguide: p for p in load_roster(session)}["M001244"]
    assert [(t.start, t.end) for t in moody.terms if t.chamber == "senate"] == [
        (dt.date(2025, 1, 21), dt.date(2026, 11, 3))
    ]


def test_load_roster_matches_the_yaml(both_imported, merged_yaml, latest_terms):
    db, *_ = both_imported
    with db.reading() as session:
        roster = load_roster(session)
    assert len(roster) == len(merged_yaml) == len(latest_terms)
    expected = {
        b: next((t for t in terms if t.covers(LETTER_DAY)), None)
        for b, terms in latest_terms.items()
    }
    got = {p.bioguide: p.serving(LETTER_DAY) for p in roster}
    assert got == expected
    assert {p.bioguide: p.terms for p in roster} == {
        b: tuple(terms) for b, terms in latest_terms.items()
    }
    # the two snapshots agree on who served that day, but for re-dated terms
    assert (
        sum(
            (p.serving(LETTER_DAY) is None) != (expected[b] is None) for b, p in merged_yaml.items()
        )
        == 0
    )
    assert sum(term is not None for term in got.values()) > 500
    by_id = {p.bioguide: p for p in roster}
    clean = {leg.person.bioguide: leg.person for leg in parse_entries(_entries(SNAPSHOT_2026))}
    for bioguide, yaml_person in clean.items():
        person = by_id[bioguide]
        assert person.person_id is not None
        assert person.ids["bioguide"] == bioguide
        for part in ("first", "last", "middle", "suffix", "nickname", "official_full"):
            assert getattr(person, part) == getattr(yaml_person, part), (bioguide, part)
    goldman = by_id["G000599"]
    assert "Daniel Goldman" in goldman.other_names
    assert (goldman.first, goldman.middle, goldman.last) == ("Dan", "Sachs", "Goldman")
    budzinski = by_id["B001315"]
    assert (budzinski.first, budzinski.nickname) == ("Nicole", "Nikki")


def test_load_roster_is_a_few_queries(both_imported):
    from sqlalchemy import event

    db, *_ = both_imported
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.reading() as session:
            load_roster(session)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) <= 6


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_broken_files_import_nothing(services, tmp_path):
    db = services.db
    import_roster(db, SNAPSHOT_2025)
    before = _counts(db)

    not_yaml = _write(tmp_path, "broken.yaml", "- id: {bioguide: X\n  name: [unclosed\n")
    with pytest.raises(ImportFormatError, match="not a readable YAML file"):
        import_roster(db, not_yaml)

    not_a_list = _write(tmp_path, "dict.yaml", "legislators: 3\n")
    with pytest.raises(ImportFormatError, match="not a list of legislators"):
        import_roster(db, not_a_list)

    entries = _entries(SNAPSHOT_2026)[:20]
    entries.append(
        {"id": {"bioguide": "Z999999"}, "name": {"first": "Zed", "last": "New"}, "terms": []}
    )
    del entries[11]["id"]["bioguide"]
    name = entries[11]["name"]["official_full"]
    no_bioguide = tmp_path / "no-bioguide.yaml"
    no_bioguide.write_text(yaml.safe_dump(entries), encoding="utf-8")
    with pytest.raises(ImportFormatError, match=rf"entry 12 \({name}\): has no bioguide ID"):
        import_roster(db, no_bioguide)

    entries = _entries(SNAPSHOT_2026)[:3]
    entries[0]["terms"][2].pop("end")
    entries.append({"id": {"bioguide": "Z999999"}, "name": {"first": "Zed", "last": "New"}})
    no_end = tmp_path / "no-end.yaml"
    no_end.write_text(yaml.safe_dump(entries), encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"entry 1 \(Maria Cantwell\): term 3 has no end"):
        import_roster(db, no_end)

    with pytest.raises(ImportFormatError, match="no file at"):
        import_roster(db, tmp_path / "absent.yaml")
    assert _counts(db) == before


def test_existing_person_is_completed_not_duplicated(services):
    db = services.db
    person = services.people.create(display_name="Dan Goldman", identifiers={"bioguide": "G000599"})
    report = import_roster(db, SNAPSHOT_2025)
    assert report.people_created == len(_entries(SNAPSHOT_2025)) - 1
    assert report.people_updated == 1
    again = _person(db, "G000599")
    assert again.id == person.id
    assert again.display_name == "Dan Goldman"  # the user's choice is kept
    assert again.gender == Gender.MALE


def test_name_forms_and_constituencies():
    from casetracker.letters.roster_model import RosterPerson

    person = RosterPerson(
        bioguide="X1", first="Thomas", middle="H.", last="Kean", suffix="Jr.", nickname="Tom"
    )
    forms = dict(name_forms(person))
    assert forms == {
        "Kean, Thomas H., Jr.": NameKind.ALIAS,
        "Thomas Kean": NameKind.ALIAS,
        "Thomas H. Kean": NameKind.ALIAS,
        "Thomas Kean, Jr.": NameKind.ALIAS,
        "Thomas H. Kean, Jr.": NameKind.ALIAS,
        "Tom Kean": NameKind.NICKNAME,
        "Tom Kean, Jr.": NameKind.NICKNAME,
    }
    assert parse_constituency("NJ-08") == ("NJ", 8)
    assert parse_constituency("WY-AL") == ("WY", 0)
    assert parse_constituency("NJ") == ("NJ", None)


def test_cli_imports_a_roster(db_url, capsys, tmp_path):
    code = main(["--db", db_url, "import", str(SNAPSHOT_2025)])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("roster: 539 legislators read; 539 people created, 0 updated")

    bad = _write(tmp_path, "bad.yml", "just: [a, mapping\n")
    code = main(["--db", db_url, "import", str(bad)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "not a readable YAML file" in err and "Traceback" not in err
