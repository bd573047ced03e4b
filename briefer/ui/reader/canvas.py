"""The page the reader shows: a rendered image with Briefer's own layers painted on it.

QtPdf 6.12's ``QPdfView`` can neither paint custom highlights nor select text, so the
reader draws one page itself: the image pdfium renders (off the GUI thread, through
``QPdfPageRenderer`` in multi-threaded mode) and, over it, rectangles given in page points
— search hits, clipped passages, the current find hit and the selection. Points are the
one coordinate system shared with pdfium and the OCR word boxes; the canvas alone knows
the zoom factor that turns them into pixels.

Highlights are drawn as translucent fills with a darker outline, so the words stay
readable under them on a white page whatever the window's palette (the page is always
white: it is the PDF).
"""

from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent,
                           QPalette, QPen)
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 12  # pixels of window background around the page


class PageCanvas(QWidget):
    """One PDF page at a zoom factor, with highlight layers in page points."""

    dragged = Signal(QPointF, QPointF)  # start and current point of a mouse drag (points)
    dragFinished = Signal()
    clicked = Signal(QPointF)  # a click without a drag (points)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.IBeamCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Page")
        self.setAccessibleDescription(
            "The PDF page. Drag to select text (on a scan, Alt+drag selects the words inside "
            "a rectangle); Shift+arrows change the selection by words and sentences; "
            "Alt+Down selects the next sentence.")
        self._page_pt = QSize(612, 792)
        self._scale = 1.0  # pixels per point
        self._image: Optional[QImage] = None
        self.layers: dict[str, list[QRectF]] = {"clip": [], "hit": [], "current": [],
                                                 "selection": []}
        self.colours: dict[str, QColor] = {
            "clip": QColor("#3fa7ff"), "hit": QColor("#f5c400"), "current": QColor("#ff7a00"),
            "selection": QColor()}  # invalid: the palette's highlight colour
        self.banner = ""  # a line painted over the page's top edge (e.g. "text from OCR")
        self.refusal = ""  # why the page is not drawn (too large to draw safely), on the page
        self._description = self.accessibleDescription()
        self._press: Optional[QPointF] = None
        self._dragging = False
        self.rectangle_drag = False  # the drag under way was started with Alt
        self.key_handler: Optional[Callable[[QKeyEvent], bool]] = None

    # ------------------------------------------------------------------ geometry
    def set_page_geometry(self, width_pt: float, height_pt: float, scale: float) -> None:
        """The page's size in points and the zoom (pixels per point)."""
        self._page_pt = QSize(max(1, round(width_pt)), max(1, round(height_pt)))
        self._scale = max(0.05, scale)
        self.setFixedSize(self.sizeHint())
        self.update()

    @property
    def scale(self) -> float:
        return self._scale

    def page_pixel_size(self) -> QSize:
        return QSize(round(self._page_pt.width() * self._scale),
                     round(self._page_pt.height() * self._scale))

    def sizeHint(self) -> QSize:
        px = self.page_pixel_size()
        return QSize(px.width() + 2 * MARGIN, px.height() + 2 * MARGIN)

    def to_points(self, pos: QPointF) -> QPointF:
        return QPointF((pos.x() - MARGIN) / self._scale, (pos.y() - MARGIN) / self._scale)

    def to_pixels(self, rect: QRectF) -> QRectF:
        s = self._scale
        return QRectF(MARGIN + rect.x() * s, MARGIN + rect.y() * s, rect.width() * s,
                      rect.height() * s)

    def set_image(self, image: Optional[QImage]) -> None:
        self._image = image
        self.update()

    def set_refusal(self, text: str) -> None:
        """Say on the page why it is not shown ('' to clear)."""
        self.refusal = text
        self.setAccessibleDescription(text or self._description)
        self.update()

    def set_layer(self, name: str, rects: list[QRectF]) -> None:
        self.layers[name] = list(rects)
        self.update()

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        page = QRectF(MARGIN, MARGIN, self.page_pixel_size().width(),
                      self.page_pixel_size().height())
        p.fillRect(page.translated(2, 2), QColor(0, 0, 0, 60))  # a soft edge on any palette
        p.fillRect(page, Qt.GlobalColor.white)
        if self._image is not None and not self._image.isNull():
            p.drawImage(page, self._image)
        elif self.refusal:
            p.setPen(QColor("#5c4400"))
            box = page.adjusted(24, 24, -24, -24)
            box.setHeight(min(box.height(), 240))
            p.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                                | Qt.TextFlag.TextWordWrap), self.refusal)
        for name, alpha in (("clip", 40), ("hit", 110), ("current", 70), ("selection", 80)):
            rects = self.layers.get(name) or []
            if not rects:
                continue
            colour = QColor(self.colours[name])
            if not colour.isValid():
                colour = self.palette().color(QPalette.ColorRole.Highlight)
            fill = QColor(colour)
            fill.setAlpha(alpha)
            if name == "clip":  # a light wash and an underline: unlike a selection or a hit
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(fill)
                for r in rects:
                    px = self.to_pixels(r).adjusted(-1, -1, 1, 1)
                    p.drawRect(px)
                    p.fillRect(QRectF(px.left(), px.bottom(), px.width(), 2), colour.darker(120))
                continue
            p.setPen(QPen(colour.darker(150 if name != "current" else 170),
                          1.0 if name != "current" else 2.5))
            p.setBrush(fill)
            for r in rects:
                p.drawRect(self.to_pixels(r).adjusted(-1, -1, 1, 1))
        if self.banner:
            self._paint_banner(p, page)
        if self.hasFocus():
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(page.adjusted(-3, -3, 3, 3))
        p.end()

    def _paint_banner(self, p: QPainter, page: QRectF) -> None:
        fm = p.fontMetrics()
        box = QRectF(page.left(), page.top(), page.width(), fm.height() + 8)
        p.fillRect(box, QColor(255, 243, 205, 235))
        p.setPen(QColor("#5c4400"))
        p.drawText(box.adjusted(8, 0, -8, 0),
                   int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), self.banner)

    # ------------------------------------------------------------------ input
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._press = self.to_points(event.position())
            self._dragging = False
            # Alt+drag draws a rectangle (on a scan: the words inside it, e.g. one column)
            self.rectangle_drag = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            here = self.to_points(event.position())
            if self._dragging or (here - self._press).manhattanLength() * self._scale > 3:
                self._dragging = True
                self.dragged.emit(self._press, here)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if self._dragging:
                self.dragged.emit(self._press, self.to_points(event.position()))
                self.dragFinished.emit()
            else:
                self.clicked.emit(self._press)
            self._press = None
            self._dragging = False
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.update()
        super().focusOutEvent(event)
