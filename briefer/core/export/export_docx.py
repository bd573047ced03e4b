"""A brief as a Word document, with real footnotes, built with python-docx.

python-docx has no footnote API, so the footnotes part (``word/footnotes.xml``, with the
separator and continuation-separator footnotes Word writes, ids -1 and 0) is built here
as OOXML and related to the document part; every citation is a ``w:footnoteReference``
run in the FootnoteReference style. A user's template (.docx or .dotx) supplies styles,
page set-up, header and footer; styles it lacks are created. Macro-enabled files are
refused. Arabic-script text is written right to left (``w:bidi`` on the paragraph,
``w:rtl`` on its runs). Characters XML cannot hold are dropped before they reach the
document. The file is written to a temporary file beside the target and renamed.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any, Optional

from docx import Document as open_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from briefer.core.briefs.markup import parse_commentary
from briefer.core.briefs.model import Brief
from briefer.core.briefs.citations import Citer, Source, format_date
from briefer.core.clips.clips import Clip, sanitize
from briefer.core.paths import resources_dir

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DEFAULT_TEMPLATE_NAME = "policy-brief.docx"
_DOC_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACRO_SUFFIXES = (".docm", ".dotm", ".xlsm", ".pptm", ".doc", ".dot")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+"
                     r"(?:[\s\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
                     r"\u060c\u061b\u061f\u06d4.,:;!?()\d-]*[\u0600-\u06ff\u0750-\u077f"
                     r"\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff])?")


class TemplateError(Exception):
    """The template cannot be used; the message says why."""


def default_template() -> Path:
    return resources_dir() / "templates" / DEFAULT_TEMPLATE_NAME


# --------------------------------------------------------------------------- template


def load_template(path: Optional[str | Path]) -> Any:
    """A python-docx Document from a .docx/.dotx template (or the default one)."""
    if path is None:
        p = default_template()
        return open_docx(str(p)) if p.exists() else open_docx()
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in _MACRO_SUFFIXES:
        raise TemplateError(f"{p.name}: macro-enabled and old binary Word files are not "
                            "accepted as templates; save it as .docx or .dotx")
    if suffix not in (".docx", ".dotx"):
        raise TemplateError(f"{p.name}: a template must be a Word .docx or .dotx file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise TemplateError(f"cannot read the template {p}: {exc.strerror}") from exc
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = zf.namelist()
        ct = zf.read("[Content_Types].xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        raise TemplateError(f"{p.name} is not a Word document") from None
    if any(n.lower().endswith("vbaproject.bin") for n in names) or "macroEnabled" in ct:
        raise TemplateError(f"{p.name} contains macros; macro-enabled templates are not "
                            "accepted (save it as a plain .docx or .dotx)")
    if _TEMPLATE_CT in ct:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in zf.infolist():
                blob = zf.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    blob = ct.replace(_TEMPLATE_CT, _DOC_CT).encode("utf-8")
                z.writestr(info, blob)
        data = out.getvalue()
    try:
        return open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise TemplateError(f"{p.name} cannot be opened as a Word document: {exc}") from None


def _clear_body(doc: Any) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


# --------------------------------------------------------------------------- styles


def _find_style(doc: Any, *names: str) -> Any:
    wanted = {n.lower() for n in names}
    ids = {n.replace(" ", "").lower() for n in names}
    for s in doc.styles:
        if (s.name or "").lower() in wanted or (s.style_id or "").lower() in ids:
            return s
    return None


def _ppr_append(style: Any, xml: str) -> None:
    ppr = style.element.get_or_add_pPr()
    ppr.append(parse_xml(xml))


def ensure_styles(doc: Any) -> dict[str, Any]:
    """The styles a brief uses, created where the template lacks them."""
    styles = doc.styles
    out: dict[str, Any] = {}
    created: set[str] = set()

    def para(key: str, names: tuple[str, ...], setup: Any, base: str = "Normal") -> None:
        s = _find_style(doc, *names)
        if s is None:
            s = styles.add_style(names[0], WD_STYLE_TYPE.PARAGRAPH)
            b = _find_style(doc, base)
            if b is not None and b is not s:
                s.base_style = b
            s.quick_style = True
            setup(s)
            created.add(key)
        out[key] = s

    def title(s: Any) -> None:
        s.font.size, s.font.bold = Pt(24), True
        s.paragraph_format.space_after = Pt(6)

    def subtitle(s: Any) -> None:
        s.font.size, s.font.italic = Pt(14), True
        s.paragraph_format.space_after = Pt(6)

    def meta(s: Any) -> None:
        s.font.size = Pt(10)
        s.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        s.paragraph_format.space_after = Pt(18)

    def heading(size: int) -> Any:
        def f(s: Any) -> None:
            s.font.size, s.font.bold = Pt(size), True
            s.paragraph_format.space_before = Pt(18 if size > 13 else 12)
            s.paragraph_format.space_after = Pt(6)
            s.paragraph_format.keep_with_next = True
        return f

    def quote(s: Any) -> None:
        pf = s.paragraph_format
        pf.left_indent, pf.right_indent = Cm(1.25), Cm(1.25)
        pf.space_before, pf.space_after = Pt(4), Pt(10)
        s.font.size = Pt(10.5)

    def bullet(s: Any) -> None:
        pf = s.paragraph_format
        pf.left_indent, pf.first_line_indent = Cm(0.9), Cm(-0.5)
        pf.space_after = Pt(3)

    def footnote_text(s: Any) -> None:
        s.font.size = Pt(9)
        pf = s.paragraph_format
        pf.space_after, pf.space_before = Pt(2), Pt(0)

    def caption(s: Any) -> None:
        s.font.size, s.font.bold = Pt(9), True

    para("title", ("Title",), title)
    para("subtitle", ("Subtitle",), subtitle)
    para("meta", ("Brief Meta",), meta)
    para("h1", ("Heading 1",), heading(16))
    para("h2", ("Heading 2",), heading(13))
    para("quote", ("Quote",), quote)
    para("bullet", ("List Bullet",), bullet)
    para("footnote_text", ("Footnote Text", "footnote text"), footnote_text)
    para("table_text", ("Table Text",), lambda s: setattr(s.font, "size", Pt(9)))
    out["normal"] = _find_style(doc, "Normal")
    ref = _find_style(doc, "Footnote Reference", "footnote reference")
    if ref is None:
        ref = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        ref.font.superscript = True
        created.add("footnote_reference")
    out["footnote_reference"] = ref
    out["_bullets_by_hand"] = "bullet" in created or not _style_has_numbering(out["bullet"])
    out["table_grid"] = _find_style(doc, "Table Grid")
    out["_created"] = created
    return out


def _style_has_numbering(style: Any) -> bool:
    s = style
    while s is not None:
        ppr = s.element.pPr
        if ppr is not None and ppr.find(qn("w:numPr")) is not None:
            return True
        s = s.base_style
    return False


# --------------------------------------------------------------------------- text helpers


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return True
        if bidi == "L":
            return False
    return False


def _segments(text: str) -> list[tuple[str, bool]]:
    """``[(text, arabic_script)]`` pieces of ``text``."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _ARABIC.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _add_runs(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False,
              char_style: Any = None) -> None:
    text = sanitize(text)
    for piece, arabic in _segments(text):
        run = paragraph.add_run(piece, style=char_style)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if arabic:
            rpr = run._r.get_or_add_rPr()
            rpr.append(parse_xml(f"<w:rtl {nsdecls('w')}/>"))
            if bold:
                rpr.append(parse_xml(f"<w:bCs {nsdecls('w')}/>"))
            if italic:
                rpr.append(parse_xml(f"<w:iCs {nsdecls('w')}/>"))


