"""Sanctions dossier: one sanction request, in the shape NGOs use for Global
Magnitsky submissions.

Identity of the target, positions held, the alleged conduct tied to specific
victims and dated events, evidence and sources (internal editions only), the
program requested, status and history, recipients, earlier requests against
the same target and the letters that ask for it.

``record_id`` is a sanction request id. Every record goes through the
audience's redactor, as in :mod:`casetracker.reports.dossier`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, Spacer
from sqlalchemy import func, select

from casetracker.errors import ValidationError
from casetracker.models import (
    SANCTION_PROGRAMS,
    Detention,
    Event,
    Hearing,
    Letter,
    LetterSignatory,
    Person,
    SanctionRecipient,
    SanctionRequest,
    SanctionRequestProgram,
    SanctionStatusChange,
    TreatmentReport,
    letter_sanction_requests,
    sanction_ground_detentions,
    sanction_ground_events,
)
from casetracker.models.sanction import SanctionProgram
from casetracker.reports.audience import WITHHELD
from casetracker.reports.context import Cover, ReportContext
from casetracker.reports.dossier import (
    DASH,
    Scrubber,
    _date,
    _date_key,
    _dated,
    _event_kind,
    _joined,
    _label,
    _not_shown,
    _rows_in,
    _scalars_in,
    _visible,
    _widths,
    identity,
    organizations,
    people,
    positions_rows,
    prepared_line,
    sources,
    withhold_names,
)
from casetracker.reports.pdf import figures, heading, labelled, p, table


def _resolve(ctx: ReportContext) -> SanctionRequest:
    rid = ctx.options.record_id
    if rid is None:
        raise ValidationError.single("id", "a sanctions dossier needs the id of a sanction request")
    request = ctx.session.get(SanctionRequest, rid)
    if request is None:
        raise ValidationError.single("id", f"no sanction request with id {rid}")
    if not ctx.redactor.shows(request):
        raise _not_shown(ctx, "sanction request", request)
    return request


def _before(other: SanctionRequest, request: SanctionRequest) -> bool:
    """True when ``other`` came before ``request``: by submission date when both
    have one, else by when they were entered."""
    if (
        other.submitted_on is not None
        and request.submitted_on is not None
        and other.submitted_on != request.submitted_on
    ):
        return other.submitted_on.sort_text() < request.submitted_on.sort_text()
    return (other.created_at, str(other.id)) < (request.created_at, str(request.id))


def _program(key: str) -> str:
    program = SANCTION_PROGRAMS.get(key)
    return f"{program.title} ({key})" if program else key


def _target(ctx: ReportContext, request: SanctionRequest, person: Person | None) -> str:
    if person is not None:
        return ctx.redactor.name(person)
    return request.target_description or ""


def _programs(ctx: ReportContext, request_id: uuid.UUID) -> list[Any]:
    return ctx.session.execute(
        select(SanctionRequestProgram.program_key, SanctionRequestProgram.note)
        .where(
            SanctionRequestProgram.sanction_request_id == request_id,
            _visible(ctx, SanctionRequestProgram),
        )
        .order_by(SanctionRequestProgram.program_key)
    ).all()


def _target_scrubber(ctx: ReportContext, person: Person | None) -> Scrubber:
    scrub = Scrubber()
    if person is not None:
        withhold_names(ctx, [person], scrub)
    return scrub


def describe(ctx: ReportContext) -> Cover:
    request = _resolve(ctx)
    person = ctx.session.get(Person, request.target_person_id) if request.target_person_id else None
    scrub = _target_scrubber(ctx, person)
    target = _target(ctx, request, person)
    programs = ", ".join(_program(r.program_key) for r in _programs(ctx, request.id))
    lines = [
        f"Target: {scrub(target)}" if person is None else "",
        f"Program requested: {programs}" if programs else "",
        f"Status: {_label(request.status)}",
        _joined(
            f"Submitted {request.submitted_on.display()}" if request.submitted_on else "",
            f"by {_label(request.channel).lower()}" if request.channel else "",
            sep=" ",
        ),
        prepared_line(ctx),
    ]
    return Cover(
        title=f"Sanctions dossier: {target}" if person is not None else "Sanctions dossier",
        subtitle=scrub(request.title),
        lines=tuple(line for line in lines if line),
    )


def story(ctx: ReportContext) -> list[Flowable]:
    request = _resolve(ctx)
    ctx.progress.report(0, 4, "reading the request")
    data = _read(ctx, request)
    ctx.progress.report(1, 4, "writing the dossier")
    out = _summary(ctx, data)
    out += _identity(ctx, data)
    out += _conduct(ctx, data)
    ctx.progress.report(2, 4, "reading the sources")
    out += sources(
        ctx,
        {
            "sanction_request_id": {request.id: "The request"},
            "person_id": {data.person.id: "Identity of the target"}
            if data.person is not None and data.target_shown
            else {},
            "event_id": {
                e.id: f"Event: {e.title} ({_date(e.occurred_on, 'undated')})"
                for e in data.ground_events
            },
            "detention_id": {d.id: f"Detention of {data.victim(d.id)}" for d in data.victims},
            "treatment_report_id": {
                t.id: f"{_label(t.kind)}: {data.victim(t.detention_id)} "
                f"({_date(t.reported_on, 'undated')})"
                for t in data.treatment
            },
            "hearing_id": {
                h.id: f"Hearing of {data.victim(h.detention_id)} ({_date(h.held_on, 'undated')})"
                for h in data.hearings
            },
        },
        data.scrub,
    )
    ctx.progress.report(3, 4, "writing the history")
    out += _request(ctx, data)
    ctx.progress.report(4, 4, "laying out")
    return out


@dataclass
class _Data:
    """Everything the dossier prints about one request, visible to the audience."""

    ctx: ReportContext
    request: SanctionRequest
    person: Person | None
    scrub: Scrubber
    victims: list[Detention]
    victim_people: dict[uuid.UUID, Person]
    ground_events: list[Event]
    treatment: list[TreatmentReport]
    hearings: list[Hearing]
    programs: list[Any]
    changes: list[SanctionStatusChange]
    own_events: list[Event]
    recipients: list[SanctionRecipient]
    earlier: list[SanctionRequest]
    later: list[SanctionRequest]
    other_programs: dict[uuid.UUID, list[str]]
    letters: list[Letter]
    signatures: dict[uuid.UUID, int]
    persons: dict[uuid.UUID, Person]
    org_names: dict[uuid.UUID, str]
    held_by: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.held_by = {d.id: d.person_id for d in self.victims}

    @property
    def target_shown(self) -> bool:
        """True when the target's details (not just the name) may be printed."""
        redactor = self.ctx.redactor
        return (
            self.person is not None
            and redactor.shows(self.person)
            and not redactor.private(self.person.id)
        )

    def victim(self, detention_id: uuid.UUID) -> str:
        """The name of the person held in one of the victims' detentions, as printed."""
        person = self.victim_people.get(self.held_by[detention_id])
        return self.ctx.redactor.name(person, WITHHELD)

    def org(self, org_id: uuid.UUID | None, empty: str = "") -> str:
        return self.org_names.get(org_id, empty) if org_id is not None else empty


