"""The Congress roster in the database: import a congress-legislators YAML file
(current or historical snapshot) as people, identifiers, name forms and
positions, and read the roster back for the signatory matcher.

Every legislator is a :class:`~casetracker.models.Person` found by its
``bioguide`` identifier. Each term of service is a
:class:`~casetracker.models.Position` in the House or the Senate; importing
several snapshots unites their terms, and importing a file twice changes nothing.

The name parts are kept as name forms (``PersonName`` rows) that read back
unambiguously: the official name, ``Last, First Middle[, Suffix]`` (which fixes
where the surname starts), ``First Last``, ``First Middle Last``, the suffixed
forms and ``Nickname Last``.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from casetracker.audit import record_rows
from casetracker.db.engine import Database
from casetracker.errors import ImportFormatError
from casetracker.interchange.messages import one_line
from casetracker.interchange.messages import shown as show_value
from casetracker.models import Organization, Person, PersonIdentifier, PersonName, Position
from casetracker.models.enums import Gender, NameKind, OrganizationKind
from casetracker.names import sort_name
from casetracker.partialdate import PartialDate
from casetracker.progress import NO_PROGRESS, Progress
from casetracker.search import sync as search_sync
from casetracker.services.base import integrity_message

from .roster_model import CHAMBERS, RosterPerson, Term, person_from_entry

#: chamber -> (organization name, position title)
CHAMBER_ORGANIZATIONS = {
    "house": ("United States House of Representatives", "U.S. Representative"),
    "senate": ("United States Senate", "U.S. Senator"),
}
BIOGUIDE = "bioguide"
_GENDERS = {"M": Gender.MALE, "F": Gender.FEMALE}
_CHUNK = 500
_MAX_PROBLEMS = 5
_DISTRICT = re.compile(r"^([A-Z]{2})-(AL|\d+)$")

# Column lengths the rows must respect (the database would refuse longer values).
_MAX_NAME = 300
_MAX_SCHEME = 40
_MAX_VALUE = 200
_MAX_PARTY = 60


@dataclass(frozen=True)
class RosterImportReport:
    """What an import did."""

    legislators: int
    people_created: int
    people_updated: int
    terms_added: int
    terms_updated: int
    identifiers_added: int
    names_added: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"roster: {self.legislators} legislators read; {self.people_created} people "
            f"created, {self.people_updated} updated; {self.terms_added} terms, "
            f"{self.identifiers_added} identifiers and {self.names_added} name forms added, "
            f"{self.terms_updated} terms updated in {self.seconds:.1f} s"
        )


# ----------------------------------------------------------------- reading the file
def read_roster_file(path: str | Path) -> list[Any]:
    """The entries of a congress-legislators YAML file, or ImportFormatError."""
    import yaml

    path = Path(path)
    if not path.is_file():
        raise ImportFormatError(f"no file at {path}")
    try:
        with path.open("rb") as f:
            document = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ImportFormatError(
            f"nothing was imported: {path.name} is not a readable YAML file{where}"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"nothing was imported: cannot read {path.name}: {exc}") from exc
    except RecursionError as exc:
        raise ImportFormatError(f"nothing was imported: {path.name} is nested too deeply") from exc
    except (ValueError, OverflowError) as exc:  # e.g. an unquoted 2025-02-30 read as a date
        reason = one_line(str(exc), 80)
        raise ImportFormatError(
            f"nothing was imported: {path.name} holds an impossible value ({reason})"
        ) from exc
    _check_shape(document, path.name)
    if not isinstance(document, list) or not document:
        raise ImportFormatError(
            f"nothing was imported: {path.name} is not a list of legislators "
            "(congress-legislators format: entries with id, name, bio and terms)"
        )
    return document


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_MAX_DEPTH = 12  # a legislator is four levels deep; the fetched file, six at most


def _check_shape(document: Any, name: str) -> None:
    """Refuse YAML aliases (one value used in several places: the congress-legislators
    files have none, and an alias bomb expands to billions of items when read) and
    nesting deeper than a roster ever is. Visits each value once."""
    seen: set[int] = set()
    stack = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str) and len(value) < 100:
            continue
        if not isinstance(value, dict | list | str):
            continue
        if id(value) in seen:
            raise ImportFormatError(
                f"nothing was imported: {name} repeats values through YAML aliases (&, *), "
                "which a congress-legislators file never does"
            )
        seen.add(id(value))
        if depth > _MAX_DEPTH:
            raise ImportFormatError(f"nothing was imported: {name} is nested too deeply")
        if isinstance(value, dict):
            stack.extend((child, depth + 1) for pair in value.items() for child in pair)
        elif isinstance(value, list):
            stack.extend((child, depth + 1) for child in value)


def _bad_text(value: Any) -> bool:
    """Text the database cannot store: a NUL, or a lone surrogate (not Unicode)."""
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is not None
    if isinstance(value, dict):
        return any(_bad_text(k) or _bad_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_bad_text(v) for v in value)
    return False


def _entry_label(index: int, entry: Any) -> str:
    name = entry.get("name") if isinstance(entry, Mapping) else None
    shown = None
    if isinstance(name, Mapping):
        shown = name.get("official_full") or " ".join(
            str(name[k]) for k in ("first", "last") if name.get(k)
        )
    if not shown and isinstance(entry, Mapping) and isinstance(entry.get("id"), Mapping):
        shown = entry["id"].get(BIOGUIDE)
    return f"entry {index}" + (f" ({one_line(str(shown), 60)})" if shown else "")


def _readable_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _entry_problems(entry: Any) -> list[str]:
    """What keeps one entry from being imported, in plain words."""
    if not isinstance(entry, Mapping):
        return ["is not a legislator (expected id, name and terms)"]
    problems = []
    if _bad_text(entry):
        problems.append("has text with a NUL character or invalid Unicode")
    ids = entry.get("id")
    if not isinstance(ids, Mapping) or not ids.get(BIOGUIDE):
        problems.append("has no bioguide ID")
    else:
        for scheme, value in ids.items():
            values = value if isinstance(value, list) else [value]
            if len(str(scheme)) > _MAX_SCHEME or any(len(str(v)) > _MAX_VALUE for v in values):
                problems.append(f"identifier {scheme} is too long")
    name = entry.get("name")
    if not isinstance(name, Mapping) or not name.get("first") or not name.get("last"):
        problems.append("has no first and last name")
    elif len(" ".join(str(v) for v in name.values())) > _MAX_NAME:
        problems.append("has a name too long to store")
    bio = entry.get("bio") or {}
    if not isinstance(bio, Mapping):
        problems.append("has an unreadable bio")
    elif bio.get("birthday") and not _readable_date(bio["birthday"]):
        problems.append(f"has an unreadable birthday {show_value(bio['birthday'])}")
    terms = entry.get("terms")
    if terms is None:
        terms = []
    if not isinstance(terms, list):
        problems.append("has terms that are not a list")
        terms = []
    for number, term in enumerate(terms, start=1):
        if not isinstance(term, Mapping):
            problems.append(f"term {number} is not a term of service")
            continue
        if not isinstance(term.get("type"), str) or term["type"] not in CHAMBERS:
            problems.append(
                f"term {number} has type {show_value(term.get('type'))} (expected rep or sen)"
            )
        for key, what in (("start", "start"), ("end", "end")):
            if not term.get(key):
                problems.append(f"term {number} has no {what} date")
            elif not _readable_date(term[key]):
                shown_date = show_value(term[key])
                problems.append(f"term {number} has an unreadable {what} date {shown_date}")
        if not term.get("state"):
            problems.append(f"term {number} has no state")
        district = term.get("district")
        if district is not None and (isinstance(district, bool) or not _is_int(district)):
            problems.append(f"term {number} has an unreadable district {show_value(district)}")
        if term.get("party") and len(str(term["party"])) > _MAX_PARTY:
            problems.append(f"term {number} has a party name too long to store")
    return problems


def _is_int(value: Any) -> bool:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: .inf
        return False
    return abs(number) < 10_000


@dataclass
class _Legislator:
    person: RosterPerson
    identifiers: list[tuple[str, str]]
    gender: Gender | None
    birth_date: PartialDate | None


def parse_entries(entries: Sequence[Any], source: str = "the file") -> list[_Legislator]:
    """Check every entry, then read them; ImportFormatError names the bad entries."""
    problems: list[str] = []
    for index, entry in enumerate(entries, start=1):
        found = _entry_problems(entry)
        if found:
            problems.append(f"{_entry_label(index, entry)}: " + ", ".join(found))
    if problems:
        listed = "; ".join(one_line(p, 300) for p in problems[:_MAX_PROBLEMS])
        more = len(problems) - _MAX_PROBLEMS
        tail = f"; and {more} more entries with problems" if more > 0 else ""
        raise ImportFormatError(f"nothing was imported from {source}: {listed}{tail}")
    legislators = []
    for entry in entries:
        person = _clean_parts(person_from_entry(entry))
        identifiers: list[tuple[str, str]] = []
        for scheme, value in entry["id"].items():
            values = value if isinstance(value, list) else [value]
            for one in values:
                if one is None or isinstance(one, dict | list) or str(one).strip() == "":
                    continue
                pair = (str(scheme).strip().lower(), str(one).strip())
                if pair not in identifiers:
                    identifiers.append(pair)
        bio = entry.get("bio") or {}
        birthday = bio.get("birthday")
        legislators.append(
            _Legislator(
                person=person,
                identifiers=identifiers,
                gender=_GENDERS.get(str(bio.get("gender", "")).upper()),
                birth_date=PartialDate.from_date(_as_date(birthday)) if birthday else None,
            )
        )
    return legislators


_PAREN_NICKNAME = re.compile(r"^(.*?)\s*\(([^)]+)\)\s*$")


def _clean_parts(person: RosterPerson) -> RosterPerson:
    """``first: Charles (Chuck)`` → first ``Charles``, nickname ``Chuck``."""
    found = _PAREN_NICKNAME.match(person.first)
    if found is None or not found.group(1):
        return person
    return replace(person, first=found.group(1), nickname=person.nickname or found.group(2))


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


# ----------------------------------------------------------------- name forms
def display_name(person: RosterPerson) -> str:
    """``official_full``, or ``First Middle Last, Suffix``."""
    return person.display_name


def name_forms(person: RosterPerson) -> list[tuple[str, NameKind]]:
    """The name forms stored for a legislator, without duplicates, in order."""
    first, middle, last, suffix = person.first, person.middle, person.last, person.suffix
    given = f"{first} {middle}" if middle else first
    forms: list[tuple[str, NameKind]] = []
    if person.official_full:
        forms.append((person.official_full, NameKind.OFFICIAL))
    forms.append((f"{last}, {given}" + (f", {suffix}" if suffix else ""), NameKind.ALIAS))
    plain = [f"{first} {last}"] + ([f"{given} {last}"] if middle else [])
    forms.extend((name, NameKind.ALIAS) for name in plain)
    if suffix:
        forms.extend((f"{name}, {suffix}", NameKind.ALIAS) for name in plain)
    if person.nickname:
        forms.append((f"{person.nickname} {last}", NameKind.NICKNAME))
        if suffix:
            forms.append((f"{person.nickname} {last}, {suffix}", NameKind.NICKNAME))
    official_first = _official_first(person)
    if official_first and not _word_prefix(official_first, given):
        # "Daniel S. Goldman" for first "Dan": "Daniel Goldman" is a form too
        forms.append((f"{official_first} {last}", NameKind.ALIAS))
        if suffix:
            forms.append((f"{official_first} {last}, {suffix}", NameKind.ALIAS))
    unique: list[tuple[str, NameKind]] = []
    seen: set[tuple[str, bool]] = set()
    for name, kind in forms:
        if _name_key(name, kind) not in seen:
            unique.append((name, kind))
            seen |= {_name_key(name, kind), (name, False)}
    return unique


def _name_key(name: str, kind: NameKind | str) -> tuple[str, bool]:
    """Forms are unique by name, but for the nickname form, kept as such even when
    it is the official name too ("Jack Reed"): it tells which word is a nickname."""
    return (name, kind == NameKind.NICKNAME)


def _official_first(person: RosterPerson) -> str | None:
    """The first word of the official name, when that name ends with the surname."""
    if not person.official_full:
        return None
    text = re.sub(r'"[^"]*"|\([^)]*\)', " ", person.official_full)
    text = text.split(",")[0].strip()
    if not text.endswith(f" {person.last}"):
        return None
    words = text.removesuffix(f" {person.last}").split()
    return words[0] if words else None


def _word_prefix(prefix: str, text: str) -> bool:
    return text == prefix or text.startswith(f"{prefix} ")


def constituency(term: Term) -> str:
    """``NJ-08`` for a House district, ``NJ-AL`` at large, ``NJ`` for the Senate."""
    if term.chamber != "house" or term.district is None or term.district < 0:
        return term.state
    return f"{term.state}-AL" if term.district == 0 else f"{term.state}-{term.district:02d}"


def parse_constituency(text: str | None) -> tuple[str, int | None]:
    """``NJ-08`` → (``NJ``, 8); ``NJ-AL`` → (``NJ``, 0); ``NJ`` → (``NJ``, None)."""
    text = (text or "").strip().upper()
    found = _DISTRICT.match(text)
    if found is None:
        return text, None
    state, district = found.groups()
    return state, 0 if district == "AL" else int(district)


# ----------------------------------------------------------------- import
def import_roster(
    db: Database, path: str | Path, progress: Progress = NO_PROGRESS
) -> RosterImportReport:
    """Import a congress-legislators YAML file in one transaction (all or nothing)."""
    started = time.perf_counter()
    path = Path(path)
    progress.report(0, 0, f"reading {path.name}")
    entries = read_roster_file(path)
    legislators = parse_entries(entries, path.name)
    try:
        with db.transaction() as session:
            counts = _write(session, legislators, progress)
    except IntegrityError as exc:
        raise ImportFormatError(f"nothing was imported: {integrity_message(exc)}") from exc
    except DBAPIError as exc:
        reason = one_line(str(getattr(exc, "orig", exc)).strip().split("\n")[0], 200)
        raise ImportFormatError(f"nothing was imported: {reason or 'refused'}") from exc
    if counts["created"] + counts["terms"] >= 1000 and not db.in_transaction:
        db.refresh_statistics()
    return RosterImportReport(
        legislators=len(legislators),
        people_created=counts["created"],
        people_updated=counts["updated"],
        terms_added=counts["terms"],
        terms_updated=counts["terms_updated"],
        identifiers_added=counts["identifiers"],
        names_added=counts["names"],
        seconds=time.perf_counter() - started,
    )


def _chunks[T](items: Sequence[T], size: int = _CHUNK) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _organizations(session: Session) -> dict[str, uuid.UUID]:
    """chamber -> organization id, creating the two chambers when absent."""
    wanted = {name: chamber for chamber, (name, _) in CHAMBER_ORGANIZATIONS.items()}
    found: dict[str, uuid.UUID] = {}
    for org_id, name in session.execute(
        select(Organization.id, Organization.name)
        .where(Organization.name.in_(list(wanted)))
        .order_by(Organization.created_at, Organization.id)
    ):
        found.setdefault(wanted[name], org_id)
    for name, chamber in wanted.items():
        if chamber not in found:
            org = Organization(name=name, kind=OrganizationKind.LEGISLATURE, country="US")
            session.add(org)
            session.flush()
            found[chamber] = org.id
    return found


def _write(session: Session, legislators: list[_Legislator], progress: Progress) -> dict[str, int]:
    total = len(legislators)
    progress.report(0, total, "looking up people")
    chambers = _organizations(session)

    # identifiers already recorded, for every (scheme, value) the file names
    wanted_values = sorted({v for leg in legislators for _, v in leg.identifiers})
    wanted_pairs = {pair for leg in legislators for pair in leg.identifiers}
    owner: dict[tuple[str, str], uuid.UUID] = {}
    for chunk in _chunks(wanted_values):
        rows = session.execute(
            select(
                PersonIdentifier.scheme, PersonIdentifier.value, PersonIdentifier.person_id
            ).where(PersonIdentifier.value.in_(chunk))
        )
        for scheme, value, person_id in rows:
            if (scheme, value) in wanted_pairs:
                owner[(scheme, value)] = person_id

    existing = sorted(
        {
            owner[(BIOGUIDE, leg.person.bioguide)]
            for leg in legislators
            if (BIOGUIDE, leg.person.bioguide) in owner
        },
        key=str,
    )
    names: dict[uuid.UUID, set[tuple[str, bool]]] = defaultdict(set)
    ordinals: dict[uuid.UUID, int] = defaultdict(int)
    #: (person, chamber, start) -> id, end_date, party and constituency of the position
    terms: dict[tuple[uuid.UUID, uuid.UUID, PartialDate | None], dict[str, Any]] = {}
    new_terms: set[uuid.UUID] = set()
    fields: dict[uuid.UUID, tuple[Gender, PartialDate | None]] = {}
    chamber_ids = list(chambers.values())
    for chunk in _chunks(existing):
        for person_id, name, kind, ordinal in session.execute(
            select(
                PersonName.person_id, PersonName.name, PersonName.kind, PersonName.ordinal
            ).where(PersonName.person_id.in_(chunk))
        ):
            names[person_id].add(_name_key(name, kind))
            names[person_id].add((name, False))
            ordinals[person_id] = max(ordinals[person_id], ordinal + 1)
        for position_id, person_id, org_id, start, end, party, seat in session.execute(
            select(
                Position.id,
                Position.person_id,
                Position.organization_id,
                Position.start_date,
                Position.end_date,
                Position.party,
                Position.constituency,
            ).where(Position.person_id.in_(chunk), Position.organization_id.in_(chamber_ids))
        ):
            terms.setdefault(
                (person_id, org_id, start),
                {"id": position_id, "end_date": end, "party": party, "constituency": seat},
            )
        for person_id, gender, birth in session.execute(
            select(Person.id, Person.gender, Person.birth_date).where(Person.id.in_(chunk))
        ):
            fields[person_id] = (gender, birth)

    people_rows: list[dict[str, Any]] = []
    name_rows: list[dict[str, Any]] = []
    identifier_rows: list[dict[str, Any]] = []
    position_rows: list[dict[str, Any]] = []
    updates: dict[uuid.UUID, dict[str, Any]] = {}
    changed: dict[uuid.UUID, dict[str, Any]] = {}
    created: set[uuid.UUID] = set()
    touched: set[uuid.UUID] = set()

    for done, leg in enumerate(legislators):
        if done % 100 == 0:
            progress.report(done, total, "comparing with the database")
        person = leg.person
        key = (BIOGUIDE, person.bioguide)
        person_id = owner.get(key)
        if person_id is None:
            person_id = uuid.uuid4()
            shown = display_name(person)
            people_rows.append(
                {
                    "id": person_id,
                    "display_name": shown,
                    "sort_name": sort_name(shown),
                    "gender": leg.gender or Gender.UNKNOWN,
                    "birth_date": leg.birth_date,
                }
            )
            created.add(person_id)
            fields[person_id] = (leg.gender or Gender.UNKNOWN, leg.birth_date)
        elif person_id not in created:
            gender, birth = fields.get(person_id, (Gender.UNKNOWN, None))
            change: dict[str, Any] = {}
            if leg.gender and gender == Gender.UNKNOWN:
                change["gender"] = leg.gender
            if leg.birth_date and birth is None:
                change["birth_date"] = leg.birth_date
            if change:
                updates.setdefault(person_id, {}).update(change)
                fields[person_id] = (
                    change.get("gender", gender),
                    change.get("birth_date", birth),
                )
                touched.add(person_id)

        for scheme, value in leg.identifiers:
            if (scheme, value) in owner:
                continue  # recorded already (for this person, or kept by another)
            owner[(scheme, value)] = person_id
            identifier_rows.append(
                {"id": uuid.uuid4(), "person_id": person_id, "scheme": scheme, "value": value}
            )
            touched.add(person_id)

        for name, kind in name_forms(person):
            if _name_key(name, kind) in names[person_id]:
                continue
            names[person_id].add(_name_key(name, kind))
            names[person_id].add((name, False))
            name_rows.append(
                {
                    "id": uuid.uuid4(),
                    "person_id": person_id,
                    "name": name,
                    "kind": kind,
                    "ordinal": ordinals[person_id],
                }
            )
            ordinals[person_id] += 1
            touched.add(person_id)

        for term in person.terms:
            org_id = chambers[term.chamber]
            start = PartialDate.from_date(term.start)
            end = PartialDate.from_date(term.end)
            seat = constituency(term)
            values = {"end_date": end, "party": term.party, "constituency": seat}
            known = terms.get((person_id, org_id, start))
            if known is not None:
                # the same term again: the file imported last says how it ends
                if any(known[k] != v for k, v in values.items()):
                    known.update(values)
                    if known["id"] not in new_terms:
                        changed[known["id"]] = values
                        touched.add(person_id)
                continue
            new_id = uuid.uuid4()
            new_terms.add(new_id)
            row = {
                "id": new_id,
                "person_id": person_id,
                "organization_id": org_id,
                "title": CHAMBER_ORGANIZATIONS[term.chamber][1],
                "start_date": start,
                **values,
            }
            terms[(person_id, org_id, start)] = row
            position_rows.append(row)
            touched.add(person_id)

    progress.report(total, total, "saving")
    for table, rows in (
        (Person.__table__, people_rows),
        (PersonIdentifier.__table__, identifier_rows),
        (PersonName.__table__, name_rows),
        (Position.__table__, position_rows),
    ):
        for chunk in _chunks(rows, 1000):
            session.execute(insert(table), list(chunk))
            record_rows(session, "import", table.name, chunk)  # each row in the history
            progress.report(total, total, "saving")
    if updates:
        for person in session.scalars(select(Person).where(Person.id.in_(list(updates)))):
            for column, value in updates[person.id].items():
                setattr(person, column, value)
        session.flush()
    if changed:
        for chunk in _chunks(list(changed)):
            for position in session.scalars(select(Position).where(Position.id.in_(chunk))):
                for column, value in changed[position.id].items():
                    setattr(position, column, value)
        session.flush()

    search_sync.note_rows(session, "people", people_rows)
    search_sync.note_rows(session, "person_names", name_rows)
    search_sync.note_rows(session, "positions", position_rows)
    for person_id in touched - created:
        search_sync.note(session, "person", person_id)
    return {
        "created": len(created),
        "updated": len(touched - created),
        "terms": len(position_rows),
        "terms_updated": len(changed),
        "identifiers": len(identifier_rows),
        "names": len(name_rows),
    }


# ----------------------------------------------------------------- reading back
def load_roster(session: Session) -> list[RosterPerson]:
    """Every person with a bioguide identifier, as the matcher sees them.

    Five queries in all, whatever the number of people."""
    with_bioguide = select(PersonIdentifier.person_id).where(PersonIdentifier.scheme == BIOGUIDE)
    people = {
        pid: shown
        for pid, shown in session.execute(
            select(Person.id, Person.display_name).where(Person.id.in_(with_bioguide))
        )
    }
    identifiers: dict[uuid.UUID, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for pid, scheme, value in session.execute(
        select(PersonIdentifier.person_id, PersonIdentifier.scheme, PersonIdentifier.value)
        .where(PersonIdentifier.person_id.in_(with_bioguide))
        .order_by(PersonIdentifier.created_at, PersonIdentifier.id)
    ):
        identifiers[pid][scheme].append(value)
    names: dict[uuid.UUID, list[tuple[str, NameKind]]] = defaultdict(list)
    for pid, name, kind in session.execute(
        select(PersonName.person_id, PersonName.name, PersonName.kind)
        .where(PersonName.person_id.in_(with_bioguide))
        .order_by(PersonName.person_id, PersonName.ordinal, PersonName.created_at)
    ):
        names[pid].append((name, kind))
    org_chamber = {
        org_id: _chamber_of(name)
        for org_id, name in session.execute(
            select(Organization.id, Organization.name).where(
                Organization.name.in_([n for n, _ in CHAMBER_ORGANIZATIONS.values()])
            )
        )
    }
    terms: dict[uuid.UUID, list[Term]] = defaultdict(list)
    for pid, org_id, title, seat, party, start, end in session.execute(
        select(
            Position.person_id,
            Position.organization_id,
            Position.title,
            Position.constituency,
            Position.party,
            Position.start_date,
            Position.end_date,
        ).where(Position.person_id.in_(with_bioguide))
    ):
        chamber = org_chamber.get(org_id) or _chamber_of(title or "")
        if chamber is None or start is None:
            continue
        state, district = parse_constituency(seat)
        terms[pid].append(
            Term(
                chamber=chamber,
                state=state,
                start=start.earliest(),
                end=end.latest() if end is not None else dt.date.max,
                district=district if chamber == "house" else None,
                party=party,
            )
        )
    roster = []
    for pid, shown in people.items():
        ids = identifiers[pid]
        parts = _name_parts(shown, names[pid])
        roster.append(
            RosterPerson(
                bioguide=ids[BIOGUIDE][0],
                terms=tuple(sorted(set(terms[pid]), key=lambda t: (t.start, t.chamber))),
                person_id=pid,
                ids={scheme: values[0] for scheme, values in ids.items() if len(values) == 1},
                **parts,
            )
        )
    roster.sort(key=lambda p: p.bioguide)
    return roster


def _chamber_of(text: str) -> str | None:
    folded = text.casefold()
    if "senat" in folded:
        return "senate"
    if "house" in folded or "representative" in folded or "delegate" in folded:
        return "house"
    return None


_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv", "v"}


def _name_parts(shown: str, names: list[tuple[str, NameKind]]) -> dict[str, Any]:
    """first, last, middle, suffix, nickname, official_full and other_names, read
    back from the stored forms (the latest consistent ``Last, Given`` form wins)."""
    # name_forms keeps one kind per form: "First Last" may be the official name
    aliases = {name for name, kind in names if kind in (NameKind.ALIAS, NameKind.OFFICIAL)}
    parts: dict[str, Any] | None = None
    canonical = None
    for name, kind in reversed(names):
        if kind != NameKind.ALIAS or ", " not in name:
            continue
        pieces = name.split(", ")
        if len(pieces) > 3:
            continue
        last, given = pieces[0], pieces[1]
        suffix = pieces[2] if len(pieces) == 3 else None
        words = given.split()
        for size in range(1, len(words) + 1):
            first = " ".join(words[:size])
            if f"{first} {last}" in aliases:
                middle = " ".join(words[size:]) or None
                parts = {"first": first, "last": last, "middle": middle, "suffix": suffix}
                canonical = name
                break
        if parts is not None:
            break
    if parts is None:
        parts = _parse_display_name(shown)
    last, suffix = parts["last"], parts["suffix"]
    nickname = None
    for name, kind in reversed(names):
        if kind != NameKind.NICKNAME:
            continue
        bare = name.removesuffix(f", {suffix}") if suffix else name
        if bare.endswith(f" {last}"):
            nickname = bare.removesuffix(f" {last}")
            break
    official = [name for name, kind in names if kind == NameKind.OFFICIAL]
    official_full = shown if shown in official else (official[-1] if official else None)
    others = tuple(dict.fromkeys(n for n, _ in names if n not in (official_full, canonical)))
    return {**parts, "nickname": nickname, "official_full": official_full, "other_names": others}


def _parse_display_name(shown: str) -> dict[str, Any]:
    """Name parts guessed from a display name alone: ``First [Middle…] Last[, Suffix]``."""
    text = re.sub(r'"[^"]*"|\([^)]*\)', " ", shown)
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    suffix = None
    if len(pieces) > 1 and pieces[-1].casefold() in _SUFFIXES:
        suffix = pieces.pop()
    words = " ".join(pieces).split()
    if len(words) > 1 and words[-1].casefold() in _SUFFIXES and suffix is None:
        suffix = words.pop()
    if not words:
        words = [shown.strip() or "?"]
    if len(words) == 1:
        return {"first": words[0], "last": words[0], "middle": None, "suffix": suffix}
    return {
        "first": words[0],
        "last": words[-1],
        "middle": " ".join(words[1:-1]) or None,
        "suffix": suffix,
    }
