"""Metadata guesses a person would accept, from texts shaped like real first pages."""

from __future__ import annotations

from types import SimpleNamespace

from briefer.core.files.metadata import (first_heading, guess_date, guess_metadata, is_guess,
                                         sensible_title, title_from_filename)

INFO = {"creationdate": "D:20250210143539", "moddate": "D:20250212153706"}


def test_an_act_after_its_contents_gets_its_title_and_date_of_enactment():
    text = ("Page 1 of 39\nTHE EXAMPLE CRIMES ACT, 2016\nCONTENTS\nCHAPTER I\nPRELIMINARY\n"
            "1. Short title\n2. Definitions\n" + "3. Something\n" * 40 +
            "THE EXAMPLE CRIMES ACT, 2016\nACT NO. XL OF 2016\n[18\nth August, 2016]\n"
            "An Act to make provisions for prevention of electronic crimes\n")
    g = guess_metadata("PECA.pdf", INFO, text)
    assert g["title"] == "The Example Crimes Act, 2016"
    assert g["date"] == "2016-08-18"
    assert g["doc_type"] == "law"


def test_file_dates_are_never_the_documents_date():
    g = guess_metadata("notes.pdf", INFO, "Some Notes On Policy\nA text without any date.")
    assert g["date"] == ""
    assert guess_date("THE PENAL CODE\nno date here", "The Penal Code, 1860") == "1860"


def test_contents_and_cover_lines_are_not_titles():
    assert first_heading("Table of Contents\nIntroduction ........ 3\n") == ""
    assert first_heading("Report of\nSystemic Risk\nAssessments\n") == \
        "Report of Systemic Risk Assessments"
    assert first_heading("Non-Confidential Version\nAPPLE DISTRIBUTION INTERNATIONAL LIMITED\n"
                         "App Store \u2013\nReport on Risk Assessment and Risk Mitigation "
                         "Measures\npursuant to Articles 33, 34 and 35\n28 August 2023") == \
        "App Store \u2013 Report on Risk Assessment and Risk Mitigation Measures"
    g = guess_metadata("report.pdf", {}, "Bing Systemic Risk\nAssessment Report\nAugust 2023\n")
    assert (g["title"], g["date"]) == ("Bing Systemic Risk Assessment Report", "2023-08")


def test_court_orders_are_titled_by_case_number_and_dated_by_decision():
    text = ("Order Sheet\nIN THE HIGH COURT OF SINDH,\nCIRCUIT COURT, HYDERABAD\n"
            "CP No. D- 2963 of 2017\nPresent:-\nMr. Justice A\nDate of hearing:\n"
            "& decision: 20.11.2019\nPetitioner: Mst. X present in person\nORDER\n"
            "A, J: - Through this petition the order dated 2.1.2017 is challenged.")
    g = guess_metadata("cp (1).pdf", {}, text)
    assert g["title"] == "CP No. D-2963 of 2017"
    assert g["date"] == "2019-11-20"
    assert g["issuer"] == "High Court of Sindh"
    assert g["doc_type"] == "judgment"
    text = ("Date of hearing : 15.03.2021\nDate of order : 19.03.2021\nO R D E R\n"
            "The respondent opposes the petition.")
    assert guess_date(text) == "2021-03-19"


def test_us_numeric_dates_are_month_first():
    text = ("IN THE UNITED STATES COURT OF APPEALS\nFOR THE NINTH CIRCUIT\n"
            "Case: 20-16276, 08/05/2020, ID: 11778722")
    assert guess_date(text) == "2020-08-05"


def test_file_names_and_pdf_titles():
    assert title_from_filename("cp (1).pdf") == ""
    assert title_from_filename("MTQxNjkwY2Ztcy1kYzgz.pdf") == ""
    assert title_from_filename("social_media_rules_2026.pdf") == "social media rules 2026"
    assert sensible_title("Microsoft Word - LinkedIn 2023 Risk Report.docx") == \
        "LinkedIn 2023 Risk Report"
    assert sensible_title("Untitled") == ""


def test_issuer_stated_in_the_text():
    g = guess_metadata("r.pdf", {}, "Report\nThis report is issued by Google Ireland Limited. "
                       "The report meets the requirement.")
    assert g["issuer"] == "Google Ireland Limited"


def test_is_guess_until_a_person_edits_the_field():
    doc = SimpleNamespace(edited_fields=["title"])
    assert not is_guess(doc, "title")
    assert is_guess(doc, "date") and is_guess(doc, "issuer")
    assert not is_guess(doc, "tags")


