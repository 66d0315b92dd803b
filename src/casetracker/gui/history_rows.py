"""A record's history as the History tab shows it: read on the worker
(:func:`load_history`), then worded like the forms (:class:`Shower`): part names
("Ask 2"), field labels, values as labels, long texts shortened.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from casetracker.errors import CaseTrackerError, NotFoundError
from casetracker.gui.labels import field_label, value_label
from casetracker.gui.parts import part_field_label
from casetracker.services import Services
from casetracker.services.children import child_fields, child_specs
from casetracker.services.forms import FieldSpec
from casetracker.services.history import HistoryItem

_CTX = "History"
#: characters of a value shown in the table (the tooltip has all of it)
ELIDE = 60

ACTION_WORDS = {
    "create": QT_TRANSLATE_NOOP("History", "created"),
    "update": QT_TRANSLATE_NOOP("History", "changed"),
    "delete": QT_TRANSLATE_NOOP("History", "deleted"),
    "link": QT_TRANSLATE_NOOP("History", "linked"),
    "unlink": QT_TRANSLATE_NOOP("History", "unlinked"),
    "revert": QT_TRANSLATE_NOOP("History", "reverted"),
    "export": QT_TRANSLATE_NOOP("History", "exported"),
    "report": QT_TRANSLATE_NOOP("History", "in a report"),
    "backup": QT_TRANSLATE_NOOP("History", "backed up"),
    "restore": QT_TRANSLATE_NOOP("History", "restored"),
    "import": QT_TRANSLATE_NOOP("History", "imported"),
    "purge": QT_TRANSLATE_NOOP("History", "purged"),
}

TEXTS = {
    "purged": QT_TRANSLATE_NOOP("History", "(content purged)"),
    "deleted": QT_TRANSLATE_NOOP("History", "(a deleted record)"),
    "empty": QT_TRANSLATE_NOOP("History", "(empty)"),
    "yes": QT_TRANSLATE_NOOP("History", "Yes"),
    "no": QT_TRANSLATE_NOOP("History", "No"),
    "file": QT_TRANSLATE_NOOP("History", "a file of %1 bytes"),
    "entry": QT_TRANSLATE_NOOP("History", "Entry #%1"),
}

#: what one row of each table is called in the Part column
PART_NAMES = {
    "access_flags": QT_TRANSLATE_NOOP("History", "Access"),
    "asks": QT_TRANSLATE_NOOP("History", "Ask"),
    "attachments": QT_TRANSLATE_NOOP("History", "Document"),
    "charges": QT_TRANSLATE_NOOP("History", "Charge"),
    "citations": QT_TRANSLATE_NOOP("History", "Citation"),
    "detention_status_changes": QT_TRANSLATE_NOOP("History", "Status change"),
    "detentions": QT_TRANSLATE_NOOP("History", "Detainee"),
    "events": QT_TRANSLATE_NOOP("History", "Event"),
    "hearings": QT_TRANSLATE_NOOP("History", "Hearing"),
    "letter_recipients": QT_TRANSLATE_NOOP("History", "Recipient"),
    "letter_signatories": QT_TRANSLATE_NOOP("History", "Signatory"),
    "letters": QT_TRANSLATE_NOOP("History", "Letter"),
    "organizations": QT_TRANSLATE_NOOP("History", "Organization"),
    "people": QT_TRANSLATE_NOOP("History", "Person"),
    "person_consents": QT_TRANSLATE_NOOP("History", "Consent"),
    "person_identifiers": QT_TRANSLATE_NOOP("History", "Identifier"),
    "person_identity_decisions": QT_TRANSLATE_NOOP("History", "Identity decision"),
    "person_names": QT_TRANSLATE_NOOP("History", "Name"),
    "positions": QT_TRANSLATE_NOOP("History", "Position"),
    "response_ask_positions": QT_TRANSLATE_NOOP("History", "Position on an ask"),
    "response_commitments": QT_TRANSLATE_NOOP("History", "Commitment"),
    "responses": QT_TRANSLATE_NOOP("History", "Response"),
    "sanction_recipients": QT_TRANSLATE_NOOP("History", "Recipient"),
    "sanction_request_programs": QT_TRANSLATE_NOOP("History", "Program"),
    "sanction_requests": QT_TRANSLATE_NOOP("History", "Sanction request"),
    "sanction_status_changes": QT_TRANSLATE_NOOP("History", "Status change"),
    "tags": QT_TRANSLATE_NOOP("History", "Tag"),
    "treatment_reports": QT_TRANSLATE_NOOP("History", "Treatment report"),
}

#: the form parts of each list and the table each one is a row of
FORM_ENTITIES = {
    "detention": "detentions",
    "person": "people",
    "letter": "letters",
    "sanction": "sanction_requests",
    "response": "responses",
    "organization": "organizations",
}
#: id columns (of links and parts): the table they point into and its lookup kind
ID_COLUMNS = {
    "detention_id": ("detentions", "detainees"),
    "letter_id": ("letters", "letters"),
    "sanction_request_id": ("sanction_requests", "sanctions"),
    "response_id": ("responses", "responses"),
    "person_id": ("people", "people"),
    "organization_id": ("organizations", "organizations"),
    "event_id": ("events", None),
    "tag_id": ("tags", None),
}
#: fields that follow others (a name's sort key) or are not the user's
HIDDEN_FIELDS = frozenset({"sort_name", "is_demo"})
#: a row's best name, first found
TITLE_FIELDS = ("title", "display_name", "name", "original_name", "text", "description", "value")


def translate(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


# --------------------------------------------------------------------- reading
@dataclass(frozen=True)
class HistoryData:
    """A record's history as read on the worker, with the names it refers to."""

    record_id: uuid.UUID
    #: the records the form shows (a detainee: the detention and the person), by table
    own: dict[str, uuid.UUID]
    items: list[HistoryItem]
    #: id (text) -> label of the records that values and links point at
    names: dict[str, str] = field(default_factory=dict)


