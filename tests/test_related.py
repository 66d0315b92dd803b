"""Related records of every kind: exact groups, contents and order, in few queries."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest
from sqlalchemy import event

from casetracker.demo import DEMO_LETTER_TITLE, load_demo
from casetracker.errors import NotFoundError, ValidationError
from casetracker.services.related import GROUPS


@pytest.fixture
def case(services):
    """One detention with letters, asks, a response, a sanction request and events."""
    s = services
    prison = s.organizations.create(name="Baku pre-trial facility", kind="detention_facility")
    court = s.organizations.create(name="Baku Military Court", kind="court")
    ministry = s.organizations.create(name="Ministry of Foreign Affairs", kind="ministry")
    nk = s.organizations.create(name="Nagorno-Karabakh government", kind="government")
    ruben = s.people.create(
        display_name="Ruben Vardanyan",
        names=[{"name": "Рубен Варданян", "script": "Cyrl"}],
    )
    s.positions.create(
        person_id=ruben.id,
        organization_id=nk.id,
        title="State Minister",
        start_date="2022-11",
        end_date="2023-02",
    )
    s.positions.create(person_id=ruben.id, title="Businessman", start_date="2001")
    minister = s.people.create(display_name="Jeyhun Bayramov")
    s.positions.create(
        person_id=minister.id, organization_id=ministry.id, title="Minister", start_date="2020-07"
    )
    smith = s.people.create(display_name="Chris Smith")
    titus = s.people.create(display_name="Dina Titus")

    detention = s.detentions.create(
        person_id=ruben.id,
        category="political_figure",
        captured_on="2023-09-27",
        facility_id=prison.id,
        status="detained",
        status_on="2023-09-27",
    )
    s.detentions.set_status(detention.id, "on_trial", "2025-01-17", "Trial opened")
    s.detentions.add_hearing(
        detention.id, held_on="2025-01-17", court_id=court.id, description="Opening"
    )
    s.detentions.add_hearing(detention.id, held_on="2025-03", court_id=court.id)

    first = s.letters.create(title="First appeal", sent_on="2024-02", direction="outgoing")
    second = s.letters.create(title="Second appeal", sent_on="2025-04-11", direction="outgoing")
    s.letters.create(title="Unrelated letter", sent_on="2025-05-01")
    for letter in (first, second):
        s.letters.link_detention(letter.id, detention.id)
    s.letters.add_ask(first.id, "Confirm his whereabouts", status="refused")
    release = s.letters.add_ask(second.id, "Release him")
    s.letters.add_ask(second.id, "Allow ICRC visits", status="met")
    sanction_ask = s.letters.add_ask(second.id, "Sanction the officials")
    s.letters.add_signatory(second.id, smith.id)
    s.letters.add_signatory(second.id, titus.id, is_lead=True)
    s.letters.add_recipient(second.id, person_id=minister.id, organization_id=ministry.id)
    s.letters.add_recipient(second.id, organization_id=court.id, role="copy")

    response = s.responses.create(
        title="Reply from the ministry",
        received_on="2025-05-02",
        from_person_id=minister.id,
        from_organization_id=ministry.id,
        response_type="denial",
        in_reply_to=[second.id],
    )
    s.responses.set_ask_position(response.id, sanction_ask.id, "noncommittal")
    s.responses.set_ask_position(response.id, release.id, "declined")
    s.responses.add_commitment(response.id, "Review the file", due_on="2025-06")
    s.responses.add_commitment(response.id, "Answer again")

    request = s.sanctions.create(
        title="Global Magnitsky request",
        target_person_id=minister.id,
        programs=["US-GLOMAG", "GB-HR"],
        status="proposed",
        status_on="2025-04-11",
        submitted_on="2025-04-11",
    )
    s.sanctions.set_status(request.id, "submitted", "2025-04-20", "Sent to State")
    s.sanctions.add_recipient(request.id, organization_id=ministry.id)
    s.sanctions.add_ground_detention(request.id, detention.id)
    offensive = s.events.create(occurred_on="2023-09-19", kind="other", title="Offensive")
    s.sanctions.add_ground_event(request.id, offensive.id)
    s.letters.link_sanction_request(second.id, request.id)

    s.events.create(
        occurred_on="2023-09-27",
        kind="captured",
        title="Detained at Lachin",
        person_id=ruben.id,
        detention_id=detention.id,
    )
    s.events.create(occurred_on="2022-11", kind="other", title="Appointed", person_id=ruben.id)
    s.events.create(kind="visit", title="Family visit (undated)", detention_id=detention.id)
    s.events.create(occurred_on="2025-04-11", kind="letter_sent", title="Sent", letter_id=second.id)
    return SimpleNamespace(**locals())


def _groups(services, kind, record_id):
    groups = services.related.for_record(kind, record_id)
    assert [g.key for g in groups] == list(GROUPS[kind])
    return {g.key: g.items for g in groups}


def _shown(items):
    return [
        (i.kind, i.id, i.label, None if i.date is None else str(i.date), i.detail) for i in items
    ]


def test_detainee_groups(services, case):
    c = case
    got = _groups(services, "detainees", c.detention.id)
    assert _shown(got["letters"]) == [
        ("letters", c.second.id, "Second appeal", "2025-04-11", "outgoing"),
        ("letters", c.first.id, "First appeal", "2024-02", "outgoing"),
    ]
    assert [(i.id, i.label, i.detail) for i in got["asks"]] == [
        (c.second.id, "Release him", "open"),
        (c.second.id, "Allow ICRC visits", "met"),
        (c.second.id, "Sanction the officials", "open"),
        (c.first.id, "Confirm his whereabouts", "refused"),
    ]
    assert _shown(got["sanctions"]) == [
        ("sanctions", c.request.id, "Global Magnitsky request", "2025-04-11", "submitted")
    ]
    assert _shown(got["responses"]) == [
        ("responses", c.response.id, "Reply from the ministry", "2025-05-02", "denial")
    ]
    # the detention's and the person's events, newest first, undated last
    assert [(i.kind, i.label, str(i.date)) for i in got["events"]] == [
        ("events", "Detained at Lachin", "2023-09-27"),
        ("events", "Appointed", "2022-11"),
        ("events", "Family visit (undated)", "None"),
    ]
    assert _shown(got["hearings"]) == [
        ("detainees", c.detention.id, "Baku Military Court", "2025-03", ""),
        ("detainees", c.detention.id, "Opening", "2025-01-17", "Baku Military Court"),
    ]
    assert _shown(got["status_history"]) == [
        ("detainees", c.detention.id, "on_trial", "2025-01-17", "Trial opened"),
        ("detainees", c.detention.id, "detained", "2023-09-27", ""),
    ]


def test_letter_groups(services, case):
    c = case
    got = _groups(services, "letters", c.second.id)
    assert _shown(got["signatories"]) == [
        ("people", c.smith.id, "Chris Smith", None, ""),
        ("people", c.titus.id, "Dina Titus", None, "lead"),
    ]
    assert _shown(got["recipients"]) == [
        ("people", c.minister.id, "Jeyhun Bayramov", None, "direct · Ministry of Foreign Affairs"),
        ("organizations", c.court.id, "Baku Military Court", None, "copy"),
    ]
    assert _shown(got["asks"]) == [
        ("letters", c.second.id, "Release him", None, "ask 1 · open"),
        ("letters", c.second.id, "Allow ICRC visits", None, "ask 2 · met"),
        ("letters", c.second.id, "Sanction the officials", None, "ask 3 · open"),
    ]
    assert _shown(got["responses"]) == [
        (
            "responses",
            c.response.id,
            "Reply from the ministry",
            "2025-05-02",
            "ask 1: declined; ask 3: noncommittal",
        )
    ]
    assert _shown(got["detentions"]) == [
        ("detainees", c.detention.id, "Ruben Vardanyan", "2023-09-27", "on_trial")
    ]
    assert [i.id for i in got["sanctions"]] == [c.request.id]
    assert [(i.kind, i.label) for i in got["events"]] == [("events", "Sent")]

    # asks keep the letter's order after a reorder
    ids = [a.id for a in services.letters.asks(c.second.id)]
    services.letters.reorder_asks(c.second.id, [ids[2], ids[0], ids[1]])
    got = _groups(services, "letters", c.second.id)
    assert [i.label for i in got["asks"]] == [
        "Sanction the officials",
        "Release him",
        "Allow ICRC visits",
    ]
    assert got["responses"][0].detail == "ask 1: noncommittal; ask 2: declined"


def test_letter_without_links_has_every_group_empty(services, case):
    got = _groups(services, "letters", services.letters.create(title="Alone").id)
    assert all(items == [] for items in got.values())


def test_sanction_groups(services, case):
    c = case
    got = _groups(services, "sanctions", c.request.id)
    assert _shown(got["target"]) == [("people", c.minister.id, "Jeyhun Bayramov", None, "")]
    assert _shown(got["grounds"]) == [
        ("detainees", c.detention.id, "Ruben Vardanyan", "2023-09-27", "on_trial"),
        ("events", c.offensive.id, "Offensive", "2023-09-19", "other"),
    ]
    assert [i.id for i in got["letters"]] == [c.second.id]
    assert _shown(got["recipients"]) == [
        ("organizations", c.ministry.id, "Ministry of Foreign Affairs", None, "direct")
    ]
    assert [(i.label, str(i.date), i.detail) for i in got["status_history"]] == [
        ("submitted", "2025-04-20", "Sent to State"),
        ("proposed", "2025-04-11", ""),
    ]
    assert [(i.label, i.detail) for i in got["programs"]] == [
        ("UK Global Human Rights sanctions", "GB-HR"),
        ("Global Magnitsky sanctions", "US-GLOMAG"),
    ]
    assert got["events"] == []

    described = services.sanctions.create(title="Unnamed", target_description="Prison guards")
    got = _groups(services, "sanctions", described.id)
    assert _shown(got["target"]) == [("sanctions", described.id, "Prison guards", None, "")]


def test_response_groups(services, case):
    c = case
    got = _groups(services, "responses", c.response.id)
    assert [i.id for i in got["replied_to"]] == [c.second.id]
    assert _shown(got["sender"]) == [
        ("people", c.minister.id, "Jeyhun Bayramov", None, ""),
        ("organizations", c.ministry.id, "Ministry of Foreign Affairs", None, ""),
    ]
    assert _shown(got["ask_positions"]) == [
        ("letters", c.second.id, "Release him", None, "ask 1 · declined"),
        ("letters", c.second.id, "Sanction the officials", None, "ask 3 · noncommittal"),
    ]
    assert _shown(got["commitments"]) == [
        ("responses", c.response.id, "Review the file", "2025-06", "pending"),
        ("responses", c.response.id, "Answer again", None, "pending"),
    ]
    assert got["events"] == []


def test_person_groups(services, case):
    c = case
    ruben = _groups(services, "people", c.ruben.id)
    assert _shown(ruben["positions"]) == [
        ("organizations", c.nk.id, "State Minister, Nagorno-Karabakh government", "2022-11",
         "2022-11 – 2023-02"),
        ("people", c.ruben.id, "Businessman", "2001", "2001 –"),
    ]  # fmt: skip
    assert _shown(ruben["detentions"]) == [
        ("detainees", c.detention.id, "Baku pre-trial facility", "2023-09-27", "on_trial")
    ]
    assert [i.label for i in ruben["events"]] == ["Detained at Lachin", "Appointed"]
    assert ruben["signatures"] == ruben["letters_received"] == ruben["responses"] == []

    minister = _groups(services, "people", c.minister.id)
    assert [(i.id, i.detail) for i in minister["letters_received"]] == [(c.second.id, "direct")]
    assert [(i.id, i.detail) for i in minister["sanctions"]] == [(c.request.id, "submitted")]
    assert [(i.id, i.detail) for i in minister["responses"]] == [(c.response.id, "denial")]
    assert [(i.id, i.detail) for i in _groups(services, "people", c.titus.id)["signatures"]] == [
        (c.second.id, "lead")
    ]
    assert [i.detail for i in _groups(services, "people", c.smith.id)["signatures"]] == [
        "co-signer"
    ]


def test_organization_groups(services, case):
    c = case
    ministry = _groups(services, "organizations", c.ministry.id)
    assert _shown(ministry["members"]) == [
        ("people", c.minister.id, "Jeyhun Bayramov", "2020-07", "Minister · 2020-07 –")
    ]
    assert [(i.id, i.detail) for i in ministry["letters_received"]] == [(c.second.id, "direct")]
    assert [i.id for i in ministry["responses"]] == [c.response.id]
    assert ministry["held_here"] == []
    prison = _groups(services, "organizations", c.prison.id)
    assert _shown(prison["held_here"]) == [
        ("detainees", c.detention.id, "Ruben Vardanyan", "2023-09-27", "on_trial")
    ]
    court = _groups(services, "organizations", c.court.id)
    assert [(i.id, i.detail) for i in court["letters_received"]] == [(c.second.id, "copy")]


@pytest.mark.parametrize("kind", list(GROUPS))
def test_unknown_record_and_kind(services, kind):
    with pytest.raises(NotFoundError):
        services.related.for_record(kind, uuid.uuid4())
    with pytest.raises(ValidationError, match="not a valid id"):
        services.related.for_record(kind, "not-an-id")


def test_unknown_kind_is_a_validation_error(services):
    with pytest.raises(ValidationError, match="kind"):
        services.related.for_record("hearings", uuid.uuid4())


def test_a_record_opened_under_another_kind_is_not_found(services, case):
    with pytest.raises(NotFoundError):
        services.related.for_record("letters", case.detention.id)


def _count_queries(services, action):
    statements = []

    def seen(*args):
        statements.append(args[2])

    event.listen(services.db.engine, "before_cursor_execute", seen)
    try:
        result = action()
    finally:
        event.remove(services.db.engine, "before_cursor_execute", seen)
    return result, len([s for s in statements if s.lstrip().upper().startswith("SELECT")])


def test_demo_letter_in_a_fixed_number_of_queries(services):
    load_demo(services)
    (letter,) = services.listing.page("letters", text=DEMO_LETTER_TITLE).rows
    groups, queries = _count_queries(
        services, lambda: services.related.for_record("letters", letter["id"])
    )
    got = {g.key: g.items for g in groups}
    assert len(got["signatories"]) == 36
    assert [i.detail for i in got["signatories"]].count("lead") == 1
    assert got["signatories"][0].label == "Dina Titus"
    # newest capture first, then by surname
    assert [(i.label, str(i.date)) for i in got["detentions"]] == [
        ("Arkadi Ghukasyan", "2023-10-03"),
        ("Arayik Harutyunyan", "2023-10-03"),
        ("Davit Ishkhanyan", "2023-10-03"),
        ("Bako Sahakyan", "2023-10-03"),
        ("Davit Babayan", "2023-09-28"),
        ("Ruben Vardanyan", "2023-09-27"),
    ]
    assert [i.detail for i in got["asks"]] == ["ask 1 · open", "ask 2 · open", "ask 3 · open"]
    assert [i.kind for i in got["recipients"]] == ["people"]
    assert queries <= len(GROUPS["letters"]) + 2  # one per group, not one per item

    # every openable item of every demo record leads to a record that exists
    for kind in GROUPS:
        for row in services.listing.page(kind, limit=1000).rows:
            groups, queries = _count_queries(
                services, lambda k=kind, r=row: services.related.for_record(k, r["id"])
            )
            assert queries <= len(GROUPS[kind]) + 2
            for group in groups:
                for item in group.items:
                    if item.kind != "events":
                        assert services.lookup.label(item.kind, item.id) is not None
