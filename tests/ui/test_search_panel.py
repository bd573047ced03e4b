"""The Search panel over a real library: grouped results with page labels and bold
matched words, counts, facets, did-you-mean, history, saved searches, opening a hit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefer.core.ops import search as search_ops
from briefer.ui.search_model import HTML_ROLE
from briefer.ui.search_panel import SearchPanel


def _panel(ctx, qtbot):
    panel = SearchPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(500, 700)
    panel.show()
    return panel


def test_results_grouped_with_labels_and_bold_words(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    panel.search("national coordinator")
    expected = search_ops.run_search(ctx.session, "national coordinator", record=False)
    model = panel.model
    assert model.rowCount() == len(expected.documents) > 1
    first_doc = model.index(0, 0)
    assert expected.documents[0].title in first_doc.data()
    hit_index = model.index(0, 0, first_doc)
    html = hit_index.data(HTML_ROLE)
    assert "<b>" in html and "coordinator" in html.lower()
    hit = expected.documents[0].hits[0]
    assert f"p. {hit.page_label}" in hit_index.data()
    assert str(expected.total) in panel.summary.text()
    assert ("estimated" in panel.summary.text()) == (not expected.total_exact)


def test_enter_opens_the_hit_with_its_spans(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    panel.search("national coordinator")
    panel.tree.setFocus()
    with qtbot.waitSignal(panel.openHit, timeout=30000) as blocker:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    hit = blocker.args[0]
    first = panel.model.documents[0].hits[0]
    assert (hit.doc_id, hit.page_index, hit.spans) == (first.doc_id, first.page_index,
                                                       first.spans)
    assert hit.page_index in hit.hit_pages


def test_facet_narrows_the_results(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    panel.search("national coordinator")
    box = panel.facet_boxes["type"]
    n = next(i for i in range(box.count()) if box.itemData(i) == "report")
    box.setCurrentIndex(n)
    box.activated.emit(n)
    docs = panel.model.documents
    assert docs and all(d.doc_type == "report" for d in docs)
    assert panel.facet_boxes["type"].currentData() == "report"


def test_did_you_mean_and_history(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    panel.search("coordinater")
    if panel.result.suggestion is not None:
        assert panel.suggestion.isVisibleTo(panel)
        assert panel.result.suggestion.query in panel.suggestion.text()
    panel.search("platform")
    items = [panel.query_box.itemText(i) for i in range(panel.query_box.count())]
    assert items[:2] == ["platform", "coordinater"]


def test_saved_search_round_trip(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    panel.search("warrant")
    panel.save_current("warrants")
    assert [s.name for s in search_ops.saved_searches(ctx.session)] == ["warrants"]
    panel.search("platform")
    panel.run_saved("warrants")
    assert panel.query_text() == "warrant"
    panel.delete_saved("warrants")
    assert search_ops.saved_searches(ctx.session) == []


def test_what_to_try_card_stays_dismissed(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    assert panel.card.isVisibleTo(panel)
    panel.dismiss_card()
    again = _panel(ctx, qtbot)
    assert not again.card.isVisibleTo(again)


def test_nothing_found_says_what_to_try(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    panel.search("zzqxqzz")
    assert panel.model.rowCount() == 0
    assert panel.empty.isVisibleTo(panel) and "Nothing matches" in panel.empty.text()


def test_down_moves_from_the_query_into_the_results(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    panel.search("national coordinator")
    panel.focus_query()
    qtbot.keyClick(panel.query_box.lineEdit(), Qt.Key.Key_Down)
    assert panel.focusWidget() is panel.tree  # the focus the panel gives (offscreen: no
    assert panel.query_text() == "national coordinator"  # active window); history not walked
    assert panel.current_hit() is not None
