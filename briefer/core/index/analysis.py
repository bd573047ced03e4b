"""The search index's Whoosh analyzer, over :mod:`briefer.core.text.analysis`.

The analysis itself (words, terms, folding, the vocabulary's words) lives in the text room,
below the index, so extraction, search and highlighting use it without importing the index.
This module keeps what is Whoosh's own: :class:`BrieferAnalyzer` and :class:`AnalysedText`.

Its path is part of every library on disk: a Whoosh index pickles its schema, naming
``briefer.core.index.analysis.BrieferAnalyzer`` by module path, so the class must stay
defined here (moving it would make every user's index unreadable until rebuilt). The
analysis names are re-exported for code written against the old place.
"""

from __future__ import annotations

from typing import Iterator

from whoosh.analysis import Composable, Token

from briefer.core.text.analysis import (  # noqa: F401  (re-exported: the old place)
    MAX_WORD, WORD_RE, PageTerms, Term, fold, normalise_word, surface_words, term_texts,
    terms, vocabulary_words)


class AnalysedText(str):
    """Text whose terms are known (``terms``; "" holds the place of a word without a term).

    Whoosh's writer hands a list value straight to its tokens, indexing the "" place
    holders as terms; a ``str`` goes to the field's analyzer, which reads ``terms`` from
    this one. Used when pages go through Whoosh's own writer (the index's fallback path).
    """

    terms: "list[str] | tuple[str, ...]"

    @classmethod
    def of(cls, terms: "list[str] | tuple[str, ...]") -> "AnalysedText":
        out = cls(" ".join(terms))
        out.terms = terms
        return out


class BrieferAnalyzer(Composable):
    """Whoosh analyzer over :func:`terms`; positions count tokens, chars index raw text."""

    def __init__(self, stem: bool = True) -> None:
        self.stem = stem

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BrieferAnalyzer) and other.stem == self.stem

    def __hash__(self) -> int:
        return hash(("BrieferAnalyzer", self.stem))

    def __call__(self, value: "str | AnalysedText | list[str] | tuple[str, ...]",
                 positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs: object) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if isinstance(value, AnalysedText):
            value = value.terms
        if isinstance(value, (list, tuple)):
            # Terms analysed beforehand (in an extraction worker): positions only. An empty
            # string holds a position without a term (a word pair that is not indexed).
            for pos, text in enumerate(value):
                if not text:
                    continue
                t.text = text
                t.boost = 1.0
                t.stopped = False
                if positions:
                    t.pos = start_pos + pos
                yield t
            return
        if not tokenize:
            t.original = value
            t.text = fold(value) if mode == "query" else normalise_word(value, self.stem)
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        for pos, term in enumerate(terms(value, self.stem)):
            if not term.text:
                continue
            t.text = term.text
            if keeporiginal:
                t.original = value[term.start:term.end]
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + term.start
                t.endchar = start_char + term.end
            yield t
