"""Lists are filtered, sorted and paged in SQL; keyset pages cover every row once."""

from __future__ import annotations

import pytest

from casetracker.errors import ValidationError


@pytest.fixture
def letters(services):
    dates = ["2025-04-11", "2025-04", "2024", None, "2025-04-11", "2023-09-19~", None, "2024~"]
    ids = []
    for n, date in enumerate(dates):
        letter = services.letters.create(
            title=f"Letter {n} {'50% off_' if n == 2 else ''}",
            sent_on=date,
            direction="incoming" if n % 2 else "outgoing",
        )
        ids.append(letter.id)
    return ids


def _walk(services, kind, **kwargs):
    seen, cursor = [], None
    while True:
        page = services.listing.page(kind, limit=3, after=cursor, **kwargs)
        seen.extend(page.rows)
        cursor = page.next_cursor
        if cursor is None:
            return seen


@pytest.mark.parametrize("descending", [False, True])
def test_keyset_paging_visits_every_row_once_in_order(services, letters, descending):
    rows = _walk(services, "letters", sort="sent_on", descending=descending)
    assert sorted(r["id"] for r in rows) == sorted(letters)
    keys = [("" if r["sent_on"] is None else r["sent_on"].sort_text(), r["id"]) for r in rows]
    assert keys == sorted(keys, reverse=descending)


def test_filters_and_quick_text(services, letters):
    page = services.listing.page("letters", filters={"sent_from": "2025-04", "sent_to": "2025"})
    assert sorted(r["title"] for r in page.rows) == ["Letter 0 ", "Letter 1 ", "Letter 4 "]
    assert services.listing.count("letters", filters={"direction": "incoming"}) == 4
    assert services.listing.count("letters", text="50%") == 1  # % is literal, not a wildcard
    assert services.listing.count("letters", text="_") == 1


def test_bad_filters_get_clear_messages(services, letters):
    with pytest.raises(ValidationError, match="is not a filter of letters"):
        services.listing.page("letters", filters={"colour": "red"})
    with pytest.raises(ValidationError, match="use one of"):
        services.listing.page("letters", filters={"direction": "sideways"})
    with pytest.raises(ValidationError, match="month 13"):
        services.listing.page("letters", filters={"sent_from": "2025-13"})
    with pytest.raises(ValidationError, match="not a cursor"):
        services.listing.page("letters", after="garbage")
    with pytest.raises(ValidationError, match="sort"):
        services.listing.page("letters", sort="colour")


def test_detainee_list_joins_person_and_facility(services):
    facility = services.organizations.create(name="Baku SSS facility", kind="detention_facility")
    for name, status in (("Ruben Vardanyan", "on_trial"), ("Arayik Harutyunyan", "detained")):
        person = services.people.create(
            display_name=name, names=[{"name": "Ռուբեն Վարդանյան"}] if "Ruben" in name else []
        )
        services.detentions.create(
            person_id=person.id, category="political_figure", facility_id=facility.id, status=status
        )
    page = services.listing.page("detainees", sort="name")
    assert [r["name"] for r in page.rows] == ["Arayik Harutyunyan", "Ruben Vardanyan"]
    assert page.rows[0]["facility"] == "Baku SSS facility"
    only = services.listing.page("detainees", filters={"status": ["on_trial", "sentenced"]})
    assert [r["name"] for r in only.rows] == ["Ruben Vardanyan"]
    assert services.listing.count("detainees", text="Վարդանյան") == 1


def test_quick_filter_ignores_case_in_every_script(services):
    """`вардан` finds `Рубен Варданян`, `əliyev` finds `İlham Əliyev` (SQLite folds only
    ASCII by itself; the filter folds through Python there)."""
    vardanyan = services.people.create(
        display_name="Ruben Vardanyan",
        names=[
            {"name": "Рубен Варданян", "script": "Cyrl"},
            {"name": "Ռուբեն Վարդանյան", "script": "Armn"},
        ],
    )
    services.people.create(display_name="İlham Əliyev")
    services.people.create(display_name="Noise 100%_x")
    services.detentions.create(person_id=vardanyan.id, category="political_figure")
    for text in ("вардан", "ВАРДАНЯН", "վարդանյան", "ՎԱՐԴ", "vardanyan"):
        assert [r["display_name"] for r in services.listing.page("people", text=text).rows] == [
            "Ruben Vardanyan"
        ], text
        assert services.listing.count("detainees", text=text) == 1, text
        assert len(services.browse.ids("detainees", text=text).ids) == 1, text
    assert [r["display_name"] for r in services.listing.page("people", text="əliyev").rows] == [
        "İlham Əliyev"
    ]
    # LIKE wildcards typed by the user are literal
    assert [r["display_name"] for r in services.listing.page("people", text="0%_").rows] == [
        "Noise 100%_x"
    ]
    assert services.listing.page("people", text="1%_").rows == []
