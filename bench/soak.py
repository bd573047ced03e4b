"""Soak benchmark: many rounds of ordinary work in one process; is anything growing?

Builds a temporary library from generated PDFs (tests/pdfgen: text documents and gazette
rules), then for ``--rounds`` rounds: imports a few more PDFs, runs a fixed set of searches
(``briefer.core.search.search``), makes brief edits through a ``CommandStack`` (a clip, a
quote, commentary, an edit, an undo and a redo) and exports the brief to Word. Each round
prints the process's resident memory (MB), the median search latency (ms), the import
seconds and the export seconds; the summary compares the first round with the last (flat
is the goal). Figures are printed, not asserted.

    python bench/soak.py [--rounds 20] [--start-docs 20] [--per-round 3] [--processes 2]
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefer.core.briefs.briefs import (
    AddCommentary,
    AddQuote,
    BriefStore,
    CommandStack,
    CreateBrief,
    CreateClip,
    EditItem,
)
from briefer.core.clips.clips import build_clip
from briefer.core.export.export import export_brief
from briefer.core.library import Library
from briefer.core.search.search import search
from tests import pdfgen

QUERIES = [
    "coordinator",
    '"national coordinator"',
    "blocking OR removal",
    "proportionality -warrant",
    "regulat*",
    "coordinater~",
    '"subscriber information"~5',
    "title:rules blocking",
]
PASSAGE = "the National Coordinator may order blocking"


def rss_mb() -> float:
    """Current resident set size of this process (MB)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_pdfs(folder: Path, start: int, n: int) -> list[Path]:
    """``n`` new, distinct PDFs: mostly text documents, every third a gazette of rules."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(start, start + n):
        path = folder / f"doc{k:04}.pdf"
        if k % 3 == 2:
            pdfgen.make_rules_pdf(path, note=f"Soak copy {k}")
        else:
            pdfgen.make_text_pdf(path, [
                f"Document {k}, page {p + 1}. Under Rule {p + 5}, {PASSAGE} of content and "
                f"must give reasons; the test of proportionality applies within {k + p} "
                f"hours. Any subscriber information is kept for {p + 30} days. " * 3
                for p in range(4)], title=f"Soak rules {k}")
        out.append(path)
    return out


def segments(lib: Library) -> int:
    """Whoosh segments of the index (each import's commit writes one and merges none)."""
    try:
        return len(lib.index.ix._segments())
    except (AttributeError, OSError):
        return -1


def search_ms(lib: Library) -> float:
    latencies = []
    for q in QUERIES:
        t = time.perf_counter()
        search(lib, q, limit=20)
        latencies.append((time.perf_counter() - t) * 1000)
    return statistics.median(latencies)


def edit_brief(lib: Library, stack: CommandStack, brief_id: int, section_id: int,
               doc_ids: list[int], r: int) -> int:
    """One round of brief editing; returns the number of commands run."""
    catalog = lib.catalog
    page = doc = None
    for doc_id in doc_ids:
        doc = catalog.document(doc_id)
        for i in range(doc.page_count):
            candidate = catalog.page(doc_id, i)
            if PASSAGE in candidate.text:
                page = candidate
                break
        if page is not None:
            break
    n = 0
    if page is not None:
        start = page.text.index(PASSAGE)
        clip = build_clip(catalog, doc, page, start, start + len(PASSAGE))
        cid = stack.push(CreateClip(clip)).clip_id
        stack.push(AddQuote(brief_id, section_id, cid, lead_in=f"Round {r}:"))
        n += 2
    note = stack.push(AddCommentary(brief_id, section_id, f"Round {r}: the **rule** is *wide*."))
    stack.push(EditItem(brief_id, note.item_id, body=f"Round {r}: the **rule** is *too wide*."))
    stack.undo()
    stack.redo()
    return n + 4


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--start-docs", type=int, default=20)
    ap.add_argument("--per-round", type=int, default=3)
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="briefer-soak-") as d:
        base = Path(d)
        t = time.perf_counter()
        pdfs = make_pdfs(base / "pdfs" / "start", 0, args.start_docs)
        made = len(pdfs)
        with Library.open(base / "lib") as lib:
            rep = lib.import_paths(pdfs, processes=args.processes)
            print(f"set-up: {rep.documents_added} documents, {rep.pages_added} pages in "
                  f"{time.perf_counter() - t:.1f} s; RSS {rss_mb():.0f} MB")
            stack = CommandStack(BriefStore(lib.catalog))
            b = stack.push(CreateBrief("Soak brief", organisation="Briefer",
                                       sections=["Background", "Concerns"]))
            rows = []
            print(f"{'round':>5} {'docs':>5} {'RSS MB':>7} {'search ms':>9} {'import s':>8} "
                  f"{'export s':>8} {'edits':>5} {'segments':>8}")
            for r in range(1, args.rounds + 1):
                new = make_pdfs(base / "pdfs" / f"r{r}", made, args.per_round)
                made += len(new)
                t = time.perf_counter()
                rep = lib.import_paths(new, processes=args.processes)
                import_s = time.perf_counter() - t
                median_ms = search_ms(lib)
                added = [o.doc_id for o in rep.outcomes if o.doc_id is not None]
                edits = edit_brief(lib, stack, b.brief_id, b.section_ids[r % 2],
                                   added, r)
                t = time.perf_counter()
                export_brief(lib.catalog, b.brief_id, base / "brief.docx")
                export_s = time.perf_counter() - t
                gc.collect()
                row = (r, len(lib.documents()), rss_mb(), median_ms, import_s, export_s,
                       edits, segments(lib))
                rows.append(row)
                print(f"{row[0]:5} {row[1]:5} {row[2]:7.0f} {row[3]:9.1f} {row[4]:8.2f} "
                      f"{row[5]:8.2f} {row[6]:5} {row[7]:8}", flush=True)
            # Is the search time the library's size or the segments piling up? Merge, measure.
            before = segments(lib)
            w = lib.index.writer()
            w._writer()
            w.commit(merge=True)
            search_ms(lib)  # a new searcher for the new generation
            merged_ms = search_ms(lib)
            merged = (before, segments(lib), merged_ms)

        first, last = rows[0], rows[-1]
        print(f"\nsummary over {len(rows)} rounds ({first[1]} → {last[1]} documents):")
        for name, k, unit in (("RSS", 2, "MB"), ("median search", 3, "ms"),
                              ("import", 4, "s"), ("export", 5, "s")):
            a, z = first[k], last[k]
            change = f"{(z - a) / a * 100:+.0f} %" if a else "n/a"
            print(f"  {name:14} first {a:8.2f} {unit:2}  last {z:8.2f} {unit:2}  ({change})")
        print(f"  after one merging index commit ({merged[0]} → {merged[1]} segments): "
              f"median search {merged[2]:.2f} ms")
        print(f"  peak RSS of this process "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
              f"largest worker "
              f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
