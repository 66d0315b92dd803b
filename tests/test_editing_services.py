"""The services behind the editors: forms, parts and links, and browsing by id.

They run on SQLite and PostgreSQL; the GUI tests drive the same calls.
"""

from __future__ import annotations

import uuid

import pytest

from casetracker.demo import load_demo
from casetracker.errors import ConflictError, NotFoundError, ValidationError
from casetracker.services.children import CHILDREN, LINKS, child_fields
from casetracker.services.forms import FORM_KINDS, form_fields


# --------------------------------------------------------------------------- forms
def test_every_form_field_is_a_real_column_with_a_kind():
    for kind in FORM_KINDS:
        specs = form_fields(kind)
        assert specs, kind
        assert len({s.name for s in specs}) == len(specs), kind
        for spec in specs:
            assert spec.kind in {
                "text",
                "multiline",
                "choice",
                "partial_date",
                "int",
                "bool",
                "reference",
            }
            if spec.kind == "choice":
                assert spec.choices
            if spec.kind == "reference":
                assert spec.reference in ("people", "organizations")
    for kind, parts in CHILDREN.items():
        for part in parts:
            assert [f.name for f in child_fields(part)] == list(part.fields), (kind, part.key)


def test_detainee_form_creates_person_and_detention_in_one_go(services):
    form = services.forms.save(
        "detainees",
        None,
        {
            "display_name": "Vigen Euljekjian",
            "category": "civilian",
            "status": "detained",
            "captured_on": "2020-12",
            "sentence_months": "180",
        },
    )
    assert form.id is not None
    assert form.values["status"] == "detained"
    assert form.values["captured_on"] == "2020-12"
    assert form.values["sentence_months"] == 180
    assert set(form.versions) == {"detention", "person"}
    people = services.listing.page("people").rows
    assert [p["display_name"] for p in people] == ["Vigen Euljekjian"]
    history = services.detentions.status_history(form.id)
    assert [str(h.status) for h in history] == ["detained"]


def test_detainee_form_is_all_or_nothing(services):
    with pytest.raises(ValidationError) as caught:
        services.forms.save("detainees", None, {"display_name": "Nobody", "captured_on": "2020-13"})
    fields = {p.field for p in caught.value.problems}
    assert "captured_on" in fields
    assert services.listing.count("people") == 0
    with pytest.raises(ValidationError) as caught:
        services.forms.save("detainees", None, {"display_name": "Nobody"})
    assert {p.field for p in caught.value.problems} == {"category"}
    assert services.listing.count("people") == 0  # the person was rolled back too


def test_form_validation_names_each_field(services):
    with pytest.raises(ValidationError) as caught:
        services.forms.save(
            "letters", None, {"title": "", "sent_on": "2025-02-30", "direction": "sideways"}
        )
    problems = {p.field: p.problem for p in caught.value.problems}
    assert set(problems) == {"title", "sent_on", "direction"}
    assert "required" in problems["title"]
    with pytest.raises(ValidationError) as caught:
        services.forms.save("detainees", None, {"sentence_months": "ten", "display_name": "X"})
    assert caught.value.problems[0].field == "sentence_months"
    with pytest.raises(ValidationError):
        services.forms.save("letters", None, {"not_a_field": 1})


def test_status_change_in_the_form_adds_to_the_history(services):
    form = services.forms.save(
        "detainees", None, {"display_name": "A B", "category": "civilian", "status": "detained"}
    )
    again = services.forms.save("detainees", form.id, {"status": "released"}, form.versions)
    assert again.values["status"] == "released"
    assert [str(h.status) for h in services.detentions.status_history(form.id)] == [
        "detained",
        "released",
    ]
    # saving the same status again adds nothing
    third = services.forms.save("detainees", form.id, {"status": "released"}, again.versions)
    assert len(services.detentions.status_history(form.id)) == 2
    assert third.versions == again.versions


