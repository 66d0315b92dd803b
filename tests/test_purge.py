"""Purge: a record, its parts, links, files, search entries and its history's
content leave the database for good (SQLite: not a byte left in the file or its
WAL), the chain still verifies and one purge entry says what happened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casetracker.audit import verify_chain
from casetracker.cli.main import main
from casetracker.errors import NotFoundError, ValidationError
from casetracker.models import (
    Attachment,
    AuditEntry,
    Detention,
    Event,
    Letter,
    Person,
    PersonName,
    SearchEntry,
)

NAME = "Qzxvbnm Purgeable"
TRACES = ("qzxvbnm", "purgeable")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def confidential_detainee(services):
    """A detainee whose name is in their names, narrative, an event, an attached
    file (content and extracted text), a linked letter's document and the index."""
    detention = services.detentions.create_detainee(
        {"display_name": NAME, "sensitivity": "confidential"},
        [{"name": "Qzxvbnm P.", "kind": "alias"}],
        {
            "category": "civilian",
            "captured_on": "2023-09",
            "capture_circumstances": f"{NAME} was taken at the checkpoint.",
            "sensitivity": "confidential",
        },
    )
    services.detentions.update(detention.id, summary=f"Held incommunicado; {NAME} is ill.")
    services.detentions.add_hearing(detention.id, description=f"Hearing of {NAME}")
    services.events.create(
        title=f"{NAME} moved to Baku",
        kind="transferred",
        detention_id=detention.id,
        person_id=detention.person_id,
        sensitivity="confidential",
    )
    services.attachments.attach_bytes(
        f"Statement by {NAME}\n".encode(),
        "statement.txt",
        detention_id=detention.id,
        sensitivity="confidential",
    )
    letter = services.letters.create(title="Release the detainees", sent_on="2025-04-11")
    services.letters.link_detention(letter.id, detention.id)
    return detention, letter


def others(services):
    kept = services.detentions.create_detainee(
        {"display_name": "Vagif Khachatryan"}, [], {"category": "civilian"}
    )
    services.events.create(title="Visit by the ICRC", kind="visit", detention_id=kept.id)
    return kept


