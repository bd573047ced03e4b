"""A comparison of two versions of a document as a Word table.

One row per aligned pair of provisions — provision | earlier text | later text | change —
in the later document's order (removed provisions where they stood), as
:class:`briefer.core.compare.model.Comparison` holds them. Why it looks the way it does:

* **Marked, not only coloured.** Deleted words are struck through and inserted words are
  underlined, each also in a colour (dark red, dark green: readable on white paper and in
  a grey-scale print, where the line still shows what the colour meant). A provision that
  was added is underlined whole, one that was removed is struck through whole, as Word's
  own "Compare" shows them. Underline and strike-through were chosen over real tracked
  changes (``w:ins``/``w:del``): a reader who accepts or rejects "changes" in a table
  of two versions would edit the quotation of a law, and LibreOffice and Word show
  formatting the same way while they differ in how they draw revision marks in tables.
* **Citations to both documents.** The table's head names the two documents in full;
  every text cell ends with its citation (short title, provision, printed page), so a row
  cut out of the table still says where its text is printed.
* **Landscape.** Four columns of provision text are unreadable on a portrait page; the
  table's section is turned landscape whatever the template says.

The styles come from the brief template (:func:`export_docx.load_template`), created
where it lacks them, as for a brief. Nothing here writes a file: the ops layer checks the
target and writes the bytes atomically (:mod:`briefer.core.ops.compare`).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional

from briefer.core.clips.clips import sanitize

if TYPE_CHECKING:  # the compare room's records; only their attributes are read here
    from briefer.core.compare.model import Comparison, Pair, Part

# python-docx (with lxml) is imported by the functions that write Word, not at the top:
# the window shows a comparison's words (describe_change, side_runs, summary_line) on
# the GUI thread, and importing python-docx there held it for ~0.5 s.

#: Word colours of the marks, as hex (dark enough for text on white and in grey-scale).
INSERT_RGB = "1A6B2F"
DELETE_RGB = "A31D1D"

#: The change of a pair in words, for the table's last column and the window's.
CHANGE_WORDS = {"unchanged": "unchanged", "reworded": "reworded", "moved": "moved",
                "renumbered": "renumbered", "added": "added", "removed": "removed"}
#: The order changes are counted in, in the summary line.
COUNT_ORDER = ("reworded", "renumbered", "moved", "added", "removed", "unchanged")


def describe_change(pair: "Pair") -> str:
    """The change of ``pair`` for a person: "reworded", "renumbered from Rule 7",
    "moved (was Rule 3, under Chapter I)", "added", "removed"; with "and reworded" when
    a renumbered or moved provision's words changed too."""
    change = pair.change
    words = CHANGE_WORDS.get(change, change)
    if change in ("renumbered", "moved") and pair.earlier is not None:
        words += f" from {pair.earlier.citation}"
        if pair.words and any(op.op != "equal" for op in pair.words):
            words += ", and reworded"
    return words


def summary_line(counts: dict[str, int]) -> str:
    """"2 reworded · 1 renumbered · 1 added · 1 removed · 9 unchanged" (zeros left out;
    "no provisions" when there are none)."""
    parts = [f"{counts[k]} {CHANGE_WORDS[k]}" for k in COUNT_ORDER if counts.get(k)]
    parts += [f"{n} {k}" for k, n in counts.items() if n and k not in COUNT_ORDER]
    return " \u00b7 ".join(parts) if parts else "no provisions"


def cite_part(title: str, part: "Part") -> str:
    """Where a provision's text is printed: "Title, Rule 5(1)(b), p. 3"."""
    bits = [title] if title else []
    if part.citation:
        bits.append(part.citation)
    if part.page_label:
        bits.append(f"p. {part.page_label}")
    return ", ".join(bits)


def side_runs(pair: "Pair", side: str) -> list[tuple[str, str]]:
    """The text of one side of ``pair`` as ``[(text, mark)]`` with mark ``""`` (same in
    both), ``"delete"`` (only in the earlier text: ``side="earlier"``) or ``"insert"``
    (only in the later text). A side that is missing gives ``[]``; an added provision's
    whole text is one insertion, a removed one's one deletion."""
    part = pair.earlier if side == "earlier" else pair.later
    if part is None:
        return []
    if pair.change == "added":
        return [(part.text, "insert")]
    if pair.change == "removed":
        return [(part.text, "delete")]
    if not pair.words:
        return [(part.text, "")]
    keep = "delete" if side == "earlier" else "insert"
    out: list[tuple[str, str]] = []
    for op in pair.words:
        if op.op == "equal":
            mark = ""
        elif op.op == keep:
            mark = keep
        else:
            continue
        for piece, piece_mark in _trimmed(op.text, mark):
            if out and out[-1][1] == piece_mark:
                out[-1] = (out[-1][0] + piece, piece_mark)
            else:
                out.append((piece, piece_mark))
    return out


def _trimmed(text: str, mark: str) -> list[tuple[str, str]]:
    """A marked run with the spaces around its words left unmarked (an underlined
    leading space reads as a stray mark)."""
    if not mark:
        return [(text, mark)]
    core = text.strip()
    if not core:
        return [(text, "")]
    lead = text[:len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()):]
    return [(p, m) for p, m in ((lead, ""), (core, mark), (tail, "")) if p]


