"""Compare bench: two generated 200-page versions of a rule document compared.

A draft of some 700 rules (sub-rules, clauses, provisos, in chapters; the wording drawn
from a fixed seed, in the formulas real rules repeat) is laid out as a gazette with
tests/pdfgen.py's layout engine; the notified version rewords some clauses, removes some
sub-rules, inserts rules (so the rules after them are renumbered), moves a rule, adds an
arrangement of rules and is set in another font size, so every page breaks elsewhere.
Both are split into provisions (:func:`briefer.core.compare.split.split_provisions`, the
provision tree built afresh each round) and aligned
(:func:`briefer.core.compare.align.compare_parts`); the medians of several rounds are
printed, split and align separately, with the counts of each change.

    .venv/bin/python bench/compare_bench.py [--pages 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import copy
import random
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
from tests.core.test_compare import build_rules  # noqa: E402
from tests.pdfgen import Prov, Sub  # noqa: E402

SUBJECTS = ["the Authority", "the National Coordinator", "every social media company",
            "a significant social media company", "the Federal Government", "the Ministry",
            "a service provider", "the compliance officer", "the appellate tribunal",
            "a licensee", "the registrar", "any person aggrieved"]
VERBS = ["shall publish", "may direct", "shall maintain", "shall not disclose", "may review",
         "shall submit", "may suspend", "shall retain", "may require", "shall notify"]
OBJECTS = ["a report of the orders received", "the register of complaints", "traffic data",
           "subscriber information", "the reasons for its decision", "a statement of accounts",
           "the terms and conditions of its service", "a copy of the order",
           "any online content so specified", "the particulars of the licence",
           "the fees prescribed in the Schedule", "an annual return"]
TIMES = ["within seven days", "within thirty days", "within six months", "forthwith",
         "at least once a year", "within forty-eight hours", "before the end of each quarter",
         "within fourteen days of its receipt"]
HEADS = ["Duties", "Powers", "Returns", "Registers", "Appeals", "Fees", "Licences",
         "Inspections", "Records", "Notices", "Complaints", "Reports", "Penalties",
         "Exemptions", "Accounts", "Audits"]
WHATS = ["of licensees", "of the Authority", "of service providers", "of the registrar",
         "in emergencies", "of the tribunal", "of compliance officers", "for data retention"]


def _sentence(rng: random.Random) -> str:
    s = f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)} " \
        f"{rng.choice(TIMES)}"
    if rng.random() < 0.5:
        s += f", and {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    return s + f" in the manner specified in rule {rng.randint(1, 700)}."


def draft(n_rules: int, seed: int = 20) -> list[tuple[str, str, list[Prov]]]:
    rng = random.Random(seed)
    chapters = []
    per = 25
    for c in range(0, n_rules, per):
        provs = []
        for k in range(c + 1, min(n_rules, c + per) + 1):
            subs = []
            for s in range(1, rng.randint(2, 4) + 1):
                clauses = []
                if rng.random() < 0.35:
                    clauses = [(chr(96 + j), _sentence(rng)[:-1] + ";")
                               for j in range(1, rng.randint(2, 5) + 1)]
                proviso = _sentence(rng)
                tail = "Provided that " + proviso[0].lower() + proviso[1:] \
                    if rng.random() < 0.1 else None
                subs.append(Sub(str(s), _sentence(rng), clauses, tail))
            provs.append(Prov(str(k), f"{rng.choice(HEADS)} {rng.choice(WHATS)}", subs))
        chapters.append((f"CHAPTER {_roman(len(chapters) + 1)}", f"PART {len(chapters) + 1} "
                         "PROVISIONS", provs))
    return chapters


def _roman(n: int) -> str:
    out = ""
    for v, s in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out


def notified(chapters, seed: int = 21) -> tuple[list, dict[str, int]]:
    """The draft with known edits; returns the chapters (renumbered by position) and how
    many edits of each kind were made."""
    rng = random.Random(seed)
    out = copy.deepcopy(chapters)
    made = {"reworded": 0, "removed": 0, "inserted": 0, "moved": 0}
    for _c, _n, provs in out:
        for prov in provs:
            for sub in prov.subs:
                if rng.random() < 0.04:
                    sub.text = sub.text.replace(" shall ", " must ", 1).replace(" may ", " can ", 1)
                    sub.text = sub.text.replace("within", "not later than", 1)
                    made["reworded"] += 1
            if len(prov.subs) > 2 and rng.random() < 0.03:
                del prov.subs[-1]
                made["removed"] += 1
        if rng.random() < 0.3:
            at = rng.randrange(len(provs))
            provs.insert(at, Prov("0", "Transitional provisions", [
                Sub("1", _sentence(rng)), Sub("2", _sentence(rng))]))
            made["inserted"] += 1
    moved = out[0][2].pop(1)
    out[-1][2].append(moved)
    made["moved"] += 1
    n = 0
    for _c, _n, provs in out:
        for prov in provs:
            n += 1
            prov.number = str(n)
    return out, made


def _median(xs: list[float]) -> str:
    return f"{statistics.median(xs):.2f} s"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=200, help="pages of the draft (about)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        n_rules = max(10, int(args.pages * 2.65))
        t0 = time.perf_counter()
        first = draft(n_rules)
        second, made = notified(first)
        a = build_rules(Path(tmp) / "draft.pdf", first)
        b = build_rules(Path(tmp) / "notified.pdf", second, toc=True, size=10.0,
                        margins=(30.0, 26.0, 18.0, 30.0), number_in_header=True,
                        first_printed=41)
        made_s = time.perf_counter() - t0
    texts_a = [a.pdfium_text(i) for i in range(a.page_count)]
    texts_b = [b.pdfium_text(i) for i in range(b.page_count)]
    print(f"draft: {a.page_count} pages, {n_rules} rules; notified: {b.page_count} pages "
          f"(generated in {made_s:.1f} s)")
    print(f"edits made: {made}")
    splits, aligns, totals = [], [], []
    parts = pairs = None
    for _ in range(args.rounds):
        structure._CACHE.clear()  # the provision tree is built again each round
        t0 = time.perf_counter()
        pa = split_provisions(texts_a, doc_type="rule", title="Rules")
        pb = split_provisions(texts_b, doc_type="rule", title="Rules")
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
    print(f"median of {args.rounds} rounds: split (both documents) {_median(splits)}, "
          f"align {_median(aligns)}, total {_median(totals)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
