"""The detainee dossier and the sanctions dossier, read back from real PDFs:
figures equal to the database, every script extracted exactly, nothing internal
or confidential (records, notes, sources) in a public edition, private people's
details withheld, hostile text printed literally, fonts embedded, and ids that
are wrong refused in plain words."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import uuid
from types import SimpleNamespace

import pytest
from pypdf import PdfReader
from sqlalchemy import event

from casetracker.demo import load_demo
from casetracker.errors import ValidationError
from casetracker.models import Detention, Person, SanctionRequest
from casetracker.reports.audience import WITHHELD

TODAY = dt.date(2025, 6, 1)
HOSTILE_NAME = '<a href="http://evil.example">x</a> AT&T'
HOSTILE_TITLE = 'Letter about <img src="/etc/passwd"/> & 3 < 4'
ARMENIAN = "Ռուբեն Վարդանյան"
AZERI_JUDGE = "Elçin Əliyev"
AZERI_PLACE = "Şuşa"
INTERNAL_NOTE = "Team note: call the family on Tuesday"
CONFIDENTIAL_SOURCE = "Interview with a cellmate"


def text_of(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def flat(text: str) -> str:
    """The text with runs of whitespace (line and cell breaks) as one space."""
    return " ".join(text.split())


def words_of(path) -> str:
    """Every page's text in drawing order (a table cell's lines stay together),
    with runs of whitespace as one space."""
    return flat("\n".join(page.extract_text() for page in PdfReader(path).pages))


def figures_of(text: str, first_label: str) -> dict[str, str]:
    """The key figures (label -> printed value) from the row whose labels start with
    ``first_label``: pdftotext prints the values on the line above the labels."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.strip().startswith(first_label):
            labels = re.split(r"\s{2,}", line.strip())
            above = next(x for x in reversed(lines[:index]) if x.strip())
            values = re.split(r"\s{2,}", above.strip())
            assert len(values) == len(labels), (labels, values)
            return dict(zip(labels, values, strict=True))
    raise AssertionError(f"no figures starting with {first_label!r}")


def write(services, kind, record_id, path, audience="internal"):
    options = services.reports.options(
        kind, audience=audience, record_id=record_id, organization="Advocacy Office", today=TODAY
    )
    return services.reports.write(options, path)


def assert_safe_pdf(path) -> None:
    raw = path.read_bytes()
    assert b"/URI" not in raw and b"/Link" not in raw
    assert b"/Subtype /Image" not in raw and b"/Subtype/Image" not in raw
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for ref in xobjects.values():
            assert ref.get_object().get("/Subtype") != "/Image"
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    lines = fonts.stdout.splitlines()[2:]
    assert lines and all(line.split()[-5] == "yes" for line in lines), fonts.stdout


