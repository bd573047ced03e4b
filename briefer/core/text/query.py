"""The search query language, parsed tolerantly: any text gives a query and never an error.

The syntax, as people read it, is :data:`LANGUAGE_HELP` (the command line's
``briefer search --help`` and the window's F1 page both show it). What is not understood
is read as well as possible, and :attr:`Query.notes` says how: an unbalanced quote is
closed at the end, a stray bracket is ignored, a lone operator is dropped, an unknown
field is searched as text, a very long query is shortened, control characters are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Union

# The query language in the words of a person who searches (one text for every front end).
LANGUAGE_HELP = """\
query language (words are case-insensitive; operators in capitals):
  national coordinator          every word must match (on the same page)
  block OR remove               either word
  NOT draft      -draft         pages without the word
  "national coordinator"        exact phrase
  "content removal"~5           the words within 5 words of each other, any order
  regulat*      wom?n           prefix; wildcards (* any letters, ? one letter)
  coordinater~  coordinater~1   fuzzy: similar spellings (1 or 2 letters differ)
  (block* OR remov*) AND rule   grouping with brackets
  title:rules  type:rule  issuer:"telecom authority"  tag:social-media  lang:ur
  doc:12  doc:PECA              one document (its number or words of its title)
  date:2020  date:2020-03  date:[2020-01-01 TO 2021-06-30]  date:>=2019

