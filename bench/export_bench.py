"""Export benchmark: a brief of 300 quotes from 50 documents to .docx and .md.

Builds a temporary catalog with 50 synthetic rule documents (12 pages each, numbered rules,
sub-rules and clauses, printed page labels), clips 300 passages with detected locators,
puts them in a brief of 10 sections with commentary between the quotes, and times the
exports (each includes verifying every quote against the catalog). Target: under 2 s for
the Word file. Figures are printed, not asserted.

    python bench/export_bench.py [--quotes 300] [--docs 50] [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefer.core.briefs.briefs import (  # noqa: E402
    AddCommentary, AddQuote, BriefStore, CommandStack, CreateBrief, CreateClip)
from briefer.core.catalog.catalog import Catalog  # noqa: E402
from briefer.core.clips.clips import build_clip  # noqa: E402
from briefer.core.export.export import export_brief  # noqa: E402
from briefer.core.export.verify import verify_quotes  # noqa: E402

WORDS = ("authority order content platform user data warrant removal blocking review appeal "
         "notice company officer register information traffic subscriber emergency grounds "
         "proportionate necessary lawful public interest account access service").split()


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def make_document(rng: random.Random, k: int, pages: int = 12) -> tuple[list[str], list[tuple]]:
    """Page texts in pdfium's shape (CRLF lines) with rules, sub-rules and clauses."""
    texts = []
    passages = []
    rule = 0
    for p in range(pages):
        lines = [f"THE GAZETTE OF EXAMPLELAND, DOCUMENT {k}"]
        for _ in range(2):
            rule += 1
            lines.append(f"{rule}. {_sentence(rng, 4)}.\u2014(1) {_sentence(rng, 12)}")
            for sub in range(1, 3):
                if sub > 1:
                    lines.append(f"({sub}) {_sentence(rng, 14)}")
                for letter in "abc":
                    body = _sentence(rng, 16)
                    lines.append(f"({letter}) {body[:60]}")
                    lines.append(f"{body[60:]};")
                    passages.append((p, body[:40]))
        lines.append(str(p + 1))
        texts.append("\r\n".join(lines))
    return texts, passages


def build(catalog: Catalog, n_docs: int, n_quotes: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    store = BriefStore(catalog)
    stack = CommandStack(store)
    candidates = []
    for k in range(n_docs):
        texts, passages = make_document(rng, k)
        sha = hashlib.sha256(f"bench-{k}".encode()).hexdigest()
        doc_id = catalog.insert_document(
            sha256=sha, file_name=f"rules-{k}.pdf", source_path=None, size=1000, status="ok",
            title=f"The Example (Amendment No. {k}) Rules, 2026", doc_type="rule",
            issuer="Ministry of Examples", date="2026-01-28",
            pages=[(i, str(i + 101), "printed", t, False) for i, t in enumerate(texts)])
        for p, text in passages:
            candidates.append((doc_id, p, text))
    rng.shuffle(candidates)
    b = stack.push(CreateBrief("Benchmark brief", subtitle="300 quotes", author="Bench",
                               organisation="Briefer", date="2026-02-01",
                               sections=[f"Section {i + 1}" for i in range(10)]))
    for q, (doc_id, p, text) in enumerate(candidates[:n_quotes]):
        doc = catalog.document(doc_id)
        page = catalog.page(doc_id, p)
        start = page.text.index(text)
        clip = build_clip(catalog, doc, page, start, start + len(text))
        cid = stack.push(CreateClip(clip)).clip_id
        sec = b.section_ids[q * 10 // n_quotes]
        if q % 3 == 0:
            stack.push(AddCommentary(b.brief_id, sec, f"Point {q}: the **rule** is *too wide*."))
        stack.push(AddQuote(b.brief_id, sec, cid, lead_in=f"Quote {q} reads:"))
    return b.brief_id


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, default=300)
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        catalog = Catalog(Path(d) / "library.sqlite")
        t0 = time.perf_counter()
        bid = build(catalog, args.docs, args.quotes)
        print(f"set-up: {args.docs} documents, {args.quotes} quotes in "
              f"{time.perf_counter() - t0:.2f} s")
        store = BriefStore(catalog)
        brief = store.get(bid)
        clips = store.clips_of(brief)
        t = time.perf_counter()
        rep = verify_quotes(catalog, brief, clips)
        print(f"verify {rep.checked} quotes: {time.perf_counter() - t:.3f} s "
              f"({len(rep.problems)} problems)")
        for fmt in ("docx", "md", "json"):
            times = []
            for _ in range(args.runs):
                res = export_brief(catalog, bid, Path(d) / f"brief.{fmt}")
                times.append(res.seconds)
            size = (Path(d) / f"brief.{fmt}").stat().st_size
            extra = f", {res.summary.get('footnotes', 0)} footnotes" if fmt == "docx" else ""
            print(f"export .{fmt}: best {min(times):.3f} s, median "
                  f"{sorted(times)[len(times) // 2]:.3f} s over {args.runs} runs "
                  f"({size / 1024:.0f} KiB{extra})"
                  + ("  [target < 2 s]" if fmt == "docx" else ""))
        catalog.close()


if __name__ == "__main__":
    main()
