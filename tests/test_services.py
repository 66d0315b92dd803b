"""Services end to end on SQLite and PostgreSQL: validation, locking, aggregates."""

from __future__ import annotations

import uuid

import pytest

from casetracker.errors import ConflictError, NotFoundError, ValidationError
from casetracker.models.enums import DetentionStatus, SanctionStatus
from casetracker.partialdate import PartialDate


def make_person(services, name="Ruben Vardanyan", **fields):
    return services.people.create(display_name=name, **fields)


def test_create_and_read_person_with_variants(services):
    person = make_person(
        services,
        names=[
            {"name": "Ռուբեն Վարդանյան", "script": "armn", "language": "hy"},
            {"name": "Рубен Варданян", "script": "Cyrl", "language": "ru"},
        ],
        identifiers={"OpenSanctions": "Q-123"},
        birth_date="1968~",
    )
    full = services.people.get_full(person.id)
    assert [n.name for n in full.names] == ["Ռուբեն Վարդանյան", "Рубен Варданян"]
    assert full.names[0].script == "Armn"
    assert full.identifiers[0].scheme == "opensanctions"
    assert full.birth_date == PartialDate(1968, estimated=True)
    assert full.sort_name == "vardanyan ruben"
    assert full.version == 1


def test_validation_names_every_bad_field(services):
    with pytest.raises(ValidationError) as info:
        services.letters.create(title="  ", sent_on="2025-02-30", direction="sideways")
    fields = {p.field for p in info.value.problems}
    assert fields == {"title", "sent_on", "direction"}
    assert "day 30 is not in 2025-02" in str(info.value)
    assert services.letters.count() == 0


def test_unknown_field_and_missing_reference(services):
    with pytest.raises(ValidationError, match="colour: is not a field"):
        services.letters.create(title="x", colour="red")
    with pytest.raises(ValidationError, match="person_id: no people with id"):
        services.detentions.create(person_id=uuid.uuid4(), category="civilian")


def test_optimistic_lock_refuses_stale_edit(services):
    letter = services.letters.create(title="Draft")
    services.letters.update(letter.id, 1, title="First edit")
    with pytest.raises(ConflictError, match="changed elsewhere"):
        services.letters.update(letter.id, 1, title="Second edit from an old copy")
    current = services.letters.get(letter.id)
    assert current.title == "First edit"
    assert current.version == 2


def test_delete_and_not_found(services):
    letter = services.letters.create(title="Gone soon")
    services.letters.delete(letter.id)
    with pytest.raises(NotFoundError):
        services.letters.get(letter.id)
    with pytest.raises(ValidationError, match="not a valid id"):
        services.letters.get("not-an-id")


def test_person_in_use_cannot_be_deleted(services):
    person = make_person(services)
    services.detentions.create(person_id=person.id, category="civilian")
    with pytest.raises(ValidationError, match="other records still refer to it"):
        services.people.delete(person.id)
    assert services.people.get(person.id).display_name == "Ruben Vardanyan"


def test_detention_status_follows_latest_dated_change(services):
    person = make_person(services)
    detention = services.detentions.create(
        person_id=person.id,
        category="political_figure",
        captured_on="2023-09-27",
        status="detained",
        status_on="2023-09-27",
    )
    services.detentions.set_status(detention.id, "sentenced", "2026-02")
    services.detentions.set_status(detention.id, "on_trial", "2025-01-17")  # entered late
    assert services.detentions.get(detention.id).status == DetentionStatus.SENTENCED
    history = services.detentions.status_history(detention.id)
    assert [h.status.value for h in history] == ["detained", "on_trial", "sentenced"]
    services.detentions.remove_status(history[-1].id)
    assert services.detentions.get(detention.id).status == DetentionStatus.ON_TRIAL


def test_detention_children(services):
    person = make_person(services)
    court = services.organizations.create(name="Baku Military Court", kind="court", country="az")
    assert court.country == "AZ"
    detention = services.detentions.create(person_id=person.id, category="prisoner_of_war")
    services.detentions.add_charge(detention.id, description="Illegal border crossing")
    services.detentions.add_hearing(
        detention.id,
        held_on="2025-01-17",
        court_id=court.id,
        judge_name="Zeynal Aghayev",
        outcome="adjourned",
    )
    services.detentions.add_treatment_report(detention.id, kind="torture", description="…")
    services.detentions.add_access_flag(
        detention.id, kind="icrc_access", state="no", observed_on="2025-03"
    )
    with pytest.raises(ValidationError, match="kind"):
        services.detentions.add_access_flag(detention.id, kind="telepathy", state="no")
    from casetracker.models import AccessFlag, Hearing

    assert len(services.detentions.children(detention.id, Hearing)) == 1
    assert services.detentions.children(detention.id, AccessFlag)[0].state.value == "no"


