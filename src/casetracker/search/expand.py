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
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
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
    return expand_tokenized(query, [[words(n) for n in names] for names in people.values()])


def expand_tokenized(query: Query, tokenized: Sequence[Sequence[Sequence[str]]]) -> Query:
    """:func:`expand`, given each person's names as folded words."""

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


def has_name_terms(query: Query) -> bool:
    """True when the query holds words that may be (part of) a name."""
    return bool(_name_terms(query))


@dataclass
class NameIndex:
    """Every recorded name of every person as folded words, found by word."""

    names: dict[uuid.UUID, list[list[str]]] = field(default_factory=dict)
    by_word: dict[str, set[uuid.UUID]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> NameIndex:
        index = cls()
        rows = list(session.execute(select(Person.id, Person.display_name)))
        rows += session.execute(select(PersonName.person_id, PersonName.name))
        for person_id, name in rows:
            folded = words(name)
            if folded and folded not in index.names.setdefault(person_id, []):
                index.names[person_id].append(folded)
                for word in folded:
                    index.by_word.setdefault(word, set()).add(person_id)
        return index

    def people(self, query: Query) -> list[list[list[str]]]:
        """The names of the people (at most :data:`MAX_PEOPLE`) holding a name
        word of the query."""
        found: dict[uuid.UUID, None] = {}
        for term in _name_terms(query):
            for person_id in self.by_word.get(words(term.text)[0], ()):
                found[person_id] = None
                if len(found) >= MAX_PEOPLE:
                    break
        return [self.names[p] for p in found]


#: seconds a name index is trusted before the database is asked whether names
#: changed (changes made by this process are seen at once)
RECHECK_SECONDS = 2.0
_cache: dict[str, tuple[tuple[Any, ...], float, int, NameIndex]] = {}
_cache_lock = threading.Lock()
_generation = 0


def names_changed() -> None:
    """Names were written by this process: no name index is to be trusted."""
    global _generation
    _generation += 1


def _version(session: Session) -> tuple[Any, ...]:
    people = session.execute(select(func.count(Person.id), func.max(Person.updated_at))).one()
    names = session.execute(
        select(func.count(PersonName.id), func.max(PersonName.updated_at))
    ).one()
    return (*people, *names)


def name_index(session: Session) -> NameIndex:
    """The name index of the session's database, loaded again only when names
    changed (here, or in the database for another user)."""
    key = str(session.get_bind().url)
    now = time.monotonic()
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None and cached[2] == _generation and now - cached[1] < RECHECK_SECONDS:
        return cached[3]
    generation = _generation
    version = _version(session)
    if cached is not None and cached[0] == version and cached[2] == generation:
        index = cached[3]
    else:
        index = NameIndex.load(session)
    with _cache_lock:
        _cache[key] = (version, now, generation, index)
    return index


__all__ = [
    "NameIndex",
    "counterparts",
    "expand",
    "expand_tokenized",
    "has_name_terms",
    "name_index",
    "names_changed",
    "people_named",
]
