"""Compare Versions: two documents of the library side by side, provision by provision.

Why it is built this way:

* **A window of its own**, not a fifth dock: a comparison wants the whole width (two
  columns of provision text), and the Reader and the Brief stay where they are beside it —
  a double-click on a text opens that page in the Reader, "Add to Brief" quotes into the
  brief shown in the Brief panel.
* **The comparison runs on the task runner** (a read), so the window stays live on a long
  document; a newer request makes an older result stale (it is dropped, not shown).
* **Nothing is decided here.** Which two documents to offer (``ops.compare.suggest_pair``),
  the comparison, its words, the Word table and the quotes added to a brief are the ops
  layer's; each "Add" is ONE ops call whose one command goes on the Brief panel's undo
  stack, so Ctrl+Z takes it back whole.
* **Marks that are not colour alone**: struck-through deletions, underlined insertions,
  each on a tint of the palette's base colour (see :mod:`briefer.ui.compare.model`),
  redrawn when the desktop switches between light and dark.
"""

from __future__ import annotations

import inspect
import logging
from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog,
                               QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from briefer.core.ops import compare as ops_compare
from briefer.core.ops import documents as docs_ops
from briefer.ui.compare.delegate import MarkedTextDelegate
from briefer.ui.compare.model import (CHANGE, EARLIER, LATER, PAIR_ROLE, PROVISION,
                                      ComparisonModel)

log = logging.getLogger(__name__)


