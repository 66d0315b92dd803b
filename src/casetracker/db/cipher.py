"""Encryption at rest for SQLite files, with SQLCipher.

An encrypted database is keyed with a random 256-bit **master key**, given to
SQLCipher as a raw key (no key derivation per connection, so connections open
fast). The master key is reached two ways:

* the **recovery code**: the master key itself, written in base32 with a
  2-byte checksum, shown once when the key is made. It opens the database even
  when the key file is lost.
* the **passphrase**: it unlocks a key slot in ``<database>.keys`` (JSON):
  the master key XOR the first half of PBKDF2-HMAC-SHA512(passphrase), and an
  HMAC made with the second half that tells a wrong passphrase apart before
  the database file is touched.

Key material stays in ``bytes`` held by the caller (``Database.key``); this
module keeps none.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import logging
import os
import re
import secrets
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casetracker.errors import DatabaseError, ValidationError

KEY_BYTES = 32
CHECKSUM_BYTES = 2
KDF = "pbkdf2-hmac-sha512"
#: ~0.3 s per derivation on the reference machine (2 cores); stored in each key file
ITERATIONS = 500_000
KEY_FILE_FORMAT = 1
MIN_PASSPHRASE = 10
SQLITE_HEADER = b"SQLite format 3\x00"
CHECK_LABEL = b"casetracker key check"
KEY_FILE_SUFFIX = ".keys"
PENDING_SUFFIX = ".keys.pending"
REKEY_COMPLETED = (
    "a change of recovery code was interrupted and has now been completed; "
    "the NEW recovery code is the one that works"
)
RECOVERY_WARNING = (
    "Write this recovery code down and keep it apart from this computer. It opens the "
    "database if the passphrase is forgotten. Nobody else — not CaseTracker's authors — "
    "can recover your data without the passphrase or this code."
)
_CODE_LENGTH = 55  # base32 letters for 34 bytes, without padding
_GROUP = 4
_MAX_AMBIGUOUS = 10  # a code with more "1"s than this is not tried every way

log = logging.getLogger(__name__)


class WrongPassphrase(DatabaseError):
    """The passphrase does not unlock the key file."""


class KeyRequired(DatabaseError):
    """The database (or backup) is encrypted and no working key was given."""


class RecoveryCodeTypo(DatabaseError):
    """The recovery code is malformed or its checksum does not match."""


# --------------------------------------------------------------------- recovery code
@dataclass(frozen=True)
class RecoveryCode:
    """A master key and its printable form; ``str()`` gives the code to write down."""

    key: bytes = field(repr=False)

    @property
    def text(self) -> str:
        return format_recovery_code(self.key)

    def __str__(self) -> str:
        return self.text


def new_master_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_code() -> RecoveryCode:
    """A fresh master key, to show (and have written down) before :func:`rekey` applies it."""
    return RecoveryCode(new_master_key())


def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(key).digest()[:CHECKSUM_BYTES]


def format_recovery_code(key: bytes) -> str:
    """Base32 (RFC 4648, unpadded) of key + checksum, in dash-separated groups of 4."""
    if len(key) != KEY_BYTES:
        raise ValueError("a master key is 32 bytes")
    letters = base64.b32encode(key + _checksum(key)).decode("ascii").rstrip("=")
    return "-".join(letters[i : i + _GROUP] for i in range(0, len(letters), _GROUP))


def parse_recovery_code(text: str) -> bytes:
    """The master key in a recovery code as typed: any case, spaces and dashes
    ignored, ``0`` read as ``O`` and ``1`` as ``I`` or ``L`` (whichever the
    checksum accepts)."""
    letters = re.sub(r"[\s\-]+", "", text).upper().replace("0", "O")
    if not letters:
        raise RecoveryCodeTypo("the recovery code is empty")
    if len(letters) != _CODE_LENGTH:
        raise RecoveryCodeTypo(
            f"that recovery code has {len(letters)} letters and digits; "
            f"a recovery code has {_CODE_LENGTH}"
        )
    bad = sorted(set(re.sub(r"[A-Z2-71]", "", letters)))
    if bad:
        raise RecoveryCodeTypo(
            f"that recovery code has a typo: {''.join(bad)!r} cannot be in a recovery code"
        )
    ones = [i for i, ch in enumerate(letters) if ch == "1"]
    if len(ones) > _MAX_AMBIGUOUS:
        raise RecoveryCodeTypo("that recovery code has a typo (its checksum does not match)")
    found: set[bytes] = set()
    for choice in itertools.product("IL", repeat=len(ones)):
        chars = list(letters)
        for place, letter in zip(ones, choice, strict=True):
            chars[place] = letter
        raw = base64.b32decode("".join(chars) + "=")
        key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
        if hmac.compare_digest(_checksum(key), check):
            found.add(key)
    if len(found) != 1:
        raise RecoveryCodeTypo("that recovery code has a typo (its checksum does not match)")
    return found.pop()


# --------------------------------------------------------------------- passphrase slots
def normalize_passphrase(passphrase: str) -> bytes:
    """The same passphrase typed on any keyboard gives the same bytes (NFC, UTF-8)."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_passphrase_policy(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError.single(
            "passphrase", f"use at least {MIN_PASSPHRASE} characters (a few words is best)"
        )


