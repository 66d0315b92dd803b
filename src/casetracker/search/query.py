"""The search box's query language, parsed into a plain structure.

    vardanyan trial                 every word must match
    "trial monitoring"              an exact phrase
    sanction*                       a word starting with "sanction"
    hearing OR trial                either word
    -draft                          leave out what holds "draft"
    type:letter                     letter, response, detainee, sanction, person, attachment
    from:"State Department"         sent by a person or organization
    to:Rubio  signed-by:Goldman     addressed to / signed by
    after:2024-06  before:2025      dates (inclusive; partial dates allowed)
    status:open                     a status of the record

Words are case- and accent-folded later, by the index (see :func:`fold_for_search`).
A malformed query raises :class:`QuerySyntaxError` with a message saying what to
change; no input makes the parser fail otherwise.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from casetracker.errors import CaseTrackerError
from casetracker.models.enums import DetentionStatus, LetterDirection, ResponseType, SanctionStatus
from casetracker.names import EXTRA_FOLDS
from casetracker.partialdate import PartialDate, PartialDateError

MAX_QUERY_CHARS = 500
MAX_TERMS = 32

#: what ``type:`` accepts, with the plural and a few natural spellings
RECORD_TYPES = {
    "letter": "letter",
    "letters": "letter",
    "response": "response",
    "responses": "response",
    "reply": "response",
    "replies": "response",
    "detainee": "detainee",
    "detainees": "detainee",
    "detention": "detainee",
    "detentions": "detainee",
    "sanction": "sanction",
    "sanctions": "sanction",
    "person": "person",
    "people": "person",
    "attachment": "attachment",
    "attachments": "attachment",
    "document": "attachment",
    "documents": "attachment",
}
TYPES = ("letter", "response", "detainee", "sanction", "person", "attachment")
#: what ``status:`` can be: a detainee's status, a letter's direction, a
#: response's type, a sanction request's status
STATUSES = frozenset(
    member.value
    for kind in (DetentionStatus, LetterDirection, ResponseType, SanctionStatus)
    for member in kind
)
FILTER_KEYS = ("type", "from", "to", "signed-by", "after", "before", "status")
_KEY_ALIASES = {"signed_by": "signed-by", "signedby": "signed-by", "by": "signed-by"}

#: the name folds, except that Ə is written A in Latin script (Əliyev → Aliyev)
_SEARCH_FOLDS = str.maketrans({**EXTRA_FOLDS, "ə": "a", "Ə": "a", "İ": "i"})


def fold_for_search(text: str) -> str:
    """Case- and accent-folded text as the index stores it and the query asks for it:
    ``Əliyev`` → ``aliyev``, ``Sánchez`` → ``sanchez``, ``Şuşa`` → ``susa``; Armenian and
    Cyrillic keep their letters, lower-cased. Each character is folded on its own
    (:func:`fold_character`), through a table filled as characters turn up."""
    if text.isascii():  # most letters: nothing to decompose
        return text.lower()
    # lower-case it all, then fold through the table only what lower() left
    # unfolded (accents, ə, ß…) and anything outside the common scripts
    return _needs_folding().sub(_fold_match, _lowered(text))


def _lowered(text: str) -> str:
    """``text.lower()``, one character for one: İ, the only character lower() makes
    two of, is written i (its fold) first."""
    return (text.replace("İ", "i") if "İ" in text else text).lower()


#: Latin, Greek, Cyrillic, Armenian, Latin Extended Additional, punctuation
_COMMON_BLOCKS = ((0x0000, 0x058F), (0x1E00, 0x1EFF), (0x2000, 0x206F))


@functools.cache
def _needs_folding() -> re.Pattern[str]:
    """The characters that lower() leaves unfolded (found once, ~10 ms)."""
    special = {
        chr(cp)
        for first, last in _COMMON_BLOCKS
        for cp in range(first, last + 1)
        if fold_character(chr(cp)) != chr(cp)
    }
    known = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _COMMON_BLOCKS)
    chars = "".join(re.escape(c) for c in sorted(special))
    return re.compile(f"[{chars}]|[^{known}]")


def _fold_match(match: re.Match[str]) -> str:
    return _FOLDS[ord(match.group())]


def fold_character(ch: str) -> str:
    """One character folded: lower case, the extra folds, compatibility
    decomposition without combining marks, case folding (``Þ`` → ``th``,
    ``ß`` → ``ss``, a combining accent → nothing)."""
    decomposed = unicodedata.normalize("NFKD", ch.lower().translate(_SEARCH_FOLDS))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept.casefold())


class _FoldTable(dict[int, str]):
    """code point -> its fold, computed on first use (for ``str.translate``);
    remembers the characters whose fold is not exactly one character."""

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()
        self._irregular_pattern: re.Pattern[str] | None = None

    def __missing__(self, codepoint: int) -> str:
        folded = fold_character(chr(codepoint))
        self[codepoint] = folded
        if len(folded) != 1:
            self.irregular.add(chr(codepoint))
            self._irregular_pattern = None
        return folded

    def irregular_pattern(self) -> re.Pattern[str] | None:
        if self._irregular_pattern is None and self.irregular:
            chars = "".join(re.escape(c) for c in sorted(self.irregular))
            self._irregular_pattern = re.compile(f"[{chars}]")
        return self._irregular_pattern


_FOLDS = _FoldTable()


class Origins:
    """Where each character of a folded text came from, when some characters
    fold to more or fewer than one (``ß`` → ``ss``, a lone accent → nothing)."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self._folded_starts: list[int] = []
        self._breaks: list[tuple[int, int, int]] = []  # (folded start, index, fold length)
        shift = 0
        for match in pattern.finditer(text):
            index = match.start()
            length = len(_FOLDS[ord(text[index])])
            self._folded_starts.append(index + shift)
            self._breaks.append((index + shift, index, length))
            shift += length - 1

    def __call__(self, folded_index: int) -> int:
        """The index in the text of the character that gave ``folded_index``."""
        found = bisect.bisect_right(self._folded_starts, folded_index) - 1
        if found < 0:
            return folded_index
        start, index, length = self._breaks[found]
        if folded_index < start + length:
            return index
        return index + 1 + folded_index - (start + length)


