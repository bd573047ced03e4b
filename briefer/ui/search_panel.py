"""The Search panel: query box with history, completion and saved searches, facet filters,
results grouped by document, and the first-run "What to try" card.

Why it is built this way: a search is an ops call run through the task runner as a
*read*, so it never waits behind an import; each search carries a serial number and a
late answer to an older query is dropped. The panel presents what the core returns —
the count (exact or estimated, and says which), "did you mean", the notes about how the
query was read, facet counts — and turns clicks back into the same call with filters.
History is the ops layer's history (newest first in the drop-down; Up/Down walk it in
the box), completions come from the library's vocabulary, saved searches (★) are named
queries with their filters.
"""

from __future__ import annotations

import html
from typing import Any, Optional

from PySide6.QtCore import QEvent, QModelIndex, QStringListModel, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QCompleter, QFrame, QGridLayout,
                               QHBoxLayout, QInputDialog, QLabel, QMenu, QPushButton,
                               QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from briefer.core.errors import BrieferError
from briefer.core.ops import search as search_ops
from briefer.core.search.search import Filters, SearchResult
from briefer.ui.context import AppContext
from briefer.ui.icons import icon, themed
from briefer.ui.search_model import RichTextDelegate, SearchHit, SearchResultModel
from briefer.ui.rowview import RowTreeView

__all__ = ["SearchPanel", "SearchHit"]

FACETS = (("type", "Any type", "types"), ("year", "Any year", "years"),
          ("issuer", "Any issuer", "issuers"), ("tag", "Any tag", "tags"))
SORT_LABELS = (("relevance", "Best match"), ("date", "Newest"), ("document", "By document"))


