"""Pinpoint locators ("Section 20(1)", "Rule 5(1)(b)", "Article 19", "para 12",
"Section 20(1), proviso", "Section 25, Explanation 2") for a passage, read off the
document's provision tree (``structure.py``).

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
"""

from __future__ import annotations

from briefer.core.clips.structure import Locator, tree_for, unit_word

__all__ = ["Locator", "locate", "detect_locator", "unit_word"]


def locate(pages: list[str], page_index: int, start: int, end: int, *,
           doc_type: str = "", title: str = "") -> Locator:
    """The locator of ``pages[page_index][start:end]`` with its certainty.

    ``pages`` holds at least the texts of pages ``0 .. page_index`` (all pages are best:
    the tree is then built once per document and cached).
    """
    tree = tree_for(pages, doc_type=doc_type, title=title)
    return tree.locate(page_index, start, end)


def detect_locator(pages: list[str], page_index: int, start: int, end: int, *,
                   doc_type: str = "", title: str = "") -> str:
    """The locator to store on a clip: '' when none is found or the reading is uncertain."""
    loc = locate(pages, page_index, start, end, doc_type=doc_type, title=title)
    return "" if loc.uncertain else loc.text
