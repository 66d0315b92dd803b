"""Name handling shared by the services: folding and sort keys."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition does not fold to ASCII.
EXTRA_FOLDS: dict[str, str] = {
    "ə": "e",
    "Ə": "e",
    "ı": "i",
    "ł": "l",
    "Ł": "l",
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
    "ß": "ss",
    "æ": "ae",
    "Æ": "ae",
    "œ": "oe",
    "Œ": "oe",
    "þ": "th",
}
_EXTRA_FOLDS = str.maketrans(EXTRA_FOLDS)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"}
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case- and accent-folded text: ``Əliyev`` → ``eliyev``, ``Sánchez`` → ``sanchez``."""
    text = text.translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def sort_name(display_name: str) -> str:
    """A folded surname-first key: ``Thomas H. Kean, Jr.`` → ``kean thomas h. jr.``."""
    words = display_name.replace(",", " ").split()
    suffixes = []
    while len(words) > 1 and words[-1].casefold() in _SUFFIXES:
        suffixes.insert(0, words.pop())
    if len(words) > 1:
        words = [words[-1], *words[:-1]]
    return fold(" ".join(words + suffixes))[:300]
