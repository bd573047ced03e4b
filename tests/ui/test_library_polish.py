"""The Library panel in a narrow dock and its words: the status column says "Searchable"
(the core's label), an unchanged library signals nothing to the table, the title keeps
room while the issuer is shortened, guessed details are marked as guesses in the details
line and the editor, and Confirm Guesses confirms them without changing a value."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from briefer.core.files.metadata import is_guess
from briefer.core.ops import documents as docs_ops
from briefer.ui.library_model import ID_ROLE
from briefer.ui.library_panel import LibraryPanel


def _panel(ctx, qtbot, width: int = 460) -> LibraryPanel:
    panel = LibraryPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(width, 600)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _select(panel: LibraryPanel, doc_id: int) -> None:
    panel.select_ids([doc_id])
    panel.table.selectionModel().setCurrentIndex(
        panel._proxy_index(doc_id), QItemSelectionModel.SelectionFlag.NoUpdate)


def test_status_words_and_no_signals_for_an_unchanged_library(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    words = {panel.proxy.index(r, 5).data() for r in range(panel.proxy.rowCount())}
    assert words == {"Searchable"}  # the samples are all text PDFs
    assert "ok" not in words
    panel.filter_edit.setText("searchable")
    assert panel.proxy.rowCount() == 6
    panel.filter_edit.clear()
    seen: list[str] = []
    panel.model.modelAboutToBeReset.connect(lambda: seen.append("reset"))
    panel.model.dataChanged.connect(lambda *_a: seen.append("changed"))
    panel.model.rowsInserted.connect(lambda *_a: seen.append("inserted"))
    panel.refresh()
    ctx.notify()
    assert seen == []
    doc_id = int(panel.proxy.index(1, 0).data(ID_ROLE))
    docs_ops.edit_metadata(ctx.session, doc_id, issuer="Another issuer")
    assert ctx.check_now()  # the edit's report, delivered
    assert seen == ["changed"]  # that one row, no reset


def test_title_keeps_room_and_issuer_is_shortened_first(ctx, qtbot):
    panel = _panel(ctx, qtbot, width=460)
    header = panel.table.horizontalHeader()
    title, issuer = header.sectionSize(0), header.sectionSize(2)
    assert issuer < panel.table.sizeHintForColumn(2)  # the issuer is shortened first
    assert issuer < panel.fontMetrics().horizontalAdvance("Issuer") * 2
    assert title > 2 * issuer and title >= panel.fontMetrics().averageCharWidth() * 16
    for col in (1, 3, 5):  # short columns fit their contents (Pages starts hidden)
        assert header.sectionSize(col) >= panel.table.sizeHintForColumn(col)
    assert header.isSectionHidden(4)
    panel.resize(1200, 600)
    qtbot.waitUntil(lambda: header.sectionSize(2) >= panel.table.sizeHintForColumn(2))


def test_guesses_marked_then_confirmed(ctx, qtbot):
    from briefer.ui.dialogs.metadata import MetadataDialog

    panel = _panel(ctx, qtbot)
    doc = docs_ops.list_documents(ctx.session)[0].document
    assert is_guess(doc, "issuer") and doc.issuer
    _select(panel, doc.id)
    text = panel.detail.text()
    assert "<br>Searchable." in text and "Ok." not in text
    assert "Guessed, not yet confirmed" in text and f"<i>{doc.date}</i>" in text
    assert "(guessed)" in text  # the title
    assert "guessed" in panel.detail.toolTip()

    dialog = MetadataDialog(ctx, doc)
    qtbot.addWidget(dialog)
    assert dialog.issuer_edit.font().italic()
    assert "(guessed)" in dialog.labels["issuer"].text()
    assert "Guessed" in dialog.issuer_edit.toolTip()
    assert not dialog.url_edit.font().italic()  # never guessed
    assert dialog.confirm_button.isVisibleTo(dialog) and dialog.confirm_button.isEnabled()
    dialog.confirm()
    after = docs_ops.get_document(ctx.session, doc.id)
    assert dialog.saved is not None
    assert (after.title, after.issuer, after.date, after.doc_type) == (
        doc.title, doc.issuer, doc.date, doc.doc_type)
    assert not any(is_guess(after, f) for f in ("title", "issuer", "date", "doc_type"))
    ctx.check_now()
    assert "Guessed" not in panel.detail.text() and "(guessed)" not in panel.detail.text()
    again = MetadataDialog(ctx, after)
    qtbot.addWidget(again)
    assert not again.issuer_edit.font().italic()
    assert not again.confirm_button.isVisibleTo(again)


def test_typing_in_a_guess_makes_it_the_persons_value(ctx, qtbot):
    from briefer.ui.dialogs.metadata import MetadataDialog

    doc = docs_ops.list_documents(ctx.session)[0].document
    dialog = MetadataDialog(ctx, doc)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.issuer_edit.setFocus()
    qtbot.keyClicks(dialog.issuer_edit, "x")
    assert not dialog.issuer_edit.font().italic()
    assert "(guessed)" not in dialog.labels["issuer"].text()
    assert "(guessed)" in dialog.labels["date"].text()
    assert not dialog.confirm_button.isEnabled()


def test_a_removed_document_leaves_without_a_reset(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    keep = int(panel.proxy.index(0, 0).data(ID_ROLE))
    panel.select_ids([keep])
    seen: list[str] = []
    panel.model.modelAboutToBeReset.connect(lambda: seen.append("reset"))
    panel.model.rowsRemoved.connect(lambda *_a: seen.append("removed"))
    gone = next(r.id for r in panel.model.rows if r.id != keep)
    docs_ops.remove_documents(ctx.session, [gone], confirmed=True)
    assert ctx.check_now()  # the edit's report, delivered
    assert seen == ["removed"]
    assert panel.model.rowCount() == 5 and panel.selected_ids() == [keep]


def test_hidden_columns_are_kept_for_the_next_start(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    header = panel.table.horizontalHeader()
    # at the first start the page count is hidden (it is in the details line), so that
    # the title has room in the default dock width
    assert [header.isSectionHidden(c) for c in range(6)] == \
        [False, False, False, False, True, False]
    panel.table.selectRow(0)
    assert " pages" in panel.detail.text() or " page " in panel.detail.text()
    title_before = header.sectionSize(0)
    panel.set_column_shown(5, False)  # Status
    panel.set_column_shown(0, False)  # the title cannot be hidden
    assert header.isSectionHidden(5) and not header.isSectionHidden(0)
    qtbot.waitUntil(lambda: header.sectionSize(0) > title_before)  # the title gains room

    again = _panel(ctx, qtbot)  # the next start reads the same preferences
    header2 = again.table.horizontalHeader()
    assert [header2.isSectionHidden(c) for c in range(6)] == \
        [False, False, False, False, True, True]
    again.set_column_shown(4, True)
    again.set_column_shown(5, True)
    third = _panel(ctx, qtbot)  # a choice to show every column is kept too
    assert not any(third.table.horizontalHeader().isSectionHidden(c) for c in range(6))
