"""Pinpoint locators ("Section 20(1)", "Rule 5(1)(b)", "Article 19", "para 12",
"Section 20(1), proviso", "Section 25, Explanation 2") for a passage, read off the
document's provision tree (the ``structure`` package).

The tree does the hard work: it skips tables of contents, follows parts, chapters, units,
nested lists, provisos, explanations, exceptions, illustrations and schedules, and marks
numbering that is not consistent around a place as doubtful. This module only turns a
passage into a locator:

* a passage inside one provision gets that provision's label; one that starts at a unit
  and runs into its parts gets the unit's; one spanning two siblings a range
  ("Section 20(1)\u2013(2)", "Sections 20\u201321");
* a passage in a table of contents, far from any numbering, or in doubtful numbering is
  *uncertain*: ``locate`` says so with the best reading and the reason, and
  ``detect_locator`` (what a clip stores) gives no locator rather than a guess. A locator
  the user typed always wins over either.

The page's layout settles what plain text cannot: :func:`document_marks` reads the
superscript markers (footnote references, amendment numbers) and the marginal notes (a
narrow column of headings beside the body) of a document from the library's stored PDF
(:mod:`briefer.core.files.layout`) and the tree leaves them out of the numbers, so "¹500."
is section 500 and a note "Amendment of section" beside "5. In the said Act" does not
make the 5 a wrapped reference. Callers that have a catalog and a document pass
``marks=document_marks(catalog, doc)``; without it (or without pypdfium2, or a stored copy
that cannot be read) the tree is read from the text alone, as before.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path
from typing import Any, Optional

from briefer.core.clips.structure import Locator, Marks, ProvisionTree, text_key, tree_for, \
    unit_word

__all__ = ["Locator", "locate", "detect_locator", "unit_word", "document_marks",
           "document_tree"]

log = logging.getLogger(__name__)

# Characters measured at the start of each line: enough for a marker against a number.
_HEAD = 24
_MARKS: "OrderedDict[str, Marks]" = OrderedDict()  # per document (sha256 + texts)
_MARKS_SIZE = 16


def locate(pages: list[str], page_index: int, start: int, end: int, *,
           doc_type: str = "", title: str = "", marks: Marks = None) -> Locator:
    """The locator of ``pages[page_index][start:end]`` with its certainty.

    ``pages`` holds at least the texts of pages ``0 .. page_index`` (all pages are best:
    the tree is then built once per document and cached). ``marks``: the document's
    superscript markers per page (:func:`document_marks`), or None.
    """
    tree = tree_for(pages, doc_type=doc_type, title=title, marks=marks)
    return tree.locate(page_index, start, end)


def detect_locator(pages: list[str], page_index: int, start: int, end: int, *,
                   doc_type: str = "", title: str = "", marks: Marks = None) -> str:
    """The locator to store on a clip: '' when none is found or the reading is uncertain."""
    loc = locate(pages, page_index, start, end, doc_type=doc_type, title=title, marks=marks)
    return "" if loc.uncertain else loc.text


def document_marks(catalog: Any, doc: Any, texts: Optional[list[str]] = None) -> Marks:
    """The superscript markers and marginal notes of each page of ``doc`` (offset ranges into
    its stored page texts), read once per document from the library's stored copy and kept
    in memory.
    None when they cannot be read (no pypdfium2, the stored copy missing, encrypted or
    unreadable, no page whose text is pdfium's): the tree then reads the text alone."""
    from briefer.core.files import layout

    if not layout.available():
        return None
    if texts is None:
        texts = [p.text for p in catalog.pages(doc.id)]
    key = f"{doc.sha256}\0{text_key(texts)}"
    if key in _MARKS:
        _MARKS.move_to_end(key)
        return _MARKS[key]
    marks: Marks = None
    try:
        from briefer.core.catalog.pageorder import page_order
        from briefer.core.files import textorder
        from briefer.core.paths import stored_pdf

        path = stored_pdf(Path(catalog.path).parent, doc.sha256)
        if path.is_file():
            orders = [page_order(catalog, doc.id, i) if textorder.has_rtl(t)
                      else None for i, t in enumerate(texts)]
            spans = layout.apart_spans(
                layout.read_layouts(path, texts, orders, head=_HEAD))
            marks = spans if any(s is not None for s in spans) else None
    except Exception:  # the layout is a refinement: never a reason to fail a clip
        log.exception("layout of %s", getattr(doc, "sha256", "?"))
        marks = None
    _MARKS[key] = marks
    while len(_MARKS) > _MARKS_SIZE:
        _MARKS.popitem(last=False)
    return marks


def document_tree(catalog: Any, doc: Any, texts: Optional[list[str]] = None) -> ProvisionTree:
    """The provision tree of a catalog document, with its layout's superscript markers."""
    if texts is None:
        texts = [p.text for p in catalog.pages(doc.id)]
    return tree_for(texts, doc_type=doc.doc_type, title=doc.title,
                    marks=document_marks(catalog, doc, texts))
