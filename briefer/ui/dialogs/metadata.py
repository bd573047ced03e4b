"""Edit a document's details: title, type, issuer, date, language, source, tags.

Why it is built this way: the dialog checks nothing itself. On Save it runs
:func:`briefer.core.ops.documents.edit_metadata` through the task runner as a write, so
while an import holds the library's writer the edit waits in the queue instead of freezing
the window; when the core refuses a value (:class:`InvalidMetadata` names the field) the
message appears under that field, the field gets the focus and the dialog stays open with
what was typed.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from briefer.core.catalog.catalog import DOC_TYPES, Document
from briefer.core.errors import BrieferError
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
            form.addRow(label, box)
            self.editors[key], self.errors[key] = editor, error
        info = QLabel(f"{doc.file_name} · {doc.page_count} pages · {doc.status}")
        info.setAccessibleName("File")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.buttons = buttons
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(info)
        layout.addWidget(buttons)
        self.saved: Optional[Document] = None

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
        self.ctx.tasks.submit(_edit, self.ctx.session, self.doc.id, self.values(),
                              title="Saving the details", kind="write", cancellable=False,
                              on_result=self._on_saved, on_error=self._on_refused)

    def _on_saved(self, doc: Document) -> None:
        self.saved = doc
        self.buttons.setEnabled(True)
        self.ctx.check_now()
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, docs_ops.InvalidMetadata):
            self.show_error(exc.field, str(exc))
        elif isinstance(exc, BrieferError) and "field" in exc.details:
            self.show_error(str(exc.details["field"]), str(exc))
        else:
            self.ctx.report_error(exc)


def _edit(session: object, doc_id: int, values: dict, *, progress: object = None,
          cancel: object = None) -> Document:
    return docs_ops.edit_metadata(session, doc_id, **values)