@pytest.fixture
def case(services):
    """A detention with every part, some of it internal or confidential, and a
    sanction request against a named official with the detention as its ground."""
    s = services
    facility = s.organizations.create(name="Baku pre-trial facility", kind="detention_facility")
    court = s.organizations.create(name="Baku Military Court", kind="court")
    ministry = s.organizations.create(name="Ministry of Justice", kind="ministry")
    state = s.organizations.create(name="Department of State", kind="ministry")
    person = s.people.create(
        display_name="Ruben Vardanyan",
        birth_date="1968-05-25",
        gender="male",
        citizenship="AM",
        identifiers={"wikidata": "Q4379569"},
        names=[
            {"name": ARMENIAN, "script": "Armn", "language": "hy"},
            {"name": "Рубен Варданян", "script": "Cyrl", "language": "ru"},
        ],
        notes=INTERNAL_NOTE,
    )
    detention = s.detentions.create(
        person_id=person.id,
        category="political_figure",
        captured_on="2023-09-27",
        capture_place=f"Road to {AZERI_PLACE}",
        capture_circumstances="Detained at the checkpoint.",
        facility_id=facility.id,
        status="detained",
        status_on="2023-09-27",
        notes="Detention note: " + INTERNAL_NOTE,
    )
    s.detentions.set_status(detention.id, "on_trial", "2025-01-17", "Trial opened")
    s.detentions.add_charge(
        detention.id, description="Financing of terrorism", charged_on="2023-10"
    )
    public_hearing = s.detentions.add_hearing(
        detention.id,
        held_on="2025-01-17",
        court_id=court.id,
        judge_name=AZERI_JUDGE,
        description="Opening of the trial",
        outcome="Adjourned",
    )
    s.detentions.add_hearing(
        detention.id,
        held_on="2025-02-03",
        court_id=court.id,
        description="Closed hearing seen by a monitor",
        sensitivity="internal",
    )
    treatment = s.detentions.add_treatment_report(
        detention.id,
        kind="degrading_treatment",
        reported_on="2025-04",
        description="Held in isolation",
    )
    s.detentions.add_access_flag(
        detention.id, kind="icrc_access", state="yes", observed_on="2024", note="ICRC visit"
    )
    s.detentions.add_access_flag(
        detention.id, kind="lawyer_access", state="partial", observed_on="2025-01"
    )
    s.events.create(
        occurred_on="2023-09-27",
        kind="captured",
        title="Ruben Vardanyan detained",
        detention_id=detention.id,
    )
    public_letter = s.letters.create(
        title=HOSTILE_TITLE, sent_on="2025-04-11", direction="outgoing"
    )
    internal_letter = s.letters.create(
        title="Draft appeal kept internal", sent_on="2025-03-01", sensitivity="internal"
    )
    secret_letter = s.letters.create(
        title="Back-channel letter", sent_on="2025-03-02", sensitivity="confidential"
    )
    for letter in (public_letter, internal_letter, secret_letter):
        s.letters.link_detention(letter.id, detention.id)
    signers = [s.people.create(display_name=f"Member {n}") for n in range(3)]
    for signer in signers:
        s.letters.add_signatory(public_letter.id, signer.id)
    s.letters.create(title="Unrelated letter", sent_on="2025-05-01")
    response = s.responses.create(
        title="Reply from the Department",
        received_on="2025-05-02",
        response_type="token_reply",
        from_organization_id=state.id,
    )
    s.responses.add_letter(response.id, public_letter.id)

    official = s.people.create(
        display_name="Test Official Əliyev",
        birth_date="1970",
        citizenship="AZ",
        names=[{"name": "Тест Алиев", "script": "Cyrl", "language": "ru"}],
    )
    s.positions.create(
        person_id=official.id,
        organization_id=ministry.id,
        title="Deputy Minister of Justice",
        start_date="2019-03",
    )
    s.positions.create(
        person_id=official.id,
        title="Head of the pre-trial facility",
        start_date="2015",
        end_date="2019-02",
        sensitivity="internal",
    )
    ground_event = s.events.create(
        occurred_on="2025-01-17",
        kind="hearing",
        title="Closed trial opens",
        description=f"Observers refused at {AZERI_PLACE}",
    )
    earlier = s.sanctions.create(
        title="First request against the official",
        target_person_id=official.id,
        programs=["GB-HR"],
        status="submitted",
        status_on="2024-06",
        submitted_on="2024-06",
    )
    request = s.sanctions.create(
        title="Global Magnitsky designation of the official",
        target_person_id=official.id,
        programs=["US-GLOMAG"],
        status="proposed",
        status_on="2025-04-01",
        submitted_on="2025-04-11",
        grounds="Unfair trial and ill-treatment of Armenian detainees.",
        notes="Request note: " + INTERNAL_NOTE,
    )
    s.sanctions.set_status(request.id, "submitted", "2025-04-11", "Sent with the letter")
    s.sanctions.add_recipient(request.id, organization_id=state.id)
    s.sanctions.add_ground_detention(request.id, detention.id)
    s.sanctions.add_ground_event(request.id, ground_event.id)
    s.letters.link_sanction_request(public_letter.id, request.id)
    s.sanctions.create(
        title="Internal sanction idea",
        target_person_id=official.id,
        sensitivity="internal",
        submitted_on="2023-01",
    )
    press = s.sources.create(
        kind="media_report", title="Court reporting by a news agency", publisher="Agency"
    )
    secret = s.sources.create(
        kind="interview", title=CONFIDENTIAL_SOURCE, sensitivity="confidential"
    )
    s.sources.cite(press.id, hearing_id=public_hearing.id, locator="para. 4")
    s.sources.cite(secret.id, treatment_report_id=treatment.id)
    s.sources.cite(press.id, sanction_request_id=request.id)
    return SimpleNamespace(
        person=person,
        detention=detention,
        official=official,
        request=request,
        earlier=earlier,
        letter=public_letter,
    )


