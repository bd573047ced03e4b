"""The preferences dialog, built from the declared options.

Why it is built this way: one editor per :data:`briefer.ui.settings.OPTIONS` entry, chosen
by its type (text, number, yes/no, one of a few choices, a colour), so a new preference
appears here by being declared. Values are stored on OK only.

Below them, under "This library", are the settings the library itself keeps, because the
command line must act the same way: whether quoted text keeps footnote references and
amendment markers (``ops.clips.keeps_markers``; ``briefer clip`` follows it too). They are
read from the open library and written to it on OK (a write task), never to QSettings.
"""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QColorDialog, QComboBox, QDialog, QDialogButtonBox,
                               QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

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


KEEP_MARKERS_LABEL = "Keep footnote references and amendment markers in quoted text"


class PreferencesDialog(QDialog):
    """See the module docstring. ``ctx``: the window's context (its open library); by
    default the parent window's."""

    def __init__(self, prefs: Preferences, parent: Optional[QWidget] = None, *,
                 ctx: Any = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self.ctx: Any = ctx if ctx is not None else getattr(parent, "ctx", None)
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
        self.keep_markers: Optional[QCheckBox] = None
        self._keep_markers_was: Optional[bool] = None
        library_box = self._library_settings()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if library_box is not None:
            layout.addWidget(library_box)
        layout.addWidget(buttons)

    def _library_settings(self) -> Optional[QGroupBox]:
        """The settings kept in the open library (shared with the command line)."""
        session = getattr(self.ctx, "session", None)
        if session is None:
            return None
        from briefer.core.ops import clips as ops_clips

        try:
            keep = ops_clips.keeps_markers(session)
        except Exception:  # a library that cannot be read now: offer nothing rather than fail
            return None
        box = QGroupBox("This library (the command line uses these too)", self)
        lay = QVBoxLayout(box)
        check = QCheckBox(KEEP_MARKERS_LABEL, box)
        check.setAccessibleName(KEEP_MARKERS_LABEL)
        check.setChecked(keep)
        check.setToolTip("Off: a quote reads “contempt of court, [commission of]” where the "
                         "page prints a raised 1 before the bracket. The source's text keeps "
                         "them either way, and verification compares with it.\n"
                         "On the command line: briefer clips --markers keep|omit")
        lay.addWidget(check)
        hint = QLabel("Applies to quotes made from now on; quotes already made keep their "
                      "text.", box)
        hint.setWordWrap(True)
        lay.addWidget(hint)
        if bool(getattr(self.ctx, "readonly", False)):
            check.setEnabled(False)
            hint.setText("This library is open read-only; reopen it to change this.")
        self.keep_markers, self._keep_markers_was = check, keep
        return box

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
        self._save_library_settings()
        self.accept()

    def _save_library_settings(self) -> None:
        check = self.keep_markers
        if check is None or not check.isEnabled() or check.isChecked() == self._keep_markers_was:
            return
        from briefer.core.ops import clips as ops_clips

        keep = check.isChecked()

        ctx = self.ctx
        self._keep_markers_was = keep
        ctx.tasks.submit(ops_clips.set_keep_markers, ctx.session, keep,
                         title="Saving the library's quote setting",
                         kind="write", cancellable=False,
                         on_result=lambda _v: ctx.show_status(
                             "Quotes now keep footnote and amendment markers." if keep else
                             "Quotes now leave out footnote and amendment markers."),
                         on_error=ctx.report_error)

    def restore_defaults(self) -> None:
        if self.keep_markers is not None and self.keep_markers.isEnabled():
            self.keep_markers.setChecked(False)
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
