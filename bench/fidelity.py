"""Citation fidelity on real documents: printed pages, locators, titles and dates.

    python bench/fidelity.py FOLDER EXPECTATIONS [--generated DIR] [--misses] [--metadata]

EXPECTATIONS is a tab-separated table (``tests/corpus/fidelity.tsv`` is the project's):
``kind  file  pdf_page  printed  expect  text`` where kind is

* ``quote``: the passage ``text`` on PDF page ``pdf_page`` (from 1) must be cited with the
  printed page ``printed`` and the locator ``expect`` ('' when no locator should be given:
  an uncertain or empty locator is then right); ``printed`` written ``?7`` means the page
  prints 7 but its text layer does not hold it (a scan's OCR misread or dropped it), so
  Briefer must not claim a printed number there and says it has none;
* ``title``: ``expect`` is a regular expression the guessed title matches (whole, any case);
* ``date``: ``expect`` is the date written in the document ('-' when none is stated);
* ``issuer``: ``expect`` is a regular expression the guessed issuer matches (whole, any
  case; '-' when none is stated, so that any guess is wrong).

``file`` is relative to FOLDER, or ``gen:NAME`` for a document that
``tests/corpus/fidelity_gen.py`` generates (into ``--generated`` or a temporary folder).

Every document goes through the path the user's import takes: ``extract_pdf`` (labels
chosen from the PDF's own and the printed numbers) and ``prepare_for_catalog`` (metadata
guesses), then the locator is worked out from all page texts as a clip does. The script
prints a table with every miss, then the figures: locators right, printed pages right,
titles acceptable, dates right, issuers acceptable, wrong dates that are written in the
document's text (a date quoted from the body: must be 0) or come from file timestamps (must
be 0), and the time
the provision tree takes on the largest document and on a 235-page law (the table's laws
laid end to end).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefer.core.clips.clips import find_passage  # noqa: E402
from briefer.core.clips.structure import build_tree  # noqa: E402
from briefer.core.clips.locators import locate  # noqa: E402
from briefer.core.files import layout  # noqa: E402
from briefer.core.files.extract import extract_pdf, prepare_for_catalog  # noqa: E402
from briefer.core.files.metadata import find_date, pdf_date  # noqa: E402


LONG_LAW_PAGES = 235


@dataclass
class Row:
    kind: str
    file: str
    page: int
    printed: str
    expect: str
    text: str


@dataclass
class Outcome:
    row: Row
    ok: bool
    got: str
    note: str = ""


@dataclass
class Figures:
    quotes: list[Outcome] = field(default_factory=list)
    printed: list[Outcome] = field(default_factory=list)
    titles: list[Outcome] = field(default_factory=list)
    dates: list[Outcome] = field(default_factory=list)
    issuers: list[Outcome] = field(default_factory=list)
    body_dates: list[str] = field(default_factory=list)  # files dated by a date their text quotes
    guesses: dict[str, dict[str, str]] = field(default_factory=dict)  # per file, for --metadata
    file_dates: list[str] = field(default_factory=list)  # files whose date came from a timestamp
    tree_seconds: float = 0.0
    tree_pages: int = 0
    long_law_seconds: float = 0.0  # the laws of the table laid end to end to 235 pages

    @staticmethod
    def share(xs: list[Outcome]) -> float:
        return sum(o.ok for o in xs) / len(xs) if xs else 1.0

    def confidently_wrong(self) -> list[Outcome]:
        """Quotes given a wrong locator without doubt (not uncertain, not empty)."""
        return [o for o in self.quotes
                if not o.ok and o.got and not o.got.endswith("(uncertain)")]

    def summary(self) -> str:
        def line(name: str, xs: list[Outcome]) -> str:
            return f"{name:<22}{sum(o.ok for o in xs):>4} / {len(xs):<4} {self.share(xs):7.1%}"
        return "\n".join([
            line("locators right", self.quotes),
            f"{'  confidently wrong':<22}{len(self.confidently_wrong()):>4} / "
            f"{len(self.quotes):<4} "
            f"{len(self.confidently_wrong()) / max(1, len(self.quotes)):7.1%}",
            line("printed pages right", self.printed),
            line("titles acceptable", self.titles), line("dates right", self.dates),
            line("issuers acceptable", self.issuers),
            f"{'dates from the body':<22}{len(self.body_dates):>4}",
            f"{'dates from file times':<22}{len(self.file_dates):>4}",
            f"{'provision tree':<22}{self.tree_seconds * 1000:7.0f} ms for {self.tree_pages} pages"
            " (largest document)",
        ] + ([f"{'':<22}{self.long_law_seconds * 1000:7.0f} ms for a {LONG_LAW_PAGES}-page law "
              "(the table's laws end to end)"] if self.long_law_seconds else []))

    def table(self, misses_only: bool = False) -> str:
        out = []
        for name, xs in (("quote", self.quotes), ("printed", self.printed),
                         ("title", self.titles), ("date", self.dates),
                         ("issuer", self.issuers)):
            for o in xs:
                if misses_only and o.ok:
                    continue
                r = o.row
                where = f"{r.file} p.{r.page}" if r.page else r.file
                out.append(f"{'ok  ' if o.ok else 'MISS'} {name:<7} {where:<60} "
                           f"want {r.expect if name != 'printed' else r.printed!r:<32} "
                           f"got {o.got!r}{'  (' + o.note + ')' if o.note else ''}"
                           f"{'  “' + r.text[:50] + '”' if name in ('quote', 'printed') else ''}")
        return "\n".join(out)


def read_rows(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for rec in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not rec or rec[0].startswith("#"):
                continue
            rec = rec + [""] * (6 - len(rec))
            kind, file, page, printed, expect, text = rec[:6]
            rows.append(Row(kind, file, int(page) if page.strip() else 0, printed, expect, text))
    return rows


def metadata_table(figs: "Figures") -> str:
    """Every document's guessed kind, date, title and issuer, one line each."""
    out = []
    for name, g in figs.guesses.items():
        out.append(f"{name[:58]:<58} {g.get('doc_type', ''):<9} {g.get('date', ''):<10} "
                   f"{g.get('title', '')}" + (f"  [{g['issuer']}]" if g.get("issuer") else ""))
    return "\n".join(out)