def _set_bidi(paragraph: Any) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    el = parse_xml(f"<w:bidi {nsdecls('w')}/>")
    # w:bidi belongs before spacing/ind/jc in CT_PPr's sequence
    anchor = None
    for tag in ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:jc",
                "w:rPr", "w:sectPr", "w:pPrChange"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(el)
    else:
        ppr.append(el)


def _styled(p: Any, style: Any) -> Any:
    """Give paragraph ``p`` the paragraph style ``style`` by its id.

    python-docx's ``style`` setter searches every style of the document for the default
    one on each call (2–4 ms a paragraph with our 168 styles: most of a long brief's export
    time); naming the style id in ``w:pStyle`` directly is the same markup without it."""
    if style is not None:
        p._element.get_or_add_pPr().style = style.style_id
    return p


def _paragraph(doc: Any, text: str = "", style: Any = None, **kw: Any) -> Any:
    p = _styled(doc.add_paragraph(), style)
    if text:
        _add_runs(p, text, **kw)
        if is_rtl(text):
            _set_bidi(p)
    return p


# --------------------------------------------------------------------------- footnotes


class Footnotes:
    """The footnotes part of a document: existing separators kept, new notes appended."""

    def __init__(self, doc: Any, styles: dict[str, Any]) -> None:
        self.doc = doc
        self.text_style = styles["footnote_text"].style_id
        self.ref_style = styles["footnote_reference"].style_id
        self.part = None
        for rel in doc.part.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                self.part = rel.target_part
        if self.part is not None:
            self.root = etree.fromstring(self.part.blob)
            # drop the template's own notes, keep separators
            for fn in self.root.findall(qn("w:footnote")):
                if fn.get(qn("w:type")) not in ("separator", "continuationSeparator",
                                                 "continuationNotice"):
                    self.root.remove(fn)
        else:
            self.root = etree.fromstring(
                f'<w:footnotes {nsdecls("w", "r")}>'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
                'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p>'
                '</w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
                'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r>'
                '<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>')
        ids = [int(fn.get(qn("w:id"))) for fn in self.root.findall(qn("w:footnote"))]
        self.next_id = max([0] + ids) + 1
        self.count = 0

    def add(self, paragraph: Any, text: str) -> int:
        """Put a reference at the end of ``paragraph`` and the note ``text`` in the part."""
        fid = self.next_id
        self.next_id += 1
        self.count += 1
        run = paragraph.add_run()
        rpr = run._r.get_or_add_rPr()
        rpr.append(parse_xml(f'<w:rStyle {nsdecls("w")} w:val="{self.ref_style}"/>'))
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{fid}"/>'))
        fn = etree.SubElement(self.root, qn("w:footnote"))
        fn.set(qn("w:id"), str(fid))
        p = etree.SubElement(fn, qn("w:p"))
        ppr = etree.SubElement(p, qn("w:pPr"))
        etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), self.text_style)
        # a citation is laid out left to right; Arabic-script titles in it are rtl runs
        r = etree.SubElement(p, qn("w:r"))
        etree.SubElement(etree.SubElement(r, qn("w:rPr")), qn("w:rStyle")).set(
            qn("w:val"), self.ref_style)
        etree.SubElement(r, qn("w:footnoteRef"))
        r = etree.SubElement(p, qn("w:r"))
        t = etree.SubElement(r, qn("w:t"))
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = " "
        for piece, arabic in _segments(sanitize(text)):
            r = etree.SubElement(p, qn("w:r"))
            if arabic:
                etree.SubElement(etree.SubElement(r, qn("w:rPr")), qn("w:rtl"))
            t = etree.SubElement(r, qn("w:t"))
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = piece
        return fid

    def finish(self) -> None:
        blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if self.part is not None:
            if hasattr(self.part, "_element"):
                self.part._element = parse_xml(blob)
            else:
                self.part._blob = blob
            return
        if not self.count:
            return
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, blob, self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)
        self._settings_footnote_pr()

    def _settings_footnote_pr(self) -> None:
        settings = self.doc.settings.element
        if settings.find(qn("w:footnotePr")) is not None:
            return
        pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                       '<w:footnote w:id="0"/></w:footnotePr>')
        # CT_Settings order: footnotePr comes after w:characterSpacingControl etc.; placing it
        # before endnotePr/compat keeps Word's schema order
        for tag in ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
                    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
                    "w:doNotIncludeSubdocsInStats", "w:shapeDefaults", "w:decimalSymbol",
                    "w:listSeparator"):
            try:
                anchor = settings.find(qn(tag))
            except KeyError:
                anchor = None
            if anchor is not None:
                anchor.addprevious(pr)
                return
        settings.append(pr)


