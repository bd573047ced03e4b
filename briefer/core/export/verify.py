"""Check every quote of a brief against the stored text of its source before export.

A quote is sound when its document is still in the library and current (not replaced by
a newer version), the page still holds exactly the verbatim text at the recorded offsets,
the text printed in the brief (the clip's display text) still has the same words, and the
citation is still right: the page label the clip cites is the page's label now, and a
locator Briefer worked out is the one the document's current provision tree gives. A
locator the user typed is theirs and stays in the footnote, but it is compared with the
structure at the passage too: "Section 9(2)" typed where the passage is in 9(3) is reported
with both (``locator_typed``), while the same citation written another way ("s. 9(2)",
"section 9 (2)", "Sec. 9(2)"), a broader one ("Section 9"), one the tree is unsure of, or
one on a document without numbered provisions is not. For each problem the report
says what is wrong and, where it can, what it should be or where the passage is now
(moved on the page, on another page, or in the newer version of the document), so the
user can re-clip it, or confirm the export anyway.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

from briefer.core.briefs.briefs import Brief
from briefer.core.catalog.catalog import Catalog, Document
from briefer.core.clips.clips import Clip, find_passage, same_words
from briefer.core.clips.locators import document_tree
from briefer.core.clips.structure import ProvisionTree
from briefer.core.files.pagelabels import PageLabel, detect_printed_labels
from briefer.core.paths import stored_pdf


@dataclass
class QuoteProblem:
    item_id: int
    clip_id: Optional[int]
    section: str
    # changed | edited | page_missing | document_missing | superseded | clip_missing |
    # page_label | page_printed (the page prints another number than the one cited) |
    # locator | locator_typed (the user's own locator disagrees with the structure at the
    # passage; the footnote keeps it) | pdf_missing (the library's stored copy of the PDF
    # is gone)
    kind: str
    message: str
    doc_id: Optional[int] = None
    page: str = ""
    locator: str = ""
    excerpt: str = ""
    suggestion: str = ""
    expected: str = ""  # locator_typed: the structure's locator at the passage

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# Problems with the citation only: the quoted words still match the source.
CITATION_KINDS = frozenset({"page_label", "page_printed", "locator", "locator_typed"})


@dataclass
class VerificationReport:
    checked: int = 0
    problems: list[QuoteProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def citations_only(self) -> bool:
        """Every problem is with a citation (page or locator); the words all match."""
        return bool(self.problems) and all(p.kind in CITATION_KINDS for p in self.problems)

    def to_json(self) -> dict[str, Any]:
        return {"checked": self.checked, "ok": self.ok,
                "problems": [p.to_json() for p in self.problems]}

    def text(self) -> str:
        if self.ok:
            return f"All {self.checked} quotes match their sources."
        n = len(self.problems)
        lines = [f"{n} of {self.checked} quotes are cited otherwise than their documents say:"
                 if self.citations_only else
                 f"{n} of {self.checked} quotes do not match their sources:"]
        for p in self.problems:
            where = ", ".join(x for x in (p.locator, f"p. {p.page}" if p.page else "") if x)
            lines.append(f"  - item #{p.item_id} in \u201c{p.section}\u201d"
                         f" (clip #{p.clip_id}{', ' + where if where else ''}): {p.message}")
            if p.excerpt:
                lines.append(f"      quote: \u201c{p.excerpt}\u201d")
            if p.suggestion:
                lines.append(f"      {p.suggestion}")
        return "\n".join(lines)


class QuotesChanged(Exception):
    """The export stopped because quotes no longer match their sources."""

    def __init__(self, report: VerificationReport) -> None:
        super().__init__(report.text())
        self.report = report


def _excerpt(text: str, n: int = 70) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[:n - 1] + "\u2026"


def _locate(catalog: Catalog, doc: Document, clip: Clip) -> str:
    """Where the passage is in ``doc`` now, as words for the user ('' when nowhere)."""
    same = catalog.page(doc.id, clip.page_index)
    if same is not None:
        spans = find_passage(same.text, clip.text)
        if spans:
            a, b = spans[0]
            return f"it is now at characters {a}\u2013{b} of PDF page {clip.page_index + 1}"
    for p in catalog.pages(doc.id):
        if p.index != clip.page_index and find_passage(p.text, clip.text):
            return f"it is now on PDF page {p.number} (printed {p.label})"
    return ""


def verify_quotes(catalog: Catalog, brief: Brief, clips: dict[int, Clip]) -> VerificationReport:
    """Check every quote of ``brief``; ``clips`` maps clip ids to clips.

    A quote whose source's stored PDF is gone from the library's ``files/`` is a problem
    (``pdf_missing``): its stored text may still match, but the quote can no longer be
    checked against the PDF itself or shown in it."""
    rep = VerificationReport()
    root = Path(catalog.path).parent
    pdf_there: dict[str, bool] = {}
    page_cache: dict[tuple[int, int], Optional[str]] = {}
    doc_cache: dict[int, Optional[Document]] = {}
    trees: dict[int, ProvisionTree] = {}
    printed: dict[int, Optional[list[PageLabel]]] = {}
    for section, item in brief.items():
        if item.kind != "quote":
            continue
        rep.checked += 1
        clip = clips.get(item.clip_id) if item.clip_id is not None else None
        if clip is None:
            rep.problems.append(QuoteProblem(item.id, item.clip_id, section.heading, "clip_missing",
                                             "the clip this quote uses no longer exists"))
            continue

        def problem(kind: str, message: str, suggestion: str = "",
                    doc_id: Optional[int] = clip.doc_id, expected: str = "") -> None:
            rep.problems.append(QuoteProblem(
                item.id, clip.id, section.heading, kind, message, doc_id, clip.page_cite,
                clip.locator, _excerpt(clip.display_text), suggestion, expected))

        doc = None
        if clip.doc_id is not None:
            if clip.doc_id not in doc_cache:
                doc_cache[clip.doc_id] = catalog.document(clip.doc_id)
            doc = doc_cache[clip.doc_id]
        if doc is None or doc.sha256 != clip.doc_sha256:
            doc = catalog.by_sha256(clip.doc_sha256)
        if doc is None:
            problem("document_missing",
                    f"its source \u201c{clip.doc_title}\u201d is no longer in the library",
                    "add the document again (the same file) or remove the quote")
            continue
        if doc.status == "superseded" or doc.superseded_by:
            newer = doc
            seen = {doc.id}
            while newer.superseded_by and newer.superseded_by not in seen:
                nxt = catalog.document(newer.superseded_by)
                if nxt is None:
                    break
                seen.add(nxt.id)
                newer = nxt
            if newer.id != doc.id:
                where = _locate(catalog, newer, clip)
                hint = (f"the new version #{newer.id} has the passage: {where}; clip it again "
                        "from the new version" if where else
                        f"the passage is not in the new version #{newer.id}; check the text")
            else:
                hint = ""
            problem("superseded", f"its source #{doc.id} \u201c{doc.title}\u201d was replaced by a "
                    "newer version", hint, doc.id)
            continue
        if doc.sha256 not in pdf_there:
            pdf_there[doc.sha256] = stored_pdf(root, doc.sha256).is_file()
        if not pdf_there[doc.sha256]:
            problem("pdf_missing",
                    f"the stored PDF of its source #{doc.id} \u201c{doc.title}\u201d "
                    f"({doc.file_name}) is missing from the library",
                    "add the original file again to put the copy back, then check again",
                    doc.id)
            continue
        key = (doc.id, clip.page_index)
        if key not in page_cache:
            p = catalog.page(doc.id, clip.page_index)
            page_cache[key] = p.text if p is not None else None
        text = page_cache[key]
        if text is None:
            problem("page_missing", f"#{doc.id} has no PDF page {clip.page_index + 1} any more",
                    doc_id=doc.id)
            continue
        if text[clip.start:clip.end] != clip.text:
            where = _locate(catalog, doc, clip)
            problem("changed", "the quoted text is not at its recorded place in the source",
                    (where + "; clip it again") if where else
                    "the passage is not in the document; check the quote", doc.id)
            continue
        if not same_words(clip.display_text, clip.text):  # markers may be left out
            problem("edited", "the quote as printed differs from the source's words "
                    "(edited by hand)", "restore the clip's text or clip the passage again",
                    doc.id)
            continue
        for kind, message, suggestion in _citation_problems(catalog, doc, clip, trees, printed):
            problem(kind, message, suggestion, doc.id,
                    trees[doc.id].locate(clip.page_index, clip.start, clip.end).text
                    if kind == "locator_typed" else "")
    return rep


def _page_cite(label: str, source: str, index: int) -> str:
    return str(index + 1) if source == "index" or not label else label


def _citation_problems(catalog: Catalog, doc: Document, clip: Clip,
                       trees: dict[int, ProvisionTree],
                       printed: Optional[dict[int, Optional[list[PageLabel]]]] = None
                       ) -> list[tuple[str, str, str]]:
    """What is wrong with the clip's page label and detected locator, as
    ``(kind, message, suggestion)``; an empty list when the citation is still right.

    The page: the brief cites the page's label now (see ``citations.Source``), so a quote
    taken when the page had another number (before a correction of the page numbering, or
    a re-index that read the printed numbers) is reported with both numbers
    (``page_label``); and the number cited is checked against the number the page itself
    prints, read from its header and footer lines the way an import reads them
    (``page_printed``) — unless a person set the page's number."""
    out: list[tuple[str, str, str]] = []
    page = catalog.page(doc.id, clip.page_index)
    if page is not None:
        now = _page_cite(page.label, page.label_source, page.index)
        if now != clip.page_cite:
            why = (" after the correction of its page numbering" if page.label_source == "user"
                   else "")
            out.append(("page_label", f"the quote was taken as p. {clip.page_cite}; PDF page "
                        f"{clip.page_index + 1} is now numbered p. {now}{why}, and the brief "
                        f"cites p. {now}",
                        f"it should be p. {now} (the brief cites it now); check it against "
                        "the page"))
        if page.label_source != "user":
            if printed is None:
                printed = {}
            if doc.id not in printed:
                printed[doc.id] = detect_printed_labels([p.text for p in catalog.pages(doc.id)])
            seen = printed[doc.id]
            if seen is not None and clip.page_index < len(seen):
                lab = seen[clip.page_index]
                if lab.source == "printed" and lab.label != now:
                    out.append(("page_printed", f"the page is cited as p. {now} but PDF page "
                                f"{clip.page_index + 1} prints p. {lab.label}",
                                f"correct the document's page numbering (Document \u25b8 Page "
                                f"Numbering\u2026) so that PDF page {clip.page_index + 1} is "
                                f"p. {lab.label}"))
    if clip.locator_user is not None:
        if clip.locator_user.strip():
            out.extend(_typed_locator_problems(catalog, doc, clip, trees))
        return out  # the user's own locator stays; it is only compared
    if not clip.locator_auto:
        return out  # no locator cites nothing wrong
    tree = trees.get(doc.id)
    if tree is None:  # built (or fetched) once per document of the brief, not per quote
        tree = trees[doc.id] = document_tree(catalog, doc)
    loc = tree.locate(clip.page_index, clip.start, clip.end)
    want = "" if loc.uncertain else loc.text
    if want == clip.locator_auto:
        return out
    if not want:
        out.append(("locator", f"the locator \u201c{clip.locator_auto}\u201d cannot be confirmed "
                    "from the document's structure" + (f" ({loc.reason})" if loc.reason else ""),
                    "check it against the page and set your own locator, or remove it"))
    else:
        out.append(("locator", f"the document's structure gives \u201c{want}\u201d, the clip "
                    f"has \u201c{clip.locator_auto}\u201d",
                    f"it should be {want}; clip it again or set the locator"))
    return out


