"""Build the provision tree of a document from its page texts (:func:`build_tree`) and keep
the last few in memory (:func:`tree_for`)."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import OrderedDict
from typing import Optional

from briefer.core.clips.structure.lexer import (
    Marks,
    Pos,
    _ACT_HEADING,
    _AMENDMENT_NOTE,
    _BROKEN_MARK,
    _CHAPTER,
    _CLOSING,
    _CONTENTS,
    _EXCEPT,
    _EXPLAIN,
    _HEAD_LINES,
    _ILLUS,
    _LEAD_SUB,
    _MARK,
    _ORDINALS,
    _PART,
    _PROVISO,
    _QUOTES,
    _readings,
    _QUOTE_INTRO,
    _SCHEDULE,
    _Top,
    _clean_break,
    _Line,
    _key,
    _lines,
    _lost_top,
    _sub_number,
    _top_of,
    _wraps_reference,
)
from briefer.core.clips.structure.numbering import (
    _LATE_JUDGMENT_LINES,
    _TOC_SPAN,
    _Run,
    _between,
    _drop_years,
    _heading_not_para,
    _implicit_first_paragraph,
    _late_list,
    _looks_like_contents,
    _schedule_headings,
    _split_runs,
)
from briefer.core.clips.structure.tree import Provision, ProvisionTree
from briefer.core.clips.structure.grammar import _Builder, _inline_sub


def unit_word(doc_type: str = "", title: str = "") -> str:
    """What a top-level unit of this kind of document is called."""
    t = title.lower()
    if "constitution" in t:
        return "Article"
    if doc_type == "rule":
        return "Regulation" if "regulation" in t and "rules" not in t else "Rule"
    if doc_type == "law":
        return "Section"
    return "para"


# a footnote's first line at a page's foot: its number (no dot) or "*", then its text
# ("1 Interpretive …", "2Within subbasins …" as pdfium joins a raised number)
_NOTE = re.compile(r"(\d{1,3}|\*{1,3})(?:\s+|(?=[A-Z][a-z]))(?=[A-Z\u201c\u2018\"'(\[]|"
                   r"\d{1,4}\s+[a-z])")  # "1 60 days after the order fell on a Sunday."


def _footnotes(lines: list[_Line], pages: list[str]) -> dict[int, list[tuple[str, int]]]:
    """Where the footnotes of a judgment begin ("1 Interpretive comments were …" below the
    text): line index -> [(number, page offset)]. A note's number is the next one (they run
    on through the document, "*" first if any) and the page's text above refers to it,
    glued to a word as a superscript reads in plain text ("comments1", "CURIAM:*"). Below a
    page's first note, the next may begin inside a line where pdfium joined it ("… ibid. 4 In
    such circumstances …")."""
    out: dict[int, list[tuple[str, int]]] = {}
    expected = 1
    noted = -1  # the page whose notes have begun

    def referred(num: str, page: int, at: int) -> bool:
        ref = re.escape(num) if num.startswith("*") else rf"{num}(?!\d)"
        # (pdfium may put a raised number on a line of its own: "… no such law.\n2 Thus")
        return re.search(rf"[A-Za-z.,;:\u201d\u2019\"')\]][\r\n]*{ref}",
                         pages[page][:at]) is not None

    for k, ln in enumerate(lines):
        if noted != ln.page and not ln.body[:1].isdigit() and ln.body[:1] != "*" and (
                ln.body_start == ln.start or not pages[ln.page][ln.start:ln.body_start].strip()):
            continue  # neither a note's first line nor below one
        # the line as printed: a note's number may be a superscript the layout took out
        line = pages[ln.page][ln.start:ln.start + 400].split("\n", 1)[0]
        raw = line.lstrip()
        raw_start = ln.start + len(line) - len(raw)
        m = _NOTE.match(raw)
        if m and (m.group(1) == str(expected) or (m.group(1).startswith("*") and expected == 1)
                  or (out and m.group(1) == str(expected + 1))) and \
                referred(m.group(1), ln.page, raw_start):
            num = m.group(1)
            out.setdefault(k, []).append((num, raw_start))
            noted = ln.page
            if num.isdigit():
                expected = int(num) + 1
        if noted != ln.page:
            continue
        for mm in re.finditer(r"(?<=[.)\]\u201d\"\u2019;:])\s*(\d{1,3})\s?(?=[A-Z][a-z])", raw):
            if mm.group(1) == str(expected) and referred(mm.group(1), ln.page, raw_start):
                out.setdefault(k, []).append((mm.group(1), raw_start + mm.start(1)))
                expected += 1
    return out


