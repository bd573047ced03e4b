"""Import speed: pages/s, wall time and peak memory of `briefer add FOLDER` per text engine.

    python bench/index_bench.py FOLDER [--runs 3] [--engines pdfium,pypdf] [--no-recoll]

Each run imports FOLDER into a fresh temporary library in a separate process (the command
line, exactly as a user runs it, with ``--no-ocr``: scans are read in a separate step,
measured by bench/ocr_bench.py) and reports the median of the runs. When Recoll's
``recollindex`` is installed (Debian package ``recoll``), it indexes the same folder the
same number of times for comparison; the ratio is Briefer's median over Recoll's.
Figures are printed, never asserted: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Run ``cmd``; return wall seconds, peak RSS in MB (largest process), stdout."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if proc.stdout:
        proc.stdout.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss // 1024, out.decode("utf-8", "replace")


def bench_briefer(folder: Path, engine: str, runs: int) -> dict:
    walls, mems, pages, docs = [], [], 0, 0
    for _ in range(runs):
        lib = Path(tempfile.mkdtemp(prefix="briefer-bench-"))
        try:
            # --no-ocr: reading scans is a separate step with its own benchmark
            # (bench/ocr_bench.py); Recoll does not OCR either.
            cmd = [sys.executable, "-m", "briefer", "--library", str(lib), "add", str(folder),
                   "--engine", engine, "--json", "--no-ocr"]
            wall, mem, out = run_measured(cmd)
            rep = json.loads(out)
            pages, docs = rep["pages_added"], rep["documents_added"]
            walls.append(wall)
            mems.append(mem)
        finally:
            shutil.rmtree(lib, ignore_errors=True)
    med = statistics.median(walls)
    return {"engine": engine, "runs": walls, "median_s": med, "pages": pages, "docs": docs,
            "pages_per_s": pages / med if med else 0.0, "peak_mb": max(mems)}


def bench_recoll(folder: Path, runs: int) -> dict | None:
    exe = shutil.which("recollindex")
    if exe is None:
        return None
    walls, mems = [], []
    for _ in range(runs):
        conf = Path(tempfile.mkdtemp(prefix="recoll-bench-"))
        try:
            (conf / "recoll.conf").write_text(f"topdirs = {folder}\n")
            wall, mem, _ = run_measured([exe, "-c", str(conf), "-z"])
            walls.append(wall)
            mems.append(mem)
        finally:
            shutil.rmtree(conf, ignore_errors=True)
    return {"runs": walls, "median_s": statistics.median(walls), "peak_mb": max(mems)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--engines", default="pdfium,pypdf")
    ap.add_argument("--no-recoll", action="store_true")
    args = ap.parse_args()
    folder = args.folder.resolve()
    print(f"Import of {folder} — median of {args.runs} runs, {os.cpu_count()} cores")
    results = []
    for engine in args.engines.split(","):
        r = bench_briefer(folder, engine, args.runs)
        results.append(r)
        print(f"  briefer --engine {engine:6}: {r['median_s']:6.2f} s wall, "
              f"{r['pages_per_s']:6.0f} pages/s ({r['docs']} documents, {r['pages']} pages), "
              f"peak {r['peak_mb']} MB; runs {', '.join(f'{w:.2f}' for w in r['runs'])}")
    if not args.no_recoll:
        rc = bench_recoll(folder, args.runs)
        if rc is None:
            print("  recollindex not installed (apt-get install recoll) — no comparison")
        else:
            print(f"  recollindex          : {rc['median_s']:6.2f} s wall, peak {rc['peak_mb']} MB;"
                  f" runs {', '.join(f'{w:.2f}' for w in rc['runs'])}")
            for r in results:
                print(f"  ratio briefer/{r['engine']} to Recoll: {r['median_s'] / rc['median_s']:.2f}"
                      f" (target for pdfium: ≤ 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
