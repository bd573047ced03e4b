"""The provision tree of a document: parts, chapters, sections, sub-sections, clauses,
provisos, explanations, exceptions, illustrations, schedules and numbered paragraphs, each
with its page and offset range.

Real laws break a single pass over numbers: an act opens with an arrangement of sections
that lists every number first, amendments come as ``1[22A. …`` or ``[(iiia) …``, footnote
markers stand alone on a line, marginal notes sit beside numbers and a page can begin with
``(1) and the Authority …`` that merely continues a cross-reference. So the tree is built
in three steps, each simple enough to reason about:

1. *Lines* are read once, with amendment brackets, footnote markers and underscores
   stripped from their start, and classified (top-level unit, list marker, proviso,
   explanation, exception, illustrations, part / chapter / schedule heading).
2. *Runs* of top-level numbers: the numbers are split where they go backwards. A number
   that breaks a run which the next numbers continue is a stray (a cross-reference that
   starts a line) and dropped. A run of short entries (a line or so apart, no
   "Heading.—text") whose numbers come again later is a table of contents and skipped;
   a later run that starts again at a lower number is kept but marked doubtful (a list
   inside a paragraph, or a second document), except after a schedule heading, whose
   paragraphs number themselves. In a judgment the unnumbered first paragraph (from the
   judge's line) is paragraph 1; in a report short numbered headings ("1. Introduction")
   are headings, not paragraphs.
3. *Nesting*: inside each top-level unit a stack of numbered lists follows ``(1)``,
   ``(a)``, ``(i)`` in whatever order the drafter nested them (definitions run ``(i)`` then
   ``(a)``). A marker continues a list when it is the next value of that list, or opens a
   list one level deeper when it is the first value of its style; anything else is a
   cross-reference and ignored. A list that skips a value is accepted but marked doubtful,
   so a locator inside it is reported as uncertain rather than guessed.

The kind of document decides what its numbers can be:

* a *schedule* is entered only at its own heading line ("THE THIRD SCHEDULE", "SCHEDULE
  II", "First Schedule [See Article 42]"), never at a mention that running text wraps onto
  a line ("… Omitted by A.O. 1949,\nSchedule."), nor where the body's numbering runs on
  through it; judgments, reports and statements have none of their own;
* a *judgment* is cited by its own paragraphs, numbered one after another: a statute it
  quotes (after "reads as under:", in quotation marks, or a section number of its own
  between two paragraphs) stays in the paragraph quoting it, with no sub-sections,
  provisos or explanations of its own; the court's own sub-paragraphs "(a)", "(b)" are
  followed;
* a *report or statement* has no legal numbering: "Section 3." at the start of a line
  is a wrapped reference, and a lone number is not a paragraph (nor, in a judgment, is a
  "Section 3:-" line a section);
* in any document a number that completes the line before ("… under Section\n11. The
  file …") and a numbered amendment note ("1. Substituted vide Ordinance …") are not
  units;
* a sub-section "(1)" is read wherever a heading's dash puts it (the end of the line, a
  wrapped heading's last line, "[(1)]", OCR's "( 1)" and "(l)"), so the "(2)" after it
  keeps its number; "33-A." and "33- J." are sections 33-A and 33-J.

A locator is *uncertain* in a table of contents, in doubtful numbering, or more than two
pages after the last numbering seen. The tree is built once per text (``tree_for`` keeps
the last few in memory, keyed by a hash of the page texts); ``bench/fidelity.py`` prints
the time taken on the largest document it reads (about 0.1 s for 184 pages).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Iterator, Optional, Sequence

Pos = tuple[int, int]  # (page index, offset in that page's text)

_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
          "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv",
          "xxv", "xxvi", "xxvii", "xxviii", "xxix", "xxx", "xxxi", "xxxii", "xxxiii", "xxxiv",
          "xxxv", "xxxvi", "xxxvii", "xxxviii", "xxxix", "xl"]
_WORDS = {"article": "Article", "section": "Section", "rule": "Rule", "regulation": "Regulation",
          "paragraph": "para", "para": "para", "order": "Order"}
PLURAL = {"Article": "Articles", "Section": "Sections", "Rule": "Rules",
          "Regulation": "Regulations", "para": "paras", "Order": "Orders"}
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth"]

_LINE = re.compile(r"[^\r\n]+")
# Footnote markers, amendment brackets, underscores and asterisks before the real start.
# OCR leaves a stray dash, quote or dot before a line ("- 8. Protection …", "' 72. …");
# a word processor's list bullets ("\uf0b7 (a)", "o (i)", "• (b)") stand before markers
_NOISE = re.compile(r"^(?:[\s_*]|\d{1,2}\s*(?=\[)|\[(?!\s*\*)|[-'\u2019.,](?=\s)|"
                    r"[\uf000-\uf0ff\u2022\u25aa\u25cf\u00b7\u2023\u2043](?=\s*\S)|o(?=\s+\())*")
_TOP_WORD = re.compile(
    r"(Article|Section|Rule|Regulation|Paragraph|Para|ARTICLE|SECTION|RULE|REGULATION)\s+"
    r"(\d{1,4}(?:-[ \t]?[A-Z]{1,3}|[A-Z]{1,3})?)\s*(?:[.:\u2014\u2013-]|$)")
# "33-A." is section 33A as older codes print it
# "1.Short title" (no space after the dot) as some printers set it
_TOP_NUM = re.compile(r"(\d{1,4}(?:-[ \t]?[A-Z]{1,3}|[A-Z]{1,3})?)(?:[.,]"
                      r"(?:[ \t]+(?=[A-Z\u201c\u2018\"'(\[])|[ \t]*$)|\.(?=[A-Z][a-z]))")
_TOP_PAREN = re.compile(r"\((\d{1,4}[A-Z]{1,2})\)[ \t]+(?=[A-Z])(.{3,100}?)(?:[.,:]|__)?$")
# "(1)]": an amendment bracket may close right after the marker
# "(2). In situations …": a dot after the marker, as some printers (and OCR) set it
_MARK = re.compile(r"\(([0-9]{1,3}[A-Z]{0,2}|[a-z]{1,7}|[A-Z])\)(?=[ \t\]]|\.[ \t]|$)")
# "Heading.—(1) Text", also at the end of the line, and as OCR reads it: "( 1)", "(l)"
_INLINE_SUB = re.compile(r"(?:[\u2014\u2013:-]|__)\s*\(\s?(\d{1,3}[A-Z]?|[lI])\)(?:\s|$)")
_LEAD_SUB = re.compile(r"\(\s?(\d{1,3}[A-Z]?|[lI])\)(?:\s|$)")
_HEAD_LINES = 3  # lines a unit's heading may wrap over before its "(1)"
_PROVISO = re.compile(r"Provided\s+(?:further|also|however|always|that)\b")
_EXPLAIN = re.compile(r"Explanation\s*([0-9]{1,2}|[IVX]{1,4})?\s*(?:[.:\u2014\u2013_-]|$)")
_EXCEPT = re.compile(r"(?:(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)\s+)?"
                     r"Exception\s*([0-9]{1,2}|[IVX]{1,4})?\s*(?:[.:\u2014\u2013_-]|$|in\b)")
_ILLUS = re.compile(r"Illustrations?\s*[.:]?\s*$")
# "PART III", "CHAPTER – VII", "CHAPTER IV-A - Holiday with Pay"
_PART = re.compile(r"PART[\s\u2013\u2014-]+([IVXLC]+(?:-?[A-Z])?|\d{1,2}(?:-?[A-Z])?)(?:\s*[.:\u2014\u2013-][^\]]{0,70})?")
_CHAPTER = re.compile(r"CHAPTER[\s\u2013\u2014-]*([IVXLC]+(?:-?[A-Z])?|\d{1,2}(?:-?[A-Z])?)(?:\s*[.:\u2014\u2013-][^\]]{0,70})?")
_SCHEDULE = re.compile(
    r"(?:THE\s+)?(?:(FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH)\s+)?"
    r"(?:SCHEDULE|FORM)(?:\s+([IVX]{1,4}|\d{1,2}))?\s*(?:\[.*)?$", re.I)  # a FORM too
_CONTENTS = re.compile(
    r"(?:TABLE\s+OF\s+)?CONTENTS|ARRANGEMENT\s+OF\s+(?:SECTIONS|ARTICLES|RULES|REGULATIONS|"
    r"CLAUSES|PARAGRAPHS)", re.I)

_TOC_SPAN = 160      # characters from one contents entry to the next at most
_TOC_SHARE = 0.6     # share of short entries that makes a run a table of contents
_MAX_JUMP = 40       # a top-level number this far above the last one starts a new run
_LOST_PAGES = 2      # a passage this many pages past the last numbering is uncertain
_PROSE_LINE = 60     # a line this long is running text (not a heading or a short line)
_LATE_LIST_LINES = 20  # running-text lines before the first number that make it a list
_LATE_JUDGMENT_LINES = 60  # the same in a judgment (its first paragraph is unnumbered)


# ---------------------------------------------------------------------- numbers

def _key(num: str) -> tuple[int, int, str]:
    m = re.match(r"(\d+)-?([A-Z]*)", num)  # "33-A" is printed for 33A
    if not m:
        return (0, 0, num)
    return (int(m.group(1)), len(m.group(2)), m.group(2))


def _style(tok: str) -> str:
    if tok[0].isdigit():
        return "digit"
    if tok.isupper():
        return "upper"
    return "letter"


def _roman_value(tok: str) -> Optional[tuple[int, str]]:
    """('iiia' -> (3, 'a')): value of a roman list marker with an inserted-letter suffix."""
    for k in range(len(tok), 0, -1):
        head = tok[:k]
        if head in _ROMAN:
            rest = tok[k:]
            if not rest or (len(rest) <= 2 and rest.isalpha()):
                return _ROMAN.index(head) + 1, rest
    return None


def _letter_value(tok: str) -> Optional[tuple[int, str]]:
    """('a' -> (1, ''), 'aa' -> (27, ''), 'ba'? no): letters a..z, then aa, bb … ; inserted
    clauses ('ga' after 'g') keep a one-letter suffix."""
    t = tok.lower()
    if len(t) == 1:
        return ord(t) - 96, ""
    if len(t) == 2 and t[0] == t[1]:
        return 26 + ord(t[0]) - 96, ""
    if len(t) == 2:
        return ord(t[0]) - 96, t[1]
    return None


def _digit_value(tok: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(.*)", tok)
    return (int(m.group(1)), m.group(2)) if m else (0, tok)


def _readings(tok: str) -> list[tuple[str, int, str]]:
    """Every (style, value, suffix) a list marker can be read as."""
    st = _style(tok)
    if st == "digit":
        v, s = _digit_value(tok)
        return [("digit", v, s)]
    out = []
    if st == "letter":
        r = _roman_value(tok)
        if r:
            out.append(("roman", r[0], r[1]))
        lv = _letter_value(tok)
        if lv:
            out.append(("letter", lv[0], lv[1]))
        if len(tok) == 2 and tok[0] == tok[1]:  # "(ff)" inserted after "(f)"
            out.append(("letter", ord(tok[0].lower()) - 96, tok[1]))
    else:
        out.append(("upper", ord(tok) - 64, ""))
    return out


# ---------------------------------------------------------------------- model

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
class _Line:
    page: int
    start: int       # offset of the line's first character in the page text
    body: str        # line without leading noise (and without superscript markers)
    body_start: int  # offset of body[0]
    # page offsets of the body's characters, when superscript markers were taken out of it
    offsets: Optional[list[int]] = None

    def at(self, k: int) -> int:
        """The page offset of ``body[k]`` (``k == len(body)``: just past the body)."""
        if self.offsets is None:
            return self.body_start + k
        if k >= len(self.offsets):
            return self.offsets[-1] + 1 + k - len(self.offsets) if self.offsets else \
                self.body_start + k
        return self.offsets[k]


Span = tuple[int, int]
Marks = Optional[Sequence[Optional[Sequence[Span]]]]


@dataclass
class _Top:
    line: _Line
    num: str
    word: Optional[str]
    heading: str
    weak: bool = False  # "(2E) Removal of …": a heading only when it continues the run
    # "lO. Void marriage.-", "ll, Voidable …": a number as OCR misread it, kept only as the
    # very next number of the run
    fuzzy: bool = False


def _lines(pages: list[str], marks: Marks = None) -> list[_Line]:
    """The lines of every page. ``marks`` (per page, or None) are the offset ranges of
    superscript markers read from the page's layout (:mod:`briefer.core.files.layout`):
    they are taken out of a line's body, so "¹500. Offence" is section 500 and "500¹."
    too, and a marker never counts as a number of its own."""
    out = []
    for pi, text in enumerate(pages):
        spans = sorted(marks[pi] or ()) if marks is not None and pi < len(marks) else ()
        si = 0
        for m in _LINE.finditer(text):
            raw = m.group()
            offsets: Optional[list[int]] = None
            while si < len(spans) and spans[si][1] <= m.start():
                si += 1
            if si < len(spans) and spans[si][0] < m.end():
                inside = [(a, b) for a, b in spans[si:] if a < m.end()]
                offsets = [k for k in range(m.start(), m.end())
                           if not any(a <= k < b for a, b in inside)]
                raw = "".join(text[k] for k in offsets)
            n = _NOISE.match(raw)
            skip = n.end() if n else 0
            body = raw[skip:].rstrip()
            if not body or body.isdigit():
                continue  # blank or a footnote marker standing alone
            if offsets is None:
                out.append(_Line(pi, m.start(), body, m.start() + skip))
            else:
                kept = offsets[skip:skip + len(body)]
                out.append(_Line(pi, m.start(), body, kept[0], kept))
    return out


def _printed(num: str) -> str:
    """A unit number as cited: "33- J" (a space after the hyphen) is 33-J."""
    return re.sub(r"-\s+", "-", num)


def _top_of(line: _Line) -> Optional[_Top]:
    b = line.body
    m = _TOP_WORD.match(b)
    if m:
        return _Top(line, _printed(m.group(2)), _WORDS.get(m.group(1).lower()),
                    b[m.end():].strip())
    m = _TOP_NUM.match(b)
    if m and not re.match(r"\d{1,4}[.,]\d", b):
        return _Top(line, _printed(m.group(1)), None, b[m.end():].strip())
    m = _TOP_PAREN.match(b)
    if m:
        return _Top(line, m.group(1), None, m.group(2), weak=True)
    m = _PAREN_HEAD.match(b)
    if m and _heading_shaped(b[m.end():].lstrip("[{")):
        # "(4) Administration of Bait-ul-Mal. - The …": a section printed in brackets, a
        # unit only as the very next number (else sub-section (4) with a heading)
        return _Top(line, m.group(1), None, b[m.end():].strip(), weak=True, fuzzy=True)
    m = _OCR_TOP.match(b)
    if m and _heading_shaped(b[m.end():]):
        num = m.group(1).translate(_OCR_DIGITS)
        if num.isdigit() and not num.startswith("0"):
            return _Top(line, num, None, b[m.end():].strip(), fuzzy=True)
    return None


_PAREN_HEAD = re.compile(r"\((\d{1,3})\)[ \t]+")
# a provision's number as OCR misreads it: "lO.", "ll,", "1'", "I L" (11), "l2."
_OCR_TOP = re.compile(r"([0-9lI]\s[0-9lIL]|[0-9lIOo]{1,3})(?:[.,'\u2019]\s*|\s+)(?=[A-Z])")
_OCR_DIGITS = str.maketrans("lIOoL", "11001", " ")
# a line shaped like a provision's first line whose number cannot be read
_LOST_TOP = re.compile(r"(?:[0-9lI]\s[0-9lIL]|[0-9lIOoSs|!\\]{1,3})[.,'\u2019]?\s+(?=[A-Z])")
_BROKEN_MARK = re.compile(r"\((?:[^\s()]{0,2}(?:\s+(?=[A-Z\"\u201c])|$)|\s*\)|[^\w\s)]{1,2}\))|[0-9lIO\\]{1,2}\)\s")


def _lost_top(t: Optional[_Top], body: str, prev: str) -> bool:
    """Whether a line that opens no unit is shaped like a provision's first line: a number
    dropped as out of order, or one that cannot be read, before a heading."""
    if t is not None:
        return not t.weak and not _year_like(t.num) and _heading_shaped(t.heading)
    m = _LOST_TOP.match(body)
    return bool(m) and _heading_shaped(body[m.end():]) and not _wraps_reference(prev) \
        and not _AMENDMENT_NOTE.match(body[m.end():])


def _heading_shaped(rest: str) -> bool:
    """Whether the text after a number reads as a provision's heading: "Short title.—",
    "Omission of section 4.-In the said Act", "Right to live - (1) The …"."""
    head = rest[:160]
    return bool(re.match(r"[A-Z][^\n]{1,120}?(?:[.,:]\s?(?:-{1,2}|[\u2014\u2013]|__)\s*\S|"
                         r"[-\u2014\u2013_]\s*\(\s?[1lI]\s?\))", head))


# ---------------------------------------------------------------------- runs

@dataclass
class _Run:
    tops: list[_Top]
    contents: bool = False
    doubtful: bool = False
    why: str = ""


def _split_runs(tops: list[_Top], paragraphs: bool = False) -> list[_Run]:
    """``paragraphs``: a judgment's paragraphs, numbered one after another, so a number
    that skips ahead while the next one comes a little later ("6. … 8. (1) Whoever …
    7. Prima facie …") or goes back while the paragraphs go on ("43, 35, 44") is a
    section the judgment quotes, not a paragraph."""
    runs: list[_Run] = []
    i = 0
    while i < len(tops):
        t = tops[i]
        if t.fuzzy and not (runs and _key(t.num) == (_key(runs[-1].tops[-1].num)[0] + 1, 0, "")):
            i += 1
            continue
        if paragraphs and not runs and _key(t.num)[0] > 2 and any(
                _key(n.num)[0] in (1, 2) for n in tops[i + 1:i + 6]):
            i += 1  # a number before the first paragraphs ("382" of a law report)
            continue
        if runs:
            last = runs[-1].tops[-1]
            if paragraphs:
                ahead = tops[i + 1:i + 6]
                step = _key(t.num)[0] - _key(last.num)[0]
                if (step > 1 and any(_next_para(last.num, n.num) for n in ahead)) or (
                        step <= 0 and any(_next_para(last.num, n.num) for n in ahead[:3])):
                    i += 1
                    continue
            if _continues(last.num, t.num) or _listed_after(last, t):
                runs[-1].tops.append(t)
                i += 1
                continue
            # A stray that the next numbers ignore: skip it. One that goes back while the
            # next number is the one after the last ("43. … 35. … 44.") is a stray too.
            nxt = tops[i + 1:i + 3]
            if any(_continues(last.num, n.num) for n in nxt) and (not any(
                    _continues(t.num, n.num) for n in nxt[:1]) or (
                    _key(t.num) < _key(last.num) and any(
                        _key(n.num)[0] - _key(last.num)[0] <= 1 and
                        _continues(last.num, n.num) for n in nxt))):
                i += 1
                continue
        if not t.weak:
            runs.append(_Run([t]))
        i += 1
    return runs


def _next_para(prev: str, new: str) -> bool:
    """``new`` is the paragraph right after ``prev`` (or one after a skipped one)."""
    return 1 <= _key(new)[0] - _key(prev)[0] <= 2 and _continues(prev, new)


def _year_like(num: str) -> bool:
    return num.isdigit() and len(num) == 4 and 1800 <= int(num) <= 2100


def _drop_years(tops: list[_Top]) -> list[_Top]:
    """A year that a wrapped line puts at the start ("took effect on 28 January\n2026. Of
    the …") is not a paragraph or section number: a year-like number counts only in
    sequence, right after or right before a number it continues (a code's article 2026)."""
    out = []
    for k, t in enumerate(tops):
        if _year_like(t.num):
            prev = tops[k - 1].num if k else ""
            nxt = tops[k + 1].num if k + 1 < len(tops) else ""
            if not ((prev and _continues(prev, t.num) and _key(t.num)[0] - _key(prev)[0] <= 2)
                    or (nxt and _continues(t.num, nxt) and _key(nxt)[0] - _key(t.num)[0] <= 2)):
                continue
        out.append(t)
    return out


def _listed_after(last: _Top, t: _Top) -> bool:
    """Two entries of one list of headings ('19A. Right to information.' then '280. …'):
    a bigger number right after, neither with a body."""
    return (_key(t.num) > _key(last.num) and not _has_body(last) and not _has_body(t)
            and t.line.page == last.line.page
            and 0 < t.line.body_start - last.line.body_start <= _TOC_SPAN)


def _continues(prev: str, new: str) -> bool:
    a, b = _key(prev), _key(new)
    return a < b and b[0] <= a[0] + _MAX_JUMP


def _has_body(t: _Top) -> bool:
    """Whether the text after a number is a provision's body, not a contents entry."""
    h = t.heading
    return bool(re.search(r"[.:][\s_]*[\u2014\u2013]|\.\s*__|\u2014\s*\S|\.\s?-{1,2}\s*\S", h)) or \
        h.startswith("(") or len(h) > 120


def _looks_like_contents(run: _Run, later: list[_Run], all_tops: list[_Top],
                         contents_pages: set[int]) -> bool:
    """A run of short entries whose numbers come again later (or under a CONTENTS heading)."""
    if len(run.tops) < 3:
        return False
    index = {id(t): k for k, t in enumerate(all_tops)}
    short = 0
    for t in run.tops:
        k = index[id(t)]
        nxt = all_tops[k + 1] if k + 1 < len(all_tops) else None
        if nxt is None or _has_body(t):
            continue
        span = (nxt.line.body_start - t.line.body_start) if nxt.line.page == t.line.page \
            else None
        if span is not None and span <= _TOC_SPAN:
            short += 1
        elif span is None and len(t.heading) < 120:
            short += 1
    share = short / len(run.tops)
    first = run.tops[0].line
    headed = any(p in contents_pages for p in (first.page, first.page - 1))
    again = {t.num for r in later for t in r.tops}
    repeated = sum(t.num in again for t in run.tops) / len(run.tops)
    if share >= _TOC_SHARE and repeated >= 0.5:
        return True
    return headed and share >= 0.4 and repeated >= 0.3


def _heading_not_para(t: _Top, next_body: str) -> bool:
    """A numbered heading of a report ("1. Introduction"), not a numbered paragraph."""
    h = t.heading
    return (0 < len(h) <= 60 and len(h.split()) <= 8 and not h.endswith((".", ",", ";", ":", "-"))
            and (not next_body or not next_body[:1].islower()))


_JUDGE_LINE = re.compile(r"[A-Z][A-Za-z.' -]{3,60},\s*(?:C\.?\s*)?J\b\.?\s*[:.\-]|"
                         r"(?:O\s?R\s?D\s?E\s?R|J\s?U\s?D\s?G\s?M\s?E\s?N\s?T|Judgment|Order)$")


# ---------------------------------------------------------------------- tree

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
        if a is None or a.kind in ("part", "chapter"):
            first = b if b is not None and b.kind not in ("part", "chapter") else None
            if first is not None:
                return Locator(first.label, first.doubtful, _why(first), first)
            if a is not None and b is a and (page, max(start, end - 1)) < a.title_end:
                return Locator(a.label, False, "", a)  # a part's or chapter's heading
            return Locator("")
        unit_a = _unit_of(a)
        if unit_a is None:
            return Locator(a.label if a.kind == "schedule" else "", False, "", a)
        k = bisect_right(self._starts(), (page, start))
        last_event = self.provisions[k - 1].start if k else (0, 0)
        lost = page - last_event[0] > _LOST_PAGES
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


class _Builder:
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

    def heading(self, kind: str, number: str, label: str, at: Pos, text: str) -> None:
        parent = None
        if kind == "chapter":
            parent = next((p for p in reversed(self.stack) if p.kind in ("part", "schedule")),
                          None)
        self._close_to(parent, at)
        node = self._open(Provision(kind, number, label, at, heading=text), parent, at)
        self.unit, self.container, self.levels = None, None, []
        if kind == "schedule":
            self.schedule = node
        elif kind == "part":
            self.schedule = None

    def _close_to(self, parent: Optional[Provision], at: Pos) -> None:
        while self.stack and self.stack[-1] is not parent:
            self.stack.pop().end = at

    def unit_start(self, top: _Top, at: Pos, doubtful: bool, why: str = "") -> None:
        word = top.word or self.word
        if self.schedule is not None:
            label = f"{self.schedule.label}, para {top.num}"
        else:
            label = f"{word} {top.num}"
        parent = next((p for p in reversed(self.stack) if p.kind in
                       ("part", "chapter", "schedule")), None)
        self._close_to(parent, at)
        node = Provision("unit", top.num, label, at, heading=top.heading[:120],
                         path=(top.num,), doubtful=doubtful, why=why if doubtful else "")
        self.unit = self.container = self._open(node, parent, at)
        self.levels = []
        self.started = True

    def marker(self, tok: str, at: Pos, text: str = "", next_tok: str = "",
               clean: bool = False) -> bool:
        """Follow a list marker; ``next_tok`` (the next marker in the text) settles a marker
        that two lists could take ("(i)" after "(h)": clause i, or sub-clause i?).
        ``clean``: the marker opens a sentence after one that ended (see
        :func:`_clean_break`), so a sub-section number one past the next ("(7)" after
        "(5)": an omitted or misprinted (6)) is the number the page prints, not a doubt."""
        if self.unit is None:
            return False
        options = self._options(tok)
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
                    return self._item(li, parent, st, v, sx, tok, at, gap, text)
        return False

    def _options(self, tok: str) -> list[tuple[int, str, int, str, Provision]]:
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
            if v == 1 and not sx and st not in open_styles:
                out.append((len(self.levels), st, v, sx, self.container or self.unit))
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

    def annotate(self, kind: str, number: str, at: Pos, text: str = "") -> bool:
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
            if deepest is not None and deepest.heading[:1] in "\u201c\"'\u2018" \
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
            if scope and self.levels and scope.group(1).lower() in ("clause", "sub-clause",
                                                                    "paragraph"):
                anchor = self.levels[-1][3]  # every list stays open: "(iii)" comes next
            elif scope and self.levels and self.levels[0][0] == "digit" and \
                    self.levels[0][4] is self.unit:
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


def _implicit_first_paragraph(lines: list[_Line], top_at: dict[int, _Top],
                               keep: dict[int, _Run], runs: list[_Run],
                               contents: list[tuple[Pos, Pos]]) -> None:
    """Judgments leave paragraph 1 unnumbered ("MEMON, J: - Through this petition …") and
    number from 2: paragraph 1 starts at the judge's line or after the ORDER heading."""
    body = next((r for r in runs if not r.contents), None)
    if body is None or body.tops[0].num != "2":
        return
    first_k = next(k for k, t in top_at.items() if t is body.tops[0])
    for k in range(first_k - 1, max(-1, first_k - 60), -1):
        ln = lines[k]
        if any(a <= (ln.page, ln.body_start) < z for a, z in contents):
            return
        m = _JUDGE_LINE.match(ln.body.strip())
        if m:
            at = k if not ln.body.strip().isupper() and len(ln.body) > m.end() + 3 else k + 1
            if at >= first_k:
                return
            t = _Top(lines[at], "1", None, lines[at].body)
            top_at[at] = t
            body.tops.insert(0, t)
            keep[id(t)] = body
            return


def _late_list(lines: list[_Line], runs: list[_Run], contents: list[tuple[Pos, Pos]],
               limit: int = _LATE_LIST_LINES) -> None:
    """A statement or report whose numbering starts only after many unnumbered paragraphs
    ("Our demands: 1. Withdraw the Rules …" on its last page) has a numbered list there, not
    numbered paragraphs: its numbers are doubtful, so a locator in or after it is uncertain
    (offered as a suggestion, not stored). Numbered paragraphs start near the top, after a
    title, a summary or a skipped table of contents."""
    body = next((r for r in runs if not r.contents), None)
    if body is None:
        return
    first = (body.tops[0].line.page, body.tops[0].line.body_start)
    prose = sum(1 for ln in lines
                if (ln.page, ln.body_start) < first and len(ln.body) >= _PROSE_LINE
                and not any(a <= (ln.page, ln.body_start) < z for a, z in contents))
    if prose > limit:
        body.doubtful = True
        body.why = "the numbering begins after unnumbered paragraphs (it may number a list)"


def _sub_number(tok: str) -> str:
    """A sub-section number as OCR may read it: "(l)" and "(I)" right after a heading are
    "(1)" (a clause cannot open a unit)."""
    return "1" if tok in ("l", "I") else tok


def _inline_sub(b: "_Builder", body: str, ln: _Line) -> bool:
    """Follow a sub-section number that a heading's dash puts inside a line."""
    im = _INLINE_SUB.search(body, 0)
    if not im or im.start() >= 240:
        return False
    return b.marker(_sub_number(im.group(1)), (ln.page, ln.at(body.rfind("(", 0, im.start(1)))))


# a line ending with the word a number completes: the number on the next line is named here
_REF_END = re.compile(r"\b(?:(?:sections?|articles?|rules?|sub-sections?|sub-rules?|clauses?|"
                      r"paragraphs?|paras?|regulations?)|(?:s|ss|No)\.)$", re.I)
def _wraps_reference(prev: str) -> bool:
    """Whether a line of running text ends with a word its next line's number completes
    ("… under Section"), not a heading ("RULES", "Regulations")."""
    prev = prev.rstrip()
    return not prev.isupper() and len(prev.split()) >= 2 and bool(_REF_END.search(prev))


def _clean_break(prev: str, rest: str) -> bool:
    """Whether a list marker's line opens a new sentence ("(7) The designated agency …")
    after a line that ended one ("… shall be followed."): not a cross-reference that running
    text wrapped onto the line ("… under sub-section\n(7) of section 5")."""
    prev = prev.rstrip()
    return prev.endswith((".", ".]")) and rest.lstrip()[:1].isupper() and \
        not _wraps_reference(prev)


# the heading of an Act or Ordinance where a gazette prints several: "ACT No. IV OF 1976",
# "An Act further to amend the Divorce Act" (its long title)
_ACT_HEADING = re.compile(
    r"(?:(?:ACT|Act|ORDINANCE|Ordinance)\s+No\b.{0,20}\b(?:OF|of|oF)\s+\d{4}\.?|"
    r"An?\s+(?:Act|ORDINANCE|Ordinance)\s+(?:\S+\s+)?to\s.*)$")


def _between(points: list[Pos], a: "_Line", b: "_Line") -> Optional[int]:
    """The index of the last of ``points`` after line ``a`` and before line ``b``, if any."""
    lo, hi = (a.page, a.body_start), (b.page, b.body_start)
    inside = [i for i, p in enumerate(points) if lo < p < hi]
    return inside[-1] if inside else None


# what an explanation says it explains: "In this sub-section, …", "For the purposes of this
# clause …"
_EXPLAINS = re.compile(r"(?:In|For\s+the\s+purposes?\s+of)\s+this\s+(sub-section|subsection|"
                       r"clause|sub-clause|paragraph)\b", re.I)


# the lines that close a judgment: the judge's signature, the date and place it was signed;
# and where a syllabus (headnote) with numbered holdings ends and the opinion begins
_CLOSING = re.compile(
    r"(?:.{0,80}\bdelivered\s+the\s+opinion\s+of\s+the\s+Court\b.{0,20}|"
    r".{0,60}\bJ\s?U\s?D\s?G\s?E\b\.?|(?:Dated|Announced|Pronounced)\b\W.{0,60}|"
    r"[A-Z][A-Za-z]+,?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?[A-Z][a-z]+,?"
    r"\s+\d{4}\.?(?:\s+[A-Z .]{0,40})?)$")


# the text of an amendment footnote numbered like a section ("2. Inserted by Ordinance …")
_AMENDMENT_NOTE = re.compile(
    r"(?:Subs(?:tituted)?|Ins(?:erted)?|Added|Rep(?:ealed)?|Amended|Renumbered|Omitted|"
    r"The\s+(?:words?|figures?|commas?|brackets?|full\s+stop))\b\.?[^.]{0,80}?"
    r"\b(?:by|vide|ibid|w\.e\.f)\b", re.I)
_QUOTES = "\u201c\"'\u2018"
_QUOTE_INTRO = re.compile(
    r"(?:\breads?(?: as under| thus| as follows)?|\bas under|\bas follows|\bruns? thus|"
    r"\bprovides?(?: that)?|\breproduced (?:below|hereunder))\s*[:;.,]?[\s:\-\u2014\u2013]*$", re.I)
_RUNS_ON = re.compile(r"(?:[,;(\u2014\u2013-]|\b[a-z]+)$")  # a line the next one continues


def _schedule_headings(lines: list[_Line], top_at: dict[int, _Top], keep: dict[int, _Run],
                       doc_type: str) -> set[int]:
    """The lines that open a schedule. A schedule is entered only at its heading, a line
    of its own ("THE THIRD SCHEDULE", "SCHEDULE II", "First Schedule [See Article 42]"),
    never at a mention that running text wraps onto a line ("… Omitted by A.O. 1949,\n
    Schedule." or "… set out in the\nThird Schedule."): the line before a heading does not
    run on into it, and the numbers after it are the schedule's own, not the next
    article of the body ("199" after "198" continues the body, so the line before it was
    a mention). Judgments, reports and statements have no schedules of their own: one
    named there is quoted."""
    if doc_type in ("judgment", "report", "statement"):
        return set()
    out: set[int] = set()
    kept = sorted((k, t) for k, t in top_at.items() if id(t) in keep)
    for k, ln in enumerate(lines):
        body = ln.body.strip()
        if not _SCHEDULE.fullmatch(body.strip(" .:")):
            continue
        if not body.isupper() and len(body) >= 60:
            continue
        if not body.isupper() and body.endswith((".", ",", ";")):
            continue  # "Schedule." ends a sentence
        if k and not body.isupper() and _RUNS_ON.search(lines[k - 1].body.rstrip()):
            continue
        before = [t for j, t in kept if j < k]
        after = [t for j, t in kept if j > k]
        if before and after and keep[id(after[0])] is keep[id(before[-1])]:
            continue  # the body's numbering runs on through it
        out.add(k)
    return out


def build_tree(pages: list[str], *, doc_type: str = "", title: str = "",
               marks: Marks = None) -> ProvisionTree:
    """The provision tree of a document from its page texts; ``marks`` (optional, per page)
    are the superscript markers found in the page layout, never part of a number."""
    word = unit_word(doc_type, title)
    lines = _lines(pages, marks)
    tops: list[_Top] = []
    top_at: dict[int, _Top] = {}
    contents_pages: set[int] = set()
    for k, ln in enumerate(lines):
        if _CONTENTS.fullmatch(ln.body.strip(" :.")):
            contents_pages.add(ln.page)
        t = _top_of(ln)
        if t is not None and k and t.word is None and _wraps_reference(lines[k - 1].body):
            t = None  # "… orders under Section\n11. The file …": a wrapped reference
        if t is not None and t.word is None and _AMENDMENT_NOTE.match(t.heading):
            t = None  # "1. Substituted vide Ordinance No. XC of 2002": a footnote
        if t is not None:
            tops.append(t)
            top_at[k] = t
    tops = _drop_years(tops)
    if word == "para":  # numbered headings of reports are not paragraphs
        nxt_body = {id(ln): lines[k + 1].body if k + 1 < len(lines) else ""
                    for k, ln in enumerate(lines)}
        heads = [t for t in tops if _heading_not_para(t, nxt_body[id(t.line)])]
        if len(heads) * 2 >= len(tops):
            drop = {id(t) for t in heads}
            tops = [t for t in tops if id(t) not in drop]
            top_at = {k: t for k, t in top_at.items() if id(t) not in drop}
    prose = doc_type in ("report", "statement")
    if prose or doc_type == "judgment":
        # A report, statement or judgment has no sections of its own: "Section 3." or
        # "Article 35:-" at the start of its line is a reference that running text wrapped
        # there, a heading, or a provision quoted, never a provision of the document.
        tops = [t for t in tops if t.word in (None, "para")]
        top_at = {k: t for k, t in top_at.items() if t.word in (None, "para")}
    runs = _split_runs(tops, paragraphs=doc_type == "judgment")
    if prose:
        # its numbered paragraphs or list items begin at 1 and come at least two
        # together: a lone "3." is a number that a wrapped line starts with
        runs = [r for r in runs if len(r.tops) >= 2 and _key(r.tops[0].num)[0] <= 2]
    body_seen: Optional[_Run] = None
    keep: dict[int, _Run] = {}
    contents: list[tuple[Pos, Pos]] = []
    act_lines = [k for k, ln in enumerate(lines) if _ACT_HEADING.match(ln.body.strip())]
    act_at = [(lines[k].page, lines[k].body_start) for k in act_lines]
    act_set: set[int] = set()  # the Act headings a gazette's numbering starts again after
    for ri, r in enumerate(runs):
        if body_seen is None and _looks_like_contents(r, runs[ri + 1:], tops, contents_pages):
            r.contents = True
            first, last = r.tops[0].line, r.tops[-1].line
            contents.append(((first.page, first.start),
                             (last.page, last.at(len(last.body)))))
            continue
        if body_seen is not None and _key(r.tops[0].num) <= _key(body_seen.tops[-1].num):
            # numbering starts again: a list inside a paragraph, or worse; but a gazette
            # prints one Act after another, each numbered from 1 after its own heading
            act = _between(act_at, body_seen.tops[-1].line, r.tops[0].line) \
                if r.tops[0].num == "1" else None
            if act is None:
                r.doubtful = True
            else:
                act_set.add(act_lines[act])
        body_seen = r
        for t in r.tops:
            keep[id(t)] = r
    if word == "para" and body_seen is not None:
        _implicit_first_paragraph(lines, top_at, keep, runs, contents)
    if doc_type in ("statement", "report"):
        _late_list(lines, runs, contents)
    elif doc_type == "judgment":
        # a judgment whose numbers start pages in (a list of injuries, a quoted section)
        # has no numbered paragraphs; its first paragraph is never this long
        _late_list(lines, runs, contents, _LATE_JUDGMENT_LINES)
    next_mark: dict[int, str] = {}  # line -> the list marker that starts a later line
    following = ""
    for k in range(len(lines) - 1, -1, -1):
        next_mark[k] = following
        m = _MARK.match(lines[k].body)
        if m:
            following = m.group(1)
    headings = _schedule_headings(lines, top_at, keep, doc_type)
    # A judgment is cited by its own numbered paragraphs: a statute it quotes (sections,
    # sub-sections, provisos, parts) stays inside the paragraph that quotes it.
    flat = doc_type == "judgment"
    quoted = False
    head_left = 0  # lines after a unit's number where its "(1)" may still come
    b = _Builder(word)
    titled: Optional[Provision] = None  # a part or chapter whose title lines may follow
    for k, ln in enumerate(lines):
        at = (ln.page, ln.body_start)
        if any(a <= at < z for a, z in contents):
            continue
        body = ln.body
        if b.started and k in act_set:
            b.close_all(at)  # the next Act of a gazette: the last one has ended
            b.unit, b.container, b.levels, b.schedule = None, None, [], None
            continue
        if flat and b.unit is not None and _CLOSING.match(body.strip()):
            # "Karachi JUDGE", "Dated: 22nd March, 2023": the judgment's last paragraph
            # has ended; what follows is cited by no paragraph until the next one starts
            b.close_all(at)
            b.unit, b.container, b.levels = None, None, []
            continue
        # a schedule heading counts once the body has begun (not in the contents)
        m = _SCHEDULE.fullmatch(body.strip(" .:")) if b.started and k in headings else None
        if m:
            which = (m.group(1) or "").title()
            kind = "Form" if re.search(r"\bform\b", m.group(0), re.I) else "Schedule"
            label = f"{which} {kind}" if which else kind + (
                f" {m.group(2)}" if m.group(2) else "")
            b.heading("schedule", m.group(2) or which, label, at, body)
            continue
        m = _PART.fullmatch(body.strip(" [].;")) if not flat else None
        if m:
            b.heading("part", m.group(1), f"Part {m.group(1)}", at, body)
            titled = b.stack[-1]
            titled.title_end = (ln.page, ln.at(len(body)))
            continue
        m = _CHAPTER.fullmatch(body.strip(" [].;")) if not flat else None
        if m:
            b.heading("chapter", m.group(1), f"Chapter {m.group(1)}", at, body)
            titled = b.stack[-1]
            titled.title_end = (ln.page, ln.at(len(body)))
            continue
        if titled is not None:
            # the title printed under "PART III": upper case, or a short line of its own
            if b.stack and b.stack[-1] is titled and k not in top_at and not _MARK.match(body) \
                    and (body.isupper() or (len(body) <= 70 and not body.rstrip().endswith(
                        (".", ",", ";", ":")))):
                titled.title_end = (ln.page, ln.at(len(body)))
            else:
                titled = None
        t = top_at.get(k)
        if t is not None and id(t) in keep:
            r = keep[id(t)]
            b.unit_start(t, at, r.doubtful and b.schedule is None, r.why)
            quoted = False
            if flat:
                continue
            head_left = _HEAD_LINES
            lead = _LEAD_SUB.match(t.heading)
            if lead:  # "10. (1) No person …"
                off = body.find(lead.group(0))
                b.marker(_sub_number(lead.group(1)), (ln.page, ln.at(off)),
                         t.heading[lead.end():])
                continue
            if _inline_sub(b, body, ln):
                head_left = 0
            continue
        if not flat and word != "para" and b.unit is not None and _lost_top(
                t, body, lines[k - 1].body if k else ""):
            b.doubt(at, "a provision here has a number that cannot be read or is out of "
                    "order", True)
        if head_left and b.unit is not None and not b.levels and not flat:
            # a heading wrapped over lines: "10. Duty of the\n[Officer] and others.– (1) The"
            head_left -= 1
            if not _MARK.match(body) and _inline_sub(b, body, ln):
                head_left = 0
                continue
        else:
            head_left = 0
        if flat:
            # the court's own sub-paragraphs ("(a) rule 5(1)(b) is ultra vires") are
            # followed; a statute it quotes ("which reads:", a line that opens a quote or
            # a section of its own) stays in the paragraph up to the next paragraph
            if not quoted and (body[:1] in _QUOTES or t is not None or (
                    k and _QUOTE_INTRO.search(lines[k - 1].body))):
                quoted = True
            if quoted:
                continue
        m = _MARK.match(body)
        if m and k and _wraps_reference(lines[k - 1].body):
            m = None  # "… under sub-section\n(4) of section 9": a wrapped reference
        rest = body[m.end():].lstrip(" .") if m else ""
        tok = m.group(1) if m else ""
        if tok in ("l", "I") and b.unit is not None and not b.levels:
            tok = "1"  # "(l) The Chairperson …" under a heading: OCR's or a typist's (1)
        if m and b.marker(tok, at, rest, next_mark.get(k, ""),
                          clean=k > 0 and _clean_break(lines[k - 1].body, rest)):
            continue
        if flat:
            continue
        if (rest[:1].isupper() or rest[:1] in _QUOTES) if m else (
                _BROKEN_MARK.match(body) is not None and not (
                    k and _wraps_reference(lines[k - 1].body))):
            # "(e) “Court” means …" where (e) cannot follow, "(0 One representative …":
            # a list item whose number does not fit or cannot be read
            b.doubt(at, "a list item here has a number that cannot be read or does not "
                    "follow the numbering", False)
        if _PROVISO.match(body) and b.annotate("proviso", "", at):
            continue
        m = _EXPLAIN.match(body)
        if m and b.annotate("explanation", m.group(1) or "", at, body[m.end():]):
            continue
        m = _EXCEPT.match(body)
        if m and b.annotate("exception", m.group(2) or (
                str(_ORDINALS.index(m.group(1).lower()) + 1) if m.group(1) else ""), at):
            continue
        if _ILLUS.match(body) and b.annotate(
                "illustration", "Illustrations" if body.lower().startswith("illustrations")
                else "Illustration", at):
            continue
    end = (len(pages), 0)
    b.close_all(end)
    for p in b.out:  # nothing ends past the last page
        if p.end > end:
            p.end = end
    return ProvisionTree(b.out, word, contents, len(pages), b.unsettled)


_CACHE: "OrderedDict[str, ProvisionTree]" = OrderedDict()
_CACHE_SIZE = 8


def text_key(pages: list[str], doc_type: str = "", title: str = "", marks: Marks = None) -> str:
    h = hashlib.sha1()
    for t in pages:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\x00\x01")
    h.update(f"{doc_type}\x00{unit_word(doc_type, title)}".encode())
    if marks is not None and any(marks):
        h.update(repr([list(m or ()) for m in marks]).encode())
    return h.hexdigest()


def tree_for(pages: list[str], *, doc_type: str = "", title: str = "",
             marks: Marks = None) -> ProvisionTree:
    """``build_tree`` with a small in-memory cache keyed by a hash of the texts (and of the
    superscript ``marks``, when given)."""
    key = text_key(pages, doc_type, title, marks)
    tree = _CACHE.get(key)
    if tree is None:
        tree = build_tree(pages, doc_type=doc_type, title=title, marks=marks)
        _CACHE[key] = tree
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return tree
