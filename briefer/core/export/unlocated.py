"""Quotes that will be cited without a locator although their document has numbered
provisions: the export asks before writing them ("3 quotes have no locator: … Export
anyway / Go back"), and each names the reading Briefer would suggest.

A clip stores no locator when detection was uncertain (the numbering around the passage
does not settle one reading); its footnote then has a page and no pinpoint. That is a
question for the person, not a silence: this module lists those quotes, each with the
uncertain best reading (``suggestion``, '' when there is none) and why it is uncertain,
so a front end can offer "Use Section 42(7)" or "Export anyway". A document without
numbered provisions (a report, a letter) is cited by page alone and is not listed. The
list is advice, never a reason the export fails: the core writes when asked.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Optional

from briefer.core.briefs.briefs import Brief
from briefer.core.catalog.catalog import Catalog, Document
from briefer.core.clips.clips import Clip
from briefer.core.clips.structure import ProvisionTree

# A document "has structure" when at least this many numbered units were found in it: one
# stray "3." in prose is not a numbering a citation can point into.
MIN_UNITS = 2


@dataclass
class Unlocated:
    """A quote of brief item ``item_id`` that has no locator; ``suggestion``: the reading
    detection found but was not sure of ('' when none), ``reason`` why it was unsure."""

    item_id: int
    clip_id: int
    section: str
    doc_id: int
    doc_title: str
    page: str
    excerpt: str
    suggestion: str = ""
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        """One line for a person: the quote, where it is and the suggested locator."""
        out = f"\u201c{self.excerpt}\u201d ({self.doc_title}, p. {self.page})"
        if self.suggestion:
            out += f": suggested {self.suggestion}"
        return out


def _excerpt(text: str, n: int = 60) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[:n - 1] + "\u2026"


def unlocated_quotes(catalog: Catalog, brief: Brief, clips: dict[int, Clip]) -> list[Unlocated]:
    """The quotes of ``brief`` with no locator whose (current) document has numbered
    provisions, in brief order. Quotes whose clip or document is gone, or whose document
    changed, are verification's business and not listed here."""
    from briefer.core.clips.locators import document_tree

    out: list[Unlocated] = []
    docs: dict[int, Optional[Document]] = {}
    trees: dict[int, Optional[ProvisionTree]] = {}
    for section, item in brief.items():
        if item.kind != "quote" or item.clip_id is None:
            continue
        clip = clips.get(item.clip_id)
        if clip is None or clip.locator or clip.doc_id is None:
            continue
        if clip.doc_id not in docs:
            docs[clip.doc_id] = catalog.document(clip.doc_id)
        doc = docs[clip.doc_id]
        if doc is None or doc.sha256 != clip.doc_sha256:
            continue
        if doc.id not in trees:
            made = document_tree(catalog, doc)
            trees[doc.id] = made if len(made.units()) >= MIN_UNITS else None
        tree = trees[doc.id]
        if tree is None:
            continue
        suggestion = reason = ""
        try:
            loc = tree.locate(clip.page_index, clip.start, clip.end)
            suggestion, reason = (loc.text, loc.reason) if loc.uncertain else ("", "")
        except Exception:  # a passage the tree cannot place: listed without a suggestion
            pass
        out.append(Unlocated(item.id, clip.id, section.heading, doc.id, doc.title,
                             clip.page_cite, _excerpt(clip.display_text), suggestion, reason))
    return out


def summary(unlocated: list[Unlocated]) -> str:
    """"3 quotes have no locator" (for the question a front end asks)."""
    n = len(unlocated)
    return f"{n} quote{'s' if n != 1 else ''} {'have' if n != 1 else 'has'} no locator"


def sentence(unlocated: list[Unlocated]) -> str:
    """"3 quotes have no locator although their documents are numbered"."""
    one = len(unlocated) == 1
    return summary(unlocated) + (" although its document is numbered" if one else
                                 " although their documents are numbered")
