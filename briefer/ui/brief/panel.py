"""The Brief panel: choose a brief, arrange its sections and quotes, write commentary, export.

Why it is built this way:

* Every change is one ops call (``briefer.core.ops.briefs``) that runs the core command,
  saves it, and returns it; :meth:`BriefPanel.run_edit` pushes it on :attr:`undo_stack`
  through :class:`CoreUndoCommand` (which skips its first redo). An edit that fails raises
  before anything is pushed, and the error goes to the window's error reporting.
* Brief edits run on the GUI thread: each is one short SQLite transaction, and the
  session lets them through while an import holds the index writer (a write task would
  queue behind the import for minutes). Long work — checking quotes, exporting — goes
  through the task runner.
* After an edit, an undo, or ``ctx.changed`` (of briefs, clips, documents or pages) the
  panel first asks the core for the brief's stamp (``ops.briefs.brief_stamp``, a digest of
  a few short columns): while it is the one shown, nothing is read (an import or an export
  changes the library every few hundred milliseconds, and reading a brief of 300 quotes
  with its clips took tens of milliseconds of the GUI thread). When it differs the panel
  reads the brief and gives it to the outline model, which inserts, removes and updates
  only the rows that changed (a reset only for another brief or reordered sections), then
  restores the current node by id, so the view always shows what the catalog holds.
* Drag and drop, Alt+Up/Alt+Down and "Move to Section ▸" all become the same ops moves.
* The edits themselves are in :mod:`briefer.ui.brief.editing` (mixed into the panel).
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QMenu,
                               QSplitter, QStackedWidget, QToolButton, QVBoxLayout,
                               QWidget)

from briefer.ui.brief.details_dialog import BriefDetailsDialog
from briefer.ui.brief.editing import UNTITLED, BriefEditingMixin
from briefer.ui.brief.editor import ItemEditor, citation_html, node_label, readonly_words
from briefer.ui.brief.export_dialog import ExportDialog
from briefer.ui.brief.outline import ID_ROLE, KIND_ROLE, BriefOutlineModel
from briefer.ui.brief.placement import insertion_point
from briefer.ui.flow import FlowLayout
from briefer.ui.rowview import RowTreeView

log = logging.getLogger(__name__)


class BriefPanel(BriefEditingMixin, QWidget):
    """The brief composer (see the module docstring)."""

    openPassage = Signal(int, int, int, int)  # doc_id, page_index, start, end
    briefChanged = Signal(object)  # the current brief id (or None)

    def __init__(self, ctx: Any, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Brief")
        self.undo_stack = QUndoStack(self)
        self._brief_id: Optional[int] = None
        self._brief: Any = None
        self._summaries: list[Any] = []
        self._stamp = ""  # ops_briefs.brief_stamp of the brief shown ('' : none read yet)
        self._loading = False
        self._reloading = False  # the outline is being brought up to date
        self._keep_next: Optional[tuple[str, int]] = None  # the node to show after it
        self.export_dialog: Optional[ExportDialog] = None
        self.details_dialog: Optional[BriefDetailsDialog] = None
        self.model = BriefOutlineModel(self._on_move_requested, self)
        self._build()
        ctx.changed.connect(self._on_changed)
        self.refresh()

    # ================================================================== building
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        self.briefs = QComboBox(self)
        self.briefs.setAccessibleName("Current brief")
        self.briefs.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.briefs.setMinimumContentsLength(12)
        label = QLabel("&Brief:", self)
        label.setBuddy(self.briefs)
        top.addWidget(label)
        top.addWidget(self.briefs, 1)
        self.new_button = self._tool("New", "Start a new brief")
        top.addWidget(self.new_button)
        self.more_button = self._tool("More", "More brief actions: details, delete, citation style")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self)
        self.rename_action = self.more_menu.addAction("Brief &Details…", self.edit_details)
        self.delete_action = self.more_menu.addAction("&Delete Brief…", self.delete_brief)
        self.more_menu.addSeparator()
        self.footnote_action = self.more_menu.addAction("Citations in &Footnotes")
        self.inline_action = self.more_menu.addAction("Citations &Inline")
        for act, style in ((self.footnote_action, "footnotes"), (self.inline_action, "inline")):
            act.setCheckable(True)
            act.triggered.connect(lambda _c=False, s=style: self.set_citation_style(s))
        self.more_button.setMenu(self.more_menu)
        top.addWidget(self.more_button)
        lay.addLayout(top)

        # a row that wraps: all on one line when there is room, never wider than the panel
        tools = FlowLayout(spacing=4)
        self.add_section_button = self._tool("+ Section", "Add a section after the current one")
        self.add_text_button = self._tool("+ Commentary",
                                          "Add commentary after the current item")
        self.up_button = self._tool("▲", "Move up (Alt+Up)")
        self.down_button = self._tool("▼", "Move down (Alt+Down)")
        self.move_to_button = self._tool("Move to", "Move the quote to another section")
        self.move_to_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.move_menu = QMenu(self)
        self.move_menu.aboutToShow.connect(self._fill_move_menu)
        self.move_to_button.setMenu(self.move_menu)
        self.remove_button = self._tool("Remove", "Remove the selected item or section (Delete)")
        for w in (self.add_section_button, self.add_text_button, self.up_button,
                  self.down_button, self.move_to_button, self.remove_button):
            tools.add_widget(w)
        self.export_button = self._tool("Export…", "Check the quotes and export (Ctrl+E)")
        tools.add_widget(self.export_button, at_end=True)
        lay.addLayout(tools)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.stack = QStackedWidget(self.splitter)
        self.empty = QLabel(
            "<p><b>No brief yet.</b></p><p>Select a passage in the reader and press "
            "<b>Ctrl+B</b>: a brief is started for you with the quote and its citation."
            "</p><p>Or click <b>New</b> to start one with a title.</p>", self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setMargin(16)
        self.empty.setAccessibleName("No brief yet")
        self.stack.addWidget(self.empty)
        self.tree = RowTreeView(self.stack)
        self.tree.setAccessibleName("Brief outline")
        self.tree.setAccessibleDescription(
            "Sections and their quotes. Drag to reorder, or Alt+Up / Alt+Down; Enter or "
            "double-click a quote to open its passage; Delete removes.")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        # One line per node, all of one height: the view then lays out only the rows it
        # shows instead of measuring every wrapped row (first showing a brief of 300
        # quotes while an export ran stalled the window ~95 ms instead of ~270 ms); a
        # quote's line starts with its citation, so eliding keeps it, and the whole
        # quote is in the tooltip and the editor below.
        self.tree.setWordWrap(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # DragDrop, not InternalMove: InternalMove ignores drops whose source is not this
        # view object, and the outline's private MIME type already keeps drops internal;
        # the model's removeRows is never implemented, so Qt removes nothing after a move.
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.stack.addWidget(self.tree)
        self.editor = ItemEditor(self.splitter)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        lay.addWidget(self.splitter, 1)

        self.new_button.clicked.connect(self.new_brief)
        self.briefs.activated.connect(self._on_brief_chosen)
        self.add_section_button.clicked.connect(self.add_section)
        self.add_text_button.clicked.connect(self.add_commentary)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.remove_button.clicked.connect(self.remove_current)
        self.export_button.clicked.connect(self.export_current)
        self.tree.doubleClicked.connect(self._on_activated)
        self.tree.rowDoubleClicked.connect(self._on_activated)
        self.tree.activated.connect(self._on_activated)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.editor.saver = self._save_edit
        self.editor.saved.connect(self._on_editor_saved)
        self.editor.acceptSuggestion.connect(self.accept_suggestion)
        self.editor.refused.connect(self._on_save_refused)
        if self.ctx.readonly:
            self.editor.set_read_only(readonly_words(self.ctx.session))

        for text, keys, slot in (("Move Up", "Alt+Up", lambda: self.move_current(-1)),
                                 ("Move Down", "Alt+Down", lambda: self.move_current(+1)),
                                 ("Remove", QKeySequence.StandardKey.Delete,
                                  self.remove_current)):
            act = QAction(text, self.tree)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(slot)
            self.tree.addAction(act)

    def _tool(self, text: str, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip.split(" (")[0])
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return b

    # ================================================================== interface
    def save_pending(self) -> bool:
        """Try to store every edit typed in the brief editor that is not stored yet, now
        (synchronously). True when nothing unsaved remains. The window calls this when it
        closes or quits, then asks the user about :meth:`unsaved_work` if any is left."""
        return self.editor.save_pending()

    def unsaved_work(self) -> list[str]:
        """What the user typed that the library does not hold, for people — e.g.
        'commentary in “Background”', 'the lead-in and note of the quote “The Rules…” in
        “Quotes”' — with a save refused (read-only library, full disk) or not tried yet.
        Empty when everything is saved."""
        return self.editor.unsaved_work()

    def current_brief_id(self) -> Optional[int]:
        return self._brief_id

    def current_brief(self) -> Any:
        return self._brief

    def set_current_brief(self, brief_id: Optional[int]) -> None:
        self._brief_id = brief_id
        self.refresh()

    def quote_selection(self, sel: Any) -> Optional[int]:
        """Clip ``sel`` (a ReaderSelection) and quote it into the current section of the
        current brief as ONE undoable step (``ops.briefs.quote_selection`` starts
        "Untitled brief" or a section when there is none). Returns the new item's id (None
        when it failed; the error was reported)."""
        from briefer.core.ops import briefs as ops_briefs

        if sel is None:
            self.ctx.show_status("Select a passage in the reader first, then press Ctrl+B.")
            return None
        return self._quote(ops_briefs.quote_selection, getattr(sel, "ocr", False),
                           doc_id=sel.doc_id, page_index=sel.page_index, start=sel.start,
                           end=sel.end)

    def quote_hit(self, hit: Any) -> Optional[int]:
        """Quote a search hit (its doc, page and highlighted spans) as
        :meth:`quote_selection` quotes a selection (``ops.briefs.quote_search_hit``)."""
        from briefer.core.ops import briefs as ops_briefs

        return self._quote(ops_briefs.quote_search_hit, False, doc_id=hit.doc_id,
                           page_index=hit.page_index, spans=list(hit.spans))

    def _quote(self, fn: Any, ocr: bool, **where: Any) -> Optional[int]:
        """Run one quoting ops call at the insertion point and push its one command."""
        brief_id = self._brief_id if self._brief is not None else None
        section_id, position = self._insertion_point() if brief_id is not None else (None, None)
        quote = self._do(fn, brief_id, section_id, position=position,
                         style=self._preferred_style(), **where)
        if quote is None:
            return None
        self._brief_id = quote.brief_id
        self._push("Quote", quote)
        self._select("item", quote.item_id)
        note = " (text from OCR — check it against the scan)" if ocr else ""
        title = self._brief.title if self._brief is not None else UNTITLED
        self.ctx.show_status(f"Quoted into “{title}”{note}. Ctrl+Z undoes.")
        return int(quote.item_id)

    def export_current(self) -> None:
        """Open the export dialog for the current brief (checks the quotes first)."""
        if self._brief is None:
            self.ctx.show_status("There is no brief to export yet: quote a passage first.")
            return
        self.editor.save()
        folder = None
        if self.export_dialog is not None:
            folder = self.export_dialog.target().parent
            self.export_dialog.deleteLater()
        dlg = ExportDialog(self.ctx, self._brief.id, self._brief.title, self, folder=folder)
        dlg.goToQuote.connect(self.open_quote)
        self.export_dialog = dlg
        dlg.open()
        dlg.check()

    def open_quote(self, item_id: int) -> None:
        """Select quote ``item_id`` and ask the window to open its passage."""
        self._select("quote", item_id)
        clip = self._clip_of(item_id)
        if clip is not None and clip.doc_id is not None:
            self.openPassage.emit(int(clip.doc_id), int(clip.page_index), int(clip.start),
                                  int(clip.end))

    # ================================================================== reading
    def _on_changed(self, changes: Any) -> None:
        # a brief shows its quotes' clips and their documents' titles and page numbers
        if (changes.any_brief or changes.clips or changes.documents or changes.pages
                or changes.settings):
            self.refresh()

    def refresh(self) -> None:
        """Read the list of briefs and the current brief again (keeps the current node)."""
        from briefer.core.ops import briefs as ops_briefs

        try:
            summaries = ops_briefs.list_briefs(self.ctx.session)
        except Exception as exc:  # a closing session: nothing to show
            log.debug("list_briefs failed: %s", exc)
            return
        ids = [b.id for b in summaries]
        if self._brief_id not in ids:
            self._brief_id = max(summaries, key=lambda b: b.updated_at).id if summaries else None
        if summaries == self._summaries and self.briefs.currentData() == self._brief_id:
            self._reload()  # the list is as shown (an import changed the library, say)
            return
        self._summaries = summaries
        self._loading = True
        self.briefs.clear()
        for b in summaries:
            self.briefs.addItem(b.title, b.id)
            self.briefs.setItemData(self.briefs.count() - 1,
                                    f"{b.title} — {b.sections} sections, {b.quotes} quotes",
                                    Qt.ItemDataRole.ToolTipRole)
        if self._brief_id is not None:
            self.briefs.setCurrentIndex(ids.index(self._brief_id))
        self._loading = False
        self._reload()

    def _reload(self) -> None:
        from briefer.core.ops import briefs as ops_briefs

        wanted, self._keep_next = self._keep_next, None
        keep = wanted or self._current_key()
        brief, clips = None, {}
        stamp = ""
        if self._brief_id is not None:
            try:
                stamp = ops_briefs.brief_stamp(self.ctx.session, self._brief_id)
            except Exception as exc:  # a closing session: keep what is shown
                log.debug("brief_stamp failed: %s", exc)
                return
            if (stamp and self._brief is not None and self._brief.id == self._brief_id
                    and stamp == self._stamp):
                # the brief and its clips are as shown (a change report read them
                # already): nothing to read, but the node asked for is shown
                if wanted is not None and wanted != self._current_key():
                    self._select(*wanted)
                return
            try:
                brief = ops_briefs.get_brief(self.ctx.session, self._brief_id)
                clips = ops_briefs.brief_clips(self.ctx.session, brief)
            except Exception as exc:  # deleted meanwhile (another window, an undo)
                log.debug("brief %s: %s", self._brief_id, exc)
                brief, self._brief_id = None, None
        if brief is not None and brief == self._brief and clips == self.model.clips:
            self._stamp = stamp
            # the rows are as shown; what changed is outside them (a cited document's
            # title, issuer or date): the citation shown is read again, fields kept
            self._show_current(reloaded=True)
            return
        changed = (brief is None) != (self._brief is None) or (
            brief is not None and self._brief is not None and brief.id != self._brief.id)
        self._brief = brief
        self._stamp = stamp if brief is not None else ""
        self._reloading = True  # the editor is told once, below, not row by row
        try:
            if self.model.set_brief(brief, clips):
                self.tree.expandAll()  # a reset: sections come back collapsed
            self.stack.setCurrentWidget(self.tree if brief is not None else self.empty)
            self.editor.setVisible(brief is not None)  # the empty state gets the whole panel
            if keep is not None:
                self._select(*keep)
        finally:
            self._reloading = False
        self._update_actions()
        self._show_current(reloaded=True)
        if changed:
            self.briefChanged.emit(self._brief_id)

    def _on_brief_chosen(self, index: int) -> None:
        if self._loading:
            return
        chosen = self.briefs.itemData(index)
        self.editor.save()  # a save reads the list again, showing the brief being left
        self._brief_id = chosen
        self.refresh()

    def _update_actions(self) -> None:
        has = self._brief is not None
        can = not self.ctx.readonly  # a read-only window offers no edits (the editor says why)
        kind, _s, _i = self._current_node()
        self.export_button.setEnabled(has)
        self.new_button.setEnabled(can)
        for w in (self.add_section_button, self.add_text_button):
            w.setEnabled(has and can)
        for w in (self.up_button, self.down_button, self.remove_button):
            w.setEnabled(kind is not None and can)
        self.move_to_button.setEnabled(kind in ("quote", "text") and has and can
                                       and len(self._brief.sections) > 1)
        style = self._brief.citation_style if has else ""
        for act in (self.rename_action, self.delete_action, self.footnote_action,
                    self.inline_action):
            act.setEnabled(has and can)
        self.footnote_action.setChecked(style == "footnotes")
        self.inline_action.setChecked(style == "inline")

    # ================================================================== current node
    def _current_node(self) -> tuple[Optional[str], Any, Any]:
        index = self.tree.currentIndex()
        if not index.isValid() or self._brief is None:
            return None, None, None
        return self.model.node(index)

    def _current_key(self) -> Optional[tuple[str, int]]:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        kind = index.data(KIND_ROLE)
        return ("section" if kind == "section" else "item", int(index.data(ID_ROLE)))

    def _select(self, kind: str, node_id: Optional[int]) -> None:
        if node_id is None:
            return
        index = self.model.find("section" if kind == "section" else "item", node_id)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.tree.scrollTo(index)

    def _insertion_point(self) -> tuple[Optional[int], Optional[int]]:
        return insertion_point(self._brief, *self._current_node())

    def _clip_of(self, item_id: int) -> Any:
        if self._brief is None:
            return None
        for _s, it in self._brief.items():
            if it.id == item_id and it.kind == "quote":
                return self.model.clips.get(it.clip_id)
        return None

    def _on_current_changed(self, *_args: Any) -> None:
        if not self._reloading:
            self._show_current()

    def _show_current(self, reloaded: bool = False) -> None:
        """Show the current node in the editor. After a reload (``reloaded``) new
        commentary being written stays in the editor: only the user leaves it."""
        from briefer.core.ops import briefs as ops_briefs

        self._update_actions()
        if reloaded and self.editor.editing_draft():
            return
        kind, section, item = self._current_node()
        brief_id = self._brief.id if self._brief is not None else None
        label = node_label(kind, section, item, self.model.clips)
        if kind is None:
            self.editor.show_nothing()
        elif kind == "section":
            self.editor.show_section(section, brief_id=brief_id, label=label)
        elif kind == "text":
            self.editor.show_text(item, brief_id=brief_id, label=label)
        else:
            try:
                preview = ops_briefs.citation_preview(self.ctx.session, self._brief.id, item.id)
                cite = citation_html(preview)
            except Exception as exc:  # a quote whose clip is gone has no citation
                cite = f"<i>{exc}</i>"
            clip = self.model.clips.get(item.clip_id)
            hint, suggestion = self._locator_question(clip)
            self.editor.show_quote(item, clip, cite, hint,
                                   brief_id=brief_id, label=label,
                                   doc_title=self._current_title(clip), suggestion=suggestion)

    def _current_title(self, clip: Any) -> str:
        """The cited document's title as the Library has it now ('' : the one the clip
        remembers, e.g. the document was removed)."""
        if clip is None or clip.doc_id is None:
            return ""
        from briefer.core.ops.documents import get_document

        try:
            return get_document(self.ctx.session, clip.doc_id).title
        except Exception as exc:  # removed: the clip's own title is shown
            log.debug("title of document %s: %s", clip.doc_id, exc)
            return ""

    def _locator_question(self, clip: Any) -> tuple[str, str]:
        """For a quote without a detected locator: the placeholder saying why it is
        uncertain, and the core's uncertain best reading (the editor's "Use …" button),
        so the user sees what it would have been and takes it with one click."""
        if clip is None or clip.locator_auto or clip.doc_id is None:
            return "", ""
        from briefer.core.ops.clips import locator_status

        try:
            st = locator_status(self.ctx.session, clip.id)
        except Exception as exc:  # the clip or its document was removed: nothing to offer
            log.debug("locator status: %s", exc)
            return "", ""
        if st.suggestion and st.uncertain:
            why = f" ({st.reason})" if st.reason else ""
            return f"uncertain: {st.suggestion}?{why} — use it, or type another", st.suggestion
        return "", ""

    def accept_suggestion(self, clip_id: int) -> None:
        """Store the suggested locator of clip ``clip_id`` (one undo step) and show it."""
        from briefer.core.ops.clips import accept_suggested_locator

        if self.run_edit("Use suggested locator", accept_suggested_locator, clip_id) \
                is not None:
            self._show_current()

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.data(KIND_ROLE) == "quote":
            self.open_quote(int(index.data(ID_ROLE)))

    def _fill_move_menu(self) -> None:
        self.move_menu.clear()
        kind, current, _item = self._current_node()
        if self._brief is None or kind not in ("quote", "text"):
            return
        for section in self._brief.sections:
            act = self.move_menu.addAction(section.heading)
            act.setEnabled(section.id != current.id)
            act.triggered.connect(lambda _c=False, sid=section.id: self.move_to_section(sid))

    def _context_menu(self, pos: Any) -> None:
        index = self.tree.indexAt(pos)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        kind, _s, _i = self._current_node()
        if kind == "quote":
            menu.addAction("Open Passage in Reader", lambda: self._on_activated(index))
        if kind in ("quote", "text"):
            sub = menu.addMenu("Move to Section")
            self.move_menu = sub
            self._fill_move_menu()
        if kind is not None:
            menu.addAction("Move Up\tAlt+Up", lambda: self.move_current(-1))
            menu.addAction("Move Down\tAlt+Down", lambda: self.move_current(+1))
            menu.addAction("Remove\tDel", self.remove_current)
        menu.addSeparator()
        menu.addAction("Add Section…", self.add_section)
        menu.addAction("Add Commentary", self.add_commentary)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        self.move_menu = QMenu(self)
        self.move_menu.aboutToShow.connect(self._fill_move_menu)
        self.move_to_button.setMenu(self.move_menu)
