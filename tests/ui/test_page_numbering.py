"""The Page Numbering dialog, opened by a click on the reader's page indicator: a range
typed there renumbers the pages (through the ops layer), the reader shows
"p. 11 (PDF p. 3)", and a number the core cannot read is refused in words."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from briefer.core.ops import documents as docs_ops  # noqa: E402
from briefer.ui.reader import ReaderPanel  # noqa: E402
from tests.ui.conftest import shown  # noqa: E402


def _open(qtbot, ctx):
    reader = shown(qtbot, ReaderPanel(ctx), 900, 900)
    doc = max(ctx.session.catalog().documents(), key=lambda d: d.page_count)
    reader.open_document(doc.id, 2, [])
    qtbot.waitUntil(lambda: reader.current_document() == doc.id)
    return reader, doc


def test_a_click_on_the_page_indicator_corrects_the_numbering(qtbot, ctx):
    reader, doc = _open(qtbot, ctx)
    QTest.mouseClick(reader.label_info, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    dialog = reader.numbering_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.first_spin.value() == 3 and dialog.last_spin.value() == doc.page_count
    dialog.number_edit.setText("11")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert docs_ops.page_numbering(ctx.session, doc.id)[0].first_number == 11
    assert ctx.session.catalog().page(doc.id, 2).label == "11"
    qtbot.waitUntil(lambda: reader.label_info.text().startswith("p. 11 (PDF p. 3)"))


def test_a_number_the_core_cannot_read_is_refused_in_words(qtbot, ctx):
    reader, doc = _open(qtbot, ctx)
    reader.open_page_numbering()
    dialog = reader.numbering_dialog
    dialog.number_edit.setText("eleven")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "not" in dialog.error.text()
    assert docs_ops.page_numbering(ctx.session, doc.id) == []
    dialog.first_spin.setValue(1)
    dialog.number_edit.setText("ii")
    dialog.add_button.click()
    assert dialog.list.item(0).text().startswith(f"PDF pages 1\u2013{doc.page_count} are "
                                                 "printed ii\u2013")
    dialog.reject()
