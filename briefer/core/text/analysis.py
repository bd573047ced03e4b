"""Text analysis shared by the index, queries, highlighting and find-in-document.

Tokens are found in the raw page text, so their character offsets point into exactly the
text the catalog stores (and the reader highlights). Each token's *term* is normalised:

* Unicode NFKC (ligatures such as "ﬁ" become "fi", Arabic presentation forms become
  letters, full-width digits become digits), then case folding;
* Latin, Greek and Cyrillic letters lose their diacritics ("é" matches "e");
* Arabic script (Urdu, Arabic, Persian) loses diacritics (zabar, zer, pesh, shadda …),
  tatweel and joiners, and yeh / kaf / heh variants are unified (ي ى ی → ی, ك → ک, ه → ہ);
* English words are stemmed (Porter), so "complies" matches "comply"; Arabic-script words
  are not stemmed;
* Chinese and Japanese runs, written without spaces, become one token per character, so a
  phrase of characters finds the word wherever it stands.

A word broken by a hyphen at a line end ("regu-\\nlation", or "regu\\u00adlation" where pdfium
joined the lines and left a soft hyphen) is one token, "regulation".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import repeat
from typing import Iterator, NamedTuple

from whoosh.lang.porter import stem as _porter_stem

# A word: letters/digits plus the combining marks of Latin and Arabic script, optionally
# broken across a line by a hyphen.
_CORE = r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d]+"
WORD_RE = re.compile(rf"{_CORE}(?:(?:[-\u00ad\u2010\u2011]\r?\n|\u00ad){_CORE})*")
_LINEBREAK_HYPHEN = re.compile(r"[-\u00ad\u2010\u2011]\r?\n|\u00ad")

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_DROP = dict.fromkeys(
    list(range(0x0610, 0x061B)) + list(range(0x064B, 0x0660)) + [0x0670, 0x0640, 0x200C, 0x200D]
    + list(range(0x06D6, 0x06EE)))
_ARABIC_MAP = str.maketrans({
    "\u064a": "\u06cc", "\u0649": "\u06cc",  # Arabic yeh, alef maksura -> Farsi/Urdu yeh
    "\u0643": "\u06a9",                      # Arabic kaf -> keheh
    "\u0647": "\u06c1", "\u06d5": "\u06c1",  # heh, ae -> heh goal
})
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                  "\u31f0-\u31ff\uff66-\uff9f]")


class Term(NamedTuple):
    """One analysed token: its normalised ``text`` and span ``[start, end)`` in the raw text."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return str(_porter_stem(word))


@lru_cache(maxsize=200_000)
def normalise_word(raw: str, stem: bool = True) -> str:
    """The term for one raw word (no whitespace in it), as index and queries both use."""
    if "\n" in raw or "\u00ad" in raw:
        raw = _LINEBREAK_HYPHEN.sub("", raw)
    if raw.isascii():
        w = raw.lower()
        if stem and w.isalpha() and len(w) > 2:
            return _stem(w)
        return w
    w = unicodedata.normalize("NFKC", raw).casefold()
    if _ARABIC.search(w):
        w = unicodedata.normalize("NFKD", w).translate(_ARABIC_DROP)
        w = unicodedata.normalize("NFC", w.translate(_ARABIC_MAP))
        return "".join(ch for ch in w if not unicodedata.combining(ch))
    if any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", w)):
        w = "".join(ch for ch in unicodedata.normalize("NFD", w) if not unicodedata.combining(ch))
        w = unicodedata.normalize("NFC", w)
    if stem and w.isascii() and w.isalpha() and len(w) > 2:
        return _stem(w)
    return w


def fold(text: str) -> str:
    """Normalise a whole string without stemming (for prefixes, wildcards, facets)."""
    out = []
    for m in WORD_RE.finditer(text):
        out.append(normalise_word(m.group(0), stem=False))
    return " ".join(out)


def terms(text: str, stem: bool = True) -> Iterator[Term]:
    """Analyse ``text``: yield each token's term and its character span in ``text``."""
    for m in WORD_RE.finditer(text):
        raw = m.group(0)
        start = m.start()
        if _CJK.search(raw):
            yield from _split_cjk(raw, start, stem)
            continue
        yield Term(normalise_word(raw, stem), start, m.end())


MAX_WORD = 40  # longer "words" are noise (URLs, hashes) and stay out of the vocabulary


class PageTerms(list[str]):
    """A page's terms in order (a plain ``list[str]`` to every reader), carrying ``words``:
    the page's distinct folded, unstemmed words the vocabulary counts.

    Both come from one pass over the text in the extraction worker, so the parent, which
    writes the index alone, need not find the page's words again (that was about 0.5 ms
    a page, most of its remaining work per page). Pickled to the parent with its words.
    """

    words: list[str]


def vocabulary_words(folded: "set[str] | frozenset[str]") -> list[str]:
    """The words among ``folded`` that the vocabulary counts (not too long, not CJK: CJK
    runs are searched character by character)."""
    return [w for w in folded if len(w) <= MAX_WORD and not _CJK.search(w)]


def term_texts(text: str) -> PageTerms:
    """The stemmed terms of ``text`` in order: ``[t.text for t in terms(text)]``, faster
    (no spans; one regular expression pass when the text has no CJK characters), with the
    page's vocabulary words (see :class:`PageTerms`)."""
    if _CJK.search(text):
        out = PageTerms(t.text for t in terms(text))
        out.words = vocabulary_words(surface_words(text))
        return out
    raws = WORD_RE.findall(text)
    out = PageTerms(map(normalise_word, raws))
    # no CJK on the page: only the length test of vocabulary_words applies
    out.words = [w for w in set(map(normalise_word, set(raws), repeat(False)))
                 if len(w) <= MAX_WORD]
    return out


def surface_words(text: str) -> set[str]:
    """The distinct folded, unstemmed words of ``text`` (for the vocabulary)."""
    return set(map(_fold_word, set(WORD_RE.findall(text))))


def _fold_word(raw: str) -> str:
    return normalise_word(raw, False)


def _split_cjk(raw: str, start: int, stem: bool) -> Iterator[Term]:
    """CJK characters one by one; runs of other letters inside stay whole words."""
    i = 0
    n = len(raw)
    while i < n:
        if _CJK.match(raw[i]):
            yield Term(unicodedata.normalize("NFKC", raw[i]).casefold(), start + i, start + i + 1)
            i += 1
            continue
        j = i
        while j < n and not _CJK.match(raw[j]):
            j += 1
        yield Term(normalise_word(raw[i:j], stem), start + i, start + j)
        i = j
