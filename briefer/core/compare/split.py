"""A document split into the provisions that a comparison puts side by side.

Legal texts are split with the provision tree the locators use
(:func:`briefer.core.clips.structure.tree_for`): every node — part, chapter, schedule,
rule or section, sub-rule, clause, proviso, explanation — is one :class:`Part` holding
its *own* words, from its start to its first child (the children are parts of their
own). The tree already skips tables of contents and reads numbers behind amendment
brackets and footnote markers; here the text of each part leaves out what is not the
provision's wording, so that a layout change never reads as a change of words:

* running headers and footers (a line at the top or bottom of pages that repeats there,
  numbers aside) and bare page numbers;
* footnote references and amendment markers (the superscripts of the page's layout when
  known, else digits right before an amendment's "["), as clips leave them out
  (:func:`briefer.core.clips.clips.marker_spans`), and the notes at a page's foot that the
  tree reads as footnotes;
* the provision's own number ("5.", "(1)", "(b)"): it is the part's ``key``;
* line breaks, and hyphens that break a word at a line end
  (:func:`briefer.core.clips.clips.clean_quote`).

Reports and statements have no legal numbering (the tree reads "1. Introduction" as a
heading, not a paragraph, and many reports number nothing): they are split by their
*headings*, as their own table of contents lists them. The contents page's entries
("Bing overview ........ 8") are found in the body as lines of their own, in order and
near the printed page they give; each heading starts a section that runs to the next one.
A section's key is its heading, so sections are matched by heading before by text. A
document of another kind whose tree finds no provisions is split by its headings too;
one with neither gives no parts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional, Sequence

from briefer.core.clips.clips import clean_quote, hyphenated_words, marker_spans
from briefer.core.clips.structure import Marks, Provision, ProvisionTree, tree_for
from briefer.core.compare.model import Part

__all__ = ["split_provisions", "running_spans", "OPENING", "CLOSING"]

Span = tuple[int, int]
Pos = tuple[int, int]

#: The citation of the text before the first provision (a gazette's masthead and
#: preamble, a report's title page).
OPENING = "Opening text"
#: The key and citation of the lines closing a legal text after its last provision (file
#: number, signature, designation).
CLOSING = "Closing text"

_LINE = re.compile(r"[^\r\n]+")
_EDGE_LINES = 2  # lines at the top and at the bottom of a page where running lines sit
_BARE_NUMBER = re.compile(r"[-\u2013\u2014\s]*(?:page\s*)?(?:\d{1,4}|[ivxlc]{1,7})"
                          r"(?:\s*(?:of|/)\s*\d{1,4})?[-\u2013\u2014\s]*", re.I)
_UNIT_WORDS = r"(?:Article|Section|Rule|Regulation|Paragraph|Para|Order)"
# what clean_quote does more than make white space single: a hyphen at a line end, a soft
# hyphen, a character that cannot be printed, a compatibility form (ligature, Arabic form)
_NEEDS_CLEANING = re.compile("[-\u2010\u2011][ \t]*[\r\n]|[\u00ad\x00-\x08\x0b\x0c\x0e-\x1f"
                             "\x7f\ufffe\uffff\ud800-\udfff\ufb00-\ufb06\ufb50-\ufdff"
                             "\ufe70-\ufeff]")


# ---------------------------------------------------------------------- page furniture

def _shape(line: str) -> str:
    """A line with its numbers and spacing made alike: "174 PART II] THE GAZETTE" on a
    left page is "THE GAZETTE … 175" on a right one."""
    t = re.sub(r"\d+", "#", " ".join(line.split())).lower()
    return re.sub(r"^[#\s|\-\u2013\u2014]+|[#\s|\-\u2013\u2014]+$", "", t)


def running_spans(pages: Sequence[str], companion: Sequence[str] = ()) -> list[list[Span]]:
    """Per page, the ranges of its running header and footer lines: among the first and
    last lines of a page, a bare page number ("12", "- 4 -", "Page 4 of 39", "xii"), or a
    line of at least eight characters, neither starting in lower case nor ending as a
    sentence runs on, that comes again, numbers aside, at the same edge of other pages (on
    two pages in a document of under ten, else on three and on one page in four).
    ``companion``: the pages of the other version, whose edges count too (a two-page
    notification has its running header once)."""
    edges: list[list[tuple[str, Span]]] = []
    seen: dict[tuple[str, str], set[int]] = {}
    for pi, text in enumerate(list(pages) + list(companion)):
        lines = [m for m in _LINE.finditer(text) if m.group().strip()]
        top = lines[:_EDGE_LINES]
        bottom = [m for m in lines[-_EDGE_LINES:] if m not in top]
        page_edges = []
        for band, group in (("top", top), ("bottom", bottom)):
            for m in group:
                page_edges.append((band, (m.start(), m.end())))
                seen.setdefault((band, _shape(m.group())), set()).add(pi)
        edges.append(page_edges)
    # on two pages of a short document, else on three and one page in four: a line of
    # running text that several pages happen to begin or end with is no header
    total = len(pages) + len(companion)
    need = 2 if total < 10 else max(3, total // 4)
    out: list[list[Span]] = []
    for pi, page_edges in enumerate(edges[:len(pages)]):
        spans = []
        for band, (a, b) in page_edges:
            line = pages[pi][a:b]
            shape = _shape(line)
            if _BARE_NUMBER.fullmatch(line) or (
                    len(shape) >= 8 and re.search(r"[a-z]", shape)
                    and not line.rstrip().endswith((",", ";", "\u2014", "-"))  # runs on
                    and not re.match(r"[^A-Za-z]*[a-z]", line)  # a sentence's second line
                    and len(seen.get((band, shape), ())) >= need):
                spans.append((a, b))
        out.append(spans)
    return out


def _drop_spans(pages: Sequence[str], marks: Marks, running: list[list[Span]]
                ) -> list[list[Span]]:
    """Per page, sorted ranges left out of every part's text: running lines and markers."""
    out = []
    for pi, text in enumerate(pages):
        layout = marks[pi] if marks is not None and pi < len(marks) else None
        spans = list(running[pi]) + marker_spans(text, layout)
        out.append(sorted(spans))
    return out