def _read(ctx: ReportContext, request: SanctionRequest) -> _Data:
    """Read the request in a fixed, small number of queries (lists in bulk)."""
    session = ctx.session
    rid = request.id
    person = session.get(Person, request.target_person_id) if request.target_person_id else None
    victims = session.scalars(
        select(Detention).where(
            Detention.id.in_(
                select(sanction_ground_detentions.c.detention_id).where(
                    sanction_ground_detentions.c.sanction_request_id == rid
                )
            ),
            _visible(ctx, Detention),
        )
    ).all()
    victim_ids = [d.id for d in victims]
    victim_people = people(ctx, [d.person_id for d in victims])
    ground_events = session.scalars(
        select(Event).where(
            Event.id.in_(
                select(sanction_ground_events.c.event_id).where(
                    sanction_ground_events.c.sanction_request_id == rid
                )
            ),
            _visible(ctx, Event),
        )
    ).all()
    treatment = _scalars_in(
        session,
        select(TreatmentReport).where(_visible(ctx, TreatmentReport)),
        TreatmentReport.detention_id,
        victim_ids,
    )
    hearings = _scalars_in(
        session, select(Hearing).where(_visible(ctx, Hearing)), Hearing.detention_id, victim_ids
    )
    changes = session.scalars(
        select(SanctionStatusChange).where(
            SanctionStatusChange.sanction_request_id == rid, _visible(ctx, SanctionStatusChange)
        )
    ).all()
    own_events = session.scalars(
        select(Event).where(Event.sanction_request_id == rid, _visible(ctx, Event))
    ).all()
    recipients = session.scalars(
        select(SanctionRecipient)
        .where(SanctionRecipient.sanction_request_id == rid, _visible(ctx, SanctionRecipient))
        .order_by(SanctionRecipient.created_at, SanctionRecipient.id)
    ).all()
    # other requests against the same target: the same person, or the same description
    if person is not None:
        same_target = SanctionRequest.target_person_id == person.id
    else:
        same_target = SanctionRequest.target_description == request.target_description
    others = _dated(
        session.scalars(
            select(SanctionRequest).where(
                same_target, SanctionRequest.id != rid, _visible(ctx, SanctionRequest)
            )
        ).all(),
        "submitted_on",
        "title",
    )
    other_programs: dict[uuid.UUID, list[str]] = {}
    for request_id, key in _rows_in(
        session,
        select(SanctionRequestProgram.sanction_request_id, SanctionRequestProgram.program_key)
        .where(_visible(ctx, SanctionRequestProgram))
        .order_by(SanctionRequestProgram.program_key),
        SanctionRequestProgram.sanction_request_id,
        [s.id for s in others],
    ):
        other_programs.setdefault(request_id, []).append(key)
    letters = session.scalars(
        select(Letter).where(
            Letter.id.in_(
                select(letter_sanction_requests.c.letter_id).where(
                    letter_sanction_requests.c.sanction_request_id == rid
                )
            ),
            _visible(ctx, Letter),
        )
    ).all()
    signatures = _rows_in(
        session,
        select(LetterSignatory.letter_id, func.count())
        .where(_visible(ctx, LetterSignatory))
        .group_by(LetterSignatory.letter_id),
        LetterSignatory.letter_id,
        [x.id for x in letters],
    )
    persons = people(ctx, [r.person_id for r in recipients])
    org_names = organizations(
        ctx,
        [
            *(r.organization_id for r in recipients),
            *(d.facility_id for d in victims),
            *(h.court_id for h in hearings),
        ],
    )
    scrub = _target_scrubber(ctx, person)
    withhold_names(ctx, [*victim_people.values(), *persons.values()], scrub)

    def victim_order(d: Detention) -> tuple[Any, ...]:
        held = victim_people.get(d.person_id)
        return (_date_key(d.captured_on), held.sort_name if held else "", str(d.id))

    return _Data(
        ctx=ctx,
        request=request,
        person=person,
        scrub=scrub,
        victims=sorted(victims, key=victim_order),
        victim_people=victim_people,
        ground_events=_dated(ground_events, "occurred_on", "title"),
        treatment=_dated(treatment, "reported_on"),
        hearings=_dated(hearings, "held_on"),
        programs=_programs(ctx, rid),
        changes=_dated(changes, "changed_on"),
        own_events=_dated(own_events, "occurred_on"),
        recipients=list(recipients),
        earlier=[s for s in others if _before(s, request)],
        later=[s for s in others if not _before(s, request)],
        other_programs=other_programs,
        letters=_dated(letters, "sent_on", "title"),
        signatures={letter_id: count for letter_id, count in signatures},
        persons=persons,
        org_names=org_names,
    )


