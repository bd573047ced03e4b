"""Generated documents for the hard cases of citation fidelity that the corpus lacks.

* ``constitution``: a cover and an arrangement of articles that lists every number first,
  then the articles with marginal notes on their own lines, an article inserted in
  brackets behind a footnote marker (``1[19A. …``), running headers "CONSTITUTION OF
  PAKISTAN 11" and PDF page labels from a merged file ("M-1" … then 5, 6, …) that
  contradict the printed numbers.
* ``penal_code``: an arrangement of sections, then section 499 with explanations,
  illustrations and numbered exceptions ("First Exception.—"), an inserted sub-section
  ``2[(1A) …]``, footnotes, and a schedule with its own numbered paragraphs.
* ``marginal_notes``: an old statute whose section headings are printed as marginal notes
  in a narrow column beside the body (``MARGIN_SECTIONS``).

Each generator returns the path; the expectations for them are rows of
``fidelity.tsv`` whose file is ``gen:NAME``.
"""

from __future__ import annotations

from pathlib import Path

from tests.pdfgen import _pypdf_rewrite, _write_bytes, make_text_pdf

_ARTICLES = {
    1: ("The Republic and its territories", "Pakistan shall be a Federal Republic to be known "
        "as the Islamic Republic of Pakistan."),
    2: ("Islam to be State religion", "Islam shall be the State religion of Pakistan."),
    3: ("Elimination of exploitation", "The State shall ensure the elimination of all forms "
        "of exploitation."),
    4: ("Right of individuals to be dealt with in accordance with law, etc.",
        "To enjoy the protection of law and to be treated in accordance with law is the "
        "inalienable right of every citizen."),
    8: ("Laws inconsistent with or in derogation of Fundamental Rights to be void",
        "Any law, or any custom or usage having the force of law, in so far as it is "
        "inconsistent with the rights conferred by this Chapter, shall be void."),
    10: ("Safeguards as to arrest and detention", "No person who is arrested shall be "
         "detained in custody without being informed of the grounds for such arrest."),
    14: ("Inviolability of dignity of man, etc.", "The dignity of man and, subject to law, "
         "the privacy of home, shall be inviolable."),
    16: ("Freedom of assembly", "Every citizen shall have the right to assemble peacefully "
         "and without arms, subject to any reasonable restrictions imposed by law."),
    17: ("Freedom of association", "Every citizen shall have the right to form associations "
         "or unions, subject to any reasonable restrictions imposed by law."),
    18: ("Freedom of trade, business or profession", "Every citizen shall have the right to "
         "enter upon any lawful profession or occupation."),
}


def _arrangement() -> list[str]:
    lines = ["THE CONSTITUTION OF THE ISLAMIC REPUBLIC OF PAKISTAN", "", "ARRANGEMENT OF ARTICLES",
             "", "PART I", "Introductory"]
    for n, (head, _) in _ARTICLES.items():
        lines.append(f"{n}. {head}.")
        if n == 8:
            lines += ["PART II", "Fundamental Rights and Principles of Policy"]
    lines += ["19. Freedom of speech, etc.", "19A. Right to information.",
              "20. Freedom to profess religion and to manage religious institutions.",
              "PART XII", "Miscellaneous"]
    for n in range(270, 281):
        lines.append(f"{n}. Provision number {n} of the Constitution.")
    return lines


