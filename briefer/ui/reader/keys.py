"""The reader's keyboard selection: a key and the current selection in, a new span out.

Quotes are sentences, so the keyboard path goes by them: Alt+Down / Alt+Up select the next
/ previous sentence (the first one is the sentence of the current hit), Shift+Right/Left
grow or shrink the selection by a word and Shift+Down/Up by a sentence (with nothing
selected, Shift+arrow starts at the current hit's sentence), Ctrl+A takes the whole page.
Pure functions over the page's stored text (via :mod:`briefer.ui.reader.textnav`).
"""

from __future__ import annotations

from typing import Optional

from briefer.ui.reader import textnav

Span = tuple[int, int]


def sentence_step(text: str, selected: Optional[Span], anchor: int,
                  forward: bool) -> Optional[Span]:
    """Alt+Down / Alt+Up: the next or previous whole sentence."""
    if forward:
        if selected is None:
            return textnav.sentence_at(text, anchor)
        return textnav.next_sentence(text, selected[1])
    return textnav.previous_sentence(text, selected[0] if selected else len(text))


def extend(text: str, selected: Optional[Span], anchor: int, unit: str,
           forward: bool) -> Optional[Span]:
    """Shift+arrow: move the selection's end by a ``unit`` ('word' or 'sentence'); with
    nothing selected, the first word of the sentence at ``anchor``."""
    if selected is None:
        found = textnav.sentence_at(text, anchor)
        if found is None:
            return None
        s = found[0]
        return s, textnav.step_end(text, s, s, "word", True)
    start, end = selected
    return start, textnav.step_end(text, end, start, unit, forward)


def whole_page(text: str) -> Span:
    return 0, len(text.rstrip())
