"""``briefer compare DOC_A DOC_B``: what changed between two versions of a document, as a
table of aligned provisions (``--changed-only`` leaves out the unchanged ones, ``--json``
prints :func:`briefer.core.ops.compare.comparison_as_dict`). Parsing and printing only:
the split, the alignment and every rule are in :mod:`briefer.core.ops.compare`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Callable

from briefer import lazy
from briefer.cli.common import EXIT_OK, EXIT_USAGE, CliError, cli_error, print_json, \
    resolve_doc, session_of, shorten
from briefer.core.errors import BrieferError

if TYPE_CHECKING:
    from briefer.core.compare.model import Comparison, Pair, WordOp
    from briefer.core.ops import compare as compare_ops
else:  # loaded on first use: a short command starts quickly (briefer/lazy.py)
    compare_ops = lazy.module("briefer.core.ops.compare")

_USAGE_REASONS = {"same_document", "no_text", "no_structure"}
_HINT = {"no_text": "Read its scanned pages first with `briefer ocr DOC`.",
         "no_structure": "Compare documents with numbered provisions (rules, acts, "
                         "articles) or reports with a table of contents."}
_CITE_WIDTH = 34
_CONTEXT = 5      # words of context around each change in the word-difference line
_HUNKS = 4        # changes shown per provision; the rest are counted


def cmd_compare(args: argparse.Namespace) -> int:
    with session_of(args, readonly_ok=True) as session:
        a = resolve_doc(session, args.earlier)
        b = resolve_doc(session, args.later)
        try:
            c = compare_ops.compare_documents(session, a.id, b.id)
        except BrieferError as exc:
            if exc.reason in _USAGE_REASONS:
                hint = _HINT.get(exc.reason)
                raise CliError(f"{str(exc).rstrip('.')}." + (f" {hint}" if hint else ""),
                               EXIT_USAGE)
            raise cli_error(exc)
    if args.json:
        print_json(compare_ops.comparison_as_dict(c, changed_only=args.changed_only))
    else:
        print_table(c, changed_only=args.changed_only)
    return EXIT_OK


def _cite(p: Pair, side: str) -> str:
    part = p.earlier if side == "earlier" else p.later
    return "\u2014" if part is None else shorten(part.citation, _CITE_WIDTH)


def _pages(p: Pair) -> str:
    a = f"p. {p.earlier.page_label}" if p.earlier is not None else ""
    b = f"p. {p.later.page_label}" if p.later is not None else ""
    return f"{a} \u2192 {b}" if a and b else a or b


def diff_line(words: tuple[WordOp, ...]) -> str:
    """The word difference as one line, wdiff style: ``[-deleted-]{+inserted+}`` with a
    few words of context around each change; long runs of equal words elided."""
    out: list[str] = []
    hunks = 0
    more = 0
    for k, w in enumerate(words):
        text = w.text.strip()
        if w.op == "equal":
            ws = text.split()
            first, last = k == 0, k == len(words) - 1
            if first and len(ws) > _CONTEXT:
                ws = ["\u2026"] + ws[-_CONTEXT:]
            elif last and len(ws) > _CONTEXT:
                ws = ws[:_CONTEXT] + ["\u2026"]
            elif not first and not last and len(ws) > 2 * _CONTEXT:
                ws = ws[:_CONTEXT] + ["\u2026"] + ws[-_CONTEXT:]
            if hunks < _HUNKS:
                out.append(" ".join(ws))
            continue
        if w.op == "delete" or k == 0 or words[k - 1].op != "delete":
            hunks += 1
        if hunks > _HUNKS:
            more += 1
            continue
        ws = text.split()
        if len(ws) > 2 * _CONTEXT + 2:  # a long run rewritten: its ends
            text = " ".join(ws[:_CONTEXT] + ["\u2026"] + ws[-_CONTEXT:])
        out.append(f"[-{text}-]" if w.op == "delete" else f"{{+{text}+}}")
    line = " ".join(out)
    if more:
        line += f" \u2026 and {more} more change{'s' if more != 1 else ''}"
    return line


def print_table(c: Comparison, *, changed_only: bool = False) -> None:
    pairs = c.changed() if changed_only else c.pairs
    print(f"Earlier: #{c.earlier_id} {c.earlier_title}")
    print(f"Later:   #{c.later_id} {c.later_title}")
    print()
    if not pairs:
        print("No provision changed." if changed_only else "Neither document has provisions.")
    else:
        rows = [(_cite(p, "earlier"), _cite(p, "later"), p.change, _pages(p)) for p in pairs]
        w1 = max(len("Earlier"), *(len(r[0]) for r in rows))
        w2 = max(len("Later"), *(len(r[1]) for r in rows))
        w3 = max(len("Change"), *(len(r[2]) for r in rows))
        print(f"  {'Earlier':<{w1}}  {'Later':<{w2}}  {'Change':<{w3}}  Pages")
        for p, (a, b, ch, pages) in zip(pairs, rows):
            sim = f"  ({p.similarity:.0%} alike)" if p.words else ""
            print(f"  {a:<{w1}}  {b:<{w2}}  {ch:<{w3}}  {pages}{sim}")
            if p.words:
                print(f"      {diff_line(p.words)}")
    counts = c.counts()
    print()
    print(", ".join(f"{n} {change}" for change, n in counts.items()) + ".")


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser(
        "compare", help="what changed between two versions of a document",
        description="Line up the provisions of two versions of a document (a draft and "
                    "the notified rules, or last year's report and this year's) and say "
                    "which are unchanged, reworded, moved, renumbered, added or removed. "
                    "Reworded provisions show their words [-deleted-] and {+inserted+}.")
    common(p)
    p.add_argument("earlier", metavar="DOC_A", help="the earlier version (number, file name "
                                                    "or title words)")
    p.add_argument("later", metavar="DOC_B", help="the later version")
    p.add_argument("--changed-only", action="store_true",
                   help="leave out the provisions that did not change")
    p.set_defaults(func=cmd_compare)
