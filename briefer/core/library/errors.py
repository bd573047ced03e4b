"""The library's errors, worded for a person, and the words for a full or read-only disk.

Each error is a :class:`~briefer.core.errors.BrieferError` with a reason code
(``library_busy``, ``not_found``, ``disk_full``, ``read_only``, ``catalog_damaged``,
``no_library``); front ends phrase the action. :data:`ENVIRONMENT_ERRORS` are failures of
the machine (disk, permissions, SQLite) that :func:`environment_error` turns into words.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Optional

from briefer.core.errors import BrieferError


class LibraryError(BrieferError):
    """A library-level problem, worded for the user."""

    reason = "library_error"


class LibraryBusy(LibraryError):
    """Another Briefer process (or another handle in this one) is writing to this library."""

    reason = "library_busy"


class DocumentNotFound(LibraryError):
    reason = "document_not_found"


class LibraryStorageError(LibraryError):
    """The disk holding the library is full, or the library folder cannot be written."""

    reason = "disk_full"


def storage_problem(exc: BaseException) -> Optional[str]:
    """'the disk is full' / 'the library folder is read-only' … for such errors, else None."""
    import errno

    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return "the disk is full"
        if exc.errno == errno.EROFS:
            return "the library folder is on read-only media"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "the library folder is read-only (permission denied)"
        return None
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "disk is full" in text:
            return "the disk is full"
        if "readonly" in text or "read-only" in text:
            return "the library folder is read-only"
        if "disk i/o error" in text:
            return "the disk could not be written (disk I/O error; is it full?)"
    return None


def storage_message(why: str, where: Any = None) -> str:
    fix = ("free some space" if "full" in why else "make the folder writable")
    return (f"{why}{f' ({where})' if where else ''}: nothing was changed or lost — "
            f"everything saved before is "
            f"intact. {fix[0].upper()}{fix[1:]}, then try again.")


def storage_reason(why: str) -> str:
    """The reason code of a :func:`storage_problem` text: ``disk_full`` or ``read_only``."""
    return "disk_full" if "full" in why else "read_only"


# Errors of the machine rather than of the user's request: a front end turns them into
# words with environment_error() instead of showing a traceback.
ENVIRONMENT_ERRORS: tuple[type[BaseException], ...] = (OSError, sqlite3.OperationalError)


def environment_error(exc: BaseException) -> "LibraryError":
    """One of :data:`ENVIRONMENT_ERRORS` as an error worded for a person."""
    why = storage_problem(exc)
    if why is not None:
        return LibraryStorageError(storage_message(why, getattr(exc, "filename", None)),
                                   reason=storage_reason(why))
    if isinstance(exc, sqlite3.Error):
        return LibraryError(f"the catalog could not be used: {exc}")
    filename = getattr(exc, "filename", None)
    return LibraryError(f"{getattr(exc, 'strerror', None) or exc}"
                        + (f": {filename}" if filename else ""))


class CatalogDamaged(LibraryError):
    """The catalog file fails its check, is not a Briefer catalog, or is missing or empty
    while the library still holds its data (``details["problem"]`` says which); the
    message says what is wrong, that nothing was deleted, and whether a backup can be
    restored."""

    reason = "catalog_damaged"