# --------------------------------------------------------------------------- footer


def _ensure_page_numbers(doc: Any) -> None:
    for section in doc.sections:
        footer = section.footer
        xml = footer._element.xml if not footer.is_linked_to_previous else ""
        if "PAGE" in xml:
            continue
        if footer.is_linked_to_previous:
            footer.is_linked_to_previous = False
        p = footer.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p._p.append(parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
            '</w:fldSimple>'))


# --------------------------------------------------------------------------- building


def _table_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(
        f'<w:tblBorders {nsdecls("w")}>'
        + "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="999999"/>'
                  for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"))


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def _markup(doc: Any, text: str, st: dict[str, Any]) -> list[Any]:
    """Paragraphs for text an author wrote (commentary, lead-in, comment), its markup
    (bold, italic, bullets) formatted; returns them in order."""
    out = []
    for kind, runs in parse_commentary(text):
        style = st["bullet"] if kind == "bullet" else st["normal"]
        p = _styled(doc.add_paragraph(), style)
        if kind == "bullet" and st["_bullets_by_hand"]:
            p.add_run("\u2022\t")
        for run_text, bold, italic in runs:
            _add_runs(p, run_text, bold=bold, italic=italic)
        if is_rtl("".join(t for t, _b, _i in runs)):
            _set_bidi(p)
        out.append(p)
    return out


def build_docx(brief: Brief, clips: dict[int, Clip], sources: dict[str, Source], *,
               template: Optional[str | Path] = None) -> tuple[bytes, dict[str, Any]]:
    """The .docx bytes of ``brief`` and a summary (footnotes, quotes, sources)."""
    doc = load_template(template)
    _clear_body(doc)
    st = ensure_styles(doc)
    citer = Citer(brief.citation, sources)
    notes = Footnotes(doc, st)

    cp = doc.core_properties
    cp.title = sanitize(brief.title)[:250]
    cp.author = sanitize(brief.author or brief.organisation)[:250]
    cp.subject = sanitize(brief.subtitle)[:250]

    _paragraph(doc, brief.title, st["title"])
    if brief.subtitle:
        _paragraph(doc, brief.subtitle, st["subtitle"])
    meta = " \u00b7 ".join(x for x in (brief.author, brief.organisation,
                                        format_date(brief.date)) if x)
    if meta:
        _paragraph(doc, meta, st["meta"])

    quotes = 0
    for section in brief.sections:
        _paragraph(doc, section.heading, st["h1"])
        for item in section.items:
            if item.kind == "text":
                _markup(doc, item.body, st)
                continue
            clip = clips.get(item.clip_id) if item.clip_id is not None else None
            if clip is None:
                continue
            quotes += 1
            if item.lead_in.strip():
                _markup(doc, item.lead_in, st)[-1].paragraph_format.keep_with_next = True
            q = _paragraph(doc, clip.display_text, st["quote"])
            if citer.style == "inline":
                _add_runs(q, " " + citer.inline(clip))
            else:
                notes.add(q, citer.cite(clip))
            if item.comment.strip():
                _markup(doc, item.comment, st)

    rows = citer.annex_rows()
    if rows:
        _paragraph(doc, "Sources cited", st["h1"])
        table = doc.add_table(rows=1, cols=5)
        if st["table_grid"] is not None:
            table.style = st["table_grid"]
        else:
            _table_borders(table)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = (Cm(6.0), Cm(2.0), Cm(3.8), Cm(2.4), Cm(1.8))
        for col, w in zip(table.columns, widths):
            col.width = w
        head = table.rows[0]
        _repeat_header(head)
        for cell, text, w in zip(head.cells, ("Title", "Type", "Issuer", "Date", "Pages cited"),
                                 widths):
            cell.width = w
            p = cell.paragraphs[0]
            _styled(p, st["table_text"])
            _add_runs(p, text, bold=True)
        for row in rows:
            cells = table.add_row().cells
            for cell, key, w in zip(cells, ("title", "type", "issuer", "date", "pages"), widths):
                cell.width = w
                p = cell.paragraphs[0]
                _styled(p, st["table_text"])
                _add_runs(p, row[key])
    notes.finish()
    _ensure_page_numbers(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), {"quotes": quotes, "footnotes": notes.count, "sources": len(rows),
                            "styles_created": sorted(st["_created"])}
