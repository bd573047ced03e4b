"""Comparing two versions of a rule (briefer/core/compare): a draft and a notified text
generated with known differences, split by the provision tree and aligned.

The notified version differs from the draft in exactly these ways (``CHANGES``):

* rule 3 "Application" moved from Chapter I to the end of Chapter III (it is rule 9
  there), so the rules after it move up one;
* sub-rule 4(3) removed (rule 4 is rule 3 in the notified text);
* a new rule "Deputy National Coordinators" inserted after it (rule 4), so the old
  rule 5 keeps its number and rule 9 "Repeal" becomes rule 10;
* clause 5(1)(b) reworded ("seventy-two hours" → "forty-eight hours", "subscriber
  information" → "basic subscriber information");
* an arrangement of rules (a table of contents) in the notified text only, a smaller
  font, other margins and the page number in the running header: every page breaks
  elsewhere.

Everything else is worded alike and must be reported unchanged.
"""

from __future__ import annotations

import copy
import random
import time
from pathlib import Path

import pytest

from briefer.core.compare.align import compare_parts, word_diff, words_key
from briefer.core.compare.model import Comparison, Part
from briefer.core.compare.split import CLOSING, OPENING, running_spans, split_provisions
from tests.pdfgen import (RULES_CHAPTERS, RULES_ISSUER, RULES_TITLE, GeneratedPdf, Item,
                          Layout, Prov, Sub, _gazette_number_header, _provision_items)

RUNNING = "PART II] THE GAZETTE OF EXAMPLESTAN, EXTRA., JANUARY 28, 2026"
DEPUTY = Prov("4", "Deputy National Coordinators", [
    Sub("1", "The Federal Government may appoint one or more Deputy National Coordinators "
             "to assist the National Coordinator in the performance of his functions."),
    Sub("2", "A Deputy National Coordinator shall exercise such powers of the National "
             "Coordinator as the National Coordinator may delegate to him in writing."),
])


def draft_chapters() -> list[tuple[str, str, list[Prov]]]:
    return copy.deepcopy(RULES_CHAPTERS)


def notified_chapters() -> list[tuple[str, str, list[Prov]]]:
    chapters = copy.deepcopy(RULES_CHAPTERS)
    (c1, n1, p1), (c2, n2, p2), (c3, n3, p3) = chapters
    application = p1.pop(2)  # rule 3 moves to chapter III
    appointment = p2[0]
    del appointment.subs[2]  # 4(3) removed
    p2.insert(1, copy.deepcopy(DEPUTY))
    powers = p2[2]
    letter, text = powers.subs[0].clauses[1]
    powers.subs[0].clauses[1] = (letter, text.replace("seventy-two hours", "forty-eight hours")
                                 .replace("any subscriber information",
                                          "any basic subscriber information"))
    p3.insert(2, application)
    n = 0
    for _c, _n, provs in chapters:  # numbered by position, as a notified text is
        for prov in provs:
            n += 1
            prov.number = str(n)
    return chapters


