"""The comparison as a Word table: provision | earlier | later | change, deletions struck
through, insertions underlined, both documents cited in every text cell."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document

from briefer.core.export.compare_docx import (build_comparison_docx, describe_change,
                                              side_runs, summary_line)
from tests.core.compare_values import every_kind


def _table(data: bytes):
    doc = Document(io.BytesIO(data))
    assert len(doc.tables) == 1
    return doc, doc.tables[0]


def _runs(cell):
    return [r for p in cell.paragraphs for r in p.runs]


def test_the_table_has_a_row_per_pair_in_order_with_the_change_in_words():
    data, summary = build_comparison_docx(every_kind())
    doc, table = _table(data)
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Provision", "Earlier: Draft Rules", "Later: Notified Rules", "Change"]
    assert [r[0].split("\n")[0] for r in rows[1:]] == ["Rule 1", "Rule 2(1)", "Rule 3",
                                                       "Rule 4", "Rule 6", "Rule 7"]
    changes = [r[3].split("\n")[0] for r in rows[1:]]
    assert changes == ["unchanged", "reworded", "added", "renumbered from Rule 5",
                       "moved from Rule 3", "removed"]
    assert "(not in this version)" in rows[3][1]  # added: nothing on the earlier side
    assert "(not in this version)" in rows[6][2]  # removed: nothing on the later side
    assert summary["rows"] == 6
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "1 reworded · 1 renumbered · 1 moved · 1 added · 1 removed · 1 unchanged" in text
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape


def test_deleted_words_are_struck_and_inserted_words_underlined():
    data, _ = build_comparison_docx(every_kind())
    _doc, table = _table(data)
    reworded = table.rows[2].cells
    struck = [r.text for r in _runs(reworded[1]) if r.font.strike]
    under = [r.text for r in _runs(reworded[2]) if r.font.underline]
    assert struck == ["order"]
    assert under == ["direct", "within forty-eight hours"]  # the space before is not marked
    # the words both versions share carry no mark, on either side
    plain = "".join(r.text for r in _runs(reworded[1]) if not r.font.strike
                    and not r.font.italic)
    assert plain == "The Coordinator may  a company to remove content."
    # an added provision is underlined whole, a removed one struck through whole
    assert [r.text for r in _runs(table.rows[3].cells[2]) if r.font.underline] == [
        "Every order shall be reviewed by a judge."]
    assert [r.text for r in _runs(table.rows[6].cells[1]) if r.font.strike] == [
        "The register shall be secret."]
    # unchanged text has no marks at all
    assert not any(r.font.strike or r.font.underline for r in _runs(table.rows[1].cells[1]))


def test_every_text_cell_cites_its_document_provision_and_printed_page():
    data, _ = build_comparison_docx(every_kind(), earlier_short="Draft",
                                    later_short="Notified")
    _doc, table = _table(data)
    reworded = table.rows[2].cells
    assert reworded[1].paragraphs[-1].text == "Draft, Rule 2(1), p. 2"
    assert reworded[2].paragraphs[-1].text == "Notified, Rule 2(1), p. 2"
    renumbered = table.rows[4].cells
    assert renumbered[1].paragraphs[-1].text == "Draft, Rule 5, p. 3"
    assert renumbered[2].paragraphs[-1].text == "Notified, Rule 4, p. 3"


def test_changed_only_leaves_out_unchanged_rows_but_counts_them():
    data, summary = build_comparison_docx(every_kind(), changed_only=True)
    doc, table = _table(data)
    assert len(table.rows) == 1 + 5
    assert "Rule 1" not in [row.cells[0].text.split("\n")[0] for row in table.rows]
    assert "1 unchanged" in "\n".join(p.text for p in doc.paragraphs)
    assert summary["counts"]["unchanged"] == 1


def test_side_runs_and_words():
    pair = every_kind().pairs[1]
    assert side_runs(pair, "earlier") == [("The Coordinator may ", ""), ("order", "delete"),
                                          (" a company to remove content.", "")]
    assert describe_change(every_kind().pairs[3]) == "renumbered from Rule 5"
    assert summary_line({}) == "no provisions"
    assert summary_line({"added": 2, "unchanged": 0}) == "2 added"


@pytest.mark.slow
def test_libreoffice_renders_the_marked_table(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    data, _ = build_comparison_docx(every_kind(), earlier_short="Draft", later_short="Notified")
    out = tmp_path / "changes.docx"
    out.write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    from pypdf import PdfReader

    text = " ".join(" ".join((p.extract_text() or "").split())
                    for p in PdfReader(str(tmp_path / "changes.pdf")).pages)
    assert "What changed" in text
    assert "Notified, Rule 4, p. 3" in text
    assert "renumbered from Rule 5" in text


class _NoDocs:
    """A library stand-in for the export: no document to shorten a title from."""

    def catalog(self):
        return self

    def document(self, _doc_id):
        return None


def test_export_never_replaces_a_file_unasked_and_writes_whole(tmp_path):
    from briefer.core.export.export import ExportError
    from briefer.core.ops.compare import export_comparison

    out = tmp_path / "changes.docx"
    out.write_bytes(b"the user's own file")
    with pytest.raises(ExportError) as refused:
        export_comparison(_NoDocs(), every_kind(), out)
    assert refused.value.reason == "file_exists"
    assert refused.value.details["path"] == str(out)
    assert out.read_bytes() == b"the user's own file"
    assert export_comparison(_NoDocs(), every_kind(), out, overwrite=True) == out
    assert len(Document(str(out)).tables[0].rows) == 7
    assert [p.name for p in tmp_path.iterdir()] == ["changes.docx"]  # no temporary left
    with pytest.raises(ExportError) as wrong:
        export_comparison(_NoDocs(), every_kind(), tmp_path / "changes.md")
    assert wrong.value.reason == "invalid_target"
    with pytest.raises(ExportError) as missing:
        export_comparison(_NoDocs(), every_kind(), tmp_path / "no-such-folder" / "c.docx")
    assert missing.value.reason == "invalid_target"


def test_two_years_of_one_report_are_named_apart():
    from dataclasses import replace
    from types import SimpleNamespace

    from briefer.core.ops.compare import short_names

    class Lib:
        def catalog(self):
            return self

        def document(self, doc_id):
            return SimpleNamespace(title="Bing Systemic Risk Assessment Report",
                                   date={1: "2023-08-25", 2: "2024-08-23"}[doc_id])

    c = replace(every_kind(), earlier_title="Bing Systemic Risk Assessment Report",
                later_title="Bing Systemic Risk Assessment Report")
    assert short_names(Lib(), c) == ("Bing Systemic Risk Assessment Report (2023)",
                                     "Bing Systemic Risk Assessment Report (2024)")
    assert short_names(_NoDocs(), every_kind()) == ("Draft Rules", "Notified Rules")
