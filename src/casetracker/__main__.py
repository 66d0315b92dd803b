"""``python -m casetracker`` runs the command-line interface."""

from casetracker.cli.main import main

raise SystemExit(main())
