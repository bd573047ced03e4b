"""Load: a generated library of 2,000 PDFs / 100,000 pages — import, search, export.

    python bench/load.py [--docs 2000] [--pages-per-doc 50] [--keep DIR] [--json]

Writes the PDFs with tests/rawpdf.py (plain Helvetica text, Zipf-distributed legal
vocabulary, ~2,700 characters a page, one marker word per document on a known page),
imports them with the command line as a user would (`briefer add DIR --no-ocr`, peak
memory of the importing process and its workers measured), then searches (marker words,
common words, phrases) and exports a brief of quotes from many documents. Prints figures;
asserts nothing (tests/reliability/test_load.py checks the outcome).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.rawpdf import page_lines, write_pdf  # noqa: E402

SEED = 20261128


def marker(doc: int) -> tuple[str, int]:
    """The marker word of document ``doc`` and the page (from 0) it is printed on."""
    return f"zqmark{doc}x", (doc * 7) % 50


def generate(folder: Path, docs: int, pages_per_doc: int) -> float:
    t0 = time.perf_counter()
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(docs):
        word, on_page = marker(d)
        pages = []
        for p in range(pages_per_doc):
            lines = page_lines(rng)
            if p == on_page % pages_per_doc:
                lines.insert(len(lines) // 2, f"The register entry {word} is recorded here.")
            pages.append(lines)
        write_pdf(folder / f"load-{d:04d}.pdf", pages, title=f"Load test document {d}")
    return time.perf_counter() - t0


def run_import(folder: Path, library: Path) -> dict:
    cmd = [sys.executable, "-m", "briefer", "--library", str(library), "add", str(folder),
           "--no-ocr", "--json"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    rep = json.loads(out.decode("utf-8"))
    return {"seconds": wall, "exit": os.waitstatus_to_exitcode(status),
            "peak_rss_mb": usage.ru_maxrss // 1024, "documents": rep["documents_added"],
            "pages": rep["pages_added"], "pages_per_s": rep["pages_added"] / wall}


def run_searches(library: Path, docs: int, pages_per_doc: int) -> dict:
    from briefer.core.library import Library
    from briefer.core.search.search import search

    out: dict = {"markers": [], "latency_ms": {}}
    with Library.open(library) as lib:
        out["indexed_pages"] = lib.index.page_count()
        rng = random.Random(SEED + 1)
        # by file name: the title is inferred from the text and may not be the PDF's own
        by_name = {d.file_name: d.id for d in lib.documents()}
        for d in rng.sample(range(docs), min(10, docs)):
            word, page = marker(d)
            res = search(lib, word, limit=5, record=False)
            hits = [(g.doc_id, h.page_index) for g in res.documents for h in g.hits]
            want = (by_name.get(f"load-{d:04d}.pdf"), page % pages_per_doc)
            out["markers"].append({"word": word, "found": hits, "expected": list(want),
                                   "ok": hits == [want]})
        for q in ("coordinator", "court", '"national coordinator"', '"of the"',
                  "blocking AND removal", "petition*", "coordinater~"):
            times = []
            for _ in range(3):
                t = time.perf_counter()
                search(lib, q, limit=20, record=False)
                times.append((time.perf_counter() - t) * 1000)
            out["latency_ms"][q] = statistics.median(times)
    return out


def run_export(library: Path, docs: int, tmp: Path) -> dict:
    from briefer.core.briefs.briefs import (AddQuote, AddSection, BriefStore, CommandStack,
                                     CreateBrief, CreateClip)
    from briefer.core.clips.clips import clip_text
    from briefer.core.export.export import export_brief
    from briefer.core.library import Library

    with Library.open(library) as lib:
        store = BriefStore(lib.catalog)
        stack = CommandStack(store)
        brief_id = stack.push(CreateBrief("Load brief")).brief_id
        section_id = stack.push(AddSection(brief_id, "Quotes")).section_id
        t0 = time.perf_counter()
        quotes = 0
        for doc in lib.documents()[: min(100, docs)]:
            page = lib.catalog.page(doc.id, 1)
            if page is None:
                continue
            words = page.text.split()[5:25]
            clip = clip_text(lib.catalog, doc, page, " ".join(words))
            clip_id = stack.push(CreateClip(clip)).clip_id
            stack.push(AddQuote(brief_id, section_id, clip_id))
            quotes += 1
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = export_brief(lib.catalog, brief_id, tmp / "load-brief.docx")
        return {"quotes": quotes, "build_s": build, "export_s": time.perf_counter() - t0,
                "bytes": (tmp / "load-brief.docx").stat().st_size,
                "footnotes": result.summary.get("footnotes")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--pages-per-doc", type=int, default=50)
    ap.add_argument("--keep", type=Path, help="keep the PDFs and library in this folder")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="briefer-load-"))
    try:
        pdfs, library = tmp / "pdfs", tmp / "library"
        if library.exists():
            shutil.rmtree(library)
        report: dict = {"docs": args.docs, "pages_per_doc": args.pages_per_doc}
        report["generate_s"] = generate(pdfs, args.docs, args.pages_per_doc)
        report["import"] = run_import(pdfs, library)
        report["search"] = run_searches(library, args.docs, args.pages_per_doc)
        report["export"] = run_export(library, args.docs, tmp)
        report["library_mb"] = sum(f.stat().st_size for f in library.rglob("*")
                                   if f.is_file()) // (1 << 20)
        if args.json:
            print(json.dumps(report, indent=1))
        else:
            imp, srch, exp = report["import"], report["search"], report["export"]
            print(f"{args.docs} PDFs, {args.docs * args.pages_per_doc} pages "
                  f"(generated in {report['generate_s']:.1f} s)")
            print(f"  import: {imp['seconds']:.1f} s, {imp['pages_per_s']:.0f} pages/s, "
                  f"peak {imp['peak_rss_mb']} MB (largest process), exit {imp['exit']}")
            ok = sum(m["ok"] for m in srch["markers"])
            print(f"  search: {srch['indexed_pages']} pages indexed; marker words found on "
                  f"their page: {ok}/{len(srch['markers'])}")
            for q, ms in srch["latency_ms"].items():
                print(f"    {q:28} {ms:7.1f} ms (median of 3, top 20 with snippets)")
            print(f"  export: {exp['quotes']} quotes → {exp['bytes'] // 1024} KB .docx in "
                  f"{exp['export_s']:.2f} s")
            print(f"  library folder: {report['library_mb']} MB")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
