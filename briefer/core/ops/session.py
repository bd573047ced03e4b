"""A Session: one open library, usable from several threads of one process.

Why it is built this way:

* A ``sqlite3`` connection belongs to the thread that uses it, so :meth:`Session.catalog`
  hands every thread its own :class:`Catalog` connection (made on first use; WAL and a
  busy timeout let readers go on while another thread commits).
* The writer lock on ``library.lock`` is held once per process and library: opening the
  same library again in this process (another window, a background job) shares it —
  the sessions share one :class:`_Shared` state, counted by references.
* The search index allows one writer at a time; :meth:`Session.writing` serialises the
  actions that write it (import, OCR, metadata edits, removal, re-indexing) inside the
  process. Brief and clip edits write only the catalog and do not wait for an import;
  searches read the last committed index through its snapshot and never wait either.
* Every ops function that writes reports what it changed
  (:class:`~briefer.core.ops.changes.Changes`, through :meth:`Session.reporting`);
  :meth:`Session.subscribe` hands the reports to a front end in the thread that wrote,
  once per outermost action. Sessions of one library in one process share their
  listeners, so a second window hears the first one's edits.
* :meth:`Session.generation` is a cheap change stamp for views that refresh: SQLite's
  ``PRAGMA data_version`` (changes when any other connection, in any thread or process,
  commits) plus this connection's own changes plus an in-process counter bumped by
  every write action.

How a GUI uses it: open one Session on the GUI thread; run long actions (``add_files``,
``run_ocr``, ``reindex``) in a worker thread with the same Session; read and edit from
the GUI thread meanwhile. Close it once every worker has finished.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional

from briefer.core.catalog.catalog import Catalog
from briefer.core.ops.changes import NOTHING, Changes
from briefer.core.index.index import OpenReport
from briefer.core.library import CATALOG_NAME, ImportReport, Library
from briefer.core.paths import ENV_VAR, resolve_library_dir
from briefer.core.progress import CancelToken, ProgressCallback

if TYPE_CHECKING:  # imported when first used: a command that never touches briefs
    from briefer.core.briefs.briefs import BriefStore  # starts faster without them


class _Shared:
    """What every session of one library in this process shares."""

    def __init__(self, primary: Library, opener: int) -> None:
        self.root = primary.root
        self.primary = primary
        self.readonly = primary.readonly
        self.opener = opener  # the thread whose connection is primary.catalog
        self.write_mutex = threading.RLock()
        self.guard = threading.Lock()
        self.counter = 0
        self.refs = 1
        self.local = threading.local()
        self.catalogs: list[Catalog] = [primary.catalog]
        self.views: list[Library] = [primary]
        self.listeners: list[Callable[[Changes], None]] = []
        self.under_way: dict[int, Changes] = {}  # thread → what its write action changes
        self.reported = 0  # reports delivered to the listeners so far

    def catalog(self) -> Catalog:
        cat = getattr(self.local, "catalog", None)
        if cat is None:
            if threading.get_ident() == self.opener:
                cat = self.primary.catalog
            else:
                cat = Catalog(self.root / CATALOG_NAME, readonly=self.readonly)
                with self.guard:
                    self.catalogs.append(cat)
            self.local.catalog = cat
        return cat

    def library(self) -> Library:
        lib = getattr(self.local, "library", None)
        if lib is None:
            cat = self.catalog()
            if cat is self.primary.catalog:
                lib = self.primary
            else:
                # A view: this thread's catalog, the shared index, no lock of its own.
                lib = self.primary.view(cat)
                with self.guard:
                    self.views.append(lib)
            self.local.library = lib
        return lib

    def index_replaced(self, lib: Library) -> None:
        """After ``lib`` rebuilt the index from scratch, every view uses the new one."""
        with self.guard:
            for view in self.views:
                view.index = lib.index

    def changed(self) -> bool:
        return (self.counter > 0 or self.primary.changed_since_open()
                or any(c.total_changes() > 0 for c in self.catalogs
                       if c is not self.primary.catalog))

    def close(self) -> None:
        changed = not self.readonly and self.changed()
        for cat in self.catalogs:
            if cat is not self.primary.catalog:
                cat.close()
        self.primary.close(changed=changed)


_OPEN: dict[str, _Shared] = {}  # writable libraries open in this process, by folder
_OPEN_GUARD = threading.Lock()


def samples_wanted(root: Optional[str | Path] = None) -> bool:
    """Whether a library opened with ``root`` gets the sample documents when it is new:
    only the user's own library (no folder named, no ``BRIEFER_LIBRARY``), where a new
    user meets Briefer. A library made for a project, or by a script, starts empty."""
    return not root and not os.environ.get(ENV_VAR)


class Session:
    """An open library. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, shared: _Shared, *, samples_added: Optional[ImportReport] = None,
                 created: bool = False) -> None:
        self._shared: Optional[_Shared] = shared
        self.root: Path = shared.root
        self.readonly: bool = shared.readonly
        #: Why it is read-only ("" when writable): another process writes, a full disk …
        self.readonly_reason: str = shared.primary.readonly_reason if shared.readonly else ""
        #: Whether the index was rebuilt when opened, and why.
        self.index_report: OpenReport = shared.primary.index_report
        #: The sample documents imported because the library was new (else None).
        self.samples_added = samples_added
        #: True when this open created the library.
        self.created = created
        #: Ids of documents whose stored PDF was missing when the library opened (see
        #: :func:`briefer.core.ops.documents.check_library` for the whole picture).
        self.missing_stored: list[int] = list(shared.primary.missing_stored)
        #: Stored PDFs the catalog does not list, kept rather than deleted at open.
        self.stray_files: list[Path] = list(shared.primary.stray_files)

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, root: Optional[str | Path] = None, *, readonly: bool = False,
             readonly_if_busy: bool = False, samples: Optional[bool] = None,
             progress: Optional[ProgressCallback] = None,
             cancel: Optional[CancelToken] = None) -> "Session":
        """Open the library at ``root`` (default: the user's library), creating it.

        A new library gets the sample documents when ``samples`` (by default when
        :func:`samples_wanted`: it is the user's own library). ``readonly=True`` opens
        it for reading only (nothing is written, no lock is taken). ``readonly_if_busy``
        falls back to reading only when another process writes to it or its disk cannot
        be written (:attr:`readonly_reason` says which). Raises
        :class:`briefer.core.library.LibraryError` subclasses (reason ``library_busy``,
        ``catalog_damaged``, ``disk_full``, ``read_only``, ``no_library``).
        """
        folder = resolve_library_dir(root)
        if samples is None:
            samples = samples_wanted(root)
        if readonly:
            lib = Library.open(folder, readonly=True)
            return cls(_Shared(lib, threading.get_ident()))
        key = str(folder)
        with _OPEN_GUARD:
            shared = _OPEN.get(key)
            if shared is not None:
                with shared.guard:
                    shared.refs += 1
                return cls(shared)
            fresh = not (folder / CATALOG_NAME).exists()
            lib = Library.open(folder, readonly_if_busy=readonly_if_busy, progress=progress)
            shared = _Shared(lib, threading.get_ident())
            if lib.readonly:
                return cls(shared)
            _OPEN[key] = shared
        seeded = None
        if fresh and samples:
            with shared.write_mutex:
                seeded = lib.seed_samples(progress=progress, cancel=cancel)
                shared.counter += 1
        return cls(shared, samples_added=seeded, created=fresh)

    def close(self) -> None:
        """Close this session; the library closes with the last session of the process,
        after any write action still running in another thread (cancel it first)."""
        shared, self._shared = self._shared, None
        if shared is None:
            return
        with _OPEN_GUARD:  # an open of the same library waits until this one is closed
            with shared.guard:
                shared.refs -= 1
                last = shared.refs == 0
            if last:
                if _OPEN.get(str(shared.root)) is shared:
                    del _OPEN[str(shared.root)]
                with shared.write_mutex:  # a write action still running finishes first
                    shared.close()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._shared is None

    def _state(self) -> _Shared:
        if self._shared is None:
            raise RuntimeError("this session is closed")
        return self._shared

    # ------------------------------------------------------------------ per thread
    def catalog(self) -> Catalog:
        """The calling thread's connection to the catalog (made on first use)."""
        return self._state().catalog()

    def briefs(self) -> "BriefStore":
        """A :class:`BriefStore` over the calling thread's catalog."""
        from briefer.core.briefs.briefs import BriefStore

        shared = self._state()
        store = getattr(shared.local, "briefs", None)
        if store is None:
            store = BriefStore(shared.catalog())
            shared.local.briefs = store
        return store

    def library(self) -> Library:
        """The calling thread's :class:`Library` handle (its catalog, the shared index).

        Core modules that take a library (search, OCR, find in document) are given this.
        Actions that write the index must run inside :meth:`writing`.
        """
        return self._state().library()

    # ------------------------------------------------------------------ writing
    def require_writable(self) -> None:
        """Raise ``LibraryBusy`` (reason ``library_busy`` or ``read_only``) if read-only."""
        self.library().require_writable()

    @contextmanager
    def writing(self) -> Iterator[Library]:
        """Run one write action: checks the session may write, waits for any other write
        action of this process on the library, yields this thread's library handle and
        bumps :meth:`generation` when done."""
        shared = self._state()
        lib = shared.library()
        lib.require_writable()
        with shared.write_mutex:
            index_before = lib.index
            try:
                yield lib
            finally:
                if lib.index is not index_before:
                    shared.index_replaced(lib)
                with shared.guard:
                    shared.counter += 1

    # ------------------------------------------------------------------ changes
    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call ``listener(changes)`` after every write action of this process on the
        library (in the thread that wrote; nested ops calls report once). Returns the
        function that unsubscribes it."""
        shared = self._state()
        with shared.guard:
            shared.listeners.append(listener)

        def unsubscribe() -> None:
            with shared.guard:
                if listener in shared.listeners:
                    shared.listeners.remove(listener)

        return unsubscribe

    @contextmanager
    def reporting(self, changes: Changes = NOTHING) -> Iterator[None]:
        """Run one write action that changes ``changes``; the outermost action of the
        thread reports everything its inner actions reported when it ends — failed or
        not, as what it committed before failing is kept."""
        shared = self._state()
        local = shared.local
        depth = getattr(local, "report_depth", 0)
        me = threading.get_ident()
        local.pending = changes if depth == 0 else local.pending | changes
        with shared.guard:
            shared.under_way[me] = local.pending
        local.report_depth = depth + 1
        try:
            yield
        finally:
            local.report_depth = depth
            if depth == 0:
                pending, local.pending = local.pending, NOTHING
                try:
                    if pending:  # an action that changed nothing (a search not recorded)
                        with shared.guard:  # leaves the change stamp as it was
                            shared.counter += 1
                    self._deliver(shared, pending)
                finally:
                    with shared.guard:
                        shared.under_way.pop(me, None)

    def report(self, changes: Changes) -> None:
        """Add ``changes`` to the running write action's report (or report them now when
        no action runs in this thread): for changes known only once they happened."""
        with self.reporting(changes):
            pass

    def _deliver(self, shared: _Shared, changes: Changes) -> None:
        if not changes:
            return
        with shared.guard:
            listeners = list(shared.listeners)
            shared.reported += 1
        for listener in listeners:
            try:
                listener(changes)
            except Exception:  # a front end's failure must not undo a committed write
                import logging

                logging.getLogger(__name__).exception("change listener failed")

    def reports_state(self) -> tuple[Optional[Changes], int]:
        """``(what the write actions under way change, reports delivered so far)`` in this
        process (``None`` when no action runs). A front end that sees the catalog change
        while an action runs knows what may have changed (an import adds documents as it
        goes); one that sees it before it read the last report waits for the report."""
        shared = self._state()
        with shared.guard:
            running = list(shared.under_way.values())
            reported = shared.reported
        if not running:
            return None, reported
        under = NOTHING
        for c in running:
            under = under | c
        return under, reported

    def touched(self) -> None:
        """Tell the session that something changed outside :meth:`writing` (rarely needed:
        catalog commits are seen by :meth:`generation` anyway)."""
        shared = self._state()
        with shared.guard:
            shared.counter += 1

    def generation(self) -> int:
        """A number that grows whenever the library changed, from any thread or process.

        Cheap (one ``PRAGMA``); compare it with the value seen last time, on the same
        thread, to decide whether a view should refresh.
        """
        shared = self._state()
        cat = shared.catalog()
        return cat.data_version() + cat.total_changes() + shared.counter
