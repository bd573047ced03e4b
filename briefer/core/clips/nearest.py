"""The passage on a page that comes nearest to text a person typed, and where they differ.

When a typed passage is not on the page ("within seventy two hours" where the page reads
"within seventy-two hours", or a word misremembered), saying only "not on page 29" leaves
the person guessing. This module finds the run of words on the page most like the typed
words and the first place they part.

How: both texts are folded the way clipping folds them (case, diacritics, ligatures,
hyphenated line breaks), cut into words, and every window of the page as long as the typed
passage is scored by how many of the typed words it holds (a sliding count, linear in the
page). The best few windows, widened and narrowed by a word or two, are compared word by
word with :class:`difflib.SequenceMatcher`; the best ratio wins and its first unequal
stretch says where the texts differ. A page of 3,000 characters takes a few milliseconds.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from typing import Any, Optional

from briefer.core.text.textmap import FoldedText, fold_with_map

_WORD = re.compile(r"\w+")
MIN_SIMILARITY = 0.5  # below this, nothing on the page is "near"
_CANDIDATES = 6


@dataclass(frozen=True)
class NearMatch:
    """The nearest passage: raw ``[start, end)`` of the page text, how alike (0–1), and the
    first difference — ``typed`` (the person's words there, '' when they left words out)
    against ``found`` (the page's words there, '' when they typed words too many)."""

    page_index: int
    start: int
    end: int
    text: str
    similarity: float
    typed: str
    found: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def difference(self) -> str:
        """The first difference in words for a person."""
        if self.typed and self.found:
            return f"it has \u201c{self.found}\u201d where you typed \u201c{self.typed}\u201d"
        if self.typed:
            return f"it does not have \u201c{self.typed}\u201d"
        if self.found:
            return f"it also has \u201c{self.found}\u201d"
        return "only spacing or punctuation differs"


def _words(ft: FoldedText) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(ft.text)]


def _raw(ft: FoldedText, words: list[tuple[str, int, int]], a: int, b: int) -> str:
    """The raw text of words ``[a, b)`` with white space made single."""
    if b <= a:
        return ""
    s, e = ft.raw_span(words[a][1], words[b - 1][2])
    return " ".join(ft.raw[s:e].split())


def _window_overlaps(page: list[str], need: Counter[str], n: int) -> list[tuple[int, int]]:
    """``(shared words, start)`` of every window of ``n`` page words."""
    have: Counter[str] = Counter()
    shared = 0
    out: list[tuple[int, int]] = []
    for i, w in enumerate(page):
        have[w] += 1
        if have[w] <= need.get(w, 0):
            shared += 1
        if i >= n:
            old = page[i - n]
            if have[old] <= need.get(old, 0):
                shared -= 1
            have[old] -= 1
        if i >= n - 1:
            out.append((shared, i - n + 1))
    if len(page) < n:
        out.append((shared, 0))
    return out


def word_counts(folded: FoldedText) -> Counter[str]:
    """How often each folded word occurs in ``folded``."""
    return Counter(w for w, _a, _b in _words(folded))


def overlap(have: Counter[str], need: Counter[str]) -> int:
    """How many of the needed words ``have`` holds (a cheap ranking of pages)."""
    return sum(min(c, have[w]) for w, c in need.items())


def word_overlap(page_text: str, needle: str) -> int:
    """How many of the needle's words the page holds."""
    return overlap(word_counts(fold_with_map(page_text)), word_counts(fold_with_map(needle)))


def nearest_passage(page_text: str, needle: str, page_index: int = 0,
                    min_similarity: float = MIN_SIMILARITY) -> Optional[NearMatch]:
    """The passage of ``page_text`` nearest to ``needle``, or None when nothing is near."""
    nf = fold_with_map(needle)
    typed = _words(nf)
    pf = fold_with_map(page_text)
    page = _words(pf)
    if not typed or not page:
        return None
    tw = [w for w, _a, _b in typed]
    pw = [w for w, _a, _b in page]
    n = len(tw)
    ranked = sorted(_window_overlaps(pw, Counter(tw), n), key=lambda x: (-x[0], x[1]))
    # the most typed words matched, then the window closest in length to what was typed,
    # then the one that starts and ends with the typed words
    best: Optional[tuple[int, int, int, int, int]] = None
    seen: set[tuple[int, int]] = set()
    for shared, start in ranked[:_CANDIDATES]:
        if shared == 0:
            break
        for a in range(max(0, start - 2), min(len(pw), start + 3)):
            for length in range(max(1, n - 2), n + 3):
                b = min(len(pw), a + length)
                if (a, b) in seen or b <= a:
                    continue
                seen.add((a, b))
                sm = SequenceMatcher(None, tw, pw[a:b], autojunk=False)
                matched = sum(m.size for m in sm.get_matching_blocks())
                ends = (pw[a] == tw[0]) + (pw[b - 1] == tw[-1])
                key = (matched, -abs((b - a) - n), ends, -a, b)
                if best is None or key > best:
                    best = key
    if best is None:
        return None
    a, b = -best[3], best[4]
    if 2 * best[0] / (n + b - a) < min_similarity:
        return None
    # trim page words at either end that stand against no typed word
    sm = SequenceMatcher(None, tw, pw[a:b], autojunk=False)
    ops = sm.get_opcodes()
    if ops and ops[-1][0] == "insert":
        b = a + ops[-1][3]
    if ops and ops[0][0] == "insert":
        a = a + ops[0][4]
    sm = SequenceMatcher(None, tw, pw[a:b], autojunk=False)
    typed_diff = found_diff = ""
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            typed_diff = _raw(nf, typed, i1, i2)
            found_diff = _raw(pf, page, a + j1, a + j2)
            break
    s, e = pf.raw_span(page[a][1], page[b - 1][2])
    return NearMatch(page_index, s, e, " ".join(page_text[s:e].split()), round(sm.ratio(), 3),
                     typed_diff, found_diff)