def test_asks_keep_their_order(services):
    letter = services.letters.create(title="Asks", sent_on="2025-04-11")
    a = services.letters.add_ask(letter.id, "Release them")
    b = services.letters.add_ask(letter.id, "Monitor trials")
    c = services.letters.add_ask(letter.id, "Sanction officials", position=0)
    assert [x.text for x in services.letters.asks(letter.id)] == [
        "Sanction officials",
        "Release them",
        "Monitor trials",
    ]
    services.letters.reorder_asks(letter.id, [b.id, a.id, c.id])
    assert [x.id for x in services.letters.asks(letter.id)] == [b.id, a.id, c.id]
    with pytest.raises(ValidationError, match="every ask of this letter exactly once"):
        services.letters.reorder_asks(letter.id, [b.id, a.id])
    services.letters.remove_ask(b.id)
    assert [(x.ordinal, x.id) for x in services.letters.asks(letter.id)] == [(0, a.id), (1, c.id)]
    services.letters.set_ask_status(a.id, "partly_met", "ICRC access restored for some")
    assert services.letters.asks(letter.id)[0].status.value == "partly_met"


def test_signatories_recipients_tags_and_links(services):
    letter = services.letters.create(title="Letter", sent_on="2025-04-11", follow_up_due="2025-05")
    titus = make_person(services, "Dina Titus")
    rubio = make_person(services, "Marco Rubio")
    state = services.organizations.create(name="Department of State", kind="ministry")
    services.letters.add_signatory(letter.id, titus.id, is_lead=True)
    with pytest.raises(ValidationError, match="already signed"):
        services.letters.add_signatory(letter.id, titus.id)
    services.letters.add_recipient(letter.id, person_id=rubio.id, organization_id=state.id)
    services.letters.add_recipient(letter.id, organization_id=state.id, role="copy")
    with pytest.raises(ValidationError, match="person, an organization or both"):
        services.letters.add_recipient(letter.id)
    assert services.letters.set_tags(letter.id, ["Magnitsky", "Armenia", "Armenia", " "]) == [
        "Armenia",
        "Magnitsky",
    ]
    full = services.letters.get_full(letter.id)
    assert [t.name for t in full.tags] == ["Armenia", "Magnitsky"]
    assert [r.role.value for r in full.recipients] == ["direct", "copy"]
    assert full.signatories[0].is_lead
    detention = services.detentions.create(person_id=titus.id, category="other")
    assert services.letters.link_detention(letter.id, detention.id) is True
    assert services.letters.link_detention(letter.id, detention.id) is False
    with pytest.raises(ValidationError, match="follow_up_due: is before"):
        services.letters.update(letter.id, follow_up_due="2024")


def test_sanction_request_programs_and_status(services):
    with pytest.raises(ValidationError, match="target"):
        services.sanctions.create(title="No target")
    with pytest.raises(ValidationError, match="'US-MAGIC' is not one of"):
        services.sanctions.create(title="x", target_description="officials", programs=["US-MAGIC"])
    official = make_person(services, "Some Official")
    request = services.sanctions.create(
        title="Designate",
        target_person_id=official.id,
        programs=["us-glomag", "GB-HR"],
        status="proposed",
        status_on="2025-04-11",
    )
    services.sanctions.set_status(request.id, "designated", "2026-03-01", "Treasury press")
    full = services.sanctions.get_full(request.id)
    assert [p.program_key for p in full.programs] == ["GB-HR", "US-GLOMAG"]
    assert full.status == SanctionStatus.DESIGNATED
    assert full.designated_on == PartialDate(2026, 3, 1)


def test_response_positions_only_on_answered_letters(services):
    letter = services.letters.create(title="Ours", sent_on="2025-04-11")
    other = services.letters.create(title="Other", sent_on="2025-05-01")
    ask = services.letters.add_ask(letter.id, "Release")
    foreign_ask = services.letters.add_ask(other.id, "Something else")
    state = services.organizations.create(name="Department of State", kind="ministry")
    with pytest.raises(ValidationError, match="who sent it"):
        services.responses.create(title="?", response_type="token_reply")
    response = services.responses.create(
        title="Reply",
        response_type="partial",
        from_organization_id=state.id,
        received_on="2025-06",
        in_reply_to=[letter.id],
    )
    services.responses.set_ask_position(response.id, ask.id, "noncommittal")
    services.responses.set_ask_position(response.id, ask.id, "declined", "Said no")
    positions = services.responses.ask_positions(response.id)
    assert [(p.position.value, p.note) for p in positions] == [("declined", "Said no")]
    with pytest.raises(ValidationError, match="does not answer"):
        services.responses.set_ask_position(response.id, foreign_ask.id, "agreed")
    services.responses.add_commitment(response.id, "Raise the cases in Baku", due_on="2025-09")
    assert services.responses.letters(response.id) == [letter.id]


