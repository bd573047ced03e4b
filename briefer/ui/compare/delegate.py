"""Paints the marked-up text columns of the comparison: a wrapped rich-text layout of the
model's ``HTML_ROLE``, in the palette's text colour (highlighted text when selected), the
row as tall as its longest text at the column's width."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QFontMetrics, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from briefer.ui.compare.model import HTML_ROLE, tint

PAD = 4  # px around the text, as the style's own item text margin roughly is


class MarkedTextDelegate(QStyledItemDelegate):
    """Rich text with the marks; every other role drawn by the style as usual."""

    def _document(self, option: QStyleOptionViewItem, index: Any, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(PAD)
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(HTML_ROLE) or ""))
        doc.setTextWidth(max(40.0, width))
        return doc

    def paint(self, painter: Any, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the style draws the background and focus only
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        if selected:
            # A full selection colour under the tinted marks would leave them unreadable
            # (white text on pale green); the selected row's text cells get a light wash
            # of the selection colour instead, and keep the palette's text colour.
            opt.state &= ~QStyle.StateFlag.State_Selected
            painter.fillRect(option.rect, tint(option.palette, option.palette.color(
                QPalette.ColorRole.Highlight), 0.22))
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index, option.rect.width())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text,
                             option.palette.color(QPalette.ColorRole.Text))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        """The height of the text wrapped at the column's width. Measured on the plain
        text with the font's metrics: the marks (underline, strike-through, a background)
        do not move a word, and laying out a rich-text document per cell made a table of
        2,400 provisions take 7.5 s to show (this: well under a second)."""
        width = option.rect.width() if option.rect.width() > 0 else 320
        text = str(index.data() or "")
        inner = max(20, int(width) - 2 * PAD)
        rect = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, inner, 1 << 20), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(int(width), rect.height() + 2 * PAD + 1)

