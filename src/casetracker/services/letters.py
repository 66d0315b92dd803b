"""Letters: signatories, recipients, the ordered asks, tags and links."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from casetracker.errors import ValidationError
from casetracker.models import (
    Ask,
    Letter,
    LetterRecipient,
    LetterSignatory,
    Tag,
    letter_detentions,
    letter_sanction_requests,
)
from casetracker.models.enums import AskStatus
from casetracker.search import sync as search_sync
from casetracker.services.base import RecordService, as_uuid, check_value, link, unlink


class LettersService(RecordService[Letter]):
    model = Letter

    def check(self, session: Session, record: Letter) -> None:
        due, sent = record.follow_up_due, record.sent_on
        if due and sent and due.latest() < sent.earliest():
            raise ValidationError.single(
                "follow_up_due", "is before the letter was sent", self.label
            )

    def get_full(self, letter_id: object) -> Letter:
        """A letter with signatories, recipients, asks and tags loaded."""
        with self.db.reading() as session:
            letter = session.scalars(
                select(Letter)
                .where(Letter.id == as_uuid(letter_id))
                .options(
                    selectinload(Letter.signatories),
                    selectinload(Letter.recipients),
                    selectinload(Letter.asks),
                    selectinload(Letter.tags),
                )
            ).one_or_none()
            if letter is None:
                self._load(session, letter_id)
            return letter  # type: ignore[return-value]

    # ------------------------------------------------------------ signatories
    def add_signatory(
        self,
        letter_id: object,
        person_id: object,
        *,
        is_lead: bool = False,
        signed_as: str | None = None,
    ) -> LetterSignatory:
        with self.db.transaction() as session:
            letter = self._load(session, letter_id)
            already = session.scalars(
                select(LetterSignatory).where(
                    LetterSignatory.letter_id == letter.id,
                    LetterSignatory.person_id == as_uuid(person_id, "person_id"),
                )
            ).first()
            if already is not None:
                raise ValidationError.single(
                    "person_id", "this person already signed this letter", "signatory"
                )
            ordinal = self._next_ordinal(session, LetterSignatory, letter.id)
            return self._child(LetterSignatory).create_in(
                session,
                {
                    "letter_id": letter.id,
                    "person_id": person_id,
                    "is_lead": is_lead,
                    "signed_as": signed_as,
                    "ordinal": ordinal,
                },
            )

    def remove_signatory(self, signatory_id: object) -> None:
        self._delete_child(LetterSignatory, signatory_id)

    # ------------------------------------------------------------ recipients
    def add_recipient(
        self,
        letter_id: object,
        *,
        person_id: object = None,
        organization_id: object = None,
        role: str = "direct",
        addressed_as: str | None = None,
    ) -> LetterRecipient:
        if person_id is None and organization_id is None:
            raise ValidationError.single(
                "person_id", "give a person, an organization or both", "recipient"
            )
        with self.db.transaction() as session:
            letter = self._load(session, letter_id)
            ordinal = self._next_ordinal(session, LetterRecipient, letter.id)
            return self._child(LetterRecipient).create_in(
                session,
                {
                    "letter_id": letter.id,
                    "person_id": person_id,
                    "organization_id": organization_id,
                    "role": role,
                    "addressed_as": addressed_as,
                    "ordinal": ordinal,
                },
            )

    def remove_recipient(self, recipient_id: object) -> None:
        self._delete_child(LetterRecipient, recipient_id)

    # ------------------------------------------------------------ asks
    def add_ask(
        self,
        letter_id: object,
        text: str,
        *,
        status: AskStatus | str = AskStatus.OPEN,
        position: int | None = None,
        **fields: object,
    ) -> Ask:
        """Append an ask (or insert it at 0-based ``position``)."""
        with self.db.transaction() as session:
            letter = self._load(session, letter_id)
            ask = self._child(Ask).create_in(
                session,
                {
                    "letter_id": letter.id,
                    "text": text,
                    "status": status,
                    "ordinal": self._next_ordinal(session, Ask, letter.id),
                    **fields,
                },
            )
            if position is not None:
                ids = [a.id for a in self._asks(session, letter.id) if a.id != ask.id]
                position = max(0, min(position, len(ids)))
                ids.insert(position, ask.id)
                self._apply_order(session, letter.id, ids)
            return ask

    def asks(self, letter_id: object) -> list[Ask]:
        with self.db.reading() as session:
            return self._asks(session, as_uuid(letter_id))

    def _asks(self, session: Session, letter_id: uuid.UUID) -> list[Ask]:
        return list(
            session.scalars(select(Ask).where(Ask.letter_id == letter_id).order_by(Ask.ordinal))
        )

    def reorder_asks(self, letter_id: object, ask_ids: Sequence[object]) -> list[Ask]:
        """Put the letter's asks in the given order (every ask exactly once)."""
        with self.db.transaction() as session:
            letter = self._load(session, letter_id)
            wanted = [as_uuid(a, "ask_ids") for a in ask_ids]
            current = {a.id for a in self._asks(session, letter.id)}
            if len(wanted) != len(set(wanted)) or set(wanted) != current:
                raise ValidationError.single(
                    "ask_ids", "must list every ask of this letter exactly once", self.label
                )
            self._apply_order(session, letter.id, wanted)
            return self._asks(session, letter.id)

    def _apply_order(self, session: Session, letter_id: uuid.UUID, ids: list[uuid.UUID]) -> None:
        asks = {a.id: a for a in self._asks(session, letter_id)}
        for ordinal, ask_id in enumerate(ids):
            if asks[ask_id].ordinal != ordinal:
                asks[ask_id].ordinal = ordinal
        self._flush(session)

    def set_ask_status(
        self, ask_id: object, status: AskStatus | str, note: str | None = None
    ) -> Ask:
        return self._update_child(Ask, ask_id, None, {"status": status, "status_note": note})

    def update_ask(
        self, ask_id: object, expected_version: int | None = None, **changes: object
    ) -> Ask:
        changes.pop("letter_id", None)
        return self._update_child(Ask, ask_id, expected_version, changes)

    def remove_ask(self, ask_id: object) -> None:
        with self.db.transaction() as session:
            ask = self._load(session, ask_id, Ask)
            letter_id = ask.letter_id
            session.delete(ask)
            session.flush()
            self._apply_order(session, letter_id, [a.id for a in self._asks(session, letter_id)])

    # ------------------------------------------------------------ tags and links
    def set_tags(self, letter_id: object, names: Sequence[str]) -> list[str]:
        values = (check_value(Tag.__table__.c.name, n) for n in names)
        clean = sorted({str(v).strip() for v in values if v is not None})
        with self.db.transaction() as session:
            letter = self._load(session, letter_id)
            tags = []
            for name in clean:
                tag = session.scalars(select(Tag).where(Tag.name == name)).first()
                if tag is None:
                    tag = Tag(name=name)
                    session.add(tag)
                tags.append(tag)
            session.flush()
            letter.tags = tags  # through the relationship: the history records each link
            search_sync.note(session, "letter", letter.id)
            return clean

    def link_detention(self, letter_id: object, detention_id: object) -> bool:
        with self.db.transaction() as session:
            return link(session, letter_detentions, letter_id=letter_id, detention_id=detention_id)

    def unlink_detention(self, letter_id: object, detention_id: object) -> bool:
        with self.db.transaction() as session:
            return unlink(
                session, letter_detentions, letter_id=letter_id, detention_id=detention_id
            )

    def link_sanction_request(self, letter_id: object, sanction_request_id: object) -> bool:
        with self.db.transaction() as session:
            return link(
                session,
                letter_sanction_requests,
                letter_id=letter_id,
                sanction_request_id=sanction_request_id,
            )

    def unlink_sanction_request(self, letter_id: object, sanction_request_id: object) -> bool:
        with self.db.transaction() as session:
            return unlink(
                session,
                letter_sanction_requests,
                letter_id=letter_id,
                sanction_request_id=sanction_request_id,
            )

    @staticmethod
    def _next_ordinal(session: Session, model: type, letter_id: uuid.UUID) -> int:
        current = session.execute(
            select(func.max(model.ordinal)).where(model.letter_id == letter_id)
        ).scalar()
        return 0 if current is None else int(current) + 1
