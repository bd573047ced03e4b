"""How two lists of row ids differ: the common beginning and end around one changed run.

Models use it to tell their views "these rows went, these came" instead of resetting (a
reset makes a view lay out every row again: tens of milliseconds on the GUI thread).
"""

from __future__ import annotations

from typing import Hashable, Sequence


def common_ends(old: Sequence[Hashable], new: Sequence[Hashable]) -> tuple[int, int]:
    """``(head, tail)``: how many ids the two lists share at the start and, after that, at
    the end; ``old[head:len(old) - tail]`` became ``new[head:len(new) - tail]``."""
    shortest = min(len(old), len(new))
    head = 0
    while head < shortest and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, tail