def test_stale_versions_are_refused_and_nothing_is_written(services):
    form = services.forms.save("organizations", None, {"name": "Baku court", "kind": "court"})
    services.forms.save("organizations", form.id, {"country": "AZ"}, form.versions)
    with pytest.raises(ConflictError):
        services.forms.save("organizations", form.id, {"name": "Overwrite"}, form.versions)
    now = services.forms.load("organizations", form.id)
    assert now.values["name"] == "Baku court" and now.values["country"] == "AZ"
    # a detainee's person part is guarded too
    detainee = services.forms.save(
        "detainees", None, {"display_name": "P Q", "category": "civilian"}
    )
    person_id = services.detentions.get(detainee.id).person_id
    services.people.update(person_id, display_name="P. Q.")
    with pytest.raises(ConflictError):
        services.forms.save("detainees", detainee.id, {"capture_place": "X"}, detainee.versions)
    assert services.forms.load("detainees", detainee.id).values["capture_place"] is None


def test_references_load_with_labels_and_delete(services):
    court = services.forms.save("organizations", None, {"name": "Military court", "kind": "court"})
    person = services.forms.save("people", None, {"display_name": "Judge Judy"})
    response = services.forms.save(
        "responses",
        None,
        {
            "title": "Reply",
            "response_type": "token_reply",
            "from_person_id": person.id,
            "from_organization_id": court.id,
        },
    )
    assert response.labels == {
        "from_person_id": "Judge Judy",
        "from_organization_id": "Military court",
    }
    services.forms.delete("responses", response.id, response.versions)
    with pytest.raises(NotFoundError):
        services.forms.load("responses", response.id)


# --------------------------------------------------------------------------- parts and links
def test_parts_add_list_update_move_remove(services):
    load_demo(services)
    letter_id = services.listing.page("letters").rows[0]["id"]
    rows = services.children.rows("letters", "asks", letter_id)
    assert [r["status"] for r in rows] == ["open", "open", "open"]
    services.children.update("letters", "asks", rows[0]["id"], {"status": "partly_met"})
    with pytest.raises(ValidationError):
        services.children.update("letters", "asks", rows[0]["id"], {"text": "rewritten"})
    services.children.move("letters", "asks", letter_id, rows[0]["id"], 2)
    moved = services.children.rows("letters", "asks", letter_id)
    assert [r["id"] for r in moved] == [rows[1]["id"], rows[2]["id"], rows[0]["id"]]
    assert moved[2]["status"] == "partly_met"
    services.children.add("letters", "asks", letter_id, {"text": "Grant ICRC access"})
    assert services.children.rows("letters", "asks", letter_id)[-1]["text"] == "Grant ICRC access"
    services.children.remove("letters", "asks", moved[0]["id"])
    assert len(services.children.rows("letters", "asks", letter_id)) == 3

    signatories = services.children.rows("letters", "signatories", letter_id)
    assert len(signatories) == 36
    assert signatories[0]["person_id:label"] and signatories[0]["is_lead"] is True


def test_names_in_any_script_on_a_detainee(services):
    form = services.forms.save(
        "detainees", None, {"display_name": "Ruben Vardanyan", "category": "political_figure"}
    )
    services.children.add(
        "detainees",
        "names",
        form.id,
        {"name": "Ռուբեն Վարդանյան", "script": "armn", "language": "hy", "kind": "official"},
    )
    services.children.add(
        "detainees", "names", form.id, {"name": "Рубен Варданян", "script": "Cyrl"}
    )
    rows = services.children.rows("detainees", "names", form.id)
    assert [(r["name"], r["script"]) for r in rows] == [
        ("Ռուբեն Վարդանյան", "Armn"),
        ("Рубен Варданян", "Cyrl"),
    ]
    with pytest.raises(ValidationError):
        services.children.add("detainees", "names", form.id, {"name": ""})
    # the list finds the detainee by either variant
    for text in ("Վարդանյան", "Варданян"):
        assert services.browse.ids("detainees", text=text).ids


def test_status_timeline_part(services):
    form = services.forms.save(
        "detainees", None, {"display_name": "T L", "category": "civilian", "status": "detained"}
    )
    services.children.add(
        "detainees",
        "status_history",
        form.id,
        {"status": "on_trial", "changed_on": "2024-01-17", "note": "first hearing"},
    )
    rows = services.children.rows("detainees", "status_history", form.id)
    assert rows[0]["status"] == "on_trial" and rows[0]["changed_on"] == "2024-01-17"
    assert services.forms.load("detainees", form.id).values["status"] == "on_trial"
    services.children.remove("detainees", "status_history", rows[0]["id"])
    assert services.forms.load("detainees", form.id).values["status"] == "detained"


