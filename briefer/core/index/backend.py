"""The seam between Briefer and a search engine: what a writer and a query runner offer.

Callers (the import pipeline, the search and OCR code) talk to the page index only
through :class:`SearchBackend` and :class:`PageWriter`, over the engine-independent query
tree of ``briefer/core/text/query.py``. Today's backend is the local Whoosh index
(``index.SearchIndex``); a server engine for teams that share a library would implement
the same two protocols, translating the tree into its own query language, without any
caller changing. Everything crossing the seam is plain data: catalog documents and pages
in, document ids, page indexes and scores out — never an engine's own objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Collection, Iterable, Mapping, Optional, Protocol, TypeVar

from briefer.core.catalog.catalog import Document, Page
from briefer.core.index.vocabulary import Vocabulary
from briefer.core.progress import CancelToken
from briefer.core.text.query import Node, Query

T = TypeVar("T")
SORTS = ("relevance", "date", "document")


@dataclass(frozen=True)
class SearchRequest:
    """One search: ``root`` (None: every page), restricted to ``allowed_docs`` (None: all),
    ``sort`` one of :data:`SORTS`, hits ``offset`` to ``offset + limit``; ``need_all``
    asks for an exact count and the matching pages per document (facets).
    ``documents``: the catalog's live documents (for ``doc:`` titles, dates and sorting)."""

    root: Optional[Node]
    documents: Mapping[int, Document]
    allowed_docs: Optional[frozenset[int]] = None
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    need_all: bool = False


@dataclass
class PageHit:
    doc_id: int
    page_index: int
    label: str
    score: float


@dataclass
class SearchOutcome:
    """The hits asked for, best first (or in the asked order); ``total`` matching pages
    (``exact``, or an estimate); what to highlight (index terms and phrases of them);
    notes on how the query was read; pages per document when every hit was needed."""

    hits: list[PageHit]
    total: int
    exact: bool
    stems: set[str] = field(default_factory=set)
    phrases: set[tuple[str, ...]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    pages_per_doc: Optional[dict[int, int]] = None


@dataclass
class Suggestion:
    """"Did you mean": the corrected query and the words replaced."""

    query: str
    replacements: list[tuple[str, str]]


class PageWriter(Protocol):
    """Adds and removes documents; nothing is visible until :meth:`commit`."""

    pending_docs: list[int]

    def add_document(self, doc: Document, pages: Iterable[Page], replace: bool = True,
                     page_terms: Optional[list[list[str]]] = None,
                     count_words: "bool | Collection[int]" = True) -> int: ...

    def delete_document(self, doc_id: int) -> None: ...

    def forget_words(self, pages: Iterable[Page]) -> None: ...

    def commit(self, merge: bool = True) -> list[int]: ...

    def cancel(self) -> None: ...


class SearchBackend(Protocol):
    """A library's page index: safe to search from several threads while one writes."""

    def writer(self) -> PageWriter: ...

    def search(self, request: SearchRequest,
               cancel: Optional[CancelToken] = None) -> SearchOutcome: ...

    def suggest(self, query: Query) -> Optional[Suggestion]: ...

    def vocabulary(self) -> Vocabulary: ...

    def memo(self, key: Any, make: Callable[[], T]) -> T: ...

    def doc_ids(self) -> set[int]: ...

    def page_count(self) -> int: ...

    def close(self) -> None: ...
