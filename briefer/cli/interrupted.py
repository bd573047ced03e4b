"""The command line's words for work a crash interrupted (an import, an OCR run): the
one-line note a command that writes to the library prints, and the lines ``briefer add
--resume`` prints. The facts come from :func:`briefer.core.ops.importing.interrupted_work`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from briefer.core.ops.importing import InterruptedWork
    from briefer.core.ops.session import Session


def when(started: str) -> str:
    """'2026-12-04 23:50 UTC' from an ISO-8601 UTC time."""
    return started[:16].replace("T", " ") + " UTC" if len(started) >= 16 else started


def what_is_left(work: "InterruptedWork") -> str:
    n = work.left
    if work.kind == "ocr":
        return f"{n} scanned page{'s' if n != 1 else ''} still wait{'' if n != 1 else 's'}"
    return f"{n} of {work.total} file{'s' if work.total != 1 else ''} not imported yet"


def note(work: "InterruptedWork") -> str:
    """One line about one piece of interrupted work, with the command that continues it."""
    return (f"note: {work.description}, started {when(work.started)}, was interrupted: "
            f"{what_is_left(work)}. `briefer add --resume` continues it; "
            "`briefer add --discard-interrupted` forgets it.")


def print_notes(session: "Session", out: TextIO = sys.stderr) -> list[Any]:
    """Print a note for each piece of interrupted work (none for a read-only session);
    returns the work found. Never fails a command: a problem reading it is left unsaid."""
    from briefer.core.ops.importing import interrupted_work

    try:
        found = interrupted_work(session)
    except Exception:  # a note must not cost the command it accompanies
        return []
    for w in found:
        print(note(w), file=out)
    return found
