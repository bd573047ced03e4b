"""The preferences dialog, built from the declared options.

Why it is built this way: one editor per :data:`briefer.ui.settings.OPTIONS` entry, chosen
by its type (text, number, yes/no, one of a few choices, a colour), so a new preference
appears here by being declared. Values are stored on OK only.
"""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QColorDialog, QComboBox, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from briefer.ui.settings import OPTIONS, Option, Preferences

_HIDDEN = {"ui/show_what_to_try"}


class _ColourButton(QPushButton):
    def __init__(self, colour: str, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.colour = colour
        self.clicked.connect(self._choose)
        self._paint()

    def _paint(self) -> None:
        self.setText(self.colour)
        self.setStyleSheet(f"QPushButton {{ border-left: 14px solid {self.colour}; "
                           "padding: 3px 8px; }")

    def _choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour), self, "Choose a colour")
        if chosen.isValid():
            self.colour = chosen.name()
            self._paint()


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self.setMinimumWidth(560)
        form = QFormLayout()
        self.editors: dict[str, QWidget] = {}
        for key, option in OPTIONS.items():
            if key in _HIDDEN or option.internal:
                continue
            editor = self._editor(option, prefs.get(key))
            editor.setAccessibleName(option.label)
            editor.setToolTip(option.label)
            self.editors[key] = editor
            form.addRow(option.label, editor)
        reset_card = QCheckBox("Show the “What to try” card again")
        reset_card.setChecked(bool(prefs.get("ui/show_what_to_try")))
        self.editors["ui/show_what_to_try"] = reset_card
        form.addRow("", reset_card)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _editor(self, option: Option, value: Any) -> QWidget:
        if option.choices:
            box = QComboBox()
            box.addItems(list(option.choices))
            box.setCurrentText(str(value))
            return box
        if option.type is bool:
            check = QCheckBox()
            check.setChecked(bool(value))
            return check
        if option.type is int:
            spin = QSpinBox()
            spin.setRange(5, 200)
            spin.setValue(int(value))
            return spin
        if option.key.endswith("colour"):
            return _ColourButton(str(value))
        if option.key == "export/template":
            row = QWidget()
            edit = QLineEdit(str(value))
            edit.setPlaceholderText("the built-in policy-brief template")
            browse = QPushButton("Choose…")
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(edit, 1)
            layout.addWidget(browse)

            def choose() -> None:
                from PySide6.QtWidgets import QFileDialog

                path, _ = QFileDialog.getOpenFileName(self, "Word template", "",
                                                      "Word documents (*.docx)")
                if path:
                    edit.setText(path)

            browse.clicked.connect(choose)
            row.setProperty("line_edit", edit)
            return row
        return QLineEdit(str(value))

    def value_of(self, key: str) -> Any:
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            return editor.currentText()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, _ColourButton):
            return editor.colour
        if isinstance(editor, QLineEdit):
            return editor.text()
        inner = editor.property("line_edit")
        return inner.text() if inner is not None else ""

    def save(self) -> None:
        for key in self.editors:
            self.prefs.set(key, self.value_of(key))
        self.prefs.sync()
        self.accept()

    def restore_defaults(self) -> None:
        for key, editor in list(self.editors.items()):
            option = OPTIONS[key]
            new = self._editor(option, option.default)
            if isinstance(editor, QComboBox):
                editor.setCurrentText(str(option.default))
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(option.default))
            elif isinstance(editor, QSpinBox):
                editor.setValue(int(option.default))
            elif isinstance(editor, _ColourButton):
                editor.colour = str(option.default)
                editor._paint()
            elif isinstance(editor, QLineEdit):
                editor.setText(str(option.default))
            else:
                inner = editor.property("line_edit")
                if inner is not None:
                    inner.setText(str(option.default))
            new.deleteLater()