@dataclass
class _Pages:
    """The page texts with what is left out of parts, and how to read a range."""

    texts: Sequence[str]
    drop: list[list[Span]]
    labels: Sequence[str]
    skip: list[tuple[Pos, Pos]]  # tables of contents
    companion: Sequence[str] = ()
    _keep: Optional[set[str]] = None

    @property
    def keep_hyphen(self) -> set[str]:
        """Hyphenated words of the document (and of the other version), whose hyphen a
        line end keeps: "seventy-|two" is "seventy-two" when either writes it so."""
        if self._keep is None:
            self._keep = hyphenated_words(list(self.texts) + list(self.companion))
        return self._keep

    def raw(self, start: Pos, end: Pos) -> str:
        """The characters from ``start`` to ``end`` without running lines, markers and
        tables of contents; pages joined by a line break."""
        out: list[str] = []
        last = min(end[0], len(self.texts) - 1)
        for pi in range(start[0], last + 1):
            text = self.texts[pi]
            a = start[1] if pi == start[0] else 0
            b = end[1] if pi == end[0] else len(text)
            cuts = [(x, y) for x, y in self.drop[pi] if y > a and x < b]
            cuts += [(s[1] if s[0] == pi else 0, e[1] if e[0] == pi else len(text))
                     for s, e in self.skip if s[0] <= pi <= e[0]]
            cuts.sort()
            k = a
            for x, y in cuts:
                if x > k:
                    out.append(text[k:min(x, b)])
                k = max(k, y)
                if k >= b:
                    break
            if k < b:
                out.append(text[k:b])
            out.append("\n")
        return "".join(out)

    def text(self, start: Pos, end: Pos) -> str:
        raw = self.raw(start, end)
        if _NEEDS_CLEANING.search(raw) is None:  # what clean_quote would do to it
            return " ".join(raw.split())
        return clean_quote(raw, self.keep_hyphen)

    def clip(self, end: Pos) -> Pos:
        """An end past the last page ("the end of the document") as the end of the last
        page, so every range names pages that exist."""
        if end[0] >= len(self.texts) and self.texts:
            return (len(self.texts) - 1, len(self.texts[-1]))
        return end

    def label(self, page: int) -> str:
        if 0 <= page < len(self.labels) and self.labels[page]:
            return self.labels[page]
        return str(page + 1)


# ---------------------------------------------------------------------- legal texts

