"""The window's renderer is bounded (issue 16: a 3 MB PDF, a flate bomb, took the window's
process to 4.3 GB).

A page is drawn by a worker process under a memory limit (``briefer.ui.reader.bounded``);
a page that needs more is refused with a message on the page and is never parsed in the
window's process, while the document's other pages read as before. The bomb is the
hostile-PDF test's own (a second page whose content stream inflates to 4 GB of zeros),
imported into a real library (pdfium dies on it at the import worker's limit, pypdf reads
it). The window's process is measured: its peak resident memory (reset before opening
the page, where the kernel allows) stays far under the bomb's size.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from briefer.core.ops import documents as docs_ops
from briefer.ui.reader.bounded import MAX_PIXELS, bounded_size
from tests.reliability.test_hostile_pdfs import flate_bomb
from tests.ui.conftest import shown

BOUND_MB = 800  # the window's process may grow by this much at most while showing the page


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    try:  # Linux 4.0+: writing 5 resets VmHWM to the current RSS
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


@pytest.fixture
def bomb_doc(session, tmp_path) -> int:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(flate_bomb(4))
    report = docs_ops.add_files(session, [path], ocr=False, processes=1, timeout=60)
    outcome = report.outcomes[0]
    if outcome.outcome != "added":
        pytest.skip(f"the bomb was not imported here: {outcome.reason}")
    return outcome.doc_id


@pytest.mark.slow
def test_a_page_beyond_the_memory_bound_is_refused_with_a_message(qtbot, threaded_ctx,
                                                                  bomb_doc):
    from briefer.ui.reader import ReaderPanel

    panel = shown(qtbot, ReaderPanel(threaded_ctx), 700, 800)
    panel.open_document(bomb_doc, 0)
    qtbot.waitUntil(lambda: panel.canvas._image is not None, timeout=60000)  # page 1: fine
    before = _status_kb("VmRSS")
    peak_reset = _reset_peak()
    panel.go_to_page(1)  # the bomb
    qtbot.waitUntil(lambda: bool(panel.canvas.refusal), timeout=120000)
    assert "too large to show safely" in panel.canvas.refusal
    assert panel.canvas._image is None
    doc = panel.document()
    assert doc is not None and not doc.text_safe(1)  # never parsed here: no text look-ups
    assert panel.highlight_rects(1) == []
    grown_mb = ((_status_kb("VmHWM") if peak_reset else _status_kb("VmRSS")) - before) / 1024
    print(f"the window's process grew by {grown_mb:.0f} MB while the bomb page was refused")
    assert grown_mb < BOUND_MB, grown_mb
    assert "Page 2 is not shown" in threaded_ctx.notices[-1].text
    assert "not shown" in panel.hint.text() and "OCR" not in panel.hint.text()
    panel.go_to_page(0)  # the other page reads as before
    qtbot.waitUntil(lambda: panel.canvas._image is not None, timeout=60000)
    assert panel.canvas.refusal == ""


def test_a_huge_page_or_zoom_is_drawn_at_a_bounded_size():
    assert bounded_size(QSize(1200, 1600)) == QSize(1200, 1600)
    big = bounded_size(QSize(40000, 60000))
    assert big.width() * big.height() <= MAX_PIXELS
    assert abs(big.width() / big.height() - 40000 / 60000) < 0.01


@pytest.mark.slow
def test_a_pdf_pdfium_could_not_read_at_import_is_opened_in_the_worker_first(
        qtbot, threaded_ctx, bomb_doc, monkeypatch):
    """Its pages came from the other engine: the window opens it only after the bounded
    worker did; when the worker could not (here: told so), it is not opened here at all."""
    from briefer.ui.reader import ReaderPanel
    from briefer.ui.reader import panel as panel_module
    from briefer.ui.reader.bounded import TOO_LARGE, Refused

    asked = []

    def refuse(path, password, page, size, **_task):
        asked.append((page, size.width()))
        return Refused(page, TOO_LARGE)

    monkeypatch.setattr(panel_module, "draw_page", refuse)
    panel = shown(qtbot, ReaderPanel(threaded_ctx), 700, 800)
    panel.open_document(bomb_doc, 0)
    qtbot.waitUntil(lambda: "too large to open safely" in panel.hint.text(), timeout=60000)
    assert asked == [(0, 64)]  # the worker was asked to open it, small, before anything
    assert panel.document() is None  # never opened in the window's process
