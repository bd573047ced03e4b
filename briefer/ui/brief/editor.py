"""The editor under the brief's outline: a section's heading, commentary, or a quote's fields.

Why it is built this way:

* Commentary is stored in the core's small markup (``**bold**``, ``*italic*``, ``- ``
  bullets; ``briefer.core.briefs.markup``), the same text the Word and Markdown exports
  format. The editor edits that text directly — the Bold/Italic/Bullets buttons (Ctrl+B
  is taken by "quote", so Ctrl+Shift+B / Ctrl+I / Ctrl+Shift+8) wrap the selection in
  markup — and shows the formatted result beside it from ``parse_commentary``, so what
  the preview shows is what the export writes.
* An edit is saved when the field is left, on Ctrl+Enter, or after a pause in typing;
  each save is one ops edit, one step on the undo stack. Only fields that changed are
  sent, so loading an item never writes.
* A quote's locator: empty means "use the detected one" (shown as the placeholder); what
  the user types always wins over detection. When nothing was detected the field says
  so, since the core stores no locator it is unsure of.
"""

from __future__ import annotations

import html
from typing import Any, Optional

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QScrollArea, QSizePolicy, QStackedWidget, QToolButton,
                               QVBoxLayout, QWidget)

from briefer.core.briefs.markup import parse_commentary

IDLE_SAVE_MS = 1500


def markup_to_html(text: str) -> str:
    """The core's commentary markup as HTML for the preview (same parse as the export)."""
    out: list[str] = []
    in_list = False
    for kind, runs in parse_commentary(text):
        body = "".join(_run_html(t, b, i) for t, b, i in runs)
        if kind == "bullet":
            if not in_list:
                out.append("<ul style='margin:0'>")
                in_list = True
            out.append(f"<li>{body}</li>")
        else:
            if in_list:
                out.append("</ul>")
                in_list = False
            out.append(f"<p style='margin:0 0 6px 0'>{body}</p>")
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


class MarkupEdit(QPlainTextEdit):
    """A plain-text editor of commentary markup with formatting commands and a "left"
    signal (focus out or Ctrl+Enter)."""

    left = Signal()

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


