"""Qt stays out of the core: models, services, storage, CLI and demo never import it."""

from __future__ import annotations

import subprocess
import sys


def test_core_modules_do_not_import_qt():
    code = (
        "import sys\n"
        "import casetracker.models, casetracker.services, casetracker.db.schema\n"
        "import casetracker.db.maintenance, casetracker.interchange, casetracker.demo\n"
        "import casetracker.cli.main, casetracker.cli.commands\n"
        "from casetracker.cli.main import build_parser; build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cli_imports_no_alembic_or_reportlab_until_needed():
    code = (
        "import sys\n"
        "from casetracker.cli.main import build_parser; build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'reportlab'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