# ------------------------------------------------------------------ a locator the user typed


def _typed_locator_problems(catalog: Catalog, doc: Document, clip: Clip,
                            trees: dict[int, ProvisionTree]) -> list[tuple[str, str, str]]:
    """The user's locator against the structure at the passage: one ``locator_typed``
    problem when they contradict, none when they agree, when the tree is unsure there, when
    the document has no numbered provisions, or when the typed text is not a citation
    Briefer can read ("Preamble", "long title")."""
    from briefer.core.export.unlocated import MIN_UNITS

    typed = clip.locator_user or ""
    tree = trees.get(doc.id)
    if tree is None:
        tree = trees[doc.id] = document_tree(catalog, doc)
    if len(tree.units()) < MIN_UNITS:
        return []  # no structure: nothing to disagree with
    try:
        loc = tree.locate(clip.page_index, clip.start, clip.end)
    except Exception:  # a passage the tree cannot place is not the user's fault
        return []
    if loc.uncertain or not loc.text or agrees(typed, loc.text):
        return []
    return [("locator_typed",
             f"your locator \u201c{typed}\u201d disagrees with the document's structure, "
             f"which puts the passage in \u201c{loc.text}\u201d",
             f"the footnote keeps your locator; check both against the page (Briefer's "
             f"reading of the numbering can be wrong too), or change it to {loc.text}")]