def build_tree(pages: list[str], *, doc_type: str = "", title: str = "",
               marks: Marks = None) -> ProvisionTree:
    """The provision tree of a document from its page texts; ``marks`` (optional, per page)
    are the superscript markers found in the page layout, never part of a number."""
    word = unit_word(doc_type, title)
    lines = _lines(pages, marks)
    tops: list[_Top] = []
    top_at: dict[int, _Top] = {}
    contents_pages: set[int] = set()
    act_lines: list[int] = []  # an Act's heading in a gazette ("ACT No. IV OF 1976")
    decimals: list[int] = []  # lines that may hold a paragraph numbered "1.3.1"
    for k, ln in enumerate(lines):
        c = ln.body[:1]
        if c in "AO" and _ACT_HEADING.match(ln.body.strip()):
            act_lines.append(k)
        elif c.isdigit() and "." in ln.body[1:3]:
            decimals.append(k)
        if c in "(ACTact" and _CONTENTS.fullmatch(ln.body.strip(" :.")):
            contents_pages.add(ln.page)
        t = _top_of(ln)
        if t is not None and k and t.word is None and _wraps_reference(lines[k - 1].body):
            t = None  # "… orders under Section\n11. The file …": a wrapped reference
        if t is not None and t.word is None and _AMENDMENT_NOTE.match(t.heading):
            t = None  # "1. Substituted vide Ordinance No. XC of 2002": a footnote
        if t is not None:
            tops.append(t)
            top_at[k] = t
    tops = _drop_years(tops)
    if word == "para":  # numbered headings of reports are not paragraphs
        nxt_body = {id(ln): lines[k + 1].body if k + 1 < len(lines) else ""
                    for k, ln in enumerate(lines)}
        heads = [t for t in tops if _heading_not_para(t, nxt_body[id(t.line)])]
        if len(heads) * 2 >= len(tops):
            drop = {id(t) for t in heads}
            # the other entries of a list of headings ("6. Transcript Purchase Order Form."
            # after "5. Concise Summary of the Case") are entries too
            for prev, t in zip(tops, tops[1:]):
                if id(prev) in drop and t.line.page == prev.line.page and \
                        0 < t.line.body_start - prev.line.body_start <= _TOC_SPAN:
                    drop.add(id(t))
            tops = [t for t in tops if id(t) not in drop]
            top_at = {k: t for k, t in top_at.items() if id(t) not in drop}
    if doc_type == "judgment":
        # a US syllabus (headnote) numbers its holdings: they are no paragraphs of the opinion
        syl = next((k for k, ln in enumerate(lines) if ln.body.strip() == "Syllabus"), None)
        opinion = next((k for k, ln in enumerate(lines) if syl is not None and k > syl and
                        "opinion of the Court" in ln.body and
                        _CLOSING.match(ln.body.strip())), None)
        if syl is not None and opinion is not None:
            gone = {id(t) for k, t in top_at.items() if syl < k < opinion}
            tops = [t for t in tops if id(t) not in gone]
            top_at = {k: t for k, t in top_at.items() if id(t) not in gone}
    prose = doc_type in ("report", "statement")
    if prose or doc_type == "judgment":
        # A report, statement or judgment has no sections of its own: "Section 3." or
        # "Article 35:-" at the start of its line is a reference that running text wrapped
        # there, a heading, or a provision quoted, never a provision of the document.
        tops = [t for t in tops if t.word in (None, "para")]
        top_at = {k: t for k, t in top_at.items() if t.word in (None, "para")}
    runs = _split_runs(tops, paragraphs=doc_type == "judgment")
    if prose:
        # its numbered paragraphs or list items begin at 1 and come at least two
        # together: a lone "3." is a number that a wrapped line starts with
        runs = [r for r in runs if len(r.tops) >= 2 and _key(r.tops[0].num)[0] <= 2]
    body_seen: Optional[_Run] = None
    keep: dict[int, _Run] = {}
    contents: list[tuple[Pos, Pos]] = []
    act_at = [(lines[k].page, lines[k].body_start) for k in act_lines]
    act_set: set[int] = set()  # the Act headings a gazette's numbering starts again after
    for ri, r in enumerate(runs):
        if body_seen is None and _looks_like_contents(r, runs[ri + 1:], tops, contents_pages):
            r.contents = True
            first, last = r.tops[0].line, r.tops[-1].line
            contents.append(((first.page, first.start),
                             (last.page, last.at(len(last.body)))))
            continue
        if body_seen is not None and _key(r.tops[0].num) <= _key(body_seen.tops[-1].num):
            # numbering starts again: a list inside a paragraph, or worse; but a gazette
            # prints one Act after another, each numbered from 1 after its own heading
            act = _between(act_at, body_seen.tops[-1].line, r.tops[0].line) \
                if r.tops[0].num == "1" else None
            if act is None:
                r.doubtful = True
            else:
                act_set.add(act_lines[act])
        body_seen = r
        for t in r.tops:
            keep[id(t)] = r
    if word == "para" and body_seen is not None:
        _implicit_first_paragraph(lines, top_at, keep, runs, contents)
    if doc_type in ("statement", "report"):
        _late_list(lines, runs, contents)
    elif doc_type == "judgment":
        # a judgment whose numbers start pages in (a list of injuries, a quoted section)
        # has no numbered paragraphs; its first paragraph is never this long
        _late_list(lines, runs, contents, _LATE_JUDGMENT_LINES)
    if word == "para":
        decimal = _decimal_paragraphs(lines, decimals)
        if decimal:  # "1.3.1 ADI is a company …": these are the paragraphs, and only these
            run = _Run(list(decimal.values()))
            top_at = dict(decimal)
            keep = {id(t): run for t in run.tops}
            runs = [run]
    next_mark: dict[int, str] = {}  # line -> the list marker that starts a later line
    following = ""
    for k in range(len(lines) - 1, -1, -1):
        next_mark[k] = following
        m = _MARK.match(lines[k].body)
        if m:
            following = m.group(1)
        elif k in top_at:
            following = ""  # a marker in the next unit says nothing of this one's lists
    headings = _schedule_headings(lines, top_at, keep, doc_type)
    # A judgment is cited by its own numbered paragraphs: a statute it quotes (sections,
    # sub-sections, provisos, parts) stays inside the paragraph that quotes it.
    flat = doc_type == "judgment"
    quoted = False
    q_open: Optional[Pos] = None  # where a quotation a judgment's paragraph reproduces opens
    quotations: list[tuple[Pos, Pos]] = []
    kept_lines = sorted(k for k, t in top_at.items() if id(t) in keep)
    page_top, top_page = 0, -1  # the first line of the page, and its page
    head_left = 0  # lines after a unit's number where its "(1)" may still come
    b = _Builder(word)
    titled: Optional[Provision] = None  # a part or chapter whose title lines may follow
    notes = _footnotes(lines, pages) if flat else {}
    note_page = -1  # the page whose footnotes have begun: its lines below are notes
    for k, ln in enumerate(lines):
        at = (ln.page, ln.body_start)
        if contents and any(a <= at < z for a, z in contents):
            continue
        body = ln.body
        c = body[:1]
        if k in notes:
            for num, off in notes[k]:
                b.footnote(num, (ln.page, off), (ln.page, len(pages[ln.page])))
            note_page = ln.page
            continue
        if ln.page == note_page:
            continue  # the rest of a footnote
        if b.started and k in act_set:
            b.close_all(at)  # the next Act of a gazette: the last one has ended
            b.unit, b.container, b.levels, b.schedule = None, None, [], None
            continue
        if not flat and b.started and c in "Ss" and _OBJECTS.match(body.strip()):
            # a bill's "Statement of Objects and Reasons" after its last section (OCR may
            # read it "Stalquqent of Obieets and Realons") is no part of any section
            b.close_all(at)
            b.unit, b.container, b.levels, b.schedule = None, None, [], None
            continue
        if flat and b.unit is not None and _closing(body):
            # "Karachi JUDGE", "Dated: 22nd March, 2023": the judgment's last paragraph
            # has ended; what follows is cited by no paragraph until the next one starts
            b.close_all(at)
            b.unit, b.container, b.levels = None, None, []
            q_open = None
            continue
        if ln.page != top_page:
            top_page, page_top = ln.page, k
            if b.schedule is not None and title and _cover(lines, k, title):
                # a page that only prints the document's title ("THE PAKISTAN BAIT-UL-MAL
                # ACT 1991 AMENDED Updated Oct 2002") after a form: a cover, not its text
                b.close_all(at)
                b.unit, b.container, b.levels, b.schedule = None, None, [], None
                continue
        if c in "SA" and k - page_top < _TOP_LINES:
            m = _LETTER_SCHEDULE.fullmatch(body.strip())
            if m:
                # "Schedule A – Cases that Should Be Remanded" at a page's top (under its
                # running head): an order's own schedule, in any kind of document
                b.heading("schedule", m.group(1), f"Schedule {m.group(1)}", at, body)
                quoted, q_open = False, None
                continue
        # a schedule heading counts once the body has begun (not in the contents)
        m = _SCHEDULE.fullmatch(body.strip(" .:_")) if b.started and k in headings else None
        if m:
            which = (m.group(1) or "").title()
            kind = "Form" if re.search(r"\bform\b", m.group(0), re.I) else "Schedule"
            label = f"{which} {kind}" if which else kind + (
                f" {m.group(2)}" if m.group(2) else "")
            b.heading("schedule", m.group(2) or which, label, at, body)
            continue
        c = body[:1]  # the patterns below each need their first character: spare them
        head = not flat and "PART" in body[:8] or "CHAPTER" in body[:10]
        m = _PART.fullmatch(body.strip(" [].;")) if head and not flat else None
        if m and not b.started and _in_masthead(lines, k):
            continue  # "THE GAZETTE OF …, EXTRAORDINARY … PART II": the gazette's part
        if m:
            b.heading("part", m.group(1), f"Part {m.group(1)}", at, body)
            titled = b.stack[-1]
            titled.title_end = (ln.page, ln.at(len(body)))
            continue
        m = _CHAPTER.fullmatch(body.strip(" [].;")) if head and not flat else None
        if m:
            b.heading("chapter", m.group(1), f"Chapter {m.group(1)}", at, body)
            titled = b.stack[-1]
            titled.title_end = (ln.page, ln.at(len(body)))
            continue
        if titled is not None:
            # the title printed under "PART III": upper case, or a short line of its own
            if b.stack and b.stack[-1] is titled and k not in top_at and not _MARK.match(body) \
                    and (body.isupper() or (len(body) <= 70 and not body.rstrip().endswith(
                        (".", ",", ";", ":")))):
                titled.title_end = (ln.page, ln.at(len(body)))
            else:
                titled = None
        t = top_at.get(k)
        if t is not None and id(t) in keep and b.schedule is not None and b.unit is None and \
                not b.schedule_units and _key(t.num)[0] != 1:
            t = None  # a schedule numbers its paragraphs from 1: "16, Clive Street" is text
        if t is not None and id(t) not in keep and not flat and t.word is None and \
                b.next_subsection() == t.num:
            # "2. The Managing Director …" after "(1)": a sub-section printed without brackets
            b.marker(t.num, at, t.heading)
            continue
        if t is not None and id(t) in keep:
            r = keep[id(t)]
            b.unit_start(t, at, r.doubtful and b.schedule is None, r.why)
            quoted = False
            q_open = None
            if flat:
                continue
            head_left = _HEAD_LINES
            lead = _LEAD_SUB.match(t.heading)
            if lead:  # "10. (1) No person …"
                off = body.find(lead.group(0))
                b.marker(_sub_number(lead.group(1)), (ln.page, ln.at(off)),
                         t.heading[lead.end():])
                continue
            if _inline_sub(b, body, ln):
                head_left = 0
            continue
        if not flat and word != "para" and b.unit is not None and _lost_top(
                t, body, lines[k - 1].body if k else ""):
            j = bisect_right(kept_lines, k)
            nxt = top_at[kept_lines[j]] if j < len(kept_lines) else None
            cur = b.unit.number
            if t is None and nxt is not None and b.schedule is None and cur.isdigit() and \
                    nxt.num == str(int(cur) + 2):
                # ":. Amendment of section 2 …" between sections 1 and 3: the number that
                # cannot be read is the one missing there
                b.unit_start(_Top(ln, str(int(cur) + 1), None, body), at, False)
                head_left = _HEAD_LINES
                continue
            b.doubt(at, "a provision here has a number that cannot be read or is out of "
                    "order", True)
        if head_left and b.unit is not None and not b.levels and not flat:
            # a heading wrapped over lines: "10. Duty of the\n[Officer] and others.– (1) The"
            head_left -= 1
            if not _MARK.match(body) and _inline_sub(b, body, ln):
                head_left = 0
                continue
        else:
            head_left = 0
        if flat:
            # the court's own sub-paragraphs ("(a) rule 5(1)(b) is ultra vires") are
            # followed; a statute it quotes ("which reads:", a line that opens a quote or
            # a section of its own) stays in the paragraph up to the next paragraph
            if b.unit is not None:
                # an order or statute reproduced over pages ("… reproduced hereunder:\n
                # “In compliance …” … matter.”"): the paragraph holds it to its closing mark
                if q_open is None and c in "\u201c\"" and k and (
                        lines[k - 1].body.rstrip().endswith(":") or
                        _QUOTE_INTRO.search(lines[k - 1].body)):
                    q_open = at
                if q_open is not None and body.rstrip(" .;").endswith(("\u201d", '"')):
                    quotations.append((q_open, (ln.page, ln.at(len(body)))))
                    q_open = None
            if not quoted and (body[:1] in _QUOTES or t is not None or (
                    k and _QUOTE_INTRO.search(lines[k - 1].body))):
                quoted = True
            if quoted:
                continue
        m = (_MARK.match(body) if c == "(" else None) or (
            None if flat or c not in "ivx" else _DOT_MARK.match(body))
        if m and k and _wraps_reference(lines[k - 1].body):
            m = None  # "… under sub-section\n(4) of section 9": a wrapped reference
        rest = body[m.end():].lstrip(" .") if m else ""
        tok = m.group(1) if m else ""
        if tok in ("l", "I") and b.unit is not None and not b.levels:
            tok = "1"  # "(l) The Chairperson …" under a heading: OCR's or a typist's (1)
        if m and b.marker(tok, at, rest, next_mark.get(k, ""),
                          clean=k > 0 and _clean_break(lines[k - 1].body, rest),
                          intro=k > 0 and _INTRO.search(lines[k - 1].body[-8:]) is not None):
            b.before[id(b.container)] = lines[k - 1].body.rstrip() if k else ""
            continue
        if not m and not flat and b.levels and k and (
                lines[k - 1].body[-1:] in ",." or lines[k - 1].page != lines[k - 2].page or (
                    lines[k - 1].body[-1:] == ";" and body[:1].islower())) \
                and _wraps_up(b, _before_furniture(lines, k), body, next_mark.get(k, "")):
            # "… section 49-F,\nthe manager … shall each be punishable": the words after a
            # list's last item complete the sentence that introduced the list
            b.wrap_up(at)
        if flat:
            continue
        if not m and b.levels and (c in _OCR_SUB_FIRST or c == "1" and body[2:3] == ")"):
            om = _OCR_SUB.match(body)
            want = b.next_subsection() if om else ""
            if om is not None and want and (om.group(1) or om.group(2) or "2") == want and not (
                    k and _wraps_reference(lines[k - 1].body)):
                # "l2l The marriage register …", "(21 For the purposes …", "12) A wife …",
                # "@ The government …": OCR's "(2)" where the next sub-section is 2
                b.marker(want, at, body[om.end():].lstrip())
                continue
        if (rest[:1].isupper() or rest[:1] in _QUOTES) if m else (
                (body[:1] in "(lIO\\@" or body[:1].isdigit()) and
                _BROKEN_MARK.match(body) is not None and not (
                    k and _wraps_reference(lines[k - 1].body))):
            # "(e) “Court” means …" where (e) cannot follow, "(0 One representative …":
            # a list item whose number does not fit or cannot be read
            b.doubt(at, "a list item here has a number that cannot be read or does not "
                    "follow the numbering", False)
        if c not in "PEFSTNI":
            continue
        if c == "P" and _PROVISO.match(body) and b.annotate("proviso", "", at, body,
                                                             next_mark.get(k, "")):
            continue
        m = _EXPLAIN.match(body) if c == "E" else None
        if m and b.annotate("explanation", m.group(1) or "", at, body[m.end():],
                            next_mark.get(k, "")):
            continue
        m = _EXCEPT.match(body)
        if m and b.annotate("exception", m.group(2) or (
                str(_ORDINALS.index(m.group(1).lower()) + 1) if m.group(1) else ""), at):
            continue
        if c == "I" and _ILLUS.match(body) and b.annotate(
                "illustration", "Illustrations" if body.lower().startswith("illustrations")
                else "Illustration", at):
            continue
    end = (len(pages), 0)
    b.close_all(end)
    for p in b.out:  # nothing ends past the last page
        if p.end > end:
            p.end = end
    tree = ProvisionTree(b.out, word, contents, len(pages), b.unsettled, quotations)
    if len(tree.unsettled) >= _DAMAGED:
        # numbering damaged in several places (a scan's text layer): a unit where one of its
        # numbers could not be read is a guess throughout, not only from that number on
        for a, _z, why in list(tree.unsettled):
            held = tree.at(*a)
            unit = next((x for x in ([held, *held.ancestors()] if held else [])
                         if x.kind == "unit"), None)
            if unit is not None:
                tree.unsettled.append((unit.start, unit.end, why))
    return tree


