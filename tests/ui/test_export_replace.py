"""The window's export dialog never replaces an existing file silently: whatever the path
(the default name or one typed), it asks "Replace" / "Cancel" (Cancel the default); a
file chosen with Browse… was confirmed by the file dialog and is not asked about again."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: E402

from tests.ui.conftest import shown  # noqa: E402
from briefer.ui.brief import BriefPanel  # noqa: E402
from tests.ui.test_brief_panel import _selection  # noqa: E402

OLD = b"edited in Word last week"


@pytest.fixture
def dialog(qtbot, ctx, session):
    panel = shown(qtbot, BriefPanel(ctx), 420, 700)
    panel.quote_selection(_selection(session, "blocking"))
    panel.export_current()
    dlg = panel.export_dialog
    assert dlg.report is not None and dlg.report.ok
    return dlg


class Answer:
    """Stands in for the user at the question box: clicks ``button`` ("Replace" or
    "Cancel") and remembers what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, button: str) -> None:
        self.asked: list[tuple[str, str]] = []
        self.button = button
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))

    def _exec(self, box: QMessageBox) -> int:
        texts = {b.text().replace("&", ""): b for b in box.buttons()}
        self.asked.append((box.text(), box.defaultButton().text().replace("&", "")))
        texts[self.button].click()
        return 0


@pytest.mark.parametrize("typed", [False, True])
def test_an_existing_file_is_replaced_only_when_the_user_says_so(dialog, tmp_path,
                                                                monkeypatch, typed) -> None:
    if typed:  # a path typed into the field
        out = tmp_path / "typed name.docx"
        dialog.path.setText(str(out))
    else:  # the default name, in the folder the dialog suggests
        out = dialog.target()
        monkeypatch.setattr(dialog, "target", lambda: tmp_path / out.name)
        out = tmp_path / out.name
    out.write_bytes(OLD)
    no = Answer(monkeypatch, "Cancel")
    dialog.export_button.click()
    assert no.asked == [(f"“{out.name}” already exists in {out.parent}.", "Cancel")]
    assert out.read_bytes() == OLD and dialog.result is None
    assert "Nothing was written" in dialog.summary.text()
    assert dialog.export_button.isEnabled()
    yes = Answer(monkeypatch, "Replace")
    dialog.export_button.click()
    assert len(yes.asked) == 1
    assert dialog.result is not None and out.read_bytes()[:2] == b"PK"


def test_a_file_confirmed_in_browse_is_not_asked_about_again(dialog, tmp_path,
                                                             monkeypatch) -> None:
    out = tmp_path / "chosen.docx"
    out.write_bytes(OLD)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    never = Answer(monkeypatch, "Cancel")
    dialog._browse()
    dialog.export_button.click()
    assert never.asked == []
    assert dialog.result is not None and out.read_bytes()[:2] == b"PK"
