"""The simple dialogs' layout: their widgets in a column, then OK (named for the action)
and Cancel.

Why it is built this way: the password and OCR dialogs are a few widgets above a button
row whose OK says what it does ("Open", "Read"); wiring OK to ``accept`` and Cancel to
``reject`` and stacking the widgets is the same for each, so it is written once.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget


def lay_out_column(dialog: QDialog, widgets: tuple[QWidget, ...],
                   ok_text: str) -> QDialogButtonBox:
    """Put ``widgets`` in a column on ``dialog`` above OK (worded ``ok_text``) and Cancel,
    wired to the dialog's ``accept`` and ``reject``; returns the button box."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for w in (*widgets, buttons):
        layout.addWidget(w)
    return buttons
