"""Type-ahead for link pickers, record labels, and creating a detainee in one step."""

from __future__ import annotations

import uuid

import pytest

from casetracker.demo import load_demo
from casetracker.errors import NotFoundError, ValidationError
from casetracker.models import Person, PersonName
from casetracker.services.lookup import LOOKUP_KINDS, MAX_LIMIT


@pytest.fixture
def people(services):
    s = services
    made = {}
    for name, names, fields in (
        ("Ruben Vardanyan", ["Ռուբեն Վարդանյան", "Рубен Варданян"], {"citizenship": "AM"}),
        ("Levon Vardanyan", [], {"birth_date": "1970~"}),
        ("Vardan Petrosyan", [], {"citizenship": "AM", "birth_date": "1981-02-03"}),
        ("Edvard Novak", [], {}),
        ("Dina Titus", [], {"citizenship": "US"}),
        ("100% Sure_Name", [], {}),
    ):
        made[name] = s.people.create(display_name=name, names=names, **fields).id
    return made


def _labels(choices):
    return [c.label for c in choices]


def test_people_prefix_first_then_word_then_inside(services, people):
    found = services.lookup.find("people", "vard")
    assert _labels(found) == [
        "Vardan Petrosyan",
        "Levon Vardanyan",
        "Ruben Vardanyan",
        "Edvard Novak",
    ]
    assert [c.id for c in found] == [
        people["Vardan Petrosyan"],
        people["Levon Vardanyan"],
        people["Ruben Vardanyan"],
        people["Edvard Novak"],
    ]
    assert [c.detail for c in found] == ["AM · b. 1981", "b. 1970~", "AM", ""]
    assert _labels(services.lookup.find("people", "  VARD ")) == _labels(found)
    assert _labels(services.lookup.find("people", "vard", limit=2)) == [
        "Vardan Petrosyan",
        "Levon Vardanyan",
    ]


def test_people_found_by_name_variants_in_any_case(services, people):
    for text in ("Վարդանյան", "варданян", "РУБЕН", "рубен вард"):
        assert _labels(services.lookup.find("people", text)) == ["Ruben Vardanyan"], text
    # a variant that starts with the text ranks before a display name containing it
    services.people.add_name(people["Edvard Novak"], "Vardo Novak", kind="alias")
    assert _labels(services.lookup.find("people", "vard"))[:2] == [
        "Edvard Novak",
        "Vardan Petrosyan",
    ]


def test_wildcards_are_literal_and_nothing_found(services, people):
    assert _labels(services.lookup.find("people", "%")) == ["100% Sure_Name"]
    assert _labels(services.lookup.find("people", "_")) == ["100% Sure_Name"]
    assert services.lookup.find("people", "zzz") == []


def test_empty_text_lists_the_first_by_name_or_date(services, people):
    assert _labels(services.lookup.find("people", "", limit=3)) == [
        "Edvard Novak",
        "Vardan Petrosyan",  # sort name "petrosyan vardan"
        "100% Sure_Name",  # "sure_name 100%"
    ]
    for n, date in enumerate(("2024-03", None, "2025-01-02", "2023")):
        services.letters.create(title=f"Letter {n}", sent_on=date)
    found = services.lookup.find("letters", "")
    assert [(c.label, c.detail) for c in found] == [
        ("Letter 2", "2025-01-02"),
        ("Letter 0", "2024-03"),
        ("Letter 3", "2023"),
        ("Letter 1", ""),
    ]


def test_every_kind(services, people):
    s = services
    ministry = s.organizations.create(
        name="Ministry of Foreign Affairs", abbreviation="MFA", kind="ministry", country="AZ"
    )
    s.organizations.create(name="Baku Military Court", kind="court")
    detention = s.detentions.create(
        person_id=people["Ruben Vardanyan"],
        category="political_figure",
        captured_on="2023-09-27",
        status="detained",
    )
    letter = s.letters.create(title="Appeal for Ruben Vardanyan", sent_on="2025-04-11")
    request = s.sanctions.create(
        title="GloMag request",
        target_person_id=people["Dina Titus"],
        status="submitted",
        submitted_on="2025-04",
    )
    response = s.responses.create(
        title="Ministry reply",
        received_on="2025-05~",
        from_organization_id=ministry.id,
        response_type="denial",
    )

    orgs = s.lookup.find("organizations", "mfa")
    assert [(c.id, c.label, c.detail) for c in orgs] == [
        (ministry.id, "Ministry of Foreign Affairs", "MFA · ministry · AZ")
    ]
    assert _labels(s.lookup.find("organizations", "ba")) == ["Baku Military Court"]
    detainees = s.lookup.find("detainees", "Վարդ")
    assert [(c.id, c.label, c.detail) for c in detainees] == [
        (detention.id, "Ruben Vardanyan", "detained · 2023-09-27")
    ]
    assert s.lookup.find("detainees", "Levon") == []  # a person, not a detainee
    assert [(c.id, c.detail) for c in s.lookup.find("letters", "ruben")] == [
        (letter.id, "2025-04-11")
    ]
    assert [(c.id, c.detail) for c in s.lookup.find("sanctions", "titus")] == [
        (request.id, "submitted · 2025-04")
    ]
    assert [(c.id, c.detail) for c in s.lookup.find("responses", "REPLY")] == [
        (response.id, "2025-05~")
    ]

    assert s.lookup.label("detainees", detention.id) == "Ruben Vardanyan"
    assert s.lookup.label("people", str(people["Dina Titus"])) == "Dina Titus"
    assert s.lookup.label("organizations", ministry.id) == "Ministry of Foreign Affairs"
    assert s.lookup.label("letters", letter.id) == "Appeal for Ruben Vardanyan"
    assert s.lookup.label("sanctions", request.id) == "GloMag request"
    assert s.lookup.label("responses", response.id) == "Ministry reply"
    assert s.lookup.choice("detainees", detention.id).detail == "detained · 2023-09-27"


