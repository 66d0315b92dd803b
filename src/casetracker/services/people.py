"""People, their name variants, identifiers, consent and identity decisions."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from casetracker.errors import ValidationError
from casetracker.models import (
    Citation,
    Detention,
    Event,
    Hearing,
    LetterRecipient,
    LetterSignatory,
    Person,
    PersonConsent,
    PersonIdentifier,
    PersonIdentityDecision,
    PersonName,
    Position,
    Response,
    SanctionRecipient,
    SanctionRequest,
)
from casetracker.models.enums import ConsentState, ConsentUse, IdentityDecisionKind
from casetracker.names import fold, sort_name
from casetracker.services.base import RecordService, as_uuid, check_value

# Every column that points at a person, moved over when two records are merged.
_PERSON_REFERENCES = (
    (PersonName, "person_id"),
    (PersonIdentifier, "person_id"),
    (Position, "person_id"),
    (Detention, "person_id"),
    (Hearing, "judge_id"),
    (LetterRecipient, "person_id"),
    (Response, "from_person_id"),
    (SanctionRequest, "target_person_id"),
    (SanctionRecipient, "person_id"),
    (Event, "person_id"),
    (Citation, "person_id"),
)


@dataclass(frozen=True)
class DuplicateCandidate:
    """Two person records that may be the same person."""

    first_id: uuid.UUID
    first_name: str
    second_id: uuid.UUID
    second_name: str
    reason: str


class PeopleService(RecordService[Person]):
    model = Person
    editable = frozenset(
        {"display_name", "birth_date", "gender", "citizenship", "notes", "sensitivity", "is_demo"}
    )

    def create_in(self, session: Session, fields: dict[str, object]) -> Person:
        fields = dict(fields)
        names = fields.pop("names", None) or []
        identifiers = fields.pop("identifiers", None) or {}
        person = super().create_in(session, fields)
        person.sort_name = sort_name(person.display_name)
        for name in names:
            self._add_name(session, person, name if isinstance(name, dict) else {"name": name})
        for scheme, value in dict(identifiers).items():
            self._add_identifier(session, person, scheme, value)
        self._flush(session)
        return person

    def check(self, session: Session, record: Person) -> None:
        if not record.display_name or not record.display_name.strip():
            raise ValidationError.single("display_name", "is required", self.label)
        record.sort_name = sort_name(record.display_name)

    def before_update(self, session: Session, record: Person, changes: dict[str, object]) -> None:
        record.sort_name = sort_name(record.display_name)

    def get_full(self, person_id: object) -> Person:
        """A person with names, identifiers and consents loaded."""
        with self.db.reading() as session:
            person = session.scalars(
                select(Person)
                .where(Person.id == as_uuid(person_id))
                .options(
                    selectinload(Person.names),
                    selectinload(Person.identifiers),
                    selectinload(Person.consents),
                )
            ).one_or_none()
            if person is None:
                self._load(session, person_id)
            return person  # type: ignore[return-value]

    # ------------------------------------------------------------ name variants
    def add_name(self, person_id: object, name: str, **fields: object) -> PersonName:
        with self.db.transaction() as session:
            person = self._load(session, person_id)
            return self._add_name(session, person, {"name": name, **fields})

    def _add_name(self, session: Session, person: Person, fields: dict[str, Any]) -> PersonName:
        ordinal = len(person.names)
        fields = {"ordinal": ordinal, **fields, "person_id": person.id}
        if fields.get("script") is not None:
            fields["script"] = str(fields["script"]).strip().title()
        child: PersonName = self._child(PersonName).create_in(session, fields)
        person.names.append(child)
        return child

    def remove_name(self, name_id: object) -> None:
        self._delete_child(PersonName, name_id)

    # ------------------------------------------------------------ identifiers
    def add_identifier(self, person_id: object, scheme: str, value: str) -> PersonIdentifier:
        with self.db.transaction() as session:
            person = self._load(session, person_id)
            return self._add_identifier(session, person, scheme, value)

    def _add_identifier(
        self, session: Session, person: Person, scheme: str, value: object
    ) -> PersonIdentifier:
        scheme = str(scheme).strip().lower()
        existing = session.scalars(
            select(PersonIdentifier).where(
                PersonIdentifier.scheme == scheme, PersonIdentifier.value == value
            )
        ).first()
        if existing is not None and existing.person_id != person.id:
            raise ValidationError.single(
                "identifiers", f"{scheme} {value} already belongs to another person", self.label
            )
        if existing is not None:
            return existing
        return self._child(PersonIdentifier).create_in(
            session, {"person_id": person.id, "scheme": scheme, "value": value}
        )

    def find_by_identifier(self, scheme: str, value: str) -> Person | None:
        with self.db.reading() as session:
            return session.scalars(
                select(Person)
                .join(PersonIdentifier)
                .where(PersonIdentifier.scheme == scheme.lower(), PersonIdentifier.value == value)
            ).first()

    # ------------------------------------------------------------ consent
    def set_consent(
        self,
        person_id: object,
        use: ConsentUse | str,
        state: ConsentState | str,
        *,
        recorded_by: str | None = None,
        recorded_on: dt.date | str | None = None,
        note: str | None = None,
    ) -> PersonConsent:
        """Record the person's consent for one use (replacing the earlier answer)."""
        columns = PersonConsent.__table__.c
        use_value = check_value(columns.use, use)
        state_value = check_value(columns.state, state)
        with self.db.transaction() as session:
            person = self._load(session, person_id)
            consent = session.scalars(
                select(PersonConsent).where(
                    PersonConsent.person_id == person.id, PersonConsent.use == use_value
                )
            ).first()
            fields = {
                "state": state_value,
                "recorded_by": recorded_by,
                "recorded_on": recorded_on or dt.date.today(),
                "note": note,
            }
            if consent is None:
                return self._child(PersonConsent).create_in(
                    session, {"person_id": person.id, "use": use_value, **fields}
                )
            clean = self._child(PersonConsent).validate(session, fields, creating=False)
            for key, value in clean.items():
                setattr(consent, key, value)
            self._flush(session)
            return consent

    def consent(self, person_id: object, use: ConsentUse) -> ConsentState:
        with self.db.reading() as session:
            state = session.scalars(
                select(PersonConsent.state).where(
                    PersonConsent.person_id == as_uuid(person_id), PersonConsent.use == use
                )
            ).first()
        return state or ConsentState.UNKNOWN

    # ------------------------------------------------------------ duplicates
    def possible_duplicates(self, limit: int = 200) -> list[DuplicateCandidate]:
        """Pairs whose folded names coincide, minus pairs already judged distinct."""
        with self.db.reading() as session:
            rows = session.execute(
                select(Person.id, Person.display_name).union_all(
                    select(PersonName.person_id, PersonName.name)
                )
            ).all()
            decided = {
                frozenset((d.person_id, d.other_person_id))
                for d in session.scalars(select(PersonIdentityDecision))
            }
        by_key: dict[str, dict[uuid.UUID, str]] = {}
        display: dict[uuid.UUID, str] = {}
        for person_id, name in rows:
            display.setdefault(person_id, name)
            key = " ".join(sorted(fold(name).replace(".", "").split()))
            by_key.setdefault(key, {})[person_id] = name
        seen: set[frozenset[uuid.UUID]] = set()
        found = []
        for key, people in sorted(by_key.items()):
            ids = sorted(people)
            for i, first in enumerate(ids):
                for second in ids[i + 1 :]:
                    pair = frozenset((first, second))
                    if pair in seen or pair in decided:
                        continue
                    seen.add(pair)
                    found.append(
                        DuplicateCandidate(
                            first, display[first], second, display[second], f"same name: {key}"
                        )
                    )
                    if len(found) >= limit:
                        return found
        return found

    def mark_not_same(
        self,
        person_id: object,
        other_id: object,
        *,
        decided_by: str | None = None,
        note: str | None = None,
    ) -> PersonIdentityDecision:
        with self.db.transaction() as session:
            person = self._load(session, person_id)
            other = self._load(session, other_id)
            if person.id == other.id:
                raise ValidationError.single("other_person_id", "is the same record", self.label)
            return self._child(PersonIdentityDecision).create_in(
                session,
                {
                    "person_id": person.id,
                    "other_person_id": other.id,
                    "other_display_name": other.display_name,
                    "decision": IdentityDecisionKind.NOT_SAME,
                    "decided_by": decided_by,
                    "decided_on": dt.date.today(),
                    "note": note,
                },
            )

    def merge(
        self,
        keep_id: object,
        drop_id: object,
        *,
        decided_by: str | None = None,
        note: str | None = None,
    ) -> Person:
        """Move everything that refers to ``drop`` onto ``keep``, then record the merge.

        The dropped record's display name stays as a name variant of the kept
        person, and a decision row keeps its id and name.
        """
        with self.db.transaction() as session:
            keep = self._load(session, keep_id)
            drop = self._load(session, drop_id)
            if keep.id == drop.id:
                raise ValidationError.single("drop_id", "is the same record", self.label)
            keep_idents = {
                (i.scheme, i.value)
                for i in session.scalars(
                    select(PersonIdentifier).where(PersonIdentifier.person_id == keep.id)
                )
            }
            for ident in session.scalars(
                select(PersonIdentifier).where(PersonIdentifier.person_id == drop.id)
            ):
                if (ident.scheme, ident.value) in keep_idents:
                    session.delete(ident)
            keep_letters = set(
                session.scalars(
                    select(LetterSignatory.letter_id).where(LetterSignatory.person_id == keep.id)
                )
            )
            for signature in session.scalars(
                select(LetterSignatory).where(LetterSignatory.person_id == drop.id)
            ):
                if signature.letter_id in keep_letters:
                    session.delete(signature)
                else:
                    signature.person_id = keep.id
            session.flush()
            for model, column in _PERSON_REFERENCES:  # row by row: each move is in the history
                for row in session.scalars(select(model).where(getattr(model, column) == drop.id)):
                    setattr(row, column, keep.id)
            for consent in session.scalars(
                select(PersonConsent).where(PersonConsent.person_id == drop.id)
            ):
                session.delete(consent)
            for decision in session.scalars(
                select(PersonIdentityDecision).where(PersonIdentityDecision.person_id == drop.id)
            ):
                decision.person_id = keep.id
            session.expire(keep)
            self._child(PersonName).create_in(
                session,
                {"person_id": keep.id, "name": drop.display_name, "kind": "alias", "ordinal": 999},
            )
            self._child(PersonIdentityDecision).create_in(
                session,
                {
                    "person_id": keep.id,
                    "other_person_id": drop.id,
                    "other_display_name": drop.display_name,
                    "decision": IdentityDecisionKind.MERGED,
                    "decided_by": decided_by,
                    "decided_on": dt.date.today(),
                    "note": note,
                },
            )
            session.flush()
            session.expire(drop)
            session.delete(session.get(Person, drop.id))
            self._flush(session)
            return keep

    def search_names(self, text: str, limit: int = 20) -> list[Person]:
        """Type-ahead: people whose name or a variant starts with or contains ``text``."""
        pattern = f"%{text.strip()}%"
        with self.db.reading() as session:
            return list(
                session.scalars(
                    select(Person)
                    .where(
                        or_(
                            Person.display_name.ilike(pattern),
                            Person.id.in_(
                                select(PersonName.person_id).where(PersonName.name.ilike(pattern))
                            ),
                        )
                    )
                    .order_by(Person.sort_name)
                    .limit(limit)
                )
            )
