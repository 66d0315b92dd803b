"""Reading a letter's text (issue 6): date, recipients, asks, signatories, files."""

from __future__ import annotations

import datetime as dt
import io
import textwrap
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from casetracker.errors import ValidationError
from casetracker.letters.parse import (
    ParsedLetter,
    SignatoryLine,
    _parse,
    clean_name,
    parse_letter,
    read_letter_file,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "letter-2025-04-11-magnitsky.txt"
FONT = ROOT / "resources" / "fonts" / "DejaVuSans.ttf"

SEED_NAMES = [
    "Dina Titus",
    "Christopher H. Smith",
    "Gus M. Bilirakis",
    "Eleanor Holmes Norton",
    "Jim Costa",
    "Nicole Malliotakis",
    "Josh Gottheimer",
    "Mike Quigley",
    "Dan Goldman",
    "Judy Chu",
    "Brad Sherman",
    "Linda T. Sánchez",
    "Seth Magaziner",
    "David G. Valadao",
    "Gabe Amo",
    "Grace Meng",
    "Delia C. Ramirez",
    "James P. McGovern",
    "Paul D. Tonko",
    "Kevin Mullin",
    "Lateefah Simon",
    "Eric Swalwell",
    "Raja Krishnamoorthi",
    "Donald S. Beyer Jr.",
    "Jan Schakowsky",
    "Laura Friedman",
    "Jake Auchincloss",
    "Bradley Scott Schneider",
    "Thomas H. Kean, Jr.",
    "Danny K. Davis",
    "Zoe Lofgren",
    "John B. Larson",
    "Shri Thanedar",
    "Jimmy Gomez",
    "Robert J. Menendez",
    "Brian Fitzpatrick",
]
ASK_STARTS = (
    "Demand the immediate and unconditional release",
    "Press Azerbaijani authorities to allow international observers",
    "Impose sanctions under the Global Magnitsky",
)

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="seed letter not available")


