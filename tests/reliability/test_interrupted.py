"""Interrupted work is reported and resumed (issue 16): an import and an OCR run killed
with SIGKILL half-way are named at the next start — what it was, when it started, how much
is left — with one action to continue it, and continuing finishes it.

Each run is a real subprocess held at a known point (its progress callback blocks on
stdin once some files are read, and says so on stdout), then killed with SIGKILL, its
workers with it (they are in its process group)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefer.core.ocr.ocr import tesseract_available
from briefer.core.ops import importing
from briefer.core.ops.session import Session
from tests import pdfgen
from tests.reliability.helpers import briefer, catalog_rows, env, make_pdfs

IMPORT_DRIVER = """
    import sys
    from pathlib import Path
    from briefer.core.ops import documents
    from briefer.core.ops.session import Session

    library, folder, hold_at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    session = Session.open(library, samples=False)

    def progress(p):
        if p.message == "Reading PDFs" and p.done >= hold_at:
            print("held", flush=True)
            sys.stdin.read()  # held here until killed

    documents.add_files(session, [folder], progress=progress, ocr=False, processes=1)
    print("finished", flush=True)
"""

OCR_DRIVER = """
    import sys
    from pathlib import Path
    from briefer.core.ops import ocr
    from briefer.core.ops.session import Session

    library = Path(sys.argv[1])
    session = Session.open(library, samples=False)

    def progress(p):
        if p.message.startswith("Reading scans") and p.done >= 1:
            print("held", flush=True)
            sys.stdin.read()  # held here until killed

    ocr.run_ocr(session, progress=progress, processes=1)
    print("finished", flush=True)
