"""First guesses at a document's metadata: title, type, issuer, date and language.

Guesses only fill fields the user has not edited; ``briefer meta`` corrects them.
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
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+day\s+of)?[\s,]+{_MON}[\s,]+(\d{{4}})\b",
                       re.I)
_DATE_MDY = re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DATE_NUM = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")

_BAD_TITLES = re.compile(
    r"^(untitled|microsoft word|document\d*|title|slide \d+|none|unknown|pdf|print|"
    r"page \d+|.*\.(docx?|pdf|rtf|odt|tmp|indd|qxd|exe|png|jpe?g|tiff?|bmp|gif|txt|html?|xlsx?)|"
    r"activereports document|.*camscanner.*|[\W\d_]+)$", re.I)
_WORD_PREFIX = re.compile(r"^microsoft (word|powerpoint|excel) - ", re.I)

ARABIC_RANGE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_URDU_LETTERS = set("ٹڈڑںےۓھہۂیکگچپژ")


def valid_date(y: int, m: int, d: int) -> Optional[str]:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str:
    """The first full date written in ``text`` as ISO 'YYYY-MM-DD', or ''."""
    best: Optional[tuple[int, str]] = None
    for rx, order in ((_DATE_DMY, "dmy"), (_DATE_MDY, "mdy"), (_DATE_ISO, "ymd"),
                      (_DATE_NUM, "dmy-num")):
        for m in rx.finditer(text):
            g = m.groups()
            if order == "dmy":
                iso = valid_date(int(g[2]), _MONTHS[g[1].lower().rstrip(".")], int(g[0]))
            elif order == "mdy":
                iso = valid_date(int(g[2]), _MONTHS[g[0].lower().rstrip(".")], int(g[1]))
            elif order == "ymd":
                iso = valid_date(int(g[0]), int(g[1]), int(g[2]))
            else:
                iso = valid_date(int(g[2]), int(g[1]), int(g[0]))
            if iso and 1800 <= int(iso[:4]) <= 2100:
                if best is None or m.start() < best[0]:
                    best = (m.start(), iso)
                break
    return best[1] if best else ""


def pdf_date(value: str) -> str:
    """A PDF date string ('D:20200128…') as 'YYYY-MM-DD', or ''."""
    m = re.match(r"^D?:?(\d{4})(\d{2})?(\d{2})?", value or "")
    if not m:
        return ""
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    return valid_date(y, mo, d) or ""


def sensible_title(value: str) -> str:
    """The PDF's own title if it is a real title, else ''."""
    t = _WORD_PREFIX.sub("", " ".join((value or "").split()))
    if len(t) < 4 or len(t) > 300 or _BAD_TITLES.match(t):
        return ""
    if not any(ch.isalpha() for ch in t):
        return ""
    return t


def first_heading(text: str) -> str:
    """A heading-like line near the top of the first page, or ''."""
    lines = [" ".join(ln.split()) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln][:25]
    skip = re.compile(r"^(page \d+( of \d+)?|\d+|[ivxlc]+|(to be )?published.*|"
                      r"registered no.*|.*camscanner.*|case:.*|appeal:.*|.*\bdoc(ument)?:? \d+.*"
                      r"|.*https?://.*|www\..*)$", re.I)
    candidates = []
    for i, ln in enumerate(lines):
        if skip.match(ln) or len(ln) < 6 or len(ln) > 160:
            continue
        letters = [c for c in ln if c.isalpha()]
        if len(letters) < 4:
            continue
        upper = sum(c.isupper() for c in letters) / len(letters)
        score = (2.0 if upper > 0.8 else 0.0) + (1.0 if re.search(
            r"\b(act|rules?|ordinance|regulations?|judgment|order|statement|report|policy|"
            r"bill|constitution|notification|petition)\b", ln, re.I) else 0.0) - i * 0.08
        candidates.append((score, i, ln))
    if not candidates:
        return ""
    candidates.sort(key=lambda c: (-c[0], c[1]))
    return candidates[0][2].strip(" .:-")


def title_from_filename(name: str) -> str:
    stem = Path(name).stem
    stem = re.sub(r"[_]+", " ", stem)
    return " ".join(stem.split()) or name


_TYPE_SIGNALS: list[tuple[str, int, str]] = [
    ("rule", 4, r"\bthese rules may be cited\b|\bthese regulations may be cited\b"),
    ("rule", 3, r"\bin exercise of the powers conferred\b"),
    ("rule", 2, r"\bs\.\s?r\.\s?o\.|\bstatutory notifications?\b|\bnotification\b"),
    ("rule", 2, r"\brules,?\s+(19|20)\d\d\b|\bregulations,?\s+(19|20)\d\d\b"),
    ("law", 4, r"\bthis act may be (cited|called)\b|\bbe it enacted\b|\ban act to\b"),
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
    ("judgment", r"\b(judgment|order|opinion)\b|\bv\.?\s"),
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


_ISSUERS = re.compile(
    r"((?:government of|ministry of|department of|high court of|supreme court of|"
    r"court of appeals for|national assembly of|senate of|parliament of|"
    r"united states district court for)[^\n,.;]{2,60})"
    r"|(in the (?:high|supreme|district) court of [^\n,.;]{2,40})", re.I)


def guess_issuer(text: str, info_author: str = "") -> str:
    m = _ISSUERS.search(text[:4000])
    if m:
        s = " ".join((m.group(1) or m.group(2)).split())
        s = re.sub(r"^in the ", "", s, flags=re.I)
        # "Ministry of X on 28 January" / "… dated 5" / "… No. 3": keep the name only
        s = re.sub(r"\s+(on|dated|at|in|no\.?|vide)\b.*$", "", s, flags=re.I)
        s = re.sub(r"[\s\d(]+$", "", s)
        return s[:1].upper() + s[1:]
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
                "or", "the", "to", "under", "v", "v.", "vs", "vs.", "with"}


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
        elif i > 0 and core in _SMALL_WORDS:
            out.append(low)
        elif re.fullmatch(r"[ivxlc]+[.,)]?", core) and len(core) <= 5 and i > 0:
            out.append(w)  # roman numerals stay in capitals (CHAPTER IV, Part II)
        elif re.fullmatch(r"([a-z]\.){2,}[a-z]?\.?", core):
            out.append(w)  # S.R.O., U.S.
        else:
            out.append(low[:1].upper() + low[1:] if low[:1].isalpha() else
                        low[:1] + low[1:2].upper() + low[2:])
    return " ".join(out)


def guess_metadata(file_name: str, info: dict[str, str], first_pages: str) -> dict[str, str]:
    """Guesses for title, doc_type, issuer, date and language of a freshly extracted PDF."""
    text = unicodedata.normalize("NFKC", first_pages)
    title = sensible_title(info.get("title", "")) or first_heading(text) or \
        title_from_filename(file_name)
    return {
        "title": tidy_caps(title)[:300],
        "doc_type": guess_type(text, title),
        "issuer": tidy_caps(guess_issuer(text, info.get("author", ""))),
        "date": find_date(text[:5000]) or pdf_date(info.get("creationdate", "")),
        "language": guess_language(text),
    }


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
