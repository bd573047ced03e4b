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


def test_page_numbering_opens_from_the_library_for_the_selected_document(window, qtbot) -> None:
    menu = next(a.menu() for a in window.menuBar().actions()
                if a.text().replace("&", "") == "Library")
    assert "Page Numbering…" in [a.text() for a in menu.actions()]
    action = window.library.numbering_action
    window.library.refresh()
    window.library.select_ids([], None)
    assert not action.isEnabled()
    row = window.library.model.rows[0]
    window.library.select_ids([row.id], row.id)
    assert action.isEnabled()
    action.trigger()
    dialog = window.library.numbering_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    assert dialog.doc.id == row.id
    dialog.reject()