def test_addresses_are_not_titles_and_initials_stay_capitals():
    from briefer.core.files.metadata import tidy_caps

    assert first_heading("100 East Fifth Street, Room 540\nPOTTER STEWART U.S. COURTHOUSE\n"
                         "CINCINNATI, OHIO 45202\nNOTICE OF APPEARANCE") == "NOTICE OF APPEARANCE"
    assert tidy_caps("MICHAEL A. KNOWLES, WARDEN V. THE STATE") == \
        "Michael A. Knowles, Warden v. the State"
    assert tidy_caps("POTTER STEWART U.S. COURTHOUSE") == "Potter Stewart U.S. Courthouse"


# Issue 17: hard cases found on real documents, one generated text for each finding.

def test_a_title_printed_twice_over_is_said_once():
    name = "THE CONSTITUTION OF THE ISLAMIC REPUBLIC OF PAKISTAN"
    text = f"{name}\n{name}\n[12th April, 1973]\nPREAMBLE\nWhereas sovereignty belongs to Allah;\n"
    assert first_heading(text) == name
    g = guess_metadata("constitution.pdf", {}, text)
    assert g["title"] == "The Constitution of the Islamic Republic of Pakistan"


def test_a_judgment_is_never_titled_by_its_bench():
    text = ("IN THE HIGH COURT OF SINDH AT KARACHI\nBefore:- Mr. Justice Abdul Karim Shah\n"
            "Mr. Justice Noor Ahmed Khan\nJUDGMENT\nNOOR AHMED KHAN, J.- The appellant "
            "challenges the conviction recorded by the learned trial court.")
    g = guess_metadata("judgment.pdf", {}, text)
    assert g["doc_type"] == "judgment"
    assert "before" not in g["title"].lower() and "justice" not in g["title"].lower()


def test_a_judgment_is_titled_by_its_parties_and_case_number():
    text = ("IN THE HIGH COURT OF SINDH, CIRCUIT COURT, HYDERABAD\nC.P. No. D-220 of 2026\n"
            "Present:\nMr. Justice A. Karim\nMr. Justice B. Noor\n"
            "Ghulam Rasool and 3 others……..……………….Petitioners\nVersus\n"
            "Province of Sindh and others……….……………Respondents\n"
            "Date of hearing: 10.01.2026\nDate of decision: 24.01.2026\nJUDGMENT\n"
            "B. NOOR, J:- The petitioners seek a writ.")
    g = guess_metadata("cp.pdf", {}, text)
    assert g["title"] == ("Ghulam Rasool and 3 others v. Province of Sindh and others "
                          "(C.P. No. D-220 of 2026)")
    assert g["date"] == "2026-01-24"
    text = ("IN THE HIGH COURT OF SINDH, KARACHI\nCriminal Appeal No. 12 of 2025\n"
            "Appellant Ali Raza : through Mr. X, Advocate\nThe State : through Mr. Y, A.P.G.\n"
            "Date of hearing : 02.03.2026\nDate of judgment : 09.03.2026\nJUDGMENT\n"
            "The appellant was convicted.")
    assert guess_metadata("a.pdf", {}, text)["title"] == \
        "Ali Raza v. The State (Criminal Appeal No. 12 of 2025)"


def test_an_acts_title_is_its_short_title_without_the_chapter_heading_after_it():
    text = ("THE EXAMPLE RAILWAYS ACT, 1890\nPRELIMINARY\n1. Definitions.\u2014 In this Act, "
            "unless there is anything repugnant in the subject or context, the following "
            "words have the meanings given.\n")
    assert first_heading(text) == "THE EXAMPLE RAILWAYS ACT, 1890"
    text = ("PAKISTAN\nTHE EXAMPLE RAILWAYS ACT, 1890\nCHAPTER I\nPRELIMINARY\n"
            "1. Short title, extent and commencement.\u2014(1) This Act may be called the "
            "Example Railways Act, 1890.\n(2) It extends to the whole of Pakistan.\n")
    g = guess_metadata("railways.pdf", {}, text)
    assert (g["title"], g["doc_type"]) == ("The Example Railways Act, 1890", "law")
    # a footnote marker inside the short title clause is not part of the title
    text = ("THE CHILD CARE ACT 1929\nACT NO. XIX OF 1929.\n[1\nst October, 1929]\n"
            "1. Short title.\u2014(1) This Act may be called the Child Care\nAct, 2\n[1929].\n")
    assert guess_metadata("cc.pdf", {}, text)["title"] == "The Child Care Act, 1929"


