"""The correspondence log and the signatory record, read back from real PDFs:
figures equal to the database, the date range, every script extracted exactly,
nothing internal or confidential (and no withheld name) in a public edition,
hostile text printed literally with no link or image, embedded fonts only; and
the plain-text layout helpers they are built on."""

from __future__ import annotations

import datetime as dt
import re
import statistics
import subprocess
import uuid

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from casetracker.models import Ask, Letter, LetterSignatory, Response, response_letters
from casetracker.models.enums import LetterDirection
from casetracker.progress import Cancelled, Progress
from casetracker.reports.correspondence import Card, LetterInfo, text_width, wrap
from casetracker.reports.pdf import FONT, MARGIN, PAGE
from casetracker.reports.signatories import LetterColumn, Matrix, Signer

TODAY = dt.date(2025, 6, 30)
WIDTH = PAGE[0] - 2 * MARGIN
ARMENIAN = "Ռուբեն Վարդանյան"
AZERBAIJANI = "Əli Əliyev"
PLACE = "Şuşa"
HOSTILE = [
    "AT&T <b>bold</b> 3 < 4",
    '<a href="http://evil.example/x">click</a>',
    '<img src="/etc/passwd"/>',
]


# --------------------------------------------------------------------------- data


def build(services) -> dict[str, uuid.UUID]:
    """Seven letters over 2023–2025 (one internal, one confidential), with asks,
    responses, positions, recipients and four signatories."""
    s = services
    ids: dict[str, uuid.UUID] = {}
    house = s.organizations.create(
        name="United States House of Representatives", kind="legislature"
    )
    state = s.organizations.create(name="United States Department of State", kind="ministry")
    mfa = s.organizations.create(name="Xarici İşlər Nazirliyi", kind="ministry")
    minister = s.people.create(display_name="Ceyhun Bayramov")
    private = s.people.create(display_name="Nigar Həsənova", notes="PERSON-NOTE")
    s.people.set_consent(private.id, "publish", "refused")

    def legislator(name: str, party: str | None, seat: str | None) -> uuid.UUID:
        person = s.people.create(display_name=name)
        if party or seat:
            s.positions.create(
                person_id=person.id,
                organization_id=house.id,
                title="U.S. Representative",
                party=party,
                constituency=seat,
                start_date="2025-01-03",
            )
        return person.id

    a = ids["A"] = legislator(ARMENIAN, "Democrat", "CA-30")
    b = ids["B"] = legislator(AZERBAIJANI, "Republican", "NJ-4")
    c = ids["C"] = legislator("Dina Titus", "Democrat", "NV-1")
    s.people.set_consent(c, "publish", "refused")  # a public figure: the name stays
    d = ids["D"] = legislator("Hidden Signer", None, None)
    s.people.set_consent(d, "publish", "refused")

    def letter(key, title, sent_on, direction, signers=(), asks=(), **fields):
        made = s.letters.create(title=title, sent_on=sent_on, direction=direction, **fields)
        ids[key] = made.id
        for person, lead in signers:
            s.letters.add_signatory(made.id, person, is_lead=lead)
        return made.id, [s.letters.add_ask(made.id, text).id for text in asks]

    l1, (a1, a2) = letter(
        "L1",
        f"Request for ICRC access to detainees in {PLACE}",
        "2024-11-05",
        "outgoing",
        [(a, True), (b, False), (d, False)],
        ["Allow ICRC visits", f"Release {ARMENIAN}"],
        notes="NOTE-L1 chase via the embassy",
    )
    s.letters.add_recipient(l1, person_id=private.id, organization_id=state.id)
    s.letters.add_recipient(l1, organization_id=mfa.id, role="copy")
    s.letters.set_ask_status(a1, "partly_met", "STATUS-NOTE-A1")
    r1 = s.responses.create(
        title="Reply of the ministry",
        received_on="2025-01-15",
        from_person_id=minister.id,
        from_organization_id=mfa.id,
        response_type="token_reply",
        in_reply_to=[l1],
    )
    s.responses.set_ask_position(r1.id, a1, "noncommittal")
    s.responses.set_ask_position(r1.id, a2, "declined", "Refers to the court")

    letter("L2", "Consular access follow-up", "2025-01", "outgoing", [(a, False), (c, True)],
           ["Allow consular visits"])  # fmt: skip
    letter("L3", "Letter received from the ministry", "2025-02-10", "incoming")
    l4, (a4,) = letter(
        "L4",
        "Third-party appeal on the Baku trials",
        "2025-03-01",
        "third_party",
        [(b, True), (c, False), (a, False)],
        ["Admit observers"],
    )
    r2 = s.responses.create(
        title="Partial answer",
        received_on="2025-03-11",
        from_organization_id=state.id,
        response_type="partial",
        in_reply_to=[l4],
    )
    s.responses.set_ask_position(r2.id, a4, "partly_agreed")
    r3 = s.responses.create(
        title="INTERNAL-RESPONSE",
        received_on="2025-04-01",
        from_organization_id=state.id,
        response_type="denial",
        in_reply_to=[l4],
        sensitivity="internal",
    )
    s.responses.set_ask_position(r3.id, a4, "declined")
    l5, _ = letter(
        "L5", "Old letter outside the range", "2023-06-01", "outgoing", [(a, True)], ["Act"]
    )
    s.responses.create(
        title="Chased by phone; nothing came",
        received_on="2023-09-01",
        from_organization_id=state.id,
        response_type="no_response",
        in_reply_to=[l5],
    )
    letter("L6", "INTERNAL-ONLY LETTER", "2025-02-20", "outgoing", [(b, True)], ["Internal ask"],
           sensitivity="internal")  # fmt: skip
    letter("L7", "CONFIDENTIAL-LETTER", "2025-02-21", "outgoing", [(a, True)], ["Secret ask"],
           sensitivity="confidential")  # fmt: skip
    return ids


