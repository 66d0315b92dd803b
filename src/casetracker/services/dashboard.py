"""The dashboard: what needs attention today, computed in a handful of SQL queries.

Every figure and list comes with a :class:`ListTarget`: the list kind and the
filters that show the same records in full with ``services.listing.page``
(or ``services.browse.ids``), so a click on a figure opens exactly what it
counts.

Partial dates follow the listing filters: a follow-up due "2025-04" is overdue
only from 1 May 2025 (its latest day is past), and counts its days overdue
from 30 April; a hearing "2025-05" is upcoming on any day of May 2025 (its
span overlaps the horizon).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, func, literal, select, type_coerce, union_all
from sqlalchemy.orm import Session, aliased

from casetracker.db.engine import Database
from casetracker.errors import ValidationError
from casetracker.models import (
    Ask,
    Detention,
    Hearing,
    Letter,
    Organization,
    Person,
    Response,
    SanctionRequest,
)
from casetracker.models.enums import AskStatus, DetentionStatus, SanctionStatus
from casetracker.services.listing import _date_before, _date_bounds, overdue_condition
from casetracker.services.related import RelatedItem

#: the most items of each dashboard list
LIST_LIMIT = 20
#: the most records in ``recent_changes``
RECENT_LIMIT = 15


@dataclass(frozen=True)
class ListTarget:
    """A list to open: ``services.listing.page(kind, filters=filters, sort=sort, …)``."""

    kind: str
    filters: dict[str, Any]
    sort: str | None = None
    descending: bool = False


@dataclass(frozen=True)
class Figure:
    """A counted value (``key`` is stable: a status value) and the list behind it."""

    key: str
    value: int
    target: ListTarget | None


@dataclass(frozen=True)
class Dashboard:
    """The figures and short lists of the dashboard, as plain data."""

    #: every detention status with at least one detention, in DetentionStatus order
    detentions_by_status: list[Figure]
    #: outgoing letters past their follow-up date with no response, most overdue
    #: first (at most LIST_LIMIT); ``date`` is the follow-up date, ``detail`` the
    #: days overdue ("12")
    overdue_letters: list[RelatedItem]
    overdue_total: int
    overdue_target: ListTarget
    #: number of asks with status "open" (over all letters)
    open_asks: int
    #: open asks of the most recently sent letters first (at most LIST_LIMIT);
    #: ``id`` is the letter's, ``date`` its sent date, ``detail`` "ask 2 · <letter title>"
    open_ask_items: list[RelatedItem]
    open_asks_target: ListTarget
    #: hearings in [today, today + horizon], soonest first (at most LIST_LIMIT)
    upcoming_hearings: list[RelatedItem]
    hearings_target: ListTarget
    #: every sanction status with at least one request, in SanctionStatus order
    sanctions_by_status: list[Figure]
    #: the most recently changed records of every list (at most RECENT_LIMIT);
    #: ``detail`` is "<kind> · <local time>"
    recent_changes: list[RelatedItem]


def _latest_day_key(column: Any) -> Any:
    """A text that sorts partial dates by their latest day ("2024" after "2024-12-30")."""
    text = type_coerce(column, String())
    return func.replace(text, "*", "", type_=String()).concat("\uffff")


class DashboardService:
    """Builds the :class:`Dashboard` for one day."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def build(self, today: dt.date | None = None, horizon_days: int = 60) -> Dashboard:
        today = today or dt.date.today()
        if isinstance(today, dt.datetime):
            today = today.date()
        if horizon_days < 0:
            raise ValidationError.single("horizon_days", "cannot be negative")
        until = today + dt.timedelta(days=horizon_days)
        with self.db.reading() as session:
            counts = session.execute(self._counts_query(today)).all()
            overdue_total = sum(r.n for r in counts if r.part == "overdue")
            overdue = self._overdue(session, today) if overdue_total else []
            asks = session.execute(self._open_asks_query()).all()
            hearings = session.execute(self._hearings_query(today, until)).all()
            recent = session.execute(self._recent_query()).all()

        detentions = {r.value: r.n for r in counts if r.part == "detentions"}
        sanctions = {r.value: r.n for r in counts if r.part == "sanctions"}
        open_asks = sum(r.n for r in counts if r.part == "asks")
        return Dashboard(
            detentions_by_status=[
                Figure(s.value, detentions[s.value], ListTarget("detainees", {"status": s.value}))
                for s in DetentionStatus
                if detentions.get(s.value)
            ],
            overdue_letters=[
                RelatedItem(
                    "letters",
                    r.id,
                    r.title,
                    r.follow_up_due,
                    str((today - r.follow_up_due.latest()).days),
                )
                for r in overdue
            ],
            overdue_total=overdue_total,
            overdue_target=ListTarget(
                "letters", {"overdue_on": today.isoformat()}, sort="follow_up_due"
            ),
            open_asks=open_asks,
            open_ask_items=[
                RelatedItem(
                    "letters", r.letter_id, r.text, r.sent_on, f"ask {r.ordinal + 1} · {r.title}"
                )
                for r in asks
            ],
            open_asks_target=ListTarget(
                "letters", {"open_asks": True}, sort="sent_on", descending=True
            ),
            upcoming_hearings=[
                RelatedItem(
                    "detainees",
                    r.detention_id,
                    r.display_name,
                    r.held_on,
                    r.description or r.court or "",
                )
                for r in hearings
            ],
            hearings_target=ListTarget(
                "detainees",
                {"hearing_from": today.isoformat(), "hearing_to": until.isoformat()},
            ),
            sanctions_by_status=[
                Figure(s.value, sanctions[s.value], ListTarget("sanctions", {"status": s.value}))
                for s in SanctionStatus
                if sanctions.get(s.value)
            ],
            recent_changes=[
                RelatedItem(
                    r.kind,
                    r.id,
                    r.label,
                    None,
                    f"{r.kind} · {r.updated_at.astimezone():%Y-%m-%d %H:%M}",
                )
                for r in recent
            ],
        )

    # ------------------------------------------------------------------ queries
    @staticmethod
    def _counts_query(today: dt.date) -> Any:
        """Detentions and sanction requests by status, open asks, overdue letters: one query."""
        detentions = select(
            literal("detentions", String()).label("part"),
            type_coerce(Detention.status, String()).label("value"),
            func.count().label("n"),
        ).group_by(Detention.status)
        sanctions = select(
            literal("sanctions", String()),
            type_coerce(SanctionRequest.status, String()),
            func.count(),
        ).group_by(SanctionRequest.status)
        asks = select(literal("asks", String()), literal("open", String()), func.count()).where(
            Ask.status == AskStatus.OPEN
        )
        overdue = (
            select(literal("overdue", String()), literal("overdue", String()), func.count())
            .select_from(Letter)
            .where(overdue_condition(today))
        )
        return union_all(detentions, sanctions, asks, overdue)

    @staticmethod
    def _overdue(session: Session, today: dt.date) -> list[Any]:
        """The most overdue letters: the LIST_LIMIT whose follow-up date ended first.

        Sorting every overdue letter by its latest day would read them all. The
        first LIST_LIMIT in stored order (the index's order, by earliest day)
        have latest days up to some day U, so the answer is among the letters
        whose due date ends by U: only those are sorted.
        """
        condition = overdue_condition(today)
        first = session.scalars(
            select(Letter.follow_up_due)
            .where(condition)
            .order_by(Letter.follow_up_due.asc().nulls_first(), Letter.id)
            .limit(LIST_LIMIT)
        ).all()
        if not first:
            return []
        bound = max(due.latest() for due in first) + dt.timedelta(days=1)
        return list(session.execute(DashboardService._overdue_query(today, bound)))

    @staticmethod
    def _overdue_query(today: dt.date, bound: dt.date | None = None) -> Any:
        """Overdue letters (due by ``bound`` if given), most overdue first."""
        condition = overdue_condition(today)
        if bound is not None:
            condition = and_(condition, _date_before(Letter.follow_up_due, bound))
        return (
            select(Letter.id, Letter.title, Letter.follow_up_due)
            .where(condition)
            .order_by(_latest_day_key(Letter.follow_up_due), Letter.id)
            .limit(LIST_LIMIT)
        )

    @staticmethod
    def _open_asks_query() -> Any:
        """Open asks of the most recently sent letters that have one.

        The letters are picked first, newest first along the ``sent_on`` index
        (each has at least one open ask, so LIST_LIMIT letters are enough), then
        their open asks: no sort of every open ask.
        """
        has_open = (
            select(Ask.id).where(Ask.letter_id == Letter.id, Ask.status == AskStatus.OPEN).exists()
        )
        letters = (
            select(Letter.id, Letter.sent_on)
            .where(has_open)
            .order_by(Letter.sent_on.desc().nulls_last(), Letter.id.desc())
            .limit(LIST_LIMIT)
            .subquery()
        )
        return (
            select(Ask.letter_id, Ask.text, Ask.ordinal, Letter.title, letters.c.sent_on)
            .select_from(letters)
            .join(Ask, Ask.letter_id == letters.c.id)
            .join(Letter, Letter.id == letters.c.id)
            .where(Ask.status == AskStatus.OPEN)
            .order_by(
                letters.c.sent_on.desc().nulls_last(), letters.c.id.desc(), Ask.ordinal, Ask.id
            )
            .limit(LIST_LIMIT)
        )

    @staticmethod
    def _hearings_query(today: dt.date, until: dt.date) -> Any:
        after, before = _date_bounds(Hearing.held_on)
        court = aliased(Organization)
        return (
            select(
                Hearing.detention_id,
                Hearing.held_on,
                Hearing.description,
                Person.display_name,
                court.name.label("court"),
            )
            .join(Detention, Detention.id == Hearing.detention_id)
            .join(Person, Person.id == Detention.person_id)
            .outerjoin(court, court.id == Hearing.court_id)
            .where(after(today.isoformat()), before(until.isoformat()))
            .order_by(Hearing.held_on, Person.sort_name, Hearing.id)
            .limit(LIST_LIMIT)
        )

    @staticmethod
    def _recent_query() -> Any:
        """The latest changes of each list, merged: one query."""
        parts = (
            ("detainees", Detention, Person.display_name),
            ("letters", Letter, Letter.title),
            ("sanctions", SanctionRequest, SanctionRequest.title),
            ("responses", Response, Response.title),
            ("people", Person, Person.display_name),
            ("organizations", Organization, Organization.name),
        )
        selects = []
        for kind, model, label in parts:
            latest = (
                select(model.id, model.updated_at)
                .order_by(model.updated_at.desc(), model.id.desc())
                .limit(RECENT_LIMIT)
                .subquery()
            )
            query = (
                select(
                    literal(kind, String()).label("kind"),
                    latest.c.id.label("id"),
                    type_coerce(label, String()).label("label"),
                    latest.c.updated_at.label("updated_at"),
                )
                .select_from(latest)
                .join(model, model.id == latest.c.id)
            )
            if model is Detention:
                query = query.join(Person, Person.id == Detention.person_id)
            selects.append(query)
        merged = union_all(*selects).subquery()
        return (
            select(merged)
            .order_by(merged.c.updated_at.desc(), merged.c.id.desc())
            .limit(RECENT_LIMIT)
        )


__all__ = ["LIST_LIMIT", "RECENT_LIMIT", "Dashboard", "DashboardService", "Figure", "ListTarget"]