def test_a_sane_pdf_title_beats_the_file_name_and_a_placeholder_does_not():
    scan = guess_metadata("right to chl.pdf", {"title": "Right to Child Protection Act.pdf"}, "")
    assert scan["title"] == "Right to Child Protection Act"
    scan = guess_metadata("right to chl.pdf", {"title": "Cr.Rev.D 41-2011"}, "")
    assert scan["title"] == "Cr.Rev.D 41-2011"
    # a court's name or a title the document never speaks of are not its title
    text = ("Qanoon e Shahadat\nLaw of Evidence\nBy Mr. A. Khan\nSenior Advocate\n" +
            "Evidence is the foundation of justice and must be recorded properly. " * 20)
    g = guess_metadata("qso.pdf", {"title": "QLD ORAL PRESENTATION"}, text)
    assert "oral presentation" not in g["title"].lower()
    court = "IN THE HIGH COURT OF SINDH, CIRCUIT COURT, HYDERABAD"
    assert sensible_title(court) == ""


def test_an_act_is_dated_by_enactment_not_by_its_preface_or_gazette():
    text = ("THE CONSTITUTION OF THE ISLAMIC REPUBLIC OF PAKISTAN\nPREFACE\n"
            "This edition brings the text up to date with all amendments.\n"
            "5th December, 2024\nSecretary\n"
            "THE CONSTITUTION OF THE ISLAMIC REPUBLIC OF PAKISTAN\n[12th April, 1973]\n"
            "Whereas sovereignty over the entire Universe belongs to Almighty Allah alone;\n")
    assert guess_metadata("constitution.pdf", {}, text)["date"] == "1973-04-12"
    gazette = ("The Gazette of Pakistan\nEXTRAORDINARY\nISLAMABAD, TUESDAY, JANUARY 14, 1992\n"
               "Islamabad, the 14th January, 1992.\nThe following Act of Majlis-e-Shoora "
               "(Parliament) received the assent of the President on the 6th January 1992, and "
               "is hereby published for general information.\nACT NO. I OF 1992\nAn Act to "
               "provide for a fund\nIt is hereby enacted as follows.\n1. Short title.\u2014(1) "
               "This Act may be called the Example Fund Act, 1991.\n")
    g = guess_metadata("fund.pdf", {}, gazette)
    assert (g["title"], g["date"]) == ("The Example Fund Act, 1991", "1992-01-06")
    compiled = ("THE EXAMPLE CHILD ACT, 2018\nCONTENTS\n1. Short title.\nUpdated Till 22.8.2022\n"
                "THE EXAMPLE CHILD ACT, 2018\nACT No. XXI OF 2018\nAn Act to provide for care\n"
                "1. Short title.\u2014 This Act may be called the Example Child Act, 2018.\n")
    assert guess_metadata("child.pdf", {}, compiled)["date"] == "2018"


def test_a_judgment_is_dated_by_its_announcement_not_its_hearing():
    text = ("IN THE HIGH COURT OF SINDH AT KARACHI\nC.P. No. D-5 of 2024\n"
            "Date of Hearing 18.01.2024.\nJUDGMENT\nThe petition is allowed.\n"
            "Judgment announced on 25.01.2024 in open Court.\nJUDGE\n")
    assert guess_metadata("j.pdf", {}, text)["date"] == "2024-01-25"
    text = ("IN THE HIGH COURT OF SINDH KARACHI\nCriminal Appeal No.473 of 2021\n"
            "Dates of hearing : 21.02.2023\nDate of Judgment : 16.03.2023\n"
            "Date of Announcement : 22.03.2023\nJUDGMENT\nThe appellants assail a conviction.")
    assert guess_metadata("j.pdf", {}, text)["date"] == "2023-03-22"
    # only a hearing date stated: no date is better than the hearing's
    text = ("IN THE HIGH COURT OF SINDH, AT KARACHI\nC.P No.D-2833 of 2017\n"
            "Date of hearing: 19.05.2017\nJUDGMENT\nThe result was announced on 31.5.2016 by "
            "the Commission and the petitioners applied on 26.4.2016.\n")
    assert guess_metadata("j.pdf", {}, text)["date"] == ""
    # a decision given by short order and reasoned later is dated by the short order
    text = ("IN THE HIGH COURT OF SINDH AT KARACHI\nC.P.No.D-213 OF 2024\n"
            "Date of Hearing 18-01-2024.\nThe Tribunal passed its order on 08.01.2024.\n"
            "22. These are the detailed reasons for our short order dated 18.01.2024, whereby "
            "the petitions were allowed.\nJudge\n")
    assert guess_metadata("j.pdf", {}, text)["date"] == "2024-01-18"