def _in_masthead(lines: list[_Line], k: int) -> bool:
    """Whether line ``k`` stands in a gazette's masthead: a few lines under its name, before
    any provision (its "PART I" / "PART II" is the gazette's, not the instrument's)."""
    return any("GAZETTE" in lines[j].body.upper() for j in range(max(0, k - 8), k))


_OBJECTS = re.compile(r"S\w{5,10}\s+of\s+O\w{5,8}\s+and\s+R\w{5,8}\W*$", re.I)
# a page's furniture between a page's last line and the next page's first: "Page 23 of 39"
_FURNITURE = re.compile(r"(?:page\s*)?\d{1,4}(?:\s*of\s*\d{1,4})?|[-\u2013\u2014\s\d]+", re.I)


def _before_furniture(lines: list[_Line], k: int) -> str:
    """The text line before line ``k``, over a page number or "Page N of M" at a page break."""
    j = k - 1
    while j > 0 and lines[j].page == lines[k].page and lines[j - 1].page < lines[j].page \
            and _FURNITURE.fullmatch(lines[j].body.strip()):
        j -= 1
    return lines[j].body.rstrip()


_CONNECTED = (";", " or", ",or", " and", ";and")  # how a list's items join the next one
_SHALL = re.compile(r"(?:[\w\s,]{0,60}?\s)?shall\b")
# "…, and the Authority shall …": a clause joined to the item's own sentence, not the
# verb the list's subject waits for
_JOINED = re.compile(r"(?:and|or|but|nor|while|whereas)\b", re.I)


