"""Reading a letter's text: date, recipients, salutation, body, asks and signatories.

`parse_letter` is pure Python and never raises: whatever it cannot find is left
empty (None or []). Two shapes of signatories are read:

* a **signature block** after the closing ("Sincerely,"): name lines each followed
  by a title line ("Member of Congress", "United States Senator" …), possibly in
  two columns separated by runs of spaces or tabs; the first name is the lead;
* an **inline list** in a sentence, press-release style: "… led by Rep. Jane Roe
  (D-CA) and signed by Senators John Doe (R-TX), Ann Poe (I-VT) …", with party,
  state and district hints, chamber from "Rep."/"Senators"/…, lead from "led by".

`read_letter_file` gives the text of a .txt/.md, .pdf or .docx file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from casetracker.errors import ValidationError

log = logging.getLogger(__name__)

MAX_PARSE_CHARS = 1_000_000  # a letter is a few pages; longer text is cut
MAX_LINE_CHARS = 2_000  # lines longer than this are not looked at for names or titles

Chamber = Literal["house", "senate"]
Shape = Literal["block", "inline"]


@dataclass(frozen=True)
class Recipient:
    name: str
    title: str | None = None
    organization: str | None = None


@dataclass(frozen=True)
class SignatoryLine:
    """One signatory as written in the letter (not yet matched to the roster).

    ``party`` is the letter's code from a hint such as "(D-CA)": "D", "R", "I" ….
    """

    name: str
    title: str | None = None
    chamber: Chamber | None = None
    party: str | None = None
    state: str | None = None
    district: int | None = None
    lead: bool = False


@dataclass
class ParsedLetter:
    date: dt.date | None = None
    recipients: list[Recipient] = field(default_factory=list)
    salutation: str | None = None
    body: str = ""
    asks: list[str] = field(default_factory=list)
    signatories: list[SignatoryLine] = field(default_factory=list)
    shape: Shape | None = None


# ------------------------------------------------------------------ file reading
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})


def read_letter_file(path: str | Path) -> str:
    """The text of a letter file: .txt/.md (UTF-8, with or without BOM), .pdf, .docx.

    Raises ValidationError (field "file") if the file cannot be read or has no
    text, e.g. a scanned PDF without a text layer.
    """
    from casetracker.search.extract import extract_text

    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise ValidationError.single("file", f"cannot read {path.name}: {exc.strerror}") from exc
    text: str | None = None
    if path.suffix.lower() in _TEXT_SUFFIXES:
        try:  # decoded here rather than by extract_text, which collapses runs of spaces
            text = content.decode("utf-8-sig")  # (two-column signature blocks need them)
        except UnicodeDecodeError:
            text = None
    if text is None:
        text = extract_text(content, path.name)
    if text is None:
        raise ValidationError.single(
            "file", f"{path.name} is not a readable text, PDF or DOCX file"
        )
    text = text.replace("\x00", "")
    if not text.strip():
        raise ValidationError.single(
            "file", f"{path.name} has no text (a scanned PDF needs text recognition first)"
        )
    return text


# ------------------------------------------------------------------ entry point
def parse_letter(text: str) -> ParsedLetter:
    """Date, recipients, salutation, body, asks and signatories of a letter's text.

    Never raises: a part that cannot be found is left empty.
    """
    try:
        return _parse(text)
    except Exception:  # the parser is meant not to fail; this is the last guard
        log.warning("letter parsing failed; returning the text as the body", exc_info=True)
        try:
            return ParsedLetter(body=str(text).strip())
        except Exception:
            return ParsedLetter()


def _parse(text: str) -> ParsedLetter:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    lines = _lines(text[:MAX_PARSE_CHARS])
    letter = ParsedLetter()

    salutation_at = _find_salutation(lines)
    closing_at = _find_closing(lines, 0 if salutation_at is None else salutation_at + 1)
    letterhead_chamber = _letterhead_chamber(lines[: salutation_at or 15])

    # header: what comes before the salutation (or the first lines of a letter without one)
    header_end = _first_paragraph_line(lines, 15) if salutation_at is None else salutation_at
    date_at, letter.date = _find_date(lines[:header_end])
    if letter.date is None and salutation_at is None:
        date_at, letter.date = _find_date(lines[:15])
        if date_at is not None and date_at >= header_end:
            date_at = None  # a dateline inside the first paragraph: no address block

    if salutation_at is not None:
        letter.salutation = lines[salutation_at].strip()
        start = 0 if date_at is None else date_at + 1
        letter.recipients = _address_recipients(lines[start:salutation_at])
        letter.recipients = _merge_salutation(letter.recipients, letter.salutation)
        body_start = salutation_at + 1
    else:
        body_start = 0
    body_end = closing_at if closing_at is not None else len(lines)

    signatories: list[SignatoryLine] = []
    if closing_at is not None:
        signatories = _signature_block(lines[closing_at + 1 :], letterhead_chamber)
    else:
        block_start = _unclosed_block_start(lines, body_start)
        if block_start is not None:
            signatories = _signature_block(lines[block_start:], letterhead_chamber)
            if signatories:
                body_end = block_start
    body_lines = lines[body_start:body_end]
    letter.body = _join_body(body_lines)
    letter.asks = _asks(body_lines)
    if signatories:
        letter.signatories, letter.shape = signatories, "block"
    else:
        inline = _inline_signatories("\n".join(lines))
        if inline:
            letter.signatories, letter.shape = inline, "inline"
    return letter


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\x0b\x0c\x85\u2028\u2029]", "\n", text)
    text = re.sub(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000]", " ", text)  # odd spaces
    return [line.rstrip() for line in text.split("\n")]


def _blank(line: str) -> bool:
    return not line.strip()


# ------------------------------------------------------------------ salutation, closing
_SALUTATION = re.compile(
    r"(?:Dear|My\s+dear)\s+\S.{0,150}|To\s+whom\s+it\s+may\s+concern\b.{0,20}", re.IGNORECASE
)
_CLOSING = re.compile(
    r"(?:(?:Very\s+)?(?:Sincerely|Respectfully|Cordially|Truly|Faithfully)(?:\s+yours)?"
    r"|Yours(?:\s+(?:sincerely|truly|faithfully|respectfully))?"
    r"|(?:With\s+)?(?:best\s+|kind\s+|warm\s+)?regards|With\s+(?:gratitude|appreciation)"
    r"|Respectfully\s+submitted|Thank\s+you|In\s+solidarity)\s*[,.!]?",
    re.IGNORECASE,
)


def _find_salutation(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:200]):
        stripped = line.strip()
        if len(stripped) <= 160 and _SALUTATION.fullmatch(stripped):
            unpunctuated = not re.search(r"[,:;]\s*$", stripped)
            if stripped.lower().startswith("dear") and unpunctuated and len(stripped.split()) > 6:
                continue  # "Dear Secretary Rubio" without punctuation: only if short
            return index
    return None


def _find_closing(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        if len(stripped) <= 40 and _CLOSING.fullmatch(stripped):
            return index
    return None


def _first_paragraph_line(lines: list[str], limit: int) -> int:
    """Index of the first long (prose) line among the first `limit` lines."""
    for index, line in enumerate(lines[:limit]):
        if len(line.strip()) > 100:
            return index
    return min(limit, len(lines))


def _letterhead_chamber(lines: list[str]) -> Chamber | None:
    head = " ".join(lines).lower()
    if "united states senate" in head or "u.s. senate" in head:
        return "senate"
    if "house of representatives" in head:
        return "house"
    return None


# ------------------------------------------------------------------ dates
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b"),
)


def _date_in(line: str) -> dt.date | None:
    found: list[tuple[int, dt.date]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(line[:MAX_LINE_CHARS]):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                day = dt.date(int(match["year"]), number, int(match["day"]))
            except ValueError:
                continue
            if 1900 <= day.year <= 2200:
                found.append((match.start(), day))
                break
    return min(found)[1] if found else None


def _find_date(lines: list[str]) -> tuple[int | None, dt.date | None]:
    for index, line in enumerate(lines):
        day = _date_in(line)
        if day is not None:
            return index, day
    return None, None


# ------------------------------------------------------------------ recipients
_HONORABLE = re.compile(r"^(?:The\s+)?(?:Honorable|Hon\.)\s+", re.IGNORECASE)
_ADDRESS_LINE = re.compile(
    r"^\d|\b(?:Street|St\.|Avenue|Ave\.|Road|Suite|Room|Building|Bldg\.|P\.?\s?O\.? Box|Plaza)\b"
    r"|\b(?:[A-Z]{2}|D\.\s?C\.)\s+\d{5}(?:-\d{4})?\s*$|^Washington\b",
)
_ORGANIZATION = re.compile(
    r"\b(?:Department|Dept\.|Agency|Office|Committee|Administration|Embassy|Council"
    r"|Commission|Bureau|Ministry|Mission|Service|Institute|Bank|Court|House|Senate"
    r"|Government|Board|Foundation|Corporation|Organization|Nations|Union|Treasury)\b"
)
_ORGANIZATION_START = re.compile(
    r"^(?:The\s+)?(?:U\.\s?S\.|United\s+States|Department|Dept\.|Office|Committee|Embassy"
    r"|Bureau|Agency|Ministry|Mission|Permanent\s+Mission|Council|Commission|Federal|National)\b"
    r"|^\S+(?:\s+\S+)?\s+(?:Department|Ministry|Agency|Embassy|Commission|Council)\b",
    re.IGNORECASE,
)
_SALUTATION_TITLES = (
    "Attorney General",
    "Secretary",
    "Ambassador",
    "Administrator",
    "Director",
    "Deputy Secretary",
    "Under Secretary",
    "Assistant Secretary",
    "President",
    "Vice President",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Ranking Member",
    "Leader",
    "Speaker",
    "Senator",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Commissioner",
    "Governor",
    "Minister",
    "Prime Minister",
    "Judge",
    "Justice",
    "General",
    "Admiral",
    "Dr.",
    "Mr.",
    "Ms.",
    "Mrs.",
    "Madam",
)
_SALUTATION_TITLE = re.compile(
    r"^(?:Madam\s+|Mr\.\s+)?(?P<title>"
    + "|".join(re.escape(t) for t in sorted(_SALUTATION_TITLES, key=len, reverse=True))
    + r")(?:\s+(?P<name>.+))?$"
)


def _address_recipients(lines: list[str]) -> list[Recipient]:
    """Recipients from the address block: the last blank-separated blocks before the
    salutation that start with a name ("The Honorable …") or a title."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if _blank(line):
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line.strip())
    if current:
        blocks.append(current)
    recipients: list[Recipient] = []
    for block in blocks:
        # several "The Honorable" lines in one block start several recipients
        starts = [i for i, line in enumerate(block) if _HONORABLE.match(line)]
        if not starts:
            continue
        for number, begin in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(block)
            recipient = _recipient(block[begin:end])
            if recipient is not None:
                recipients.append(recipient)
    if not recipients and blocks:  # no "Honorable": the block right before the salutation
        last = [line for line in blocks[-1] if len(line) <= 120]
        if 1 <= len(last) <= 8 and not _date_in(" ".join(last)):
            recipient = _recipient(last)
            if recipient is not None and _looks_like_name(recipient.name, loose=True):
                recipients.append(recipient)
    return recipients


