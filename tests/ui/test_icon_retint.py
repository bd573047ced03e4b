"""The window's icons follow a palette switch while it is open (the desktop going from
light to dark): toolbar actions, buttons and the filter field's action are drawn again in
the new text colour, and back."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from briefer.ui.app import dark_palette


def _ink(icon) -> QColor:
    """The colour of the opaque pixels of the icon's 24-pixel image."""
    image = icon.pixmap(24, 24).toImage()
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.alpha() == 255:
                return c
    raise AssertionError("the icon has no opaque pixel")


def _text() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText)


def test_icons_are_redrawn_when_the_palette_switches(window, qtbot):
    app = QApplication.instance()
    original = QPalette(app.palette())
    targets = {"toolbar action": window.actions_by_name["undo"],
               "search button": window.search.search_button,
               "filter action": window.library.filter_edit.actions()[0]}
    before = {k: _ink(t.icon()).name() for k, t in targets.items()}
    assert set(before.values()) == {_text().name()}
    try:
        app.setPalette(dark_palette())
        qtbot.waitUntil(lambda: all(_ink(t.icon()).name() == _text().name()
                                    for t in targets.values()))
        assert _text().name() != next(iter(before.values()))  # the colour did change
    finally:
        app.setPalette(original)
    qtbot.waitUntil(lambda: {k: _ink(t.icon()).name() for k, t in targets.items()} == before)