def write(services, tmp_path, kind, audience="internal", **options):
    path = tmp_path / f"{kind}-{audience}.pdf"
    result = services.reports.write(
        services.reports.options(kind, audience=audience, today=TODAY, **options), path
    )
    return path, result


def layout_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def flat_text(path) -> str:
    """Every page's text in drawing order, white space runs made one space."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def figure_rows(text: str) -> list[list[str]]:
    """Lines holding only figures (the key-figure boxes), as lists of figures."""
    rows = []
    for line in text.splitlines():
        tokens = line.split()
        if tokens and all(re.fullmatch(r"[\d,.]+|—", t) for t in tokens) and len(tokens) == 4:
            rows.append(tokens)
    return rows


# --------------------------------------------------------------------------- expected


def expected_log(services, allowed, start=None, end=None) -> dict[str, object]:
    """The log's figures, worked out from ORM objects (not the report's queries)."""
    with services.db.reading() as session:
        letters = [
            letter
            for letter in session.scalars(select(Letter))
            if letter.sensitivity in allowed
            and (
                (start is None and end is None)
                or (
                    letter.sent_on is not None
                    and (start is None or letter.sent_on.latest() >= start)
                    and (end is None or letter.sent_on.earliest() <= end)
                )
            )
        ]
        ids = {letter.id for letter in letters}
        replies: dict[uuid.UUID, list] = {}
        for letter_id, response in session.execute(
            select(response_letters.c.letter_id, Response).join(
                Response, Response.id == response_letters.c.response_id
            )
        ):
            if (
                letter_id in ids
                and response.sensitivity in allowed
                and response.response_type != "no_response"
            ):
                replies.setdefault(letter_id, []).append(response)
        asks = [
            ask
            for ask in session.scalars(select(Ask))
            if ask.letter_id in ids and ask.sensitivity in allowed
        ]
    days, waiting = [], []
    for letter in letters:
        got = replies.get(letter.id)
        if got:
            first = min(r.received_on.earliest() for r in got)
            days.append((first - letter.sent_on.earliest()).days)
        elif letter.direction != "incoming":
            waiting.append((TODAY - letter.sent_on.earliest()).days)
    median = statistics.median(days) if days else None
    return {
        "letters": len(letters),
        "answered": len(replies),
        "awaiting": len(waiting),
        "median": "—" if median is None else f"{median:,.1f}".removesuffix(".0"),
        "asks": len(asks),
        "open": sum(1 for a in asks if a.status == "open"),
        "responses": len({r.id for got in replies.values() for r in got}),
        "longest": max(waiting) if waiting else None,
        "titles": {letter.title for letter in letters},
    }


# --------------------------------------------------------------------------- the log


def test_correspondence_figures_equal_the_database(services, tmp_path):
    build(services)
    path, result = write(services, tmp_path, "correspondence")
    text = layout_text(path)
    want = expected_log(services, {"public", "internal"})
    assert want["letters"] == 6 and want["answered"] == 2 and want["awaiting"] == 3
    first, second = figure_rows(text)[:2]
    assert first == [str(want["letters"]), str(want["answered"]), str(want["awaiting"]),
                     want["median"]]  # fmt: skip
    assert second == [str(want["asks"]), str(want["open"]), str(want["responses"]),
                      f"{want['longest']:,}"]  # fmt: skip
    assert want["median"] == "40.5"  # 71 and 10 days
    flat = flat_text(path)
    assert "Answered in 71 days (1 response)" in flat
    # the internal response counts, but the first response decides the time
    assert "Answered in 10 days (2 responses)" in flat
    # "2025-01" counts from its first day; the precision is shown with "c."
    assert f"No response: c. {(TODAY - dt.date(2025, 1, 1)).days} days outstanding" in flat
    assert "Incoming letter" in flat
    # a "No response" record is listed but answers nothing
    assert "Chased by phone; nothing came" in flat
    assert f"No response: {(TODAY - dt.date(2023, 6, 1)).days:,} days outstanding" in flat
    for title in want["titles"]:
        assert title in flat
    # the positions each response took on each ask, and the response details
    assert "Noncommittal" in flat and "Declined — Refers to the court" in flat
    assert "R1: Partly agreed" in flat and "R2: Declined" in flat
    assert "Ceyhun Bayramov, Xarici İşlər Nazirliyi" in flat and "15 Jan 2025" in flat
    assert "Token reply" in flat and "Partly met" in flat
    assert "NOTE-L1" in flat and "STATUS-NOTE-A1" in flat  # internal edition
    assert "CONFIDENTIAL-LETTER" not in flat and "Secret ask" not in flat
    # one outline entry per month, under the letters
    reader = PdfReader(path)
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == ["Summary", "Letters, month by month"]
    months = [item.title for item in reader.outline[-1]]
    assert months[0] == "June 2023 · 1 letter" and "November 2024 · 1 letter" in months
    assert result.pages == len(reader.pages)
    assert all("INTERNAL" in page.extract_text() for page in reader.pages)


def test_correspondence_date_range(services, tmp_path):
    build(services)
    path, _ = write(services, tmp_path, "correspondence", date_from="2025", date_to="2025-02")
    want = expected_log(services, {"public", "internal"}, dt.date(2025, 1, 1), dt.date(2025, 2, 28))
    assert want["titles"] == {
        "Consular access follow-up",
        "Letter received from the ministry",
        "INTERNAL-ONLY LETTER",
    }
    text = layout_text(path)
    assert figure_rows(text)[0][:3] == [str(want["letters"]), "0", str(want["awaiting"])]
    flat = flat_text(path)
    assert "Letters dated 1 Jan 2025 to 28 Feb 2025" in flat
    for title in want["titles"]:
        assert title in flat
    for outside in ("Request for ICRC access", "Old letter outside", "Third-party appeal"):
        assert outside not in flat


def test_public_log_leaves_out_internal_material_and_withheld_names(services, tmp_path):
    build(services)
    path, result = write(services, tmp_path, "correspondence", audience="public")
    flat = flat_text(path)
    want = expected_log(services, {"public"})
    assert figure_rows(layout_text(path))[0][:3] == [
        str(want["letters"]),
        str(want["answered"]),
        str(want["awaiting"]),
    ]
    for secret in (
        "INTERNAL-ONLY LETTER",
        "Internal ask",
        "CONFIDENTIAL-LETTER",
        "INTERNAL-RESPONSE",
        "NOTE-L1",
        "STATUS-NOTE-A1",
        "PERSON-NOTE",
        "Nigar Həsənova",
        "INTERNAL",
    ):
        assert secret not in flat, secret
    assert "[name withheld], United States Department of State" in flat
    assert "Answered in 10 days (1 response)" in flat  # the internal response is left out
    assert "Public edition" in flat
    assert result.withheld >= 1


# --------------------------------------------------------------------------- the signatory record


def test_signatory_record_matrix_and_list_equal_the_database(services, tmp_path):
    ids = build(services)
    path, result = write(services, tmp_path, "signatories")
    allowed = {"public", "internal"}
    with services.db.reading() as session:
        rows = session.execute(
            select(LetterSignatory.person_id, LetterSignatory.is_lead, Letter.sent_on)
            .join(Letter, Letter.id == LetterSignatory.letter_id)
            .where(Letter.sensitivity.in_(allowed), LetterSignatory.sensitivity.in_(allowed))
        ).all()
    signatures, leads = len(rows), sum(1 for r in rows if r.is_lead)
    letters = len({r.sent_on for r in rows})  # one letter per date in this data
    assert (signatures, leads, letters) == (10, 5, 5)
    text = layout_text(path)
    first, second = figure_rows(text)[:2]
    assert first == ["6", str(letters), "4", str(signatures)]
    assert second == ["1", "2.0", "4", "3"]
    # the key (once each) plus one mark per signature
    assert text.count("★") == leads + 1
    assert text.count("●") == signatures - leads + 1
    # per letter: the totals row, in date order
    assert re.search(r"Signatures\s+1\s+3\s+2\s+1\s+3\b", text)
    # per legislator: rank, name, party, seat, signed, led, last signed
    for name, party, seat, signed, led, last in (
        (ARMENIAN, "Democrat", "CA-30", 4, 2, "1 Mar 2025"),
        (AZERBAIJANI, "Republican", "NJ-4", 3, 2, "1 Mar 2025"),
        ("Dina Titus", "Democrat", "NV-1", 2, 1, "1 Mar 2025"),
    ):
        assert re.search(rf"{name}\s+{party}\s+{seat}\s+{signed}\s+{led}\s+{last}", text), name
    assert re.search(r"Hidden Signer\s+1\s+5 Nov 2024", text)
    # the matrix rows carry the short party and the seat, and each total
    assert re.search(rf"{ARMENIAN}\s+D · CA-30\s+[●★\s]+4\b", text)
    flat = flat_text(path)
    assert "CONFIDENTIAL-LETTER" not in flat
    assert "INTERNAL-ONLY LETTER" in flat
    reader = PdfReader(path)
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == ["Summary", "Signatories by letters signed", "Signature matrix", "Letters"]
    assert [item.title for item in reader.outline[3]] == [
        "Letters #1–#5 (1 Jun 2023 to 1 Mar 2025)"
    ]
    assert result.pages == len(reader.pages)
    assert ids


def test_public_signatory_record(services, tmp_path):
    build(services)
    path, _ = write(services, tmp_path, "signatories", audience="public")
    flat = flat_text(path)
    assert "INTERNAL-ONLY LETTER" not in flat and "CONFIDENTIAL-LETTER" not in flat
    assert "Hidden Signer" not in flat and "[name withheld]" in flat
    assert "Dina Titus" in flat  # refused, but a public figure
    assert re.search(r"Dina Titus\s+Democrat\s+NV-1", layout_text(path))  # a public role
    text = layout_text(path)
    # four public letters with signatories, nine signatures
    assert figure_rows(text)[0] == ["5", "4", "4", "9"]
    assert "INTERNAL" not in text


def test_signatory_record_date_range_and_split_matrices(services, tmp_path):
    house = services.organizations.create(name="House", kind="legislature")
    people = []
    for i in range(12):
        person = services.people.create(display_name=f"Member {i:02d} {AZERBAIJANI}")
        services.positions.create(
            person_id=person.id, organization_id=house.id, title="Member", party="Independent"
        )
        people.append(person.id)
    for day in range(1, 24):
        letter = services.letters.create(title=f"Letter of day {day}", sent_on=f"2025-03-{day:02d}")
        for index in range(day % 4 + 1):
            services.letters.add_signatory(
                letter.id, people[(day + index) % 12], is_lead=index == 0
            )
    early = services.letters.create(title="Letter of February", sent_on="2025-02-01")
    services.letters.add_signatory(early.id, people[0], is_lead=True)

    path, _ = write(services, tmp_path, "signatories", date_from="2025-03")
    reader = PdfReader(path)
    matrices = [item.title for item in reader.outline[3]]
    assert matrices == [
        "Letters #1–#10 (1 Mar 2025 to 10 Mar 2025)",
        "Letters #11–#20 (11 Mar 2025 to 20 Mar 2025)",
        "Letters #21–#23 (21 Mar 2025 to 23 Mar 2025)",
    ]
    flat = flat_text(path)
    assert "Letter of February" not in flat and "Letter of day 23" in flat
    assert "Letters dated from 1 Mar 2025" in flat


# --------------------------------------------------------------------------- both reports


@pytest.mark.parametrize("kind", ["correspondence", "signatories"])
def test_scripts_extract_exactly(services, tmp_path, kind):
    build(services)
    path, _ = write(services, tmp_path, kind)
    flat = flat_text(path)
    layout = layout_text(path)
    if kind == "correspondence":
        names = [ARMENIAN, PLACE, "Xarici İşlər Nazirliyi", "Nigar Həsənova"]
    else:
        names = [ARMENIAN, AZERBAIJANI]
    for name in names:
        assert name in flat and name in layout, name


@pytest.mark.parametrize("kind", ["correspondence", "signatories"])
def test_hostile_text_prints_literally(services, tmp_path, kind):
    person = services.people.create(display_name=HOSTILE[0])
    org = services.organizations.create(name=HOSTILE[1], kind="ministry")
    for number, hostile in enumerate(HOSTILE):
        letter = services.letters.create(title=hostile, sent_on=f"2025-0{number + 1}-10")
        services.letters.add_signatory(letter.id, person.id, is_lead=True)
        services.letters.add_recipient(letter.id, organization_id=org.id)
        services.letters.add_ask(letter.id, hostile)
        response = services.responses.create(
            title=hostile, from_organization_id=org.id, response_type="denial",
            received_on="2025-06-01", in_reply_to=[letter.id],
        )  # fmt: skip
    path, _ = write(services, tmp_path, kind)
    flat = flat_text(path)
    for hostile in HOSTILE:
        assert hostile in flat, hostile
    raw = path.read_bytes()
    assert b"/URI" not in raw and b"/Link" not in raw and b"/Subtype /Image" not in raw
    for page in PdfReader(path).pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        assert not any(xobjects[n].get("/Subtype") == "/Image" for n in xobjects)
        assert "/Annots" not in page
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    lines = fonts.stdout.splitlines()[2:]
    assert lines and all(line.split()[-5] == "yes" for line in lines), fonts.stdout
    assert response


@pytest.mark.parametrize("kind", ["correspondence", "signatories"])
def test_empty_database_says_none_recorded(services, tmp_path, kind):
    path, result = write(services, tmp_path, kind)
    text = layout_text(path)
    assert "None recorded." in text
    assert figure_rows(text)[0][0] == "0"
    assert result.pages >= 2


@pytest.mark.parametrize("kind", ["correspondence", "signatories"])
def test_cancel_leaves_no_file(services, tmp_path, kind):
    build(services)

    class Cancel(Progress):
        def report(self, done, total=0, text=""):
            raise Cancelled()

    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        services.reports.write(
            services.reports.options(kind, today=TODAY), folder / "out.pdf", Cancel()
        )
    assert not list(folder.iterdir())


# --------------------------------------------------------------------------- layout helpers


def test_wrap_keeps_every_word_within_the_width():
    text = (
        f"{ARMENIAN} {AZERBAIJANI} AT&T <b>x</b> "
        + "https://example.org/" + "a" * 120 + "  tail\twords\n\nnext paragraph"
    )  # fmt: skip
    for width in (40.0, 90.0, 300.0):
        lines = wrap(text, width)
        assert all(text_width(line) <= width + 0.01 for line in lines), lines
        assert "".join("".join(lines).split()) == "".join(text.split())
    assert wrap("", 50) == [""]
    assert wrap("one\ntwo", 500) == ["one", "two"]


def test_card_and_matrix_fill_the_text_width_exactly():
    letter = LetterInfo(uuid.uuid4(), None, "T", LetterDirection.OUTGOING, "", None)
    card = Card(WIDTH, TODAY).build(letter)
    assert sum(card._colWidths) == pytest.approx(WIDTH)
    signer = Signer(uuid.uuid4(), "A very long name " * 6, "a", signed=1)
    for count in (1, 3, 10):
        columns = [
            LetterColumn(n + 1, uuid.uuid4(), None, f"L{n}", {signer.id: n == 0})
            for n in range(count)
        ]
        matrix = Matrix(WIDTH).build(columns, {signer.id: signer})
        assert sum(matrix._colWidths) == pytest.approx(WIDTH)
        # the long name wraps onto more lines instead of running over
        name = matrix._cellvalues[1][0]
        assert all(text_width(line, FONT, 7.5) <= matrix._colWidths[0] for line in name.split("\n"))