def fold_with_origins(text: str) -> tuple[str, Origins | None]:
    """The folded text and, when some character folds to more or less than one,
    where each folded character came from (None: positions are the same)."""
    if text.isascii():
        return text.lower(), None
    lowered = _lowered(text)  # as long as the text
    folded = _needs_folding().sub(_fold_match, lowered)
    pattern = _FOLDS.irregular_pattern()  # every character of ``lowered`` folded so far
    if pattern is None or not pattern.search(lowered):
        return folded, None
    return folded, Origins(lowered, pattern)


class QuerySyntaxError(CaseTrackerError):
    """The query cannot be read; the message says what to change."""


@dataclass(frozen=True)
class Term:
    """A word (maybe a prefix, ``trial*``) or an exact phrase (``"trial monitoring"``)."""

    text: str
    phrase: bool = False
    prefix: bool = False

    def __str__(self) -> str:
        if self.phrase:
            return f'"{self.text}"'
        return self.text + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Query:
    """What to find: every group must match (a group: any one of its terms)."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    types: frozenset[str] = frozenset()
    senders: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    signers: tuple[str, ...] = ()
    after: dt.date | None = None
    before: dt.date | None = None
    statuses: frozenset[str] = frozenset()
    text: str = field(default="", compare=False)

    @property
    def has_words(self) -> bool:
        return bool(self.groups)

    def __str__(self) -> str:
        parts = [" OR ".join(str(t) for t in group) for group in self.groups]
        parts += [f"-{t}" for t in self.excluded]
        parts += [f"type:{t}" for t in sorted(self.types)]
        parts += [f'from:"{v}"' for v in self.senders]
        parts += [f'to:"{v}"' for v in self.recipients]
        parts += [f'signed-by:"{v}"' for v in self.signers]
        if self.after:
            parts.append(f"after:{self.after.isoformat()}")
        if self.before:
            parts.append(f"before:{self.before.isoformat()}")
        parts += [f"status:{s}" for s in sorted(self.statuses)]
        return " ".join(parts)


# a token: optional "-", optional "key:", then a quoted phrase or a bare run of characters
_TOKEN = re.compile(
    r"""(?P<neg>-)?(?:(?P<key>[A-Za-z][A-Za-z_-]*):)?(?:"(?P<quoted>[^"]*)(?P<close>")?|(?P<bare>[^\s"]+))""",
)


def parse(text: str) -> Query:
    """Read a query typed in the search box."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"the query is too long: keep it under {MAX_QUERY_CHARS} characters")
    text = _UNPRINTABLE.sub(" ", text)
    state = _State()
    position = 0
    pending_or = False
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            break
        match = _TOKEN.match(text, position)
        if match is None:  # a lone quote mark starts an unclosed phrase
            raise QuerySyntaxError(_unclosed(text[position:]))
        position = match.end()
        negated = bool(match["neg"])
        key = match["key"]
        quoted = match["quoted"]
        if quoted is not None and match["close"] is None:
            raise QuerySyntaxError(_unclosed(text[match.start() :]))
        value = quoted if quoted is not None else (match["bare"] or "")
        if key is None and value.endswith(":") and _canonical(value[:-1]) in FILTER_KEYS:
            name = _canonical(value[:-1])
            raise QuerySyntaxError(f"{name}: needs a value, as in {_EXAMPLES[name]}")
        if key is not None:
            canonical = _canonical(key)
            if canonical in FILTER_KEYS:
                if pending_or:
                    raise QuerySyntaxError(f"OR must stand between two words, not before {key}:")
                if negated:
                    raise QuerySyntaxError(f"-{key}: is not supported; leave out the minus sign")
                state.add_filter(canonical, value.strip())
                continue
            # an unknown "key:" is just text (a URL, a time like 10:30…)
            value = f"{key}:{value}" if quoted is None else f"{key}: {value}"
        if quoted is None and value == "OR" and not negated:
            if not state.last_group_open or pending_or:
                raise QuerySyntaxError("OR must stand between two words: write  hearing OR trial")
            pending_or = True
            continue
        term = _term(value, phrase=quoted is not None)
        if term is None:
            if negated and not value:
                continue  # a lone "-"
            if quoted is not None:
                raise QuerySyntaxError('an empty phrase "" finds nothing: put words between quotes')
            continue  # punctuation only: nothing to look for
        if negated:
            if pending_or:
                raise QuerySyntaxError("OR cannot join a left-out word: remove the minus sign")
            state.excluded.append(term)
        elif pending_or:
            state.groups[-1].append(term)
            pending_or = False
        else:
            state.groups.append([term])
        state.last_group_open = not negated
        if len(state.groups) + len(state.excluded) > MAX_TERMS:
            raise QuerySyntaxError(f"too many words: use at most {MAX_TERMS}")
    if pending_or:
        raise QuerySyntaxError("OR must stand between two words: add a word after OR")
    return state.finish(text)


