"""Government responses: the letters they answer, positions on asks, commitments."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetracker.errors import FieldProblem, ValidationError
from casetracker.models import (
    Ask,
    Response,
    ResponseAskPosition,
    ResponseCommitment,
    response_letters,
)
from casetracker.services.base import RecordService, as_uuid, link, linked_ids, unlink


class ResponsesService(RecordService[Response]):
    model = Response

    def create_in(self, session: Session, fields: dict[str, object]) -> Response:
        fields = dict(fields)
        letters: Sequence[object] = fields.pop("in_reply_to", None) or []  # type: ignore[assignment]
        response = super().create_in(session, fields)
        for letter_id in letters:
            link(session, response_letters, response_id=response.id, letter_id=letter_id)
        return response

    def check(self, session: Session, record: Response) -> None:
        if record.from_person_id is None and record.from_organization_id is None:
            raise ValidationError(
                [FieldProblem("from_person_id", "give who sent it: a person, an office or both")],
                self.label,
            )

    def add_letter(self, response_id: object, letter_id: object) -> bool:
        with self.db.transaction() as session:
            return link(session, response_letters, response_id=response_id, letter_id=letter_id)

    def remove_letter(self, response_id: object, letter_id: object) -> bool:
        with self.db.transaction() as session:
            return unlink(session, response_letters, response_id=response_id, letter_id=letter_id)

    def letters(self, response_id: object) -> list:
        with self.db.reading() as session:
            return linked_ids(session, response_letters, "letter_id", response_id=response_id)

    def set_ask_position(
        self, response_id: object, ask_id: object, position: str, note: str | None = None
    ) -> ResponseAskPosition:
        """Record what the response says to one ask of a letter it answers."""
        with self.db.transaction() as session:
            response = self._load(session, response_id)
            ask = self._load(session, ask_id, Ask)
            answered = set(
                linked_ids(session, response_letters, "letter_id", response_id=response.id)
            )
            if ask.letter_id not in answered:
                raise ValidationError.single(
                    "ask_id",
                    "this ask belongs to a letter the response does not answer",
                    "ask position",
                )
            existing = session.scalars(
                select(ResponseAskPosition).where(
                    ResponseAskPosition.response_id == response.id,
                    ResponseAskPosition.ask_id == ask.id,
                )
            ).first()
            if existing is None:
                return self._child(ResponseAskPosition).create_in(
                    session,
                    {
                        "response_id": response.id,
                        "ask_id": ask.id,
                        "position": position,
                        "note": note,
                    },
                )
            clean = self._child(ResponseAskPosition).validate(
                session, {"position": position, "note": note}, creating=False
            )
            for key, value in clean.items():
                setattr(existing, key, value)
            self._flush(session)
            return existing

    def ask_positions(self, response_id: object) -> list[ResponseAskPosition]:
        with self.db.reading() as session:
            return list(
                session.scalars(
                    select(ResponseAskPosition).where(
                        ResponseAskPosition.response_id == as_uuid(response_id)
                    )
                )
            )

    def add_commitment(
        self, response_id: object, text: str, **fields: object
    ) -> ResponseCommitment:
        with self.db.transaction() as session:
            return self._add_child(
                session, response_id, ResponseCommitment, "response_id", {"text": text, **fields}
            )