def _wraps_up(b: "_Builder", prev: str, body: str, next_tok: str) -> bool:
    """Whether ``body`` follows the last item of the deepest open list: that item ended
    differently from the one before it ("… conduct; or" then "… the minor," or "… 22."),
    and no later line goes on with the list."""
    item = b.levels[-1][3]
    before = b.before.get(id(item), "")
    if not before.endswith(_CONNECTED):
        return False
    # after "… 22." a new sentence; after "… the minor," the verb the list's subject waits
    # for ("shall be punished"): a last item's own words go on after a comma too
    if prev.endswith(";") and body[:1].islower() and len(body) <= 40 and \
            _INTRO.search(body[-8:]) and next_tok:
        # "(iii) … family;\nhe would–\n(1) render …": the sentence the items began goes
        # on and introduces a list of another style, the clause's, not the last item's
        style = b.levels[-1][0]
        return any(v == 1 and st != style for st, v, _sx in _readings(next_tok))
    if not ((prev.endswith(".") and body[:1].isupper()) or (
            prev.endswith(",") and _SHALL.match(body) and not _JOINED.match(body))):
        return False
    if body[:1] in _QUOTES or _PROVISO.match(body) or _EXPLAIN.match(body):
        return False
    if not next_tok:
        return True
    # the next marker goes on with this list, or opens one deeper: the list goes on (one
    # that goes on with an outer list, "(2)" after "(1)(d)", ends it)
    open_styles = {lv[0] for lv in b.levels}
    style, value = b.levels[-1][0], b.levels[-1][1]
    for st, v, _sx in _readings(next_tok):
        if (st == style and v == value + 1) or (v == 1 and st not in open_styles):
            return False
    return True


