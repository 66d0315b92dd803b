"""Load the demo data through the services, every record flagged ``is_demo``."""

from __future__ import annotations

from casetracker.demo import data
from casetracker.errors import CaseTrackerError
from casetracker.services import Services

DEMO_LETTER_TITLE = str(data.LETTER["title"])
DEMO = {"is_demo": True}


def _constituency(state: str, district: int) -> str:
    return f"{state}-AL" if district == 0 else f"{state}-{district}"


def load_demo(services: Services) -> dict[str, int]:
    """Add the demo records in one transaction; refuses if they are already there."""
    if services.listing.count("letters", text=DEMO_LETTER_TITLE):
        raise CaseTrackerError("the demo data is already in this database")
    with services.db.transaction():
        return _build(services)


def _build(s: Services) -> dict[str, int]:
    counts = {"people": 0, "detentions": 0}

    # Organizations
    house = s.organizations.create(
        name="United States House of Representatives",
        abbreviation="House",
        kind="legislature",
        country="US",
        **DEMO,
    )
    state_dept = s.organizations.create(
        name="United States Department of State",
        abbreviation="DOS",
        kind="ministry",
        country="US",
        **DEMO,
    )
    az_gov = s.organizations.create(
        name="Government of Azerbaijan", kind="government", country="AZ", **DEMO
    )
    court = s.organizations.create(
        name="Baku Military Court",
        kind="court",
        country="AZ",
        parent_id=az_gov.id,
        notes="Bakı Hərbi Məhkəməsi",
        **DEMO,
    )
    facility = s.organizations.create(
        name="State Security Service pre-trial detention facility, Baku",
        kind="detention_facility",
        country="AZ",
        parent_id=az_gov.id,
        notes="Dövlət Təhlükəsizlik Xidməti (DTX) istintaq təcridxanası",
        **DEMO,
    )
    nk_gov = s.organizations.create(
        name="Authorities of Nagorno-Karabakh (Artsakh)",
        kind="government",
        notes="Dissolved after September 2023.",
        **DEMO,
    )
    s.organizations.create(
        name="International Committee of the Red Cross",
        abbreviation="ICRC",
        kind="international",
        country="CH",
        **DEMO,
    )

    # Sources
    letter_source = s.sources.create(
        kind="document",
        title="Letter of 36 Members of Congress to Secretary Rubio, 11 April 2025",
        publisher="U.S. House of Representatives",
        published_on="2025-04-11",
        reliability="highly_reliable",
        **DEMO,
    )
    press = s.sources.create(
        kind="media_report",
        title="Press coverage of the Baku Military Court trials (January 2025 onward)",
        published_on="2025-01",
        reliability="fairly_reliable",
        **DEMO,
    )
    family = s.sources.create(
        kind="interview",
        title="Conversation with a relative of a detainee (name withheld)",
        published_on="2025-03~",
        reliability="reliable",
        sensitivity="confidential",
        notes="Contact details kept offline. Do not cite in public material.",
        **DEMO,
    )

    # Recipient
    rubio = s.people.create(
        display_name="Marco Rubio",
        gender="male",
        citizenship="US",
        identifiers={"bioguide": "R000595"},
        **DEMO,
    )
    s.positions.create(
        person_id=rubio.id,
        organization_id=state_dept.id,
        title="Secretary of State",
        start_date="2025-01-21",
        **DEMO,
    )
    counts["people"] += 1

    # Signatories
    signatories = []
    for printed, bioguide, official, state, district, party, gender in data.SIGNATORIES:
        person = s.people.create(
            display_name=official,
            gender="female" if gender == "F" else "male",
            citizenship="US",
            identifiers={"bioguide": bioguide},
            **DEMO,
        )
        if printed != official:
            s.people.add_name(person.id, printed, script="Latn", language="en", kind="nickname")
        title = "Delegate" if district == 0 else "U.S. Representative"
        s.positions.create(
            person_id=person.id,
            organization_id=house.id,
            title=f"{title} for {_constituency(state, district)}",
            constituency=_constituency(state, district),
            party=party,
            start_date=data.TERM_START,
            end_date=data.TERM_END,
            **DEMO,
        )
        signatories.append((person, printed))
        counts["people"] += 1

    # Detainees
    detentions = []
    for info in data.DETAINEES:
        person = s.people.create(
            display_name=info["name"],
            gender=info["gender"],
            birth_date=info["birth_date"],
            citizenship="AM",
            names=[
                {"name": info["name"], "script": "Latn", "language": "en", "kind": "official"},
                {"name": info["armenian"], "script": "Armn", "language": "hy", "kind": "official"},
                *[
                    {"name": n, "script": sc, "language": lang, "kind": "transliteration"}
                    for n, sc, lang in info["variants"]  # type: ignore[attr-defined]
                ],
            ],
            notes="Public figure; named in the letter of 11 April 2025 or in its sources.",
            **DEMO,
        )
        s.positions.create(
            person_id=person.id,
            organization_id=nk_gov.id,
            title=info["office"],
            start_date=info["office_from"],
            end_date=info["office_to"],
            **DEMO,
        )
        detention = s.detentions.create(
            person_id=person.id,
            category="political_figure",
            captured_on=info["captured_on"],
            capture_place=info["capture_place"],
            capture_circumstances=info["circumstances"],
            facility_id=facility.id,
            status="detained",
            status_on=info["captured_on"],
            summary=f"Former {info['office']}, held in Baku since {info['captured_on'][:7]}.",
            **DEMO,
        )
        s.detentions.set_status(
            detention.id,
            "on_trial",
            "2025-01-17",
            "Trial opened before the Baku Military Court.",
        )
        s.detentions.add_charge(
            detention.id, description=data.CHARGES, charged_on="2023-10~", **DEMO
        )
        hearing = s.detentions.add_hearing(
            detention.id,
            held_on="2025-01-17",
            court_id=court.id,
            description="Opening of the trial.",
            outcome="Proceedings continue.",
            **DEMO,
        )
        s.detentions.add_access_flag(
            detention.id,
            kind="capture_acknowledged",
            state="yes",
            observed_on=info["captured_on"],
            **DEMO,
        )
        s.detentions.add_access_flag(
            detention.id,
            kind="icrc_access",
            state="yes",
            observed_on="2024~",
            note="ICRC delegates visited the detainees.",
            **DEMO,
        )
        s.detentions.add_access_flag(
            detention.id,
            kind="icrc_access",
            state="unknown",
            observed_on="2025-02",
            note="Azerbaijan ordered the ICRC to close its operations in the country.",
            **DEMO,
        )
        s.detentions.add_access_flag(
            detention.id,
            kind="consular_access",
            state="no",
            observed_on="2025-04",
            note="No Armenian consular access reported.",
            **DEMO,
        )
        s.events.create(
            occurred_on=info["captured_on"],
            kind="captured",
            title=f"{info['name']} detained",
            place=info["capture_place"],
            person_id=person.id,
            detention_id=detention.id,
            **DEMO,
        )
        s.events.create(
            occurred_on="2025-01-17",
            kind="hearing",
            title="Trial opens in Baku",
            place="Baku Military Court",
            detention_id=detention.id,
            **DEMO,
        )
        s.sources.cite(press.id, hearing_id=hearing.id)
        detentions.append(detention)
        counts["detentions"] += 1
        counts["people"] += 1

    vardanyan = detentions[0]
    report = s.detentions.add_treatment_report(
        vardanyan.id,
        kind="degrading_treatment",
        reported_on="2025-04~",
        description="Reports cited by members of Congress describe abuse and degrading "
        "treatment in custody.",
        **DEMO,
    )
    s.sources.cite(letter_source.id, treatment_report_id=report.id)
    s.sources.cite(family.id, treatment_report_id=report.id, note="Corroborates the account.")

    context = s.events.create(
        occurred_on="2023-09-19",
        kind="other",
        title="Azerbaijani military offensive on "
        "Nagorno-Karabakh; mass displacement of the Armenian population follows",
        **DEMO,
    )
    s.events.create(
        occurred_on="2025-02",
        kind="statement",
        title="Azerbaijan orders the ICRC to end its work in the country",
        **DEMO,
    )

    # The letter
    letter = s.letters.create(**data.LETTER, **DEMO)
    s.letters.set_tags(letter.id, ["Armenia", "Azerbaijan", "Global Magnitsky", "demo"])
    s.letters.add_recipient(
        letter.id,
        person_id=rubio.id,
        organization_id=state_dept.id,
        addressed_as="The Honorable Marco Rubio, Secretary of State",
    )
    for index, (person, printed) in enumerate(signatories):
        s.letters.add_signatory(letter.id, person.id, is_lead=index == 0, signed_as=printed)
    for text in data.ASKS:
        s.letters.add_ask(letter.id, text)
    for detention in detentions:
        s.letters.link_detention(letter.id, detention.id)
    s.events.create(
        occurred_on="2025-04-11",
        kind="letter_sent",
        title="36 Members of Congress write to the Secretary of State",
        letter_id=letter.id,
        **DEMO,
    )
    s.attachments.attach_bytes(
        _letter_note().encode(),
        "letter-2025-04-11-summary.txt",
        media_type="text/plain",
        extracted_text=_letter_note(),
        letter_id=letter.id,
        **DEMO,
    )

    # The sanction request the letter makes
    request = s.sanctions.create(
        title="Global Magnitsky designations of Azerbaijani officials responsible for abuses "
        "against Armenian prisoners",
        target_description="Azerbaijani officials responsible for gross human rights "
        "violations against Armenian prisoners (not named in the letter)",
        programs=["US-GLOMAG"],
        status="proposed",
        status_on="2025-04-11",
        submitted_on="2025-04-11",
        channel="post",
        grounds="Detention, abuse and unfair trials of Armenian prisoners of war and former "
        "Nagorno-Karabakh officials; removal of the ICRC.",
        **DEMO,
    )
    s.sanctions.set_status(
        request.id, "submitted", "2025-04-11", "Requested in the congressional letter."
    )
    s.sanctions.add_recipient(request.id, person_id=rubio.id, organization_id=state_dept.id)
    for detention in detentions:
        s.sanctions.add_ground_detention(request.id, detention.id)
    s.sanctions.add_ground_event(request.id, context.id)
    s.letters.link_sanction_request(letter.id, request.id)
    counts.update(letters=1, asks=len(data.ASKS), signatories=len(signatories), sanction_requests=1)
    return counts


def _letter_note() -> str:
    return (
        "Demo attachment: staff summary of the letter of 11 April 2025 from 36 Members of "
        "Congress to Secretary of State Marco Rubio, asking for the release of Armenian "
        "prisoners held in Azerbaijan, trial monitoring and Global Magnitsky sanctions.\n"
    )
