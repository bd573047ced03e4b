"""OCR benchmark: seconds per scanned page at 300 dpi, with one and with two workers.

    python bench/ocr_bench.py [--pages N] [--dpi 300] [--workers 1 2] [--json]

Pages: the real scans of ../shared/corpus (Sindh High Court phone scans, US court scans)
when it is present, else generated scans of dense text (tests/pdfgen.py). Each run imports
the files into a fresh library without OCR and times ``briefer.core.ocr.ocr.run_ocr`` (worker
start-up, rendering, tesseract, catalog and index writes included). Then one page is timed
in this process split into rendering and recognition. OCR is CPU-bound: on a machine that
others share, run it once.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CORPUS_SCANS = [
    "domain/pk_judgments_sindh-hc/MjQwMTQ5Y2Ztcy1kYzgz.pdf",
    "domain/pk_judgments_sindh-hc/MjU3MjkxY2Ztcy1kYzgz.pdf",
    "domain/us_courts_doctor/image-pdf.pdf",
    "domain/us_courts_doctor/image-pdf-2.pdf",
    "domain/us_courts_doctor/recap_documents__ca4_17.pdf",
]

DENSE = ("The National Coordinator may, by order in writing, direct a social media company "
         "to remove or block access to online content within twenty-four hours, where in "
         "his opinion the content is unlawful under section 37 of the Act. ")


def _files(tmp: Path, pages: int) -> tuple[list[Path], str]:
    corpus = ROOT.parent / "shared" / "corpus"
    if (corpus / "MANIFEST.tsv").exists():
        return [corpus / f for f in CORPUS_SCANS if (corpus / f).exists()], "corpus scans"
    from tests.pdfgen import make_scanned_pdf

    texts = [f"Page {i + 1}. " + DENSE * 6 for i in range(pages)]
    return [make_scanned_pdf(tmp / "dense.pdf", texts).path], "generated dense scans"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=6, help="at most this many pages")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from briefer.core.files.pdfium import render_page_png
    from briefer.core.ocr import ocr
    from briefer.core.library import Library

    t = ocr.tesseract()
    if t is None:
        print(f"tesseract is not installed: {ocr.install_hint()}", file=sys.stderr)
        return 1
    out: dict = {"tesseract": t.version, "dpi": args.dpi, "cores": os.cpu_count(), "runs": []}
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        files, kind = _files(tmp, args.pages)
        out["pages_from"] = kind
        for workers in args.workers:
            with Library.open(tmp / f"lib{workers}") as lib:
                lib.import_paths(files)
                todo = ocr.pending_pages(lib)
                # at most --pages pages: the rest of the queue is left alone
                keep, n = {}, 0
                for doc_id, pages in todo.items():
                    take = pages[:max(0, args.pages - n)]
                    if take:
                        keep[doc_id] = take
                        n += len(take)
                for doc_id, pages in todo.items():
                    drop = [p for p in pages if p not in keep.get(doc_id, [])]
                    for p in drop:
                        lib.catalog.execute("UPDATE pages SET needs_ocr = 0 WHERE doc_id = ? "
                                            "AND page_index = ?", (doc_id, p))
                t0 = time.perf_counter()
                rep = ocr.run_ocr(lib, processes=workers, dpi=args.dpi)
                secs = time.perf_counter() - t0
                confs = [p.ocr_confidence for d in rep.documents
                         for p in lib.catalog.pages(d.doc_id) if p.ocr_confidence is not None]
                out["runs"].append({
                    "workers": workers, "pages": rep.pages_done, "failed": rep.pages_failed,
                    "seconds": round(secs, 2),
                    "seconds_per_page": round(secs / max(1, rep.pages_done), 2),
                    "mean_confidence": round(sum(confs) / len(confs), 1) if confs else None})
        # one page in this process: rendering vs recognition
        first = files[0]
        t0 = time.perf_counter()
        png = tmp / "page.png"
        px = render_page_png(str(first), 0, str(png), args.dpi)
        t_render = time.perf_counter() - t0
        t0 = time.perf_counter()
        ocr.recognise(str(png), "eng", 300, dpi=args.dpi)
        t_rec = time.perf_counter() - t0
        out["one_page"] = {"file": first.name, "pixels_per_point": round(px, 3),
                           "render_and_png_seconds": round(t_render, 3),
                           "tesseract_seconds": round(t_rec, 3)}
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{out['tesseract']}, {args.dpi} dpi, {out['cores']} cores, {kind}")
        for r in out["runs"]:
            print(f"  {r['workers']} worker{'s' if r['workers'] != 1 else ''}: {r['pages']} pages "
                  f"in {r['seconds']:.1f} s = {r['seconds_per_page']:.2f} s/page "
                  f"(mean confidence {r['mean_confidence']})")
        o = out["one_page"]
        print(f"  one page ({o['file']}, {o['pixels_per_point']} px/pt): render + PNG "
              f"{o['render_and_png_seconds']:.2f} s, tesseract {o['tesseract_seconds']:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
