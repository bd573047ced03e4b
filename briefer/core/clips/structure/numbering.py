"""Which top-level numbers are units: runs of numbers, tables of contents, strays, a
judgment's implicit first paragraph, late lists of reports, schedule headings and the Acts of
a gazette (step 2 of the package's docstring)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Optional

from briefer.core.clips.structure.lexer import (
    Pos,
    _JUDGE_LINE,
    _Line,
    _RUNS_ON,
    _SCHEDULE,
    _Top,
    _has_body,
    _key,
    _year_like,
)


_TOC_SPAN = 160      # characters from one contents entry to the next at most


_TOC_SHARE = 0.6     # share of short entries that makes a run a table of contents


_MAX_JUMP = 40       # a top-level number this far above the last one starts a new run


_PROSE_LINE = 60     # a line this long is running text (not a heading or a short line)


_LATE_LIST_LINES = 20  # running-text lines before the first number that make it a list


_LATE_JUDGMENT_LINES = 60  # the same in a judgment (its first paragraph is unnumbered)


@dataclass
class _Run:
    tops: list[_Top]
    contents: bool = False
    doubtful: bool = False
    why: str = ""


def _split_runs(tops: list[_Top], paragraphs: bool = False) -> list[_Run]:
    """``paragraphs``: a judgment's paragraphs, numbered one after another, so a number
    that skips ahead while the next one comes a little later ("6. … 8. (1) Whoever …
    7. Prima facie …") or goes back while the paragraphs go on ("43, 35, 44") is a
    section the judgment quotes, not a paragraph."""
    runs: list[_Run] = []
    i = 0
    while i < len(tops):
        t = tops[i]
        if t.fuzzy and not (runs and _key(t.num) == (_key(runs[-1].tops[-1].num)[0] + 1, 0, "")) \
                and not (not runs and t.num == "1" and i + 1 < len(tops) and
                         tops[i + 1].num in ("2", "3") and not t.weak):
            # (a misread "1'" first of all is section 1 when "2." or "3." comes next)
            i += 1
            continue
        if paragraphs and not runs and _key(t.num)[0] > 2 and any(
                _key(n.num)[0] in (1, 2) for n in tops[i + 1:i + 6]):
            i += 1  # a number before the first paragraphs ("382" of a law report)
            continue
        if runs:
            last = runs[-1].tops[-1]
            if paragraphs:
                ahead = tops[i + 1:i + 6]
                step = _key(t.num)[0] - _key(last.num)[0]
                if (step > 1 and any(_next_para(last.num, n.num) for n in ahead)) or (
                        step <= 0 and any(_next_para(last.num, n.num) for n in ahead[:3])):
                    i += 1
                    continue
            goes_on = _continues(last.num, t.num) or _listed_after(last, t)
            if not goes_on and not paragraphs and _misread_next(last, t, tops[i + 1:i + 2]):
                t.num = str(_key(last.num)[0] + 1)  # "72. Right to live …" after 11: 12
                goes_on = True
            if goes_on:
                runs[-1].tops.append(t)
                i += 1
                continue
            # A stray that the next numbers ignore: skip it. One that goes back while the
            # next number is the one after the last ("43. … 35. … 44.") is a stray too.
            nxt = tops[i + 1:i + 3]
            if any(_continues(last.num, n.num) for n in nxt) and (not any(
                    _continues(t.num, n.num) for n in nxt[:1]) or (
                    _key(t.num) < _key(last.num) and any(
                        _key(n.num)[0] - _key(last.num)[0] <= 1 and
                        _continues(last.num, n.num) for n in nxt))):
                i += 1
                continue
        if not t.weak:
            runs.append(_Run([t]))
        i += 1
    return runs


_DIGIT_MISREADS = {("7", "1"), ("1", "7"), ("8", "3"), ("3", "8")}  # printed, read


def _misread_next(last: _Top, t: _Top, nxt: list[_Top]) -> bool:
    """Whether ``t`` is the number after ``last`` as OCR misread one digit of it ("72."
    for "12."): the number right after ``last`` differs from it in one commonly confused
    digit, and the next number continues from the number after ``last``."""
    want = str(_key(last.num)[0] + 1)
    if len(t.num) != len(want) or not t.num.isdigit() or t.num == want or not nxt:
        return False
    diff = [(a, b) for a, b in zip(want, t.num) if a != b]
    return len(diff) == 1 and diff[0] in _DIGIT_MISREADS and \
        _key(nxt[0].num)[0] == int(want) + 1


def _next_para(prev: str, new: str) -> bool:
    """``new`` is the paragraph right after ``prev`` (or one after a skipped one)."""
    return 1 <= _key(new)[0] - _key(prev)[0] <= 2 and _continues(prev, new)


def _drop_years(tops: list[_Top]) -> list[_Top]:
    """A year that a wrapped line puts at the start ("took effect on 28 January\n2026. Of
    the …") is not a paragraph or section number: a year-like number counts only in
    sequence, right after or right before a number it continues (a code's article 2026)."""
    out = []
    for k, t in enumerate(tops):
        if _year_like(t.num):
            prev = tops[k - 1].num if k else ""
            nxt = tops[k + 1].num if k + 1 < len(tops) else ""
            if not ((prev and _continues(prev, t.num) and _key(t.num)[0] - _key(prev)[0] <= 2)
                    or (nxt and _continues(t.num, nxt) and _key(nxt)[0] - _key(t.num)[0] <= 2)):
                continue
        out.append(t)
    return out


def _listed_after(last: _Top, t: _Top) -> bool:
    """Two entries of one list of headings ('19A. Right to information.' then '280. …'):
    a bigger number right after, neither with a body."""
    return (_key(t.num) > _key(last.num) and not _has_body(last) and not _has_body(t)
            and t.line.page == last.line.page
            and 0 < t.line.body_start - last.line.body_start <= _TOC_SPAN)


def _continues(prev: str, new: str) -> bool:
    a, b = _key(prev), _key(new)
    return a < b and b[0] <= a[0] + _MAX_JUMP


def _looks_like_contents(run: _Run, later: list[_Run], all_tops: list[_Top],
                         contents_pages: set[int]) -> bool:
    """A run of short entries whose numbers come again later (or under a CONTENTS heading)."""
    if len(run.tops) < 3:
        return False
    index = {id(t): k for k, t in enumerate(all_tops)}
    short = 0
    for t in run.tops:
        k = index[id(t)]
        nxt = all_tops[k + 1] if k + 1 < len(all_tops) else None
        if nxt is None or _has_body(t):
            continue
        span = (nxt.line.body_start - t.line.body_start) if nxt.line.page == t.line.page \
            else None
        if span is not None and span <= _TOC_SPAN:
            short += 1
        elif span is None and len(t.heading) < 120:
            short += 1
    share = short / len(run.tops)
    first = run.tops[0].line
    headed = any(p in contents_pages for p in (first.page, first.page - 1))
    again = {t.num for r in later for t in r.tops}
    repeated = sum(t.num in again for t in run.tops) / len(run.tops)
    if share >= _TOC_SHARE and repeated >= 0.5:
        return True
    return headed and share >= 0.4 and repeated >= 0.3


def _heading_not_para(t: _Top, next_body: str) -> bool:
    """A numbered heading of a report ("1. Introduction"), not a numbered paragraph."""
    h = t.heading
    return (0 < len(h) <= 60 and len(h.split()) <= 8 and not h.endswith((".", ",", ";", ":", "-"))
            and (not next_body or not next_body[:1].islower()))


def _implicit_first_paragraph(lines: list[_Line], top_at: dict[int, _Top],
                               keep: dict[int, _Run], runs: list[_Run],
                               contents: list[tuple[Pos, Pos]]) -> None:
    """Judgments leave paragraph 1 unnumbered ("MEMON, J: - Through this petition …") and
    number from 2: paragraph 1 starts at the judge's line or after the ORDER heading."""
    body = next((r for r in runs if not r.contents), None)
    if body is None or body.tops[0].num != "2":
        return
    first_k = next(k for k, t in top_at.items() if t is body.tops[0])
    for k in range(first_k - 1, max(-1, first_k - 60), -1):
        ln = lines[k]
        if any(a <= (ln.page, ln.body_start) < z for a, z in contents):
            return
        m = _JUDGE_LINE.match(ln.body.strip())
        if m:
            at = k if not ln.body.strip().isupper() and len(ln.body) > m.end() + 3 else k + 1
            if at >= first_k:
                return
            t = _Top(lines[at], "1", None, lines[at].body)
            top_at[at] = t
            body.tops.insert(0, t)
            keep[id(t)] = body
            return


# the heading of a filing's own part, numbered from 1 ("DECLARATION OF JUDAH LAKIN",
# "AFFIDAVIT OF SERVICE", "SUPPLEMENTAL DECLARATION"), upper case on a line of its own
_OWN_PART = re.compile(r"(?:(?:SUPPLEMENTAL|SECOND|FURTHER|JOINT)\s+)?(?:DECLARATION|AFFIDAVIT|"
                       r"VERIFICATION)(?:\s+OF\s+[A-Z][A-Z .,'-]{1,60}|"
                       r"\s+IN\s+SUPPORT\b[A-Z .,'-]*)?")
_OWN_PART_LINES = 4  # lines at most from such a heading to its paragraph 1


def _own_part(lines: list[_Line], first: _Top) -> bool:
    """Whether the numbering that ``first`` (a "1.") starts is a declaration's or an
    affidavit's own: its heading stands a few lines above ("DECLARATION OF …\nI, …, declare
    as follows:\n1. I am …")."""
    if first.num != "1":
        return False
    k = bisect_left(lines, (first.line.page, first.line.start),
                    key=lambda ln: (ln.page, ln.start))  # the lines are in page order
    for j in range(k - 1, max(-1, k - 1 - _OWN_PART_LINES), -1):
        body = lines[j].body.strip(" :.")
        if body.isupper() and _OWN_PART.fullmatch(body):
            return True
    return False


def _late_list(lines: list[_Line], runs: list[_Run], contents: list[tuple[Pos, Pos]],
               limit: int = _LATE_LIST_LINES) -> None:
    """A statement or report whose numbering starts only after many unnumbered paragraphs
    ("Our demands: 1. Withdraw the Rules …" on its last page) has a numbered list there, not
    numbered paragraphs: its numbers are doubtful, so a locator in or after it is uncertain
    (offered as a suggestion, not stored). Numbered paragraphs start near the top, after a
    title, a summary or a skipped table of contents, or after the heading of a filing's own
    part that numbers its paragraphs from 1 (a motion's declaration)."""
    body = next((r for r in runs if not r.contents), None)
    if body is None:
        return
    first = (body.tops[0].line.page, body.tops[0].line.body_start)
    prose = sum(1 for ln in lines
                if (ln.page, ln.body_start) < first and len(ln.body) >= _PROSE_LINE
                and not any(a <= (ln.page, ln.body_start) < z for a, z in contents))
    if prose > limit and not _own_part(lines, body.tops[0]):
        body.doubtful = True
        body.why = "the numbering begins after unnumbered paragraphs (it may number a list)"


def _between(points: list[Pos], a: "_Line", b: "_Line") -> Optional[int]:
    """The index of the last of ``points`` after line ``a`` and before line ``b``, if any."""
    lo, hi = (a.page, a.body_start), (b.page, b.body_start)
    inside = [i for i, p in enumerate(points) if lo < p < hi]
    return inside[-1] if inside else None


def _schedule_headings(lines: list[_Line], top_at: dict[int, _Top], keep: dict[int, _Run],
                       doc_type: str) -> set[int]:
    """The lines that open a schedule. A schedule is entered only at its heading, a line
    of its own ("THE THIRD SCHEDULE", "SCHEDULE II", "First Schedule [See Article 42]"),
    never at a mention that running text wraps onto a line ("… Omitted by A.O. 1949,\n
    Schedule." or "… set out in the\nThird Schedule."): the line before a heading does not
    run on into it, and the numbers after it are the schedule's own, not the next
    article of the body ("199" after "198" continues the body, so the line before it was
    a mention). Judgments, reports and statements have no schedules of their own: one
    named there is quoted."""
    if doc_type in ("judgment", "report", "statement"):
        return set()
    out: set[int] = set()
    kept = sorted((k, t) for k, t in top_at.items() if id(t) in keep)
    for k, ln in enumerate(lines):
        low = ln.body[:40].lower()
        if "schedule" not in low and "form" not in low:
            continue  # spare the pattern on lines that cannot be a heading
        body = ln.body.strip()
        if not _SCHEDULE.fullmatch(body.strip(" .:_")):
            continue
        if not body.isupper() and len(body) >= 60:
            continue
        if not body.isupper() and body.endswith((".", ",", ";")):
            continue  # "Schedule." ends a sentence
        if k and not body.isupper() and _RUNS_ON.search(lines[k - 1].body.rstrip()):
            continue
        before = [t for j, t in kept if j < k]
        after = [t for j, t in kept if j > k]
        if before and after and keep[id(after[0])] is keep[id(before[-1])]:
            continue  # the body's numbering runs on through it
        out.add(k)
    return out