_CONTENTS_HEAD = re.compile(
    r"(?:TABLE\s+OF\s+)?CONTENTS|ARRANGEMENT\s+OF\s+(?:SECTIONS|ARTICLES|RULES|REGULATIONS|"
    r"CLAUSES|PARAGRAPHS)", re.I)


def _with_heading(pages: Sequence[str], start: Pos) -> Pos:
    """The start of a table of contents moved back over its own heading ("ARRANGEMENT OF
    RULES", "Contents") when one of the two lines before it is that heading."""
    text = pages[start[0]]
    before = list(_LINE.finditer(text, 0, start[1]))[-2:]
    for m in reversed(before):
        if _CONTENTS_HEAD.fullmatch(m.group().strip(" \t:.")):
            return (start[0], m.start())
    return start


def _key_of(label: str) -> str:
    """The part's key from the tree's label: "Rule 5(1)(b)" → "5(1)(b)"."""
    return re.sub(rf"^{_UNIT_WORDS}\s+", "", label, flags=re.I)


def _heading_of(p: Provision) -> str:
    """A rule's or section's heading ("Powers of the National Coordinator"); a chapter's
    or part's title line; '' for clauses."""
    if p.kind in ("part", "chapter", "schedule"):
        return " ".join(p.heading.split())
    if p.kind != "unit":
        return ""
    h = p.heading
    m = re.search(r"[.:]?\s*[\u2014\u2013]|\.\s*-+\s|\.\s*$|:-", h)
    if m:
        return h[:m.start()].strip()
    return ""


_UNIT_LEAD = re.compile(rf"\[?\s*(?:{_UNIT_WORDS}\s+)?(\d{{1,4}}(?:-\s?[A-Z]{{1,3}}|[A-Z]{{1,3}})?)"
                        r"\s*[.,:]?\s*", re.I)
_LIST_LEAD = re.compile(r"\[?\(\s?([^()\s]{1,8})\)\]?\s*")
_HEAD_LEAD = re.compile(r"\[?\s*(?:part|chapter)[\s-]*([IVXLC]+[A-Z]?|\d{1,2}[A-Z]?)\b"
                        r"[\s.:\u2014\u2013-]*", re.I)


def _without_number(text: str, p: Provision) -> str:
    """A provision's text without its own number ("5. Heading", "(b) text",
    "CHAPTER II")."""
    lead = {"unit": _UNIT_LEAD, "list": _LIST_LEAD, "part": _HEAD_LEAD,
            "chapter": _HEAD_LEAD}.get(p.kind)
    m = lead.match(text) if lead is not None else None
    if m and re.sub(r"[-\s]", "", m.group(1)).upper() == re.sub(r"[-\s]", "", p.number).upper():
        return text[m.end():]
    return text


def _tree_parts(tree: ProvisionTree, pages: _Pages) -> list[Part]:
    provs = tree.provisions
    out: list[Part] = []
    first = provs[0].start
    opening = pages.text((0, 0), first)
    if opening:
        out.append(Part("", OPENING, "", opening, 0, pages.label(0), (0, 0), first))
    seen: dict[str, int] = {}
    # a note at a page's foot is no provision, and its words are no provision's words
    pages.skip = pages.skip + [(p.start, p.end) for p in provs if p.kind == "footnote"]
    for p in provs:
        if p.kind == "footnote":
            continue
        if p.kind in ("part", "chapter", "schedule") and not p.children:
            continue  # a heading with nothing under it: a contents line, not a provision
        kids = [c for c in p.children if c.kind != "footnote"]
        end = kids[0].start if kids else p.end
        text = _without_number(pages.text(p.start, end), p)
        heading = _heading_of(p)
        if p.kind in ("part", "chapter") and len(text) <= 120:
            heading = text  # its title: "THE NATIONAL COORDINATOR"
        key = _key_of(p.label)
        n = seen.get(key, 0) + 1
        seen[key] = n
        if n > 1:  # numbering that starts again: "5 #2" is the second "5"
            key = f"{key} #{n}"
        out.append(Part(key, p.label, heading, text, p.start[0], pages.label(p.start[0]),
                        p.start, pages.clip(end)))
    last = out[-1] if out and out[-1].key else None
    closing = _closing_start(pages, last.start) if last is not None else None
    if last is not None and closing is not None:  # the signature is no part of the last rule
        cut = next((c for c in provs if c.start == last.start and c.kind != "footnote"), None)
        text = pages.text(last.start, closing)
        if cut is not None:
            text = _without_number(text, cut)
        out[-1] = Part(last.key, last.citation, last.heading, text, last.page_index,
                       last.page_label, last.start, closing)
        end = pages.clip((len(pages.texts), 0))
        out.append(Part(CLOSING, CLOSING, "", pages.text(closing, end), closing[0],
                        pages.label(closing[0]), closing, end))
    return out


