"""The password and OCR dialogs: their widgets in order above OK (named for the action) and
Cancel; OK accepts, Cancel rejects, and what was typed or ticked is read back."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget

from briefer.ui.dialogs.ocr import OcrDialog
from briefer.ui.dialogs.password import PasswordDialog

OK, CANCEL = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel


def _column(dialog: QDialog) -> list[type]:
    layout = dialog.layout()
    return [type(layout.itemAt(i).widget()) for i in range(layout.count())]


def _box(dialog: QDialog) -> QDialogButtonBox:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box


def test_password_dialog_opens_with_the_typed_password(qtbot):
    dialog = PasswordDialog("locked.pdf", message="That password is not right.")
    qtbot.addWidget(dialog)
    assert _column(dialog) == [QLabel, QLabel, QLineEdit, QDialogButtonBox]
    assert _box(dialog).button(OK).text() == "Open"
    dialog.edit.setText("s3cret")
    _box(dialog).button(OK).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.password() == "s3cret"


def test_ocr_dialog_reads_the_ticked_languages_and_cancel_rejects(qtbot):
    dialog = OcrDialog(["eng", "urd", "fra"], ["eng", "urd"], documents=2)
    qtbot.addWidget(dialog)
    column = _column(dialog)
    assert column[1] is QListWidget and column[-1] is QDialogButtonBox
    assert _box(dialog).button(OK).text() == "Read"
    assert dialog.languages() == "eng+urd"
    dialog.setResult(QDialog.DialogCode.Accepted)
    _box(dialog).button(CANCEL).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