def build_rules(path: Path, chapters, *, toc: bool = False, size: float = 11.0,
                margins=(24.0, 22.0, 24.0, 24.0), number_in_header: bool = False,
                first_printed: int = 173) -> GeneratedPdf:
    """A gazette notification of the rules in ``chapters`` (the layout of
    :func:`tests.pdfgen.make_rules_pdf`), with an arrangement of rules when ``toc``."""

    def printed(i):
        return str(first_printed + i)

    def foot(i, _n):
        return [] if number_in_header and i else [printed(i)]

    lay = Layout(family="Times", size=size, margins=margins,
                 header=_gazette_number_header(first_printed, RUNNING, number_in_header),
                 footer=foot, printed=printed, title=RULES_TITLE,
                 author="Government of Examplestan, " + RULES_ISSUER,
                 subject="S.R.O. 112(I)/2026")
    for t, style, sz in [("THE GAZETTE OF EXAMPLESTAN", "B", 16), ("EXTRAORDINARY", "B", 12),
                         ("PUBLISHED BY AUTHORITY", "", 10), ("NOTIFICATION", "B", 11)]:
        lay.add(Item([(style, t)], align="C", size=sz, space_before=0.3))
    lay.add(Item([("B", "S.R.O. 112(I)/2026.\u2014"),
                  ("", "In exercise of the powers conferred by section 51 of the Digital "
                       "Communications Act, 2024, the Federal Government is pleased to make "
                       "the following rules, namely:\u2014")], space_before=1.0))
    lay.add(Item([("B", RULES_TITLE.upper())], align="C", space_before=1.0))
    if toc:
        lay.add(Item([("B", "ARRANGEMENT OF RULES")], align="C", space_before=1.0))
        for _c, _n, provs in chapters:
            for prov in provs:
                lay.add(Item([("", f"{prov.number}. {prov.heading}.")], space_before=0.1))
    for chap, name, provs in chapters:
        lay.add(Item([("B", chap)], align="C", space_before=1.2))
        lay.add(Item([("B", name)], align="C", space_before=0.1))
        for prov in provs:
            for it in _provision_items(prov, "Rule", ("rule", "sub-rule", "clause",
                                                      "sub-clause")):
                lay.add(it)
    lay.add(Item([("", "[F. No. 4-12/2025-DC]")], space_before=1.5))
    lay.add(Item([("B", "NASREEN O. DARVISH")], align="R", space_before=0.5))
    return lay.build(path)


# ------------------------------------------ long rules in the formulas rules repeat

SUBJECTS = ["the Authority", "the National Coordinator", "every social media company",
            "a significant social media company", "the Federal Government", "the Ministry",
            "a service provider", "the compliance officer", "the appellate tribunal",
            "a licensee", "the registrar", "any person aggrieved"]
VERBS = ["shall publish", "may direct", "shall maintain", "shall not disclose", "may review",
         "shall submit", "may suspend", "shall retain", "may require", "shall notify"]
OBJECTS = ["a report of the orders received", "the register of complaints", "traffic data",
           "subscriber information", "the reasons for its decision", "a statement of accounts",
           "the terms and conditions of its service", "a copy of the order",
           "any online content so specified", "the particulars of the licence",
           "the fees prescribed in the Schedule", "an annual return"]
TIMES = ["within seven days", "within thirty days", "within six months", "forthwith",
         "at least once a year", "within forty-eight hours", "before the end of each quarter",
         "within fourteen days of its receipt"]
HEADS = ["Duties", "Powers", "Returns", "Registers", "Appeals", "Fees", "Licences",
         "Inspections", "Records", "Notices", "Complaints", "Reports", "Penalties",
         "Exemptions", "Accounts", "Audits"]
WHATS = ["of licensees", "of the Authority", "of service providers", "of the registrar",
         "in emergencies", "of the tribunal", "of compliance officers", "for data retention"]


def _sentence(rng: random.Random) -> str:
    s = f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)} " \
        f"{rng.choice(TIMES)}"
    if rng.random() < 0.5:
        s += f", and {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    # "rule 165 of these rules": a reference never puts a bare "165." at a line start
    return s + f" in the manner specified in rule {rng.randint(1, 700)} of these rules."


def formula_rules(n_rules: int, seed: int = 20) -> list[tuple[str, str, list[Prov]]]:
    rng = random.Random(seed)
    chapters = []
    per = 25
    for c in range(0, n_rules, per):
        provs = []
        for k in range(c + 1, min(n_rules, c + per) + 1):
            subs = []
            for s in range(1, rng.randint(2, 4) + 1):
                clauses = []
                if rng.random() < 0.35:
                    clauses = [(chr(96 + j), _sentence(rng)[:-1] + ";")
                               for j in range(1, rng.randint(2, 5) + 1)]
                proviso = _sentence(rng)
                tail = "Provided that " + proviso[0].lower() + proviso[1:] \
                    if rng.random() < 0.1 else None
                subs.append(Sub(str(s), _sentence(rng), clauses, tail))
            provs.append(Prov(str(k), f"{rng.choice(HEADS)} {rng.choice(WHATS)}", subs))
        chapters.append((f"CHAPTER {_roman(len(chapters) + 1)}", f"PART {len(chapters) + 1} "
                         "PROVISIONS", provs))
    return chapters


def _roman(n: int) -> str:
    out = ""
    for v, s in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out


