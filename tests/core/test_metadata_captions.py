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