@pytest.mark.parametrize("kind", LOOKUP_KINDS)
def test_empty_database_and_missing_records(services, kind):
    assert services.lookup.find(kind, "") == []
    assert services.lookup.find(kind, "a") == []
    with pytest.raises(NotFoundError):
        services.lookup.label(kind, uuid.uuid4())


def test_bad_arguments(services):
    with pytest.raises(ValidationError, match="kind"):
        services.lookup.find("hearings", "x")
    with pytest.raises(ValidationError, match="limit"):
        services.lookup.find("people", "x", limit=0)
    with pytest.raises(ValidationError, match="limit"):
        services.lookup.find("people", "x", limit=MAX_LIMIT + 1)
    with pytest.raises(ValidationError, match="not a valid id"):
        services.lookup.label("people", "nope")


def test_demo_lookups(services):
    load_demo(services)
    titus = services.lookup.find("people", "titus")
    assert [(c.label, c.detail) for c in titus] == [("Dina Titus", "US")]
    found = services.lookup.find("detainees", "Վարդանյան")
    assert _labels(found) == ["Ruben Vardanyan"]
    assert found[0].detail == "on_trial · 2023-09-27"
    assert _labels(services.lookup.find("organizations", "ICRC")) == [
        "International Committee of the Red Cross"
    ]
    assert len(services.lookup.find("people", "", limit=10)) == 10


# ------------------------------------------------------------------ create_detainee


def _count(services, model):
    from sqlalchemy import func, select

    with services.db.reading() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_create_detainee_with_person_and_names(services):
    detention = services.detentions.create_detainee(
        {"display_name": "Ruben Vardanyan", "citizenship": "AM", "birth_date": "1968"},
        [
            {"name": "Ռուբեն Վարդանյան", "script": "armn", "language": "hy"},
            {"name": "Рубен Варданян", "script": "Cyrl", "kind": "transliteration"},
        ],
        {"category": "political_figure", "captured_on": "2023-09-27", "status": "detained"},
    )
    person = services.people.get_full(detention.person_id)
    assert person.display_name == "Ruben Vardanyan"
    assert person.sort_name == "vardanyan ruben"
    assert [(n.name, n.script, n.ordinal) for n in person.names] == [
        ("Ռուբեն Վարդանյան", "Armn", 0),
        ("Рубен Варданян", "Cyrl", 1),
    ]
    assert services.detentions.get(detention.id).status.value == "detained"
    assert [c.status.value for c in services.detentions.status_history(detention.id)] == [
        "detained"
    ]
    assert [c.label for c in services.lookup.find("detainees", "варданян")] == ["Ruben Vardanyan"]


@pytest.mark.parametrize(
    ("person", "names", "detention", "field"),
    [
        ({"display_name": "Ruben"}, [], {"category": "colonel"}, "category"),
        ({"display_name": "Ruben"}, [], {"category": "civilian", "status": "gone"}, "status"),
        ({"display_name": "Ruben"}, [], {"category": "civilian", "captured_on": "2023-13"},
         "captured_on"),
        ({"display_name": "  "}, [], {"category": "civilian"}, "display_name"),
        ({"display_name": "Ruben", "birth_date": "x"}, [], {"category": "civilian"}, "birth_date"),
        ({"display_name": "Ruben"}, [{"name": ""}], {"category": "civilian"}, "name"),
    ],
)  # fmt: skip
def test_create_detainee_is_all_or_nothing(services, person, names, detention, field):
    with pytest.raises(ValidationError) as info:
        services.detentions.create_detainee(person, names, detention)
    assert field in {p.field for p in info.value.problems}
    assert _count(services, Person) == 0
    assert _count(services, PersonName) == 0
    assert services.detentions.count() == 0


def test_create_detainee_for_an_existing_person(services):
    person = services.people.create(display_name="Ruben Vardanyan", names=["Рубен Варданян"])
    detention = services.detentions.create_detainee(
        {"id": str(person.id), "display_name": "ignored"},
        ["Рубен Варданян", {"name": "Ռուբեն Վարդանյան", "script": "Armn"}],
        {"category": "political_figure", "person_id": uuid.uuid4()},
    )
    assert detention.person_id == person.id
    assert _count(services, Person) == 1
    full = services.people.get_full(person.id)
    assert full.display_name == "Ruben Vardanyan"
    assert [n.name for n in full.names] == ["Рубен Варданян", "Ռուբեն Վարդանյան"]

    with pytest.raises(ValidationError, match="id: no person"):
        services.detentions.create_detainee({"id": uuid.uuid4()}, [], {"category": "civilian"})
    with pytest.raises(ValidationError, match="category"):
        services.detentions.create_detainee({"id": person.id}, ["New alias"], {"category": "x"})
    assert [n.name for n in services.people.get_full(person.id).names] == [
        "Рубен Варданян",
        "Ռուբեն Վարդանյան",
    ]
    assert services.detentions.count() == 1