def formula_edits(chapters, seed: int = 21) -> tuple[list, dict]:
    """The draft with known edits; returns the chapters (renumbered by position) and the
    edits: ``reworded`` (earlier, later) sub-rule texts, ``removed`` sub-rules (their
    parts: the sub-rule, its clauses and proviso), counts of ``inserted`` and ``moved``
    rules."""
    rng = random.Random(seed)
    out = copy.deepcopy(chapters)
    made: dict = {"reworded": [], "removed": [], "inserted": 0, "moved": 0}
    for _c, _n, provs in out:
        for prov in provs:
            for sub in prov.subs:
                if rng.random() < 0.04:
                    old = sub.text
                    sub.text = sub.text.replace(" shall ", " must ", 1).replace(" may ", " can ", 1)
                    sub.text = sub.text.replace("within", "not later than", 1)
                    if sub.text != old:
                        made["reworded"].append((old, sub.text))
            if len(prov.subs) > 2 and rng.random() < 0.03:
                gone = prov.subs.pop()
                made["removed"].append(1 + len(gone.clauses) + (1 if gone.tail else 0))
                made["reworded"] = [r for r in made["reworded"] if r[1] != gone.text]
        if rng.random() < 0.3:
            at = rng.randrange(len(provs))
            provs.insert(at, Prov("0", "Transitional provisions", [
                Sub("1", "Proceedings pending on the commencement of these rules shall be "
                         "continued and disposed of under the rules then in force."),
                Sub("2", "Nothing in this rule affects an order already made, which stays in "
                         "force until it expires or is revoked.")]))
            made["inserted"] += 1
    moved = out[0][2].pop(1)
    out[-1][2].append(moved)
    made["moved"] += 1
    n = 0
    for _c, _n, provs in out:
        for prov in provs:
            n += 1
            prov.number = str(n)
    return out, made


def texts_of(gen: GeneratedPdf) -> list[str]:
    return [gen.pdfium_text(i) for i in range(gen.page_count)]


def parts_of(gen: GeneratedPdf):
    return split_provisions(texts_of(gen), doc_type="rule", title=RULES_TITLE,
                            labels=gen.printed_numbers or ())


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    d = tmp_path_factory.mktemp("versions")
    draft = build_rules(d / "draft.pdf", draft_chapters())
    notified = build_rules(d / "notified.pdf", notified_chapters(), toc=True, size=10.0,
                           margins=(30.0, 26.0, 18.0, 30.0), number_in_header=True,
                           first_printed=41)
    return draft, notified


def by_change(pairs) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for p in pairs:
        out.setdefault(p.change, []).append((p.earlier.key if p.earlier else "",
                                             p.later.key if p.later else ""))
    return out


# ---------------------------------------------------------------------- splitting


def test_versions_break_pages_differently(versions):
    draft, notified = versions
    # the same clause wraps at other words, and the second page starts elsewhere
    def lines_with(gen, words):
        return [ln for page in gen.lines for ln in page if words in ln]

    assert lines_with(draft, "the associated") != lines_with(notified, "the associated")
    assert draft.lines[1][1] != notified.lines[1][1]
    assert any("ARRANGEMENT OF RULES" in t for t in texts_of(notified))


def test_split_gives_every_provision_with_its_range(versions):
    draft, _ = versions
    parts = parts_of(draft)
    keys = [p.key for p in parts]
    want = [p.number for p in draft.provisions if p.kind in ("rule", "sub-rule", "clause")]
    assert [k for k in keys if k in set(want)] == want
    assert "5(2), proviso" in keys and "Chapter II" in keys
    assert parts[0].key == "" and parts[0].citation == OPENING
    b = next(p for p in parts if p.key == "5(1)(b)")
    gen = draft.provision("Rule 5(1)(b)")
    assert b.citation == "Rule 5(1)(b)" and b.start == (gen.page, gen.offset)
    assert b.page_label == gen.printed_page
    assert b.text.startswith("to provide, within seventy-two hours")  # its number left out
    five = next(p for p in parts if p.key == "5")
    assert five.heading == "Powers of the National Coordinator"
    assert five.text == "Powers of the National Coordinator.\u2014"
    assert [p.start for p in parts] == sorted(p.start for p in parts)
    assert all(p.start < p.end for p in parts)
    last = texts_of(draft)[-1]  # the closing lines end where the last page does
    assert parts[-1].end == (draft.page_count - 1, len(last))
    # the file number and signature close the document: no words of the last rule
    assert (parts[-1].key, parts[-1].citation) == (CLOSING, CLOSING)
    assert parts[-1].text == "[F. No. 4-12/2025-DC] NASREEN O. DARVISH"
    assert parts[-2].key == "9" and parts[-2].text.endswith("are hereby repealed.")
    assert parts[-2].end == parts[-1].start


