"""The situation briefing, read back from real PDFs on both backends.

Figures: every key figure printed equals a count made here, independently of
the report's code, over the records the audience may see (sensitivity allowed
for the audience; asks also need a visible letter) and, when a date range is
given, only the letters, responses and asks (through their letter's date)
whose date overlaps it. Detention and sanction figures are current statuses.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from casetracker.demo import load_demo
from casetracker.models import Ask, Detention, Letter, Response, SanctionRequest
from casetracker.partialdate import PartialDate
from casetracker.progress import Cancelled, Progress

TODAY = dt.date(2025, 6, 2)
HOSTILE_NAME = '<a href="http://evil.example">x</a> & AT&T'
HOSTILE_TITLE = "AT&T <b>3 < 4</b> outgoing"
HOSTILE_ASK = '<img src="/etc/passwd"/> release them'
ARMENIAN = "Ռուբեն Վարդանյան"
AZERBAIJANI = "Şahin Əliyev"
#: text that only internal (or confidential) records and notes hold
INTERNAL_ONLY = (
    "Internal Case Person",
    "Internal letter Kappa",
    "Internal event Sigma",
    "Internal sanction Tau",
    "Internal ask text",
)
CONFIDENTIAL_ONLY = ("Confidential Case Person", "Confidential letter Omega")
NOTES = ("DETENTION-NOTE-SECRET", "LETTER-NOTE-SECRET", "PERSON-NOTE-SECRET")
STATUS_LABELS = {"detained": "Detained", "on_trial": "On trial", "sentenced": "Sentenced"}


# --------------------------------------------------------------------- data


def build(services) -> dict[str, object]:
    """The demo, plus records of every sensitivity, hostile text and both scripts."""
    load_demo(services)
    s = services
    ministry = s.organizations.create(name="Ministry of Foreign Affairs", kind="ministry")
    facility = s.organizations.create(name="Şuşa pre-trial facility", kind="prison")

    def detainee(name: str, status: str, on: str, *, sensitivity="public", category="civilian"):
        return s.detentions.create_detainee(
            {"display_name": name, "notes": "PERSON-NOTE-SECRET"},
            [],
            {
                "category": category,
                "captured_on": "2024-05-03",
                "facility_id": facility.id,
                "status": status,
                "status_on": on,
                "notes": "DETENTION-NOTE-SECRET",
                "sensitivity": sensitivity,
            },
        )

    az = detainee(AZERBAIJANI, "sentenced", "2025-02-10")
    detainee(HOSTILE_NAME, "detained", "2024-05-03")
    refused = detainee("Refused Consent Person", "detained", "2024-06-01")
    s.people.set_consent(refused.person_id, "publish", "refused")
    detainee("Internal Case Person", "on_trial", "2025-01-05", sensitivity="internal")
    detainee("Confidential Case Person", "detained", "2025-01-06", sensitivity="confidential")
    s.detentions.add_hearing(az.id, held_on="2025-07-01", description="Appeal hearing.")

    s.events.create(
        occurred_on="2025-02-11",
        kind="hearing",
        title="Hearing in Şuşa court",
        place="Şuşa",
        person_id=az.person_id,
        detention_id=az.id,
    )
    s.events.create(
        occurred_on="2025-09-01", kind="hearing", title="Future event Upsilon", detention_id=az.id
    )
    s.events.create(
        occurred_on="2025-02-12", kind="other", title="Internal event Sigma", sensitivity="internal"
    )
    s.events.create(occurred_on="2022-01-01", kind="other", title="Old event Delta")
    s.events.create(
        occurred_on="2025-02-13",
        kind="visit",
        title="Refused person event",
        detention_id=refused.id,
    )

    signers = [s.people.create(display_name=f"Signer {i}") for i in range(3)]
    out1 = s.letters.create(
        title=HOSTILE_TITLE,
        sent_on="2025-03-01",
        direction="outgoing",
        notes="LETTER-NOTE-SECRET",
    )
    for person in signers[:2]:
        s.letters.add_signatory(out1.id, person.id)
    s.letters.add_ask(out1.id, HOSTILE_ASK)
    s.letters.add_ask(out1.id, "Internal ask text", sensitivity="internal")
    s.letters.add_ask(out1.id, "An ask already met", status="met")
    out2 = s.letters.create(title="Answered outgoing letter", sent_on="2024-11-05")
    s.letters.add_ask(out2.id, "Partly met ask", status="partly_met")
    s.responses.create(
        title="Reply",
        received_on="2024-12-01",
        from_organization_id=ministry.id,
        response_type="denial",
        in_reply_to=[out2.id],
    )
    s.responses.create(
        title="Internal reply",
        received_on="2025-03-20",
        from_organization_id=ministry.id,
        response_type="token_reply",
        in_reply_to=[out1.id],
        sensitivity="internal",
    )
    s.letters.create(title="Internal letter Kappa", sent_on="2025-02-01", sensitivity="internal")
    s.letters.create(
        title="Confidential letter Omega", sent_on="2025-02-02", sensitivity="confidential"
    )
    old = s.letters.create(title="Old letter Gamma", sent_on="2023-05-05", direction="incoming")
    s.letters.add_ask(old.id, "Old open ask")
    s.sanctions.create(
        title="Internal sanction Tau",
        target_description="Officials of the facility",
        programs=["GB-HR"],
        status="designated",
        status_on="2025-01-01",
        sensitivity="internal",
    )
    s.sanctions.create(
        title="Public sanction Rho",
        target_person_id=az.person_id,
        programs=["US-GLOMAG", "EU-HR"],
        status="proposed",
        status_on="2025-03-03",
    )
    return {"az": az, "refused": refused, "out1": out1}


def write(services, path: Path, audience: str, **options) -> tuple[object, str]:
    result = services.reports.write(
        services.reports.options("briefing", audience=audience, today=TODAY, **options), path
    )
    return result, raw_text(path)


def raw_text(path: Path) -> str:
    return run(["pdftotext", "-raw", str(path), "-"])


def layout_text(path: Path) -> str:
    return run(["pdftotext", "-layout", str(path), "-"])


def run(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    return "".join(text.split())


def printed_figures(text: str) -> list[tuple[str, int]]:
    """(label, value) of each key-figure box, in order."""
    block = text.split("Key figures", 1)[1].split("Letters, responses and asks are", 1)[0]
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    figures = []
    for index, line in enumerate(lines[:-1]):
        if re.fullmatch(r"[\d,]+", line):
            figures.append((lines[index + 1], int(line.replace(",", ""))))
    return figures


# --------------------------------------------------------------------- expectations


def overlaps(date: PartialDate | None, start: dt.date | None, end: dt.date | None) -> bool:
    if start is None and end is None:
        return True
    if date is None:
        return False
    return (start is None or date.latest() >= start) and (end is None or date.earliest() <= end)


def expected_figures(services, audience: str, start=None, end=None) -> list[tuple[str, int]]:
    """The key figures, counted here with plain queries over the visible records."""
    allowed = {"public"} if audience == "public" else {"public", "internal"}
    with services.db.reading() as session:
        detentions = [
            row.status
            for row in session.execute(select(Detention.status, Detention.sensitivity))
            if row.sensitivity in allowed
        ]
        letters = {
            row.id: row
            for row in session.execute(
                select(Letter.id, Letter.sent_on, Letter.direction, Letter.sensitivity)
            )
            if row.sensitivity in allowed and overlaps(row.sent_on, start, end)
        }
        responses = [
            row
            for row in session.execute(select(Response.received_on, Response.sensitivity))
            if row.sensitivity in allowed and overlaps(row.received_on, start, end)
        ]
        asks = [
            row
            for row in session.execute(select(Ask.letter_id, Ask.status, Ask.sensitivity))
            if row.sensitivity in allowed and row.letter_id in letters and row.status == "open"
        ]
        sanctions = Counter(
            row.status
            for row in session.execute(select(SanctionRequest.status, SanctionRequest.sensitivity))
            if row.sensitivity in allowed
        )
    statuses = Counter(detentions)
    figures = [("Detentions recorded", len(detentions))]
    figures += [
        (label, statuses[code])
        for code, label in (
            ("detained", "Detained"),
            ("on_trial", "On trial"),
            ("sentenced", "Sentenced"),
            ("released", "Released"),
        )
    ]
    figures += [
        ("Letters recorded", len(letters)),
        ("Letters sent", sum(1 for row in letters.values() if row.direction == "outgoing")),
        ("Responses received", len(responses)),
        ("Asks open", len(asks)),
        ("Sanction requests", sum(sanctions.values())),
    ]
    order = ("proposed", "submitted", "under_review", "designated", "declined", "withdrawn")
    figures += [
        (code.replace("_", " ").capitalize(), sanctions[code]) for code in order if sanctions[code]
    ]
    return figures


# --------------------------------------------------------------------- tests


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_figures_equal_the_visible_records(services, tmp_path, audience):
    build(services)
    _result, text = write(services, tmp_path / "b.pdf", audience)
    expected = expected_figures(services, audience)
    assert printed_figures(text) == expected
    # the sample holds records the public edition must not count
    if audience == "public":
        internal = dict(expected_figures(services, "internal"))
        assert dict(expected)["Detentions recorded"] < internal["Detentions recorded"]
        assert dict(expected)["Letters recorded"] < internal["Letters recorded"]
        assert dict(expected)["Responses received"] < internal["Responses received"]


def test_date_range_applies_to_letters_responses_asks_and_events(services, tmp_path):
    build(services)
    _result, text = write(
        services, tmp_path / "b.pdf", "internal", date_from="2025-01", date_to="2025-03"
    )
    start, end = dt.date(2025, 1, 1), dt.date(2025, 3, 31)
    assert printed_figures(text) == expected_figures(services, "internal", start, end)
    assert "Period covered: 1 Jan 2025 – 31 Mar 2025" in text
    flat = squeeze(text)
    for outside in ("Old letter Gamma", "Old open ask", "Old event Delta", "Answered outgoing"):
        assert squeeze(outside) not in flat, outside
    for inside in ("Internal letter Kappa", "Internal event Sigma", "Hearing in Şuşa court"):
        assert squeeze(inside) in flat, inside
    # without a range, everything
    _result, everything = write(services, tmp_path / "all.pdf", "internal")
    for anything in ("Old letter Gamma", "Old open ask", "Old event Delta"):
        assert squeeze(anything) in squeeze(everything), anything


def test_public_edition_leaves_out_internal_confidential_notes_and_refused(services, tmp_path):
    build(services)
    result, text = write(services, tmp_path / "b.pdf", "public")
    flat = squeeze(text)  # names may wrap in their table cell
    for hidden in (*INTERNAL_ONLY, *CONFIDENTIAL_ONLY, *NOTES):
        assert squeeze(hidden) not in flat, hidden
    # consent refused, not a public figure: no name, and no event that names them
    assert squeeze("Refused Consent Person") not in flat
    assert squeeze("Refused person event") not in flat
    assert "[name withheld]" in text
    assert result.withheld >= 1
    assert "Public edition" in text and "INTERNAL" not in text
    # the internal reply is not shown, so the letter still waits: 2 Jun - 1 Mar 2025
    row = next(
        line for line in layout_text(tmp_path / "b.pdf").splitlines() if "<b>3 < 4</b>" in line
    )
    assert "No response" in row and row.rstrip().endswith("93")


def test_internal_edition_shows_internal_marks_every_page_and_leaves_out_confidential(
    services, tmp_path
):
    build(services)
    path = tmp_path / "b.pdf"
    result, text = write(services, path, "internal")
    flat = squeeze(text)  # names may wrap in their table cell
    for shown in (*INTERNAL_ONLY, "Refused Consent Person", "Refused person event"):
        assert squeeze(shown) in flat, shown
    for hidden in (*CONFIDENTIAL_ONLY, *NOTES):
        assert squeeze(hidden) not in flat, hidden
    assert "[name withheld]" not in text
    pages = PdfReader(path).pages
    assert len(pages) == result.pages > 3
    for page in pages:
        assert "INTERNAL" in page.extract_text()
    # the internal reply answers the hostile letter: responded, nothing outstanding
    row = next(line for line in layout_text(path).splitlines() if "<b>3 < 4</b>" in line)
    assert "20 Mar 2025: Token" in row and not row.rstrip().endswith("93")


def test_scripts_extract_exactly_and_hostile_text_prints_literally(services, tmp_path):
    build(services)
    path = tmp_path / "b.pdf"
    _result, text = write(services, path, "public")
    assert ARMENIAN in text  # a name variant in Ruben Vardanyan's profile
    assert AZERBAIJANI in text and "Şuşa" in text
    flat = squeeze(text)
    for hostile in (HOSTILE_NAME, HOSTILE_TITLE, HOSTILE_ASK):
        assert squeeze(hostile) in flat, hostile
    raw = path.read_bytes()
    assert b"/URI" not in raw and b"/Link" not in raw
    assert b"/Subtype /Image" not in raw and b"/Subtype/Image" not in raw
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())
        assert "/Annots" not in page


def test_every_font_is_embedded(services, tmp_path):
    build(services)
    path = tmp_path / "b.pdf"
    write(services, path, "internal")
    lines = run(["pdffonts", str(path)]).splitlines()[2:]
    assert lines
    for line in lines:
        assert line.split()[-5] == "yes", line
        assert "DejaVuSans" in line, line


def test_refused_consent_of_a_public_figure_keeps_the_name_not_the_details(services, tmp_path):
    build(services)
    with services.db.reading() as session:
        vardanyan = session.scalars(
            select(Detention.person_id).where(Detention.capture_place.like("Lachin%"))
        ).one()
    services.people.set_consent(vardanyan, "publish", "refused")
    _result, text = write(services, tmp_path / "b.pdf", "public")
    assert "Ruben Vardanyan" in text  # a political figure: the name stays
    assert ARMENIAN not in text and "Рубен Варданян" not in text  # variants are withheld
    _result, internal = write(services, tmp_path / "i.pdf", "internal")
    assert ARMENIAN in internal


def test_sections_profiles_and_latest_development(services, tmp_path):
    build(services)
    path = tmp_path / "b.pdf"
    _result, text = write(services, path, "internal")
    reader = PdfReader(path)
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == [
        "Key figures",
        "Detentions by status",
        "Timeline of events",
        "Detainees",
        "Key cases",
        "Advocacy log",
        "Sanction requests",
        "Open asks",
    ]
    pages = [
        reader.get_destination_page_number(item)
        for item in reader.outline
        if not isinstance(item, list)
    ]
    assert pages == sorted(pages) and pages[-1] > pages[0]
    flat = squeeze(text)
    # latest development: the hearing event of 11 Feb 2025 (after the status change
    # of 10 Feb), not the event dated after today
    assert squeeze("11 Feb 2025: Hearing in Şuşa court") in flat
    assert "Future event Upsilon" in text  # it is still on the timeline
    # a civilian with a hearing ahead is a key case, profiled first
    profiles = text.split("Key cases", 2)[-1]
    assert profiles.index(AZERBAIJANI) < profiles.index("Ruben Vardanyan")
    assert "Next hearing" in profiles and "1 Jul 2025" in profiles
    assert "Treatment allegations" in profiles
    assert squeeze("EU Global Human Rights Sanctions Regime; Global Magnitsky sanctions") in flat
    assert "Public sanction Rho" in text and "Partly met ask" in text
    assert "An ask already met" not in text  # met asks are not open
    # timeline: oldest first
    assert text.index("Old event Delta") < text.index("Hearing in Şuşa court")


def test_empty_database(services, tmp_path):
    result, text = write(services, tmp_path / "b.pdf", "public", organization="Office & Co <x>")
    assert result.pages >= 2
    figures = printed_figures(text)
    assert [label for label, _value in figures] == [
        "Detentions recorded",
        "Detained",
        "On trial",
        "Sentenced",
        "Released",
        "Letters recorded",
        "Letters sent",
        "Responses received",
        "Asks open",
        "Sanction requests",
    ]
    assert all(value == 0 for _label, value in figures)
    assert text.count("None recorded.") >= 5
    assert "Prepared by Office & Co <x>" in text


class _CancelAt(Progress):
    def __init__(self) -> None:
        self.calls = 0

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        self.calls += 1
        if self.calls == 3:
            raise Cancelled()


def test_cancel_propagates_and_writes_nothing(services, tmp_path):
    build(services)
    path = tmp_path / "b.pdf"
    with pytest.raises(Cancelled):
        services.reports.write(
            services.reports.options("briefing", today=TODAY), path, progress=_CancelAt()
        )
    assert not path.exists()
    assert [p.name for p in tmp_path.iterdir() if "b.pdf" in p.name] == []  # no partial file
