"""Provisions searchable as provisions: ``Article 19``, ``section 499``, ``s. 20(1)``,
``Rule 5(1)(b)`` find the page where that provision begins.

A statute prints "19." beside a marginal note, not "Article 19", so the words of such a
query find pages that merely mention the number (COVID-19) and miss the provision itself.
Here a query that opens with a citation is also read as one: the documents whose top-level
units carry that name (``clips.structure.unit_word``: articles of a constitution, sections
of a law, rules, paragraphs of a judgment) and whose pages have the number at all (one
index look-up) get their provision tree built (``clips.structure``, the cite helper's
model; kept until the index changes), and the provisions whose number path matches are
returned with the page and offset where they begin. Words after the citation
("section 499 penal code") narrow the documents by title when some title has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Optional

from briefer.core.catalog.catalog import Document
from briefer.core.clips.locators import document_tree
from briefer.core.clips.structure import ProvisionTree, unit_word
from briefer.core.handle import LibraryView
from briefer.core.text.analysis import fold
from briefer.core.index.backend import SearchRequest
from briefer.core.index.memo import remembered
from briefer.core.text.query import Word

_CITATION = re.compile(
    r"^\s*(articles?|arts?|sections?|secs?|ss|s|rules?|r|regulations?|regs?|paragraphs?|"
    r"paras?)\.?\s*(\d{1,4}[A-Za-z]{0,3})((?:\s*\(\s*[0-9A-Za-z]{1,6}\s*\))*)\s*(.*)$",
    re.I | re.S)
_WORD_OF = {"art": "Article", "sec": "Section", "ss": "Section", "s": "Section",
            "rul": "Rule", "r": "Rule", "reg": "Regulation", "par": "para"}
MAX_DOCUMENTS = 8  # documents whose trees one query may build


@dataclass
class Citation:
    word: str  # Article, Section, Rule, Regulation or para (as structure.unit_word says)
    number: str  # "19", "20", "5"
    subs: tuple[str, ...]  # ("1", "b")
    rest: str  # words after the citation

    @property
    def text(self) -> str:
        return f"{self.word} {self.number}" + "".join(f"({s})" for s in self.subs)


@dataclass
class ProvisionHit:
    doc_id: int
    page_index: int
    offset: int
    label: str  # the provision as the document's tree names it ("Section 20(1)")


def parse_citation(text: str) -> Optional[Citation]:
    """The citation a query opens with, or None ("Article 19" yes, "article about 19" no)."""
    m = _CITATION.match(text)
    if not m:
        return None
    key = m.group(1).lower()
    word = _WORD_OF.get(key) or _WORD_OF.get(key[:3]) or _WORD_OF.get(key.rstrip("s."))
    if word is None:
        return None
    subs = tuple(s.strip() for s in re.findall(r"\(([^)]+)\)", m.group(3) or ""))
    return Citation(word, m.group(2).upper(), subs, m.group(4).strip())


def _narrow_by_title(docs: list[Document], rest: str) -> list[Document]:
    words = fold(rest).split()
    if not words:
        return docs
    titled = [d for d in docs if all(w in fold(d.title) for w in words)]
    return titled or docs


def find_provisions(library: LibraryView, citation: Citation, documents: Mapping[int, Document],
                    allowed: Optional[frozenset[int]]) -> list[ProvisionHit]:
    """Where the cited provision begins in the library's documents, best candidates
    first (documents with the number on more pages first)."""
    docs = [d for d in documents.values()
            if (allowed is None or d.id in allowed) and
            unit_word(d.doc_type, d.title) == citation.word]
    if not docs:
        return []
    docs = _narrow_by_title(docs, citation.rest)
    # Only documents with the number on some page can hold the provision.
    out = library.index.search(SearchRequest(
        Word(citation.number), documents, frozenset(d.id for d in docs), limit=0,
        need_all=True))
    per_doc = out.pages_per_doc or {}
    ranked = sorted((d for d in docs if per_doc.get(d.id)),
                    key=lambda d: (-per_doc[d.id], d.id))[:MAX_DOCUMENTS]
    want = (citation.number,) + citation.subs
    hits: list[ProvisionHit] = []
    for d in ranked:
        def make(d: Document = d) -> ProvisionTree:
            return document_tree(library.catalog, d)

        tree = remembered(library.index, ("provisions", d.id), make)
        for p in tree.provisions:
            if p.kind in ("unit", "list") and tuple(x.upper() for x in p.path) == \
                    tuple(x.upper() for x in want):
                hits.append(ProvisionHit(d.id, p.start[0], p.start[1], p.label))
                break  # the provision's first occurrence in this document
    return hits
