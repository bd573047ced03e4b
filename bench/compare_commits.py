"""Import speed of two commits side by side: `briefer add` on the same folders, alternating.

    python bench/compare_commits.py [--before 7a9b2fa] [--after HEAD] [--long-runs 5]
                                    [--folder-runs 3] [--engine pdfium] [--folder DIR]

Each commit is written out with ``git archive`` into a temporary folder (the checkout's
working tree is never touched) and run with this interpreter, its copy first on
PYTHONPATH and as the working directory, so that neither an editable install of the
checkout nor the current directory shadows it; the script checks which ``briefer``
each copy imports before measuring.

Rounds alternate the two commits, and the one that goes first alternates from round to
round, so that a noisy moment on a shared machine costs both alike. Each run imports the
folder into a fresh library in its own process, exactly as a user runs it (``--no-ocr``,
as in bench/index_bench.py). Two sets: the long documents of ``../shared/corpus/domain``
(PDFs of 100+ pages, as bench/index_bench.py picks them) and the whole domain folder.

Printed per set: a Markdown table of every round (wall and CPU seconds of each commit,
the ratios after/before), the medians, the median of the per-round ratios, and the load
average before and after the set. Figures are printed, never asserted.
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
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from index_bench import DOMAIN, LONG_PAGES, long_documents, run_measured  # noqa: E402

REPO = BENCH.parent


def export_commit(rev: str, into: Path) -> str:
    """Write ``rev``'s tree into ``into``; return its short hash."""
    into.mkdir(parents=True)
    short = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", rev],
                           check=True, capture_output=True, text=True).stdout.strip()
    archive = subprocess.Popen(["git", "-C", str(REPO), "archive", short],
                               stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(into)], stdin=archive.stdout, check=True)
    if archive.stdout:
        archive.stdout.close()
    if archive.wait() != 0:
        raise SystemExit(f"git archive {rev} failed")
    return short


def env_for(copy: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(copy) + (os.pathsep + env["PYTHONPATH"]
                                     if env.get("PYTHONPATH") else "")
    return env


def check_import(copy: Path) -> str:
    """The file of the ``briefer`` package a run of ``copy`` imports; it must be the copy's."""
    out = subprocess.run([sys.executable, "-c", "import briefer; print(briefer.__file__)"],
                         env=env_for(copy), cwd=copy, capture_output=True, text=True,
                         check=True).stdout.strip()
    if not Path(out).resolve().is_relative_to(copy.resolve()):
        raise SystemExit(f"{copy} imports briefer from {out}, not from the copy")
    return out


def run_import(copy: Path, folder: Path, engine: str) -> tuple[float, float, int, int]:
    """One import of ``folder`` by ``copy`` into a fresh library: wall s, CPU s, pages, docs."""
    lib = Path(tempfile.mkdtemp(prefix="briefer-cmp-"))
    try:
        cmd = [sys.executable, "-m", "briefer", "--library", str(lib), "add", str(folder),
               "--engine", engine, "--json", "--no-ocr"]
        old = os.getcwd()
        os.chdir(copy)  # `-m` puts the working directory first on sys.path
        try:
            wall, _mem, out, cpu = run_measured(cmd, env=env_for(copy))
        finally:
            os.chdir(old)
        try:
            rep = json.loads(out)
        except ValueError:
            raise SystemExit(f"{copy}: import printed no report: {out[:300]!r}")
        return wall, cpu, rep["pages_added"], rep["documents_added"]
    finally:
        shutil.rmtree(lib, ignore_errors=True)


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def compare(label: str, folder: Path, runs: int, engine: str,
            copies: dict[str, Path], names: dict[str, str]) -> None:
    print(f"\n### {label}\n")
    print(f"{runs} alternating rounds, `--engine {engine} --no-ocr`, {os.cpu_count()} cores; "
          f"load average (1/5/15 min) at the start: {load()}\n")
    res: dict[str, list[tuple[float, float, int, int]]] = {"before": [], "after": []}
    for r in range(runs):
        order = ("before", "after") if r % 2 == 0 else ("after", "before")
        for which in order:
            res[which].append(run_import(copies[which], folder, engine))
        print(f"<!-- round {r + 1} done, load {load()} -->", flush=True)
    b, a = res["before"], res["after"]
    print("| round | first | before wall s | after wall s | after/before wall "
          "| before CPU s | after CPU s | after/before CPU |")
    print("|---|---|---|---|---|---|---|---|")
    for r, (x, y) in enumerate(zip(b, a)):
        first = "before" if r % 2 == 0 else "after"
        print(f"| {r + 1} | {first} | {x[0]:.2f} | {y[0]:.2f} | {y[0] / x[0]:.3f} "
              f"| {x[1]:.2f} | {y[1]:.2f} | {y[1] / x[1]:.3f} |")
    med = statistics.median
    print(f"| **median** | | **{med(x[0] for x in b):.2f}** | **{med(y[0] for y in a):.2f}** "
          f"| **{med(y[0] / x[0] for x, y in zip(b, a)):.3f}** "
          f"| **{med(x[1] for x in b):.2f}** | **{med(y[1] for y in a):.2f}** "
          f"| **{med(y[1] / x[1] for x, y in zip(b, a)):.3f}** |")
    pb = {(x[2], x[3]) for x in b}
    pa = {(y[2], y[3]) for y in a}
    print(f"\nImported: before {', '.join(f'{d} documents / {p} pages' for p, d in pb)} "
          f"({names['before']}); after {', '.join(f'{d} documents / {p} pages' for p, d in pa)}"
          f" ({names['after']}). Load average at the end: {load()}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", default="7a9b2fa")
    ap.add_argument("--after", default="HEAD")
    ap.add_argument("--long-runs", type=int, default=5)
    ap.add_argument("--folder-runs", type=int, default=3)
    ap.add_argument("--engine", default="pdfium")
    ap.add_argument("--folder", type=Path, default=DOMAIN)
    ap.add_argument("--keep", type=Path, help="export the commits here and keep them")
    args = ap.parse_args()
    if not args.folder.is_dir():
        print(f"no folder {args.folder}: nothing to measure")
        return 0
    base = args.keep or Path(tempfile.mkdtemp(prefix="briefer-commits-"))
    tmp = Path(tempfile.mkdtemp(prefix="briefer-cmp-long-"))
    try:
        copies = {"before": base / "before", "after": base / "after"}
        names = {}
        for which, rev in (("before", args.before), ("after", args.after)):
            if not copies[which].exists():
                export_commit(rev, copies[which])
            names[which] = subprocess.run(
                ["git", "-C", str(REPO), "rev-parse", "--short", rev], check=True,
                capture_output=True, text=True).stdout.strip()
            print(f"{which} = {rev} ({names[which]}): imports {check_import(copies[which])}")
        if args.long_runs:
            longs = long_documents(args.folder.resolve())
            for pdf, _ in longs:
                shutil.copy2(pdf, tmp / f"{pdf.parent.name}__{pdf.name}")
            compare(f"Long documents ({len(longs)} PDFs of {LONG_PAGES}+ pages, "
                    f"{sum(n for _, n in longs)} pages)", tmp, args.long_runs, args.engine,
                    copies, names)
        if args.folder_runs:
            compare(f"Whole folder {args.folder}", args.folder.resolve(), args.folder_runs,
                    args.engine, copies, names)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
