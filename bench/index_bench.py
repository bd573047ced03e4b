"""Import speed: pages/s, wall time and peak memory of `briefer add FOLDER` per text engine.

    python bench/index_bench.py FOLDER [--runs 3] [--engines pdfium,pypdf] [--no-recoll]

Each run imports FOLDER into a fresh temporary library in a separate process (the command
line, exactly as a user runs it, with ``--no-ocr``: scans are read in a separate step,
measured by bench/ocr_bench.py) and reports the median of the runs. When Recoll's
``recollindex`` is installed (Debian package ``recoll``), it indexes the same folder in
the same rounds (interleaved) for comparison; the ratio is Briefer's median over Recoll's.
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


def run_briefer(folder: Path, engine: str) -> tuple[float, int, int, int]:
    """One import into a fresh library: wall seconds, peak MB, pages, documents."""
    lib = Path(tempfile.mkdtemp(prefix="briefer-bench-"))
    try:
        # --no-ocr: reading scans is a separate step with its own benchmark
        # (bench/ocr_bench.py); Recoll does not OCR either.
        cmd = [sys.executable, "-m", "briefer", "--library", str(lib), "add", str(folder),
               "--engine", engine, "--json", "--no-ocr"]
        wall, mem, out = run_measured(cmd)
        rep = json.loads(out)
        return wall, mem, rep["pages_added"], rep["documents_added"]
    finally:
        shutil.rmtree(lib, ignore_errors=True)


def run_recoll(exe: str, folder: Path) -> tuple[float, int]:
    conf = Path(tempfile.mkdtemp(prefix="recoll-bench-"))
    try:
        (conf / "recoll.conf").write_text(f"topdirs = {folder}\n")
        wall, mem, _ = run_measured([exe, "-c", str(conf), "-z"])
        return wall, mem
    finally:
        shutil.rmtree(conf, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--engines", default="pdfium,pypdf")
    ap.add_argument("--no-recoll", action="store_true")
    args = ap.parse_args()
    folder = args.folder.resolve()
    engines = args.engines.split(",")
    recoll = None if args.no_recoll else shutil.which("recollindex")
    print(f"Import of {folder} — median of {args.runs} runs, {os.cpu_count()} cores")
    # Rounds interleave the tools, so that a noisy moment on a shared machine costs both.
    walls: dict[str, list[float]] = {e: [] for e in engines}
    mems: dict[str, list[int]] = {e: [] for e in engines}
    counts: dict[str, tuple[int, int]] = {}
    rwalls: list[float] = []
    rmems: list[int] = []
    for _ in range(args.runs):
        for engine in engines:
            wall, mem, pages, docs = run_briefer(folder, engine)
            walls[engine].append(wall)
            mems[engine].append(mem)
            counts[engine] = (pages, docs)
        if recoll:
            wall, mem = run_recoll(recoll, folder)
            rwalls.append(wall)
            rmems.append(mem)
    for engine in engines:
        med = statistics.median(walls[engine])
        pages, docs = counts[engine]
        print(f"  briefer --engine {engine:6}: {med:6.2f} s wall, "
              f"{pages / med if med else 0:6.0f} pages/s ({docs} documents, {pages} pages), "
              f"peak {max(mems[engine])} MB; runs {', '.join(f'{w:.2f}' for w in walls[engine])}")
    if args.no_recoll:
        return 0
    if not recoll:
        print("  recollindex not installed (apt-get install recoll) — no comparison")
        return 0
    rmed = statistics.median(rwalls)
    print(f"  recollindex          : {rmed:6.2f} s wall, peak {max(rmems)} MB;"
          f" runs {', '.join(f'{w:.2f}' for w in rwalls)}")
    for engine in engines:
        per_round = statistics.median(b / r for b, r in zip(walls[engine], rwalls))
        print(f"  ratio briefer/{engine} to Recoll: {statistics.median(walls[engine]) / rmed:.2f}"
              f" (median of the rounds' ratios {per_round:.2f}; target for pdfium: ≤ 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
