"""First guesses at a document's metadata: title, type, issuer, date and language.

Guesses only fill fields the user has not edited; ``briefer meta`` corrects them, and
``is_guess`` tells a front end which fields are still guesses (every guessable field a
person has not edited or confirmed).

The kind of document is guessed first (from words on its first pages and its title), then
the title and the date are read the way that kind states them. Real files mislead naive
guesses, so each field has an order of evidence:

* title: the PDF's own Title when it is sane: a "Microsoft Word - " prefix and a file
  ending are dropped; a file name, a placeholder, a court's name or a title whose words the
  document never uses ("QLD ORAL PRESENTATION" on a talk) is not one.
  - a law or rules: the short title as its first section prints it ("This Act may be
    called the X Act, 1890" -> "The X Act, 1890"), footnote markers left out;
  - a judgment or order: "A v. B (C.P. No. D-220 of 2026)" from the parties named at its
    head (a "versus" caption or the "Appellant : …" / "The State : …" lines), else its case
    number; never its bench ("Before:- Mr. Justice …");
  - for the Federal Register, the document heading before "AGENCY:";
  - else the most prominent block of heading lines on the first page, wrapped lines joined
    ("Report of / Systemic Risk / Assessments"), a title printed twice said once, never a
    contents, cover, court-name, company-name, chapter-heading or running-text line;
  - else a tidy file name ("cp (1)" is not a title: a bare file name gives no title).
* date, by kind; a date the text merely quotes is never the document's:
  - a law: the bracketed date of enactment under its title ("[18th August, 2016]"), else
    the President's assent, else the year of its title (never a preface's, an edition's
    "updated till" or the gazette's date);
  - a judgment: the date announced ("Date of announcement", "announced on", "pronounced"),
    else the date of the judgment, decision or order, a court's filing stamp, the date
    heading an order sheet, the signature date, the short order the reasons are for; never
    the hearing's, nor one cited in the body (an S.R.O., an impugned order);
  - a report: "published …" or a date standing alone on its cover ("August 2023"), else
    the year in its title (never an Act's entry into force that it quotes);
  - anything else: a labelled date ("Date:", "Filed:"), a cover date, a bracketed date,
    the first date on the first pages, the year in the title.
  A file's creation or modification date is never used: an empty date is better than a
  wrong one.
* issuer: only as stated: "issued by …", or a court, ministry, department or assembly
  named at the head of a page (a name in capitals, never a fragment like "Department of
  a"); a court is not the issuer of a law or a talk.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Optional

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = r"(january|february|march|april|may|june|july|august|september|october|november|" \
       r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+day\s+of)?[\s,]+"
                       rf"{_MON}[\s,]+(\d{{4}})\b",
                       re.I)
_DATE_MDY = re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DATE_NUM = re.compile(r"\b(\d{1,2})([./])(\d{1,2})[./](\d{4})\b")
_MONTH_YEAR = re.compile(rf"^\W*{_MON}[\s,]+(\d{{4}})\W*$", re.I)
_LABELLED = re.compile(
    r"(?:date\s+of\s+(?:the\s+)?(?:decision|judgment|judgement|order|announcement)[^:\n]{0,30}"
    r"|&\s*decision|\bfiled|\bdated|^\s*date)\s*[:\-]+\s*", re.I | re.M)
_HEARING = re.compile(r"date\s+of\s+hearing\s*[:\-]+\s*", re.I)
_SUPERSCRIPT_ORDINAL = re.compile(r"\b(\d{1,2})\s*\n\s*(st|nd|rd|th)\b")

_BAD_TITLES = re.compile(
    r"^(untitled|microsoft word|document\d*|title|slide \d+|none|unknown|pdf|print|"
    r"page \d+|.*\.(docx?|pdf|rtf|odt|tmp|indd|qxd|exe|png|jpe?g|tiff?|bmp|gif|txt|html?|xlsx?)|"
    r"activereports document|.*camscanner.*|[\W\d_]+)$", re.I)
_WORD_PREFIX = re.compile(r"^microsoft (word|powerpoint|excel) - ", re.I)
# words joined by underscores, or a working copy's mark: the name a file was saved under
_FILE_NAME_LIKE = re.compile(r"[^\W_]_[^\W_]|\b(final|draft|v\d+|rev\d*|clean|redline)\b[_\-]"
                             r"|[_\-](final|v\d+|clean|redline)\b", re.I)

ARABIC_RANGE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_URDU_LETTERS = set("ٹڈڑںےۓھہۂیکگچپژ")


def valid_date(y: int, m: int, d: int) -> Optional[str]:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(text: str, *, us: bool = False) -> str:
    """The first full date written in ``text`` as ISO 'YYYY-MM-DD', or ''.

    Numeric dates with slashes are read month first when ``us`` is set (08/05/2020).
    """
    best: Optional[tuple[int, str]] = None
    for rx, order in ((_DATE_DMY, "dmy"), (_DATE_MDY, "mdy"), (_DATE_ISO, "ymd"),
                      (_DATE_NUM, "num")):
        for m in rx.finditer(text):
            g = m.groups()
            if order == "dmy":
                iso = valid_date(int(g[2]), _MONTHS[g[1].lower().rstrip(".")], int(g[0]))
            elif order == "mdy":
                iso = valid_date(int(g[2]), _MONTHS[g[0].lower().rstrip(".")], int(g[1]))
            elif order == "ymd":
                iso = valid_date(int(g[0]), int(g[1]), int(g[2]))
            elif us and g[1] == "/":
                iso = valid_date(int(g[3]), int(g[0]), int(g[2]))
            else:
                iso = valid_date(int(g[3]), int(g[2]), int(g[0]))
            if iso and 1800 <= int(iso[:4]) <= 2100:
                if best is None or m.start() < best[0]:
                    best = (m.start(), iso)
                break
    return best[1] if best else ""


def _month_year(line: str) -> str:
    m = _MONTH_YEAR.match(line)
    if not m:
        return ""
    y = int(m.group(2))
    return f"{y:04d}-{_MONTHS[m.group(1).lower().rstrip('.')]:02d}" if 1800 <= y <= 2100 else ""


_ANNOUNCED = re.compile(
    r"date\s+of\s+(?:the\s+)?(?:announcement|pronouncement)[^:\n]{0,20}[:\-]+\s*"
    r"|^\W*(?:(?:the\s+)?(?:judgment|judgement|order)\s+(?:was\s+)?)?"
    r"(?:announced|pronounced)\s+(?:in\s+(?:the\s+)?open\s+court\s+)?(?:on\s+)?(?:the\s+)?",
    re.I | re.M)
_DECIDED = re.compile(
    r"date\s+of\s+(?:the\s+)?(?:decision|judgment|judgement|order|short\s+order)[^:\n]{0,30}"
    r"[:\-]+\s*|&\s*decision\s*[:\-]+\s*|\bdecided\s*[:\-]?\s*(?:on\s+)?(?=[A-Z0-9])", re.I)
_FILED = re.compile(r"\bfiled\s*[:\-]+\s*|^\s*date\s*[:\-]+\s*|^\s*case:\s*[\w:-]+,\s*",
                    re.I | re.M)  # a court's own stamp on the paper
_STAMP = re.compile(r"\bDocument:?\s+[\d-]+\s+(?:Date\s+)?Filed:?\s+"
                    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
_HEARD = re.compile(r"\bdates?\s+of\s+(?:the\s+)?hearing|\bheard\b|\bargued\b", re.I)
_SIGNED = re.compile(r"^\W*(?:(?:Dated|DATED)\s*[:\-]?|[A-Z][a-z]+,\s+the)\s*(?=\d)", re.M)
_SHORT_ORDER = re.compile(r"reasons\s+for\s+(?:the\s+|our\s+|my\s+)?(?:said\s+|above\s+)?"
                          r"short\s+order\s+(?:dated|of)\s+", re.I)
_ASSENT = re.compile(r"(?:rece\w{2,5}\s+the\s+assent\s+of\s+the\s+\w+|assented\s+to|"
                     r"signed\s+into\s+law(?:\s+by\s+[^\n.]{0,40}?)?(?=\s+on\b)|"
                     r"promulgated|date\s+of\s+(?:assent|enactment))\s*(?:on|:)?\s*(?:the\s+)?",
                     re.I)
_NOT_OWN_DATE = re.compile(r"updated|modified|amended|as\s+on|corrected|printed|reprint|"
                           r"preface|foreword|edition|compiled", re.I)


def _after(rx: re.Pattern[str], text: str, us: bool = False, span: int = 40) -> str:
    for m in rx.finditer(text):
        found = find_date(text[m.end():m.end() + span].split("\n")[0], us=us)
        if found:
            return found
    return ""


def _judgment_date(text: str) -> str:
    """The date a judgment or order was announced or made, from its head and its closing
    lines; never a hearing date nor a date the text quotes."""
    header = "\n".join(_header_lines(text))
    us = bool(re.search(r"united states|\bu\.s\.", text[:20000], re.I))
    for rx, where in ((_ANNOUNCED, header), (_ANNOUNCED, text), (_DECIDED, header),
                      (_FILED, header), (_SIGNED, text)):
        found = _after(rx, where, us)
        if found:
            return found
    m = _STAMP.search(text)                        # "Document 3 Filed 05/31/19"
    if m:
        y = int(m.group(3))
        stamped = valid_date(y + 2000 if y < 100 else y, int(m.group(1)), int(m.group(2)))
        if stamped:
            return stamped
    for ln in header.splitlines():                 # an order sheet: the date on its own line
        if len(ln) <= 16:
            found = find_date(ln)
            if found:
                return found
    found = _after(_SHORT_ORDER, text) or _after(_FILED, text, us)
    if found:
        return found
    lines = [ln.strip() for ln in text[:5000].splitlines() if ln.strip()]
    return _cover_date([ln for ln in lines if not _HEARD.search(ln)], us)


def _law_date(text: str, title: str) -> str:
    """An Act's date of enactment (the bracketed date under its title) or of assent; else
    the year of its title. Dates of a preface, an edition or the gazette are not its own."""
    for ln in text[:60000].splitlines():
        t = ln.strip()
        if t.startswith("[") and t.endswith("]") and len(t) <= 30:
            found = find_date(t)
            if found:
                return found
    found = _after(_ASSENT, text[:60000])
    if found:
        return found
    m = re.search(r"\b(1[6-9]\d\d|20\d\d)\b", title)
    return m.group(1) if m else ""


def _cover_date(lines: list[str], us: bool) -> str:
    for ln in lines[:60]:
        if len(ln) <= 40 and not _HEARING.search(ln) and not _NOT_OWN_DATE.search(ln):
            found = find_date(ln, us=us)
            if found and len(re.sub(r"[^A-Za-z]", "", ln)) <= 20:
                return found
            my = _month_year(ln)
            if my:
                return my
    return ""


_PUBLISHED = re.compile(r"^\s*date(?:\s+of\s+publication)?\s*[:\-]+\s*|"
                        r"\b(?:published|issued|released)\s*(?:[:\-]\s*|on\s+|in\s+)?(?=\d|[A-Z])",
                        re.I | re.M)


def guess_date(pages_text: str, title: str = "", doc_type: str = "") -> str:
    """The document's own date by its kind (see the module docstring), or ''."""
    text = _SUPERSCRIPT_ORDINAL.sub(r"\1\2", pages_text)
    if doc_type == "judgment":
        return _judgment_date(text)
    if doc_type == "law":
        return _law_date(text, title)
    us = bool(re.search(r"united states|\bu\.s\.", text[:20000], re.I))
    head = text[:5000]
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    if doc_type == "report":
        cover = "\n".join(lines[:15])
        found = _after(_PUBLISHED, cover, us) or _cover_date(lines, us)
        if found:
            return found
        m = re.search(r"\b(1[89]\d\d|20\d\d)\b", title)
        return m.group(1) if m else ""
    for m in _LABELLED.finditer(text[:20000]):
        found = find_date(text[m.end():m.end() + 40].split("\n")[0], us=us)
        if found:
            return found
    found = _cover_date(lines, us)
    if found:
        return found
    for ln in text[:60000].splitlines():
        t = ln.strip()
        if t.startswith("[") and t.endswith("]") and len(t) <= 30:
            found = find_date(t, us=us)
            if found:
                return found
    found = find_date(head, us=us)
    if found:
        return found
    if re.search(r"\bno\.|\d\s*[-/]\s*(19|20)\d\d\b", title, re.I):
        return ""  # the year of a case number is not the date of a paper filed in it
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", title)
    return m.group(1) if m else ""