def _summary(ctx: ReportContext, data: _Data) -> list[Flowable]:
    request, scrub = data.request, data.scrub
    out = heading("Summary")
    out.append(
        figures(
            [
                ("Victims", len(data.victims)),
                ("Dated events", len(data.ground_events)),
                ("Letters asking for it", len(data.letters)),
                ("Earlier requests", len(data.earlier)),
            ],
            ctx.width,
        )
    )
    out.append(Spacer(0, 6))
    out.append(
        labelled(
            [
                ("Request", scrub(request.title)),
                ("Target", scrub(_target(ctx, request, data.person))),
                ("Program requested", ", ".join(_program(r.program_key) for r in data.programs)),
                ("Status", _label(request.status)),
                ("Submitted", _date(request.submitted_on, "")),
                ("Channel", _label(request.channel)),
                ("Designation reference", request.designation_reference),
                ("Designated", _date(request.designated_on, "")),
                ("Outcome", scrub(request.outcome)),
                ("Notes", scrub(ctx.redactor.field("notes", request.notes))),
            ],
            ctx.width,
        )
    )
    return out


def _identity(ctx: ReportContext, data: _Data) -> list[Flowable]:
    """Identity of the target and the positions they held."""
    person = data.person
    if person is not None:
        out = identity(ctx, person, "Identity of the target")
    else:
        out = heading("Identity of the target")
        out.append(labelled([("Target", data.scrub(data.request.target_description))], ctx.width))
        out.append(Spacer(0, 4))
        out.append(p("The request names no individual; the target is described above.", "small"))
    out += heading("Positions held")
    if person is None:
        out.append(p("None recorded: the request names no individual.", "small"))
    elif not data.target_shown:
        out.append(p("Withheld in this edition.", "small"))
    else:
        out += table(
            ["Position", "Organization", "From", "To"],
            positions_rows(ctx, person.id),
            _widths(ctx, 0.36, 0.36, 0.14, 0.14),
        )
    return out


