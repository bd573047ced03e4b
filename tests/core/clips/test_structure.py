"""The provision tree on page texts shaped like real laws, judgments and reports."""

from __future__ import annotations

from briefer.core.clips.structure import build_tree, tree_for

ACT = [
    # an arrangement of sections that lists every number first
    "THE EXAMPLE ACT, 2016\nCONTENTS\nCHAPTER I\nPRELIMINARY\n1. Short title\n2. Definitions\n"
    "2A. Establishment of the Authority\n3. Unauthorized access\n19. Interception\n"
    "20. Dignity of a natural person\n55. Savings\nPage 1 of 4",
    "Page 2 of 4\nTHE EXAMPLE ACT, 2016\nCHAPTER I\nPRELIMINARY\n"
    "1. Short title.\u2014 (1) This Act may be called the Example Act, 2016.\n"
    "(2) It extends to the whole of Exampleland.\n"
    "2. Definitions.\u2014 (1) In this Act, unless there is anything repugnant,\u2014\n"
    "(i) \u201cact\u201d includes\u2014\n(a) a series of acts or omissions; or\n"
    "(b) causing an act to be done by a person;\n"
    "(ii) \u201caccess to data\u201d means gaining control of data;\n"
    "1\n[(iia) \u201caspersion\u201d means spreading false information;]\n"
    "(iii) \u201cauthorization\u201d means authorization by law:\n"
    "Provided that open access shall be deemed to be authorized;\n"
    "(iv) \u201cCode\u201d means the Code of Criminal Procedure.\n"
    "1 Ins. by Act No. II of 2025, s.2.",
    "Page 3 of 4\n1\n[CHAPTER-1A\nAUTHORITY\n2A. Establishment of the Authority.\n"
    "__ (1) The Federal Government shall establish an Authority.\n"
    "(2) The Authority shall be a body corporate.\nCHAPTER II\nOFFENCES\n"
    "3. Unauthorized access.\u2014Whoever gains unauthorized access shall be punished.\n"
    "Explanation.\u2014 Access includes remote access.\n"
    "19. Interception.\u2014Whoever intercepts\u2014\n(a) any transmission; or\n"
    "(b) electromagnetic emissions,\nshall be punished.\n"
    "20. Dignity of a natural person.\u2014 (1) Whoever intentionally and publicly exhibits "
    "false information shall be punished:\n"
    "Provided that nothing under this sub-section shall apply to broadcast media.\n"
    "Provided further that a licensee is not liable.\n"
    "(2) Any aggrieved person may apply to the Authority for removal of such information "
    "referred to in sub-section",
    "Page 4 of 4\n(1) and the Authority shall pass such orders as deemed reasonable.\n"
    "55. Savings.\u2014Nothing in this Act affects other laws.\nTHE SCHEDULE\n"
    "1. Fees payable for a licence are set out below.\n2. Fees are paid in advance.",
]


def _at(tree, pages, page, text):
    a = pages[page].index(text)
    return tree.locate(page, a, a + len(text))


def test_contents_are_skipped_and_every_kind_of_provision_is_found():
    tree = build_tree(ACT, doc_type="law")
    want = {
        (1, "It extends to the whole"): "Section 1(2)",
        (1, "a series of acts"): "Section 2(1)(i)(a)",
        (1, "\u201caspersion\u201d means"): "Section 2(1)(iia)",
        (1, "open access shall be deemed"): "Section 2(1)(iii), proviso",
        (1, "\u201cCode\u201d means"): "Section 2(1)(iv)",
        (2, "shall establish an Authority"): "Section 2A(1)",
        (2, "Access includes remote access"): "Section 3, Explanation",
        (2, "electromagnetic emissions"): "Section 19(b)",
        (2, "intentionally and publicly exhibits"): "Section 20(1)",
        (2, "nothing under this sub-section"): "Section 20(1), proviso",
        (2, "a licensee is not liable"): "Section 20(1), second proviso",
        # a page that starts with "(1) and …" continues sub-section (2)
        (3, "shall pass such orders"): "Section 20(2)",
        (3, "Nothing in this Act affects"): "Section 55",
        (3, "Fees are paid in advance"): "Schedule, para 2",
    }
    for (page, text), label in want.items():
        loc = _at(tree, ACT, page, text)
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)
    contents = _at(tree, ACT, 0, "Dignity of a natural person")
    assert contents.text == "" and contents.uncertain and "contents" in contents.reason