def test_text_leaves_out_running_lines_and_page_numbers(versions):
    draft, _ = versions
    parts = parts_of(draft)
    crossing = [p for p in parts if p.start[0] != p.end[0] and p.end[1] > 0]
    assert crossing, "some provision runs over a page break"
    for p in parts:
        assert "GAZETTE OF EXAMPLESTAN, EXTRA" not in p.text
        assert not any(w.isdigit() and 170 < int(w) < 190 for w in p.text.split())
    spans = running_spans(texts_of(draft))
    assert all(spans[i] for i in range(1, draft.page_count))  # header and number


def test_running_lines_are_headers_not_lines_a_few_pages_share():
    """Twenty pages with a running header and a page number; four of them begin their
    text with the same second line of a sentence ("specified in rule 5 …"), and three
    end with the same full line: text, not furniture."""
    pages = []
    for i in range(20):
        lines = [f"{i + 1} THE GAZETTE OF EXAMPLELAND" if i % 2 else
                 f"THE GAZETTE OF EXAMPLELAND {i + 1}"]
        lines.append("specified in rule 5 of these rules." if i in (3, 7, 11, 15) else
                     f"Body text of page {'ABCDEFGHIJKLMNOPQRST'[i] * 3} goes on here.")
        lines += ["More of the page.", "And more."]
        lines.append("Every licensee shall keep a register." if i in (2, 9, 13) else
                     f"The last line of page {'ABCDEFGHIJKLMNOPQRST'[i] * 2}.")
        lines.append(str(i + 1))
        pages.append("\r\n".join(lines))
    spans = running_spans(pages)
    for i, page in enumerate(pages):
        dropped = [page[a:b] for a, b in spans[i]]
        assert dropped[0].strip(" 0123456789") == "THE GAZETTE OF EXAMPLELAND"
        assert dropped[1:] == [str(i + 1)]


def test_table_of_contents_is_no_provision(versions):
    _, notified = versions
    parts = parts_of(notified)
    keys = [p.key for p in parts]
    assert len(keys) == len(set(keys)), "a contents entry read as a second rule"
    assert not any("ARRANGEMENT" in p.text for p in parts)
    one = next(p for p in parts if p.key == "1")
    assert one.start[0] >= 0 and "Short title" in one.text


def test_words_ignore_line_end_hyphens_brackets_and_quotes():
    assert words_key("seventy-two") == words_key("seventytwo")
    assert words_key("\u201cAct\u201d") == words_key('"Act"')
    assert words_key("[commission") == words_key("commission")
    assert words_key("shall") != words_key("may")
    assert words_key("Authority") != words_key("authority")


def test_word_diff_rebuilds_both_texts():
    a = "to provide, within seventy-two hours, any subscriber information".split()
    b = "to provide, within forty-eight hours, any basic subscriber information".split()
    ops = word_diff(a, b)
    assert "".join(o.text for o in ops if o.op != "insert") == " ".join(a)
    assert "".join(o.text for o in ops if o.op != "delete") == " ".join(b)
    assert [o.text.strip() for o in ops if o.op == "delete"] == ["seventy-two"]
    assert [o.text.strip() for o in ops if o.op == "insert"] == ["forty-eight", "basic"]


# ---------------------------------------------------------------------- comparing


@pytest.fixture(scope="module")
def compared(versions):
    draft, notified = versions
    return compare_parts(parts_of(draft), parts_of(notified))


