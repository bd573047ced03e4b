"""The editor under the brief's outline: a section's heading, commentary, or a quote's fields.

Why it is built this way:

* Commentary is stored in the core's small markup (``**bold**``, ``*italic*``, ``- ``
  bullets; ``briefer.core.briefs.markup``), the same text the Word and Markdown exports
  format. The editor edits that text directly — the Bold/Italic/Bullets buttons (Ctrl+B
  is taken by "quote", so Ctrl+Shift+B / Ctrl+I / Ctrl+Shift+8) wrap the selection in
  markup — and shows the formatted result beside it from ``parse_commentary``, so what
  the preview shows is what the export writes.
* Every field saves as it is typed: after a pause (:data:`IDLE_SAVE_MS`), when the field
  is left, on Ctrl+Enter, when another item is chosen and when the editor is hidden (the
  window closing). Each save is one ops edit, one step on the undo stack, run by the
  panel's ``saver``; only fields that differ from what the library holds are sent, so
  loading an item never writes.
* The editor remembers what the library holds for each field (``_stored``). When the
  panel shows the same item again (after a save, an undo, another window's edit) a field
  is touched only if the library's value changed and the user has no edit pending in it,
  and then the cursor stays where it was: a save landing while the user types never
  replaces the text or moves the cursor.
* A refused save (the library is read-only, the disk is full …) keeps the text in the
  field, and the line under the editor says "Not saved — why" until a save succeeds
  (tried again on the next edit or Ctrl+Enter). Edits of an item left while unsaved are
  kept aside and put back when it is shown again; :meth:`ItemEditor.save_pending` tries
  them all, :meth:`ItemEditor.unsaved_work` names what is still not stored. In a window
  that cannot write at all the fields are read-only and the line says why, up front.
* Right-to-left paragraphs (Urdu commentary) are laid out right to left and aligned
  right, each paragraph by its own first strong character (a bullet "- " or a quotation
  mark does not count), in the editors as in the preview: the commentary editors are a
  ``QTextEdit`` taking plain text only, since ``QPlainTextEdit`` lays every block out
  with one alignment for the whole document.
* A quote's locator: empty means "use the detected one" (shown as the placeholder); what
  the user types always wins over detection. When nothing was detected the field says
  so, since the core stores no locator it is unsure of. When detection has an uncertain
  reading, a button beside the field offers it ("Use para 1"): one click asks the panel
  (``acceptSuggestion(clip_id)``) to store it as the clip's locator, one undo step. The
  button hides while the user types a locator of their own.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QScrollArea, QSizePolicy, QStackedWidget,
                               QTextEdit, QToolButton, QVBoxLayout, QWidget)

from briefer.core.briefs.markup import parse_commentary
from briefer.core.ops.documents import page_cite_text

IDLE_SAVE_MS = 1000  # a pause in typing this long saves


def direction(text: str) -> Optional[Qt.LayoutDirection]:
    """The direction of a paragraph: that of its first strong character (Unicode's
    rule P2: letters of Arabic, Urdu or Hebrew are right to left, Latin letters left to
    right; digits, spaces and punctuation do not decide); None when it has none."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
    return None


def _auto_direction(doc: Any) -> Any:
    """The document's text option with the direction left to each paragraph."""
    option = doc.defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    return option


def _dir_attr(text: str) -> str:
    rtl = direction(text) == Qt.LayoutDirection.RightToLeft
    return " dir='rtl' align='right'" if rtl else ""


def markup_to_html(text: str) -> str:
    """The core's commentary markup as HTML for the preview (same parse as the export);
    a right-to-left paragraph is marked so and aligned right."""
    out: list[str] = []
    in_list = False
    for kind, runs in parse_commentary(text):
        body = "".join(_run_html(t, b, i) for t, b, i in runs)
        plain = "".join(t for t, _b, _i in runs)
        if kind == "bullet":
            if not in_list:
                out.append("<ul style='margin:0'>")
                in_list = True
            out.append(f"<li{_dir_attr(plain)}>{body}</li>")
        else:
            if in_list:
                out.append("</ul>")
                in_list = False
            out.append(f"<p{_dir_attr(plain)} style='margin:0 0 6px 0'>{body}</p>")
    if in_list:
        out.append("</ul>")
    return "".join(out)


