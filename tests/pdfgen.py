"""Generators of test PDFs whose content is known in advance.

Every ``make_*`` function writes one file and returns a :class:`GeneratedPdf` that says
what is in it: the text lines of every page (in drawing order, which is the order pdfium
and pypdf give them back), the words, page labels, printed page numbers, outline entries,
passwords and -- for the legal documents -- where each rule, section, clause or judgment
paragraph starts (page and character offset).

Layout is done here, line by line, instead of by fpdf2's automatic wrapping, so the exact
text of each line is known. With that, for the plain English documents:

* pdfium (``QPdfDocument.getAllText(i).text()``) returns exactly
  ``"\\r\\n".join(result.lines[i])``  -> ``result.pdfium_text(i)``
* pypdf (``page.extract_text()``) returns exactly ``"\\n".join(result.lines[i])``
  -> ``result.pypdf_text(i)``

Where an engine is known to differ (ligatures, Arabic script) the difference is recorded in
``GeneratedPdf.pdfium_pages`` / ``pypdf_pages`` and explained in the generator's docstring.

Quirks of pdfium worth knowing (measured with QtPdf 6.12):

* lines are separated by ``"\\r\\n"``; an empty line or a large vertical gap produces no
  extra line break;
* a line that ends in ``"-"`` is joined with the next line and the hyphen becomes U+FFFE
  (the generators here never end a line with a hyphen);
* ligature code points such as U+FB01 come back decomposed (``"fi"``), so offsets shift;
* Arabic-script text drawn left to right in visual order comes back in logical order.

Fixed dates and fixed content make the output deterministic: the fpdf2-only documents are
byte-for-byte identical between runs; encrypted ones differ in salt and IV but not in text.

English documents use the PDF core fonts (Times, Helvetica) with WinAnsi encoding, so they
need no system font. Unicode documents look for system TTF fonts and raise
:class:`FontUnavailable` (tests should skip) when none is found.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from fpdf import FPDF

__all__ = [
    "FontUnavailable",
    "GeneratedPdf",
    "OutlineEntry",
    "Provision",
    "GAZETTE_HEADER",
    "SAMPLE_NOTE",
    "find_font",
    "make_text_pdf",
    "make_labelled_pdf",
    "make_printed_numbers_pdf",
    "make_outline_pdf",
    "make_encrypted_pdf",
    "make_owner_only_encrypted_pdf",
    "make_scanned_pdf",
    "make_urdu_pdf",
    "make_ligature_pdf",
    "make_not_pdf",
    "make_empty_file",
    "make_truncated_pdf",
    "make_corrupt_xref_pdf",
    "make_rules_pdf",
    "make_act_pdf",
    "make_judgment_pdf",
    "make_all",
    "pdfium_texts",
    "pypdf_texts",
    "words_of",
    "Layout",
    "Item",
]

FIXED_DATE = _dt.datetime(2026, 1, 28, 9, 30, 0, tzinfo=_dt.timezone.utc)
GAZETTE_HEADER = "THE GAZETTE OF EXAMPLELAND, EXTRAORDINARY"
SAMPLE_NOTE = "SAMPLE \u2014 fictional document for trying Briefer"
CREATOR = "briefer tests/pdfgen.py"

PT_TO_MM = 25.4 / 72.0


class FontUnavailable(RuntimeError):
    """No usable TrueType font for the requested script was found on this system."""


# --------------------------------------------------------------------------------------
# result types


@dataclass(frozen=True)
class Provision:
    """Where a numbered unit of a legal text starts.

    ``offset`` counts code points into the pdfium page text (lines joined by ``"\\r\\n"``),
    ``offset_lf`` into the same text with ``"\\n"`` line breaks (pypdf). ``snippet`` is the
    text from the start of the unit to the end of its first line, so
    ``pdfium_text[offset:offset + len(snippet)] == snippet``.
    """

    kind: str  # rule, sub-rule, clause, sub-clause, section, subsection, paragraph, proviso
    number: str  # "5(1)(b)", "20(2)", "12"
    citation: str  # "Rule 5(1)(b)", "Section 20(2)", "para 12"
    heading: str | None  # marginal heading of a rule/section, else None
    page: int  # 0-based PDF page index
    printed_page: str | None  # printed page number on that page, if any
    line: int  # index into GeneratedPdf.lines[page]
    col: int  # code point column in that line
    offset: int
    offset_lf: int
    snippet: str


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    page: int  # 0-based target page
    level: int  # 0 for top level
    parent: str | None = None


@dataclass
class GeneratedPdf:
    path: Path
    lines: list[list[str]]  # expected text-layer lines of each page, in drawing order
    words: list[list[str]]  # the words on each page (visible words for image pages)
    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: str | None = None
    page_labels: list[str] | None = None  # only when the file has a /PageLabels tree
    printed_numbers: list[str | None] | None = None  # number printed on each page
    outline: list[OutlineEntry] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    user_password: str | None = None
    owner_password: str | None = None
    image_text: list[str] | None = None  # text rendered into page images (scans)
    pdfium_pages: list[str] | None = None  # exact pdfium text when it differs from lines
    pypdf_pages: list[str | None] | None = None  # exact pypdf text when it differs
    notes: dict = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        return len(self.lines)

    @property
    def pages(self) -> list[str]:
        """Logical text of every page, lines joined by ``"\\n"``."""
        return ["\n".join(ls) for ls in self.lines]

    def pdfium_text(self, page: int) -> str:
        """What ``QPdfDocument.getAllText(page).text()`` returns for this page."""
        if self.pdfium_pages is not None:
            return self.pdfium_pages[page]
        return "\r\n".join(self.lines[page])

    def pypdf_text(self, page: int) -> str | None:
        """What pypdf's ``extract_text()`` returns, or None where it is not predictable."""
        if self.pypdf_pages is not None:
            return self.pypdf_pages[page]
        return "\n".join(self.lines[page])

    def provision(self, citation: str) -> Provision:
        for p in self.provisions:
            if p.citation == citation or p.number == citation:
                return p
        raise KeyError(citation)

    def page_of_word(self, word: str) -> list[int]:
        return [i for i, ws in enumerate(self.words) if word in ws]


# --------------------------------------------------------------------------------------
# small helpers

_EDGE_PUNCT = "\"'()[]{}.,;:!?\u2018\u2019\u201c\u201d\u2014\u2013-*\u060c\u06d4"


def words_of(text: str) -> list[str]:
    """Whitespace-separated words with surrounding punctuation removed."""
    out = []
    for w in text.split():
        w = w.strip(_EDGE_PUNCT)
        if w:
            out.append(w)
    return out


_FONT_DIRS = [
    "/usr/share/fonts/truetype",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/opentype",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts/Supplemental",
    "C:/Windows/Fonts",
]


def find_font(*file_names: str) -> str:
    """Path of the first of ``file_names`` found under the usual font folders."""
    for name in file_names:
        for base in _FONT_DIRS:
            if not os.path.isdir(base):
                continue
            direct = os.path.join(base, name)
            if os.path.isfile(direct):
                return direct
            for sub in ("dejavu", "noto", "truetype/dejavu", "truetype/noto"):
                cand = os.path.join(base, sub, name)
                if os.path.isfile(cand):
                    return cand
    # a last, slower look through the whole tree of the first existing folder
    for base in _FONT_DIRS:
        if os.path.isdir(base):
            for root, _dirs, files in os.walk(base):
                for name in file_names:
                    if name in files:
                        return os.path.join(root, name)
    raise FontUnavailable(f"none of {', '.join(file_names)} found")


