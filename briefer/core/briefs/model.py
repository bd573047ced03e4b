"""The brief as plain data: a title block and ordered sections of commentary and quotes.

These classes only hold what the catalog holds and answer questions about it (which
section is "#2", which item has an id); they never read or write the catalog, so a front
end can keep and show them freely. :mod:`briefer.core.briefs.store` builds them,
:mod:`briefer.core.briefs.commands` changes the rows behind them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from briefer.core.clips.clips import Clip
from briefer.core.errors import BrieferError

CITATION_STYLES = ("footnotes", "inline")
BRIEF_FIELDS = ("title", "subtitle", "author", "organisation", "date")


class BriefError(BrieferError):
    """A brief, section or item does not exist, or an edit is not possible.

    ``reason`` is ``"brief_not_found"``, ``"section_not_found"``, ``"item_not_found"``,
    ``"ambiguous"`` (a reference matches several briefs) or ``"invalid_edit"``.
    """

    reason = "invalid_edit"


@dataclass
class Item:
    id: int
    kind: str  # 'text' (commentary) or 'quote'
    body: str = ""  # commentary markup
    clip_id: Optional[int] = None
    lead_in: str = ""
    comment: str = ""

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "kind": self.kind}
        if self.kind == "text":
            d["text"] = self.body
        else:
            d.update(clip_id=self.clip_id, lead_in=self.lead_in, comment=self.comment)
        return d


@dataclass
class Section:
    id: int
    heading: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Brief:
    id: int
    uid: str
    title: str
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    date: str = ""
    citation: dict[str, Any] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    created_at: str = ""
    updated_at: str = ""

    @property
    def citation_style(self) -> str:
        return str(self.citation.get("style", "footnotes"))

    def items(self) -> Iterator[tuple[Section, Item]]:
        for s in self.sections:
            for it in s.items:
                yield s, it

    def quotes(self) -> list[Item]:
        return [it for _s, it in self.items() if it.kind == "quote"]

    def section(self, ref: int | str) -> Section:
        """A section by id, by position ('#2' counts from 1) or by heading (case-insensitive)."""
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            for s in self.sections:
                if s.id == int(ref):
                    return s
        if isinstance(ref, str):
            if ref.startswith("#") and ref[1:].isdigit():
                k = int(ref[1:]) - 1
                if 0 <= k < len(self.sections):
                    return self.sections[k]
            low = ref.strip().lower()
            hits = [s for s in self.sections if s.heading.lower() == low]
            if len(hits) == 1:
                return hits[0]
        names = "; ".join(f"{s.id} {s.heading!r}" for s in self.sections) or "none yet"
        raise BriefError(f"brief #{self.id} has no section {ref!r} (sections: {names})",
                         reason="section_not_found",
                         details={"sections": [(s.id, s.heading) for s in self.sections]})

    def item(self, item_id: int) -> tuple[Section, Item]:
        for s, it in self.items():
            if it.id == item_id:
                return s, it
        raise BriefError(f"brief #{self.id} has no item #{item_id}", reason="item_not_found")

    def to_json(self, clips: Optional[dict[int, Clip]] = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "uid": self.uid, "title": self.title, "subtitle": self.subtitle,
            "author": self.author, "organisation": self.organisation, "date": self.date,
            "citation": dict(self.citation), "created_at": self.created_at,
            "updated_at": self.updated_at}
        sections: list[dict[str, Any]] = []
        out["sections"] = sections
        for s in self.sections:
            items = []
            for it in s.items:
                d = it.to_json()
                if clips is not None and it.clip_id in clips:
                    d["clip"] = clips[it.clip_id].to_json()
                items.append(d)
            sections.append({"id": s.id, "heading": s.heading, "items": items})
        return out
