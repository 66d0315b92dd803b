"""Editable forms of each record kind: which fields, of what type, load and save.

The GUI builds its editors from :func:`form_fields` and saves through
:class:`FormsService`, so it never sees the ORM. Values travel as plain data:
text, enum values as text, partial dates as EDTF text, ids as UUIDs.
A form may span two records (a detainee is a person and a detention); its
``versions`` guard each against overwriting another edit.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Boolean, Column, Integer, Text
from sqlalchemy import Enum as SAEnum

from casetracker.db.engine import Database
from casetracker.db.types import PartialDateType
from casetracker.errors import ConflictError, FieldProblem, ValidationError
from casetracker.models import Detention, Letter, Organization, Person, Response, SanctionRequest
from casetracker.partialdate import PartialDate
from casetracker.services.base import RecordService, as_uuid
from casetracker.services.detentions import DetentionsService
from casetracker.services.letters import LettersService
from casetracker.services.organizations import OrganizationsService
from casetracker.services.people import PeopleService
from casetracker.services.responses import ResponsesService
from casetracker.services.sanctions import SanctionsService

FieldKind = Literal["text", "multiline", "choice", "partial_date", "int", "bool", "reference"]

#: the list kinds that have a form, and the record part each field belongs to
_LAYOUT: dict[str, list[tuple[str, str]]] = {
    "detainees": [
        ("person", "display_name"),
        ("detention", "status"),
        ("detention", "category"),
        ("detention", "captured_on"),
        ("detention", "capture_place"),
        ("detention", "facility_id"),
        ("person", "birth_date"),
        ("person", "gender"),
        ("person", "citizenship"),
        ("detention", "capture_circumstances"),
        ("detention", "sentence"),
        ("detention", "sentenced_on"),
        ("detention", "sentence_months"),
        ("detention", "summary"),
        ("detention", "notes"),
        ("detention", "sensitivity"),
    ],
    "letters": [
        ("letter", "title"),
        ("letter", "sent_on"),
        ("letter", "direction"),
        ("letter", "channel"),
        ("letter", "follow_up_due"),
        ("tags", "tags"),
        ("letter", "summary"),
        ("letter", "body"),
        ("letter", "notes"),
        ("letter", "sensitivity"),
    ],
    "sanctions": [
        ("sanction", "title"),
        ("sanction", "status"),
        ("sanction", "target_person_id"),
        ("sanction", "target_description"),
        ("sanction", "submitted_on"),
        ("sanction", "channel"),
        ("sanction", "grounds"),
        ("sanction", "designation_reference"),
        ("sanction", "designated_on"),
        ("sanction", "outcome"),
        ("sanction", "notes"),
        ("sanction", "sensitivity"),
    ],
    "responses": [
        ("response", "title"),
        ("response", "received_on"),
        ("response", "from_person_id"),
        ("response", "from_organization_id"),
        ("response", "response_type"),
        ("response", "impact"),
        ("response", "impact_note"),
        ("response", "summary"),
        ("response", "full_text"),
        ("response", "sensitivity"),
    ],
    "people": [
        ("person", "display_name"),
        ("person", "birth_date"),
        ("person", "gender"),
        ("person", "citizenship"),
        ("person", "notes"),
        ("person", "sensitivity"),
    ],
    "organizations": [
        ("organization", "name"),
        ("organization", "abbreviation"),
        ("organization", "kind"),
        ("organization", "country"),
        ("organization", "parent_id"),
        ("organization", "notes"),
        ("organization", "sensitivity"),
    ],
}

_MODELS: dict[str, Any] = {
    "person": Person,
    "detention": Detention,
    "letter": Letter,
    "sanction": SanctionRequest,
    "response": Response,
    "organization": Organization,
}

#: which list a reference column points into
_REFERENCES = {"people": "people", "organizations": "organizations"}

#: fields kept as a dated status history: changing them adds a status change
STATUS_FIELDS = {"detainees": "detention", "sanctions": "sanction"}

#: text columns that get a multi-line editor
_MULTILINE_LIMIT = 600

FORM_KINDS = tuple(_LAYOUT)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form."""

    name: str
    part: str
    kind: FieldKind
    required: bool
    choices: tuple[str, ...] = ()
    reference: str | None = None
    max_length: int | None = None


@dataclass(frozen=True)
class FormData:
    """A record's form values as read, with the versions they were read at."""

    kind: str
    id: uuid.UUID | None
    values: dict[str, Any]
    versions: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    title: str = ""
    #: fixed on a new record, not shown as fields (a new detention's existing person)
    preset: dict[str, Any] = field(default_factory=dict)


