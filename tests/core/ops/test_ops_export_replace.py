"""ops.export never replaces an existing file unless asked (``overwrite=True``): reason
``file_exists``, the file untouched, nothing written."""

from __future__ import annotations

import pytest

from briefer.core.errors import BrieferError
from briefer.core.ops import briefs as ob
from briefer.core.ops import export as oe
from tests.core.ops.rules_library import session, template_lib  # noqa: F401


@pytest.fixture
def brief_id(session):
    b = ob.create_brief(session, "Our concerns", sections=["Analysis"])
    ob.add_commentary(session, b.brief_id, b.section_ids[0], "The Rules are **vague**.")
    return b.brief_id


@pytest.mark.parametrize("name", ["b.docx", "b.md", "b.json"])
def test_an_existing_file_is_not_replaced_without_overwrite(session, brief_id, tmp_path,
                                                           name):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / name
    out.write_bytes(b"last week's edited export")
    with pytest.raises(BrieferError) as err:
        oe.export_brief(session, brief_id, out)
    assert err.value.reason == "file_exists"
    assert err.value.details["path"] == str(out)
    assert "already exists" in str(err.value) and "nothing was written" in str(err.value)
    assert out.read_bytes() == b"last week's edited export"
    assert [p.name for p in out.parent.iterdir()] == [name]  # no temporary file left
    res = oe.export_brief(session, brief_id, out, overwrite=True)
    assert res.path == out and out.read_bytes() != b"last week's edited export"


def test_a_folder_is_not_a_target(session, brief_id, tmp_path):
    folder = tmp_path / "b.docx"
    folder.mkdir()
    for overwrite in (False, True):
        with pytest.raises(BrieferError) as err:
            oe.export_brief(session, brief_id, folder, overwrite=overwrite)
        assert err.value.reason == "invalid_target"
    assert folder.is_dir()
