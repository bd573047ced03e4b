"""Where things go in a brief's outline: a new quote or commentary, and a one-step move.

The rules the keyboard follows, kept apart from the widgets so they read (and are tested)
as rules: a new item goes after the current item, at the end of the current section, or
at the end of the last section; Alt+Up/Alt+Down move a node one place, and an item at a
section's edge crosses into the neighbouring section (to its end going up, to its start
going down), as Word's navigation pane moves headings. Positions follow the core's rule:
counted without the moved node (``briefer.core.briefs.store.insert_at``).
"""

from __future__ import annotations

from typing import Any, Optional

from briefer.ui.brief.outline import Move


def insertion_point(brief: Any, kind: Optional[str], section: Any,
                    item: Any) -> tuple[Optional[int], Optional[int]]:
    """``(section_id, position)`` for a new item given the current node (None: end)."""
    if brief is None or not brief.sections:
        return None, None
    if kind is None:
        return brief.sections[-1].id, None
    if kind == "section":
        return section.id, None
    return section.id, [i.id for i in section.items].index(item.id) + 1


def step_move(brief: Any, kind: str, section: Any, item: Any, step: int) -> Optional[Move]:
    """The move of the current node one place up (``-1``) or down (``+1``), or None at
    the edge of the brief."""
    sections = brief.sections
    srow = [s.id for s in sections].index(section.id)
    if kind == "section":
        target = srow + step
        return Move("section", section.id, None, target) if 0 <= target < len(sections) else None
    irow = [i.id for i in section.items].index(item.id)
    target = irow + step
    if 0 <= target < len(section.items):
        return Move("item", item.id, section.id, target)
    if 0 <= srow + step < len(sections):
        return Move("item", item.id, sections[srow + step].id, None if step < 0 else 0)
    return None
