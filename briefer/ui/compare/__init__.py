"""Compare Versions (issue 20): the window that shows two documents' provisions side by
side. :func:`open_compare` is the main window's one entry point (Library ▸ Compare
Versions…, and the Library's context menu)."""

from __future__ import annotations

from typing import Any

from briefer.ui.compare.window import CompareWindow

__all__ = ["CompareWindow", "open_compare"]


def open_compare(window: Any) -> CompareWindow:
    """Show the comparison window of main window ``window`` (one per window, brought to
    the front when already open) with the documents selected in the Library offered —
    or two versions of one title — and compare them at once when there is such a pair."""
    existing = getattr(window, "compare_window", None)
    selected = list(window.library.selected_ids()) if hasattr(window, "library") else []
    if existing is None:
        existing = CompareWindow(window.ctx, window, brief_panel=getattr(window, "brief", None))
        existing.openPassage.connect(window.open_passage)
        window.compare_window = existing
    pair = existing.load_documents(selected)
    existing.show()
    existing.raise_()
    existing.activateWindow()
    if pair is not None:
        existing.compare()
    return existing
