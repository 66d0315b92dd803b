"""The dashboard, and the list filters behind each of its figures."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import event

from casetracker.demo import load_demo
from casetracker.errors import ValidationError
from casetracker.models.enums import DetentionStatus, SanctionStatus
from casetracker.services.dashboard import LIST_LIMIT, RECENT_LIMIT, ListTarget

TODAY = dt.date(2025, 5, 15)


def _ids(services, target: ListTarget) -> set:
    page = services.listing.page(
        target.kind, filters=target.filters, sort=target.sort, descending=target.descending
    )
    count = services.listing.count(target.kind, filters=target.filters)
    assert count == len(page.rows)
    return {r["id"] for r in page.rows}


def test_empty_database(services):
    board = services.dashboard.build(TODAY)
    assert board.detentions_by_status == []
    assert board.sanctions_by_status == []
    assert board.overdue_letters == [] and board.overdue_total == 0
    assert board.open_asks == 0 and board.open_ask_items == []
    assert board.upcoming_hearings == [] and board.recent_changes == []
    assert board.overdue_target == ListTarget(
        "letters", {"overdue_on": "2025-05-15"}, sort="follow_up_due"
    )
    assert board.open_asks_target == ListTarget(
        "letters", {"open_asks": True}, sort="sent_on", descending=True
    )
    assert board.hearings_target == ListTarget(
        "detainees", {"hearing_from": "2025-05-15", "hearing_to": "2025-07-14"}
    )
    for target in (board.overdue_target, board.open_asks_target, board.hearings_target):
        assert _ids(services, target) == set()


def test_overdue_letters_partial_dates_and_order(services):
    s = services
    letters = {}
    for name, due, direction in (
        ("yesterday", "2025-05-14", "outgoing"),  # 1 day
        ("april", "2025-04", "outgoing"),  # latest day 30 April: 15 days
        ("may", "2025-05", "outgoing"),  # May is not over: not overdue
        ("today", "2025-05-15", "outgoing"),  # due today: not overdue
        ("year 2024", "2024", "outgoing"),  # latest day 31 Dec 2024: 135 days
        ("about march", "2025-03~", "outgoing"),  # 45 days
        ("about may", "2025-05~", "outgoing"),  # estimated May: not over either
        ("dec 30", "2024-12-30", "outgoing"),  # 136 days: before "2024" although it sorts after
        ("incoming", "2025-01-01", "incoming"),
        ("answered", "2025-01-01", "outgoing"),
        ("no date", None, "outgoing"),
    ):
        letters[name] = s.letters.create(title=name, follow_up_due=due, direction=direction).id
    s.responses.create(
        title="Reply",
        from_organization_id=s.organizations.create(name="MFA", kind="ministry").id,
        response_type="token_reply",
        in_reply_to=[letters["answered"]],
    )
    board = s.dashboard.build(TODAY)
    assert [(i.label, i.detail, str(i.date)) for i in board.overdue_letters] == [
        ("dec 30", "136", "2024-12-30"),
        ("year 2024", "135", "2024"),
        ("about march", "45", "2025-03~"),
        ("april", "15", "2025-04"),
        ("yesterday", "1", "2025-05-14"),
    ]
    assert all(i.kind == "letters" for i in board.overdue_letters)
    assert board.overdue_letters[0].id == letters["dec 30"]
    assert board.overdue_total == 5
    assert _ids(s, board.overdue_target) == {i.id for i in board.overdue_letters}

    # a day later, May is still not over; on 1 June it is
    assert s.dashboard.build(dt.date(2025, 5, 31)).overdue_total == 6  # + "today"
    june = s.dashboard.build(dt.date(2025, 6, 1))
    assert june.overdue_total == 8  # + "may", "about may"
    assert {i.label: i.detail for i in june.overdue_letters}["about may"] == "1"


def test_overdue_list_is_capped_but_counted(services):
    # "2022" sorts first as stored but ends last (31 December): it is not among the
    # twenty most overdue, although the twentieth day letter sorts after it
    rows = [{"title": "Year 2022", "follow_up_due": "2022"}]
    rows += [{"title": f"Day {n:02d}", "follow_up_due": f"2022-01-{n:02d}"} for n in range(1, 21)]
    rows += [{"title": f"Later {n}", "follow_up_due": f"2024-0{n}"} for n in range(1, 5)]
    services.letters.create_many(rows)
    board = services.dashboard.build(TODAY)
    assert board.overdue_total == 25
    assert len(board.overdue_letters) == LIST_LIMIT
    assert [i.label for i in board.overdue_letters] == [f"Day {n:02d}" for n in range(1, 21)]
    assert board.overdue_letters[0].detail == str((TODAY - dt.date(2022, 1, 1)).days)
    assert services.listing.count("letters", filters=board.overdue_target.filters) == 25


def test_open_asks(services):
    s = services
    old = s.letters.create(title="Old", sent_on="2024-01-10")
    new = s.letters.create(title="New", sent_on="2025-03")
    done = s.letters.create(title="Done", sent_on="2025-04")
    s.letters.create(title="No asks")
    s.letters.add_ask(old.id, "Free him")
    s.letters.add_ask(new.id, "Met already", status="met")
    s.letters.add_ask(new.id, "Allow visits")
    s.letters.add_ask(new.id, "Trial observers")
    s.letters.add_ask(done.id, "Refused", status="refused")
    board = s.dashboard.build(TODAY)
    assert board.open_asks == 3
    assert [(i.id, i.label, str(i.date), i.detail) for i in board.open_ask_items] == [
        (new.id, "Allow visits", "2025-03", "ask 2 · New"),
        (new.id, "Trial observers", "2025-03", "ask 3 · New"),
        (old.id, "Free him", "2024-01-10", "ask 1 · Old"),
    ]
    assert _ids(s, board.open_asks_target) == {old.id, new.id}
    closed = s.listing.page("letters", filters={"open_asks": False}).rows
    assert sorted(r["title"] for r in closed) == ["Done", "No asks"]
    assert s.listing.count("letters", filters={"open_asks": "false"}) == 2


def test_open_asks_list_is_capped_newest_letters_first(services):
    letters = services.letters.create_many(
        {"title": f"Letter {n:02d}", "sent_on": f"2025-01-{n + 1:02d}"} for n in range(15)
    )
    assert letters == 15
    by_title = {r["title"]: r["id"] for r in services.listing.page("letters").rows}
    for title, letter_id in by_title.items():
        services.letters.add_ask(letter_id, f"{title} first")
        services.letters.add_ask(letter_id, f"{title} met", status="met")
        services.letters.add_ask(letter_id, f"{title} third")
    board = services.dashboard.build(TODAY)
    assert board.open_asks == 30
    expected = [f"Letter {n:02d} {which}" for n in range(14, 4, -1) for which in ("first", "third")]
    assert [i.label for i in board.open_ask_items] == expected
    assert board.open_ask_items[1].detail == "ask 3 · Letter 14"


def test_upcoming_hearings_and_their_list(services):
    s = services
    court = s.organizations.create(name="Baku Military Court", kind="court")
    detentions = {}
    for name, held_on in (
        ("Today Person", ["2025-05-15"]),
        ("Edge Person", ["2025-06-14"]),  # last day of a 30-day horizon
        ("Late Person", ["2025-06-15"]),
        ("Past Person", ["2025-05-14"]),
        ("June Person", ["2025-06"]),  # a month that overlaps the horizon
        ("Year Person", ["2025"]),
        ("About May Person", ["2025-05~"]),
        ("April Person", ["2025-04"]),
        ("Both Sides Person", ["2025-01-10", "2025-12-01"]),  # none inside the range
    ):
        person = s.people.create(display_name=name)
        detention = s.detentions.create(person_id=person.id, category="civilian")
        for day in held_on:
            s.detentions.add_hearing(detention.id, held_on=day, court_id=court.id)
        detentions[name] = detention.id
    s.detentions.add_hearing(detentions["Today Person"], held_on="2025-07-01", description="Appeal")
    board = s.dashboard.build(TODAY, horizon_days=30)
    assert [(i.label, str(i.date), i.detail) for i in board.upcoming_hearings] == [
        ("Year Person", "2025", "Baku Military Court"),
        ("About May Person", "2025-05~", "Baku Military Court"),
        ("Today Person", "2025-05-15", "Baku Military Court"),
        ("June Person", "2025-06", "Baku Military Court"),
        ("Edge Person", "2025-06-14", "Baku Military Court"),
    ]
    assert [i.kind for i in board.upcoming_hearings] == ["detainees"] * 5
    assert board.upcoming_hearings[2].id == detentions["Today Person"]
    wanted = {detentions[i.label] for i in board.upcoming_hearings}
    assert _ids(s, board.hearings_target) == wanted
    assert board.hearings_target.filters == {
        "hearing_from": "2025-05-15",
        "hearing_to": "2025-06-14",
    }

    # one side of the range alone
    after = s.listing.count("detainees", filters={"hearing_from": "2025-06-15"})
    assert after == 5  # Late, June, Year, Both Sides (December), Today (July appeal)
    assert s.listing.count("detainees", filters={"hearing_to": "2025-01"}) == 2  # Both, Year
    # a longer horizon reaches the July appeal; description is the detail
    later = s.dashboard.build(TODAY, horizon_days=60)
    assert ("Today Person", "Appeal") in [(i.label, i.detail) for i in later.upcoming_hearings]
    with pytest.raises(ValidationError, match="horizon_days"):
        s.dashboard.build(TODAY, horizon_days=-1)


def test_status_figures_and_their_lists(services):
    s = services
    person = s.people.create(display_name="Someone")
    for status in ("detained", "detained", "released", None):
        fields = {"status": status} if status else {}
        s.detentions.create(person_id=person.id, category="civilian", **fields)
    for status in ("submitted", "designated", "submitted"):
        s.sanctions.create(title="Request", target_description="Officials", status=status)
    board = s.dashboard.build(TODAY)
    assert [(f.key, f.value) for f in board.detentions_by_status] == [
        ("detained", 2),
        ("released", 1),
        ("unknown", 1),
    ]
    assert [(f.key, f.value) for f in board.sanctions_by_status] == [
        ("submitted", 2),
        ("designated", 1),
    ]
    for figure in board.detentions_by_status + board.sanctions_by_status:
        assert figure.target is not None
        assert len(_ids(s, figure.target)) == figure.value
    assert {f.key for f in board.detentions_by_status} <= {d.value for d in DetentionStatus}
    assert {f.key for f in board.sanctions_by_status} <= {d.value for d in SanctionStatus}


def test_recent_changes_newest_first_across_lists(services):
    s = services
    person = s.people.create(display_name="Ruben Vardanyan")
    detention = s.detentions.create(person_id=person.id, category="civilian")
    letter = s.letters.create(title="Appeal")
    org = s.organizations.create(name="MFA", kind="ministry")
    s.letters.update(letter.id, summary="edited last")
    board = s.dashboard.build(TODAY)
    assert [(i.kind, i.id, i.label) for i in board.recent_changes] == [
        ("letters", letter.id, "Appeal"),
        ("organizations", org.id, "MFA"),
        ("detainees", detention.id, "Ruben Vardanyan"),
        ("people", person.id, "Ruben Vardanyan"),
    ]
    assert board.recent_changes[0].detail.startswith("letters · ")
    assert all(i.date is None for i in board.recent_changes)


def test_demo_dashboard_in_a_handful_of_queries(services):
    load_demo(services)
    statements = []

    def seen(*args):
        statements.append(args[2])

    event.listen(services.db.engine, "before_cursor_execute", seen)
    try:
        board = services.dashboard.build(dt.date(2025, 5, 20))
    finally:
        event.remove(services.db.engine, "before_cursor_execute", seen)
    assert len(statements) <= 6
    assert [(f.key, f.value) for f in board.detentions_by_status] == [("on_trial", 6)]
    assert [(f.key, f.value) for f in board.sanctions_by_status] == [("submitted", 1)]
    assert board.overdue_total == 0  # the demo letter is a third party's, not ours
    assert board.open_asks == 3
    assert [i.detail.split(" · ")[0] for i in board.open_ask_items] == ["ask 1", "ask 2", "ask 3"]
    assert board.upcoming_hearings == []
    assert len(board.recent_changes) == RECENT_LIMIT
    for figure in board.detentions_by_status + board.sanctions_by_status:
        assert services.listing.count(figure.target.kind, filters=figure.target.filters) == (
            figure.value
        )
    assert len(_ids(services, board.open_asks_target)) == 1
    # the trial opened on 17 January: upcoming when seen from early January
    january = services.dashboard.build(dt.date(2025, 1, 2), horizon_days=30)
    assert sorted(i.label for i in january.upcoming_hearings) == sorted(
        r["name"] for r in services.listing.page("detainees").rows
    )
    assert len(_ids(services, january.hearings_target)) == 6


# ------------------------------------------------------------------ list filters


def test_letter_and_detention_link_filters(services):
    s = services
    person = s.people.create(display_name="Ruben Vardanyan")
    linked = s.detentions.create(person_id=person.id, category="civilian")
    other = s.detentions.create(person_id=person.id, category="journalist")
    first = s.letters.create(title="First")
    second = s.letters.create(title="Second")
    s.letters.create(title="Third")
    s.letters.link_detention(first.id, linked.id)
    s.letters.link_detention(second.id, linked.id)
    s.letters.link_detention(second.id, other.id)
    assert _ids(s, ListTarget("letters", {"detention": str(linked.id)})) == {first.id, second.id}
    assert _ids(s, ListTarget("letters", {"detention": other.id})) == {second.id}
    assert _ids(s, ListTarget("detainees", {"letter": second.id})) == {linked.id, other.id}
    assert _ids(s, ListTarget("detainees", {"letter": first.id, "category": "civilian"})) == {
        linked.id
    }
    browsed = services.browse.ids("detainees", filters={"letter": first.id}).ids
    assert [uuid.UUID(str(i)) for i in browsed] == [linked.id]
    assert s.listing.count("detainees", filters={"letter": first.id}, text="Ruben") == 1


def test_filters_refuse_bad_values(services):
    with pytest.raises(ValidationError, match="overdue_on: give a full date"):
        services.listing.page("letters", filters={"overdue_on": "2025-05"})
    with pytest.raises(ValidationError, match="overdue_on"):
        services.listing.count("letters", filters={"overdue_on": "soon"})
    with pytest.raises(ValidationError, match="open_asks: use true or false"):
        services.listing.page("letters", filters={"open_asks": "maybe"})
    with pytest.raises(ValidationError, match="detention: 'x' is not a valid id"):
        services.listing.page("letters", filters={"detention": "x"})
    with pytest.raises(ValidationError, match="month 13"):
        services.listing.count("detainees", filters={"hearing_from": "2025-13"})
    assert "hearing_from" in services.browse.filters("detainees")
    assert services.listing.count("letters", filters={"overdue_on": dt.date(2025, 1, 1)}) == 0


def test_date_from_filter_keeps_estimated_dates(services):
    """An estimated month or year still stands for its whole span."""
    for date in ("2025-05~", "2025~", "2025-04~", "2024~"):
        services.letters.create(title=date, sent_on=date)
    page = services.listing.page("letters", filters={"sent_from": "2025-05-10"})
    assert sorted(r["title"] for r in page.rows) == ["2025-05~", "2025~"]
    count = services.listing.count(
        "letters", filters={"sent_from": "2025-05-10", "sent_to": "2025-05"}
    )
    assert count == 2