def _new_fpdf(title=None, author=None, subject=None, keywords=None) -> FPDF:
    pdf = FPDF(unit="mm", format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_creator(CREATOR)
    pdf.set_lang("en")
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if subject:
        pdf.set_subject(subject)
    if keywords:
        pdf.set_keywords(keywords)
    return pdf


def _is_winansi(text: str) -> bool:
    try:
        text.encode("windows-1252")
    except UnicodeEncodeError:
        return False
    return True


def _write_bytes(path, data: bytes) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


def _pypdf_rewrite(data: bytes, edit: Callable) -> bytes:
    """Load fpdf2 output into a pypdf writer, let ``edit`` change it, return the bytes."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(data))
    edit(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------
# the layout engine


@dataclass
class Item:
    """One paragraph for :class:`Layout`.

    ``runs`` is a list of ``(style, text)`` pairs (style "", "B", "I" or "BI"); the text of
    the paragraph is their concatenation with white space collapsed. ``marks`` are
    ``(char_index, Provision-fields-dict)`` pairs anchored in that text.
    """

    runs: list[tuple[str, str]]
    align: str = "L"
    indent: float = 0.0  # mm
    size: float | None = None  # pt, default: the layout's size
    space_before: float = 0.45  # in line heights
    new_page: bool = False
    marks: list[tuple[int, dict]] = field(default_factory=list)
    # a table row instead of running text: [(text, width_mm, align)], drawn on one line;
    # its text is the cells joined by single spaces (what pdfium and pypdf return)
    cells: list[tuple[str, float, str]] | None = None

    @property
    def text(self) -> str:
        return "".join(t for _s, t in self.runs)


def _collapse_runs(runs):
    """Collapse white space across runs; return [(style, text)] with single spaces."""
    chars: list[tuple[str, str]] = []
    for style, text in runs:
        for ch in text:
            if ch.isspace():
                if chars and chars[-1][1] != " ":
                    chars.append((style, " "))
            else:
                chars.append((style, ch))
    while chars and chars[-1][1] == " ":
        chars.pop()
    while chars and chars[0][1] == " ":
        chars.pop(0)
    return chars


class Layout:
    """Paginate paragraphs on A4 pages with known line breaks, then draw them.

    ``header(page_index, page_count)`` and ``footer(page_index, page_count)`` return the
    lines drawn above and below the body (possibly empty lists); ``printed(page_index)``
    returns the page number printed on the page, used only for the result's metadata.
    """

    def __init__(
        self,
        *,
        family: str = "Times",
        size: float = 11.0,
        margins=(24.0, 22.0, 24.0, 24.0),  # left, top, right, bottom (mm)
        leading: float = 1.32,
        header: Callable[[int, int], list[str]] | None = None,
        header_style: str = "",
        footer: Callable[[int, int], list[str]] | None = None,
        footer_size: float = 9.0,
        printed: Callable[[int], str | None] | None = None,
        title=None,
        author=None,
        subject=None,
        keywords=None,
        ttf: dict[str, str] | None = None,
    ):
        self.pdf = _new_fpdf(title, author, subject, keywords)
        self.meta = dict(title=title, author=author, subject=subject, keywords=keywords)
        if ttf:
            for style, path in ttf.items():
                self.pdf.add_font(family, style, path)
        self.family = family
        self.size = size
        self.left, self.top, self.right, self.bottom = margins
        self.leading = leading
        self.header = header
        self.header_style = header_style
        self.footer = footer
        self.footer_size = footer_size
        self.printed = printed
        self.items: list[Item] = []

    # -- building
    def add(self, item: Item) -> Item:
        self.items.append(item)
        return item

    def para(self, text: str, style: str = "", **kw) -> Item:
        return self.add(Item([(style, text)], **kw))

    # -- measuring
    def _width(self, text: str, style: str, size: float) -> float:
        self.pdf.set_font(self.family, style, size)
        return self.pdf.get_string_width(text)

    def _wrap(self, item: Item, size: float):
        """Return a list of lines, each a list of (style, char) pairs."""
        chars = _collapse_runs(item.runs)
        avail = self.pdf.w - self.left - self.right - item.indent
        words: list[list[tuple[str, str]]] = []
        cur: list[tuple[str, str]] = []
        for st, ch in chars:
            if ch == " ":
                words.append(cur)
                cur = []
            else:
                cur.append((st, ch))
        if cur:
            words.append(cur)

        def wlen(word):
            total = 0.0
            for st, grp in _groups(word):
                total += self._width(grp, st, size)
            return total

        space = self._width(" ", "", size)
        lines: list[list[tuple[str, str]]] = []
        line: list[tuple[str, str]] = []
        width = 0.0
        for word in words:
            ww = wlen(word)
            if line and width + space + ww > avail:
                lines.append(line)
                line, width = [], 0.0
            if line:
                line.append((word[0][0], " "))
                width += space
            line.extend(word)
            width += ww
        if line:
            lines.append(line)
        return lines

    # -- pagination and drawing
    def build(self, path) -> GeneratedPdf:
        lh_of = lambda size: size * PT_TO_MM * self.leading  # noqa: E731
        y_top = self.top + (8.0 if self.header else 0.0)
        y_bottom = self.pdf.h - self.bottom
        pages: list[list[tuple]] = [[]]  # per page: (y, x, size, align, line_chars)
        marks: list[tuple[int, int, int, dict]] = []  # page, body line, col, fields
        y = y_top
        for n_item, item in enumerate(self.items):
            size = item.size or self.size
            lh = lh_of(size)
            if item.new_page and n_item:
                pages.append([])
                y = y_top
            elif pages[-1]:
                y += item.space_before * lh
            if item.cells:
                style = item.runs[0][0] if item.runs else ""
                wrapped = [[(style, c) for c in " ".join(t for t, _w, _a in item.cells)]]
            else:
                wrapped = self._wrap(item, size)
            starts = []  # char index of each line start within the paragraph text
            pos = 0
            for ln in wrapped:
                starts.append(pos)
                pos += len(ln) + 1
            placed = []
            for ln in wrapped:
                if y + lh > y_bottom and pages[-1]:
                    pages.append([])
                    y = y_top
                pages[-1].append((y, item.indent, size, item.align, ln, item.cells))
                placed.append((len(pages) - 1, len(pages[-1]) - 1))
                y += lh
            for idx, fields in item.marks:
                k = max(i for i, s in enumerate(starts) if s <= idx)
                pg, li = placed[k]
                marks.append((pg, li, idx - starts[k], fields))

        n = len(pages)
        all_lines: list[list[str]] = []
        headers = [self.header(i, n) if self.header else [] for i in range(n)]
        footers = [self.footer(i, n) if self.footer else [] for i in range(n)]
        for i, body in enumerate(pages):
            self.pdf.add_page()
            # header
            hy = self.top - 6.0
            for h in headers[i]:
                self.pdf.set_font(self.family, self.header_style, 8.5)
                self.pdf.set_xy(self.left, hy)
                self.pdf.cell(self.pdf.w - self.left - self.right, 4.5, h, align="C")
                hy += 4.5
            if headers[i]:
                self.pdf.set_line_width(0.2)
                self.pdf.line(self.left, hy + 0.8, self.pdf.w - self.right, hy + 0.8)
            # body
            for yy, indent, size, align, ln, cells in body:
                if cells:
                    self._draw_cells(cells, ln[0][0], yy, indent, size)
                else:
                    self._draw_line(ln, yy, indent, size, align)
            # footer
            fy = self.pdf.h - self.bottom + 7.0
            for f in footers[i]:
                self.pdf.set_font(self.family, "", self.footer_size)
                self.pdf.set_xy(self.left, fy)
                self.pdf.cell(self.pdf.w - self.left - self.right, 4.0, f, align="C")
                fy += 4.2
            all_lines.append(
                list(headers[i])
                + ["".join(c for _s, c in ln) for *_r, ln, _cells in body]
                + list(footers[i])
            )
        data = bytes(self.pdf.output())
        p = _write_bytes(path, data)
        printed = [self.printed(i) for i in range(n)] if self.printed else None
        provisions = []
        for pg, li, col, fields in marks:
            line_no = len(headers[pg]) + li
            provisions.append(_provision(all_lines, pg, line_no, col, fields, printed))
        return GeneratedPdf(
            path=p,
            lines=all_lines,
            words=[words_of(" ".join(ls)) for ls in all_lines],
            printed_numbers=printed,
            provisions=provisions,
            **self.meta,
        )

    def _draw_cells(self, cells, style, y, indent, size):
        x = self.left + indent
        lh = size * PT_TO_MM * self.leading
        self.pdf.set_font(self.family, style, size)
        for text, width, align in cells:
            self.pdf.set_xy(x, y)
            self.pdf.cell(width, lh, text, align=align)
            x += width

    def _draw_line(self, ln, y, indent, size, align):
        groups = list(_groups(ln))
        widths = [self._width(t, st, size) for st, t in groups]
        total = sum(widths)
        avail = self.pdf.w - self.left - self.right - indent
        x = self.left + indent
        if align == "C":
            x += (avail - total) / 2
        elif align == "R":
            x += avail - total
        lh = size * PT_TO_MM * self.leading
        for (st, t), w in zip(groups, widths):
            self.pdf.set_font(self.family, st, size)
            self.pdf.set_xy(x, y)
            self.pdf.cell(w, lh, t)
            x += w


def _groups(chars):
    """Group consecutive (style, char) pairs of the same style into (style, text)."""
    cur_style = None
    buf: list[str] = []
    for st, ch in chars:
        if st != cur_style and buf:
            yield cur_style, "".join(buf)
            buf = []
        cur_style = st
        buf.append(ch)
    if buf:
        yield cur_style, "".join(buf)


def _provision(all_lines, page, line_no, col, fields, printed) -> Provision:
    lines = all_lines[page]
    before = lines[:line_no]
    offset = sum(len(x) + 2 for x in before) + col
    offset_lf = sum(len(x) + 1 for x in before) + col
    return Provision(
        kind=fields["kind"],
        number=fields["number"],
        citation=fields["citation"],
        heading=fields.get("heading"),
        page=page,
        printed_page=printed[page] if printed else None,
        line=line_no,
        col=col,
        offset=offset,
        offset_lf=offset_lf,
        snippet=lines[line_no][col:],
    )


# --------------------------------------------------------------------------------------
# plain text, labels, printed numbers, outlines, encryption


def make_text_pdf(
    path,
    pages: Sequence[str],
    title: str | None = None,
    author: str | None = None,
    font_size: float = 11,
    subject: str | None = None,
) -> GeneratedPdf:
    """One PDF page per string in ``pages``.

    Each line of a page string is a paragraph, wrapped to the page width; an empty line
    adds vertical space only. White space inside a line is collapsed. Text that is not in
    Windows-1252 is set in DejaVu Sans (raises :class:`FontUnavailable` when missing).
    Raises ``ValueError`` if a page's text does not fit on one page.
    """
    joined = "".join(pages)
    ttf = None
    family = "Helvetica"
    if not _is_winansi(joined):
        ttf = {"": find_font("DejaVuSans.ttf")}
        family = "DejaVu"
    lay = Layout(
        family=family, size=font_size, ttf=ttf, title=title, author=author, subject=subject
    )
    for i, page in enumerate(pages):
        first = True
        gap = 0.0
        for raw in page.split("\n"):
            if not raw.strip():
                gap += 1.0
                continue
            lay.para(raw, new_page=(first and i > 0), space_before=gap if not first else 0.0)
            first = False
            gap = 0.0
        if first:  # an empty page: a page with no text
            lay.add(Item([("", "")], new_page=i > 0))
    res = lay.build(path)
    if res.page_count != len(pages):
        raise ValueError(
            f"text of {len(pages)} pages laid out on {res.page_count} pages; shorten a page"
        )
    return res


_PAGE_WORDS = [
    "amber", "birch", "cedar", "dolphin", "ember", "falcon", "garnet", "harbour",
    "indigo", "juniper", "kestrel", "lagoon", "meadow", "nutmeg", "orchid", "pebble",
    "quartz", "russet", "saffron", "thistle", "umber", "violet", "willow", "yarrow",
]  # fmt: skip


def _page_word(i: int) -> str:
    w = _PAGE_WORDS[i % len(_PAGE_WORDS)]
    return w if i < len(_PAGE_WORDS) else f"{w}{i // len(_PAGE_WORDS)}"


def _roman(n: int) -> str:
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def make_labelled_pdf(
    path,
    n_roman: int = 2,
    n_arabic: int = 3,
    *,
    arabic_start: int = 1,
    n_appendix: int = 0,
    appendix_prefix: str = "A-",
) -> GeneratedPdf:
    """A PDF with a /PageLabels tree: i, ii, ... then 1, 2, 3 ... then optionally A-1, A-2.

    Every page says which label it carries and holds one unique marker word
    (``result.notes["marker_words"]``); the label is also printed at the foot of the page.
    """
    labels = [_roman(i + 1) for i in range(n_roman)]
    labels += [str(arabic_start + i) for i in range(n_arabic)]
    labels += [f"{appendix_prefix}{i + 1}" for i in range(n_appendix)]
    texts = []
    for i, lab in enumerate(labels):
        if i < n_roman:
            part = "Front matter"
        else:
            part = "Appendix" if i >= n_roman + n_arabic else "Body"
        texts.append(
            f"{part}, PDF page {i + 1}.\n\nThis page carries the page label {lab} and the "
            f"marker word {_page_word(i)}.\n\n{lab}"
        )
    res = make_text_pdf(path, texts, title="Labelled pages test", author="pdfgen")

    def edit(w):
        if n_roman:
            w.set_page_label(0, n_roman - 1, style="/r", start=1)
        if n_arabic:
            w.set_page_label(n_roman, n_roman + n_arabic - 1, style="/D", start=arabic_start)
        if n_appendix:
            a = n_roman + n_arabic
            w.set_page_label(a, a + n_appendix - 1, style="/D", prefix=appendix_prefix, start=1)

    _write_bytes(res.path, _pypdf_rewrite(res.path.read_bytes(), edit))
    res.page_labels = labels
    res.printed_numbers = labels
    res.notes["marker_words"] = [_page_word(i) for i in range(len(labels))]
    return res


_NUMBER_STYLES = {
    "plain": "{n}",
    "dashed": "- {n} -",
    "page": "Page {n}",
    "page_of": "Page {n} of {last}",
}


def make_printed_numbers_pdf(
    path,
    n_front: int = 3,
    first_number: int = 11,
    n_numbered: int = 6,
    style: str = "plain",
    header: str | None = GAZETTE_HEADER,
) -> GeneratedPdf:
    """No /PageLabels; ``n_front`` unnumbered pages, then pages with printed numbers.

    The numbered pages carry ``header`` as a running header line (first line of the page
    text) and a centred footer (last line) in ``style``: "plain" -> "11", "dashed" ->
    "- 11 -", "page" -> "Page 11", "page_of" -> "Page 11 of 16".
    ``result.printed_numbers`` holds the number (as digits) or None for every page and
    ``result.notes["footers"]`` the footer strings.
    """
    fmt = _NUMBER_STYLES[style]
    last = first_number + n_numbered - 1

    def printed(i):
        return str(first_number + i - n_front) if i >= n_front else None

    def head(i, _n):
        return [header] if (header and i >= n_front) else []

    def foot(i, _n):
        num = printed(i)
        return [fmt.format(n=num, last=last)] if num else []

    lay = Layout(
        family="Times", size=11, header=head, footer=foot, printed=printed,
        title="Printed page numbers test", author="pdfgen",
    )  # fmt: skip
    front = [
        ["EXAMPLELAND STATUTES SERIES", "Volume 4, Part 2"],
        ["CONTENTS", "Preliminary notes, then the statute text from printed page "
         f"{first_number} onwards."],
        ["This page has been left blank intentionally."],
    ]
    for i in range(n_front):
        paras = front[i] if i < len(front) else [f"Front matter page {i + 1}."]
        for j, t in enumerate(paras):
            lay.para(t + f" ({_page_word(i)})" if j == len(paras) - 1 else t,
                     style="B" if j == 0 else "", align="C", new_page=(j == 0 and i > 0))
    for k in range(n_numbered):
        i = n_front + k
        lay.para(
            f"Section {k + 1}. This provision appears on printed page {first_number + k} "
            f"and carries the marker word {_page_word(i)}.",
            new_page=True,
        )
        lay.para(
            "The text of the statute continues here with ordinary words about notices, "
            "registers, returns and the duties of officers appointed under this Act."
        )
    res = lay.build(path)
    if res.page_count != n_front + n_numbered:
        raise AssertionError("layout overflow in make_printed_numbers_pdf")
    res.notes["footers"] = [foot(i, 0)[0] if foot(i, 0) else None for i in range(res.page_count)]
    res.notes["header"] = header
    res.notes["marker_words"] = [_page_word(i) for i in range(res.page_count)]
    return res


def make_outline_pdf(path) -> GeneratedPdf:
    """Six pages with a three-level outline. ``result.outline`` lists the entries in
    document order with their 0-based target pages and levels."""
    headings = [
        "Part I \u2014 Preliminary",
        "Definitions",
        "Part II \u2014 The Authority",
        "Establishment of the Authority",
        "Powers of the Authority",
        "Schedule",
    ]
    texts = [
        f"{h}\n\nThis is page {i + 1} of the outline test; marker word {_page_word(i)}."
        for i, h in enumerate(headings)
    ]
    res = make_text_pdf(path, texts, title="Outline test", author="pdfgen")
    spec = [  # title, page, level, parent
        ("Part I \u2014 Preliminary", 0, 0, None),
        ("1. Short title", 0, 1, "Part I \u2014 Preliminary"),
        ("2. Definitions", 1, 1, "Part I \u2014 Preliminary"),
        ("Part II \u2014 The Authority", 2, 0, None),
        ("Chapter 1 \u2014 Establishment", 2, 1, "Part II \u2014 The Authority"),
        ("4. Establishment of the Authority", 3, 2, "Chapter 1 \u2014 Establishment"),
        ("Chapter 2 \u2014 Powers", 4, 1, "Part II \u2014 The Authority"),
        ("Schedule", 5, 0, None),
    ]

    def edit(w):
        made = {}
        for title, page, _level, parent in spec:
            made[title] = w.add_outline_item(
                title=title, page_number=page, parent=made.get(parent) if parent else None
            )

    _write_bytes(res.path, _pypdf_rewrite(res.path.read_bytes(), edit))
    res.outline = [OutlineEntry(t, p, lv, par) for t, p, lv, par in spec]
    return res


_DEFAULT_SECRET_PAGES = [
    "Confidential annex. The committee received the draft directive on 3 March.\n"
    "Marker word: sandalwood.",
    "Second page of the annex. The minutes record objections from two members.\n"
    "Marker word: tamarind.",
]


def make_encrypted_pdf(
    path,
    user_password: str,
    owner_password: str | None = None,
    pages: Sequence[str] | None = None,
) -> GeneratedPdf:
    """AES-256 encrypted PDF that needs ``user_password`` to open.

    Without the password pdfium's ``load`` returns ``Error.IncorrectPassword`` and pypdf's
    ``extract_text`` raises ``FileNotDecryptedError``. Bytes differ between runs (random
    salts), the text does not.
    """
    res = make_text_pdf(path, list(pages or _DEFAULT_SECRET_PAGES), title="Encrypted test")
    owner = owner_password if owner_password is not None else user_password + "-owner"

    def edit(w):
        w.encrypt(user_password=user_password, owner_password=owner, algorithm="AES-256")

    _write_bytes(res.path, _pypdf_rewrite(res.path.read_bytes(), edit))
    res.user_password = user_password
    res.owner_password = owner
    return res


def make_owner_only_encrypted_pdf(
    path, owner_password: str = "owner-secret", pages: Sequence[str] | None = None
) -> GeneratedPdf:
    """AES-256 encrypted with an empty user password and copying/printing not permitted.

    Opens without a password in pdfium and pypdf (``reader.is_encrypted`` is True) and
    both extract the text: permissions are advisory.
    """
    res = make_text_pdf(path, list(pages or _DEFAULT_SECRET_PAGES), title="Owner-only test")
    from pypdf.constants import UserAccessPermissions as P

    perms = P.R1 | P.R2 | P.ADD_OR_MODIFY  # nothing useful permitted

    def edit(w):
        w.encrypt(
            user_password="", owner_password=owner_password, algorithm="AES-256",
            permissions_flag=perms,
        )  # fmt: skip

    _write_bytes(res.path, _pypdf_rewrite(res.path.read_bytes(), edit))
    res.user_password = ""
    res.owner_password = owner_password
    return res


# --------------------------------------------------------------------------------------
# image-only ("scanned") pages


def _image_font(px: int):
    from PIL import ImageFont

    for name in ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf"):
        try:
            return ImageFont.truetype(find_font(name), px)
        except (FontUnavailable, OSError):
            continue
    try:
        return ImageFont.load_default(size=px)
    except TypeError:  # very old Pillow
        return ImageFont.load_default()


def make_scanned_pdf(
    path,
    pages_text: Sequence[str],
    watermark: str | None = None,
    dpi: int = 150,
) -> GeneratedPdf:
    """Image-only pages: each page's text is drawn (black on white, about 16 pt) into a
    greyscale A4 image, which is the page's only content. Suitable for tesseract.

    With ``watermark`` (e.g. "CamScanner") that string is also written on every page as a
    tiny (5 pt) real text line at the bottom right, as phone scanner apps do; then the text
    layer of each page is exactly ``[watermark]``, otherwise it is empty.
    ``result.image_text`` and ``result.words`` describe the text inside the images.
    """
    from PIL import Image, ImageDraw

    w_px = round(210 / 25.4 * dpi)
    h_px = round(297 / 25.4 * dpi)
    px = round(16 / 72 * dpi)
    font = _image_font(px)
    margin = round(20 / 25.4 * dpi)
    pdf = _new_fpdf(title="Scanned test", author="pdfgen")
    drawn: list[str] = []
    for text in pages_text:
        img = Image.new("L", (w_px, h_px), 255)
        draw = ImageDraw.Draw(img)
        y = margin
        lines_out = []
        for para in text.split("\n"):
            words = para.split()
            line = ""
            for word in words:
                cand = f"{line} {word}" if line else word
                if draw.textlength(cand, font=font) > w_px - 2 * margin and line:
                    lines_out.append(line)
                    line = word
                else:
                    line = cand
            lines_out.append(line)
        for ln in lines_out:
            if ln:
                draw.text((margin, y), ln, fill=0, font=font)
            y += round(px * 1.6)
            if y > h_px - margin:
                raise ValueError("scanned page text does not fit on one page")
        drawn.append("\n".join(lines_out))
        pdf.add_page()
        pdf.image(img, x=0, y=0, w=210, h=297)
        if watermark:
            pdf.set_font("Helvetica", "", 5)
            tw = pdf.get_string_width(watermark)
            pdf.set_xy(210 - 8 - tw, 297 - 8)
            pdf.cell(tw, 2.5, watermark)
    p = _write_bytes(path, bytes(pdf.output()))
    return GeneratedPdf(
        path=p,
        lines=[[watermark] if watermark else [] for _ in pages_text],
        words=[words_of(t) for t in pages_text],
        title="Scanned test",
        author="pdfgen",
        image_text=drawn,
        notes={"dpi": dpi, "watermark": watermark},
    )


# --------------------------------------------------------------------------------------
# Arabic script (Urdu)

URDU_LINES = [
    "سوشل میڈیا کے نئے قواعد",
    "قومی رابطہ کار کو مواد ہٹانے کا اختیار دیا گیا ہے",
    "یہ قواعد مُعَاشِرَہ میں اظہارِ رائے کو متاثر کرتے ہیں",
    "کمیٹی کی رپورٹ اگلے ہفتے پیش کی جائے گی",
]
URDU_MIXED = "سوشل میڈیا کے Rules 2026 کی دفعہ 5 پر اعتراضات"
# what pdfium (QtPdf 6.12) makes of URDU_MIXED: the Latin word and the number swap places
URDU_MIXED_PDFIUM = "سوشل میڈیا کے 2026 Rules کی دفعہ 5 پر اعتراضات"
URDU_ENGLISH = "Urdu summary of the Social Media Rules"

_RTL_RE = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LTR_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,()/-]*[A-Za-z0-9.)]|[A-Za-z0-9]")


def _arabic_forms() -> dict[str, dict[str, str]]:
    """{base letter: {"isolated"|"final"|"initial"|"medial": presentation form}} built
    from the Unicode decompositions of the presentation-form blocks."""
    table: dict[str, dict[str, str]] = {}
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFEFD)):
        dec = unicodedata.decomposition(chr(cp)).split()
        if len(dec) == 2 and dec[0] in ("<isolated>", "<final>", "<initial>", "<medial>"):
            base = chr(int(dec[1], 16))
            table.setdefault(base, {}).setdefault(dec[0][1:-1], chr(cp))
    return table


def _shape_arabic(text: str, cmap: set[int]) -> str:
    """Replace Arabic letters by contextual presentation forms (no ligatures)."""
    forms = _arabic_forms()

    def joining(ch):  # "D" dual, "R" right, "T" transparent, "U" none
        if unicodedata.category(ch) == "Mn":
            return "T"
        f = forms.get(ch)
        if not f:
            return "U"
        return "D" if ("initial" in f or "medial" in f) else "R"

    kinds = [joining(c) for c in text]
    out = []
    for i, ch in enumerate(text):
        k = kinds[i]
        if k in ("T", "U"):
            out.append(ch)
            continue
        prev = next((kinds[j] for j in range(i - 1, -1, -1) if kinds[j] != "T"), "U")
        nxt = next((kinds[j] for j in range(i + 1, len(text)) if kinds[j] != "T"), "U")
        join_prev = prev == "D"
        join_next = k == "D" and nxt in ("D", "R")
        form = {
            (True, True): "medial",
            (True, False): "final",
            (False, True): "initial",
            (False, False): "isolated",
        }[(join_prev, join_next)]
        f = forms[ch]
        cand = f.get(form) or (f.get("final") if form == "medial" else None) or f.get("isolated")
        out.append(cand if cand and ord(cand) in cmap else ch)
    return "".join(out)


def _visual_runs(line: str) -> list[tuple[bool, str]]:
    """Visual left-to-right order of a right-to-left paragraph: list of (is_rtl, text).

    Latin/digit runs keep their order; everything else is reversed character by
    character (marks end up before their base, which is what pdfium expects back)."""
    runs: list[tuple[bool, str]] = []
    pos = 0
    for m in _LTR_RUN.finditer(line):
        if m.start() > pos:
            runs.append((True, line[pos : m.start()]))
        runs.append((False, m.group()))
        pos = m.end()
    if pos < len(line):
        runs.append((True, line[pos:]))
    return [(rtl, t[::-1] if rtl else t) for rtl, t in reversed(runs)]


def make_urdu_pdf(path, shaped: bool = False) -> GeneratedPdf:
    """One page of Urdu (Noto Naskh Arabic, else DejaVu Sans) plus English in a Latin
    font. The text layer holds, in this order (``result.lines[0]``)::

        Urdu summary of the Social Media Rules              (English, left aligned)
        سوشل میڈیا کے نئے قواعد                               (Urdu lines, right aligned)
        قومی رابطہ کار کو مواد ہٹانے کا اختیار دیا گیا ہے
        یہ قواعد مُعَاشِرَہ میں اظہارِ رائے کو متاثر کرتے ہیں        (pesh, zabar, zer; izafat zer)
        کمیٹی کی رپورٹ اگلے ہفتے پیش کی جائے گی
        سوشل میڈیا کے Rules 2026 کی دفعہ 5 پر اعتراضات        (mixed Urdu/English line)

    The Urdu uses yeh U+06CC (ی), keheh U+06A9 (ک), heh goal U+06C1 (ہ) and yeh barree
    U+06D2 (ے); the word with diacritics is ``result.notes["diacritic_word"]`` (مُعَاشِرَہ).
    fpdf2 cannot shape without uharfbuzz, so each line is drawn in visual order (runs of
    right-to-left text reversed, marks before their letters) with the isolated glyphs of
    the letters: the page looks disjointed but its text layer is what real PDFs have.

    What comes back (QtPdf 6.12 / pypdf 7.1):

    * pdfium: the English line and the four pure Urdu lines exactly, in logical order with
      the diacritics after their letters. In the mixed line pdfium reorders the Latin word
      and the number: ``"سوشل میڈیا کے 2026 Rules کی دفعہ 5 پر اعتراضات"``
      (``URDU_MIXED_PDFIUM``; ``result.pdfium_text(0)`` is exact). A mixed line with more
      Latin than Arabic letters is read left to right instead: its Urdu words come back as
      a whole run in the wrong place.
    * pypdf: the pure Urdu lines in logical order too, but the mixed line scrambled
      (``' پر اعتراضات5  کی دفعہRules 2026 سوشل میڈیا کے'``); ``result.pypdf_text(0)`` is
      None (not predictable).

    With ``shaped=True`` the letters are stored as contextual presentation forms
    (U+FB50..U+FEFC, listed in ``result.notes["presentation_forms"]``) as older Urdu PDFs
    have them, and the page looks joined. pdfium still returns the base letters (it
    normalises presentation forms: the same text as unshaped); pypdf returns the
    presentation forms, which NFKC maps back to the base letters.
    """
    try:
        arabic = find_font("NotoNaskhArabic-Regular.ttf")
    except FontUnavailable:
        arabic = find_font("DejaVuSans.ttf")
    latin = find_font("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf")
    from fontTools.ttLib import TTFont

    cmap = set(TTFont(arabic).getBestCmap())
    needed = {ord(c) for c in "".join(URDU_LINES) if not c.isspace()}
    if not needed <= cmap:
        raise FontUnavailable(f"{arabic} lacks glyphs for the Urdu test text")

    pdf = _new_fpdf(title="Urdu test", author="pdfgen")
    pdf.set_lang("ur")
    pdf.add_font("Arabic", "", arabic)
    pdf.add_font("Latin", "", latin)
    pdf.add_page()
    left, right, y = 20.0, 190.0, 25.0

    logical = [URDU_ENGLISH] + URDU_LINES + [URDU_MIXED]
    stored = []  # text as it will be in the text layer, logical order
    pdf.set_font("Latin", "", 12)
    pdf.set_xy(left, y)
    pdf.cell(right - left, 10, URDU_ENGLISH)
    stored.append(URDU_ENGLISH)
    y += 12
    for line in URDU_LINES + [URDU_MIXED]:
        text = _shape_arabic(line, cmap) if shaped else line
        stored.append(text)
        runs = _visual_runs(text)
        widths = []
        for rtl, t in runs:
            pdf.set_font("Arabic" if rtl else "Latin", "", 16 if rtl else 12)
            widths.append(pdf.get_string_width(t))
        x = right - sum(widths)
        for (rtl, t), w in zip(runs, widths):
            pdf.set_font("Arabic" if rtl else "Latin", "", 16 if rtl else 12)
            pdf.set_xy(x, y)
            pdf.cell(w, 12, t)
            x += w
        y += 14
    p = _write_bytes(path, bytes(pdf.output()))
    pdfium_lines = [URDU_MIXED_PDFIUM if x == URDU_MIXED else x for x in logical]
    res = GeneratedPdf(
        path=p,
        lines=[stored],
        words=[words_of(" ".join(logical))],
        title="Urdu test",
        author="pdfgen",
        pdfium_pages=["\r\n".join(pdfium_lines)],
        pypdf_pages=[None],
        notes={
            "font": arabic,
            "shaped": shaped,
            "logical_lines": logical,
            "diacritic_word": "مُعَاشِرَہ",
            "presentation_forms": sorted(
                {c for c in "".join(stored) if 0xFB50 <= ord(c) <= 0xFEFC}
            ),
        },
    )
    return res


# --------------------------------------------------------------------------------------
# ligatures

LIGATURE_LINES = [
    "The \ufb01nancial statements follow the de\ufb01nition in rule 2.",
    "A \ufb01duciary duty applies to every o\ufb03cer of the \ufb01rm.",
    "Data \ufb02ows are logged for \ufb01fty days.",
]


def make_ligature_pdf(path) -> GeneratedPdf:
    """One page (DejaVu Sans) whose text layer has ligature code points: U+FB01 "ﬁ",
    U+FB02 "ﬂ" and U+FB03 "ﬃ" inside words ("ﬁnancial", "deﬁnition", "oﬃcer", "ﬂows").

    What comes back:

    * pdfium decomposes them: ``"The financial statements follow the definition in
      rule 2.\\r\\nA fiduciary duty applies to every officer of the firm.\\r\\nData flows
      are logged for fifty days."`` -- plain ASCII, so its offsets differ from the
      code-point offsets of the text layer;
    * pypdf returns the ligature code points unchanged (``"\\n".join(result.lines[0])``).

    ``result.words`` has the words as stored (with ligatures);
    ``result.notes["nfkc_words"]`` the same words after NFKC.
    """
    font = find_font("DejaVuSans.ttf")
    from fontTools.ttLib import TTFont

    if not {0xFB01, 0xFB02, 0xFB03} <= set(TTFont(font).getBestCmap()):
        raise FontUnavailable(f"{font} lacks ligature glyphs")
    lay = Layout(family="DejaVu", ttf={"": font}, size=12, title="Ligature test", author="pdfgen")
    for ln in LIGATURE_LINES:
        lay.para(ln)
    res = lay.build(path)
    res.pdfium_pages = ["\r\n".join(unicodedata.normalize("NFKC", x) for x in res.lines[0])]
    res.notes["nfkc_words"] = [unicodedata.normalize("NFKC", w) for w in res.words[0]]
    res.notes["ligature_words"] = [
        w for w in res.words[0] if any(0xFB00 <= ord(c) <= 0xFB06 for c in w)
    ]
    return res


# --------------------------------------------------------------------------------------
# broken and non-PDF files


def make_not_pdf(path) -> Path:
    """An HTML page saved under a .pdf name (what a browser saves from a paywall).
    pdfium: ``Error.InvalidFileFormat``; pypdf: ``PdfStreamError``."""
    html = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Access denied</title></head>\n<body><h1>403 Forbidden</h1>"
        "<p>You need to sign in to download this document.</p></body></html>\n"
    )
    return _write_bytes(path, html.encode("utf-8"))


def make_empty_file(path) -> Path:
    """A zero-byte file. pdfium: ``Error.InvalidFileFormat``; pypdf: ``EmptyFileError``."""
    return _write_bytes(path, b"")


def make_truncated_pdf(path, fraction: float = 0.5) -> GeneratedPdf:
    """A valid four-page PDF cut after ``fraction`` of its bytes (no xref, no trailer).

    The result describes the original. With the default cut neither engine opens it:
    pdfium's ``load`` gives ``Error.InvalidFileFormat`` and ``pypdf.PdfReader`` raises
    ``PdfStreamError`` (a ``PdfReadError``).
    """
    pages = [f"Truncated test page {i + 1}. Marker word {_page_word(i)}." for i in range(4)]
    res = make_text_pdf(Path(path), pages, title="Truncated test")
    data = res.path.read_bytes()
    cut = data[: int(len(data) * fraction)]
    _write_bytes(path, cut)
    res.notes["original_size"] = len(data)
    res.notes["size"] = len(cut)
    return res


def make_corrupt_xref_pdf(path) -> GeneratedPdf:
    """A two-page PDF whose cross-reference table has wrong offsets and whose
    ``startxref`` points into the middle of the file. Readers that rebuild the xref by
    scanning for objects (pdfium, pypdf in non-strict mode) still get the text back."""
    pages = ["Corrupt xref test, first page. Marker word amber.",
             "Corrupt xref test, second page. Marker word birch."]  # fmt: skip
    res = make_text_pdf(Path(path), pages, title="Corrupt xref test")
    data = bytearray(res.path.read_bytes())
    xref_at = data.rfind(b"\nxref\n") + 1
    # wrong (but well-formed) offsets for every in-use entry
    def bump(m):
        return b"%010d 00000 n" % (int(m.group(1)) + 7)

    tail = re.sub(rb"(\d{10}) 00000 n", bump, bytes(data[xref_at:]))
    tail = re.sub(rb"startxref\s+\d+", b"startxref\n" + str(xref_at // 2).encode(), tail)
    _write_bytes(path, bytes(data[:xref_at]) + tail)
    return res


# --------------------------------------------------------------------------------------
# legal documents: rules, act, judgment


@dataclass
class Sub:
    """A sub-rule / subsection ``(number)`` or an unnumbered body (number None)."""

    number: str | None
    text: str
    # [(letter, text)] or [(letter, text, [(roman, text), ...])]
    clauses: list = field(default_factory=list)
    tail: str | None = None  # proviso or closing words after the clauses


@dataclass
class Prov:
    number: str
    heading: str
    subs: list[Sub]


def _provision_items(prov: Prov, prefix: str, kinds: tuple[str, str, str, str]) -> list[Item]:
    """Items for one rule/section in gazette style:
    ``5. Heading.—(1) text`` then indented clauses, later sub-rules, provisos."""
    k_top, k_sub, k_clause, k_subclause = kinds
    items: list[Item] = []
    lead = f"{prov.number}. {prov.heading}.\u2014"
    top_mark = (0, dict(kind=k_top, number=prov.number, citation=f"{prefix} {prov.number}",
                        heading=prov.heading))  # fmt: skip
    for si, sub in enumerate(prov.subs):
        if sub.number:
            sub_no = f"{prov.number}({sub.number})"
            body = f"({sub.number}) {sub.text}"
        else:
            sub_no = prov.number
            body = sub.text
        if si == 0:
            item = Item([("B", lead), ("", body)], marks=[top_mark], space_before=0.9)
            body_at = len(lead)
        else:
            item = Item([("", body)], indent=0.0)
            body_at = 0
        if sub.number:
            item.marks.append((body_at, dict(kind=k_sub, number=sub_no,
                                             citation=f"{prefix} {sub_no}")))  # fmt: skip
        items.append(item)
        for clause in sub.clauses:
            letter, ctext = clause[0], clause[1]
            c_no = f"{sub_no}({letter})"
            items.append(Item(
                [("", f"({letter}) {ctext}")], indent=8.0, space_before=0.25,
                marks=[(0, dict(kind=k_clause, number=c_no, citation=f"{prefix} {c_no}"))],
            ))  # fmt: skip
            for roman, rtext in (clause[2] if len(clause) > 2 else []):
                r_no = f"{c_no}({roman})"
                items.append(Item(
                    [("", f"({roman}) {rtext}")], indent=16.0, space_before=0.2,
                    marks=[(0, dict(kind=k_subclause, number=r_no,
                                    citation=f"{prefix} {r_no}"))],
                ))  # fmt: skip
        if sub.tail:
            kind = "proviso" if sub.tail.startswith("Provided") else "tail"
            items.append(Item(
                [("", sub.tail)], indent=8.0 if sub.clauses else 0.0, space_before=0.25,
                marks=[(0, dict(kind=kind, number=sub_no, citation=f"{prefix} {sub_no}, {kind}"))],
            ))  # fmt: skip
    return items


def _heading_items(*lines: str) -> list[Item]:
    out = []
    for i, ln in enumerate(lines):
        out.append(Item([("B", ln)], align="C", space_before=1.2 if i == 0 else 0.1))
    return out


RULES_TITLE = "The Social Media (Online Harms) Rules, 2026"
RULES_ISSUER = "Ministry of Information Technology and Telecommunication"

RULES_CHAPTERS: list[tuple[str, str, list[Prov]]] = [
    ("CHAPTER I", "PRELIMINARY", [
        Prov("1", "Short title, extent and commencement", [
            Sub("1", "These rules may be cited as the Social Media (Online Harms) Rules, 2026."),
            Sub("2", "They extend to the whole of Examplestan."),
            Sub("3", "They shall come into force on the date of their publication in the "
                     "official Gazette."),
        ]),
        Prov("2", "Definitions", [
            Sub("1", "In these rules, unless there is anything repugnant in the subject or "
                     "context,\u2014", [
                ("a", "\u201cAct\u201d means the Digital Communications Act, 2024 (XIV of 2024);"),
                ("b", "\u201cAuthority\u201d means the Digital Communications Authority "
                      "established under section 4 of the Act;"),
                ("c", "\u201cblocking\u201d means any measure which prevents users in Examplestan "
                      "from gaining access to online content, in whole or in part, and "
                      "\u201cblock\u201d shall be construed accordingly;"),
                ("d", "\u201cemergency\u201d means a situation in which the National Coordinator, "
                      "for reasons to be recorded in writing, is satisfied that online content "
                      "poses an imminent threat to life or to public order;"),
                ("e", "\u201cNational Coordinator\u201d means the officer appointed under rule 4;"),
                ("f", "\u201conline content\u201d means any information, text, image, sound or "
                      "video which is stored on, transmitted through or made available by an "
                      "information system;"),
                ("g", "\u201cremoval\u201d means the deletion of online content by a social media "
                      "company so that it is no longer available to any user, and "
                      "\u201cremove\u201d shall be construed accordingly;"),
                ("h", "\u201csignificant social media company\u201d means a social media company "
                      "which has more than five hundred thousand registered users in "
                      "Examplestan; and"),
                ("i", "\u201csocial media company\u201d means any person who owns, operates or "
                      "provides a platform through which users may create, share or view "
                      "online content."),
            ]),
            Sub("2", "Words and expressions used but not defined in these rules shall have the "
                     "meanings assigned to them in the Act."),
        ]),
        Prov("3", "Application", [
            Sub(None, "These rules shall apply to every social media company which offers its "
                      "services to users in Examplestan, whether or not it is incorporated, "
                      "registered or physically present in Examplestan."),
        ]),
    ]),
    ("CHAPTER II", "THE NATIONAL COORDINATOR", [
        Prov("4", "Appointment of the National Coordinator", [
            Sub("1", "The Federal Government shall, by notification in the official Gazette, "
                     "appoint an officer of the Ministry not below the rank of Additional "
                     "Secretary to be the National Coordinator."),
            Sub("2", "The National Coordinator shall hold office for a term of three years "
                     "and shall be eligible for re-appointment for one further term."),
            Sub("3", "The Ministry shall place at the disposal of the National Coordinator "
                     "such officers and staff as may be necessary for the performance of the "
                     "functions under these rules."),
        ]),
        Prov("5", "Powers of the National Coordinator", [
            Sub("1", "The National Coordinator may, on a complaint received from any person "
                     "or of his own motion, by order in writing direct a social media "
                     "company\u2014", [
                ("a", "to remove, or to block access to, any online content which in his "
                      "opinion is unlawful under section 37 of the Act;"),
                ("b", "to provide, within seventy-two hours, any subscriber information, "
                      "traffic data or content data relating to a user who is alleged to have "
                      "posted such online content;"),
                ("c", "to suspend or permanently disable the account of any user who has "
                      "repeatedly posted online content of the kind referred to in clause (a); "
                      "and"),
                ("d", "to take such other measures as he considers necessary to prevent the "
                      "further dissemination of such online content."),
            ]),
            Sub("2", "Every order under sub-rule (1) shall state the grounds on which it is "
                     "made and the provision of the Act under which the online content is "
                     "considered unlawful:", [],
                "Provided that in an emergency the grounds may be communicated within "
                "forty-eight hours after the order is made."),
            Sub("3", "The National Coordinator may direct that an order under sub-rule (1), "
                     "or the fact that it has been made, shall not be disclosed by the social "
                     "media company to the affected user or to any other person."),
            Sub("4", "The National Coordinator shall maintain a register of all orders made "
                     "under this rule, which shall not be open to public inspection."),
        ]),
        Prov("6", "Obligations of social media companies", [
            Sub("1", "Every social media company shall\u2014", [
                ("a", "comply with an order for removal or blocking under rule 5 within "
                      "twenty-four hours of its receipt;"),
                ("b", "in an emergency, comply with such an order within six hours of its "
                      "receipt;"),
                ("c", "retain any online content that has been removed or blocked, together "
                      "with the associated subscriber information and traffic data, for not "
                      "less than one hundred and eighty days; and"),
                ("d", "designate a point of contact who shall be available at all times to "
                      "receive orders of the National Coordinator."),
            ]),
            Sub("2", "Every significant social media company shall, within three months of "
                     "the commencement of these rules,\u2014", [
                ("a", "establish a registered office in Examplestan;"),
                ("b", "appoint a compliance officer resident in Examplestan; and"),
                ("c", "publish, every six months, a report stating the number of orders "
                      "received under rule 5 and the action taken on each of them."),
            ]),
        ]),
    ]),
    ("CHAPTER III", "REVIEW AND ENFORCEMENT", [
        Prov("7", "Review of orders", [
            Sub("1", "A social media company or a user aggrieved by an order of the National "
                     "Coordinator may, within fourteen days of its communication, apply to "
                     "the National Coordinator for its review."),
            Sub("2", "The National Coordinator shall decide the application within thirty "
                     "days and, pending the decision, the order shall remain in force."),
            Sub("3", "A person aggrieved by a decision under sub-rule (2) may appeal to the "
                     "High Court within thirty days of the decision."),
        ]),
        Prov("8", "Penalties", [
            Sub("1", "Where a social media company fails to comply with an order under rule 5 "
                     "or with any obligation under rule 6, the Authority may, after giving it "
                     "an opportunity of being heard, impose a fine which may extend to fifty "
                     "million rupees."),
            Sub("2", "Where a significant social media company persistently fails to comply "
                     "with orders under rule 5, the National Coordinator may recommend to the "
                     "Authority the blocking, in whole or in part, of the online services of "
                     "that company in Examplestan."),
        ]),
        Prov("9", "Repeal", [
            Sub(None, "The Online Content (Interim Procedure) Rules, 2022 are hereby repealed."),
        ]),
    ]),
]


def _gazette_number_header(first_printed: int, running: str, number_in_header: bool):
    def head(i, _n):
        if i == 0:
            return []
        if number_in_header:
            num = str(first_printed + i)
            return [f"{num} {running}" if i % 2 else f"{running} {num}"]
        return [running]

    return head


def make_rules_pdf(
    path,
    *,
    first_printed: int = 173,
    number_in_header: bool = False,
    note: str | None = None,
    subject: str | None = None,
    keywords: str | None = None,
) -> GeneratedPdf:
    """A gazette notification of "The Social Media (Online Harms) Rules, 2026" of the
    fictional Examplestan (S.R.O. 112(I)/2026, dated 28th January, 2026, Ministry of
    Information Technology and Telecommunication): 9 rules in 3 chapters with sub-rules,
    clauses and a proviso, over several pages.

    The first page has the gazette masthead; later pages have the running header
    "PART II] THE GAZETTE OF EXAMPLESTAN, EXTRA., JANUARY 28, 2026". Every page has its
    printed number centred in the footer, starting at ``first_printed`` (no /PageLabels).
    With ``number_in_header`` the number is instead part of the running header line
    (left on even, right on odd printed pages), as many gazettes print it.
    ``note`` adds a small extra footer line (the samples' "SAMPLE" notice).

    ``result.provisions`` has every rule ("Rule 5"), sub-rule ("Rule 5(1)"), clause
    ("Rule 5(1)(b)") and proviso ("Rule 5(2), proviso") with page and offsets.
    """
    running = "PART II] THE GAZETTE OF EXAMPLESTAN, EXTRA., JANUARY 28, 2026"

    def printed(i):
        return str(first_printed + i)

    def foot(i, _n):
        out = [] if number_in_header and i else [printed(i)]
        return out + ([note] if note else [])

    lay = Layout(
        family="Times", size=11,
        header=_gazette_number_header(first_printed, running, number_in_header),
        footer=foot, printed=printed, title=RULES_TITLE,
        author="Government of Examplestan, " + RULES_ISSUER,
        subject=subject or "S.R.O. 112(I)/2026", keywords=keywords,
    )  # fmt: skip
    for t, style, size in [
        ("THE GAZETTE OF EXAMPLESTAN", "B", 16),
        ("EXTRAORDINARY", "B", 12),
        ("PUBLISHED BY AUTHORITY", "", 10),
        ("PORT MERIDIAN, WEDNESDAY, JANUARY 28, 2026", "", 10),
        ("PART II", "B", 11),
        ("Statutory Notifications (S.R.O.)", "I", 11),
        ("GOVERNMENT OF EXAMPLESTAN", "B", 11),
        (RULES_ISSUER.upper(), "", 10),
        ("NOTIFICATION", "B", 11),
        ("Port Meridian, the 28th January, 2026", "I", 11),
    ]:
        lay.add(Item([(style, t)], align="C", size=size, space_before=0.3))
    lay.add(Item([
        ("B", "S.R.O. 112(I)/2026.\u2014"),
        ("", "In exercise of the powers conferred by section 51, read with section 37, of "
             "the Digital Communications Act, 2024 (XIV of 2024), the Federal Government is "
             "pleased to make the following rules, namely:\u2014"),
    ], space_before=1.0))  # fmt: skip
    lay.add(Item([("B", RULES_TITLE.upper())], align="C", space_before=1.0))
    for chap, name, provs in RULES_CHAPTERS:
        lay.add(Item([("B", chap)], align="C", space_before=1.2))
        lay.add(Item([("B", name)], align="C", space_before=0.1))
        for prov in provs:
            for it in _provision_items(prov, "Rule", ("rule", "sub-rule", "clause", "sub-clause")):
                lay.add(it)
    lay.add(Item([("", "[F. No. 4-12/2025-DC]")], space_before=1.5))
    lay.add(Item([("B", "NASREEN O. DARVISH")], align="R", space_before=0.5))
    lay.add(Item([("", "Section Officer (Digital Communications)")], align="R", space_before=0.1))
    res = lay.build(path)
    res.notes.update(
        sro="S.R.O. 112(I)/2026",
        date="28th January, 2026",
        date_iso="2026-01-28",
        issuer=RULES_ISSUER,
        running_header=running,
        title=RULES_TITLE,
    )
    return res


ACT_TITLE = "The Digital Communications Act, 2024"

ACT_CHAPTERS: list[tuple[str, str, list[Prov]]] = [
    ("CHAPTER I", "PRELIMINARY", [
        Prov("1", "Short title, extent and commencement", [
            Sub("1", "This Act may be called the Digital Communications Act, 2024."),
            Sub("2", "It extends to the whole of Examplestan."),
            Sub("3", "It shall come into force at once."),
        ]),
        Prov("2", "Definitions", [
            Sub("1", "In this Act, unless there is anything repugnant in the subject or "
                     "context,\u2014", [
                ("a", "\u201cAuthority\u201d means the Digital Communications Authority "
                      "established under section 4;"),
                ("b", "\u201cinformation system\u201d means any electronic device, or group of "
                      "connected devices, which generates, sends, receives, stores or "
                      "processes information;"),
                ("c", "\u201conline content\u201d means any information made available through "
                      "an information system;"),
                ("d", "\u201cprescribed\u201d means prescribed by rules made under this Act;"),
                ("e", "\u201cservice provider\u201d includes any person who provides access to "
                      "an information system, and any social media company; and"),
                ("f", "\u201ctraffic data\u201d means data which shows the origin, destination, "
                      "route, time, date, size or duration of a communication, but not its "
                      "content."),
            ]),
            Sub("2", "Words and expressions used but not defined in this Act shall have the "
                     "meanings assigned to them in the Telecommunication Ordinance, 1996."),
        ]),
        Prov("3", "Act to override other laws", [
            Sub(None, "The provisions of this Act shall have effect notwithstanding anything "
                      "inconsistent therewith contained in any other law for the time being "
                      "in force."),
        ]),
    ]),
    ("CHAPTER II", "THE AUTHORITY", [
        Prov("4", "Establishment of the Authority", [
            Sub("1", "As soon as may be after the commencement of this Act, the Federal "
                     "Government shall establish an Authority to be known as the Digital "
                     "Communications Authority."),
            Sub("2", "The Authority shall be a body corporate with perpetual succession and a "
                     "common seal, and may sue and be sued in its own name."),
            Sub("3", "The Authority shall consist of a Chairperson and four Members appointed "
                     "by the Federal Government for a term of four years."),
        ]),
        Prov("5", "Functions of the Authority", [
            Sub(None, "The Authority shall\u2014", [
                ("a", "receive and decide complaints about unlawful online content;"),
                ("b", "issue directions to service providers under this Act; and"),
                ("c", "publish, every year, a report on the exercise of its powers, including "
                      "the number of directions for removal or blocking issued by it."),
            ]),
        ]),
    ]),
    ("CHAPTER III", "OFFENCES AND PUNISHMENTS", [
        Prov("19", "Unauthorised access to an information system", [
            Sub(None, "Whoever, without authority, intentionally gains access to an "
                      "information system or to any data stored in it shall be punished with "
                      "imprisonment for a term which may extend to six months, or with fine "
                      "which may extend to one hundred thousand rupees, or with both."),
        ]),
        Prov("20", "Offences against dignity of a natural person", [
            Sub("1", "Whoever, knowing any information to be false, intentionally publishes or "
                     "transmits it through an information system and thereby harms the "
                     "reputation or privacy of a natural person shall be punished with "
                     "imprisonment for a term which may extend to two years, or with fine "
                     "which may extend to five hundred thousand rupees, or with both."),
            Sub("2", "Nothing in sub-section (1) shall apply to\u2014", [
                ("a", "a fair and accurate report of proceedings before a court or Parliament;"),
                ("b", "an opinion expressed in good faith on the conduct of a public "
                      "functionary in the discharge of public functions; or"),
                ("c", "any matter published in good faith for the public good."),
            ]),
            Sub("3", "A person aggrieved by information referred to in sub-section (1) may "
                     "apply to the Authority for its removal or for the blocking of access "
                     "to it, and the Authority may pass such order as it considers "
                     "appropriate."),
        ]),
        Prov("21", "Unlawful disclosure of intimate images", [
            Sub("1", "Whoever publishes or transmits through an information system an "
                     "intimate image of a natural person without that person's consent shall "
                     "be punished with imprisonment for a term which may extend to five "
                     "years, or with fine which may extend to one million rupees, or with "
                     "both."),
            Sub("2", "The Authority shall, on the application of the person concerned, direct "
                     "the removal of such an image within twenty-four hours."),
        ]),
    ]),
    ("CHAPTER IV", "UNLAWFUL ONLINE CONTENT", [
        Prov("37", "Removal and blocking of unlawful online content", [
            Sub("1", "The Authority may remove, or direct a service provider to remove or to "
                     "block access to, any online content if it is satisfied that the removal "
                     "or blocking is necessary in the interest of\u2014", [
                ("a", "the security or defence of Examplestan;"),
                ("b", "public order;"),
                ("c", "the prevention of incitement to the commission of an offence under "
                      "this Act; or"),
                ("d", "the protection of the reputation or privacy of a natural person under "
                      "section 20."),
            ]),
            Sub("2", "Every order under sub-section (1) shall be proportionate to the aim "
                     "pursued and shall be confined, as far as practicable, to the specific "
                     "online content concerned."),
            Sub("3", "The Federal Government may, by rules, prescribe the procedure, oversight "
                     "and safeguards for the exercise of the powers under this section and "
                     "may designate an officer to exercise them on behalf of the Authority."),
            Sub("4", "Any person aggrieved by an order under this section may apply to the "
                     "Authority for review within thirty days, and an appeal against the "
                     "decision on review shall lie to the High Court."),
        ]),
        Prov("38", "Retention and disclosure of traffic data", [
            Sub("1", "A service provider shall retain the traffic data of its users for a "
                     "period of one year."),
            Sub("2", "Traffic data, subscriber information and the content of communications "
                     "shall be disclosed to any officer only under a warrant issued by a "
                     "Court, on an application showing that the data is required for a "
                     "specific criminal investigation."),
        ]),
    ]),
    ("CHAPTER VI", "MISCELLANEOUS", [
        Prov("51", "Power to make rules", [
            Sub("1", "The Federal Government may, by notification in the official Gazette, "
                     "make rules for carrying out the purposes of this Act."),
            Sub("2", "Before making rules under sub-section (1), the Federal Government shall "
                     "publish the draft rules for public comment for a period of not less "
                     "than thirty days."),
        ]),
    ]),
]


def make_act_pdf(
    path,
    *,
    note: str | None = None,
    subject: str | None = None,
    keywords: str | None = None,
) -> GeneratedPdf:
    """An extract of "The Digital Communications Act, 2024" (Act No. XIV of 2024) of the
    fictional Examplestan: sections 1-5, 19-21 (incl. "20. Offences against dignity of a
    natural person.—(1) ..." with subsections and clauses), 37, 38 and 51.

    Printed page numbers "1", "2", ... in the footer, running header
    "DIGITAL COMMUNICATIONS ACT, 2024" from the second page. ``result.provisions``
    cites "Section 20", "Section 20(2)", "Section 20(2)(b)" etc.
    """

    def printed(i):
        return str(i + 1)

    def head(i, _n):
        return ["DIGITAL COMMUNICATIONS ACT, 2024"] if i else []

    def foot(i, _n):
        return [printed(i)] + ([note] if note else [])

    lay = Layout(
        family="Times", size=11, header=head, footer=foot, printed=printed,
        title=ACT_TITLE, author="Parliament of Examplestan",
        subject=subject or "Act No. XIV of 2024", keywords=keywords,
    )  # fmt: skip
    lay.add(Item([("B", "THE DIGITAL COMMUNICATIONS ACT, 2024")], align="C", size=14))
    lay.add(Item([("B", "ACT No. XIV OF 2024")], align="C", space_before=0.4))
    lay.add(Item([("", "[4th September, 2024]")], align="R", space_before=0.6))
    lay.add(Item([("I", "An Act to regulate digital communications, to establish the Digital "
                        "Communications Authority and to provide for offences committed "
                        "through information systems")], align="C", space_before=0.6))  # fmt: skip
    lay.add(Item([("", "WHEREAS it is expedient to provide a legal framework for digital "
                       "communications which protects users, secures information systems "
                       "and respects the freedom of speech and the right to privacy "
                       "guaranteed by the Constitution;")], space_before=1.0))  # fmt: skip
    lay.add(Item([("", "It is hereby enacted as follows:\u2014")]))
    for chap, name, provs in ACT_CHAPTERS:
        lay.add(Item([("B", chap)], align="C", space_before=1.2))
        lay.add(Item([("B", name)], align="C", space_before=0.1))
        if chap == "CHAPTER III":
            lay.add(Item([("I", "[Sections 6 to 18 are not reproduced in this extract.]")],
                         align="C", space_before=0.4))  # fmt: skip
        if chap == "CHAPTER VI":
            lay.add(Item([("I", "[Sections 22 to 36 and 39 to 50 are not reproduced in this "
                                "extract.]")], align="C", space_before=0.4))  # fmt: skip
        for prov in provs:
            for it in _provision_items(prov, "Section",
                                       ("section", "subsection", "clause", "sub-clause")):
                lay.add(it)
    res = lay.build(path)
    res.notes.update(title=ACT_TITLE, act_number="XIV of 2024", date_iso="2024-09-04")
    return res


JUDGMENT_TITLE = "Citizens' Rights Forum v. Federation of Examplestan"

JUDGMENT_PARAS: list[str | tuple[str, list[tuple[str, str]]]] = [
    "Through this petition under Article 199 of the Constitution, the petitioners, a "
    "registered association working on freedom of expression and three working journalists, "
    "challenge the vires of the Social Media (Online Harms) Rules, 2026 (\u201cthe Rules\u201d), "
    "notified through S.R.O. 112(I)/2026 dated 28th January, 2026, and in particular rules 5 "
    "and 6 thereof.",
    "Learned counsel for the petitioners contended that rule 5(1) confers upon the National "
    "Coordinator an unstructured discretion to order the removal or blocking of online content "
    "on the basis of his \u201copinion\u201d alone, without any standard against which that "
    "opinion can be tested, and that the Rules thereby travel beyond section 37 of the Digital "
    "Communications Act, 2024 (\u201cthe Act\u201d), under which they were made.",
    "She further argued that clause (b) of sub-rule (1) of rule 5 allows the National "
    "Coordinator to demand subscriber information, traffic data and content data without any "
    "judicial warrant, whereas section 38(2) of the Act permits disclosure of such data only "
    "under a warrant issued by a Court.",
    "It was also submitted that the Rules were notified without the draft having been "
    "published for public comment, as required by section 51(2) of the Act, and that the "
    "secrecy permitted by rule 5(3) makes the right of review under rule 7 illusory.",
    "The learned Deputy Attorney-General defended the Rules. He submitted that harmful content "
    "spreads within minutes, that the deadlines of twenty-four hours and, in an emergency, six "
    "hours under rule 6(1) are necessary to contain it, and that the National Coordinator "
    "exercises powers lawfully delegated under section 37(3) of the Act. As to consultation, he "
    "referred to meetings held by the Ministry with representatives of social media companies "
    "in December 2025.",
    "We have heard learned counsel for the parties and examined the record with their "
    "assistance. Three questions arise: first, whether rule 5(1) is within the scope of "
    "section 37 of the Act; second, whether rule 5(1)(b) is consistent with section 38(2); and "
    "third, whether the Rules were validly made.",
    "It is settled that delegated legislation must conform to the statute under which it is "
    "made. A rule may fill in details, but it cannot enlarge the power conferred by the parent "
    "Act, nor dispense with a condition that the Act attaches to its exercise. A rule which "
    "does either is ultra vires to that extent.",
    "Section 37(1) permits the removal or blocking of online content only where the Authority "
    "is satisfied that the measure is necessary in the interest of one of the grounds listed "
    "in it, and section 37(2) requires that every order be proportionate to the aim pursued "
    "and confined to the specific content concerned. Rule 5(1)(a), by contrast, allows the "
    "National Coordinator to act whenever content is unlawful \u201cin his opinion\u201d, and "
    "says nothing of necessity or proportionality.",
    "The test of proportionality asks four questions: whether the measure pursues a legitimate "
    "aim; whether it is rationally connected to that aim; whether a less restrictive measure "
    "would achieve the aim equally well; and whether a fair balance has been struck between "
    "the rights of the individual and the interests of the community. An order to remove a "
    "single post may pass this test where an order to block an entire account would not.",
    "The power to block access to online content is not, by itself, unconstitutional. The "
    "freedom of speech is subject to reasonable restrictions imposed by law. But the blocking "
    "of the whole service of a platform, which rule 8(2) contemplates, silences every lawful "
    "speaker along with the unlawful one, and can rarely be the least restrictive measure "
    "available.",
    "The secrecy permitted by rule 5(3) calls for separate comment. A user who is never told "
    "that an order has been made against his content cannot seek its review under rule 7 or "
    "appeal to this Court. A power to keep orders secret indefinitely therefore defeats the "
    "safeguards which the Act itself provides in section 37(4).",
    "We now turn to the demand for data. Rule 5(1)(b) requires a social media company to hand "
    "over subscriber information, traffic data and content data within seventy-two hours of an "
    "order of the National Coordinator. Section 38(2) of the Act allows disclosure of the same "
    "data only under a warrant issued by a Court. The rule thus dispenses with a safeguard "
    "which Parliament made a condition of disclosure, and cannot stand.",
    "As to consultation, section 51(2) of the Act requires publication of the draft rules for "
    "public comment for not less than thirty days. Meetings with a few companies, however "
    "useful, are not publication to the public. The record contains no draft published by the "
    "Ministry, and the requirement was not met.",
    "We are not persuaded that the deadline of six hours in an emergency is unreasonable in "
    "itself, given the narrow definition of \u201cemergency\u201d in rule 2(1)(d), provided that "
    "the National Coordinator records his reasons before the order is made.",
    ("For the foregoing reasons, this petition is partly allowed, and it is declared and "
     "directed as follows:\u2014", [
        ("a", "rule 5(1)(b) of the Rules is ultra vires section 38(2) of the Act and of no "
              "legal effect;"),
        ("b", "rule 5(3) shall be read so that the affected user is informed of an order "
              "against his content within thirty days of the order;"),
        ("c", "before making any order under rule 5(1)(a), the National Coordinator shall "
              "record in writing why the removal or blocking is necessary and proportionate; "
              "and"),
        ("d", "the Federal Government shall publish any amendment of the Rules in draft for "
              "public comment in accordance with section 51(2) of the Act."),
    ]),
    "There shall be no order as to costs.",
]


def make_judgment_pdf(
    path,
    *,
    note: str | None = None,
    subject: str | None = None,
    keywords: str | None = None,
) -> GeneratedPdf:
    """A judgment of the (fictional) High Court of Examplestan in W.P. No. 1021 of 2026,
    "Citizens' Rights Forum v. Federation of Examplestan", decided 2nd April, 2026, with 16
    numbered paragraphs ("12. We now turn to the demand for data. ...") and lettered
    directions in paragraph 15. It discusses rule 5(1)(b), proportionality and blocking.

    Running header "W.P. No. 1021 of 2026" from the second page; footer "Page 2 of 3".
    ``result.printed_numbers`` holds "1", "2", ...; provisions cite "para 12" and
    "para 15(b)".
    """

    def printed(i):
        return str(i + 1)

    def head(i, _n):
        return ["W.P. No. 1021 of 2026"] if i else []

    def foot(i, n):
        return [f"Page {i + 1} of {n}"] + ([note] if note else [])

    lay = Layout(
        family="Times", size=11.5, header=head, footer=foot, printed=printed,
        title=JUDGMENT_TITLE, author="High Court of Examplestan",
        subject=subject or "W.P. No. 1021 of 2026", keywords=keywords,
    )  # fmt: skip
    for t, st, sp in [
        ("IN THE HIGH COURT OF EXAMPLESTAN, PORT MERIDIAN", "B", 0.0),
        ("(Judicial Department)", "", 0.1),
        ("Writ Petition No. 1021 of 2026", "B", 0.8),
    ]:
        lay.add(Item([(st, t)], align="C", space_before=sp))
    lay.add(Item([("", "Citizens' Rights Forum and 3 others ... Petitioners")], space_before=0.8))
    lay.add(Item([("I", "versus")], align="C", space_before=0.3))
    lay.add(Item([("", "Federation of Examplestan through Secretary, Ministry of Information "
                       "Technology and Telecommunication, and another ... Respondents")],
                 space_before=0.3))  # fmt: skip
    for t in [
        "Petitioners by: Ms. Rukhsana Mehdi, Advocate.",
        "Respondents by: Mr. Tariq Aslam Kundi, Deputy Attorney-General.",
        "Date of hearing: 16th March, 2026.",
        "Date of decision: 2nd April, 2026.",
    ]:
        lay.add(Item([("", t)], space_before=0.15))
    lay.add(Item([("B", "JUDGMENT")], align="C", space_before=1.0))
    lay.add(Item([("B", "SAIRA JAVED, J.\u2014")], space_before=0.6))
    for n, para in enumerate(JUDGMENT_PARAS, start=1):
        text, clauses = (para, []) if isinstance(para, str) else para
        lead = f"{n}. "
        lay.add(Item([("", lead + text)], space_before=0.7, marks=[
            (0, dict(kind="paragraph", number=str(n), citation=f"para {n}"))]))  # fmt: skip
        for letter, ctext in clauses:
            lay.add(Item([("", f"({letter}) {ctext}")], indent=8.0, space_before=0.25, marks=[
                (0, dict(kind="clause", number=f"{n}({letter})",
                         citation=f"para {n}({letter})"))]))  # fmt: skip
    lay.add(Item([("B", "(SAIRA JAVED)")], align="R", space_before=1.5))
    lay.add(Item([("", "JUDGE")], align="R", space_before=0.1))
    lay.add(Item([("B", "(HAMID LATEEF CHAUDHRY)")], align="R", space_before=0.8))
    lay.add(Item([("", "JUDGE")], align="R", space_before=0.1))
    res = lay.build(path)
    res.notes.update(title=JUDGMENT_TITLE, case_number="W.P. No. 1021 of 2026",
                     date_iso="2026-04-02")  # fmt: skip
    return res


# --------------------------------------------------------------------------------------
# everything at once, and reading back


def make_all(directory) -> dict[str, GeneratedPdf | Path]:
    """Write one of each kind into ``directory``; fonts that are missing are skipped."""
    d = Path(directory)
    out: dict[str, GeneratedPdf | Path] = {
        "text": make_text_pdf(d / "text.pdf", ["First page with apples.", "Second page."]),
        "labelled": make_labelled_pdf(d / "labelled.pdf"),
        "printed": make_printed_numbers_pdf(d / "printed.pdf"),
        "outline": make_outline_pdf(d / "outline.pdf"),
        "encrypted": make_encrypted_pdf(d / "encrypted.pdf", "secret"),
        "owner_only": make_owner_only_encrypted_pdf(d / "owner_only.pdf"),
        "scanned": make_scanned_pdf(d / "scanned.pdf", ["Scanned page one."], "CamScanner"),
        "not_pdf": make_not_pdf(d / "not_pdf.pdf"),
        "empty": make_empty_file(d / "empty.pdf"),
        "truncated": make_truncated_pdf(d / "truncated.pdf"),
        "corrupt_xref": make_corrupt_xref_pdf(d / "corrupt_xref.pdf"),
        "rules": make_rules_pdf(d / "rules.pdf"),
        "act": make_act_pdf(d / "act.pdf"),
        "judgment": make_judgment_pdf(d / "judgment.pdf"),
    }
    for name, fn in (("urdu", make_urdu_pdf), ("ligature", make_ligature_pdf)):
        try:
            out[name] = fn(d / f"{name}.pdf")
        except FontUnavailable:
            pass
    return out


def pdfium_texts(path, password: str | None = None) -> list[str]:
    """All page texts as pdfium (QtPdf) extracts them. Raises RuntimeError if it cannot
    open the file."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument(None)
    if password is not None:
        doc.setPassword(password)
    err = doc.load(str(path))
    if err != QPdfDocument.Error.None_:
        raise RuntimeError(f"pdfium could not open {path}: {err}")
    try:
        return [doc.getAllText(i).text() for i in range(doc.pageCount())]
    finally:
        doc.close()


def pypdf_texts(path, password: str | None = None) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted:
        reader.decrypt(password or "")
    return [p.extract_text() for p in reader.pages]


def make_merged_parts_pdf(path, parts=None, pdf_labels: str = "plain") -> GeneratedPdf:
    """A volume made of merged files, each printing its own page numbers.

    ``parts`` is a list of ``(kind, first_number, n_pages)``: kind "roman" prints a Roman
    footer (i, ii …), "unnumbered" prints nothing, "head" a running header
    "ACT OF EXAMPLELAND n" (n counting from ``first_number``; it restarts in every part),
    "gazette" a header "n THE GAZETTE OF EXAMPLELAND". The default: three Roman pages, a
    title page, an Act printed 1–8, two unnumbered pages, the next Act printed 1–7 with its
    fourth page unnumbered (a plate), then a gazette printed 11–16.
    ``pdf_labels``: "plain" sets /PageLabels 1..N; "continuous" sets i–iii then 1, 2 … on
    to the end (the merged file's own count, contradicting the paper from the second part
    on); "none" sets no labels. ``result.printed_numbers`` holds what the paper says on
    every page (None where it says nothing) and ``result.page_labels`` the PDF's labels.
    """
    parts = parts or [("roman", 1, 3), ("unnumbered", 0, 1), ("head", 1, 8),
                      ("unnumbered", 0, 2), ("head", 1, 7), ("gazette", 11, 6)]
    printed: list[str | None] = []
    kinds: list[str] = []
    for p_no, (kind, first, count) in enumerate(parts):
        for k in range(count):
            if kind == "unnumbered" or (kind == "head" and p_no == 4 and k == 3):
                printed.append(None)
            elif kind == "roman":
                printed.append(_roman(first + k))
            else:
                printed.append(str(first + k))
            kinds.append(kind)

    def head(i, _n):
        if printed[i] is None or kinds[i] == "roman":
            return []
        if kinds[i] == "gazette":
            return [f"{printed[i]}            THE GAZETTE OF EXAMPLELAND"]
        return [f"ACT OF EXAMPLELAND {printed[i]}"]

    def foot(i, _n):
        return [printed[i]] if kinds[i] == "roman" else []

    lay = Layout(family="Times", size=11, header=head, footer=foot,
                 printed=lambda i: printed[i], title="Merged volume test", author="pdfgen")
    for i, kind in enumerate(kinds):
        lay.para(f"{kind.title()} part, PDF page {i + 1}, marker word {_page_word(i)}.",
                 new_page=i > 0)
        lay.para(f"{i % 7 + 1}. The text of this part continues with ordinary words about "
                 "notices, registers, returns and the officers appointed under it.")
    res = lay.build(path)
    if res.page_count != len(kinds):
        raise AssertionError("layout overflow in make_merged_parts_pdf")
    n = len(kinds)
    n_roman = sum(1 for k in kinds if k == "roman")
    if pdf_labels == "plain":
        labels = [str(i + 1) for i in range(n)]
    elif pdf_labels == "continuous":
        labels = [_roman(i + 1) for i in range(n_roman)] + [str(i + 1) for i in range(n - n_roman)]
    else:
        labels = None

    def edit(w):
        if pdf_labels == "plain":
            w.set_page_label(0, n - 1, style="/D", start=1)
        elif pdf_labels == "continuous":
            w.set_page_label(0, n_roman - 1, style="/r", start=1)
            w.set_page_label(n_roman, n - 1, style="/D", start=1)

    if labels is not None:
        _write_bytes(res.path, _pypdf_rewrite(res.path.read_bytes(), edit))
    res.page_labels = labels
    res.printed_numbers = printed
    res.notes["marker_words"] = [_page_word(i) for i in range(n)]
    return res
