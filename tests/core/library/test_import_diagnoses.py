"""An import says what really happened (issue 16): a folder that cannot be read is named
with its reason (exit 1), a password given for a folder does not shut out the PDFs that
open without one, the PDF libraries' jargon becomes plain words, a re-import of files
already there says so, and re-adding the original of a missing or damaged stored copy
puts the copy back."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from briefer.cli import main
from briefer.core.files.extract import extract_pdf
from briefer.core.files.results import plain_reason
from briefer.core.library import Library
from tests import pdfgen
from tests.reliability.helpers import make_pdfs

# What a reason must not look like: an exception's name, a PDF name, a Python repr.
JARGON = re.compile(r"[A-Za-z]+(Error|Exception)\b|/[A-Z][A-Za-z]+|\b[a-z_]+\(|Traceback|"
                    r"\bNone_\b|DictionaryObject|IndirectObject")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _unreadable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` unreadable: its mode for ordinary users, and listing it raises
    "permission denied" for root too (root reads any folder whatever its mode)."""
    folder.chmod(0)
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(os.fsdecode(path)).absolute() == folder.absolute():
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


@pytest.fixture
def restore_modes():
    folders: list[Path] = []
    yield folders
    for f in folders:
        f.chmod(0o755)


def test_a_folder_that_cannot_be_read_is_named_with_its_reason(tmp_path, monkeypatch,
                                                                restore_modes):
    top = tmp_path / "rules"
    make_pdfs(top, 1)
    locked = top / "private"
    make_pdfs(locked, 2)
    restore_modes.append(locked)
    _unreadable(locked, monkeypatch)
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths([top])
    assert rep.documents_added == 1
    assert [(o.path, o.outcome, o.reason) for o in rep.problems] == [
        (str(locked), "failed", "cannot be read: permission denied")]


def test_command_line_names_an_unreadable_folder_and_exits_1(tmp_path, capsys, monkeypatch,
                                                             restore_modes):
    folder = tmp_path / "locked"
    make_pdfs(folder, 2)
    restore_modes.append(folder)
    _unreadable(folder, monkeypatch)
    code, out, _ = run(capsys, "--library", str(tmp_path / "lib"), "add", str(folder),
                       "--no-ocr")
    assert code == 1, out
    assert f"{folder}: cannot be read: permission denied" in out
    assert "No new documents were added." in out


def test_a_path_that_does_not_exist_is_a_failure(tmp_path, capsys):
    code, out, _ = run(capsys, "--library", str(tmp_path / "lib"), "add",
                       str(tmp_path / "nowhere"), "--no-ocr")
    assert code == 1
    assert f"{tmp_path / 'nowhere'}: no such file or folder" in out