def test_provisions_carry_kind_path_page_and_offsets():
    tree = build_tree(ACT, doc_type="law")
    [s20] = tree.find("Section 20")
    assert (s20.kind, s20.path, s20.label) == ("unit", ("20",), "Section 20")
    assert s20.page_start == 2 and s20.page_end == 3
    assert ACT[2][s20.start[1]:].startswith("20. Dignity")
    [sub] = tree.find("s. 20(1)")
    assert sub.kind == "list" and sub.parent is s20 and sub.path == ("20", "1")
    assert sub.start > s20.start and sub.end <= s20.end
    assert [p.label for p in tree.find("2(1)(i)(a)")] == ["Section 2(1)(i)(a)"]
    assert tree.find("Article 99") == []
    assert [c.kind for c in tree.find("20(1)")[0].children] == ["proviso", "proviso"]
    chapters = [p.label for p in tree.provisions if p.kind == "chapter"]
    assert "Chapter 1A" in chapters and "Chapter II" in chapters


def test_ranges_across_siblings_and_units():
    tree = build_tree(ACT, doc_type="law")
    p = ACT[1]
    a = p.index("This Act may be called")
    b = p.index("whole of Exampleland") + 5
    assert tree.locate(1, a, b).text == "Section 1(1)\u2013(2)"
    q = ACT[2]
    assert tree.locate(2, q.index("Whoever gains"), q.index("Whoever intercepts") + 8).text == \
        "Sections 3\u201319"


def test_a_skipped_number_makes_the_locator_uncertain():
    # a skip in a list of clauses, or a sub-section number on a line that does not open a
    # sentence after one that ended, may belong to another list
    pages = ["5. Powers.\u2014(1) The Coordinator may\u2014\n(a) act; and\n(b) record reasons;"
             "\n(d) an order lapses after thirty days.\n(2) He shall record reasons, and\n"
             "(4) an order lapses after thirty days.\n6. Appeals.\u2014Any person may appeal."]
    tree = build_tree(pages, doc_type="rule")
    loc = _at(tree, pages, 0, "(d) an order lapses")
    assert loc.uncertain and loc.text == "Rule 5(1)(d)" and "not consistent" in loc.reason
    loc = _at(tree, pages, 0, "(4) an order lapses")
    assert loc.uncertain and loc.text == "Rule 5(4)" and "not consistent" in loc.reason
    assert _at(tree, pages, 0, "He shall record").text == "Rule 5(2)"
    assert not _at(tree, pages, 0, "Any person may appeal").uncertain


def test_a_sub_section_after_an_omitted_one_is_cited_as_printed():
    # "(3)" omitted by an amendment (or misprinted): "(4)" opens a sentence after one that
    # ended, so it is sub-section 7 as the page prints it, not a doubt
    pages = ["42. Cooperation.\u2014(1) The Government may cooperate.\n"
             "(2) The Government may refuse a request, if,\u2014\n"
             "(a) it would prejudice sovereignty;\n(b) the offence is political.\n"
             "(c) Where the Government decides to cooperate, safeguards shall be followed.\n"
             "(4) The designated agency shall maintain a register of requests.\n"
             "43. Offences.\u2014(1) All offences are bailable.\n(2) Some offences are not "
             "bailable under sub-section\n(4) of section 9.\n(4) Nothing here applies."]
    tree = build_tree(pages, doc_type="law")
    loc = _at(tree, pages, 0, "maintain a register")
    assert (loc.text, loc.uncertain) == ("Section 42(4)", False)
    # a wrapped cross-reference "(4) of section 9." is not a sub-section; "(4)" after "(2)"
    # on a line after a sentence that ended is
    assert _at(tree, pages, 0, "of section 9").text == "Section 43(2)"
    loc = _at(tree, pages, 0, "Nothing here applies")
    assert (loc.text, loc.uncertain) == ("Section 43(4)", False)


