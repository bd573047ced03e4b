"""The provision tree by kind of document: schedules entered only at their heading,
statutes quoted in judgments, illustrations under an exception, prose without numbering."""

from __future__ import annotations

from briefer.core.clips.structure import build_tree


def _at(tree, pages, page, text):
    a = pages[page].index(text)
    return tree.locate(page, a, a + len(text))


CONSTITUTION = [
    "198. Seat of the High Court.\u2014(1) Each High Court shall have its principal seat "
    "at its capital.\n(2) The Judges shall make oath in the form set out in the\n"
    "Third Schedule.\n"
    "199. Jurisdiction of High Court.\u2014(1) A High Court may, if satisfied that no "
    "other adequate remedy is provided by law,\u2014\n(a) on the application of any "
    "aggrieved party, make an order\u2014\n(i) directing a person to refrain from doing "
    "that which he is not permitted by law to do; or\n(ii) declaring that an act done "
    "by a person has been done without lawful authority;\n"
    "(2) Nothing in this Article shall apply to the armed forces.\n"
    "43. [Petition to High Court.] Omitted by A.O. 1949,\nSchedule.\n",
    "200. Transfer of High Court Judges.\u2014The President may transfer a Judge.\n"
    "THE THIRD SCHEDULE\n[See Article 42]\n"
    "1. I do solemnly swear that I will bear true faith and allegiance.\n"
    "2. That I will discharge my duties honestly.\n",
]


def test_a_schedule_named_in_running_text_is_not_entered():
    tree = build_tree(CONSTITUTION, doc_type="law", title="The Constitution of Exampleland")
    got = _at(tree, CONSTITUTION, 0, "has been done without lawful authority")
    assert (got.text, got.uncertain) == ("Article 199(1)(a)(ii)", False)
    assert _at(tree, CONSTITUTION, 0, "armed forces").text == "Article 199(2)"
    got = _at(tree, CONSTITUTION, 1, "may transfer a Judge")
    assert (got.text, got.uncertain) == ("Article 200", False)
    # the heading of its own line is a schedule, and its paragraphs number themselves
    got = _at(tree, CONSTITUTION, 1, "discharge my duties")
    assert (got.text, got.uncertain) == ("Third Schedule, para 2", False)
    assert [p.label for p in tree.provisions if p.kind == "schedule"] == ["Third Schedule"]


def test_a_judgment_has_no_schedule_of_its_own():
    pages = ["IN THE HIGH COURT OF SINDH, KARACHI\nC.P. No. D-1 of 2020\nO R D E R\n"
             "JOHN DOE, J: - Through this petition the petitioner challenges an order.\n"
             "2. The offence is listed in the Schedule to the Act, which reads:\n"
             "FOURTH SCHEDULE\n"
             "3. The respondents say the order was lawful and that the petition fails.\n"
             "4. We have heard the learned counsel for the parties at length today."]
    tree = build_tree(pages, doc_type="judgment")
    got = _at(tree, pages, 0, "We have heard")
    assert (got.text, got.uncertain) == ("para 4", False)


JUDGMENT = [
    "IN THE HIGH COURT OF SINDH, KARACHI\nC.P. No. D-2 of 2021\nJ U D G M E N T\n"
    "JANE ROE, J: - The petitioner seeks bail after arrest in a case of theft.\n"
    "2. Learned counsel relies on section 497 of the Code, which reads:\n"
    "\u201c497. When bail may be taken.\u2014(1) When any person accused of a "
    "non-bailable offence is arrested he may be released on bail:\n"
    "Provided that the Court may direct that any person under the age of sixteen years "
    "be released on bail.\n(2) If it appears that there are no reasonable grounds, the "
    "accused shall be released.\u201d\n"
    "3. We have heard the learned counsel for the parties at length today. Section 17 "
    "of the Ordinance reads as under:-\n"
    "(1) No person shall be arrested without a warrant.\n"
    "(2) Explanation.\u2014Arrest includes detention.\n"
    "4. For these reasons we order that:\n(a) the petitioner be released on bail;\n"
    "(b) the trial court conclude the trial within three months.",
]


def test_a_statute_quoted_in_a_judgment_stays_in_the_judgments_paragraph():
    tree = build_tree(JUDGMENT, doc_type="judgment")
    for text in ("under the age of sixteen years", "no reasonable grounds",
                 "non-bailable offence is arrested"):
        got = _at(tree, JUDGMENT, 0, text)
        assert (got.text, got.uncertain) == ("para 2", False), text
    assert _at(tree, JUDGMENT, 0, "We have heard").text == "para 3"
    assert _at(tree, JUDGMENT, 0, "Arrest includes detention").text == "para 3"
    # the court's own sub-paragraphs are still followed
    assert _at(tree, JUDGMENT, 0, "conclude the trial").text == "para 4(b)"


def test_an_illustration_under_an_exception_is_cited_with_the_exception():
    pages = ["499. Defamation.\u2014Whoever makes an imputation intending to harm defames.\n"
             "Explanation 1.\u2014It may amount to defamation to impute anything to a deceased "
             "person.\nIllustrations\n(a) A says Z is honest, meaning he is not.\n"
             "(b) A points to Z.\n",
             "Fifth Exception.\u2014It is not defamation to express an opinion on the merits "
             "of a case decided by a Court.\n"
             "Sixth Exception.\u2014It is not defamation to express in good faith any opinion "
             "respecting the merits of any performance submitted to the public.\n"
             "Illustrations\n(a) A person who publishes a book submits it to the public.\n"
             "(b) A says of a book published by Z that it is a foolish book.\n"
             "Seventh Exception.\u2014Censure by one in lawful authority is not defamation."]
    tree = build_tree(pages, doc_type="law")
    got = _at(tree, pages, 1, "it is a foolish book")
    assert (got.text, got.uncertain) == ("Section 499, Exception 6, Illustration (b)", False)
    assert _at(tree, pages, 0, "A points to Z").text == "Section 499, Illustration (b)"
    assert _at(tree, pages, 1, "lawful authority").text == "Section 499, Exception 7"


SUBSECTIONS = [
    "9. Legal recognition of offences.\u2014(1)\nNotwithstanding anything in any other law, "
    "an offence shall not be denied recognition.\n"
    "(2) References to property in any law include information systems.\n"
    "17. Interim orders.\u2014(l) In any proceedings the Court may make an interim order.\n"
    "(2) Where the Court makes an interim order, it may give directions.\n"
    "18. Savings of powers.\u2014 1\n[(1)] Nothing in this Act shall affect lawful powers.\n"
    "1\n[(2) Any rules made under the repealed law shall continue in force.]\n"
    "19. Duty of District\n[Coordination Officer] and other officers.\u2013 (1) The officer "
    "shall inquire into the matter.\n"
    "(2) It shall be the duty of every officer to assist him.\n"
    "1 Subs. by Act No. I of 2020.",
]


