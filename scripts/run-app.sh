#!/usr/bin/env bash
# Install CaseTracker into .venv and open the app on your local database
# (created in your data folder on first run); --demo opens the demo database, --db PATH|URL another one.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(scripts/python.sh)
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet .
exec .venv/bin/casetracker-gui "$@"
