"""Encrypted databases on the command line: passphrases and recovery codes from
files or the terminal, and the ``db encrypt/decrypt/passphrase/rekey`` commands.

A passphrase comes from ``--passphrase-file FILE`` (its first line), else
``$CASETRACKER_PASSPHRASE_FILE``, else a prompt on the terminal; a recovery
code from ``--recovery-code-file FILE`` or, typed at the passphrase prompt,
instead of the passphrase.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from pathlib import Path

from sqlalchemy.engine import URL

from casetracker.db import cipher
from casetracker.db.engine import POSTGRESQL_ENCRYPTION, Database, make_engine, sqlite_path
from casetracker.errors import CaseTrackerError, DatabaseError

PASSPHRASE_ENV = "CASETRACKER_PASSPHRASE_FILE"
ATTEMPTS = 3
NOT_A_TERMINAL = "this database is encrypted: give --passphrase-file FILE or run in a terminal"
SSD_WARNING = (
    "Deleting a file does not reliably erase it on an SSD, a USB stick or a synced "
    "folder: keep plain copies only on an encrypted disk, and delete them as soon as "
    "you can."
)


# --------------------------------------------------------------------- reading secrets
def _read_text(path: str, what: str) -> str:
    try:
        return Path(path).expanduser().read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseTrackerError(f"no {what} file at {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseTrackerError(f"cannot read the {what} file {path}: {exc}") from exc


def read_passphrase_file(path: str) -> str:
    """The first line of ``path``, its line ending stripped (spaces are kept)."""
    text = _read_text(path, "passphrase")
    return text.split("\n", 1)[0].removesuffix("\r")


def read_recovery_code_file(path: str) -> str:
    return _read_text(path, "recovery code").strip()


def passphrase_file(args: argparse.Namespace, attr: str = "passphrase_file") -> str | None:
    given = getattr(args, attr, None)
    if given or attr != "passphrase_file":
        return given
    return os.environ.get(PASSPHRASE_ENV) or None


def interactive() -> bool:
    return sys.stdin.isatty()


def _looks_like_code(text: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9]{50,60}", re.sub(r"[\s\-]+", "", text)) is not None


# --------------------------------------------------------------------- unlocking
def print_notice(text: str) -> None:
    """Something the user must know about the key (an interrupted rekey completed)."""
    print(f"warning: {text}", file=sys.stderr)


def unlock_path(
    args: argparse.Namespace,
    path: Path,
    *,
    passphrase_attr: str = "passphrase_file",
    code_attr: str = "recovery_code_file",
    label: str = "",
) -> tuple[bytes, str | None]:
    """The master key of the encrypted file ``path``, and the passphrase that
    opened it (None when the recovery code did)."""
    code_file = getattr(args, code_attr, None)
    if code_file:
        code = read_recovery_code_file(code_file)
        return cipher.unlock(path, recovery_code=code, notify=print_notice), None
    secret_file = passphrase_file(args, passphrase_attr)
    if secret_file:
        passphrase = read_passphrase_file(secret_file)
        return cipher.unlock(path, passphrase=passphrase, notify=print_notice), passphrase
    if not interactive():
        raise cipher.KeyRequired(NOT_A_TERMINAL)
    has_key_file = cipher.key_file_path(path).is_file()
    prompt = f"{label or 'Passphrase for ' + path.name} (or its recovery code): "
    if not has_key_file:
        prompt = f"Recovery code for {path.name} (its key file is missing): "
    for attempt in range(1, ATTEMPTS + 1):
        typed = getpass.getpass(prompt)
        try:
            return _unlock_typed(path, typed, has_key_file)
        except (cipher.WrongPassphrase, cipher.RecoveryCodeTypo) as exc:
            if attempt == ATTEMPTS:
                raise
            print(f"{exc}; try again", file=sys.stderr)
    raise AssertionError("unreachable")  # pragma: no cover


def _unlock_typed(path: Path, typed: str, has_key_file: bool) -> tuple[bytes, str | None]:
    """What was typed at the prompt: a recovery code, or else the passphrase."""
    if not has_key_file or _looks_like_code(typed):
        try:
            return cipher.unlock(path, recovery_code=typed, notify=print_notice), None
        except cipher.RecoveryCodeTypo:
            if not has_key_file:
                raise
            try:  # a passphrase that happens to look like a code
                return cipher.unlock(path, passphrase=typed, notify=print_notice), typed
            except cipher.WrongPassphrase:
                pass
            raise
    return cipher.unlock(path, passphrase=typed, notify=print_notice), typed


def database_key(args: argparse.Namespace, url: URL) -> bytes | None:
    """The key of the SQLite file ``url`` names; None when it is plain (or not
    there, or not SQLite at all: opening it explains)."""
    path = sqlite_path(url)
    if path is None or not path.is_file() or not cipher.is_encrypted(path):
        return None
    if not getattr(args, "recovery_code_file", None) and not cipher.key_file_path(path).is_file():
        return None  # no way to unlock: open_database says what the file may be
    return unlock_path(args, path)[0]


def unopened_database(args: argparse.Namespace, url: URL) -> Database:
    """A Database object for commands that must not create or upgrade it."""
    key = database_key(args, url)
    return Database(url, make_engine(url, key=key), key=key)


def restore_key(args: argparse.Namespace, db: Database, source: Path) -> bytes | None:
    """The key that opens the backup ``source``: the database's own, else from
    ``--backup-passphrase-file``/``--backup-recovery-code-file`` or a prompt."""
    from casetracker.db.maintenance import backup_key

    try:
        return backup_key(db, source)
    except cipher.KeyRequired as exc:
        given = getattr(args, "backup_passphrase_file", None) or getattr(
            args, "backup_recovery_code_file", None
        )
        if not given and not (interactive() and cipher.key_file_path(source).is_file()):
            raise cipher.KeyRequired(
                f"{exc} (--backup-passphrase-file FILE or --backup-recovery-code-file FILE)"
            ) from exc
    return unlock_path(
        args,
        source,
        passphrase_attr="backup_passphrase_file",
        code_attr="backup_recovery_code_file",
        label=f"Passphrase of the backup {source.name}",
    )[0]


def new_passphrase(args: argparse.Namespace, attr: str = "passphrase_file") -> str:
    """A new passphrase: from its file, or typed twice on the terminal."""
    secret_file = passphrase_file(args, attr)
    if secret_file:
        passphrase = read_passphrase_file(secret_file)
        cipher.check_passphrase_policy(passphrase)
        return passphrase
    option = "--passphrase-file" if attr == "passphrase_file" else "--new-passphrase-file"
    if not interactive():
        raise CaseTrackerError(
            f"a new passphrase is needed: give {option} FILE or run in a terminal"
        )
    passphrase = getpass.getpass(f"New passphrase (at least {cipher.MIN_PASSPHRASE} characters): ")
    cipher.check_passphrase_policy(passphrase)
    if getpass.getpass("The same passphrase again: ") != passphrase:
        raise CaseTrackerError("the two passphrases differ; nothing was changed")
    return passphrase


def print_recovery_code(code: cipher.RecoveryCode) -> None:
    print()
    print(f"    Recovery code: {code}")
    print()
    print(cipher.RECOVERY_WARNING)


def encryptable_path(url: URL) -> Path:
    """The SQLite file behind ``url``; PostgreSQL gets the server explanation."""
    path = sqlite_path(url)
    if path is None:
        if url.get_backend_name() == "postgresql":
            raise DatabaseError(POSTGRESQL_ENCRYPTION)
        raise DatabaseError("only a SQLite file can be encrypted")
    return path


def encrypted_path(url: URL) -> Path:
    path = encryptable_path(url)
    if not path.is_file():
        raise DatabaseError(f"no database at {path}")
    if not cipher.is_encrypted(path):
        raise DatabaseError(f"{path} is not encrypted")
    return path


def output_path(text: str) -> Path:
    return Path(text).expanduser().resolve()


# --------------------------------------------------------------------- commands
def _record_copy(url: URL, key: bytes | None, out: Path, *, encrypted: bool) -> None:
    """Note the copy in the source's history; the copy stands if it cannot be."""
    from casetracker.audit import record_database_copy
    from casetracker.db.schema import open_database

    try:
        db = open_database(url, key=key)
    except CaseTrackerError as exc:
        print(f"warning: the copy was not recorded in the history: {exc}", file=sys.stderr)
        return
    try:
        record_database_copy(db, out, encrypted=encrypted)
    finally:
        db.close()