def test_a_sub_section_after_a_heading_that_ends_its_line_keeps_its_number():
    tree = build_tree(SUBSECTIONS, doc_type="law")
    want = {
        "References to property": "Section 9(2)",
        "denied recognition": "Section 9(1)",
        "it may give directions": "Section 17(2)",
        "may make an interim order": "Section 17(1)",
        "shall continue in force": "Section 18(2)",
        "shall affect lawful powers": "Section 18(1)",
        "to assist him": "Section 19(2)",
        "inquire into the matter": "Section 19(1)",
    }
    for text, label in want.items():
        got = _at(tree, SUBSECTIONS, 0, text)
        assert (got.text, got.uncertain) == (label, False), text


def test_a_section_quoted_between_a_judgments_paragraphs_is_not_a_paragraph():
    pages = ["IN THE HIGH COURT OF SINDH, KARACHI\nCriminal Bail Application No. 5 of 2022\n"
             "O R D E R\nJOHN DOE, J: - The applicant seeks post-arrest bail in a narcotics "
             "case.\n"
             "2. Learned counsel submits that the punishment provided is not severe at all.\n"
             "382 PLD 2020 Karachi\n"
             "3. Learned A.P.G opposes the application on the ground of recovery made.\n"
             "4. Heard the learned counsel for the parties and perused the record.\n"
             "5. It appears that the applicant possessed the substance. Section 8 reads:\n"
             "8. (1) Whoever contravenes the provisions of sections 3, 4 and 5 shall be "
             "punished with imprisonment.\n"
             "6. Prima facie, the punishment under section 8 does not fall within the "
             "prohibitory clause.\n"
             "7. The applicant is admitted to bail on furnishing solvent surety."]
    tree = build_tree(pages, doc_type="judgment")
    got = _at(tree, pages, 0, "Whoever contravenes")
    assert (got.text, got.uncertain) == ("para 5", False)
    for text, label in (("Prima facie", "para 6"), ("admitted to bail", "para 7"),
                        ("opposes the application", "para 3")):
        got = _at(tree, pages, 0, text)
        assert (got.text, got.uncertain) == (label, False), text


def test_a_judgment_without_numbered_paragraphs_gets_no_confident_paragraph():
    prose = "".join(f"The witness number {k} deposed about the events of that night at the "
                    "house.\n" for k in range(70))
    pages = ["IN THE HIGH COURT OF SINDH, KARACHI\nCriminal Appeal No. 9 of 2013\n"
             "J U D G M E N T\nJOHN DOE, J: - The appellant was convicted of murder.\n" + prose,
             "The medical officer found these injuries:\n"
             "1. Punctured fire arm wound irregular in pattern over the chest.\n"
             "2. Punctured fire arm wound one cm in diameter with averted margins.\n"
             "The appeal is dismissed."]
    tree = build_tree(pages, doc_type="judgment")
    got = _at(tree, pages, 1, "one cm in diameter")
    assert got.text == "" or got.uncertain


def test_hyphenated_section_numbers_and_a_stray_that_goes_back():
    pages = ["33. Fencing of machinery.\u2014(1) Every dangerous part shall be fenced.\n"
             "(2) The Government may make rules.\n"
             "33-A. Hoists and lifts -\n(1) In every factory every hoist shall be sound.\n"
             "(2) Every hoist shall be examined every six months.\n"
             "34. Overcrowding.\u2014No room shall be overcrowded.\n"
             "35. Exemptions.\u2014(1) The Government may exempt factories.\n"
             "(2) Workers in boiler-houses may be exempted from the provisions of section\n"
             "33.\n(3) Rules made under sub-section (2) shall be published, which applies.\n"
             "36. Drinking water.\u2014Every factory shall provide drinking water."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("examined every six months", "Section 33-A(2)"),
                        ("every hoist shall be sound", "Section 33-A(1)"),
                        ("which applies", "Section 35(3)"),
                        ("provide drinking water", "Section 36")):
        got = _at(tree, pages, 0, text)
        assert (got.text, got.uncertain) == (label, False), text


def test_report_prose_gets_no_section_or_paragraph():
    pages = ["Transparency report for the second half of 2025\n"
             "We received 412 orders in this period and acted on all of them as the law "
             "requires under\nSection 3. The orders came mostly from the regulator in the "
             "capital, as in earlier periods.\n"
             "Most orders concerned content that was already removed before we got it and "
             "only\n3. Of these, none were appealed by the users concerned in any way.\n"
             "We publish this report every six months."]
    for kind in ("report", "statement"):
        tree = build_tree(pages, doc_type=kind)
        for text in ("The orders came mostly", "none were appealed", "every six months"):
            got = _at(tree, pages, 0, text)
            assert got.text == "", (kind, text, got)


def test_a_hyphenated_section_is_found_as_printed_or_without_the_hyphen():
    pages = ["33. Fencing.\u2014Every part shall be fenced.\n"
             "33-A. Hoists and lifts -\n(1) Every hoist shall be sound.\n"
             "(2) Every hoist shall be examined.\n"
             "33- B. Rules.\u2014The Government may make rules requiring that -\n"
             "(1) in any factory devices shall be adopted; and\n"
             "(2) work shall not begin until a certificate is sent.\n"
             "34. Overcrowding.\u2014No room shall be full."]
    tree = build_tree(pages, doc_type="law")
    assert [p.label for p in tree.find("s. 33-A(2)")] == ["Section 33-A(2)"]
    assert [p.label for p in tree.find("Section 33A(2)")] == ["Section 33-A(2)"]
    got = _at(tree, pages, 0, "until a certificate is sent")  # "33- B." is 33-B
    assert (got.text, got.uncertain) == ("Section 33-B(2)", False)


def test_a_schedule_heading_in_title_case_with_its_reference_is_entered():
    pages = ["1. Short title.\u2014This Act may be called the Example Act.\n"
             "2. Fees.\u2014Fees are payable as set out in the\nFirst Schedule.\n"
             "3. Repeal.\u2014The Old Act is repealed.\n",
             "First Schedule\n[See section 2]\n1. A licence costs one hundred rupees.\n"
             "2. A renewal costs fifty rupees.\n"
             "Second Schedule [See section 3]\n1. The Old Act, 1890."]
    tree = build_tree(pages, doc_type="law")
    assert _at(tree, pages, 0, "The Old Act is repealed").text == "Section 3"
    assert _at(tree, pages, 1, "renewal costs").text == "First Schedule, para 2"
    assert _at(tree, pages, 1, "The Old Act, 1890").text == "Second Schedule, para 1"


def test_a_number_that_completes_a_reference_on_the_line_before_is_not_a_section():
    pages = ["9. Judge to issue warrant.\u2014(1) The Judge shall hear the application.\n"
             "(2) The Judge shall pass appropriate orders under Section\n"
             "11. The file shall then be returned to the applicant.\n"
             "10. Considerations.\u2014(1) The Judge shall consider the grounds.\n"
             "11. Issuance of warrant.\u2014The Judge may issue the warrant."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("The file shall then be returned", "Section 9(2)"),
                        ("shall consider the grounds", "Section 10(1)"),
                        ("may issue the warrant", "Section 11")):
        got = _at(tree, pages, 0, text)
        assert (got.text, got.uncertain) == (label, False), text


