"""Compare bench: two generated 200-page versions of a rule document compared.

A draft of some 470 rules (sub-rules, clauses, provisos, in chapters; the wording drawn
from a fixed seed, in the formulas real rules repeat) is laid out as a gazette with
tests/pdfgen.py's layout engine; the notified version rewords some clauses, removes some
sub-rules, inserts rules (so the rules after them are renumbered), moves a rule, adds an
arrangement of rules and is set in another font size, so every page breaks elsewhere.
Both are split into provisions (:func:`briefer.core.compare.split.split_provisions`, each
beside the other as ``ops.compare`` does, the provision tree built afresh each round) and
aligned
(:func:`briefer.core.compare.align.compare_parts`); the medians of several rounds are
printed, split and align separately, with the counts of each change.

    .venv/bin/python bench/compare_bench.py [--pages 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefer.core.clips import structure  # noqa: E402
from briefer.core.compare.align import compare_parts  # noqa: E402
from briefer.core.compare.split import split_provisions  # noqa: E402
from tests.core.compare.test_compare import build_rules, formula_edits, formula_rules  # noqa: E402

def _through_library(tmp: Path, a: Path, b: Path) -> float:
    """One comparison as the window and ``briefer compare`` make it, in a new library
    (nothing cached: the first comparison a user makes of these two)."""
    from briefer.core.ops import compare as compare_ops
    from briefer.core.ops import documents as docs_ops
    from briefer.core.ops.session import Session

    session = Session.open(tmp / "lib")
    try:
        rep = docs_ops.add_files(session, [str(a), str(b)], ocr=False,
                                 meta={"doc_type": "rule"})
        ids = [o.doc_id for o in rep.outcomes]
        structure._CACHE.clear()
        t0 = time.perf_counter()
        compare_ops.compare_documents(session, ids[0], ids[1])
        return time.perf_counter() - t0
    finally:
        session.close()


def _median(xs: list[float]) -> str:
    return f"{statistics.median(xs):.2f} s"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=200, help="pages of the draft (about)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        n_rules = max(10, int(args.pages * 2.35))
        t0 = time.perf_counter()
        first = formula_rules(n_rules)
        second, made = formula_edits(first)
        a = build_rules(Path(tmp) / "draft.pdf", first)
        b = build_rules(Path(tmp) / "notified.pdf", second, toc=True, size=10.0,
                        margins=(30.0, 26.0, 18.0, 30.0), number_in_header=True,
                        first_printed=41)
        made_s = time.perf_counter() - t0
        whole = _through_library(Path(tmp), a.path, b.path)
    texts_a = [a.pdfium_text(i) for i in range(a.page_count)]
    texts_b = [b.pdfium_text(i) for i in range(b.page_count)]
    print(f"draft: {a.page_count} pages, {n_rules} rules; notified: {b.page_count} pages "
          f"(generated in {made_s:.1f} s)")
    print(f"edits made: { {k: len(v) if isinstance(v, list) else v for k, v in made.items()} }")
    splits, aligns, totals = [], [], []
    parts = pairs = None
    for _ in range(args.rounds):
        structure._CACHE.clear()  # the provision tree is built again each round
        t0 = time.perf_counter()
        pa = split_provisions(texts_a, doc_type="rule", title="Rules", companion=texts_b)
        pb = split_provisions(texts_b, doc_type="rule", title="Rules", companion=texts_a)
        t1 = time.perf_counter()
        pairs = compare_parts(pa, pb)
        t2 = time.perf_counter()
        parts = (len(pa), len(pb))
        splits.append(t1 - t0)
        aligns.append(t2 - t1)
        totals.append(t2 - t0)
    counts: dict[str, int] = {}
    for p in pairs or ():
        counts[p.change] = counts.get(p.change, 0) + 1
    edited = sum(1 for p in pairs or () if p.words)
    print(f"provisions: {parts[0]} and {parts[1]}; changes: {counts}; with words "
          f"changed: {edited}")
    print(f"through the library (ops.compare_documents: page texts from the catalog, the "
          f"layout's superscripts read with pdfium, split, align): {whole:.2f} s")
    print(f"median of {args.rounds} rounds: split (both documents) {_median(splits)}, "
          f"align {_median(aligns)}, total {_median(totals)} (load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
