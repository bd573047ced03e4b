"""A stored PDF deleted from files/ does not go unnoticed: the check at open records it,
list, show and info say it, `briefer check` names it (by its original file name, with the
quotes that depend on it) and says how to repair it, and verification before export
reports the quote instead of "All quotes match"."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from briefer.core.ops import documents as docs_ops
from briefer.core.ops import export as export_ops
from briefer.core.ops.session import Session
from tests.reliability.helpers import briefer, build_library


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    base = tmp_path_factory.mktemp("missing")
    info = build_library(base / "lib", base / "pdfs", n=2)  # doc 1 is quoted in the brief
    return base, info


@pytest.fixture
def lib_dir(made, tmp_path):
    base, _ = made
    dest = tmp_path / "lib"
    shutil.copytree(base / "lib", dest)
    return dest


def _stored_copy(root: Path, doc_id: int) -> Path:
    db = sqlite3.connect(f"file:{root / 'library.sqlite'}?mode=ro", uri=True)
    sha = db.execute("SELECT sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    db.close()
    return root / "files" / sha[:2] / f"{sha}.pdf"


def test_a_deleted_stored_pdf_is_named_everywhere_with_its_repair(made, lib_dir):
    base, info = made
    copy = _stored_copy(lib_dir, 1)
    original = copy.read_bytes()
    copy.unlink()

    with Session.open(lib_dir) as s:
        assert s.missing_stored == [1]
        assert any("1 stored PDF is missing" in n for n in docs_ops.open_notes(s))
        rows = {r.id: r for r in docs_ops.list_documents(s)}
        assert rows[1].document.stored_missing and rows[1].status_text == "stored PDF missing"
        assert docs_ops.status_label(rows[1].document) == "Stored PDF missing"
        assert not rows[2].document.stored_missing and rows[2].status_text == "ok"
        detail = docs_ops.document_detail(s, 1)
        assert detail.stored_missing and "Add the original file again" in detail.status_text
        check = docs_ops.check_library(s)
        assert not check.ok
        [gone] = check.missing
        assert gone.document.file_name == "doc00.pdf" and gone.quotes == 1 and gone.clips == 1
        report = export_ops.verify_brief(s, int(info["brief_id"]))
        assert not report.ok
        assert [p.kind for p in report.problems] == ["pdf_missing"]
        assert "All" not in report.text() and "missing" in report.text()

    out = briefer(lib_dir, "check", check=1)
    assert "doc00.pdf" in out.stdout and "briefer add" in out.stdout, out.stdout
    assert "1 quote" in out.stdout and "Our concerns" in out.stdout
    data = json.loads(briefer(lib_dir, "check", "--json", check=1).stdout)
    assert [m["file_name"] for m in data["missing"]] == ["doc00.pdf"]
    assert "stored PDF missing" in briefer(lib_dir, "list").stdout
    listed = json.loads(briefer(lib_dir, "list", "--json").stdout)
    assert [d["stored_missing"] for d in listed] == [True, False]
    assert "stored PDF is missing" in briefer(lib_dir, "show", "1").stdout
    assert "stored PDF is missing" in briefer(lib_dir, "info").stdout
    out = briefer(lib_dir, "brief", "show", info["brief_id"], "--verify", check=5)
    assert "missing" in out.stdout + out.stderr
    assert "All 1 quotes match" not in out.stdout
    briefer(lib_dir, "brief", "export", info["brief_id"], "-o", str(lib_dir.parent / "b.docx"),
            check=5)
    assert not (lib_dir.parent / "b.docx").exists()

    # The copy put back (as adding the original again does): the library is whole again.
    copy.write_bytes(original)
    out = briefer(lib_dir, "check")
    assert "whole" in out.stdout
    briefer(lib_dir, "brief", "show", info["brief_id"], "--verify")


def test_briefer_check_on_a_whole_library(lib_dir):
    out = briefer(lib_dir, "check")
    assert "The library is whole: 2 documents" in out.stdout