# Words a citation names its unit with, as people abbreviate them.
_UNIT_WORDS = {
    "s": "section", "ss": "section", "sec": "section", "secs": "section", "sect": "section",
    "section": "section", "sections": "section", "\u00a7": "section", "\u00a7\u00a7": "section",
    "art": "article", "arts": "article", "article": "article", "articles": "article",
    "r": "rule", "rr": "rule", "rule": "rule", "rules": "rule",
    "reg": "regulation", "regs": "regulation", "regulation": "regulation",
    "regulations": "regulation",
    "para": "para", "paras": "para", "paragraph": "para", "paragraphs": "para",
    "\u00b6": "para", "\u00b6\u00b6": "para", "pr": "para",
    "o": "order", "order": "order", "orders": "order",
}
_ORDINAL = {w: i + 1 for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
     "tenth"])}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10}
_SCHEDULE_AT = re.compile(r"^\s*(?:the\s+)?((?:[a-z]+\s+)?schedule(?:\s+[ivx\d]+)?)\s*,?\s*",
                          re.I)
_POINT = re.compile(r"^\s*(?:(?P<word>[a-z]+|\u00a7\u00a7?|\u00b6\u00b6?)\.?\s*)?"
                    r"(?P<top>\d{1,4}(?:-?[a-z]{1,3}(?![a-z]))?)"
                    r"(?P<subs>(?:\s*\(\s*[a-z0-9]{1,8}\s*\))*)", re.I)
