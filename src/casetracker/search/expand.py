"""Name-aware queries: a word of a recorded name also looks for the same part of
that person's other recorded names (other scripts, spellings, transliterations).

"Vardanyan" finds a letter that only says «Վարդանյան» once «Ռուբեն Վարդանյան» is
recorded as a name of Ruben Vardanyan. Only recorded variants are used: nothing
is guessed. Parts are matched by place: the same place when both names have as
many words, else the first words (given names) or the last (family names).
The counterparts are looked for as prefixes, so that case endings match too
(«Վարդանյանի», «Варданяна»).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetracker.models import Person, PersonName
from casetracker.search.query import Query, Term
from casetracker.search.reference import words

#: people looked at for one query
MAX_PEOPLE = 50
#: other spellings added to one word of the query
MAX_ALTERNATIVES = 12
#: a query phrase longer than this is not a name
MAX_NAME_WORDS = 4
#: shorter counterparts (initials…) must match whole
MIN_PREFIX = 4


def _run_at(haystack: Sequence[str], needle: Sequence[str]) -> int | None:
    size = len(needle)
    for start in range(len(haystack) - size + 1):
        if list(haystack[start : start + size]) == list(needle):
            return start
    return None


def counterparts(needle: Sequence[str], names: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    """The words standing where ``needle`` stands, in each other name of one person."""
    found: list[tuple[str, ...]] = []
    size = len(needle)
    for name in names:
        start = _run_at(name, needle)
        if start is None:
            continue
        for other in names:
            if other is name or not other:
                continue
            if len(other) == len(name):
                part = other[start : start + size]
            elif start == 0:
                part = other[:size]
            elif start + size == len(name):
                part = other[-size:]
            else:
                continue
            candidate = tuple(part)
            if candidate and candidate != tuple(needle) and candidate not in found:
                found.append(candidate)
    return found


def _name_terms(query: Query) -> list[Term]:
    terms = [t for group in query.groups for t in group] + list(query.excluded)
    return [t for t in terms if not t.prefix and 0 < len(words(t.text)) <= MAX_NAME_WORDS]


def expand(query: Query, people: dict[uuid.UUID, list[str]]) -> Query:
    """The query with each name word's recorded counterparts as alternatives."""
    tokenized = [[words(n) for n in names] for names in people.values()]

    def alternatives(term: Term) -> list[Term]:
        if term.prefix or len(words(term.text)) > MAX_NAME_WORDS:
            return []
        found: list[Term] = []
        for names in tokenized:
            for part in counterparts(words(term.text), names):
                # a prefix: other spellings often take case endings (Վարդանյանի, Варданяна)
                prefix = len(part[-1]) >= MIN_PREFIX
                extra = Term(" ".join(part), phrase=len(part) > 1, prefix=prefix)
                if extra not in found:
                    found.append(extra)
        return found[:MAX_ALTERNATIVES]

    groups = []
    for group in query.groups:
        terms = list(group)
        for term in group:
            terms += [t for t in alternatives(term) if t not in terms]
        groups.append(tuple(terms))
    excluded = list(query.excluded)
    for term in query.excluded:
        excluded += [t for t in alternatives(term) if t not in excluded]
    return dataclasses.replace(query, groups=tuple(groups), excluded=tuple(excluded))


def people_named(session: Session, person_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """Every recorded name of these people, display name first."""
    names: dict[uuid.UUID, list[str]] = defaultdict(list)
    for pid, name in session.execute(
        select(Person.id, Person.display_name).where(Person.id.in_(person_ids))
    ):
        names[pid].insert(0, name)
    for pid, name in session.execute(
        select(PersonName.person_id, PersonName.name).where(PersonName.person_id.in_(person_ids))
    ):
        names[pid].append(name)
    return dict(names)


def name_query(query: Query) -> Query | None:
    """The query that finds the people whose records hold one of the name words."""
    terms = _name_terms(query)
    if not terms:
        return None
    unique = tuple(dict.fromkeys(Term(t.text, phrase=t.phrase) for t in terms))
    return Query(groups=(unique,), types=frozenset({"person"}))


__all__ = ["counterparts", "expand", "name_query", "people_named"]
