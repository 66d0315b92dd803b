#!/usr/bin/env bash
# Build the one-folder app bundle dist/CaseTracker/ with PyInstaller
# (packaging/casetracker.spec), then print the build time and bundle size.
#
#   bash scripts/build-bundle.sh
#
# Uses .venv (created with the project installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
PYINSTALLER_VERSION=6.22.3
if [[ ! -x .venv/bin/python ]]; then
    "$(scripts/python.sh)" -m venv .venv
    .venv/bin/pip install -q -e .
fi
if ! .venv/bin/pyinstaller --version 2>/dev/null | grep -qx "$PYINSTALLER_VERSION"; then
    .venv/bin/pip install -q "pyinstaller==$PYINSTALLER_VERSION"
fi
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/casetracker.spec
end=$(date +%s)
echo "bundle: built dist/CaseTracker in $((end - start)) s"
echo "bundle: size $(du -sh dist/CaseTracker | cut -f1)"
