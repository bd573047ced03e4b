from briefer.core.files.pagelabels import detect_printed_labels, int_to_roman, roman_to_int


def _page(body: str, header: str = "", footer: str = "") -> str:
    return "\n".join(x for x in (header, body, "more body text here", footer) if x)


def test_statute_starting_at_printed_eleven_after_front_matter():
    texts = [_page(f"Front matter {i}") for i in range(3)]
    texts += [_page(f"Section {i} text 2016", "THE GAZETTE OF EXAMPLELAND", str(11 + i))
              for i in range(6)]
    labels = detect_printed_labels(texts)
    assert labels is not None
    assert [lab.label for lab in labels[3:]] == ["11", "12", "13", "14", "15", "16"]
    assert all(lab.source == "printed" for lab in labels[3:])
    assert [lab.source for lab in labels[:3]] == ["index"] * 3


def test_page_n_of_m_and_dashed_styles():
    texts = [_page("body", footer=f"Page {i + 1} of 5") for i in range(5)]
    assert [lab.label for lab in detect_printed_labels(texts)] == ["1", "2", "3", "4", "5"]
    texts = [_page("body", footer=f"- {i + 7} -") for i in range(4)]
    assert [lab.label for lab in detect_printed_labels(texts)] == ["7", "8", "9", "10"]


def test_roman_front_matter_then_arabic():
    texts = [_page("preface", footer=int_to_roman(i + 1)) for i in range(3)]
    texts += [_page("chapter", footer=str(i + 1)) for i in range(4)]
    labels = [lab.label for lab in detect_printed_labels(texts)]
    assert labels == ["i", "ii", "iii", "1", "2", "3", "4"]


def test_unnumbered_last_page_continues_the_run():
    texts = [_page("body", footer=str(i + 21)) for i in range(4)] + [_page("annex")]
    labels = detect_printed_labels(texts)
    assert labels[-1].label == "25" and labels[-1].source == "inferred"


def test_numbers_that_do_not_run_are_ignored():
    # Years and section numbers at the edge of pages do not form a run.
    texts = [_page("body", footer=y) for y in ("2016", "1998", "12", "2020", "7")]
    assert detect_printed_labels(texts) is None


def test_roman_helpers():
    assert roman_to_int("xiv") == 14 and roman_to_int("XIV") == 14
    assert roman_to_int("iiii") is None and roman_to_int("abc") is None
    assert int_to_roman(49) == "xlix"


def test_titles_and_issuers_in_capitals_are_tidied():
    from briefer.core.files.metadata import tidy_caps

    assert tidy_caps("THE PREVENTION OF ELECTRONIC CRIMES ACT, 2016") == \
        "The Prevention of Electronic Crimes Act, 2016"
    assert tidy_caps("S.R.O. 112(I)/2026 NOTIFICATION") == "S.R.O. 112(I)/2026 Notification"
    assert tidy_caps("Already Mixed Case") == "Already Mixed Case"
    assert tidy_caps("CHAPTER IV") == "Chapter IV"


def test_issuer_guess_keeps_the_name_only():
    from briefer.core.files.metadata import guess_issuer

    assert guess_issuer("Statement by the Ministry of Information Technology and "
                        "Telecommunication on 28 January 2026") == \
        "Ministry of Information Technology and Telecommunication"
    assert guess_issuer("SUPREME COURT OF THE UNITED STATES") == \
        "SUPREME COURT OF THE UNITED STATES"


def _constitution_pages(n_front: int = 4, n_body: int = 8) -> list[str]:
    front = [f"Front matter page {i + 1}\nContents and notes" for i in range(n_front)]
    body = []
    for k in range(n_body):
        head = f"CONSTITUTION OF PAKISTAN {k + 1}" if k % 2 == 0 else \
            f"{k + 1} CONSTITUTION OF PAKISTAN"
        body.append(f"{head}\n{k + 19}. Article text on this page.\nMore text of the article.")
    return front + body


def test_printed_running_headers_win_over_contradicting_pdf_labels():
    from briefer.core.files.pagelabels import choose_labels

    texts = _constitution_pages()
    own = [f"M-{i + 1}" for i in range(4)] + [str(i + 5) for i in range(8)]  # a merged file
    labels = choose_labels(own, texts)
    assert [lab.label for lab in labels] == ["M-1", "M-2", "M-3", "M-4"] + \
        [str(i + 1) for i in range(8)]
    assert [lab.source for lab in labels[:4]] == ["pdf"] * 4
    assert all(lab.source == "printed" for lab in labels[4:])
    assert labels[4].pdf_label == "5"  # both kept: "PDF p. 5 · printed p. 1"


def test_pdf_labels_that_agree_with_the_paper_are_kept():
    from briefer.core.files.pagelabels import choose_labels

    texts = [_page("preface", footer=int_to_roman(i + 1)) for i in range(3)]
    texts += [_page("chapter", footer=str(i + 1)) for i in range(4)]
    own = ["i", "ii", "iii", "1", "2", "3", "4"]
    labels = choose_labels(own, texts)
    assert [lab.label for lab in labels] == own and {lab.source for lab in labels} == {"pdf"}
    assert all(lab.pdf_label == "" for lab in labels)


