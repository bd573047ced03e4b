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
    assert g["title"] == "CP No. D- 2963 of 2017"
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