def test_numbering_that_starts_again_is_uncertain():
    pages = ["1. The petitioner seeks relief against the order of the Authority passed "
             "without hearing him at all.\n2. The respondents oppose the petition and say the "
             "order was lawful and properly made.\n"
             "1. Notice was issued in the year of the first petition filed before us.\n"
             "2. Reply was filed late by the respondents in this matter before the Court."]
    tree = build_tree(pages, doc_type="judgment")
    assert _at(tree, pages, 0, "The respondents oppose").text == "para 2"
    late = _at(tree, pages, 0, "Reply was filed late")
    assert late.uncertain


def test_judgment_paragraph_one_is_unnumbered():
    pages = ["IN THE HIGH COURT OF SINDH, KARACHI\nC.P. No. D-1 of 2020\nO R D E R\n"
             "JOHN DOE, J: - Through this petition the petitioner challenges an order.\n"
             "The order was passed without notice.\n"
             "2. The respondents say the order was lawful and that the petition fails.\n"
             "3. We have heard the learned counsel for the parties at length today."]
    tree = build_tree(pages, doc_type="judgment")
    assert _at(tree, pages, 0, "passed without notice").text == "para 1"
    assert _at(tree, pages, 0, "We have heard").text == "para 3"


def test_numbered_headings_of_a_report_are_not_paragraphs():
    pages = ["1. Introduction\nThis report describes the methodology of our assessment.\n"
             "2. Methodology\nWe identified risks with our teams.\n3. Findings\n"
             "We found that mitigations work."]
    tree = build_tree(pages, doc_type="report")
    loc = _at(tree, pages, 0, "We identified risks")
    assert loc.text == ""


def test_illustrations_and_exceptions_of_a_penal_code():
    pages = ["499. Defamation.\u2014Whoever makes an imputation intending to harm defames.\n"
             "Explanation 1.\u2014It may amount to defamation to impute anything to a deceased "
             "person.\nIllustrations\n(a) A says Z is honest, meaning he is not.\n"
             "(b) A points to Z.\nFirst Exception.\u2014It is not defamation to impute "
             "anything which is true.\nSecond Exception.\u2014Public conduct of public "
             "servants is open to comment."]
    tree = build_tree(pages, doc_type="law")
    assert _at(tree, pages, 0, "A points to Z").text == "Section 499, Illustration (b)"
    assert _at(tree, pages, 0, "deceased").text == "Section 499, Explanation 1"
    assert _at(tree, pages, 0, "which is true").text == "Section 499, Exception 1"
    assert _at(tree, pages, 0, "open to comment").text == "Section 499, Exception 2"


def test_tree_for_is_cached_by_text():
    a = tree_for(ACT, doc_type="law")
    assert tree_for(list(ACT), doc_type="law") is a
    assert tree_for(ACT[:2], doc_type="law") is not a


def test_a_marker_two_lists_could_take_is_read_by_the_one_after_it():
    clauses = "\n".join(f"({c}) clause {c} of the list;" for c in "abcdefgh")
    as_clause = [f"7. Duties.\u2014A company shall\u2014\n{clauses}\n(i) keep records;\n"
                 "(j) report yearly."]
    tree = build_tree(as_clause, doc_type="law")
    assert _at(tree, as_clause, 0, "keep records").text == "Section 7(i)"
    as_sub = [f"7. Duties.\u2014A company shall\u2014\n{clauses}\n(i) keep records;\n"
              "(ii) keep accounts."]
    tree = build_tree(as_sub, doc_type="law")
    assert _at(tree, as_sub, 0, "keep records").text == "Section 7(h)(i)"
    assert _at(tree, as_sub, 0, "keep accounts").text == "Section 7(h)(ii)"