def _derive(passphrase: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", normalize_passphrase(passphrase), salt, iterations, 64)


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def make_slot(master: bytes, passphrase: str, iterations: int | None = None) -> dict[str, Any]:
    """A key-file document wrapping ``master`` under ``passphrase`` (fresh salt)."""
    iterations = iterations or ITERATIONS
    salt = secrets.token_bytes(16)
    derived = _derive(passphrase, salt, iterations)
    return {
        "format": KEY_FILE_FORMAT,
        "kdf": KDF,
        "iterations": iterations,
        "salt": salt.hex(),
        "wrapped": _xor(master, derived[:KEY_BYTES]).hex(),
        "check": hmac.new(derived[KEY_BYTES:], CHECK_LABEL, hashlib.sha256).hexdigest(),
    }


def open_slot(slot: dict[str, Any], passphrase: str) -> bytes:
    """The master key in ``slot``; ``WrongPassphrase`` when the check does not match."""
    derived = _derive(passphrase, bytes.fromhex(slot["salt"]), int(slot["iterations"]))
    check = hmac.new(derived[KEY_BYTES:], CHECK_LABEL, hashlib.sha256).digest()
    if not hmac.compare_digest(check, bytes.fromhex(slot["check"])):
        raise WrongPassphrase("wrong passphrase")
    return _xor(bytes.fromhex(slot["wrapped"]), derived[:KEY_BYTES])


def key_file_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + KEY_FILE_SUFFIX)


def _pending_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + PENDING_SUFFIX)