def _conduct(ctx: ReportContext, data: _Data) -> list[Flowable]:
    """The grounds: the victims, and a chronology of what was done to them and
    of the dated events the request relies on."""
    scrub = data.scrub
    out = heading("Alleged conduct")
    if data.request.grounds:
        out += heading("Grounds", 1)
        out.append(p(scrub(data.request.grounds), "body"))
    out += heading("Victims", 1)
    out += table(
        ["Victim", "Category", "Detained since", "Status", "Held at"],
        [
            (
                data.victim(d.id),
                _label(d.category),
                _date(d.captured_on),
                _label(d.status),
                data.org(d.facility_id, DASH),
            )
            for d in data.victims
        ],
        _widths(ctx, 0.21, 0.16, 0.16, 0.13, 0.34),
        bold_first=True,
    )
    rows: list[tuple[tuple[int, str], int, str, str, str, str]] = []
    for d in data.victims:
        if d.captured_on or d.capture_place or d.capture_circumstances:
            rows.append(
                (
                    _date_key(d.captured_on),
                    0,
                    _date(d.captured_on, "Undated"),
                    data.victim(d.id),
                    "Detained",
                    _joined(d.capture_place, d.capture_circumstances, sep="\n"),
                )
            )
    for t in data.treatment:
        rows.append(
            (
                _date_key(t.reported_on),
                1,
                _date(t.reported_on, "Undated"),
                data.victim(t.detention_id),
                _label(t.kind),
                t.description,
            )
        )
    for h in data.hearings:
        rows.append(
            (
                _date_key(h.held_on),
                2,
                _date(h.held_on, "Undated"),
                data.victim(h.detention_id),
                "Hearing",
                _joined(data.org(h.court_id), h.description, h.outcome, sep="\n"),
            )
        )
    for e in data.ground_events:
        rows.append(
            (
                _date_key(e.occurred_on),
                3,
                _date(e.occurred_on, "Undated"),
                DASH,
                _event_kind(e.kind),
                _joined(e.title, e.place, e.description, sep="\n"),
            )
        )
    rows.sort(key=lambda row: (row[0], row[1], row[3]))
    # the same act against several victims on the same day is one row naming them all
    merged: dict[tuple[Any, ...], list[str]] = {}
    for key, rank, shown, victim, kind, details in rows:
        names = merged.setdefault((key, rank, shown, kind, details), [])
        if victim not in names:
            names.append(victim)
    out += heading("Chronology of alleged conduct", 1)
    out += table(
        ["Date", "Victims", "Conduct", "Details"],
        [
            (shown, "\n".join(names), kind, scrub(details) or DASH)
            for (_key, _rank, shown, kind, details), names in merged.items()
        ],
        _widths(ctx, 0.14, 0.22, 0.17, 0.47),
    )
    return out