# ---------------------------------------------------------------------- detainee dossier
def test_detainee_dossier_internal_prints_every_part(services, case, tmp_path):
    path = tmp_path / "dossier.pdf"
    result = write(services, "dossier", case.detention.id, path)
    text = text_of(path)
    words = words_of(path)
    # figures equal the database (the related service, independently)
    groups = {g.key: g.items for g in services.related.for_record("detainees", case.detention.id)}
    shown = figures_of(text, "Days in custody")
    assert shown["Days in custody"] == str((TODAY - dt.date(2023, 9, 27)).days)
    assert shown["Hearings"] == str(len(groups["hearings"])) == "2"
    # the confidential letter stays out of an internal edition
    assert shown["Letters"] == str(len(groups["letters"]) - 1) == "2"
    assert shown["Sanction requests"] == str(len(groups["sanctions"])) == "1"
    for section in (
        "Identity",
        "Name variants",
        "Detention timeline",
        "Charges",
        "Proceedings",
        "Treatment allegations",
        "Access",
        "Letters",
        "Responses",
        "Sanction requests",
        "Sources",
    ):
        assert section in text, section
    for expected in (
        ARMENIAN,
        "Рубен Варданян",
        AZERI_JUDGE,
        f"Road to {AZERI_PLACE}",
        "25 May 1968",
        "Armenia",
        "Wikidata: Q4379569",
        "On trial (since 17 Jan 2025)",
        "Financing of terrorism",
        "Degrading treatment",
        "ICRC access",
        "Lawyer access",
        "Partial",
        HOSTILE_TITLE,
        "Draft appeal kept internal",
        "Reply from the Department",
        "Global Magnitsky designation of the official",
        "Closed hearing seen by a monitor",
        INTERNAL_NOTE,
        "Court reporting by a news agency",
        "para. 4",
    ):
        assert expected in words, expected
    assert "Back-channel letter" not in words
    assert CONFIDENTIAL_SOURCE not in words
    assert "Unrelated letter" not in words
    # timeline in date order
    timeline = words[words.index("Detention timeline") : words.index("Charges Charged")]
    assert (
        timeline.index("27 Sep 2023") < timeline.index("17 Jan 2025") < timeline.index("3 Feb 2025")
    )
    assert result.pages == len(PdfReader(path).pages)
    assert text.count("INTERNAL") >= result.pages
    for page in PdfReader(path).pages:
        assert "INTERNAL" in page.extract_text()
    assert_safe_pdf(path)


def test_detainee_dossier_public_leaves_out_internal_material(services, case, tmp_path):
    path = tmp_path / "dossier.pdf"
    write(services, "dossier", case.detention.id, path, audience="public")
    text = text_of(path)
    words = words_of(path)
    assert "INTERNAL" not in text and "CONFIDENTIAL" not in text
    assert "Sources are withheld in the public edition." in words
    for hidden in (
        INTERNAL_NOTE,
        "Draft appeal kept internal",
        "Back-channel letter",
        "Closed hearing seen by a monitor",
        "Court reporting by a news agency",
        CONFIDENTIAL_SOURCE,
        "para. 4",
    ):
        assert hidden not in words, hidden
    assert ARMENIAN in words and HOSTILE_TITLE in words
    shown = figures_of(text, "Days in custody")
    assert shown["Hearings"] == "1" and shown["Letters"] == "1"


