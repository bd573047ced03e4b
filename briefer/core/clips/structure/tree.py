"""The provision tree and its locators: :class:`Provision`, :class:`Locator`,
:class:`ProvisionTree` (which passage is in which provision, and how sure that is)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterator, Optional

from briefer.core.clips.structure.lexer import Pos


PLURAL = {"Article": "Articles", "Section": "Sections", "Rule": "Rules",
          "Regulation": "Regulations", "para": "paras", "Order": "Orders"}


_LOST_PAGES = 2      # a passage this many pages past the last numbering is uncertain


@dataclass
class Provision:
    """One node of the tree. ``path`` is the number path from the top-level unit
    (``("20", "1")`` for sub-section (1) of section 20); ``label`` the citation text."""

    kind: str   # part chapter schedule unit list proviso explanation exception illustration
    number: str
    label: str
    start: Pos
    end: Pos = (1 << 30, 0)
    heading: str = ""
    path: tuple[str, ...] = ()
    parent: Optional["Provision"] = field(default=None, repr=False)
    children: list["Provision"] = field(default_factory=list, repr=False)
    doubtful: bool = False
    depth: int = 0
    why: str = ""  # why the numbering here is doubtful, when it is not the usual reason
    # a part's or chapter's heading: where its heading line and title lines end
    title_end: Pos = (0, 0)

    @property
    def page_start(self) -> int:
        return self.start[0]

    @property
    def page_end(self) -> int:
        return self.end[0]

    def contains(self, pos: Pos) -> bool:
        return self.start <= pos < self.end

    def ancestors(self) -> Iterator["Provision"]:
        p = self.parent
        while p is not None:
            yield p
            p = p.parent


@dataclass
class Locator:
    """A locator worked out for a passage; ``uncertain`` when the numbering around it does
    not settle one reading (``reason`` says why). ``text`` is the best reading or ''."""

    text: str
    uncertain: bool = False
    reason: str = ""
    provision: Optional[Provision] = None

    def __str__(self) -> str:
        return self.text


@dataclass
class ProvisionTree:
    """The provisions of one document in document order, plus the skipped contents."""

    provisions: list[Provision]
    word: str
    contents: list[tuple[Pos, Pos]] = field(default_factory=list)
    page_count: int = 0
    # stretches where a line looks like a provision or a list item whose number cannot be
    # read ("I L Omission of …", "(0 One representative …"): the reading around them is
    # a guess until the numbering is found again, with the reason
    unsettled: list[tuple[Pos, Pos, str]] = field(default_factory=list)
    # quotations a paragraph reproduces (an order, a statute) from their opening to their
    # closing mark: a passage in one is in that paragraph however many pages it runs over
    quotations: list[tuple[Pos, Pos]] = field(default_factory=list)
    _start_list: list[Pos] = field(default_factory=list, repr=False)

    def units(self) -> list[Provision]:
        return [p for p in self.provisions if p.kind == "unit"]

    def at(self, page: int, offset: int) -> Optional[Provision]:
        """The deepest provision holding the character at ``(page, offset)``: the one that
        starts last among those holding it (children start after their parents)."""
        pos = (page, offset)
        k = bisect_right(self._starts(), pos)
        for p in reversed(self.provisions[:k]):
            if p.contains(pos):
                return p
            if p.depth == 0 and p.end <= pos:
                break  # a closed top-level heading: nothing before it holds pos
        return None

    def _starts(self) -> list[Pos]:
        if len(self._start_list) != len(self.provisions):
            self._start_list = [p.start for p in self.provisions]
        return self._start_list

    def in_contents(self, page: int, offset: int) -> bool:
        return any(a <= (page, offset) < b for a, b in self.contents)

    def find(self, citation: str) -> list[Provision]:
        """Provisions a citation names: 'Section 20(1)', 's. 20(1)', 'Article 19',
        'Rule 5(1)(b)', '499', 'para 12'. Exact path matches first."""
        m = re.match(r"\s*(?:(?:art(?:icle)?s?|sec(?:tion)?s?|s{1,2}|rules?|r|regulations?|"
                     r"reg|paras?|paragraphs?)\.?\s*)?(\d{1,4}(?:-?[A-Za-z]{1,3})?)"
                     r"((?:\s*\([^)]+\))*)",
                     citation, re.I)
        if not m:
            return []
        top = m.group(1).upper().replace("-", "")  # "33-K" and "33K" name one section
        subs = tuple(re.findall(r"\(([^)]+)\)", m.group(2) or ""))
        want = (top,) + tuple(s.strip() for s in subs)
        return [p for p in self.provisions if p.kind in ("unit", "list")
                and (p.path[0].replace("-", ""),) + p.path[1:] == want]

    def locate(self, page: int, start: int, end: int) -> Locator:
        """The locator of ``pages[page][start:end]``."""
        if self.in_contents(page, start):
            return Locator("", True, "the passage is in a table of contents")
        loc = self._locate(page, start, end)
        why = next((w for a, z, w in self.unsettled if a <= (page, start) < z), "")
        if why and loc.text and not loc.uncertain:
            return Locator(loc.text, True, why, loc.provision)
        return loc

    def _locate(self, page: int, start: int, end: int) -> Locator:
        a = self.at(page, start)
        b = self.at(page, max(start, end - 1))
        if a is not None and a.kind == "footnote":  # "n. 4", whatever its text numbers
            return Locator(a.label, False, "", a)
        if a is None or a.kind in ("part", "chapter"):
            first = b if b is not None and b.kind not in ("part", "chapter") else None
            if first is not None:
                return Locator(first.label, first.doubtful, _why(first), first)
            if a is not None and b is a and (page, max(start, end - 1)) < a.title_end:
                return Locator(a.label, False, "", a)  # a part's or chapter's heading
            if a is not None and b is a and a.parent is not None and a.parent.kind == "schedule":
                return Locator(a.label, False, "", a)  # a form's part: "Schedule IV, Part II"
            return Locator("")
        unit_a = _unit_of(a)
        if unit_a is None:
            return Locator(a.label if a.kind == "schedule" else "", False, "", a)
        k = bisect_right(self._starts(), (page, start))
        while k and self.provisions[k - 1].kind == "footnote":
            k -= 1  # a footnote is no numbering of the text
        last_event = self.provisions[k - 1].start if k else (0, 0)
        lost = page - last_event[0] > _LOST_PAGES and not any(
            a.start <= q0 and q0 <= (page, start) < q1 for q0, q1 in self.quotations)
        if b is None or b is a or a in b.ancestors():
            text = a.label
            doubt = a.doubtful or any(x.doubtful for x in a.ancestors()) or lost
            return Locator(text, doubt, _why(a) if not lost else
                           "no numbering for several pages before the passage", a)
        text = _range(a, b, self.word)
        doubt = a.doubtful or b.doubtful or lost
        return Locator(text, doubt, _why(a if a.doubtful else b), a)


def _unit_of(p: Provision) -> Optional[Provision]:
    for x in [p, *p.ancestors()]:
        if x.kind == "unit":
            return x
    return None


def _why(p: Provision) -> str:
    for x in [p, *p.ancestors()]:
        if x.doubtful:
            return x.why or ("the numbering around the passage is not consistent "
                    f"(near {x.label or x.number})")
    return ""


def _range(a: Provision, b: Provision, word: str) -> str:
    ua, ub = _unit_of(a), _unit_of(b)
    if ua is None or ub is None:
        return a.label
    if ua is not ub:
        if a is ua and b is ub:
            w = ua.label.split(" ")[0] if " " in ua.label else word
            return f"{PLURAL.get(w, w)} {ua.number}\u2013{ub.number}"
        return f"{a.label}\u2013{b.label}"
    # inside one unit
    pa = [x for x in [a, *a.ancestors()] if x.kind == "list"][::-1]
    pb = [x for x in [b, *b.ancestors()] if x.kind == "list"][::-1]
    if not pa or not pb or a.kind != "list" or b.kind != "list":
        common = _common(a, b)
        return common.label if common is not None else ua.label
    k = 0
    while k < min(len(pa), len(pb)) and pa[k] is pb[k]:
        k += 1
    if k == len(pa):
        return a.label
    return a.label + "\u2013" + "".join(f"({x.number})" for x in pb[k:])


def _common(a: Provision, b: Provision) -> Optional[Provision]:
    anc = [a, *a.ancestors()]
    for x in [b, *b.ancestors()]:
        if x in anc:
            return x
    return None
