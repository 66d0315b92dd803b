"""Records related to one record, grouped for the detail pane of each list.

:meth:`RelatedService.for_record` answers "what else is linked to this
record?" as plain data: groups of :class:`RelatedItem`, each naming the list
(``kind``) and the id to open. The groups of a kind are always all returned,
in the fixed order of :data:`GROUPS` (an empty group has no items), so a
detail pane keeps the same layout from one record to the next.

Within a group, dated items come newest first and undated ones last; items of
the same date (and undated groups such as signatories, recipients and asks)
keep the record's own order (ordinal, then name). Each group costs one SQL
query (two for the asks a response addressed), whatever its size: never one
query per item.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from casetracker.db.engine import Database
from casetracker.errors import NotFoundError, ValidationError
from casetracker.models import (
    SANCTION_PROGRAMS,
    Ask,
    Detention,
    DetentionStatusChange,
    Event,
    Hearing,
    Letter,
    LetterRecipient,
    LetterSignatory,
    Organization,
    Person,
    Position,
    Response,
    ResponseAskPosition,
    ResponseCommitment,
    SanctionRecipient,
    SanctionRequest,
    SanctionRequestProgram,
    SanctionStatusChange,
    letter_detentions,
    letter_sanction_requests,
    response_letters,
    sanction_ground_detentions,
    sanction_ground_events,
)
from casetracker.partialdate import PartialDate
from casetracker.services.base import as_uuid, status_change_order
from casetracker.services.listing import LIST_KINDS

#: the groups of each kind, in display order (every one is always returned)
GROUPS: dict[str, tuple[str, ...]] = {
    "detainees": (
        "letters",
        "asks",
        "sanctions",
        "responses",
        "events",
        "hearings",
        "status_history",
    ),
    "letters": (
        "signatories",
        "recipients",
        "asks",
        "responses",
        "detentions",
        "sanctions",
        "events",
    ),
    "sanctions": (
        "target",
        "grounds",
        "letters",
        "recipients",
        "status_history",
        "programs",
        "events",
    ),
    "responses": ("replied_to", "sender", "ask_positions", "commitments", "events"),
    "people": (
        "positions",
        "detentions",
        "signatures",
        "letters_received",
        "sanctions",
        "responses",
        "events",
    ),
    "organizations": ("members", "held_here", "letters_received", "responses"),
}


@dataclass(frozen=True)
class RelatedItem:
    """One linked record: the list ``kind`` to open it in and the ``id`` to open.

    ``kind`` is a list kind (``detainees`` opens a Detention id) or ``events``
    (timeline entries, which have no list). Parts of the record itself (a
    hearing, a status change, a program) carry the record's own kind and id.
    An ask carries its letter's id.
    """

    kind: str
    id: uuid.UUID
    label: str
    date: PartialDate | None
    detail: str = ""


@dataclass(frozen=True)
class RelatedGroup:
    """A titled group of items; ``key`` is stable, the GUI translates it."""

    key: str
    items: list[RelatedItem]


def _newest_first(items: Iterable[RelatedItem]) -> list[RelatedItem]:
    """Dated items newest first, undated last; ties keep their given order."""
    return sorted(items, key=lambda i: i.date.sort_text() if i.date else "", reverse=True)


def _value(member: Any) -> str:
    """An enum's stored value (or the text itself)."""
    return "" if member is None else str(getattr(member, "value", member))


def _span(start: PartialDate | None, end: PartialDate | None) -> str:
    if start is None and end is None:
        return ""
    return f"{start or ''} – {end or ''}".strip()


