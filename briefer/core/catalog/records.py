"""What the catalog records, as plain data: a document and its metadata, a page and its
text, the document types and statuses, and how tags are written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Optional

DOC_TYPES = ("rule", "law", "statement", "judgment", "report", "other")

# Statuses of a document. 'ok' and 'needs_ocr' are searchable (what text there is);
# 'needs_password' waits for its password; 'superseded' is an older version.
SEARCHABLE_STATUSES = ("ok", "needs_ocr", "no_text")

EDITABLE_FIELDS = ("title", "doc_type", "issuer", "date", "language", "source_url")


def now_iso() -> str:
    """The current UTC time as an ISO-8601 string (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class Document:
    """One document of the library, as the catalog records it."""

    id: int
    sha256: str
    file_name: str
    source_path: Optional[str]
    size: int
    page_count: int
    status: str
    reason: str
    title: str
    doc_type: str
    issuer: str
    date: str
    language: str
    source_url: str
    info: dict[str, Any]
    engine: str
    encrypted: bool
    version: int
    supersedes: Optional[int]
    superseded_by: Optional[int]
    edited_fields: list[str]
    indexed: bool
    added_at: str
    updated_at: str
    tags: list[str] = field(default_factory=list)
    ocr_pages: int = 0
    # The library's stored copy of the PDF is not in files/ (deleted outside Briefer):
    # the text is still searchable, but the PDF cannot be shown and quotes from it cannot
    # be checked against it. Set by the operations layer (a stat), not stored.
    stored_missing: bool = False

    @property
    def stored_name(self) -> str:
        """File name of the library's copy, inside ``files/``."""
        return f"{self.sha256[:2]}/{self.sha256}.pdf"

    @property
    def searchable(self) -> bool:
        return self.status in SEARCHABLE_STATUSES

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``--json`` output and the UI."""
        return {
            "id": self.id, "title": self.title, "file_name": self.file_name,
            "source_path": self.source_path, "sha256": self.sha256, "size": self.size,
            "pages": self.page_count, "status": self.status, "reason": self.reason,
            "type": self.doc_type, "issuer": self.issuer, "date": self.date,
            "language": self.language, "tags": list(self.tags), "source_url": self.source_url,
            "engine": self.engine, "encrypted": self.encrypted, "version": self.version,
            "supersedes": self.supersedes, "superseded_by": self.superseded_by,
            "pages_needing_ocr": self.ocr_pages, "added_at": self.added_at,
            "updated_at": self.updated_at, "stored_missing": self.stored_missing,
        }


@dataclass
class Page:
    """One page's stored text; offsets anywhere in Briefer point into ``text``."""

    doc_id: int
    index: int
    label: str
    label_source: str
    text: str
    needs_ocr: bool
    text_source: str
    ocr_confidence: Optional[float]
    pdf_label: str = ""  # the PDF's own label where ``label`` (printed) differs from it

    @property
    def number(self) -> int:
        """The PDF page number counted from 1."""
        return self.index + 1


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Tags are trimmed, lower-cased, commas split, duplicates dropped; order kept."""
    out: list[str] = []
    for t in tags:
        for part in str(t).split(","):
            part = " ".join(part.split()).lower()
            if part and part not in out:
                out.append(part[:100])
    return out


@dataclass(frozen=True)
class PageNumbering:
    """A person's correction of printed page numbers: PDF pages ``first_index`` to
    ``last_index`` (from 0) are printed ``first_number``, ``first_number + 1`` … in
    ``style`` 'arabic' (11, 12 …) or 'roman' (xi, xii …)."""

    first_index: int
    last_index: int
    first_number: int
    style: str = "arabic"

    def label(self, index: int) -> str:
        """The number printed on PDF page ``index`` (inside the range)."""
        from briefer.core.files.pagelabels import int_to_roman

        value = self.first_number + index - self.first_index
        return int_to_roman(value) if self.style == "roman" else str(value)

    def to_json(self) -> dict[str, Any]:
        return {"first_page": self.first_index + 1, "last_page": self.last_index + 1,
                "first_number": self.first_number, "style": self.style,
                "printed": f"{self.label(self.first_index)}\u2013{self.label(self.last_index)}"}
