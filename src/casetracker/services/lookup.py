"""Type-ahead for link pickers: find a person, office, letter… by a few letters.

Matching is case-insensitive and looks inside the text; names that start with
the typed text come first, then names with a word that starts with it, then
the other matches. People and detainees are found by every name variant
(``PersonName``: "Вард" finds Ruben Vardanyan). Each kind's candidates are
ranked and limited in one SQL query.

Case-insensitivity beyond ASCII: PostgreSQL's ``ILIKE`` folds every script;
SQLite's ``LIKE`` folds only ASCII, so on SQLite a text with other letters is
compared through a Python case fold registered on the connection (a little
slower; only used when the typed text is not plain ASCII).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, literal_column, select, union_all
from sqlalchemy.orm import Session

from casetracker.db.engine import Database
from casetracker.db.textmatch import FOLD_FUNCTION, escape_like
from casetracker.errors import NotFoundError, ValidationError
from casetracker.models import (
    Detention,
    Letter,
    Organization,
    Person,
    PersonName,
    Response,
    SanctionRequest,
)
from casetracker.partialdate import PartialDate
from casetracker.services.base import as_uuid

LOOKUP_KINDS = ("people", "organizations", "letters", "detainees", "sanctions", "responses")
_RECORD_NAMES = {
    "people": "person",
    "organizations": "organization",
    "letters": "letter",
    "detainees": "detention",
    "sanctions": "sanction request",
    "responses": "response",
}
MAX_LIMIT = 200


@dataclass(frozen=True)
class Choice:
    """One candidate record: its id, the label to show and a short detail."""

    id: uuid.UUID
    label: str
    detail: str = ""


def _date(value: PartialDate | None) -> str:
    return value.isoformat() if value is not None else ""


def _born(value: PartialDate | None) -> str:
    if value is None:
        return ""
    return f"b. {value.year}{'~' if value.estimated else ''}"


def _joined(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def _value(member: Any) -> str:
    return "" if member is None else str(getattr(member, "value", member))


class _Matcher:
    """``LIKE`` conditions for one typed text, case-insensitive on both backends."""

    def __init__(self, session: Session, text: str, sqlite: bool) -> None:
        # ct_casefold is registered on every SQLite connection (db/textmatch.py)
        self.folded = sqlite and not text.isascii()
        if self.folded:
            text = text.casefold()
        needle = escape_like(text)
        self.contains = f"%{needle}%"
        self.prefix = f"{needle}%"
        self.word = f"% {needle}%"

    def like(self, column: Any, pattern: str) -> ColumnElement[bool]:
        if self.folded:
            return getattr(func, FOLD_FUNCTION)(column).like(pattern, escape="\\")
        return column.ilike(pattern, escape="\\")

    def rank(self, column: Any) -> Any:
        """0: starts with the text; 1: a word starts with it; 2: contains it."""
        return case(
            (self.like(column, self.prefix), literal_column("0")),
            (self.like(column, self.word), literal_column("1")),
            else_=literal_column("2"),
        )


@dataclass(frozen=True)
class _Kind:
    """How one kind is shown, ordered and searched."""

    #: id, label and detail columns (with their joins)
    query: Callable[[], Select[Any]]
    id_column: Any
    order: Callable[[], tuple[Any, ...]]
    #: (id, searched text) statements; every text is matched
    texts: Callable[[], list[Select[Any]]]
    detail: Callable[[Any], str]


def _kinds() -> dict[str, _Kind]:
    return {
        "people": _Kind(
            query=lambda: select(
                Person.id, Person.display_name.label("label"), Person.citizenship, Person.birth_date
            ),
            id_column=Person.id,
            order=lambda: (Person.sort_name, Person.id),
            texts=lambda: [
                select(Person.id, Person.display_name),
                select(PersonName.person_id, PersonName.name),
            ],
            detail=lambda r: _joined(r.citizenship, _born(r.birth_date)),
        ),
        "detainees": _Kind(
            query=lambda: select(
                Detention.id,
                Person.display_name.label("label"),
                Detention.status,
                Detention.captured_on,
            ).join(Person, Person.id == Detention.person_id),
            id_column=Detention.id,
            order=lambda: (Person.sort_name, Detention.captured_on.desc(), Detention.id),
            texts=lambda: [
                select(Detention.id, Person.display_name).join(
                    Person, Person.id == Detention.person_id
                ),
                select(Detention.id, PersonName.name).join(
                    PersonName, PersonName.person_id == Detention.person_id
                ),
            ],
            detail=lambda r: _joined(_value(r.status), _date(r.captured_on)),
        ),
        "organizations": _Kind(
            query=lambda: select(
                Organization.id,
                Organization.name.label("label"),
                Organization.abbreviation,
                Organization.kind,
                Organization.country,
            ),
            id_column=Organization.id,
            order=lambda: (Organization.name, Organization.id),
            texts=lambda: [
                select(Organization.id, Organization.name),
                select(Organization.id, Organization.abbreviation).where(
                    Organization.abbreviation.is_not(None)
                ),
            ],
            detail=lambda r: _joined(r.abbreviation, _value(r.kind), r.country),
        ),
        "letters": _Kind(
            query=lambda: select(Letter.id, Letter.title.label("label"), Letter.sent_on),
            id_column=Letter.id,
            order=lambda: (Letter.sent_on.desc().nulls_last(), Letter.id.desc()),
            texts=lambda: [select(Letter.id, Letter.title)],
            detail=lambda r: _date(r.sent_on),
        ),
        "sanctions": _Kind(
            query=lambda: select(
                SanctionRequest.id,
                SanctionRequest.title.label("label"),
                SanctionRequest.status,
                SanctionRequest.submitted_on,
            ),
            id_column=SanctionRequest.id,
            order=lambda: (
                SanctionRequest.submitted_on.desc().nulls_last(),
                SanctionRequest.id.desc(),
            ),
            texts=lambda: [
                select(SanctionRequest.id, SanctionRequest.title),
                select(SanctionRequest.id, Person.display_name).join(
                    Person, Person.id == SanctionRequest.target_person_id
                ),
            ],
            detail=lambda r: _joined(_value(r.status), _date(r.submitted_on)),
        ),
        "responses": _Kind(
            query=lambda: select(Response.id, Response.title.label("label"), Response.received_on),
            id_column=Response.id,
            order=lambda: (Response.received_on.desc().nulls_last(), Response.id.desc()),
            texts=lambda: [select(Response.id, Response.title)],
            detail=lambda r: _date(r.received_on),
        ),
    }


class LookupService:
    """Candidates for a link picker, and the short label of a linked record."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._kinds = _kinds()

    def _kind(self, kind: str) -> _Kind:
        try:
            return self._kinds[kind]
        except KeyError:
            raise ValidationError.single(
                "kind", f"{kind!r} is not one of: {', '.join(LOOKUP_KINDS)}"
            ) from None

    def find(self, kind: str, text: str, limit: int = 20) -> list[Choice]:
        """Records of ``kind`` matching ``text``, best first; with no text, the first
        ``limit`` in the kind's order (people and offices by name, letters, requests
        and responses newest first, detainees by name)."""
        spec = self._kind(kind)
        if not 1 <= limit <= MAX_LIMIT:
            raise ValidationError.single("limit", f"must be between 1 and {MAX_LIMIT}")
        text = (text or "").strip()
        with self.db.reading() as session:
            query = spec.query()
            if text:
                query = self._matching(session, spec, query, text)
            rows = session.execute(query.order_by(*spec.order()).limit(limit)).all()
        return [Choice(r.id, r.label or "", spec.detail(r)) for r in rows]

    def _matching(self, session: Session, spec: _Kind, query: Select[Any], text: str) -> Any:
        """``query`` narrowed to the records matching ``text`` and ordered by rank."""
        matcher = _Matcher(session, text, self.db.is_sqlite)
        texts = spec.texts()
        if len(texts) == 1:
            # the text is a column of the listed record: filter through an id subquery
            # (which a (text, id) index covers, never reading the rows) and rank the
            # rows kept
            (statement,) = texts
            record_id, name = statement.selected_columns
            matching = (
                statement.with_only_columns(record_id)
                .where(matcher.like(name, matcher.contains))
                .correlate(None)
            )
            return query.where(spec.id_column.in_(matching)).order_by(matcher.rank(name))
        # several texts (name variants…): the best rank of each record
        parts = []
        for statement in texts:
            record_id, name = statement.selected_columns
            parts.append(
                statement.with_only_columns(
                    record_id.label("rid"), matcher.rank(name).label("rank")
                ).where(matcher.like(name, matcher.contains))
            )
        merged = union_all(*parts).subquery()
        hits = (
            select(merged.c.rid, func.min(merged.c.rank).label("rank"))
            .group_by(merged.c.rid)
            .subquery()
        )
        return query.join(hits, hits.c.rid == spec.id_column).order_by(hits.c.rank)

    def label(self, kind: str, record_id: object) -> str:
        """The short label of one record (a detainee's is the person's name)."""
        spec = self._kind(kind)
        rid = as_uuid(record_id)
        with self.db.reading() as session:
            row = session.execute(spec.query().where(spec.id_column == rid)).first()
        if row is None:
            raise NotFoundError(f"no {_RECORD_NAMES[kind]} with id {rid}")
        return str(row.label or "")

    def choice(self, kind: str, record_id: object) -> Choice:
        """One record as a :class:`Choice` (to show a link already set)."""
        spec = self._kind(kind)
        rid = as_uuid(record_id)
        with self.db.reading() as session:
            row = session.execute(spec.query().where(spec.id_column == rid)).first()
        if row is None:
            raise NotFoundError(f"no {_RECORD_NAMES[kind]} with id {rid}")
        return Choice(row.id, row.label or "", spec.detail(row))


__all__ = ["LOOKUP_KINDS", "Choice", "LookupService"]