def test_plain_pdf_labels_give_way_to_printed_numbers_and_are_kept():
    from briefer.core.files.pagelabels import choose_labels

    texts = _constitution_pages()
    labels = choose_labels([str(i + 1) for i in range(len(texts))], texts)
    assert labels[4].label == "1" and labels[4].pdf_label == "5"
    assert choose_labels(None, texts)[4].pdf_label == ""


def test_journal_page_numbers_and_a_first_page_numbered_inside():
    # The Federal Register: five-digit numbers at the page edges, the first page's number
    # printed under a masthead.
    texts = ["This section of the FEDERAL REGISTER\ncontains notices\n47698\nVol. 85\n"
             "body\nmore body\nstill more body\nend"]
    texts += [f"Federal Register / Vol. 85 / Proposed Rules  {47699 + i}\nbody\nmore\nend"
              for i in range(5)]
    labels = detect_printed_labels(texts)
    assert [lab.label for lab in labels] == [str(47698 + i) for i in range(6)]
    assert labels[0].source == "printed"


def test_an_older_catalog_gains_the_pdf_label_column(tmp_path):
    import sqlite3

    from briefer.core.catalog import catalog as C

    db = sqlite3.connect(tmp_path / "old.sqlite")
    for sql in C.MIGRATIONS[:2]:  # a catalog written before the PDF's label was kept
        db.executescript(sql)
    db.execute("PRAGMA user_version = 2")
    db.execute("INSERT INTO meta(key, value) VALUES ('library_id', 'x')")
    db.execute("INSERT INTO documents (sha256, file_name, size, status, added_at, updated_at) "
               "VALUES ('x', 'a.pdf', 1, 'ok', 't', 't')")
    db.execute("INSERT INTO pages (doc_id, page_index, label, label_source, text) "
               "VALUES (1, 0, '11', 'printed', 'hello')")
    db.commit()
    db.close()
    cat = C.Catalog(tmp_path / "old.sqlite")
    try:
        page = cat.page(1, 0)
        assert (page.label, page.pdf_label) == ("11", "")
    finally:
        cat.close()


def test_gazette_headers_read_by_a_poor_ocr_still_give_their_page_numbers():
    # The Divorce Act's gazette (a scan with its OCR layer): the running header is garbled
    # differently on every page, its number on the left on even pages and after the year
    # on odd ones; the numbers agree with their neighbours (4 to 8).
    heads = ["4 THE GAZETTE OF-PAKISTAN, EXTRA., JAN. E, 1976 [PARI I",
             "I'ARr II THE GAZETTE OF PAKISTAN, EXTRA., JAN. 8, 1976 5",
             "6 THE GAZEI TE OF PAKISTAN, EXTRA., JAN. 8, 1976 [Penr I",
             "P,!RT Il 'rHE GAZETTE OF PAKISTAN. EXTRA., JAN. 5, 1976 7",
             "8 THE GAZETTE OF PAKISTAN, EXTRA., JAN. E, 1976 [P^Rr I"]
    texts = ["REGISTERED\nThe Gazette of Pakistan\nbody\nmore body\nstill more\nPrice: Rs. 19"]
    texts += [f"(6J\n{h}\n16. Amendment of section {i}.\nbody\nmore body\nstill more body"
              for i, h in enumerate(heads)]
    labels = detect_printed_labels(texts)
    assert [lab.label for lab in labels[1:]] == ["4", "5", "6", "7", "8"]
    assert all(lab.source == "printed" for lab in labels[1:])
    assert labels[0].source == "index"  # its "(1)" is not in the text: not known


def test_a_journal_first_page_number_on_a_line_of_its_own_with_pdfium_line_ends():
    # pdfium ends lines with "\r\n"; the Federal Register's first page prints "47698 "
    # under its masthead, in the middle of the page's text
    texts = ["This section of the FEDERAL REGISTER\r\ncontains notices\r\nProposed Rules "
             "Federal Register\r\n47698 \r\nVol. 85, No. 152 \r\nbody\r\nmore body\r\n"
             "still more body\r\nend"]
    texts += [f"Federal Register / Vol. 85 / Proposed Rules {47699 + i} \r\nbody\r\nmore\r\nend"
              for i in range(5)]
    labels = detect_printed_labels(texts)
    assert [lab.label for lab in labels] == [str(47698 + i) for i in range(6)]
    assert labels[0].source == "printed"


def test_a_slip_opinion_restarting_at_one_after_its_syllabus():
    # A US slip opinion: the syllabus prints 1-4, the opinion starts again at 1 on PDF page
    # 5 ("Cite as: … 1" in ordinary case, the next pages a header in capitals).
    def page(head: str) -> str:
        return f"{head}\nOpinion of the Court\nbody text\nmore body text\nend of page text"

    texts = [page("(Slip Opinion) OCTOBER TERM, 2012 1")]
    for k in range(2, 5):
        texts.append(page(f"{k} TARRANT REGIONAL WATER DIST. v. HERRMANN" if k % 2 == 0
                          else f"Cite as: 569 U. S. ____ (2013) {k}"))
    texts.append(page("_________________\n_________________\nCite as: 569 U. S. ____ (2013) 1"))
    for k in range(2, 9):
        texts.append(page(f"{k} TARRANT REGIONAL WATER DIST. v. HERRMANN" if k % 2 == 0
                          else f"Cite as: 569 U. S. ____ (2013) {k}"))
    labels = detect_printed_labels(texts)
    assert [lab.label for lab in labels[4:]] == [str(k) for k in range(1, 9)]
    assert labels[4].source == "printed"
