"""The words people type, next to the stems the index holds.

The index holds stems ("coordin"); prefixes, wildcards, fuzzy terms, spelling suggestions
and highlighting need the words people type ("coordinator"). :class:`Vocabulary` is an
immutable view of those words with lazily built look-up tables; :class:`VocabularyFile`
keeps the counts in ``vocabulary.json`` next to the index and hands out a fresh view when
the file changes. Both are safe to share between threads: a view never changes after it
is built (its tables are built once, under a lock), and the file is replaced atomically.
"""

from __future__ import annotations

import bisect
import json
import os
import threading
from pathlib import Path
from typing import Any, Iterable, Optional

from collections import Counter
from itertools import repeat

from briefer.core.text.analysis import WORD_RE, normalise_word, vocabulary_words

VOCAB_FILE = "vocabulary.json"


def page_counts(texts: Iterable[str]) -> Counter[str]:
    """On how many of the pages ``texts`` each countable word is (folded, unstemmed, as
    ``analysis.surface_words`` gives them). The words of a page are found and folded in C
    (a set of the raw words, then the cached folding); the length and script test runs
    once per distinct word of the whole batch, not once per page."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(map(normalise_word, set(WORD_RE.findall(text)), repeat(False))))
    keep = set(vocabulary_words(set(counts)))
    for w in [w for w in counts if w not in keep]:
        del counts[w]
    return counts


def _edits1(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class Vocabulary:
    """The :class:`~briefer.core.index.backend.WordList` every engine here hands out.

    Folded, unstemmed words of the indexed pages and on how many pages each was seen.

    Counts are added when pages are indexed and taken back when a document is removed; a
    document indexed again for new metadata is not counted again. OCR that replaces a
    page's text adds the new words without taking the old ones back (a stale word simply
    finds nothing). The vocabulary is rebuilt with the index.
    """

    def __init__(self, words: dict[str, int]) -> None:
        self.words = words
        self._lock = threading.Lock()
        self._sorted: Optional[list[str]] = None
        self._deletes: Optional[dict[str, list[str]]] = None
        self._by_stem: Optional[dict[str, list[str]]] = None

    def __len__(self) -> int:
        return len(self.words)

    def sorted_words(self) -> list[str]:
        with self._lock:
            if self._sorted is None:
                self._sorted = sorted(self.words)
            return self._sorted

    def words_of_stem(self, stem: str) -> list[str]:
        """The words whose index term is ``stem`` ("block" -> block, blocks, blocking)."""
        with self._lock:
            if self._by_stem is None:
                by_stem: dict[str, list[str]] = {}
                for w in self.words:
                    by_stem.setdefault(normalise_word(w), []).append(w)
                self._by_stem = by_stem
            return self._by_stem.get(stem, [])

    def with_prefix(self, prefix: str) -> list[str]:
        words = self.sorted_words()
        i = bisect.bisect_left(words, prefix)
        out = []
        while i < len(words) and words[i].startswith(prefix):
            out.append(words[i])
            i += 1
        return out

    def _deletion_table(self) -> dict[str, list[str]]:
        with self._lock:
            if self._deletes is None:
                index: dict[str, list[str]] = {}
                for w in self.words:
                    if len(w) < 3 or w.isdigit():
                        continue
                    for d in _edits1(w):
                        index.setdefault(d, []).append(w)
                self._deletes = index
            return self._deletes

    def near(self, word: str, max_distance: int) -> list[str]:
        """Words within ``max_distance`` edits (1 or 2) of ``word``, most frequent first."""
        deletes = self._deletion_table()
        keys = _edits1(word) | {word}
        cands: set[str] = set()
        for k in keys:
            cands.update(deletes.get(k, ()))
            if k in self.words:
                cands.add(k)
        if max_distance >= 2:
            for k in list(keys):
                for d in _edits1(k):
                    cands.update(deletes.get(d, ()))
            # Some words two edits away need two deletions on their side ("protecti" ->
            # "protection"), which the table does not hold: longer words that share the
            # first two letters are checked too (the distance check below rejects most
            # of them within a few letters).
            if len(word) >= 2:
                cands.update(w for w in self.with_prefix(word[:2])
                             if 0 < len(w) - len(word) <= max_distance)
        out = [c for c in cands if levenshtein(word, c, max_distance) <= max_distance]
        out.sort(key=lambda c: (-self.words.get(c, 0), c))
        return out


def levenshtein(a: str, b: str, limit: int = 1 << 30) -> int:
    """Edit distance (insert, delete, substitute, adjacent swap), stopping past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        best = cur[0]
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class VocabularyFile:
    """``vocabulary.json`` of one index: read when it changed, updated atomically."""

    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / VOCAB_FILE
        self._lock = threading.RLock()
        self._view: Optional[Vocabulary] = None
        self._stamp: Any = None

    def _current_stamp(self) -> Any:
        try:
            st = self.path.stat()
            return (st.st_mtime_ns, st.st_size)
        except OSError:
            return None

    def get(self) -> Vocabulary:
        """The vocabulary as the file holds it now (the same object while it is unchanged)."""
        stamp = self._current_stamp()
        with self._lock:
            if self._view is None or stamp != self._stamp:
                words: dict[str, int] = {}
                if stamp is not None:
                    try:
                        words = json.loads(self.path.read_text(encoding="utf-8"))
                    except (OSError, ValueError):
                        words = {}
                self._view = Vocabulary(words)
                self._stamp = stamp
            return self._view

    def add(self, changes: dict[str, int]) -> None:
        """Add ``changes`` (negative to take words back; words at zero are dropped)."""
        if not changes:
            return
        with self._lock:
            words = dict(self.get().words)
            for w, n in changes.items():
                n += words.get(w, 0)
                if n > 0:
                    words[w] = n
                else:  # the last page with the word is gone
                    words.pop(w, None)
            tmp = self.path.with_suffix(".tmp")
            with open(tmp, "w", encoding="utf-8",  # 0600: the index is private (index.py)
                      opener=lambda p, f: os.open(p, f, 0o600)) as out:
                out.write(json.dumps(words, ensure_ascii=False, separators=(",", ":")))
            os.replace(tmp, self.path)
            self._view = None
