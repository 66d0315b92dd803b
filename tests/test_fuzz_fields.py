"""Random field values never crash a service and never leave a partial record."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casetracker.errors import ValidationError

values = (
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats()
    | st.text(max_size=40)
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=600)
    | st.sampled_from(
        [
            "2025",
            "2025-04",
            "2025-04-11",
            "2025-04-11~",
            "2025-02-30",
            "~",
            "outgoing",
            "public",
            "confidential",
            "on_trial",
            "US-GLOMAG",
            "AZ",
            "00000000-0000-0000-0000-000000000000",
            "\x00",
            "Ə",
            "Վարդանյան",
        ]
    )
)

KINDS = {
    "letters": [
        "title",
        "sent_on",
        "direction",
        "channel",
        "summary",
        "body",
        "follow_up_due",
        "sensitivity",
        "is_demo",
        "notes",
        "version",
    ],
    "people": ["display_name", "birth_date", "gender", "citizenship", "notes", "sensitivity"],
    "organizations": ["name", "kind", "country", "abbreviation", "parent_id"],
    "sanctions": [
        "title",
        "target_description",
        "target_person_id",
        "submitted_on",
        "channel",
        "designated_on",
        "programs",
        "status",
    ],
    "events": ["occurred_on", "kind", "title", "place", "letter_id"],
}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_fields_are_saved_or_refused_cleanly(services, data):
    kind = data.draw(st.sampled_from(sorted(KINDS)))
    service = getattr(services, kind)
    names = data.draw(st.lists(st.sampled_from(KINDS[kind]), unique=True, max_size=6))
    fields = {name: data.draw(values) for name in names}
    if kind == "sanctions" and "programs" in fields:
        fields["programs"] = data.draw(st.lists(values, max_size=2))
    before = service.count()
    try:
        record = service.create(**fields)
    except ValidationError as exc:
        assert exc.problems and all(p.field for p in exc.problems)
        assert service.count() == before
    else:
        assert service.count() == before + 1
        assert service.get(record.id).version == 1
