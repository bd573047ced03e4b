"""Write Briefer's default Word template: resources/templates/policy-brief.docx.

A clean policy-brief look: A4, generous margins, serif body, sans-serif headings in a dark
blue, block quotations indented with a rule on the left, small footnotes, a running header
and "Page N of M" in the footer. Organisations replace it with their own template
(`briefer brief export … --template ours.dotx`); styles their template lacks are created.

Run:  python tools/make_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "templates" / "policy-brief.docx"

NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x59, 0x59, 0x59)
SANS = "Arial"
SERIF = "Georgia"


def _fonts(style, name: str) -> None:
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)
    fonts.set(qn("w:cs"), "Noto Naskh Arabic" if name == SERIF else name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]


def _border(style, side: str, size: int, color: str, space: int = 4) -> None:
    ppr = style.element.get_or_add_pPr()
    old = ppr.find(qn("w:pBdr"))
    if old is not None:
        ppr.remove(old)
    bdr = parse_xml(f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="{size}" '
                    f'w:space="{space}" w:color="{color}"/></w:pBdr>')
    # pBdr goes after keepNext/keepLines/pageBreakBefore/widowControl/numPr
    anchor = None
    for tag in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(bdr)
    else:
        ppr.append(bdr)


def _get(doc, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
    for s in doc.styles:
        if s.name == name:
            return s
    return doc.styles.add_style(name, kind)


def _field(paragraph, instr: str) -> None:
    paragraph._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def build(path: Path = OUT) -> Path:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin, sec.bottom_margin = Cm(2.4), Cm(2.2)
    sec.header_distance, sec.footer_distance = Cm(1.1), Cm(1.0)

    normal = doc.styles["Normal"]
    _fonts(normal, SERIF)
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(7)
    normal.paragraph_format.line_spacing = 1.15

    title = doc.styles["Title"]
    _fonts(title, SANS)
    title.font.size, title.font.bold, title.font.color.rgb = Pt(24), True, NAVY
    title.paragraph_format.space_after = Pt(4)
    old = title.element.get_or_add_pPr().find(qn("w:pBdr"))
    if old is not None:  # python-docx's default title has a rule under it; ours does not
        title.element.pPr.remove(old)

    sub = doc.styles["Subtitle"]
    _fonts(sub, SANS)
    sub.font.size, sub.font.italic, sub.font.color.rgb = Pt(13), False, GREY
    sub.paragraph_format.space_after = Pt(10)

    meta = _get(doc, "Brief Meta")
    meta.base_style = normal
    meta.quick_style = True
    _fonts(meta, SANS)
    meta.font.size, meta.font.color.rgb = Pt(9), GREY
    meta.paragraph_format.space_after = Pt(18)
    _border(meta, "bottom", 8, "1F3A5F", 6)

    for name, size, before in (("Heading 1", 14, 16), ("Heading 2", 12, 12)):
        h = doc.styles[name]
        _fonts(h, SANS)
        h.font.size, h.font.bold, h.font.color.rgb = Pt(size), True, NAVY
        h.paragraph_format.space_before, h.paragraph_format.space_after = Pt(before), Pt(6)
        h.paragraph_format.keep_with_next = True

    quote = doc.styles["Quote"]
    _fonts(quote, SERIF)
    quote.font.size, quote.font.italic = Pt(10), False
    quote.font.color.rgb = RGBColor(0x26, 0x26, 0x26)
    pf = quote.paragraph_format
    pf.left_indent, pf.right_indent = Cm(1.0), Cm(1.0)
    pf.space_before, pf.space_after = Pt(2), Pt(10)
    pf.line_spacing = 1.1
    _border(quote, "left", 18, "8FA8C8", 10)

    bullet = doc.styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(3)

    fn_text = _get(doc, "Footnote Text")
    fn_text.base_style = normal
    _fonts(fn_text, SERIF)
    fn_text.font.size = Pt(8.5)
    fn_text.paragraph_format.space_after = Pt(1)
    fn_text.paragraph_format.line_spacing = 1.0
    fn_ref = _get(doc, "Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    fn_ref.font.superscript = True

    table_text = _get(doc, "Table Text")
    table_text.base_style = normal
    _fonts(table_text, SANS)
    table_text.font.size = Pt(8.5)
    table_text.paragraph_format.space_after = Pt(1)
    table_text.paragraph_format.line_spacing = 1.0

    for name in ("Header", "Footer"):
        s = doc.styles[name]
        _fonts(s, SANS)
        s.font.size, s.font.color.rgb = Pt(8), GREY

    hp = sec.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    hp.add_run("POLICY BRIEF").font.bold = True
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run("Page ")
    _field(fp, "PAGE")
    fp.add_run(" of ")
    _field(fp, "NUMPAGES")

    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    doc.core_properties.title = "Policy brief"
    doc.core_properties.author = "Briefer"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {out}")
