"""The JSON interchange format: export and import (see docs/interchange.md)."""

from casetracker.interchange.codec import FORMAT_NAME, FORMAT_VERSION
from casetracker.interchange.export import export_document, write_export
from casetracker.interchange.importer import import_document, read_document

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "export_document",
    "import_document",
    "read_document",
    "write_export",
]