_CLOSING_LINES = 5   # lines of a closing block at most (file number, name, designation)
_CLOSING_WIDTH = 70  # characters a closing line has at most


def _closing_start(pages: _Pages, after: Pos) -> Optional[Pos]:
    """Where the lines that close the document begin — "[F. No. 4-12/2025-DC]",
    "NASREEN O. DARVISH", "Section Officer (Digital Communications)": short lines at the
    end of the last page, none ending as a sentence or starting with a number, after a
    line that ends one ("… are hereby repealed."). None when there are none."""
    pi = len(pages.texts) - 1
    if pi < 0 or pi < after[0]:
        return None
    text = pages.texts[pi]
    block: list[re.Match[str]] = []
    for m in reversed(list(_LINE.finditer(text))):
        line = m.group().strip()
        if not line or any(a <= m.start() < b for a, b in pages.drop[pi]):
            continue  # a page number, a running footer
        closing_line = (pi, m.start()) > after and len(line) <= _CLOSING_WIDTH and not re.match(
            r"\(?[0-9ivxlcA-Za-z]{1,4}[.)]\s", line) and (
            not line.endswith((".", ";", ":", ",", "\u2014", "-")) or
            (line.startswith("[") and line.endswith("]")))
        if closing_line:
            block.append(m)
            if len(block) > _CLOSING_LINES:
                return None
            continue
        if block and line.endswith((".", ";", ":")):
            return (pi, block[-1].start())
        return None
    return None


# ---------------------------------------------------------------------- reports

# "Bing overview ....... 8", "Appendix I: Detailed … …… 147"
_TOC_ENTRY = re.compile(r"(?P<title>\S.*?)\s*(?:\.\s?){4,}\s*(?P<page>\d{1,4}|[ivxlc]{1,7})\s*$",
                        re.I)
_NUMBERED_HEAD = re.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<title>\S.*)")
_MIN_HEADINGS = 2


def _fold(text: str) -> str:
    """A heading as compared: case, quotes, dashes, spacing and a closing colon aside."""
    t = unicodedata.normalize("NFKC", text).lower().replace("\u00ad", "-")
    t = t.translate(str.maketrans("\u2018\u2019\u201c\u201d\u2013\u2014", "''\"\"--"))
    return " ".join(t.split()).strip(" .:")


@dataclass
class _Entry:
    title: str
    page: str


def _contents(pages: Sequence[str], running: list[list[Span]]
              ) -> tuple[list[_Entry], list[tuple[Pos, Pos]]]:
    """The entries of the document's table of contents (dot leaders before a page
    number), and where the contents stand: pages with at least three such entries. An
    entry wrapped over two lines ("Section 5: Potential systemic risks arising from the
    design, functioning or use" / "of the App Store ........ 32") is read whole."""
    entries: list[_Entry] = []
    where: list[tuple[Pos, Pos]] = []
    for pi, text in enumerate(pages):
        lines = [m for m in _LINE.finditer(text) if m.group().strip()]
        matches = [_TOC_ENTRY.fullmatch(m.group().strip()) for m in lines]
        if sum(1 for e in matches if e) < 3:
            if entries:
                break  # the contents are over
            continue
        first: Optional[int] = None
        last = 0
        for k, (m, e) in enumerate(zip(lines, matches)):
            if e is None:
                continue
            title = e.group("title").strip()
            start = m.start()
            before = lines[k - 1] if k else None
            if before is not None and matches[k - 1] is None and len(before.group()) <= 160 \
                    and not any(a <= before.start() < b for a, b in running[pi]) \
                    and not _CONTENTS_HEAD.fullmatch(before.group().strip(" \t:.")):
                title = f"{before.group().strip()} {title}"  # the entry's first line
                start = before.start()
            entries.append(_Entry(title, e.group("page")))
            first = start if first is None else first
            last = m.end()
        assert first is not None
        where.append((_with_heading(pages, (pi, first)), (pi, last)))
    return entries, where


