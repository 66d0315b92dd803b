"""Scheduled backups: one when the newest is too old, keeping the last few.

Each database gets a subfolder of the backup folder, ``<stem>-<8 hex>``
(the first 8 hex digits of the SHA-256 of its resolved path), so two
``cases.db`` in different folders never count or delete each other's
backups. Backups in it are named ``<stem>.auto-YYYYmmdd-HHMMSS.db`` (local
time). Only files with exactly that name are ever counted or deleted.
:func:`scheduled_backup` opens its own connections and holds a lock while it
works, so the GUI may call it from a worker thread while the app goes on
using the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from casetracker import paths
from casetracker.db import cipher
from casetracker.db.engine import Database
from casetracker.db.schema import backup_sqlite
from casetracker.errors import DatabaseError, ValidationError

LABEL = "auto"
STAMP = "%Y%m%d-%H%M%S"
DEFAULT_EVERY = dt.timedelta(hours=24)
DEFAULT_KEEP = 10
_lock = threading.Lock()


def default_folder() -> Path:
    return paths.data_dir() / "backups"


@dataclass(frozen=True)
class BackupPolicy:
    """Where scheduled backups go, how often, and how many are kept."""

    folder: Path = field(default_factory=default_folder)
    every: dt.timedelta = DEFAULT_EVERY
    keep: int = DEFAULT_KEEP

    def __post_init__(self) -> None:
        if self.every <= dt.timedelta(0):
            raise ValidationError.single("every", "must be more than zero")
        if self.keep < 1:
            raise ValidationError.single("keep", "must be at least 1")

    def folder_for(self, db_path: Path) -> Path:
        """Where the scheduled backups of the database file ``db_path`` go."""
        return database_folder(self.folder, db_path)


def database_folder(folder: Path, db_path: Path) -> Path:
    """``folder/<stem>-<first 8 hex of sha256(resolved path)>``: one database's own."""
    resolved = str(Path(db_path).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return Path(folder) / f"{Path(db_path).stem}-{digest}"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: dt.datetime


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(stem)}\.{LABEL}-(\d{{8}}-\d{{6}})\.db")


def backup_name(stem: str, when: dt.datetime) -> str:
    return f"{stem}.{LABEL}-{when.strftime(STAMP)}.db"


def list_backups(folder: Path, stem: str) -> list[BackupFile]:
    """The scheduled backups of database ``stem`` in ``folder``, oldest first."""
    pattern = _pattern(stem)
    found = []
    try:
        entries = list(Path(folder).iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise DatabaseError(f"cannot read the backup folder {folder}: {exc.strerror}") from exc
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or not entry.is_file():
            continue
        try:
            taken = dt.datetime.strptime(match.group(1), STAMP)
        except ValueError:  # 20261399-…: the pattern's digits are not a date
            continue
        found.append(BackupFile(entry, taken))
    return sorted(found, key=lambda b: (b.taken, b.path.name))


def newest_backup(folder: Path, stem: str) -> BackupFile | None:
    backups = list_backups(folder, stem)
    return backups[-1] if backups else None


def is_due(newest: BackupFile | None, policy: BackupPolicy, now: dt.datetime) -> bool:
    """Due when there is none, the newest is ``every`` old, or it is dated far in
    the future (the clock was wrong when it was taken)."""
    if newest is None:
        return True
    age = now - newest.taken
    return age >= policy.every or age < -policy.every


def scheduled_backup(
    db: Database, policy: BackupPolicy | None = None, now: dt.datetime | None = None
) -> Path | None:
    """Back ``db`` up into the policy's folder if a backup is due, then delete the
    oldest scheduled backups beyond ``keep``. Returns the new backup, or None
    when none was due. An encrypted database gives encrypted backups (with
    their key file)."""
    policy = policy or BackupPolicy()
    path = db.path
    if path is None:
        raise DatabaseError("backups of a PostgreSQL database are made on the server: use pg_dump")
    now = (now or dt.datetime.now()).replace(microsecond=0)
    folder = policy.folder_for(path)
    with _lock:
        if not is_due(newest_backup(folder, path.stem), policy, now):
            return None
        for made in (policy.folder, folder):
            try:
                made.mkdir(mode=0o700, parents=True, exist_ok=True)  # yours alone
            except OSError as exc:
                raise DatabaseError(
                    f"cannot create the backup folder {made}: {exc.strerror}"
                ) from exc
        written = backup_sqlite(path, folder / backup_name(path.stem, now), db.key)
        rotate(folder, path.stem, policy.keep)
    from casetracker.audit import try_record_action

    try_record_action(
        db, "backup", summary=f"scheduled backup to {written}", details={"path": written}
    )
    return written


def rotate(folder: Path, stem: str, keep: int) -> list[Path]:
    """Delete the oldest scheduled backups of ``stem`` in ``folder`` (one database's
    own, :func:`database_folder`) and their key files so that ``keep`` remain;
    returns what was deleted."""
    backups = list_backups(folder, stem)
    deleted = []
    for old in backups[: max(0, len(backups) - keep)]:
        try:
            old.path.unlink(missing_ok=True)
            cipher.key_file_path(old.path).unlink(missing_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot delete the old backup {old.path}: {exc.strerror}") from exc
        deleted.append(old.path)
    return deleted


def describe_age(age: dt.timedelta) -> str:
    """``3 h``, ``2 days``, ``12 min``: an age in plain words."""
    seconds = max(0, int(age.total_seconds()))
    if seconds >= 2 * 86400:
        return f"{seconds // 86400} days"
    if seconds >= 3600:
        return f"{seconds // 3600} h"
    return f"{seconds // 60} min"
