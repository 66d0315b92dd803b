#!/usr/bin/env bash
# Extract every translatable string of the GUI into resources/i18n/*.ts
# (the template casetracker.ts, plus any casetracker_<lang>.ts already there),
# then compile the translated ones to .qm files that the app loads at start.
#
#   scripts/update-translations.sh            # refresh the .ts files and build .qm
#   scripts/update-translations.sh fr         # also start a French translation
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv/bin
mapfile -t SOURCES < <(find src/casetracker/gui -name '*.py' | sort)
targets=(resources/i18n/casetracker.ts)
for lang in "$@"; do targets+=("resources/i18n/casetracker_${lang}.ts"); done
for ts in resources/i18n/casetracker_*.ts; do
    [[ -e "$ts" ]] && targets+=("$ts")
done
"$VENV/pyside6-lupdate" -no-obsolete "${SOURCES[@]}" -ts "${targets[@]}"
for ts in resources/i18n/casetracker_*.ts; do
    [[ -e "$ts" ]] && "$VENV/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
echo "translations: ${targets[*]}"
