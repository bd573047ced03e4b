"""Lines and tokens: the lines of the page texts with the noise at their start taken off,
the number readings of list markers, and the patterns that say what a line can be (see the
package's docstring)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence



Pos = tuple[int, int]  # (page index, offset in that page's text)


_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
          "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv",
          "xxv", "xxvi", "xxvii", "xxviii", "xxix", "xxx", "xxxi", "xxxii", "xxxiii", "xxxiv",
          "xxxv", "xxxvi", "xxxvii", "xxxviii", "xxxix", "xl"]


_WORDS = {"article": "Article", "section": "Section", "rule": "Rule", "regulation": "Regulation",
          "paragraph": "para", "para": "para", "order": "Order"}


_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth"]


_LINE = re.compile(r"[^\r\n]+")


# Footnote markers, amendment brackets, underscores and asterisks before the real start.
# OCR leaves a stray dash, quote or dot before a line ("- 8. Protection …", "' 72. …");
# a word processor's list bullets ("\uf0b7 (a)", "o (i)", "• (b)") stand before markers
_NOISE = re.compile(r"^(?:[\s_*]|\d{1,2}\s*(?=[\[{])|[\[{](?!\s*\*)|[-'\u2019.,](?=\s)|"
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


# "Provided that", "Provided further that", also "Provided the Government may …" and
# "Provided" alone on its line (a marginal note "Proviso." beside it)
_PROVISO = re.compile(r"Provided(?:\s+(?:further|also|however|always|that|the|a|an|in|where|if|"
                      r"nothing|no|any)\b|\s*$)")


_EXPLAIN = re.compile(r"Explanation\s*([0-9]{1,2}|[IVX]{1,4})?\s*(?:[.:\u2014\u2013_-]|$)")


_EXCEPT = re.compile(r"(?:(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)\s+)?"
                     r"Exception\s*([0-9]{1,2}|[IVX]{1,4})?\s*(?:[.:\u2014\u2013_-]|$|in\b)")


_ILLUS = re.compile(r"Illustrations?\s*[.:]?\s*$")


# "PART III", "CHAPTER – VII", "CHAPTER IV-A - Holiday with Pay"
_PART = re.compile(r"PART[\s\u2013\u2014-]+([IVXLC]+(?:-?[A-Z])?|\d{1,2}(?:-?[A-Z])?)"
                   r"(?:\s*[.:\u2014\u2013-][^\]]{0,70})?")


_CHAPTER = re.compile(r"CHAPTER[\s\u2013\u2014-]*([IVXLC]+(?:-?[A-Z])?|\d{1,2}(?:-?[A-Z])?)"
                      r"(?:\s*[.:\u2014\u2013-][^\]]{0,70})?")


_SCHEDULE = re.compile(
    r"(?:THE\s+)?(?:(FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH)\s+)?"
    r"(?:SCHEDULE|FORM)(?:\s+([IVX]{1,4}|\d{1,2}))?\s*(?:\[.*)?$", re.I)  # a FORM too


_CONTENTS = re.compile(
    r"(?:TABLE\s+OF\s+)?CONTENTS|ARRANGEMENT\s+OF\s+(?:SECTIONS|ARTICLES|RULES|REGULATIONS|"
    r"CLAUSES|PARAGRAPHS)", re.I)


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
            c = raw[:1]
            if c.isalpha() and c != "o" and not "\uf000" <= c <= "\uf0ff":
                skip = 0  # no noise starts with a letter (most lines): spare the pattern
            else:
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
    c = b[:1]  # each pattern needs its own first character: most lines try none
    m = _TOP_WORD.match(b) if c in "ASRP" else None
    if m:
        return _Top(line, _printed(m.group(2)), _WORDS.get(m.group(1).lower()),
                    b[m.end():].strip())
    digit = c.isdigit()
    m = _TOP_NUM.match(b) if digit else None
    if m and not re.match(r"\d{1,4}[.,]\d", b):
        return _Top(line, _printed(m.group(1)), None, b[m.end():].strip())
    if c != "(" and not digit and c not in "lIOoSBE":
        return None
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
_OCR_TOP = re.compile(r"([0-9lI]\s[0-9lIL]|[0-9lIOoSBE]{1,3})(?:[.,'\u2019-]\s*|\s+)(?=[A-Z])")


_OCR_DIGITS = str.maketrans("lIOoLSBE", "11001588", " ")  # "E." is OCR's "8.", "6-" its "6."


# a line shaped like a provision's first line whose number cannot be read
_LOST_TOP = re.compile(r"(?:[0-9lI]\s[0-9lIL]|[0-9lIOoSs|!\\:]{1,3})[.,'\u2019]?\s+(?=[A-Z])")


# "(0 One …", "( ) One", '(") x', "0) …", "12) The …"; "l2l …", "@ The …" (OCR's "(2)")
_BROKEN_MARK = re.compile(r"\((?:[^\s()]{0,2}(?:\s+(?=[A-Z\"\u201c])|$)|\s*\)|[^\w\s)]{1,2}\))|"
                          r"[0-9lIO\\]{1,2}\)\s|[lI(\\]\d{1,2}[lI1)\]](?=\s+[A-Z])|@(?=\s+[A-Z])")


def _lost_top(t: Optional[_Top], body: str, prev: str) -> bool:
    """Whether a line that opens no unit is shaped like a provision's first line: a number
    dropped as out of order, or one that cannot be read, before a heading."""
    if t is not None:
        return not t.weak and not _year_like(t.num) and _heading_shaped(t.heading)
    if not body[:1].isdigit() and body[:1] not in "lIOoSs|!\\:":
        return False
    m = _LOST_TOP.match(body)
    if m is None:
        return False
    return _heading_shaped(body[m.end():]) and not _wraps_reference(prev) \
        and not _AMENDMENT_NOTE.match(body[m.end():])


def _heading_shaped(rest: str) -> bool:
    """Whether the text after a number reads as a provision's heading: "Short title.—",
    "Omission of section 4.-In the said Act", "Right to live - (1) The …"."""
    head = rest[:160]
    if not head[:1].isupper() or not any(d in head for d in "-\u2014\u2013_"):
        return False  # no heading without its dash: spare the pattern
    return _HEADING.match(head) is not None


_HEADING = re.compile(r"[A-Z][^\n]{1,120}?(?:[.,:]\s?(?:-{1,2}|[\u2014\u2013]|__)\s*\S|"
                      r"[-\u2014\u2013_]\s*\(\s?[1lI]\s?\))")


def _year_like(num: str) -> bool:
    return num.isdigit() and len(num) == 4 and 1800 <= int(num) <= 2100


def _has_body(t: _Top) -> bool:
    """Whether the text after a number is a provision's body, not a contents entry."""
    h = t.heading
    return bool(re.search(r"[.:][\s_]*[\u2014\u2013]|\.\s*__|\u2014\s*\S|\.\s?-{1,2}\s*\S", h)) or \
        h.startswith("(") or len(h) > 120


