"""A record's history and reverting: one field, a whole record, a deleted record;
reverts validated like edits, recorded themselves, and refused on conflict."""

from __future__ import annotations

import pytest

from casetracker.audit import verify_chain
from casetracker.cli.main import main
from casetracker.errors import ConflictError, NotFoundError, ValidationError
from casetracker.models import Hearing


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def detainee(services):
    detention = services.detentions.create_detainee(
        {"display_name": "Vagif Khachatryan"}, [], {"category": "civilian", "captured_on": "2023"}
    )
    return detention


def test_for_record_lists_the_record_its_parts_and_links_newest_first(services):
    detention = detainee(services)
    hearing = services.detentions.add_hearing(detention.id, description="First hearing")
    services.detentions.add_charge(detention.id, description="Espionage")
    services.detentions.update(detention.id, capture_place="Lachin corridor")
    letter = services.letters.create(title="Free him")
    services.letters.link_detention(letter.id, detention.id)
    services.children.remove("detainees", "hearings", hearing.id)
    other = services.detentions.create(person_id=detention.person_id, category="civilian")
    services.detentions.add_hearing(other.id, description="Not this one")

    items = services.history.for_record("detention", detention.id)
    assert [(i.action, i.entity) for i in items] == [
        ("delete", "hearings"),
        ("link", "letter_detentions"),
        ("update", "detentions"),
        ("create", "charges"),
        ("create", "hearings"),
        ("create", "detentions"),
    ]
    assert [i.seq for i in items] == sorted((i.seq for i in items), reverse=True)
    (update,) = [i for i in items if i.action == "update"]
    assert [(c.field, c.label, c.old, c.new) for c in update.changes] == [
        ("capture_place", "capture place", None, "Lachin corridor")
    ]
    assert update.summary == "detention of 'Vagif Khachatryan' (2023)"
    own = services.history.for_record("detentions", detention.id, include_parts=False)
    assert [i.entity for i in own] == ["detentions", "detentions"]
    with pytest.raises(ValidationError, match="not a kind of record"):
        services.history.for_record("spaceship", detention.id)


def test_revert_field_restores_the_old_value_and_is_recorded(services):
    letter = services.letters.create(title="Release the detainees", sent_on="2025-04-11")
    services.letters.update(letter.id, title="Typo", sent_on="2025-04")
    (update,) = [i for i in services.history.for_record("letter", letter.id) if i.seq > 1]
    services.history.revert_field(update.seq, "sent_on")
    back = services.letters.get(letter.id)
    assert (back.title, str(back.sent_on)) == ("Typo", "2025-04-11")
    newest = services.history.for_record("letter", letter.id)[0]
    assert newest.action == "revert"
    assert newest.summary.endswith(f"revert of #{update.seq} sent_on")
    assert [(c.field, c.old, c.new) for c in newest.changes] == [
        ("sent_on", "2025-04", "2025-04-11")
    ]
    assert verify_chain(services.db).ok


def test_revert_field_refuses_a_value_changed_again_since(services):
    letter = services.letters.create(title="First")
    services.letters.update(letter.id, title="Second")
    services.letters.update(letter.id, title="Third")
    first_change = services.history.for_record("letter", letter.id)[1]
    with pytest.raises(ConflictError, match=r"changed again after entry \d+ \(it is now 'Third'\)"):
        services.history.revert_field(first_change.seq, "title")
    with pytest.raises(ConflictError, match="version 3, you saw version 2"):
        services.history.revert_field(first_change.seq, "title", force=True, expected_version=2)
    services.history.revert_field(first_change.seq, "title", force=True)
    assert services.letters.get(letter.id).title == "First"


def test_revert_field_refuses_what_cannot_apply(services):
    letter = services.letters.create(title="Letter", sent_on="2025-04-01", follow_up_due="2025-04")
    services.letters.update(letter.id, sent_on="2025-03-01")
    moved = services.history.for_record("letter", letter.id)[0].seq
    services.letters.update(letter.id, follow_up_due="2025-03-05")
    with pytest.raises(ValidationError, match="did not change 'title'"):
        services.history.revert_field(moved, "title")
    # the letter's rule still holds: sent on 1 April, followed up on 5 March is refused
    with pytest.raises(ValidationError, match="follow_up_due: is before the letter was sent"):
        services.history.revert_field(moved, "sent_on")
    assert str(services.letters.get(letter.id).sent_on) == "2025-03-01"
    services.letters.delete(letter.id)
    with pytest.raises(NotFoundError, match="was deleted"):
        services.history.revert_field(moved, "sent_on")