def _marked_runs(paragraph: Any, runs: Iterable[tuple[str, str]]) -> None:
    from docx.shared import RGBColor

    for text, mark in runs:
        run = paragraph.add_run(sanitize(text))
        if mark == "insert":
            run.font.underline = True
            run.font.color.rgb = RGBColor.from_string(INSERT_RGB)
        elif mark == "delete":
            run.font.strike = True
            run.font.color.rgb = RGBColor.from_string(DELETE_RGB)


def _landscape(doc: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    for section in doc.sections:
        if section.orientation != WD_ORIENT.LANDSCAPE:
            width, height = section.page_width, section.page_height
            section.orientation = WD_ORIENT.LANDSCAPE
            if width is not None and height is not None and height > width:
                section.page_width, section.page_height = height, width
        section.left_margin = section.right_margin = Cm(1.8)


def _cell_width(cell: Any, width: Any) -> None:
    cell.width = width


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" '
                           f'w:fill="{fill}"/>'))


def _short(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[:limit - 1].rstrip() + "\u2026"


def build_comparison_docx(c: "Comparison", *, changed_only: bool = False,
                          template: Optional[str | Path] = None,
                          earlier_short: str = "", later_short: str = ""
                          ) -> tuple[bytes, dict[str, Any]]:
    """The .docx bytes of comparison ``c`` and a summary (``rows``, ``counts``).

    ``changed_only`` leaves unchanged provisions out of the table (the summary line still
    counts them). ``earlier_short``/``later_short`` name the documents in each cell's
    citation (default: their titles, cut at 60 characters)."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm, Pt

    from briefer.core.export.export_docx import (_add_runs, _clear_body,
                                                 _ensure_page_numbers, _paragraph,
                                                 _repeat_header, _styled, _table_borders,
                                                 ensure_styles, load_template)

    doc = load_template(template)
    _clear_body(doc)
    st = ensure_styles(doc)
    _landscape(doc)
    earlier_short = earlier_short or _short(c.earlier_title)
    later_short = later_short or _short(c.later_title)

    cp = doc.core_properties
    cp.title = sanitize(f"What changed: {c.later_title}")[:250]
    cp.subject = sanitize(f"{c.earlier_title} compared with {c.later_title}")[:250]

    _paragraph(doc, "What changed", st["title"])
    _paragraph(doc, f"{c.earlier_title} \u2192 {c.later_title}", st["subtitle"])
    counts = c.counts()
    _paragraph(doc, summary_line(counts), st["meta"])
    intro = _paragraph(doc, "", st["normal"])
    _add_runs(intro, "Earlier: ", bold=True)
    _add_runs(intro, c.earlier_title)
    intro.add_run().add_break()
    _add_runs(intro, "Later: ", bold=True)
    _add_runs(intro, c.later_title)
    key = _paragraph(doc, "", st["normal"])
    _add_runs(key, "Words only in the earlier text are ")
    _marked_runs(key, [("struck through", "delete")])
    _add_runs(key, "; words only in the later text are ")
    _marked_runs(key, [("underlined", "insert")])
    _add_runs(key, ".")

    pairs = c.changed() if changed_only else c.pairs
    table = doc.add_table(rows=1, cols=4)
    if st["table_grid"] is not None:
        table.style = st["table_grid"]
    else:
        _table_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(3.2), Cm(10.2), Cm(10.2), Cm(2.6))
    for col, w in zip(table.columns, widths):
        col.width = w
    head = table.rows[0]
    _repeat_header(head)
    for cell, text, w in zip(head.cells, ("Provision", f"Earlier: {earlier_short}",
                                          f"Later: {later_short}", "Change"), widths):
        _cell_width(cell, w)
        _shade(cell, "E7E7E7")
        p = _styled(cell.paragraphs[0], st["table_text"])
        _add_runs(p, text, bold=True)
    for pair in pairs:
        cells = table.add_row().cells
        for cell, w in zip(cells, widths):
            _cell_width(cell, w)
        later, earlier = pair.later, pair.earlier
        shown = later if later is not None else earlier
        name = shown.citation if shown is not None else ""
        p = _styled(cells[0].paragraphs[0], st["table_text"])
        _add_runs(p, name, bold=True)
        heading = shown.heading if shown is not None else ""
        if heading:
            _add_runs(p, "\n" + heading, italic=True)
        for cell, side, part, short in ((cells[1], "earlier", earlier, earlier_short),
                                        (cells[2], "later", later, later_short)):
            p = _styled(cell.paragraphs[0], st["table_text"])
            if part is None:
                _add_runs(p, "(not in this version)", italic=True)
                continue
            _marked_runs(p, side_runs(pair, side))
            where = _styled(cell.add_paragraph(), st["table_text"])
            where.paragraph_format.space_before = Pt(3)
            run = where.add_run(sanitize(cite_part(short, part)))
            run.font.size, run.font.italic = Pt(7.5), True
        p = _styled(cells[3].paragraphs[0], st["table_text"])
        _add_runs(p, describe_change(pair))
        if pair.change == "reworded":
            _add_runs(p, f"\n{round(pair.similarity * 100)}% of the words kept")
    if not pairs:
        cells = table.add_row().cells
        _add_runs(_styled(cells[1].paragraphs[0], st["table_text"]),
                  "No provision changed." if changed_only else "No provisions were found.",
                  italic=True)
    _ensure_page_numbers(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), {"rows": len(pairs), "counts": dict(counts)}
