"""The window's Library menu offers the Library panel's own actions too: Read the Rest
with More Time and Remove Sample Documents… (menus, not only right-clicks)."""

from __future__ import annotations


def test_the_library_menu_offers_the_panels_actions(window) -> None:
    menu = next(a.menu() for a in window.menuBar().actions()
                if a.text().replace("&", "") == "Library")
    texts = [a.text() for a in menu.actions()]
    assert "Read the Rest with More Time" in texts
    assert "Remove Sample Documents…" in texts
    samples = window.library.remove_samples_action
    window.library.refresh()
    assert samples.isEnabled()  # the test library holds the samples
    assert not window.library.more_time_action.isEnabled()  # nothing read in part
