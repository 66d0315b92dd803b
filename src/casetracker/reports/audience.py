"""Who a report is for, and what each audience may see.

* ``public``: only records, sources and fields marked public; the personal
  details of anyone who refused consent to publication are left out (the name
  of a public figure in a public record stays); the cover says so.
* ``internal``: public and internal material; every page is marked INTERNAL.
* ``confidential``: everything, only when asked for explicitly; every page is
  marked CONFIDENTIAL.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetracker.db.base import Sensitivity
from casetracker.errors import ValidationError
from casetracker.models import Detention, Person, PersonConsent, Position
from casetracker.models.enums import ConsentState, ConsentUse, DetentionCategory

WITHHELD = "[name withheld]"
#: fields written for the team, never for readers outside it
INTERNAL_FIELDS = frozenset({"notes", "note", "status_note", "impact_note", "recorded_by"})


class Audience(enum.StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"

    @classmethod
    def parse(cls, value: object) -> Audience:
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValidationError.single(
                "audience", f"{value!r} is not an audience; use public, internal or confidential"
            ) from None

    @property
    def marking(self) -> str | None:
        """The word printed on every page, if any."""
        return None if self is Audience.PUBLIC else self.value.upper()

    @property
    def sensitivities(self) -> frozenset[Sensitivity]:
        if self is Audience.PUBLIC:
            return frozenset({Sensitivity.PUBLIC})
        if self is Audience.INTERNAL:
            return frozenset({Sensitivity.PUBLIC, Sensitivity.INTERNAL})
        return frozenset(Sensitivity)


@dataclass
class Redactor:
    """Applies an audience's rules to what a report prints."""

    audience: Audience
    refused: frozenset[uuid.UUID] = frozenset()
    public_figures: frozenset[uuid.UUID] = frozenset()
    withheld: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, session: Session, audience: Audience) -> Redactor:
        """The rules for ``audience``, with who refused publication and who is a
        public figure (holds a position, or is detained as a political figure)."""
        if audience is not Audience.PUBLIC:
            return cls(audience)
        refused = frozenset(
            session.scalars(
                select(PersonConsent.person_id).where(
                    PersonConsent.use == ConsentUse.PUBLISH,
                    PersonConsent.state == ConsentState.REFUSED,
                )
            )
        )
        figures = set(session.scalars(select(Position.person_id)))
        figures |= set(
            session.scalars(
                select(Detention.person_id).where(
                    Detention.category == DetentionCategory.POLITICAL_FIGURE
                )
            )
        )
        return cls(audience, refused, frozenset(figures))

    @property
    def public(self) -> bool:
        return self.audience is Audience.PUBLIC

    def shows(self, record: Any) -> bool:
        """True when the record (anything with a ``sensitivity``) may be printed."""
        sensitivity = getattr(record, "sensitivity", Sensitivity.PUBLIC)
        return Sensitivity(sensitivity) in self.audience.sensitivities

    def visible(self, records: Iterable[Any]) -> list[Any]:
        return [r for r in records if self.shows(r)]

    def field(self, name: str, value: Any) -> Any:
        """A field's value, or None when the audience may not see that field."""
        if self.public and name in INTERNAL_FIELDS:
            return None
        return value

    def private(self, person_id: uuid.UUID | None) -> bool:
        """True when this person's personal details stay out of the report."""
        return self.public and person_id is not None and person_id in self.refused

    def name(self, person: Person | None, fallback: str = "") -> str:
        """The person's name, or a mark that it was withheld."""
        if person is None:
            return fallback
        if self.private(person.id) and person.id not in self.public_figures:
            self.withheld.add(str(person.id))
            return WITHHELD
        if not self.shows(person):
            self.withheld.add(str(person.id))
            return WITHHELD
        return person.display_name

    def cover_note(self) -> str:
        if self.audience is Audience.PUBLIC:
            note = (
                "Public edition: records, sources and notes marked internal or confidential "
                "are left out"
            )
            if self.refused:
                note += (
                    ", as are the personal details of people who did not consent to "
                    "publication (names of public figures stay)"
                )
            return note + "."
        if self.audience is Audience.INTERNAL:
            return (
                "INTERNAL: for the team and trusted partners only. "
                "Confidential material is left out."
            )
        return "CONFIDENTIAL: includes confidential material. Do not forward."
