"""The window's icons: our own line drawings in ``resources/icons/*.svg``.

Why it is built this way: the drawings stroke in ``currentColor``, and the icon is
rendered from the SVG with the palette's text colour put in, so one file serves the light
and the dark palette. Each icon carries pixmaps from 16 to 96 pixels, rendered from the
vector, so toolbar and menu icons stay crisp at 150 % and 200 % scaling (a QIcon picks the
pixmap nearest the device size). The application icon keeps its own colours and is
loaded through Qt's SVG icon engine, which renders any size on demand.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from briefer.core.paths import resources_dir

SIZES = (16, 20, 24, 32, 48, 64, 96)


def icons_dir():
    return resources_dir() / "icons"


def _text_colour() -> str:
    app = QGuiApplication.instance()
    if app is None:
        return "#202020"
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


@lru_cache(maxsize=256)
def _icon(name: str, colour: str) -> QIcon:
    path = icons_dir() / f"{name}.svg"
    svg = path.read_text(encoding="utf-8").replace("currentColor", colour)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    icon = QIcon()
    if not renderer.isValid():
        return icon
    disabled = svg.replace(colour, "#8a8a8a")
    grey = QSvgRenderer(QByteArray(disabled.encode("utf-8")))
    for size in SIZES:
        for mode, rend in ((QIcon.Mode.Normal, renderer), (QIcon.Mode.Disabled, grey)):
            image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            rend.render(painter, QRectF(0, 0, size, size))
            painter.end()
            icon.addPixmap(QPixmap.fromImage(image), mode)
    return icon


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` in the current palette's text colour."""
    return _icon(name, _text_colour())


def app_icon() -> QIcon:
    """Briefer's application icon (its own colours, any size)."""
    return QIcon(str(icons_dir() / "briefer.svg"))


def available() -> list[str]:
    """Names of the icons shipped in ``resources/icons``."""
    return sorted(p.stem for p in icons_dir().glob("*.svg"))
