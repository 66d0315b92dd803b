#!/usr/bin/env bash
# Install CaseTracker with its test extras into .venv, lint, and run the whole
# suite on SQLite and on a throw-away PostgreSQL server the tests start themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(scripts/python.sh)
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
