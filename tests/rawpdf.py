"""A tiny, fast writer of plain text PDFs (Helvetica, WinAnsi), for load tests.

fpdf2 (tests/pdfgen.py) is exact but writes about two hundred pages a second; a load test
of 100,000 pages needs something a hundred times faster. Lines are drawn top-down with
``'`` (next line, show text); pdfium returns them joined by "\\r\\n".
"""

from __future__ import annotations

import random
from pathlib import Path

_WORDS = (
    "the of and to in a is that for by shall be on with as or any under such rule section "
    "act order court government authority person content data user platform information "
    "national coordinator blocking removal provided may within hours days notice appeal "
    "federal provincial ministry public interest freedom expression privacy security "
    "offence penalty company service provider account request report transparency "
    "committee review judgment petition respondent petitioner procedure lawful unlawful "
    "necessary proportionate emergency disclosure subscriber traffic retention period "
    "registration compliance obligation direction regulation commission tribunal high "
    "supreme constitution article fundamental right reasonable restriction grounds "
    "decency morality sovereignty integrity defence friendly relations foreign states"
).split()


def _escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


_WEIGHTS = [1.0 / (rank + 1) for rank in range(len(_WORDS))]  # Zipf: a few words dominate


def sentence(rng: random.Random, n_words: int) -> str:
    words = rng.choices(_WORDS, weights=_WEIGHTS, k=n_words)
    return " ".join(words).capitalize() + "."


def page_lines(rng: random.Random, chars: int = 2700, width: int = 90) -> list[str]:
    text = " ".join(sentence(rng, rng.randint(8, 24)) for _ in range(chars // 90))
    lines, line = [], ""
    for w in text.split():
        if len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(line)
    return lines


def assemble(objs: list[bytes], trailer: str = "") -> bytes:
    """A whole PDF file of the object bodies ``objs`` (object 1 the catalog), with its
    cross-reference table; ``trailer``: more trailer entries ("/Info 9 0 R")."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R {trailer}>>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def write_pdf(path: str | Path, pages: list[list[str]], title: str = "") -> None:
    """Write ``pages`` (lists of lines) as a PDF."""
    objs: list[bytes] = []
    n = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                b"/Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        body = ["BT /F1 9 Tf 11 TL 40 800 Td"]
        body += [f"({_escape(ln)}) '" for ln in lines]
        body.append("ET")
        stream = "\n".join(body).encode("latin-1", "replace")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>"
                    .encode())
        objs.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream +
                    b"\nendstream")
    info_no = len(objs) + 1
    objs.append(f"<< /Title ({_escape(title)}) >>".encode("latin-1", "replace"))
    Path(path).write_bytes(assemble(objs, f"/Info {info_no} 0 R"))
