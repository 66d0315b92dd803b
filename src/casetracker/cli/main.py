"""The ``casetracker`` command: every operation, scriptable, over the same services.

Errors print one line on stderr and exit 1 (2 for usage errors); an
unexpected failure writes its details to a log file, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from casetracker import APP_NAME, __version__
from casetracker.errors import CaseTrackerError

PROG = "casetracker"


class UsageError(Exception):
    """Bad command-line usage (exit status 2)."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> Parser:
    from casetracker.cli import commands

    parser = Parser(
        prog=PROG,
        description=f"{APP_NAME}: detainees, advocacy letters, sanction requests and "
        "government responses. With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="SQLite file or postgresql:// URL (default: $CASETRACKER_DB, else the local "
        "database in your data folder)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="an encrypted database's passphrase: the first line of FILE (default: "
        "$CASETRACKER_PASSPHRASE_FILE, else asked on the terminal)",
    )
    parser.add_argument(
        "--recovery-code-file",
        metavar="FILE",
        help="open an encrypted database with its recovery code, kept in FILE",
    )
    parser.add_argument("--smoke-test", metavar="PNG", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.register(sub)
    return parser


def _log_internal_error(exc: BaseException) -> Path | None:
    from casetracker.crashlog import write_error_log

    return write_error_log(exc)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format=f"{PROG}: %(message)s")
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.smoke_test:
            from casetracker.gui.smoke import run_smoke_test

            return run_smoke_test(Path(args.smoke_test))
        if args.command is None:
            from casetracker.cli.commands import open_gui

            return open_gui(args)
        return int(args.handler(args) or 0)
    except UsageError as exc:
        print(f"{PROG}: usage error: {exc}", file=sys.stderr)
        return 2
    except CaseTrackerError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        where = _log_internal_error(exc)
        detail = f"; details in {where}" if where else ""
        print(f"{PROG}: internal error: {type(exc).__name__}: {exc}{detail}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
