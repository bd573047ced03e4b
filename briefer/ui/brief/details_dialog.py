"""The brief's title block (title, subtitle, author, organisation, date): what the export
puts at the top of the Word document.

Only the fields that changed are sent, as one ops edit (``set_brief_details``, one undo
step); the core validates them, and a field it refuses (a date it cannot read) is named
in the dialog beside that field, which keeps the focus — nothing is half-saved.
"""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

FIELDS = (("title", "&Title:"), ("subtitle", "&Subtitle:"), ("author", "&Author:"),
          ("organisation", "&Organisation:"), ("date", "&Date:"))


class BriefDetailsDialog(QDialog):
    """Edits a brief's title block; ``submit`` is the panel's edit runner, called with the
    changed fields and returning an error or None."""

    def __init__(self, brief: Any, submit: Any, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Brief details")
        self.setAccessibleName("Brief details")
        self._submit = submit
        self._loaded = {name: str(getattr(brief, name, "") or "") for name, _l in FIELDS}
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for name, label in FIELDS:
            edit = QLineEdit(self._loaded[name], self)
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            self.edits[name] = edit
            form.addRow(label, edit)
        self.edits["date"].setPlaceholderText("YYYY-MM-DD, YYYY-MM or YYYY")
        self.edits["subtitle"].setPlaceholderText("e.g. Briefing note for the committee")
        lay.addLayout(form)
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def changed(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.edits.items()
                if edit.text().strip() != self._loaded[name]}

    def save(self) -> None:
        fields = self.changed()
        if not fields:
            self.accept()
            return
        if "title" in fields and not fields["title"]:
            self._show_error("title", "A brief needs a title.")
            return
        exc = self._submit(fields)
        if exc is None:
            self.accept()
            return
        details = getattr(exc, "details", None) or {}
        self._show_error(str(details.get("field", "")), str(exc))

    def _show_error(self, field: str, text: str) -> None:
        self.error.setText(text[:1].upper() + text[1:])
        edit = self.edits.get(field)
        if edit is not None:
            edit.setFocus()
            edit.selectAll()