def test_numbered_amendment_footnotes_are_not_sections():
    pages = ["3. Establishment.\u2014(1) The Government shall establish a Fund.\n"
             "(2) The Fund shall be a body corporate.\n"
             "1. Substituted vide Ordinance No. XC of 2002 dated 26-10-2002.\n"
             "2. Inserted by Ordinance No. X of 2002 dated 26-10-2002.",
             "(3) The Fund may sue and be sued.\n"
             "4. Board.\u2014The Fund shall be run by a Board."]
    tree = build_tree(pages, doc_type="law")
    got = _at(tree, pages, 1, "may sue and be sued")
    assert (got.text, got.uncertain) == ("Section 3(3)", False)
    got = _at(tree, pages, 1, "run by a Board")
    assert (got.text, got.uncertain) == ("Section 4", False)


def test_a_heading_that_names_a_kind_of_provision_still_opens_the_next_unit():
    pages = ["4. Scope.\u2014These rules apply to all licensees.\nCHAPTER II\nRULES\n"
             "5. Licences.\u2014(1) No person shall operate without a licence.\n"
             "Rules\n6. Applications.\u2014An application is made in writing."]
    tree = build_tree(pages, doc_type="rule")
    assert _at(tree, pages, 0, "operate without a licence").text == "Rule 5(1)"
    assert _at(tree, pages, 0, "made in writing").text == "Rule 6"


def test_a_section_heading_quoted_in_a_judgment_is_not_a_unit():
    pages = ["IN THE HIGH COURT OF SINDH, KARACHI\nC.P. No. D-3 of 2022\nO R D E R\n"
             "JOHN DOE, J: - The petitioner challenges a notice issued to him.\n"
             "2. The notice was issued under the Ordinance, whose relevant part says:\n"
             "Section 3:- Whoever contravenes this Ordinance shall be punished.\n"
             "3. We have heard the learned counsel for the parties at length today."]
    tree = build_tree(pages, doc_type="judgment")
    got = _at(tree, pages, 0, "Whoever contravenes")
    assert (got.text, got.uncertain) == ("para 2", False)
    got = _at(tree, pages, 0, "We have heard")
    assert (got.text, got.uncertain) == ("para 3", False)


def test_the_judges_signature_and_date_close_the_last_paragraph():
    pages = ["O R D E R\nJOHN DOE, J: - Through this appeal the appellant challenges his "
             "conviction.\n2. The prosecution examined five witnesses at the trial.\n"
             "3. Above are the reasons for my short order dated 14.04.2022, whereby the "
             "appeal was allowed.\nLarkana, the 14th April, 2022. JUDGE",
             "30. The revision application is dismissed as having become infructuous.\n"
             "Karachi JUDGE\nDated: 22nd March, 2023"]
    tree = build_tree(pages, doc_type="judgment")
    for page, text in ((0, "Larkana, the 14th"), (1, "Karachi JUDGE"), (1, "22nd March")):
        a = pages[page].index(text)
        assert tree.locate(page, a, a + len(text)).text == "", text
    a = pages[0].index("Above are the reasons")
    assert tree.locate(0, a, a + 20).text == "para 3"


def test_a_gazette_numbers_each_of_its_acts_from_one():
    pages = ["ACT No. I OF 1976\nAn Act further to amend the Airlines Act\n"
             "1. Short title.-(1) This Act may be called the Airlines (Amendment) Act.\n"
             "(2) It shall come into force at once.\n2. Amendment of section 2.-In the said "
             "Act a clause shall be inserted.\n3. Repeal.-The Ordinance is hereby repealed.\n"
             "ACT No. IV OF 1976\nAn Act further to amend the Divorce Act\n"
             "1. Short title and commencement.-(1) This Act may be called the Divorce "
             "(Amendment) Act, 1975.\n(2) It shall come into force at once.\n"
             "2. Amendment of section 3.-In the Divorce Act, in section 3,-\n"
             "(a) for clauses (1) and (2) the following shall be substituted;\n"
             "(b) in clause (5), for the word Native the word Pakistani shall be substituted."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("Divorce (Amendment) Act, 1975", "Section 1(1)"),
                        ("the word Pakistani", "Section 2(b)"),
                        ("Ordinance is hereby repealed", "Section 3")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)
    # without an Act's heading between them, numbering that starts again stays doubtful
    one = [pages[0].replace("ACT No. IV OF 1976\nAn Act further to amend the Divorce Act\n",
                            "")]
    a = one[0].index("the word Pakistani")
    assert build_tree(one, doc_type="law").locate(0, a, a + 5).uncertain


