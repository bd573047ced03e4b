"""A library folder and the rooms that keep it: one job per module.

* :mod:`.errors` — the library's errors worded for a person (with reason codes) and the
  words for a full or read-only disk;
* :mod:`.lock` — the writer lock: one process writes, readers never wait;
* :mod:`.library` — :class:`Library`: opening (checks, read-only fallback, index
  agreement, orphan clean-up, automatic backups), lookups, editing, removal, samples;
* :mod:`.importer` — the import pipeline (files → workers → catalog → index).

Front ends use the operations layer (:mod:`briefer.core.ops`) rather than these.

The errors and the lock load with the package; :mod:`.importer` and :mod:`.library`
(which bring the search index and the PDF workers) load when one of their names is first
asked for, so that a short command does not pay for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from briefer.core.library.errors import (
    ENVIRONMENT_ERRORS, CatalogDamaged, DocumentNotFound, LibraryBusy, LibraryError,
    LibraryStorageError, environment_error, storage_message, storage_problem, storage_reason)
from briefer.core.library.lock import WriterLock, exclusive_access

if TYPE_CHECKING:
    from briefer.core.library.importer import (
        PASSWORD_PROTECTED, WRONG_PASSWORD, ImportOptions, ImportOutcome, ImportReport,
        Importer, sha256_file)
    from briefer.core.library.library import CATALOG_NAME, Library

_ON_FIRST_USE = {
    **dict.fromkeys(("PASSWORD_PROTECTED", "WRONG_PASSWORD", "ImportOptions",
                     "ImportOutcome", "ImportReport", "Importer", "sha256_file"),
                    "briefer.core.library.importer"),
    **dict.fromkeys(("CATALOG_NAME", "Library"), "briefer.core.library.library"),
}


def __getattr__(name: str) -> Any:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

__all__ = ["CATALOG_NAME", "ENVIRONMENT_ERRORS", "PASSWORD_PROTECTED", "WRONG_PASSWORD",
           "CatalogDamaged", "DocumentNotFound", "ImportOptions", "ImportOutcome", "ImportReport",
           "Importer",
           "Library", "LibraryBusy", "LibraryError", "LibraryStorageError", "WriterLock",
           "environment_error", "exclusive_access", "sha256_file", "storage_message",
           "storage_problem", "storage_reason"]
