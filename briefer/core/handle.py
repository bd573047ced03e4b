"""What the rooms below ``library`` need of a library: a narrow, typed handle.

:class:`briefer.core.library.Library` is a large object (the lock, backups, import,
editing …), and it sits above the rooms that use it. Those rooms (``ocr``, ``search``,
``clips``, ``briefs``, ``export``) accept one of the protocols here instead, which name only
what they really use, so a type checker sees every use and any object with those members
serves (a ``Library``, a per-thread view of one, a test double):

* :class:`LibraryView` — the catalog (this thread's connection), the page index and where
  the library lives: enough to search, to read pages and to write to the catalog (a
  read-only catalog refuses writes itself).
* :class:`LibraryHandle` — a reader that may also write: whether it is read-only, the
  refusal when it is, stored files, and bringing the index into agreement with the
  catalog after a change (``index.sync.synchronise``).

Writing one document's current state into an open index writer is not a handle's job:
that is :func:`briefer.core.index.sync.write_document` (the catalog and a writer in).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from briefer.core.catalog.catalog import Catalog
from briefer.core.catalog.records import Document
from briefer.core.index.backend import SearchBackend
from briefer.core.progress import CancelToken, ProgressCallback

__all__ = ["LibraryHandle", "LibraryView"]


class LibraryView(Protocol):
    """A library to read: its catalog (this thread's connection) and its page index."""

    @property
    def root(self) -> Path:
        """The library folder."""
        ...

    @property
    def catalog(self) -> Catalog:
        """The catalog, the source of truth."""
        ...

    @property
    def index(self) -> SearchBackend:
        """The page index behind the search seam."""
        ...


class LibraryHandle(LibraryView, Protocol):
    """A library to read and, unless it is read-only, to write."""

    @property
    def readonly(self) -> bool:
        """Whether this handle may not write."""
        ...

    def require_writable(self) -> None:
        """Raise a ``BrieferError`` (reason ``read_only`` or ``library_busy``) when this
        handle may not write."""
        ...

    def file_path(self, doc: Document) -> Path:
        """The library's stored copy of ``doc``."""
        ...

    def sync_index(self, progress: ProgressCallback | None = None,
                   cancel: CancelToken | None = None) -> int:
        """Bring the index into agreement with the catalog; documents (re)indexed."""
        ...
