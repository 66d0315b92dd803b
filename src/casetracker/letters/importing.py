"""Import a letter: read it, match its signatories to the roster serving on its
date, show the result for review, and save it only when asked.

A signatory is linked only when the matcher is sure; an ambiguous or absent
name stays unlinked and is written into the letter's notes, so nothing typed
in the letter is lost and nothing is linked to the wrong person.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from casetracker.db.engine import Database
from casetracker.errors import ValidationError
from casetracker.letters.matching import Matcher, SignatoryName
from casetracker.letters.parse import ParsedLetter, parse_letter, read_letter_file
from casetracker.letters.roster import load_roster
from casetracker.models import Organization, Person, PersonIdentifier


@dataclass
class SignatoryMatch:
    """One signatory as written, and who it is (None: left unlinked)."""

    name: str
    title: str | None
    lead: bool
    bioguide: str | None
    person_id: uuid.UUID | None
    matched_name: str | None
    confidence: float
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "lead": self.lead,
            "bioguide": self.bioguide,
            "matched_name": self.matched_name,
            "confidence": round(self.confidence, 3),
            "alternatives": self.alternatives,
            "reason": self.reason,
        }


@dataclass
class LetterPreview:
    """What was read from a letter, before anything is saved."""

    source: str
    letter: ParsedLetter
    signatories: list[SignatoryMatch]
    roster_size: int

    @property
    def title(self) -> str:
        count = len(self.signatories)
        to = self.letter.recipients[0].name if self.letter.recipients else ""
        date = self.letter.date
        when = f"{date.day} {date:%B %Y}" if date else ""
        head = f"Letter of {count} signatories" if count != 1 else "Letter"
        return " ".join(x for x in (head, f"to {to}" if to else "", f"({when})" if when else ""))

    @property
    def matched(self) -> int:
        return sum(1 for s in self.signatories if s.bioguide)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "date": self.letter.date.isoformat() if self.letter.date else None,
            "recipients": [
                {"name": r.name, "title": r.title, "organization": r.organization}
                for r in self.letter.recipients
            ],
            "asks": list(self.letter.asks),
            "signatories": [s.to_json() for s in self.signatories],
            "matched": self.matched,
            "unmatched": len(self.signatories) - self.matched,
        }


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class LetterImportService:
    """Read, match, review, save."""

    def __init__(self, db: Database, services: Any) -> None:
        self.db = db
        self.s = services

    def person_for(self, bioguide: str) -> uuid.UUID | None:
        """The person recorded with this bioguide ID."""
        with self.db.reading() as session:
            return session.scalar(
                select(PersonIdentifier.person_id).where(
                    PersonIdentifier.scheme == "bioguide", PersonIdentifier.value == bioguide
                )
            )

    def preview_file(self, path: Path | str) -> LetterPreview:
        path = Path(path)
        return self.preview_text(read_letter_file(path), source=path.name)

    def preview_text(self, text: str, source: str = "pasted text") -> LetterPreview:
        """The letter read and its signatories matched; nothing is saved."""
        if not text or not text.strip():
            raise ValidationError.single("text", "the letter is empty")
        # pasted text may hold what no database stores (and what is looked up
        # before anything is validated): NULs go, lone surrogates become U+FFFD
        text = _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", text)
        letter = parse_letter(text)
        with self.db.reading() as session:
            roster = load_roster(session)
        matcher = Matcher(roster)
        on = letter.date or dt.date.today()
        found = matcher.match_all(
            [
                SignatoryName(
                    text=line.name,
                    chamber=line.chamber,
                    party=line.party,
                    state=line.state,
                    district=line.district,
                )
                for line in letter.signatories
            ],
            on,
        )
        matches = []
        for line, match in zip(letter.signatories, found, strict=True):
            person = matcher.person(match.bioguide) if match.bioguide else None
            matches.append(
                SignatoryMatch(
                    name=line.name,
                    title=line.title,
                    lead=line.lead,
                    bioguide=match.bioguide,
                    person_id=match.person_id,
                    matched_name=person.display_name if person else None,
                    confidence=match.confidence,
                    alternatives=[
                        {"bioguide": b, "name": n, "confidence": round(c, 3)}
                        for b, n, c in match.alternatives
                    ],
                    reason=match.reason,
                )
            )
        return LetterPreview(source, letter, matches, len(roster))

    def save(
        self,
        preview: LetterPreview,
        *,
        choices: dict[int, uuid.UUID | None] | None = None,
        direction: str = "third_party",
    ) -> uuid.UUID:
        """Save the reviewed letter in one transaction; ``choices`` overrides the
        person linked to signatory number i (None: leave it unlinked)."""
        choices = choices or {}
        letter = preview.letter
        unlinked: list[str] = []
        with self.db.transaction() as session:
            record = self.s.letters.create(
                title=preview.title or preview.source,
                sent_on=letter.date.isoformat() if letter.date else None,
                direction=direction,
                body=letter.body or None,
                notes=None,
            )
            for text in letter.asks:
                self.s.letters.add_ask(record.id, text)
            for recipient in letter.recipients:
                person_id, organization_id = self._recipient(session, recipient)
                addressed = ", ".join(x for x in (recipient.name, recipient.title) if x)
                self.s.letters.add_recipient(
                    record.id,
                    person_id=person_id,
                    organization_id=organization_id,
                    addressed_as=addressed or None,
                )
            seen: set[uuid.UUID] = set()
            for number, signatory in enumerate(preview.signatories):
                person_id = choices.get(number, signatory.person_id)
                if person_id is None or person_id in seen:
                    unlinked.append(signatory.name)
                    continue
                seen.add(person_id)
                self.s.letters.add_signatory(
                    record.id, person_id, is_lead=signatory.lead, signed_as=signatory.name
                )
            if unlinked:
                self.s.letters.update(
                    record.id,
                    notes="Signatories not linked to a person (check the roster): "
                    + "; ".join(unlinked),
                )
        return record.id

    def _recipient(self, session: Any, recipient: Any) -> tuple[uuid.UUID | None, uuid.UUID | None]:
        """The recipient as a known person, else a known office; else a new person."""
        if recipient.name:
            person = session.scalar(
                select(Person.id).where(func.lower(Person.display_name) == recipient.name.lower())
            )
            if person is not None:
                return person, None
        if recipient.organization:
            office = session.scalar(
                select(Organization.id).where(
                    func.lower(Organization.name) == recipient.organization.lower()
                )
            )
            if office is not None:
                return None, office
        if recipient.name:
            return self.s.people.create(display_name=recipient.name).id, None
        return None, None


__all__ = ["LetterImportService", "LetterPreview", "SignatoryMatch"]