def test_ocr_noise_before_a_number_and_a_dot_after_a_marker():
    pages = ["7. Access.- (1) The government shall ensure access.\n(2). The Council shall "
             "develop standards.\n- 8. Protection from abuse.- (1) The government shall "
             "protect persons.\n' 9. Equity in education.- (1) Persons shall have rights.\n"
             "(2) The government shall provide facilities.\n"
             "10.Short title of the Schedule.__\n(1) The Schedule may be called so."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("develop standards", "Section 7(2)"),
                        ("protect persons", "Section 8(1)"),
                        ("shall provide facilities", "Section 9(2)"),
                        ("may be called so", "Section 10(1)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_an_inserted_doubled_letter_clause_follows_its_letter():
    pages = ['2. Definitions.- In this Act,-\n(a) "act" means an act;\n(b) "bond" means a bond;\n'
             '(c) "family" means the wife;\n'
             '[(cc) "Government" means Government of the Punjab;]\n'
             '(d) "nominal wages" means a low wage.']
    tree = build_tree(pages, doc_type="law")
    for text, label in (("Government of the Punjab", "Section 2(cc)"),
                        ("a low wage", "Section 2(d)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_number_ocr_misread_is_read_when_it_is_the_next_one():
    pages = ["9. Registration.- (1) Every marriage shall be registered.\n(2) The registrar "
             "shall keep a register.\nlO. Void marriage.- A marriage shall be declared void on "
             "the conditions specified.\nll, Voidable marriage.- (1) Any marriage may be "
             "annulled on the grounds that\u2014\n(a) the respondent was impotent;\n"
             "(b) consent of the petitioner was obtained by force."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("declared void", "Section 10"),
                        ("obtained by force", "Section 11(1)(b)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_provision_or_item_whose_number_cannot_be_read_makes_the_reading_uncertain():
    # "!1" is 11 as OCR read it: the text after it is not section 10's, whatever follows
    act = ["10. Amendment of section 14.-In the said Act, in section 14, the words shall "
           "be omitted.\n!1. Omission of sections 16 and 17A.-In the said Act, sections 16 "
           "and 17A shall be omitted.\n(b) in the second proviso, the word also shall be "
           "omitted.\n12. Amendment of section 18.-In the said Act the words shall be "
           "substituted."]
    # "(0" is "(c)" as OCR read it
    defs = ["2. Definitions.- In this Act,-\n(a) \"access\" means access;\n(b) \"barriers\" "
            "means hurdles;\n(0 \"disability\" means a long term condition;\n"
            "(d) \"equality\" includes principles of equity."]
    # between 10 and 12 it can only be 11 (read so since the unreadable-number work of
    # issue 17's H11); between 10 and 13 it stays a guess
    act3 = [act[0].replace("12. Amendment", "13. Amendment")]
    for pages, text, label in ((act3, "and 17A shall be omitted", "Section 10"),
                               (act3, "the word also", "Section 10"),
                               (defs, "a long term condition", "Section 2(b)")):
        a = pages[0].index(text)
        loc = build_tree(pages, doc_type="law").locate(0, a, a + len(text))
        assert loc.uncertain and loc.text == label and "cannot be read" in loc.reason, \
            (text, loc)
    a = act[0].index("the words shall be substituted")
    loc = build_tree(act, doc_type="law").locate(0, a, a + 10)
    assert (loc.text, loc.uncertain) == ("Section 12", False)
    a = act[0].index("and 17A shall be omitted")
    loc = build_tree(act, doc_type="law").locate(0, a, a + 10)
    assert (loc.text, loc.uncertain) == ("Section 11", False)


def test_list_bullets_before_markers_and_a_clause_list_that_skips_i():
    clauses = "\n".join(f'\uf0b7 ({c}) "{c}-word" means a thing;' for c in "abcdefgh")
    pages = ["2. Definitions. - In this Act, unless there is anything repugnant in the\n"
             f"subject or context. -\n{clauses}\n"
             '\uf0b7 (j) "factory" means any premises;\n'
             '\u2022 (k) "machinery" includes all plant:\n'
             "Provided that a managing agent shall be deemed the occupier;\n"
             '\uf0b7 (l) "process" means any process -\no (i) for making an article, or\n'
             "o (ii) for pumping oil, water or sewage."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (('"b-word"', "Section 2(b)"), ("any premises", "Section 2(j)"),
                        ("managing agent", "Section 2(k), proviso"),
                        ("pumping oil", "Section 2(l)(ii)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_section_printed_in_brackets_with_its_heading_is_the_next_section():
    pages = ["3. Establishment.- (1) The Government shall establish a fund.\n(2) The fund "
             "shall be financed by grants.\n(4) Administration of the fund. - The fund shall "
             "be administered by a Board for the purposes of\u2014\n(a) financial assistance;"
             "\n(b) free medical treatment.\n5. Board.- (1) The Government shall constitute a "
             "Board.\n(2) Powers of the Board. - The Board may act."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("free medical treatment", "Section 4(b)"),
                        ("shall constitute", "Section 5(1)"),
                        # "(2)" continues section 5's sub-sections, whatever its heading
                        ("The Board may act", "Section 5(2)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_part_or_chapter_heading_is_cited_as_the_part_or_chapter():
    pages = ["PART III\nMARRIAGES SOLEMNIZED BY LICENSED MINISTERS\n12. Notice.- One of the "
             "persons shall give notice.\nCHAPTER \u2013 VII\nBODY CORPORATE\n"
             "13. Incorporation.- The Board shall be a body corporate.\n"
             "CHAPTER IV-A - Holiday with Pay\n14. Holidays.- Every worker shall be allowed "
             "holidays."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("MARRIAGES SOLEMNIZED", "Part III"), ("BODY CORPORATE", "Chapter VII"),
                        ("Holiday with Pay", "Chapter IV-A"),
                        ("body corporate", "Section 13"), ("allowed", "Section 14")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_an_l_for_a_one_opens_the_sub_sections_and_a_bracketed_aside_is_no_broken_item():
    pages = ["2H. Restrictions.\u2014\n(l) The Chairperson shall not engage in any business.\n"
             "(2) No member shall hold another office, and is punishable under the Penal "
             "Code\n(XLV of 1860) with imprisonment for a year."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("shall not engage", "Section 2H(1)"),
                        ("with imprisonment", "Section 2H(2)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_form_after_the_last_section_is_cited_as_the_form():
    pages = ["7. Oath.- (1) Every Member shall take an oath in the Form set out below.\n"
             "8. Rules.- The Government may make rules.",
             "FORM\n(See section 7)\nI, A.B., do solemnly swear that I shall bear true faith;\n"
             "That I will allow no personal interest to influence my conduct."]
    tree = build_tree(pages, doc_type="law")
    a = pages[1].index("no personal interest")
    loc = tree.locate(1, a, a + 20)
    assert (loc.text, loc.uncertain) == ("Form", False)
    a = pages[0].index("in the Form set out")
    assert tree.locate(0, a, a + 10).text == "Section 7(1)"


def test_an_explanation_of_a_sub_section_or_a_clause_is_cited_there():
    pages = ["47. Extra pay for overtime.- (1) Where a worker works overtime he shall be paid "
             "twice his rate.\nExplanation. - In this sub-section, ordinary rate of pay means "
             "all remuneration but does not include -\n(i) the value of any house-"
             "accommodation;\n(ii) any contribution paid to any pension fund.\n(2) The "
             "register shall show the overtime.\n"
             "48. Divorce.- (1) A marriage may be dissolved on the ground that the other party"
             "\u2014\n(a) has,\u2014\n(i) after the marriage had intercourse with another;\n"
             "(ii) deserted the petitioner for two years;\nExplanation.- In this clause, the "
             "expression desertion means desertion without cause;\n(iii) has ceased to be "
             "Hindu by conversion;\n(b) there has been no resumption of cohabitation.\n"
             "Explanation.- Nothing in this section applies to a marriage before this Act."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("ordinary rate of pay", "Section 47(1), Explanation"),
                        ("pension fund", "Section 47(1), Explanation (ii)"),
                        ("register shall show", "Section 47(2)"),
                        ("desertion means", "Section 48(1)(a)(ii), Explanation"),
                        ("ceased to be", "Section 48(1)(a)(iii)"),
                        ("no resumption", "Section 48(1)(b)"),
                        ("Nothing in this section", "Section 48, Explanation")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_syllabus_numbering_does_not_run_into_the_opinion():
    pages = ["Syllabus\nHeld:\n1. The Compact does not pre-empt the water statutes of the "
             "State at all.\n2. The statutes also do not run afoul of the Commerce Clause "
             "in any way.",
             "SUPREME COURT OF THE UNITED STATES\nJUSTICE SOTOMAYOR delivered the opinion of "
             "the Court.\nWe hold that the claims lack merit."]
    tree = build_tree(pages, doc_type="judgment")
    a = pages[1].index("We hold")
    assert tree.locate(1, a, a + 10).text == ""


def test_provisos_without_that_sub_sections_without_brackets_and_a_schedules_stray_number():
    pages = ["46. Hours.- (1) A worker shall not work for more than nine hours:\n"
             "Provided the Government may, by order, direct otherwise.\n"
             "47. Managing Director.- (1) There shall be a Managing Director.\n"
             "2. The Managing Director shall exercise all administrative powers.\n"
             "{(3) The Board may delegate its powers.\n"
             "48. Notice.- (1) Notice shall be given:\nProvided\n"
             "that no lawful impediment be shown.\n"
             "SCHEDULE I\nNotice of marriage\nto be given at the office at\n16, Clive Street "
             "in the district of Calcutta.\n"
             "[The italics in this schedule are to be filled up.]"]
    tree = build_tree(pages, doc_type="law")
    for text, label, sure in (("direct otherwise", "Section 46(1), proviso", True),
                              ("all administrative powers", "Section 47(2)", True),
                              ("delegate its powers", "Section 47(3)", True),
                              ("no lawful impediment", "Section 48(1), proviso", True),
                              ("italics in this schedule", "Schedule I", True)):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, not sure), (text, loc)


def test_a_judgments_footnotes_are_cited_as_notes():
    pages = ["SUPREME COURT\nJUSTICE DOE delivered the opinion of the Court.\nThe Compact's "
             "interpretive comments1 explain that the negotiations were hard.\n"
             "The problem was that the farthest downstream State lacks reservoir sites.\n"
             "1 Interpretive comments were included in the Compact so that future\n"
             "readers might be apprised of the intent of the Committee.",
             "The parties stipulated facts.2 The Court holds for the respondents.\n"
             "On remand, questions remain for the trial court to decide.3\n"
             "4 Justices dissented from the order of the Court in this case.\n"
             "2 The parties have stipulated that the Board will not take action.\n"
             "3 There is, however, one interpretive tool that is inapplicable here."]
    tree = build_tree(pages, doc_type="judgment")
    for page, text, label in ((0, "Interpretive comments were", "n. 1"),
                              (0, "apprised of the intent", "n. 1"),
                              (1, "will not take action", "n. 2"),
                              (1, "interpretive tool", "n. 3"),
                              (0, "farthest downstream", ""),
                              (1, "questions remain", ""),
                              (1, "Justices dissented", "")):
        a = pages[page].index(text)
        loc = tree.locate(page, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_footnotes_are_no_numbering_of_the_text_around_them():
    pages = ["12. The first paragraph of the opinion.\n13. The second paragraph.1\n"
             "1 A note on the first page."] + [
        f"Running text of page {k} of the opinion.2\n2 A note on page {k}." if k == 4 else
        f"Running text of page {k} of the opinion." for k in range(1, 6)]
    tree = build_tree(pages, doc_type="judgment")
    a = pages[5].index("Running text")
    loc = tree.locate(5, a, a + 12)
    assert loc.uncertain and "several pages" in loc.reason
    a = pages[4].index("A note on page")
    assert tree.locate(4, a, a + 10).text == "n. 2"


def test_in_a_damaged_scan_a_unit_with_an_unreadable_number_is_a_guess_throughout():
    pages = ["11. Voidable marriage.- (1) Any marriage may be annulled on the grounds that\u2014\n"
             "(a) the respondent was impotent;\n(b) consent was obtained by force.\n"
             "(0 Notwithstanding anything in sub-section (1), no petition shall lie.\n"
             "12. Divorce.- (1) A marriage may be dissolved.\n(0 A wife may also petition.\n"
             "13. Registration.- (1) Marriages shall be registered.\n0) A register shall "
             "be kept.\n14. Rules.- (1) The Government may make rules."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("obtained by force", "Section 11(1)(b)"),
                        ("no petition shall lie", "Section 11(1)(b)"),
                        ("may be dissolved", "Section 12(1)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert loc.uncertain and loc.text == label, (text, loc)
    a = pages[0].index("may make rules")
    assert not tree.locate(0, a, a + 5).uncertain


def test_a_list_introduced_under_an_item_may_reuse_an_open_style_and_roman_dots():
    pages = ['2. Definitions.- In this Act,-\n(a) "act" means an act;\n'
             '(b) "nominal wages" means a wage which is less than,\u2013\n'
             "(a) the minimum wages fixed by the Government; and\n"
             "(b) where no such minimum wage has been fixed, the usual wages; and\n"
             '(c) "intercepted material" will refer,-\n'
             "(i) for the purposes of surveillance to include,--\n"
             "(a) data in any documented form;\n(b) any other mode of devices;\n"
             "(ii) for the purposes of interception to include calls;\n"
             '(d) "prescribed" means prescribed by rules.\n'
             "7. Council.- (1) The Council shall consist of\u2014\n"
             "i. Minister for Human Rights, Chairperson;\nii. Secretary, Member;\n"
             "iii. One Member of the Senate, Member."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("where no such minimum", "Section 2(b)(b)"),
                        ("any other mode", "Section 2(c)(i)(b)"),
                        ("interception", "Section 2(c)(ii)"),
                        ("prescribed by rules", "Section 2(d)"),
                        ("One Member of the Senate", "Section 7(1)(iii)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_report_with_paragraphs_numbered_by_section():
    pages = ["1. INTRODUCTION\n1.1 Section overview\n1.1.1 This Section provides an overview "
             "of the designation.\n1.1.2 It also explains the role of the company.\n"
             "1.2 The role of ADI\n1.2.1 ADI is a company registered in Ireland.\n"
             "1.2.2 As such, its board is the management body, as set out in 5.2.1 below.\n"
             "5.2.1 above is cited here only as a reference at a line's start.\n"
             "1.2.3 Although ADI is responsible for the store, the right\u2014\n"
             "(a) does not imply a right to contract; and\n(b) is not absolute.\n"
             "2. METHODOLOGY\n2.1 Overview\n2.1.1 The risk assessment was carried out by teams."]
    tree = build_tree(pages, doc_type="report")
    for text, label in (("registered in Ireland", "para 1.2.1"),
                        ("does not imply", "para 1.2.3(a)"),
                        ("carried out by teams", "para 2.1.1"),
                        ("only as a reference", "para 1.2.2")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_syllabus_and_a_list_of_headings_have_no_paragraphs():
    syllabus = ["Syllabus\nNOTE: The syllabus constitutes no part of the opinion of the Court.\n"
                "Held:\n1. The Compact does not pre-empt the state statutes at all, for the "
                "reasons given.\n2. The statutes also do not run afoul of the Commerce Clause "
                "in any way.",
                "JUSTICE DOE delivered the opinion of the Court.\nWe hold that the claims lack "
                "merit."]
    tree = build_tree(syllabus, doc_type="judgment")
    a = syllabus[0].index("do not run afoul")
    assert tree.locate(0, a, a + 10).text == ""
    letter = ["Enclosed is case opening information.\nThe following forms must be filed:\n"
              "1. Application for Admission (if applicable)\n2. Appearance Form\n"
              "3. Civil Information Statement\n4. Disclosure Statement\n"
              "5. Concise Summary of the Case\n6. Transcript Purchase Order Form.\n"
              "Parties who do not intend to participate in the appeal must notify the Court."]
    tree = build_tree(letter, doc_type="judgment")
    a = letter[0].index("Parties who do not")
    assert tree.locate(0, a, a + 10).text == ""


def test_a_bills_statement_of_objects_and_a_run_in_schedule_heading():
    pages = ["35. Removal of difficulties.- The Government may remove difficulties.\n"
             "36. Repeal.- The Ordinance is hereby repealed.\n"
             "Stalquqent of Obieets and Realons\nPakistan is obliged to ensure the rights.\n"
             "2. The Bill seeks to achieve the aforesaid objective.",
             "SCHEDULE IV\n1. Form of notice.\nSCHEDULE V.__\n[ENACTMENTS REPEALED.] Rep. by "
             "the Repealing Act, 1938."]
    tree = build_tree(pages, doc_type="law")
    a = pages[0].index("Pakistan is obliged")
    loc = tree.locate(0, a, a + 10)
    assert loc.text == "" or loc.uncertain
    a = pages[0].index("hereby repealed")
    assert tree.locate(0, a, a + 10).text == "Section 36"
    a = pages[1].index("Rep. by the Repealing")
    assert tree.locate(1, a, a + 10).text == "Schedule V"


def test_ocr_section_numbers_with_a_dash_or_a_letter_for_a_digit():
    pages = ["5. Amendment of section 10.- In the said Act the word shall be substituted.\n"
             "6- A-metrdmetrt ofsection 20. Act XXII of 2018.-ln the said Act, in section 20\u2014"
             "\n(a) in sub-section (1), the words shall be substituted; and\n"
             "(b) in sub-sections (2) and (3) the words Interior Division shall be substituted.\n"
             "7. Amendment of section 21.-In the said Act the word shall be substituted.\n"
             "E. Amendm\u20acnt ofsaction 22, Act XXII of 2018.-ln the said Act the words "
             "relevant department shall be substituted."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("Interior Division", "Section 6(b)"),
                        ("relevant department", "Section 8")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_proviso_that_names_the_clause_before_it_is_that_clauses():
    pages = ["4. Conditions.- A marriage may be solemnized if\u2014\n(a) both are Hindus;\n"
             "(b) both are of sound mind;\n(c) neither has a spouse living;\n"
             "(d) the parties have given their consent:\n"
             "Provided that condition in clause (d) shall not apply to a minor.\n"
             "5. Ceremonies.- (1) A marriage may be solemnized by customary rites:\n"
             "Provided that nothing in this sub-section applies to a minor."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("shall not apply to a minor", "Section 4(d), proviso"),
                        ("nothing in this sub-section", "Section 5(1), proviso")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_an_at_sign_for_a_sub_section_number_is_read_only_as_the_next_one_2():
    pages = ["30. Rehabilitation.- (1) The government shall take all possible measures.\n"
             "(2) The Council shall advise.\n"
             "@ The government shall promote continuing skill development.\n"
             "31. Insurance.- (1) The Council may devise insurance.\n"
             "@ The Council may also insure the families of persons with disabilities."]
    tree = build_tree(pages, doc_type="law")
    a = pages[0].index("continuing skill")  # "@" for "(3)": not read, a guess
    loc = tree.locate(0, a, a + 10)
    assert loc.uncertain and loc.text == "Section 30(2)"
    a = pages[0].index("insure the families")  # "@" where (2) is next: OCR's "(2)"
    assert (tree.locate(0, a, a + 10).text, tree.locate(0, a, a + 10).uncertain) == (
        "Section 31(2)", False)
    a = pages[0].index("devise insurance")
    assert not tree.locate(0, a, a + 10).uncertain


def test_the_words_after_a_lists_last_item_belong_to_the_provision_that_introduced_it():
    pages = ["14. Free consent defined.- Consent is said to be free when it is not caused "
             "by\u2014\n"
             "(1) coercion, as defined in section 15, or\n(2) undue influence, or\n"
             "(3) mistake, subject to the provisions of sections 20, 21 and 22.\n"
             "Consent is said to be so caused when it would not have been given.\n"
             "60. Penalty.- If in any factory\u2014\n(a) any person is not paid, or\n"
             "(b) any child is allowed to work in contravention of\nsection 49-F,\n"
             "the manager shall be punishable with fine.\n"
             "61. Fine.- (1) Whoever\u2014\n(a) does this; or\n(b) does that, or of any rule "
             "made under section 5,\nwhich applies to him; or\n(c) does the other,\n"
             "shall be punished."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("so caused", "Section 14"), ("the manager shall", "Section 60"),
                        ("which applies to him", "Section 61(1)(b)"),
                        ("shall be punished", "Section 61(1)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_last_items_own_words_after_a_comma_stay_in_the_item():
    pages = ["5. Child in need of care.\u2014A child in need of care includes a child who\u2014\n"
             "(a) has been subjected to abuse while in the care of parents; or\n"
             "(b) is unattended, victim of an offence, or such other workers,\n"
             "found begging or lives in an immoral environment.\n"
             "6. Board.\u2014The Board shall be established."]
    tree = build_tree(pages, doc_type="law")
    a = pages[0].index("found begging")
    assert tree.locate(0, a, a + 10).text == "Section 5(b)"


def test_a_wrap_up_after_a_page_break_before_the_next_sub_section():
    pages = ["22. Child pornography.\u2014 (1) Whoever produces material that depicts\u2014\n"
             "(a) a minor engaged in explicit conduct; or\n(b) realistic images of a minor; or\n"
             "(c) discloses the identity of the minor,",
             "Page 23 of 39\nshall be punished with imprisonment for a term which may extend to\n"
             "fourteen years and with fine.\n(2) Any aggrieved person may apply to the Authority."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("fourteen years", "Section 22(1)"),
                        ("Any aggrieved person", "Section 22(2)")):
        a = pages[1].index(text)
        loc = tree.locate(1, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def _filler(n):
    return "".join(f"The parties further undertake the matters set out at item {i} of "
                   "their joint application, without fail.\n" for i in range(n))


def test_an_order_reproduced_over_pages_stays_in_the_paragraph_quoting_it():
    pages = ["IN THE HIGH COURT OF SINDH, KARACHI\nCriminal Appeal No. 1 of 2022\n"
             "J U D G M E N T\nJOHN DOE, J: - Through this appeal the appellant challenges "
             "his conviction.\n2. The details of the compromise were mentioned in the short "
             "order. The said order, which is being reproduced hereunder, shall be\n"
             "deemed to be part and parcel of this judgment:\n"
             "\u201cIn compliance of directions given by the appellant vide order dated "
             "16.05.2024,\n" + _filler(8),
             _filler(30), _filler(30), _filler(30),
             _filler(10) + "Office to place a copy of this order in the connected matter."
             "\u201d\nJUDGE\nKarachi\n20.05.2024\nA note after the judgment that no "
             "paragraph holds, printed below the signature line."]
    tree = build_tree(pages, doc_type="judgment")
    got = _at(tree, pages, 4, "Office to place a copy")
    assert (got.text, got.uncertain) == ("para 2", False)
    got = _at(tree, pages, 3, "item 3 of")
    assert (got.text, got.uncertain) == ("para 2", False)
    # past the quotation's closing mark the old doubt stands
    got = _at(tree, pages, 4, "A note after the judgment")
    assert got.text == "" or got.uncertain


def test_a_paragraph_without_a_closed_quotation_pages_on_is_still_a_guess():
    pages = ["IN THE HIGH COURT OF SINDH, KARACHI\nCriminal Appeal No. 1 of 2022\n"
             "J U D G M E N T\nJOHN DOE, J: - Through this appeal the appellant challenges "
             "his conviction.\n2. The details of the compromise were mentioned in the short "
             "order.\n" + _filler(8), _filler(30), _filler(30), _filler(30),
             _filler(10) + "Office to place a copy of this order in the connected matter.\n"]
    tree = build_tree(pages, doc_type="judgment")
    got = _at(tree, pages, 4, "Office to place a copy")
    assert (got.text, got.uncertain) == ("para 2", True)


def _motion(heading):
    prose = "".join(f"Plaintiffs-Appellees respectfully move for an extension of time of thirty "
                    f"days, reason {i}, to file their answering brief in this appeal.\n"
                    for i in range(70))
    return ["UNITED STATES COURT OF APPEALS FOR THE NINTH CIRCUIT\nNo. 20-16276\n"
            "MOTION FOR AN EXTENSION OF TIME\n" + prose[:len(prose) // 2],
            prose[len(prose) // 2:] + "Counsel for Plaintiffs-Appellees\n",
            heading + "I, Judah Lakin, declare as follows:\n"
            "1. I am a licensed attorney admitted to practice in the State of California.\n"
            "2. I make this declaration in support of the Motion for an Extension of Time.\n"
            "3. The attorneys for Plaintiffs-Appellees are very busy with emergency work.\n"
            "I declare under penalty of perjury under the laws of the United States that the\n"
            "foregoing is true and correct.\n"]


def test_a_declaration_after_a_motion_numbers_its_own_paragraphs():
    pages = _motion("DECLARATION OF JUDAH LAKIN\n")
    tree = build_tree(pages, doc_type="judgment")
    got = _at(tree, pages, 2, "I make this declaration")
    assert (got.text, got.uncertain) == ("para 2", False)
    got = _at(tree, pages, 2, "I declare under penalty")  # the attestation is no paragraph
    assert got.text == "" or got.uncertain


def test_numbers_after_a_motion_without_a_declarations_heading_stay_a_guess():
    pages = _motion("")
    tree = build_tree(pages, doc_type="judgment")
    got = _at(tree, pages, 2, "I make this declaration")
    assert (got.text, got.uncertain) == ("para 2", True)


def test_an_orders_lettered_schedules_are_entered_at_their_headings():
    head = "In re Filters Products Liability Litigation, No. MDL 15-02641\nREMAND ORDER\n"
    pages = [head + "This multidistrict litigation involves personal injury cases.\n"
             "The cases listed on Schedule A should be remanded to the transferor courts.\n"
             "The cases listed on Schedule B should be transferred.\nIT IS SO ORDERED.\n",
             head + "Schedule A \u2013 Cases that Should Be Remanded by the Panel\n"
             "Case Caption Current Case Number Transferor District\n"
             "Jessica Parker v. C. R. Bard, Inc. 2:15-cv-01739 Ala. N.D.\n",
             head + "Schedule B \u2013 Direct-Filed Cases to Be Transferred\n"
             "Case Caption Case Number Transferee District\n"
             "Dianna Roush v. C. R. Bard, Inc. 2:17-cv-01088 W. Va. S.D.\n"]
    tree = build_tree(pages, doc_type="judgment")
    assert _at(tree, pages, 1, "Jessica Parker").text == "Schedule A"
    assert _at(tree, pages, 2, "Dianna Roush").text == "Schedule B"
    # named in the order's text, a schedule is not entered
    assert _at(tree, pages, 0, "should be transferred").text == ""


def test_ocr_misreadings_of_the_next_sub_section_number_are_read_as_it():
    pages = ["5. Registration.- (1) Every marriage shall be registered.\n"
             "l2l The marriage register shall be open for inspection.\n"
             "6. Registrars.- (1) The Government shall appoint registrars.\n"
             "(21 For the purposes of registration, the registrar shall keep a register.\n"
             "7. Petitions.- (1) A husband may present a petition.\n"
             "12) A wife may also present a petition for termination of her marriage.\n"
             "8. Penalty.- (1) Whoever contravenes this Act shall be punished.\n"
             "\\2) Any person who makes a false statement shall be punished.\n"
             "9. Rules.- (1) The Government may make rules.\n"
             "l5l The rules shall be published in the official Gazette."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("open for inspection", "Section 5(2)"),
                        ("shall keep a register", "Section 6(2)"),
                        ("termination of her marriage", "Section 7(2)"),
                        ("makes a false statement", "Section 8(2)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)
    # "l5l" where (2) is next is not read as (5): the reading there is a guess
    a = pages[0].index("published in the official")
    loc = tree.locate(0, a, a + 10)
    assert loc.uncertain and loc.text == "Section 9(1)"


def test_a_proviso_amid_a_clause_list_and_this_clause_explanations_and_a_lost_item():
    pages = ["5. Board.- (1) There shall be a Board.\n(2) The Board shall consist of,-\n"
             "(i) a Chairperson;\n(ii) a Managing Director;\n"
             "(iii) five non-official Members from the Provinces;\n"
             "Provided that at least one of the non-official Members shall be a woman;\n"
             "(iv) a representative of the Ministry of Religious Affairs; and\n"
             "(v) a representative of the Ministry of Minorities Affairs.\n"
             "(3) A wife may present a petition on the grounds,\n"
             "(a) that the husband has neglected her;\n"
             "(b) that her marriage was solemnized before she attained eighteen years;\n"
             "Explanation.- This clausc applies whether the marriage was solemnized before "
             "this Act.\n"
             "6. Termination.- (1) A marriage may be terminated on the ground that the other "
             "party,-\n(a) has,-\n(i) deserted the petitioner;\n"
             "(ii) been of unsound mind;\nExplanation.- In this clause the expression "
             "mental disorder means an illness of mind.\nthe text of a clause whose number the "
             "scan lost, about a persistent disorder of mind;\n"
             "(iv) been suffering from leprosy; or\n(b) that there has been no cohabitation."]
    tree = build_tree(pages, doc_type="law")
    for text, label, unsure in (
            ("at least one of the non-official", "Section 5(2)(iii), proviso", False),
            ("Religious Affairs", "Section 5(2)(iv)", False),
            ("This clausc applies", "Section 5(3)(b), Explanation", False),
            ("deserted the petitioner", "Section 6(1)(a)(i)", False),
            ("a persistent disorder", "Section 6(1)(a)(ii), Explanation", True)):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, unsure), (text, loc)


def test_a_footnote_whose_text_begins_with_a_number():
    pages = ["UNITED STATES COURT OF APPEALS\nMOTION TO STAY BRIEFING\n"
             "Instead, on June 29, 2020\u201461 days1\nafter the class was certified, the "
             "government filed its notice of appeal.\n"
             "3 15 witnesses were heard by the district court over two days.\n"
             "1 60 days after the order fell on a Sunday.\n"]
    tree = build_tree(pages, doc_type="judgment")
    a = pages[0].index("60 days after")
    loc = tree.locate(0, a, a + 20)
    assert (loc.text, loc.uncertain) == ("n. 1", False)
    a = pages[0].index("witnesses were heard")  # no "3" above refers to it: text
    assert tree.locate(0, a, a + 10).text == ""


def test_a_cover_page_after_the_form_is_no_part_of_it():
    pages = ["1. Short title.- This Act may be called the Example Bait Act, 1991.\n"
             "2. Oath.- A Member shall make oath in the Form.\n",
             "FORM\n(See section 2)\nI, , do solemnly swear that I shall bear true faith.\n"
             "That I will allow no personal interest to influence my official conduct.\n",
             "-8-\nTHE\nEXAMPLE BAIT\nACT 1991\nAMENDED\nUpdated Oct 2002\n"]
    tree = build_tree(pages, doc_type="law", title="The Example Bait Act, 1991")
    a = pages[1].index("no personal interest")
    assert tree.locate(1, a, a + 10).text == "Form"
    a = pages[2].index("AMENDED")
    assert tree.locate(2, a, a + 7).text == ""


def test_a_section_number_misread_in_one_digit_where_the_next_is_expected():
    pages = ["11. Health.- (1) The government shall ensure equal access to health.\n"
             "(2) Rehabilitation services shall be provided.\n"
             "72. Right to live independently in community.- (1) The persons with "
             "disabilities shall have equal right to live in the community.\n"
             "13. Education.- (1) Every child shall have access to education.\n"
             "14. Employment.- (1) A quota shall be reserved.\n"
             "18. Sports.- (1) Facilities shall be provided.\n"
             "16. Culture.- The government shall promote culture."]
    tree = build_tree(pages, doc_type="law")
    a = pages[0].index("equal right to live")
    loc = tree.locate(0, a, a + 10)
    assert (loc.text, loc.uncertain) == ("Section 12(1)", False)
    # where the number after it does not follow 12, "72." is not read as 12
    pages = [pages[0].replace("13. Education", "15. Education")]
    tree = build_tree(pages, doc_type="law")
    a = pages[0].index("equal right to live")
    assert tree.locate(0, a, a + 10).text != "Section 12(1)"


def test_a_misread_first_section_number_before_section_2():
    pages = ["A\nBILL\nto provide for solemnization of marriages\nIt is hereby enacted as "
             "follows:-\n1' Short title, extent and commencement.- (1) This\n"
             "Act may be called the Example Marriage Act, 2017.\n12) It extends to the "
             "Islamabad Capital Territory.\n(3) It shall apply to all citizens.\n"
             "(41 It shall come into force at once.\n"
             "2. Definitions.- In this Act,-\n(a) \"Court\" means a Family Court;\n"]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("Act may be called", "Section 1(1)"),
                        ("apply to all citizens", "Section 1(3)"),
                        ("come into force", "Section 1(4)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_an_unreadable_section_number_between_its_neighbours_is_the_missing_one():
    pages = ["ACT No. III of 2022\nIt is hereby enacted as follows:\n"
             "l. Short title and commencement.--(1) This Act shall be called the Example "
             "(Amendment) Act, 2022.\n(2) It shall come into force at once.\n",
             ":. Amendment of section 2, Act XXII of 2018.-In the said Act,\n"
             "in section 2, in clause (n), for the word Government the word Division shall "
             "be substituted.\n"
             "3. Amendment of section 3, Act XXII of 2018.-In the said Act, in section 3, "
             "the word Government shall be omitted.\n"
             "|. Amendment of section 4, Act XXII of 2018.-In the said Act, a word is added.\n"
             "6. Amendment of section 6, Act XXII of 2018.-In the said Act, a word is omitted."]
    tree = build_tree(pages, doc_type="law")
    for page, text, label, unsure in (
            (0, "come into force", "Section 1(2)", False),
            (1, "in clause (n)", "Section 2", False),
            (1, "shall be omitted", "Section 3", False),
            (1, "a word is added", "Section 3", True)):  # between 3 and 6: not read as 4
        a = pages[page].index(text)
        loc = tree.locate(page, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, unsure), (text, loc)


def test_an_explanation_between_two_sub_sections_explains_the_first():
    pages = ["2F. Meetings.- (1) The Authority shall meet at least once a month.\n"
             "(2) Five members shall constitute a quorum for meetings of the Authority.\n"
             "Explanation.\n__ In case of absence of Chairperson, members may elect one member."
             "\n(3) The members shall have seven days notice of a meeting.\n"
             "2G. Powers.- (1) The Authority may issue directions.\n"
             "Explanation.- A direction includes a guideline.\n"]
    tree = build_tree(pages, doc_type="law")
    a = pages[0].index("In case of absence")
    loc = tree.locate(0, a, a + 10)
    assert (loc.text, loc.uncertain) == ("Section 2F(2), Explanation", False)
    a = pages[0].index("seven days notice")
    assert tree.locate(0, a, a + 10).text == "Section 2F(3)"
    a = pages[0].index("includes a guideline")  # after the last sub-section: the section's
    assert tree.locate(0, a, a + 10).text == "Section 2G, Explanation"


def test_a_sentence_going_on_after_a_list_introduces_the_next_list_of_the_clause():
    pages = ["2. Definitions.- In this Act,-\n(a) \"bonded labour\" means labour under the "
             "system;\n(b) \"bonded labourer\" means a labourer who incurs a debt;\n"
             "(c) \"bonded labour system\" means the system under which a debtor enters "
             "into an agreement that,-\n(i) in consideration of an advance, or\n"
             "(ii) in pursuance of any customary obligation, or\n"
             "(iii) for any economic consideration received by him;\nhe would\u2013\n"
             "(1) render labour or service to the creditor, or\n"
             "(2) forfeit the right to move freely from place to place, or\n"
             "(3) forfeit the right to sell at market value any of his property;\n"
             "(d) \"creditor\" means a person from whom the debtor has taken an advance."]
    tree = build_tree(pages, doc_type="law")
    for text, label in (("economic consideration", "Section 2(c)(iii)"),
                        ("sell at market value", "Section 2(c)(3)"),
                        ("from whom the debtor", "Section 2(d)")):
        a = pages[0].index(text)
        loc = tree.locate(0, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_last_items_clause_joined_by_and_after_a_comma_stays_in_the_item():
    # '…, and the Authority shall …' goes on with the item's own sentence (a line broke
    # after the comma); it is not the verb the list's subject waits for
    pages = ["9. Duties.\u2014(1) Every licensee shall\u2014\n"
             "(a) keep a register of complaints; or\n"
             "(b) submit the register within thirty days,\n"
             "and the Authority shall publish it in the manner specified in rule 5.\n"
             "(2) The Authority may inspect the register."]
    tree = build_tree(pages, doc_type="rule")
    a = pages[0].index("and the Authority shall")
    loc = tree.locate(0, a, a + 20)
    assert (loc.text, loc.uncertain) == ("Rule 9(1)(b)", False), loc


def test_a_gazettes_masthead_part_is_no_part_of_the_instrument():
    pages = ["THE GAZETTE OF EXAMPLESTAN\nEXTRAORDINARY\nPUBLISHED BY AUTHORITY\nPART II\n"
             "Statutory Notifications (S.R.O.)\nNOTIFICATION\n"
             "1. Short title.\u2014These rules may be called the Example Rules.\n"
             "2. Definitions.\u2014In these rules, unless the context otherwise requires.\n"
             "PART III\nOFFENCES\n3. Penalty.\u2014Whoever contravenes these rules."]
    tree = build_tree(pages, doc_type="rule")
    parts = [p.label for p in tree.provisions if p.kind == "part"]
    assert parts == ["Part III"]
    a = pages[0].index("These rules")
    assert tree.locate(0, a, a + 10).text == "Rule 1"