def test_consent_is_recorded_per_use(services):
    person = make_person(services)
    services.people.set_consent(
        person.id, "publish", "refused", recorded_by="A. Staffer", recorded_on="2025-03-02"
    )
    services.people.set_consent(person.id, "publish", "granted", recorded_by="B. Staffer")
    from casetracker.models.enums import ConsentState, ConsentUse

    assert services.people.consent(person.id, ConsentUse.PUBLISH) == ConsentState.GRANTED
    assert services.people.consent(person.id, ConsentUse.SANCTIONS_DOSSIER) == (
        ConsentState.UNKNOWN
    )
    with pytest.raises(ValidationError, match="use"):
        services.people.set_consent(person.id, "sell", "granted")


def test_duplicates_are_merged_only_on_request(services):
    keep = make_person(services, "Daniel Goldman", identifiers={"bioguide": "G000599"})
    dup = make_person(services, "Goldman Daniel")
    other = make_person(services, "Daniel  goldman")
    letter = services.letters.create(title="L")
    services.letters.add_signatory(letter.id, dup.id, signed_as="Dan Goldman")
    candidates = services.people.possible_duplicates()
    assert len(candidates) == 3  # nothing merged by itself
    services.people.mark_not_same(keep.id, other.id, decided_by="me", note="different man")
    services.people.merge(keep.id, dup.id, decided_by="me")
    with pytest.raises(NotFoundError):
        services.people.get(dup.id)
    full = services.letters.get_full(letter.id)
    assert [s.person_id for s in full.signatories] == [keep.id]
    assert "Goldman Daniel" in [n.name for n in services.people.get_full(keep.id).names]
    assert services.people.possible_duplicates() == []


def test_nested_transaction_is_all_or_nothing(services, db):
    with pytest.raises(ValidationError), db.transaction():
        services.letters.create(title="Inside")
        services.letters.create(title="Bad", sent_on="never")
    assert services.letters.count() == 0


def test_attachments_keep_hash_and_bytes(services):
    letter = services.letters.create(title="With file")
    attachment = services.attachments.attach_bytes(
        b"%PDF-1.4 ...", "letter.pdf", letter_id=letter.id
    )
    assert attachment.media_type == "application/pdf"
    assert attachment.size == 12
    assert len(attachment.sha256) == 64
    assert services.attachments.content(attachment.id) == b"%PDF-1.4 ..."
    with pytest.raises(ValidationError, match="owner"):
        services.attachments.attach_bytes(b"x", "x.txt")


def test_sources_cite_exactly_one_record(services):
    source = services.sources.create(kind="media_report", title="Report", reliability="reliable")
    person = make_person(services)
    services.sources.cite(source.id, person_id=person.id, locator="p. 3")
    assert len(services.sources.citations(person_id=person.id)) == 1
    with pytest.raises(ValidationError, match="exactly one"):
        services.sources.cite(source.id)


def test_create_many_is_all_or_nothing_and_checks_references(services):
    people = [{"display_name": f"Person {n}"} for n in range(7)]
    assert services.people.create_many(people, batch_size=3) == 7
    ids = [r["id"] for r in services.listing.page("people").rows]
    rows = [{"person_id": pid, "category": "civilian", "captured_on": "2024"} for pid in ids]
    rows.append({"person_id": uuid.uuid4(), "category": "civilian"})
    with pytest.raises(ValidationError, match=r"#8: person_id: no record with id"):
        services.detentions.create_many(rows, batch_size=3)
    assert services.detentions.count() == 0
    assert services.detentions.create_many(rows[:-1], batch_size=3) == 7


def test_bulk_insert_refreshes_planner_statistics(services, db, backend):
    assert services.people.create_many({"display_name": f"P {n}"} for n in range(1000)) == 1000
    assert services.people.count() == 1000
    if backend == "sqlite":
        from sqlalchemy import text

        with db.engine.connect() as conn:
            stats = conn.execute(text("SELECT tbl FROM sqlite_stat1")).scalars().all()
        assert "people" in stats
