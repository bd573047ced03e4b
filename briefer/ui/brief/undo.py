"""Brief edits on a ``QUndoStack``, over the core's own command objects.

``QUndoStack.push`` calls ``redo()`` at once. The ops layer has already run and saved the
edit when it returns the command, and an edit that failed raised instead of returning —
so the wrapper skips its first ``redo`` and a failed edit never enters the stack. Later
``undo``/``redo`` put back the exact rows the core recorded (``ops.briefs.undo/redo``).

If putting rows back fails (the brief was deleted meanwhile in another window, the disk is
full), the error goes to the window's error reporting and the command marks itself
obsolete, so the stack drops it instead of offering an undo that cannot work.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtGui import QUndoCommand


class CoreUndoCommand(QUndoCommand):
    """One done core command; ``after`` runs after every undo/redo (the panel reloads)."""

    def __init__(self, ctx: Any, command: Any, text: str, brief_id: Optional[int],
                 after: Callable[["CoreUndoCommand"], None]) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.command = command
        self.brief_id = brief_id
        self._after = after
        self._first = True

    def redo(self) -> None:
        if self._first:  # already done and saved by the ops call
            self._first = False
            return
        self._run("redo")

    def undo(self) -> None:
        self._run("undo")

    def _run(self, which: str) -> None:
        from briefer.core.ops import briefs as ops_briefs

        try:
            getattr(ops_briefs, which)(self.ctx.session, self.command)
        except Exception as exc:  # reported, never raised into Qt's undo machinery
            self.setObsolete(True)
            self.ctx.report_error(exc)
        self._after(self)