def _written_dates(text: str) -> set[str]:
    """Every full date written in ``text`` (as find_date reads them), in ISO form."""
    out = set()
    for m in re.finditer(r"\b(1[89]\d\d|20\d\d)\b", text):
        window = text[max(0, m.start() - 30):m.end()]
        for k in range(len(window)):  # the date ending at this year, wherever it starts
            found = find_date(window[k:])
            if found:
                out.add(found)
                break
    return out


def _file_dates(path: Path, info: dict[str, str]) -> set[str]:
    out = {pdf_date(info.get("creationdate", "")), pdf_date(info.get("moddate", ""))}
    out.add(datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).date().isoformat())
    return {d for d in out if d}


def _resolve(name: str, folder: Path, generated: Path) -> Path:
    if name.startswith("gen:"):
        from tests.corpus.fidelity_gen import make

        target = generated / f"{name[4:]}.pdf"
        return target if target.exists() else make(name[4:], generated)
    return folder / name


def tables(paths: "Path | Sequence[Path]") -> list[Path]:
    """The expectation files named: a file as it is, a folder as its ``fidelity*.tsv``."""
    out: list[Path] = []
    for p in ([paths] if isinstance(paths, Path) else list(paths)):
        out += sorted(p.glob("fidelity*.tsv")) if p.is_dir() else [p]
    return out


