"""Two real versions of one document compared: Bing's systemic-risk assessment reports
under the EU Digital Services Act for 2023 (54 pages) and 2024 (184 pages).

Neither report numbers its headings, so each is split by the headings its contents page
lists (briefer/core/compare/split.py): 28 parts in 2023, 33 in 2024, each a heading and
the text up to the next. The differences asserted here were read in the two PDFs
(pdftotext and the page images), not taken from Briefer's output:

* the title pages differ only in the date, "August 2023" → "August 2024";
* the 2024 report was restructured: "How to read this document", "Bing overview",
  the two "Areas of … Residual Risk" sections and three appendices are new; 2023's
  "Timeline/Scope", "Structure of Document", "DTSP Assessment Level 3" and "Summary of
  Findings: Key Risks and Mitigations" are gone;
* "Executive Summary", "Introduction", "Bing’s values and commitments", "Impact to
  risk profile and key risk considerations", "Assessment Tools" (2024: "Assessment
  tools") and "Conclusion" are in both, rewritten;
* in "Impact to risk profile …" 2023's "Bing considers its key risk considerations to be
  the aspects" reads "Bing has traditionally evaluated its key risk areas based on
  aspects" in 2024, "connect people with" became "connect individuals with", "the
  fundamental right of free expression" became "rights", "not misled" became "not
  inadvertently misled", and the clause "and does not engage in extensive
  personalization or recommendation activities …" was dropped; 2023 breaks
  "as-|yet-undiscovered" at a line end, 2024 does not — not a change;
* both executive summaries keep "… of content in search could have a significant
  negative impact on the right to access information".
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FOLDER = CORPUS / "domain" / "eu_dsa_systemic-risk-reports"
FILES = [FOLDER / "Bing__Systemic_Risks_2023.pdf", FOLDER / "Bing__Systemic_Risks_2024.pdf"]

pytestmark = pytest.mark.skipif(not all(f.exists() for f in FILES),
                                reason="the Bing reports of ../shared/corpus are not present")

IMPACT = "Impact to risk profile and key risk considerations"


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    from briefer.core.ops import compare as compare_ops
    from briefer.core.ops import documents as docs_ops
    from briefer.core.ops.session import Session

    session = Session.open(tmp_path_factory.mktemp("bing") / "lib")
    try:
        rep = docs_ops.add_files(session, [str(f) for f in FILES], ocr=False)
        ids = {Path(o.path).name: o.doc_id for o in rep.outcomes if o.doc_id}
        a, b = ids[FILES[0].name], ids[FILES[1].name]
        docs = {d.id: d for d in session.catalog().documents()}
        assert docs[a].doc_type == docs[b].doc_type == "report"
        t0 = time.perf_counter()
        c = compare_ops.compare_documents(session, a, b)
        seconds = time.perf_counter() - t0
        parts = (compare_ops.document_parts(session, docs[a]),
                 compare_ops.document_parts(session, docs[b]))
    finally:
        session.close()
    return c, parts, seconds


def pair(c, key: str):
    return next(p for p in c.pairs if p.key == key)


def changed_words(p, op: str) -> list[str]:
    return [w.text.strip() for w in p.words if w.op == op]


def test_reports_split_by_the_headings_of_their_contents(compared):
    _c, (a, b), _s = compared
    assert len(a) == 28 and len(b) == 33
    assert [p.key for p in a[:4]] == ["", "Executive Summary", "Introduction", "Timeline/Scope"]
    assert b[-1].key == "Appendix III: Abbreviated Terms" and b[-1].page_label == "181"
    conclusion = next(p for p in b if p.key == "Conclusion")
    assert conclusion.page_label == "145" and conclusion.text.startswith(
        "Conclusion After evaluating the purpose and design of the Bing service")
    assert not any("....." in p.text for p in a + b), "a contents line in a section"


def test_title_page_differs_only_in_the_date(compared):
    c, _parts, _s = compared
    opening = pair(c, "")
    assert opening.change == "reworded"
    assert changed_words(opening, "delete") == ["2023"]
    assert changed_words(opening, "insert") == ["2024"]


def test_new_and_dropped_sections(compared):
    c, _parts, _s = compared
    added = {p.later.key for p in c.pairs if p.change == "added"}
    removed = {p.earlier.key for p in c.pairs if p.change == "removed"}
    assert {"How to read this document", "Bing overview", "Areas of Moderate Residual Risk",
            "Areas of Low Residual Risk", "Appendix III: Abbreviated Terms"} <= added
    assert {"Timeline/Scope", "Structure of Document", "DTSP Assessment Level 3",
            "Summary of Findings: Key Risks and Mitigations"} <= removed


def test_sections_in_both_reports_are_paired_and_reworded(compared):
    c, _parts, _s = compared
    for key in ("Executive Summary", "Introduction", "Bing\u2019s values and commitments",
                IMPACT, "Conclusion"):
        p = pair(c, key)
        assert p.earlier is not None and p.earlier.key == key and p.change == "reworded", key
    tools = pair(c, "Assessment tools")
    assert tools.earlier.key == "Assessment Tools" and tools.change == "reworded"
    assert c.counts()["unchanged"] == 0


def test_impact_section_word_changes_read_in_the_pdfs(compared):
    c, _parts, _s = compared
    p = pair(c, IMPACT)
    assert p.earlier.page_label == "8" and p.later.page_label == "25"
    deleted, inserted = changed_words(p, "delete"), changed_words(p, "insert")
    assert "considers" in deleted and "has traditionally evaluated" in inserted
    assert "people" in deleted and "individuals" in inserted
    assert "right" in deleted and "rights" in inserted
    assert "inadvertently" in inserted
    assert any(d.startswith("and does not engage in extensive personalization") for d in deleted)
    # "as-|yet-undiscovered" broken at a line end in 2023 only: the same word
    assert not any("undiscovered" in w for w in deleted + inserted)
    assert any("as-yet-undiscovered" in w.text for w in p.words if w.op == "equal")


def test_executive_summaries_share_a_sentence(compared):
    c, _parts, _s = compared
    p = pair(c, "Executive Summary")
    assert any("could have a significant negative impact on the right to access" in w.text
               for w in p.words if w.op == "equal")
    assert p.similarity < 0.5  # rewritten


def test_comparison_takes_seconds(compared):
    _c, _parts, seconds = compared
    assert seconds < 15
