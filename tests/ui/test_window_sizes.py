"""The window from 1024×700 to 2560×1440 (issue 18): every button of the Brief panel is
inside the visible area at the smallest size, also with a desktop font of 12 pt (larger
than the offscreen default, as on many desktops), and the Reader — where pages are read
at "Fit width" — is the widest panel from 1366 px wide up. The real window is resized."""

from __future__ import annotations

from typing import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QToolButton

SIZES = ((1024, 700), (1366, 768), (1920, 1080), (2560, 1440))


@pytest.fixture
def desktop_font(qapp) -> Iterator[None]:
    """A 12 pt application font (what a desktop with larger text uses)."""
    old = QApplication.font()
    font = QApplication.font()
    font.setPointSizeF(12)
    QApplication.setFont(font)
    yield
    QApplication.setFont(old)


@pytest.fixture
def big_window(desktop_font, threaded_ctx, qtbot):
    from briefer.ui.mainwindow import MainWindow

    win = MainWindow(threaded_ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    threaded_ctx.tasks.cancel_all()


def _resize(window, qtbot, w: int, h: int) -> None:
    window.resize(w, h)
    qtbot.waitUntil(lambda: window.size().width() <= w and window.size().height() <= h
                    and window.reader_dock.width() > 0, timeout=30000)
    QApplication.processEvents()


def _in_window(window, widget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("size", SIZES[:3], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_brief_button_is_on_screen(big_window, qtbot, size) -> None:
    w, h = size
    _resize(big_window, qtbot, w, h)
    assert big_window.width() <= w and big_window.height() <= h, big_window.size()
    visible = QRect(0, 0, w, h)
    dock = big_window.brief_dock
    dock_rect = _in_window(big_window, dock)
    buttons = big_window.brief.findChildren(QToolButton)
    named = {b.text() for b in buttons if b.isVisibleTo(big_window)}
    assert {"New", "More", "Remove", "Export…", "+ Section"} <= named
    for button in buttons:
        if not button.isVisibleTo(big_window) or not button.text():
            continue
        r = _in_window(big_window, button)
        assert visible.contains(r), (button.text(), r, visible)
        assert dock_rect.contains(r), (button.text(), r, dock_rect)  # not cut by its dock


@pytest.mark.parametrize("size", SIZES[1:], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_reader_gets_the_width(big_window, qtbot, size) -> None:
    _resize(big_window, qtbot, *size)
    reader = big_window.reader_dock.width()
    others = {d.objectName(): d.width() for d in big_window.docks
              if d is not big_window.reader_dock and d.isVisible()}
    assert all(reader > w for w in others.values()), (reader, others)


def test_growing_the_window_widens_the_reader(big_window, qtbot) -> None:
    _resize(big_window, qtbot, 1366, 768)
    side = big_window.brief_dock.width(), big_window.search_dock.width()
    reader = big_window.reader_dock.width()
    _resize(big_window, qtbot, 1920, 1080)
    gained = big_window.reader_dock.width() - reader
    assert gained > 554 * 0.6  # most of the 554 px
    assert big_window.brief_dock.width() - side[0] < gained
    assert big_window.search_dock.width() - side[1] < gained



def test_a_rearranged_layout_is_left_alone(big_window, qtbot) -> None:
    """The user put the Reader on the left: a wider window does not push docks about."""
    from PySide6.QtCore import Qt

    _resize(big_window, qtbot, 1366, 768)
    big_window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, big_window.reader_dock)
    assert not big_window._standard_layout()
    called: list = []
    big_window._share_width = lambda: called.append(1)
    _resize(big_window, qtbot, 1920, 1080)
    assert called == []