def test_revert_record_undoes_every_later_change(services):
    letter = services.letters.create(title="Original", summary="Short", sent_on="2025-01")
    created = services.history.for_record("letter", letter.id)[0].seq
    services.letters.update(letter.id, title="Second")
    services.letters.update(letter.id, summary="Longer", channel="email")
    services.letters.update(letter.id, title="Third")
    result = services.history.revert_record("letter", letter.id, created)
    back = services.letters.get(letter.id)
    assert (back.title, back.summary, back.channel) == ("Original", "Short", None)
    assert result.fields == ["channel", "summary", "title"]
    newest = services.history.for_record("letter", letter.id)[0]
    assert (newest.action, newest.summary.endswith(f"revert to #{created}")) == ("revert", True)
    # going back to a point after the second change
    second = [i for i in services.history.for_record("letter", letter.id) if i.action == "update"]
    services.history.revert_record("letter", letter.id, second[-1].seq)
    assert services.letters.get(letter.id).title == "Second"
    assert services.letters.get(letter.id).summary == "Short"


def test_revert_record_brings_back_a_deleted_record_with_its_parts(services):
    letter = services.letters.create(title="Lost letter", sent_on="2025-03")
    services.letters.add_ask(letter.id, "Release them")
    services.letters.add_ask(letter.id, "Allow visits")
    detention = detainee(services)
    services.letters.link_detention(letter.id, detention.id)
    services.letters.update(letter.id, title="Lost letter (final)")
    before_delete = services.history.for_record("letter", letter.id)[0].seq
    services.letters.delete(letter.id)
    with pytest.raises(NotFoundError):
        services.letters.get(letter.id)

    result = services.history.revert_record("letter", letter.id, before_delete)
    back = services.letters.get_full(letter.id)
    assert back.title == "Lost letter (final)" and str(back.sent_on) == "2025-03"
    assert sorted(a.text for a in back.asks) == ["Allow visits", "Release them"]
    assert services.children.linked("letters", "detainees", letter.id)[0].id == detention.id
    assert (result.undeleted, result.restored, result.not_restored) == (True, 3, [])
    assert verify_chain(services.db).ok
    # to before the title change, deleted again: the older title comes back
    services.letters.delete(letter.id)
    first = services.history.for_record("letter", letter.id, include_parts=False)[-1].seq
    services.history.revert_record("letter", letter.id, first)
    assert services.letters.get(letter.id).title == "Lost letter"


def test_revert_record_refuses_a_point_before_the_record_existed(services):
    before = services.letters.create(title="Earlier")
    letter = services.letters.create(title="Later")
    seq = services.history.for_record("letter", before.id)[0].seq
    with pytest.raises(ValidationError, match="no history at or before entry"):
        services.history.revert_record("letter", letter.id, seq)


def test_revert_skips_derived_fields(services):
    """A detention's status follows its status history: it is not set back directly."""
    detention = detainee(services)
    start = services.history.for_record("detention", detention.id, include_parts=False)[0].seq
    services.detentions.set_status(detention.id, "released", "2024-05")
    services.detentions.update(detention.id, capture_place="Shusha")
    result = services.history.revert_record("detention", detention.id, start)
    assert result.fields == ["capture_place"] and result.not_restored == ["status"]
    assert services.detentions.get(detention.id).status == "released"


def test_cli_history_revert_and_revert_field(services, db_url, capsys):
    letter = services.letters.create(title="From the CLI", sent_on="2025-04-11")
    services.letters.update(letter.id, title="Changed")
    code, out, _ = run(capsys, "--db", db_url, "history", "letter", str(letter.id))
    assert code == 0
    lines = out.splitlines()
    assert "update letters" in lines[0]
    assert lines[1].strip() == "title: 'From the CLI' → 'Changed'"
    seq = int(lines[0].split()[0].lstrip("#"))
    code, out, _ = run(capsys, "--db", db_url, "revert-field", str(seq), "title")
    assert code == 0 and services.letters.get(letter.id).title == "From the CLI"
    code, _, err = run(capsys, "--db", db_url, "revert-field", str(seq), "title")
    assert code == 1 and "changed again after entry" in err and len(err.splitlines()) == 1
    code, out, _ = run(capsys, "--db", db_url, "revert", "letter", str(letter.id), "--to", "1")
    assert code == 0 and "nothing to change" in out


def test_undelete_says_what_it_cannot_bring_back(services, db_url, capsys):
    detention = detainee(services)
    services.detentions.add_hearing(detention.id, description="Closed hearing")
    services.attachments.attach_bytes(b"scan", "scan.txt", detention_id=detention.id)
    last = services.history.for_record("detention", detention.id)[0].seq
    services.detentions.delete(detention.id)
    code, out, _ = run(
        capsys, "--db", db_url, "revert", "detention", str(detention.id), "--to", str(last)
    )
    assert code == 0
    assert out.splitlines() == [
        f"detention {detention.id} was brought back as after entry #{last}",
        "1 parts and links deleted with it were restored",
        "not restored: attached file 'scan.txt'",
    ]
    (hearing,) = services.detentions.children(detention.id, Hearing)
    assert hearing.description == "Closed hearing"
    assert verify_chain(services.db).ok