def _run_html(text: str, bold: bool, italic: bool) -> str:
    s = html.escape(text)
    if italic:
        s = f"<i>{s}</i>"
    if bold:
        s = f"<b>{s}</b>"
    return s


class _FittedScroll(QScrollArea):
    """A scroll area whose page is as tall as its wrapped labels need at the width shown
    (a form's minimum height ignores word wrap, so the quote and the citation were drawn
    over the fields below them and cut off)."""

    def fit(self) -> None:
        page = self.widget()
        lay = page.layout() if page is not None else None
        if lay is None:
            return
        width = self.viewport().width()
        height = (lay.totalHeightForWidth(width) if lay.hasHeightForWidth()
                  else lay.totalSizeHint().height())
        page.setMinimumHeight(max(height, lay.totalMinimumSize().height()))
        page.resize(width, max(page.minimumHeight(), self.viewport().height()))
        lay.setGeometry(page.rect())  # laid out now, also while the page was hidden

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.fit()


class MarkupEdit(QTextEdit):
    """A plain-text editor of commentary markup with formatting commands and a "left"
    signal (focus out or Ctrl+Enter). Plain text only (a paste of formatted text comes in
    as its words); each paragraph is laid out in its own direction and aligned to its
    start, so Urdu paragraphs stand at the right (see :func:`direction`)."""

    left = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        # QTextEdit gives each paragraph the direction of its first strong character
        # (its block direction is "auto"), and an alignment to the paragraph's start
        self.document().setDefaultTextOption(_auto_direction(self.document()))

    def wrap(self, marker: str) -> None:
        """Wrap the selection (or the word under the cursor) in ``marker``."""
        cur = self.textCursor()
        if not cur.hasSelection():
            cur.select(QTextCursor.SelectionType.WordUnderCursor)
        text = cur.selectedText()
        if text.startswith(marker) and text.endswith(marker) and len(text) > 2 * len(marker):
            cur.insertText(text[len(marker):-len(marker)])
        else:
            cur.insertText(f"{marker}{text}{marker}")
        self.setTextCursor(cur)

    def toggle_bullets(self) -> None:
        """Make the selected lines bullet points, or plain lines if they all are."""
        cur = self.textCursor()
        start, end = sorted((cur.selectionStart(), cur.selectionEnd()))
        cur.setPosition(start)
        cur.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cur.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        lines = cur.selectedText().split("\u2029")
        if all(line.startswith("- ") for line in lines if line.strip()):
            lines = [line[2:] if line.startswith("- ") else line for line in lines]
        else:
            lines = [line if not line.strip() or line.startswith("- ") else f"- {line}"
                     for line in lines]
        cur.insertText("\n".join(lines))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.left.emit()
            return
        if ctrl and shift and event.key() == Qt.Key.Key_B:
            self.wrap("**")
            return
        if ctrl and not shift and event.key() == Qt.Key.Key_I:
            self.wrap("*")
            return
        if ctrl and shift and event.key() in (Qt.Key.Key_8, Qt.Key.Key_Asterisk):
            self.toggle_bullets()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.left.emit()


FIELD_NAMES = {"heading": "heading", "body": "text", "lead_in": "lead-in",
               "comment": "comment", "note": "note", "locator": "locator"}


def refusal_phrase(exc: BaseException) -> str:
    """Why a save was refused, in a few words for the line under the editor."""
    from briefer.core.library.errors import storage_problem

    reason = getattr(exc, "reason", "")
    if reason == "library_busy":
        return "the library is read-only (another Briefer is writing)"
    if reason == "disk_full":
        return "the disk is full"
    why = storage_problem(exc)
    if why is not None:
        return why
    if reason in ("read_only", "read_only_media"):
        return "the library is read-only"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text.rstrip(".")


@dataclass
class EditedNode:
    """What the editor is editing: ``kind`` ("section", "text", "quote" or "draft": new
    commentary, whose ``node_id`` is its section), the brief it belongs to, a label for
    people ('commentary in “Background”') and, for a draft, where it goes."""

    kind: str
    node_id: int
    brief_id: Optional[int] = None
    label: str = ""
    position: Optional[int] = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.node_id)


@dataclass
class _Parked:
    """Edits of a node the user left while they could not be saved."""

    node: EditedNode
    fields: dict[str, str] = field(default_factory=dict)
    refusal: str = ""