def test_every_difference_is_found(compared):
    got = by_change(compared)
    assert got["moved"] == [("3", "9")]
    assert got["removed"] == [("4(3)", "")]
    assert sorted(got["added"]) == [("", "4"), ("", "4(1)"), ("", "4(2)")]
    assert got["reworded"] == [("5(1)(b)", "5(1)(b)")]
    assert sorted(got["renumbered"]) == sorted([
        ("4", "3"), ("4(1)", "3(1)"), ("4(2)", "3(2)"), ("9", "10")])


def test_nothing_unchanged_is_reported_as_changed(compared):
    changed = {p.key for p in compared if p.change != "unchanged"}
    assert changed == {"9", "4", "4(1)", "4(2)", "5(1)(b)", "3", "3(1)", "3(2)", "10",
                       "4(3)"}
    unchanged = [p for p in compared if p.change == "unchanged"]
    assert {p.later.key for p in unchanged} >= {"", "1", "1(1)", "2(1)(i)", "5(2), proviso",
                                                 "6(1)(c)", "Chapter I", "Chapter III", "8(2)"}
    for p in unchanged:
        assert p.earlier.key == p.later.key and p.similarity == 1.0 and p.words == ()


def test_reworded_pair_has_its_word_diff(compared):
    b = next(p for p in compared if p.change == "reworded")
    assert b.earlier.citation == b.later.citation == "Rule 5(1)(b)"
    assert 0.6 < b.similarity < 1.0
    deleted = [o.text.strip() for o in b.words if o.op == "delete"]
    inserted = [o.text.strip() for o in b.words if o.op == "insert"]
    assert deleted == ["seventy-two"] and inserted == ["forty-eight", "basic"]
    assert "".join(o.text for o in b.words if o.op != "delete") == b.later.text


def test_pairs_follow_the_later_order_with_removed_where_they_stood(compared):
    later = [p.later.start for p in compared if p.later is not None]
    assert later == sorted(later)
    keys = [(p.earlier.key if p.earlier else None, p.later.key if p.later else None)
            for p in compared]
    k = keys.index(("4(3)", None))
    assert keys[k - 1] == ("4(2)", "3(2)")
    c = Comparison(1, 2, "Draft", "Notified", compared)
    counts = c.counts()
    assert counts["moved"] == 1 and counts["removed"] == 1 and counts["added"] == 3
    assert sum(counts.values()) == len(compared) and len(c.changed()) == 10


def test_a_version_against_itself_is_unchanged(versions):
    draft, _ = versions
    parts = parts_of(draft)
    pairs = compare_parts(parts, parts)
    assert {p.change for p in pairs} == {"unchanged"} and len(pairs) == len(parts)


def test_everything_added_or_removed_against_nothing(versions):
    draft, _ = versions
    parts = parts_of(draft)
    assert {p.change for p in compare_parts([], parts)} == {"added"}
    assert {p.change for p in compare_parts(parts, [])} == {"removed"}


def test_same_words_in_another_layout_are_unchanged(tmp_path):
    """Only the layout differs: other page breaks, font and running header."""
    a = build_rules(tmp_path / "a.pdf", draft_chapters())
    b = build_rules(tmp_path / "b.pdf", draft_chapters(), size=12.5, margins=(20, 30, 30, 20),
                    number_in_header=True, first_printed=9)
    assert a.page_count != b.page_count
    pairs = compare_parts(parts_of(a), parts_of(b))
    assert [p for p in pairs if p.change != "unchanged"] == []


def test_compare_is_fast_enough_for_long_documents(versions):
    """Twenty copies of the rules (about 60 pages each side): split and aligned in well
    under a second each on this text (bench/compare_bench.py measures 200 pages)."""
    draft, notified = versions
    a = texts_of(draft) * 20
    b = texts_of(notified) * 20
    t0 = time.perf_counter()
    pa = split_provisions(a, doc_type="rule", title=RULES_TITLE)
    pb = split_provisions(b, doc_type="rule", title=RULES_TITLE)
    pairs = compare_parts(pa, pb)
    assert len(pairs) >= len(pb)
    assert time.perf_counter() - t0 < 20


