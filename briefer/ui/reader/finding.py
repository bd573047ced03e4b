"""The reader's hits and find: stepping through search hits (F3 / Shift+F3), the find bar
(Ctrl+Shift+F) and its matches, and keeping the current one in view. A part of
:class:`~briefer.ui.reader.panel.ReaderPanel` (a mixin: the panel owns the widgets and the
state it uses — the document, the page, the hit cursor, the find bar, the canvas).
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt

from briefer.ui.reader.hits import Hit, Span


class FindingMixin:
    """Hits and the find bar (see the module docstring)."""

    def open_find(self) -> None:
        """Show the find bar (Ctrl+Shift+F), prefilled with the selection's first words."""
        text = ""
        if self._selection is not None and len(self._selection.text) <= 80:
            text = " ".join(self._selection.text.split())
        self.find_bar.open_bar(text)

    def next_hit(self) -> None:
        self._step_hit(+1)

    def previous_hit(self) -> None:
        self._step_hit(-1)

    def find_count(self) -> tuple[int, int]:
        """``(current, total)`` of the find bar (current from 1; 0 when none chosen)."""
        return self.hits.count() if self.hits.finding else (0, 0)

    def _set_hits(self, hits: dict[int, list[Span]]) -> None:
        self.hits.set_search(hits)
        self._update_layers()

    def _focus_first_hit(self, page: int, spans: Optional[list[Span]]) -> None:
        if spans and self.hits.focus((page, *min(spans))):
            self._update_layers()
            self._scroll_to_current()
        else:
            self._update_layers()

    def _step_hit(self, direction: int) -> None:
        if self._doc is None:
            return
        hit = self.hits.step(direction, self._page)
        if hit is None:
            return
        current, total = self.hits.count()
        if self.hits.finding:
            self.find_bar.set_count(current, total)
        else:
            self._say(f"Hit {current} of {total}")
        if hit[0] != self._page:
            self.go_to_page(hit[0])
        self._update_layers()
        self._scroll_to_current()

    def _scroll_to_current(self) -> None:
        rects = self.canvas.layers.get("current") or []
        if rects:
            r = self.canvas.to_pixels(rects[0])
            self.scroll.ensureVisible(int(r.center().x()), int(r.center().y()), 60, 80)

    def _on_find(self, text: str, case: bool, whole: bool, diacritics: bool = False) -> None:
        if self._doc is None:
            return
        if not text.strip():
            self.hits.clear_found()
            self.find_bar.set_count(0, 0, searched=False)
            self._update_layers()
            return
        from briefer.core.ops import search as ops_search

        doc_id = self._doc.doc_id

        self.ctx.tasks.submit(ops_search.find_in_document, self.ctx.session, doc_id, text,
                              case_sensitive=case, whole_word=whole,
                              match_diacritics=diacritics, title="Finding in the document",
                              kind="read", cancellable=False,
                              on_result=lambda hits: self._on_found(
                                  doc_id, text, [tuple(h) for h in hits]))

    def _on_found(self, doc_id: int, text: str, hits: list[Hit]) -> None:
        if self._doc is None or self._doc.doc_id != doc_id or self.find_bar.edit.text() != text:
            return  # a stale answer
        self.hits.set_found(hits)
        if hits:
            self._step_hit(+1)
        else:
            self.find_bar.set_count(0, 0)
            self._update_layers()

    def _on_find_closed(self) -> None:
        self.hits.clear_found()
        self._update_layers()
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
