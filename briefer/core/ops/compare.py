"""Comparing two versions of a document: what changed between the draft and the notified
text (issue 20). Front ends call only these functions.

:func:`compare_documents` splits both documents into provisions
(:func:`briefer.core.compare.split.split_provisions`: a legal text by its provision tree,
with the layout's footnote markers; a report by the headings of its contents) and aligns
them (:func:`briefer.core.compare.align.compare_parts`). Errors, each with a ``reason``:
``document_not_found``; ``same_document`` (a document against itself);
``no_text`` (a document with no text yet, e.g. a scan waiting for OCR) and
``no_structure`` (no numbered provisions and no headings to split it by).
:func:`comparison_as_dict` is the plain-data form (the command line's ``--json``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional, Sequence

from briefer.core.briefs.commands import MacroCommand
from briefer.core.catalog.catalog import Document
from briefer.core.clips.locators import document_marks
from briefer.core.compare.align import compare_parts
from briefer.core.compare.model import CHANGES, Comparison, Pair, Part
from briefer.core.compare.split import split_provisions
from briefer.core.errors import BrieferError
from briefer.core.ops.clips import require_document
from briefer.core.ops.session import Session

__all__ = ["CompareError", "compare_documents", "comparison_as_dict", "document_parts",
           "part_as_dict", "pair_as_dict"]


class CompareError(BrieferError):
    """Two documents cannot be compared; the message says why.

    ``reason``: ``"same_document"``, ``"no_text"`` or ``"no_structure"``; ``details``
    has the ``doc_id``."""

    reason = "no_structure"


def document_parts(session: Session, doc: Document,
                   other: Optional[Document] = None) -> list[Part]:
    """The provisions (or a report's sections) of ``doc`` in document order, read beside
    the ``other`` version when given (running headers, hyphenated words); raises
    :class:`CompareError` when it has no text or nothing to split it by."""
    catalog = session.catalog()
    pages = catalog.pages(doc.id)
    texts = [p.text for p in pages]
    companion = [p.text for p in catalog.pages(other.id)] if other is not None else []
    name = f"#{doc.id} {doc.title}"
    if not any(t.strip() for t in texts):
        raise CompareError(f"{name} has no text to compare yet (its pages are scans that "
                           "have not been read)", reason="no_text",
                           details={"doc_id": doc.id})
    labels = [p.label if p.label and p.label_source != "index" else str(p.index + 1)
              for p in pages]
    # the layout's superscripts keep footnote markers out of a legal text's numbers; a
    # report is split by its headings, and reading every page's layout costs seconds
    marks = None if doc.doc_type in ("report", "statement") else \
        document_marks(catalog, doc, texts)
    parts = split_provisions(texts, doc_type=doc.doc_type, title=doc.title, marks=marks,
                             labels=labels, companion=companion)
    if not parts:
        raise CompareError(f"{name} has no numbered provisions and no headings listed in "
                           "a table of contents, so there is nothing to line up with the "
                           "other version", reason="no_structure",
                           details={"doc_id": doc.id})
    return parts


def compare_documents(lib: Session, earlier_id: int, later_id: int) -> Comparison:
    """Compare document ``earlier_id`` (the draft, the old rules) with ``later_id`` (the
    notified text, the replacement): every provision of either, paired and marked."""
    if earlier_id == later_id:
        raise CompareError(f"#{earlier_id} is the same document on both sides; choose two "
                           "versions to compare", reason="same_document",
                           details={"doc_id": earlier_id})
    a = require_document(lib, earlier_id)
    b = require_document(lib, later_id)
    pairs = compare_parts(document_parts(lib, a, b), document_parts(lib, b, a))
    return Comparison(a.id, b.id, a.title, b.title, pairs)


def part_as_dict(p: Optional[Part]) -> Optional[dict[str, Any]]:
    if p is None:
        return None
    return {"key": p.key, "citation": p.citation, "heading": p.heading, "text": p.text,
            "page_index": p.page_index, "page_number": p.page_index + 1, "page": p.page_label,
            "start": list(p.start), "end": list(p.end)}


def pair_as_dict(p: Pair) -> dict[str, Any]:
    return {"change": p.change, "key": p.key, "similarity": p.similarity,
            "earlier": part_as_dict(p.earlier), "later": part_as_dict(p.later),
            "words": [{"op": w.op, "text": w.text} for w in p.words]}


def comparison_as_dict(c: Comparison, changed_only: bool = False) -> dict[str, Any]:
    """The comparison as plain data: both documents, the count of each change (always
    over every pair) and the pairs (only the changed ones with ``changed_only``)."""
    pairs = c.changed() if changed_only else c.pairs
    return {"earlier": {"id": c.earlier_id, "title": c.earlier_title},
            "later": {"id": c.later_id, "title": c.later_title},
            "counts": c.counts(), "changes": list(CHANGES), "changed_only": changed_only,
            "pairs": [pair_as_dict(p) for p in pairs]}


# --------------------------------------------------------------------------- the window's
# The comparison in the window: which two documents to offer, the change in words, the
# Word table, and the pairs quoted into a brief (each one undoable step).

def suggest_pair(lib: Session, selected: Sequence[int] = ()) -> Optional[tuple[int, int]]:
    """The two documents a person most likely wants compared, ``(earlier_id, later_id)``,
    or None: the two ``selected`` ones (older first); with one selected, its other version
    (the one it supersedes or is superseded by, else the nearest in date of the same
    title); with none, the latest two documents that share a title. "The same title"
    ignores case, punctuation, years and the word "draft", so "Draft Social Media (Online
    Harms) Rules, 2025" and "The Social Media (Online Harms) Rules, 2026" are two versions
    of one rule."""
    docs = {d.id: d for d in lib.catalog().documents()}
    chosen = [docs[i] for i in selected if i in docs]
    if len(chosen) >= 2:
        a, b = sorted(chosen[:2], key=_age)
        return a.id, b.id
    if len(chosen) == 1:
        doc = chosen[0]
        for other_id in (doc.supersedes, doc.superseded_by):
            if other_id in docs:
                a, b = sorted((doc, docs[other_id]), key=_age)
                return a.id, b.id
        same = [d for d in docs.values() if d.id != doc.id and _same_title(d, doc)]
        if not same:
            return None
        other = min(same, key=lambda d: abs(_day(d) - _day(doc)))
        a, b = sorted((doc, other), key=_age)
        return a.id, b.id
    groups: dict[str, list[Any]] = {}
    for d in docs.values():
        key = title_key(d.title)
        if key and d.status != "superseded":
            groups.setdefault(key, []).append(d)
    versions = [sorted(g, key=_age) for g in groups.values() if len(g) >= 2]
    if not versions:
        return None
    latest = max(versions, key=lambda g: _age(g[-1]))
    return latest[-2].id, latest[-1].id


_TITLE_NOISE = re.compile(r"\b(?:the|draft|final|notified|of|\d{4})\b|[^\w\s]", re.I)


def title_key(title: str) -> str:
    """``title`` with case, punctuation, years and "the/draft/final/notified" left out."""
    return " ".join(_TITLE_NOISE.sub(" ", title.lower()).split())


def _same_title(a: Any, b: Any) -> bool:
    return bool(title_key(a.title)) and title_key(a.title) == title_key(b.title)


def _day(doc: Any) -> int:
    digits = re.sub(r"\D", "", doc.date or "")[:8].ljust(8, "0")
    return int(digits) if digits.strip("0") else 0


def _age(doc: Any) -> tuple[int, int, int]:
    """Older first: by date, then version, then the order the library received them."""
    return (_day(doc), int(doc.version or 0), int(doc.id))


def change_words(pair: Pair) -> str:
    """The change of ``pair`` for a person ("renumbered from Rule 4"); the Word table's
    words (:func:`briefer.core.export.compare_docx.describe_change`)."""
    from briefer.core.export.compare_docx import describe_change

    return describe_change(pair)


def side_marks(pair: Pair, side: str) -> list[tuple[str, str]]:
    """One side ("earlier"/"later") of ``pair`` as ``[(text, mark)]``, mark "", "insert"
    or "delete": what the window paints and the Word table writes
    (:func:`briefer.core.export.compare_docx.side_runs`)."""
    from briefer.core.export.compare_docx import side_runs

    return side_runs(pair, side)


def summary_words(c: Comparison) -> str:
    """"2 reworded · 1 added · 9 unchanged": the counts in words."""
    from briefer.core.export.compare_docx import summary_line

    return summary_line(c.counts())


def export_comparison(lib: Session, c: Comparison, path: str | Path, *, changed_only: bool = False,
                      overwrite: bool = False, template: Optional[str | Path] = None,
                      progress: Any = None, cancel: Any = None) -> Path:
    """Write comparison ``c`` as a Word table (provision | earlier | later | change) to
    ``path`` (a ``.docx``), whole or not at all. An existing file is not replaced unless
    ``overwrite``: reason ``file_exists`` (the path in ``details``) before a byte is
    written, as for a brief. Reason ``invalid_target`` for another suffix or a missing
    folder, ``template_unusable`` for a template that cannot be used."""
    from briefer.core.export.compare_docx import build_comparison_docx
    from briefer.core.export.export import ExportError, atomic_write, require_target
    from briefer.core.export.export_docx import TemplateError
    from briefer.core.progress import check, report

    target = Path(path).expanduser()
    if target.suffix.lower() != ".docx":
        raise ExportError(f"a comparison is written as a Word file: name it “{target.stem}"
                          ".docx”", details={"path": str(target)})
    require_target(target, overwrite)
    report(progress, 0, 1, "Writing", target.name)
    try:
        data, _summary = build_comparison_docx(
            c, changed_only=changed_only, template=template,
            earlier_short=short_names(lib, c)[0], later_short=short_names(lib, c)[1])
    except TemplateError as exc:
        raise ExportError(str(exc), reason="template_unusable") from exc
    check(cancel)
    require_target(target, overwrite)
    atomic_write(target, data)
    report(progress, 1, 1, "Exported", target.name)
    return target


def short_names(lib: Session, c: Comparison) -> tuple[str, str]:
    """The two documents' short titles, told apart when they are the same (two years of
    one report): by the year of each document's date, else by its number."""
    a = _short_title(lib, c.earlier_id, c.earlier_title)
    b = _short_title(lib, c.later_id, c.later_title)
    if a != b:
        return a, b
    cat = lib.catalog()
    years = []
    for doc_id in (c.earlier_id, c.later_id):
        doc = cat.document(doc_id)
        years.append((doc.date or "")[:4] if doc is not None else "")
    if all(years) and years[0] != years[1] and not any(y in a for y in years):
        return f"{a} ({years[0]})", f"{b} ({years[1]})"
    return f"{a} (#{c.earlier_id})", f"{b} (#{c.later_id})"


