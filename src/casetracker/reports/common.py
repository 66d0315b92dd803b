"""Small helpers every report uses: stored codes as words, ids in query-sized chunks."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping

#: ids per ``IN (…)`` query
CHUNK = 500


def label(code: object, special: Mapping[str, str] | None = None) -> str:
    """A stored code as words: ``on_trial`` → "On trial" (``special``: codes that
    read otherwise, such as ``icrc_access`` → "ICRC access")."""
    if code is None:
        return ""
    value = str(getattr(code, "value", code))
    if special and value in special:
        return special[value]
    text = value.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def chunks(ids: Iterable[uuid.UUID], size: int = CHUNK) -> Iterator[list[uuid.UUID]]:
    """The ids, without repeats, in lists of at most ``size``."""
    items = list(dict.fromkeys(ids))
    for start in range(0, len(items), size):
        yield items[start : start + size]