def file_bytes(path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm", "-journal"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            data += part.read_bytes()
    return data


def traces(path: Path) -> list[str]:
    data = file_bytes(path).lower()
    found = []
    for word in TRACES:
        for encoding in ("utf-8", "utf-16-le"):
            if word.encode(encoding) in data:
                found.append(f"{word} ({encoding})")
    return found


def count(services, model, *where) -> int:
    with services.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_purged_detainee_leaves_no_byte_in_the_sqlite_file(services):
    detention, letter = confidential_detainee(services)
    kept = others(services)
    services.letters.link_detention(letter.id, kept.id)
    path = services.db.path
    assert traces(path)  # the test can fail: the name is there before
    assert services.search.search("qzxvbnm").hits

    report = services.purge.purge("detention", detention.id, reason="consent withdrawn")

    assert report.compacted and report.history_blanked > 5
    assert report.removed["detentions"] == 1 and report.removed["people"] == 1
    assert report.removed["attachments"] == 1 and report.removed["events"] == 1
    assert traces(path) == []
    assert not services.search.search("qzxvbnm").hits
    outcome = verify_chain(services.db)
    assert outcome.ok and outcome.purged == report.history_blanked
    with services.db.reading() as session:
        (entry,) = session.scalars(select(AuditEntry).where(AuditEntry.action == "purge"))
        details = json.loads(entry.changes)
    assert (entry.entity, entry.record_id) == ("detentions", detention.id)
    assert details["reason"] == "consent withdrawn"
    assert details["history_blanked"] == report.history_blanked
    assert NAME.split()[0] not in entry.changes + entry.summary
    # everything else is intact
    assert count(services, Person) == 1 and count(services, Detention) == 1
    assert count(services, Event, Event.detention_id == kept.id) == 1
    assert count(services, Letter) == 1
    assert [c.id for c in services.children.linked("letters", "detainees", letter.id)] == [kept.id]
    found = services.search.search("khachatryan").hits
    assert sorted((h.type, h.title) for h in found) == [
        ("detainee", "Vagif Khachatryan"),
        ("person", "Vagif Khachatryan"),
    ]
    assert count(services, Attachment) == 0 and count(services, PersonName) == 0
    with pytest.raises(NotFoundError):
        services.detentions.get(detention.id)
    # the history of what stays is untouched
    assert services.history.for_record("letter", letter.id)[-1].summary == (
        "letter 'Release the detainees' (2025-04-11)"
    )


def test_purging_removes_rows_and_history_content(services):
    """Both backends: rows, search entries and history content go; the chain holds."""
    detention, _letter = confidential_detainee(services)
    person_id = detention.person_id
    kept = others(services)
    report = services.purge.purge("detention", detention.id, reason="requested by family")
    assert count(services, Detention, Detention.id == detention.id) == 0
    assert count(services, Person, Person.id == person_id) == 0
    assert count(services, SearchEntry, SearchEntry.record_id.in_([detention.id, person_id])) == 0
    with services.db.reading() as session:
        contents = [
            (e.summary or "") + (e.changes or "") for e in session.scalars(select(AuditEntry))
        ]
    assert not any(word in text.lower() for text in contents for word in TRACES)
    assert not any(str(person_id) in text for text in contents)
    assert verify_chain(services.db).ok
    assert services.detentions.get(kept.id).person_id != person_id
    if services.db.is_sqlite:
        assert report.compacted
    else:
        assert any("write-ahead log" in note for note in report.notes)


def test_a_person_referred_to_elsewhere_stays_or_refuses(services):
    detention = services.detentions.create_detainee(
        {"display_name": "Signed Somewhere"}, [], {"category": "civilian"}
    )
    letter = services.letters.create(title="Letter")
    services.letters.add_signatory(letter.id, detention.person_id)
    with pytest.raises(ValidationError, match="1 letter signatory still refers to the person"):
        services.purge.purge("person", detention.person_id, reason="test")
    assert count(services, Detention) == 1  # nothing was purged
    report = services.purge.purge("detention", detention.id, reason="test")
    assert any("person record stays" in note for note in report.notes)
    assert count(services, Person, Person.id == detention.person_id) == 1
    with pytest.raises(ValidationError, match="say why"):
        services.purge.purge("letter", letter.id, reason="  ")
    assert verify_chain(services.db).ok


def test_cli_purge_asks_for_yes(services, db_url, capsys):
    letter = services.letters.create(title="To go", sensitivity="confidential")
    code, _, err = run(
        capsys, "--db", db_url, "purge", "letter", str(letter.id), "--reason", "duplicate"
    )
    assert code == 1 and "add --yes" in err and len(err.splitlines()) == 1
    assert count(services, Letter) == 1
    code, out, _ = run(
        capsys,
        "--db",
        db_url,
        "purge",
        "letter",
        str(letter.id),
        "--reason",
        "duplicate",
        "--yes",
    )
    assert code == 0 and out.startswith(f"purged letter {letter.id}: 1 rows removed")
    assert count(services, Letter) == 0
    code, out, _ = run(capsys, "--db", db_url, "audit", "verify")
    assert code == 0 and "entries' contents were purged" in out


# ------------------------------------------------------------ parts deleted before
GONE = "Zyxwerta Qomolangma"
GONE_TRACES = ("zyxwerta", "qomolangma", "sealed-notes-xq")


def history_text(services) -> str:
    with services.db.reading() as session:
        return "\n".join(
            f"{e.summary or ''} {e.changes or ''}" for e in session.scalars(select(AuditEntry))
        ).lower()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_part_deleted_before_the_purge_leaves_no_byte(services):
    person = services.people.create(display_name=GONE)
    detention = services.detentions.create(person_id=person.id, category="civilian")
    services.detentions.update(detention.id, notes="Sealed-notes-xq from the lawyer")
    services.detentions.delete(detention.id)
    path = services.db.path
    assert all(word in history_text(services) for word in GONE_TRACES)

    report = services.purge.purge("person", person.id, reason="consent withdrawn")

    assert report.compacted and report.history_blanked == 4  # person, detention x3
    data = file_bytes(path).lower()
    found = [
        (word, enc) for word in GONE_TRACES for enc in ("utf-8", "utf-16-le")
        if word.encode(enc) in data
    ]
    assert found == []
    assert verify_chain(services.db).ok


def test_purging_an_already_deleted_record(services):
    """Its remaining history (and its parts') is blanked; a linked letter's own
    history stays; the purge is recorded; an unknown id is still not found."""
    detention = services.detentions.create_detainee(
        {"display_name": GONE}, [], {"category": "civilian"}
    )
    services.detentions.add_hearing(detention.id, description="Hearing sealed-notes-xq")
    letter = services.letters.create(title="Release the detainees", sent_on="2025-04-11")
    services.letters.link_detention(letter.id, detention.id)
    services.letters.update(letter.id, summary="Asks for release")
    services.detentions.delete(detention.id)
    services.people.delete(detention.person_id)
    def letter_history():
        found = services.history.for_record("letter", letter.id, include_parts=False)
        return [i for i in found if i.entity == "letters"], [
            i for i in found if i.entity == "letter_detentions"
        ]

    before, _ = letter_history()

    report = services.purge.purge("person", detention.person_id, reason="asked by family")

    assert report.records == 0 and report.history_blanked >= 6
    assert not any(word in history_text(services) for word in GONE_TRACES)
    assert str(detention.id) not in history_text(services)
    after, links = letter_history()
    assert len(after) == 2 and after == before and not any(i.purged for i in after)
    assert [(i.action, i.purged) for i in links] == [("unlink", True), ("link", True)]
    outcome = verify_chain(services.db)
    assert outcome.ok and outcome.purged == report.history_blanked
    with services.db.reading() as session:
        (entry,) = session.scalars(select(AuditEntry).where(AuditEntry.action == "purge"))
    assert (entry.entity, entry.record_id) == ("people", detention.person_id)
    assert json.loads(entry.changes)["history_blanked"] == report.history_blanked
    again = services.purge.purge("person", detention.person_id, reason="asked by family")
    assert again.history_blanked == 0 and verify_chain(services.db).ok
    with pytest.raises(NotFoundError, match="no person with id"):
        services.purge.purge("person", letter.id, reason="wrong id")
