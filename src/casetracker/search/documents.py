"""What search looks at: one document per letter, response, detainee, sanction
request, person and attached file, with every text that should find it.

A person's or detainee's document holds every recorded name variant, so
"Vardanyan" finds a record whose text only says «Վարդանյան» once that variant is
recorded for the person. Documents are built in batches (a few queries per
type, whatever the number of records) for indexing and reindexing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetracker.models import (
    Ask,
    Attachment,
    Charge,
    Detention,
    Event,
    Hearing,
    Letter,
    LetterRecipient,
    LetterSignatory,
    Organization,
    Person,
    PersonName,
    Position,
    Response,
    ResponseCommitment,
    SanctionRequest,
    Tag,
    TreatmentReport,
    letter_tags,
)
from casetracker.partialdate import PartialDate

#: the types of document, as ``type:`` names them, and the list each one opens in
OPENS = {
    "letter": "letters",
    "response": "responses",
    "detainee": "detainees",
    "sanction": "sanctions",
    "person": "people",
}
_ATTACHMENT_OWNERS = (
    ("letter_id", "letters"),
    ("response_id", "responses"),
    ("detention_id", "detainees"),
    ("sanction_request_id", "sanctions"),
)
BATCH = 500


@dataclass(frozen=True)
class SearchDocument:
    """One searchable record. ``opens``/``opens_id`` say what the GUI shows for it."""

    type: str
    record_id: uuid.UUID
    opens: str
    opens_id: uuid.UUID
    title: str
    date: PartialDate | None
    status: str | None
    text: str
    senders: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    signers: tuple[str, ...] = ()


def _join(*parts: Any) -> str:
    return "\n".join(str(p) for p in parts if p)


def _value(member: Any) -> str | None:
    return None if member is None else str(getattr(member, "value", member))


def _chunks(ids: list[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


class DocumentBuilder:
    """Builds documents from the database, inside the caller's session.

    With ``lock_names`` (refreshing after a change, on PostgreSQL), the people,
    organizations and tags whose names a document shows are read ``FOR SHARE``:
    a concurrent transaction renaming one holds them ``FOR NO KEY UPDATE``
    (:mod:`casetracker.search.sync`), so either this one waits and reads the new
    name, or the rename waits and then sees this document's new link to it.
    """

    def __init__(self, session: Session, *, lock_names: bool = False) -> None:
        self.session = session
        self.lock_names = lock_names and session.get_bind().dialect.name == "postgresql"

    def _shared(self, statement: Any, *tables: Any) -> Any:
        return statement.with_for_update(read=True, of=tables) if self.lock_names else statement

    def build(self, type_: str, ids: Iterable[uuid.UUID] | None = None) -> Iterator[SearchDocument]:
        """Documents of one type: of ``ids``, or of every record of that type."""
        builders = {
            "letter": (Letter, self._letters),
            "response": (Response, self._responses),
            "detainee": (Detention, self._detainees),
            "sanction": (SanctionRequest, self._sanctions),
            "person": (Person, self._people),
            "attachment": (Attachment, self._attachments),
        }
        model, build = builders[type_]
        if ids is None:
            wanted = list(self.session.scalars(select(model.id).order_by(model.id)))
        else:
            wanted = list(dict.fromkeys(ids))
        for chunk in _chunks(wanted):
            yield from build(chunk)

    # ---------------------------------------------------------------- names
    def _names(self, person_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
        """Display name first, then every recorded variant, per person."""
        wanted = list({i for i in person_ids if i is not None})
        names: dict[uuid.UUID, list[str]] = defaultdict(list)
        for chunk in _chunks(wanted):
            for pid, name in self.session.execute(
                self._shared(
                    select(Person.id, Person.display_name)
                    .where(Person.id.in_(chunk))
                    .order_by(Person.id),
                    Person,
                )
            ):
                names[pid].insert(0, name)
            for pid, name in self.session.execute(
                select(PersonName.person_id, PersonName.name)
                .where(PersonName.person_id.in_(chunk))
                .order_by(PersonName.person_id, PersonName.ordinal, PersonName.id)
            ):
                if name not in names[pid]:
                    names[pid].append(name)
        return names

    def _org_names(self, org_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
        wanted = list({i for i in org_ids if i is not None})
        found: dict[uuid.UUID, list[str]] = {}
        for chunk in _chunks(wanted):
            for oid, name, abbreviation in self.session.execute(
                self._shared(
                    select(Organization.id, Organization.name, Organization.abbreviation)
                    .where(Organization.id.in_(chunk))
                    .order_by(Organization.id),
                    Organization,
                )
            ):
                found[oid] = [n for n in (name, abbreviation) if n]
        return found

    def _events(self, owner_field: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
        """The text of the dated events attached to these records."""
        owner = getattr(Event, owner_field)
        found: dict[uuid.UUID, list[str]] = defaultdict(list)
        for owner_id, title, description, place in self.session.execute(
            select(owner, Event.title, Event.description, Event.place)
            .where(owner.in_(ids))
            .order_by(Event.occurred_on, Event.id)
        ):
            found[owner_id].extend(v for v in (title, description, place) if v)
        return found

    # ---------------------------------------------------------------- types
    def _letters(self, ids: list[uuid.UUID]) -> Iterator[SearchDocument]:
        s = self.session
        asks: dict[uuid.UUID, list[str]] = defaultdict(list)
        for letter_id, text in s.execute(
            select(Ask.letter_id, Ask.text).where(Ask.letter_id.in_(ids)).order_by(Ask.ordinal)
        ):
            asks[letter_id].append(text)
        tags: dict[uuid.UUID, list[str]] = defaultdict(list)
        for letter_id, name in s.execute(
            self._shared(
                select(letter_tags.c.letter_id, Tag.name)
                .join(Tag, Tag.id == letter_tags.c.tag_id)
                .where(letter_tags.c.letter_id.in_(ids))
                .order_by(Tag.name),
                Tag,
            )
        ):
            tags[letter_id].append(name)
        signed = s.execute(
            select(LetterSignatory.letter_id, LetterSignatory.person_id, LetterSignatory.signed_as)
            .where(LetterSignatory.letter_id.in_(ids))
            .order_by(LetterSignatory.ordinal)
        ).all()
        addressed = s.execute(
            select(
                LetterRecipient.letter_id,
                LetterRecipient.person_id,
                LetterRecipient.organization_id,
                LetterRecipient.addressed_as,
            )
            .where(LetterRecipient.letter_id.in_(ids))
            .order_by(LetterRecipient.ordinal, LetterRecipient.id)
        ).all()
        people = self._names([r.person_id for r in signed] + [r.person_id for r in addressed])
        orgs = self._org_names(r.organization_id for r in addressed)
        signers: dict[uuid.UUID, list[str]] = defaultdict(list)
        for row in signed:
            signers[row.letter_id] += [*people.get(row.person_id, []), row.signed_as or ""]
        recipients: dict[uuid.UUID, list[str]] = defaultdict(list)
        for row in addressed:
            recipients[row.letter_id] += (
                people.get(row.person_id, [])
                + orgs.get(row.organization_id, [])
                + [row.addressed_as or ""]
            )
        events = self._events("letter_id", ids)
        for letter in s.scalars(select(Letter).where(Letter.id.in_(ids))):
            yield SearchDocument(
                type="letter",
                record_id=letter.id,
                opens="letters",
                opens_id=letter.id,
                title=letter.title,
                date=letter.sent_on,
                status=_value(letter.direction),
                text=_join(
                    letter.title,
                    letter.summary,
                    letter.body,
                    *asks[letter.id],
                    *tags[letter.id],
                    letter.notes,
                    *events[letter.id],
                    *_clean(signers[letter.id]),
                    *_clean(recipients[letter.id]),
                ),
                senders=_clean(signers[letter.id]),
                recipients=_clean(recipients[letter.id]),
                signers=_clean(signers[letter.id]),
            )

    def _responses(self, ids: list[uuid.UUID]) -> Iterator[SearchDocument]:
        s = self.session
        commitments: dict[uuid.UUID, list[str]] = defaultdict(list)
        for response_id, text in s.execute(
            select(ResponseCommitment.response_id, ResponseCommitment.text)
            .where(ResponseCommitment.response_id.in_(ids))
            .order_by(ResponseCommitment.created_at, ResponseCommitment.id)
        ):
            commitments[response_id].append(text)
        responses = list(s.scalars(select(Response).where(Response.id.in_(ids))))
        people = self._names(r.from_person_id for r in responses)
        orgs = self._org_names(r.from_organization_id for r in responses)
        events = self._events("response_id", ids)
        for response in responses:
            senders = people.get(response.from_person_id, []) + orgs.get(
                response.from_organization_id, []
            )
            yield SearchDocument(
                type="response",
                record_id=response.id,
                opens="responses",
                opens_id=response.id,
                title=response.title,
                date=response.received_on,
                status=_value(response.response_type),
                text=_join(
                    response.title,
                    response.summary,
                    response.full_text,
                    response.impact_note,
                    *commitments[response.id],
                    *events[response.id],
                    *_clean(senders),
                ),
                senders=_clean(senders),
            )

    def _detainees(self, ids: list[uuid.UUID]) -> Iterator[SearchDocument]:
        s = self.session
        parts: dict[uuid.UUID, list[str]] = defaultdict(list)
        for model, fields in (
            (Charge, (Charge.description, Charge.legal_reference)),
            (TreatmentReport, (TreatmentReport.description,)),
            (Hearing, (Hearing.description, Hearing.outcome, Hearing.judge_name)),
        ):
            for row in s.execute(
                select(model.detention_id, *fields)
                .where(model.detention_id.in_(ids))
                .order_by(model.created_at, model.id)
            ):
                parts[row[0]].extend(v for v in row[1:] if v)
        detentions = list(s.scalars(select(Detention).where(Detention.id.in_(ids))))
        names = self._names(d.person_id for d in detentions)
        events = self._events("detention_id", ids)
        for detention in detentions:
            person_names = names.get(detention.person_id, [])
            yield SearchDocument(
                type="detainee",
                record_id=detention.id,
                opens="detainees",
                opens_id=detention.id,
                title=person_names[0] if person_names else "",
                date=detention.captured_on,
                status=_value(detention.status),
                text=_join(
                    *person_names,
                    detention.capture_place,
                    detention.capture_circumstances,
                    detention.sentence,
                    detention.summary,
                    detention.notes,
                    *parts[detention.id],
                    *events[detention.id],
                ),
            )

    def _sanctions(self, ids: list[uuid.UUID]) -> Iterator[SearchDocument]:
        requests = list(
            self.session.scalars(select(SanctionRequest).where(SanctionRequest.id.in_(ids)))
        )
        names = self._names(r.target_person_id for r in requests)
        events = self._events("sanction_request_id", ids)
        for request in requests:
            yield SearchDocument(
                type="sanction",
                record_id=request.id,
                opens="sanctions",
                opens_id=request.id,
                title=request.title,
                date=request.submitted_on,
                status=_value(request.status),
                text=_join(
                    request.title,
                    *names.get(request.target_person_id, []),
                    request.target_description,
                    request.grounds,
                    request.designation_reference,
                    request.outcome,
                    request.notes,
                    *events[request.id],
                ),
            )

    def _people(self, ids: list[uuid.UUID]) -> Iterator[SearchDocument]:
        s = self.session
        positions: dict[uuid.UUID, list[str]] = defaultdict(list)
        for person_id, title, party, constituency in s.execute(
            select(Position.person_id, Position.title, Position.party, Position.constituency)
            .where(Position.person_id.in_(ids))
            .order_by(Position.created_at, Position.id)
        ):
            positions[person_id].extend(v for v in (title, party, constituency) if v)
        names = self._names(ids)
        events = self._events("person_id", ids)
        for person in s.scalars(select(Person).where(Person.id.in_(ids))):
            yield SearchDocument(
                type="person",
                record_id=person.id,
                opens="people",
                opens_id=person.id,
                title=person.display_name,
                date=person.birth_date,
                status=None,
                text=_join(
                    *names.get(person.id, []),
                    person.notes,
                    *positions[person.id],
                    *events[person.id],
                ),
            )

    def _attachments(self, ids: list[uuid.UUID]) -> Iterator[SearchDocument]:
        columns = [getattr(Attachment, f) for f, _ in _ATTACHMENT_OWNERS]
        for row in self.session.execute(
            select(
                Attachment.id,
                Attachment.original_name,
                Attachment.extracted_text,
                Attachment.created_at,
                *columns,
            ).where(Attachment.id.in_(ids))
        ):
            owner = next(
                (
                    (kind, row[4 + i])
                    for i, (_f, kind) in enumerate(_ATTACHMENT_OWNERS)
                    if row[4 + i]
                ),
                None,
            )
            if owner is None:  # a source's file: not opened from the search yet
                continue
            yield SearchDocument(
                type="attachment",
                record_id=row.id,
                opens=owner[0],
                opens_id=owner[1],
                title=row.original_name,
                date=PartialDate.coerce(row.created_at.date().isoformat()),
                status=None,
                text=_join(row.original_name, row.extracted_text),
            )


def _clean(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


__all__ = ["OPENS", "DocumentBuilder", "SearchDocument"]
