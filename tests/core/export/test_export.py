"""Export: Word with real footnotes and a sources annex, Markdown, the portable brief file,
templates, right-to-left text, unstorable characters and quote verification."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from briefer.core.briefs.briefio import BriefFileError, brief_to_data, import_brief, read_brief_file
from briefer.core.briefs.briefs import (
    AddCommentary, AddQuote, Brief, BriefStore, CommandStack, CreateBrief, CreateClip, EditClip,
    Item, Section, SetBriefFields)
from briefer.core.briefs.citations import Source
from briefer.core.clips.clips import Clip, clip_text
from briefer.core.export.export import ExportError, export_brief
from briefer.core.export.export_docx import build_docx
from briefer.core.library import Library
from briefer.core.export.verify import QuotesChanged
from tests import pdfgen

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_5_1_B = ("to provide, within seventy-two hours, any subscriber information, traffic data or "
              "content data relating to a user who is alleged to have posted such online content")
TEXT_38_2 = ("Traffic data, subscriber information and the content of communications shall be "
             "disclosed to any officer only under a warrant issued by a Court")
TEXT_PARA_12 = "Rule 5(1)(b) requires a social media company to hand over subscriber information"
TEXT_5_3 = ("The National Coordinator may direct that an order under sub-rule (1), or the fact "
            "that it has been made, shall not be disclosed")


def _page_with(lib, doc, text):
    from briefer.core.clips.clips import find_passage

    for p in lib.catalog.pages(doc.id):
        if find_passage(p.text, text):
            return p
    raise AssertionError(text)


@pytest.fixture(scope="module")
def template_library(tmp_path_factory):
    d = tmp_path_factory.mktemp("export")
    src = d / "src"
    pdfgen.make_rules_pdf(src / "rules.pdf")
    pdfgen.make_act_pdf(src / "act.pdf")
    pdfgen.make_judgment_pdf(src / "judgment.pdf")
    try:
        pdfgen.make_urdu_pdf(src / "urdu.pdf")
    except pdfgen.FontUnavailable:
        pass
    with Library.open(d / "lib") as lib:
        lib.import_paths(sorted(src.iterdir()), processes=1)
        rules = lib.resolve("rules.pdf")
        lib.set_metadata(rules.id, {"issuer": "Ministry of IT", "title": "Rules 2026"})
    return d


@pytest.fixture
def lib(template_library, tmp_path):
    shutil.copytree(template_library / "lib", tmp_path / "lib")
    shutil.copytree(template_library / "src", tmp_path / "src")
    lib = Library.open(tmp_path / "lib")
    yield lib
    lib.close()


@pytest.fixture
def brief(lib):
    """A brief of three sections; quotes from the rules (twice), the act and the judgment."""
    store = BriefStore(lib.catalog)
    st = CommandStack(store)
    ids = {}
    for key, name, text in (("b", "rules.pdf", TEXT_5_1_B), ("s38", "act.pdf", TEXT_38_2),
                            ("p12", "judgment.pdf", TEXT_PARA_12), ("r53", "rules.pdf", TEXT_5_3)):
        doc = lib.resolve(name)
        page = _page_with(lib, doc, text)
        ids[key] = st.push(CreateClip(clip_text(lib.catalog, doc, page, text))).clip_id
    b = st.push(CreateBrief("Social media rules: our concerns", subtitle="A briefing",
                            author="Policy team", organisation="Open Net Forum", date="2026-02-15",
                            sections=["Background", "Powers of the National Coordinator",
                                      "Recommendations"]))
    s1, s2, s3 = b.section_ids
    st.push(AddCommentary(b.brief_id, s1, "The **Rules** were notified *without* consultation.\n\n"
                                          "- one officer\n- no warrant"))
    st.push(AddQuote(b.brief_id, s2, ids["b"], lead_in="Rule 5 lets him demand data:",
                     comment="No warrant is needed."))
    st.push(AddQuote(b.brief_id, s2, ids["s38"], lead_in="The Act requires a warrant:"))
    st.push(AddQuote(b.brief_id, s2, ids["p12"]))
    st.push(AddQuote(b.brief_id, s3, ids["r53"]))
    return store, b.brief_id, ids


def _footnotes(path: Path) -> dict[int, str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/footnotes.xml"))
        ct = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "wordprocessingml.footnotes+xml" in ct
    assert "relationships/footnotes" in rels
    out = {}
    for fn in root.findall(f"{W}footnote"):
        fid = int(fn.get(f"{W}id"))
        if fn.get(f"{W}type") in ("separator", "continuationSeparator"):
            assert fid in (-1, 0)
            continue
        assert fn.find(f".//{W}footnoteRef") is not None
        out[fid] = "".join(t.text or "" for t in fn.iter(f"{W}t")).strip()
    return out


def test_docx_headings_quotes_footnotes_and_annex(lib, brief, tmp_path):
    store, bid, _ = brief
    out = tmp_path / "brief.docx"
    res = export_brief(lib.catalog, bid, out)
    assert res.report.ok and res.summary["footnotes"] == 4
    d = docx.Document(str(out))
    paras = d.paragraphs
    assert paras[0].style.name == "Title" and paras[0].text == "Social media rules: our concerns"
    assert [p.text for p in paras if p.style.name == "Heading 1"] == [
        "Background", "Powers of the National Coordinator", "Recommendations", "Sources cited"]
    quotes = [p for p in paras if p.style.name == "Quote"]
    assert [q.text for q in quotes] == [TEXT_5_1_B, TEXT_38_2, TEXT_PARA_12, TEXT_5_3]
    # commentary formatting
    comm = next(p for p in paras if p.text.startswith("The Rules were"))
    assert [r.text for r in comm.runs if r.bold] == ["Rules"]
    assert [r.text for r in comm.runs if r.italic] == ["without"]
    assert [p.text.lstrip("\u2022\t") for p in paras if p.style.name == "List Bullet"] == [
        "one officer", "no warrant"]
    # references in the body, in order, each at the end of its quote, superscript style
    refs = [int(r.get(qn("w:id"))) for q in quotes for r in q._p.iter(qn("w:footnoteReference"))]
    assert refs == [1, 2, 3, 4]
    for q in quotes:
        run = q._p.findall(qn("w:r"))[-1]
        assert run.find(qn("w:footnoteReference")) is not None
        assert run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == "FootnoteReference"
    notes = _footnotes(out)
    assert notes[1] == "Rules 2026 (Ministry of IT, 28 Jan 2026), Rule 5(1)(b), p. 174."
    assert notes[2].startswith("The Digital Communications Act, 2024 (")
    assert notes[2].endswith("Section 38(2), p. 3.")
    assert notes[3].startswith("Citizens' Rights Forum v. Federation of Examplestan (")
    assert ", para 12, p. " in notes[3]
    assert notes[4] == "Rules 2026, Rule 5(3), p. 174."  # short title after the first citation
    # sources annex
    table = d.tables[-1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["Title", "Type", "Issuer", "Date", "Pages cited"]
    assert rows[1] == ["Rules 2026", "Rules", "Ministry of IT", "28 Jan 2026", "174"]
    assert [r[0] for r in rows[1:]] == ["Rules 2026", "The Digital Communications Act, 2024",
                                        "Citizens' Rights Forum v. Federation of Examplestan "
                                        "(Writ Petition No. 1021 of 2026)"]  # parties, number
    # page numbers in the footer, header from the default template
    assert "PAGE" in d.sections[0].footer._element.xml
    assert "POLICY BRIEF" in d.sections[0].header._element.xml


def test_inline_citations_and_markdown(lib, brief, tmp_path):
    store, bid, _ = brief
    md = tmp_path / "brief.md"
    export_brief(lib.catalog, bid, md)
    text = md.read_text(encoding="utf-8")
    assert f"> {TEXT_5_1_B}[^1]" in text
    assert "[^4]: Rules 2026, Rule 5(3), p. 174." in text
    assert "| Rules 2026 | Rules | Ministry of IT | 28 Jan 2026 | 174 |" in text
    CommandStack(store).push(SetBriefFields(bid, citation={
        "style": "inline", "short_titles": {lib.resolve("rules.pdf").sha256: "the Rules"}}))
    out = tmp_path / "inline.docx"
    res = export_brief(lib.catalog, bid, out)
    assert res.summary["footnotes"] == 0
    d = docx.Document(str(out))
    quotes = [p.text for p in d.paragraphs if p.style.name == "Quote"]
    assert quotes[0] == f"{TEXT_5_1_B} (Rules 2026 (Ministry of IT, 28 Jan 2026), Rule 5(1)(b), " \
                        "p. 174)"
    assert quotes[3].endswith("(the Rules, Rule 5(3), p. 174)")


def test_user_locator_override_is_cited(lib, brief, tmp_path):
    store, bid, ids = brief
    CommandStack(store).push(EditClip(ids["r53"], locator="Rule 5(3), first limb"))
    out = tmp_path / "b.docx"
    export_brief(lib.catalog, bid, out)
    assert _footnotes(out)[4] == "Rules 2026, Rule 5(3), first limb, p. 174."


def _template_without_styles(path: Path, suffix: str = ".docx") -> Path:
    d = docx.Document()
    styles = d.styles.element
    for s in list(styles):
        name = s.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")) in ("Quote", "Quote Char", "List Bullet"):
            styles.remove(s)
    d.sections[0].header.paragraphs[0].text = "OUR ORGANISATION \u2014 CONFIDENTIAL"
    d.add_paragraph("Template body text that must not appear in a brief.")
    p = path.with_suffix(".docx")
    d.save(str(p))
    if suffix == ".dotx":
        data = io.BytesIO()
        with zipfile.ZipFile(p) as zin, zipfile.ZipFile(data, "w") as zout:
            for info in zin.infolist():
                blob = zin.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    blob = blob.replace(b"document.main+xml", b"template.main+xml")
                zout.writestr(info, blob)
        p = path.with_suffix(".dotx")
        p.write_bytes(data.getvalue())
    return p


@pytest.mark.parametrize("suffix", [".docx", ".dotx"])
def test_template_without_quote_style(lib, brief, tmp_path, suffix):
    store, bid, _ = brief
    tpl = _template_without_styles(tmp_path / "ours", suffix)
    assert not any(s.name == "Quote" for s in docx.Document(
        str(_template_without_styles(tmp_path / "check"))).styles)
    out = tmp_path / "brief.docx"
    res = export_brief(lib.catalog, bid, out, template=tpl)
    assert "quote" in res.summary["styles_created"]
    d = docx.Document(str(out))
    assert len([p for p in d.paragraphs if p.style.name == "Quote"]) == 4
    assert not any("Template body text" in p.text for p in d.paragraphs)
    assert "OUR ORGANISATION" in d.sections[0].header._element.xml
    assert len(_footnotes(out)) == 4
    bullets = [p.text for p in d.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["\u2022\tone officer", "\u2022\tno warrant"]


def test_macro_and_broken_templates_are_refused(lib, brief, tmp_path):
    store, bid, _ = brief
    docm = tmp_path / "macros.docm"
    shutil.copy(_template_without_styles(tmp_path / "t"), docm)
    hidden = tmp_path / "hidden.docx"
    data = io.BytesIO()
    with zipfile.ZipFile(docm) as zin, zipfile.ZipFile(data, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename))
        zout.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    hidden.write_bytes(data.getvalue())
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    for tpl, words in ((docm, "macro"), (hidden, "macros"), (broken, "not a Word document")):
        with pytest.raises(ExportError, match=words):
            export_brief(lib.catalog, bid, tmp_path / "out.docx", template=tpl)
        assert not (tmp_path / "out.docx").exists()


def _brief_in_memory(text: str, *, lead_in: str = "", title: str = "Doc") -> tuple:
    clip = Clip(id=1, uid="u", doc_id=1, doc_sha256="a" * 64, doc_title=title, page_index=0,
                page_label="1", label_source="printed", start=0, end=len(text), text=text,
                display_text=text, locator_auto="para 1")
    b = Brief(id=1, uid="b", title="T\x00itle", sections=[
        Section(1, "Heading \x0c", [Item(1, "quote", clip_id=1, lead_in=lead_in,
                                         comment="c\ud800")])])
    return b, {1: clip}, {"a" * 64: Source("a" * 64, title, "report", "Iss\x01uer", "2026")}


def test_xml_invalid_characters_never_break_the_export():
    b, clips, sources = _brief_in_memory("Before\x00 the\x0c rule \ud800 applies.",
                                         lead_in="Lead\x0b-in")
    data, summary = build_docx(b, clips, sources)
    d = docx.Document(io.BytesIO(data))
    quote = next(p for p in d.paragraphs if p.style.name == "Quote")
    assert quote.text == "Before  the  rule \ufffd applies."
    assert summary["footnotes"] == 1


def test_urdu_quote_is_right_to_left(lib, tmp_path):
    try:
        doc = lib.resolve("urdu.pdf")
    except Exception:
        pytest.skip("no font with Arabic script for the Urdu test PDF")
    text = pdfgen.URDU_LINES[1]
    store = BriefStore(lib.catalog)
    st = CommandStack(store)
    cid = st.push(CreateClip(clip_text(lib.catalog, doc, lib.catalog.page(doc.id, 0),
                                       text))).clip_id
    b = st.push(CreateBrief("Urdu", sections=["One"]))
    st.push(AddQuote(b.brief_id, b.section_ids[0], cid, lead_in="In English first:"))
    out = tmp_path / "urdu.docx"
    export_brief(lib.catalog, b.brief_id, out)
    d = docx.Document(str(out))
    quote = next(p for p in d.paragraphs if p.style.name == "Quote")
    assert quote.text == text
    assert quote._p.pPr.find(qn("w:bidi")) is not None
    text_runs = [r for r in quote._p.findall(qn("w:r")) if r.find(qn("w:t")) is not None]
    assert text_runs and all(r.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None
                             for r in text_runs)
    lead = next(p for p in d.paragraphs if p.text == "In English first:")
    assert lead._p.pPr is None or lead._p.pPr.find(qn("w:bidi")) is None


def test_tampered_quote_stops_the_export(lib, brief, tmp_path):
    store, bid, ids = brief
    out = tmp_path / "brief.docx"
    out.write_bytes(b"the previous export")
    clip = store.clips.get(ids["b"])
    lib.catalog.execute("UPDATE clips SET text = ?, display_text = ? WHERE id = ?",
                        (clip.text.replace("seventy-two", "ninety-six"),
                         clip.display_text.replace("seventy-two", "ninety-six"), clip.id))
    with pytest.raises(QuotesChanged) as err:
        export_brief(lib.catalog, bid, out)
    rep = err.value.report
    assert [(p.kind, p.clip_id) for p in rep.problems] == [("changed", clip.id)]
    assert "Rule 5(1)(b)" in rep.text() and "ninety-six" in rep.text()
    assert out.read_bytes() == b"the previous export"  # nothing written
    with pytest.raises(QuotesChanged):
        export_brief(lib.catalog, bid, tmp_path / "brief.md")
    res = export_brief(lib.catalog, bid, out, force=True)  # the user confirmed
    assert res.forced and out.read_bytes()[:2] == b"PK"
    assert [p.kind for p in res.report.problems] == ["changed"]


def test_display_text_edited_by_hand_is_reported(lib, brief, tmp_path):
    store, bid, ids = brief
    lib.catalog.execute("UPDATE clips SET display_text = 'to provide, within a week, data' "
                        "WHERE id = ?", (ids["b"],))
    with pytest.raises(QuotesChanged) as err:
        export_brief(lib.catalog, bid, tmp_path / "b.docx")
    assert [p.kind for p in err.value.report.problems] == ["edited"]


def test_replaced_and_removed_sources_stop_the_export(lib, brief, tmp_path):
    store, bid, ids = brief
    act = lib.resolve("act.pdf")
    # a new version of the rules at the same path: the quotes cite the old version
    rules_path = Path(lib.resolve("rules.pdf").source_path)
    pdfgen.make_rules_pdf(rules_path, first_printed=201)
    lib.import_paths([rules_path], processes=1)
    lib.remove(act.id)
    with pytest.raises(QuotesChanged) as err:
        export_brief(lib.catalog, bid, tmp_path / "b.docx")
    kinds = {(p.kind, p.clip_id) for p in err.value.report.problems}
    assert kinds == {("superseded", ids["b"]), ("superseded", ids["r53"]),
                     ("document_missing", ids["s38"])}
    sup = next(p for p in err.value.report.problems if p.clip_id == ids["b"])
    assert "new version" in sup.suggestion and "PDF page 2" in sup.suggestion


def test_portable_brief_file_round_trip(lib, brief, tmp_path, template_library):
    store, bid, ids = brief
    path = tmp_path / "brief.json"
    export_brief(lib.catalog, bid, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "briefer-brief" and data["schema_version"] == 1
    assert len(data["clips"]) == 4 and len(data["sources"]) == 3
    # into another library holding the same documents
    shutil.copytree(template_library / "lib", tmp_path / "other")
    with Library.open(tmp_path / "other") as other:
        ostore = BriefStore(other.catalog)
        res = import_brief(ostore, read_brief_file(path))
        assert res.missing_sources == []
        mine, theirs = brief_to_data(store, bid), brief_to_data(ostore, res.brief_id)
        for d in (mine, theirs):
            d.pop("exported_at")
        assert mine == theirs
        out = tmp_path / "again.docx"
        assert export_brief(other.catalog, res.brief_id, out).report.ok
        # the import is one undoable step
        res.command.undo(ostore)
        assert ostore.list() == [] and ostore.clips.all() == []


@pytest.mark.parametrize("edit,message", [
    (lambda d: d.update(format="something"), "not a Briefer brief file"),
    (lambda d: d.update(schema_version=99), "newer Briefer"),
    (lambda d: d["clips"][0].update(start=-1), "clips[0].start: must be a whole number"),
    (lambda d: d["clips"][1].update(source="s9"), "clips[1].source: 's9' is not one"),
    (lambda d: d["sources"][0].update(sha256="xyz"), "sources[0].sha256"),
    (lambda d: d["brief"]["sections"][1]["items"][0].update(clip="c99"),
     "brief.sections[1].items[0].clip: 'c99'"),
    (lambda d: d["brief"].update(citation={"style": "endnotes"}), "brief.citation"),
    (lambda d: d["brief"].pop("title"), "brief.title: missing"),
])
def test_portable_brief_file_is_validated(lib, brief, tmp_path, edit, message):
    store, bid, _ = brief
    data = brief_to_data(store, bid)
    edit(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BriefFileError, match=message.replace("[", r"\[").replace("(", r"\(")):
        read_brief_file(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(BriefFileError, match="not JSON"):
        read_brief_file(path)


@pytest.mark.slow
def test_libreoffice_renders_the_footnotes(lib, brief, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    store, bid, _ = brief
    out = tmp_path / "brief.docx"
    export_brief(lib.catalog, bid, out)
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=120)
    from pypdf import PdfReader

    text = " ".join(" ".join((p.extract_text() or "").split())
                    for p in PdfReader(str(tmp_path / "brief.pdf")).pages)
    assert "Rules 2026 (Ministry of IT, 28 Jan 2026), Rule 5(1)(b), p. 174." in text
    assert "Rules 2026, Rule 5(3), p. 174." in text
    assert "Sources cited" in text
