"""Compare Versions: the window over two documents' aligned provisions (issue 20).

Hand-built comparisons (tests/core/compare_values.py) test what the view shows; the
sample library's draft and notified Rules test the real path (menu → comparison on the
task runner → brief, Reader, Word)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402

from briefer.core.ops import briefs as ops_briefs  # noqa: E402
from briefer.core.ops import compare as ops_compare  # noqa: E402
from briefer.ui.compare import CompareWindow  # noqa: E402
from briefer.ui.compare.model import (DELETE_HUE, EARLIER, HTML_ROLE, INSERT_HUE,  # noqa: E402
                                      LATER, tint)
from tests.core.compare_values import every_kind  # noqa: E402
from tests.ui.conftest import shown  # noqa: E402

DRAFT = "online-harms-rules-draft-2025.pdf"
NOTIFIED = "social-media-online-harms-rules-2026.pdf"


def _ids(session) -> tuple[int, int]:
    docs = {d.file_name: d.id for d in session.catalog().documents()}
    return docs[DRAFT], docs[NOTIFIED]


@pytest.fixture
def panel(qtbot, ctx):
    from briefer.ui.brief import BriefPanel

    return shown(qtbot, BriefPanel(ctx), 420, 700)


@pytest.fixture
def view(qtbot, ctx, panel) -> CompareWindow:
    return shown(qtbot, CompareWindow(ctx, brief_panel=panel), 1100, 640)


def _row_texts(view: CompareWindow, col: int) -> list[str]:
    m = view.model
    return [m.index(r, col).data() for r in range(m.rowCount())]


# ------------------------------------------------------------------ what the view shows


def test_every_pair_is_a_row_with_the_summary_counted(view):
    view.show_comparison(every_kind())
    assert view.model.rowCount() == 6
    assert [t.split("\n")[0] for t in _row_texts(view, 0)] == [
        "Rule 1", "Rule 2(1)", "Rule 3", "Rule 4", "Rule 6", "Rule 7"]
    assert [t.split("\n")[0] for t in _row_texts(view, 3)] == [
        "unchanged", "reworded", "added", "renumbered from Rule 5", "moved from Rule 3",
        "removed"]
    summary = view.summary.text()
    assert "1 reworded · 1 renumbered · 1 moved · 1 added · 1 removed · 1 unchanged" in summary
    # the first changed provision is selected, ready for the buttons
    assert view.current_pair().change == "reworded"
    assert view.add_pair_button.isEnabled() and view.export_button.isEnabled()


def test_deletions_are_struck_and_insertions_underlined_not_colour_alone(view):
    view.show_comparison(every_kind())
    m = view.model
    earlier = m.index(1, EARLIER).data(HTML_ROLE)
    later = m.index(1, LATER).data(HTML_ROLE)
    assert "text-decoration:line-through;\">order</span>" in earlier
    assert "underline;\">direct</span>" in later
    assert "line-through" not in later and "underline" not in earlier
    # a screen reader hears the marks in words
    spoken = m.index(1, EARLIER).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "[deleted: order]" in spoken
    assert "[inserted: direct]" in m.index(1, LATER).data(Qt.ItemDataRole.AccessibleTextRole)
    # a side that does not exist says so
    assert m.index(2, EARLIER).data() == "(not in this version)"


def _luminance(c: QColor) -> float:
    def ch(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())


def _contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("base,text", [("#ffffff", "#000000"), ("#2b2b2b", "#e6e6e6"),
                                       ("#1e1e1e", "#ffffff")])
def test_the_marks_keep_the_text_readable_in_light_and_dark_palettes(view, base, text):
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    for hue in (INSERT_HUE, DELETE_HUE):
        tinted = tint(palette, hue)
        assert _contrast(tinted, QColor(text)) >= 4.5, (base, hue.name(), tinted.name())
        assert tinted != QColor(base)  # still visibly marked
    view.show_comparison(every_kind())
    view.setPalette(palette)  # the desktop switched: the marks are drawn on the new base
    assert tint(palette, INSERT_HUE).name() in view.model.index(1, LATER).data(HTML_ROLE)


def test_changed_only_hides_unchanged_rows_and_keeps_the_selection(view):
    view.show_comparison(every_kind())
    view.table.selectRow(4)
    chosen = view.current_pair()
    view.changed_only.setChecked(True)
    assert view.model.rowCount() == 5
    assert "unchanged" not in _row_texts(view, 3)
    assert view.current_pair() is chosen
    view.changed_only.setChecked(False)
    assert view.model.rowCount() == 6 and view.current_pair() is chosen


def test_double_click_and_buttons_open_either_page_in_the_reader(view, qtbot):
    view.show_comparison(every_kind(earlier_id=11, later_id=22))
    opened: list[tuple] = []
    view.openPassage.connect(lambda *a: opened.append(a))
    for col in (EARLIER, LATER):  # row 3, renumbered: Rule 5 → Rule 4
        view.table.scrollTo(view.model.index(3, col))
        at = view.table.visualRect(view.model.index(3, col)).center()
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=at)
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=at)
    text = "Orders shall be kept in a register."
    assert opened == [(11, 2, 0, len(text)), (22, 2, 0, len(text))]
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(4, LATER))  # moved: Rule 3 → Rule 6
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter does what a double-click does
    assert opened[-1] == (22, 2, 100, 100 + len("A company shall appoint an officer."))
    assert len(opened) == 3
    view.table.selectRow(2)  # added: no earlier page
    assert not view.open_earlier_button.isEnabled() and view.open_later_button.isEnabled()
    view.open_later_button.click()
    assert opened[-1] == (22, 1, 200, 200 + len("Every order shall be reviewed by a judge."))


# ------------------------------------------------------------------ the real path


def test_the_sample_draft_and_notified_rules_are_offered_and_compared(view, session):
    draft, notified = _ids(session)
    assert view.load_documents() == (draft, notified)  # two versions of one title
    assert view.chosen() == (draft, notified)
    view.compare()  # the synchronous runner: done on return
    c = view.comparison
    assert (c.earlier_id, c.later_id) == (draft, notified)
    counts = c.counts()
    for kind in ("reworded", "added", "removed", "renumbered"):
        assert counts[kind] >= 1, (kind, counts)
    keys = {(p.change, p.key) for p in c.pairs}
    assert ("added", "4") in keys  # the appointment of the National Coordinator
    assert ("removed", "6") in {(p.change, p.earlier.key) for p in c.pairs
                                if p.earlier is not None and p.change == "removed"}
    assert view.model.rowCount() == len(c.pairs)


def test_the_comparison_runs_off_the_gui_thread_and_a_stale_result_is_dropped(
        qtbot, threaded_ctx, monkeypatch):
    release = {1: threading.Event(), 2: threading.Event()}
    calls: list[int] = []

    def slow(session, a, b, **_kw):
        n = len(calls) + 1
        calls.append(n)
        assert threading.current_thread() is not threading.main_thread()
        release[n].wait(10)
        return every_kind(a, b)

    monkeypatch.setattr(ops_compare, "compare_documents", slow)
    view = shown(qtbot, CompareWindow(threaded_ctx), 900, 500)
    view.earlier.addItem("A", 1)
    view.earlier.addItem("B", 2)
    view.later.addItem("A", 1)
    view.later.addItem("B", 2)
    view.choose(1, 2)
    first = view.compare()
    qtbot.waitUntil(lambda: calls == [1])
    assert view.summary.text() == "Comparing…" and not view.compare_button.isEnabled()
    view.choose(2, 1)
    second = view.compare()
    assert first.token.cancelled  # the older request is told to stop
    qtbot.waitUntil(lambda: calls == [1, 2])
    release[2].set()
    qtbot.waitUntil(lambda: view.comparison is not None)
    assert (view.comparison.earlier_id, view.comparison.later_id) == (2, 1)
    release[1].set()  # the older comparison ends after the newer one: its result is stale
    qtbot.waitUntil(lambda: first.done and second.done)
    assert first.state == "done"  # it did arrive (the runner delivered it) …
    assert (view.comparison.earlier_id, view.comparison.later_id) == (2, 1)  # … and dropped
    assert view.compare_button.isEnabled()


def test_adding_a_pair_is_one_undo_step_quoting_both_texts(view, panel, session):
    draft, notified = _ids(session)
    view.load_documents([draft, notified])
    view.compare()
    row = next(r for r in range(view.model.rowCount())  # the draft's 4(3) is now 5(3)
               if view.model.pair(r).change == "renumbered" and view.model.pair(r).key == "5(3)")
    view.table.selectRow(row)
    before = panel.undo_stack.count()
    cmd = view.add_pair()
    assert cmd is not None and panel.undo_stack.count() == before + 1
    [summary] = ops_briefs.list_briefs(session)
    assert summary.quotes == 2  # the draft's text and the notified text
    brief = ops_briefs.get_brief(session, summary.id)
    section = brief.sections[-1]
    assert section.heading == "What changed: Draft Social Media Rules, 2025 → Social Media " \
        "Rules, 2026"
    kinds = [it.kind for it in section.items]
    assert kinds == ["text", "quote", "quote"]
    assert section.items[0].body == "**Rule 5(3)**: renumbered from Rule 4(3)."
    clips = ops_briefs.brief_clips(session, brief)
    docs = [clips[it.clip_id].doc_id for it in section.items[1:]]
    assert docs == [draft, notified]
    assert [it.lead_in for it in section.items[1:]] == [
        "Earlier (Draft Social Media Rules, 2025):", "Later (Social Media Rules, 2026):"]
    # the quotes are the provision's own words, on its page, cited like any quote
    assert [clips[it.clip_id].locator_auto for it in section.items[1:]] == ["Rule 4(3)",
                                                                          "Rule 5(3)"]
    assert "shall not be disclosed by the social media company" in \
        clips[section.items[2].clip_id].text
    panel.undo_stack.undo()  # the brief, the section, the line and both quotes go together
    assert ops_briefs.list_briefs(session) == []


def test_adding_all_changes_is_one_undo_step(view, panel, session):
    draft, notified = _ids(session)
    view.load_documents([draft, notified])
    view.compare()
    cmd = view.add_table()
    assert cmd is not None and panel.undo_stack.count() == 1
    [summary] = ops_briefs.list_briefs(session)
    changed = view.comparison.changed()
    with_both = sum(1 for p in changed if p.earlier is not None and p.later is not None)
    assert summary.quotes >= with_both * 2 + (len(changed) - with_both)
    panel.undo_stack.undo()
    assert ops_briefs.list_briefs(session) == []
    panel.undo_stack.redo()
    assert ops_briefs.list_briefs(session)[0].quotes == summary.quotes


def test_export_writes_the_table_and_asks_before_replacing(view, session, tmp_path,
                                                           monkeypatch):
    view.show_comparison(every_kind(*_ids(session)))
    out = tmp_path / "changes.docx"
    view.export_to(out)
    assert out.is_file() and out.read_bytes()[:2] == b"PK"
    out.write_bytes(b"the user's own file")
    asked: list[Path] = []
    monkeypatch.setattr(view, "ask_replace", lambda p: asked.append(p) or False)
    view.export_to(out)
    assert asked == [out] and out.read_bytes() == b"the user's own file"
    monkeypatch.setattr(view, "ask_replace", lambda p: asked.append(p) or True)
    view.export_to(out)
    assert len(asked) == 2 and out.read_bytes()[:2] == b"PK"


def test_library_menu_compares_the_two_documents_selected(window, qtbot, session):
    draft, notified = _ids(session)
    action = window.actions_by_name["compare"]
    library_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Library")
    assert action in library_menu.actions()
    window.library.select_ids([notified, draft])  # in either order: the older is "earlier"
    assert action in window.library.context_menu().actions()
    action.trigger()
    view = window.compare_window
    qtbot.waitUntil(lambda: view.comparison is not None, timeout=20000)
    assert view.isVisible() and view.model.rowCount() > 5
    assert (view.comparison.earlier_id, view.comparison.later_id) == (draft, notified)
    view.table.selectRow(0)
    with qtbot.waitSignal(window.reader.documentLoaded, timeout=20000):
        view.open_side("later")  # the notified Rules open in the Reader at the provision
    assert window.reader.current_document() == notified


def test_the_likely_pair_is_the_selection_or_two_versions_of_one_title(session):
    draft, notified = _ids(session)
    others = [d.id for d in session.catalog().documents() if d.id not in (draft, notified)]
    assert ops_compare.suggest_pair(session) == (draft, notified)
    assert ops_compare.suggest_pair(session, [notified]) == (draft, notified)
    assert ops_compare.suggest_pair(session, [notified, draft]) == (draft, notified)
    # two documents chosen by the user are compared whatever their titles (older first)
    a, b = others[:2]
    assert set(ops_compare.suggest_pair(session, [a, b])) == {a, b}
    assert ops_compare.suggest_pair(session, [others[0]]) is None  # no other version
    assert ops_compare.title_key("Draft Social Media (Online Harms) Rules, 2025") == \
        ops_compare.title_key("The Social Media (Online Harms) Rules, 2026")


def test_a_read_only_library_offers_no_adding(view, monkeypatch):
    monkeypatch.setattr(type(view.ctx), "readonly", property(lambda _self: True))
    view.show_comparison(every_kind())
    assert not view.add_pair_button.isEnabled() and not view.add_all_button.isEnabled()
    assert view.export_button.isEnabled()  # writing a Word file does not touch the library


def test_a_document_without_provisions_is_said_in_the_window(view, monkeypatch):
    dialogs: list = []
    monkeypatch.setattr(view.ctx, "show_dialog", lambda *a, **k: dialogs.append(a))

    def refuse(_session, a, _b):
        raise ops_compare.CompareError(f"#{a} Joint statement has no numbered provisions and "
                                       "no headings listed in a table of contents",
                                       reason="no_structure", details={"doc_id": a})

    monkeypatch.setattr(ops_compare, "compare_documents", refuse)
    view.show_comparison(every_kind())
    view.earlier.addItem("A", 1)
    view.later.addItem("B", 2)
    view.choose(1, 2)
    view.compare()
    assert "cannot be compared: #1 Joint statement has no numbered provisions" in \
        view.summary.text()
    assert dialogs == [] and view.comparison is None and view.model.rowCount() == 0
    assert not view.export_button.isEnabled()


def test_two_versions_with_one_title_are_told_apart_by_year(view):
    c = every_kind(5, 6)
    from dataclasses import replace

    c = replace(c, earlier_title="Bing Systemic Risk Assessment Report",
                later_title="Bing Systemic Risk Assessment Report")
    view.earlier.addItem("Bing Systemic Risk Assessment Report (2023)", 5)
    view.later.addItem("Bing Systemic Risk Assessment Report (2024)", 6)
    view.show_comparison(c)
    assert "(2023)</b> → <b>Bing Systemic Risk Assessment Report (2024)" in view.summary.text()
    assert view.model.headerData(EARLIER, Qt.Orientation.Horizontal).endswith("(2023)")
    assert view.model.headerData(LATER, Qt.Orientation.Horizontal).endswith("(2024)")


def test_every_control_has_its_own_access_key_and_escape_closes(view, qtbot):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [w.text() for w in view.findChildren(QAbstractButton) if w.text()]  # (not the
    # table's corner button)
    texts += [w.text() for w in view.findChildren(QLabel) if w.buddy() is not None]
    keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(keys) == len(texts) == 10 and len(set(keys)) == len(keys), texts
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_a_version_removed_after_comparing_adds_nothing_and_says_why(view, panel, session,
                                                                    ctx, monkeypatch):
    from briefer.core.ops import documents as docs_ops

    draft, notified = _ids(session)
    view.load_documents([draft, notified])
    view.compare()
    reported: list[BaseException] = []
    monkeypatch.setattr(ctx, "report_error", lambda exc, **_k: reported.append(exc))
    docs_ops.remove_documents(session, [draft], confirmed=True)
    ctx.libraryChanged.emit()  # the lists follow; the comparison shown stays
    assert view.earlier.findData(draft) == -1 and view.comparison is not None
    row = next(r for r in range(view.model.rowCount()) if view.model.pair(r).key == "5(3)")
    view.table.selectRow(row)
    assert view.add_pair() is None
    assert [getattr(e, "reason", "") for e in reported] == ["document_not_found"]
    assert ops_briefs.list_briefs(session) == [] and panel.undo_stack.count() == 0


def test_a_new_version_of_a_file_is_compared_with_the_version_it_replaced(view, session,
                                                                         tmp_path):
    from briefer.core.ops import documents as docs_ops
    from tests.pdfgen import make_rules_pdf

    path = tmp_path / "rules.pdf"
    make_rules_pdf(path, first_printed=11)
    [first] = docs_ops.add_files(session, [str(path)]).outcomes
    make_rules_pdf(path, first_printed=21)  # the same file, changed: a new version
    [second] = docs_ops.add_files(session, [str(path)]).outcomes
    assert second.outcome == "new_version"
    old, new = first.doc_id, second.doc_id
    assert session.catalog().document(old).status == "superseded"
    assert ops_compare.suggest_pair(session, [new]) == (old, new)
    assert view.load_documents([new]) == (old, new)
    assert view.chosen() == (old, new)  # the replaced version is offered too
    assert view.earlier.currentText().endswith("— replaced")
