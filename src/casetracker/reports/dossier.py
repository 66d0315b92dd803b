"""Detainee dossier: one detention in depth, for a meeting or a submission.

Identity and name variants, the detention, its timeline, charges, proceedings,
treatment allegations, access, the letters, responses and sanction requests
about the case, and the sources (internal editions only).

``record_id`` is a detention id; a person id is accepted when that person has
exactly one detention. Every record goes through the audience's redactor:
records it may not show are left out, a private person's details too, and the
person's names are struck from free text when their name is withheld.

The helpers at the top (labels, dates, the identity block, the sources table)
are shared with :mod:`casetracker.reports.sanctions_dossier`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, Spacer
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from casetracker.db.base import Sensitivity
from casetracker.errors import ValidationError
from casetracker.models import (
    AccessFlag,
    Charge,
    Citation,
    Detention,
    DetentionStatusChange,
    Event,
    Hearing,
    Letter,
    LetterSignatory,
    Organization,
    Person,
    PersonIdentifier,
    PersonName,
    Position,
    Response,
    SanctionRequest,
    SanctionRequestProgram,
    Source,
    TreatmentReport,
    letter_detentions,
    response_letters,
    sanction_ground_detentions,
)
from casetracker.models.enums import AccessKind, DetentionStatus, Gender
from casetracker.partialdate import PartialDate, Precision
from casetracker.reports.audience import WITHHELD
from casetracker.reports.common import chunks as _chunks
from casetracker.reports.common import label
from casetracker.reports.context import Cover, ReportContext
from casetracker.reports.pdf import MUTED, esc, figures, heading, labelled, markup, p, table

NONE = "None recorded."
DASH = "—"

# ---------------------------------------------------------------------- labels
_LABELS = {
    "icrc_access": "ICRC access",
    "ngo": "NGO",
    "ngo_report": "NGO report",
    "ill_treatment": "Ill-treatment",
    "url": "Web page",
    "third_party": "Third party",
}

_SCRIPTS = {
    "Latn": "Latin",
    "Armn": "Armenian",
    "Cyrl": "Cyrillic",
    "Arab": "Arabic",
    "Geor": "Georgian",
    "Grek": "Greek",
    "Hebr": "Hebrew",
    "Hans": "Chinese (simplified)",
    "Hant": "Chinese (traditional)",
}

_LANGUAGES = {
    "hy": "Armenian",
    "en": "English",
    "ru": "Russian",
    "az": "Azerbaijani",
    "fa": "Persian",
    "ka": "Georgian",
    "tr": "Turkish",
    "fr": "French",
    "de": "German",
    "ar": "Arabic",
    "uk": "Ukrainian",
}

_COUNTRIES = {
    "AM": "Armenia",
    "AZ": "Azerbaijan",
    "US": "United States",
    "RU": "Russia",
    "GE": "Georgia",
    "TR": "Türkiye",
    "IR": "Iran",
    "FR": "France",
    "GB": "United Kingdom",
    "DE": "Germany",
    "CH": "Switzerland",
    "CA": "Canada",
    "LB": "Lebanon",
    "SY": "Syria",
    "UA": "Ukraine",
    "BY": "Belarus",
    "KZ": "Kazakhstan",
    "IL": "Israel",
    "EU": "European Union",
}

_SCHEMES = {
    "bioguide": "Bioguide ID",
    "wikidata": "Wikidata",
    "opensanctions": "OpenSanctions",
    "passport": "Passport",
}


def _label(code: object) -> str:
    """A stored code as readable text: ``on_trial`` → "On trial"."""
    return label(code, _LABELS)


def _event_kind(kind: object) -> str:
    """An event's kind as a timeline entry ("Other" reads as "Event")."""
    return "Event" if str(kind) == "other" else _label(kind)


def _date(value: PartialDate | None, empty: str = DASH) -> str:
    return value.display() if value is not None else empty


def _date_key(value: PartialDate | None) -> tuple[int, str]:
    """Chronological order, undated last."""
    return (0, value.sort_text()) if value is not None else (1, "")


def _country(value: str | None) -> str:
    if not value:
        return ""
    parts = [part for part in re.split(r"[,;/\s]+", value.strip()) if part]
    if not all(len(part) == 2 for part in parts):
        return value
    return ", ".join(_COUNTRIES.get(part.upper(), part.upper()) for part in parts)