class SearchPanel(QWidget):
    """Search the library; Enter on a hit opens the reader there."""

    openHit = Signal(object)  # SearchHit
    searched = Signal(object)  # SearchResult, after it is shown
    exportRequested = Signal()
    helpRequested = Signal()

    def __init__(self, ctx: AppContext, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Search")
        self._serial = 0
        self._refreshing = False
        self._refresh_again = False
        self._query = ""
        self._filters = Filters()
        self._samples_choice: Optional[bool] = None  # "show them": kept for later searches
        self.result: Optional[SearchResult] = None
        self.page_size = int(ctx.settings.get("search/page_size"))

        # Query line: editable combo (history drop-down), search, saved ★, help.
        self.query_box = _QueryBox(self)
        self.query_box.setEditable(True)
        self.query_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.query_box.setMaxVisibleItems(15)
        self.query_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.query_box.setAccessibleName("Search query")
        self.query_box.setAccessibleDescription(
            "Words to find in every page. Quotes for a phrase, OR, NOT, type:, date:. "
            "Up and Down recall earlier searches. F1 explains the query language.")
        self.query_box.lineEdit().setPlaceholderText("Search the library (Ctrl+F)…")
        self.query_box.lineEdit().setClearButtonEnabled(True)
        self.query_box.lineEdit().returnPressed.connect(self.search_now)
        self.query_box.textActivated.connect(self._on_history_chosen)
        self.completions = QStringListModel(self)
        self.completer = QCompleter(self.completions, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.query_box.setCompleter(self.completer)
        self.query_box.lineEdit().textEdited.connect(self._on_text_edited)
        self.query_box.installEventFilter(self)
        self.query_box.lineEdit().installEventFilter(self)
        self.search_button = themed(QPushButton("", self), "search")
        self.search_button.setToolTip("Search (Enter)")
        self.search_button.setAccessibleName("Search")
        self.search_button.clicked.connect(self.search_now)
        self.saved_button = QToolButton(self)
        themed(self.saved_button, "star")
        self.saved_button.setText("Saved")
        self.saved_button.setToolTip("Saved searches: run one, or save this search")
        self.saved_button.setAccessibleName("Saved searches")
        self.saved_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.saved_menu = QMenu(self)
        self.saved_menu.aboutToShow.connect(self._fill_saved_menu)
        self.saved_button.setMenu(self.saved_menu)
        self.help_button = QToolButton(self)
        themed(self.help_button, "help")
        self.help_button.setToolTip("The query language (F1)")
        self.help_button.setAccessibleName("Query language help")
        self.help_button.clicked.connect(self.helpRequested.emit)
        query_row = QHBoxLayout()
        query_row.setSpacing(4)
        query_row.addWidget(self.query_box, 1)
        query_row.addWidget(self.search_button)
        query_row.addWidget(self.saved_button)
        query_row.addWidget(self.help_button)

        # Facets and sort, two rows so the panel stays narrow.
        self.facet_boxes: dict[str, QComboBox] = {}
        facet_row = QGridLayout()
        facet_row.setSpacing(4)
        for n, (key, any_label, _attr) in enumerate(FACETS):
            box = QComboBox(self)
            box.addItem(any_label, None)
            box.setAccessibleName(f"Filter by {key}")
            box.setToolTip(f"Only results of one {key} (with the number of matching pages)")
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            box.activated.connect(self._on_facet)
            self.facet_boxes[key] = box
            facet_row.addWidget(box, n // 2, n % 2)
        self.sort_box = QComboBox(self)
        for value, label in SORT_LABELS:
            self.sort_box.addItem(label, value)
        self.sort_box.setAccessibleName("Sort results")
        self.sort_box.setToolTip("Order of the results")
        self.sort_box.activated.connect(lambda _i: self.search_now(keep_filters=True))
        facet_row.addWidget(self.sort_box, 0, 2)

        # Summary, did-you-mean, notes.
        self.summary = QLabel(self)
        self.summary.setAccessibleName("Result count")
        self.summary.setWordWrap(True)
        self.suggestion = QLabel(self)
        self.suggestion.setAccessibleName("Did you mean")
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.linkActivated.connect(self._on_suggestion)
        self.suggestion.hide()
        self.samples_note = QLabel(self)
        self.samples_note.setAccessibleName("Sample documents")
        self.samples_note.setTextFormat(Qt.TextFormat.RichText)
        self.samples_note.setToolTip("The fictional sample documents are left out of the "
                                     "results once the library holds documents of your own")
        self.samples_note.linkActivated.connect(self._on_samples_link)
        self.samples_note.hide()
        self.notes = QLabel(self)
        self.notes.setAccessibleName("How the query was read")
        self.notes.setWordWrap(True)
        self.notes.hide()

        # Results.
        self.model = SearchResultModel(self)
        self.tree = _ResultTree(self)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegate(RichTextDelegate(self.tree))
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName("Search results")
        self.tree.setAccessibleDescription("Documents with their matching pages. Enter opens "
                                           "the reader at the page; Ctrl+B quotes the hit.")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.activated.connect(self._on_activated)
        self.tree.rowDoubleClicked.connect(self._on_activated)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.more_button = QPushButton("More results", self)
        self.more_button.setAccessibleName("More results")
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()
        self.empty = QLabel("Type words to find in every page of the library. Results appear "
                            "here, grouped by document, with the printed page numbers.", self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(4, 8, 4, 4)

        self.card = self._build_card()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(query_row)
        layout.addWidget(self.card)
        layout.addLayout(facet_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.samples_note)
        layout.addWidget(self.notes)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.more_button)
        self.tree.hide()
        self.setFocusProxy(self.query_box)
        self.setTabOrder(self.query_box, self.search_button)
        self.setTabOrder(self.search_button, self.saved_button)
        self.setTabOrder(self.saved_button, self.help_button)
        self._load_history()
        ctx.changed.connect(self._on_changed)

    def _build_card(self) -> QFrame:
        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setAccessibleName("What to try")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        title = QLabel("<b>What to try</b>", card)
        close = QToolButton(card)
        themed(close, "cancel")
        close.setAutoRaise(True)
        close.setToolTip("Close this card (it will not come back)")
        close.setAccessibleName("Close What to try")
        close.clicked.connect(self.dismiss_card)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(close)
        steps = QLabel(
            "1. <a href='search'>Search for <i>national coordinator</i></a> and press Enter "
            "on a page to open it.<br>"
            "2. Select a sentence in the reader and press <b>Ctrl+B</b> to quote it into "
            "the brief.<br>"
            "3. <a href='export'>Export the brief</a> to Word (Ctrl+E): the quote comes "
            "with its footnote.", card)
        steps.setWordWrap(True)
        steps.setTextFormat(Qt.TextFormat.RichText)
        steps.linkActivated.connect(self._on_card_link)
        layout.addLayout(top)
        layout.addWidget(steps)
        card.setVisible(bool(self.ctx.settings.get("ui/show_what_to_try")))
        return card

    # ----------------------------------------------------------------------- public
    def focus_query(self) -> None:
        self.query_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_box.lineEdit().selectAll()

    def focus_main(self) -> None:
        self.focus_query()

    def query_text(self) -> str:
        return self.query_box.currentText()

    def set_query(self, text: str) -> None:
        self.query_box.setEditText(text)

    def dismiss_card(self) -> None:
        self.card.hide()
        self.ctx.settings.set("ui/show_what_to_try", False)

    def current_hit(self) -> Optional[SearchHit]:
        """The hit of the selected result row (a document row gives its first hit)."""
        return self.model.hit_at(self.tree.currentIndex())

    def span_text(self, hit: SearchHit, start: int, end: int) -> str:
        """The stored text of a hit's page between two offsets."""
        from briefer.core.ops.documents import document_detail

        detail = document_detail(self.ctx.session, hit.doc_id)
        for page in detail.pages:
            if page.index == hit.page_index:
                return page.text[start:end]
        return ""

    def search(self, query: str, filters: Optional[Filters] = None) -> Any:
        """Run ``query`` (with ``filters``); results replace the current ones."""
        self.set_query(query)
        self._filters = filters or self._new_filters()
        return self._run(query, self._filters, offset=0)

    def _new_filters(self) -> Filters:
        """No filters, but the user's choice about the sample documents ("show them")
        holds for every later search until they choose again."""
        if self._samples_choice is None:
            return Filters()
        return Filters.from_json({**Filters().to_json(), "samples": self._samples_choice})

    @Slot()
    def search_now(self, keep_filters: bool = False) -> Any:
        query = self.query_text().strip()
        if not query:
            return None
        if not keep_filters:
            self._filters = self._new_filters()
        return self._run(query, self._filters, offset=0)

    def _on_changed(self, changes: Any) -> None:
        if changes.searches:
            self._load_history()
        if changes.documents or changes.pages:  # the pages searched
            self.refresh()

    def refresh(self) -> Any:
        """Ask the shown search again (the library changed, e.g. an import added pages):
        the answer is merged into the rows in place — the selection, the current row and
        the scroll position stay, new pages are added (see ``SearchResultModel.merge``).
        A search the user starts meanwhile wins: this answer is then dropped."""
        if self.result is None or not self._query or self.tree.isHidden():
            return None
        if self._refreshing:  # one at a time; the last change is asked once more after
            self._refresh_again = True
            return None
        self._refreshing = True
        serial = self._serial  # not a new search: a newer one makes this answer stale
        sort = self.sort_box.currentData() or "relevance"
        limit = max(self.page_size, self.model.shown_hits())
        filters = self._filters
        if filters.samples is None and not self.result.samples_hidden:
            # the rows shown left no sample out: a document of the user's own arriving
            # now must not take the samples away from under the pointer
            filters = Filters.from_json({**filters.to_json(), "samples": True})
        return self.ctx.tasks.submit(
            search_ops.run_search, self.ctx.session, self._query, filters=filters, sort=sort,
            offset=0, limit=limit, facets=False, record=False,
            title=f"Updating the results for {self._query[:30]}", kind="read",
            on_result=lambda res: self._on_refreshed(serial, res),
            on_error=lambda exc: self._refreshed())  # the rows shown stay as they are

    def _refreshed(self) -> None:
        self._refreshing = False
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def _on_refreshed(self, serial: int, result: SearchResult) -> None:
        if serial == self._serial and self.result is not None:
            for row in self.model.merge(result):
                self.tree.expand(self.model.index(row, 0))
            self.result = result
            self._show_summary(result)
        self._refreshed()

    def load_more(self) -> Any:
        if self.result is None:
            return None
        return self._run(self._query, self._filters, offset=self.model.shown_hits())

    # ----------------------------------------------------------------------- running
    def _run(self, query: str, filters: Filters, offset: int) -> Any:
        self._serial += 1
        serial = self._serial
        self._query = query
        sort = self.sort_box.currentData() or "relevance"
        if offset == 0:
            self.summary.setText("Searching…")
        return self.ctx.tasks.submit(
            search_ops.run_search, self.ctx.session, query, filters=filters, sort=sort,
            offset=offset, limit=self.page_size, facets=offset == 0,
            title=f"Searching for {query[:30]}", kind="read",
            on_result=lambda res: self._on_result(serial, res, offset),
            on_error=lambda exc: self._on_error(serial, exc))

    def _on_error(self, serial: int, exc: BaseException) -> None:
        if serial == self._serial:
            self.summary.setText("The search did not run.")
            self.ctx.report_error(exc)

    def _on_result(self, serial: int, result: SearchResult, offset: int) -> None:
        if serial != self._serial:
            return  # an older search answered late
        self.tree.setVisible(True)
        self.empty.setVisible(False)
        if offset:
            self.model.append(result)
        else:
            self.result = result
            self.model.set_result(result)
            self._show_facets(result)
            self.tree.expandAll()
            if self.model.rowCount():
                first = self.model.index(0, 0)
                child = self.model.index(0, 0, first)
                self.tree.setCurrentIndex(child if child.isValid() else first)
                self.tree.scrollToTop()
        self._show_summary(result)
        self._load_history()
        self.searched.emit(result)

    def _show_summary(self, result: SearchResult) -> None:
        shown = self.model.shown_hits()
        self.tree.setVisible(bool(self.model.rowCount()))
        self.empty.setVisible(not self.model.rowCount())
        if not self.model.rowCount():
            self.empty.setText("Nothing matches. Try fewer words, a prefix such as "
                               "regulat*, or remove a filter.")
        total = (self.result.total if self.result else result.total)
        exact = (self.result.total_exact if self.result else result.total_exact)
        docs = self.model.rowCount()
        count = f"{total} matching page{'s' if total != 1 else ''}" if exact else \
            f"about {total} matching pages (estimated)"
        self.summary.setText(f"{count} in {docs}{'+' if shown < total else ''} "
                             f"document{'s' if docs != 1 else ''}"
                             + (f" · showing {shown}" if shown < total else ""))
        self.more_button.setVisible(shown < total)
        res = self.result or result
        if res.suggestion is not None:
            q = res.suggestion.query
            self.suggestion.setText(f"Did you mean <a href='{html.escape(q, quote=True)}'>"
                                    f"{html.escape(q)}</a>?")
            self.suggestion.show()
        else:
            self.suggestion.hide()
        hidden = res.samples_hidden
        if self._filters.samples is True:
            self.samples_note.setText("Sample documents included · "
                                      "<a href='hide'>hide them</a>")
        elif hidden:
            self.samples_note.setText(f"{hidden} sample document{'s' if hidden != 1 else ''} "
                                      "hidden · <a href='show'>show them</a>")
        self.samples_note.setVisible(self._filters.samples is True or bool(hidden))
        if res.notes:
            self.notes.setText("Read as: " + "; ".join(res.notes))
            self.notes.show()
        else:
            self.notes.hide()

    def _show_facets(self, result: SearchResult) -> None:
        for key, any_label, attr in FACETS:
            box = self.facet_boxes[key]
            chosen = list(getattr(self._filters, attr))
            box.blockSignals(True)
            box.clear()
            box.addItem(any_label, None)
            for value in result.facets.get(key, []):
                if key == "year" and not value.value.isdigit():
                    continue
                box.addItem(f"{value.label} ({value.count})", value.value)
            if chosen:
                n = box.findData(str(chosen[0]))
                if n < 0:
                    box.addItem(str(chosen[0]), str(chosen[0]))
                    n = box.count() - 1
                box.setCurrentIndex(n)
            box.setEnabled(box.count() > 1)
            box.blockSignals(False)

    def _on_facet(self, _index: int) -> None:
        f = Filters.from_json(self._filters.to_json())
        for key, _label, attr in FACETS:
            value = self.facet_boxes[key].currentData()
            if value is None:
                setattr(f, attr, [])
            else:
                setattr(f, attr, [int(value)] if key == "year" else [str(value)])
        self._filters = f
        if self._query:
            self._run(self._query, f, offset=0)

    # ----------------------------------------------------------------------- history etc.
    @Slot()
    def _load_history(self) -> None:
        text = self.query_box.currentText()
        try:
            entries = search_ops.search_history(self.ctx.session, limit=30)
        except BrieferError:
            return
        queries = list(dict.fromkeys(e.query for e in entries))
        current = [self.query_box.itemText(i) for i in range(self.query_box.count())]
        if current != queries:
            self.query_box.blockSignals(True)
            self.query_box.clear()
            self.query_box.addItems(queries)
            self.query_box.setCurrentIndex(-1)
            self.query_box.setEditText(text)
            self.query_box.blockSignals(False)

    def _on_text_edited(self, text: str) -> None:
        try:
            words = search_ops.query_completions(self.ctx.session, text, limit=10)
        except Exception:  # completions are a convenience; never break typing
            words = []
        self.completions.setStringList(words)

    def _fill_saved_menu(self) -> None:
        menu = self.saved_menu
        menu.clear()
        save = menu.addAction(icon("star"), "Save This Search…")
        save.setEnabled(bool(self._query) and not self.ctx.readonly)
        save.triggered.connect(self.save_current)
        saved = search_ops.saved_searches(self.ctx.session)
        if saved:
            menu.addSeparator()
        for s in saved:
            run = menu.addAction(f"{s.name} — {s.query}")
            run.triggered.connect(lambda _c=False, name=s.name: self.run_saved(name))
        if saved and not self.ctx.readonly:
            delete = menu.addMenu("Delete")
            for s in saved:
                act = delete.addAction(s.name)
                act.triggered.connect(lambda _c=False, name=s.name: self.delete_saved(name))

    def save_current(self, name: Optional[str] = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, "Save search", "Name of this search:",
                                            text=self._query[:40])
            if not ok:
                return
        try:
            search_ops.save_search(self.ctx.session, name, self._query, self._filters,
                                   self.sort_box.currentData() or "relevance")
        except BrieferError as exc:
            self.ctx.report_error(exc)
            return
        self.ctx.show_status(f"Saved the search “{name}”.")

    def run_saved(self, name: str) -> Any:
        try:
            saved = search_ops.get_saved_search(self.ctx.session, name)
        except BrieferError as exc:
            self.ctx.report_error(exc)
            return None
        n = self.sort_box.findData(saved.sort)
        if n >= 0:
            self.sort_box.setCurrentIndex(n)
        return self.search(saved.query, Filters.from_json(saved.filters))

    def delete_saved(self, name: str) -> None:
        try:
            search_ops.delete_saved_search(self.ctx.session, name)
        except BrieferError as exc:
            self.ctx.report_error(exc)
            return
        self.ctx.show_status(f"Deleted the saved search “{name}”.")

    # ----------------------------------------------------------------------- slots
    def _on_suggestion(self, query: str) -> None:
        self.search(html.unescape(query), self._filters)

    def _on_history_chosen(self, _text: str) -> None:
        """An earlier search picked from the drop-down runs. An editable combo box also
        "activates" its text when it loses the focus (a click into the results) if the
        text is one of its items — that must not search again: the new results would
        replace the rows under the pointer and select the top hit."""
        if self.query_box.take_chosen():
            self.search_now()

    def _on_samples_link(self, link: str) -> None:
        """Show the sample documents among the results (or leave them out again)."""
        self._samples_choice = True if link == "show" else None
        f = Filters.from_json({**self._filters.to_json(), "samples": self._samples_choice})
        self._filters = f
        if self._query:
            self._run(self._query, f, offset=0)

    def _on_card_link(self, link: str) -> None:
        if link == "search":
            self.search("national coordinator")
            self.tree.setFocus()
        elif link == "export":
            self.exportRequested.emit()

    def _on_activated(self, index: QModelIndex) -> None:
        hit = self.model.hit_at(index)
        if hit is not None:
            self.openHit.emit(hit)

    def _on_context_menu(self, pos: Any) -> None:
        index = self.tree.indexAt(pos)
        hit = self.model.hit_at(index)
        if hit is None:
            return
        menu = QMenu(self)
        open_action = menu.addAction(icon("reader"), "Open in Reader")
        open_action.triggered.connect(lambda: self.openHit.emit(hit))
        window = self.window()
        quote = getattr(window, "actions_by_name", {}).get("quote")
        if quote is not None:
            menu.addAction(quote)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt)
        """In the query box, Down moves into the results when there are some (Up, and
        Down without results, walk the history; Alt+Down opens it)."""
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down \
                and not event.modifiers() & Qt.KeyboardModifier.AltModifier \
                and not self.completer.popup().isVisible() and self.model.rowCount():
            self.tree.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.tree.currentIndex().isValid():
                self.tree.setCurrentIndex(self.model.index(0, 0))
            return True
        return super().eventFilter(watched, event)


class _QueryBox(QComboBox):
    """The query box: knows whether an activation came from its drop-down list."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._chosen = False

    def showPopup(self) -> None:  # noqa: N802 (Qt)
        self._chosen = False
        super().showPopup()

    def hidePopup(self) -> None:  # noqa: N802 (Qt)
        # An item chosen in the list hides the list, then activates it (same call);
        # a list closed without a choice leaves nothing behind once events run.
        self._chosen = True
        super().hidePopup()
        QTimer.singleShot(0, self._forget)

    def _forget(self) -> None:
        self._chosen = False

    def take_chosen(self) -> bool:
        """Whether the activation being handled is a choice in the list (once)."""
        chosen, self._chosen = self._chosen, False
        return chosen


class _ResultTree(RowTreeView):
    """Rows wrap their snippets, so their heights change with the width: lay out again.

    Clicks behave as in a file manager: a press selects the row under the pointer and
    takes the focus (so Enter then opens that row), and a double-click opens the row under
    the pointer whatever had the focus — Qt's own double-click activates only a row the
    same press chose, which a focus change between the clicks can lose."""

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        index = self.indexAt(event.position().toPoint())
        super().mousePressEvent(event)
        if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
            if self.currentIndex() != index:
                self.setCurrentIndex(index)
            self.setFocus(Qt.FocusReason.MouseFocusReason)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.scheduleDelayedItemsLayout()

