"""Backup benchmark: what a backup of a large library costs, before and after lean backups.

Builds a temporary library catalog with ``--pages`` synthetic pages (default 20,000 in
documents of 100 pages, about 4.7 KB of text a page — the size per page of the 100,000-page
library of issue 16) and a brief with a few hundred clips, then times:

* the old backup: a full copy of the catalog with SQLite's backup API, checked with
  ``PRAGMA quick_check`` and synced (what ``make_backup`` did before);
* the first lean backup (the side file ``page-text.sqlite`` is filled with every page's
  text once);
* a lean backup after a metadata edit and a brief edit (the usual case);
* ``backup_if_due`` when nothing changed (the window calls it after every change).

Sizes are the backup file and the side file. Medians of ``--runs`` runs; printed, not
asserted.

    python bench/backup_bench.py [--pages 20000] [--runs 5]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefer.core.catalog import backup  # noqa: E402
from briefer.core.catalog.catalog import Catalog  # noqa: E402
from briefer.core.catalog.records import now_iso  # noqa: E402

WORDS = ("authority order content platform user data warrant removal blocking review appeal "
         "notice company officer register information traffic subscriber emergency grounds "
         "proportionate necessary lawful public interest account access service").split()


def _page(rng: random.Random, size: int = 4700) -> str:
    out: list[str] = []
    n = 0
    while n < size:
        w = rng.choice(WORDS)
        out.append(w)
        n += len(w) + 1
    return " ".join(out)


def build(root: Path, pages: int, per_doc: int = 100) -> None:
    rng = random.Random(16)
    root.mkdir(parents=True, exist_ok=True)
    cat = Catalog(root / backup.CATALOG_NAME)
    for d in range(max(1, pages // per_doc)):
        texts = [_page(rng) for _ in range(per_doc)]
        sha = hashlib.sha256(f"doc{d}".encode()).hexdigest()
        cat.insert_document(sha256=sha, file_name=f"doc{d}.pdf", source_path=None,
                            size=1000, status="ok", title=f"Document {d}",
                            pages=[(i, str(i + 1), "index", t, False)
                                   for i, t in enumerate(texts)])
    ts = now_iso()
    with cat.transaction() as db:
        db.execute("INSERT INTO briefs (uid, title, created_at, updated_at) VALUES "
                   "('b1', 'Brief', ?, ?)", (ts, ts))
        db.execute("INSERT INTO brief_sections (brief_id, position, heading) VALUES "
                   "(1, 0, 'Background')")
        for k in range(300):
            doc = 1 + k % max(1, pages // per_doc)
            db.execute("INSERT INTO clips (uid, doc_id, doc_sha256, page_index, page_label, "
                       "label_source, start, \"end\", text, display_text, created_at, "
                       "updated_at) VALUES (?, ?, '', 0, '1', 'index', 0, 40, ?, ?, ?, ?)",
                       (f"c{k}", doc, "x" * 40, "x" * 40, ts, ts))
            db.execute("INSERT INTO brief_items (section_id, position, kind, clip_id) "
                       "VALUES (1, ?, 'quote', ?)", (k, k + 1))
    cat.close()


def old_backup(root: Path) -> tuple[float, int]:
    """The full copy made before lean backups."""
    out = root / "old-backup.sqlite"
    t0 = time.perf_counter()
    src = sqlite3.connect(str(root / backup.CATALOG_NAME))
    dst = sqlite3.connect(str(out))
    src.backup(dst)
    dst.execute("PRAGMA journal_mode = DELETE")
    assert backup.check_connection(dst) is None
    dst.close()
    src.close()
    with open(out, "rb+") as f:
        os.fsync(f.fileno())
    took = time.perf_counter() - t0
    size = out.stat().st_size
    out.unlink()
    return took, size


def edit(root: Path, k: int) -> None:
    cat = Catalog(root / backup.CATALOG_NAME)
    cat.update_metadata(1 + k, {"title": f"Edited {k}"})
    with cat.transaction() as db:
        db.execute("UPDATE brief_sections SET heading = ? WHERE id = 1", (f"Background {k}",))
    cat.close()


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "lib"
        t0 = time.perf_counter()
        build(root, args.pages)
        size = (root / backup.CATALOG_NAME).stat().st_size
        print(f"catalog: {args.pages} pages, {mb(size)} (built in "
              f"{time.perf_counter() - t0:.1f} s); load {os.getloadavg()[0]:.1f}")

        olds = [old_backup(root) for _ in range(args.runs)]
        print(f"old full backup:        {statistics.median(t for t, _ in olds):6.2f} s  "
              f"{mb(olds[0][1])} per backup")

        firsts = []
        for _ in range(max(1, args.runs // 2)):
            shutil.rmtree(backup.backup_dir(root), ignore_errors=True)
            t0 = time.perf_counter()
            info = backup.make_backup(root / backup.CATALOG_NAME, root)
            firsts.append((time.perf_counter() - t0, info.size,
                           backup.side_file(root).stat().st_size))
        print(f"first lean backup:      {statistics.median(t for t, _, _ in firsts):6.2f} s  "
              f"{mb(firsts[0][1])} + side file {mb(firsts[0][2])} (once)")

        # Documents of a real library were added more than a few seconds before; a copy
        # made within the second of a document's change is checked again once (see
        # backup._record_texts), which is not what is measured here.
        time.sleep(2.5)
        backup.make_backup(root / backup.CATALOG_NAME, root)
        later = []
        for k in range(args.runs):
            edit(root, k)
            t0 = time.perf_counter()
            info = backup.make_backup(root / backup.CATALOG_NAME, root)
            later.append((time.perf_counter() - t0, info.size))
        side = backup.side_file(root).stat().st_size
        print(f"lean backup after edits:{statistics.median(t for t, _ in later):6.2f} s  "
              f"{mb(later[0][1])} per backup; side file now {mb(side)} "
              f"(runs: {', '.join(f'{t:.2f}' for t, _ in later)})")

        due = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            made = backup.backup_if_due(root, interval=0.0)
            due.append(time.perf_counter() - t0)
            assert made is None
        print(f"backup_if_due, nothing changed: {statistics.median(due) * 1000:.1f} ms")
        not_yet = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            backup.backup_if_due(root)
            not_yet.append(time.perf_counter() - t0)
        print(f"backup_if_due, interval not passed: "
              f"{statistics.median(not_yet) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
