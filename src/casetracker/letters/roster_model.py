"""The roster as the matcher sees it: people with their name forms and terms of
service, read from a congress-legislators YAML document or from the database."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

CHAMBERS = {"rep": "house", "sen": "senate"}


@dataclass(frozen=True)
class Term:
    """One term of service: chamber ``house`` or ``senate``."""

    chamber: str
    state: str
    start: dt.date
    end: dt.date
    district: int | None = None
    party: str | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class RosterPerson:
    """A legislator: bioguide ID, name parts and every known form of the name."""

    bioguide: str
    first: str
    last: str
    middle: str | None = None
    suffix: str | None = None
    nickname: str | None = None
    official_full: str | None = None
    other_names: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    person_id: uuid.UUID | None = None
    ids: Mapping[str, str] = field(default_factory=dict)

    def serving(self, day: dt.date) -> Term | None:
        """The term covering ``day`` (None: not serving that day)."""
        return next((t for t in self.terms if t.covers(day)), None)

    @property
    def display_name(self) -> str:
        if self.official_full:
            return self.official_full
        parts = [self.first, self.middle, self.last]
        name = " ".join(p for p in parts if p)
        return f"{name}, {self.suffix}" if self.suffix else name


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def person_from_entry(entry: Mapping[str, Any]) -> RosterPerson:
    """One entry of a congress-legislators document (``id``, ``name``, ``terms``).

    Raises KeyError/ValueError on an entry without a bioguide ID, a name or
    readable term dates (the importer reports those in plain words)."""
    ids = entry["id"]
    name = entry["name"]
    terms = tuple(
        Term(
            chamber=CHAMBERS[str(t["type"])],
            state=str(t["state"]),
            start=_date(t["start"]),
            end=_date(t["end"]),
            district=int(t["district"]) if t.get("district") is not None else None,
            party=str(t["party"]) if t.get("party") else None,
        )
        for t in entry.get("terms") or ()
    )
    return RosterPerson(
        bioguide=str(ids["bioguide"]),
        first=str(name["first"]),
        last=str(name["last"]),
        middle=str(name["middle"]) if name.get("middle") else None,
        suffix=str(name["suffix"]) if name.get("suffix") else None,
        nickname=str(name["nickname"]) if name.get("nickname") else None,
        official_full=str(name["official_full"]) if name.get("official_full") else None,
        terms=terms,
        ids={str(k): str(v) for k, v in ids.items() if not isinstance(v, list | dict)},
    )


def people_from_document(entries: Iterable[Mapping[str, Any]]) -> list[RosterPerson]:
    """Every entry of a congress-legislators document (see :func:`person_from_entry`)."""
    return [person_from_entry(e) for e in entries]


def merge(*rosters: Iterable[RosterPerson]) -> list[RosterPerson]:
    """Several snapshots, oldest first, as one roster: one person per bioguide ID,
    terms united (a later snapshot's version of a term wins)."""
    merged: dict[str, RosterPerson] = {}
    for roster in rosters:
        for person in roster:
            known = merged.get(person.bioguide)
            if known is None:
                merged[person.bioguide] = person
                continue
            # a later snapshot's term replaces an earlier one with the same start
            by_start = {(t.chamber, t.start): t for t in known.terms}
            by_start.update({(t.chamber, t.start): t for t in person.terms})
            terms = tuple(sorted(by_start.values(), key=lambda t: t.start))
            merged[person.bioguide] = RosterPerson(
                **{**person.__dict__, "terms": terms, "ids": {**known.ids, **person.ids}}
            )
    return list(merged.values())
