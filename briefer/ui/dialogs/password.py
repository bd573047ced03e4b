"""Ask for the password of a locked PDF.

Why it is built this way: the password is never stored (the core reads the file with it
once and keeps the text). The dialog only asks; the caller unlocks through the task
runner, and a wrong password brings the dialog back with the core's message.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget

from briefer.ui.dialogs.column import lay_out_column


class PasswordDialog(QDialog):
    """A password field for one document; ``password()`` after ``accepted``."""

    def __init__(self, name: str, parent: Optional[QWidget] = None, message: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Password needed")
        self.setAccessibleName("Password needed")
        text = QLabel(f"“{name}” is protected with a password. Enter it to read and search "
                      "the document. Briefer does not keep the password.")
        text.setWordWrap(True)
        self.problem = QLabel(message)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #d32f2f; }")
        self.problem.setVisible(bool(message))
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName("Password")
        self.edit.setPlaceholderText("Password")
        lay_out_column(self, (text, self.problem, self.edit), "Open")
        self.setMinimumWidth(420)

    def password(self) -> str:
        return self.edit.text()