def test_long_formulaic_rules_every_edit_found_through_the_renumbering(tmp_path):
    """150 rules in the formulas rules repeat (most runs of three words are in dozens of
    provisions): rules inserted in several chapters renumber everything after them, and
    sub-rules reworded there are still paired with their earlier text, not with a
    look-alike; removed sub-rules are removed, the moved rule moved."""
    first = formula_rules(150)
    second, made = formula_edits(first)
    assert made["reworded"] and made["removed"] and made["inserted"] >= 2
    a = build_rules(tmp_path / "a.pdf", first)
    b = build_rules(tmp_path / "b.pdf", second, toc=True, size=10.0,
                    margins=(30.0, 26.0, 18.0, 30.0), number_in_header=True, first_printed=41)
    pairs = compare_parts(parts_of(a), parts_of(b))
    edited = {(p.earlier.text, p.later.text) for p in pairs if p.words}
    assert set(made["reworded"]) <= edited
    assert edited == set(made["reworded"])  # the signature is the closing text's
    removed = [p for p in pairs if p.change == "removed"]
    assert len(removed) == sum(made["removed"])
    added = [p for p in pairs if p.change == "added"]
    assert len(added) == 3 * made["inserted"]
    moved = [p for p in pairs if p.change == "moved"]
    assert moved and moved[0].earlier.key == "2" and all(
        p.earlier.key == "2" or p.earlier.key.startswith("2(") for p in moved)
    assert not [p for p in pairs if p.earlier is not None and p.later is not None
                and p.earlier.text != p.later.text and not p.words]


def _part(key: str, text: str, page: int = 0) -> Part:
    cite = OPENING if key == "" else key
    return Part(key, cite, "", text, page, str(page + 1), (page, 0), (page, 1))


def test_opening_texts_are_paired_with_each_other():
    """A notification whose masthead the tree reads as a "PART II" heading: the draft's
    opening text is compared with the notification's opening, not with Part II."""
    preamble = ("In exercise of the powers conferred by section 51 of the Act the Federal "
                "Government proposes to make the following rules")
    earlier = [_part("", "GOVERNMENT OF EXAMPLESTAN " + preamble),
               _part("1", "These rules may be cited as the Rules.")]
    later = [_part("", "THE GAZETTE OF EXAMPLESTAN EXTRAORDINARY"),
             _part("Part II", "Statutory Notifications " + preamble),
             _part("1", "These rules may be cited as the Rules.")]
    pairs = compare_parts(earlier, later)
    assert [(p.change, p.earlier and p.earlier.key, p.later and p.later.key)
            for p in pairs] == [("reworded", "", ""), ("added", None, "Part II"),
                                ("unchanged", "1", "1")]


def test_report_split_by_the_headings_its_contents_list():
    """A report without numbered headings: split at the headings its contents page lists,
    an entry wrapped over two lines read whole, the contents and page numbers left out."""
    pages = [
        "Annual Risk Report\r\nMarch 2026\r\n1",
        "Contents\r\nSummary ........................ 3\r\n"
        "Section 2: Potential systemic risks arising from the design, functioning or use\r\n"
        "of the service ........................ 3\r\nConclusion ........................ 4\r\n2",
        "3\r\nSummary\r\nThe service was assessed in full this year.\r\n"
        "Section 2: Potential systemic risks arising from the design, functioning or\r\n"
        "use of the service\r\nRisks were found to be low.",
        "4\r\nConclusion\r\nNo further action is needed.",
    ]
    parts = split_provisions(pages, doc_type="report", labels=["1", "2", "3", "4"])
    assert [p.key for p in parts] == [
        "", "Summary", "Section 2: Potential systemic risks arising from the design, "
        "functioning or use of the service", "Conclusion"]
    assert parts[0].text == "Annual Risk Report March 2026"  # no contents, no numbers
    assert parts[1].text == "Summary The service was assessed in full this year."
    assert parts[2].page_label == "3" and parts[2].text.endswith("Risks were found to be low.")
    assert parts[3].start == (3, 3) and parts[3].end == (3, len(pages[3]))