# a lettered schedule's heading with its title ("Schedule A \u2013 Cases that Should Be
# Remanded by the Panel", "SCHEDULE B: Direct-Filed Cases"), or alone ("Annex A" is no schedule)
_LETTER_SCHEDULE = re.compile(r"(?:SCHEDULE|Schedule)\s+([A-Z])"
                              r"(?:\s*[\u2013\u2014:-]+\s*[A-Z].{2,90})?")
_TOP_LINES = 4  # lines from a page's top within which its running head and a heading stand


# a sub-section's number as OCR reads it: "l2l", "(21", "\\2)", "(6J" (group 1), "12)" (the
# bracket read as 1: group 2), "@" (its "(2)"); read only as the very next sub-section
_OCR_SUB = re.compile(r"(?:[(lI\\|](\d{1,2})[)lI1J\]]|1(\d)\)|@)(?=\s+[A-Z\u201c\"])")
_OCR_SUB_FIRST = "(lI\\|@"  # and "1" before a digit and ")"


_COVER_LINES = 8  # lines at most on a cover page


def _cover(lines: list[_Line], k: int, title: str) -> bool:
    """Whether the page that starts at line ``k`` is a cover: a few lines that spell every
    word of the document's title."""
    page = lines[k].page
    own = []
    for ln in lines[k:k + _COVER_LINES + 1]:
        if ln.page != page:
            break
        own.append(ln.body)
    if len(own) > _COVER_LINES:
        return False
    words = set(re.findall(r"[a-z0-9]+", " ".join(own).lower()))
    want = set(re.findall(r"[a-z0-9]+", title.lower())) - {"the", "of", "and"}
    return bool(want) and want <= words


