"""The Reader panel: one PDF page at a time with hits, clips and the selection on the words.

Why it is built this way:

* One page at a time in a scroll area (a :class:`PageCanvas`), not ``QPdfView``: QtPdf
  6.12's view can neither paint custom highlights nor select text, and the reader needs
  both exactly on the words (see ``briefer.ui.reader.document`` for the offset rules).
  Pages are drawn by a worker process under a memory limit, called from read tasks of
  the task runner (``bounded.draw_page``): a page that would take more is refused with
  a message on the page, never drawn in the window's process.
* The catalog's text, labels, outline and OCR boxes load through the task runner (a read
  task), so opening a 1,000-page document never blocks the window; pdfium opens the file
  lazily (it reads the cross-reference table, not the pages): 2–50 ms for the corpus's
  four largest files (up to 184 pages, 50 ms being a cold first open), so the
  ``QPdfDocument`` itself loads on the GUI thread. Drawing their first page takes
  57–205 ms, which is why pages render in a worker.
* The selection is always stored offsets (code points into the catalog's page text), so
  what the reader hands to the brief is exactly what the core will verify.
* Keyboard selection is by words and sentences, since quotes are sentences (the keys are
  in :mod:`briefer.ui.reader.keys`); which hits are painted and which is current (search
  hits, or the find bar's matches while it has a text) is :mod:`briefer.ui.reader.hits`.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
                               QScrollArea, QSizePolicy, QSpinBox, QSplitter,
                               QStackedWidget, QToolButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from briefer.core.ops.documents import page_cite_text
from briefer.ui.reader.canvas import PageCanvas
from briefer.ui.reader.document import (Freshness, ReaderData, ReaderDocument,
                                        check_document, load_reader_data)
from briefer.ui.reader.findbar import FindBar
from briefer.ui.reader.finding import FindingMixin
from briefer.ui.reader.hits import HitCursor, Span
from briefer.ui.reader.bounded import OPEN_TOO_LARGE, REFUSED_HINT, Refused, draw_page
from briefer.ui.reader.popup import SelectionPopup
from briefer.ui.reader.selecting import SelectingMixin
from briefer.ui.reader.selection import ReaderSelection

log = logging.getLogger(__name__)

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)


class ReaderPanel(FindingMixin, SelectingMixin, QWidget):
    """The reader (see the module docstring; finding and selecting are in their own
    modules, :mod:`.finding` and :mod:`.selecting`). Interface used by the window:
    :meth:`open_document`, :meth:`selection`, :meth:`highlight_rects`,
    :meth:`find_action_targets`, signals ``selectionChanged`` and ``pageChanged``."""

    selectionChanged = Signal()
    pageChanged = Signal(int)
    documentLoaded = Signal(int)
    quoteRequested = Signal(object)  # ReaderSelection: the popup's "Quote to brief"
    searchRequested = Signal(str)  # the popup's "Find in library": a query for the window

    def __init__(self, ctx: Any, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Reader")
        self._doc: Optional[ReaderDocument] = None
        self._page = 0
        self.hits = HitCursor()
        self._selection: Optional[ReaderSelection] = None
        self._popup_wanted = False  # the selection bar is shown for the current selection
        self._zoom = 1.0
        self._fit_width = True
        self._open_token = 0
        self._loading: Optional[tuple[int, int, dict[int, list[Span]]]] = None
        self._render_id = 0
        self._passwords: dict[int, str] = {}  # in memory only: never written anywhere
        self.password_dialog: Optional[QInputDialog] = None
        self._rendering: dict[int, int] = {}  # id(document) → pages being drawn
        self._opened_safely: set[Any] = set()  # other-engine PDFs the worker opened
        self._retired: list[ReaderDocument] = []
        self._build()
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(0)
        self._render_timer.timeout.connect(self._render)
        ctx.changed.connect(self._on_library_changed)
        self._apply_colours()
        settings = getattr(ctx, "settings", None)
        if settings is not None and hasattr(settings, "changed"):
            settings.changed.connect(self._on_setting_changed)
        self._update_controls()

    # ================================================================== building
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        self.outline_button = self._tool("☰", "Show or hide the document's outline", True)
        self.prev_button = self._tool("◀", "Previous page (Page Up)")
        self.page_spin = QSpinBox(self)
        self.page_spin.setAccessibleName("PDF page number")
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.setMinimum(1)
        self.page_of = QLabel("", self)
        self.next_button = self._tool("▶", "Next page (Page Down)")
        self.page_of.setContentsMargins(4, 0, 4, 0)
        self.label_info = QLabel("", self)
        self.label_info.setAccessibleName("Printed page label")
        # a click on the page indicator opens the document's Page Numbering dialog
        self.label_info.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label_info.installEventFilter(self)
        # a long title must not hold the reader wide: it is cut, the tooltip has it whole
        self.label_info.setSizePolicy(QSizePolicy.Policy.Ignored,
                                      QSizePolicy.Policy.Preferred)
        self.zoom_out = self._tool("−", "Zoom out (Ctrl+-)")
        self.zoom_box = QComboBox(self)
        self.zoom_box.setAccessibleName("Zoom")
        self.zoom_box.addItem("Fit width", None)
        for z in ZOOMS:
            self.zoom_box.addItem(f"{round(z * 100)} %", z)
        self.zoom_in = self._tool("+", "Zoom in (Ctrl++)")
        self.find_button = self._tool("Find", "Find in this document (Ctrl+Shift+F)")
        for w in (self.outline_button, self.prev_button, self.page_spin, self.page_of,
                  self.next_button):
            bar.addWidget(w)
        bar.addSpacing(8)
        bar.addWidget(self.label_info, 1)
        for w in (self.zoom_out, self.zoom_box, self.zoom_in, self.find_button):
            bar.addWidget(w)
        outer.addLayout(bar)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        outer.addWidget(self.find_bar)

        self.stack = QStackedWidget(self)
        self.empty = QLabel(
            "<p style='font-size:large'>No document open</p>"
            "<p>Open a document from the Library, or a result from Search:<br>its pages "
            "appear here with the matching words highlighted.</p>"
            "<p>Select a sentence (drag, or Alt+↓ with the keyboard) and press Ctrl+B to "
            "quote it into your brief.</p>", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setAccessibleName("No document open")
        self.empty.setMargin(24)
        self.stack.addWidget(self.empty)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.outline = QTreeWidget(self.splitter)
        self.outline.setHeaderHidden(True)
        self.outline.setAccessibleName("Outline")
        self.outline.hide()
        self.scroll = QScrollArea(self.splitter)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidgetResizable(False)
        self.canvas = PageCanvas()
        self.scroll.setWidget(self.canvas)
        self.scroll.viewport().installEventFilter(self)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 600])
        self.stack.addWidget(self.splitter)
        outer.addWidget(self.stack, 1)
        self.hint = QLabel("", self)
        self.hint.setContentsMargins(8, 2, 8, 4)
        self.hint.setAccessibleName("Reader status")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.popup = SelectionPopup(self.scroll.viewport())
        # the bar follows its selection when the page moves under it
        self.scroll.verticalScrollBar().valueChanged.connect(self._place_popup)
        self.scroll.horizontalScrollBar().valueChanged.connect(self._place_popup)

        self.canvas.key_handler = self._on_canvas_key
        self.canvas.dragged.connect(self._on_drag)
        self.canvas.dragFinished.connect(self._show_popup)
        self.canvas.clicked.connect(lambda _p: self.clear_selection())
        self.prev_button.clicked.connect(lambda: self.go_to_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self._page + 1))
        self.page_spin.valueChanged.connect(lambda v: self.go_to_page(v - 1))
        self.zoom_box.currentIndexChanged.connect(self._on_zoom_chosen)
        self.zoom_in.clicked.connect(lambda: self.step_zoom(+1))
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.outline_button.toggled.connect(self._on_outline_toggled)
        self.outline.itemActivated.connect(self._on_outline_item)
        self.outline.itemClicked.connect(self._on_outline_item)
        self.find_button.clicked.connect(self.open_find)
        self.find_bar.searchRequested.connect(self._on_find)
        self.find_bar.nextRequested.connect(self.next_hit)
        self.find_bar.previousRequested.connect(self.previous_hit)
        self.find_bar.closed.connect(self._on_find_closed)
        self.popup.quote.clicked.connect(self._on_popup_quote)
        self.popup.copy.clicked.connect(self.copy_with_reference)
        self.popup.find.clicked.connect(self._on_popup_find)

        self.actions_by_name: dict[str, QAction] = {}
        for name, text, shortcuts, slot in (
                ("find", "Find in Document…", [QKeySequence("Ctrl+Shift+F")], self.open_find),
                ("next_hit", "Next Hit", [QKeySequence(QKeySequence.StandardKey.FindNext)],
                 self.next_hit),
                ("previous_hit", "Previous Hit",
                 [QKeySequence(QKeySequence.StandardKey.FindPrevious)], self.previous_hit),
                ("zoom_in", "Zoom In", [QKeySequence(QKeySequence.StandardKey.ZoomIn)],
                 lambda: self.step_zoom(+1)),
                ("zoom_out", "Zoom Out", [QKeySequence(QKeySequence.StandardKey.ZoomOut)],
                 lambda: self.step_zoom(-1)),
                ("fit_width", "Fit Width", [QKeySequence("Ctrl+0")], self.fit_width),
                ("copy", "Copy with Page Reference", [QKeySequence("Ctrl+Shift+C")],
                 self.copy_with_reference)):
            act = QAction(text, self)
            act.setShortcuts(shortcuts)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.actions_by_name[name] = act
        for name in ("zoom_in", "zoom_out", "fit_width", "copy"):
            self.addAction(self.actions_by_name[name])

    def _tool(self, text: str, tip: str, checkable: bool = False) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip.split(" (")[0])
        b.setCheckable(checkable)
        b.setAutoRaise(True)
        return b

    def _apply_colours(self) -> None:
        settings = getattr(self.ctx, "settings", None)
        if settings is None:
            return
        for layer, key in (("hit", "reader/hit_colour"), ("clip", "reader/clip_colour")):
            try:
                colour = QColor(str(settings.get(key)))
            except Exception:  # an unknown key in an older settings file: keep the default
                continue
            if colour.isValid():
                self.canvas.colours[layer] = colour

    def _on_setting_changed(self, key: str) -> None:
        if key.startswith("reader/"):
            self._apply_colours()
            self.canvas.update()

    # ================================================================== interface
    def open_page_numbering(self) -> None:
        """The Page Numbering dialog of the open document, the page shown filled in (the
        reader reloads the labels when the library says the document changed)."""
        from briefer.ui.dialogs.numbering import PageNumberingDialog

        if self._doc is None:
            return
        page = self._doc.page(self._page)
        dialog = PageNumberingDialog(self.ctx, self._doc.doc_id, self._page,
                                     page.label if page is not None else "", self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.numbering_dialog = dialog

    def current_document(self) -> Optional[int]:
        return self._doc.doc_id if self._doc else None

    def current_page(self) -> int:
        return self._page

    def zoom_choice(self) -> Optional[float]:
        """The zoom the user chose: None for "Fit width", else the factor."""
        return None if self._fit_width else self._zoom

    def document(self) -> Optional[ReaderDocument]:
        return self._doc

    def selection(self) -> Optional[ReaderSelection]:
        return self._selection

    def find_action_targets(self) -> dict[str, QAction]:
        """The reader's actions the window puts in its menus (Find, F3/Shift+F3, zoom)."""
        return dict(self.actions_by_name)

    def highlight_rects(self, page_index: int) -> list[QRectF]:
        """The search-hit rectangles painted on ``page_index`` (page points)."""
        if self._doc is None:
            return []
        rects: list[QRectF] = []
        for start, end in self.hits.search_spans(page_index):
            rects.extend(self._doc.rects_for_span(page_index, start, end))
        return rects

    def open_document(self, doc_id: int, page_index: int = 0,
                      spans: Optional[list[Span]] = None,
                      hit_pages: Optional[dict[int, list[Span]]] = None) -> None:
        """Show ``doc_id`` at ``page_index`` with the hit ``spans`` of that page (stored
        offsets) and those of other pages in ``hit_pages`` (for F3). Loads the catalog data
        off the GUI thread the first time."""
        hits = {p: list(s) for p, s in (hit_pages or {}).items()}
        if spans:
            hits[page_index] = list(spans)
        self._open_token += 1
        # going somewhere (a hit, a quote's passage, another document) ends the selection
        # and its bar, which would otherwise cover the passage shown
        self._set_selection(None)
        if self._doc is not None and self._doc.doc_id == doc_id:
            self._set_hits(hits)
            self.go_to_page(page_index, force=True)
            self._focus_first_hit(page_index, spans)
            return
        token = self._open_token
        self._loading = (doc_id, page_index, hits)
        self.hint.setText("Opening the document…")
        self.ctx.tasks.submit(load_reader_data, self.ctx.session, doc_id,
                              title="Opening a document", kind="read", cancellable=False,
                              on_result=lambda data: self._on_loaded(token, data),
                              on_error=lambda exc: self._on_load_failed(token, exc))

    def go_to_page(self, index: int, force: bool = False) -> None:
        """Show page ``index`` (0-based), clamped to the document."""
        if self._doc is None:
            return
        index = min(max(0, index), self._doc.page_count - 1)
        if index == self._page and not force:
            return
        changed = index != self._page
        self._page = index
        if self._selection is not None and self._selection.page_index != index:
            self._set_selection(None)
        self._update_controls()
        self._relayout()
        if changed or force:
            self.pageChanged.emit(index)

    def step_zoom(self, direction: int) -> None:
        current = self._effective_zoom()
        if direction > 0:
            bigger = [z for z in ZOOMS if z > current + 1e-3]
            self.set_zoom(bigger[0] if bigger else ZOOMS[-1])
        else:
            smaller = [z for z in ZOOMS if z < current - 1e-3]
            self.set_zoom(smaller[-1] if smaller else ZOOMS[0])

    def set_zoom(self, zoom: float) -> None:
        self._fit_width = False
        self._zoom = zoom
        i = self.zoom_box.findData(zoom)
        self.zoom_box.blockSignals(True)
        self.zoom_box.setCurrentIndex(i if i >= 0 else 0)
        self.zoom_box.blockSignals(False)
        self._relayout()

    def fit_width(self) -> None:
        self._fit_width = True
        self.zoom_box.blockSignals(True)
        self.zoom_box.setCurrentIndex(0)
        self.zoom_box.blockSignals(False)
        self._relayout()

    # ================================================================== loading
    def _on_loaded(self, token: int, data: ReaderData) -> None:
        if token != self._open_token or self._loading is None:
            return  # a newer open_document call won
        _doc_id, page_index, hits = self._loading
        if any(p.kind == "other" for p in data.pages) and data.path not in self._opened_safely:
            self._open_in_worker_first(token, data)
            return
        if data.missing:  # the stored copy was deleted: say so, and what puts it back
            from briefer.core.ops.documents import MISSING_TEXT

            self._loading = None
            text = MISSING_TEXT[0].upper() + MISSING_TEXT[1:]
            self._say(f"{text} (Library ▸ Add PDFs…)")
            self.ctx.show_status(f"“{data.title}” cannot be shown: its stored PDF is missing. "
                                 "Add the original file again to put it back.")
            return
        pdf = QPdfDocument(self)
        password = self._passwords.get(data.doc_id)
        if password:
            pdf.setPassword(password)
        err = pdf.load(str(data.path))
        if err == QPdfDocument.Error.IncorrectPassword:
            pdf.deleteLater()
            self._passwords.pop(data.doc_id, None)
            self._ask_password(token, data, wrong=password is not None)
            return
        self._loading = None
        if err != QPdfDocument.Error.None_:
            pdf.deleteLater()
            self._say(f"The PDF could not be opened ({err.name}). Its text is still "
                      "searchable; check the file in the Library.")
            return
        old = self._doc
        self._doc = ReaderDocument(data, pdf)
        if old is not None:
            self._retire(old)
        self.hits.clear_found()
        self.find_bar.set_count(0, 0, searched=False)
        self._page = -1
        self._drop_popup()
        if self._selection is not None:
            self._selection = None
            self.selectionChanged.emit()
        self._fill_outline(data)
        self._set_hits(hits)
        self.stack.setCurrentWidget(self.splitter)
        self.go_to_page(page_index, force=True)
        self._focus_first_hit(page_index, hits.get(page_index))
        self.documentLoaded.emit(data.doc_id)
        if self.find_bar.isVisible() and self.find_bar.edit.text().strip():
            self.find_bar.search_now()

    def _ask_password(self, token: int, data: ReaderData, wrong: bool) -> None:
        """A protected PDF: Briefer never stores passwords, so the reader asks for it to
        show the pages (kept in memory until the window closes). Non-blocking dialog."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Password")
        dialog.setLabelText(("That password did not open it. " if wrong else "")
                            + f"“{data.title}” is protected by a password. Enter it to "
                            "show its pages (it is not stored).")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAccessibleName("PDF password")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.password_dialog = dialog

        def chosen(text: str) -> None:
            if token == self._open_token and text:
                self._passwords[data.doc_id] = text
                self._on_loaded(token, data)

        def cancelled() -> None:
            if token == self._open_token:
                self._loading = None
                self._say("The pages of a password-protected PDF show once its password "
                          "is entered.")

        dialog.textValueSelected.connect(chosen)
        dialog.rejected.connect(cancelled)
        dialog.open()

    def _on_load_failed(self, token: int, exc: BaseException) -> None:
        if token == self._open_token:
            self._loading = None
            self.hint.setText("")
            self.ctx.report_error(exc)

    def _on_library_changed(self, changes: Any = None) -> None:
        """Clips may have come or gone (a quote, an undo), OCR may have read a page, the
        document may have been removed: look (cheaply) and update what changed. A change
        of briefs, searches or settings alone leaves the reader as it is."""
        if self._doc is None:
            return
        if changes is not None and not (changes.documents or changes.pages or changes.clips):
            return
        doc_id = self._doc.doc_id
        self.ctx.tasks.submit(check_document, self.ctx.session, doc_id,
                              title="Checking the open document", kind="read",
                              cancellable=False,
                              on_result=lambda fresh: self._on_checked(doc_id, fresh),
                              on_error=lambda exc: log.debug("check: %s", exc))

    def _on_checked(self, doc_id: int, fresh: Freshness) -> None:
        doc = self._doc
        if doc is None or doc.doc_id != doc_id:
            return
        if not fresh.exists:
            self._say("This document was removed from the library; its pages stay here "
                      "until you open another.")
            return
        if fresh.stamp != doc.data.stamp:
            self.ctx.tasks.submit(load_reader_data, self.ctx.session, doc_id,
                                  title="Reading the document again", kind="read",
                                  cancellable=False,
                                  on_result=lambda data: self._on_reloaded(doc_id, data),
                                  on_error=lambda exc: log.debug("reload: %s", exc))
        elif fresh.clips != doc.data.clips:
            doc.data.clips = fresh.clips
            self._update_layers()

    def _on_reloaded(self, doc_id: int, data: ReaderData) -> None:
        if self._doc is not None and self._doc.doc_id == doc_id:
            self._doc.replace_data(data)
            sel = self._selection
            if sel is not None and self._doc.text(sel.page_index, sel.start, sel.end) != sel.text:
                self._set_selection(None)  # the words under it changed
            self._update_controls()
            self._update_layers()

    def _fill_outline(self, data: ReaderData) -> None:
        self.outline.clear()
        parents: list[QTreeWidgetItem] = []
        for level, title, page in data.outline:
            level = max(0, int(level))
            parent = parents[level - 1] if 0 < level <= len(parents) else None
            item = QTreeWidgetItem([title])
            item.setData(0, Qt.ItemDataRole.UserRole, page)
            if page is not None:
                item.setToolTip(0, f"{title} — PDF page {page + 1}")
            (parent.addChild(item) if parent is not None
             else self.outline.addTopLevelItem(item))
            del parents[level:]
            parents.append(item)
        has = bool(data.outline)
        self.outline_button.setEnabled(has)
        self.outline_button.setToolTip("Show or hide the document's outline" if has
                                       else "This document has no outline")
        self.outline.setVisible(has and self.outline_button.isChecked())

    # ================================================================== pages and painting
    def _effective_zoom(self) -> float:
        if not self._fit_width or self._doc is None:
            return self._zoom
        width_pt, _h = self._doc.page_size(max(0, self._page))
        avail = self.scroll.viewport().width() - 2 * 12 - 4
        return max(0.2, min(4.0, avail / max(1.0, width_pt)))

    def _relayout(self) -> None:
        if self._doc is None or self._page < 0:
            return
        w, h = self._doc.page_size(self._page)
        self.canvas.set_page_geometry(w, h, self._effective_zoom())
        self.canvas.set_image(None)
        self.canvas.set_refusal(self._doc.refusal(self._page))
        self._update_layers()
        self._render_timer.start()

    def _render(self) -> None:
        doc = self._doc
        if doc is None or self._page < 0:
            return
        px = self.canvas.page_pixel_size()
        dpr = self.devicePixelRatioF()
        size = QSize(round(px.width() * dpr), round(px.height() * dpr))
        self._render_id += 1
        request = (doc, self._page, self._render_id)
        self._rendering[id(doc)] = self._rendering.get(id(doc), 0) + 1

        def done(image: Any) -> None:
            self._rendering[id(doc)] -= 1
            self._drop_retired()
            if isinstance(image, Refused):  # beyond the memory bound: not shown, said why
                doc.refuse(image.page, image.message)
                if request == (self._doc, self._page, self._render_id):
                    self.canvas.set_refusal(image.message)
                    self._update_layers()
                    self._say(REFUSED_HINT)
                    self.ctx.show_status(f"Page {image.page + 1} is not shown: it is too "
                                         "large or damaged to draw safely.")
                return
            doc.mark_drawn(request[1])
            if request == (self._doc, self._page, self._render_id) and image is not None:
                # a page bigger than the pixel bound comes smaller; it is stretched to fit
                image.setDevicePixelRatio(dpr * image.width() / max(1, size.width()))
                self.canvas.set_image(image)
                self._update_layers()

        def failed(exc: BaseException) -> None:
            self._rendering[id(doc)] -= 1
            self._drop_retired()
            log.warning("page %s did not render: %s", request[1] + 1, exc)

        self.ctx.tasks.submit(draw_page, str(doc.data.path), self._passwords.get(doc.doc_id),
                              self._page, size, title="Drawing a page", kind="read",
                              cancellable=False, on_result=done, on_error=failed)

    def _open_in_worker_first(self, token: int, data: ReaderData) -> None:
        """pdfium could not read this document at import: open it (and draw its first page,
        small) in the bounded worker before this process opens it (see bounded.py)."""
        def done(result: Any) -> None:
            if token != self._open_token or self._loading is None:
                return
            if isinstance(result, Refused) and result.unsafe:
                self._loading = None
                self._say(OPEN_TOO_LARGE)
                self.ctx.show_status(f"“{data.title}” is not shown: it cannot be opened "
                                     "safely.")
                return
            self._opened_safely.add(data.path)  # (a merely damaged file: QtPdf says so)
            self._on_loaded(token, data)

        self.ctx.tasks.submit(draw_page, str(data.path), self._passwords.get(data.doc_id), 0,
                              QSize(64, 64), title="Opening a document", kind="read",
                              cancellable=False, on_result=done,
                              on_error=lambda exc: self._on_load_failed(token, exc))

    def _retire(self, doc: ReaderDocument) -> None:
        """Delete a replaced document once no page of it is being drawn in a worker."""
        self._retired.append(doc)
        self._drop_retired()

    def _drop_retired(self) -> None:
        for doc in [d for d in self._retired if not self._rendering.get(id(d))]:
            self._retired.remove(doc)
            self._rendering.pop(id(doc), None)
            doc.pdf.deleteLater()

    def _update_layers(self) -> None:
        doc, page = self._doc, self._page
        if doc is None or page < 0:
            return
        rects = lambda spans: [r for s, e in spans for r in doc.rects_for_span(page, s, e)]  # noqa: E731
        self.canvas.set_layer("clip", rects(doc.data.clips.get(page, [])))
        current = self.hits.current()
        self.canvas.set_layer("hit", rects(self.hits.spans(page)))
        self.canvas.set_layer("current", rects([current[1:]]) if current and current[0] == page
                              else [])
        sel = self._selection
        self.canvas.set_layer("selection", rects([(sel.start, sel.end)])
                              if sel and sel.page_index == page else [])
        info = doc.page(page)
        self.canvas.banner = ("Text from OCR — check quotes against the scan"
                              if info is not None and info.kind == "ocr" else "")
        self._place_popup()  # the selection may have moved (zoom, page, reload)

    def _update_controls(self) -> None:
        doc = self._doc
        has = doc is not None
        for w in (self.prev_button, self.next_button, self.page_spin, self.page_of,
                  self.zoom_in, self.zoom_out, self.zoom_box, self.find_button,
                  self.outline_button):
            w.setVisible(has)
            w.setEnabled(has)
        if not has:
            self.page_of.setText("")
            self.label_info.setText("")
            self.outline_button.setEnabled(False)
            self.stack.setCurrentWidget(self.empty)
            return
        n = doc.page_count
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(1, n))
        self.page_spin.setValue(self._page + 1)
        self.page_spin.blockSignals(False)
        self.page_of.setText(f"of {n}")
        self.prev_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < n - 1)
        page = doc.page(self._page)
        # The page a reader with the paper copy looks for comes first: in a narrow panel
        # the label is cut at its end, so the title gives way, never the printed page.
        # "p. 11 (PDF p. 29)" where the printed number differs (one core formatter).
        where = _escape(page_cite_text(page.label if page is not None else "", "printed",
                                       self._page))
        if page is not None and page.label_source == "index":
            # no printed number could be read on this page: say so, cited by PDF page
            where = f"PDF p. {self._page + 1} (no printed number found)"
        self.label_info.setText(f"{where} · <b>{_escape(doc.data.title)}</b>")
        self.label_info.setToolTip(f"{doc.data.title} — {where}\nClick the page number to "
                                   "correct the document's page numbering")
        if doc.refusal(self._page):
            self._say(REFUSED_HINT)
        elif page is not None and page.kind == "ocr":
            self._say("This page's text comes from OCR — check quotes against the scan. "
                      "Alt+drag selects the words inside a rectangle (one column).")
        elif page is not None and not page.text.strip():
            self._say("This page has no text layer to select; it may need OCR (Library ▸ "
                      "Read Scanned Pages).")
        else:
            self._say("Drag over the text to select it, or Alt+↓ to select the next "
                      "sentence; Ctrl+B quotes it into the brief.")

    def _say(self, text: str) -> None:
        self.hint.setText(text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (obj is self.label_info and event.type() == QEvent.Type.MouseButtonRelease
                and self._doc is not None):
            self.open_page_numbering()
            return True
        if obj is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            if self._fit_width and self._doc is not None:
                self._relayout()
        if (obj is self.scroll.viewport() and event.type() == QEvent.Type.Wheel
                and self._doc is not None and isinstance(event, QWheelEvent)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            return self._wheel_across_pages(event)
        return super().eventFilter(obj, event)

    def _wheel_across_pages(self, event: QWheelEvent) -> bool:
        """Scrolling on past the bottom of a page turns to the next one (at its top), past
        the top to the previous one (at its bottom): one page at a time reads like a
        continuous document."""
        bar = self.scroll.verticalScrollBar()
        delta = event.angleDelta().y()
        if delta < 0 and bar.value() >= bar.maximum() and self._page < self._doc.page_count - 1:
            self.go_to_page(self._page + 1)
            bar.setValue(bar.minimum())
            return True
        if delta > 0 and bar.value() <= bar.minimum() and self._page > 0:
            self.go_to_page(self._page - 1)
            bar.setValue(bar.maximum())
            return True
        return False

    def _on_zoom_chosen(self, index: int) -> None:
        zoom = self.zoom_box.itemData(index)
        if zoom is None:
            self.fit_width()
        else:
            self.set_zoom(float(zoom))

    def _on_outline_toggled(self, on: bool) -> None:
        self.outline.setVisible(on and self.outline.topLevelItemCount() > 0)

    def _on_outline_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        page = item.data(0, Qt.ItemDataRole.UserRole)
        if page is not None:
            self.go_to_page(int(page))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