def test_a_file_that_cannot_be_opened_says_permission_denied(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    make_pdfs(folder, 2)
    target = folder / "doc01.pdf"
    real_open = open

    def guarded_open(file, *args, **kwargs):  # root opens any file whatever its mode
        if isinstance(file, (str, Path)) and Path(file) == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths([folder])
    assert rep.documents_added == 1
    assert [(o.outcome, o.reason) for o in rep.problems] == [
        ("failed", "cannot be read: permission denied")]


def test_a_folder_password_does_not_shut_out_files_that_need_none(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    pdfgen.make_owner_only_encrypted_pdf(folder / "a-permissions-only.pdf")
    pdfgen.make_encrypted_pdf(folder / "b-locked.pdf", "secret")
    pdfgen.make_text_pdf(folder / "c-plain.pdf", ["A plain statement of objections."])
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths([folder], password="secret")
        assert [(Path(o.path).name, o.outcome, o.status) for o in rep.outcomes] == [
            ("a-permissions-only.pdf", "added", "ok"), ("b-locked.pdf", "added", "ok"),
            ("c-plain.pdf", "added", "ok")]
        assert not rep.problems
        # and a wrong password still says so for the file that needs one
        other = tmp_path / "other"
        other.mkdir()
        pdfgen.make_encrypted_pdf(other / "d-locked.pdf", "right", pages=["Other secret."])
        rep = lib.import_paths([other], password="wrong")
        assert [(o.outcome, o.reason) for o in rep.outcomes] == [
            ("needs_password", "wrong password")]


def test_pdf_library_jargon_becomes_plain_words(tmp_path):
    from pypdf.errors import PdfReadError, PdfStreamError

    assert plain_reason(PdfReadError("Expected /Kids to be an array, got "
                                     "DictionaryObject.")) == \
        "the file is damaged: its page list cannot be read"
    assert plain_reason(PdfStreamError("Stream has ended unexpectedly")).startswith(
        "the file is incomplete")
    assert plain_reason(PdfReadError("startxref not found")).startswith("the file is damaged")
    assert plain_reason(ValueError("something no one foresaw")) == \
        "the file is damaged and cannot be read"
    # A page tree whose /Kids is not an array: pdfium reads it, pypdf does not.
    bad = tmp_path / "kids.pdf"
    _write_kids_not_array(bad)
    res = extract_pdf(bad, engine="pypdf")
    assert (res.status, res.reason) == ("failed",
                                        "the file is damaged: its page list cannot be read")
    assert any("Expected /Kids" in w for w in res.warnings)  # the raw text: the log's
    truncated = pdfgen.make_truncated_pdf(tmp_path / "cut.pdf").path
    res = extract_pdf(truncated)
    assert res.status == "failed" and not JARGON.search(res.reason), res.reason


def _write_kids_not_array(path: Path) -> None:
    content = b"BT /F1 12 Tf 72 720 Td (The page list of this file is broken.) Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids 3 0 R /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def test_importing_only_files_already_there_says_so(tmp_path, capsys):
    folder = tmp_path / "in"
    make_pdfs(folder, 3)
    lib = str(tmp_path / "lib")
    assert run(capsys, "--library", lib, "add", str(folder), "--no-ocr")[0] == 0
    code, out, _ = run(capsys, "--library", lib, "add", str(folder), "--no-ocr")
    assert code == 0
    assert "No new documents were added. 3 files were already in the library." in out
    assert "Imported" not in out
    code, out, _ = run(capsys, "--library", lib, "add", str(folder), "--no-ocr", "--json")
    data = json.loads(out)
    assert (data["documents_added"], data["already_in_library"], data["repaired"],
            data["not_imported"]) == (0, 3, 0, 0)


def test_re_adding_the_original_restores_a_missing_or_damaged_stored_copy(tmp_path, capsys):
    folder = tmp_path / "in"
    originals = make_pdfs(folder, 3)
    root = tmp_path / "lib"
    with Library.open(root) as lib:
        lib.import_paths([folder])
        docs = {Path(d.source_path).name: d for d in lib.documents()}
        missing = lib.file_path(docs["doc00.pdf"])
        damaged = lib.file_path(docs["doc01.pdf"])
        intact = lib.file_path(docs["doc02.pdf"])
    missing.unlink()
    damaged.write_bytes(damaged.read_bytes()[:100])  # same name, wrong size
    code, out, _ = run(capsys, "--library", str(root), "add", str(folder), "--no-ocr")
    assert code == 0, out
    assert out.count("restored the stored copy") == 2
    assert "No new documents were added. 1 file was already in the library. Restored the " \
           "stored copy of 2 documents." in out
    for stored, original in ((missing, originals[0]), (damaged, originals[1]),
                             (intact, originals[2])):
        assert stored.read_bytes() == original.read_bytes()
        assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    with Library.open(root) as lib:
        rep = lib.import_paths([originals[0]])
        assert [(o.outcome, o.doc_id) for o in rep.outcomes] == [
            ("duplicate", docs["doc00.pdf"].id)]
        # same size, other bytes: the hash tells
        damaged.write_bytes(bytes(len(originals[1].read_bytes())))
        rep = lib.import_paths([originals[1]])
        assert [(o.outcome, o.reason, o.doc_id) for o in rep.outcomes] == [
            ("repaired", "restored the stored copy", docs["doc01.pdf"].id)]
        assert rep.repaired == 1 and rep.documents_added == 0 and not rep.problems
        assert damaged.read_bytes() == originals[1].read_bytes()
        log = lib.catalog.import_log(1)[0]
        assert (log["outcome"], log["doc_id"]) == ("repaired", docs["doc01.pdf"].id)


EMPTY_USER_PASSWORD = ("empty_protected.pdf", "issue7665.pdf", "secHandler.pdf",
                       "pr6531_2.pdf", "encryption__r2-empty-password.pdf",
                       "encryption__r3-empty-password.pdf",
                       "encryption__r5-empty-password.pdf",
                       "encryption__r6-empty-password.pdf")


def test_every_reason_over_the_robustness_corpus_is_plain(tmp_path, corpus):
    """The whole robustness corpus, imported with a password for the folder (as a user
    with one locked file among many would): every reason is plain words, and the files
    encrypted with an empty user password are imported, not refused as 'wrong password'."""
    folder = corpus / "robustness"
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths([folder], password="asdfzxcv", processes=2)
    assert rep.documents_added > 150
    by_name = {Path(o.path).name: o for o in rep.outcomes}
    for name in EMPTY_USER_PASSWORD:
        if name in by_name:
            assert by_name[name].outcome == "added", (name, by_name[name].reason)
    plain = [(Path(o.path).name, o.reason) for o in rep.outcomes if o.reason]
    assert plain
    for name, reason in plain:
        assert not JARGON.search(reason), (name, reason)
        assert len(reason) < 200 and "\n" not in reason, (name, reason)