# ------------------------------------------------------------------ builders
def make_pdf(text: str) -> bytes:
    """The text as a PDF: paragraphs wrapped at 90 characters, pages of 40 lines."""
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    lines: list[str] = []
    for line in text.splitlines():
        lines.extend(textwrap.wrap(line, 90) or [""])
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page_start in range(0, len(lines), 40):
        pdf.setFont("DejaVuSans", 10)
        for number, line in enumerate(lines[page_start : page_start + 40]):
            pdf.drawString(60, 780 - 18 * number, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def make_docx(text: str) -> bytes:
    """A minimal DOCX: one paragraph per line of the text."""
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in text.splitlines()
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{paragraphs}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def names(letter: ParsedLetter) -> list[str]:
    return [s.name for s in letter.signatories]


# ------------------------------------------------------------------ the seed letter
@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("seed letter not available")
    return read_letter_file(SEED)


def check_seed(letter: ParsedLetter) -> None:
    assert letter.date == dt.date(2025, 4, 11)
    assert len(letter.asks) == 3
    for ask, start in zip(letter.asks, ASK_STARTS, strict=True):
        assert ask.startswith(start)
    assert letter.asks[0].endswith("with the Government of Azerbaijan;")
    assert letter.asks[2].endswith("against Armenian prisoners.")
    assert letter.shape == "block"
    assert names(letter) == SEED_NAMES
    assert all(s.title == "Member of Congress" for s in letter.signatories)
    assert all(s.chamber == "house" for s in letter.signatories)
    assert [s.lead for s in letter.signatories] == [True] + [False] * 35


@needs_seed
def test_seed_letter(seed_text):
    letter = parse_letter(seed_text)
    check_seed(letter)
    assert letter.salutation == "Dear Secretary Rubio,"
    rubio = [r for r in letter.recipients if "Rubio" in r.name]
    assert len(rubio) == 1
    assert rubio[0].name == "Marco Rubio"
    assert rubio[0].title == "Secretary of State"
    assert rubio[0].organization == "U.S. Department of State"
    assert len(letter.recipients) == 1
    assert letter.body.startswith("In light of Azerbaijan's ongoing detention")
    assert letter.body.endswith("stability in the region.")
    assert letter.body.count("\n\n") >= 7  # paragraphs kept
    assert "Sincerely" not in letter.body and "Dina Titus" not in letter.body


@needs_seed
def test_seed_letter_as_docx(seed_text, tmp_path):
    path = tmp_path / "letter.docx"
    path.write_bytes(make_docx(seed_text))
    check_seed(parse_letter(read_letter_file(path)))


@needs_seed
def test_seed_letter_as_pdf(seed_text, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(make_pdf(seed_text))
    text = read_letter_file(path)
    assert "\n\n\n" not in text  # the PDF text has lost the blank lines of the block
    letter = parse_letter(text)
    check_seed(letter)
    assert any(r.title == "Secretary of State" and "Rubio" in r.name for r in letter.recipients)


@needs_seed
def test_seed_letter_with_bom_and_crlf(seed_text, tmp_path):
    path = tmp_path / "letter.txt"
    path.write_bytes(b"\xef\xbb\xbf" + seed_text.replace("\n", "\r\n").encode())
    text = read_letter_file(path)
    assert not text.startswith("\ufeff")
    check_seed(parse_letter(text))


# ------------------------------------------------------------------ reading files
def test_scanned_pdf_has_no_text(tmp_path):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(100, 100, 200, 200, fill=1)  # a page with a picture, no text
    pdf.showPage()
    pdf.save()
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ValidationError, match="no text"):
        read_letter_file(path)


def test_unreadable_and_missing_files(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(ValidationError, match="not a readable"):
        read_letter_file(path)
    with pytest.raises(ValidationError, match="cannot read"):
        read_letter_file(tmp_path / "absent.txt")
    empty = tmp_path / "empty.md"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="no text"):
        read_letter_file(empty)


def test_text_file_keeps_columns_and_reads_cp1252(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear Chair,\n\nA    B\n", encoding="utf-8")
    assert "A    B" in read_letter_file(path)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Linda T. Sánchez".encode("cp1252"))
    assert read_letter_file(latin) == "Linda T. Sánchez"


# ------------------------------------------------------------------ inline lists
PRESS_1 = """WASHINGTON, D.C. — March 3, 2024 — Today, a bipartisan letter led by Rep. Jane Roe
(D-CA) and signed by Senators John Doe (R-TX), Ann Poe (I-VT), and Representatives Ben Low
(D-NY-12) urged the Secretary of State to act on the case of detained journalists.
"""

PRESS_2 = """FOR IMMEDIATE RELEASE
June 5, 2023

Congressman Bob Latta (R-OH-5) and Congressman Donald S. Beyer Jr. (D-VA-8) led a letter
with Reps. Mike Johnson (R-LA) and Dusty Johnson (R-SD) calling for the release of
political prisoners. "Enough is enough," said Latta.
"""

PRESS_3 = """Today Sens. Chuck Grassley (R-Iowa) and Dick Durbin (D-Ill.) were joined by
Rep. Thomas H. Kean, Jr. (R-NJ-7), Rep. Sydney Kamlager-Dove (D-CA-37) and Rep. Linda T. Sánchez
(D-CA-38) in writing to the Attorney General.
"""

PRESS_4 = """2024-11-20

The letter, spearheaded by Representatives Joaquin Castro (D-TX-20) and Michael McCaul
(R-TX-10), was also signed by Reps. Ann Wagner (R-MO), Gregory W. Meeks (D-NY-5), Al Green
(D-TX-9) and Lloyd Doggett (D-TX-37). Senator Ted Cruz (R-TX) wrote separately.
"""

PRESS_5 = """Members of the Congressional Caucus — Rep. Bernie Thompson (D-MS-2), Rep. Ed Case
(D-HI-1) — and Sen. Chris Van Hollen (D-MD) released a statement. The letter was led by
Sen. Jan Schakowsky (D-IL), who said it matters.
"""


def sig(name, chamber, party, state, district=None, lead=False) -> SignatoryLine:
    return SignatoryLine(name, None, chamber, party, state, district, lead)


def test_inline_led_by_senators_and_representatives_oxford_comma():
    letter = parse_letter(PRESS_1)
    assert letter.shape == "inline"
    assert letter.date == dt.date(2024, 3, 3)
    assert letter.signatories == [
        sig("Jane Roe", "house", "D", "CA", lead=True),
        sig("John Doe", "senate", "R", "TX"),
        sig("Ann Poe", "senate", "I", "VT"),
        sig("Ben Low", "house", "D", "NY", 12),
    ]


def test_inline_nickname_suffix_and_one_surname_two_states():
    letter = parse_letter(PRESS_2)
    assert letter.date == dt.date(2023, 6, 5)
    assert letter.signatories == [
        sig("Bob Latta", "house", "R", "OH", 5, lead=True),
        sig("Donald S. Beyer Jr.", "house", "D", "VA", 8, lead=True),
        sig("Mike Johnson", "house", "R", "LA"),
        sig("Dusty Johnson", "house", "R", "SD"),
    ]


def test_inline_ap_state_names_comma_suffix_no_oxford_comma():
    letter = parse_letter(PRESS_3)
    assert letter.date is None
    assert letter.signatories == [
        sig("Chuck Grassley", "senate", "R", "IA"),
        sig("Dick Durbin", "senate", "D", "IL"),
        sig("Thomas H. Kean, Jr.", "house", "R", "NJ", 7),
        sig("Sydney Kamlager-Dove", "house", "D", "CA", 37),
        sig("Linda T. Sánchez", "house", "D", "CA", 38),
    ]


def test_inline_same_state_many_members_and_a_later_sentence():
    letter = parse_letter(PRESS_4)
    assert letter.date == dt.date(2024, 11, 20)
    assert letter.signatories == [
        sig("Joaquin Castro", "house", "D", "TX", 20, lead=True),
        sig("Michael McCaul", "house", "R", "TX", 10, lead=True),
        sig("Ann Wagner", "house", "R", "MO"),
        sig("Gregory W. Meeks", "house", "D", "NY", 5),
        sig("Al Green", "house", "D", "TX", 9),
        sig("Lloyd Doggett", "house", "D", "TX", 37),
        sig("Ted Cruz", "senate", "R", "TX"),
    ]


def test_inline_lead_named_later_and_particles():
    letter = parse_letter(PRESS_5)
    assert letter.signatories == [
        sig("Bernie Thompson", "house", "D", "MS", 2),
        sig("Ed Case", "house", "D", "HI", 1),
        sig("Chris Van Hollen", "senate", "D", "MD"),
        sig("Jan Schakowsky", "senate", "D", "IL", lead=True),
    ]


def test_clean_name_strips_honorifics_only():
    assert clean_name("Rep. Jane Q. Roe") == "Jane Q. Roe"
    assert clean_name("The Honorable  Donald S. Beyer, Jr.") == "Donald S. Beyer, Jr."
    assert clean_name("Congressman Bob Latta") == "Bob Latta"
    assert clean_name("Hon. Sen. Ann Poe") == "Ann Poe"


# ------------------------------------------------------------------ other block shapes
TWO_COLUMNS = """United States Senate
WASHINGTON, DC 20510

11 April 2025

The Honorable Scott Bessent
Secretary of the Treasury
U.S. Department of the Treasury
1500 Pennsylvania Avenue NW
Washington, DC 20220

The Honorable Marco Rubio
Secretary of State
U.S. Department of State

Dear Secretary Bessent and Secretary Rubio:

We write about sanctions. We ask that you:

1. Designate the officials responsible
   for the detention of the prisoners;
2. Report to Congress within 90 days.

Respectfully,

Jeanne Shaheen                      Roger F. Wicker
United States Senator               United States Senator

Richard J. Durbin                   Thom Tillis
Ranking Member                      United States Senator
Committee on the Judiciary
"""


def test_two_column_senate_block_and_two_recipients():
    letter = parse_letter(TWO_COLUMNS)
    assert letter.date == dt.date(2025, 4, 11)
    assert [r.name for r in letter.recipients] == ["Scott Bessent", "Marco Rubio"]
    assert letter.recipients[0].title == "Secretary of the Treasury"
    assert letter.recipients[1].organization == "U.S. Department of State"
    assert letter.asks == [
        "Designate the officials responsible for the detention of the prisoners;",
        "Report to Congress within 90 days.",
    ]
    assert names(letter) == [
        "Jeanne Shaheen",
        "Roger F. Wicker",
        "Richard J. Durbin",
        "Thom Tillis",
    ]
    assert [s.chamber for s in letter.signatories] == ["senate"] * 4
    assert letter.signatories[0].lead and not any(s.lead for s in letter.signatories[1:])
    titles = [s.title for s in letter.signatories]
    assert titles[2] == "Ranking Member"  # the committee line sits under two columns
    assert titles[3] == "United States Senator"


def test_two_columns_collapsed_to_single_spaces():
    text = (
        "Dear Colleague:\n\nPlease sign.\n\nSincerely,\n\n"
        "Dina Titus Christopher H. Smith\nMember of Congress Member of Congress\n"
        "Jim Costa Donald S. Beyer Jr.\nMember of Congress Member of Congress\n"
    )
    letter = parse_letter(text)
    assert names(letter) == [
        "Dina Titus",
        "Christopher H. Smith",
        "Jim Costa",
        "Donald S. Beyer Jr.",
    ]


LISTS = """April 2, 2025

Dear Administrator Smith:

We ask you:

(a) to fund the programme in full, and to report on its progress
    every quarter;
(b) to consult civil society.

We also ask:

i. an answer;
ii. a meeting.

* Bullet with a star, wrapped over
two lines without indentation;
* and a second one.

Thank you,

Ann Poe
Representative
"""


def test_list_formats_and_salutation_recipient():
    letter = parse_letter(LISTS)
    assert letter.date == dt.date(2025, 4, 2)
    assert letter.recipients[0].name == "Smith" and letter.recipients[0].title == "Administrator"
    assert letter.asks == [
        "to fund the programme in full, and to report on its progress every quarter;",
        "to consult civil society.",
        "an answer;",
        "a meeting.",
        "Bullet with a star, wrapped over two lines without indentation;",
        "and a second one.",
    ]
    assert letter.signatories == [
        SignatoryLine("Ann Poe", "Representative", "house", None, None, None, True)
    ]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("April 11, 2025", dt.date(2025, 4, 11)),
        ("Apr. 11th, 2025", dt.date(2025, 4, 11)),
        ("11 April 2025", dt.date(2025, 4, 11)),
        ("2025-04-11", dt.date(2025, 4, 11)),
        ("4/11/2025", dt.date(2025, 4, 11)),
        ("Washington, September 30, 2021", dt.date(2021, 9, 30)),
        ("February 30, 2025", None),
        ("13/13/2025", None),
    ],
)
def test_date_formats(line, day):
    assert parse_letter(f"{line}\n\nDear Sir or Madam,\n\nText.\n").date == day