"""


def _run_until_held_then_kill(script: str, *args: str) -> None:
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script), *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env(),
                            start_new_session=True)
    try:
        line = proc.stdout.readline()  # the driver holds the work once it prints this
        assert line.strip() == "held", (line, proc.stderr.read() if proc.poll() is not None
                                        else "")
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the driver and its PDF workers
        except ProcessLookupError:
            pass
        proc.wait()
        proc.stdin.close()
        proc.stdout.close()
        proc.stderr.close()


def test_an_import_killed_half_way_is_reported_and_resumed(tmp_path):
    folder = tmp_path / "rules"
    make_pdfs(folder, 12, pages=2)
    lib = tmp_path / "lib"
    _run_until_held_then_kill(IMPORT_DRIVER, str(lib), str(folder), "5")
    imported = catalog_rows(lib, "SELECT COUNT(*) FROM documents")[0][0]
    assert imported < 12

    with Session.open(lib, samples=False) as session:
        found = importing.interrupted_work(session)
    assert len(found) == 1
    work = found[0]
    assert (work.kind, work.total, work.left) == ("import", 12, 12 - imported)
    assert work.description == "an import of 12 files from rules"
    assert sorted(Path(p).name for p in work.paths) == \
        sorted(f"doc{i:02}.pdf" for i in range(12))[imported:]
    assert work.started[:4].isdigit()

    # A command that writes says so in one line, with the action.
    out = briefer(lib, "meta", "1", "--tag", "kept")
    assert f"was interrupted: {12 - imported} of 12 files not imported yet" in out.stderr
    assert "`briefer add --resume` continues it" in out.stderr
    # Reading commands stay quiet.
    assert "interrupted" not in briefer(lib, "list").stderr

    out = briefer(lib, "add", "--resume", "--no-ocr")
    assert "Continuing an import of 12 files from rules" in out.stdout, out.stdout
    assert f"Imported {12 - imported} documents" in out.stdout, out.stdout
    assert catalog_rows(lib, "SELECT COUNT(*) FROM documents")[0][0] == 12
    assert not list((lib / "journal").glob("*.json"))
    out = briefer(lib, "meta", "1", "--tag", "again")
    assert "interrupted" not in out.stderr
    out = briefer(lib, "add", "--resume")
    assert "Nothing was interrupted" in out.stdout
    with Session.open(lib, samples=False) as session:
        assert importing.interrupted_work(session) == []
        lib_ = session.library()
        assert lib_.index.doc_ids() == {d.id for d in lib_.documents()}


def test_an_interrupted_import_can_be_forgotten(tmp_path):
    folder = tmp_path / "in"
    make_pdfs(folder, 6, pages=1)
    lib = tmp_path / "lib"
    _run_until_held_then_kill(IMPORT_DRIVER, str(lib), str(folder), "2")
    out = briefer(lib, "add", "--discard-interrupted", "--json")
    forgotten = json.loads(out.stdout)
    assert [w["kind"] for w in forgotten] == ["import"] and forgotten[0]["left"] > 0
    with Session.open(lib, samples=False) as session:
        assert importing.interrupted_work(session) == []
    assert "interrupted" not in briefer(lib, "meta", "1", "--tag", "x").stderr


def test_a_journal_whose_files_were_all_imported_is_not_reported(tmp_path):
    """Killed after the last document was recorded but before the journal went: nothing
    is left, so nothing is said (and the journal is cleared)."""
    folder = tmp_path / "in"
    make_pdfs(folder, 2, pages=1)
    lib = tmp_path / "lib"
    _run_until_held_then_kill(IMPORT_DRIVER, str(lib), str(folder), "2")
    with Session.open(lib, samples=False) as session:
        with session.writing() as library:  # what the killed run had left: recorded now
            library.import_paths([folder])
        journals = list((lib / "journal").glob("*.json"))
        assert len(journals) == 1  # the killed run's
        assert importing.interrupted_work(session) == []
    assert not list((lib / "journal").glob("*.json"))


@pytest.mark.skipif(not tesseract_available(), reason="Tesseract is not installed")
def test_an_ocr_run_killed_half_way_is_reported_and_resumed(tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    for i in range(3):
        pdfgen.make_scanned_pdf(folder / f"scan{i}.pdf",
                                [f"Scanned notice {i} page {p}: the committee met on "
                                 f"Tuesday." for p in range(2)])
    lib = tmp_path / "lib"
    with Session.open(lib, samples=False) as session:
        with session.writing() as library:
            library.import_paths([folder])  # no OCR yet: six pages wait
    _run_until_held_then_kill(OCR_DRIVER, str(lib))
    waiting = catalog_rows(lib, "SELECT COUNT(*) FROM pages WHERE needs_ocr = 1")[0][0]
    assert 0 < waiting < 6

    with Session.open(lib, samples=False) as session:
        found = importing.interrupted_work(session)
        assert [(w.kind, w.left) for w in found] == [("ocr", waiting)]
        assert found[0].description.startswith("OCR of ")
        assert found[0].documents == len({r[0] for r in catalog_rows(
            lib, "SELECT doc_id FROM pages WHERE needs_ocr = 1")})
    out = briefer(lib, "meta", "1", "--tag", "kept")
    assert f"was interrupted: {waiting} scanned pages still wait" in out.stderr
    out = briefer(lib, "add", "--resume")
    assert "Continuing OCR of" in out.stdout, out.stdout
    assert catalog_rows(lib, "SELECT COUNT(*) FROM pages WHERE needs_ocr = 1")[0][0] == 0
    with Session.open(lib, samples=False) as session:
        assert importing.interrupted_work(session) == []


def test_work_running_in_this_process_is_not_reported_as_interrupted(tmp_path):
    """The window asks at start and again later: its own import, running in another
    thread (held at a known point here), has a journal but is not interrupted."""
    import threading

    from briefer.core.ops import documents

    folder = tmp_path / "in"
    make_pdfs(folder, 3, pages=1)
    reading, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def progress(p) -> None:
        if p.message == "Reading PDFs" and p.done >= 1:
            reading.set()
            release.wait(120)

    with Session.open(tmp_path / "lib", samples=False) as session:
        def run() -> None:
            try:
                documents.add_files(session, [folder], progress=progress, ocr=False,
                                    processes=1)
            except BaseException as exc:  # reported by the test's thread
                errors.append(exc)
            finally:
                reading.set()

        t = threading.Thread(target=run)
        t.start()
        try:
            assert reading.wait(120)
            assert len(list((tmp_path / "lib" / "journal").glob("*.json"))) == 1
            assert importing.interrupted_work(session) == []
        finally:
            release.set()
            t.join(120)
        assert not errors, errors
        assert not list((tmp_path / "lib" / "journal").glob("*.json"))


IMPORT_WITH_OCR_DRIVER = """
    import sys
    from pathlib import Path
    from briefer.core.ops import documents
    from briefer.core.ops.session import Session

    library, folder = Path(sys.argv[1]), sys.argv[2]
    session = Session.open(library, samples=False)

    def progress(p):
        if p.message.startswith("Reading scans") and p.done >= 1:
            print("held", flush=True)
            sys.stdin.read()  # held here until killed

    documents.add_files(session, [folder], progress=progress, ocr=True, processes=1)
    print("finished", flush=True)
"""


@pytest.mark.skipif(not tesseract_available(), reason="Tesseract is not installed")
def test_an_import_killed_while_reading_its_scans_leaves_the_ocr_to_resume(tmp_path):
    """Every file was imported; the scans were being read: what is left is OCR."""
    folder = tmp_path / "scans"
    folder.mkdir()
    for i in range(2):
        pdfgen.make_scanned_pdf(folder / f"scan{i}.pdf",
                                [f"Scanned order {i} page {p}: the hearing is adjourned."
                                 for p in range(2)])
    lib = tmp_path / "lib"
    _run_until_held_then_kill(IMPORT_WITH_OCR_DRIVER, str(lib), str(folder))
    assert catalog_rows(lib, "SELECT COUNT(*) FROM documents")[0][0] == 2
    waiting = catalog_rows(lib, "SELECT COUNT(*) FROM pages WHERE needs_ocr = 1")[0][0]
    assert waiting > 0
    with Session.open(lib, samples=False) as session:
        found = importing.interrupted_work(session)
        assert [(w.kind, w.left, w.documents) for w in found] == [
            ("ocr", waiting, len({r[0] for r in catalog_rows(
                lib, "SELECT doc_id FROM pages WHERE needs_ocr = 1")}))]
        importing.resume_interrupted(session, found[0])
        assert importing.interrupted_work(session) == []
    assert catalog_rows(lib, "SELECT COUNT(*) FROM pages WHERE needs_ocr = 1")[0][0] == 0
    assert not list((lib / "journal").glob("*.json"))
