"""Entry point of the frozen app: ``casetracker`` (no command opens the desktop app).

``multiprocessing.freeze_support()`` comes first: PDF text extraction runs in a
spawned process, which in a frozen app re-runs this executable.
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from casetracker.cli.main import main

    raise SystemExit(main())