def test_links_both_ways_and_ask_positions(services):
    load_demo(services)
    letter_id = services.listing.page("letters").rows[0]["id"]
    detainee = services.forms.save(
        "detainees", None, {"display_name": "Link Me", "category": "civilian"}
    )
    assert services.children.link("detainees", "letters", detainee.id, letter_id) is True
    assert services.children.link("detainees", "letters", detainee.id, letter_id) is False
    labels = [c.label for c in services.children.linked("letters", "detainees", letter_id)]
    assert "Link Me" in labels
    assert services.children.unlink("letters", "detainees", letter_id, detainee.id) is True
    assert "Link Me" not in [
        c.label for c in services.children.linked("letters", "detainees", letter_id)
    ]
    with pytest.raises(ValidationError):
        services.children.link("letters", "detainees", letter_id, uuid.uuid4())

    office = services.listing.page("organizations").rows[0]["id"]
    response = services.forms.save(
        "responses",
        None,
        {
            "title": "State Department reply",
            "response_type": "token_reply",
            "from_organization_id": office,
        },
    )
    assert services.children.ask_positions(response.id) == []
    services.children.link("responses", "replied_to", response.id, letter_id)
    asks = services.children.ask_positions(response.id)
    assert [a["number"] for a in asks] == [1, 2, 3]
    services.children.set_ask_position(response.id, asks[1]["id"], "declined", "no observers")
    again = services.children.ask_positions(response.id)
    assert [a["position"] for a in again] == [None, "declined", None]
    services.children.set_ask_position(response.id, asks[1]["id"], None)
    assert [a["position"] for a in services.children.ask_positions(response.id)] == [None] * 3
    for kind, links in LINKS.items():
        for link in links:
            assert services.children.link_spec(kind, link.key) is link


# --------------------------------------------------------------------------- browse
def test_browse_ids_follow_filters_and_sorts(services):
    load_demo(services)
    by_date = services.browse.ids("detainees")
    assert len(by_date.ids) == 6
    rows = services.browse.rows("detainees", by_date.ids)
    dates = [r["captured_on"].sort_text() for r in rows]
    assert dates == sorted(dates)
    by_name = services.browse.ids("detainees", sort="name", descending=True)
    names = [r["name"] for r in services.browse.rows("detainees", by_name.ids)]
    assert names[0] == "Ruben Vardanyan" and names[-1] == "Davit Babayan"  # by surname
    assert services.browse.ids("detainees", filters={"status": "released"}).ids == []
    assert len(services.browse.ids("detainees", text="vard").ids) == 1
    assert services.browse.position(by_date, by_date.ids[3]) == 3
    with pytest.raises(ValidationError):
        services.browse.ids("detainees", sort="nonsense")


def test_browse_rows_of_a_deleted_record_are_none(services):
    load_demo(services)
    ids = services.browse.ids("letters").ids
    services.letters.delete(ids[0])
    assert services.browse.rows("letters", ids) == [None]
    with pytest.raises(ValidationError):
        services.browse.rows("letters", [uuid.uuid4()] * 501)


def test_a_second_detention_of_a_known_person(services):
    first = services.forms.save(
        "detainees",
        None,
        {"display_name": "Re Arrested", "category": "civilian", "captured_on": "2020-11"},
    )
    person_id = services.detentions.get(first.id).person_id
    blank = services.forms.blank("detainees", person_id=person_id)
    assert blank.values["display_name"] == "Re Arrested"
    assert blank.preset == {"person_id": person_id}
    second = services.forms.save(
        "detainees",
        None,
        {**blank.values, "category": "civilian", "captured_on": "2024-03", "citizenship": "AM"},
        blank.versions,
        blank.preset,
    )
    assert services.detentions.get(second.id).person_id == person_id
    assert services.listing.count("people") == 1
    assert services.forms.load("detainees", first.id).values["citizenship"] == "AM"
    # a person changed meanwhile is not overwritten
    services.people.update(person_id, notes="changed elsewhere")
    with pytest.raises(ConflictError):
        services.forms.save(
            "detainees",
            None,
            {**blank.values, "category": "civilian"},
            blank.versions,
            blank.preset,
        )
    assert services.listing.count("detainees") == 2
    with pytest.raises(ValidationError):
        services.forms.blank("letters", person_id=person_id)