def _request(ctx: ReportContext, data: _Data) -> list[Flowable]:
    """The program requested, status history, recipients, other requests, letters."""
    scrub = data.scrub
    out = heading("Program requested")
    out += table(
        ["Program", "Legal authority", "Jurisdiction", "Note"],
        [
            (
                _program(r.program_key),
                _authority(r.program_key).authority or DASH,
                _authority(r.program_key).jurisdiction or DASH,
                scrub(r.note) or DASH,
            )
            for r in data.programs
        ],
        _widths(ctx, 0.27, 0.38, 0.12, 0.23),
        bold_first=True,
    )

    history: list[tuple[tuple[int, str], int, str, str, str]] = [
        (
            _date_key(c.changed_on),
            0,
            _date(c.changed_on, "Undated"),
            f"Status: {_label(c.status)}",
            scrub(c.note),
        )
        for c in data.changes
    ]
    history += [
        (
            _date_key(e.occurred_on),
            1,
            _date(e.occurred_on, "Undated"),
            _event_kind(e.kind),
            scrub(_joined(e.title, e.place, e.description, sep="\n")),
        )
        for e in data.own_events
    ]
    history.sort(key=lambda row: (row[0], row[1]))
    out += heading("Status and history")
    out.append(p(f"Current status: {_label(data.request.status)}.", "body"))
    out += table(
        ["Date", "Entry", "Details"],
        [(date, entry, details or DASH) for _key, _rank, date, entry, details in history],
        _widths(ctx, 0.15, 0.22, 0.63),
    )

    out += heading("Recipients")
    rows = []
    for r in data.recipients:
        person = data.persons.get(r.person_id) if r.person_id else None
        office = data.org(r.organization_id)
        if person is None and not office:
            continue  # an office the audience may not see, and no person
        rows.append((ctx.redactor.name(person) if person else DASH, office or DASH, _label(r.role)))
    out += table(
        ["Recipient", "Office", "Role"], rows, _widths(ctx, 0.32, 0.52, 0.16), bold_first=True
    )

    def requests(items: list[SanctionRequest]) -> list[Flowable]:
        return table(
            ["Submitted", "Request", "Programs", "Status"],
            [
                (
                    _date(s.submitted_on),
                    scrub(s.title),
                    ", ".join(data.other_programs.get(s.id, [])) or DASH,
                    _label(s.status),
                )
                for s in items
            ],
            _widths(ctx, 0.14, 0.5, 0.2, 0.16),
        )

    out += heading("Earlier requests against the same target")
    out += requests(data.earlier)
    if data.later:
        out += heading("Later requests against the same target", 1)
        out += requests(data.later)

    out += heading("Letters asking for these sanctions")
    out += table(
        ["Sent", "Letter", "Direction", "Signatories"],
        [
            (
                _date(x.sent_on),
                scrub(x.title),
                _label(x.direction),
                str(data.signatures.get(x.id, 0)),
            )
            for x in data.letters
        ],
        _widths(ctx, 0.14, 0.56, 0.15, 0.15),
    )
    return out


def _authority(key: str) -> SanctionProgram:
    return SANCTION_PROGRAMS.get(key) or SanctionProgram(key, key, "", "")


__all__ = ["describe", "story"]