def main_entity(kind: str) -> str:
    """The table of the record a list's rows are (``letters``, ``detentions``…)."""
    part = next(s.part for s in _form_specs(kind))
    return FORM_ENTITIES[part]


def _form_specs(kind: str) -> list[FieldSpec]:
    from casetracker.services.forms import form_fields

    specs = form_fields(kind)
    if kind == "detainees":  # the detention comes first: the list's rows are detentions
        specs = sorted(specs, key=lambda s: s.part != "detention")
    return specs


def field_specs(kind: str) -> dict[tuple[str, str], FieldSpec]:
    """(table, field) -> how the form or the part's table shows that field."""
    found = {(FORM_ENTITIES[s.part], s.name): s for s in _form_specs(kind) if s.part != "tags"}
    for spec in child_specs(kind):
        for part_field in child_fields(spec):
            found[(spec.model.__tablename__, part_field.name)] = part_field
    return found


def load_history(services: Services, kind: str, record_id: Any) -> HistoryData:
    """Read the history of the record shown on ``kind``'s page (runs on the worker)."""
    rid = uuid.UUID(str(record_id))
    entity = main_entity(kind)
    own = {entity: rid}
    items = {i.seq: i for i in services.history.for_record(entity, rid)}
    if kind == "detainees":  # the person's own fields and names are on the same form
        person = services.detentions.get(rid).person_id
        own["people"] = person
        for item in services.history.for_record("people", person):
            if item.entity in ("people", "person_names"):
                items.setdefault(item.seq, item)
    ordered = sorted(items.values(), key=lambda i: i.seq, reverse=True)
    ordered = _only_own_links(ordered, own)
    return HistoryData(rid, own, ordered, _names(services, kind, ordered, own))


