"""PDFs whose text has no Unicode map, as the InPage books of issue 18 are made.

Urdu books typeset in InPage are exported with a Nastaliq font of thousands of ligature
glyphs, shown by glyph number (a Type0 font, ``Identity-H``) with no ``/ToUnicode`` map.
A PDF engine has nothing to turn those numbers into letters: pdfium gives back each glyph
number as if it were a code point, so a page reads as a jumble of Latin, Greek, Cyrillic,
Hebrew and Arabic-block characters (``pdftotext`` gives a similar jumble, fast).

:func:`write_unmapped_pdf` writes such a book: each page has lines of "ligatures" (one to
four glyphs drawn at their own position, right to left, as a Nastaliq line is set), glyph
numbers drawn from the range a large font uses. The font is not embedded (a viewer
substitutes one); what matters here is the text layer, which is the books' own kind.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.rawpdf import assemble

# Glyph numbers of a large Nastaliq font; pdfium reads them as code points U+0100-U+0FFF,
# among them the Arabic block U+0600-U+06FF.
GLYPHS = range(0x0100, 0x0FFF)
# Glyph numbers that all fall on Arabic letters (U+0621-U+064A) when read as code points.
ARABIC_BLOCK = range(0x0621, 0x064B)


def _page_stream(rng: random.Random, lines: int, words: int, glyphs: range,
                 visual: bool) -> bytes:
    out = ["BT /F1 14 Tf"]
    y = 800
    for _ in range(lines):
        placed = []
        x = 560.0
        for _ in range(words):
            word = [rng.choice(glyphs) for _ in range(rng.randint(1, 4))]
            x -= 7.0 * len(word) + 5.0
            if x < 30:
                break
            placed.append((x, "".join(f"{g:04X}" for g in word)))
        if visual:  # drawn left to right: the last word read comes first
            placed.reverse()
        out += [f"1 0 0 1 {x:.1f} {y} Tm <{code}> Tj" for x, code in placed]
        y -= 34
    out.append("ET")
    return "\n".join(out).encode("ascii")


def write_unmapped_pdf(path: str | Path, n_pages: int, lines: int = 22, words: int = 24,
                       seed: int = 18, glyphs: range = GLYPHS, visual: bool = False) -> Path:
    """Write an ``n_pages`` book whose text is glyph numbers without a Unicode map.

    ``glyphs`` are the glyph numbers used (:data:`ARABIC_BLOCK` makes every line read as
    Arabic script, so that each line's order is judged); ``visual`` draws each line's
    words left to right, as some producers store right-to-left text."""
    rng = random.Random(seed)
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NooriNastaleeq /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NooriNastaleeq "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 5 0 R /DW 500 /CIDToGIDMap /Identity >>",
        b"<< /Type /FontDescriptor /FontName /NooriNastaleeq /Flags 4 "
        b"/FontBBox [-300 -500 1500 1200] /ItalicAngle 0 /Ascent 1200 /Descent -500 "
        b"/CapHeight 700 /StemV 80 >>",
    ]
    kids = []
    for _ in range(n_pages):
        stream = _page_stream(rng, lines, words, glyphs, visual)
        page_no, content_no = len(objs) + 1, len(objs) + 2
        kids.append(f"{page_no} 0 R")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_no} 0 R >>"
                    .encode())
        objs.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream +
                    b"\nendstream")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {n_pages} >>".encode()
    Path(path).write_bytes(assemble(objs))
    return Path(path)