def test_person_id_with_one_detention_is_accepted(services, case, tmp_path):
    by_person = tmp_path / "p.pdf"
    write(services, "dossier", case.person.id, by_person)
    assert "Detainee dossier: Ruben Vardanyan" in text_of(by_person)


def test_wrong_ids_are_refused_in_plain_words(services, case, tmp_path):
    missing = uuid.uuid4()
    with pytest.raises(ValidationError, match=f"no detainee with id {missing}"):
        write(services, "dossier", missing, tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="has no detention recorded"):
        write(services, "dossier", case.official.id, tmp_path / "x.pdf")
    services.detentions.create(person_id=case.person.id, category="civilian")
    with pytest.raises(ValidationError, match="has 2 detentions; give the id of one"):
        write(services, "dossier", case.person.id, tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match=f"no sanction request with id {missing}"):
        write(services, "sanctions", missing, tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="needs --id"):
        services.reports.options("dossier")
    hidden = services.detentions.create(
        person_id=case.official.id, category="civilian", sensitivity="internal"
    )
    with pytest.raises(ValidationError, match=r"marked internal.*choose the internal audience"):
        write(services, "dossier", hidden.id, tmp_path / "x.pdf", audience="public")
    assert not (tmp_path / "x.pdf").exists()


def test_private_person_is_withheld_in_public(services, tmp_path):
    s = services
    person = s.people.create(
        display_name="Anna Petrosyan",
        birth_date="1990-02-03",
        citizenship="AM",
        names=[{"name": "Աննա Պետրոսյան", "script": "Armn", "language": "hy"}],
    )
    s.people.set_consent(person.id, "publish", "refused")
    detention = s.detentions.create(
        person_id=person.id,
        category="civilian",
        captured_on="2024-05",
        capture_circumstances="Anna Petrosyan was stopped at the border.",
        status="detained",
    )
    s.events.create(
        occurred_on="2024-05", kind="captured", title="ANNA PETROSYAN detained", person_id=person.id
    )
    path = tmp_path / "public.pdf"
    result = write(services, "dossier", detention.id, path)
    assert "Anna Petrosyan" in text_of(path)
    write(services, "dossier", detention.id, path, audience="public")
    text = text_of(path)
    words = words_of(path)
    assert f"Detainee dossier: {WITHHELD}" in words
    for personal in ("Petrosyan", "PETROSYAN", "Աննա", "1990", "Armenia"):
        assert personal not in words, personal
    assert f"{WITHHELD} was stopped at the border." in words
    assert "Personal details are withheld" in words
    assert "Petrosyan" not in (PdfReader(path).metadata.title or "")
    # the days are counted from a month: approximate
    assert figures_of(text, "Days in custody")["Days in custody"].startswith("c. ")
    assert result.pages >= 2


def test_hostile_person_and_notes_print_literally(services, tmp_path):
    s = services
    person = s.people.create(
        display_name=HOSTILE_NAME,
        notes='<img src="/etc/passwd"/> & <b>bold</b>',
    )
    detention = s.detentions.create(
        person_id=person.id,
        category="journalist",
        capture_place="AT&T building <",
        status="detained",
    )
    path = tmp_path / "h.pdf"
    write(services, "dossier", detention.id, path)
    words = words_of(path)
    assert HOSTILE_NAME in words
    assert '<img src="/etc/passwd"/> & <b>bold</b>' in words
    assert "AT&T building <" in words
    assert_safe_pdf(path)


