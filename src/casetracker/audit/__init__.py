"""The history: every change recorded in a tamper-evident, append-only log.

* :mod:`.recorder` notes every change made through a database's sessions and
  appends it to the chain at commit; :func:`record_rows` and
  :func:`record_action` for writes without the ORM and data leaving the tool
  (:func:`try_record_action` where the data has already left);
* :mod:`.chain` computes the hashes; :mod:`.verify` checks them;
* :mod:`.cascade` finds what the database deletes by itself with a record.
"""

from casetracker.audit.recorder import (
    ACTIONS,
    default_actor,
    record_action,
    record_database_copy,
    record_rows,
    try_record_action,
)
from casetracker.audit.verify import VerifyReport, current_head, verify_chain

__all__ = [
    "ACTIONS",
    "VerifyReport",
    "current_head",
    "default_actor",
    "record_action",
    "record_database_copy",
    "record_rows",
    "try_record_action",
    "verify_chain",
]