def read_key_file(path: Path) -> dict[str, Any]:
    """A key file's document, validated; a clear error when it is unreadable."""
    try:
        slot = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyRequired(f"no key file at {path}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DatabaseError(f"the key file {path} cannot be read: {exc}") from exc
    try:
        valid = (
            slot["format"] == KEY_FILE_FORMAT
            and slot["kdf"] == KDF
            and int(slot["iterations"]) > 0
            and len(bytes.fromhex(slot["salt"])) == 16
            and len(bytes.fromhex(slot["wrapped"])) == KEY_BYTES
            and len(bytes.fromhex(slot["check"])) == 32
        )
    except (KeyError, TypeError, ValueError):
        valid = False
    if not valid:
        raise DatabaseError(
            f"the key file {path} is damaged or from a newer CaseTracker; "
            "open the database with its recovery code"
        )
    return slot


def _write_atomically(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename over ``path``, fsync the folder."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:  # mkstemp: mode 0600
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    with suppress(OSError):  # not every platform can fsync a folder
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def write_key_file(path: Path, master: bytes, passphrase: str) -> Path:
    """Write (atomically, mode 0600) a key file wrapping ``master`` under ``passphrase``."""
    check_passphrase_policy(passphrase)
    document = json.dumps(make_slot(master, passphrase), indent=2) + "\n"
    try:
        _write_atomically(path, document.encode("utf-8"))
    except OSError as exc:
        raise DatabaseError(f"cannot write the key file {path}: {exc.strerror or exc}") from exc
    return path


def create_key_file(db_path: Path, passphrase: str) -> RecoveryCode:
    """A new master key, wrapped under ``passphrase`` beside ``db_path``."""
    code = RecoveryCode(new_master_key())
    write_key_file(key_file_path(db_path), code.key, passphrase)
    return code


def copy_key_file(db_path: Path, copy_path: Path) -> Path | None:
    """Put the key file of ``db_path`` beside its copy ``copy_path`` (if there is one)."""
    source = key_file_path(db_path)
    if not source.is_file():
        return None
    target = key_file_path(copy_path)
    try:
        _write_atomically(target, source.read_bytes())
    except OSError as exc:
        raise DatabaseError(f"cannot write the key file {target}: {exc.strerror or exc}") from exc
    return target


# --------------------------------------------------------------------- files
def has_sqlite_header(path: Path) -> bool:
    """True when ``path`` starts like a plain SQLite database file."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def is_encrypted(path: Path) -> bool:
    """True when ``path`` is a non-empty file that is not plain SQLite."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return bool(header) and header != SQLITE_HEADER


def key_pragma(key: bytes, pragma: str = "key") -> str:
    """The statement that keys a connection with a raw 256-bit key (``pragma="rekey"``:
    that re-encrypts the open database under it)."""
    if len(key) != KEY_BYTES:
        raise DatabaseError("an encryption key is 32 bytes")
    if pragma not in ("key", "rekey"):
        raise ValueError(f"not a key pragma: {pragma}")
    return f"PRAGMA {pragma} = \"x'{key.hex()}'\""


def sqlite_uri(path: Path, *, readonly: bool = False) -> str:
    """A ``file:`` URI for ``path`` with every special character escaped: a folder
    named "Case #12" or "a?b" must not open another, truncated path."""
    if str(path) == ":memory:":
        return ":memory:"
    uri = Path(path).resolve().as_uri()
    return f"{uri}?mode=ro" if readonly else uri


def _dbapi() -> Any:
    from sqlcipher3 import dbapi2

    return dbapi2


def connect(path: Path, key: bytes | None, *, readonly: bool = False) -> Any:
    """A raw SQLCipher connection (autocommit), keyed first when ``key`` is given."""
    dbapi = _dbapi()
    target = sqlite_uri(path, readonly=readonly)
    conn = dbapi.connect(target, uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # errors are ours to report
        if key is not None:
            conn.execute(key_pragma(key))
        conn.execute("PRAGMA temp_store = MEMORY")
        from casetracker.db.textmatch import register_functions

        register_functions(conn)
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def connection(path: Path, key: bytes | None, *, readonly: bool = False) -> Iterator[Any]:
    conn = connect(path, key, readonly=readonly)
    try:
        yield conn
    finally:
        conn.close()


def key_opens(path: Path, key: bytes) -> bool:
    """True when ``key`` decrypts ``path`` (read-only: the file is not written)."""
    dbapi = _dbapi()
    try:
        with connection(path, key, readonly=True) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError:
        return False
    return True


def sqlcipher_version() -> str:
    with connection(Path(":memory:"), None) as conn:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    return str(row[0]).split()[0] if row else "?"


# --------------------------------------------------------------------- unlocking
def unlock(
    path: Path,
    passphrase: str | None = None,
    recovery_code: str | None = None,
    *,
    notify: Callable[[str], None] | None = None,
) -> bytes:
    """The master key of the encrypted database at ``path``.

    A wrong passphrase is told apart with the key file alone: the database
    file is not opened. The key found is then checked against the database
    (read-only). When an interrupted :func:`rekey` is completed here (its
    pending key file promoted), :data:`REKEY_COMPLETED` is logged and passed
    to ``notify``: the user must hear that the NEW recovery code now works.
    """
    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"no database at {path}")
    if recovery_code is not None:
        key = parse_recovery_code(recovery_code)
        if not key_opens(path, key):
            hint = ""
            if _pending_path(path).is_file():
                hint = (
                    " (a change of recovery code was interrupted: try the other recovery "
                    "code, old or new, or the passphrase)"
                )
            raise KeyRequired(f"that recovery code does not open {path}{hint}")
        return key
    if passphrase is None:
        raise KeyRequired(f"{path} is encrypted: give its passphrase or recovery code")
    key_file = key_file_path(path)
    if not key_file.is_file():
        raise KeyRequired(
            f"the key file {key_file} is missing: open the database with its recovery code"
        )
    key = open_slot(read_key_file(key_file), passphrase)
    if key_opens(path, key):
        return key
    pending = _pending_path(path)
    if pending.is_file():  # a rekey stopped between the database and its key file
        with suppress(DatabaseError):
            new_key = open_slot(read_key_file(pending), passphrase)
            if key_opens(path, new_key):
                os.replace(pending, key_file)
                log.warning("%s: %s", path, REKEY_COMPLETED)
                if notify is not None:
                    notify(REKEY_COMPLETED)
                return new_key
    raise KeyRequired(
        f"the key file {key_file} does not belong to this database: open it with its recovery code"
    )


def set_passphrase(path: Path, key: bytes, new_passphrase: str) -> Path:
    """Wrap the (working) master key under a new passphrase with a fresh salt."""
    check_passphrase_policy(new_passphrase)
    if not key_opens(path, key):
        raise KeyRequired(f"that key does not open {path}")
    return write_key_file(key_file_path(path), key, new_passphrase)


def change_passphrase(
    path: Path,
    new_passphrase: str,
    *,
    old: str | None = None,
    recovery_code: str | None = None,
) -> None:
    """Replace the passphrase; the master key and the recovery code stay the same."""
    check_passphrase_policy(new_passphrase)
    key = unlock(path, passphrase=old, recovery_code=recovery_code)
    set_passphrase(path, key, new_passphrase)


def rekey(
    path: Path, key: bytes, passphrase: str, code: RecoveryCode | None = None
) -> RecoveryCode:
    """Re-encrypt the database under the master key of ``code`` (the old recovery
    code stops working).

    Make ``code`` with :func:`new_recovery_code` and have the user write it
    down *before* calling this: once ``PRAGMA rekey`` commits, only that code
    (or the passphrase) opens the database. Without ``code`` a new one is made
    and returned — only for callers that can show it before anything can fail.

    Nothing else may have the database open. The new key slot is written first
    as ``.keys.pending``; ``PRAGMA rekey`` re-encrypts every page in one
    transaction; then the pending slot replaces the key file. If the process
    stops in between, :func:`unlock` finds the pending slot and says so.
    """
    check_passphrase_policy(passphrase)
    code = code or new_recovery_code()
    if code.key == key:
        raise DatabaseError("the new key is the current key; nothing was changed")
    pending = write_key_file(_pending_path(path), code.key, passphrase)
    dbapi = _dbapi()
    try:
        with connection(path, key) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute(key_pragma(code.key, "rekey"))
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except dbapi.Error as exc:
        pending.unlink(missing_ok=True)
        raise DatabaseError(f"the new key was not applied, nothing changed: {exc}") from exc
    if not key_opens(path, code.key):  # pragma: no cover - SQLCipher failed silently
        raise DatabaseError(f"the new key does not open {path}; the key file is in {pending}")
    os.replace(pending, key_file_path(path))
    return code


# --------------------------------------------------------------------- copies
def quoted(name: str) -> str:
    """An SQL identifier, quoted (a backup's table names are not trusted)."""
    return '"' + name.replace('"', '""') + '"'


def table_counts(conn: Any, schema: str = "main") -> dict[str, int]:
    """Rows in every table of ``schema`` (virtual tables and their shadows included)."""
    names = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        name: conn.execute(f"SELECT count(*) FROM {schema}.{quoted(name)}").fetchone()[0]
        for name in names
    }


def export_copy(
    source: Path, source_key: bytes | None, destination: Path, destination_key: bytes | None
) -> dict[str, int]:
    """Copy ``source`` into the new file ``destination`` with ``sqlcipher_export``,
    re-encrypted under ``destination_key`` (``None``: plain), then verify it.

    The copy is written under a temporary name and renamed when it is verified:
    ``destination`` never holds half a database. Returns the row counts.

    Dispose of every engine on a plain ``source`` in this process first: the
    standard library's SQLite and SQLCipher's are two libraries, and POSIX
    locks taken by one are dropped when the other closes the same file.
    """
    if destination.exists():
        raise DatabaseError(f"{destination} already exists; choose another name")
    if not destination.parent.is_dir():
        raise DatabaseError(f"folder {destination.parent} does not exist")
    dbapi = _dbapi()
    handle, temp_name = tempfile.mkstemp(
        dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
    )
    os.close(handle)
    temp = Path(temp_name)
    temp.unlink()  # SQLCipher creates it: an empty file would not take the key
    target_key = f"x'{destination_key.hex()}'" if destination_key is not None else ""
    try:
        with connection(source, source_key, readonly=True) as conn:
            conn.execute("ATTACH DATABASE ? AS target KEY ?", (str(temp), target_key))
            conn.execute("BEGIN")  # one consistent snapshot of the source
            conn.execute("SELECT sqlcipher_export('target')")
            version = conn.execute("PRAGMA main.user_version").fetchone()[0]
            conn.execute(f"PRAGMA target.user_version = {int(version)}")
            expected = table_counts(conn, "main")
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE target")
        _verify_copy(temp, destination_key, expected)
        os.replace(temp, destination)
    except dbapi.Error as exc:
        remove_database_files(temp)
        raise DatabaseError(f"the copy failed, nothing was written: {exc}") from exc
    except BaseException:
        remove_database_files(temp)
        raise
    return expected


def _verify_copy(path: Path, key: bytes | None, expected: dict[str, int]) -> None:
    with connection(path, key) as conn:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise DatabaseError(f"the copy is damaged ({problems[0]}); nothing was written")
        if table_counts(conn) != expected:
            raise DatabaseError("the copy does not hold the same records; nothing was written")
        conn.execute("PRAGMA journal_mode = WAL")


def remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(OSError):
            os.unlink(f"{path}{suffix}")


def encrypt_copy(source: Path, destination: Path, passphrase: str) -> RecoveryCode:
    """An encrypted copy of the plain database ``source``, with a new master key and
    a key file for ``passphrase``. The plain original is left where it is."""
    check_passphrase_policy(passphrase)
    if is_encrypted(source):
        raise DatabaseError(f"{source} is already encrypted")
    if key_file_path(destination).exists():
        raise DatabaseError(f"{key_file_path(destination)} already exists; move it away first")
    code = RecoveryCode(new_master_key())
    export_copy(source, None, destination, code.key)
    try:
        write_key_file(key_file_path(destination), code.key, passphrase)
    except BaseException:
        remove_database_files(destination)
        raise
    return code


def decrypt_copy(source: Path, key: bytes, destination: Path) -> dict[str, int]:
    """A plain copy of the encrypted database ``source`` (readable by anyone)."""
    return export_copy(source, key, destination, None)