def test_letter_tags_in_the_form(services):
    form = services.forms.save(
        "letters", None, {"title": "To State", "tags": " magnitsky, trial monitoring ,, icrc"}
    )
    assert form.values["tags"] == "icrc, magnitsky, trial monitoring"
    assert [r["title"] for r in services.listing.page("letters", filters={"tag": "icrc"}).rows] == [
        "To State"
    ]
    again = services.forms.save("letters", form.id, {"tags": "icrc"}, form.versions)
    assert again.values["tags"] == "icrc"
    assert services.listing.page("letters", filters={"tag": "magnitsky"}).rows == []
    cleared = services.forms.save("letters", form.id, {"tags": ""}, again.versions)
    assert cleared.values["tags"] is None
    assert services.forms.blank("letters").values["tags"] is None


def test_events_are_a_part_of_every_main_record(services):
    load_demo(services)
    detainee = services.browse.ids("detainees").ids[0]
    before = len(services.children.rows("detainees", "events", detainee))
    services.children.add(
        "detainees",
        "events",
        detainee,
        {
            "occurred_on": "2026-02~",
            "kind": "visit",
            "title": "ICRC visit refused",
            "place": "Baku",
        },
    )
    rows = services.children.rows("detainees", "events", detainee)
    assert len(rows) == before + 1
    assert rows[0]["title"] == "ICRC visit refused" and rows[0]["occurred_on"] == "2026-02~"
    related = {g.key: g for g in services.related.for_record("detainees", detainee)}
    assert "ICRC visit refused" in [i.label for i in related["events"].items]
    with pytest.raises(ValidationError) as caught:
        services.children.add("detainees", "events", detainee, {"kind": "visit"})
    assert "title" in {p.field for p in caught.value.problems}
    services.children.remove("detainees", "events", rows[0]["id"])
    assert len(services.children.rows("detainees", "events", detainee)) == before


def test_documents_listed_without_content_saved_and_removed(services, tmp_path):
    form = services.forms.save("letters", None, {"title": "With a file"})
    path = tmp_path / "note.txt"
    path.write_text("Vardanyan hearing notes", encoding="utf-8")
    services.documents.add_file("letters", form.id, path)
    rows = services.documents.rows("letters", form.id)
    assert [(r["original_name"], r["media_type"], r["size"]) for r in rows] == [
        ("note.txt", "text/plain", 23)
    ]
    assert "content" not in rows[0]
    out = services.documents.save_to(rows[0]["id"], tmp_path / "copy.txt")
    assert out.read_text(encoding="utf-8") == "Vardanyan hearing notes"
    services.documents.remove(rows[0]["id"])
    assert services.documents.rows("letters", form.id) == []
    with pytest.raises(ValidationError):
        services.documents.rows("people", form.id)
    with pytest.raises(ValidationError):
        services.documents.add_file("letters", form.id, tmp_path / "missing.txt")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("pragma", "says"),
    [("max_page_count", "the disk is full"), ("query_only", "cannot be written")],
)
def test_a_full_or_read_only_store_refuses_a_save_in_plain_words(services, pragma, says):
    from sqlalchemy import event

    from casetracker.errors import DatabaseError

    form = services.forms.save("letters", None, {"title": "Kept as it was"})
    engine = services.db.engine

    @event.listens_for(engine, "connect")
    def _limit(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        if pragma == "max_page_count":
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count={pages}")
        else:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    engine.dispose()
    try:
        with pytest.raises(DatabaseError) as caught:
            services.forms.save("letters", None, {"title": "Too big", "body": "x" * 200_000})
        assert says in str(caught.value) and "nothing was saved" in str(caught.value)
        with pytest.raises(DatabaseError):
            services.forms.save("letters", form.id, {"body": "y" * 200_000}, form.versions)
    finally:
        event.remove(engine, "connect", _limit)
        engine.dispose()
    assert services.listing.count("letters") == 1
    again = services.forms.save("letters", form.id, {"summary": "works again"}, form.versions)
    assert again.values["summary"] == "works again" and again.values["body"] is None


def test_sanction_request_recipients_part(services):
    request = services.sanctions.create(
        title="GloMag designations", target_description="officials of the military court"
    )
    office = services.organizations.create(
        name="Office of Foreign Assets Control", kind="government"
    )
    services.children.add("sanctions", "recipients", request.id, {"organization_id": office.id})
    rows = services.children.rows("sanctions", "recipients", request.id)
    assert len(rows) == 1 and str(rows[0]["organization_id"]) == str(office.id)