def test_an_sro_date_cited_in_a_judgment_is_not_its_date():
    text = ("ORDER SHEET\nIN THE HIGH COURT OF SINDH, KARACHI\nC.P. No. D-77 of 2021\n"
            "DATE ORDER WITH SIGNATURE OF JUDGE(S)\nThe petitioner impugns the notification "
            "S.R.O. 123(I)/2019 dated 5th June, 2019 issued by the Board.\n12.03.2021\n"
            "Mr. Z, Advocate for the petitioner.\nThe petition is dismissed.\nJUDGE\n")
    assert guess_metadata("o.pdf", {}, text)["date"] == "2021-03-12"
    text = ("IN THE HIGH COURT OF SINDH, KARACHI\nC.P. No. D-78 of 2021\n"
            "Date of hearing: 02.02.2022\nJUDGMENT\nThe petitioner impugns the notification "
            "S.R.O. 123(I)/2019 dated 5th June, 2019 issued by the Board.\n")
    assert guess_metadata("j.pdf", {}, text)["date"] == ""


def test_a_report_is_not_dated_by_an_act_it_quotes():
    text = ("Systemic Risk Assessment Report\nTable of Contents\nIntroduction 3\n"
            "The Digital Services Act entered into force on 16 November 2022 and its "
            "obligations apply to very large online platforms from 25 August 2023.\n")
    g = guess_metadata("report.pdf", {}, text)
    assert g["doc_type"] == "report"
    assert g["date"] == ""
    text = ("Example Platform\nSystemic Risk Assessment Report\nAugust 2024\n"
            "The Digital Services Act entered into force on 16 November 2022.\n")
    assert guess_metadata("report.pdf", {}, text)["date"] == "2024-08"


def test_an_issuer_is_a_name_never_a_fragment():
    from briefer.core.files.metadata import guess_issuer

    assert guess_issuer("Guidance Note\nEvery school run by the Department of a province "
                        "shall keep a register.") == ""
    assert guess_issuer("Government of the Punjab\nNotification") == "Government of the Punjab"
    assert guess_issuer("Issued by the Department of Health and Social Care\n") == \
        "Department of Health and Social Care"
    # a department named in running text is not the issuer, wrapped or not
    assert guess_issuer("Summary\nThe study is done with the National Telecommunications "
                        "Administration of the Department of\nCommerce (NTIA). The Act also "
                        "asks the Ministry of Finance to report.") == ""
    # a court's heading broken over two short lines is still its name
    assert guess_issuer("No. 20-16276\nIN THE UNITED STATES COURT OF APPEALS\n"
                        "FOR THE NINTH CIRCUIT\n") == "COURT OF APPEALS FOR THE NINTH CIRCUIT"


def test_a_report_is_dated_by_its_publication_not_the_end_of_its_period():
    text = ("Example Transparency Report\nGovernment requests to remove content\n"
            "Examplestan, 1 January \u2013 31 March 2026 (excerpt)\n"
            "Example Social Ltd., published 20 April 2026\n1. Summary\nThe Rules took effect "
            "on 28 January 2026.\n")
    g = guess_metadata("report.pdf", {}, text)
    assert (g["doc_type"], g["date"]) == ("report", "2026-04-20")


def test_a_party_named_through_its_officer_is_the_party():
    text = ("IN THE HIGH COURT OF EXAMPLESTAN\nWrit Petition No. 7 of 2026\n"
            "Citizens Forum and 3 others ... Petitioners\nversus\n"
            "Federation of Examplestan through Secretary, Ministry of Information and\n"
            "Broadcasting, and another ... Respondents\nDate of decision: 2nd April, 2026.\n"
            "JUDGMENT\nThe petitioners challenge the Rules.")
    g = guess_metadata("wp.pdf", {}, text)
    assert g["title"] == ("Citizens Forum and 3 others v. Federation of Examplestan "
                          "(Writ Petition No. 7 of 2026)")
    assert g["date"] == "2026-04-02"


def test_us_captions_and_court_stamps():
    text = ("Case 1:21-cv-01061-KLM Document 1 Filed 04/16/21 USDC Colorado Page 1 of 16\n"
            "UNITED STATES DISTRICT COURT FOR THE DISTRICT OF COLORADO\n"
            "BERKSHIRE LIFE INSURANCE COMPANY OF AMERICA,\nPlaintiff,\nv.\nANNA SCHUBERT,\n"
            "Defendant.\nCOMPLAINT\nThe plaintiff issued two policies in May 2015.\n")
    g = guess_metadata("complaint.pdf", {}, text)
    assert g["title"] == "Berkshire Life Insurance Company of America v. Anna Schubert"
    assert g["date"] == "2021-04-16"
    text = ("No. 11\u2013889. Argued April 23, 2013\u2014Decided June 13, 2013\n"
            "SUPREME COURT OF THE UNITED STATES\nThe Compact of 1980 allocates water.\n")
    assert guess_date(text, doc_type="judgment") == "2013-06-13"
