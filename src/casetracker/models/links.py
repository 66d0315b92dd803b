"""Plain many-to-many links between records (no attributes of their own)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Table, Uuid

from casetracker.db.base import Base


def _link_table(name: str, left: tuple[str, str], right: tuple[str, str]) -> Table:
    (left_col, left_table), (right_col, right_table) = left, right
    return Table(
        name,
        Base.metadata,
        Column(
            left_col,
            Uuid(),
            ForeignKey(f"{left_table}.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column(
            right_col,
            Uuid(),
            ForeignKey(f"{right_table}.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )


letter_tags = _link_table("letter_tags", ("letter_id", "letters"), ("tag_id", "tags"))
letter_detentions = _link_table(
    "letter_detentions", ("letter_id", "letters"), ("detention_id", "detentions")
)
letter_sanction_requests = _link_table(
    "letter_sanction_requests",
    ("letter_id", "letters"),
    ("sanction_request_id", "sanction_requests"),
)
response_letters = _link_table(
    "response_letters", ("response_id", "responses"), ("letter_id", "letters")
)
sanction_ground_detentions = _link_table(
    "sanction_ground_detentions",
    ("sanction_request_id", "sanction_requests"),
    ("detention_id", "detentions"),
)
sanction_ground_events = _link_table(
    "sanction_ground_events",
    ("sanction_request_id", "sanction_requests"),
    ("event_id", "events"),
)