def pdf_date(value: str) -> str:
    """A PDF date string ('D:20200128…') as 'YYYY-MM-DD', or ''."""
    m = re.match(r"^D?:?(\d{4})(\d{2})?(\d{2})?", value or "")
    if not m:
        return ""
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    return valid_date(y, mo, d) or ""


def sensible_title(value: str, text: str = "") -> str:
    """The PDF's own title if it is a real title, else ''.

    A file name's ending is dropped ("Right to Child Protection Act.pdf"), a court's name
    or a cover line is not a title, and when ``text`` (the first pages) is long enough to
    judge, a title none of whose words the document uses is a placeholder left by the
    tool that made the file ("QLD ORAL PRESENTATION" on a talk about the law of evidence).
    """
    t = _WORD_PREFIX.sub("", " ".join((value or "").split()))
    t = re.sub(r"\.(docx?|rtf|odt|pptx?|indd|pdf|tiff?|jpe?g|png|txt|html?)$", "", t,
               flags=re.I).strip()
    if len(t) < 4 or len(t) > 300 or _BAD_TITLES.match(t) or _NOT_TITLE.match(t):
        return ""
    if _FILE_NAME_LIKE.search(t):  # "16-1261_Consumerinfo.com_FINAL Order …": a file's name
        return ""
    # "Response to Supplemental Notice (mpk draft)": the mark of a working copy is not
    # part of the title
    t = re.sub(r"\s*[(\[][^()\[\]]*\b(draft|copy|clean|redline|v\d+)\b[^()\[\]]*[)\]]$", "", t,
               flags=re.I).strip()
    if not any(ch.isalpha() for ch in t):
        return ""
    letters = sum(ch.isalpha() for ch in text)
    if letters >= 800:
        words = [w for w in re.findall(r"[^\W\d_]{3,}", t.lower())
                 if w not in _COMMON_WORDS and w not in _SMALL_WORDS]
        low = text.lower()
        used = sum(re.search(rf"(?<!\w){re.escape(w)}", low) is not None for w in words)
        if words and used * 2 < len(words):
            return ""
    return t


