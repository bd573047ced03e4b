"""The reader's selection: a drag or the keyboard (words and sentences, since quotes are
sentences — :mod:`briefer.ui.reader.keys`) selects stored offsets on the page; the popup
beside it quotes them into the brief or searches the library for them; copying with the
page reference. A part of :class:`~briefer.ui.reader.panel.ReaderPanel` (a mixin: the
panel owns the widgets and the state it uses).
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import SIGNAL, QPointF, QRect, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence

from briefer.ui.reader import keys
from briefer.ui.reader.popup import popup_position
from briefer.ui.reader.selection import ReaderSelection


class SelectingMixin:
    """The selection and its popup (see the module docstring)."""

    def select_span(self, page_index: int, start: int, end: int) -> None:
        """Select stored span ``[start, end)`` on ``page_index`` (keyboard, tests, links)."""
        if self._doc is None:
            return
        if page_index != self._page:
            self.go_to_page(page_index)
        page = self._doc.page(page_index)
        if page is None or end <= start:
            self._set_selection(None)
            return
        start, end = max(0, start), min(len(page.text), end)
        self._set_selection(ReaderSelection(self._doc.doc_id, page_index, start, end,
                                            page.text[start:end], ocr=page.kind == "ocr"))

    def clear_selection(self) -> None:
        self._set_selection(None)

    def copy_with_reference(self) -> None:
        """Copy the selection with its citation, as the core's ``ops.clips.copy_with_page``
        words it — the footnote the open brief's export would write (the library's default
        style without one); the reader only puts it on the clipboard."""
        from briefer.core.ops.clips import copy_with_page

        sel = self._selection
        if sel is None or self._doc is None:
            return
        try:
            text = copy_with_page(self.ctx.session, sel.doc_id, sel.page_index, sel.start,
                                  sel.end, brief_id=getattr(self.ctx, "current_brief_id", None))
        except Exception as exc:  # the document went meanwhile: said, not raised
            self.ctx.report_error(exc)
            return
        QGuiApplication.clipboard().setText(text)
        self._drop_popup()
        self._say("Copied the passage with its page reference.")

    def _set_selection(self, sel: Optional[ReaderSelection]) -> None:
        if sel == self._selection:
            return
        self._selection = sel
        self._drop_popup()  # a bar belongs to the selection it was shown for
        if sel is None:
            self._update_controls()  # the page's own hint again
        else:
            n = len(sel.text)
            self._say(f"{n} character{'s' if n != 1 else ''} selected — Ctrl+B quotes them "
                      "into the brief, Ctrl+Shift+C copies them with the page.")
        self._update_layers()
        self.selectionChanged.emit()

    def _on_popup_find(self) -> None:
        """Search the library for the selected words (as a phrase when they are few)."""
        self._drop_popup()
        sel = self._selection
        if sel is None:
            return
        words = " ".join(sel.text.replace("\u00ad", "").replace('"', " ").split())
        if not words:
            return
        query = f'"{words}"' if 1 < len(words.split()) <= 8 else " ".join(words.split()[:8])
        self.searchRequested.emit(query)

    def _on_drag(self, p0: QPointF, p1: QPointF) -> None:
        if self._doc is None:
            return
        self._drop_popup()
        span = self._doc.span_between(self._page, p0, p1, self.canvas.rectangle_drag)
        if span is None:
            self._set_selection(None)
        else:
            self.select_span(self._page, *span)

    def _show_popup(self) -> None:
        """Show the bar for the selection a drag just made (it then follows it)."""
        if self._selection is None or self._doc is None:
            return
        # "Find in library" only where a window runs the search (a panel alone has none)
        self.popup.find.setVisible(self.receivers(SIGNAL("searchRequested(QString)")) > 0)
        self.popup.adjustSize()
        self._popup_wanted = True
        self._place_popup()

    def _drop_popup(self) -> None:
        """The bar goes (the selection went, changed, or was used)."""
        self._popup_wanted = False
        self.popup.hide()

    def _place_popup(self) -> None:
        """Put the bar below (else above) the selected lines inside the visible part of the
        page, never over a selected word; hidden while the selection is out of view. Called
        again whenever the page moves under it (scrolling, zoom, a new page)."""
        if not self._popup_wanted or self._selection is None or self._doc is None:
            self.popup.hide()
            return
        viewport = self.scroll.viewport()
        rects = []
        for r in self.canvas.layers.get("selection") or []:
            box = self.canvas.to_pixels(r).toAlignedRect()
            rects.append(QRect(self.canvas.mapTo(viewport, box.topLeft()), box.size()))
        pos = popup_position(rects, self.popup.size(), viewport.rect())
        if pos is None:
            self.popup.hide()
            return
        self.popup.move(pos)
        self.popup.show()
        self.popup.raise_()

    def _on_popup_quote(self) -> None:
        self._drop_popup()
        if self._selection is not None:
            self.quoteRequested.emit(self._selection)

    def _on_canvas_key(self, event: QKeyEvent) -> bool:
        doc, page = self._doc, self._page
        if doc is None:
            return False
        key, mods = event.key(), event.modifiers()
        M = Qt.KeyboardModifier
        info = doc.page(page)
        text = info.text if info else ""
        sel = self._selection
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and not mods & M.ShiftModifier:
            self.go_to_page(page + (1 if key == Qt.Key.Key_PageDown else -1))
            return True
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and mods & M.ControlModifier:
            self.go_to_page(0 if key == Qt.Key.Key_Home else doc.page_count - 1)
            return True
        if key == Qt.Key.Key_Escape and sel is not None:
            self._set_selection(None)
            return True
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_span(page, *keys.whole_page(text))
            return True
        if event.matches(QKeySequence.StandardKey.Copy) and sel is not None:
            QGuiApplication.clipboard().setText(sel.text)
            return True
        selected = (sel.start, sel.end) if sel is not None else None
        arrows = (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Up)
        if mods & M.AltModifier and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            span = keys.sentence_step(text, selected, self._anchor_offset(),
                                      forward=key == Qt.Key.Key_Down)
        elif mods & M.ShiftModifier and key in arrows:
            unit = "word" if key in (Qt.Key.Key_Right, Qt.Key.Key_Left) else "sentence"
            span = keys.extend(text, selected, self._anchor_offset(), unit,
                               forward=key in (Qt.Key.Key_Right, Qt.Key.Key_Down))
        else:
            return False
        if span is not None:
            self.select_span(page, *span)
            self._ensure_selection_visible()
        return True

    def _anchor_offset(self) -> int:
        """Where keyboard selection starts: the current hit on this page, else its start."""
        hit = self.hits.current()
        return hit[1] if hit is not None and hit[0] == self._page else 0

    def _ensure_selection_visible(self) -> None:
        rects = self.canvas.layers.get("selection") or []
        if rects:
            r = self.canvas.to_pixels(rects[-1])
            self.scroll.ensureVisible(int(r.center().x()), int(r.center().y()), 40, 60)