_ATTESTATION = "I declare under penalty of perjury"


def _closing(body: str) -> bool:
    """Whether a judgment's line closes it (:data:`_CLOSING`), its cheap signs checked first."""
    if len(body) > 160 or not ("JUDGE" in body or "J U D G E" in body or body.startswith(
            ("Dated", "Announced", "Pronounced", _ATTESTATION)) or
            "opinion of the Court" in body or
            body.rstrip(" .")[-4:].isdigit()):
        return False
    if body.startswith(_ATTESTATION):
        return True  # a declaration's attestation follows its last paragraph
    return _CLOSING.match(body.strip()) is not None


# a line that introduces a list: "… less than,–", "… namely:-", "… to include,--"
_INTRO = re.compile(r"(?:[,:;]?\s*[-\u2013\u2014_]{1,3}|:)\s*$")
# a roman list number with a dot, as some Acts print a list ("ix. Mayor, …")
_DOT_MARK = re.compile(r"([ivx]{1,6})\.\s+(?=[A-Z\u201c\"'])")

# a paragraph numbered by its section: "1.3.1 ADI is …", "5.7.24 While …"
_DECIMAL = re.compile(r"(\d{1,2}\.\d{1,2}\.\d{1,3})\.?[ \t]+(?=[A-Z\u201c\u2018\"'(])")
_DECIMAL_RUN = 5  # decimal paragraphs a document needs before they are its paragraphs


