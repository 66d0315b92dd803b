"""Attachment names and sizes: safe to store, safe to write to disk.

A file name that came from outside (a dropped file, an imported document) is
untrusted: it may hold folders (``../../etc/passwd``), device names (``CON.txt``),
control or bidi characters that disguise an extension (``photo\u202egpj.exe``).
:func:`safe_filename` turns any text into one plain file name, and
:func:`write_new_file` writes into a folder without ever leaving it or replacing
a file that is already there.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
import unicodedata
from pathlib import Path

#: the largest attached file, in bytes (one definition for the services and the importer)
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
#: the longest stored or written file name, in UTF-8 bytes (most file systems allow 255)
MAX_NAME_BYTES = 200
FALLBACK_NAME = "attachment"

_MAX_EXTENSION_BYTES = 16
_BIDI_AND_INVISIBLE = re.compile(
    "[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
_UNWANTED_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})  # controls, line and paragraph breaks
_FORBIDDEN = re.compile(r'[<>:"|?*]')
_EXTENSION = re.compile(r"\.[^.\s]{1,15}$")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{n}" for n in range(1, 10)}
    | {f"LPT{n}" for n in range(1, 10)}
    | {f"COM{n}" for n in "¹²³"}
    | {f"LPT{n}" for n in "¹²³"}
)


def safe_filename(name: object) -> str:
    """One harmless file name for any text: its last path part, without control,
    bidi or reserved characters, no leading dots, no trailing dots or spaces, no
    Windows device name, at most ``MAX_NAME_BYTES`` UTF-8 bytes with its extension
    kept; ``"attachment"`` when nothing is left. Applying it twice changes nothing.
    """
    text = str(name) if name is not None else ""
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> "?"
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in _UNWANTED_CATEGORIES
        and not _BIDI_AND_INVISIBLE.match(ch)
    )
    parts = [p for p in re.split(r"[/\\]", text) if p.strip(" .")]
    text = parts[-1] if parts else ""
    text = _FORBIDDEN.sub("_", text)
    text = _trim(text)
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    text = _shorten(text)
    return text or FALLBACK_NAME


def _trim(text: str) -> str:
    return text.lstrip(" .").rstrip(" .")


def _shorten(text: str) -> str:
    if len(text.encode("utf-8")) <= MAX_NAME_BYTES:
        return text
    found = _EXTENSION.search(text)
    extension = found.group(0) if found else ""
    if len(extension.encode("utf-8")) > _MAX_EXTENSION_BYTES:
        extension = ""
    stem = text[: len(text) - len(extension)]
    room = MAX_NAME_BYTES - len(extension.encode("utf-8"))
    stem = stem.encode("utf-8")[:room].decode("utf-8", "ignore")
    return _trim(stem) + extension if _trim(stem) else _trim(extension)


def size_text(size: int) -> str:
    """``250 MB``, ``200.1 MB``, ``512 KB``: rounded up, so "more than the limit" shows."""
    if size >= 1024 * 1024:
        value, unit = math.ceil(size / (1024 * 1024) * 10) / 10, "MB"
    else:
        value, unit = math.ceil(size / 1024 * 10) / 10, "KB"
    return f"{value:g} {unit}"


def size_problem(name: str, size: int, limit: int = MAX_ATTACHMENT_BYTES) -> str | None:
    """``"report.pdf is 250 MB; the limit is 200 MB"``, or None when it fits."""
    if size <= limit:
        return None
    return f"{name} is {size_text(size)}; the limit is {size_text(limit)}"


def candidates(name: str) -> list[str]:
    """``name``, then ``name (2)``, ``name (3)``… with the extension kept."""
    found = _EXTENSION.search(name)
    extension = found.group(0) if found else ""
    stem = name[: len(name) - len(extension)]
    names = [name]
    for number in range(2, 1000):
        tail = f" ({number}){extension}"
        room = MAX_NAME_BYTES - len(tail.encode("utf-8"))
        short = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .")
        names.append((short or FALLBACK_NAME) + tail)
    return names


def write_new_file(folder: Path, name: str, content: bytes) -> Path:
    """Write ``content`` as ``folder/<safe name>`` (complete or not at all), never
    outside ``folder`` and never over an existing file: ``name (2).pdf`` and so on.

    Raises OSError (FileNotFoundError when the folder is missing).
    """
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise FileNotFoundError(2, "no such folder", str(folder))
    safe = safe_filename(name)
    fd, temporary = tempfile.mkstemp(prefix=".part-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        for candidate in candidates(safe):
            target = folder / candidate
            if target.parent != folder or candidate in (".", ".."):  # cannot happen; checked
                raise PermissionError(1, "outside the folder", str(target))
            if _claim(Path(temporary), target):
                return target
        raise FileExistsError(17, "too many files with that name", str(folder / safe))
    finally:
        Path(temporary).unlink(missing_ok=True)


def _claim(temporary: Path, target: Path) -> bool:
    """Give ``temporary``'s content the name ``target`` unless that name is taken."""
    try:
        os.link(temporary, target)  # atomic: fails if the name exists
        return True
    except FileExistsError:
        return False
    except OSError:  # no hard links here (FAT, some network shares)
        if target.exists() or target.is_symlink():
            return False
        os.replace(temporary, target)
        return True


__all__ = [
    "FALLBACK_NAME",
    "MAX_ATTACHMENT_BYTES",
    "MAX_NAME_BYTES",
    "candidates",
    "safe_filename",
    "size_problem",
    "size_text",
    "write_new_file",
]