# ------------------------------------------------------------------ edge cases
def test_letter_with_nothing_to_find():
    letter = parse_letter("We are writing to say hello.\n\nNothing more to add here.")
    assert letter.date is None
    assert letter.signatories == [] and letter.shape is None
    assert letter.asks == [] and letter.recipients == []
    assert letter.salutation is None
    assert letter.body == "We are writing to say hello.\n\nNothing more to add here."


@pytest.mark.parametrize("text", ["", " ", "\n\n", "Sincerely,", "Dear", "- a\n- b", "(D-CA)"])
def test_degenerate_texts(text):
    letter = parse_letter(text)
    assert isinstance(letter, ParsedLetter)
    assert letter.signatories == []


def test_single_bullet_is_not_a_list_and_body_is_not_signatures():
    text = "Dear Ms. Poe,\n\n- one point only.\n\nSincerely,\n\nThe Undersigned Organizations\n"
    letter = parse_letter(text)
    assert letter.asks == []
    assert letter.signatories == []


LETTER_PARTS = st.sampled_from(
    [
        "Dear Secretary Rubio,",
        "Sincerely,",
        "Member of Congress",
        "United States Senator",
        "Jane Roe",
        "Rep. Jane Roe (D-CA)",
        "Senators John Doe (R-TX), and",
        "led by",
        "- ask",
        "1. ask",
        "(a)",
        "i.",
        "April 11, 2025",
        "2/30/2025",
        "The Honorable",
        "    ",
        "\n",
        "\n\n",
        "(",
        ")",
        ",",
        "Jr.",
        "\t",
        "\r",
        "\ufeff",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400) | st.lists(LETTER_PARTS | st.text(max_size=12)).map(" ".join))
def test_arbitrary_text_never_raises(text):
    letter = _parse(text)  # without the last-resort guard of parse_letter
    assert isinstance(letter, ParsedLetter)
    assert isinstance(parse_letter(text), ParsedLetter)
    for signatory in letter.signatories:
        assert signatory.name.strip()
        assert signatory.chamber in (None, "house", "senate")


@settings(max_examples=100, deadline=None)
@given(st.lists(LETTER_PARTS | st.text(max_size=12), max_size=60).map("\n".join))
def test_line_structured_text_never_raises(text):
    assert isinstance(_parse(text), ParsedLetter)


def test_long_text_is_fast():
    import time

    text = ("Jane Roe (D-CA), " * 2_000 + "\n" + "- item\n" * 2_000 + "word " * 50_000) * 2
    start = time.perf_counter()
    parse_letter(text)
    assert time.perf_counter() - start < 5
