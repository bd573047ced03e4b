"""Folded text with a map back to raw offsets: the basis of find-in-document and clipping.

``fold_with_map(raw)`` returns a folded string (case, diacritics, ligatures, fractions,
hyphenated line breaks and runs of white space normalised, each optional) together with,
for every folded character, the span of raw characters it came from. A match found in the
folded string is turned back into a ``[start, end)`` span of the raw page text — the text
the catalog stores and the reader highlights — with :meth:`FoldedText.raw_span`.

:func:`has_inline_hyphen` tells whether a text has a hyphen between two lowercase letters
inside a line; find then also searches the view with ``join_inline_hyphens``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_HYPHENS = "-\u00ad\u2010\u2011"
_CJK = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
                  "\u2e80-\u2fdf\u31f0-\u31ff]")
_ARABIC_MARKS = set(range(0x0610, 0x061B)) | set(range(0x064B, 0x0660)) | {0x0670, 0x0640} | \
    set(range(0x06D6, 0x06EE))
_SPECIAL = {"\u2044": "/", "\u2215": "/", "\u2019": "'", "\u2018": "'", "\u201c": '"',
            "\u201d": '"', "\u00a0": " ", "\u2013": "-", "\u2014": "-", "\u2212": "-"}


@dataclass(frozen=True)
class FoldOptions:
    """What folding ignores. The defaults are those of pdf.js's find bar."""

    case_sensitive: bool = False
    match_diacritics: bool = False
    fold_ligatures: bool = True
    join_hyphens: bool = True
    collapse_space: bool = True
    # "educa-tional": a hyphen left inside a line from an old line break, between two
    # lowercase letters, is dropped (a second view that find searches besides the first,
    # so "seventy-two" is still found as written).
    join_inline_hyphens: bool = False


DEFAULT = FoldOptions()


@dataclass
class FoldedText:
    """A folded string and, per folded character, the raw span it stands for."""

    raw: str
    text: str
    starts: list[int]
    ends: list[int]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering folded characters ``[start, end)``."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.raw)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=4096)
def _fold_char(ch: str, opts: FoldOptions) -> str:
    out = _SPECIAL.get(ch, ch)
    if opts.fold_ligatures:
        out = unicodedata.normalize("NFKC", out)
        out = "".join(_SPECIAL.get(c, c) for c in out)
    if not opts.case_sensitive:
        out = out.casefold()
    if not opts.match_diacritics:
        decomposed = unicodedata.normalize("NFD", out)
        out = "".join(c for c in decomposed
                      if not unicodedata.combining(c) and ord(c) not in _ARABIC_MARKS)
        out = unicodedata.normalize("NFC", out)
    return out


def fold_with_map(raw: str, opts: FoldOptions = DEFAULT) -> FoldedText:
    """Fold ``raw`` as ``opts`` says, keeping the raw span of every folded character."""
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(raw)
    while i < n:
        ch = raw[i]
        if opts.join_hyphens and ch in _HYPHENS and i > 0 and raw[i - 1].isalnum():
            j = i + 1
            if ch == "\u00ad" and j < n and raw[j].isalnum():
                i = j  # pdfium's soft hyphen where it joined a broken word
                continue
            while j < n and raw[j] in " \t":
                j += 1
            if j < n and raw[j] in "\r\n":
                k = j + 1 if raw[j] == "\r" and j + 1 < n and raw[j + 1] == "\n" else j
                k += 1
                while k < n and raw[k] in " \t":
                    k += 1
                if k < n and raw[k].isdigit() and raw[i - 1].isdigit() and ch != "\u00ad":
                    text.append("-")  # "2008-\n02" reads "2008-02" (as pdf.js reads it)
                    starts.append(i)
                    ends.append(i + 1)
                    i = k
                    continue
                if k < n and raw[k].isalnum():
                    i = k  # "regu-\nlation" reads "regulation"
                    continue
        if opts.join_inline_hyphens and ch in "-\u2010" and 0 < i < n - 1 and \
                raw[i - 1].islower() and raw[i + 1].islower():
            i += 1
            continue
        if ch.isspace() and opts.collapse_space:
            j = i + 1
            while j < n and raw[j].isspace():
                j += 1
            if i > 0 and j < n and _CJK.match(raw[i - 1]) and _CJK.match(raw[j]) and \
                    ("\n" in raw[i:j] or "\r" in raw[i:j]):
                i = j  # a line break inside Chinese or Japanese text is no space
                continue
            if text and text[-1] != " ":
                text.append(" ")
                starts.append(i)
                ends.append(j)
            elif not text:
                pass
            i = j
            continue
        folded = _fold_char(ch, opts)
        for c in folded:
            text.append(c)
            starts.append(i)
            ends.append(i + 1)
        i += 1
    if text and text[-1] == " " and opts.collapse_space:
        text.pop()
        starts.pop()
        ends.pop()
    return FoldedText(raw, "".join(text), starts, ends)


_INLINE_HYPHEN = re.compile(r"[^\W\d_][-\u2010][^\W\d_]")


def has_inline_hyphen(text: str) -> bool:
    """Whether ``text`` has a hyphen between two lowercase letters ("educa-tional")."""
    return any(m.group()[0].islower() and m.group()[2].islower()
               for m in _INLINE_HYPHEN.finditer(text))


def fold(text: str, opts: FoldOptions = DEFAULT) -> str:
    """Just the folded string (for needles)."""
    return fold_with_map(text, opts).text


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


def find_all(haystack: FoldedText, needle: str, opts: FoldOptions = DEFAULT,
             whole_word: bool = False) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` in ``haystack`` as raw spans (non-overlapping)."""
    pattern = fold(needle, opts)
    if not pattern:
        return []
    spans: list[tuple[int, int]] = []
    text = haystack.text
    start = 0
    while True:
        k = text.find(pattern, start)
        if k < 0:
            break
        end = k + len(pattern)
        if whole_word:
            before = text[k - 1] if k > 0 else " "
            after = text[end] if end < len(text) else " "
            if (is_word_char(pattern[0]) and is_word_char(before)) or \
                    (is_word_char(pattern[-1]) and is_word_char(after)):
                start = k + 1
                continue
        spans.append(haystack.raw_span(k, end))
        start = end
    return spans