def evaluate(folder: Path, expectations: "Path | Sequence[Path]",
             generated: Optional[Path] = None) -> Figures:
    """Run every expectation of ``expectations`` (files, or folders of ``fidelity*.tsv``) on
    the documents in ``folder``."""
    rows = [r for t in tables(expectations) for r in read_rows(t)]
    figs = Figures()
    gen_dir = generated or Path(tempfile.mkdtemp(prefix="fidelity-"))
    by_file: dict[str, list[Row]] = {}
    for r in rows:
        by_file.setdefault(r.file, []).append(r)
    law_pages: list[str] = []
    for name, file_rows in by_file.items():
        path = _resolve(name, folder, gen_dir)
        result = extract_pdf(path)
        prepare_for_catalog(result, path.name)
        guesses = result.guesses or {}
        figs.guesses[name] = guesses
        texts = [p.text for p in result.pages]
        # superscript markers and marginal notes from the page layout, as a clip reads them
        # from the stored copy (locators.document_marks)
        marks = layout.apart_spans(layout.read_layouts(
            path, texts, [p.order for p in result.pages], head=24))
        t0 = time.perf_counter()
        build_tree(texts, doc_type=guesses.get("doc_type", ""), title=guesses.get("title", ""))
        took = time.perf_counter() - t0
        if len(texts) >= figs.tree_pages:
            figs.tree_seconds, figs.tree_pages = took, len(texts)
        if guesses.get("doc_type") == "law":
            law_pages += texts
        for r in file_rows:
            if r.kind == "title":
                got = guesses.get("title", "")
                figs.titles.append(Outcome(r, re.fullmatch(r.expect, got, re.I) is not None, got))
            elif r.kind == "date":
                got = guesses.get("date", "")
                want = "" if r.expect == "-" else r.expect
                from_file = got and got not in (want,) and got in _file_dates(path, result.info)
                if from_file:
                    figs.file_dates.append(name)
                in_body = bool(got) and got != want and len(got) == 10 and \
                    got in _written_dates("\n".join(texts[:15]))
                if in_body:
                    figs.body_dates.append(name)
                figs.dates.append(Outcome(r, got == want, got,
                                          "a file timestamp" if from_file else
                                          "a date the text quotes" if in_body else ""))
            elif r.kind == "issuer":
                got = guesses.get("issuer", "")
                ok = got == "" if r.expect == "-" else \
                    re.fullmatch(r.expect, got, re.I) is not None
                figs.issuers.append(Outcome(r, ok, got))
            elif r.kind == "quote":
                _quote(figs, r, result, texts, guesses, marks)
    if law_pages:
        long_law = (law_pages * (LONG_LAW_PAGES // len(law_pages) + 1))[:LONG_LAW_PAGES]
        t0 = time.perf_counter()
        build_tree(long_law, doc_type="law")
        figs.long_law_seconds = time.perf_counter() - t0
    return figs


def _quote(figs: Figures, r: Row, result, texts: list[str], guesses: dict[str, str],
           marks=None) -> None:
    i = r.page - 1
    if not 0 <= i < len(texts):
        figs.quotes.append(Outcome(r, False, "", f"no PDF page {r.page}"))
        figs.printed.append(Outcome(r, False, "", f"no PDF page {r.page}"))
        return
    label = result.pages[i].label
    source = result.pages[i].label_source
    if r.printed.startswith("?"):
        # the page prints a number its text layer does not hold (a scan's OCR misread or
        # dropped it): Briefer must not claim a printed number, and says it has none
        ok = source == "index"
    else:
        ok = label == r.printed
    figs.printed.append(Outcome(r, ok, label, source))
    spans = find_passage(texts[i], r.text)
    if not spans:
        figs.quotes.append(Outcome(r, False, "", "passage not found on the page"))
        return
    a, b = spans[0]
    loc = locate(texts, i, a, b, doc_type=guesses.get("doc_type", ""),
                 title=guesses.get("title", ""), marks=marks)
    if r.expect:
        ok = loc.text == r.expect and not loc.uncertain
    else:
        ok = not loc.text or loc.uncertain
    shown = loc.text + (" (uncertain)" if loc.uncertain else "")
    figs.quotes.append(Outcome(r, ok, shown, loc.reason if not ok else ""))


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("expectations", type=Path, nargs="+",
                    help="expectation tables, or folders whose fidelity*.tsv are read")
    ap.add_argument("--generated", type=Path, default=None,
                    help="folder for the generated documents (default: a temporary one)")
    ap.add_argument("--misses", action="store_true", help="print only the misses")
    ap.add_argument("--metadata", action="store_true",
                    help="print every document's guessed kind, date, title and issuer")
    args = ap.parse_args(argv)
    figs = evaluate(args.folder, args.expectations, args.generated)
    print(figs.table(args.misses))
    print()
    if args.metadata:
        print(metadata_table(figs))
        print()
    print(figs.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
