"""The parts of a record edited in place: name variants, asks, status history,
charges, hearings, signatories… and the links between records.

Each part is described once (:class:`ChildSpec`, :class:`LinkSpec`) and read and
written through the record services, so the GUI shows them all the same way
and never touches the ORM. Rows come back as plain dictionaries.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from casetracker.db.engine import Database
from casetracker.errors import ValidationError
from casetracker.models import (
    AccessFlag,
    Ask,
    Attachment,
    Charge,
    DetentionStatusChange,
    Event,
    Hearing,
    Letter,
    LetterRecipient,
    LetterSignatory,
    Organization,
    Person,
    PersonIdentifier,
    PersonName,
    Position,
    ResponseAskPosition,
    ResponseCommitment,
    SanctionRecipient,
    SanctionRequestProgram,
    SanctionStatusChange,
    TreatmentReport,
)
from casetracker.models.links import (
    letter_detentions,
    letter_sanction_requests,
    response_letters,
    sanction_ground_detentions,
)
from casetracker.models.sanction import SANCTION_PROGRAMS
from casetracker.services.base import _ChildService, as_uuid, status_change_order
from casetracker.services.base import link as add_link
from casetracker.services.base import unlink as remove_link
from casetracker.services.forms import FieldSpec, _field_spec, _from_form_value, to_form_value

Row = dict[str, Any]


@dataclass(frozen=True)
class ChildSpec:
    """One kind of part of a record, shown as a table with Add / Remove."""

    key: str
    model: Any
    parent_field: str
    fields: tuple[str, ...]
    ordered: bool = False  # rows have an order the user can change
    #: on the person of a detainee (names), not on the detention
    on_person: bool = False
    editable: tuple[str, ...] = ()  # fields changed in place in the table (e.g. an ask's status)


@dataclass(frozen=True)
class LinkSpec:
    """A many-to-many link shown as a list with a picker."""

    key: str
    target_kind: str
    table: Any
    parent_column: str
    target_column: str


CHILDREN: dict[str, tuple[ChildSpec, ...]] = {
    "detainees": (
        ChildSpec(
            "names", PersonName, "person_id", ("name", "script", "language", "kind"), on_person=True
        ),
        ChildSpec(
            "status_history",
            DetentionStatusChange,
            "detention_id",
            ("changed_on", "status", "note"),
        ),
        ChildSpec(
            "charges", Charge, "detention_id", ("charged_on", "description", "legal_reference")
        ),
        ChildSpec(
            "hearings",
            Hearing,
            "detention_id",
            ("held_on", "court_id", "judge_name", "description", "outcome"),
        ),
        ChildSpec(
            "treatment", TreatmentReport, "detention_id", ("reported_on", "kind", "description")
        ),
        ChildSpec("access", AccessFlag, "detention_id", ("observed_on", "kind", "state", "note")),
        ChildSpec(
            "events",
            Event,
            "detention_id",
            ("occurred_on", "kind", "title", "place", "description"),
        ),
    ),
    "letters": (
        ChildSpec(
            "asks",
            Ask,
            "letter_id",
            ("text", "status", "status_note"),
            ordered=True,
            editable=("status", "status_note"),
        ),
        ChildSpec(
            "signatories", LetterSignatory, "letter_id", ("person_id", "is_lead", "signed_as")
        ),
        ChildSpec(
            "recipients",
            LetterRecipient,
            "letter_id",
            ("person_id", "organization_id", "role", "addressed_as"),
        ),
        ChildSpec(
            "events", Event, "letter_id", ("occurred_on", "kind", "title", "place", "description")
        ),
    ),
    "sanctions": (
        ChildSpec(
            "status_history",
            SanctionStatusChange,
            "sanction_request_id",
            ("changed_on", "status", "note"),
        ),
        ChildSpec(
            "programs", SanctionRequestProgram, "sanction_request_id", ("program_key", "note")
        ),
        ChildSpec(
            "recipients",
            SanctionRecipient,
            "sanction_request_id",
            ("person_id", "organization_id", "role"),
        ),
        ChildSpec(
            "events",
            Event,
            "sanction_request_id",
            ("occurred_on", "kind", "title", "place", "description"),
        ),
    ),
    "responses": (
        ChildSpec(
            "commitments",
            ResponseCommitment,
            "response_id",
            ("text", "due_on", "status"),
            editable=("status",),
        ),
        ChildSpec(
            "events", Event, "response_id", ("occurred_on", "kind", "title", "place", "description")
        ),
    ),
    "people": (
        ChildSpec("names", PersonName, "person_id", ("name", "script", "language", "kind")),
        ChildSpec("identifiers", PersonIdentifier, "person_id", ("scheme", "value")),
        ChildSpec(
            "positions",
            Position,
            "person_id",
            ("title", "organization_id", "constituency", "party", "start_date", "end_date"),
        ),
        ChildSpec(
            "events", Event, "person_id", ("occurred_on", "kind", "title", "place", "description")
        ),
    ),
    "organizations": (),
}

LINKS: dict[str, tuple[LinkSpec, ...]] = {
    "detainees": (
        LinkSpec("letters", "letters", letter_detentions, "detention_id", "letter_id"),
        LinkSpec(
            "sanctions",
            "sanctions",
            sanction_ground_detentions,
            "detention_id",
            "sanction_request_id",
        ),
    ),
    "letters": (
        LinkSpec("detainees", "detainees", letter_detentions, "letter_id", "detention_id"),
        LinkSpec(
            "sanctions", "sanctions", letter_sanction_requests, "letter_id", "sanction_request_id"
        ),
    ),
    "responses": (LinkSpec("replied_to", "letters", response_letters, "response_id", "letter_id"),),
    "sanctions": (
        LinkSpec(
            "letters", "letters", letter_sanction_requests, "sanction_request_id", "letter_id"
        ),
        LinkSpec(
            "grounds",
            "detainees",
            sanction_ground_detentions,
            "sanction_request_id",
            "detention_id",
        ),
    ),
}

_REFERENCE_KINDS = {"people": "people", "organizations": "organizations"}


def child_specs(kind: str) -> tuple[ChildSpec, ...]:
    return CHILDREN.get(kind, ())


def link_specs(kind: str) -> tuple[LinkSpec, ...]:
    return LINKS.get(kind, ())


def child_fields(spec: ChildSpec) -> list[FieldSpec]:
    """The fields of one part, for its Add dialog and table columns."""
    fields = []
    for name in spec.fields:
        column = spec.model.__table__.c[name]
        field = _field_spec(spec.key, column)
        if name == "program_key":
            field = FieldSpec(name, spec.key, "choice", True, choices=tuple(SANCTION_PROGRAMS))
        elif name == "is_lead":
            field = FieldSpec(name, spec.key, "bool", False)
        fields.append(field)
    return fields


class ChildrenService:
    """Read, add, change, reorder and remove the parts of records; link and unlink."""

    def __init__(self, db: Database, services: Any) -> None:
        self.db = db
        self.s = services

    # ---------------------------------------------------------------- lookup
    def spec(self, kind: str, key: str) -> ChildSpec:
        for spec in child_specs(kind):
            if spec.key == key:
                return spec
        raise ValidationError.single("part", f"{kind} have no part {key!r}")

    def link_spec(self, kind: str, key: str) -> LinkSpec:
        for spec in link_specs(kind):
            if spec.key == key:
                return spec
        raise ValidationError.single("link", f"{kind} have no link {key!r}")

    def _owner_id(self, kind: str, spec: ChildSpec, parent_id: object) -> uuid.UUID:
        rid = as_uuid(parent_id)
        if spec.on_person:
            return self.s.detentions.get(rid).person_id  # type: ignore[no-any-return]
        return rid

    # ---------------------------------------------------------------- parts
    def rows(self, kind: str, key: str, parent_id: object) -> list[Row]:
        """The part's rows in display order, with labels for referenced records."""
        spec = self.spec(kind, key)
        owner = self._owner_id(kind, spec, parent_id)
        model = spec.model
        with self.db.reading() as session:
            records = list(
                session.scalars(select(model).where(getattr(model, spec.parent_field) == owner))
            )
            if hasattr(model, "ordinal"):
                records.sort(key=lambda r: (r.ordinal, str(r.created_at)))
            elif key == "status_history":
                records.sort(key=status_change_order, reverse=True)
            else:
                date_field = next((f for f in spec.fields if f.endswith(("_on", "_date"))), None)
                if date_field:
                    records.sort(key=lambda r: _date_key(getattr(r, date_field)), reverse=True)
            labels = self._labels(session, spec, records)
        rows = []
        for record in records:
            row: Row = {"id": record.id, "version": record.version}
            for name in spec.fields:
                value = getattr(record, name)
                row[name] = to_form_value(value)
                if name in labels and value is not None:
                    row[f"{name}:label"] = labels[name].get(value, "")
            rows.append(row)
        return rows

    def _labels(self, session: Any, spec: ChildSpec, records: list[Any]) -> dict[str, dict]:
        labels: dict[str, dict] = {}
        for name in spec.fields:
            column = spec.model.__table__.c[name]
            if not column.foreign_keys:
                continue
            ids = {getattr(r, name) for r in records if getattr(r, name) is not None}
            if not ids:
                labels[name] = {}
                continue
            (fk,) = column.foreign_keys
            if fk.column.table.name == "people":
                found = session.execute(
                    select(Person.id, Person.display_name).where(Person.id.in_(ids))
                )
            else:
                found = session.execute(
                    select(Organization.id, Organization.name).where(Organization.id.in_(ids))
                )
            labels[name] = {row[0]: row[1] for row in found}
        return labels

    def add(self, kind: str, key: str, parent_id: object, values: Mapping[str, Any]) -> Any:
        """Add a row to a part (values as the form holds them)."""
        spec = self.spec(kind, key)
        fields = {f.name: f for f in child_fields(spec)}
        clean = {
            name: _from_form_value(fields[name], value)
            for name, value in values.items()
            if name in fields
        }
        clean = {k: v for k, v in clean.items() if v is not None}
        owner = self._owner_id(kind, spec, parent_id)
        adders: dict[str, Callable[[], Any]] = {
            "names": lambda: self.s.people.add_name(owner, clean.pop("name", ""), **clean),
            "identifiers": lambda: self.s.people.add_identifier(
                owner, clean.get("scheme", ""), clean.get("value", "")
            ),
            "positions": lambda: self.s.positions.create(person_id=owner, **clean),
            "status_history": lambda: self._status_service(kind).set_status(
                owner, clean.get("status"), clean.get("changed_on"), clean.get("note")
            ),
            "charges": lambda: self.s.detentions.add_charge(owner, **clean),
            "hearings": lambda: self.s.detentions.add_hearing(owner, **clean),
            "treatment": lambda: self.s.detentions.add_treatment_report(owner, **clean),
            "access": lambda: self.s.detentions.add_access_flag(owner, **clean),
            "asks": lambda: self.s.letters.add_ask(owner, clean.pop("text", ""), **clean),
            "signatories": lambda: self.s.letters.add_signatory(
                owner, clean.pop("person_id", None), **clean
            ),
            "recipients": lambda: (
                self.s.sanctions if kind == "sanctions" else self.s.letters
            ).add_recipient(owner, **clean),
            "programs": lambda: self.s.sanctions.add_program(
                owner, str(clean.get("program_key", "")), clean.get("note")
            ),
            "commitments": lambda: self.s.responses.add_commitment(
                owner, clean.pop("text", ""), **clean
            ),
            "events": lambda: self.s.events.create(**clean, **{spec.parent_field: owner}),
        }
        return adders[key]()

    def _status_service(self, kind: str) -> Any:
        return self.s.detentions if kind == "detainees" else self.s.sanctions

    def update(self, kind: str, key: str, child_id: object, values: Mapping[str, Any]) -> Any:
        """Change fields of one row in place (only the part's editable fields)."""
        spec = self.spec(kind, key)
        fields = {f.name: f for f in child_fields(spec)}
        bad = [name for name in values if name not in spec.editable]
        if bad:
            raise ValidationError.single(bad[0], "cannot be changed here")
        clean = {name: _from_form_value(fields[name], v) for name, v in values.items()}
        return _ChildService(self.db, spec.model).update(child_id, **clean)

    def remove(self, kind: str, key: str, child_id: object) -> None:
        spec = self.spec(kind, key)
        removers: dict[str, Callable[[], Any]] = {
            "names": lambda: self.s.people.remove_name(child_id),
            "asks": lambda: self.s.letters.remove_ask(child_id),
        }
        if key == "status_history":
            if kind != "detainees":
                raise ValidationError.single(
                    "status_history", "a sanction request's status history cannot be shortened"
                )
            self.s.detentions.remove_status(child_id)
        elif key in removers:
            removers[key]()
        else:
            _ChildService(self.db, spec.model).delete(child_id)

    def move(self, kind: str, key: str, parent_id: object, child_id: object, to: int) -> None:
        """Move a row of an ordered part to 0-based position ``to``."""
        spec = self.spec(kind, key)
        if not spec.ordered:
            raise ValidationError.single(key, "has no order")
        ids = [r["id"] for r in self.rows(kind, key, parent_id)]
        moving = as_uuid(child_id)
        if moving not in ids:
            raise ValidationError.single(key, "is not a row of this record")
        ids.remove(moving)
        ids.insert(max(0, min(to, len(ids))), moving)
        self.s.letters.reorder_asks(parent_id, ids)

    # ---------------------------------------------------------------- links
    def linked(self, kind: str, key: str, parent_id: object) -> list[Any]:
        """The records linked to ``parent_id``, as lookup choices (id, label, detail)."""
        spec = self.link_spec(kind, key)
        with self.db.reading() as session:
            ids = list(
                session.scalars(
                    select(spec.table.c[spec.target_column]).where(
                        spec.table.c[spec.parent_column] == as_uuid(parent_id)
                    )
                )
            )
        from casetracker.services.lookup import Choice

        choices = [Choice(i, self.s.lookup.label(spec.target_kind, i)) for i in ids]
        return sorted(choices, key=lambda c: c.label.casefold())

    def link(self, kind: str, key: str, parent_id: object, target_id: object) -> bool:
        """Link two records; False when they already were."""
        spec = self.link_spec(kind, key)
        with self.db.transaction() as session:
            return add_link(
                session,
                spec.table,
                **{spec.parent_column: parent_id, spec.target_column: target_id},
            )

    def unlink(self, kind: str, key: str, parent_id: object, target_id: object) -> bool:
        spec = self.link_spec(kind, key)
        with self.db.transaction() as session:
            return remove_link(
                session,
                spec.table,
                **{spec.parent_column: parent_id, spec.target_column: target_id},
            )

    # ---------------------------------------------------------------- ask positions
    def ask_positions(self, response_id: object) -> list[Row]:
        """Every ask of the letters a response replies to, with what it says to each."""
        rid = as_uuid(response_id)
        with self.db.reading() as session:
            letters = select(response_letters.c.letter_id).where(
                response_letters.c.response_id == rid
            )
            asks = session.execute(
                select(Ask.id, Ask.ordinal, Ask.text, Letter.title, Letter.sent_on)
                .join(Letter, Letter.id == Ask.letter_id)
                .where(Ask.letter_id.in_(letters))
            ).all()
            said = {
                p.ask_id: p
                for p in session.scalars(
                    select(ResponseAskPosition).where(ResponseAskPosition.response_id == rid)
                )
            }
        rows = []
        for ask in sorted(asks, key=lambda a: (_date_key(a.sent_on), a.title, a.ordinal)):
            position = said.get(ask.id)
            rows.append(
                {
                    "id": ask.id,
                    "letter": ask.title,
                    "number": ask.ordinal + 1,
                    "text": ask.text,
                    "position": to_form_value(position.position) if position else None,
                    "note": position.note if position else None,
                }
            )
        return rows

    def set_ask_position(
        self, response_id: object, ask_id: object, position: str | None, note: str | None = None
    ) -> None:
        """Record what a response says to one ask; ``None`` forgets it."""
        if position is not None:
            self.s.responses.set_ask_position(response_id, ask_id, position, note)
            return
        with self.db.transaction() as session:
            for existing in session.scalars(
                select(ResponseAskPosition).where(
                    ResponseAskPosition.response_id == as_uuid(response_id),
                    ResponseAskPosition.ask_id == as_uuid(ask_id, "ask_id"),
                )
            ):
                session.delete(existing)


