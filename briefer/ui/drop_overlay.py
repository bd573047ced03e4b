"""What the window shows while files are dragged over it: where they will go.

A translucent panel over the whole window, "Drop to add 3 PDFs to the library", shown on
drag enter and gone on leave or drop (issue 18: nothing said where a drop would go). It
lets every mouse and drag event through to the window under it, so it never changes
where the drop lands; the words are made by :func:`drop_words` from the paths the window
would import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def drop_words(paths: Sequence[Path], others: int = 0, readonly: bool = False) -> str:
    """The overlay's words for a drag of ``paths`` (PDFs and folders) and ``others``
    files that will be left out."""
    if readonly:
        return "This library is open read-only: nothing can be added to it."
    folders = [p for p in paths if p.is_dir()]
    pdfs = len(paths) - len(folders)
    parts = []
    if pdfs:
        parts.append("this PDF" if pdfs == 1 and not folders else _count(pdfs, "PDF", "PDFs"))
    if folders:
        parts.append(f"the folder “{folders[0].name}”" if len(folders) == 1
                     else _count(len(folders), "folder", "folders"))
    text = f"Drop to add {' and '.join(parts)} to the library"
    if folders:
        text += " (every PDF in " + ("it" if len(folders) == 1 and not pdfs else "them") + ")"
    if others:
        text += f"\n{_count(others, 'other file is', 'other files are')} not a PDF and " \
                "will be left out"
    return text


class DropOverlay(QWidget):
    """The panel shown over ``window`` during a drag (see the module docstring)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("drop-overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setAccessibleName("Drop files here")
        self.text = ""
        self.refused = False
        self.hide()
        window.installEventFilter(self)

    def show_words(self, text: str, refused: bool = False) -> None:
        self.text, self.refused = text, refused
        self.setAccessibleDescription(text)
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.update()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, _event: object) -> None:  # noqa: N802 (Qt)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        accent = QColor(pal.color(QPalette.ColorRole.Highlight))
        if self.refused:
            accent = QColor(pal.color(QPalette.ColorRole.PlaceholderText))
        veil = QColor(pal.color(QPalette.ColorRole.Window))
        veil.setAlpha(235)
        p.fillRect(self.rect(), veil)
        tint = QColor(accent)
        tint.setAlpha(40)
        box = QRectF(self.rect()).adjusted(16, 16, -16, -16)
        p.setBrush(tint)
        p.setPen(QPen(accent, 3, Qt.PenStyle.DashLine))
        p.drawRoundedRect(box, 12, 12)
        # the words on a card of their own, the first line large
        head, _, rest = self.text.partition("\n")
        big = QFont(self.font())
        big.setPointSizeF(max(12.0, big.pointSizeF() * 1.6))
        big.setBold(True)
        small = QFont(self.font())
        width = min(box.width() - 48, 720)
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
        head_box = QFontMetricsF(big).boundingRect(QRectF(0, 0, width, 10000), flags, head)
        rest_box = (QFontMetricsF(small).boundingRect(QRectF(0, 0, width, 10000), flags, rest)
                    if rest else QRectF())
        gap = 10 if rest else 0
        inner_w = max(head_box.width(), rest_box.width())
        inner_h = head_box.height() + gap + rest_box.height()
        card = QRectF(0, 0, inner_w + 48, inner_h + 36)
        card.moveCenter(box.center())
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.setPen(QPen(accent, 2))
        p.drawRoundedRect(card, 10, 10)
        p.setPen(pal.color(QPalette.ColorRole.Text))
        top = card.top() + 18
        p.setFont(big)
        p.drawText(QRectF(card.left() + 24, top, inner_w, head_box.height()), flags, head)
        if rest:
            p.setFont(small)
            p.drawText(QRectF(card.left() + 24, top + head_box.height() + gap, inner_w,
                              rest_box.height()), flags, rest)
        p.end()


def other_files(mime: Optional[object]) -> int:
    """How many local files in a drag are neither PDFs nor folders."""
    if mime is None or not mime.hasUrls():
        return 0
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return sum(1 for p in paths if not p.is_dir() and p.suffix.lower() != ".pdf")