def make_constitution_pdf(path: str | Path) -> Path:
    arr = _arrangement()
    front = [
        "THE CONSTITUTION OF THE ISLAMIC REPUBLIC OF PAKISTAN\n\n[12th April, 1973]\n\n"
        "As modified up to the 31st May, 2018\n\nNATIONAL ASSEMBLY OF PAKISTAN",
        "\n".join(arr[:22]),
        "\n".join(arr[22:]),
        "Preamble\nWhereas sovereignty over the entire Universe belongs to Almighty Allah "
        "alone, and the authority to be exercised by the people of Pakistan within the "
        "limits prescribed by Him is a sacred trust;\nNow, therefore, we, the people of "
        "Pakistan, do hereby, through our representatives in the National Assembly, adopt, "
        "enact and give to ourselves, this Constitution.",
    ]
    body_pages: list[list[str]] = []
    page: list[str] = ["PART I", "Introductory"]
    for n, (head, text) in _ARTICLES.items():
        if n == 8:
            body_pages.append(page)
            page = ["PART II", "FUNDAMENTAL RIGHTS AND PRINCIPLES OF POLICY", "CHAPTER 1",
                    "FUNDAMENTAL RIGHTS"]
        page += [head + ".", f"{n}. (1) {text}"]
        if n in (4, 10):
            page += [f"(2) In particular, no action detrimental to the life, liberty, body, "
                     f"reputation or property of any person shall be taken except in "
                     f"accordance with law (marker {n})."]
        if n == 10:
            page += ["Provided that nothing in this clause shall apply to any person who for "
                     "the time being is an enemy alien."]
        if len(page) > 12:
            body_pages.append(page)
            page = []
    page += [
        "19. Freedom of speech, etc.\u2014 Every citizen shall have the right to freedom of "
        "speech and expression, and there shall be freedom of the press, subject to any "
        "reasonable restrictions imposed by law in the interest of the glory of Islam or the "
        "integrity, security or defence of Pakistan or any part thereof, friendly relations "
        "with foreign States, public order, decency or morality, or in relation to contempt "
        "of court, commission of or incitement to an offence.",
        "Right to information.",
        "1",
        "[19A. Every citizen shall have the right to have access to information in all "
        "matters of public importance subject to regulation and reasonable restrictions "
        "imposed by law.]",
        "Freedom to profess religion and to manage religious institutions.",
        "20. Subject to law, public order and morality,\u2014",
        "(a) every citizen shall have the right to profess, practise and propagate his "
        "religion; and",
        "(b) every religious denomination and every sect thereof shall have the right to "
        "establish, maintain and manage its religious institutions.",
        "1 Ins. by the Constitution (Eighteenth Amendment) Act, 2010 (10 of 2010), s. 7.",
    ]
    body_pages.append(page)
    page = ["PART XII", "MISCELLANEOUS"]
    for n in range(270, 281):
        page.append(f"{n}. The provision numbered {n} is set out here with words of its own "
                    f"about the matters it governs.")
        if n == 280:
            page += ["(a) as regards the time of its coming into force;",
                     "(b) as regards its effect on existing laws; and",
                     "(c) as regards anything done before the commencing day:",
                     "Provided that nothing in this Article shall revive any law repealed "
                     "before the commencing day."]
        if n == 275:
            body_pages.append(page)
            page = []
    body_pages.append(page)
    pages = list(front)
    for k, lines in enumerate(body_pages):
        printed = k + 1
        head = f"CONSTITUTION OF PAKISTAN {printed}" if printed % 2 else \
            f"{printed} CONSTITUTION OF PAKISTAN"
        pages.append("\n".join([head, *lines]))
    res = make_text_pdf(path, pages, title="", author="merged")
    n_front = len(front)

    def edit(w):  # the merged file labels its first part M-1 … and then counts on
        w.set_page_label(0, n_front - 1, style="/D", prefix="M-", start=1)
        w.set_page_label(n_front, len(pages) - 1, style="/D", start=n_front + 1)

    _write_bytes(res.path, _pypdf_rewrite(res.path.read_bytes(), edit))
    return Path(res.path)


def make_penal_code_pdf(path: str | Path) -> Path:
    arrangement = ["THE PAKISTAN PENAL CODE", "(ACT XLV OF 1860)", "[6th October, 1860]", "",
                   "ARRANGEMENT OF SECTIONS", "CHAPTER XXI", "OF DEFAMATION"]
    arrangement += ["497. Adultery.", "498. Enticing or taking away a married woman.",
                    "499. Defamation.", "500. Punishment for defamation.",
                    "501. Printing or engraving matter known to be defamatory.",
                    "502. Sale of printed or engraved substance containing defamatory matter.",
                    "CHAPTER XXIII", "OF ATTEMPTS TO COMMIT OFFENCES",
                    "511. Punishment for attempting to commit offences.", "THE SCHEDULE"]
    p1 = [
        "THE PAKISTAN PENAL CODE",
        "CHAPTER XXI",
        "OF DEFAMATION",
        "499. Defamation.\u2014Whoever by words either spoken or intended to be read, or by "
        "signs or by visible representations, makes or publishes any imputation concerning "
        "any person intending to harm, or knowing or having reason to believe that such "
        "imputation will harm, the reputation of such person, is said, except in the cases "
        "hereinafter excepted, to defame that person.",
        "Explanation 1.\u2014It may amount to defamation to impute anything to a deceased "
        "person, if the imputation would harm the reputation of that person if living.",
        "Explanation 2.\u2014It may amount to defamation to make an imputation concerning a "
        "company or an association or collection of persons as such.",
        "Illustrations",
        "(a) A says\u2014\u201cZ is an honest man; he never stole B\u2019s watch\u201d; "
        "intending to cause it to be believed that Z did steal B\u2019s watch. This is "
        "defamation, unless it fall within one of the exceptions.",
        "(b) A is asked who stole B\u2019s watch. A points to Z, intending to cause it to be "
        "believed that Z stole B\u2019s watch. This is defamation.",
    ]
    p2 = [
        "First Exception.\u2014Imputation of truth which public good requires to be made or "
        "published.\u2014It is not defamation to impute anything which is true concerning any "
        "person, if it be for the public good that the imputation should be made.",
        "Second Exception.\u2014Public conduct of public servants.\u2014It is not defamation "
        "to express in good faith any opinion whatever respecting the conduct of a public "
        "servant in the discharge of his public functions.",
        "500. Punishment for defamation.\u2014(1) Whoever defames another shall be punished "
        "with simple imprisonment for a term which may extend to two years, or with fine, or "
        "with both.",
        "2",
        "[(1A) Whoever defames another by means of an information system shall be punished "
        "with imprisonment which may extend to three years.]",
        "(2) Nothing in this section applies to a fair report of proceedings of a court.",
        "2 Ins. by Act II of 2016, s. 4.",
    ]
    p3 = [
        "CHAPTER XXIII",
        "OF ATTEMPTS TO COMMIT OFFENCES",
        "511. Punishment for attempting to commit offences punishable with imprisonment for "
        "life or imprisonment.\u2014Whoever attempts to commit an offence punishable by this "
        "Code shall be punished with imprisonment of any description provided for the "
        "offence for a term which may extend to one-half of the longest term provided.",
        "THE SCHEDULE",
        "(See section 5)",
        "1. Offences under this Code are triable by the courts shown in the eighth column of "
        "the Table annexed to the Code of Criminal Procedure.",
        "2. Where an offence is punishable with fine only, the fine shall not exceed the "
        "amount shown against it in the Table.",
    ]
    pages = ["\n".join(arrangement)]
    for k, lines in enumerate((p1, p2, p3)):
        pages.append("\n".join(lines + [f"Page {k + 2} of 4"]))
    pages[0] += "\nPage 1 of 4"
    return Path(make_text_pdf(path, pages, title="", author="pdfgen").path)


