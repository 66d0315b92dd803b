"""Bulk edits: one transaction, validated like an edit, every row in the history."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from casetracker.audit import verify_chain
from casetracker.cli.main import main
from casetracker.errors import NotFoundError, ValidationError
from casetracker.models import AuditEntry, Letter


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def letters(services, n: int, **fields) -> list:
    return [services.letters.create(title=f"Letter {i}", **fields) for i in range(n)]


def audit(services, action: str) -> list[AuditEntry]:
    with services.db.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
            )
        )


def test_a_bulk_set_of_20_letters_gives_20_entries(services):
    made = letters(services, 20, sent_on="2025-01")
    count = services.bulk.set_field("letter", [r.id for r in made], "channel", "email")
    assert count == 20
    updates = audit(services, "update")
    assert sorted(e.record_id for e in updates) == sorted(r.id for r in made)
    assert {e.changes for e in updates} == {'{"channel":[null,"email"]}'}
    assert all(e.summary.endswith("bulk edit of 20 letters") for e in updates)
    assert {services.letters.get(r.id).channel for r in made} == {"email"}
    assert verify_chain(services.db).ok
    # already set: nothing changes, nothing recorded
    assert services.bulk.set_field("letters", [r.id for r in made], "channel", "email") == 0
    assert len(audit(services, "update")) == 20


def test_the_value_and_every_record_are_validated(services):
    made = letters(services, 3, sent_on="2025-03")
    ids = [r.id for r in made]
    with pytest.raises(ValidationError, match="'pigeon' is not one of"):
        services.bulk.set_field("letter", ids, "channel", "pigeon")
    with pytest.raises(ValidationError, match="is not a field of this record"):
        services.bulk.set_field("letter", ids, "version", 7)
    services.letters.update(ids[1], sent_on="2025-06")
    with pytest.raises(ValidationError, match="follow_up_due: is before the letter was sent"):
        services.bulk.set_field("letter", ids, "follow_up_due", "2025-04")
    with pytest.raises(NotFoundError, match="nothing was changed"):
        services.bulk.set_field(
            "letter", [*ids, "00000000-0000-4000-8000-000000000000"], "channel", "fax"
        )
    assert {services.letters.get(i).follow_up_due for i in ids} == {None}
    assert {services.letters.get(i).channel for i in ids} == {None}
    (edit,) = audit(services, "update")  # the one sent_on edit
    assert edit.record_id == ids[1]


def test_a_crash_in_the_middle_commits_nothing(services):
    made = letters(services, 10)
    seen = []

    def crash(_mapper, _connection, target):
        seen.append(target.id)
        if len(seen) == 6:
            raise RuntimeError("power cut")

    event.listen(Letter, "before_update", crash)
    try:
        with pytest.raises(RuntimeError, match="power cut"):
            services.bulk.set_field("letter", [r.id for r in made], "notes", "checked")
    finally:
        event.remove(Letter, "before_update", crash)
    assert {services.letters.get(r.id).notes for r in made} == {None}
    assert audit(services, "update") == []
    assert verify_chain(services.db).ok


def test_derived_fields_follow(services):
    people = [services.people.create(display_name=f"Person {i}") for i in range(3)]
    services.bulk.set_field("person", [p.id for p in people], "display_name", "Anonymous Person")
    assert {services.people.get(p.id).sort_name for p in people} == {"person anonymous"}


def test_cli_bulk_set_by_ids_file_and_filter(services, db_url, capsys, tmp_path):
    made = letters(services, 4, sent_on="2025-02")
    services.letters.update(made[0].id, direction="incoming")
    ids_file = tmp_path / "ids.txt"
    ids_file.write_text("\n".join(str(r.id) for r in made[:2]) + "\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "--db", db_url, "bulk-set", "letter", "notes", "seen", "--ids-file", str(ids_file)
    )
    assert (code, out.strip()) == (0, "updated 2 letters")
    code, out, _ = run(
        capsys,
        "--db",
        db_url,
        "bulk-set",
        "letter",
        "channel",
        "email",
        "--filter",
        "direction=outgoing",
    )
    assert (code, out.strip()) == (0, "updated 3 letters")
    assert [services.letters.get(r.id).channel for r in made] == [None, "email", "email", "email"]
    ids = ",".join(str(r.id) for r in made)
    code, out, _ = run(capsys, "--db", db_url, "bulk-set", "letter", "notes", "", "--ids", ids)
    assert (code, out.strip()) == (0, "updated 2 letters")
    code, _, err = run(capsys, "--db", db_url, "bulk-set", "letter", "notes", "x")
    assert code == 1 and "give exactly one of --ids, --ids-file or --filter" in err