English words match their other forms (comply finds complies); Urdu and Arabic match
with or without diacritics and with either yeh or kaf; ligatures (ﬁ) match plain letters.
A query that cannot be read exactly (an open quote, a stray bracket, a lone operator, an
unknown field) is read as well as possible, with a note saying how.
"""

MAX_QUERY_CHARS = 1000
MAX_DEPTH = 16
MAX_CLAUSES = 64

FIELDS = {"title": "title", "type": "type", "issuer": "issuer", "tag": "tag", "tags": "tag",
          "doc": "doc", "document": "doc", "lang": "lang", "language": "lang",
          "date": "date", "year": "date"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\uff02": '"', "\uff08": "(", "\uff09": ")"})


# ----------------------------------------------------------------------------- the tree


@dataclass
class Word:
    """A word (or a few, if analysis splits it); ``mode`` word | prefix | wildcard | fuzzy."""

    text: str
    field: Optional[str] = None
    mode: str = "word"
    distance: Optional[int] = None  # fuzzy: edits allowed (None: by length)
    start: int = 0  # where it stands in Query.text
    end: int = 0


@dataclass
class Phrase:
    """An exact phrase, or with ``slop`` > 0 words near each other."""

    text: str
    field: Optional[str] = None
    slop: int = 0
    start: int = 0
    end: int = 0


@dataclass
class DateRange:
    """Dates as YYYYMMDD numbers, inclusive; None means open."""

    low: Optional[int]
    high: Optional[int]
    text: str = ""


@dataclass
class And:
    items: list["Node"]


@dataclass
class Or:
    items: list["Node"]


@dataclass
class Not:
    item: "Node"


Node = Union[Word, Phrase, DateRange, And, Or, Not]


@dataclass
class Query:
    """A parsed query: ``root`` (None when nothing searchable is left) and notes."""

    text: str  # the query as read (cleaned and shortened)
    root: Optional[Node]
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.root is None

    def describe(self) -> str:
        """The reading of the query, in query syntax (shown with the notes)."""
        return describe(self.root) if self.root is not None else ""


def describe(node: Node) -> str:
    if isinstance(node, Word):
        f = f"{node.field}:" if node.field else ""
        if node.mode == "fuzzy":
            return f"{f}{node.text}~" + (str(node.distance) if node.distance else "")
        return f + node.text
    if isinstance(node, Phrase):
        f = f"{node.field}:" if node.field else ""
        return f'{f}"{node.text}"' + (f"~{node.slop}" if node.slop else "")
    if isinstance(node, DateRange):
        return f"date:{node.text}"
    if isinstance(node, Not):
        return "NOT " + _group(node.item)
    if isinstance(node, And):
        return " ".join(_group(i) for i in node.items)
    if isinstance(node, Or):
        return " OR ".join(_group(i) for i in node.items)
    return ""


def _group(node: Node) -> str:
    s = describe(node)
    return f"({s})" if isinstance(node, (And, Or)) and len(node.items) > 1 else s


# ----------------------------------------------------------------------------- dates


def date_bounds(value: str) -> Optional[tuple[int, int]]:
    """'2020' -> (20200000, 20201299); '2020-03' -> (20200300, 20200399); full date: itself."""
    m = re.fullmatch(r"\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*", value)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if mo is None:
        return int(y + "0000"), int(y + "1299")
    mo = mo.zfill(2)
    if d is None:
        return int(y + mo + "00"), int(y + mo + "99")
    n = int(y + mo + d.zfill(2))
    return n, n


def parse_date(value: str) -> Optional[DateRange]:
    """A date value of ``date:``: a year, month, day, ``[A TO B]`` or ``>``/``<`` forms."""
    v = value.strip()
    m = re.fullmatch(r"[\[{]\s*(\S*)\s+(?:TO|to|-|–)(?:\s+(\S*?))?\s*[\]}]?", v) or \
        re.fullmatch(r"[\[{]?\s*(\d{4}[-\d./]*)\s*(?:\.\.|–|\s+TO\s+|\s+to\s+)\s*"
                     r"(\d{4}[-\d./]*)\s*[\]}]?", v)
    if m:
        a, b = m.group(1), m.group(2) or ""
        lo = date_bounds(a) if a not in ("", "*") else None
        hi = date_bounds(b) if b not in ("", "*") else None
        if (a not in ("", "*") and lo is None) or (b not in ("", "*") and hi is None):
            return None
        return DateRange(lo[0] if lo else None, hi[1] if hi else None,
                         f"[{a or '*'} TO {b or '*'}]")
    m = re.fullmatch(r"(>=|<=|>|<)\s*(.+)", v)
    if m:
        op, rest = m.groups()
        b = date_bounds(rest)
        if b is None:
            return None
        if op == ">":
            return DateRange(b[1] + 1, None, v)
        if op == ">=":
            return DateRange(b[0], None, v)
        if op == "<":
            return DateRange(None, b[0] - 1, v)
        return DateRange(None, b[1], v)
    b = date_bounds(v.strip("[]{}"))
    if b is None:
        return None
    return DateRange(b[0], b[1], v.strip("[]{}"))


# ----------------------------------------------------------------------------- lexing


@dataclass
class _Tok:
    kind: str  # ( ) AND OR NOT - term
    node: Optional[Node] = None
    field_group: Optional[str] = None  # "title:(" opens a group whose words use the field


def _clean(text: str, notes: list[str]) -> str:
    if not isinstance(text, str):
        text = str(text or "")
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    text = text.translate(_QUOTES)
    if len(text) > MAX_QUERY_CHARS:
        cut = text.rfind(" ", 0, MAX_QUERY_CHARS)
        text = text[:cut if cut > MAX_QUERY_CHARS // 2 else MAX_QUERY_CHARS]
        notes.append(f"the query was shortened to its first {len(text)} characters")
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _term_token(raw: str, start: int, fld: Optional[str], notes: list[str]) -> Optional[Node]:
    """A bare word (no spaces) as a Word node; None when nothing is left of it."""
    word = raw
    m = re.search(r"\^\d*(?:\.\d+)?$", word)  # boosts are not supported: ignore
    if m and m.start() > 0:
        word = word[:m.start()]
    mode, distance = "word", None
    m = re.search(r"~(\d*)$", word)
    if m and m.start() > 0:
        mode = "fuzzy"
        if m.group(1):
            distance = max(0, min(2, int(m.group(1))))
        word = word[:m.start()]
    word = word.strip("~")
    if not word:
        return None
    if mode != "fuzzy" and ("*" in word or "?" in word):
        core = word.rstrip("*")
        if core and "*" not in core and "?" not in core:
            mode, word = "prefix", core + "*"
        else:
            if not word.strip("*?"):
                notes.append(f"'{raw}' alone matches everything; ignored")
                return None
            mode = "wildcard"
    return Word(word, fld, mode, distance, start, start + len(raw))


def _lex(text: str, notes: list[str]) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "(":
            toks.append(_Tok("("))
            i += 1
            continue
        if ch == ")":
            toks.append(_Tok(")"))
            i += 1
            continue
        if ch in "-!" and i + 1 < n and not text[i + 1].isspace() and \
                (i == 0 or text[i - 1].isspace() or text[i - 1] == "("):
            toks.append(_Tok("NOT"))
            i += 1
            continue
        if ch == "+":
            i += 1
            continue
        if ch == '"':
            node, i = _lex_phrase(text, i, None, notes)
            if node is not None:
                toks.append(_Tok("term", node))
            continue
        # a bare token: up to white space, a bracket or a quote
        j = i
        while j < n and not text[j].isspace() and text[j] not in '()"':
            j += 1
        raw = text[i:j]
        if raw in ("AND", "&&"):
            toks.append(_Tok("AND"))
            i = j
            continue
        if raw in ("OR", "||"):
            toks.append(_Tok("OR"))
            i = j
            continue
        if raw == "NOT":
            toks.append(_Tok("NOT"))
            i = j
            continue
        m = re.match(r"([A-Za-z]+):", raw)
        if m:
            name = m.group(1).lower()
            fld = FIELDS.get(name)
            rest_start = i + len(m.group(0))
            if fld is None:
                notes.append(f"there is no field '{m.group(1)}:'; searched as words")
            elif fld == "date":
                # a date value may contain spaces: date:[2020 TO 2021]
                if rest_start < n and text[rest_start] in "[{":
                    close = min([k for k in (text.find("]", rest_start),
                                             text.find("}", rest_start)) if k >= 0] or [n])
                    value = text[rest_start:close + 1]
                    j = min(close + 1, n)
                    if close >= n:
                        notes.append("a closing ']' was added to the date range")
                else:
                    value = text[rest_start:j]
                rng = parse_date(value)
                if rng is None:
                    notes.append(f"'{value}' is not a date (use 2020, 2020-03, 2020-03-31 "
                                 "or [2020-01-01 TO 2021-06-30]); ignored")
                else:
                    toks.append(_Tok("term", rng))
                i = j
                continue
            else:
                if rest_start < n and text[rest_start] == '"' and rest_start == j:
                    node, i = _lex_phrase(text, rest_start, fld, notes)
                    if node is not None:
                        toks.append(_Tok("term", node))
                    continue
                if rest_start == j and rest_start < n and text[rest_start] == "(":
                    toks.append(_Tok("(", field_group=fld))
                    i = j + 1
                    continue
                value = text[rest_start:j]
                if not value:
                    notes.append(f"'{m.group(0)}' has no value; ignored")
                    i = j
                    continue
                node = _term_token(value, rest_start, fld, notes)
                if node is not None:
                    toks.append(_Tok("term", node))
                i = j
                continue
        node = _term_token(raw, i, None, notes)
        if node is not None:
            toks.append(_Tok("term", node))
        i = j
    return toks


def _lex_phrase(text: str, i: int, fld: Optional[str],
                notes: list[str]) -> tuple[Optional[Node], int]:
    """A quoted phrase starting at the quote ``text[i]``; returns (node, next index)."""
    close = text.find('"', i + 1)
    if close < 0:
        notes.append("a closing quote was added at the end")
        body, j = text[i + 1:], len(text)
    else:
        body, j = text[i + 1:close], close + 1
    slop = 0
    m = re.match(r"~(\d*)", text[j:])
    if m:
        slop = min(int(m.group(1)), 50) if m.group(1) else 5
        j += len(m.group(0))
    if not body.strip():
        if close >= 0 or body:
            notes.append("an empty phrase was ignored")
        return None, j
    body = " ".join(body.split())
    return Phrase(body, fld, slop, i, j), j


# ----------------------------------------------------------------------------- parsing


class _Parser:
    def __init__(self, toks: list[_Tok], notes: list[str]) -> None:
        self.toks = toks
        self.i = 0
        self.notes = notes
        self.depth = 0
        self.clauses = 0

    def peek(self) -> Optional[_Tok]:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def note(self, msg: str) -> None:
        if msg not in self.notes:
            self.notes.append(msg)

    def parse(self) -> Optional[Node]:
        items: list[Node] = []
        while self.peek() is not None:
            node = self.parse_or()
            if node is not None:
                items.append(node)
            t = self.peek()
            if t is not None and t.kind == ")":
                self.take()
                self.note("a stray ')' was ignored")
        return _simplify(And(items)) if items else None

    def parse_or(self, fld: Optional[str] = None) -> Optional[Node]:
        items: list[Node] = []
        first = self.parse_and(fld)
        if first is not None:
            items.append(first)
        while (t := self.peek()) is not None and t.kind == "OR":
            self.take()
            if not items:
                self.note("OR needs something on both sides; the lone OR was ignored")
            node = self.parse_and(fld)
            if node is None:
                self.note("OR needs something on both sides; the lone OR was ignored")
                continue
            items.append(node)
        if not items:
            return None
        return items[0] if len(items) == 1 else Or(items)

    def parse_and(self, fld: Optional[str]) -> Optional[Node]:
        items: list[Node] = []
        while True:
            t = self.peek()
            if t is None or t.kind in (")", "OR"):
                break
            if t.kind == "AND":
                self.take()
                nxt = self.peek()
                if not items or nxt is None or nxt.kind in (")", "OR", "AND"):
                    self.note("AND needs something on both sides; the lone AND was ignored")
                continue
            node = self.parse_unary(fld)
            if node is not None:
                if self.clauses >= MAX_CLAUSES:
                    self.note(f"only the first {MAX_CLAUSES} words were used")
                    continue
                items.append(node)
        if not items:
            return None
        return items[0] if len(items) == 1 else And(items)

    def parse_unary(self, fld: Optional[str]) -> Optional[Node]:
        negate = False
        seen = False
        while (t := self.peek()) is not None and t.kind == "NOT":
            self.take()
            negate = not negate
            seen = True
        node = self.parse_primary(fld)
        if node is None:
            if seen:
                self.note("NOT needs a word after it; the lone NOT was ignored")
            return None
        return Not(node) if negate else node

    def parse_primary(self, fld: Optional[str]) -> Optional[Node]:
        t = self.peek()
        if t is None:
            return None
        if t.kind == "(":
            self.take()
            if self.depth >= MAX_DEPTH:
                self.note("brackets nested too deeply were ignored")
                return None
            self.depth += 1
            node = self.parse_or(t.field_group or fld)
            self.depth -= 1
            nt = self.peek()
            if nt is not None and nt.kind == ")":
                self.take()
            else:
                self.note("a missing ')' was added at the end")
            return node
        if t.kind == "term":
            self.take()
            self.clauses += 1
            node = t.node
            if fld and isinstance(node, (Word, Phrase)) and node.field is None:
                node.field = fld
            return node
        if t.kind == ")":
            return None  # handled by the caller
        self.take()  # AND / OR where a word should be
        self.note(f"{t.kind} needs something on both sides; the lone {t.kind} was ignored")
        return None


def _simplify(node: Node) -> Node:
    if isinstance(node, (And, Or)):
        items: list[Node] = []
        for i in node.items:
            i = _simplify(i)
            if type(i) is type(node):
                items.extend(i.items)
            else:
                items.append(i)
        if len(items) == 1:
            return items[0]
        return type(node)(items)
    if isinstance(node, Not):
        inner = _simplify(node.item)
        return inner.item if isinstance(inner, Not) else Not(inner)
    return node


def parse(text: str) -> Query:
    """Parse ``text``; never raises. Notes say where the reading departs from the input."""
    notes: list[str] = []
    try:
        cleaned = _clean(text, notes)
        toks = _lex(cleaned, notes)
        root = _Parser(toks, notes).parse()
    except RecursionError:  # pragma: no cover - depth is capped
        cleaned, root = "", None
        notes.append("the query could not be read")
    if root is not None and _only_negative(root):
        notes.append("the query only excludes words: searching every page without them")
    # Each note once, in the order first met: a long query that repeats a mistake (fifty
    # lone '*', 'title:' without a value) is told about it once, not fifty times.
    return Query(cleaned, root, list(dict.fromkeys(notes)))


def _only_negative(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, And):
        return all(_only_negative(i) for i in node.items)
    return False


def positive_nodes(node: Optional[Node]) -> list[Union[Word, Phrase]]:
    """The words and phrases that a hit may contain (not under NOT): what to highlight."""
    out: list[Union[Word, Phrase]] = []

    def walk(n: Node) -> None:
        if isinstance(n, (Word, Phrase)):
            out.append(n)
        elif isinstance(n, (And, Or)):
            for i in n.items:
                walk(i)

    if node is not None:
        walk(node)
    return out
