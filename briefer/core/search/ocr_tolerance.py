"""Search that tolerates OCR noise on scanned pages.

Tesseract misreads letters ("Coordinat0r", "blockimg"), so a word typed correctly can find
nothing on the page where it stands. The policy, kept here so ``search.py`` only calls it:

* only when a search finds nothing, and only for the plain words of the query (not
  phrases, prefixes, wildcards, fuzzy words or fields) that are in no indexed page at all
  (by the vocabulary's stems), of four letters or more;
* those words are tried again with one edit (``word~1``, the query language's own fuzzy
  match: the index expands it through the vocabulary);
* only hits on OCR pages (``page.text_source == "ocr"``) are kept: a text layer has no
  misreadings to forgive, so a near spelling there is not what was asked for;
* the result says so (:data:`NOTE` in ``SearchResult.notes``), so nobody mistakes a near
  match for an exact one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable, Optional

from briefer.core.text.analysis import normalise_word
from briefer.core.text.query import And, Node, Not, Or, Word

__all__ = ["NOTE", "MIN_LETTERS", "loosen", "ocr_only"]

NOTE = ("no exact match on scanned pages; showing words one letter different "
        "(OCR may have misread)")
MIN_LETTERS = 4  # shorter words are one edit away from too many others
_PLAIN = re.compile(r"\w+")


def _missing(word: Word, known: Callable[[str], bool]) -> bool:
    t = word.text
    return (word.mode == "word" and word.field is None and len(t) >= MIN_LETTERS
            and _PLAIN.fullmatch(t) is not None and not t.isdigit()
            and not known(normalise_word(t)))


def loosen(root: Optional[Node], known: Callable[[str], bool]) -> Optional[Node]:
    """``root`` with each plain word that is nowhere in the index (``known(stem)`` false)
    made a one-edit fuzzy word; None when no word is missing (nothing to try again)."""
    changed = False

    def walk(n: Node) -> Node:
        nonlocal changed
        if isinstance(n, Word):
            if _missing(n, known):
                changed = True
                return replace(n, mode="fuzzy", distance=1)
            return n
        if isinstance(n, And):
            return And([walk(i) for i in n.items])
        if isinstance(n, Or):
            return Or([walk(i) for i in n.items])
        if isinstance(n, Not):
            return n  # an excluded word stays exact: excluding near spellings excludes more
        return n

    if root is None:
        return None
    out = walk(root)
    return out if changed else None


def ocr_only(hits: list[Any], page_of: Callable[[int, int], Any]) -> list[Any]:
    """The hits (with ``doc_id``, ``page_index``) that are on OCR pages."""
    out = []
    for h in hits:
        page = page_of(h.doc_id, h.page_index)
        if page is not None and page.text_source == "ocr":
            out.append(h)
    return out