def _short_title(lib: Session, doc_id: int, title: str) -> str:
    """The document's title as a citation's short form ("Rules 2026", "Draft Rules 2025")."""
    from briefer.core.briefs.citations import derive_short_title

    doc = lib.catalog().document(doc_id)
    try:
        return derive_short_title(doc.title if doc is not None else title) or title
    except Exception:  # a title the shortener cannot read: the whole title
        return title


class QuoteComparison(MacroCommand):
    """Quote provisions of two compared documents into a brief as ONE step: a new brief
    when ``brief_id`` is None, a new section when ``section_id`` is None (headed
    ``heading``), then for every block either commentary (a ``str``) or a clip of a
    passage quoted with its lead-in (``(clip, lead_in)``). Like
    :class:`briefer.core.ops.briefs.QuoteSelection`, its steps are made in its first
    ``do`` inside one transaction; undo and redo replay them."""

    def __init__(self, blocks: list[Any], brief_id: Optional[int], section_id: Optional[int],
                 heading: str, position: Optional[int] = None, *,
                 style: Optional[str] = None) -> None:
        super().__init__("Add comparison", [])
        self.blocks = blocks
        self.brief_id = brief_id
        self.section_id = section_id if brief_id is not None else None
        self.heading = heading
        self.position = position if self.section_id is not None else None
        self.style = style
        self.created_brief = self.created_section = False
        self.item_ids: list[int] = []

    def do(self, store: Any) -> None:
        from briefer.core.briefs.commands import (AddCommentary, AddSection, ClipAndQuote,
                                                  CreateBrief)
        from briefer.core.ops.briefs import NEW_BRIEF_TITLE

        if self._done_once:
            super().do(store)
            return
        steps: list[Any] = []
        with store.catalog.transaction():
            if self.brief_id is None:
                brief = CreateBrief(NEW_BRIEF_TITLE, citation={"style": self.style}
                                    if self.style else {}, sections=[self.heading])
                brief.do(store)
                steps.append(brief)
                self.brief_id, self.section_id = brief.brief_id, brief.section_ids[0]
                self.created_brief = True
            elif self.section_id is None:
                section = AddSection(self.brief_id, self.heading)
                section.do(store)
                steps.append(section)
                self.section_id = section.section_id
                self.created_section = True
            assert self.brief_id is not None and self.section_id is not None
            for n, block in enumerate(self.blocks):
                at = None if self.position is None else self.position + n
                if isinstance(block, str):
                    step: Any = AddCommentary(self.brief_id, self.section_id, block, at)
                else:
                    clip, lead_in = block
                    step = ClipAndQuote(clip, self.brief_id, self.section_id, lead_in, "", at)
                step.do(store)
                steps.append(step)
                self.item_ids.append(int(step.item_id))
        self.commands = steps
        self._done_once = True


