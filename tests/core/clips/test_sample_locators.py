"""Locators on the sample library, through the real path: the samples are seeded into a new
library (import, extraction, metadata), a sentence from every page of every sample is
clipped as a user types it, and the locator stored on the clip and its certainty
(``ops.clips.locator_status``) are compared with what a reader of the page cites.

Every expected locator below was checked by reading the page (``pdftotext -layout``).
The transparency report once cited "para 2026": a year wrapped to the start of a line
("took effect on 28 January\\n2026. Of the 560 …") was read as a paragraph number; its
numbered headings ("2. Requests to remove …") are headings, so a report gets no locator.
The joint statement numbers its demands only on its last page, after a page of unnumbered
paragraphs: that is a list, so the locator is uncertain and only offered as a suggestion.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from briefer.core.ops import clips as clip_ops
from briefer.core.ops.session import Session

RULES = "social-media-online-harms-rules-2026.pdf"
ACT = "digital-communications-act-2024.pdf"
JUDGMENT = "citizens-rights-forum-v-federation-2026.pdf"
STATEMENT = "joint-statement-online-harms-rules-2026.pdf"
REPORT = "chatterbox-transparency-report-2026-q1.pdf"
DRAFT = "online-harms-rules-draft-2025.pdf"

# file, PDF page (from 1), the sentence as typed, stored locator, uncertain, suggestion
ROWS = [
    (RULES, 1, "These rules may be cited as the Social Media (Online Harms) Rules, 2026.",
     "Rule 1(1)", False, ""),
    (RULES, 1, "“emergency” means a situation in which the National Coordinator",
     "Rule 2(1)(d)", False, ""),
    (RULES, 2, "which users may create, share or view online content.", "Rule 2(1)(i)",
     False, ""),
    (RULES, 2, "The National Coordinator shall hold office for a term of three years",
     "Rule 4(2)", False, ""),
    (RULES, 2, "to provide, within seventy-two hours, any subscriber information, traffic data",
     "Rule 5(1)(b)", False, ""),
    (RULES, 2, "Provided that in an emergency the grounds may be communicated within "
     "forty-eight hours", "Rule 5(2), proviso", False, ""),
    (RULES, 2, "shall not be disclosed by the social media company to the affected user",
     "Rule 5(3)", False, ""),
    (RULES, 3, "subscriber information and traffic data, for not less than one hundred and "
     "eighty days", "Rule 6(1)(c)", False, ""),
    (RULES, 3, "publish, every six months, a report stating the number of orders received",
     "Rule 6(2)(c)", False, ""),
    (RULES, 3, "appeal to the High Court within thirty days", "Rule 7(3)", False, ""),
    (RULES, 3, "the National Coordinator may recommend to the Authority the blocking",
     "Rule 8(2)", False, ""),
    (RULES, 3, "The Online Content (Interim Procedure) Rules, 2022 are hereby repealed.",
     "Rule 9", False, ""),
    (ACT, 1, "It extends to the whole of Examplestan.", "Section 1(2)", False, ""),
    (ACT, 1, "“traffic data” means data which shows the origin, destination, route",
     "Section 2(1)(f)", False, ""),
    (ACT, 1, "The provisions of this Act shall have effect notwithstanding anything "
     "inconsistent", "Section 3", False, ""),
    (ACT, 2, "receive and decide complaints about unlawful online content", "Section 5(a)",
     False, ""),
    (ACT, 2, "Nothing in sub-section (1) shall apply to", "Section 20(2)", False, ""),
    (ACT, 2, "an opinion expressed in good faith on the conduct of a public functionary",
     "Section 20(2)(b)", False, ""),
    (ACT, 2, "direct the removal of such an image within twenty-four hours", "Section 21(2)",
     False, ""),
    (ACT, 2, "The Authority may remove, or direct a", "Section 37(1)", False, ""),
    (ACT, 3, "service provider to remove or to block access to, any online content",
     "Section 37(1)", False, ""),
    (ACT, 3, "the protection of the reputation or privacy of a natural person under "
     "section 20", "Section 37(1)(d)", False, ""),
    (ACT, 3, "Every order under sub-section (1) shall be proportionate to the aim pursued",
     "Section 37(2)", False, ""),
    (ACT, 3, "shall be disclosed to any officer only under a warrant issued by a Court",
     "Section 38(2)", False, ""),
    (ACT, 3, "the Federal Government shall publish the draft rules for public comment",
     "Section 51(2)", False, ""),
    (JUDGMENT, 1, "Through this petition under Article 199 of the Constitution", "para 1",
     False, ""),
    (JUDGMENT, 1, "clause (b) of sub-rule (1) of rule 5 allows the National Coordinator",
     "para 3", False, ""),
    (JUDGMENT, 1, "Three questions arise", "para 6", False, ""),
    (JUDGMENT, 2, "The test of proportionality asks four questions", "para 9", False, ""),
    (JUDGMENT, 2, "The rule thus dispenses with a safeguard which Parliament made a "
     "condition of disclosure", "para 12", False, ""),
    (JUDGMENT, 2, "rule 5(1)(b) of the Rules is ultra vires section 38(2) of the Act and of "
     "no legal effect", "para 15(a)", False, ""),
    (JUDGMENT, 3, "within thirty days of the order", "para 15(b)", False, ""),
    (JUDGMENT, 3, "the Federal Government shall publish any amendment of the Rules in draft",
     "para 15(d)", False, ""),
    (JUDGMENT, 3, "There shall be no order as to costs.", "para 16", False, ""),
    (STATEMENT, 1, "They give a single official, the National Coordinator, sweeping powers",
     "", False, ""),
    (STATEMENT, 1, "obliges platforms to hand over subscriber information, traffic data", "",
     False, ""),
    (STATEMENT, 2, "in a regulation that claims to protect users from harm.", "", False, ""),
    (STATEMENT, 2, "Withdraw the Rules, and publish any replacement in draft", "", True,
     "para 1"),
    (STATEMENT, 2, "Remove the power of the National Coordinator to demand user data", "",
     True, "para 3"),
    (REPORT, 1, "took effect on 28 January 2026. Of the 560 content requests, 412 were orders",
     "", False, ""),
    (REPORT, 1, "Of the 560 content requests, 412 were orders of the National Coordinator",
     "", False, ""),
    (REPORT, 1, "“Removed” means deleted for all users", "", False, ""),
    (REPORT, 1, "Section 38(2) of the Act allows such disclosure only under a warrant", "",
     False, ""),
    (REPORT, 2, "We met that deadline in 198 cases.", "", False, ""),
    (REPORT, 2, "we publish copies of orders, with personal data redacted", "", False, ""),
    (DRAFT, 1, "These rules may be cited as the Social Media (Online Harms) Rules, 2025.",
     "Rule 1(1)", False, ""),
    (DRAFT, 1, "“National Coordinator” means the officer designated as such by the Ministry",
     "Rule 2(1)(e)", False, ""),
    (DRAFT, 2, "comply with such an order within two hours of its receipt", "Rule 5(1)(b)",
     False, ""),
    (DRAFT, 2, "the National Coordinator shall consult the Authority", "Rule 6", False, ""),
    (DRAFT, 3, "impose a fine which may extend to ten million rupees", "Rule 8(1)", False,
     ""),
]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    s = Session.open(Path(tmp_path_factory.mktemp("samples")) / "lib", samples=True)
    yield s
    s.close()


def test_every_sample_and_page_is_covered(session):
    docs = {d.file_name: d for d in session.catalog().documents()}
    assert set(docs) == {RULES, ACT, JUDGMENT, STATEMENT, REPORT, DRAFT}
    for name, doc in docs.items():
        pages = {page for f, page, *_ in ROWS if f == name}
        assert pages == set(range(1, doc.page_count + 1)), name


@pytest.mark.parametrize("file_name,page,text,stored,uncertain,suggestion", ROWS,
                         ids=[f"{r[0][:12]}-p{r[1]}-{r[2][:24]}" for r in ROWS])
def test_sample_locator(session, file_name, page, text, stored, uncertain, suggestion):
    doc = next(d for d in session.catalog().documents() if d.file_name == file_name)
    clip = clip_ops.clip_typed_text(session, doc.id, text, page_index=page - 1)
    status = clip_ops.locator_status(session, clip.id)
    assert (clip.locator_auto, status.uncertain, status.suggestion) == \
        (stored, uncertain, suggestion)
    assert status.locator == stored
    if uncertain:
        assert status.reason  # the user is told why
        assert status.source == "none"


def test_report_has_no_year_paragraph(session):
    """No locator anywhere in the report reads a year as a paragraph number."""
    from briefer.core.clips.locators import locate

    doc = next(d for d in session.catalog().documents() if d.file_name == REPORT)
    pages = [p.text for p in session.catalog().pages(doc.id)]
    for pi, text in enumerate(pages):
        for k in range(0, len(text) - 20, 40):
            loc = locate(pages, pi, k, k + 20, doc_type=doc.doc_type, title=doc.title)
            assert "2026" not in loc.text and "2025" not in loc.text, (pi, k, loc)


def test_year_numbers_count_only_in_sequence():
    """A code's article 2026 between 2025 and 2027 is a number; a wrapped year is not."""
    from briefer.core.clips.structure import build_tree

    code = ("2025. Delivery.—The seller shall deliver the goods.\n"
            "2026. Risk.—The risk passes on delivery, as agreed\n"
            "by the parties in writing.\n"
            "2027. Price.—The buyer shall pay the price.\n")
    tree = build_tree([code], doc_type="law")
    at = code.index("The risk passes")
    assert tree.locate(0, at, at + 10).text == "Section 2026"
    wrapped = ("These rules were notified on 28 January\n"
               "2026. They bind every company.\n"
               "1. Scope.—They apply to every platform.\n"
               "2. Orders.—An order shall be in writing.\n")
    tree = build_tree([wrapped], doc_type="rule")
    at = wrapped.index("They bind")
    assert tree.locate(0, at, at + 9).text == ""
    at = wrapped.index("An order")
    loc = tree.locate(0, at, at + 8)
    assert (loc.text, loc.uncertain) == ("Rule 2", False)  # numbering does not "start again"
