"""Pinpoint locators ("Rule 5(1)(b)", "Section 20(2)", "Article 19", "para 12") worked out
from the numbering around a passage.

The pages before and up to the passage are read line by line and the numbering of legal
texts is followed with a small state machine:

* a top-level unit starts a line: ``5. Powers of …`` (rule, section, article or a judgment's
  numbered paragraph) or ``Article 19.`` / ``Section 5 —`` written out;
* ``(1)`` starting a line (or right after a heading's dash: ``….—(1)``) is a sub-rule or
  sub-section, ``(a)`` a clause, ``(i)`` a sub-clause; ``Provided that`` a proviso.

Every number must follow the one before it (``(b)`` after ``(a)``, ``(3)`` after ``(2)``,
a top-level number a little above the last), which keeps cross-references that happen to
start a line ("(b) of sub-rule (1) …") from being taken as numbering. What a unit is called
comes from a written-out word when there is one, else from the kind of document: rules
cite "Rule", acts "Section", constitutions "Article", judgments and everything else
"para". The user can always override the result on the clip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
          "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"]
_WORDS = {"article": "Article", "section": "Section", "rule": "Rule", "regulation": "Regulation",
          "paragraph": "para", "para": "para", "clause": "Clause", "order": "Order"}
_PLURAL = {"Article": "Articles", "Section": "Sections", "Rule": "Rules",
           "Regulation": "Regulations", "para": "paras", "Clause": "Clauses", "Order": "Orders"}

_LINE = re.compile(r"[^\r\n]+")
_TOP_WORD = re.compile(
    r"(Article|Section|Rule|Regulation|Paragraph|Para|Clause|ARTICLE|SECTION|RULE)\s+"
    r"(\d{1,4}[A-Z]{0,2})\s*(?:[.:\u2014\u2013-]|$)")
_TOP_NUM = re.compile(r"(\d{1,4}[A-Z]{0,2})\.[ \t]+(?=[A-Z\u201c\u2018\"'(\[])")
_INLINE_SUB = re.compile(r"[\u2014\u2013-]+\s*\((\d{1,3}[A-Z]{0,2})\)\s")
_SUB = re.compile(r"\((\d{1,3}[A-Z]{0,2})\)[ \t]")
_LETTER = re.compile(r"\(([a-z]{1,4})\)[ \t]")
_PROVISO = re.compile(r"Provided\s+(?:further\s+|also\s+|however\s+)?that\b")


def _num(s: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(.*)", s)
    return (int(m.group(1)), m.group(2)) if m else (0, s)


def _next_letter(cur: str) -> str:
    if cur == "z":
        return "aa"
    if len(cur) == 2 and cur[0] == cur[1]:  # aa, bb …
        return chr(ord(cur[0]) + 1) * 2
    return chr(ord(cur[-1]) + 1) if len(cur) == 1 else ""


@dataclass
class State:
    word: Optional[str] = None  # written-out word of the current top unit
    top: Optional[str] = None
    sub: Optional[str] = None
    clause: Optional[str] = None
    subclause: Optional[str] = None
    proviso: bool = False

    def parts(self) -> list[str]:
        out = [self.top or ""]
        out += [f"({x})" for x in (self.sub, self.clause, self.subclause) if x]
        return out

    def copy(self) -> "State":
        return State(self.word, self.top, self.sub, self.clause, self.subclause, self.proviso)


@dataclass
class _Machine:
    state: State = field(default_factory=State)

    def top(self, num: str, word: Optional[str] = None) -> bool:
        if self.state.top is not None:
            cur, _ = _num(self.state.top)
            new, _ = _num(num)
            same_base_suffix = new == cur and num != self.state.top
            if not (cur < new <= cur + 40 or same_base_suffix):
                return False
        elif _num(num)[0] > 400:
            return False
        self.state = State(word=word, top=num)
        return True

    def sub(self, num: str) -> bool:
        s = self.state
        if s.top is None:
            return False
        new, suffix = _num(num)
        if s.sub is None:
            if new != 1 or suffix:
                return False
        else:
            cur, _ = _num(s.sub)
            if not (new == cur + 1 or (new == cur and suffix and num != s.sub)):
                return False
        s.sub, s.clause, s.subclause, s.proviso = num, None, None, False
        return True

    def letter(self, tok: str) -> bool:
        s = self.state
        if s.top is None:
            return False
        as_letter = (s.clause is None and tok == "a") or \
            (s.clause is not None and tok == _next_letter(s.clause))
        as_roman = s.clause is not None and tok in _ROMAN and (
            (s.subclause is None and tok == "i") or
            (s.subclause is not None and s.subclause in _ROMAN and
             _ROMAN.index(s.subclause) + 1 < len(_ROMAN) and
             tok == _ROMAN[_ROMAN.index(s.subclause) + 1]))
        if as_letter and as_roman:
            # "(i)" after "(h)" is clause i unless a sub-clause list is already running
            as_roman = s.subclause is not None
            as_letter = not as_roman
        if as_roman:
            s.subclause, s.proviso = tok, False
            return True
        if as_letter:
            s.clause, s.subclause, s.proviso = tok, None, False
            return True
        return False

    def proviso(self) -> bool:
        if self.state.top is None:
            return False
        self.state.proviso = True
        self.state.subclause = None
        return True


def markers(pages: list[str]) -> list[tuple[int, int, State]]:
    """``(page_index, offset, state after it)`` for every numbering event in ``pages``."""
    m = _Machine()
    out: list[tuple[int, int, State]] = []
    for pi, text in enumerate(pages):
        for lm in _LINE.finditer(text):
            line = lm.group()
            lead = len(line) - len(line.lstrip())
            body = line[lead:]
            pos = lm.start() + lead
            hit = _TOP_WORD.match(body)
            ok = False
            if hit:
                ok = m.top(hit.group(2), _WORDS.get(hit.group(1).lower()))
            if not ok:
                hit = _TOP_NUM.match(body)
                if hit:
                    ok = m.top(hit.group(1))
            if ok:
                out.append((pi, pos, m.state.copy()))
                inline = _INLINE_SUB.search(body, hit.end() if hit else 0)
                if inline and inline.start() < 160 and m.sub(inline.group(1)):
                    out.append((pi, lm.start() + lead + inline.start(1) - 1, m.state.copy()))
                continue
            hit = _SUB.match(body)
            if hit and m.sub(hit.group(1)):
                out.append((pi, pos, m.state.copy()))
                continue
            hit = _LETTER.match(body)
            if hit and m.letter(hit.group(1)):
                out.append((pi, pos, m.state.copy()))
                continue
            if _PROVISO.match(body) and m.proviso():
                out.append((pi, pos, m.state.copy()))
    return out


def unit_word(doc_type: str = "", title: str = "") -> str:
    """What a top-level unit of this kind of document is called."""
    t = title.lower()
    if "constitution" in t:
        return "Article"
    if doc_type == "rule":
        return "Regulation" if "regulation" in t and "rules" not in t else "Rule"
    if doc_type == "law":
        return "Section"
    return "para"


def format_state(state: State, word: str) -> str:
    if state.top is None:
        return ""
    text = f"{state.word or word} " + "".join(state.parts())
    return text + (", proviso" if state.proviso else "")


def _range(a: State, b: State, word: str) -> str:
    pa, pb = a.parts(), b.parts()
    k = 0
    while k < min(len(pa), len(pb)) and pa[k] == pb[k]:
        k += 1
    if k == len(pa) and not a.proviso:  # the passage starts at a unit and goes into its parts
        return format_state(a, word)
    if k == len(pa) == len(pb):
        return format_state(a, word)
    w = a.word or word
    if k == 0:
        return f"{_PLURAL.get(w, w)} {''.join(pa)}\u2013{''.join(pb)}"
    return f"{w} {''.join(pa)}\u2013{''.join(pb[k:])}"


def detect_locator(pages: list[str], page_index: int, start: int, end: int, *,
                   doc_type: str = "", title: str = "") -> str:
    """The locator of ``pages[page_index][start:end]`` ('' when no numbering is found).

    ``pages`` holds at least the texts of pages ``0 .. page_index``.
    """
    word = unit_word(doc_type, title)
    events = markers(pages[:page_index + 1])
    at_start: Optional[State] = None
    at_end: Optional[State] = None
    first_inside: Optional[State] = None
    for pi, pos, st in events:
        if pi < page_index or pos <= start:
            at_start = st
            at_end = st
        elif pos < end:
            at_end = st
            if first_inside is None:
                first_inside = st
    if at_start is None or at_start.top is None:
        return format_state(first_inside, word) if first_inside else ""
    if at_end is None or at_end is at_start:
        return format_state(at_start, word)
    return _range(at_start, at_end, word)
