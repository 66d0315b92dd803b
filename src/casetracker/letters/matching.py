"""Signatory names matched to the Congress roster (issue 6). Pure Python, no database.

A name as a letter writes it ("Bob Menendez (D-NJ)", "Thomas H. Kean, Jr.", a
name line followed by "Member of Congress") is compared with the people serving
on the letter's date, in the chamber, state, party and district the letter hints
at. The surname must match (case- and accent-folded, any full form of a compound
surname); the given name must be equal, a nickname of it (either way, including
the person's own recorded nickname) or its initial; middle initials and suffixes
must not contradict. **A wrong match is worse than no match**: when two people
score close together the name stays unmatched ("ambiguous") with both listed as
alternatives, and a name given by its surname alone needs a state to match.

    matcher = Matcher(roster)                      # list[RosterPerson]
    found = matcher.match(SignatoryName.parse("Dan Goldman", "Member of Congress"),
                          dt.date(2025, 4, 11))
    found.bioguide, found.confidence, found.alternatives, found.reason
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from casetracker.letters.roster_model import RosterPerson, Term
from casetracker.search.query import fold_for_search

#: formal name → its common English nicknames (all folded, lower case). Two given
#: names are equivalent when they are equal, one is a nickname of the other, or
#: both are nicknames of one formal name (Bob ~ Rob through Robert).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "abraham": ("abe",),
    "albert": ("al", "bert"),
    "alan": ("al",),
    "allan": ("al",),
    "allen": ("al",),
    "alexander": ("alex", "sandy"),
    "alexandra": ("alex", "sandra", "sandy"),
    "alfred": ("al", "fred"),
    "andrew": ("andy", "drew"),
    "anthony": ("tony",),
    "antonio": ("tony",),
    "barbara": ("barb", "barbie"),
    "benjamin": ("ben", "benny"),
    "bernard": ("bernie",),
    "bradley": ("brad",),
    "catherine": ("cathy", "kathy", "kate", "katie", "cat"),
    "katherine": ("kathy", "kate", "katie", "kat"),
    "kathleen": ("kathy", "kathie", "kate"),
    "charles": ("chuck", "charlie", "chas"),
    "christopher": ("chris",),
    "christine": ("chris", "christy"),
    "daniel": ("dan", "danny"),
    "david": ("dave", "davey"),
    "deborah": ("debbie", "deb", "debra"),
    "debra": ("debbie", "deb"),
    "donald": ("don", "donny"),
    "douglas": ("doug",),
    "edward": ("ed", "eddie", "ted", "ned"),
    "edwin": ("ed",),
    "elizabeth": ("liz", "beth", "betsy", "betty", "lisa", "liza"),
    "frederick": ("fred", "freddie"),
    "gerald": ("jerry", "gerry"),
    "gregory": ("greg",),
    "gustavus": ("gus",),
    "gustav": ("gus",),
    "henry": ("hank", "harry"),
    "harold": ("hal", "harry"),
    "jacob": ("jake",),
    "james": ("jim", "jimmy", "jamie"),
    "janice": ("jan",),
    "janet": ("jan",),
    "jeffrey": ("jeff",),
    "jefferson": ("jeff",),
    "jennifer": ("jen", "jenny"),
    "jesus": ("chuy",),
    "john": ("jack", "johnny", "jon"),
    "jonathan": ("jon", "johnny"),
    "joseph": ("joe", "joey"),
    "joshua": ("josh",),
    "kenneth": ("ken", "kenny"),
    "lawrence": ("larry",),
    "margaret": ("maggie", "meg", "peggy", "marge"),
    "matthew": ("matt",),
    "michael": ("mike", "mikey"),
    "mitchell": ("mitch",),
    "nicholas": ("nick",),
    "patricia": ("pat", "patty", "trish"),
    "patrick": ("pat",),
    "randall": ("randy",),
    "richard": ("dick", "rick", "rich", "richie"),
    "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "ronald": ("ron", "ronnie"),
    "samuel": ("sam",),
    "stephen": ("steve",),
    "steven": ("steve",),
    "susan": ("sue", "susie"),
    "theodore": ("ted", "teddy"),
    "thomas": ("tom", "tommy"),
    "timothy": ("tim",),
    "walter": ("walt",),
    "william": ("bill", "billy", "will", "willie", "liam"),
    "zachary": ("zach",),
}

#: given-name scores, before the hint bonuses
EXACT = 0.9
NICKNAME = 0.85
INITIAL = 0.7
SURNAME_ONLY = 0.55  # needs a state (or a district) to reach the threshold
SHORTENED = SURNAME_ONLY  # "Alex" for "Alexandria": no surer than no first name
CONTRADICTED = 0.2  # kept as an alternative, never matched
#: bonuses for each hint the person agrees with
BONUS = {"middle": 0.05, "suffix": 0.03, "nickname": 0.03, "chamber": 0.02, "state": 0.05,
         "party": 0.02, "district": 0.05}  # fmt: skip
THRESHOLD = 0.6  # the least confidence a match is made with
MARGIN = 0.1  # the best must lead the second by this much
MAX_ALTERNATIVES = 5
MAX_NAME_CHARS = 300

AMBIGUOUS = "ambiguous"
ABSENT = "not in the roster on that date"
UNCERTAIN = "too uncertain"
NO_NAME = "no name"

STATES = frozenset(
    ("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
     "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
     "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
     "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP")
)  # fmt: skip
_SUFFIXES = {"jr": "jr", "sr": "sr", "ii": "ii", "2nd": "ii", "iii": "iii", "3rd": "iii",
             "iv": "iv", "4th": "iv", "v": "v"}  # fmt: skip
_DEGREES = frozenset({"md", "phd", "dds", "esq", "dvm", "mba", "jd", "rn", "cpa"})
_PARTICLES = frozenset({"van", "von", "de", "del", "della", "la", "le", "da", "di", "der",
                        "den", "du", "st", "dos", "das", "ten", "ter", "mac"})  # fmt: skip

# titles, anywhere in the text, each with the chamber it implies (None: no chamber)
_TITLES: tuple[tuple[str, str | None], ...] = (
    (r"member of the (?:u\.?\s?s\.?\s+)?house(?: of representatives)?", "house"),
    (r"members? of congress", "house"),
    (r"(?:u\.?\s?s\.?|united states)\s+representatives?", "house"),
    (r"(?:u\.?\s?s\.?|united states)\s+senators?", "senate"),
    (r"resident commissioner", "house"),
    (r"(?:house|senate) (?:majority|minority|democratic|republican) (?:leader|whip)", None),
    (r"(?:majority|minority) (?:leader|whip)", None),
    (r"ranking member|chairman|chairwoman|chairperson|speaker", None),
    (r"representatives?|congress(?:wo)?man|congressmember|congresspersons?|delegates?", "house"),
    (r"reps?\.|del\.", "house"),
    (r"senators?|sens?\.", "senate"),
    (r"the honou?rable|honou?rable|hon\.|dr\.|mr\.|mrs\.|ms\.|mx\.", None),
)
_TITLE_RES = tuple(
    (re.compile(rf"(?<![\w.]){pattern}(?!\w)", re.IGNORECASE), chamber)
    for pattern, chamber in _TITLES
)
_LEADING_REP = re.compile(r"^\s*reps?\s+(?=\S)", re.IGNORECASE)
_DASH = "[-–—]"
#: "(D-NJ)", "R-FL-12", "(I-VT)", "D-CA-32", "(R-NY-AL)"
_HINT_RE = re.compile(
    rf"\(?\s*(?<![\w-])([DRI])\s*{_DASH}\s*([A-Z]{{2}})(?:\s*{_DASH}\s*(\d{{1,2}}|AL))?(?![\w])\s*\)?"
)
#: "(NJ)", "(NJ-8)", "(CA-32)"
_STATE_RE = re.compile(rf"\(\s*([A-Z]{{2}})(?:\s*{_DASH}\s*(\d{{1,2}}|AL))?\s*\)")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{1,40})[\"“”]")
_PARENS = re.compile(r"\([^()]*\)?")
_NOT_NAME = re.compile(r"[^\w\s'.\-]")


def fold(text: str) -> str:
    """A name's comparison key: case- and accent-folded, hyphens as spaces,
    punctuation dropped (``Díaz-Balart`` → ``diaz balart``, ``O'Halleran`` →
    ``ohalleran``, ``J.`` → ``j``)."""
    folded = fold_for_search(unicodedata.normalize("NFC", text))
    folded = re.sub(r"[^\w\s]", "", folded.replace("-", " ").replace("_", " "))
    return " ".join(folded.split())


def _party_letter(party: str | None) -> str | None:
    return party.strip()[:1].upper() if party and party.strip() else None


@dataclass(frozen=True)
class SignatoryName:
    """A signatory's name as written, with the hints the letter gives: the chamber
    (from a title such as "Member of Congress" or "United States Senator"), the
    party letter ``D``/``R``/``I``, the two-letter state and the House district."""

    text: str
    chamber: str | None = None
    party: str | None = None
    state: str | None = None
    district: int | None = None

    @classmethod
    def parse(cls, text: str, title: str | None = None) -> SignatoryName:
        """The name with the hints read from it and from its title line
        (``SignatoryName.parse("Bob Menendez (D-NJ)", "United States Senator")``)."""
        parsed = parse_name(text)
        chamber = parsed.chamber
        if title:
            chamber = parse_name(title).chamber or chamber
        return cls(text, chamber, parsed.party, parsed.state, parsed.district)


@dataclass(frozen=True)
class ParsedName:
    """The parts of a written name, as written (see :func:`parse_name`)."""

    text: str
    first: str | None = None
    middle: tuple[str, ...] = ()
    last: str | None = None
    suffix: str | None = None  # normalized: jr, sr, ii, iii, iv, v
    nickname: str | None = None  # a quoted nickname: Henry C. "Hank" Johnson
    tokens: tuple[str, ...] = ()  # the name's words in order, without titles and suffix
    chamber: str | None = None
    party: str | None = None
    state: str | None = None
    district: int | None = None


def _suffix_of(token: str) -> str | None:
    return _SUFFIXES.get(fold(token).replace(" ", ""))


def parse_name(text: str, known_surnames: Iterable[str] = ()) -> ParsedName:
    """Split a written name into its parts and hints. Titles (Rep., Sen., Senator,
    Congressman, Hon., Dr., "Member of Congress" …) are removed, the chamber they
    imply kept; "(D-NJ)", "R-FL-12", "(CA-32)" give party, state and district;
    a suffix (Jr., Sr., II, III) is taken from the end or after a comma;
    "Last, First" is turned around. The surname is the longest ending of the name
    found in ``known_surnames`` (folded, see :func:`fold`), else the last word
    with the particles before it ("Van Drew", "De La Cruz"). Never raises."""
    if not isinstance(text, str):
        text = str(text)
    original = text
    text = unicodedata.normalize("NFC", text[:MAX_NAME_CHARS]).replace("’", "'")
    party = state = None
    district: int | None = None
    hint = _HINT_RE.search(text)
    if hint and hint.group(2) in STATES:
        party, state = hint.group(1), hint.group(2)
        district = _district(hint.group(3))
        text = text[: hint.start()] + " " + text[hint.end() :]
    else:
        only_state = _STATE_RE.search(text)
        if only_state and only_state.group(1) in STATES:
            state, district = only_state.group(1), _district(only_state.group(2))
            text = text[: only_state.start()] + " " + text[only_state.end() :]
    nickname = None
    quoted = _QUOTED.search(text)
    if quoted:
        nickname = " ".join(quoted.group(1).split()) or None
        text = text[: quoted.start()] + " " + text[quoted.end() :]
    text = _PARENS.sub(" ", text)
    chambers: set[str] = set()
    if _LEADING_REP.match(text):
        chambers.add("house")
        text = _LEADING_REP.sub(" ", text, count=1)
    for pattern, implied in _TITLE_RES:
        if pattern.search(text):
            if implied:
                chambers.add(implied)
            text = pattern.sub(" ", text)
    chamber = chambers.pop() if len(chambers) == 1 else None
    text = _NOT_NAME.sub(lambda m: "," if m.group() in ",;" else " ", text)

    suffix = None
    parts = [p.strip(" .'-") for p in text.split(",")]
    parts = [p for p in parts if p and re.search(r"\w", p)]
    kept = []
    for part in parts:
        words = part.split()
        if all(_suffix_of(w) or fold(w).replace(" ", "") in _DEGREES for w in words):
            suffix = suffix or next((_suffix_of(w) for w in words if _suffix_of(w)), None)
        elif part in STATES and state is None:  # "Grace Meng, NY"
            state = part
        else:
            kept.append(part)
    if len(kept) == 2 and (" " not in kept[0] or len(kept[1].split()) == 1):
        kept = [kept[1], kept[0]]  # "Menendez, Robert J." (or "Holmes Norton, Eleanor")
    tokens = [w.strip("'-") for w in " ".join(kept).split()]
    tokens = [w for w in tokens if re.search(r"[^\W\d_]", w)]
    while tokens and (_suffix_of(tokens[-1]) or fold(tokens[-1]) in _DEGREES):
        suffix = suffix or _suffix_of(tokens[-1])
        tokens.pop()
    if len(tokens) > 1 and _suffix_of(tokens[-1]) is None and tokens[-1].lower() == "v":
        tokens.pop()
    first = last = None
    middle: tuple[str, ...] = ()
    if tokens:
        start = _surname_start(tokens, frozenset(known_surnames))
        last = " ".join(tokens[start:])
        given = tokens[:start]
        first = given[0] if given else None
        middle = tuple(given[1:])
    return ParsedName(
        original, first, middle, last, suffix, nickname, tuple(tokens), chamber, party, state,
        district,
    )  # fmt: skip


def _district(value: str | None) -> int | None:
    if not value:
        return None
    return 0 if value.upper() == "AL" else int(value)


def _surname_start(tokens: Sequence[str], known: frozenset[str]) -> int:
    if len(tokens) == 1:
        return 0
    if known:
        for start in range(1, len(tokens)):
            if fold(" ".join(tokens[start:])) in known:
                return start
    start = len(tokens) - 1
    while start > 1 and fold(tokens[start - 1]) in _PARTICLES:
        start -= 1
    return start


@dataclass(frozen=True)
class Match:
    """The outcome for one name: ``bioguide`` None when unmatched (``reason`` says
    why: "ambiguous", "not in the roster on that date", "too uncertain", "no
    name"); ``alternatives`` are (bioguide, display name, confidence), best first."""

    bioguide: str | None
    person_id: uuid.UUID | None
    confidence: float
    alternatives: list[tuple[str, str, float]] = field(default_factory=list)
    reason: str = ""

    @property
    def matched(self) -> bool:
        return self.bioguide is not None


@dataclass(frozen=True)
class _Entry:
    """A roster person with their name forms folded once."""

    person: RosterPerson
    given: frozenset[str]  # full given names: first, nickname, official first…
    initials: frozenset[str]  # first letters a given initial may stand for
    middle_initials: frozenset[str]
    suffix: str | None


def _entry(person: RosterPerson) -> _Entry:
    first = fold(person.first)
    given: set[str] = set()
    initials: set[str] = {first[:1]} if first else set()
    middles: set[str] = set()
    if len(first) > 1:
        given.add(first)
    if person.nickname:
        given.add(fold(person.nickname))
    middle = fold(person.middle or "")
    if middle:
        middles.add(middle[0])
        if len(first) <= 1:  # "J. French Hill" goes by French
            given.add(middle.split()[0])
    if person.official_full:
        official = parse_name(person.official_full, {fold(person.last)})
        if official.first and len(fold(official.first)) > 1:
            given.add(fold(official.first))
        if official.nickname:
            given.add(fold(official.nickname))
        for word in official.middle:
            if fold(word):
                middles.add(fold(word)[0])
    given.discard("")
    suffix = _suffix_of(person.suffix) if person.suffix else None
    return _Entry(person, frozenset(given), frozenset(initials), frozenset(middles), suffix)


def _surname_keys(person: RosterPerson) -> set[str]:
    keys = {fold(person.last)}
    if person.middle and len(fold(person.middle)) > 1 and person.official_full:
        # "Eleanor Holmes Norton": the middle name is part of the surname as used
        joined = fold(f"{person.middle} {person.last}")
        if joined in fold(person.official_full):
            keys.add(joined)
    keys.discard("")
    return keys


def _groups(name: str) -> frozenset[str]:
    return _NICK_GROUPS.get(name, frozenset()) | {name}


_NICK_GROUPS: dict[str, frozenset[str]] = {}
for _formal, _nicks in NICKNAMES.items():
    for _nick in _nicks:
        _NICK_GROUPS[_nick] = _NICK_GROUPS.get(_nick, frozenset()) | {_formal}


def nickname_equivalent(a: str, b: str) -> bool:
    """Whether two given names may name one person: equal, one a nickname of the
    other, or both nicknames of one formal name (folded first)."""
    a, b = fold(a), fold(b)
    return a == b or bool(_groups(a) & _groups(b))


@dataclass
class _Candidate:
    entry: _Entry
    term: Term
    score: float
    why: list[str]


class Matcher:
    """Signatory names against a roster, indexed by folded surname."""

    def __init__(self, roster: Iterable[RosterPerson]) -> None:
        self._index: dict[str, list[_Entry]] = {}
        self._people: dict[str, RosterPerson] = {}
        self._longest = 1
        for person in roster:
            entry = _entry(person)
            self._people[person.bioguide] = person
            for key in _surname_keys(person):
                self._index.setdefault(key, []).append(entry)
                self._longest = max(self._longest, key.count(" ") + 1)

    @property
    def surnames(self) -> frozenset[str]:
        return frozenset(self._index)

    def match(self, name: SignatoryName | str, on: dt.date) -> Match:
        """The person serving on ``on`` that ``name`` names, or None with the reason
        and the alternatives. Never raises on any text."""
        if isinstance(name, str):
            name = SignatoryName(name)
        parsed = parse_name(name.text)
        chamber = name.chamber or parsed.chamber
        party = (name.party or parsed.party or "").upper()[:1] or None
        state = (name.state or parsed.state or "").upper() or None
        district = name.district if name.district is not None else parsed.district
        tokens = parsed.tokens
        if not tokens:
            return Match(None, None, 0.0, [], NO_NAME)
        folded = [fold(t) for t in tokens]
        best: dict[str, _Candidate] = {}
        for start in range(max(0, len(folded) - self._longest), len(folded)):
            key = " ".join(w for w in folded[start:] if w)
            for entry in self._index.get(key, ()):
                term = entry.person.serving(on)
                if term is None:
                    continue
                scored = self._score(entry, term, folded[:start], parsed, chamber, party, state,
                                     district)  # fmt: skip
                if scored is None:
                    continue
                known = best.get(entry.person.bioguide)
                if known is None or scored.score > known.score:
                    best[entry.person.bioguide] = scored
        return self._decide(sorted(best.values(), key=lambda c: -c.score))

    def match_all(self, names: Iterable[SignatoryName | str], on: dt.date) -> list[Match]:
        """Each name matched on its own; a person matched by two names keeps the
        better one, the other is unmatched ("ambiguous")."""
        found = [self.match(name, on) for name in names]
        by_person: dict[str, int] = {}
        for i, m in enumerate(found):
            if m.bioguide is None:
                continue
            j = by_person.get(m.bioguide)
            if j is None:
                by_person[m.bioguide] = i
                continue
            loser = i if found[j].confidence >= m.confidence else j
            lost = found[loser]
            alternatives = [(lost.bioguide, _display(self, lost.bioguide), lost.confidence)]
            found[loser] = Match(None, None, 0.0, alternatives + lost.alternatives, AMBIGUOUS)
            by_person[m.bioguide] = j if loser == i else i
        return found

    def person(self, bioguide: str) -> RosterPerson | None:
        return self._people.get(bioguide)

    @staticmethod
    def _score(
        entry: _Entry,
        term: Term,
        given: list[str],
        parsed: ParsedName,
        chamber: str | None,
        party: str | None,
        state: str | None,
        district: int | None,
    ) -> _Candidate | None:
        why: list[str] = []
        if chamber and term.chamber != chamber:
            return None
        if state and term.state != state:
            return None
        if district is not None and term.chamber == "house" and term.district != district:
            return None
        actual_party = _party_letter(term.party)
        penalty = 0.0
        if party and actual_party and party != actual_party:
            if {party, actual_party} != {"D", "I"}:
                return None
            penalty = 0.1  # an independent who caucuses with the Democrats
        given = [g for g in given if g]
        contradicted = False
        if not given:
            score = SURNAME_ONLY
            why.append("surname only")
        else:
            first = given[0]
            if len(first) == 1:
                if first in entry.initials:
                    # "J. French Hill" as written in the roster, or an initial
                    score = EXACT if len(fold(entry.person.first)) == 1 else INITIAL
                    why.append("first initial")
                else:
                    score, contradicted = CONTRADICTED, True
            elif first in entry.given:
                score = EXACT
                why.append("first name")
            elif any(_groups(first) & _groups(g) for g in entry.given):
                score = NICKNAME
                why.append("nickname")
            elif any(_shortened(first, g) for g in entry.given):
                score = SHORTENED
                why.append("shortened first name")
            else:
                score, contradicted = CONTRADICTED, True
            middles = [m for m in given[1:] if m]
            if middles and entry.middle_initials:
                if middles[0][0] in entry.middle_initials:
                    score += BONUS["middle"]
                    why.append("middle initial")
                else:
                    contradicted = True
        if parsed.suffix and entry.suffix:
            if parsed.suffix == entry.suffix:
                score += BONUS["suffix"]
                why.append("suffix")
            else:
                contradicted = True
        if parsed.nickname and fold(parsed.nickname) in entry.given:
            score += BONUS["nickname"]
        for hint, given_hint in (("chamber", chamber), ("state", state), ("party", party)):
            if given_hint:
                score += BONUS[hint]
                why.append(hint)
        if district is not None and term.chamber == "house":
            score += BONUS["district"]
            why.append("district")
        score -= penalty
        if contradicted:
            score = min(score, CONTRADICTED)
        return _Candidate(entry, term, round(min(max(score, 0.0), 1.0), 3), why)

    @staticmethod
    def _decide(candidates: list[_Candidate]) -> Match:
        alternatives = [
            (c.entry.person.bioguide, c.entry.person.display_name, c.score) for c in candidates
        ]
        if not candidates or candidates[0].score <= CONTRADICTED:
            return Match(None, None, 0.0, alternatives[:MAX_ALTERNATIVES], ABSENT)
        top = candidates[0]
        if len(candidates) > 1 and candidates[1].score > top.score - MARGIN:
            close = [a for a in alternatives if a[2] > top.score - MARGIN]
            rest = [a for a in alternatives if a[2] <= top.score - MARGIN]
            return Match(None, None, 0.0, (close + rest)[: max(MAX_ALTERNATIVES, len(close))],
                         AMBIGUOUS)  # fmt: skip
        if top.score < THRESHOLD:
            return Match(None, None, 0.0, alternatives[:MAX_ALTERNATIVES],
                         f"{UNCERTAIN}: {', '.join(top.why)}")  # fmt: skip
        person = top.entry.person
        return Match(
            person.bioguide,
            person.person_id,
            top.score,
            alternatives[1 : MAX_ALTERNATIVES + 1],
            "matched: " + ", ".join(top.why),
        )


def _shortened(written: str, known: str) -> bool:
    """ "Jeff" for "Jefferson", "Alex" for "Alexandria": one is the other's start
    (3 letters or more), unless the short one is a nickname the table knows
    ("Rob" is Robert's, not Robin's)."""
    short, long = sorted((written, known), key=len)
    return len(short) >= 3 and long.startswith(short) and short not in _NICK_GROUPS


def _display(matcher: Matcher, bioguide: str) -> str:
    person = matcher.person(bioguide)
    return person.display_name if person else bioguide


@dataclass(frozen=True)
class Scores:
    """Precision (correct matches / matches made) and recall (correct matches /
    names that have a true match) over a labelled set."""

    precision: float
    recall: float
    made: int
    correct: int
    matchable: int
    wrong: list[tuple[str, str | None, str | None]]  # (name, expected, got)


def evaluate(
    matcher: Matcher, cases: Iterable[tuple[SignatoryName | str, str | None, dt.date]]
) -> Scores:
    """Score ``matcher`` on (name, expected bioguide or None, letter date) cases."""
    made = correct = matchable = 0
    wrong: list[tuple[str, str | None, str | None]] = []
    for name, expected, on in cases:
        got = matcher.match(name, on).bioguide
        matchable += expected is not None
        if got is not None:
            made += 1
            correct += got == expected
        if got != expected:
            text = name.text if isinstance(name, SignatoryName) else name
            wrong.append((text, expected, got))
    return Scores(
        precision=correct / made if made else 1.0,
        recall=correct / matchable if matchable else 1.0,
        made=made,
        correct=correct,
        matchable=matchable,
        wrong=wrong,
    )
