"""Hostile files of our own formats and hostile file names.

Brief files with wrong types, huge sizes, unknown versions, absurd numbers, deep nesting or
names that try to leave the library; Word templates that are not Word files or carry
macros; and file names with spaces, quotes, newlines, leading dashes, shell syntax and
non-Latin letters through import, OCR (Tesseract), export and LibreOffice."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from briefer.core.export.export_docx import default_template
from tests import pdfgen
from tests.reliability.helpers import briefer, build_library, catalog_rows, no_traceback

GOOD_SHA = "a" * 64


def _brief(**changes) -> dict:
    data = {"format": "briefer-brief", "schema_version": 1,
            "brief": {"title": "T", "sections": [{"heading": "A", "items": [
                {"kind": "text", "text": "x"}, {"kind": "quote", "clip": "c1"}]}]},
            "clips": [{"key": "c1", "source": "s1", "page_index": 0, "start": 0, "end": 3,
                       "text": "abc", "display_text": "abc"}],
            "sources": [{"key": "s1", "sha256": GOOD_SHA, "title": "x"}]}
    for path, value in changes.items():
        node = data
        keys = path.split("__")
        for k in keys[:-1]:
            node = node[int(k)] if k.isdigit() else node[k]
        last = keys[-1]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return data


BAD_BRIEFS = {
    "format": (_brief(format="something-else"), "not a Briefer brief file"),
    "version_newer": (_brief(schema_version=99), "newer Briefer"),
    "version_text": (_brief(schema_version="1"), "schema_version"),
    "version_bool": (_brief(schema_version=True), "schema_version"),
    "version_zero": (_brief(schema_version=0), "not a valid version"),
    "top_list": ([1, 2, 3], "must be an object"),
    "sections_text": (_brief(brief__sections="abc"), "brief.sections: must be a list"),
    "item_kind": (_brief(brief__sections__0__items__0__kind="script"), "must be 'text' or"),
    "start_text": (_brief(clips__0__start="0"), "clips[0].start"),
    "start_float": (_brief(clips__0__start=0.5), "clips[0].start"),
    "start_negative": (_brief(clips__0__start=-1), "clips[0].start"),
    "start_huge": (_brief(clips__0__start=10 ** 30, clips__0__end=10 ** 30 + 3),
                   "too large"),
    "page_huge": (_brief(clips__0__page_index=2 ** 63), "too large"),
    "sha_path": (_brief(sources__0__sha256="../../../etc/passwd"), "sha256"),
    "tags_text": (_brief(clips__0__tags="x"), "tags"),
    "title_missing": (_brief(brief__title=""), "brief.title"),
    "citation_weird": (_brief(brief__citation={"style": {"x": 1}}), "brief.citation"),
    "clip_unknown": (_brief(brief__sections__0__items__1__clip="c9"), "not one of the clips"),
}


@pytest.fixture(scope="module")
def small_library(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    build_library(root / "lib", root / "pdfs", n=1)
    return root / "lib"


@pytest.mark.parametrize("case", sorted(BAD_BRIEFS))
def test_bad_brief_files_are_refused_by_name(tmp_path, small_library, case):
    data, words = BAD_BRIEFS[case]
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(data))
    before = catalog_rows(small_library, "SELECT COUNT(*) FROM briefs")
    out = briefer(small_library, "brief", "import", str(f), check=2)
    no_traceback(out)
    assert "not a valid Briefer brief file" in out.stderr
    assert words in out.stderr, out.stderr
    assert catalog_rows(small_library, "SELECT COUNT(*) FROM briefs") == before


def _raw(tmp_path: Path, name: str) -> Path:
    f = tmp_path / name
    if name == "huge.json":  # sparse: 3 GB on paper, nothing on disk
        with open(f, "wb") as fh:
            fh.truncate(3 * 1024 ** 3)
    elif name == "deep.json":
        f.write_text("[" * 200_000 + "]" * 200_000)
    elif name == "digits.json":
        f.write_text(json.dumps(_brief()).replace('"start": 0', '"start": ' + "9" * 5000))
    elif name == "binary.json":
        f.write_bytes(b"%PDF-1.7\n\xff\xfe\x00\x01" * 100)
    elif name == "nan.json":
        f.write_text(json.dumps(_brief()).replace('"start": 0', '"start": NaN'))
    elif name == "folder.json":
        f.mkdir()
    elif name == "fifo.json":
        os.mkfifo(f)
    return f


@pytest.mark.parametrize("name,words", [
    ("huge.json", "never larger than"), ("deep.json", "nested too deeply"),
    ("digits.json", "digits"), ("binary.json", "not a text (UTF-8) file"),
    ("nan.json", "clips[0].start"), ("folder.json", "not a file"),
    ("fifo.json", "not a file"), ("missing.json", "cannot read")])
def test_brief_files_that_are_not_files_we_can_read(tmp_path, small_library, name, words):
    f = _raw(tmp_path, name)
    out = briefer(small_library, "brief", "import", str(f), check=2, timeout=60)
    no_traceback(out)
    assert words in out.stderr, out.stderr


def test_names_in_a_brief_file_never_become_paths(tmp_path, small_library):
    nest = tmp_path / "a" / "b"
    nest.mkdir(parents=True)
    data = _brief(sources__0__file_name="../../../escaped.pdf",
                  sources__0__title="../../escaped-title",
                  clips__0__note="/../../escaped-note", brief__title="../../escaped-brief")
    data["sources"][0]["key"] = "../../escaped-key"
    data["clips"][0]["source"] = "../../escaped-key"
    f = nest / "brief.json"
    f.write_text(json.dumps(data))
    res = json.loads(briefer(small_library, "brief", "import", str(f), "--json").stdout)
    bid = str(res["brief_id"])
    out = briefer(small_library, "brief", "export", bid, "-o", str(nest / "out.docx"),
                  "--force")
    no_traceback(out)
    for base in (tmp_path, small_library.parent):
        assert not [p for p in base.rglob("*escaped*")], "a name became a path"
    assert (nest / "out.docx").exists()


# --------------------------------------------------------------------------- templates


def _template(tmp_path: Path, kind: str) -> Path:
    good = default_template()
    if kind == "pdf":
        p = tmp_path / "pdf.docx"
        p.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    elif kind == "random":
        p = tmp_path / "random.dotx"
        p.write_bytes(os.urandom(5000))
    elif kind == "empty":
        p = tmp_path / "empty.docx"
        p.write_bytes(b"")
    elif kind == "docm":
        p = tmp_path / "macros.docm"
        shutil.copy(good, p)
    elif kind == "doc":
        p = tmp_path / "old.doc"
        p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    elif kind == "vba":
        p = tmp_path / "vba.docx"
        with zipfile.ZipFile(good) as zin, zipfile.ZipFile(p, "w") as z:
            for i in zin.infolist():
                z.writestr(i, zin.read(i.filename))
            z.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0Attribute VB_Name")
    elif kind == "macro_type":
        p = tmp_path / "macro-type.dotx"
        with zipfile.ZipFile(good) as zin, zipfile.ZipFile(p, "w") as z:
            for i in zin.infolist():
                b = zin.read(i.filename)
                if i.filename == "[Content_Types].xml":
                    b = b.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
                z.writestr(i, b)
    elif kind == "zip_not_word":
        p = tmp_path / "zip.docx"
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("hello.txt", "hi")
    elif kind == "text":
        p = tmp_path / "notes.txt"
        p.write_text("not a template")
    elif kind == "folder":
        p = tmp_path / "folder.docx"
        p.mkdir()
    else:  # pragma: no cover
        raise AssertionError(kind)
    return p


@pytest.mark.parametrize("kind,words", [
    ("pdf", "is not a Word document"), ("random", "is not a Word document"),
    ("empty", "is not a Word document"), ("docm", "macro"), ("doc", "macro"),
    ("vba", "contains macros"), ("macro_type", "contains macros"),
    ("zip_not_word", "Word document"), ("text", "must be a Word .docx or .dotx"),
    ("folder", "template")])
def test_templates_that_are_not_word_or_carry_macros(tmp_path, small_library, kind, words):
    t = _template(tmp_path, kind)
    target = tmp_path / "out" / "brief.docx"
    target.parent.mkdir()
    out = briefer(small_library, "brief", "export", "1", "-o", str(target), "--template",
                  str(t), check=2)
    no_traceback(out)
    assert words in out.stderr, out.stderr
    assert list(target.parent.iterdir()) == []  # no file, no temporary left behind


# --------------------------------------------------------------------------- file names

HOSTILE = "-rules 'q\"uoted' $(touch pwned) `touch pwned`;\nline two ضابطہ 規則 Ünïcødé"


@pytest.mark.slow
def test_hostile_file_names_everywhere(tmp_path):
    folder = tmp_path / ("-we ird '\"\n $(touch pwned) ü")
    folder.mkdir()
    pdf = folder / f"{HOSTILE}.pdf"
    pdfgen.make_text_pdf(pdf, ["The National Coordinator may order blocking of content. " * 4])
    files = [pdf.name]
    ocr = shutil.which("tesseract") is not None
    if ocr:
        scan = folder / f"-scan {HOSTILE}.pdf"
        pdfgen.make_scanned_pdf(scan, ["The tribunal held the blocking order void."])
        files.append(scan.name)
    lib = folder / f"-library {HOSTILE}"
    # Relative names starting with a dash, after `--`, from inside the folder.
    rep = json.loads(briefer(lib, "add", "--json", "--", *files, cwd=folder).stdout)
    assert rep["documents_added"] == len(files), rep
    assert {Path(f["path"]).name for f in rep["files"]} == set(files)
    docs = json.loads(briefer(lib, "list", "--json").stdout)
    assert {d["file_name"] for d in docs} == set(files)
    if ocr:
        assert rep["ocr"]["pages_done"] == 1
        hits = json.loads(briefer(lib, "search", "tribunal", "--json").stdout)
        assert hits["total"] == 1
    # A document named by its hostile file name.
    briefer(lib, "meta", pdf.name, "--tag", "hostile")
    new = json.loads(briefer(lib, "brief", "new", HOSTILE, "--section", HOSTILE,
                             "--json").stdout)
    bid = str(new["brief_id"])
    briefer(lib, "clip", "1", "--page", "1", "--text", "National Coordinator may order",
            "--brief", bid, "--to", HOSTILE)
    outputs = []
    for suffix in (".docx", ".md", ".json"):
        target = folder / f"-brief {HOSTILE}{suffix}"
        out = briefer(lib, "brief", "export", bid, f"--output={target}")
        no_traceback(out)
        assert target.stat().st_size > 0
        outputs.append(target)
    # Relative target with a leading dash, from inside the folder.
    briefer(lib, "brief", "export", bid, "--output", f"./-x {HOSTILE}.md", cwd=folder)
    assert (folder / f"-x {HOSTILE}.md").exists()
    # The brief file round-trips through `brief import` under its hostile name.
    res = json.loads(briefer(lib, "brief", "import", "--json", "--", outputs[2].name,
                             cwd=folder).stdout)
    assert res["brief_id"] != int(bid)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        conv = tmp_path / "converted"
        conv.mkdir()
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(conv), str(outputs[0])],
                       capture_output=True, timeout=180)
        made = list(conv.glob("*.pdf"))
        assert len(made) == 1, "LibreOffice could not convert the exported brief"
        assert "National Coordinator" in "".join(pdfgen.pdfium_texts(made[0]))
    for base in (tmp_path, Path.cwd()):
        assert not list(base.rglob("pwned")), "a file name was run by a shell"