class ItemEditor(QStackedWidget):
    """Edits the outline's current node; emits what changed, the panel runs the ops edit."""

    renameSection = Signal(int, str)  # section id, heading
    editItem = Signal(int, dict)  # item id, changed fields (body, lead_in, comment, note, locator)
    addCommentary = Signal(int, object, str)  # section id, position (None: end), body

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Edit the selected part of the brief")
        self._kind = ""
        self._id: Optional[int] = None
        self._draft_position: Optional[int] = None
        self._loaded: dict[str, str] = {}
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_SAVE_MS)
        self._idle.timeout.connect(self.save)

        self.none = QLabel("Select a section, a quote or commentary to edit it here.", self)
        self.none.setWordWrap(True)
        self.none.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.none.setEnabled(False)
        self.addWidget(self.none)

        # a section
        sec = QWidget(self)
        form = QFormLayout(sec)
        self.heading = QLineEdit(sec)
        self.heading.setAccessibleName("Section heading")
        form.addRow("&Heading:", self.heading)
        self.heading.editingFinished.connect(self.save)
        self.section_page = sec
        self.addWidget(sec)

        # commentary
        com = QWidget(self)
        lay = QVBoxLayout(com)
        lay.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        self.body = MarkupEdit(com)
        self.body.setAccessibleName("Commentary")
        self.body.setPlaceholderText("Write commentary. **bold**, *italic*, and lines "
                                     "starting with “- ” are bullet points.")
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
        tools.addStretch(1)
        tools.addWidget(QLabel("Saved as you go · Ctrl+Enter saves now", com))
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
        self.body.textChanged.connect(self._on_body_changed)
        self.body.left.connect(self.save)
        self.text_page = com
        self.addWidget(com)

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
        form.addRow("Lo&cator:", self.locator)
        form.addRow("&Note:", self.note)
        self.citation = QLabel(quo)
        self.citation.setWordWrap(True)
        self.citation.setTextFormat(Qt.TextFormat.RichText)
        self.citation.setFrameShape(QFrame.Shape.StyledPanel)
        self.citation.setAccessibleName("Citation preview")
        form.addRow(self.citation)
        for w in (self.lead_in, self.locator, self.note):
            w.editingFinished.connect(self.save)
        self.comment.left.connect(self.save)
        self.comment.textChanged.connect(lambda: self._idle.start())
        scroll = QScrollArea(self)
        scroll.setWidget(quo)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.quote_page = scroll
        self.addWidget(scroll)
        self.installEventFilter(self)

    # ------------------------------------------------------------------ loading
    def show_nothing(self) -> None:
        self._kind, self._id, self._loaded = "", None, {}
        self.setCurrentWidget(self.none)

    def show_section(self, section: Any) -> None:
        if self._same("section", section.id):
            return
        self._kind, self._id = "section", section.id
        self._loaded = {"heading": section.heading}
        self.heading.setText(section.heading)
        self.setCurrentWidget(self.section_page)

    def show_draft(self, section_id: int, position: Optional[int]) -> None:
        """New commentary: nothing is stored until there is text (the core keeps no empty
        commentary); the first save adds it where it was asked for."""
        self._kind, self._id = "draft", section_id
        self._draft_position = position
        self._loaded = {"body": ""}
        self.body.blockSignals(True)
        self.body.clear()
        self.body.blockSignals(False)
        self.body_preview.setText("<i>(new commentary: start typing)</i>")
        self.setCurrentWidget(self.text_page)
        self.body.setFocus()

    def show_text(self, item: Any) -> None:
        if self._same("text", item.id):
            return
        self._kind, self._id = "text", item.id
        self._loaded = {"body": item.body}
        self.body.blockSignals(True)
        self.body.setPlainText(item.body)
        self.body.blockSignals(False)
        self.body_preview.setText(markup_to_html(item.body) or "<i>(empty)</i>")
        self.setCurrentWidget(self.text_page)

    def show_quote(self, item: Any, clip: Any, citation_html: str,
                   locator_hint: str = "") -> None:
        self.citation.setText(citation_html)
        if self._same("quote", item.id):
            return
        self._kind, self._id = "quote", item.id
        locator_user = getattr(clip, "locator_user", None) if clip else None
        self._loaded = {"lead_in": item.lead_in, "comment": item.comment,
                        "note": clip.note if clip else "", "locator": locator_user or ""}
        if clip is not None:
            where = f"{clip.doc_title}, p. {clip.page_label or clip.page_index + 1}"
            self.quote_text.setText(f"“{' '.join(clip.display_text.split())}”\n— {where}")
            auto = clip.locator_auto
            self.locator.setPlaceholderText(
                f"detected: {auto}" if auto else
                locator_hint or "none detected — type one, e.g. Rule 6(2)")
        else:
            self.quote_text.setText("The clip of this quote no longer exists.")
        self.lead_in.setText(item.lead_in)
        self.comment.blockSignals(True)
        self.comment.setPlainText(item.comment)
        self.comment.blockSignals(False)
        self.note.setText(self._loaded["note"])
        self.locator.setText(self._loaded["locator"])
        for w in (self.note, self.locator):
            w.setEnabled(clip is not None)
        self.setCurrentWidget(self.quote_page)

    def _same(self, kind: str, node_id: int) -> bool:
        """Reloading the node being edited keeps the fields (and the cursor) as they are."""
        return self._kind == kind and self._id == node_id and self._has_focus()

    def _has_focus(self) -> bool:
        w = self.focusWidget()
        return w is not None and w.hasFocus()

    # ------------------------------------------------------------------ saving
    def _on_body_changed(self) -> None:
        self.body_preview.setText(markup_to_html(self.body.toPlainText()) or "<i>(empty)</i>")
        self._idle.start()

    def current_values(self) -> dict[str, str]:
        if self._kind == "section":
            return {"heading": self.heading.text()}
        if self._kind in ("text", "draft"):
            return {"body": self.body.toPlainText()}
        if self._kind == "quote":
            return {"lead_in": self.lead_in.text(), "comment": self.comment.toPlainText(),
                    "note": self.note.text(), "locator": self.locator.text().strip()}
        return {}

    def save(self) -> None:
        """Send the fields that changed since loading (one edit), if any."""
        self._idle.stop()
        if self._id is None:
            return
        changed = {k: v for k, v in self.current_values().items() if self._loaded.get(k) != v}
        if not changed:
            return
        self._loaded.update(changed)
        if self._kind == "draft":
            if changed["body"].strip():
                self._kind, section_id = "", self._id
                self.addCommentary.emit(section_id, self._draft_position, changed["body"])
            else:
                self._loaded["body"] = ""
        elif self._kind == "section":
            heading = changed["heading"].strip()
            if heading:
                self.renameSection.emit(self._id, heading)
        else:
            self.editItem.emit(self._id, changed)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide:
            self.save()
        return super().eventFilter(obj, event)


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

