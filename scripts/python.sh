#!/usr/bin/env bash
# Print the path of a Python >= 3.12 (CaseTracker needs it: see README, "Why 3.12").
# Looks at python3.13, python3.12, python3, then pyenv's installed versions.
set -euo pipefail
ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
for candidate in python3.14 python3.13 python3.12 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && ok "$candidate"; then
    command -v "$candidate"; exit 0
  fi
done
if command -v pyenv >/dev/null 2>&1; then
  version=$(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9])\.[0-9]+$' | sort -V | head -n 1 || true)
  if [ -n "$version" ]; then
    prefix=$(pyenv prefix "$version")
    if ok "$prefix/bin/python3"; then echo "$prefix/bin/python3"; exit 0; fi
  fi
fi
echo "CaseTracker needs Python 3.12 or newer; none was found" >&2
exit 1