def _part_clips(lib: Session, doc_id: int, part: Part) -> list[Any]:
    """Clips of a provision's text, one per page it runs over (a clip is on one page)."""
    from briefer.core.clips.clips import build_clip
    from briefer.core.ops.clips import require_document, require_page

    doc = require_document(lib, doc_id)
    clips = []
    (first, start), (last, end) = part.start, part.end
    if last >= doc.page_count:  # an end just past the last page: to the end of that page
        last, end = doc.page_count - 1, 1 << 30
    for index in range(first, last + 1):
        page = require_page(lib, doc, index)
        a = start if index == first else 0
        b = end if index == last else len(page.text)
        b = min(b, len(page.text))
        while a < b and page.text[a].isspace():
            a += 1
        while b > a and page.text[b - 1].isspace():
            b -= 1
        if a < b:
            clips.append(build_clip(lib.catalog(), doc, page, a, b))
    return clips


def _pair_blocks(lib: Session, c: Comparison, pair: Pair) -> list[Any]:
    """A pair as a brief shows it: a line saying what changed, the earlier text, the
    later text (a side that does not exist is left out)."""
    part = pair.later if pair.later is not None else pair.earlier
    name = part.citation if part is not None and part.citation else "Text"
    blocks: list[Any] = [f"**{name}**: {change_words(pair)}."]
    first, second = short_names(lib, c)
    for side_id, side, title, word in ((c.earlier_id, pair.earlier, first, "Earlier"),
                                       (c.later_id, pair.later, second, "Later")):
        if side is None:
            continue
        for n, clip in enumerate(_part_clips(lib, side_id, side)):
            blocks.append((clip, f"{word} ({title}):" if n == 0 else ""))
    return blocks