# The saver runs one ops edit for ``node`` with the changed fields and puts it on the undo
# stack; it returns the new item's id for a draft (else None) and raises when refused.
Saver = Callable[[EditedNode, dict[str, str]], Optional[int]]


class ItemEditor(QWidget):
    """Edits the outline's current node (see the module docstring). The panel sets
    :attr:`saver`; ``saved(kind, node_id, stay)`` says an edit was stored (``stay``: the
    editor is still on that node — a draft that just became commentary ``node_id``);
    ``refused(exc)`` says a save was refused after saves had worked (once per run of
    refusals); ``stateChanged(state)`` is "saved", "pending", "unsaved" or "readonly"."""

    saved = Signal(str, int, bool)
    refused = Signal(object)
    stateChanged = Signal(str)
    acceptSuggestion = Signal(int)  # clip id: take the suggested locator

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Edit the selected part of the brief")
        self.saver: Optional[Saver] = None
        self._node: Optional[EditedNode] = None
        self._stored: dict[str, str] = {}
        self._refusal = ""  # why the last save of this node was refused ('' : it was not)
        self._parked: dict[tuple[str, int], _Parked] = {}
        self._readonly = ""  # why nothing can be saved in this window ('' : it can)
        self._state = ""
        self._saving = False
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_SAVE_MS)
        self._idle.timeout.connect(self.save)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Save state")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.status)

        self.none = QLabel("Select a section, a quote or commentary to edit it here.", self)
        self.none.setWordWrap(True)
        self.none.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.none.setEnabled(False)
        self.pages.addWidget(self.none)

        # a section
        sec = QWidget(self)
        form = QFormLayout(sec)
        self.heading = QLineEdit(sec)
        self.heading.setAccessibleName("Section heading")
        form.addRow("&Heading:", self.heading)
        self.section_page = sec
        self.pages.addWidget(sec)

        # commentary
        com = QWidget(self)
        lay = QVBoxLayout(com)
        lay.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        self.body = MarkupEdit(com)
        self.body.setAccessibleName("Commentary")
        self.body.setPlaceholderText("Write commentary. **bold**, *italic*, and lines "
                                     "starting with “- ” are bullet points.")
        self.format_buttons: list[QToolButton] = []
        for text, tip, slot in (("B", "Bold (Ctrl+Shift+B)", lambda: self.body.wrap("**")),
                                ("I", "Italic (Ctrl+I)", lambda: self.body.wrap("*")),
                                ("• List", "Bullet points (Ctrl+Shift+8)",
                                 self.body.toggle_bullets)):
            b = QToolButton(com)
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip.split(" (")[0])
            if text == "B":
                f = b.font()
                f.setBold(True)
                b.setFont(f)
            elif text == "I":
                f = b.font()
                f.setItalic(True)
                b.setFont(f)
            b.clicked.connect(slot)
            tools.addWidget(b)
            self.format_buttons.append(b)
        tools.addStretch(1)
        lay.addLayout(tools)
        lay.addWidget(self.body, 2)
        self.body_preview = QLabel(com)
        self.body_preview.setWordWrap(True)
        self.body_preview.setTextFormat(Qt.TextFormat.RichText)
        self.body_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.body_preview.setAccessibleName("Commentary as exported")
        self.body_preview.setSizePolicy(QSizePolicy.Policy.Preferred,
                                        QSizePolicy.Policy.Minimum)
        lay.addWidget(self.body_preview)
        self.text_page = com
        self.pages.addWidget(com)

        # a quote
        quo = QWidget(self)
        column = QVBoxLayout(quo)  # the form at the top, spare height below it
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.quote_text = QLabel(quo)
        self.quote_text.setWordWrap(True)
        self.quote_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote_text.setAccessibleName("Quoted text")
        form.addRow(self.quote_text)
        self.lead_in = QLineEdit(quo)
        self.lead_in.setAccessibleName("Lead-in")
        self.lead_in.setPlaceholderText("Words before the quote, e.g. “The Rules provide that”")
        self.comment = MarkupEdit(quo)
        self.comment.setAccessibleName("Comment after the quote")
        self.comment.setPlaceholderText("Your comment after the quote (optional)")
        self.comment.setFixedHeight(self.comment.fontMetrics().lineSpacing() * 4 + 12)
        self.locator = QLineEdit(quo)
        self.locator.setAccessibleName("Locator")
        self.locator.setToolTip("Where in the document: e.g. “Rule 6(2)” or “para. 14”. "
                                "What you type here always wins; leave it empty to use the "
                                "detected one.")
        self.note = QLineEdit(quo)
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("A private note on this clip (not exported)")
        form.addRow("&Lead-in:", self.lead_in)
        form.addRow("&Comment:", self.comment)
        self.use_suggestion = QPushButton(quo)
        self.use_suggestion.setAccessibleName("Use the suggested locator")
        self.use_suggestion.hide()
        self._suggestion: tuple[Optional[int], str] = (None, "")
        locator_row = QHBoxLayout()
        locator_row.setContentsMargins(0, 0, 0, 0)
        locator_row.addWidget(self.locator, 1)
        locator_row.addWidget(self.use_suggestion)
        self.locator_label = QLabel("Lo&cator:", quo)
        self.locator_label.setBuddy(self.locator)
        form.addRow(self.locator_label, locator_row)
        form.addRow("&Note:", self.note)
        self.citation = QLabel(quo)
        self.citation.setWordWrap(True)
        self.citation.setTextFormat(Qt.TextFormat.RichText)
        self.citation.setFrameShape(QFrame.Shape.StyledPanel)
        self.citation.setAccessibleName("Citation preview")
        form.addRow(self.citation)
        scroll = _FittedScroll(self)
        scroll.setWidget(quo)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.quote_page = scroll
        self.pages.addWidget(scroll)

        self._fields: dict[str, Any] = {"heading": self.heading, "body": self.body,
                                        "lead_in": self.lead_in, "comment": self.comment,
                                        "note": self.note, "locator": self.locator}
        for w in (self.heading, self.lead_in, self.locator, self.note):
            w.textEdited.connect(self._on_edited)
            w.editingFinished.connect(self.save)  # the field is left (or Enter)
            w.returnPressed.connect(self.save)  # Enter again after a refused save
        self.locator.textChanged.connect(lambda _t: self._show_suggestion())
        self.use_suggestion.clicked.connect(self._accept_suggestion)
        for w in (self.body, self.comment):
            w.textChanged.connect(self._on_edited)  # loading blocks the signal
            w.left.connect(self.save)  # Ctrl+Enter, or the field is left
        self.installEventFilter(self)
        self._show_state()

    # ------------------------------------------------------------------ the pages
    def currentWidget(self) -> QWidget:
        return self.pages.currentWidget()

    def setCurrentWidget(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self._show_state()

    # ------------------------------------------------------------------ loading
    def show_nothing(self) -> None:
        self._leave()
        self._node, self._stored, self._refusal = None, {}, ""
        self.setCurrentWidget(self.none)

    def show_section(self, section: Any, *, brief_id: Optional[int] = None,
                     label: str = "") -> None:
        node = EditedNode("section", section.id, brief_id,
                          label or f"section “{section.heading}”")
        self._show(node, {"heading": section.heading}, self.section_page)

    def show_draft(self, section_id: int, position: Optional[int], *,
                   brief_id: Optional[int] = None, label: str = "") -> None:
        """New commentary: nothing is stored until there is text (the core keeps no empty
        commentary); the first save adds it where it was asked for."""
        self._leave()
        self._node = EditedNode("draft", section_id, brief_id, label or "new commentary",
                                position)
        self._load({"body": ""}, self.text_page)
        self.body_preview.setText("<i>(new commentary: start typing)</i>")
        self.body.setFocus()

    def show_text(self, item: Any, *, brief_id: Optional[int] = None, label: str = "") -> None:
        node = EditedNode("text", item.id, brief_id, label or "commentary")
        self._show(node, {"body": item.body}, self.text_page)

    def show_quote(self, item: Any, clip: Any, citation_html: str,
                   locator_hint: str = "", *, brief_id: Optional[int] = None,
                   label: str = "", doc_title: str = "", suggestion: str = "") -> None:
        """A quote's fields; ``doc_title`` is the cited document's title now (else the
        one the clip remembers); ``suggestion``: the uncertain reading detection offers
        for a clip without a locator (a button takes it)."""
        self._suggestion = (clip.id if clip is not None and suggestion else None, suggestion)
        self.citation.setText(citation_html)
        locator_user = getattr(clip, "locator_user", None) if clip else None
        values = {"lead_in": item.lead_in, "comment": item.comment,
                  "note": clip.note if clip else "", "locator": locator_user or ""}
        if clip is not None:
            title = doc_title or clip.doc_title
            page = page_cite_text(clip.page_label, clip.label_source, clip.page_index)
            where = f"{title}, {page}"  # "p. 11 (PDF p. 29)" where the two differ
            self.quote_text.setText(f"“{' '.join(clip.display_text.split())}”\n— {where}")
            rtl = direction(clip.display_text) == Qt.LayoutDirection.RightToLeft
            self.quote_text.setAlignment(Qt.AlignmentFlag.AlignRight if rtl
                                         else Qt.AlignmentFlag.AlignLeft)
            auto = clip.locator_auto
            self.locator.setPlaceholderText(
                f"detected: {auto}" if auto else
                locator_hint or "none detected — type one, e.g. Rule 6(2)")
        else:
            self.quote_text.setText("The clip of this quote no longer exists.")
        for w in (self.note, self.locator):
            w.setEnabled(clip is not None)
        node = EditedNode("quote", item.id, brief_id, label or "the quote")
        self._show(node, values, self.quote_page)
        self._show_suggestion()
        self.quote_page.fit()  # the quote and citation may wrap to more lines now

    def _show_suggestion(self) -> None:
        """The "Use …" button: shown for a suggestion while the field is empty."""
        clip_id, text = self._suggestion
        show = bool(clip_id is not None and text and not self.locator.text().strip()
                    and not self._readonly)
        if show:
            self.use_suggestion.setText(f"&Use {text}")
            self.use_suggestion.setToolTip(
                f"Cite this quote as {text}: Briefer read it from the numbering around the "
                "passage but was not sure. Undo takes it back.")
        self.use_suggestion.setVisible(show)

    def _accept_suggestion(self) -> None:
        clip_id, _text = self._suggestion
        if clip_id is not None:
            self.acceptSuggestion.emit(clip_id)

    def _show(self, node: EditedNode, values: dict[str, str], page: QWidget) -> None:
        if self._node is None or self._node.key != node.key:
            self._leave()  # saves the node left (which may show this one meanwhile)
        if self._node is not None and self._node.key == node.key:
            self._node.brief_id = node.brief_id or self._node.brief_id
            self._node.label = node.label
            self._update(values)
            if self.currentWidget() is not page:
                self.setCurrentWidget(page)
            return
        self._node = node
        self._load(values, page)

    def _load(self, values: dict[str, str], page: QWidget) -> None:
        """Show a node anew: the library's values, then any edits kept aside for it."""
        assert self._node is not None
        self._idle.stop()
        self._stored = dict(values)
        parked = self._parked.pop(self._node.key, None)
        self._refusal = parked.refusal if parked else ""
        shown = dict(values)
        if parked:
            shown.update(parked.fields)
        for name, value in shown.items():
            self._set_field(name, value, keep_cursor=False)
        if "body" in shown:
            self._update_preview()
        self.setCurrentWidget(page)

    def _update(self, values: dict[str, str]) -> None:
        """The node shown, read again: take what changed in the library into the fields
        the user is not editing; leave the text (and the cursor) alone otherwise."""
        for name, value in values.items():
            before = self._stored.get(name, "")
            if _same(name, value, before):
                continue
            self._stored[name] = value
            if _same(name, self._field_value(name), before):  # no edit pending here
                self._set_field(name, value, keep_cursor=True)
                if name == "body":
                    self._update_preview()
        self._show_state()

    def _field_value(self, name: str) -> str:
        w = self._fields[name]
        return w.toPlainText() if isinstance(w, QTextEdit) else w.text()

    def _set_field(self, name: str, value: str, keep_cursor: bool) -> None:
        w = self._fields[name]
        if self._field_value(name) == value:
            return
        w.blockSignals(True)
        try:
            if isinstance(w, QTextEdit):
                pos = w.textCursor().position()
                w.setPlainText(value)
                if keep_cursor:
                    cur = w.textCursor()
                    cur.setPosition(min(pos, len(value)))
                    w.setTextCursor(cur)
            else:
                pos = w.cursorPosition()
                w.setText(value)
                if keep_cursor:
                    w.setCursorPosition(min(pos, len(value)))
        finally:
            w.blockSignals(False)

    def _update_preview(self) -> None:
        text = self.body.toPlainText()
        if self._node is not None and self._node.kind == "draft" and not text:
            self.body_preview.setText("<i>(new commentary: start typing)</i>")
        else:
            self.body_preview.setText(markup_to_html(text) or "<i>(empty)</i>")

    # ------------------------------------------------------------------ saving
    def _on_edited(self, *_args: Any) -> None:
        if self.sender() is self.body:
            self._update_preview()
        self._idle.start()
        self._show_state()

    def current_values(self) -> dict[str, str]:
        kind = self._node.kind if self._node is not None else ""
        names = {"section": ("heading",), "text": ("body",), "draft": ("body",),
                 "quote": ("lead_in", "comment", "note", "locator")}.get(kind, ())
        return {name: self._field_value(name) for name in names}

    def pending(self) -> dict[str, str]:
        """The fields whose text differs from what the library holds (as they will be
        sent: a heading and a locator without surrounding spaces)."""
        out = {}
        for name, value in self.current_values().items():
            if not _same(name, value, self._stored.get(name, "")):
                out[name] = value.strip() if name in ("heading", "locator") else value
        return out

    def save(self) -> bool:
        """Store the fields that changed (one edit) now. True when nothing of this node is
        left unsaved; False when the save was refused (the text stays, marked unsaved)."""
        self._idle.stop()
        node = self._node
        if node is None or self._saving:
            return True
        changed = self.pending()
        if node.kind == "draft" and not changed.get("body", "").strip():
            changed = {}  # nothing to store yet (the core keeps no empty commentary)
        if not changed:
            self._refusal = ""
            self._show_state()
            return True
        if node.kind == "section" and not changed["heading"]:
            self._refusal = "a section needs a heading"
            self._show_state()
            return False
        if self.saver is None:
            return False
        self._saving = True
        try:
            new_id = self.saver(node, changed)
        except Exception as exc:  # refused: keep the text, say it is not saved
            self._saving = False
            self._refused(exc)
            return False
        self._saving = False
        self._refusal = ""
        self._stored.update(changed)
        stay = node is self._node
        if node.kind == "draft" and new_id is not None:
            node.kind, node.node_id, node.position = "text", int(new_id), None
        self._show_state()
        self.saved.emit(node.kind, node.node_id, stay and node.kind == "text"
                        and new_id is not None)
        return True

    def _refused(self, exc: BaseException) -> None:
        first = not self._refusal
        self._refusal = refusal_phrase(exc)
        self._show_state()
        if first:
            self.refused.emit(exc)

    def _leave(self) -> None:
        """Before another node is shown: save this one, or keep its edits aside."""
        if self._node is None:
            return
        node = self._node
        if not self.save() and self._node is node:
            changed = self.pending()
            if changed:
                self._parked[node.key] = _Parked(node, changed, self._refusal)

    def save_pending(self) -> bool:
        """Try to store every edit not yet stored — the one in the editor and those of
        items left while a save was refused — now. True when nothing unsaved remains.
        (The window calls this before it closes, then asks about :meth:`unsaved_work`.)"""
        self.save()
        for key, parked in list(self._parked.items()):
            if self.saver is None:
                break
            try:
                self.saver(parked.node, parked.fields)
            except Exception as exc:  # still refused: it stays listed
                parked.refusal = refusal_phrase(exc)
                continue
            self._parked.pop(key, None)
            self.saved.emit(parked.node.kind, parked.node.node_id, False)
        return not self.unsaved_work()

    def unsaved_work(self) -> list[str]:
        """Edits the library does not hold, for people ('the text of commentary in
        “Background”'); empty when everything typed is stored."""
        out = []
        if self._node is not None:
            changed = self.pending()
            if self._node.kind == "draft" and not changed.get("body", "").strip():
                changed = {}
            if changed:
                out.append(_describe(self._node, changed))
        out.extend(_describe(p.node, p.fields) for p in self._parked.values())
        return out

    def editing_draft(self) -> bool:
        """Whether new commentary (not stored yet) is in the editor."""
        return self._node is not None and self._node.kind == "draft"

    # ------------------------------------------------------------------ read-only
    def set_read_only(self, why: str) -> None:
        """Nothing can be saved in this window (``why``: what to tell people, e.g.
        :func:`readonly_words`); '' : it can. The fields become read-only and the line
        under them says why."""
        self._readonly = why
        for w in self._fields.values():
            w.setReadOnly(bool(why))
        for b in self.format_buttons:
            b.setEnabled(not why)
        self._show_suggestion()
        self._show_state()

    # ------------------------------------------------------------------ the state line
    def state(self) -> str:
        """"readonly", "unsaved" (a save was refused), "pending" (typed, saved at the next
        pause) or "saved"."""
        if self._readonly:
            return "readonly"
        if self._refusal or self._parked:
            return "unsaved"
        if self._node is not None and self.unsaved_work():
            return "pending"
        return "saved"

    def _show_state(self) -> None:
        state = self.state()
        if state == "readonly":
            text = f"<b>Read-only:</b> {html.escape(self._readonly)}"
        elif state == "unsaved":
            why = self._refusal or next(iter(self._parked.values())).refusal
            others = len(self._parked)
            more = (f" Edits of {others} other item{'s' if others != 1 else ''} are not "
                    "saved either." if others and self._refusal else "")
            text = (f"<b>⚠ Not saved — {html.escape(why)}.</b> Your text is kept here and "
                    f"saved with your next edit (Ctrl+Enter tries again).{more}")
        elif state == "pending":
            text = "Saving when you pause typing… (Ctrl+Enter saves now)"
        else:
            text = "Saved — changes are saved as you type (Ctrl+Enter saves now)"
        self.status.setText(text)
        self.status.setVisible(self.currentWidget() is not self.none or state != "saved")
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide:
            self.save()
        return super().eventFilter(obj, event)


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def node_label(kind: Optional[str], section: Any, item: Any, clips: dict) -> str:
    """A node of the outline named for people: 'section “Background”', 'commentary
    “The Rules…” in “Background”', 'the quote “Every intermediary…” in “Background”'."""
    heading = f"“{_short(section.heading)}”" if section is not None else "the brief"
    if kind == "section":
        return f"section {heading}"
    if kind == "text":
        return f"commentary “{_short(item.body)}” in {heading}"
    if kind == "quote":
        clip = clips.get(item.clip_id) if item is not None else None
        words = f" “{_short(clip.display_text)}”" if clip is not None else ""
        return f"the quote{words} in {heading}"
    return ""


def readonly_words(session: Any) -> str:
    """Why edits cannot be saved in a window over ``session`` (read-only), for the line
    under the editor."""
    lib = getattr(session, "library", None)
    try:
        busy = bool(getattr(lib(), "readonly_busy", False)) if callable(lib) else False
    except Exception:  # a closing session: the general words
        busy = False
    if busy:
        return ("another Briefer is writing to this library, so changes made here cannot be "
                "saved. Close it, then reopen this library to edit.")
    why = str(getattr(session, "readonly_reason", "") or "").strip().rstrip(".")
    return (f"this library is open for reading only ({why})" if why else
            "this library is open for reading only") + ", so changes made here cannot be saved."


def _same(name: str, a: str, b: str) -> bool:
    """Whether two values of field ``name`` are the same once stored."""
    if name in ("heading", "locator"):
        return a.strip() == b.strip()
    return a == b


def _describe(node: EditedNode, fields: dict[str, str]) -> str:
    if node.kind in ("text", "draft"):
        return node.label
    names = [FIELD_NAMES.get(f, f) for f in fields]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"the {joined} of {node.label}"

def citation_html(preview: Any) -> str:
    """The citation preview box: the form this quote gets where it stands, then both."""
    if preview is None:
        return ""
    where = (f"Footnote {preview.footnote}" if preview.footnote else "Inline")
    first = preview.first if preview.style != "inline" else preview.inline_first
    short = preview.short if preview.style != "inline" else preview.inline_short
    return (f"<b>{where}</b> ({'first citation' if preview.is_first else 'later citation'}):"
            f"<br>{html.escape(preview.placed)}"
            f"<br><small>First: {html.escape(first)}<br>"
            f"Short: {html.escape(short)}</small>")