def cmd_db_encrypt(args: argparse.Namespace) -> int:
    from casetracker.db.schema import open_database

    url = _url(args)
    path = encryptable_path(url)
    if path.is_file() and cipher.is_encrypted(path):
        raise DatabaseError(
            f"{path} is already encrypted (`db passphrase` changes its passphrase, "
            "`db rekey` its key)"
        )
    out = output_path(args.out)
    if out.exists():
        raise DatabaseError(f"{out} already exists; choose another name")
    open_database(url).close()  # a CaseTracker database, at the current schema
    passphrase = new_passphrase(args)
    code = cipher.encrypt_copy(path, out, passphrase)
    _record_copy(url, None, out, encrypted=True)
    print(f"encrypted copy written to {out} (checked: same records, no damage)")
    print_recovery_code(code)
    print()
    print(
        f"The plain original {path} is still there: anyone who gets it can read it. "
        f"Open the encrypted copy (casetracker --db {out} db check), then delete the "
        "original and its plain backups yourself."
    )
    print(SSD_WARNING)
    return 0


def cmd_db_decrypt(args: argparse.Namespace) -> int:
    from casetracker.db.schema import open_database

    url = _url(args)
    path = encrypted_path(url)
    out = output_path(args.out)
    if out.exists():
        raise DatabaseError(f"{out} already exists; choose another name")
    key, _ = unlock_path(args, path)
    open_database(url, key=key).close()  # a CaseTracker database, at the current schema
    counts = cipher.decrypt_copy(path, key, out)
    _record_copy(url, key, out, encrypted=False)
    print(f"plain copy written to {out} ({sum(counts.values())} rows checked)")
    print(f"Anyone who gets {out.name} can read it. {SSD_WARNING}")
    return 0


