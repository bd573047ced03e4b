"""What a comparison of two versions of a document is: plain frozen values, no Qt, no
catalog: the window, the command line and the Word export read these.

A :class:`Part` is one provision of one document (or, in a report, one section under a
heading); a :class:`Pair` puts a provision of the earlier version beside its counterpart
in the later one, says how it changed, and carries the word-level difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

Change = Literal["unchanged", "reworded", "moved", "renumbered", "added", "removed"]

#: Every kind of change, in the order a summary lists them.
CHANGES: tuple[Change, ...] = ("unchanged", "reworded", "moved", "renumbered", "added",
                               "removed")


@dataclass(frozen=True)
class WordOp:
    """One step of a word-level difference, earlier → later: ``text`` is the words kept,
    inserted or deleted, with the spaces between them as printed. Every step but the
    first starts with the space before its first word, so the ``equal`` and ``delete``
    steps joined are the earlier text, the ``equal`` and ``insert`` steps the later."""

    op: Literal["equal", "insert", "delete"]
    text: str


@dataclass(frozen=True)
class Part:
    """One provision of one document.

    ``key`` is its number path from the top ("5(1)(b)", "5(2), proviso", "Chapter II"; a
    report's section is keyed by its heading), "" for the text before the first
    provision; ``citation`` is how a footnote cites it ("Rule 5(1)(b)"); ``text`` its own
    words (children excluded, its number, footnote markers, running headers and page
    numbers left out, words broken at line ends joined); ``start``/``end`` the
    ``(page_index, offset)`` range in the stored page texts."""

    key: str
    citation: str
    heading: str
    text: str
    page_index: int
    page_label: str
    start: tuple[int, int]
    end: tuple[int, int]


@dataclass(frozen=True)
class Pair:
    """A provision of the earlier version beside the later one. ``similarity`` (0..1) is
    on the words of the two texts; ``words`` the word difference when the texts differ."""

    change: Change
    earlier: Optional[Part]
    later: Optional[Part]
    similarity: float
    words: tuple[WordOp, ...] = ()

    @property
    def key(self) -> str:
        """The provision's key in the later version (the earlier one when removed)."""
        part = self.later if self.later is not None else self.earlier
        return part.key if part is not None else ""


@dataclass(frozen=True)
class Comparison:
    """Two documents compared: ``pairs`` in the later document's order, each removed
    provision where it stood."""

    earlier_id: int
    later_id: int
    earlier_title: str
    later_title: str
    pairs: tuple[Pair, ...]

    def counts(self) -> dict[str, int]:
        """How many pairs of each kind of change (every kind, zero included)."""
        out: dict[str, int] = {c: 0 for c in CHANGES}
        for p in self.pairs:
            out[p.change] += 1
        return out

    def changed(self) -> tuple[Pair, ...]:
        """Every pair but the unchanged ones."""
        return tuple(p for p in self.pairs if p.change != "unchanged")