def _heading(lib: Session, c: Comparison) -> str:
    """"What changed: Draft Social Media Rules, 2025 → Social Media Rules, 2026"."""
    first, second = short_names(lib, c)
    return f"What changed: {first} → {second}"


def add_pair_to_brief(lib: Session, brief_id: Optional[int], c: Comparison, pair: Pair,
                      section_id: Optional[int] = None, *, position: Optional[int] = None,
                      style: Optional[str] = None) -> QuoteComparison:
    """Quote one pair of comparison ``c`` into a brief as ONE undoable step: a line
    saying what changed ("**Rule 5**: renumbered from Rule 4."), then the earlier and the
    later text, each a clip of its document cited like any quote. A new brief when
    ``brief_id`` is None, a new section ("What changed: …") when ``section_id`` is None.
    A refused edit (a read-only library, a document removed since) raises and changes
    nothing."""
    lib.require_writable()
    cmd = QuoteComparison(_pair_blocks(lib, c, pair), brief_id, section_id, _heading(lib, c),
                          position, style=style)
    _run_brief_edit(lib, cmd)
    return cmd


def add_table_to_brief(lib: Session, brief_id: Optional[int], c: Comparison,
                       section_id: Optional[int] = None, *, changed_only: bool = True,
                       style: Optional[str] = None) -> QuoteComparison:
    """Quote the whole change table of ``c`` — every changed pair (every pair unless
    ``changed_only``), as :func:`add_pair_to_brief` quotes one, after a line of counts —
    into a new section "What changed: …" (or at the end of ``section_id``), as ONE
    undoable step."""
    lib.require_writable()
    blocks: list[Any] = [f"Compared with {c.earlier_title}, {c.later_title} has: "
                         f"{summary_words(c)}."]
    for pair in (c.changed() if changed_only else c.pairs):
        blocks.extend(_pair_blocks(lib, c, pair))
    cmd = QuoteComparison(blocks, brief_id, section_id, _heading(lib, c), style=style)
    _run_brief_edit(lib, cmd)
    return cmd


def _run_brief_edit(lib: Session, cmd: Any) -> None:
    from briefer.core.ops.briefs import _storage_words

    with _storage_words():
        cmd.do(lib.briefs())