def _script(code: str | None) -> str:
    return _SCRIPTS.get(code or "", code or DASH)


def _language(code: str | None) -> str:
    if not code:
        return DASH
    return _LANGUAGES.get(code.lower(), _LANGUAGES.get(code.split("-")[0].lower(), code))


def _scheme(scheme: str) -> str:
    return _SCHEMES.get(scheme, scheme.replace("_", " ").capitalize())


def _joined(*parts: object, sep: str = " · ") -> str:
    return sep.join(str(part) for part in parts if part not in (None, ""))


def _widths(ctx: ReportContext, *fractions: float) -> list[float]:
    """Column widths from fractions of the text width; they always sum to it."""
    widths = [ctx.width * f for f in fractions[:-1]]
    widths.append(ctx.width - sum(widths))
    return widths


def _visible(ctx: ReportContext, model: Any) -> Any:
    """The SQL condition "this row's sensitivity is one the audience may see"."""
    return model.sensitivity.in_([Sensitivity(s) for s in ctx.audience.sensitivities])


def _rows_in(session: Session, query: Any, column: Any, ids: Iterable[uuid.UUID]) -> list[Any]:
    """``query`` restricted to ``column IN ids``, in chunks (never one query per id)."""
    found: list[Any] = []
    for chunk in _chunks(ids):
        found.extend(session.execute(query.where(column.in_(chunk))).all())
    return found


def _scalars_in(session: Session, query: Any, column: Any, ids: Iterable[uuid.UUID]) -> list[Any]:
    found: list[Any] = []
    for chunk in _chunks(ids):
        found.extend(session.scalars(query.where(column.in_(chunk))).all())
    return found


def _not_shown(ctx: ReportContext, what: str, record: Any) -> ValidationError:
    level = Sensitivity(record.sensitivity).value
    needed = "confidential" if level == "confidential" else "internal"
    return ValidationError.single(
        "id",
        f"this {what} is marked {level}, so a {ctx.audience.value} report cannot include it; "
        f"choose the {needed} audience",
    )


class Scrubber:
    """Strikes withheld names (and their variants) from free text."""

    def __init__(self) -> None:
        self._names: set[str] = set()
        self._pattern: re.Pattern[str] | None = None

    def add(self, names: Iterable[str]) -> None:
        self._names.update(n.strip() for n in names if n and len(n.strip()) >= 3)
        self._pattern = None

    def __call__(self, text: str | None) -> str:
        if not text or not self._names:
            return text or ""
        if self._pattern is None:
            ordered = sorted(self._names, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(n) for n in ordered), re.IGNORECASE)
        return self._pattern.sub(WITHHELD, text)


def withhold_names(ctx: ReportContext, people: Iterable[Person], scrub: Scrubber) -> None:
    """Add the names of every person whose name the report withholds to ``scrub``."""
    hidden = [person.id for person in people if ctx.redactor.name(person) == WITHHELD]
    if not hidden:
        return
    names = _scalars_in(
        ctx.session, select(PersonName.name), PersonName.person_id, hidden
    ) + _scalars_in(ctx.session, select(Person.display_name), Person.id, hidden)
    scrub.add(names)


def org_name(ctx: ReportContext, org: Organization | None) -> str:
    """An organization's name, or nothing when the audience may not see it."""
    if org is None or not ctx.redactor.shows(org):
        return ""
    return org.name