def _field_spec(part: str, column: Column[Any]) -> FieldSpec:
    col_type = column.type
    required = not column.nullable and column.default is None
    if isinstance(col_type, PartialDateType):
        return FieldSpec(column.name, part, "partial_date", required)
    if isinstance(col_type, SAEnum) and col_type.enum_class is not None:
        choices = tuple(str(m.value) for m in col_type.enum_class)
        return FieldSpec(column.name, part, "choice", required, choices=choices)
    if isinstance(col_type, Boolean):
        return FieldSpec(column.name, part, "bool", False)
    if isinstance(col_type, Integer):
        return FieldSpec(column.name, part, "int", required)
    if column.foreign_keys:
        (fk,) = column.foreign_keys
        target = _REFERENCES[fk.column.table.name]
        return FieldSpec(column.name, part, "reference", required, reference=target)
    length = getattr(col_type, "length", None)
    multiline = isinstance(col_type, Text) or (length or 0) > _MULTILINE_LIMIT
    return FieldSpec(
        column.name, part, "multiline" if multiline else "text", required, max_length=length
    )


def form_fields(kind: str) -> list[FieldSpec]:
    """The fields of ``kind``'s form, in display order."""
    try:
        layout = _LAYOUT[kind]
    except KeyError:
        raise ValidationError.single("kind", f"{kind!r} has no form") from None
    specs = []
    for part, name in layout:
        if part == "tags":  # a letter's tags, edited as "tag, tag"
            specs.append(FieldSpec("tags", "tags", "text", False))
            continue
        column = _MODELS[part].__table__.c[name]
        spec = _field_spec(part, column)
        if name == "status" and kind in STATUS_FIELDS:
            spec = FieldSpec(name, part, "choice", False, choices=spec.choices)
        specs.append(spec)
    return specs


def to_form_value(value: Any) -> Any:
    """A stored value as the form shows it."""
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    return value