class CompareWindow(QWidget):
    """Pick two documents, see their provisions aligned, act on a pair or on all."""

    #: doc_id, page_index, start, end: open this passage in the Reader
    openPassage = Signal(int, int, int, int)
    #: the comparison shown (a Comparison), after each run
    compared = Signal(object)

    def __init__(self, ctx: Any, parent: Optional[QWidget] = None, *,
                 brief_panel: Any = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.brief_panel = brief_panel
        self.setObjectName("compare-window")
        self.setWindowTitle("Compare Versions")
        self.setAccessibleName("Compare versions")
        self.comparison: Any = None
        self._request = 0
        self._handle: Any = None
        self._build()
        self.resize(1180, 720)
        changed = getattr(ctx, "libraryChanged", None)
        if changed is not None:  # documents added, removed or renamed elsewhere
            changed.connect(self.reload_documents)

    # ================================================================== building
    def _build(self) -> None:
        self.earlier = QComboBox(self)
        self.earlier.setObjectName("compare-earlier")
        self.earlier.setAccessibleName("Earlier version")
        self.later = QComboBox(self)
        self.later.setObjectName("compare-later")
        self.later.setAccessibleName("Later version")
        for combo in (self.earlier, self.later):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(28)
        self.swap_button = QPushButton("S&wap", self)
        self.swap_button.setToolTip("Make the later document the earlier one and back")
        self.swap_button.clicked.connect(self.swap)
        self.compare_button = QPushButton("&Compare", self)
        self.compare_button.setDefault(True)
        self.compare_button.clicked.connect(self.compare)
        earlier_label = QLabel("&Earlier:", self)
        earlier_label.setBuddy(self.earlier)
        later_label = QLabel("&Later:", self)
        later_label.setBuddy(self.later)
        top = QHBoxLayout()
        for w in (earlier_label, self.earlier, later_label, self.later, self.swap_button,
                  self.compare_button):
            top.addWidget(w, 1 if isinstance(w, QComboBox) else 0)

        self.summary = QLabel("Choose the earlier and the later version, then Compare.", self)
        self.summary.setObjectName("compare-summary")
        self.summary.setAccessibleName("Summary of the changes")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changed_only = QCheckBox("C&hanged only", self)
        self.changed_only.setObjectName("compare-changed-only")
        self.changed_only.setToolTip("Hide the provisions that are the same in both versions")
        self.changed_only.toggled.connect(self._on_changed_only)
        middle = QHBoxLayout()
        middle.addWidget(self.summary, 1)
        middle.addWidget(self.changed_only)

        self.model = ComparisonModel(self)
        self.model.set_palette(self.palette())
        self.table = QTableView(self)
        self.table.setObjectName("compare-table")
        self.table.setAccessibleName("Provisions of the two versions")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        self.delegate = MarkedTextDelegate(self.table)
        for col in (EARLIER, LATER):
            self.table.setItemDelegateForColumn(col, self.delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PROVISION, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(EARLIER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LATER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CHANGE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(PROVISION, 150)
        header.resizeSection(CHANGE, 170)
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(60)
        self._rows_timer.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_a: self._rows_timer.start())
        # a double-click or Enter on a row (activated) opens its page in the Reader
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())

        self.open_earlier_button = QPushButton("&Open Earlier Page", self)
        self.open_earlier_button.setToolTip("Show the earlier text's page in the Reader")
        self.open_earlier_button.clicked.connect(lambda: self.open_side("earlier"))
        self.open_later_button = QPushButton("Open La&ter Page", self)
        self.open_later_button.setToolTip("Show the later text's page in the Reader")
        self.open_later_button.clicked.connect(lambda: self.open_side("later"))
        self.add_pair_button = QPushButton("&Add to Brief", self)
        self.add_pair_button.setToolTip("Quote this provision's two texts into the current "
                                        "brief (one step: Ctrl+Z takes it back)")
        self.add_pair_button.clicked.connect(self.add_pair)
        self.add_all_button = QPushButton("Add All Chan&ges to Brief", self)
        self.add_all_button.setToolTip("Quote every changed provision into a new section of "
                                       "the current brief (one step)")
        self.add_all_button.clicked.connect(self.add_table)
        self.export_button = QPushButton("E&xport to Word…", self)
        self.export_button.setToolTip("Write the comparison as a Word table")
        self.export_button.clicked.connect(self.choose_export_file)
        bottom = QHBoxLayout()
        for w in (self.open_earlier_button, self.open_later_button):
            bottom.addWidget(w)
        bottom.addStretch(1)
        for w in (self.add_pair_button, self.add_all_button, self.export_button):
            bottom.addWidget(w)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.earlier, self.later)
        close = QAction("Close", self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Cancel))  # Escape
        close.triggered.connect(self.close)
        self.addAction(close)
        self._update_buttons()

    # ================================================================== choosing
    def load_documents(self, selected: tuple[int, ...] | list[int] = ()
                       ) -> Optional[tuple[int, int]]:
        """Fill both lists with the library's documents and choose the likely pair
        (``ops.compare.suggest_pair``: the selected two, or two versions of one title),
        which is returned (None when there is no likely pair)."""
        try:
            # older versions too: comparing a replaced version is what they are kept for
            rows = docs_ops.list_documents(self.ctx.session,
                                           docs_ops.DocumentFilter(include_superseded=True))
            pair = ops_compare.suggest_pair(self.ctx.session, list(selected))
        except Exception as exc:  # a closing library: say so, keep the window
            self.ctx.report_error(exc)
            return None
        for combo in (self.earlier, self.later):
            combo.blockSignals(True)
            combo.clear()
            for row in rows:
                doc = row.document
                year = doc.date[:4]
                when = f" ({year})" if year and year not in doc.title else ""
                old = " — replaced" if doc.status == "superseded" else ""
                combo.addItem(f"{doc.title}{when}{old}", doc.id)
                combo.setItemData(combo.count() - 1, f"{doc.title} · {doc.file_name}",
                                  Qt.ItemDataRole.ToolTipRole)
            combo.blockSignals(False)
        if pair is not None:
            self.choose(*pair)
        elif len(rows) >= 2:
            self.later.setCurrentIndex(1)
        return pair

    def reload_documents(self) -> None:
        """Read the lists again (the library changed), keeping the two chosen, if still
        there; the comparison shown stays until the next Compare."""
        if not self.isVisible():
            return
        a, b = self.chosen()
        self.load_documents([])
        if a is not None and b is not None:
            self.choose(a, b)

    def choose(self, earlier_id: int, later_id: int) -> None:
        for combo, doc_id in ((self.earlier, earlier_id), (self.later, later_id)):
            n = combo.findData(doc_id)
            if n >= 0:
                combo.setCurrentIndex(n)

    def chosen(self) -> tuple[Optional[int], Optional[int]]:
        return self.earlier.currentData(), self.later.currentData()

    def swap(self) -> None:
        a, b = self.chosen()
        if a is not None and b is not None:
            self.choose(b, a)
            if self.comparison is not None:
                self.compare()

    # ================================================================== comparing
    def compare(self) -> Any:
        """Compare the two chosen documents on the task runner; the result replaces
        the table when it arrives (an older request's result is dropped)."""
        a, b = self.chosen()
        if a is None or b is None:
            self.summary.setText("Choose two documents to compare.")
            return None
        if a == b:
            self.summary.setText("Choose two different documents: the earlier and the "
                                 "later version.")
            return None
        self._request += 1
        request = self._request
        if self._handle is not None and not self._handle.done:
            self._handle.cancel()
        self.summary.setText("Comparing…")
        self.compare_button.setEnabled(False)
        self._handle = self.ctx.tasks.submit(
            compare_task, self.ctx.session, a, b, title="Comparing two versions", kind="read",
            on_result=lambda c: self._on_compared(request, c),
            on_error=lambda exc: self._on_failed(request, exc))
        self._handle.finished.connect(lambda: self.compare_button.setEnabled(True))
        return self._handle

    def _on_compared(self, request: int, comparison: Any) -> None:
        if request != self._request:
            return  # a newer comparison was asked for
        self.show_comparison(comparison)

    def _on_failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self.model.set_comparison(None)
        self.comparison = None
        self._update_buttons()
        if getattr(exc, "reason", ""):  # the core's words (no structure, no text): here
            _where, text = self.ctx.phrase(exc)
            self.summary.setText(f"These two cannot be compared: {_esc(text)}")
            return
        self.summary.setText("These two could not be compared.")
        self.ctx.report_error(exc, title="Compare versions")

    def show_comparison(self, comparison: Any) -> None:
        """Show ``comparison`` (a ``Comparison``) in the table with its summary."""
        self.comparison = comparison
        earlier, later = comparison.earlier_title, comparison.later_title
        if earlier == later:  # two versions under one title: the lists' names (with years)
            earlier = self._name_of(comparison.earlier_id, self.earlier, earlier)
            later = self._name_of(comparison.later_id, self.later, later)
            if earlier == later:
                earlier, later = f"{earlier} (#{comparison.earlier_id})", \
                    f"{later} (#{comparison.later_id})"
        self.model.names = (earlier, later)
        self.model.set_comparison(comparison)
        self.summary.setText(f"<b>{_esc(earlier)}</b> → <b>{_esc(later)}</b>: "
                             f"{_esc(ops_compare.summary_words(comparison))}")
        self.table.resizeRowsToContents()
        row = next((n for n in range(self.model.rowCount())
                    if self.model.pair(n).change != "unchanged"), 0)
        if self.model.rowCount():
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._update_buttons()
        self.compared.emit(comparison)

    @staticmethod
    def _name_of(doc_id: int, combo: QComboBox, title: str) -> str:
        n = combo.findData(doc_id)
        return combo.itemText(n) if n >= 0 else title

    def _on_changed_only(self, on: bool) -> None:
        pair = self.current_pair()
        self.model.set_changed_only(on)
        self.table.resizeRowsToContents()
        row = self.model.row_of(pair) if pair is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def current_pair(self) -> Any:
        index = self.table.currentIndex()
        return self.model.pair(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        pair = self.current_pair()
        has = self.comparison is not None
        self.open_earlier_button.setEnabled(pair is not None and pair.earlier is not None)
        self.open_later_button.setEnabled(pair is not None and pair.later is not None)
        writable = not self.ctx.readonly
        self.add_pair_button.setEnabled(pair is not None and writable)
        self.add_all_button.setEnabled(has and writable and bool(self.comparison.changed()))
        self.export_button.setEnabled(has)

    # ================================================================== the Reader
    def _on_activated(self, index: QModelIndex) -> None:
        pair = index.data(PAIR_ROLE)
        if pair is None:
            return
        if index.column() == EARLIER or (index.column() != LATER and pair.later is None):
            self.open_side("earlier", pair)
        else:
            self.open_side("later", pair)

    def open_side(self, side: str, pair: Any = None) -> None:
        """Open the page where the earlier or later text of ``pair`` (default: the
        selected one) starts, its text highlighted."""
        pair = pair if pair is not None else self.current_pair()
        c = self.comparison
        part = None if pair is None else (pair.earlier if side == "earlier" else pair.later)
        if part is None or c is None:
            self.ctx.show_status("That provision is not in this version.")
            return
        doc_id = c.earlier_id if side == "earlier" else c.later_id
        (page, start), (end_page, end) = part.start, part.end
        if end_page != page or end <= start:
            end = start + max(1, len(part.text.split("\n", 1)[0]))  # the first line
        self.openPassage.emit(int(doc_id), int(page), int(start), int(end))

    # ================================================================== the Brief
    def _brief_edit(self, text: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run one ops edit into the Brief panel's current brief and put its command on
        the panel's undo stack (one step)."""
        panel = self.brief_panel
        if panel is None or not hasattr(panel, "run_edit"):
            self.ctx.show_status("Adding to a brief needs the Brief panel.")
            return None
        brief_id = panel.current_brief_id() if panel.current_brief() is not None else None
        # a new brief gets the citation style the preferences name, as a Ctrl+B quote's does
        style = getattr(panel, "_preferred_style", lambda: None)() if brief_id is None else None
        cmd = panel.run_edit(text, fn, brief_id, *args, style=style, **kwargs)
        if cmd is None:
            return None
        if brief_id is None and getattr(cmd, "brief_id", None) is not None:
            panel.set_current_brief(cmd.brief_id)
        return cmd

    def add_pair(self) -> Any:
        """Quote the selected pair (both texts, and what changed) into the current brief."""
        pair = self.current_pair()
        if pair is None or self.comparison is None:
            self.ctx.show_status("Select a provision first.")
            return None
        cmd = self._brief_edit("Add provision to brief", ops_compare.add_pair_to_brief,
                               self.comparison, pair)
        if cmd is not None:
            part = pair.later if pair.later is not None else pair.earlier
            name = part.citation if part is not None and part.citation else "The provision"
            self.ctx.show_status(f"{name} was added to the brief. Ctrl+Z takes it back.")
        return cmd

    def add_table(self) -> Any:
        """Quote every changed pair into a new section of the current brief."""
        if self.comparison is None:
            return None
        cmd = self._brief_edit("Add changes to brief", ops_compare.add_table_to_brief,
                               self.comparison)
        if cmd is not None:
            n = len(self.comparison.changed())
            self.ctx.show_status(f"{n} changed provision{'s' if n != 1 else ''} added to the "
                                 "brief in a new section. Ctrl+Z takes it back.")
        return cmd

    # ================================================================== Word
    def choose_export_file(self) -> None:
        if self.comparison is None:
            return
        name, _f = QFileDialog.getSaveFileName(
            self, "Export the comparison", str(self._suggested_path()),
            "Word document (*.docx)", options=QFileDialog.Option.DontConfirmOverwrite)
        if name:
            path = Path(name)
            self.export_to(path if path.suffix else path.with_suffix(".docx"))

    def _suggested_path(self) -> Path:
        c = self.comparison
        words = "".join(ch if ch.isalnum() else "-" for ch in (c.later_title if c else "")[:50])
        stem = "-".join(w for w in words.lower().split("-") if w) or "comparison"
        return Path.home() / f"what-changed-{stem}.docx"

    def export_to(self, path: Path, *, overwrite: bool = False) -> Any:
        """Write the Word table to ``path`` (on the task runner); an existing file is
        replaced only after the user said so."""
        if self.comparison is None:
            return None
        return self.ctx.tasks.submit(
            export_task, self.ctx.session, self.comparison, path,
            title="Exporting the comparison", kind="read",
            changed_only=self.changed_only.isChecked(), overwrite=overwrite,
            on_result=lambda p: self.ctx.show_status(f"The comparison was written to {p}.",
                                                     10000),
            on_error=lambda exc: self._on_export_failed(path, exc))

    def _on_export_failed(self, path: Path, exc: BaseException) -> None:
        if getattr(exc, "reason", "") == "file_exists":
            if self.ask_replace(path):
                self.export_to(path, overwrite=True)
            else:
                self.ctx.show_status(f"Nothing was written: {path.name} already exists.")
            return
        self.ctx.report_error(exc, title="Export the comparison")

    def ask_replace(self, path: Path) -> bool:
        """Ask whether to replace the existing file ``path`` (Cancel is the default)."""
        from briefer.ui.dialogs.ask import ask_destructive

        return ask_destructive(self, "Replace file?",
                               f"“{path.name}” already exists in {path.parent}.",
                               "Replacing it overwrites what it holds now.", "&Replace",
                               name="compare-replace")

    # ================================================================== Qt
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        """Light ↔ dark: draw the marks again on the new base colour."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            if hasattr(self, "model"):
                self.model.set_palette(self.palette())
                self.table.viewport().update()


def compare_task(session: Any, earlier_id: int, later_id: int, *, progress: Any = None,
                 cancel: Any = None) -> Any:
    """``ops.compare.compare_documents`` for the task runner (progress and cancel passed
    on when it takes them)."""
    fn = ops_compare.compare_documents
    params = inspect.signature(fn).parameters
    kwargs = {k: v for k, v in (("progress", progress), ("cancel", cancel)) if k in params}
    return fn(session, earlier_id, later_id, **kwargs)


def export_task(session: Any, comparison: Any, path: Path, *, changed_only: bool,
                overwrite: bool, progress: Any = None, cancel: Any = None) -> Path:
    return ops_compare.export_comparison(session, comparison, path, changed_only=changed_only,
                                         overwrite=overwrite, progress=progress, cancel=cancel)


def _esc(text: str) -> str:
    import html

    return html.escape(text)
