"""The window keeps the samples apart: the Search panel says how many sample documents it
left out and shows them on a click; the Library's right-click menu removes them all in one
step; and the Library follows the document open in the reader, so Edit Details… is
enabled for it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from briefer.core.ops import documents
from briefer.ui.library_panel import LibraryPanel
from briefer.ui.search_model import SearchHit
from briefer.ui.search_panel import SearchPanel
from tests import pdfgen
from tests.ui.conftest import shown


def _own(session, tmp_path):
    pdf = tmp_path / "own.pdf"
    pdfgen.make_text_pdf(pdf, ["The National Coordinator shall report to our committee."])
    return documents.add_files(session, [pdf], ocr=False).of("added")[0].doc_id


def test_search_panel_says_samples_are_hidden_and_shows_them(ctx, qtbot, tmp_path):
    own = _own(ctx.session, tmp_path)
    panel = shown(qtbot, SearchPanel(ctx), 500, 700)
    panel.search("national coordinator")
    assert [d.doc_id for d in panel.model.documents] == [own]
    assert panel.samples_note.isVisible()
    text = panel.samples_note.text()
    assert "sample documents hidden" in text and "show them" in text
    panel.samples_note.linkActivated.emit("show")
    assert len(panel.model.documents) > 1
    assert "included" in panel.samples_note.text()
    panel.samples_note.linkActivated.emit("hide")
    assert [d.doc_id for d in panel.model.documents] == [own]


def test_showing_the_samples_holds_for_the_next_searches(ctx, qtbot, tmp_path):
    own = _own(ctx.session, tmp_path)
    panel = shown(qtbot, SearchPanel(ctx), 500, 700)
    panel.search("national coordinator")
    panel.samples_note.linkActivated.emit("show")
    panel.set_query("coordinator")
    panel.search_now()  # a new query typed: the samples stay shown
    assert len(panel.model.documents) > 1
    assert "included" in panel.samples_note.text()
    panel.samples_note.linkActivated.emit("hide")
    panel.search("national coordinator")
    assert [d.doc_id for d in panel.model.documents] == [own]


def test_samples_only_library_shows_no_note(ctx, qtbot):
    panel = shown(qtbot, SearchPanel(ctx), 500, 700)
    panel.search("national coordinator")
    assert len(panel.model.documents) > 1 and not panel.samples_note.isVisible()


def test_library_menu_removes_every_sample_in_one_step(ctx, qtbot, tmp_path):
    own = _own(ctx.session, tmp_path)
    panel = shown(qtbot, LibraryPanel(ctx), 700, 500)
    panel.refresh()
    menu = panel.context_menu()  # nothing selected: the samples action alone
    names = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert names == ["Remove Sample Documents…"]
    assert panel.remove_samples_action.isEnabled()
    panel.remove_samples()
    box = panel.remove_box
    assert "sample document" in box.text()
    remove = next(b for b in box.buttons()
                  if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    remove.click()
    qtbot.waitUntil(lambda: [r.document.id for r in panel.model.rows] == [own], timeout=30000)
    assert not panel.remove_samples_action.isEnabled()
    assert panel.context_menu().isEmpty()


def test_library_follows_the_reader_so_edit_details_is_enabled(window, qtbot):
    action = window.actions_by_name["edit_metadata"]
    window.library.select_ids([])
    window.library.table.clearSelection()
    assert not action.isEnabled()
    doc_id = window.library.model.rows[-1].document.id
    with qtbot.waitSignal(window.reader.documentLoaded, timeout=30000):
        window.open_hit(SearchHit(doc_id=doc_id, page_index=0, spans=[]))
    qtbot.waitUntil(lambda: window.library.selected_ids() == [doc_id], timeout=30000)
    assert action.isEnabled()