def _from_form_value(spec: FieldSpec, value: Any) -> Any:
    """Turn what a widget holds into what the service accepts."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
    if spec.kind == "int" and isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            raise ValidationError.single(spec.name, "must be a whole number") from None
    return value


class FormsService:
    """Load and save the forms of every record kind through the record services."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._services: dict[str, RecordService[Any]] = {
            "person": PeopleService(db),
            "detention": DetentionsService(db),
            "letter": LettersService(db),
            "sanction": SanctionsService(db),
            "response": ResponsesService(db),
            "organization": OrganizationsService(db),
        }

    def fields(self, kind: str) -> list[FieldSpec]:
        return form_fields(kind)

    def blank(self, kind: str, *, person_id: object | None = None) -> FormData:
        """An empty form for a new record, with the model defaults filled in.

        ``person_id`` (detainees only) starts a new detention of a known person:
        the person's fields are filled in and saving attaches the detention to them.
        """
        values: dict[str, Any] = {}
        specs = form_fields(kind)
        for spec in specs:
            if spec.part == "tags":
                values[spec.name] = None
                continue
            column = _MODELS[spec.part].__table__.c[spec.name]
            default = column.default.arg if column.default is not None else None
            values[spec.name] = None if callable(default) else to_form_value(default)
        if person_id is None:
            return FormData(kind=kind, id=None, values=values)
        if kind != "detainees":
            raise ValidationError.single("person_id", "only a detention is started from a person")
        person = self._services["person"].get(as_uuid(person_id, "person_id"))
        for spec in specs:
            if spec.part == "person":
                values[spec.name] = to_form_value(getattr(person, spec.name))
        return FormData(
            kind=kind,
            id=None,
            values=values,
            versions={"person": person.version},
            title=person.display_name,
            preset={"person_id": person.id},
        )

    def load(self, kind: str, record_id: object) -> FormData:
        """The form of one record; raises NotFoundError when it is gone."""
        rid = as_uuid(record_id)
        specs = form_fields(kind)
        with self.db.reading():
            records = self._records(kind, rid)
            values = {
                s.name: to_form_value(getattr(records[s.part], s.name))
                for s in specs
                if s.part != "tags"
            }
            if any(s.part == "tags" for s in specs):
                names = sorted(t.name for t in self._services["letter"].get_full(rid).tags)
                values["tags"] = ", ".join(names) or None
            versions = {part: record.version for part, record in records.items()}
        labels = self._reference_labels(specs, values)
        return FormData(
            kind=kind,
            id=rid,
            values=values,
            versions=versions,
            labels=labels,
            title=self._title(kind, values),
        )

    def save(
        self,
        kind: str,
        record_id: object | None,
        values: Mapping[str, Any],
        versions: Mapping[str, int] | None = None,
        preset: Mapping[str, Any] | None = None,
    ) -> FormData:
        """Create (``record_id`` None) or update a record from form values.

        Only the fields given are changed. ``versions`` (from :meth:`load`)
        make the save fail with ConflictError if someone else saved first.
        """
        specs = {s.name: s for s in form_fields(kind)}
        unknown = [name for name in values if name not in specs]
        if unknown:
            raise ValidationError([FieldProblem(n, "is not a field of this form") for n in unknown])
        by_part: dict[str, dict[str, Any]] = {}
        problems: list[FieldProblem] = []
        for name, raw in values.items():
            spec = specs[name]
            try:
                by_part.setdefault(spec.part, {})[name] = _from_form_value(spec, raw)
            except ValidationError as exc:
                problems.extend(exc.problems)
        if problems:
            raise ValidationError(problems)
        tags = by_part.pop("tags", None)
        with self.db.transaction():
            if record_id is None:
                rid = self._create(kind, by_part, preset or {}, versions or {})
            else:
                rid = as_uuid(record_id)
                self._update(kind, rid, by_part, versions or {})
            if tags is not None:
                text = tags.get("tags") or ""
                names = [n.strip() for n in str(text).split(",") if n.strip()]
                self._services["letter"].set_tags(rid, names)  # type: ignore[attr-defined]
        return self.load(kind, rid)

    def delete(
        self, kind: str, record_id: object, versions: Mapping[str, int] | None = None
    ) -> None:
        """Delete the record (for a detainee: the detention; the person stays)."""
        part = "detention" if kind == "detainees" else _LAYOUT[kind][0][0]
        expected = (versions or {}).get(part)
        self._services[part].delete(record_id, expected)

    # ----------------------------------------------------------------- internals
    def _records(self, kind: str, rid: uuid.UUID) -> dict[str, Any]:
        if kind == "detainees":
            detention = self._services["detention"].get(rid)
            return {
                "detention": detention,
                "person": self._services["person"].get(detention.person_id),
            }
        part = _LAYOUT[kind][0][0]
        return {part: self._services[part].get(rid)}

    def _create(
        self,
        kind: str,
        by_part: dict[str, dict[str, Any]],
        preset: Mapping[str, Any],
        versions: Mapping[str, int],
    ) -> uuid.UUID:
        if kind == "detainees":
            detention_fields = {k: v for k, v in by_part.get("detention", {}).items()}
            person_fields = {k: v for k, v in by_part.get("person", {}).items() if v is not None}
            if detention_fields.get("status") is not None:
                # the first status dates from the capture (undated when unknown)
                detention_fields["status_on"] = detention_fields.get("captured_on")
            if preset.get("person_id") is not None:
                person = self._services["person"].get(as_uuid(preset["person_id"], "person_id"))
                expected = versions.get("person")
                if expected is not None and person.version != expected:
                    raise ConflictError("this person was changed elsewhere; reload before saving")
                changed = {
                    k: v
                    for k, v in by_part.get("person", {}).items()
                    if v != to_form_value(getattr(person, k))
                }
                if changed:
                    self._services["person"].update(person.id, **changed)
            else:
                person = self._create_part("person", person_fields)
            detention_fields["person_id"] = person.id
            return self._create_part("detention", detention_fields).id
        part = _LAYOUT[kind][0][0]
        fields = dict(by_part.get(part, {}))
        if kind in STATUS_FIELDS and fields.get("status") is not None:
            fields["status_on"] = fields.get("submitted_on")
        return self._create_part(part, fields).id

    def _create_part(self, part: str, fields: dict[str, Any]) -> Any:
        clean = {k: v for k, v in fields.items() if v is not None}
        return self._services[part].create(**clean)

    def _update(
        self,
        kind: str,
        rid: uuid.UUID,
        by_part: dict[str, dict[str, Any]],
        versions: Mapping[str, int],
    ) -> None:
        records = self._records(kind, rid)
        for part, record in records.items():
            expected = versions.get(part)
            if expected is not None and record.version != expected:
                raise ConflictError(
                    f"this record was changed elsewhere (now version {record.version}, "
                    f"you edited version {expected}); reload or compare before saving"
                )
        for part, changes in by_part.items():
            changes = dict(changes)
            record = records[part]
            status = changes.pop("status", None) if kind in STATUS_FIELDS else None
            if changes:
                self._services[part].update(record.id, **changes)
            if status is not None and status != to_form_value(record.status):
                service: Any = self._services[part]
                service.set_status(record.id, status, dt.date.today().isoformat())

    def _reference_labels(self, specs: list[FieldSpec], values: dict[str, Any]) -> dict[str, str]:
        labels = {}
        for spec in specs:
            value = values.get(spec.name)
            if spec.kind != "reference" or value is None:
                continue
            if spec.reference == "people":
                labels[spec.name] = self._services["person"].get(value).display_name
            else:
                labels[spec.name] = self._services["organization"].get(value).name
        return labels

    @staticmethod
    def _title(kind: str, values: dict[str, Any]) -> str:
        for name in ("display_name", "title", "name"):
            if values.get(name):
                return str(values[name])
        return ""


__all__ = ["FORM_KINDS", "STATUS_FIELDS", "FieldSpec", "FormData", "FormsService", "form_fields"]