def _page_of_label(labels: Sequence[str], label: str, near: int) -> Optional[int]:
    hits = [i for i, lb in enumerate(labels) if lb == label]
    if not hits and label.isdigit():
        hits = [int(label) - 1]
    return min(hits, key=lambda i: abs(i - near)) if hits else None


def _heading_lines(pages: _Pages, skip_pages: set[int]) -> list[tuple[Pos, str, Pos]]:
    """Lines that can be headings: (start, text, end), outside contents and furniture."""
    out = []
    for pi, text in enumerate(pages.texts):
        if pi in skip_pages:
            continue
        drop = pages.drop[pi]
        for m in _LINE.finditer(text):
            line = m.group().strip()
            if not line or len(line) > 160:
                continue
            if any(x <= m.start() < y for x, y in drop):
                continue
            out.append(((pi, m.start()), line, (pi, m.end())))
    return out


def _find_headings(entries: list[_Entry], lines: list[tuple[Pos, str, Pos]],
                   labels: Sequence[str]) -> list[tuple[Pos, str, Pos]]:
    """Each entry's heading in the body, in order: a line (or two lines, when the heading
    wraps) that reads as the entry, on or near the page the entry gives."""
    found: list[tuple[Pos, str, Pos]] = []
    k = 0  # the body is read forward: headings come in the contents' order
    for e in entries:
        want = _fold(e.title)
        if not want:
            continue
        target = _page_of_label(labels, e.page, lines[k][0][0] if k < len(lines) else 0)
        for j in range(k, len(lines)):
            start, line, end = lines[j]
            if target is not None and start[0] > target + 2:
                break
            if target is not None and start[0] < target - 2:
                continue
            got = _fold(line)
            if got == want or (j + 1 < len(lines) and want.startswith(got) and len(got) >= 8
                               and _fold(line + " " + lines[j + 1][1]) == want):
                stop = lines[j + 1][2] if got != want else end
                found.append((start, e.title, stop))
                k = j + 1
                break
    return found


def _report_parts(pages: _Pages, contents: list[tuple[Pos, Pos]],
                  entries: list[_Entry]) -> list[Part]:
    skip = {a[0] for a, _b in contents}
    heads = _find_headings(entries, _heading_lines(pages, skip), pages.labels)
    if len(heads) < _MIN_HEADINGS:
        return []
    pages.skip = contents
    out: list[Part] = []
    first = heads[0][0]
    opening = pages.text((0, 0), first)
    if opening:
        out.append(Part("", OPENING, "", opening, 0, pages.label(0), (0, 0), first))
    seen: dict[str, int] = {}
    end_of_doc = (len(pages.texts), 0)
    for i, (start, title, _stop) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else end_of_doc
        m = _NUMBERED_HEAD.fullmatch(title)
        key = m.group("num") if m else title
        heading = m.group("title") if m else title
        n = seen.get(key, 0) + 1
        seen[key] = n
        if n > 1:
            key = f"{key} #{n}"
        out.append(Part(key, title, heading, pages.text(start, end), start[0],
                        pages.label(start[0]), start, pages.clip(end)))
    return out


# ---------------------------------------------------------------------- the split

def split_provisions(pages: list[str], *, doc_type: str = "", title: str = "",
                     marks: Marks = None, labels: Sequence[str] = (),
                     companion: Sequence[str] = ()) -> list[Part]:
    """The parts of a document, in document order, from its page texts.

    ``marks``: the superscript markers of each page (as the locators take them), or None;
    ``labels``: the printed label of each page as cited ("11"; the PDF page number where
    none is printed); ``companion``: the page texts of the version it is compared with,
    which tell running headers and words hyphenated on purpose. A legal text is split by
    its provision tree, a report or statement by the headings of its table of contents
    (see the module docstring); empty when the document has neither."""
    texts = list(pages)
    running = running_spans(texts, companion)
    view = _Pages(texts, _drop_spans(texts, marks, running), list(labels), [], companion)
    entries, contents = _contents(texts, running)
    prose = doc_type in ("report", "statement")
    if prose and entries:
        parts = _report_parts(view, contents, entries)
        if parts:
            return parts
    tree = tree_for(texts, doc_type=doc_type, title=title, marks=marks)
    if tree.provisions:
        view.skip = [(_with_heading(texts, a), b) for a, b in tree.contents]
        return _tree_parts(tree, view)
    if entries:
        return _report_parts(view, contents, entries)
    return []
