"""One source of truth for where things live: resources, migrations, user data.

Works from a source checkout (editable install), an installed wheel (where the
top-level ``migrations/`` and ``resources/`` are shipped inside the package) and
a frozen bundle.
"""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

from casetracker import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(installed_name: str, source_name: str) -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "casetracker" / installed_name)
    candidates.append(_PACKAGE_DIR / installed_name)
    candidates.append(_PACKAGE_DIR.parents[1] / source_name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cannot find the {source_name} folder (looked in {candidates})")


def migrations_dir() -> Path:
    """The Alembic script directory."""
    return _bundled("_migrations", "migrations")


def resources_dir() -> Path:
    """Fonts, icons and translations."""
    return _bundled("_resources", "resources")


def data_dir() -> Path:
    """The user's data directory for CaseTracker (not created here)."""
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """Where the local database lives when no ``--db`` is given."""
    return data_dir() / "casetracker.db"


def log_dir() -> Path:
    """Where internal error details are written for support."""
    return Path(user_log_dir(APP_NAME, appauthor=False))