_JUDGE_LINE = re.compile(r"[A-Z][A-Za-z.' -]{3,60},\s*(?:C\.?\s*)?J\b\.?\s*[:.\-]|"
                         r"(?:O\s?R\s?D\s?E\s?R|J\s?U\s?D\s?G\s?M\s?E\s?N\s?T|Judgment|Order)$")


def _sub_number(tok: str) -> str:
    """A sub-section number as OCR may read it: "(l)" and "(I)" right after a heading are
    "(1)" (a clause cannot open a unit)."""
    return "1" if tok in ("l", "I") else tok


# a line ending with the word a number completes: the number on the next line is named here
_REF_END = re.compile(r"\b(?:(?:sections?|articles?|rules?|sub-sections?|sub-rules?|clauses?|"
                      r"paragraphs?|paras?|regulations?)|(?:s|ss|No)\.)$", re.I)


def _wraps_reference(prev: str) -> bool:
    """Whether a line of running text ends with a word its next line's number completes
    ("… under Section"), not a heading ("RULES", "Regulations")."""
    prev = prev.rstrip()
    if not prev[-1:].isalpha() and not prev.endswith("."):
        return False  # every reference word ends with a letter or "s.", "ss.", "No."
    return not prev.isupper() and len(prev.split()) >= 2 and bool(_REF_END.search(prev[-16:]))


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


# what an explanation says it explains: "In this sub-section, …", "For the purposes of this
# clause …"
_EXPLAINS = re.compile(r"(?:(?:In|For\s+the\s+purposes?\s+of)\s+this|This)\s+"
                       r"(sub-section|subsection|claus[ec]|sub-claus[ec]|paragraph)\b",
                       re.I)  # OCR's "clausc" too


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