def organizations(ctx: ReportContext, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """Visible organization names by id, in bulk."""
    wanted = [i for i in ids if i is not None]
    rows = _rows_in(
        ctx.session,
        select(Organization.id, Organization.name).where(_visible(ctx, Organization)),
        Organization.id,
        wanted,
    )
    return {r.id: r.name for r in rows}


def people(ctx: ReportContext, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, Person]:
    wanted = [i for i in ids if i is not None]
    return {
        person.id: person for person in _scalars_in(ctx.session, select(Person), Person.id, wanted)
    }


# ---------------------------------------------------------------------- shared sections
def identity(ctx: ReportContext, person: Person, title: str = "Identity") -> list[Flowable]:
    """Name, variants, birth, gender, citizenship, identifiers (unless private)."""
    redactor = ctx.redactor
    story = heading(title)
    name = redactor.name(person)
    if redactor.private(person.id) or not redactor.shows(person):
        reason = (
            "the person has not consented to publication"
            if redactor.private(person.id)
            else "the person's record is not public"
        )
        story.append(labelled([("Name", name)], ctx.width))
        story.append(Spacer(0, 4))
        story.append(p(f"Personal details are withheld in this edition: {reason}.", "small"))
        return story
    session = ctx.session
    identifiers = session.execute(
        select(PersonIdentifier.scheme, PersonIdentifier.value)
        .where(PersonIdentifier.person_id == person.id, _visible(ctx, PersonIdentifier))
        .order_by(PersonIdentifier.scheme, PersonIdentifier.value)
    ).all()
    pairs: list[tuple[str, object]] = [
        ("Name", name),
        ("Born", _date(person.birth_date, "")),
        ("Gender", "" if person.gender == Gender.UNKNOWN else _label(person.gender)),
        ("Citizenship", _country(person.citizenship)),
        ("Identifiers", "; ".join(f"{_scheme(s)}: {v}" for s, v in identifiers)),
        ("Notes", redactor.field("notes", person.notes)),
    ]
    story.append(labelled(pairs, ctx.width))
    names = session.execute(
        select(PersonName.name, PersonName.script, PersonName.language, PersonName.kind)
        .where(PersonName.person_id == person.id, _visible(ctx, PersonName))
        .order_by(PersonName.ordinal, PersonName.id)
    ).all()
    story += heading("Name variants", 1)
    story += table(
        ["Name", "Script", "Language", "Kind"],
        [(n.name, _script(n.script), _language(n.language), _label(n.kind)) for n in names],
        _widths(ctx, 0.46, 0.18, 0.18, 0.18),
        bold_first=True,
    )
    return story


def positions_rows(ctx: ReportContext, person_id: uuid.UUID) -> list[tuple[str, str, str, str]]:
    """The person's visible positions (title, organization, from, to), oldest first."""
    rows = ctx.session.execute(
        select(Position.title, Position.organization_id, Position.start_date, Position.end_date)
        .where(Position.person_id == person_id, _visible(ctx, Position))
        .order_by(Position.title, Position.id)
    ).all()
    rows.sort(key=lambda r: _date_key(r.start_date))
    names = organizations(ctx, (r.organization_id for r in rows))
    return [
        (
            r.title,
            names.get(r.organization_id, "") if r.organization_id else "",
            _date(r.start_date),
            _date(r.end_date, "—" if r.start_date is None else "present"),
        )
        for r in rows
    ]


@dataclass
class Cited:
    """What one source supports in this report, with the locators given."""

    source: Any
    supports: dict[str, tuple[int, int]]  # what it supports -> order of first mention


def sources(
    ctx: ReportContext, targets: dict[str, dict[uuid.UUID, str]], scrub: Scrubber
) -> list[Flowable]:
    """The sources cited for the given records (``targets``: citation column →
    {record id: what that record is}), one row per source. Printed only for an
    internal or confidential audience."""
    story = heading("Sources")
    if ctx.redactor.public:
        story.append(p("Sources are withheld in the public edition.", "body"))
        return story
    query = (
        select(Citation, Source)
        .join(Source, Source.id == Citation.source_id)
        .where(_visible(ctx, Citation), _visible(ctx, Source))
    )
    by_source: dict[uuid.UUID, Cited] = {}
    for group, (column, records) in enumerate(targets.items()):
        if not records:
            continue
        # what a source supports, listed in the order the records are given
        rank = {record_id: (group, n) for n, record_id in enumerate(records)}
        attribute = getattr(Citation, column)
        for citation, source in _rows_in(ctx.session, query, attribute, records):
            record_id = getattr(citation, column)
            detail = _joined(
                records[record_id], citation.locator, ctx.redactor.field("note", citation.note)
            )
            entry = by_source.setdefault(source.id, Cited(source, {}))
            entry.supports.setdefault(detail, rank[record_id])
    cited = sorted(
        by_source.values(),
        key=lambda c: (_date_key(c.source.published_on), c.source.title, str(c.source.id)),
    )
    rows = [
        (
            markup(
                f"<b>{esc(c.source.title)}</b><br/>"
                f'<font color="{MUTED.hexval().replace("0x", "#")}">'
                f"{esc(_label(c.source.kind))}</font>",
                "cell",
            ),
            c.source.publisher or DASH,
            _date(c.source.published_on),
            _label(c.source.reliability),
            scrub("\n".join(sorted(c.supports, key=c.supports.__getitem__))),
        )
        for c in cited
    ]
    story += table(
        ["Source", "Publisher", "Date", "Reliability", "Supports"],
        rows,
        _widths(ctx, 0.25, 0.17, 0.12, 0.11, 0.35),
    )
    return story


def prepared_line(ctx: ReportContext) -> str:
    today = ctx.options.today.strftime("%d %B %Y").lstrip("0")
    if ctx.options.organization:
        return f"Prepared by {ctx.options.organization}, {today}"
    return f"Prepared {today}"


# ---------------------------------------------------------------------- the detainee dossier
@dataclass
class _Case:
    detention: Detention
    person: Person


_ENDED = {
    DetentionStatus.RELEASED,
    DetentionStatus.REPATRIATED,
    DetentionStatus.DIED_IN_CUSTODY,
}


def _resolve(ctx: ReportContext) -> _Case:
    """The detention asked for (by detention id, or by the id of a person with one)."""
    session = ctx.session
    rid = ctx.options.record_id
    if rid is None:
        raise ValidationError.single("id", "a detainee dossier needs the id of a detention")
    detention = session.get(Detention, rid)
    if detention is None:
        person = session.get(Person, rid)
        if person is None:
            raise ValidationError.single("id", f"no detainee with id {rid}")
        found = session.scalars(
            select(Detention.id).where(Detention.person_id == rid).order_by(Detention.id)
        ).all()
        if not found:
            raise ValidationError.single(
                "id", f"{person.display_name} has no detention recorded; no dossier to write"
            )
        if len(found) > 1:
            raise ValidationError.single(
                "id",
                f"{person.display_name} has {len(found)} detentions; give the id of one of "
                f"them: {', '.join(str(i) for i in found)}",
            )
        detention = session.get(Detention, found[0])
        assert detention is not None
    if not ctx.redactor.shows(detention):
        raise _not_shown(ctx, "detention", detention)
    person = session.get(Person, detention.person_id)
    assert person is not None
    return _Case(detention, person)


def describe(ctx: ReportContext) -> Cover:
    case = _resolve(ctx)
    detention = case.detention
    name = ctx.redactor.name(case.person)
    facility = org_name(ctx, session_org(ctx, detention.facility_id))
    lines = [
        _joined(
            f"Detained since {_date(detention.captured_on)}" if detention.captured_on else "",
            f"held at {facility}" if facility else "",
            sep=", ",
        ),
        f"Current status: {_label(detention.status)}",
        prepared_line(ctx),
    ]
    return Cover(
        title=f"Detainee dossier: {name}",
        subtitle=_label(detention.category),
        lines=tuple(line for line in lines if line),
    )


def session_org(ctx: ReportContext, org_id: uuid.UUID | None) -> Organization | None:
    return ctx.session.get(Organization, org_id) if org_id is not None else None


def _custody_days(ctx: ReportContext, detention: Detention, changes: Sequence[Any]) -> Any:
    """Days in custody (text with "c." when the capture date is not exact), or None."""
    start = detention.captured_on
    if start is None:
        return None
    if detention.status in _ENDED:
        ends = [c.changed_on for c in changes if c.status in _ENDED and c.changed_on]
        if not ends:
            return None
        end = max(ends, key=lambda d: d.sort_text()).earliest()
    else:
        end = ctx.options.today
    days = (end - start.earliest()).days
    if days < 0:
        return None
    if start.precision is not Precision.DAY or start.estimated:
        return f"c. {days:,}"
    return days


def story(ctx: ReportContext) -> list[Flowable]:
    case = _resolve(ctx)
    ctx.progress.report(0, 4, "reading the case")
    data = _read(ctx, case)
    ctx.progress.report(1, 4, "writing the case")
    out = _summary(ctx, data)
    out += identity(ctx, case.person)
    out += _positions(ctx, case.person)
    out += _detention(ctx, data)
    out += _timeline(ctx, data)
    out += _parts(ctx, data)
    ctx.progress.report(2, 4, "writing the advocacy")
    out += _advocacy(ctx, data)
    ctx.progress.report(3, 4, "reading the sources")
    out += sources(
        ctx,
        {
            "detention_id": {case.detention.id: "The detention"},
            "person_id": {case.person.id: "Identity"},
            "event_id": {
                e.id: f"Event: {e.title} ({_date(e.occurred_on, 'undated')})" for e in data.events
            },
            "hearing_id": {
                h.id: f"Hearing of {_date(h.held_on, 'unknown date')}" for h in data.hearings
            },
            "treatment_report_id": {
                t.id: f"Treatment allegation: {_label(t.kind)} ({_date(t.reported_on, 'undated')})"
                for t in data.treatment
            },
        },
        data.scrub,
    )
    ctx.progress.report(4, 4, "laying out")
    return out


@dataclass
class _Data:
    """Everything the dossier prints about one detention, visible to the audience."""

    case: _Case
    scrub: Scrubber
    changes: list[DetentionStatusChange]
    charges: list[Charge]
    hearings: list[Hearing]
    treatment: list[TreatmentReport]
    access: list[AccessFlag]
    events: list[Event]
    letters: list[Letter]
    responses: list[Response]
    sanctions: list[SanctionRequest]
    org_names: dict[uuid.UUID, str]
    persons: dict[uuid.UUID, Person]
    signatures: dict[uuid.UUID, int]
    replies: dict[uuid.UUID, int]
    programs: dict[uuid.UUID, list[str]]

    def org(self, org_id: uuid.UUID | None, empty: str = "") -> str:
        return self.org_names.get(org_id, empty) if org_id is not None else empty


def _dated[T](records: Iterable[T], date: str, then: str = "created_at") -> list[T]:
    """Records in date order (undated last), ties by ``then``."""
    return sorted(
        records, key=lambda r: (_date_key(getattr(r, date)), str(getattr(r, then)), str(r.id))
    )


def _read(ctx: ReportContext, case: _Case) -> _Data:
    """Read the case in a fixed, small number of queries (lists in bulk)."""
    session = ctx.session
    rid, person = case.detention.id, case.person

    def children(model: Any, date: str) -> list[Any]:
        query = select(model).where(model.detention_id == rid, _visible(ctx, model))
        return _dated(session.scalars(query).all(), date)

    events = session.scalars(
        select(Event).where(
            or_(Event.detention_id == rid, Event.person_id == person.id), _visible(ctx, Event)
        )
    ).all()
    letters = session.scalars(
        select(Letter).where(
            Letter.id.in_(
                select(letter_detentions.c.letter_id).where(letter_detentions.c.detention_id == rid)
            ),
            _visible(ctx, Letter),
        )
    ).all()
    letter_ids = [x.id for x in letters]
    # responses to the letters shown (never reached through a letter left out)
    responses = _scalars_in(
        session,
        select(Response)
        .join(response_letters, response_letters.c.response_id == Response.id)
        .where(_visible(ctx, Response)),
        response_letters.c.letter_id,
        letter_ids,
    )
    responses = list({r.id: r for r in responses}.values())
    sanctions = session.scalars(
        select(SanctionRequest).where(
            SanctionRequest.id.in_(
                select(sanction_ground_detentions.c.sanction_request_id).where(
                    sanction_ground_detentions.c.detention_id == rid
                )
            ),
            _visible(ctx, SanctionRequest),
        )
    ).all()
    hearings = children(Hearing, "held_on")
    signatures = _rows_in(
        session,
        select(LetterSignatory.letter_id, func.count())
        .where(_visible(ctx, LetterSignatory))
        .group_by(LetterSignatory.letter_id),
        LetterSignatory.letter_id,
        letter_ids,
    )
    replies = _rows_in(
        session,
        select(response_letters.c.letter_id, func.count())
        .join(Response, Response.id == response_letters.c.response_id)
        .where(_visible(ctx, Response))
        .group_by(response_letters.c.letter_id),
        response_letters.c.letter_id,
        letter_ids,
    )
    programs: dict[uuid.UUID, list[str]] = {}
    for request_id, key in _rows_in(
        session,
        select(SanctionRequestProgram.sanction_request_id, SanctionRequestProgram.program_key)
        .where(_visible(ctx, SanctionRequestProgram))
        .order_by(SanctionRequestProgram.program_key),
        SanctionRequestProgram.sanction_request_id,
        [s.id for s in sanctions],
    ):
        programs.setdefault(request_id, []).append(key)
    org_names = organizations(
        ctx,
        [
            case.detention.facility_id,
            *(h.court_id for h in hearings),
            *(r.from_organization_id for r in responses),
        ],
    )
    persons = people(
        ctx,
        [
            *(h.judge_id for h in hearings),
            *(r.from_person_id for r in responses),
            *(s.target_person_id for s in sanctions),
        ],
    )
    scrub = Scrubber()
    withhold_names(ctx, [person, *persons.values()], scrub)
    return _Data(
        case=case,
        scrub=scrub,
        changes=_dated(children(DetentionStatusChange, "changed_on"), "changed_on"),
        charges=children(Charge, "charged_on"),
        hearings=hearings,
        treatment=children(TreatmentReport, "reported_on"),
        access=children(AccessFlag, "observed_on"),
        events=_dated(events, "occurred_on"),
        letters=_dated(letters, "sent_on", "title"),
        responses=_dated(responses, "received_on", "title"),
        sanctions=_dated(sanctions, "submitted_on", "title"),
        org_names=org_names,
        persons=persons,
        signatures={letter_id: count for letter_id, count in signatures},
        replies={letter_id: count for letter_id, count in replies},
        programs=programs,
    )


def _summary(ctx: ReportContext, data: _Data) -> list[Flowable]:
    detention = data.case.detention
    out = heading("Summary")
    days = _custody_days(ctx, detention, data.changes)
    first = ("Days in custody", days) if days is not None else ("Charges", len(data.charges))
    out.append(
        figures(
            [
                first,
                ("Hearings", len(data.hearings)),
                ("Letters", len(data.letters)),
                ("Sanction requests", len(data.sanctions)),
            ],
            ctx.width,
        )
    )
    summary = ctx.redactor.field("summary", detention.summary)
    if summary:
        out.append(Spacer(0, 6))
        out.append(p(data.scrub(summary), "body"))
    return out


def _positions(ctx: ReportContext, person: Person) -> list[Flowable]:
    """Positions the detainee held (public figures), when there are any to show."""
    if ctx.redactor.private(person.id) or not ctx.redactor.shows(person):
        return []
    rows = positions_rows(ctx, person.id)
    if not rows:
        return []
    return [
        *heading("Positions held", 1),
        *table(
            ["Position", "Organization", "From", "To"], rows, _widths(ctx, 0.36, 0.36, 0.14, 0.14)
        ),
    ]


def _detention(ctx: ReportContext, data: _Data) -> list[Flowable]:
    detention, scrub = data.case.detention, data.scrub
    latest = data.changes[-1] if data.changes else None
    status = _label(detention.status)
    if latest is not None and latest.status == detention.status and latest.changed_on:
        status += f" (since {latest.changed_on.display()})"
    sentence = _joined(
        detention.sentence,
        f"{detention.sentence_months} months" if detention.sentence_months is not None else "",
        f"pronounced {detention.sentenced_on.display()}" if detention.sentenced_on else "",
        sep="; ",
    )
    out = heading("Detention")
    out.append(
        labelled(
            [
                ("Category", _label(detention.category)),
                ("Status", status),
                ("Detained since", _date(detention.captured_on, "")),
                ("Place of capture", scrub(detention.capture_place)),
                ("Circumstances", scrub(detention.capture_circumstances)),
                ("Facility", data.org(detention.facility_id)),
                ("Sentence", scrub(sentence)),
                ("Notes", scrub(ctx.redactor.field("notes", detention.notes))),
            ],
            ctx.width,
        )
    )
    return out


def _timeline(ctx: ReportContext, data: _Data) -> list[Flowable]:
    """Status changes, events and hearings in date order (undated last)."""
    scrub = data.scrub
    rows: list[tuple[tuple[int, str], int, str, str, str]] = []
    for c in data.changes:
        rows.append(
            (
                _date_key(c.changed_on),
                0,
                _date(c.changed_on, "Undated"),
                f"Status: {_label(c.status)}",
                scrub(c.note),
            )
        )
    for e in data.events:
        rows.append(
            (
                _date_key(e.occurred_on),
                1,
                _date(e.occurred_on, "Undated"),
                _event_kind(e.kind),
                scrub(_joined(e.title, e.place, e.description, sep="\n")),
            )
        )
    for h in data.hearings:
        rows.append(
            (
                _date_key(h.held_on),
                2,
                _date(h.held_on, "Undated"),
                "Hearing",
                scrub(_joined(data.org(h.court_id), h.description, h.outcome, sep="\n")),
            )
        )
    rows.sort(key=lambda row: (row[0], row[1]))
    return [
        *heading("Detention timeline"),
        *table(
            ["Date", "Entry", "Details"],
            [(date, entry, details or DASH) for _key, _rank, date, entry, details in rows],
            _widths(ctx, 0.15, 0.2, 0.65),
        ),
    ]


def _parts(ctx: ReportContext, data: _Data) -> list[Flowable]:
    """Charges, proceedings, treatment allegations and access."""
    scrub = data.scrub
    out = heading("Charges")
    out += table(
        ["Charged", "Charge", "Legal reference"],
        [
            (_date(c.charged_on), scrub(c.description), c.legal_reference or DASH)
            for c in data.charges
        ],
        _widths(ctx, 0.15, 0.6, 0.25),
    )
    out += heading("Proceedings")
    out += table(
        ["Date", "Court", "Judge", "Hearing", "Outcome"],
        [
            (
                _date(h.held_on),
                data.org(h.court_id, DASH),
                _judge(ctx, h, data.persons) or DASH,
                scrub(h.description) or DASH,
                scrub(h.outcome) or DASH,
            )
            for h in data.hearings
        ],
        _widths(ctx, 0.13, 0.2, 0.17, 0.25, 0.25),
    )
    out += heading("Treatment allegations")
    out += table(
        ["Reported", "Kind", "Allegation"],
        [(_date(t.reported_on), _label(t.kind), scrub(t.description)) for t in data.treatment],
        _widths(ctx, 0.15, 0.2, 0.65),
    )
    order = {k.value: n for n, k in enumerate(AccessKind)}
    flags = sorted(data.access, key=lambda f: order.get(str(f.kind), len(order)))  # stable
    out += heading("Access")
    out += table(
        ["Access", "State", "Observed", "Note"],
        [
            (_label(f.kind), _label(f.state), _date(f.observed_on), scrub(f.note) or DASH)
            for f in flags
        ],
        _widths(ctx, 0.22, 0.12, 0.15, 0.51),
    )
    return out


def _advocacy(ctx: ReportContext, data: _Data) -> list[Flowable]:
    """The letters about the case, the responses to them and the sanction requests
    it grounds (the links of the detainee's related records)."""
    scrub = data.scrub
    out = heading("Advocacy")
    out += heading("Letters", 1)
    out += table(
        ["Sent", "Letter", "Direction", "Signatories", "Responses"],
        [
            (
                _date(x.sent_on),
                scrub(x.title),
                _label(x.direction),
                str(data.signatures.get(x.id, 0)),
                str(data.replies.get(x.id, 0)),
            )
            for x in data.letters
        ],
        _widths(ctx, 0.13, 0.46, 0.13, 0.15, 0.13),
    )
    out += heading("Responses", 1)
    out += table(
        ["Received", "Response", "From", "Type"],
        [
            (
                _date(r.received_on),
                scrub(r.title),
                _sender(ctx, r, data) or DASH,
                _label(r.response_type),
            )
            for r in data.responses
        ],
        _widths(ctx, 0.13, 0.42, 0.27, 0.18),
    )
    out += heading("Sanction requests", 1)
    out += table(
        ["Submitted", "Request", "Target", "Programs", "Status"],
        [
            (
                _date(s.submitted_on),
                scrub(s.title),
                scrub(
                    ctx.redactor.name(data.persons.get(s.target_person_id))
                    if s.target_person_id
                    else s.target_description
                ),
                ", ".join(data.programs.get(s.id, [])) or DASH,
                _label(s.status),
            )
            for s in data.sanctions
        ],
        _widths(ctx, 0.13, 0.35, 0.24, 0.14, 0.14),
    )
    return out


def _judge(ctx: ReportContext, hearing: Hearing, persons: dict[uuid.UUID, Person]) -> str:
    if hearing.judge_id is not None and hearing.judge_id in persons:
        return ctx.redactor.name(persons[hearing.judge_id])
    return hearing.judge_name or ""


def _sender(ctx: ReportContext, response: Response, data: _Data) -> str:
    person = data.persons.get(response.from_person_id) if response.from_person_id else None
    return _joined(
        ctx.redactor.name(person) if person else "",
        data.org(response.from_organization_id),
        sep=", ",
    )


__all__ = ["describe", "story"]