def _only_own_links(items: list[HistoryItem], own: dict[str, uuid.UUID]) -> list[HistoryItem]:
    """Links that name the record or one of its parts (not a linked record's other
    links)."""
    known = {str(i) for i in own.values()}
    known |= {str(i.record_id) for i in items if i.action not in ("link", "unlink")}
    return [
        i
        for i in items
        if i.action not in ("link", "unlink")
        or i.purged
        or any(str(c.new if c.new is not None else c.old) in known for c in i.changes)
    ]


def _names(
    services: Services, kind: str, items: list[HistoryItem], own: dict[str, uuid.UUID]
) -> dict[str, str]:
    """Labels of the records that values and links point at (deleted ones left out)."""
    specs = field_specs(kind)
    wanted: dict[str, str] = {}
    skip = {str(i) for i in own.values()}
    for item in items:
        for change in item.changes:
            spec = specs.get((item.entity, change.field))
            lookup = spec.reference if spec is not None and spec.kind == "reference" else None
            if lookup is None and item.action in ("link", "unlink"):
                lookup = (ID_COLUMNS.get(change.field) or ("", None))[1]
                if lookup is None and change.field == "tag_id":
                    lookup = "tags"
            for value in (change.old, change.new):
                if lookup and isinstance(value, str) and value not in skip:
                    wanted.setdefault(value, lookup)
    names: dict[str, str] = {}
    for value, lookup in wanted.items():
        try:
            if lookup == "tags":
                names[value] = _tag_name(services, value)
            else:
                names[value] = services.lookup.label(lookup, value)
        except (CaseTrackerError, ValueError):
            continue
    return names


def _tag_name(services: Services, tag_id: str) -> str:
    """A tag's name, from its own history (tags have no list of their own)."""
    for item in services.history.for_record("tags", tag_id, include_parts=False):
        for change in item.changes:
            if change.field == "name" and change.new:
                return str(change.new)
    raise NotFoundError(f"no tag {tag_id}")


# --------------------------------------------------------------------- showing
@dataclass(frozen=True)
class HistoryRow:
    """One line of the table: one changed field, or one entry as a whole."""

    item: HistoryItem
    first: bool
    part: str
    field: str | None
    field_label: str
    change: str
    tooltip: str
    own: bool

    @property
    def revertable(self) -> bool:
        return self.field is not None and self.item.action in ("update", "revert")


