"""A library folder and the rooms that keep it: one job per module.

* :mod:`.errors` — the library's errors worded for a person (with reason codes) and the
  words for a full or read-only disk;
* :mod:`.lock` — the writer lock: one process writes, readers never wait;
* :mod:`.library` — :class:`Library`: opening (checks, read-only fallback, index
  agreement, orphan clean-up, automatic backups), lookups, editing, removal, samples;
* :mod:`.importer` — the import pipeline (files → workers → catalog → index).

Front ends use the operations layer (:mod:`briefer.core.ops`) rather than these.
"""

from briefer.core.library.errors import (
    ENVIRONMENT_ERRORS, CatalogDamaged, DocumentNotFound, LibraryBusy, LibraryError,
    LibraryStorageError, environment_error, storage_message, storage_problem, storage_reason)
from briefer.core.library.importer import (
    PASSWORD_PROTECTED, WRONG_PASSWORD, ImportOptions, ImportOutcome, ImportReport, Importer,
    sha256_file)
from briefer.core.library.library import CATALOG_NAME, Library
from briefer.core.library.lock import WriterLock, exclusive_access

__all__ = ["CATALOG_NAME", "ENVIRONMENT_ERRORS", "PASSWORD_PROTECTED", "WRONG_PASSWORD",
           "CatalogDamaged", "DocumentNotFound", "ImportOptions", "ImportOutcome", "ImportReport", "Importer",
           "Library", "LibraryBusy", "LibraryError", "LibraryStorageError", "WriterLock",
           "environment_error", "exclusive_access", "sha256_file", "storage_message",
           "storage_problem", "storage_reason"]