def _decimal_paragraphs(lines: list[_Line], candidates: list[int]) -> dict[int, _Top]:
    """A report drafted with every paragraph numbered by its section ("1.3.1", "1.3.2", …
    "5.7.24"), line index -> its top: each number follows the one before (the next in its
    section, or the first of a later section). Empty when the document has fewer than
    :data:`_DECIMAL_RUN` of them or they do not follow (section headings "1.1 Overview"
    over prose are headings, not paragraphs)."""
    found: dict[int, _Top] = {}
    last: Optional[tuple[int, ...]] = None
    breaks = 0
    for k in candidates:
        ln = lines[k]
        m = _DECIMAL.match(ln.body)
        if not m:
            continue
        num = tuple(int(x) for x in m.group(1).split("."))
        if last is not None and not (num[:2] == last[:2] and num[2] == last[2] + 1) and \
                not (num[:2] > last[:2] and num[2] == 1):
            breaks += 1
            continue  # a cross-reference that starts a line ("5.2.1 above")
        found[k] = _Top(ln, m.group(1), None, ln.body[m.end():].strip())
        last = num
    if len(found) < _DECIMAL_RUN or breaks * 4 > len(found):
        return {}
    return found


# unsettled stretches that make a document's numbering damaged (see build_tree)
_DAMAGED = 3


_CACHE: "OrderedDict[str, ProvisionTree]" = OrderedDict()


_CACHE_SIZE = 8


def text_key(pages: list[str], doc_type: str = "", title: str = "", marks: Marks = None) -> str:
    h = hashlib.sha1()
    for t in pages:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\x00\x01")
    h.update(f"{doc_type}\x00{unit_word(doc_type, title)}".encode())
    if marks is not None and any(marks):
        h.update(repr([list(m or ()) for m in marks]).encode())
    return h.hexdigest()


def tree_for(pages: list[str], *, doc_type: str = "", title: str = "",
             marks: Marks = None) -> ProvisionTree:
    """``build_tree`` with a small in-memory cache keyed by a hash of the texts (and of the
    superscript ``marks``, when given)."""
    key = text_key(pages, doc_type, title, marks)
    tree = _CACHE.get(key)
    if tree is None:
        tree = build_tree(pages, doc_type=doc_type, title=title, marks=marks)
        _CACHE[key] = tree
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return tree