_COMMON_WORDS = {"with", "from", "that", "this", "into", "under", "report", "document", "final",
                 "draft", "version", "copy", "scan", "file"}


_NOT_TITLE = re.compile(
    r"^(page \d+( of \d+)?|\d+|[ivxlc]+|(to be )?published.*|registered no.*|.*camscanner.*|"
    r"case:.*|appeal:.*|.*\bdoc(ument)?:? \d+.*|.*https?://.*|www\..*|"
    r"(table of )?contents|arrangement of .*|index|preamble|preliminary|"
    r"(non-?)?confidential( version)?|(order sheet|o r d e r|order|judgment|present\b.*)|"
    r"(judgment|judgement) sheet|j u d g m e n t\.?|before\b.*|coram\b.*|"
    r"(hon'?ble |mr\.? |mrs\.? |ms\.? |madam )?(chief )?justice\b.*|"
    r"date,? order with signature.*|preface|foreword|text|sections?:?|a|an|bi[il1]{2}|a bi[il1]{2}|"
    r"\[?as passed by .*|\[?as introduced in .*|[\u2022\u25aa\u25cf\u25e6\u27a2\u2756*>].*|"
    r"\(?\d+[A-Z]?[.)]\s.*|\([a-z0-9]{1,4}\)\s.*|.*[\"\u201d'\u2019]\s*means\b.*|"
    r"(extra ?ordinary|published by authority|registered no.*|the gazette of .*)|"
    r"(in the )?(high|supreme|district|federal shariat) court of .*|"
    r"(in the )?united states (court of appeals|district court|supreme court).*|"
    r"court of appeals.*|for the .* circuit|.*\bcircuit court\b.*|"
    r"department of .*|ministry of .*|government of .*|"
    r"chapter [ivxlc\d]+.*|part [ivxlc\d]+.*|act no\.? .*|\(act .*\)|"
    r"date\b.*|\d+ .*\b(street|avenue|road|square|boulevard|suite|room|floor)\b.*|"
    r".*\bcourthouse\b.*|.*, [A-Za-z]+,? \d{5}(-\d{4})?|"
    r".*\b(limited|ltd\.?|inc\.?|llc|plc)\s*,?|.*(\.\s?){4,}.*)$", re.I)
_TITLE_WORDS = re.compile(
    r"\b(act|code|rules?|ordinance|regulations?|judgment|order|statement|report|policy|bill|"
    r"constitution|notification|petition|motion|notice|brief|opinion|directives?|assessment|"
    r"memorandum|complaint)\b", re.I)
_CASE_NUMBER = re.compile(
    r"^(?!crime|f\.?i\.?r)[A-Za-z][A-Za-z. ]{0,40}?\bNo\.?\s*[A-Z]?\.?\s*[-\u2013]?\s*"
    r"\d{1,6}\s*(?:of|/)"
    r"\s*(?:19|20)\d\d\.?$", re.I)
_SMALL_END = re.compile(r"(\b(of|the|and|for|on|in|to|by|a|an|with)|[\u2013\u2014,;:-])$", re.I)


_COMPLETE = re.compile(r"\b(1[6-9]\d\d|20\d\d)\W{0,2}$")  # "… Act, 1890": a title ends here
_SECTION_START = re.compile(r"^\d+[A-Z]?\.\s")                # "1. Definitions.—"


