"""The Library panel: the documents of the library, their details and what to do next.

Why it is built this way: a ``QTableView`` over :class:`DocumentTableModel` (sorted and
filtered by a proxy), refreshed from the ops layer when ``changed`` says documents or pages
changed — the widgets are never rebuilt, so selection and scroll survive an import running in the
background. Every action (edit details, enter a password, OCR, remove, re-index) is one
ops call; the ones that read files or the index run through the task runner, and removal
asks :func:`removal_impact` first and says what happens to clips before anything is
removed. An empty library shows one line about what Briefer is for and how to start.
The words come from the core: the Status column shows ``documents.status_label``
("Searchable", "Needs OCR", "Locked"…), and the details line marks the fields that are
still Briefer's guesses (``metadata.is_guess``) until a person edits or confirms them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Optional, Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMenu, QMessageBox, QPushButton, QStackedWidget,
                               QTableView, QVBoxLayout, QWidget)

from briefer.core.errors import BrieferError
from briefer.core.ops import documents as docs_ops
from briefer.core.search.filters import is_sample
from briefer.ui.context import AppContext
from briefer.ui.icons import icon, themed
from briefer.ui.library_model import (COLUMNS, ID_ROLE, DocumentFilterProxy,
                                      DocumentTableModel, status_tooltip)

log = logging.getLogger(__name__)

HEADER_STATE_KEY = "library-header"  # Qt's header state: which columns the user hid
# Hidden until the user shows them (right-click a heading): in the default dock width
# every column shown leaves the title about 135 px, "The Social…ules, 2026". The page
# count is in the details line below the table.
DEFAULT_HIDDEN = (4,)  # Pages


class LibraryPanel(QWidget):
    """Documents table with a filter line, a detail line and the document actions."""

    openDocument = Signal(int)
    addRequested = Signal()
    importRequested = Signal(list)  # paths to import (e.g. a locked file with its password)

    def __init__(self, ctx: AppContext, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Library")
        self.model = DocumentTableModel(self)
        self.proxy = DocumentFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._context_actions: list[QAction] = []
        self.remove_samples_action = themed(QAction("Remove Sample Documents…", self), "remove")
        self.remove_samples_action.setObjectName("action-remove_samples")
        self.remove_samples_action.setToolTip("Remove every sample document (tagged "
                                              "'sample') from the library in one step")
        self.remove_samples_action.triggered.connect(self.remove_samples)
        self.more_time_action = themed(QAction("Read the Rest with More Time", self), "reader")
        self.more_time_action.setObjectName("action-more_time")
        self.more_time_action.setToolTip("Read the pages of this document that were not read "
                                         "because the time allowed ran out, allowing more time")
        self.more_time_action.triggered.connect(self.read_rest_selected)
        self._partly: dict[int, Any] = {}  # documents read in part, by id (ops.importing)
        self.numbering_action = themed(QAction("Page Numbering…", self), "edit")
        self.numbering_action.setObjectName("action-page_numbering")
        self.numbering_action.setToolTip("Say which PDF pages carry which printed page numbers "
                                         "(every quote of the document follows)")
        self.numbering_action.triggered.connect(self.page_numbering_selected)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter by title, issuer, type, tag…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter documents")
        self.filter_edit.setAccessibleDescription(
            "Shows only the documents whose title, issuer, type, date, status or tags "
            "contain every word typed")
        themed(self.filter_edit.addAction(icon("filter"), QLineEdit.ActionPosition.LeadingPosition),
               "filter")
        self.filter_edit.textChanged.connect(self._on_filter)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Documents")
        self.table.setAccessibleDescription("The documents of the library. Enter opens the "
                                            "selected document in the reader.")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps "…, 2026"
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        # The columns shown: short ones (type, date, pages, status) take the width of
        # their contents, the title everything else, and the issuer its contents' width
        # only while the title keeps room to be read (see _fit_columns): in a narrow dock
        # the issuer is shortened first.
        header.setMinimumSectionSize(36)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 3, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 110)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        self._restore_hidden_columns()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.table.doubleClicked.connect(self._on_activated)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName("Document status")
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 8)
        self.detail.setContentsMargins(4, 2, 4, 2)

        self.empty = self._build_empty_state()
        self.stack = QStackedWidget(self)
        table_page = QWidget(self)
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.filter_edit)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.detail)
        self.stack.addWidget(table_page)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack)
        self.setFocusProxy(self.table)

        self.table.viewport().installEventFilter(self)
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Give the issuer its contents' width while the title keeps about 30 characters,
        down to the width of its heading (shortened); the title (stretched) takes the
        rest."""
        header = self.table.horizontalHeader()
        if header.isSectionHidden(2):
            return
        fixed = sum(header.sectionSize(c) for c in (1, 3, 4, 5) if not header.isSectionHidden(c))
        room = self.table.viewport().width() - fixed
        title = self.fontMetrics().averageCharWidth() * 30
        least = self.fontMetrics().horizontalAdvance("Issuer…") + 12
        want = max(self.table.sizeHintForColumn(2), least)
        header.resizeSection(2, max(least, min(want, room - title)))

    def _build_empty_state(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        lead = QLabel("Briefer keeps your PDFs searchable offline and turns exact passages "
                      "into briefs with pinpoint citations.", page)
        lead.setWordWrap(True)
        lead.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_button = themed(QPushButton("Add PDFs…", page), "add-pdf")
        self.add_button.setAccessibleName("Add PDFs")
        self.add_button.clicked.connect(self.addRequested.emit)
        drop = QLabel("or drop a folder of PDFs here", page)
        drop.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addWidget(lead)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addWidget(drop)
        layout.addStretch(2)
        return page

    # ----------------------------------------------------------------------- data
    @Slot()
    def _on_changed(self, changes: Any) -> None:
        if changes.documents or changes.pages:  # its rows: details, status, pages read
            self.refresh()

    def refresh(self) -> None:
        """Reload the rows from the ops layer, keeping the selection by document id."""
        selected = self.selected_ids()
        current = self.current_id()
        rows = docs_ops.list_documents(self.ctx.session)
        self._partly = _partly_read(self.ctx.session)
        count = self.model.rowCount()
        reset = self.model.set_rows(rows)
        if reset and selected:
            self.select_ids(selected, current)
        if reset or count != len(rows):
            self._fit_columns()
        self.stack.setCurrentIndex(0 if rows else 1)
        self._on_selection()

    def select_ids(self, ids: Sequence[int], current: Optional[int] = None) -> None:
        """Select the rows of ``ids`` (those still shown); ``current`` gets the focus."""
        sel = self.table.selectionModel()
        sel.clearSelection()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        for doc_id in ids:
            index = self._proxy_index(doc_id)
            if index.isValid():
                sel.select(index, flags)
                if doc_id == (current if current is not None else ids[0]):
                    sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _proxy_index(self, doc_id: int) -> QModelIndex:
        row = self.model.row_of(doc_id)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, 0))

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows(0) if self.table.selectionModel() else []
        return [int(self.proxy.data(i, ID_ROLE)) for i in rows]

    def current_id(self) -> Optional[int]:
        index = self.table.currentIndex()
        return int(self.proxy.data(index, ID_ROLE)) if index.isValid() else None

    def selected_rows(self) -> list[docs_ops.DocumentRow]:
        out = []
        for doc_id in self.selected_ids():
            row = self.model.row_of(doc_id)
            if row is not None:
                out.append(self.model.row(row))
        return out

    # ----------------------------------------------------------------------- view
    def focus_main(self) -> None:
        (self.table if self.model.rowCount() else self.add_button).setFocus(
            Qt.FocusReason.ShortcutFocusReason)

    def set_context_actions(self, actions: list[QAction]) -> None:
        """The window's document actions, offered by the right-click menu. The window's
        reader, when it has one, is followed: the document it opens becomes the selected
        row, so Edit Details… and the details line are about the document being read."""
        self._context_actions = actions
        reader = getattr(self.window(), "reader", None)
        loaded = getattr(reader, "documentLoaded", None)
        if loaded is not None and not getattr(self, "_following", False):
            loaded.connect(self.follow_document)
            self._following = True
        self._on_selection()

    @Slot(int)
    def follow_document(self, doc_id: int) -> None:
        """Select ``doc_id``'s row (the document open in the reader) without taking the
        focus; a selection that already holds it alone is left as it is."""
        if self.selected_ids() == [doc_id]:
            return
        index = self._proxy_index(doc_id)
        if not index.isValid():
            return
        self.select_ids([doc_id], doc_id)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _on_filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)

    @Slot()
    def _on_selection(self, *_args: Any) -> None:
        rows = self.selected_rows()
        if not rows:
            total = self.model.rowCount()
            pages = sum(r.document.page_count for r in self.model.rows)
            self.detail.setText(f"{total} document{'s' if total != 1 else ''}, {pages} pages."
                                if total else "")
        elif len(rows) == 1:
            doc = rows[0].document
            tags = f" · tags: {', '.join(doc.tags)}" if doc.tags else ""
            n = doc.page_count
            pages = f" · {n} page{'s' if n != 1 else ''}" if n else ""
            guessed = guessed_fields(doc)
            mark = " <i>(guessed)</i>" if "title" in guessed else ""
            self.detail.setText(f"<b>{_esc(doc.title)}</b>{mark}{pages}{_esc(tags)}<br>"
                                f"{_esc(status_tooltip(rows[0]))}{guesses_html(doc)}")
            self.detail.setToolTip(GUESS_TIP if guessed else "")
        else:
            self.detail.setText(f"{len(rows)} documents selected.")
        if len(rows) != 1:
            self.detail.setToolTip("")
        statuses = {r.document.status for r in rows}
        enable = {"action-edit_metadata": len(rows) == 1,
                  "action-password": len(rows) == 1 and statuses == {"needs_password"},
                  "action-ocr": bool(rows) and any(
                      r.document.ocr_pages or r.document.status in ("needs_ocr", "no_text", "ok")
                      for r in rows),
                  "action-remove": bool(rows)}
        for action in self._context_actions:
            if action.objectName() in enable:
                action.setEnabled(enable[action.objectName()] and not self.ctx.readonly)
        self.remove_samples_action.setEnabled(
            not self.ctx.readonly and any(is_sample(r.document) for r in self.model.rows))
        self.more_time_action.setEnabled(
            not self.ctx.readonly and len(rows) == 1 and rows[0].id in self._partly)
        self.numbering_action.setEnabled(not self.ctx.readonly and len(rows) == 1)

    def _on_activated(self, index: QModelIndex) -> None:
        doc_id = self.proxy.data(index, ID_ROLE)
        if doc_id is not None:
            self.openDocument.emit(int(doc_id))

    def context_menu(self) -> QMenu:
        """The right-click menu: the selected documents' actions (when some are selected)
        and Remove Sample Documents… (while the library holds samples)."""
        menu = QMenu(self)
        if self.selected_ids():
            open_action = menu.addAction(icon("reader"), "Open in Reader")
            open_action.triggered.connect(
                lambda: self.openDocument.emit(self.selected_ids()[0]))
            menu.addSeparator()
            for action in self._context_actions:
                menu.addAction(action)
            if self.numbering_action.isEnabled():
                menu.addAction(self.numbering_action)
            if self.more_time_action.isEnabled():
                menu.addAction(self.more_time_action)
        if self.remove_samples_action.isEnabled():
            menu.addSeparator()
            menu.addAction(self.remove_samples_action)
        return menu

    def _on_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu()
        if menu.isEmpty():
            return
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _on_header_menu(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for col, (_key, title) in enumerate(COLUMNS):
            if col == 0:
                continue
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.toggled.connect(lambda on, c=col: self.set_column_shown(c, on))
        menu.popup(header.mapToGlobal(pos))

    def set_column_shown(self, col: int, shown: bool) -> None:
        """Show or hide a column (not the title); the choice is kept for the next start."""
        if col == 0:
            return
        header = self.table.horizontalHeader()
        header.setSectionHidden(col, not shown)
        self.ctx.settings.set_window_state(HEADER_STATE_KEY, header.saveState())
        self._fit_columns()

    def _restore_hidden_columns(self) -> None:
        """The columns hidden at the last start (from the header's own saved state, whose
        other parts — widths, resize modes — are this panel's to set); at the first start,
        :data:`DEFAULT_HIDDEN`."""
        state = self.ctx.settings.window_state(HEADER_STATE_KEY)
        if state is None:
            for col in DEFAULT_HIDDEN:
                self.table.horizontalHeader().setSectionHidden(col, True)
            return
        saved = QHeaderView(Qt.Orientation.Horizontal)
        saved.setModel(self.table.model())
        if saved.restoreState(state):
            header = self.table.horizontalHeader()
            for col in range(1, header.count()):  # the title is always shown
                header.setSectionHidden(col, saved.isSectionHidden(col))

    # ----------------------------------------------------------------------- actions
    def _one_selected(self) -> Optional[docs_ops.DocumentRow]:
        rows = self.selected_rows()
        if len(rows) != 1:
            self.ctx.show_status("Select one document first.")
            return None
        return rows[0]

    def edit_selected(self) -> None:
        """Open the details editor of the selected document."""
        from briefer.ui.dialogs.metadata import MetadataDialog

        row = self._one_selected()
        if row is not None:
            dialog = MetadataDialog(self.ctx, row.document, self.window())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            self.metadata_dialog = dialog

    def remove_selected(self) -> None:
        """Say what removal does to clips and briefs, then remove after confirmation."""
        ids = self.selected_ids()
        if not ids:
            self.ctx.show_status("Select the documents to remove first.")
            return
        try:
            impact = docs_ops.removal_impact(self.ctx.session, ids)
        except BrieferError as exc:
            self.ctx.report_error(exc)
            return
        names = (f"“{impact.documents[0].title}”" if len(ids) == 1
                 else f"these {len(ids)} documents")
        text = f"Remove {names} from the library? The stored copy is deleted; your files " \
               "outside the library are not touched."
        if not impact.harmless:
            text += "\n\n" + impact.describe()
        box = QMessageBox(QMessageBox.Icon.Question, "Remove from library", text,
                          QMessageBox.StandardButton.Cancel, self.window())
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(_result: int) -> None:
            if box.clickedButton() is remove:
                self.remove_ids(ids, confirmed=not impact.harmless)

        box.finished.connect(done)
        box.open()
        self.remove_box = box

    def remove_samples(self) -> None:
        """Ask, then remove every sample document in one step (what quotes citing them
        keep is said first, as for any removal)."""
        try:
            samples = docs_ops.sample_documents(self.ctx.session)
            impact = docs_ops.removal_impact(self.ctx.session, [d.id for d in samples])
        except BrieferError as exc:
            self.ctx.report_error(exc)
            return
        if not samples:
            self.ctx.show_status("There are no sample documents to remove.")
            return
        n = len(samples)
        text = (f"Remove the {n} sample document{'s' if n != 1 else ''} from the library? "
                "They are fictional examples shipped with Briefer; your own documents are "
                "not touched.")
        if not impact.harmless:
            text += "\n\n" + impact.describe()
        box = QMessageBox(QMessageBox.Icon.Question, "Remove sample documents", text,
                          QMessageBox.StandardButton.Cancel, self.window())
        remove = box.addButton("Remove Samples", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(_result: int) -> None:
            if box.clickedButton() is remove:
                self.ctx.tasks.submit(
                    docs_ops.remove_samples, self.ctx.session, confirmed=not impact.harmless,
                    title="Removing the sample documents", kind="write", cancellable=False,
                    on_result=lambda removed: self.ctx.show_status(
                        f"Removed {len(removed)} sample document"
                        f"{'s' if len(removed) != 1 else ''}."))

        box.finished.connect(done)
        box.open()
        self.remove_box = box

    def remove_ids(self, ids: list[int], *, confirmed: bool) -> Any:
        return self.ctx.tasks.submit(
            docs_ops.remove_documents, self.ctx.session, ids, confirmed=confirmed,
            title="Removing documents",
            kind="write", cancellable=False,
            on_result=lambda removed: self.ctx.show_status(
                f"Removed {len(removed)} document{'s' if len(removed) != 1 else ''}."))

    def unlock_selected(self) -> None:
        """Ask for the password of the selected locked document and read it."""
        row = self._one_selected()
        if row is None:
            return
        if row.document.status != "needs_password":
            self.ctx.show_status("This document is not locked.")
            return
        self.ask_password(row.document.id, row.document.title)

    def ask_password(self, doc_id: int, title: str, message: str = "") -> None:
        from briefer.ui.dialogs.password import PasswordDialog

        dialog = PasswordDialog(title, self.window(), message)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.unlock(doc_id, title, dialog.password()))
        dialog.open()
        self.password_dialog = dialog

    def unlock(self, doc_id: int, title: str, password: str) -> Any:
        """Read a locked document with ``password`` in the background."""
        def failed(exc: BaseException) -> None:
            if isinstance(exc, BrieferError) and exc.reason == "needs_password":
                self.ask_password(doc_id, title, "That password does not open it. Try again.")
            else:
                self.ctx.report_error(exc)

        return self.ctx.tasks.submit(
            docs_ops.unlock_document, self.ctx.session, doc_id, password,
            title=f"Opening {title[:40]}",
            kind="write", on_result=lambda _o: self.ctx.show_status(f"“{title}” is unlocked."),
            on_error=failed)

    def ask_passwords(self, outcomes: Sequence[Any]) -> None:
        """After an import: ask the passwords of the locked files, one after another."""
        for outcome in outcomes:
            if outcome.doc_id is not None:
                self.ask_password(outcome.doc_id, outcome.title or Path(outcome.path).name)
                return
        names = ", ".join(Path(o.path).name for o in outcomes[:3])
        self.ctx.show_status(f"{names}: protected with a password; select it in the Library "
                             "and choose Enter Password…")

    def page_numbering_selected(self) -> None:
        """The Page Numbering dialog of the selected document (the reader's page when it
        is the document open there, else its first page)."""
        from briefer.ui.dialogs.numbering import PageNumberingDialog

        row = self._one_selected()
        if row is None:
            return
        reader = getattr(self.window(), "reader", None)
        page = 0
        if reader is not None and reader.current_document() == row.id:
            page = reader.current_page()
        dialog = PageNumberingDialog(self.ctx, row.id, page, "", self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.numbering_dialog = dialog

    def read_rest_selected(self) -> Any:
        """Read again, with more time, the selected document that was read only in part
        (``ops.importing.retry_with_more_time``), in the background."""
        from briefer.core.ops import importing

        row = self._one_selected()
        if row is None or row.id not in self._partly:
            self.ctx.show_status("Select a document that was read only in part first.")
            return None
        title = row.document.title

        def done(outcome: Any) -> None:
            if getattr(outcome, "outcome", "") == "failed":
                self.ctx.show_dialog("The rest could not be read",
                                     f"“{title}”: {outcome.reason}", reason="import_failed")
            elif getattr(outcome, "pages_read", None) is None:
                self.ctx.show_status(f"Every page of “{title}” is read now.")
            else:
                self.ctx.show_status(
                    f"“{title}”: {outcome.pages_read} of {row.document.page_count} pages "
                    "read; the time allowed ran out again (try once more to allow more).")

        return self.ctx.tasks.submit(
            importing.retry_with_more_time, self.ctx.session, row.id,
            title=f"Reading the rest of “{title}”", kind="write", on_result=done)

    def ocr_selected(self) -> None:
        """Choose languages, then read the scans of the selected documents with OCR."""
        from briefer.core.ocr.ocr import parse_languages
        from briefer.core.ops import ocr as ocr_ops
        from briefer.ui.dialogs.ocr import OcrDialog

        ids = self.selected_ids()
        if not ids:
            self.ctx.show_status("Select the documents to read with OCR first.")
            return
        info = ocr_ops.tesseract_info()
        if not info.available:
            self.ctx.show_dialog("OCR is not available", info.install_hint,
                                 reason="tesseract_missing")
            return
        preferred = parse_languages(self.ctx.settings.get("ocr/languages"))
        dialog = OcrDialog(info.languages, preferred, len(ids), self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.run_ocr(ids, dialog.languages(),
                                                     dialog.all_pages.isChecked()))
        dialog.open()
        self.ocr_dialog = dialog

    def run_ocr(self, ids: list[int], languages: str, all_pages: bool = False) -> Any:
        """Read the scans of ``ids`` in ``languages`` ('eng+urd') in the background."""
        from briefer.core.ops import ocr as ocr_ops

        return self.ctx.tasks.submit(
            ocr_ops.run_ocr, self.ctx.session, ids,
            languages=languages or ocr_ops.AUTOMATIC,  # none ticked: each page's script
            all_pages=all_pages, title="Reading scans with OCR", kind="write",
            on_result=self.ocr_finished)

    def ocr_finished(self, report: Any) -> None:
        """Say what an OCR run did (this panel's, or an interrupted one continued)."""
        if not report.available:
            self.ctx.show_dialog("OCR did not run", report.reason, reason="tesseract_missing")
            return
        done, failed = report.pages_done, report.pages_failed
        text = f"OCR read {done} page{'s' if done != 1 else ''}"
        if failed:
            text += f"; {failed} could not be read (see the document's status)"
        self.ctx.show_status(text + ". Quotes from them are marked for checking.")

    def reindex(self) -> Any:
        """Rebuild the search index from the catalog in the background."""
        return self.ctx.tasks.submit(
            docs_ops.reindex, self.ctx.session, title="Rebuilding the search index",
            kind="write", on_result=lambda rep: self.ctx.show_status(
                f"Search index rebuilt: {rep.documents} documents, {rep.pages} pages."))


def _partly_read(session: Any) -> dict[int, Any]:
    """The documents read only in part, by id; {} when that cannot be read (a library
    from before the table existed that is read-only)."""
    from briefer.core.ops import importing

    try:
        return {p.doc_id: p for p in importing.partly_read(session)}
    except Exception:
        log.debug("partly read documents could not be listed", exc_info=True)
        return {}


# How the details name the fields Briefer guesses (core names: GUESSED_FIELDS).
FIELD_NAMES = {"title": "title", "doc_type": "type", "issuer": "issuer", "date": "date",
               "language": "language"}
GUESS_TIP = ("Briefer guessed these details from the file's properties and first pages. "
             "Choose Library ▸ Edit Details… to confirm or correct them.")


def guessed_fields(doc: Any) -> list[str]:
    """The fields of ``doc`` that hold a value still guessed (the core's ``is_guess``)."""
    from briefer.core.files.metadata import GUESSED_FIELDS, is_guess

    return [f for f in GUESSED_FIELDS if getattr(doc, f, "") and is_guess(doc, f)]


def guesses_html(doc: Any) -> str:
    """A line for the details: the guessed values in italics, each marked "(guessed)"."""
    fields = guessed_fields(doc)
    if not fields:
        return ""
    parts = [f"{FIELD_NAMES.get(f, f)} <i>{_esc(str(getattr(doc, f)))}</i>" for f in fields
             if f != "title"]
    if "title" in fields:
        parts.insert(0, "the title")
    return (f"<br>Guessed, not yet confirmed: {' · '.join(parts)} — Edit Details… to "
            "confirm or correct.")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
