"""SIGKILL at 24 random moments during import, re-index, brief editing and export.

After every kill: the catalog passes SQLite's integrity check and opens; no document is
half-imported; the index agrees with the catalog (it is repaired on open); every brief
edit acknowledged before the kill is there, exactly once; the export target is either
the previous complete file or the new complete file, never a partial one."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from briefer.core.briefs.briefs import AddQuote, BriefStore, CommandStack, CreateBrief, CreateClip
from briefer.core.clips.clips import clip_text
from briefer.core.export.export import export_brief
from briefer.core.library import Library
from tests.reliability.helpers import env, make_pdfs

pytestmark = pytest.mark.slow

SEED_DOCS = 30
MORE_DOCS = 120
PAGES = 6


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.1)
    try:  # workers notice their parent is gone; make sure none lingers
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _start(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env(),
                            start_new_session=True)


def _count_documents(root: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{root / 'library.sqlite'}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def _check_library(root: Path) -> dict:
    db = sqlite3.connect(root / "library.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for doc_id, page_count, status in db.execute(
                "SELECT id, page_count, status FROM documents"):
            n = db.execute("SELECT COUNT(*) FROM pages WHERE doc_id = ?",
                           (doc_id,)).fetchone()[0]
            assert n == page_count == PAGES, f"document {doc_id} is half-imported"
    finally:
        db.close()
    with Library.open(root) as lib:
        docs = [d for d in lib.documents() if d.searchable]
        assert lib.index.doc_ids() == {d.id for d in docs}
        assert lib.index.page_count() == PAGES * len(docs)
        assert not lib.catalog.unindexed_ids()
        leftovers = [f for f in (root / "files").rglob(".import-*")]
        assert not leftovers, "temporary copy left behind"
        store = BriefStore(lib.catalog)
        bodies = [r[0] for r in lib.catalog.execute(
            "SELECT body FROM brief_items WHERE kind = 'text'")]
        return {"documents": len(docs), "bodies": bodies, "briefs": len(store.list())}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    base = tmp_path_factory.mktemp("crash")
    root = base / "lib"
    make_pdfs(base / "seed", SEED_DOCS, pages=PAGES)
    make_pdfs(base / "more", MORE_DOCS, pages=PAGES, word="subsidiarity")
    with Library.open(root) as lib:
        lib.import_paths([base / "seed"], ocr=False)
        store = BriefStore(lib.catalog)
        stack = CommandStack(store)
        create = stack.push(CreateBrief("Crash brief", sections=["Quotes", "Edits"]))
        bid = int(create.brief_id)
        brief = store.get(bid)
        quotes = brief.sections[0].id
        for doc in lib.documents():  # 180 quotes: an export takes a while
            for page in lib.catalog.pages(doc.id):
                clip = clip_text(lib.catalog, doc, page, "National Coordinator may order")
                cid = stack.push(CreateClip(clip)).clip_id
                stack.push(AddQuote(bid, quotes, int(cid), "Lead-in:", "Comment."))
    return {"base": base, "root": root, "brief_id": bid, "edits_section": brief.sections[1].id}


def _unindexed(root: Path) -> int:
    db = sqlite3.connect(root / "library.sqlite", timeout=5)
    try:
        return db.execute("SELECT COUNT(*) FROM documents WHERE indexed = 0").fetchone()[0]
    except sqlite3.OperationalError:  # locked for a moment by the writer
        return 0
    finally:
        db.close()


def test_kills_during_import_reindex_editing_and_export(seeded):
    rng = random.Random(20260128)
    root, base, bid = seeded["root"], seeded["base"], seeded["brief_id"]
    kills = {"import": 0, "reindex": 0, "edit": 0, "export": 0}
    t_start = time.monotonic()

    # --- import: each run imports what is still missing
    counts = [SEED_DOCS]
    for _ in range(6):
        proc = _start(["-m", "briefer", "--library", str(root), "add", str(base / "more"),
                       "--no-ocr"])
        # Kill once a few more documents are in (whatever the machine's speed), at a
        # random moment of the next document's recording.
        target = counts[-1] + rng.randint(2, 12)
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if _count_documents(root) >= target:
                break
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.05))
        _kill(proc)
        kills["import"] += 1
        counts.append(_check_library(root)["documents"])
    counts = counts[1:]
    assert counts == sorted(counts), counts  # a finished document survives every later kill
    assert any(SEED_DOCS < c < SEED_DOCS + MORE_DOCS for c in counts), \
        f"no kill landed during an import: {counts}"

    # --- re-index: the index is thrown away and rebuilt; a kill leaves it to the next open
    mid_reindex = 0
    for _ in range(5):
        proc = _start(["-m", "briefer", "--library", str(root), "reindex"])
        # Kill at a random moment after the rebuild has begun (documents marked
        # unindexed), whatever the machine's speed at starting Python.
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if _unindexed(root):
                break
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.3))
        _kill(proc)
        kills["reindex"] += 1
        db = sqlite3.connect(root / "library.sqlite")
        mid_reindex += db.execute("SELECT COUNT(*) FROM documents WHERE indexed = 0"
                                  ).fetchone()[0] > 0
        db.close()
        assert _check_library(root)["documents"] == counts[-1]

    assert mid_reindex, "no kill landed during a re-index"

    # --- brief editing: every acknowledged edit survives, none is doubled or half-done
    editor = base / "editor.py"
    editor.write_text(textwrap.dedent(f"""
        import sys
        from briefer.core.library import Library
        from briefer.core.briefs.briefs import (BriefStore, CommandStack, AddCommentary, MoveItem,
                                         RenameSection)
        lib = Library.open(sys.argv[1])
        store = BriefStore(lib.catalog)
        stack = CommandStack(store)
        tag = sys.argv[2]
        sid = {seeded["edits_section"]}
        for k in range(100000):
            cmd = stack.push(AddCommentary({bid}, sid, f"{{tag}}-{{k}}"))
            stack.push(RenameSection({bid}, sid, f"Edits {{tag}}-{{k}}"))
            if k % 4 == 3:  # move it to the top and back: positions must stay whole
                stack.push(MoveItem({bid}, cmd.item_id, sid, 0))
                stack.undo()
            print(k, flush=True)
    """))
    for attempt in range(7):
        tag = f"run{attempt}"
        proc = _start([str(editor), str(root), tag])
        time.sleep(rng.uniform(0.6, 2.0))
        _kill(proc)
        acked = [int(x) for x in proc.stdout.read().split()]
        kills["edit"] += 1
        state = _check_library(root)
        mine = [b for b in state["bodies"] if b.startswith(tag + "-")]
        last = max(acked) if acked else -1
        for k in range(last + 1):
            assert mine.count(f"{tag}-{k}") == 1, f"acknowledged edit {tag}-{k} lost"
        assert len(mine) in (last + 1, last + 2), "an edit appeared twice or from nowhere"
        with Library.open(root) as lib:
            brief = BriefStore(lib.catalog).get(bid)
            for s in brief.sections:  # positions 0..n-1, no gaps or duplicates
                rows = lib.catalog.execute("SELECT position FROM brief_items WHERE "
                                           "section_id = ? ORDER BY position",
                                           (s.id,)).fetchall()
                assert [r[0] for r in rows] == list(range(len(rows)))
            heading = brief.sections[1].heading
            if acked:
                assert heading in (f"Edits {tag}-{last}", f"Edits {tag}-{last + 1}")

    # --- export: the target is the old complete file or a new complete one
    target = base / "out" / "brief.docx"
    target.parent.mkdir()
    with Library.open(root) as lib:
        export_brief(lib.catalog, bid, target)
    with zipfile.ZipFile(target) as z:
        expected = z.read("word/document.xml").decode("utf-8").count("National Coordinator")
    assert expected >= SEED_DOCS * PAGES
    exporter = base / "exporter.py"
    exporter.write_text(textwrap.dedent(f"""
        import sys
        from briefer.core.library import Library
        from briefer.core.export.export import export_brief
        lib = Library.open(sys.argv[1], readonly_if_busy=True)
        for k in range(100000):
            export_brief(lib.catalog, {bid}, sys.argv[2])
            print(k, flush=True)
    """))
    exported = 0
    for _ in range(6):
        proc = _start([str(exporter), str(root), str(target)])
        # held at a known point: one export finished (a busy machine may take seconds to
        # get there), then killed at a random moment of the ones after it
        first = proc.stdout.readline()
        assert first.strip(), "the exporter ended without finishing an export"
        time.sleep(rng.uniform(0.0, 1.5))
        _kill(proc)
        exported += 1 + len(proc.stdout.read().split())
        kills["export"] += 1
        with zipfile.ZipFile(target) as z:  # a whole .docx: every part there and readable
            assert z.testzip() is None
            xml = z.read("word/document.xml").decode("utf-8")
        assert xml.count("National Coordinator") == expected
        others = [p.name for p in target.parent.iterdir() if p != target]
        assert all(n.startswith(".brief.docx.") and n.endswith(".part") for n in others), \
            others
    assert exported > 0, "no export finished between kills"
    _check_library(root)
    total = sum(kills.values())
    print(f"{total} kill points {kills} in {time.monotonic() - t_start:.0f} s; "
          f"documents after import kills {counts}; kills mid-reindex {mid_reindex}; "
          f"exports finished between kills {exported}")
    assert total >= 20