# an old statute with its section headings printed as marginal notes in a narrow column left
# of the body: a note of its own (on its own baselines, ending "... under section") above a
# section's first line, and a note on the very baseline of a section's first line (pdfium
# then joins them: "Short title. 1. This Act ...")
MARGIN_SECTIONS = [
    ("Short title.", True, "1.", ["This Act may be called the Example Marginal Notes Act.",
                                  "It extends to the whole of Exampleland."]),
    ("Amendment of section", False, "2.", ["In the Principal Act, in section 4, the words "
                                           "shall be omitted.",
                                           "This section takes effect at once."]),
    ("Punishment for offences under section", False, "3.",
     ["Whoever contravenes section 2 shall be punished with fine.",
      "The fine may extend to one thousand rupees."]),
    ("Repeal.", True, "4.", ["The Example Ordinance, 1960, is hereby repealed.",
                             "Anything done under it is saved."]),
]


def make_marginal_notes_pdf(path: str | Path) -> Path:
    """A two-page statute with marginal notes (see ``MARGIN_SECTIONS``); 11 pt body at 55 mm,
    9 pt notes at 15 mm, at most 32 mm wide, wrapped in their column."""
    from tests.pdfgen import _new_fpdf

    pdf = _new_fpdf(title="The Example Marginal Notes Act, 1950")
    for page, chunk in enumerate((MARGIN_SECTIONS[:2], MARGIN_SECTIONS[2:])):
        pdf.add_page()
        pdf.set_font("Times", size=11)
        pdf.text(55, 20, "THE EXAMPLE MARGINAL NOTES ACT, 1950")
        y = 34.0
        if page == 0:
            for line in ("An Act to show how marginal notes are printed beside the body of",
                         "a statute; it is hereby enacted as follows:"):
                pdf.text(55, y, line)
                y += 6
            y += 4
        for note, joined, num, body in chunk:
            words, rows, row = note.split(), [], ""
            pdf.set_font("Times", size=9)
            for w in words:  # wrap the note inside its column
                if row and pdf.get_string_width(row + " " + w) > 32:
                    rows.append(row)
                    row = w
                else:
                    row = (row + " " + w).strip()
            rows.append(row)
            if joined:
                pdf.text(15, y, rows[0])  # on the section line's baseline
                note_y = y + 4
                rows = rows[1:]
            else:
                note_y = y - 4 * len(rows)  # above the section line, on baselines of its own
            for r in rows:
                pdf.text(15, note_y, r)
                note_y += 4
            pdf.set_font("Times", size=11)
            pdf.text(55, y, f"{num} (1) {body[0]}")
            y += 6
            pdf.text(55, y, f"(2) {body[1]}")
            y += 6
            for k in range(6):  # enough body lines for the page to have a body column
                pdf.text(55, y, f"Filler line {k + 1} of the section, plain running text "
                         "of the body.")
                y += 6
            y += 8
        pdf.text(95, 285, f"Page {page + 1} of 2")
    pdf.output(str(path))
    return Path(path)


GENERATORS = {"constitution": make_constitution_pdf, "penal_code": make_penal_code_pdf,
              "marginal_notes": make_marginal_notes_pdf}


def make(name: str, directory: str | Path) -> Path:
    """Generate document ``name`` (a key of ``GENERATORS``) in ``directory``."""
    return GENERATORS[name](Path(directory) / f"{name}.pdf")