def _once(title: str) -> str:
    """A title printed twice over said once ('X X' -> 'X')."""
    words = title.split()
    n = len(words)
    if n >= 4 and n % 2 == 0 and [w.lower() for w in words[:n // 2]] == \
            [w.lower() for w in words[n // 2:]]:
        return " ".join(words[:n // 2])
    return title


def _joined_lines(lines: list[str]) -> list[tuple[int, str]]:
    """Consecutive lines of one heading joined: ('Report of', 'Systemic Risk', …)."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        cur, start = lines[i], i
        caps_joins = 0
        while i + 1 < len(lines) and len(cur) < 100:
            nxt = lines[i + 1]
            if cur.endswith(":") or re.match(r"by\s", nxt, re.I):
                break  # a label ("Topic Addressed:") or a byline ("By Mr. …") ends a heading
            if _NOT_TITLE.match(nxt) or nxt[:1] in "([" or find_date(nxt) or _month_year(nxt) \
                    or _NOT_TITLE.match(cur) or _COMPLETE.search(cur) or \
                    nxt.lower() == lines[start].lower() or _SECTION_START.match(nxt):
                break
            same_caps = cur.isupper() and nxt.isupper()
            wraps = _SMALL_END.search(cur) is not None
            title_case = all(w[:1].isupper() for w in (cur + " " + nxt).split()
                             if w.isalpha() and w.lower() not in _SMALL_WORDS)
            plain = not re.search(r"\d", cur + nxt)
            if not (same_caps or wraps or (title_case and plain and len(cur) < 40 and
                                            len(nxt) < 60 and not nxt.isupper())):
                break
            if same_caps and not wraps:
                caps_joins += 1
                if caps_joins > 1:
                    break  # a third line in capitals is a heading of its own
            cur = f"{cur} {nxt}"
            i += 1
        out.append((start, cur))
        i += 1
    return out


_OPEN_END = re.compile(
    r"(\b(of|the|and|or|for|on|in|to|by|a|an|with|their|its|his|her|which|that|as)|[,;:])$",
    re.I)


def _prose(line: str) -> bool:
    """A line of running text, not a heading: it starts in lower case, stops where a
    sentence goes on ('… recognition of their', '… Disability ect.2O9O,'), or has many
    words in lower case."""
    line = line.strip(" .:-_\u2013\u2014")
    if not line or line[:1].islower() or _OPEN_END.search(line) or \
            not (line[:1].isalnum() or line[:1] in "[(\"\u201c"):
        return True
    lower = [w for w in re.findall(r"[A-Za-z]{3,}", line)
             if w.islower() and w not in _SMALL_WORDS]
    return len(lower) >= 5


def first_heading(text: str) -> str:
    """The most prominent heading near the top of the first pages, or ''."""
    lines = [" ".join(ln.split()) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln][:30]
    candidates = []
    for i, ln in _joined_lines(lines):
        if _NOT_TITLE.match(ln) or len(ln) < 6 or len(ln) > 240:
            continue
        letters = [c for c in ln if c.isalpha()]
        tokens = ln.split()
        if len(letters) < 4 or find_date(ln) or _month_year(ln) or _prose(ln) or \
                sum(any(c.isdigit() for c in t) for t in tokens) * 2 > len(tokens):
            continue
        upper = sum(c.isupper() for c in letters) / len(letters)
        score = (2.0 if upper > 0.8 else 0.0) + (1.5 if _TITLE_WORDS.search(ln) else 0.0) \
            + (0.5 if len(ln) > 25 else 0.0) - i * 0.08
        candidates.append((score, i, ln))
    if not candidates:
        return ""
    candidates.sort(key=lambda c: (-c[0], c[1]))
    return _once(candidates[0][2].strip(" .:-"))


def case_title(text: str) -> str:
    """A court document's case number line ('C.P. No. D-2238 of 2012'), or ''."""
    if not re.search(r"\b(court|petitioner|appellant|applicant|respondent)s?\b", text[:3000], re.I):
        return ""
    for ln in text.splitlines()[:25]:
        t = " ".join(ln.split()).strip(" .")
        if len(t) <= 80 and (_CASE_NUMBER.match(t + ("." if not t.endswith(".") else "")) or
                             re.fullmatch(r"No\.\s*\d{1,2}-\d{3,6}", t)):
            return t
    return ""


def register_title(text: str) -> str:
    """A Federal Register document's heading: the lines before 'AGENCY:'."""
    m = re.search(r"\n((?:[^\n]{3,80}\n){1,4})AGENCY:", text[:6000])
    if not m:
        return ""
    lines = [ln.strip() for ln in m.group(1).splitlines() if ln.strip()]
    keep: list[str] = []
    for ln in reversed(lines):
        if re.match(r"(RIN|\[|\d+ CFR|Identifier|Docket)", ln) or ln.endswith("]"):
            break
        keep.insert(0, ln)
    return " ".join(keep)


_SHORT_TITLE = re.compile(
    r"\b(?:this|these)\s+(act|ordinance|order|rules|regulations|code)\s+(?:may|shall)\s+be\s+"
    r"(?:cited|called)\s+(?:as\s+)?(?:the\s+)?(.{4,160}?(?:1[6-9]\d\d|20\d\d)\]?)\s*\.?(?:\s|$)",
    re.I | re.S)


def short_title(text: str) -> str:
    """A law's short title as its first section prints it ("This Act may be called the X
    Act, 1890." -> 'The X Act, 1890'), footnote markers and brackets of later amendments
    left out; '' when there is none or it does not end in a year."""
    m = _SHORT_TITLE.search(text[:60000])
    if not m:
        return ""
    t = " ".join(m.group(2).split())
    t = re.sub(r"\s+\d{1,2}\s*\[", " [", t)            # "Act, 2 [1929]": a footnote marker
    t = re.sub(r"[\[\]{}]", "", t)
    t = re.sub(r"\s+([,.)])", r"\1", t).strip(" .")
    t = re.sub(r"[.,]*\s*(\d{4})$", r", \1", t)    # "Act. 2022", "Act 2022" -> "Act, 2022"
    if not re.search(rf"\b{m.group(1)}\b", t, re.I) or len(t) > 150 or \
            not re.fullmatch(r"[A-Za-z0-9 ,.'()&\u2019-]+", t):
        return ""
    return "The " + t if not t.lower().startswith("the ") else "The " + t[4:]


_FIRST_PARTY = r"(?:pauper\s+)?(?:appellant|petitioner|applicant|plaintiff)s?"
_SECOND_PARTY = r"(?:respondent|defendant|opponent)s?"
_VERSUS_LINE = re.compile(r"^[\s.\u2026_-]*(?:versus|vs\.?|v/s\.?|v\.)[\s.\u2026_-]*$", re.I)
_VERSUS_IN = re.compile(r"^\[?(.+?)[\s.\u2026_-]*\b(?:versus|vs\.?|v/s)(?![a-z])"
                        r"[\s.\u2026_-]*(.+?)\]?$",
                        re.I)
_HEADER_END = re.compile(r"^(j\s?u\s?d\s?g\s?m\s?e\s?n\s?t|o\s?r\s?d\s?e\s?r|short order)\W*$",
                         re.I)
_ROLE_ONLY = re.compile(r"^(?:plaintiff|defendant|appellant|appellee|petitioner|respondent)s?"
                        r"(?:[-\s,\u2013\u2014]+(?:appellee|appellant|petitioner|respondent)s?)?"
                        r"\W*$", re.I)
_WRAP_END = re.compile(r"\b(of|and|&|alias|@|the|for|s/o|d/o|w/o)\s*$", re.I)
_NOT_PARTY = re.compile(r"\b(through|advocate|no\.|appeal|application|petition|present|judge|"
                        r"justice|court|hearing)\b", re.I)


_HEADING_WORDS = re.compile(r"\b(court|district|circuit|division|tribunal|bench|county|"
                            r"state of|appeals?|case|no\.)\b", re.I)


def _caps_name_above(caption: list[str], j: int) -> str:
    """The party whose name ends at ``caption[j]``: a name in capitals set over two or three
    lines of a caption column ('CONSUMERINFO.COM, INC. dba' / 'EXPERIAN CONSUMER' /
    'SERVICES,') is joined; the court's heading above it is not part of it."""
    name = caption[j]
    k = j
    while k >= 1 and j - k < 2:
        above = caption[k - 1]
        trade_name = re.search(r"\b(dba|d/b/a|aka|a/k/a|f/k/a|fka)$", above.rstrip(), re.I)
        if not (trade_name or above.isupper() and name.isupper()) or \
                above.rstrip().endswith(".") or \
                _HEADING_WORDS.search(above) or _ROLE_ONLY.match(above.strip(" .,;")):
            break
        name = f"{above} {name}"
        k -= 1
    return name


def _party(s: str) -> str:
    s = re.split(r"\s+through\b|,?\s+in\s+(?:his|her|their|its)\s+(?:official|personal)\b", s,
                 maxsplit=1, flags=re.I)[0]  # "X through Secretary, …", "X, in her official …"
    lower = [w for w in re.findall(r"[A-Za-z]{3,}", s) if w.islower() and w not in _SMALL_WORDS]
    if _ROLE_ONLY.match(s.strip(" .,;")) or len(lower) >= 3:
        return ""  # a role, or a line of running text, is not a party's name
    s = re.sub(rf"[\s.\u2026_-]*(?:{_FIRST_PARTY}|{_SECOND_PARTY})?[\s.\u2026_:-]*$", "", s,
               flags=re.I)
    s = re.sub(r"\s*\((?:nemo|on bail|in person)\)", "", s, flags=re.I)
    s = re.sub(r"[\s.\u2026_]{3,}", " ", s)
    s = re.sub(r"\b(Dr|Mr|Mrs|Ms|Mst|Prof|M/s)\.(?=\w)", r"\1. ", s)
    s = " ".join(s.split()).strip(" ,;:-")
    if not (3 <= len(s) <= 90) or not s[:1].isupper() or _NOT_PARTY.search(s):
        return ""
    m = re.search(r",?\s+et\.?\s+al\b\.?", s)
    if m:  # "ANGEL RIVAS, et al." -> "Angel Rivas, et al."
        return tidy_caps(s[:m.start()]) + ", et al."
    return tidy_caps(s)


def _header_lines(text: str) -> list[str]:
    """The caption's lines: up to the "JUDGMENT"/"ORDER" heading that ends it. The line
    numbers of pleading paper ("1" … "28" down the margin) are not lines of it, and a
    heading met before any caption line is the page's running footer, not the end."""
    out: list[str] = []
    for ln in text.splitlines()[:90]:
        t = " ".join(ln.split())
        if re.fullmatch(r"\d{1,2}", t):
            continue
        if _HEADER_END.match(t):
            if out:
                break
            continue
        if t:
            out.append(t)
        if len(out) >= 60:
            break
    return out


def judgment_parties(text: str) -> tuple[str, str]:
    """The parties named at the head of a judgment: ('A', 'B') of 'A versus B', or of the
    lines that label them ('Appellant : A through …', 'The State : through …')."""
    lines = _header_lines(text)
    # a transcript's caption sets a column of colons beside the names ("WARDEN, :",
    # "v. : No. 07-1315"): the name column is what stands left of it
    lines = [re.sub(r"\s+:\s*(No\.?\s*[\w-]+\s*)?$", "", ln) for ln in lines]
    caption = [re.sub(r"\s*[)\]](\s.*)?$", "", ln)
               if not re.search(r"[(\[]", re.split(r"[)\]]", ln)[0]) else ln for ln in lines]
    caption = [ln for ln in caption if ln]
    for i, ln in enumerate(caption):
        if _VERSUS_LINE.match(ln) and 0 < i < len(caption) - 1:
            j, k = i - 1, i + 1
            if j > 0 and _ROLE_ONLY.match(caption[j]):
                j -= 1  # "ANGEL RIVAS, et al. / Plaintiffs-Appellees, / v."
            a = caption[j]
            if j >= 1 and (_WRAP_END.search(caption[j - 1]) or a[:1].islower()):
                a = f"{caption[j - 1]} {a}"
            else:
                a = _caps_name_above(caption, j)
            b = caption[k]
            if k + 1 < len(caption) and _WRAP_END.search(b):
                b = f"{b} {caption[k + 1]}"
            a, b = _party(a), _party(b)
            if a and b:
                return a, b
        m = _VERSUS_IN.match(ln) if len(ln) < 160 else None
        if m and not re.search(r"\bre\s*[:;-]|\(", ln, re.I):
            b = m.group(2)
            if i + 1 < len(caption) and _WRAP_END.search(b):
                b = f"{b} {caption[i + 1]}"
            a, b = _party(m.group(1)), _party(b)
            if a and b:
                return a, b
    first = second = ""
    for n, ln in enumerate(lines):
        if n and re.search(r"([,&]|\band|\bof)\s*$", lines[n - 1], re.I):
            continue  # the rest of a name begun on the line before
        if not second and re.match(r"^(the\s+)?state\s*:", ln, re.I):
            second = "The State"
            continue
        m = re.search(rf"\b({_FIRST_PARTY}|{_SECOND_PARTY})\b", ln, re.I)
        if not m:
            continue
        is_first = re.fullmatch(_FIRST_PARTY, m.group(1), re.I) is not None
        if (first if is_first else second):
            continue
        before = ln[:m.start()].strip(" ,")
        after = ln[m.end():]
        left, _, right = after.partition(":")
        left = re.sub(r"^\s*(no\.?\s*[\d,&\s]+(to\s+\d+)?|in\b.*)", "", left, flags=re.I)
        right = re.split(r"\bthrough\b|\bin person\b|\bpresent in person\b|,\s*$", right,
                         maxsplit=1, flags=re.I)[0]
        name = _party(before) if before and not re.fullmatch(r"pauper", before, re.I) else ""
        name = name or _party(left) or _party(right)
        if name:
            if is_first:
                first = name
            else:
                second = name
    return (first, second) if first and second else ("", "")


def _tidy_case_number(t: str) -> str:
    t = re.sub(r"\b(Nos?)\.\s*", r"\1. ", t)
    t = re.sub(r"(?<=[A-Za-z.])(?=Nos?\. )", " ", t)
    t = re.sub(r"(\d)(of)\b", r"\1 \2", t)
    t = re.sub(r"\bOF\b", "of", t)
    t = re.sub(r"\b([A-Z])\s*[-\u2013]\s*(\d)", r"\1-\2", t)
    return " ".join(t.split())


def _tidy_caps_runs(name: str) -> str:
    """A party's name set mostly in capitals, with the runs of capitals in title case
    ('CONSUMERINFO.COM, INC. dba EXPERIAN' -> 'Consumerinfo.com, Inc. dba Experian')."""
    if sum(c.isupper() for c in name) <= sum(c.islower() for c in name):
        return name
    return re.sub(r"[^\sa-z]*[A-Z][^\sa-z]*(?:\s+[^\sa-z]*[A-Z][^\sa-z]*)*",
                  lambda m: tidy_caps(m.group(0)), name)


_IN_RE = re.compile(r"^in re:?\s+(.+)$", re.I)
_LETTER_RE = re.compile(r"^re:\s*(?:case\s+no\.?\s*([\w-]+)\s*,\s*)?"
                        r"(.+?)\s+v(?:s|ersus)?\.?\s+(.+)$",
                        re.I)


def _in_re(text: str) -> str:
    """'In re X' of a caption that names a matter, not parties ('IN RE: Bard IVC Filters
    Products' / 'Liability Litigation,'), or ''."""
    lines = _header_lines(text)
    for i, ln in enumerate(lines[:40]):
        m = _IN_RE.match(ln)
        if not m:
            continue
        name = m.group(1).strip()
        if i + 1 < len(lines) and not re.search(r"[,.;:]$", name) and \
                not re.match(r"(no\.|case|civil|\w+ action)\b", lines[i + 1], re.I):
            name = f"{name} {lines[i + 1]}"
        name = name.strip(" ,;")
        return f"In re {name}" if len(name) >= 4 else ""
    return ""


def _letter_parties(text: str) -> tuple[str, str, str]:
    """A court clerk's letter about a case: ('A', 'B', case number) of its 'RE: A v. B'
    line, or three empty strings."""
    for ln in text.splitlines()[:80]:
        m = _LETTER_RE.match(" ".join(ln.split()))
        if m:
            a, b = _party(m.group(2)), _party(m.group(3))
            if a and b:
                return a, b, m.group(1) or ""
    return "", "", ""


def judgment_title(text: str, case: str) -> str:
    """'A v. B (C.P. No. D-220 of 2026)', 'In re X (No. …)', or the case number alone,
    or ''."""
    a, b = (_tidy_caps_runs(p) for p in judgment_parties(text))
    case = _tidy_case_number(case) if case else ""
    if not (a and b):
        matter = _in_re(text)
        if matter:
            return matter + (f" ({case})" if case else "")
        a, b, number = _letter_parties(text)
        case = case or (f"No. {number}" if number else "")
    if a and b:
        return f"{a} v. {b}" + (f" ({case})" if case else "")
    return case


def title_from_filename(name: str) -> str:
    """A title from a file name a person would accept, or '' ('cp (1)', 'scan0001',
    'MTQxNjkw…' and other names that say nothing are not titles)."""
    stem = Path(name).stem
    stem = re.sub(r"\s*\(\d+\)$", "", stem)            # "cp (1)": a browser's copy number
    stem = re.sub(r"[_]+", " ", stem)
    stem = " ".join(stem.split())
    words = re.findall(r"[A-Za-z]{3,}", stem)
    if len(words) < 2 or not re.search(r"[aeiou]", stem, re.I) or re.fullmatch(
            r"(scan|img|image|document|doc|file|download|untitled)\s*\d*", stem, re.I):
        return ""
    return stem


_TYPE_SIGNALS: list[tuple[str, int, str]] = [
    ("rule", 4, r"\bthese rules may be cited\b|\bthese regulations may be cited\b"),
    ("rule", 3, r"\bin exercise of the powers conferred\b"),
    ("rule", 2, r"\bs\.\s?r\.\s?o\.|\bstatutory notifications?\b|\bnotification\b"),
    ("rule", 2, r"\brules,?\s+(19|20)\d\d\b|\bregulations,?\s+(19|20)\d\d\b"),
    ("law", 4, r"\bthis\s+(act|ordinance|order)\s+(may|shall)\s+be\s+(cited|called)\b|"
               r"\bbe it enacted\b|\ban act to\b|\bis hereby enacted\b"),
    ("law", 2, r"\bact,?\s+(of\s+)?(1[89]|20)\d\d\b|\bordinance,?\s+(19|20)\d\d\b|"
               r"\bconstitution of\b"),
    ("judgment", 3, r"\bin the (high|supreme|district) court\b|\border sheet\b|"
                    r"\bcourt of appeals\b|\bopinion of the court\b"),
    ("judgment", 2, r"\bjudgment\b|\bpetitioners?\b|\bappellants?\b|\bcoram\b|\bbefore:"),
    ("judgment", 1, r"\brespondents?\b|\bv\.\s|\bvs\.?\s"),
    ("statement", 3, r"\bjoint statement\b|\bpress release\b|\bwe, the undersigned\b"),
    ("statement", 2, r"\bwe call on\b|\bwe urge\b|\bstatement\b"),
    ("report", 2, r"\btransparency report\b|\bsystemic risks?\b|\brisk assessment\b"),
    ("report", 1, r"\breport\b|\bassessment\b"),
]
_TITLE_SIGNALS: list[tuple[str, str]] = [  # the first that matches the title counts
    ("statement", r"\bstatement\b"), ("report", r"\breport\b"),
    ("judgment", r"\b(judgment|order|opinion|appeal|petition|revision)\b|\bv\.?\s|"
                 r"\bbail application\b|\bcr(l|iminal)?\.?\s?(rev|misc|appeal|bail)|"
                 r"^c\.?\s?p\.?\s?(no|d\b)"),
    ("rule", r"\b(rules|regulations|notification)\b"), ("law", r"\b(act|ordinance|code)\b"),
]


def guess_type(text: str, title: str) -> str:
    """One of rule, law, statement, judgment, report, other, from words on the first pages."""
    head = text[:6000].lower()
    scores: Counter[str] = Counter()
    for kind, weight, rx in _TYPE_SIGNALS:
        if re.search(rx, head):
            scores[kind] += weight
    for kind, rx in _TITLE_SIGNALS:
        if re.search(rx, title.lower()):
            scores[kind] += 3
            break
    if not scores:
        return "other"
    return scores.most_common(1)[0][0]


_ISSUER_HEAD = re.compile(
    r"(?i:government\s+of|ministry\s+of|department\s+of|high\s+court\s+of|supreme\s+court\s+of|"
    r"court\s+of\s+appeals\s+for|national\s+assembly\s+of|senate\s+of|parliament\s+of|"
    r"united\s+states\s+district\s+court\s+for)\s+")
# a name: capitalised words, joined by the small words of names ("of the", "and", "&")
_NAME = re.compile(r"(?:[A-Z][\w'&.-]*)(?:\s+(?:(?:of|and|for|the|on|&|THE|OF|AND|FOR)\s+)*"
                   r"[A-Z][\w'&.-]*)*")
_ISSUED_BY = re.compile(
    r"\b(?:is|was)\s+(?:issued|published|prepared|submitted)\s+by\s+((?:[A-Z][\w&'.-]*\s+){0,5}"
    r"(?:Limited|Ltd\.?|Inc\.?|LLC|Company|Corporation|Authority|Commission|Ministry))"
    r"|\bissued\s+by\s+(?:the\s+)?((?:Ministry|Department|Government|Office|Commission|"
    r"Authority)\s+of\s+[A-Z][^\n,.;]{2,60})")


def _issuer_name(head: str, rest: str) -> str:
    """``head`` ('Ministry of') and the name that follows it in ``rest``, or '' when no
    name follows ('Department of a province')."""
    rest = re.sub(r"^the\s+(?=[A-Z])", "the ", rest)
    m = re.match(r"(?:(?:the|THE)\s+)?", rest)
    assert m is not None  # the pattern matches the empty string
    lead = rest[:m.end()]
    n = _NAME.match(rest[m.end():])
    if not n:
        return ""
    name = n.group(0)
    # "Ministry of X on 28 January" / "… dated 5" / "… No. 3": keep the name only
    name = re.sub(r"\s+(on|dated|at|in|no\.?|vide)\b.*$", "", name, flags=re.I)
    name = re.sub(r"[\s\d(.&]+$", "", name)
    words = re.findall(r"[A-Za-z]{2,}", name)
    if not words:
        return ""
    return f"{head}{lead}{name}"


_ADDRESSEE = re.compile(r"^((mr|ms|mrs|dr|hon)\.?\s|(to|attn\.?)\s*:)|\bclerk of (the )?court\b",
                       re.I)


def guess_issuer(text: str, info_author: str = "") -> str:
    """Who issued the document, only where the text states it; '' otherwise."""
    m = _ISSUED_BY.search(text[:40000])
    if m:
        if m.group(1):
            return " ".join(m.group(1).split()).rstrip(".")
        s = " ".join(m.group(2).split())
        s = re.sub(r"\s+(on|dated|at|in|no\.?|vide)\b.*$", "", s, flags=re.I)
        return s.rstrip(". ")
    head = text[:4000]
    for m in _ISSUER_HEAD.finditer(head):
        if "\n" in m.group(0) and len(head[head.rfind("\n", 0, m.start()) + 1:
                                            head.find("\n", m.start())].strip()) > 60:
            continue  # a name broken by the wrap of running text ("… the Department of / …")
        line_start = head.rfind("\n", 0, m.start()) + 1
        line_end = head.find("\n", m.start())
        line_end = len(head) if line_end < 0 else line_end
        name = _issuer_name(" ".join(m.group(0).split()) + " ", head[m.end():].split("\n")[0])
        rest = " ".join(head[m.start():line_end].split())
        ends_line = len(rest) - len(name) <= 3
        if not ends_line and (m.start() - line_start > 30 or line_end - line_start > 120):
            continue  # named in running text, not at the head of the page
        above = [ln.strip() for ln in head[:line_start].splitlines() if ln.strip()][-2:]
        if any(_ADDRESSEE.search(ln) for ln in above):
            continue  # the address of a letter to the court ("Mr. X / Clerk of Court / …")
        if name:
            name = re.sub(r"^in the ", "", name, flags=re.I)
            return name[:1].upper() + name[1:]
    return ""


_ASCII_LETTER = re.compile("[A-Za-z]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def guess_language(text: str) -> str:
    """'ur', 'ar', 'ja', 'zh', 'ko', 'he', 'el', 'th', 'ru' or 'en' from the letters used."""
    counts: Counter[str] = Counter()
    urdu_specific = 0
    sample = text[:20000]
    ascii_letters = len(_ASCII_LETTER.findall(sample))
    if ascii_letters:
        counts["latin"] = ascii_letters
    for ch in _NON_ASCII.findall(sample):  # ASCII letters are all Latin: counted above
        if not ch.isalpha():
            continue
        if ARABIC_RANGE.match(ch):
            counts["arabic"] += 1
            if ch in _URDU_LETTERS:
                urdu_specific += 1
            continue
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF:
            counts["ja"] += 1
        elif 0x4E00 <= o <= 0x9FFF:
            counts["han"] += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
            counts["ko"] += 1
        elif 0x0590 <= o <= 0x05FF:
            counts["he"] += 1
        elif 0x0370 <= o <= 0x03FF:
            counts["el"] += 1
        elif 0x0E00 <= o <= 0x0E7F:
            counts["th"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["ru"] += 1
        else:
            counts["latin"] += 1
    if not counts:
        return ""
    top, n = counts.most_common(1)[0]
    total = sum(counts.values())
    if counts["arabic"] >= 0.3 * total:
        return "ur" if urdu_specific >= max(3, counts["arabic"] * 0.02) else "ar"
    if counts["ja"] >= 0.05 * total:
        return "ja"
    if top == "han":
        return "zh"
    if top == "latin":
        return "en"
    return top


_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on",
                "or", "the", "to", "under", "v", "v.", "vs", "vs.", "with", "et", "al", "al."}


def tidy_caps(text: str) -> str:
    """Title case for text set in capitals ('THE CONTRACT ACT, 1872' -> 'The Contract Act,
    1872'); text with lower-case letters is returned unchanged."""
    letters = [c for c in text if c.isalpha()]
    if not letters or any(c.islower() for c in letters) or len(letters) < 4:
        return text
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        core = low.strip("()[],.;:")
        if any(c.isdigit() for c in w):
            out.append(w)  # 112(I)/2026, 5(1)(b)
        elif re.fullmatch(r"([a-z]\.){2,}[a-z]?\.?", low.strip("()[],;:")):
            out.append(w)  # S.R.O., U.S.
        elif len(core) == 1 and core != "v" and w.rstrip(",;:").endswith("."):
            out.append(w)  # an initial: MICHAEL A. KNOWLES
        elif i > 0 and core in _SMALL_WORDS:
            out.append(low)
        elif re.fullmatch(r"[ivxlc]+[.,)]?", core) and len(core) <= 5 and i > 0:
            out.append(w)  # roman numerals stay in capitals (CHAPTER IV, Part II)
        elif len(core) == 2 and core.isalpha() and i > 0:
            out.append(w)  # EU, UK, US
        else:
            out.append(low[:1].upper() + low[1:] if low[:1].isalpha() else
                        low[:1] + low[1:2].upper() + low[2:])
    return " ".join(out)


GUESSED_FIELDS = ("title", "doc_type", "issuer", "date", "language")


def guess_metadata(file_name: str, info: dict[str, str], first_pages: str) -> dict[str, str]:
    """Guesses for title, doc_type, issuer, date and language of a freshly extracted PDF.

    ``first_pages`` is the text of the first pages (the more pages, the better the date
    of an act found after its contents); the PDF's dates in ``info`` are never used.
    The kind of document is guessed first, then its title and date the way that kind
    states them: a law by its short title and date of enactment or assent, a judgment by
    its parties and case number and the date it was announced, a report by its cover.
    """
    text = unicodedata.normalize("NFKC", first_pages)
    own = sensible_title(info.get("title", ""), text)
    case = case_title(text)
    heading = register_title(text) or first_heading(text)
    title = own or case or heading or title_from_filename(file_name) or Path(file_name).stem
    doc_type = guess_type(text, title)
    if doc_type == "law" or (doc_type == "rule" and _SHORT_TITLE.search(text[:60000])):
        title = short_title(text) or own or heading or title
        doc_type = guess_type(text, title)
    elif doc_type == "judgment":
        if own and re.search(r"\sv(s|ersus)?\.?\s", own, re.I):  # the file's own "A v. B"
            case = _tidy_case_number(case) if case else ""
            title = own + (f" ({case})" if case and case.lower() not in own.lower() else "")
        else:
            title = judgment_title(text, case) or own or title
    issuer = guess_issuer(text, info.get("author", ""))
    if doc_type != "judgment" and re.search(r"\bcourt\b", issuer, re.I):
        issuer = ""  # a court named on a law or a talk is not who issued it
    return {
        "title": _once(tidy_caps(title))[:300],
        "doc_type": doc_type,
        "issuer": tidy_caps(issuer),
        "date": guess_date(text, title, doc_type),
        "language": guess_language(text),
    }


def is_guess(doc: object, field: str) -> bool:
    """Whether ``field`` of ``doc`` (a catalog Document) is still Briefer's guess: a
    guessable field that no person has edited or confirmed (``documents.edited_fields``)."""
    return field in GUESSED_FIELDS and field not in getattr(doc, "edited_fields", ())


def parse_user_date(value: str) -> Optional[str]:
    """A date a user typed ('2020-01-28', '2020-01', '2020', '28 January 2020') in ISO form.

    Returns '' for an empty value and None when it is not a date.
    """
    v = value.strip()
    if not v:
        return ""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", v)
    if m:
        y = int(m.group(1))
        if m.group(3):
            return valid_date(y, int(m.group(2)), int(m.group(3)))
        if m.group(2):
            mo = int(m.group(2))
            return f"{y:04d}-{mo:02d}" if 1 <= mo <= 12 else None
        return f"{y:04d}"
    found = find_date(v)
    return found or None
