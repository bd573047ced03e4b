"""What a search returns: plain dataclasses, no engine objects.

Every hit names its document, page index, printed page label and score, and carries the
character spans of the matched words in the page text the catalog stores — the offsets
the reader turns into highlight boxes — and a snippet around the best cluster of them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from briefer.core.index.backend import Suggestion
from briefer.core.ocr.constants import OCR_NOTE
from briefer.core.search.facets import FacetValue
from briefer.core.search.highlight import Snippet


@dataclass
class Hit:
    """One matching page."""

    doc_id: int
    page_index: int  # PDF page, counted from 0
    page_label: str  # the printed page number
    score: float
    spans: list[tuple[int, int]]  # matches as offsets into the page's stored text
    snippet: Optional[Snippet]
    ocr: bool = False  # the page's text came from OCR: "text from OCR — check against the scan"
    provision: str = ""  # the page is where this cited provision begins ("Section 20(1)")

    @property
    def page_number(self) -> int:
        return self.page_index + 1

    @property
    def note(self) -> str:
        """What a user must know about this hit's text ('' when nothing)."""
        return OCR_NOTE if self.ocr else ""

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "page_index": self.page_index,
                "page_number": self.page_number, "page_label": self.page_label,
                "score": round(self.score, 4), "spans": [list(s) for s in self.spans],
                "snippet": asdict(self.snippet) if self.snippet else None,
                "snippet_marked": self.snippet.marked() if self.snippet else "",
                "ocr": self.ocr, "note": self.note, "provision": self.provision}


@dataclass
class DocumentHits:
    """The hits of one document, in the result's order."""

    doc_id: int
    title: str
    doc_type: str
    date: str
    issuer: str
    score: float
    hits: list[Hit]

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "title": self.title, "type": self.doc_type,
                "date": self.date, "issuer": self.issuer, "score": round(self.score, 4),
                "hits": [h.to_json() for h in self.hits]}


@dataclass
class SearchResult:
    query: str
    reading: str  # the query as understood (query syntax)
    notes: list[str]
    documents: list[DocumentHits]
    total: int  # matching pages
    total_exact: bool
    sort: str
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: Optional[Suggestion] = None
    seconds: float = 0.0
    # sample documents that match but were left out (the user has documents of their own;
    # ``Filters.samples`` shows them)
    samples_hidden: int = 0

    @property
    def hits(self) -> list[Hit]:
        return [h for d in self.documents for h in d.hits]

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "reading": self.reading, "notes": self.notes,
                "total": self.total, "total_exact": self.total_exact, "sort": self.sort,
                "documents": [d.to_json() for d in self.documents],
                "facets": {k: [asdict(v) for v in vs] for k, vs in self.facets.items()},
                "suggestion": asdict(self.suggestion) if self.suggestion else None,
                "seconds": round(self.seconds, 4), "samples_hidden": self.samples_hidden}
