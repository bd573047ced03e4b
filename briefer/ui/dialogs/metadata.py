"""Edit a document's details: title, type, issuer, date, language, source, tags.

Why it is built this way: the dialog checks nothing itself. On Save it runs
:func:`briefer.core.ops.documents.edit_metadata` through the task runner as a write, so
while an import holds the library's writer the edit waits in the queue instead of freezing
the window; when the core refuses a value (:class:`InvalidMetadata` names the field) the
message appears under that field, the field gets the focus and the dialog stays open with
what was typed.

Fields whose value is still Briefer's guess (the core's ``is_guess``) are shown as guesses:
the value in italics, "(guessed)" after the field's name and a tooltip saying where it
came from. Typing in such a field makes it the person's value. "Confirm Guesses" keeps the
values as they are and marks the guesses shown as confirmed
(:func:`briefer.core.ops.documents.confirm_metadata`, a write task like Save); it is
offered only while no guessed field was changed here (then Save is what keeps it).
"""

from __future__ import annotations

from functools import partial
from typing import Optional

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from briefer.core.catalog.catalog import DOC_TYPES, Document
from briefer.core.errors import BrieferError
from briefer.core.files.metadata import GUESSED_FIELDS, is_guess
from briefer.core.ops import documents as docs_ops
from briefer.ui.context import AppContext

FIELDS = ("title", "doc_type", "issuer", "date", "language", "source_url", "tags")


class MetadataDialog(QDialog):
    """The details of one document; saves through the ops layer on OK."""

    def __init__(self, ctx: AppContext, doc: Document, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.doc = doc
        self.setWindowTitle(f"Details of “{doc.title[:60]}”")
        self.setAccessibleName("Document details")
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.title_edit = QLineEdit(doc.title)
        self.type_combo = QComboBox()
        self.type_combo.addItems(list(DOC_TYPES))
        if doc.doc_type in DOC_TYPES:
            self.type_combo.setCurrentText(doc.doc_type)
        self.issuer_edit = QLineEdit(doc.issuer)
        self.date_edit = QLineEdit(doc.date)
        self.date_edit.setPlaceholderText("YYYY-MM-DD, YYYY-MM or YYYY")
        self.language_edit = QLineEdit(doc.language)
        self.language_edit.setPlaceholderText("e.g. en or ur")
        self.url_edit = QLineEdit(doc.source_url)
        self.url_edit.setPlaceholderText("where the document was published (optional)")
        self.tags_edit = QLineEdit(", ".join(doc.tags))
        self.tags_edit.setPlaceholderText("comma-separated, e.g. draft, platform-rules")
        rows = (("title", "&Title", self.title_edit), ("doc_type", "T&ype", self.type_combo),
                ("issuer", "&Issuer", self.issuer_edit), ("date", "&Date", self.date_edit),
                ("language", "&Language", self.language_edit),
                ("source_url", "&Source", self.url_edit), ("tags", "Ta&gs", self.tags_edit))
        self.labels: dict[str, QLabel] = {}
        self.guessed = [key for key in GUESSED_FIELDS if getattr(doc, key, "")
                        and is_guess(doc, key)]
        for key, label, editor in rows:
            editor.setAccessibleName(label.replace("&", ""))
            error = QLabel()
            error.setWordWrap(True)
            error.setStyleSheet("QLabel { color: #d32f2f; }")
            error.setAccessibleName(f"{label.replace('&', '')} problem")
            error.hide()
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(error)
            name = QLabel(label)
            name.setBuddy(editor)
            form.addRow(name, box)
            self.editors[key], self.errors[key], self.labels[key] = editor, error, name
        for key in self.guessed:
            self._mark_guess(key, True)
            editor = self.editors[key]
            changed = (editor.currentTextChanged if isinstance(editor, QComboBox)
                       else editor.textEdited)
            changed.connect(lambda _t="", k=key: self._on_guess_edited(k))
        info = QLabel(f"{doc.file_name} · {doc.page_count} pages · {doc.status}")
        info.setAccessibleName("File")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.buttons = buttons
        self.confirm_button = QPushButton("Con&firm Guesses")
        self.confirm_button.setToolTip("Keep the guessed values shown in italics as they are "
                                       "and mark them as confirmed")
        self.confirm_button.clicked.connect(self.confirm)
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.confirm_button.setVisible(bool(self.guessed))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(info)
        layout.addWidget(buttons)
        self.saved: Optional[Document] = None

    def _mark_guess(self, key: str, guessed: bool) -> None:
        editor, label = self.editors[key], self.labels[key]
        font = editor.font()
        font.setItalic(guessed)
        editor.setFont(font)
        text = label.text().replace(" (guessed)", "")
        label.setText(f"{text} (guessed)" if guessed else text)
        tip = ("Guessed by Briefer from the file's properties and first pages; not yet "
               "confirmed. Edit it, or keep it with Confirm Guesses." if guessed else "")
        editor.setToolTip(tip)
        label.setToolTip(tip)
        editor.setAccessibleDescription("guessed, not yet confirmed" if guessed else "")

    def _on_guess_edited(self, key: str) -> None:
        """A guessed field was typed in: it holds the person's value now (Save keeps it);
        Confirm Guesses would not keep what was typed, so it is no longer offered."""
        self._mark_guess(key, False)
        self.confirm_button.setEnabled(False)
        self.confirm_button.setToolTip("A guessed field was changed: Save keeps the values "
                                       "as they are now")

    def confirm(self) -> None:
        """Mark the guesses shown as confirmed without changing them (a write task)."""
        self.buttons.setEnabled(False)
        self.ctx.tasks.submit(docs_ops.confirm_metadata, self.ctx.session, self.doc.id,
                              list(self.guessed), title="Confirming the details",
                              kind="write", cancellable=False, on_result=self._on_saved,
                              on_error=self._on_refused)

    def values(self) -> dict[str, object]:
        return {"title": self.title_edit.text(), "doc_type": self.type_combo.currentText(),
                "issuer": self.issuer_edit.text(), "date": self.date_edit.text(),
                "language": self.language_edit.text(), "source_url": self.url_edit.text(),
                "tags": [t for t in self.tags_edit.text().split(",") if t.strip()]}

    def show_error(self, field: str, message: str) -> None:
        """Show ``message`` under ``field`` and put the focus there."""
        for label in self.errors.values():
            label.hide()
        label = self.errors.get(field) or self.errors["title"]
        label.setText(message[:1].upper() + message[1:])
        label.show()
        editor = self.editors.get(field)
        if editor is not None:
            editor.setFocus()

    def save(self) -> None:
        """Check and store the values (a write task); close when the core accepts them."""
        self.buttons.setEnabled(False)
        # a partial: the details' own "title" must not meet the task's title
        self.ctx.tasks.submit(partial(docs_ops.edit_metadata, self.ctx.session, self.doc.id,
                                      **self.values()),
                              title="Saving the details", kind="write", cancellable=False,
                              on_result=self._on_saved, on_error=self._on_refused)

    def _on_saved(self, doc: Document) -> None:
        self.saved = doc
        self.buttons.setEnabled(True)
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, docs_ops.InvalidMetadata):
            self.show_error(exc.field, str(exc))
        elif isinstance(exc, BrieferError) and "field" in exc.details:
            self.show_error(str(exc.details["field"]), str(exc))
        else:
            self.ctx.report_error(exc)

