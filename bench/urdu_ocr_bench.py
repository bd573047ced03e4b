"""Urdu OCR quality: Tesseract's confidence and what it really got right, per setting.

    python bench/urdu_ocr_bench.py [--font nastaliq|naskh] [--json]

A page of Urdu sentences (tests/ocrgen.py) is drawn in Noto Nastaliq Urdu (or Naskh) into
an image-only PDF, rendered by pdfium at each resolution and read by Tesseract with each
language set and page segmentation mode. Printed per setting: mean word confidence (what
Briefer stores and shows), the share of the page's words read exactly (what search
needs), character similarity to the truth (difflib ratio, words in order) and seconds.
Run it once: OCR is CPU-bound and others may share the machine.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--font", choices=("nastaliq", "naskh"), default="nastaliq")
    ap.add_argument("--dpi", type=int, nargs="+", default=[200, 300, 400])
    ap.add_argument("--psm", type=int, nargs="+", default=[3, 6, 11])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from briefer.core.files.pdfium import render_page_png
    from briefer.core.text.analysis import normalise_word
    from briefer.core.ocr import ocr
    from briefer.core.ocr.tsv import parse_tsv
    from tests import ocrgen

    t = ocr.tesseract()
    if t is None or "urd" not in t.languages:
        print("needs tesseract with Urdu data (tesseract-ocr-urd)")
        return 1
    langs = ["urd", "urd+eng"] + [s for s in ("script/Arabic",) if s in t.languages]
    truth = " ".join(ocrgen.URDU_SENTENCES)
    truth_words = [normalise_word(w) for w in truth.split()]
    font = ocrgen.NASTALIQ if args.font == "nastaliq" else ocrgen.NASKH
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pdf = ocrgen.make_urdu_scan(Path(tmp) / "urdu.pdf", [ocrgen.URDU_SENTENCES], font,
                                    size_px=56, line_px=150)
        for dpi in args.dpi:
            png = str(Path(tmp) / f"page{dpi}.png")
            px = render_page_png(str(pdf), 0, png, dpi)
            for lang in langs:
                for psm in args.psm:
                    t0 = time.perf_counter()
                    tsv = ocr.recognise(png, lang, 300, dpi=round(px * 72), psm=psm)
                    secs = time.perf_counter() - t0
                    res = parse_tsv(tsv, px)
                    got = [normalise_word(w) for w in res.text.split()]
                    found = sum(1 for w in truth_words if w in set(got))
                    sim = difflib.SequenceMatcher(None, " ".join(got), " ".join(truth_words),
                                                  autojunk=False).ratio()
                    rows.append({"dpi": dpi, "languages": lang, "psm": psm,
                                 "confidence": res.confidence,
                                 "words_exact": round(found / len(truth_words), 3),
                                 "similarity": round(sim, 3), "seconds": round(secs, 2)})
    if args.json:
        print(json.dumps({"font": font, "rows": rows}, indent=2))
        return 0
    print(f"font {font}: {len(truth_words)} words of truth")
    print(f"{'dpi':>4} {'languages':14} {'psm':>3} {'conf %':>7} {'words ok':>8} "
          f"{'similar':>7} {'s':>6}")
    for r in rows:
        print(f"{r['dpi']:>4} {r['languages']:14} {r['psm']:>3} {r['confidence'] or 0:>7.1f} "
              f"{r['words_exact']:>8.1%} {r['similarity']:>7.3f} {r['seconds']:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
