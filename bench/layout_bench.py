"""Can pdfium's layout (through pypdfium2) be attached to the text Briefer stores, and what
does it cost?

    python bench/layout_bench.py [FOLDER] [--long N] [--repeat R] [--diffs K]

1. *Equality*: for every PDF under FOLDER (default ``../shared/corpus/domain``), each
   page's text as Briefer stores it (``extract_pdf``: QtPdf's ``getAllText``, cleaned,
   right-to-left lines put in reading order) is compared, character for character, with
   pypdfium2's ``get_text_range()`` after the same clean-up (``clean_text``), and with the
   stored page's reordering undone where it has one. Pages are counted equal / differing /
   not compared (OCR needed, or the file was read by pypdf); the first few differences
   are shown with the text around them.
2. *Time*: on the N longest text documents (default 3), CPU time (``process_time``,
   median of R alternating runs) of QtPdf's ``getAllText`` for every page, pypdfium2's
   page text, and the layout (:func:`briefer.core.files.layout.read_layouts`: boxes,
   baselines, font sizes and superscripts of every character; and ``head=24``, the first
   24 characters of each line, what the provision parser asks for), in ms per page.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefer.core.files import layout  # noqa: E402
from briefer.core.files.extract import extract_pdf  # noqa: E402
from briefer.core.files.results import clean_text  # noqa: E402


def _first_difference(a: str, b: str) -> int:
    for k, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return k
    return min(len(a), len(b))


def equality(folder: Path, show: int) -> list[tuple[Path, int]]:
    """Compare the texts; returns the text documents with their page counts."""
    import pypdfium2 as pdfium

    equal = differ = skipped = 0
    docs_equal = docs_differ = 0
    shown = 0
    text_docs: list[tuple[Path, int]] = []
    for path in sorted(folder.rglob("*.pdf")):
        res = extract_pdf(path)
        if res.status not in ("ok",) or res.engine != "pdfium":
            skipped += len(res.pages)
            continue
        text_docs.append((path, len(res.pages)))
        pdf = pdfium.PdfDocument(str(path))
        bad = 0
        try:
            for i, page in enumerate(res.pages):
                if page.needs_ocr:
                    skipped += 1
                    continue
                ours = layout.page_text(pdf, i)
                if layout._same_text(page.text, ours, page.order):
                    equal += 1
                    continue
                differ += 1
                bad += 1
                if shown < show:
                    k = _first_difference(page.text, ours)
                    print(f"  {path.name} p.{i + 1}: stored {len(page.text)} chars, "
                          f"pypdfium2 {len(ours)}; first difference at {k}: "
                          f"stored {page.text[max(0, k - 20):k + 20]!r} / "
                          f"pypdfium2 {ours[max(0, k - 20):k + 20]!r}")
                    shown += 1
        finally:
            pdf.close()
        docs_equal += bad == 0
        docs_differ += bad > 0
    print(f"pages equal: {equal}; differing: {differ}; not compared (OCR or pypdf): "
          f"{skipped}")
    print(f"documents with every page equal: {docs_equal}; with a differing page: "
          f"{docs_differ}")
    return text_docs


def _qt_text(path: Path) -> None:
    from briefer.core.files.pdfium import PdfiumDoc

    doc = PdfiumDoc(str(path), None)
    try:
        for i in range(doc.page_count):
            clean_text(doc.page_text(i))
    finally:
        doc.close()


def _pdfium_text(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [layout.page_text(pdf, i) for i in range(len(pdf))]
    finally:
        pdf.close()


def timing(docs: list[tuple[Path, int]], repeat: int) -> None:
    texts = {p: _pdfium_text(p) for p, _n in docs}
    pages = sum(n for _p, n in docs)
    tasks = {
        "QtPdf getAllText": lambda p: _qt_text(p),
        "pypdfium2 text": lambda p: _pdfium_text(p),
        "layout, every character": lambda p: layout.read_layouts(p, texts[p]),
        "layout, line starts (head=24)": lambda p: layout.read_layouts(p, texts[p], head=24),
    }
    _qt_text(docs[0][0])  # Qt's one-time set-up is not counted
    times: dict[str, list[float]] = {k: [] for k in tasks}
    for _ in range(repeat):
        for name, fn in tasks.items():  # alternating, so drifts hit every task alike
            t0 = time.process_time()
            for p, _n in docs:
                fn(p)
            times[name].append(time.process_time() - t0)
    print(f"CPU time on {len(docs)} documents, {pages} pages "
          f"({', '.join(p.name for p, _n in docs)}), median of {repeat}:")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"  {name:32s} {med:6.2f} s  {1000 * med / pages:6.2f} ms/page")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "corpus" /
                                                    "domain"))
    ap.add_argument("--long", type=int, default=3, help="longest documents to time")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--diffs", type=int, default=8, help="differences to show")
    args = ap.parse_args(argv)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files' warnings
    os.environ.setdefault("QT_LOGGING_RULES", "qt.pdf.*=false")
    if not layout.available():
        print("pypdfium2 is not installed")
        return 1
    folder = Path(args.folder)
    docs = equality(folder, args.diffs)
    longest = sorted(docs, key=lambda d: -d[1])[:args.long]
    if longest:
        timing(longest, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