def _date_key(value: Any) -> str:
    return value.sort_text() if value is not None else ""


__all__ = ["CHILDREN", "LINKS", "ChildSpec", "ChildrenService", "LinkSpec", "child_fields"]


#: which column ties an attachment to a record of each list
ATTACHMENT_OWNER_FIELDS = {
    "detainees": "detention_id",
    "letters": "letter_id",
    "responses": "response_id",
    "sanctions": "sanction_request_id",
}


class DocumentsService:
    """Files attached to a record: listed without their content, added, saved, removed."""

    def __init__(self, db: Database, services: Any) -> None:
        self.db = db
        self.s = services

    @staticmethod
    def owner_field(kind: str) -> str:
        try:
            return ATTACHMENT_OWNER_FIELDS[kind]
        except KeyError:
            raise ValidationError.single("kind", f"{kind} have no attached documents") from None

    def rows(self, kind: str, parent_id: object) -> list[Row]:
        field = self.owner_field(kind)
        with self.db.reading() as session:
            found = session.execute(
                select(
                    Attachment.id,
                    Attachment.original_name,
                    Attachment.media_type,
                    Attachment.size,
                    Attachment.created_at,
                )
                .where(getattr(Attachment, field) == as_uuid(parent_id))
                .order_by(Attachment.created_at, Attachment.id)
            ).all()
        return [dict(row._mapping) for row in found]

    def add_file(self, kind: str, parent_id: object, path: Path) -> Any:
        return self.s.attachments.attach_file(path, **{self.owner_field(kind): as_uuid(parent_id)})

    def save_to(self, attachment_id: object, destination: Path) -> Path:
        """Write a document's content, complete or not at all; returns the file written.

        Into a folder: as ``folder/<safe name>`` (see ``casetracker.filenames``),
        never outside it and never over an existing file (``name (2).pdf``…).
        To a file path the user chose (and confirmed if it exists): that file.
        """
        import os
        import tempfile

        from casetracker.filenames import write_new_file

        target = Path(destination)
        if target.is_dir():
            attachment = self.s.attachments.get(attachment_id)
            try:
                written = write_new_file(target, attachment.original_name, attachment.content)
            except OSError as exc:
                raise ValidationError.single(
                    "file", f"cannot write into {target}: {exc.strerror or exc}"
                ) from exc
            return self._saved(attachment_id, written)
        content = self.s.attachments.content(attachment_id)
        partial = None
        try:
            fd, partial = tempfile.mkstemp(prefix=".part-", dir=target.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(partial, target)
        except OSError as exc:
            if partial:
                Path(partial).unlink(missing_ok=True)
            raise ValidationError.single(
                "file", f"cannot write {target}: {exc.strerror or exc}"
            ) from exc
        return self._saved(attachment_id, target)

    def _saved(self, attachment_id: object, written: Path) -> Path:
        """Note the copy in the history (the file stays written if it cannot be)."""
        from casetracker.audit import try_record_action

        try_record_action(
            self.db,
            "export",
            entity="attachments",
            record_id=as_uuid(attachment_id),
            summary=f"attached file saved to {written}",
            details={"path": written},
        )
        return written

    def remove(self, attachment_id: object) -> None:
        self.s.attachments.delete(attachment_id)
