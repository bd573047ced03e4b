"""The Brief panel reads its brief again only when the brief or its clips changed (the
core's stamp), and then changes only the rows that changed: library changes that leave the
brief alone (an import, another brief's edit) cause no read and no model reset; an item
added elsewhere is inserted in place; a reordered section resets."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.ui.conftest import shown  # noqa: E402
from briefer.core.ops import briefs as ops_briefs  # noqa: E402
from briefer.ui.brief import BriefPanel  # noqa: E402
from briefer.ui.brief.outline import ID_ROLE  # noqa: E402
from tests.ui.test_brief_panel import _selection  # noqa: E402


@pytest.fixture
def panel(qtbot, ctx):
    return shown(qtbot, BriefPanel(ctx), 420, 700)


class Counter:
    def __init__(self, panel: BriefPanel, monkeypatch: pytest.MonkeyPatch) -> None:
        self.resets = self.inserted = self.removed = self.reads = 0
        self.changed: list[int] = []
        m = panel.model
        m.modelAboutToBeReset.connect(lambda: self._add("resets"))
        m.rowsInserted.connect(lambda *_a: self._add("inserted"))
        m.rowsRemoved.connect(lambda *_a: self._add("removed"))
        m.dataChanged.connect(lambda a, _b, _r=None: self.changed.append(a.row()))
        real = ops_briefs.get_brief

        def counted(*args, **kwargs):
            self.reads += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(ops_briefs, "get_brief", counted)

    def _add(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)


def test_no_read_and_no_reset_while_the_brief_is_unchanged(panel, monkeypatch) -> None:
    session = panel.ctx.session
    panel.quote_selection(_selection(session, "blocking"))
    second = panel.quote_selection(_selection(session, "emergency"))
    count = Counter(panel, monkeypatch)
    panel.ctx.notify()  # something else changed (an import, say)
    other = ops_briefs.create_brief(session, "Another", sections=["S"])
    ops_briefs.add_commentary(session, other.brief_id, other.section_ids[0], "elsewhere")
    panel.ctx.notify()
    assert (count.reads, count.resets, count.changed) == (0, 0, [])
    assert panel.current_brief_id() != other.brief_id  # the shown brief stays
    assert panel.tree.currentIndex().data(ID_ROLE) == second


def test_an_outside_edit_changes_only_its_rows(panel, monkeypatch) -> None:
    session = panel.ctx.session
    first = panel.quote_selection(_selection(session, "blocking"))
    second = panel.quote_selection(_selection(session, "emergency"))
    brief_id = panel.current_brief_id()
    section = ops_briefs.get_brief(session, brief_id).sections[0]
    count = Counter(panel, monkeypatch)
    # another window (or the command line) adds commentary between the two quotes
    text = ops_briefs.add_commentary(session, brief_id, section.id, "Between them.", 1)
    panel.ctx.notify()
    assert (count.resets, count.inserted, count.removed) == (0, 1, 0)
    parent = panel.model.index(0, 0)
    rows = [panel.model.index(r, 0, parent).data(ID_ROLE) for r in range(3)]
    assert rows == [first, text.item_id, second]
    assert panel.tree.isExpanded(parent)
    assert panel.tree.currentIndex().data(ID_ROLE) == second  # the current node stays
    # a clip's note edited elsewhere: that row is updated, nothing else
    count.changed.clear()
    ops_briefs.edit_item(session, brief_id, first, note="check para 3")
    panel.ctx.notify()
    assert (count.resets, count.changed) == (0, [0])
    assert panel.model.clips[panel.current_brief().sections[0].items[0].clip_id].note == \
        "check para 3"
    # removed elsewhere: one row goes
    ops_briefs.remove_item(session, brief_id, text.item_id)
    panel.ctx.notify()
    assert (count.resets, count.removed) == (0, 1)
    assert panel.model.rowCount(parent) == 2
    # sections reordered: the outline is rebuilt (and expanded again)
    extra = ops_briefs.add_section(session, brief_id, "First now", 0)
    panel.ctx.notify()
    assert count.resets == 1
    assert panel.model.index(0, 0).data(ID_ROLE) == extra.section_id
    assert panel.tree.isExpanded(panel.model.index(1, 0))