def _canonical(key: str) -> str:
    return _KEY_ALIASES.get(key.casefold(), key.casefold())


def _term(value: str, *, phrase: bool) -> Term | None:
    if phrase:
        words = " ".join(value.split())
        return Term(words, phrase=True) if _has_word(words) else None
    prefix = value.endswith("*")
    core = value.rstrip("*")
    if "*" in core:
        raise QuerySyntaxError(f"{value}: a * may only end a word, as in sanction*")
    if not _has_word(core):
        if prefix:
            raise QuerySyntaxError("* must follow the start of a word, as in sanction*")
        return None
    if prefix and len(fold_for_search(core)) < 2:
        raise QuerySyntaxError(f"{value}: type at least two letters before *")
    return Term(core, prefix=prefix)


def _has_word(text: str) -> bool:
    """True when the text holds a word the index can hold (folding may leave none:
    a lone combining letter)."""
    return _WORD.search(fold_for_search(text)) is not None


_WORD = re.compile(r"[^\W_]+")
#: control characters and lone surrogates (from undecodable bytes): never searched,
#: never echoed in a message
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def _unclosed(rest: str) -> str:
    rest = " ".join(rest.split())  # one line, whatever was pasted
    shown = rest if len(rest) <= 30 else rest[:30] + "…"
    return f'a quotation mark is not closed: add " at the end of {shown}'