def _recipient(lines: list[str]) -> Recipient | None:
    if not lines:
        return None
    name = _HONORABLE.sub("", lines[0]).strip(" ,")
    if not name or len(name) > 120:
        return None
    title = organization = None
    for line in lines[1:]:
        if _ADDRESS_LINE.search(line):
            break
        if title is None and organization is None and not _ORGANIZATION_START.match(line):
            title = line.strip(" ,")
        elif organization is None:
            organization = line.strip(" ,")
        else:
            break
    if title is not None and organization is None and "," in title:
        head, _, tail = title.partition(",")  # "Secretary, Department of State"
        if _ORGANIZATION.search(tail):
            title, organization = head.strip(), tail.strip()
    return Recipient(name=name, title=title, organization=organization)


def _merge_salutation(recipients: list[Recipient], salutation: str) -> list[Recipient]:
    """Add what the salutation says: "Dear Secretary Rubio:" gives the title of the
    recipient named Rubio, or a recipient of its own if the address block has none."""
    match = re.match(r"^(?:Dear|My\s+dear)\s+(.*?)[\s,:;.!]*$", salutation, re.IGNORECASE)
    if not match:
        return recipients
    merged = list(recipients)
    for part in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", match.group(1)):
        part = part.strip()
        found = _SALUTATION_TITLE.match(part)
        if not found:
            continue
        title, surname = found["title"], (found["name"] or "").strip()
        if title in ("Mr.", "Ms.", "Mrs.", "Dr.", "Madam") and not surname:
            continue
        if surname and not _looks_like_name(surname, loose=True):
            continue
        for index, recipient in enumerate(merged):
            if surname and _ends_with_surname(recipient.name, surname):
                if recipient.title is None and title not in ("Mr.", "Ms.", "Mrs.", "Dr."):
                    merged[index] = Recipient(recipient.name, title, recipient.organization)
                break
            if not surname and recipient.title and title.lower() in recipient.title.lower():
                break
        else:
            if surname:
                merged.append(Recipient(name=surname, title=title))
            elif not merged and title not in ("Mr.", "Ms.", "Mrs.", "Dr."):
                merged.append(Recipient(name="", title=title))
    return merged