_SUB = re.compile(r"\(\s*([a-z0-9]{1,8})\s*\)", re.I)
_QUALIFIER = re.compile(r"(?:(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|"
                        r"ninth|tenth)\s+)?(?P<kind>proviso|explanation|exception|"
                        r"illustration)s?\.?\s*(?:\(?(?P<num>[a-z0-9]{1,4})\)?)?", re.I)


@dataclass(frozen=True)
class _Point:
    word: str  # "section", "article" … or '' when not written
    top: str   # "9", "33K"
    subs: tuple[str, ...]


@dataclass(frozen=True)
class _Cite:
    schedule: str
    start: _Point
    end: Optional[_Point]  # the last provision of a range
    qualifier: Optional[tuple[str, str]]  # ("proviso", "1"), ("illustration", "a") …


def _number(text: str) -> str:
    """'2', 'II', 'ii' and 'second' as '2'; a letter as itself ('a')."""
    t = text.lower()
    if t.isdigit():
        return str(int(t))
    n = _ROMAN.get(t, _ORDINAL.get(t, 0))
    return str(n) if n else t


def _point(m: "re.Match[str]") -> Optional[_Point]:
    word = (m.group("word") or "").lower()
    if word and word not in _UNIT_WORDS:
        return None  # "Clause 3", "Preamble 2": not a unit Briefer numbers
    return _Point(_UNIT_WORDS.get(word, ""), m.group("top").upper().replace("-", ""),
                  tuple(s.lower() for s in _SUB.findall(m.group("subs") or "")))