def _joined(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


Loader = Callable[[Session, uuid.UUID], dict[str, list[RelatedItem]]]


class RelatedService:
    """Linked records of one detention, letter, sanction request, response, person
    or organization, as plain data for the detail pane."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._loaders: dict[str, Loader] = {
            "detainees": self._detainee,
            "letters": self._letter,
            "sanctions": self._sanction,
            "responses": self._response,
            "people": self._person,
            "organizations": self._organization,
        }

    def groups(self, kind: str) -> tuple[str, ...]:
        """The group keys of ``kind``, in display order."""
        if kind not in GROUPS:
            raise ValidationError.single("kind", f"{kind!r} is not one of: {', '.join(LIST_KINDS)}")
        return GROUPS[kind]

    def for_record(self, kind: str, record_id: object) -> list[RelatedGroup]:
        """Every group of ``kind`` for one record, in :data:`GROUPS` order.

        Raises ValidationError for an unknown kind or a malformed id, and
        NotFoundError when there is no such record.
        """
        keys = self.groups(kind)
        rid = as_uuid(record_id)
        with self.db.reading() as session:
            found = self._loaders[kind](session, rid)
        return [RelatedGroup(key, found.get(key, [])) for key in keys]

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _require(session: Session, model: Any, rid: uuid.UUID, label: str) -> Any:
        row = session.execute(select(model.id).where(model.id == rid)).first()
        if row is None:
            raise NotFoundError(f"no {label} with id {rid}")
        return row

    @staticmethod
    def _letters(session: Session, condition: Any) -> list[RelatedItem]:
        """Letters, with their direction as detail."""
        rows = session.execute(
            select(Letter.id, Letter.title, Letter.sent_on, Letter.direction)
            .where(condition)
            .order_by(Letter.title, Letter.id)
        )
        return _newest_first(
            RelatedItem("letters", r.id, r.title, r.sent_on, _value(r.direction)) for r in rows
        )

    @staticmethod
    def _sanctions(session: Session, condition: Any) -> list[RelatedItem]:
        rows = session.execute(
            select(
                SanctionRequest.id,
                SanctionRequest.title,
                SanctionRequest.submitted_on,
                SanctionRequest.status,
            )
            .where(condition)
            .order_by(SanctionRequest.title, SanctionRequest.id)
        )
        return _newest_first(
            RelatedItem("sanctions", r.id, r.title, r.submitted_on, _value(r.status)) for r in rows
        )

    @staticmethod
    def _responses(session: Session, condition: Any) -> list[RelatedItem]:
        rows = session.execute(
            select(Response.id, Response.title, Response.received_on, Response.response_type)
            .where(condition)
            .order_by(Response.title, Response.id)
        )
        return _newest_first(
            RelatedItem("responses", r.id, r.title, r.received_on, _value(r.response_type))
            for r in rows
        )

    @staticmethod
    def _events(session: Session, condition: Any) -> list[RelatedItem]:
        rows = session.execute(
            select(Event.id, Event.title, Event.occurred_on, Event.kind)
            .where(condition)
            .order_by(Event.title, Event.id)
        )
        return _newest_first(
            RelatedItem("events", r.id, r.title, r.occurred_on, _value(r.kind)) for r in rows
        )

    @staticmethod
    def _detentions(session: Session, condition: Any) -> list[RelatedItem]:
        """Detentions labelled with the detained person's name."""
        rows = session.execute(
            select(Detention.id, Detention.captured_on, Detention.status, Person.display_name)
            .join(Person, Person.id == Detention.person_id)
            .where(condition)
            .order_by(Person.sort_name, Detention.id)
        )
        return _newest_first(
            RelatedItem("detainees", r.id, r.display_name, r.captured_on, _value(r.status))
            for r in rows
        )

    @staticmethod
    def _recipients(session: Session, model: Any, condition: Any) -> list[RelatedItem]:
        """Letter or sanction recipients: a person (with their office) or an office."""
        office = aliased(Organization)
        ordinal = getattr(model, "ordinal", None)
        query = (
            select(
                model.person_id,
                model.organization_id,
                model.role,
                Person.display_name,
                office.name.label("office"),
            )
            .outerjoin(Person, Person.id == model.person_id)
            .outerjoin(office, office.id == model.organization_id)
            .where(condition)
        )
        if ordinal is not None:
            query = query.order_by(ordinal, model.created_at, model.id)
        else:
            query = query.order_by(model.created_at, model.id)
        items = []
        for r in session.execute(query):
            if r.person_id is not None:
                items.append(
                    RelatedItem(
                        "people",
                        r.person_id,
                        r.display_name,
                        None,
                        _joined(_value(r.role), r.office),
                    )
                )
            else:
                items.append(
                    RelatedItem("organizations", r.organization_id, r.office, None, _value(r.role))
                )
        return items

    # ------------------------------------------------------------------ kinds
    def _detainee(self, session: Session, rid: uuid.UUID) -> dict[str, list[RelatedItem]]:
        detention = session.execute(
            select(Detention.id, Detention.person_id).where(Detention.id == rid)
        ).first()
        if detention is None:
            raise NotFoundError(f"no detention with id {rid}")
        letter_ids = select(letter_detentions.c.letter_id).where(
            letter_detentions.c.detention_id == rid
        )
        asks = session.execute(
            select(Ask.letter_id, Ask.text, Ask.status, Letter.sent_on)
            .join(Letter, Letter.id == Ask.letter_id)
            .where(Ask.letter_id.in_(letter_ids))
            .order_by(Letter.title, Letter.id, Ask.ordinal, Ask.id)
        )
        court = aliased(Organization)
        hearings = session.execute(
            select(Hearing.held_on, Hearing.description, Hearing.judge_name, court.name)
            .outerjoin(court, court.id == Hearing.court_id)
            .where(Hearing.detention_id == rid)
            .order_by(Hearing.created_at, Hearing.id)
        )
        changes = session.execute(
            select(
                DetentionStatusChange.status,
                DetentionStatusChange.changed_on,
                DetentionStatusChange.note,
                DetentionStatusChange.created_at,
            ).where(DetentionStatusChange.detention_id == rid)
        ).all()
        return {
            "letters": self._letters(session, Letter.id.in_(letter_ids)),
            "asks": _newest_first(
                RelatedItem("letters", a.letter_id, a.text, a.sent_on, _value(a.status))
                for a in asks
            ),
            "sanctions": self._sanctions(
                session,
                SanctionRequest.id.in_(
                    select(sanction_ground_detentions.c.sanction_request_id).where(
                        sanction_ground_detentions.c.detention_id == rid
                    )
                ),
            ),
            "responses": self._responses(
                session,
                Response.id.in_(
                    select(response_letters.c.response_id).where(
                        response_letters.c.letter_id.in_(letter_ids)
                    )
                ),
            ),
            "events": self._events(
                session, or_(Event.detention_id == rid, Event.person_id == detention.person_id)
            ),
            "hearings": _newest_first(
                RelatedItem(
                    "detainees",
                    rid,
                    h.description or h.name or h.judge_name or "",
                    h.held_on,
                    _joined(h.name if h.description else None, h.judge_name),
                )
                for h in hearings
            ),
            "status_history": [
                RelatedItem("detainees", rid, _value(c.status), c.changed_on, c.note or "")
                for c in sorted(changes, key=status_change_order, reverse=True)
            ],
        }

    def _letter(self, session: Session, rid: uuid.UUID) -> dict[str, list[RelatedItem]]:
        self._require(session, Letter, rid, "letter")
        signatories = session.execute(
            select(LetterSignatory.person_id, LetterSignatory.is_lead, Person.display_name)
            .join(Person, Person.id == LetterSignatory.person_id)
            .where(LetterSignatory.letter_id == rid)
            .order_by(LetterSignatory.ordinal, LetterSignatory.created_at, LetterSignatory.id)
        )
        asks = session.execute(
            select(Ask.id, Ask.text, Ask.status)
            .where(Ask.letter_id == rid)
            .order_by(Ask.ordinal, Ask.id)
        ).all()
        number = {a.id: n for n, a in enumerate(asks, start=1)}
        positions = session.execute(
            select(
                ResponseAskPosition.response_id,
                ResponseAskPosition.ask_id,
                ResponseAskPosition.position,
            )
            .join(Ask, Ask.id == ResponseAskPosition.ask_id)
            .where(Ask.letter_id == rid)
        )
        said: dict[uuid.UUID, list[tuple[int, str]]] = {}
        for p in positions:
            said.setdefault(p.response_id, []).append((number[p.ask_id], _value(p.position)))
        responses = [
            RelatedItem(
                r.kind,
                r.id,
                r.label,
                r.date,
                "; ".join(f"ask {n}: {position}" for n, position in sorted(said[r.id]))
                if r.id in said
                else r.detail,
            )
            for r in self._responses(
                session,
                Response.id.in_(
                    select(response_letters.c.response_id).where(
                        response_letters.c.letter_id == rid
                    )
                ),
            )
        ]
        return {
            "signatories": [
                RelatedItem(
                    "people", s.person_id, s.display_name, None, "lead" if s.is_lead else ""
                )
                for s in signatories
            ],
            "recipients": self._recipients(
                session, LetterRecipient, LetterRecipient.letter_id == rid
            ),
            "asks": [
                RelatedItem(
                    "letters", rid, a.text, None, f"ask {number[a.id]} · {_value(a.status)}"
                )
                for a in asks
            ],
            "responses": responses,
            "detentions": self._detentions(
                session,
                Detention.id.in_(
                    select(letter_detentions.c.detention_id).where(
                        letter_detentions.c.letter_id == rid
                    )
                ),
            ),
            "sanctions": self._sanctions(
                session,
                SanctionRequest.id.in_(
                    select(letter_sanction_requests.c.sanction_request_id).where(
                        letter_sanction_requests.c.letter_id == rid
                    )
                ),
            ),
            "events": self._events(session, Event.letter_id == rid),
        }

    def _sanction(self, session: Session, rid: uuid.UUID) -> dict[str, list[RelatedItem]]:
        request = session.execute(
            select(
                SanctionRequest.target_person_id,
                SanctionRequest.target_description,
                Person.display_name,
            )
            .outerjoin(Person, Person.id == SanctionRequest.target_person_id)
            .where(SanctionRequest.id == rid)
        ).first()
        if request is None:
            raise NotFoundError(f"no sanction request with id {rid}")
        if request.target_person_id is not None:
            target = [RelatedItem("people", request.target_person_id, request.display_name, None)]
        else:
            target = [RelatedItem("sanctions", rid, request.target_description or "", None)]
        ground_events = self._events(
            session,
            Event.id.in_(
                select(sanction_ground_events.c.event_id).where(
                    sanction_ground_events.c.sanction_request_id == rid
                )
            ),
        )
        ground_detentions = self._detentions(
            session,
            Detention.id.in_(
                select(sanction_ground_detentions.c.detention_id).where(
                    sanction_ground_detentions.c.sanction_request_id == rid
                )
            ),
        )
        changes = session.execute(
            select(
                SanctionStatusChange.status,
                SanctionStatusChange.changed_on,
                SanctionStatusChange.note,
                SanctionStatusChange.created_at,
            ).where(SanctionStatusChange.sanction_request_id == rid)
        ).all()
        programs = session.execute(
            select(SanctionRequestProgram.program_key, SanctionRequestProgram.note)
            .where(SanctionRequestProgram.sanction_request_id == rid)
            .order_by(SanctionRequestProgram.program_key)
        )
        return {
            "target": target,
            "grounds": _newest_first([*ground_detentions, *ground_events]),
            "letters": self._letters(
                session,
                Letter.id.in_(
                    select(letter_sanction_requests.c.letter_id).where(
                        letter_sanction_requests.c.sanction_request_id == rid
                    )
                ),
            ),
            "recipients": self._recipients(
                session, SanctionRecipient, SanctionRecipient.sanction_request_id == rid
            ),
            "status_history": [
                RelatedItem("sanctions", rid, _value(c.status), c.changed_on, c.note or "")
                for c in sorted(changes, key=status_change_order, reverse=True)
            ],
            "programs": [
                RelatedItem(
                    "sanctions",
                    rid,
                    SANCTION_PROGRAMS[p.program_key].title
                    if p.program_key in SANCTION_PROGRAMS
                    else p.program_key,
                    None,
                    _joined(p.program_key, p.note),
                )
                for p in programs
            ],
            "events": self._events(session, Event.sanction_request_id == rid),
        }

    def _response(self, session: Session, rid: uuid.UUID) -> dict[str, list[RelatedItem]]:
        office = aliased(Organization)
        response = session.execute(
            select(
                Response.from_person_id,
                Response.from_organization_id,
                Person.display_name,
                office.name.label("office"),
            )
            .outerjoin(Person, Person.id == Response.from_person_id)
            .outerjoin(office, office.id == Response.from_organization_id)
            .where(Response.id == rid)
        ).first()
        if response is None:
            raise NotFoundError(f"no response with id {rid}")
        sender = []
        if response.from_person_id is not None:
            sender.append(
                RelatedItem("people", response.from_person_id, response.display_name, None)
            )
        if response.from_organization_id is not None:
            sender.append(
                RelatedItem("organizations", response.from_organization_id, response.office, None)
            )
        replied = self._letters(
            session,
            Letter.id.in_(
                select(response_letters.c.letter_id).where(response_letters.c.response_id == rid)
            ),
        )
        positions = session.execute(
            select(
                ResponseAskPosition.position,
                ResponseAskPosition.note,
                Ask.id,
                Ask.letter_id,
                Ask.text,
                Letter.sent_on,
                Letter.title,
            )
            .join(Ask, Ask.id == ResponseAskPosition.ask_id)
            .join(Letter, Letter.id == Ask.letter_id)
            .where(ResponseAskPosition.response_id == rid)
        ).all()
        # ask numbers within their letters, in one query for every letter concerned
        letters = {p.letter_id for p in positions}
        number: dict[uuid.UUID, int] = {}
        if letters:
            counter: dict[uuid.UUID, int] = {}
            for ask_id, letter_id in session.execute(
                select(Ask.id, Ask.letter_id)
                .where(Ask.letter_id.in_(letters))
                .order_by(Ask.letter_id, Ask.ordinal, Ask.id)
            ):
                counter[letter_id] = counter.get(letter_id, 0) + 1
                number[ask_id] = counter[letter_id]
        positions.sort(key=lambda p: (p.title, str(p.letter_id), number[p.id]))
        positions.sort(key=lambda p: p.sent_on.sort_text() if p.sent_on else "", reverse=True)
        commitments = session.execute(
            select(ResponseCommitment.text, ResponseCommitment.due_on, ResponseCommitment.status)
            .where(ResponseCommitment.response_id == rid)
            .order_by(ResponseCommitment.created_at, ResponseCommitment.id)
        )
        return {
            "replied_to": replied,
            "sender": sender,
            "ask_positions": [
                RelatedItem(
                    "letters",
                    p.letter_id,
                    p.text,
                    None,
                    f"ask {number[p.id]} · {_value(p.position)}",
                )
                for p in positions
            ],
            "commitments": _newest_first(
                RelatedItem("responses", rid, c.text, c.due_on, _value(c.status))
                for c in commitments
            ),
            "events": self._events(session, Event.response_id == rid),
        }

    def _person(self, session: Session, rid: uuid.UUID) -> dict[str, list[RelatedItem]]:
        self._require(session, Person, rid, "person")
        positions = session.execute(
            select(
                Position.title,
                Position.start_date,
                Position.end_date,
                Position.organization_id,
                Organization.name,
            )
            .outerjoin(Organization, Organization.id == Position.organization_id)
            .where(Position.person_id == rid)
            .order_by(Position.title, Position.id)
        )
        court = aliased(Organization)
        detentions = session.execute(
            select(
                Detention.id,
                Detention.captured_on,
                Detention.status,
                Detention.category,
                Detention.capture_place,
                court.name.label("facility"),
            )
            .outerjoin(court, court.id == Detention.facility_id)
            .where(Detention.person_id == rid)
            .order_by(Detention.created_at, Detention.id)
        )
        signed = session.execute(
            select(Letter.id, Letter.title, Letter.sent_on, LetterSignatory.is_lead)
            .join(LetterSignatory, LetterSignatory.letter_id == Letter.id)
            .where(LetterSignatory.person_id == rid)
            .order_by(Letter.title, Letter.id)
        )
        return {
            "positions": _newest_first(
                RelatedItem(
                    "organizations" if p.organization_id else "people",
                    p.organization_id or rid,
                    f"{p.title}, {p.name}" if p.name else p.title,
                    p.start_date,
                    _span(p.start_date, p.end_date),
                )
                for p in positions
            ),
            "detentions": _newest_first(
                RelatedItem(
                    "detainees",
                    d.id,
                    d.facility or d.capture_place or _value(d.category),
                    d.captured_on,
                    _value(d.status),
                )
                for d in detentions
            ),
            "signatures": _newest_first(
                RelatedItem(
                    "letters", r.id, r.title, r.sent_on, "lead" if r.is_lead else "co-signer"
                )
                for r in signed
            ),
            "letters_received": self._received(session, LetterRecipient.person_id == rid),
            "sanctions": self._sanctions(session, SanctionRequest.target_person_id == rid),
            "responses": self._responses(session, Response.from_person_id == rid),
            "events": self._events(session, Event.person_id == rid),
        }

    def _organization(self, session: Session, rid: uuid.UUID) -> dict[str, list[RelatedItem]]:
        self._require(session, Organization, rid, "organization")
        members = session.execute(
            select(
                Position.person_id,
                Position.title,
                Position.start_date,
                Position.end_date,
                Person.display_name,
            )
            .join(Person, Person.id == Position.person_id)
            .where(Position.organization_id == rid)
            .order_by(Person.sort_name, Position.title, Position.id)
        )
        return {
            "members": _newest_first(
                RelatedItem(
                    "people",
                    m.person_id,
                    m.display_name,
                    m.start_date,
                    _joined(m.title, _span(m.start_date, m.end_date)),
                )
                for m in members
            ),
            "held_here": self._detentions(session, Detention.facility_id == rid),
            "letters_received": self._received(session, LetterRecipient.organization_id == rid),
            "responses": self._responses(session, Response.from_organization_id == rid),
        }

    @staticmethod
    def _received(session: Session, condition: Any) -> list[RelatedItem]:
        """Letters addressed or copied to a person or an office, with the role."""
        rows = session.execute(
            select(Letter.id, Letter.title, Letter.sent_on, LetterRecipient.role)
            .join(LetterRecipient, LetterRecipient.letter_id == Letter.id)
            .where(condition)
            .order_by(Letter.title, Letter.id, LetterRecipient.ordinal)
        )
        return _newest_first(
            RelatedItem("letters", r.id, r.title, r.sent_on, _value(r.role)) for r in rows
        )


__all__ = ["GROUPS", "RelatedGroup", "RelatedItem", "RelatedService"]