class Shower:
    """Turns entries into rows, in the words of the forms."""

    def __init__(self, kind: str, data: HistoryData) -> None:
        self.kind = kind
        self.data = data
        self.specs = field_specs(kind)
        self.own_ids = {str(i) for i in data.own.values()}
        self.numbers: dict[Any, int] = {}
        for item in reversed(data.items):  # oldest first: the newest ordinal wins
            for change in item.changes:
                ordinal = change.new if change.field == "ordinal" else None
                if item.entity == "asks" and isinstance(ordinal, int):
                    self.numbers[item.record_id] = ordinal + 1

    def rows(self) -> list[HistoryRow]:
        found: list[HistoryRow] = []
        for item in self.data.items:
            own = str(item.record_id) in self.own_ids and item.entity in self.data.own
            for index, (part, name, label, change, tip) in enumerate(self._lines(item, own)):
                found.append(HistoryRow(item, index == 0, part, name, label, change, tip, own))
        return found

    def _lines(self, item: HistoryItem, own: bool) -> list[tuple[str, str | None, str, str, str]]:
        part = "" if own else self._part(item)
        if item.purged:
            return [(part, None, "", translate(TEXTS["purged"]), "")]
        if item.action in ("link", "unlink"):
            return [self._link(item)]
        if item.action in ("update", "revert") and item.changes:
            lines = []
            for change in item.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                old = self.value(item.entity, change.field, change.old)
                new = self.value(item.entity, change.field, change.new)
                text = _change_text(old, new)
                tip = "" if text == f"{old} → {new}" else f"{old}\n→\n{new}"
                lines.append((part, change.field, self.label(item, change.field), text, tip))
            return lines or [(part, None, "", item.summary or "", "")]
        if item.changes:  # a creation or deletion: the row's name, all of it in the tooltip
            values = {c.field: c.new if c.new is not None else c.old for c in item.changes}
            shown = [
                f"{self.label(item, k)}: {self.value(item.entity, k, v)}"
                for k, v in values.items()
                if k not in HIDDEN_FIELDS and not self._is_parent(item, k)
            ]
            title = next((values[k] for k in TITLE_FIELDS if values.get(k)), None)
            text = self.value(item.entity, "", title) if title is not None else ""
            if title is None:  # a signatory, a recipient: named by the record it points at
                text = next(
                    (
                        self.data.names[str(v)]
                        for k, v in values.items()
                        if str(v) in self.data.names and not self._is_parent(item, k)
                    ),
                    "",
                )
            return [(part, None, "", elide(text), "\n".join(elide(s, 300) for s in shown))]
        details = "\n".join(f"{k}: {v}" for k, v in item.details.items())
        reason = item.details.get("reason")
        text = str(reason) if reason else item.summary or ""
        return [(part, None, "", elide(text), details)]

    def _link(self, item: HistoryItem) -> tuple[str, str | None, str, str, str]:
        """A link: the other record's kind (Part) and name."""
        other = None
        for change in item.changes:
            value = change.new if change.new is not None else change.old
            if str(value) not in self.own_ids:
                other = (change.field, str(value))
        if other is None:
            return ("", None, "", item.summary or "", "")
        column, value = other
        table = (ID_COLUMNS.get(column) or (column.removesuffix("_id"), None))[0]
        name = self.data.names.get(value, translate(TEXTS["deleted"]))
        return (self._entity_name(table), None, "", elide(name), name)

    def _part(self, item: HistoryItem) -> str:
        name = self._entity_name(item.entity)
        number = self.numbers.get(item.record_id)
        return f"{name} {number}" if number is not None else name

    @staticmethod
    def _entity_name(entity: str) -> str:
        if entity in PART_NAMES:
            return translate(PART_NAMES[entity])
        text = entity.replace("_", " ")
        return text[:1].upper() + text[1:]

    def _is_parent(self, item: HistoryItem, name: str) -> bool:
        """The field of a part that points at its record (the record itself)."""
        table = (ID_COLUMNS.get(name) or ("", None))[0]
        return table in self.data.own

    def label(self, item: HistoryItem, name: str) -> str:
        if item.entity in self.data.own:
            return field_label(name)
        return part_field_label(name)

    def value(self, entity: str, name: str, value: Any) -> str:
        """A stored value as the form shows it."""
        if value is None or value == "":
            return translate(TEXTS["empty"])
        spec = self.specs.get((entity, name))
        kind = spec.kind if spec is not None else None
        if isinstance(value, bool):
            return translate(TEXTS["yes"]) if value else translate(TEXTS["no"])
        if isinstance(value, dict) and "size" in value:
            return translate(TEXTS["file"]).replace("%1", f"{value['size']:,}")
        if kind == "choice" or (kind is None and name in ("status", "kind", "sensitivity")):
            return value_label(value)
        if kind == "reference" or name.endswith("_id"):
            return self.data.names.get(str(value), translate(TEXTS["deleted"]))
        return " ".join(str(value).split()) if kind != "multiline" else str(value)


def elide(text: str, limit: int = ELIDE) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _change_text(old: str, new: str) -> str:
    """``old → new``, short; long texts that begin alike are shown from where they
    differ (``…co-signers → …agreed``)."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if len(old) + len(new) <= ELIDE:
        return f"{old} → {new}"
    same = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        same += 1
    if same > ELIDE // 3:  # start a word (at most ~12 characters) before the difference
        space = old.rfind(" ", same - 13, same - 1)
        start = space + 1 if space >= 0 else same - 8
        old, new = "…" + old[start:], "…" + new[start:]
    half = ELIDE // 2
    return f"{elide(old, half)} → {elide(new, half)}"


def local_time(at: dt.datetime) -> str:
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().strftime("%Y-%m-%d %H:%M")
