"""Choose the languages to read scanned pages with.

Why it is built this way: Tesseract reads only the languages whose data is installed, so
the dialog lists those (from the core's :func:`tesseract` probe) with the preferred ones
ticked, and says plainly when Tesseract itself is missing instead of offering a choice
that would fail.
"""

from __future__ import annotations

from typing import Optional, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QListWidget, QListWidgetItem, QWidget

from briefer.ui.dialogs.column import lay_out_column

NAMES = {"eng": "English", "urd": "Urdu", "hin": "Hindi", "ara": "Arabic", "fra": "French",
         "deu": "German", "spa": "Spanish", "ben": "Bengali", "fas": "Persian",
         "pan": "Punjabi", "tam": "Tamil", "por": "Portuguese", "rus": "Russian"}


class OcrDialog(QDialog):
    """Pick OCR languages among ``available``; ``languages()`` → 'eng+urd'."""

    def __init__(self, available: Sequence[str], preferred: Sequence[str],
                 documents: int, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Read scans with OCR")
        self.setAccessibleName("Read scans with OCR")
        what = "this document" if documents == 1 else f"these {documents} documents"
        intro = QLabel(f"Briefer will read the scanned pages of {what} with Tesseract so "
                       "they can be searched and quoted. Tick the languages printed on "
                       "the pages — or none, and Briefer judges each page's script itself "
                       "(an English cover over an Urdu text is read page by page):")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("OCR languages")
        for code in available:
            item = QListWidgetItem(f"{NAMES.get(code, code)} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in preferred
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.all_pages = QCheckBox("Read every page again, not only the scanned ones")
        self.all_pages.setAccessibleName("Read every page")
        note = QLabel("OCR text can contain mistakes: quotes from it are marked so you "
                      "check them against the scan.")
        note.setWordWrap(True)
        lay_out_column(self, (intro, self.list, self.all_pages, note), "Read")

    def languages(self) -> str:
        codes = []
        for n in range(self.list.count()):
            item = self.list.item(n)
            if item.checkState() == Qt.CheckState.Checked:
                codes.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return "+".join(codes)
