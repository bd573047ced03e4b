"""Printed page numbers: find the numbers a reader sees on paper, and choose what to cite.

A statute may start at printed page "11" on PDF page 29, after unnumbered front matter.
We look at the first and last lines of every page (running headers and footers) for page
numbers ("11", "- 11 -", "Page 11", "Page 11 of 40", "xii", or a number at either end of a
short header line), and accept an assignment ``printed = pdf_index + offset`` only where it
holds for several pages of one run. Isolated numbers (years, section numbers) never agree
across pages and so are ignored. A running header that repeats on many pages with a number
before or after it ("CONSTITUTION OF PAKISTAN 11", "47699 Federal Register / Vol. 85 …")
gives that number as a candidate even when it is not set apart by wide spacing.

Where the text alone cannot tell (a number on a line of its own may be a page number, a
list item or a line number of pleading paper), the page's layout can: a number standing
alone in the top or bottom band of the page (:func:`band_number`, given the lines that
:mod:`.layout` finds there) is its printed page number, even on a page whose neighbours
are numbered otherwise (an extract of separately paginated schedules prints 1, 24, 1, 25).
A page with several such numbers in its bands (pleading paper numbers its lines) is left
to the text. Extraction asks for the layout only of pages the text left without a printed
number that have such a line (:func:`has_lone_number`), so an import does not read the
layout of every page.

``choose_labels`` decides between the PDF's own /PageLabels and the printed numbers: a
merged file can label PDF page 29 "29" while the paper says 11. Where printed numbers are
found on most pages and contradict the PDF's labels there, the printed number is cited,
and the PDF's own label is kept beside it (``PageLabel.pdf_label``) with the source of
each, so a reader can show "PDF p. 29 · printed p. 11".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

_EDGE_LINES = 3
_MIN_SUPPORT = 3
_MIN_DENSITY = 0.5

_DASHES = "\\-\u2013\u2014\u2212"
_BARE = re.compile(rf"^[\s{_DASHES}\[\(]*(\d{{1,5}})[\s{_DASHES}\]\)\.]*$")
_PAGE = re.compile(r"^\s*(?:page|p\.|pg\.?)\s*(\d{1,5})(?:\s*(?:of|/)\s*\d{1,5})?\s*$", re.I)
_LEAD = re.compile(r"^\s*(\d{1,5})\s{2,}\S")
_TRAIL = re.compile(r"\S\s{2,}(\d{1,5})\s*$|\S\s*[\]|]\s*(\d{1,5})\s*$")
# a number before or after a header's words (which may end in a year: "JAN. 8, 1976 5")
_HEAD_NUM = re.compile(r"^(\d{1,5})\s+(\D.{2,100})$"
                       r"|^(.{3,100}(?:\D|\D(?:1[6-9]|20)\d\d))\s+(\d{1,5})$")
_ROMAN = re.compile(rf"^[\s{_DASHES}\(\[]*([ivxlc]{{1,7}}|[IVXLC]{{1,7}})[\s{_DASHES}\)\]\.]*$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_to_int(s: str) -> int | None:
    """Value of a lower- or upper-case Roman numeral, or None when it is not well formed."""
    s = s.lower()
    total = 0
    prev = 0
    for ch in reversed(s):
        v = _ROMAN_VALUES.get(ch)
        if v is None:
            return None
        if v < prev:
            total -= v
        else:
            total += v
            prev = v
    if total <= 0 or int_to_roman(total) != s:
        return None
    return total


def int_to_roman(n: int) -> str:
    """Lower-case Roman numeral for 1 <= n < 400."""
    out = []
    for value, sym in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
                       (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


@dataclass(frozen=True)
class PageLabel:
    """The label to cite for one page and where it came from.

    ``source`` is 'pdf' (the PDF's own /PageLabels), 'printed' (detected on the page),
    'inferred' (between or after detected pages of one numbered run) or 'index' (no printed
    number known: the PDF page number counted from 1).
    """

    label: str
    source: str
    pdf_label: str = ""  # the PDF's own label where it differs from ``label``


def page_cite_text(label: str, source: str, index: int) -> str:
    """The page as every front end shows it: "p. 11 (PDF p. 29)" where the number cited
    (printed on the page, from the PDF's labels or set by the user) differs from the PDF
    page number, else "p. 29". ``index`` counts from 0."""
    pdf = str(index + 1)
    if source == "index" or not label or label == pdf:
        return f"p. {pdf}"
    return f"p. {label} (PDF p. {pdf})"


def _edge_lines(text: str, count: int = _EDGE_LINES) -> list[str]:
    """The first and last ``count`` non-empty lines of ``text``, stripped."""
    lines = text.splitlines()
    head: list[str] = []
    k = 0
    while k < len(lines) and len(head) < count:
        if lines[k].strip():
            head.append(lines[k].strip())
        k += 1
    tail: list[str] = []
    j = len(lines) - 1
    while j >= k and len(tail) < count:
        if lines[j].strip():
            tail.append(lines[j].strip())
        j -= 1
    return head + tail[::-1]


def _header_like(text: str) -> bool:
    """A running header's words: set in capitals, or divided by '/' or '|'."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and (sum(c.isupper() for c in letters) >= 0.7 * len(letters)
                              or "/" in text or "|" in text)


def _words(text: str) -> frozenset[str]:
    """The longer words of a header line, in capitals (what survives a poor OCR layer:
    "THE GAZEI TE OF PAKISTAN, EXTRA., JAN. 8" and "THE GAZETTE OF-PAKISTAN, EXTRA., JAN. E"
    share PAKISTAN and EXTRA)."""
    return frozenset(w.upper() for w in re.findall(r"[^\W\d_]{4,}", text))


def _numbered_lines(text: str) -> list[tuple[str, int]]:
    """(words, number) of each header or footer line with a number before or after words."""
    out = []
    for line in _edge_lines(text):
        m = _HEAD_NUM.match(" ".join(line.split()))
        if m:
            out.append(((m.group(2) or m.group(3)).strip(), int(m.group(1) or m.group(4))))
    return out


def _header_numbers(texts: list[str]) -> list[set[int]]:
    """Numbers before or after a header or footer line that repeats on several pages: the
    same words on at least :data:`_MIN_SUPPORT` pages, or (a header in capitals read by a
    poor OCR) two longer words in common with header lines of that many pages."""
    found: list[list[tuple[str, int, bool]]] = []
    counts: dict[str, int] = defaultdict(int)
    for text in texts:
        here = [(rest.lower(), v, _header_like(rest)) for rest, v in _numbered_lines(text)]
        for rest in {r for r, _, _ in here}:
            counts[rest] += 1
        found.append(here)
    # pages on which each longer word stands in a header line (for the OCR'd headers)
    pages_of: dict[str, set[int]] = defaultdict(set)
    for i, here in enumerate(found):
        for rest, _, like in here:
            if like:
                for w in _words(rest):
                    pages_of[w].add(i)
    fuzzy: dict[str, int] = {}

    def fuzzy_support(rest: str) -> int:
        if rest not in fuzzy:
            shared: dict[int, int] = defaultdict(int)
            for w in _words(rest):
                for i in pages_of[w]:
                    shared[i] += 1
            fuzzy[rest] = sum(1 for v in shared.values() if v >= 2)
        return fuzzy[rest]

    out: list[set[int]] = []
    for here in found:
        out.append({v for rest, v, like in here
                    if like and (counts[rest] >= _MIN_SUPPORT
                                 or fuzzy_support(rest) >= _MIN_SUPPORT)})
    return out


# "Page 2 of 22" on a line of its own anywhere on the page: a running header of several
# lines (a judgment's case numbers) can push it past the first lines of the page's text
_PAGE_ANYWHERE = re.compile(r"(?im)^[ \t]*page[ \t]*(\d{1,5})[ \t]*(?:of|/)[ \t]*\d{1,5}[ \t]*\r?$")


def candidates(text: str) -> tuple[set[int], set[int]]:
    """Arabic and Roman page-number candidates found in a page's header and footer lines
    (and "Page N of M" on a line of its own anywhere)."""
    arabic: set[int] = {int(m.group(1)) for m in _PAGE_ANYWHERE.finditer(text)} \
        if "age" in text or "AGE" in text else set()
    roman: set[int] = set()
    for line in _edge_lines(text):
        if len(line) > 120:
            continue
        for rx in (_BARE, _PAGE):
            m = rx.match(line)
            if m:
                arabic.add(int(m.group(1)))
        m = _LEAD.match(line)
        if m:
            arabic.add(int(m.group(1)))
        m = _TRAIL.search(line)
        if m:
            arabic.add(int(m.group(1) or m.group(2)))
        m = _ROMAN.match(line)
        if m:
            v = roman_to_int(m.group(1))
            if v is not None:
                roman.add(v)
    return arabic, roman


# a line that is only a page number: "7", "- 7 -", "(7)", "[7]", "Page 7", "Page 7 of 40"
_LONE = re.compile(rf"(?im)^[ \t]*(?:(?:page|p\.|pg\.?)[ \t]*)?[{_DASHES}\[\(]?[ \t]*"
                   rf"(\d{{1,5}})[ \t]*[{_DASHES}\]\)]?(?:[ \t]*(?:of|/)[ \t]*\d{{1,5}})?"
                   rf"[ \t]*\r?$")


# "Page: 1", "Page 7 of 16" inside a header line (not "PageID #: 123", nor a citation's
# "page 475 of NCHS (2011)")
_PAGE_SAID = re.compile(r"\bPage(?::[ \t]*(\d{1,5})(?![\d/.])|[ \t]+(\d{1,5})[ \t]+of[ \t]+\d)",
                        re.I)
_NEAR_EDGE = 6  # lines from either end of a page's text where a page number is looked for
_MAX_LONE = 3  # more lines of bare numbers on a page: numbered lines, not a page number


def has_lone_number(text: str, other_than: str = "") -> bool:
    """Whether one of the first or last :data:`_NEAR_EDGE` lines of ``text`` is only a
    number (a page number, perhaps: pdfium puts a header or footer near the start or the
    end of a page's text, if not always first or last), other than ``other_than`` (the
    label the page has already: reading its layout would not change the number cited).
    A page with many such lines (:func:`band_number` would not choose) says no."""
    if sum(1 for _ in _LONE.finditer(text)) > _MAX_LONE:
        return False
    for line in _edge_lines(text, _NEAR_EDGE):
        m = _LONE.fullmatch(line)
        if m and m.group(1).lstrip("0") != other_than:
            return True
    return False


def band_number(text: str, band_lines: Sequence[tuple[int, int]]) -> Optional[int]:
    """The page number standing alone on a line at the top or the foot of the page:
    ``band_lines`` are the ``[start, end)`` offsets of the page's highest and lowest lines
    that the layout puts in its top or bottom band (a form's field number in the band,
    above the form's last line, is not its page number).
    A page number said in words in a band line ("Page 7 of 16", "Page: 1" in a court
    filing's stamped header) counts too, and must agree with a bare number there: a
    filing's stamp counts the filed PDF's pages, the paper its own (a brief's "6" at its
    foot under "Page 7 of 16"), and a form prints a code alone at its foot ("123").
    None when there is no such line, numbers that differ (a table's last cells), or many
    lines of bare numbers on the page (pleading paper numbers its lines: its "1" stands
    alone at the top)."""
    values = {int(m.group(1) or m.group(2)) for a, b in band_lines
              for m in _PAGE_SAID.finditer(text, a, b)}
    if sum(1 for _ in _LONE.finditer(text)) > _MAX_LONE:
        return None
    for a, b in band_lines:
        m = _LONE.fullmatch(text[a:b].strip(" \t\r\n"))
        if m:
            values.add(int(m.group(1)))
    values.discard(0)
    return values.pop() if len(values) == 1 else None


def _runs(cands: list[set[int]]) -> list[tuple[int, int, int, int]]:
    """Accepted numbered runs as (first_page, last_page, offset, support), best first."""
    support: dict[int, list[int]] = defaultdict(list)
    for i, values in enumerate(cands):
        for v in values:
            support[v - i].append(i)
    runs = []
    for offset, pages in support.items():
        pages = sorted(set(pages))
        # Split where two supported pages are far apart: a different run may lie between.
        start = 0
        for k in range(1, len(pages) + 1):
            if k == len(pages) or pages[k] - pages[k - 1] > 6:
                seg = pages[start:k]
                span = seg[-1] - seg[0] + 1
                if len(seg) >= _MIN_SUPPORT and len(seg) / span >= _MIN_DENSITY:
                    runs.append((seg[0], seg[-1], offset, len(seg)))
                start = k
    runs.sort(key=lambda r: (-r[3], r[0]))
    return runs


def _stands_alone(text: str, value: int) -> bool:
    """Whether ``value`` is written on a line of its own somewhere on the page."""
    return re.search(rf"(?m)^[ \t]*{value}[ \t\r]*$", text) is not None


def detect_printed_labels(texts: list[str], band: Optional[Mapping[int, int]] = None
                          ) -> list[PageLabel] | None:
    """Labels for every page from printed numbers, or None when no numbered run is found.

    ``band`` (page index -> number) are the numbers the layout found standing alone in a
    page's top or bottom band (:func:`band_number`): they join the text's candidates, and
    a page outside every numbered run is cited by its own."""
    n = len(texts)
    band = band or {}
    if n < _MIN_SUPPORT and not band:
        return None
    arabic, roman = zip(*(candidates(t) for t in texts)) if texts else ((), ())
    arabic = tuple(a | h | ({band[i]} if i in band else set())
                   for i, (a, h) in enumerate(zip(arabic, _header_numbers(texts))))
    labels: list[PageLabel | None] = [None] * n
    found = False
    for style, cands in (("arabic", list(arabic)), ("roman", list(roman))):
        taken_runs: list[tuple[int, int, int]] = []
        for first, last, offset, _ in _runs(cands):
            if any(not (last < a or first > b) for a, b, _ in taken_runs):
                continue
            if any(labels[i] is not None for i in range(first, last + 1)):
                continue
            taken_runs.append((first, last, offset))
            found = True
            for i in range(first, last + 1):
                value = i + offset
                if value < 1:
                    continue
                text = str(value) if style == "arabic" else int_to_roman(value)
                labels[i] = PageLabel(text, "printed" if value in cands[i] else "inferred")
        # Extend each run back over a first page that prints its number away from the
        # edges (a title page of a journal) or after words of its own (the first page of a
        # slip opinion prints "Cite as: 569 U. S. ____ (2013) 1", the next ones a header in
        # capitals), and forward over following unnumbered pages
        # (a last page, a blank page).
        for first, last, offset in sorted(taken_runs):
            i = first - 1
            while style == "arabic" and i >= 0 and labels[i] is None and first - i <= 2 \
                    and i + offset >= 1 and (_stands_alone(texts[i], i + offset) or any(
                        v == i + offset for _, v in _numbered_lines(texts[i]))):
                labels[i] = PageLabel(str(i + offset), "printed")
                i -= 1
            # ... but not over pages just before another numbered run: in a merged
            # volume they are a title page or a separator, and their number is unknown.
            i = last + 1
            while i < n and labels[i] is None and i - last <= 2 \
                    and not any(labels[j] is not None for j in range(i + 1, min(n, i + 3))):
                value = i + offset
                text = str(value) if style == "arabic" else int_to_roman(value)
                labels[i] = PageLabel(text, "inferred")
                i += 1
    for i, value in band.items():
        if 0 <= i < n and labels[i] is None:
            labels[i] = PageLabel(str(value), "printed")
            found = True
    if not found:
        return None
    return [lab if lab is not None else PageLabel(str(i + 1), "index")
            for i, lab in enumerate(labels)]


def labels_are_plain(labels: list[str]) -> bool:
    """True when labels are just 1, 2, 3, … (so printed-number detection may improve them)."""
    return all(lab == str(i + 1) for i, lab in enumerate(labels))



def choose_labels(pdf_labels: list[str] | None, texts: list[str],
                  band: Optional[Mapping[int, int]] = None) -> list[PageLabel]:
    """The label to cite for every page, from the PDF's own labels and the printed numbers.

    What the page itself prints wins: on every page of a numbered run found on the paper
    (the numbers agreeing with their neighbours), the printed number is cited, whatever the
    PDF's labels say there. A merged volume can carry labels that count straight through
    its parts and so agree with the paper on the first part and contradict it on every
    later one; deciding for the whole document at once would cite the PDF's count on those
    later parts. The PDF's own labels are used only where the page says nothing (and only
    when they say something: not just 1, 2, 3 …); elsewhere the page is cited by its PDF
    page number with the source 'index'. The PDF's own label is kept in ``pdf_label``
    where it differs from the label cited. ``band``: the numbers the page layout shows
    alone in the top or bottom band of some pages (see :func:`detect_printed_labels`).
    """
    n = len(texts)
    own = pdf_labels if pdf_labels is not None and len(pdf_labels) == n else None
    printed = detect_printed_labels(texts, band) or \
        [PageLabel(str(i + 1), "index") for i in range(n)]
    if own is None:
        return printed
    plain = labels_are_plain(own)
    out = []
    for i in range(n):
        lab = printed[i]
        if not plain and (lab.source == "index" or lab.label == own[i]):
            out.append(PageLabel(own[i] or str(i + 1), "pdf"))  # agreeing, or page silent
        else:
            out.append(PageLabel(lab.label, lab.source, own[i] if own[i] != lab.label else ""))
    return out
