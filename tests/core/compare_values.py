"""Comparison values built by hand, for the comparison's front-end tests (the window, the
Word table, adding to a brief): a known set of pairs — one of every kind of change —
without running the splitter and the aligner.

The records are the compare room's own (``briefer.core.compare.model``).
"""

from __future__ import annotations

from briefer.core.compare.model import Comparison, Pair, Part, WordOp


def part(key: str, text: str, *, page: int = 0, label: str = "", heading: str = "",
         start: int = 0, prefix: str = "Rule") -> Part:
    """A provision ``key`` ("5(1)") with ``text``, starting at ``start`` on ``page``."""
    return Part(key=key, citation=f"{prefix} {key}" if key else "", heading=heading, text=text,
                page_index=page, page_label=label or str(page + 1), start=(page, start),
                end=(page, start + len(text)))


def words(*ops: tuple[str, str]) -> tuple[WordOp, ...]:
    return tuple(WordOp(op, text) for op, text in ops)


def comparison(pairs: list[Pair], *, earlier_id: int = 1, later_id: int = 2,
               earlier_title: str = "Draft Rules", later_title: str = "Notified Rules"
               ) -> Comparison:
    return Comparison(earlier_id=earlier_id, later_id=later_id, earlier_title=earlier_title,
                      later_title=later_title, pairs=tuple(pairs))


def every_kind(earlier_id: int = 1, later_id: int = 2) -> Comparison:
    """Six pairs: unchanged 1, reworded 2(1), renumbered 4 (was 5), moved 6 (was 3),
    added 3, removed 7."""
    reworded = words(("equal", "The Coordinator may "), ("delete", "order"),
                     ("insert", "direct"), ("equal", " a company to remove content"),
                     ("insert", " within forty-eight hours"), ("equal", "."))
    return comparison([
        Pair("unchanged", part("1", "These rules may be cited as the Rules."),
             part("1", "These rules may be cited as the Rules."), 1.0, ()),
        Pair("reworded", part("2(1)", "The Coordinator may order a company to remove content.",
                              page=1, start=40),
             part("2(1)", "The Coordinator may direct a company to remove content within "
                  "forty-eight hours.", page=1, start=50), 0.7, reworded),
        Pair("added", None, part("3", "Every order shall be reviewed by a judge.", page=1,
                                 start=200), 0.0, ()),
        Pair("renumbered", part("5", "Orders shall be kept in a register.", page=2),
             part("4", "Orders shall be kept in a register.", page=2), 1.0, ()),
        Pair("moved", part("3", "A company shall appoint an officer.", page=1, start=120),
             part("6", "A company shall appoint an officer.", page=2, start=100), 1.0, ()),
        Pair("removed", part("7", "The register shall be secret.", page=2, start=300), None,
             0.0, ()),
    ], earlier_id=earlier_id, later_id=later_id)
