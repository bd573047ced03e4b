"""The grammar of a document's provisions: which kinds of unit exist, how each is marked on
a line, and which kinds each may contain, as legislation is modelled by hierarchical parsers
(Laws.Africa's Slaw, the Akoma Ntoso hierarchy: part > chapter > section > subsection >
paragraph > subparagraph, with provisos, explanations and schedules as their own elements).

:data:`GRAMMAR` declares it; :class:`_Builder` follows it: a new node opens under the
innermost open node that may contain its kind (:meth:`_Builder._parent_for`), closing
whatever cannot hold it. The markers are recognised by :mod:`.lexer`; which top-level numbers
are units (not a table of contents, a stray cross-reference or a quoted statute) is settled
by :mod:`.numbering` before the builder runs.

Node kinds in the tree (``Provision.kind``) are coarser than the grammar's kinds: sections,
articles, rules, regulations and numbered paragraphs are all ``unit`` (the unit word comes
from the document, :func:`.build.unit_word`); sub-sections, clauses and sub-clauses are all
``list`` items, whose level follows the order the drafter nested the numbering styles in
(``(1)`` then ``(a)`` then ``(i)``, or definitions' ``(i)`` then ``(a)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, cast

from briefer.core.clips.structure.lexer import (
    Pos,
    _QUOTES,
    _EXPLAINS,
    _INLINE_SUB,
    _Line,
    _ORDINALS,
    _Top,
    _readings,
    _sub_number,
)
from briefer.core.clips.structure.tree import Provision


@dataclass(frozen=True)
class UnitKind:
    """One kind of provision: the ``Provision.kind`` it makes, how a line marks it, and the
    kinds it may contain (by ``Provision.kind``)."""

    name: str
    node: str
    markers: str
    contains: tuple[str, ...]


_IN_LISTS = ("list", "proviso", "explanation")
GRAMMAR: dict[str, UnitKind] = {k.name: k for k in (
    UnitKind("document", "", "the whole text", ("part", "chapter", "schedule", "unit",
                                                "footnote")),
    UnitKind("part", "part", '"PART III", "PART – II" (a line of its own, then its title)',
             ("chapter", "unit")),
    UnitKind("chapter", "chapter", '"CHAPTER IV-A", "CHAPTER – VII" (then its title)',
             ("unit",)),
    UnitKind("schedule", "schedule",
             '"THE THIRD SCHEDULE", "SCHEDULE II", "FORM" on a line of its own, after the '
             "body (never a mention in running text, nor in a judgment or a report)",
             ("part", "chapter", "unit")),
    UnitKind("section", "unit",
             '"20.", "33-A.", "Section 5.", "Article 19.", "Rule 3.", "(4) Heading.–" as the '
             "next number, an OCR'd \"lO.\" as the next number",
             ("list", "proviso", "explanation", "exception", "illustration")),
    UnitKind("paragraph", "unit",
             "a judgment's or report's numbered paragraph \"12.\" (a judgment's first one may "
             "be unnumbered), a report's \"1.3.1\" numbered by section, a schedule's \"1.\"",
             ("list", "footnote")),
    UnitKind("subsection", "list", '"(1)", "(2A)", also "Heading.—(1)" inside the line',
             ("list", "proviso", "explanation")),
    UnitKind("clause", "list", '"(a)", "(ff)" inserted after "(f)", "(j)" right after "(h)"',
             _IN_LISTS),
    UnitKind("subclause", "list", '"(i)", "(iiia)"', _IN_LISTS),
    UnitKind("proviso", "proviso", '"Provided that", "Provided further that" (second …)',
             ("list",)),
    UnitKind("explanation", "explanation", '"Explanation.—", "Explanation 2.—"', ("list",)),
    UnitKind("exception", "exception", '"Exception.—", "First Exception.—"',
             ("illustration", "list")),
    UnitKind("illustration", "illustration", '"Illustration", "Illustrations" alone on a line',
             ("list",)),
    UnitKind("footnote", "footnote", 'a judgment\'s note at a page\'s foot, "1 Text …" (or "*"), '
             'its number glued to a word above as a superscript reads ("comments1")', ()),
)}
# Provision.kind -> the Provision.kinds a node of it may contain (None: the document)
CONTAINS: dict[Optional[str], frozenset[str]] = {}
for _k in GRAMMAR.values():
    key = None if _k.name == "document" else _k.node
    CONTAINS[key] = CONTAINS.get(key, frozenset()) | frozenset(_k.contains)


def may_contain(parent: Optional[str], child: str) -> bool:
    """Whether a node of kind ``parent`` (None: the document) may hold one of ``child``."""
    return child in CONTAINS.get(parent, frozenset())


class _Builder:
    """Builds the tree line by line, following :data:`GRAMMAR`."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.out: list[Provision] = []
        self.stack: list[Provision] = []
        # open numbered lists, outermost first: (style, value, suffix, item, its parent)
        self.levels: list[tuple[str, int, str, Provision, Provision]] = []
        self.unit: Optional[Provision] = None
        self.started = False  # a unit has been seen: the body has begun
        self.container: Optional[Provision] = None  # where a new list would open
        self.schedule: Optional[Provision] = None
        self.unsettled: list[tuple[Pos, Pos, str]] = []
        self._schedule_units = 0  # paragraphs of the open schedule so far
        self.before: dict[int, str] = {}  # list item -> the line before its marker
        self._doubt: Optional[tuple[Pos, str, bool]] = None  # (from, why, unit level)

    def doubt(self, at: Pos, why: str, unit_level: bool) -> None:
        """The numbering is lost from ``at``: until the next unit (``unit_level``) or the
        next provision of any kind, a locator is a guess."""
        if self.unit is None:
            return
        if self._doubt is None:
            self._doubt = (at, why, unit_level)
        elif unit_level and not self._doubt[2]:
            self._doubt = (self._doubt[0], why, True)

    def _settle(self, at: Pos, unit: bool) -> None:
        if self._doubt is not None and (unit or not self._doubt[2]):
            if self._doubt[0] < at:
                self.unsettled.append((self._doubt[0], at, self._doubt[1]))
            self._doubt = None

    def _open(self, node: Provision, parent: Optional[Provision], at: Pos) -> Provision:
        """Open ``node`` under ``parent`` (the caller has closed what ends here)."""
        self._settle(at, node.kind in ("unit", "part", "chapter", "schedule"))
        node.depth = parent.depth + 1 if parent is not None else 0
        node.parent = parent
        if parent is not None:
            parent.children.append(node)
        self.stack.append(node)
        self.out.append(node)
        return node

    def close_all(self, at: Pos) -> None:
        self._settle(at, True)
        while self.stack:
            self.stack.pop().end = at

    def _parent_for(self, kind: str) -> Optional[Provision]:
        """The innermost open node that may contain a node of ``kind`` (None: the
        document)."""
        return next((p for p in reversed(self.stack) if may_contain(p.kind, kind)), None)

    def heading(self, kind: str, number: str, label: str, at: Pos, text: str) -> Provision:
        """Open a part, chapter or schedule at its heading line."""
        # a schedule is never inside another; a part inside a schedule is the schedule's
        parent = None if kind == "schedule" else self._parent_for(kind)
        if parent is not None and parent.kind == "schedule":
            label = f"{parent.label}, {label}"
        self._close_to(parent, at)
        node = self._open(Provision(kind, number, label, at, heading=text), parent, at)
        self.unit, self.container, self.levels = None, None, []
        if kind == "schedule":
            self.schedule = node
            self._schedule_units = 0
        elif parent is None:
            self.schedule = None
        return node

    def _close_to(self, parent: Optional[Provision], at: Pos) -> None:
        while self.stack and self.stack[-1] is not parent:
            self.stack.pop().end = at

    def unit_start(self, top: _Top, at: Pos, doubtful: bool, why: str = "") -> None:
        word = top.word or self.word
        if self.schedule is not None:
            label = f"{self.schedule.label}, para {top.num}"
            self._schedule_units += 1
        else:
            label = f"{word} {top.num}"
        parent = self._parent_for("unit")
        self._close_to(parent, at)
        node = Provision("unit", top.num, label, at, heading=top.heading[:120],
                         path=(top.num,), doubtful=doubtful, why=why if doubtful else "")
        self.unit = self.container = self._open(node, parent, at)
        self.levels = []
        self.started = True

    @property
    def schedule_units(self) -> bool:
        """Whether the open schedule has paragraphs yet (in any of its parts)."""
        return self.schedule is not None and self._schedule_units > 0

    def footnote(self, number: str, at: Pos, end: Pos) -> Provision:
        """A footnote ("n. 4") from ``at`` to ``end`` (the page's foot), inside the unit it
        is printed in but never on the stack: the unit goes on after it."""
        node = Provision("footnote", number, f"n. {number}", at, end, parent=self.unit)
        node.depth = (self.unit.depth + 1) if self.unit is not None else 1
        if self.unit is not None:
            self.unit.children.append(node)
        self.out.append(node)
        return node

    def wrap_up(self, at: Pos) -> None:
        """Close the deepest open list at ``at``: what follows belongs to its parent."""
        style, value, suffix, item, parent = self.levels.pop()
        self._close_to(parent, at)
        self.container = parent

    def next_subsection(self) -> str:
        """The number the open unit's next sub-section would have ("2" after "(1)"), or ''."""
        if not self.levels or self.levels[0][0] != "digit" or self.levels[0][4] is not self.unit:
            return ""
        return str(self.levels[0][1] + 1)

    def marker(self, tok: str, at: Pos, text: str = "", next_tok: str = "",
               clean: bool = False, intro: bool = False) -> bool:
        """Follow a list marker; ``next_tok`` (the next marker in the text) settles a marker
        that two lists could take ("(i)" after "(h)": clause i, or sub-clause i?).
        ``clean``: the marker opens a sentence after one that ended (see
        :func:`_clean_break`), so a sub-section number one past the next ("(7)" after
        "(5)": an omitted or misprinted (6)) is the number the page prints, not a doubt.
        ``intro``: the line before ends by introducing a list ("… means a wage less
        than,–"), so "(a)" under "(g)" opens a list of the same style one level deeper."""
        if self.unit is None:
            return False
        options = self._options(tok, intro)
        if len(options) > 1 and text[:1] in _QUOTES:
            # a definition ("(c) “intercepted material” means …") goes on the list of
            # definitions, not a list nested in one of them
            defs = [o for o in options if o[0] < len(self.levels) and
                    self.levels[o[0]][3].heading[:1] in _QUOTES]
            options = defs + [o for o in options if all(o is not d for d in defs)]
        if options:
            if len(options) > 1 and next_tok:
                after = _readings(next_tok)
                fits = [o for o in options if any(
                    (st == o[1] and v == o[2] + 1 and not sx) or (v == 1 and st != o[1])
                    for st, v, sx in after)]
                nexts = [o for o in fits if any(st == o[1] and v == o[2] + 1
                                                for st, v, _ in after)]
                options = nexts or fits or options
            li, st, v, sx, parent = options[0]
            return self._item(li, parent, st, v, sx, tok, at, False, text)
        # a skipped value in an open list: accepted, but the reading is doubtful
        for li in range(len(self.levels) - 1, -1, -1):
            style, value, _suffix, _item, parent = self.levels[li]
            for st, v, sx in _readings(tok):
                if st == style and value + 2 <= v <= value + 3 and not sx:
                    gap = not (clean and st == "digit" and li == 0 and v == value + 2
                               and parent is self.unit)
                    last = self.out[-1] if self.out else None
                    if gap and last is not None and _item in last.ancestors():
                        # "(iii) … Explanation.– … (v)": the missing "(iv)" began somewhere
                        # after the last thing read in "(iii)", so from there it is a guess
                        last.doubtful = True
                        last.why = "a list item after this has a number that cannot be read"
                    return self._item(li, parent, st, v, sx, tok, at, gap, text)
        return False

    def _options(self, tok: str, intro: bool = False
                 ) -> list[tuple[int, str, int, str, Provision]]:
        """Readings of a marker that keep the numbering consistent, most likely first:
        the next value (or an inserted one, "(2A)", "(iiia)") of an open list, deepest
        first; then the first value of a style not open yet, one level deeper."""
        out = []
        reads = _readings(tok)
        for li in range(len(self.levels) - 1, -1, -1):
            style, value, suffix, _item, parent = self.levels[li]
            for st, v, sx in reads:
                if st == style and ((v == value + 1 and not sx) or (v == value and sx > suffix)
                                    or (st == "letter" and value == 8 and v == 10 and not sx)):
                    # drafters skip "(i)" after "(h)" (it reads as a roman one): "(j)" is next
                    out.append((li, st, v, sx, parent))
        open_styles = {lv[0] for lv in self.levels
                       if self.container is None or self.container.kind in ("unit", "list")}
        for st, v, sx in reads:
            if v == 1 and not sx and (st not in open_styles or (
                    intro and self.levels and self.container is self.levels[-1][3])):
                # a marker is read only inside an open unit, so one of the two is open
                out.append((len(self.levels), st, v, sx,
                            cast(Provision, self.container or self.unit)))
        return out

    def _item(self, li: int, parent: Provision, style: str, v: int, s: str, tok: str,
              at: Pos, doubtful: bool, text: str = "") -> bool:
        del self.levels[li:]
        self._close_to(parent, at)
        if parent.kind in ("list", "unit"):
            label, path = parent.label + f"({tok})", parent.path + (tok,)
        else:  # a list under a proviso, explanation, exception or illustrations
            base = parent.label
            if parent.kind == "illustration" and base.endswith("Illustrations"):
                base = base[:-1]
            label, path = f"{base} ({tok})", parent.path
        node = Provision("list", tok, label, at, path=path, doubtful=doubtful,
                         heading=text[:60])
        self.container = self._open(node, parent, at)
        self.levels.append((style, v, s, node, parent))
        return True

    def annotate(self, kind: str, number: str, at: Pos, text: str = "",
                 next_tok: str = "") -> bool:
        """Open a proviso, explanation, exception or illustrations; ``text`` (an
        explanation's first words) says what it explains: "In this sub-section" the
        sub-section, "In this clause" the clause just before it, whose lists go on after it;
        otherwise the unit."""
        if self.unit is None:
            return False
        if kind == "proviso":
            # a proviso qualifies the sub-section (or the unit): cited there, never deeper
            first = self.levels[0] if self.levels else None
            # open lists stay open: "(vi)" after a proviso to "(v)" is the next clause
            deepest = self.levels[-1][3] if self.levels else None
            named = re.match(r".{0,80}?\b(?:clause|sub-clause|paragraph)\s*\((\w{1,6})\)", text)
            goes_on = deepest is not None and len(self.levels) > 1 and any(
                st == self.levels[-1][0] and v == self.levels[-1][1] + 1 and not sx
                for st, v, sx in _readings(next_tok)) if next_tok else False
            if deepest is not None and named and named.group(1) == deepest.number:
                anchor = deepest  # "Provided that condition in clause (d) shall not apply"
            elif goes_on and deepest is not None:
                # the clause list goes on after it ("(iii) … ;\nProvided that …\n(iv) …"):
                # the proviso is the clause's, "Section 5(2)(iii), proviso"
                anchor = deepest
            elif deepest is not None and deepest.heading[:1] in "\u201c\"'\u2018" \
                    and deepest.heading:
                anchor = deepest  # the proviso of a definition: "Section 2(1)(v), proviso"
            elif first is not None and first[0] == "digit" and first[4] is self.unit:
                anchor = first[3]
            else:
                anchor = self.unit
            count = sum(1 for c in anchor.children if c.kind == "proviso")
            name = "proviso" if count == 0 else f"{_ORDINALS[min(count, 9)]} proviso"
            label = f"{anchor.label}, {name}"
        else:
            anchor = self.unit
            if kind == "illustration":
                # illustrations after an exception illustrate that exception
                # ("Section 499, Exception 6, Illustration (a)")
                exc = next((p for p in reversed(self.stack) if p.kind == "exception"), None)
                if exc is not None and exc.parent is self.unit:
                    anchor = exc
            scope = _EXPLAINS.match(text.strip(" .:-\u2014\u2013_")) if kind == "explanation" \
                else None
            if scope and self.levels and scope.group(1).lower()[:-1] in ("claus", "sub-claus",
                                                                    "paragrap"):
                anchor = self.levels[-1][3]  # every list stays open: "(iii)" comes next
            elif self.levels and self.levels[0][0] == "digit" and \
                    self.levels[0][4] is self.unit and (scope or (
                        kind == "explanation" and next_tok and any(
                            st == "digit" and v == self.levels[0][1] + 1 and not sx
                            for st, v, sx in _readings(next_tok)))):
                # "In this sub-section", or an explanation between "(2)" and "(3)": (2)'s
                anchor = self.levels[0][3]
                self.levels = self.levels[:1]
            else:
                # sub-section lists stay open: "(2)" after an explanation is the next one
                self.levels = [lv for lv in self.levels[:1] if lv[4] is self.unit]
            title = {"explanation": "Explanation", "exception": "Exception",
                     "illustration": number or "Illustrations"}[kind]
            if kind == "illustration":  # as printed: "Illustration" or "Illustrations"
                label = f"{anchor.label}, {title}"
                number = ""
            else:
                label = f"{anchor.label}, {title}" + (f" {number}" if number else "")
        self._close_to(anchor, at)
        node = Provision(kind, number, label, at, path=anchor.path)
        self.container = self._open(node, anchor, at)
        return True


def _inline_sub(b: "_Builder", body: str, ln: _Line) -> bool:
    """Follow a sub-section number that a heading's dash puts inside a line."""
    im = _INLINE_SUB.search(body, 0)
    if not im or im.start() >= 240:
        return False
    return b.marker(_sub_number(im.group(1)), (ln.page, ln.at(body.rfind("(", 0, im.start(1)))))