# ---------------------------------------------------------------------- sanctions dossier
def test_sanctions_dossier_internal(services, case, tmp_path):
    path = tmp_path / "s.pdf"
    write(services, "sanctions", case.request.id, path)
    text = text_of(path)
    words = words_of(path)
    groups = {g.key: g.items for g in services.related.for_record("sanctions", case.request.id)}
    shown = figures_of(text, "Victims")
    grounds = groups["grounds"]
    assert shown["Victims"] == str(sum(g.kind == "detainees" for g in grounds)) == "1"
    assert shown["Dated events"] == str(sum(g.kind == "events" for g in grounds)) == "1"
    assert shown["Letters asking for it"] == str(len(groups["letters"])) == "1"
    # the earlier public request and the (older) internal one
    assert shown["Earlier requests"] == "2"
    for section in (
        "Identity of the target",
        "Positions held",
        "Alleged conduct",
        "Chronology of alleged conduct",
        "Sources",
        "Program requested",
        "Status and history",
        "Recipients",
        "Earlier requests against the same target",
        "Letters asking for these sanctions",
    ):
        assert section in text, section
    for expected in (
        "Sanctions dossier: Test Official Əliyev",
        "Тест Алиев",
        "Azerbaijan",
        "Deputy Minister of Justice",
        "Ministry of Justice",
        "Head of the pre-trial facility",
        "Ruben Vardanyan",
        "Held in isolation",
        f"Observers refused at {AZERI_PLACE}",
        "Global Magnitsky sanctions (US-GLOMAG)",
        "Executive Order 13818",
        "Status: Proposed",
        "Sent with the letter",
        "Department of State",
        "First request against the official",
        "GB-HR",
        "Internal sanction idea",
        HOSTILE_TITLE,
        "Court reporting by a news agency",
        "The request",
        INTERNAL_NOTE,
    ):
        assert expected in words, expected
    assert CONFIDENTIAL_SOURCE not in words
    chronology = words[words.index("Chronology of alleged conduct") :]
    assert chronology.index("27 Sep 2023") < chronology.index("17 Jan 2025")
    assert chronology.index("17 Jan 2025") < chronology.index("Apr 2025")
    assert_safe_pdf(path)


def test_sanctions_dossier_public(services, case, tmp_path):
    path = tmp_path / "s.pdf"
    write(services, "sanctions", case.request.id, path, audience="public")
    text = text_of(path)
    words = words_of(path)
    assert "INTERNAL" not in text
    assert "Sources are withheld in the public edition." in words
    for hidden in (
        INTERNAL_NOTE,
        "Head of the pre-trial facility",
        "Internal sanction idea",
        "Court reporting by a news agency",
        "Closed hearing seen by a monitor",
    ):
        assert hidden not in words, hidden
    assert figures_of(text, "Victims")["Earlier requests"] == "1"
    assert "Deputy Minister of Justice" in words
    internal = services.sanctions.create(
        title="Internal request", target_description="Someone", sensitivity="internal"
    )
    with pytest.raises(ValidationError, match="marked internal"):
        write(services, "sanctions", internal.id, tmp_path / "x.pdf", audience="public")


def test_sanctions_dossier_withholds_private_victims(services, case, tmp_path):
    s = services
    victim = s.people.create(display_name="Karen Private", birth_date="1985")
    s.people.set_consent(victim.id, "publish", "refused")
    detention = s.detentions.create(
        person_id=victim.id,
        category="civilian",
        captured_on="2023-10-01",
        capture_circumstances="Karen Private was taken from his home.",
    )
    s.sanctions.add_ground_detention(case.request.id, detention.id)
    path = tmp_path / "s.pdf"
    write(services, "sanctions", case.request.id, path, audience="public")
    words = words_of(path)
    assert "Karen" not in words and "Private was" not in words
    assert f"{WITHHELD} was taken from his home." in words
    assert "Ruben Vardanyan" in words
    assert figures_of(text_of(path), "Victims")["Victims"] == "2"


def test_sanctions_target_who_refused_consent(services, case, tmp_path):
    """A target holding a position is a public figure: the name stays in public,
    the personal details and positions go."""
    services.people.set_consent(case.official.id, "publish", "refused")
    path = tmp_path / "s.pdf"
    write(services, "sanctions", case.request.id, path, audience="public")
    words = words_of(path)
    assert "Sanctions dossier: Test Official Əliyev" in words
    for personal in ("Тест Алиев", "1970", "Azerbaijan", "Deputy Minister of Justice"):
        assert personal not in words, personal
    assert "the person has not consented to publication" in words
    assert "Positions held Withheld in this edition." in words
    write(services, "sanctions", case.request.id, path, audience="internal")
    assert "Тест Алиев" in words_of(path)