def cmd_db_passphrase(args: argparse.Namespace) -> int:
    path = encrypted_path(_url(args))
    key, _ = unlock_path(args, path, label=f"Current passphrase for {path.name}")
    passphrase = new_passphrase(args, "new_passphrase_file")
    cipher.set_passphrase(path, key, passphrase)
    print("passphrase changed; the recovery code is unchanged")
    print(
        "Backups made before now keep the old passphrase in their own key file; "
        "the recovery code opens them too."
    )
    return 0


def cmd_db_rekey(args: argparse.Namespace) -> int:
    path = encrypted_path(_url(args))
    key, passphrase = unlock_path(args, path)
    same = passphrase is not None and not getattr(args, "new_passphrase_file", None)
    if not same or passphrase is None:
        passphrase = new_passphrase(args, "new_passphrase_file")
    code = cipher.new_recovery_code()
    print(f"The new recovery code for {path} (it replaces the old one once applied):")
    print_recovery_code(code)
    print(flush=True)  # on paper (or in a log) before the database depends on it
    if interactive() and not getattr(args, "yes", False):
        try:
            answer = input("Type yes once you have written it down: ")
        except EOFError:
            answer = ""
        if answer.strip().lower() != "yes":
            raise CaseTrackerError(
                "nothing was changed: the old recovery code still opens the database "
                "and the code above was never used"
            )
    try:
        cipher.rekey(path, key, passphrase, code)
    except DatabaseError as exc:
        if not cipher.key_opens(path, key):
            raise
        raise DatabaseError(
            f"{exc} (the old recovery code still works; the code above was never used)"
        ) from exc
    kept = "the passphrase is unchanged" if same else "with the new passphrase"
    print(f"{path} is now encrypted with the new key above; {kept}")
    print(
        "The old recovery code no longer opens this database. Backups made before now "
        "still open with it: delete them, or keep them as safe as the old code."
    )
    return 0


def _url(args: argparse.Namespace) -> URL:
    from casetracker import paths
    from casetracker.db.engine import resolve_url

    return resolve_url(args.db, default=paths.default_database_path())
