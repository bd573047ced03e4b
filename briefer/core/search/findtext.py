"""Find in document (the reader's Ctrl+F): every occurrence of a string, page by page.

Matching works as pdf.js's find bar does: by default case, diacritics, ligatures ("ﬁ"),
fractions ("½" = "1/2"), runs of white space and a hyphen at a line break ("regu-\\nlation")
are all folded; ``case_sensitive``, ``match_diacritics`` and ``whole_word`` narrow it. The
spans are ``[start, end)`` offsets into each page's stored text (what the reader
highlights). Several strings can be looked for at once (pdf.js's array queries); a match
inside a longer match of another of them is not counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Optional, Sequence, Union

from briefer.core.handle import LibraryView
from briefer.core.progress import CancelToken, check
from briefer.core.text.textmap import FoldOptions, find_all, fold_with_map, has_inline_hyphen


@dataclass
class PageMatches:
    page_index: int
    page_label: str
    spans: list[tuple[int, int]]

    @property
    def page_number(self) -> int:
        return self.page_index + 1


@dataclass
class FindResult:
    doc_id: Optional[int]
    needle: Union[str, list[str]]
    page_count: int
    pages: list[PageMatches] = field(default_factory=list)  # only pages with matches

    @property
    def total(self) -> int:
        return sum(len(p.spans) for p in self.pages)

    def counts_per_page(self) -> list[int]:
        counts = [0] * self.page_count
        for p in self.pages:
            counts[p.page_index] = len(p.spans)
        return counts

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "needle": self.needle, "total": self.total,
                "pages": [{"page_index": p.page_index, "page_number": p.page_number,
                           "page_label": p.page_label, "spans": [list(s) for s in p.spans]}
                          for p in self.pages]}


def options(case_sensitive: bool = False, match_diacritics: bool = False) -> FoldOptions:
    return FoldOptions(case_sensitive=case_sensitive, match_diacritics=match_diacritics)


def find_in_text(text: str, needle: Union[str, Sequence[str]], *, case_sensitive: bool = False,
                 whole_word: bool = False, match_diacritics: bool = False
                 ) -> list[tuple[int, int]]:
    """Spans of every occurrence of ``needle`` (a string or several) in ``text``."""
    needles = [needle] if isinstance(needle, str) else list(needle)
    opts = options(case_sensitive, match_diacritics)
    if not text or not any(n and n.strip() for n in needles):
        return []
    views = [(fold_with_map(text, opts), opts)]
    if has_inline_hyphen(text):
        # "educa-tional" (a hyphen left from an old line break) is also found as "educational"
        joined = replace(opts, join_inline_hyphens=True)
        views.append((fold_with_map(text, joined), joined))
    spans: list[tuple[int, int]] = []
    for folded, view_opts in views:
        for n in needles:
            if n and n.strip():
                spans.extend(find_all(folded, n, view_opts, whole_word=whole_word))
    if len(needles) > 1 or len(views) > 1:
        spans = _drop_contained(spans)
    return sorted(set(spans))


def _drop_contained(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(set(spans), key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    for s in spans:
        if out and s[0] >= out[-1][0] and s[1] <= out[-1][1]:
            continue
        out.append(s)
    return out


def find_in_pages(texts: Iterable[str], needle: Union[str, Sequence[str]], *,
                  case_sensitive: bool = False, whole_word: bool = False,
                  match_diacritics: bool = False, labels: Optional[Sequence[str]] = None,
                  cancel: Optional[CancelToken] = None) -> FindResult:
    """Find in a list of page texts (page ``i`` of ``texts`` is PDF page ``i + 1``)."""
    res = FindResult(None, needle if isinstance(needle, str) else list(needle), 0)
    for i, text in enumerate(texts):
        check(cancel)
        res.page_count += 1
        spans = find_in_text(text, needle, case_sensitive=case_sensitive,
                             whole_word=whole_word, match_diacritics=match_diacritics)
        if spans:
            label = labels[i] if labels is not None and i < len(labels) else str(i + 1)
            res.pages.append(PageMatches(i, label, spans))
    return res


def find_in_document(library: LibraryView, doc_id: int, needle: Union[str, Sequence[str]], *,
                     case_sensitive: bool = False, whole_word: bool = False,
                     match_diacritics: bool = False,
                     cancel: Optional[CancelToken] = None) -> FindResult:
    """Every occurrence of ``needle`` in the stored text of document ``doc_id``."""
    pages = library.catalog.pages(doc_id)
    res = find_in_pages([p.text for p in pages], needle, case_sensitive=case_sensitive,
                        whole_word=whole_word, match_diacritics=match_diacritics,
                        labels=[p.label or str(p.index + 1) for p in pages], cancel=cancel)
    res.doc_id = doc_id
    return res
