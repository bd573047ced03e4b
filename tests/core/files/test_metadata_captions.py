"""Titles a person would accept from US pleading paper and from a file-name-like /Title."""

from briefer.core.files.metadata import guess_metadata, sensible_title

# pleading paper: line numbers down the margin come first in the text, the caption's
# left column holds a party set over three lines, and "ORDER" is the page's footer
CAPTION = "\r\n".join([str(n) for n in range(1, 29)] + [
    "ORDER", "8:16-cv-1261-DOC (KESx)", "UNITED STATES DISTRICT COURT",
    "CENTRAL DISTRICT OF CALIFORNIA", "ACME DATA, INC. dba", "EXAMPLE CREDIT",
    "SERVICES,", "Plaintiff,", "v.", "JOHN ROE; and DOES 1", "through 10, inclusive,",
    "Defendants.", "Case No. 8:16-cv-1261 DOC (KESx)", "ORDER GRANTING",
    "PRELIMINARY INJUNCTION", "The Court has considered the application of the plaintiff "
    "and the opposition of the defendant, and the record of the hearing before the court.",
])


def test_a_file_name_saved_as_the_title_is_not_the_title():
    assert sensible_title("16-1261_Acme.com_FINAL Order Granting Prelim Injunction") == ""
    assert sensible_title("report_v2") == ""
    assert sensible_title("Final Report of the Commission") == "Final Report of the Commission"
    assert sensible_title("Draft Rules 2020") == "Draft Rules 2020"


def test_pleading_paper_caption_gives_the_parties():
    g = guess_metadata("order.pdf", {"title": "16-1261_Acme_FINAL Order"}, CAPTION)
    assert g["doc_type"] == "judgment"
    assert g["title"].startswith("Acme Data, Inc. dba Example Credit Services v. John Roe")


def _judgment(text: str, title: str = "") -> str:
    return guess_metadata("x.pdf", {"title": title}, text)["title"]


def test_an_in_re_caption_names_the_matter():
    text = ("IN THE UNITED STATES DISTRICT COURT\nFOR THE DISTRICT OF ARIZONA\n"
            "IN RE: Acme Filters Products \nLiability Litigation,\nNo. MDL 15-02641-PHX-DGC\n"
            "SUGGESTION OF REMAND AND \nTRANSFER ORDER\nThis multidistrict litigation "
            "proceeding involves personal injury cases brought against the defendants. The "
            "court has considered the plaintiffs' claims.")
    assert _judgment(text).startswith("In re Acme Filters Products Liability Litigation")


def test_a_transcript_caption_with_a_column_of_colons():
    text = ("Official - Subject to Final Review\nIN THE SUPREME COURT OF THE UNITED STATES\n"
            "- - - - - - - - x\nJOHN A. ROE, :\nWARDEN, :\n Petitioner :\n v. : No. 07-1315\n"
            "RICHARD DOE. :\n- - - - - - - - x\n Washington, D.C.\nThe above-entitled matter "
            "came on for oral argument before the Supreme Court of the United States.")
    assert _judgment(text, "10811.exe") == "John A. Roe, Warden v. Richard Doe"


def test_a_clerks_letter_is_titled_by_its_re_line():
    text = ("UNITED STATES COURT OF APPEALS\nFOR THE SIXTH CIRCUIT\nJane Q. Clerk\nClerk\n"
            "Filed: September 20, 2017\nMs. A. Lawyer\nRe: Case No. 17-3994, Acme Coal "
            "Company v. Linda Hill, et al\nOriginating Case No. : 16-0556\nDear Counsel: the "
            "court of appeals has docketed the petition for review; the respondent shall file.")
    assert _judgment(text) == "Acme Coal Company v. Linda Hill, et al. (No. 17-3994)"


def test_a_working_copys_mark_is_not_part_of_the_title():
    assert sensible_title("Roe - Response to Supplemental Notice (mpk draft)") == \
        "Roe - Response to Supplemental Notice"


def test_a_letter_to_the_court_is_not_issued_by_the_court():
    text = ("January 19, 2023\nVia ECF\nMr. John Roe\nClerk of Court\nUnited States Court "
            "of Appeals\nFor the Eighth Circuit\n111 South 10th Street\nRe: United States v. "
            "Doe, No. 22-1801\nDear Mr. Roe,\nDr. Doe submits this letter under Federal Rule "
            "of Appellate Procedure 28(j) to respond to the government's notice.")
    assert guess_metadata("x.pdf", {}, text)["issuer"] == ""
    letterhead = ("UNITED STATES COURT OF APPEALS\nFOR THE SIXTH CIRCUIT\nJane Roe\nClerk\n"
                  "Filed: September 20, 2017\nRe: Case No. 17-3994, Acme v. Hill\nDear Counsel: "
                  "the court has docketed the petition for review.")
    assert "Sixth Circuit" in guess_metadata("x.pdf", {}, letterhead)["issuer"]
