"""Exporting from the window onto a full disk: the dialog says the disk is full in the
command line's words, nothing half-written is left, the brief is unchanged, and the same
export works once there is room (a small tmpfs; needs root, skipped otherwise)."""

from __future__ import annotations

import os

from tests.reliability.test_full_disk import tmpfs
from tests.ui.test_export_replace import dialog  # noqa: F401 (fixture)


def test_an_export_onto_a_full_disk_says_so_and_leaves_nothing(dialog, tmp_path,  # noqa: F811
                                                               ctx, session) -> None:
    from briefer.core.ops import briefs as ops_briefs

    before = [b.title for b in ops_briefs.list_briefs(session)]
    with tmpfs(tmp_path / "small", "1m") as mnt:
        filler = mnt / "filler"
        st = os.statvfs(mnt)
        filler.write_bytes(b"\0" * (st.f_bavail * st.f_frsize - 8192))  # leave 8 KB
        out = mnt / "brief.docx"
        dialog.path.setText(str(out))
        dialog.export_button.click()
        said = " ".join([dialog.summary.text(), *(n.text for n in ctx.notices)])
        assert "disk is full" in said, said
        assert "unexpected" not in said.lower()
        assert dialog.result is None
        assert sorted(p.name for p in mnt.iterdir()) == ["filler"]  # no file, no .part
        assert [b.title for b in ops_briefs.list_briefs(session)] == before
        filler.unlink()
        dialog.export_button.click()
        assert dialog.result is not None and out.read_bytes()[:2] == b"PK"
