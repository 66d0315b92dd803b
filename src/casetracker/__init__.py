"""CaseTracker: an offline-first case tracker for human-rights advocacy."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("casetracker")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"

APP_ID = "org.casetracker.CaseTracker"
APP_NAME = "CaseTracker"
