"""Details of unexpected failures go to a log file for support, never on screen."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from pathlib import Path

from casetracker import APP_NAME, __version__


def write_error_log(exc: BaseException) -> Path | None:
    """Write the traceback of ``exc`` to a new file in the log folder; its path, or None."""
    from casetracker import paths

    try:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = folder / f"error-{stamp}.log"
        path.write_text(
            f"{APP_NAME} {__version__}\n{' '.join(sys.argv)}\n\n"
            + "".join(traceback.format_exception(exc)),
            encoding="utf-8",
        )
        return path
    except OSError:
        return None