def _ends_with_surname(name: str, surname: str) -> bool:
    words = [w.strip(",.").casefold() for w in name.split()]
    words = [w for w in words if w not in _SUFFIXES_FOLDED]
    return bool(words) and words[-1] == surname.split()[-1].strip(",.").casefold()


# ------------------------------------------------------------------ body and asks
def _join_body(lines: list[str]) -> str:
    """The body with paragraphs kept (blank-line runs reduced to one)."""
    text = "\n".join(line.strip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n ")


_BULLET = re.compile(
    r"^(?P<indent>\s*)(?P<mark>[-•*▪◦‣●○–—]"
    r"|\d{1,2}[.)]|\(\d{1,2}\)"
    r"|\([a-zA-Z]\)|[a-z][.)]"
    r"|\((?:[ivx]{1,5})\)|(?:[ivx]{1,5})[.)])"
    r"\s+(?P<text>\S.*)$"
)
_ITEM_END = re.compile(r"(?:[.;!?:]|;\s*(?:and|or)|,\s*(?:and|or))[\"'”’)]*$")


def _asks(lines: list[str]) -> list[str]:
    """Items of bulleted or numbered lists (two items or more) in the body."""
    asks: list[str] = []
    lists: list[list[str]] = []
    current: list[str] = []
    item: list[str] | None = None
    item_indent = 0
    blank_run = 0

    def close_item() -> None:
        nonlocal item
        if item:
            current.append(" ".join(item))
        item = None

    def close_list() -> None:
        nonlocal current
        close_item()
        if current:
            lists.append(current)
        current = []

    for line in lines:
        if len(line) > MAX_LINE_CHARS * 5:
            close_list()
            continue
        if _blank(line):
            blank_run += 1
            continue
        bullet = _BULLET.match(line)
        if bullet:
            close_item()
            item = [bullet["text"].strip()]
            item_indent = len(bullet["indent"])
        elif item is not None:
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            text_so_far = item[-1]
            continues = (
                (blank_run == 0 and indent > item_indent)  # indented continuation
                or (blank_run == 0 and not _ITEM_END.search(text_so_far))
                or (blank_run <= 2 and not _ITEM_END.search(text_so_far) and stripped[:1].islower())
            )
            if continues:
                item.append(stripped)
            else:
                close_list()
        blank_run = 0
    close_list()
    for items in lists:
        if len(items) >= 2:
            asks.extend(items)
    return asks


# ------------------------------------------------------------------ names
_SUFFIXES = ("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "V")
_SUFFIXES_FOLDED = {s.casefold() for s in _SUFFIXES} | {"jr.", "sr."}
_PARTICLES = frozenset({"de", "del", "della", "der", "la", "le", "van", "von", "da", "di", "dos"})
_HONORIFICS = re.compile(
    r"^(?:(?:The\s+)?(?:Honorable|Hon\.)|Rep\.|Reps\.|Representative|Sen\.|Senator"
    r"|Congressman|Congresswoman|Congressmember|Del\.|Delegate|Dr\.|Mr\.|Ms\.|Mrs\.)\s+",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.\-]*|[A-Z]\.|[\"“‘'(][A-Z][\w'’.\-]*[\"”’')],?|Mc\w+|O['’]\w+)$"
)


def _is_name_word(word: str, first: bool = False) -> bool:
    bare = word.rstrip(",")
    if bare in _SUFFIXES:
        return not first
    if bare.lower() in _PARTICLES:
        return not first
    if not _NAME_WORD.match(bare):
        return False
    if any(ch.isdigit() for ch in bare):
        return False
    return bare[:1].isupper() or bare[:1] in "\"“‘'("


def _looks_like_name(text: str, loose: bool = False) -> bool:
    """A person's name: 2–6 capitalised words (1–6 if `loose`), initials, suffixes."""
    text = _HONORIFICS.sub("", text.strip())
    words = text.split()
    if not (1 if loose else 2) <= len(words) <= 6 or len(text) > 60:
        return False
    if text.isupper() and len(text) > 3:
        return False
    if not all(_is_name_word(w, first=(i == 0)) for i, w in enumerate(words)):
        return False
    letters = [w for w in words if w.rstrip(".,") not in _SUFFIXES]
    return bool(letters) and not all(re.fullmatch(r"[A-Z]\.", w) for w in letters)


def clean_name(text: str) -> str:
    """A name without honorifics ("Rep.", "Sen.", "Hon." …), spaces normalised;
    suffixes ("Jr.") and middle initials are kept."""
    text = " ".join(text.split()).strip(" ,;:")
    previous = None
    while previous != text:
        previous = text
        text = _HONORIFICS.sub("", text)
    return text


# ------------------------------------------------------------------ signature block
_TITLE_WORDS = (
    r"Members?\s+of\s+Congress|Members?\s+of\s+the\s+House"
    r"|(?:United\s+States|U\.\s?S\.)\s+(?:Senator|Representative)s?|Senators?|Representatives?"
    r"|(?:Ranking|Senior)\s+Member\b.*|(?:Co-?|Vice\s+)?Chair(?:man|woman|person)?\b.*"
    r"|(?:Majority|Minority|Democratic|Republican)\s+(?:Leader|Whip)\b.*|Speaker\b.*"
    r"|Leader\b.*|Whip\b.*|Delegate\b.*|Resident\s+Commissioner\b.*|Congress(?:wo)?man\b.*"
    r"|President\s+pro\s+tempore\b.*"
)
_TITLE = re.compile(rf"^(?:{_TITLE_WORDS})$", re.IGNORECASE)
_TITLE_CONTINUATION = re.compile(
    r"^(?:(?:House|Senate)\s+)?(?:Committee|Subcommittee|Caucus|Commission|Select\s+Committee)\b"
    r"|^on\s+|^(?:House|Senate)\s+\w+",
    re.IGNORECASE,
)
_REPEATED_TITLE = re.compile(
    r"Members?\s+of\s+Congress|(?:United\s+States|U\.\s?S\.)\s+Senator"
    r"|(?:United\s+States|U\.\s?S\.)\s+Representative|Senator|Representative",
    re.IGNORECASE,
)
_COLUMNS = re.compile(r"\s{2,}|\t+")
_HINT = re.compile(
    r"\(\s*(?P<party>[DRI]|ID|DFL|L|NP|Ind\.?|Dem\.?|Rep\.?)\s*[-–—,]\s*"
    r"(?P<state>[A-Z]{2}|[A-Z][A-Za-z. ]{1,14}?)"
    r"(?:\s*[-–—]\s*(?P<district>\d{1,2}(?:st|nd|rd|th)?|AL|At[- ]Large))?\s*\)"
)


def _title_chamber(title: str | None, default: Chamber | None) -> Chamber | None:
    if not title:
        return default
    lowered = title.lower()
    if "senator" in lowered or ("senate" in lowered and "member" not in lowered):
        return "senate"
    if re.search(
        r"member(s)? of (congress|the house)|representative|delegate|congress"
        r"|resident commissioner",
        lowered,
    ):
        return "house"
    return default


def _split_columns(line: str) -> list[str]:
    return [part.strip() for part in _COLUMNS.split(line.strip()) if part.strip()]


def _title_cells(line: str) -> list[str] | None:
    """The titles in a title line (one per column), or None if it is not one."""
    stripped = line.strip()
    if not stripped or len(stripped) > 200:
        return None
    cells = _split_columns(stripped)
    if cells and all(_TITLE.match(cell) for cell in cells):
        return cells
    repeated = [m.group(0) for m in _REPEATED_TITLE.finditer(stripped)]
    if len(repeated) >= 2 and not _REPEATED_TITLE.sub("", stripped).strip():
        return repeated  # columns whose spacing was collapsed to single spaces
    return None


def _name_cells(line: str, count: int) -> list[str] | None:
    """`count` names from one line of a block (columns by runs of spaces, else guessed)."""
    cells = _split_columns(line)
    if len(cells) == count and all(_looks_like_name(_strip_hint(c), loose=True) for c in cells):
        return cells
    if count == 1:
        whole = line.strip()
        return [whole] if _looks_like_name(_strip_hint(whole), loose=True) else None
    words = line.split()
    best: tuple[int, list[str]] | None = None
    for cuts in _cut_points(len(words), count):
        groups = [
            " ".join(words[a:b]) for a, b in zip((0, *cuts), (*cuts, len(words)), strict=True)
        ]
        if not all(_looks_like_name(g) for g in groups):
            continue
        score = sum(abs(len(g.split()) - 2) for g in groups)
        score += sum(5 for g in groups if g.split()[0].rstrip(",") in _SUFFIXES)
        if best is None or score < best[0]:
            best = (score, groups)
    return None if best is None else best[1]


def _cut_points(length: int, count: int) -> list[tuple[int, ...]]:
    if count > 4 or length > 24:
        return []
    result: list[tuple[int, ...]] = []

    def walk(start: int, left: int, cuts: tuple[int, ...]) -> None:
        if left == 0:
            result.append(cuts)
            return
        for cut in range(start + 2, length - 2 * left + 1):
            walk(cut, left - 1, (*cuts, cut))

    walk(0, count - 1, ())
    return result


def _strip_hint(text: str) -> str:
    return _HINT.sub("", text).strip(" ,")


def _signature_block(lines: list[str], default_chamber: Chamber | None) -> list[SignatoryLine]:
    """Signatories from the lines after the closing: name lines each followed by title
    lines; a column layout gives several names per line (read row by row)."""
    content = [line for line in lines if not _blank(line) and len(line) <= MAX_LINE_CHARS]
    rows: list[tuple[list[str], list[str]]] = []  # names, titles per row
    index = 0
    while index < len(content):
        line = content[index]
        following = content[index + 1] if index + 1 < len(content) else ""
        titles = _title_cells(following)
        names = _name_cells(line, len(titles)) if titles else None
        if titles and names:
            index += 2
            extra: list[str] = []  # "Committee on Foreign Affairs" under "Ranking Member"
            while index < len(content) and _TITLE_CONTINUATION.match(content[index].strip()):
                if (
                    _name_cells(content[index], 1)
                    and index + 1 < len(content)
                    and _title_cells(content[index + 1])
                ):
                    break
                extra.append(content[index].strip())
                index += 1
            if extra and len(titles) == 1:
                titles = [", ".join([titles[0], *extra])]
            rows.append((names, titles))
            continue
        if _title_cells(line) or (not rows and not _looks_like_name(_strip_hint(line))):
            index += 1  # a stray title, or a line (e.g. "cc:") before the first name
            continue
        if rows:
            single = _name_cells(line, 1)
            if single and len(_split_columns(line)) == 1 and _looks_like_name(_strip_hint(line)):
                rows.append((single, [""]))  # a name without a title line
                index += 1
                continue
            break  # the block is over
        index += 1
    signatories: list[SignatoryLine] = []
    if not any(title for _, titles in rows for title in titles):
        return []  # names alone, with no title anywhere: not a signature block
    for names, titles in rows:
        for name, title in zip(names, titles, strict=False):
            hint = _HINT.search(name)
            party, state, district = _hint_parts(hint) if hint else (None, None, None)
            cleaned = clean_name(_strip_hint(name))
            if not cleaned:
                continue
            chamber = _title_chamber(title or None, default_chamber)
            if chamber is None and re.match(r"(Sen\.|Senator)\s", name.strip()):
                chamber = "senate"
            elif chamber is None and re.match(r"(Rep\.|Representative)\s", name.strip()):
                chamber = "house"
            if chamber is None and district is not None:
                chamber = "house"
            signatories.append(
                SignatoryLine(
                    name=cleaned,
                    title=title or None,
                    chamber=chamber,
                    party=party,
                    state=state,
                    district=district,
                    lead=not signatories,
                )
            )
    return signatories


def _unclosed_block_start(lines: list[str], start: int) -> int | None:
    """Where a signature block begins in a letter without a closing: the first name
    line followed by a title line, after the last prose paragraph."""
    last_prose = start - 1
    for index in range(start, len(lines)):
        if len(lines[index].strip()) > 80:
            last_prose = index
    for index in range(last_prose + 1, len(lines) - 1):
        if _blank(lines[index]):
            continue
        following = next((j for j in range(index + 1, len(lines)) if not _blank(lines[j])), None)
        if following is not None and _title_cells(lines[following]):
            titles = _title_cells(lines[following]) or []
            if _name_cells(lines[index], len(titles)):
                return index
    return None


# ------------------------------------------------------------------ inline lists
_STATES = {
    "Ala.": "AL", "Alaska": "AK", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA",
    "Colo.": "CO", "Conn.": "CT", "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Hawaii": "HI",
    "Idaho": "ID", "Ill.": "IL", "Ind.": "IN", "Iowa": "IA", "Kan.": "KS", "Kans.": "KS",
    "Ky.": "KY", "La.": "LA", "Maine": "ME", "Md.": "MD", "Mass.": "MA", "Mich.": "MI",
    "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nev.": "NV",
    "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND",
    "Ohio": "OH", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC",
    "S.D.": "SD", "Tenn.": "TN", "Texas": "TX", "Tex.": "TX", "Utah": "UT", "Vt.": "VT",
    "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wyo.": "WY",
    "D.C.": "DC", "P.R.": "PR", "Guam": "GU",
}  # fmt: skip
_PARTIES = {"DEM": "D", "DEM.": "D", "REP": "R", "REP.": "R", "IND": "I", "IND.": "I"}
_PLURAL_HONORIFIC = re.compile(
    r"^(?:Senators|Sens\.|Representatives|Reps\.|Congressmen|Congresswomen|Congressmembers"
    r"|Members)$"
)
_SINGULAR_HONORIFIC = re.compile(
    r"^(?:Senator|Sen\.|Representative|Rep\.|Congressman|Congresswoman|Congressmember"
    r"|Delegate|Del\.)$"
)
_STOP_WORDS = frozenset(  # capitalised words that precede names but are none
    str.split(
        """Today Yesterday This That The A An In On At By For With Led Signed Joined And Or
    Also Including Colleagues Lawmakers Members Bipartisan Democrats Republicans Democratic
    Republican Congress House Senate Chairman Chairwoman Chair Ranking Member Leader Whip
    Speaker Majority Minority Vice Co-Chair Cochair U.S. US United States Hon. Honorable
    WASHINGTON Washington Caucus Committee Their Our We They Other Fellow Freshman Senior
    Junior Former Sponsor Sponsors Cosponsors Co-Lead Co-Leads Dear Rep Sen"""
    )
)
_LEAD_BEFORE = re.compile(
    r"\b(?:led\s+by|lead\s+(?:signer|sponsor)s?|spearheaded\s+by|authored\s+by"
    r"|co-?led\s+by|headed\s+by)\b",
    re.IGNORECASE,
)
_LEAD_END = re.compile(
    r"\b(?:signed|joined|cosigned|co-?signed|along\s+with|together\s+with|supported"
    r"|endorsed|other|others|also)\b|[.!?](?:\s+|$)(?=[A-Z\"“]|$)|\n\s*\n",
    re.IGNORECASE,
)
_LEAD_AFTER = re.compile(
    r"^\s*[,)]?\s*(?:who\s+)?(?:led|leads|is\s+leading|spearheaded|authored|co-?led)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z\"“])|\n\s*\n")


_LIST_JOIN = re.compile(r"\s*,?\s*(?:and\s+|&\s+)?(?:[A-Z][a-z]+\.?\s+)?")


def _with_lead(line: SignatoryLine) -> SignatoryLine:
    return dataclasses.replace(line, lead=True)


def _hint_parts(match: re.Match[str]) -> tuple[str | None, str | None, int | None]:
    party = match["party"].upper()
    party = _PARTIES.get(party, party)
    state_text = match["state"].strip()
    state = state_text if re.fullmatch(r"[A-Z]{2}", state_text) else _STATES.get(state_text)
    district_text = match["district"]
    district: int | None = None
    if district_text:
        digits = re.match(r"\d+", district_text)
        district = int(digits.group(0)) if digits else 0  # at-large: 0, as in the roster
    return party, state, district


def _name_before(text: str, end: int) -> tuple[str, str | None, int] | None:
    """The name right before `end` (where a party-state hint starts), the honorific
    before it (if any) and where the name (or its honorific) starts."""
    window_start = max(0, end - 160)
    window = text[window_start:end]
    tokens = list(re.finditer(r"\S+", window))
    words: list[str] = []
    honorific: str | None = None
    begin = end
    for token in reversed(tokens):
        word = token.group(0)
        bare = word.rstrip(",")
        if _SINGULAR_HONORIFIC.match(bare) or _PLURAL_HONORIFIC.match(bare):
            if words:
                honorific = bare
                begin = window_start + token.start()
            break
        if bare in ("Hon.", "Honorable", "The") and words:
            begin = window_start + token.start()
            continue
        if word.endswith(",") and not (words and words[0].rstrip(",") in _SUFFIXES):
            break  # a list separator ("John Doe (R-TX), Ann Poe")
        if word.endswith((")", "(", ";", ":", "—", "–")) or word in ("-", "—", "–"):
            break
        if bare in _STOP_WORDS or not _is_name_word(word):
            break
        if len(words) >= 6:
            break
        words.insert(0, word)
        begin = window_start + token.start()
    while words and (words[0].rstrip(",") in _SUFFIXES or words[0].lower() in _PARTICLES):
        words.pop(0)  # a name cannot start with a suffix or a particle
    if not words or all(re.fullmatch(r"[A-Z]\.,?", w) for w in words):
        return None
    if len(words) == 1 and not honorific:
        return None  # a lone capitalised word before a hint: not enough for a name
    return " ".join(words).strip(","), honorific, begin


def _inline_signatories(text: str) -> list[SignatoryLine]:
    """Members named with party-state hints in sentences ("Rep. Jane Roe (D-CA)")."""
    found: list[SignatoryLine] = []
    seen: dict[str, int] = {}
    joined: list[bool] = []  # whether each name follows the one before in the same list
    context: Chamber | None = None
    lead_context = False
    previous_end = 0
    for hint in _HINT.finditer(text):
        party, state, district = _hint_parts(hint)
        if state is None:
            continue
        named = _name_before(text, hint.start())
        if named is None:
            previous_end = hint.end()
            continue
        name, honorific, begin = named
        gap = text[previous_end:begin]
        if _SENTENCE_END.search(gap):
            context, lead_context = None, False
        lead_mark = None
        for lead_match in _LEAD_BEFORE.finditer(gap):
            lead_mark = lead_match
        if lead_mark is not None:
            lead_context = not _LEAD_END.search(gap[lead_mark.end() :])
        elif lead_context and _LEAD_END.search(gap):
            lead_context = False
        chamber: Chamber | None = None
        if honorific:
            chamber = "senate" if honorific.lower().startswith("sen") else "house"
            if _PLURAL_HONORIFIC.match(honorific):
                context = chamber if honorific != "Members" else None
            elif context is not None and context != chamber:
                context = None
        else:
            chamber = context
        if chamber is None and district is not None:
            chamber = "house"
        lead_after = bool(_LEAD_AFTER.match(text[hint.end() : hint.end() + 40]))
        lead = lead_context or lead_after
        if lead_after and found and _LIST_JOIN.fullmatch(gap):
            # "A (D-CA) and B (R-TX) led …": every name of that run leads
            back = len(found) - 1
            found[back] = _with_lead(found[back])
            while back > 0 and joined[back]:
                back -= 1
                found[back] = _with_lead(found[back])
        cleaned = clean_name(name)
        key = f"{cleaned.casefold()}|{state}"
        previous_end = hint.end()
        if key in seen:
            if lead:
                found[seen[key]] = _with_lead(found[seen[key]])
            continue
        seen[key] = len(found)
        joined.append(bool(found) and bool(_LIST_JOIN.fullmatch(gap)))
        found.append(
            SignatoryLine(
                name=cleaned,
                title=None,
                chamber=chamber,
                party=party,
                state=state,
                district=district,
                lead=lead,
            )
        )
    return found