def test_testimony_longer_than_a_page_prints_whole(services, case, tmp_path):
    """A table row or a labelled value taller than a page splits across pages."""
    testimony = " ".join(f"word{n}" for n in range(4000))
    services.detentions.add_treatment_report(
        case.detention.id, kind="torture", reported_on="2025-05", description=testimony
    )
    services.detentions.update(case.detention.id, capture_circumstances=testimony)
    path = tmp_path / "long.pdf"
    result = write(services, "dossier", case.detention.id, path)
    words = words_of(path)
    assert words.count("word3999") == 2 and words.count("word0 word1 word2") == 2
    assert result.pages > 5
    path = tmp_path / "long-s.pdf"
    write(services, "sanctions", case.request.id, path)
    assert "word3999" in words_of(path)


# ---------------------------------------------------------------------- speed
def _queries(services, action) -> int:
    count = 0

    def seen(*_args):
        nonlocal count
        count += 1

    event.listen(services.db.engine, "before_cursor_execute", seen)
    try:
        action()
    finally:
        event.remove(services.db.engine, "before_cursor_execute", seen)
    return count


def test_query_count_does_not_grow_with_the_case(services, case, tmp_path):
    """No query per letter, hearing, victim or source: twenty more of each cost
    no extra query."""

    def both() -> None:
        write(services, "dossier", case.detention.id, tmp_path / "d.pdf")
        write(services, "sanctions", case.request.id, tmp_path / "s.pdf")

    before = _queries(services, both)
    s = services
    court = s.organizations.create(name="Another court", kind="court")
    source = s.sources.create(kind="document", title="Court file")
    for n in range(20):
        letter = s.letters.create(title=f"Letter {n}", sent_on="2025-01")
        s.letters.link_detention(letter.id, case.detention.id)
        s.letters.link_sanction_request(letter.id, case.request.id)
        s.letters.add_signatory(letter.id, case.official.id)
        reply = s.responses.create(
            title=f"Reply {n}", response_type="denial", from_organization_id=court.id
        )
        s.responses.add_letter(reply.id, letter.id)
        hearing = s.detentions.add_hearing(
            case.detention.id, held_on=f"2024-{n % 12 + 1:02d}", court_id=court.id
        )
        s.sources.cite(source.id, hearing_id=hearing.id)
        victim = s.people.create(display_name=f"Victim {n}")
        held = s.detentions.create(person_id=victim.id, category="civilian", facility_id=court.id)
        s.sanctions.add_ground_detention(case.request.id, held.id)
    after = _queries(services, both)
    assert after == before, (before, after)
    assert before < 80


# ---------------------------------------------------------------------- the demo database
def test_demo_dossiers(services, tmp_path):
    load_demo(services)
    with services.db.reading() as session:
        from sqlalchemy import select

        detention_id = session.scalars(
            select(Detention.id)
            .join(Person, Person.id == Detention.person_id)
            .where(Person.display_name == "Ruben Vardanyan")
        ).one()
        request_id = session.scalars(select(SanctionRequest.id)).one()
    for audience in ("public", "internal", "confidential"):
        path = tmp_path / f"d-{audience}.pdf"
        write(services, "dossier", detention_id, path, audience=audience)
        words = words_of(path)
        assert ARMENIAN in words
        assert ("Conversation with a relative" in words) == (audience == "confidential")
        assert ("Press coverage of the Baku" in words) == (audience != "public")
        assert_safe_pdf(path)
        path = tmp_path / f"s-{audience}.pdf"
        write(services, "sanctions", request_id, path, audience=audience)
        text = text_of(path)
        assert figures_of(text, "Victims")["Victims"] == "6"
        assert "Global Magnitsky sanctions (US-GLOMAG)" in flat(text)
        assert_safe_pdf(path)
