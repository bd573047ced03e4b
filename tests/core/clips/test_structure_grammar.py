"""The provision grammar is declared (kinds, markers, what each may contain) and the tree
built from a document keeps to it."""

from __future__ import annotations

from briefer.core.clips.structure import CONTAINS, GRAMMAR, build_tree, may_contain

ACT = ["1. Short title.\u2014(1) This Act may be called the Example Act.\n"
       "(2) It extends to the whole of Exampleland.\nPART II\nOFFENCES\nCHAPTER III\nPENALTIES\n"
       "2. Offence.\u2014(1) Whoever does wrong shall be punished,\u2014\n(a) with a fine; or\n"
       "(b) with imprisonment:\nProvided that a child shall not be imprisoned.\n"
       "Explanation.\u2014Wrong includes omission.\n3. Savings.\u2014Nothing here applies.",
       "THE FOURTH SCHEDULE\n[See section 2]\nPART I\n1. The application shall be in writing."
       "\nPART II\n2. After examining the request of the applicant, the Judge may issue it."]


def test_every_kind_the_issue_names_is_declared_with_its_markers_and_contents():
    for name in ("part", "chapter", "section", "subsection", "clause", "subclause", "proviso",
                 "explanation", "exception", "illustration", "schedule", "paragraph"):
        kind = GRAMMAR[name]
        assert kind.markers and kind.node
    assert may_contain(None, "part") and may_contain("part", "chapter")
    assert may_contain("chapter", "unit") and not may_contain("chapter", "part")
    assert may_contain("unit", "list") and may_contain("list", "proviso")
    assert not may_contain("list", "unit") and not may_contain("proviso", "unit")
    assert "schedule" not in CONTAINS["schedule"]


def test_the_tree_keeps_to_the_grammar():
    tree = build_tree(ACT, doc_type="law")
    for p in tree.provisions:
        assert may_contain(p.parent.kind if p.parent else None, p.kind), (p.label, p.parent)


def test_a_part_inside_a_schedule_is_the_schedules():
    tree = build_tree(ACT, doc_type="law")
    page = ACT[1]
    for text, label in (("in writing", "Fourth Schedule, para 1"),
                        ("examining the request", "Fourth Schedule, para 2"),
                        ("PART II", "Fourth Schedule, Part II")):
        a = page.index(text)
        loc = tree.locate(1, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)
    a = ACT[0].index("Whoever does wrong")
    assert tree.locate(0, a, a + 10).text == "Section 2(1)"
    assert [p.label for p in tree.provisions if p.kind == "chapter"] == ["Chapter III"]
    assert tree.find("2")[0].parent.label == "Chapter III"


def test_the_text_of_a_schedules_part_without_paragraphs_is_cited_by_the_part():
    pages = ["1. Short title.\u2014This Act may be called the Example Act.\n"
             "2. Warrants.\u2014A warrant shall be in the form of the Fourth Schedule.",
             "THE FOURTH SCHEDULE\n[See section 2]\nPART I\n(to be filled by the applicant)\n"
             "1. The application shall be in writing.\nPART II\n(For official use only)\n"
             "After examining the request of the applicant, the Court is satisfied.\n"
             "Signed\nJudge"]
    tree = build_tree(pages, doc_type="law")
    a = pages[1].index("After examining")
    loc = tree.locate(1, a, a + 30)
    assert (loc.text, loc.uncertain) == ("Fourth Schedule, Part II", False)