def parse_citation(text: str) -> Optional[_Cite]:
    """A locator as parts that can be compared ("s. 9 (2)" and "Section 9(2)" are equal);
    None when ``text`` is not a citation of a numbered provision."""
    t = " ".join(text.replace("\u2014", "\u2013").split())
    schedule = ""
    m = _SCHEDULE_AT.match(t)
    if m and m.end() < len(t):
        schedule = " ".join(m.group(1).lower().split())
        t = t[m.end():]
    m = _POINT.match(t)
    if not m:
        return None
    start = _point(m)
    if start is None:
        return None
    rest = t[m.end():]
    end: Optional[_Point] = None
    r = re.match(r"\s*(?:\u2013|-|to\b)\s*", rest, re.I)
    if r:
        tail = rest[r.end():]
        subs = re.match(r"(?:\s*\(\s*[a-z0-9]{1,8}\s*\))+", tail, re.I)
        if subs:  # "9(2)\u2013(4)": the same unit, the last sub replaced
            new = tuple(s.lower() for s in _SUB.findall(subs.group(0)))
            keep = start.subs[:max(0, len(start.subs) - len(new))]
            end = _Point(start.word, start.top, keep + new)
            rest = tail[subs.end():]
        else:
            m2 = _POINT.match(tail)
            if m2:
                end = _point(m2)
                rest = tail[m2.end():]
    q = _QUALIFIER.search(rest)
    qualifier = None
    if q:
        kind = q.group("kind").lower()
        if kind == "proviso":  # "second proviso"; "proviso (ii)" is a clause of the first
            num = _number(q.group("ord") or "") or "1"
        else:
            num = _number(q.group("ord") or q.group("num") or "")
        qualifier = (kind, num)
    return _Cite(schedule, start, end, qualifier)


def _points_agree(a: _Point, b: _Point) -> bool:
    if a.word and b.word and a.word != b.word:
        return False
    if a.top != b.top:
        return False
    return all(x == y for x, y in zip(a.subs, b.subs))  # a broader citation is not wrong


def _within(p: _Point, first: _Point, last: _Point) -> bool:
    if p.word and first.word and p.word != first.word:
        return False
    if p.top.isdigit() and first.top.isdigit() and last.top.isdigit():
        return int(first.top) <= int(p.top) <= int(last.top)
    return False


def agrees(typed: str, structure: str) -> bool:
    """Whether the user's locator ``typed`` is consistent with ``structure`` (the tree's
    locator at the passage): the same provision however written, a broader one, or a range
    holding it. A typed text that is not a readable citation agrees (it cannot be
    checked)."""
    t, s = parse_citation(typed), parse_citation(structure)
    if t is None or s is None:
        return True
    if t.schedule and s.schedule and t.schedule != s.schedule:
        return False
    if t.qualifier and s.qualifier and (
            t.qualifier[0] != s.qualifier[0]
            or (t.qualifier[1] and s.qualifier[1] and t.qualifier[1] != s.qualifier[1])):
        return False  # another proviso, explanation, exception or illustration
    ts = [t.start] + ([t.end] if t.end else [])
    ss = [s.start] + ([s.end] if s.end else [])
    if any(_points_agree(a, b) for a in ts for b in ss):
        return True
    if t.end is not None and any(_within(b, t.start, t.end) for b in ss):
        return True
    return False