def test_sub_rule_inserted_renumbers_the_rest_of_its_rule():
    s1 = "The Authority shall keep a register of every licence granted under these rules."
    s2 = "A licensee shall display the licence at its principal place of business."
    s3 = "The Authority may, after hearing the licensee, cancel a licence for cause."
    new = "A licence shall be valid for five years from the date on which it is granted."
    earlier = [_part("5", "Licences.\u2014"), _part("5(1)", s1), _part("5(2)", s2),
               _part("5(3)", s3)]
    later = [_part("5", "Licences.\u2014"), _part("5(1)", s1), _part("5(2)", new),
             _part("5(3)", s2), _part("5(4)", s3.replace("for cause", "for good cause"))]
    got = [(p.change, p.earlier and p.earlier.key, p.later and p.later.key, bool(p.words))
           for p in compare_parts(earlier, later)]
    assert got == [("unchanged", "5", "5", False), ("unchanged", "5(1)", "5(1)", False),
                   ("added", None, "5(2)", False), ("renumbered", "5(2)", "5(3)", False),
                   ("renumbered", "5(3)", "5(4)", True)]


def test_line_end_hyphens_spacing_and_page_breaks_are_no_change():
    """The same rules typed two ways: words broken at line ends ("regu-|lation",
    "seventy-|two"), other line and page breaks, extra spaces, a running header."""
    a = ["RULES\r\n1. Scope.\u2014(1) This regu-\r\nlation applies to every licensee within "
         "seventy-\r\ntwo hours.\r\n(2) It extends to  the whole country.\r\n2. Fees.\u2014"
         "The fee is ten rupees.\r\n1",
         "THE GAZETTE OF EXAMPLELAND\r\n3. Appeals.\u2014An appeal lies to the tribunal.\r\n2"]
    b = ["RULES\r\n1. Scope.\u2014(1) This regulation applies to every\r\nlicensee within "
         "seventy-two hours.\r\n(2) It extends to the whole\r\ncountry.\r\n2",
         "THE GAZETTE OF EXAMPLELAND\r\n2. Fees.\u2014The fee is ten\r\nrupees.\r\n3. "
         "Appeals.\u2014An appeal lies to the tribunal.\r\n3"]
    # each version is read beside the other: its running header comes once in each
    pa = split_provisions(a, doc_type="rule", companion=b)
    pb = split_provisions(b, doc_type="rule", companion=a)
    assert [p.key for p in pa] == [p.key for p in pb] == ["", "1", "1(1)", "1(2)", "2", "3"]
    assert next(p for p in pa if p.key == "1(1)").text == \
        "This regulation applies to every licensee within seventy-two hours."
    pairs = compare_parts(pa, pb)
    assert [p.change for p in pairs] == ["unchanged"] * 6


def test_spacing_around_brackets_and_rules_is_no_change():
    """One typesetting prints "l[Chittagong]," and ": ___", the other "l [Chittagong],"
    and ":___": the same words. A changed colon is still a change."""
    earlier = [_part("5", "Whoever in l [Chittagong], as follows: ___ shall be punished."),
               _part("6", "Every order shall state the grounds on which it is made.")]
    later = [_part("5", "Whoever in l[Chittagong], as follows:___ shall be punished."),
             _part("6", "Every order shall state the grounds on which it is made:")]
    got = [(p.change, p.similarity, p.words != ()) for p in compare_parts(earlier, later)]
    assert got[0] == ("unchanged", 1.0, False)
    assert got[1][0] == "reworded" and got[1][2]


def test_footnotes_are_no_provisions_and_not_in_the_text():
    """A judgment's note at a page's foot ("1 A note …", read by the tree as a footnote):
    no part of its own, and its words stay out of the paragraph it interrupts, so a note
    reworded is no change of the paragraphs."""
    a = ["12. The first paragraph of the opinion.\n13. The second paragraph.1\n"
         "1 A note on the first page.", "14. The third paragraph of the opinion."]
    b = ["12. The first paragraph of the opinion.\n13. The second paragraph.1\n"
         "1 Another note, reworded.", "14. The third paragraph of the opinion."]
    pa = split_provisions(a, doc_type="judgment")
    assert [p.key for p in pa] == ["12", "13", "14"]
    assert not any("note" in p.text for p in pa)
    pairs = compare_parts(pa, split_provisions(b, doc_type="judgment"))
    assert [p.change for p in pairs] == ["unchanged"] * 3
