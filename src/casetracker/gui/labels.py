"""Every user-visible label of lists, fields and values, through Qt's translator.

Labels are written in English here and translated when shown, so a ``.qm``
file for the user's language changes every one of them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CTX = "Labels"

LIST_TITLES = {
    "dashboard": QT_TRANSLATE_NOOP("Labels", "Dashboard"),
    "detainees": QT_TRANSLATE_NOOP("Labels", "Detainees"),
    "letters": QT_TRANSLATE_NOOP("Labels", "Letters"),
    "sanctions": QT_TRANSLATE_NOOP("Labels", "Sanctions"),
    "responses": QT_TRANSLATE_NOOP("Labels", "Responses"),
    "people": QT_TRANSLATE_NOOP("Labels", "People"),
    "organizations": QT_TRANSLATE_NOOP("Labels", "Organizations"),
    "search": QT_TRANSLATE_NOOP("Labels", "Search"),
}

#: the groups of search results, by type of document
SEARCH_GROUPS = {
    "letter": QT_TRANSLATE_NOOP("Labels", "Letters"),
    "response": QT_TRANSLATE_NOOP("Labels", "Responses"),
    "detainee": QT_TRANSLATE_NOOP("Labels", "Detainees"),
    "sanction": QT_TRANSLATE_NOOP("Labels", "Sanction requests"),
    "person": QT_TRANSLATE_NOOP("Labels", "People"),
    "attachment": QT_TRANSLATE_NOOP("Labels", "Attached files"),
}

#: what one record of each list is called
RECORD_NAMES = {
    "detainees": QT_TRANSLATE_NOOP("Labels", "detainee"),
    "letters": QT_TRANSLATE_NOOP("Labels", "letter"),
    "sanctions": QT_TRANSLATE_NOOP("Labels", "sanction request"),
    "responses": QT_TRANSLATE_NOOP("Labels", "response"),
    "people": QT_TRANSLATE_NOOP("Labels", "person"),
    "organizations": QT_TRANSLATE_NOOP("Labels", "organization"),
}

FIELD_LABELS = {
    "abbreviation": QT_TRANSLATE_NOOP("Labels", "Abbreviation"),
    "birth_date": QT_TRANSLATE_NOOP("Labels", "Born"),
    "body": QT_TRANSLATE_NOOP("Labels", "Body"),
    "capture_circumstances": QT_TRANSLATE_NOOP("Labels", "Circumstances of capture"),
    "capture_place": QT_TRANSLATE_NOOP("Labels", "Place of capture"),
    "captured_on": QT_TRANSLATE_NOOP("Labels", "Detained since"),
    "category": QT_TRANSLATE_NOOP("Labels", "Category"),
    "channel": QT_TRANSLATE_NOOP("Labels", "Channel"),
    "citizenship": QT_TRANSLATE_NOOP("Labels", "Citizenship"),
    "country": QT_TRANSLATE_NOOP("Labels", "Country"),
    "designated_on": QT_TRANSLATE_NOOP("Labels", "Designated on"),
    "designation_reference": QT_TRANSLATE_NOOP("Labels", "Designation reference"),
    "direction": QT_TRANSLATE_NOOP("Labels", "Direction"),
    "display_name": QT_TRANSLATE_NOOP("Labels", "Name"),
    "facility": QT_TRANSLATE_NOOP("Labels", "Facility"),
    "facility_id": QT_TRANSLATE_NOOP("Labels", "Held at"),
    "follow_up_due": QT_TRANSLATE_NOOP("Labels", "Follow up by"),
    "from_organization_id": QT_TRANSLATE_NOOP("Labels", "From (organization)"),
    "from_person_id": QT_TRANSLATE_NOOP("Labels", "From (person)"),
    "full_text": QT_TRANSLATE_NOOP("Labels", "Full text"),
    "gender": QT_TRANSLATE_NOOP("Labels", "Gender"),
    "grounds": QT_TRANSLATE_NOOP("Labels", "Grounds"),
    "impact": QT_TRANSLATE_NOOP("Labels", "Impact"),
    "impact_note": QT_TRANSLATE_NOOP("Labels", "Impact note"),
    "kind": QT_TRANSLATE_NOOP("Labels", "Kind"),
    "name": QT_TRANSLATE_NOOP("Labels", "Name"),
    "notes": QT_TRANSLATE_NOOP("Labels", "Notes"),
    "open_asks": QT_TRANSLATE_NOOP("Labels", "Open asks"),
    "outcome": QT_TRANSLATE_NOOP("Labels", "Outcome"),
    "parent_id": QT_TRANSLATE_NOOP("Labels", "Part of"),
    "programs": QT_TRANSLATE_NOOP("Labels", "Programs"),
    "received_on": QT_TRANSLATE_NOOP("Labels", "Received"),
    "response_type": QT_TRANSLATE_NOOP("Labels", "Type"),
    "sender": QT_TRANSLATE_NOOP("Labels", "From"),
    "sensitivity": QT_TRANSLATE_NOOP("Labels", "Sensitivity"),
    "sent_on": QT_TRANSLATE_NOOP("Labels", "Sent"),
    "sentence": QT_TRANSLATE_NOOP("Labels", "Sentence"),
    "sentence_months": QT_TRANSLATE_NOOP("Labels", "Sentence (months)"),
    "sentenced_on": QT_TRANSLATE_NOOP("Labels", "Sentenced on"),
    "signatories": QT_TRANSLATE_NOOP("Labels", "Signatories"),
    "status": QT_TRANSLATE_NOOP("Labels", "Status"),
    "submitted_on": QT_TRANSLATE_NOOP("Labels", "Submitted"),
    "summary": QT_TRANSLATE_NOOP("Labels", "Summary"),
    "target": QT_TRANSLATE_NOOP("Labels", "Target"),
    "target_description": QT_TRANSLATE_NOOP("Labels", "Target (description)"),
    "target_person_id": QT_TRANSLATE_NOOP("Labels", "Target (person)"),
    "tags": QT_TRANSLATE_NOOP("Labels", "Tags (comma-separated)"),
    "title": QT_TRANSLATE_NOOP("Labels", "Title"),
    "updated_at": QT_TRANSLATE_NOOP("Labels", "Changed"),
}

GROUP_TITLES = {
    "asks": QT_TRANSLATE_NOOP("Labels", "Asks"),
    "ask_positions": QT_TRANSLATE_NOOP("Labels", "Positions on asks"),
    "commitments": QT_TRANSLATE_NOOP("Labels", "Commitments"),
    "detentions": QT_TRANSLATE_NOOP("Labels", "Detentions"),
    "events": QT_TRANSLATE_NOOP("Labels", "Events"),
    "grounds": QT_TRANSLATE_NOOP("Labels", "Grounds"),
    "hearings": QT_TRANSLATE_NOOP("Labels", "Hearings"),
    "held_here": QT_TRANSLATE_NOOP("Labels", "Detainees held here"),
    "letters": QT_TRANSLATE_NOOP("Labels", "Letters"),
    "letters_received": QT_TRANSLATE_NOOP("Labels", "Letters received"),
    "members": QT_TRANSLATE_NOOP("Labels", "People with positions here"),
    "positions": QT_TRANSLATE_NOOP("Labels", "Positions"),
    "programs": QT_TRANSLATE_NOOP("Labels", "Programs"),
    "recipients": QT_TRANSLATE_NOOP("Labels", "Recipients"),
    "replied_to": QT_TRANSLATE_NOOP("Labels", "In reply to"),
    "responses": QT_TRANSLATE_NOOP("Labels", "Responses"),
    "responses_sent": QT_TRANSLATE_NOOP("Labels", "Responses sent"),
    "sanctions": QT_TRANSLATE_NOOP("Labels", "Sanction requests"),
    "sender": QT_TRANSLATE_NOOP("Labels", "Sender"),
    "signatories": QT_TRANSLATE_NOOP("Labels", "Signatories"),
    "signatures": QT_TRANSLATE_NOOP("Labels", "Letters signed"),
    "status_history": QT_TRANSLATE_NOOP("Labels", "Status history"),
    "target": QT_TRANSLATE_NOOP("Labels", "Target"),
}


def tr(text: str) -> str:
    """Translate a label declared in this module."""
    return QCoreApplication.translate(_CTX, text)


def list_title(kind: str) -> str:
    return tr(LIST_TITLES.get(kind, kind))


def search_group(doc_type: str) -> str:
    return tr(SEARCH_GROUPS.get(doc_type, doc_type))


def record_name(kind: str) -> str:
    return tr(RECORD_NAMES.get(kind, kind))


def field_label(name: str) -> str:
    return tr(FIELD_LABELS.get(name, _humanize(name)))


def group_title(key: str) -> str:
    return tr(GROUP_TITLES.get(key, _humanize(key)))


def value_label(value: object) -> str:
    """A stored code (``on_trial``) as people read it ("On trial"), translated."""
    if value is None:
        return ""
    from casetracker.gui.value_labels import VALUE_LABELS

    text = str(getattr(value, "value", value))
    return QCoreApplication.translate("Values", VALUE_LABELS.get(text) or _humanize(text))


def _humanize(code: str) -> str:
    text = code.removesuffix("_id").replace("_", " ")
    return text[:1].upper() + text[1:]
