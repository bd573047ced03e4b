"""The window's side of issue 17's citation checks: the export dialog lists a locator the
user typed that disagrees with the structure at the passage and asks (Export Anyway) before
writing, keeping the user's locator in the footnote; Preferences offers the library's
setting for markers in quoted text, and the window's quote follows it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from briefer.core.clips.clips import find_passage  # noqa: E402
from briefer.core.library import Library  # noqa: E402
from briefer.core.ops import briefs as ops_briefs  # noqa: E402
from briefer.core.ops import clips as ops_clips  # noqa: E402
from briefer.core.ops.session import Session  # noqa: E402
from briefer.ui.brief import BriefPanel  # noqa: E402
from briefer.ui.reader import ReaderSelection  # noqa: E402
from tests import pdfgen  # noqa: E402
from tests.ui.conftest import _context, shown  # noqa: E402

PASSAGE = "Whoever intentionally and publicly exhibits"
MARKED = "contempt of court, 1 [commission of] or incitement"
ACT_PAGES = [
    "THE EXAMPLE CRIMES ACT, 2016\n"
    "19. Interception.\u2014Whoever with dishonest intention commits interception shall "
    "be punished.\n"
    "20. Dignity of a natural person.\u2014(1) Whoever intentionally and publicly exhibits "
    "any false information shall be punished.\n"
    "(2) Any aggrieved person may apply to the Authority.\n"
    "21. Modesty of a natural person.\u2014Whoever exhibits a photograph shall be punished.",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("citations")
    (d / "src").mkdir()
    pdfgen.make_text_pdf(d / "src" / "act.pdf", ACT_PAGES)
    sources = [d / "src" / "act.pdf"]
    try:
        import pypdfium2  # noqa: F401
        from tests.core.clips.test_quote_markers import _marker_pdf

        sources.append(_marker_pdf(d / "src" / "contempt.pdf"))
    except ImportError:
        pass
    with Library.open(d / "lib") as lib:
        lib.import_paths(sources, processes=1)
        act = lib.resolve("act.pdf")
        lib.set_metadata(act.id, {"doc_type": "law"})
    return d / "lib"


@pytest.fixture
def session(built, tmp_path) -> Iterator[Session]:
    import shutil

    shutil.copytree(built, tmp_path / "lib", ignore=shutil.ignore_patterns("library.lock"))
    s = Session.open(tmp_path / "lib", samples=False)
    yield s
    s.close()


@pytest.fixture
def ctx(session, prefs, qapp):
    context = _context(session, prefs, threaded=False)
    yield context
    context.stop()


@pytest.fixture
def panel(qtbot, ctx) -> BriefPanel:
    return shown(qtbot, BriefPanel(ctx), 420, 700)


def _selection(session, file_name: str, text: str) -> ReaderSelection:
    doc = next(d for d in session.catalog().documents() if d.file_name == file_name)
    page = session.catalog().page(doc.id, 0)
    a, b = find_passage(page.text, text)[0]
    return ReaderSelection(doc.id, 0, a, b, page.text[a:b])


def test_export_lists_a_typed_locator_that_disagrees_and_keeps_it(panel, session, tmp_path,
                                                                  qtbot):
    item = panel.quote_selection(_selection(session, "act.pdf", PASSAGE))
    clip_id = next(iter(ops_briefs.brief_clips(session, ops_briefs.get_brief(
        session, panel.current_brief_id()))))
    assert ops_clips.get_clip(session, clip_id).locator == "Section 20(1)"
    ops_clips.edit_clip(session, clip_id, locator="Section 20(2)")
    panel.export_current()
    dlg = panel.export_dialog
    qtbot.waitUntil(lambda: dlg.report is not None)
    assert [p.kind for p in dlg.report.problems] == ["locator_typed"]
    row = dlg.problems.topLevelItem(0)
    assert row.data(0, Qt.ItemDataRole.UserRole) == item
    assert "Section 20(2)" in row.text(0)  # the quote is named by the user's locator
    assert "Section 20(1)" in row.text(1) and "Section 20(2)" in row.text(1)
    assert "keeps your locator" in row.text(2)
    assert dlg.export_button.text().replace("&", "") == "Export Anyway"
    assert "cited otherwise than their documents say" in dlg.summary.text()
    assert "own locators are kept" in dlg.summary.text()
    out = tmp_path / "brief.md"
    dlg.format.setCurrentIndex(1)
    dlg.path.setText(str(out))
    assert not out.exists()
    dlg.export_button.click()  # confirmed
    assert out.exists() and dlg.result is not None and dlg.result.forced
    text = out.read_text(encoding="utf-8")
    assert "Section 20(2)" in text and "Section 20(1)" not in text


def test_the_same_typed_citation_written_another_way_exports_without_a_question(
        panel, session, qtbot):
    panel.quote_selection(_selection(session, "act.pdf", PASSAGE))
    clip_id = next(iter(ops_briefs.brief_clips(session, ops_briefs.get_brief(
        session, panel.current_brief_id()))))
    ops_clips.edit_clip(session, clip_id, locator="s. 20 (1)")
    panel.export_current()
    dlg = panel.export_dialog
    qtbot.waitUntil(lambda: dlg.report is not None)
    assert dlg.report.ok and dlg.export_button.text().replace("&", "") == "Export"


def test_preferences_offer_the_librarys_marker_setting(ctx, session, prefs, qtbot):
    from briefer.ui.dialogs.preferences import KEEP_MARKERS_LABEL, PreferencesDialog

    dialog = PreferencesDialog(prefs, ctx=ctx)
    qtbot.addWidget(dialog)
    assert dialog.keep_markers is not None and not dialog.keep_markers.isChecked()
    assert dialog.keep_markers.text() == KEEP_MARKERS_LABEL
    dialog.keep_markers.setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: ops_clips.keeps_markers(session))
    assert prefs.qsettings.value("quotes/keep_markers") is None  # not a window preference
    again = PreferencesDialog(prefs, ctx=ctx)
    qtbot.addWidget(again)
    assert again.keep_markers.isChecked()
    again.restore_defaults()
    again.save()
    qtbot.waitUntil(lambda: not ops_clips.keeps_markers(session))


def test_the_windows_quote_follows_the_setting(panel, session):
    pytest.importorskip("pypdfium2")
    sel = _selection(session, "contempt.pdf", MARKED)
    panel.quote_selection(sel)
    ops_clips.set_keep_markers(session, True)
    panel.quote_selection(sel)
    clips = sorted(ops_briefs.brief_clips(session, ops_briefs.get_brief(
        session, panel.current_brief_id())).values(), key=lambda c: c.id)
    assert [c.display_text for c in clips] == [
        "contempt of court, [commission of] or incitement", MARKED]


def test_preferences_on_a_read_only_library_show_the_setting_but_do_not_offer_it(
        built, tmp_path, prefs, qapp, qtbot):
    import shutil

    from briefer.ui.dialogs.preferences import PreferencesDialog

    shutil.copytree(built, tmp_path / "lib", ignore=shutil.ignore_patterns("library.lock"))
    with Session.open(tmp_path / "lib", samples=False) as s:
        ops_clips.set_keep_markers(s, True)
    ro = Session.open(tmp_path / "lib", readonly=True, samples=False)
    context = _context(ro, prefs, threaded=False)
    try:
        dialog = PreferencesDialog(prefs, ctx=context)
        qtbot.addWidget(dialog)
        assert dialog.keep_markers.isChecked() and not dialog.keep_markers.isEnabled()
        dialog.restore_defaults()
        dialog.save()  # nothing to write, nothing refused
        assert ops_clips.keeps_markers(ro) is True
    finally:
        context.stop()
        ro.close()
