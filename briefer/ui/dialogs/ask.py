"""One question before something that cannot be undone (replace a file, quit without
saving): a warning box whose default and Escape answer is Cancel, so Enter never destroys
work by accident."""

from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_destructive(parent: Optional[QWidget], title: str, text: str, informative: str,
                    action: str, *, name: str = "") -> bool:
    """Ask ``text`` with the buttons ``action`` (the destructive one) and Cancel, Cancel
    the default; True when the user chose ``action``. ``name``: the box's object name
    (tests find the box by it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setAccessibleName(title)
    if name:
        box.setObjectName(name)
    box.setInformativeText(informative)
    chosen = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is chosen