class _State:
    def __init__(self) -> None:
        self.groups: list[list[Term]] = []
        self.excluded: list[Term] = []
        self.types: set[str] = set()
        self.senders: list[str] = []
        self.recipients: list[str] = []
        self.signers: list[str] = []
        self.after: dt.date | None = None
        self.before: dt.date | None = None
        self.statuses: set[str] = set()
        self.last_group_open = False

    def add_filter(self, key: str, value: str) -> None:
        if not value:
            raise QuerySyntaxError(f"{key}: needs a value, as in {_EXAMPLES[key]}")
        if key == "type":
            for part in value.split(","):
                kind = RECORD_TYPES.get(part.strip().casefold())
                if kind is None:
                    raise QuerySyntaxError(
                        f"type:{part.strip()} is not a record type; use one of: {', '.join(TYPES)}"
                    )
                self.types.add(kind)
        elif key == "from":
            self.senders.append(value)
        elif key == "to":
            self.recipients.append(value)
        elif key == "signed-by":
            self.signers.append(value)
        elif key == "status":
            for part in value.split(","):
                status = part.strip().casefold().replace(" ", "_").replace("-", "_")
                if not status:
                    continue
                if status not in STATUSES:
                    raise QuerySyntaxError(
                        f"status:{part.strip()[:40]} is not a status; use one of: "
                        f"{', '.join(sorted(STATUSES))}"
                    )
                self.statuses.add(status)
        else:
            try:
                date = PartialDate.coerce(value)
            except PartialDateError as exc:
                raise QuerySyntaxError(
                    f"{key}:{value} is not a date ({exc}); write it as 2025, 2025-04 or 2025-04-11"
                ) from None
            assert date is not None
            if key == "after":
                self.after = date.earliest()
            else:
                self.before = date.latest()

    def finish(self, text: str) -> Query:
        if self.after and self.before and self.after > self.before:
            raise QuerySyntaxError(
                f"after:{self.after.isoformat()} is later than before:{self.before.isoformat()}"
            )
        has_filter = bool(
            self.types
            or self.senders
            or self.recipients
            or self.signers
            or self.after
            or self.before
            or self.statuses
        )
        if not self.groups and not has_filter:
            if self.excluded:
                raise QuerySyntaxError("add a word to look for: -word only leaves things out")
            raise QuerySyntaxError("type something to search for")
        return Query(
            groups=tuple(tuple(g) for g in self.groups),
            excluded=tuple(self.excluded),
            types=frozenset(self.types),
            senders=tuple(self.senders),
            recipients=tuple(self.recipients),
            signers=tuple(self.signers),
            after=self.after,
            before=self.before,
            statuses=frozenset(self.statuses),
            text=text,
        )


_EXAMPLES = {
    "type": "type:letter",
    "from": 'from:"State Department"',
    "to": "to:Rubio",
    "signed-by": "signed-by:Goldman",
    "after": "after:2024-06",
    "before": "before:2025",
    "status": "status:open",
}
