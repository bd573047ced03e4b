"""The operations layer: one typed function per user action, for every front end.

The command line (``briefer/cli*``) and the desktop window (``briefer/ui``) only parse,
present and phrase; every rule — validation, defaults, multi-step edits, what a status
means — lives here or below. Each function takes an open :class:`Session` (a library
usable from several threads), returns plain data, and raises
:class:`briefer.core.errors.BrieferError` subclasses worded for a person, with a
``reason`` code where a front end should offer an action.

Modules: :mod:`.session` (opening, threads, change stamps), :mod:`.documents` (list,
show, add, unlock, edit, remove, re-index), :mod:`.search` (search, history, saved
searches, find in a document, completions), :mod:`.ocr`, :mod:`.maintenance` (info,
backup, restore), :mod:`.clips`, :mod:`.briefs` (every edit returns its undoable
command), :mod:`.export`.

Threads: open one Session and use it from any thread. Each thread gets its own catalog
connection; actions that write the search index (adding, OCR, metadata, removal,
re-indexing) take turns inside the process; searches, page reads, clips and brief edits
never wait for them. Run long actions (they take ``progress`` and ``cancel``) off the
GUI thread; every function that writes reports what it changed
(:class:`briefer.core.ops.changes.Changes`) to the listeners of
:meth:`Session.subscribe`, so views refresh only what changed
(:meth:`Session.generation` tells changes by another process); close the Session after
the workers have finished.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefer.core.ops.session import Session

__all__ = ["Session"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: importing a light module of this package (``importing``, which
    # a command line loads first to start its workers) must not load the library and index.
    if name == "Session":
        from briefer.core.ops.session import Session

        return Session
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
