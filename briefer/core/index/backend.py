"""The seam between Briefer and a search engine: what an engine offers, and nothing else.

Callers (the import pipeline, the search and OCR code) talk to a library's page index
only through :class:`SearchBackend` and :class:`PageWriter`, over the engine-independent
query tree of ``briefer/core/text/query.py``. Everything crossing the seam is plain data:
catalog documents and pages in; document ids, page indexes, scores and words out — never
an engine's own objects, caches or files.

What an engine offers:

* **writing** (:class:`PageWriter`): write a document's pages (replacing what it had),
  delete a document's pages, commit (nothing is visible before), or cancel;
* **searching**: a query tree with the allowed documents, a sort and a page of hits
  (:class:`SearchRequest` in, :class:`SearchOutcome` out); "did you mean" for a query;
* **words**: the words people type, with on how many pages each is (:class:`WordList`:
  prefixes, word forms of a stem, words a few edits away), for expansion, completion and
  highlighting;
* **bookkeeping**: which documents it holds, how many pages, a number that changes at
  every commit (:meth:`SearchBackend.generation`: what callers key their own caches on,
  see ``memo.py``), and what the user should know about it (:class:`EngineNotice`, e.g.
  searches running on a slower path).

Implementations: ``index.SearchIndex`` (the local Whoosh files, with its own snapshot,
posting and vocabulary caches inside it) and ``memory.MemoryIndex`` (plain Python, used by
the tests to hold the Whoosh engine to the same pages). A server engine for teams that
share a library would implement the same two protocols, translating the tree into its
own query language (``reading.TreeReader`` does the engine-independent part), without any
caller changing. ``sync.py`` puts the catalog's documents into any of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Collection, Iterable, Mapping, Optional, Protocol

from briefer.core.catalog.catalog import Document, Page
from briefer.core.progress import CancelToken
from briefer.core.text.query import Node, Query

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


@dataclass(frozen=True)
class EngineNotice:
    """Something the user should know about the search engine: ``text`` for the status
    bar and ``briefer info`` (what happened and what it costs), ``reason`` a code."""

    text: str
    reason: str


class WordList(Protocol):
    """The words of the indexed pages as people type them (folded, not stemmed) and on how
    many pages each is. A view never changes once handed out (a commit makes a new one),
    so callers may remember what they derive from it for as long as they hold it."""

    @property
    def words(self) -> Mapping[str, int]: ...

    def sorted_words(self) -> list[str]: ...

    def with_prefix(self, prefix: str) -> list[str]: ...

    def words_of_stem(self, stem: str) -> list[str]: ...

    def near(self, word: str, max_distance: int) -> list[str]: ...


class PageWriter(Protocol):
    """Writes and deletes documents' pages; nothing is visible until :meth:`commit`.

    ``page_terms``: each page's analysed terms when the caller has them (computed in an
    extraction worker with ``text.analysis``), so the engine need not analyse again.
    ``new_text``: which pages bring text the engine has not counted yet for this document
    (True: all; False: none — only the metadata changed; page indexes: those pages, after
    OCR); their words join the :class:`WordList`. ``gone_pages`` on delete: the pages as
    they were written, when their words should leave the word list too.
    """

    def add_document(self, doc: Document, pages: Iterable[Page], replace: bool = True,
                     page_terms: Optional[list[list[str]]] = None,
                     new_text: "bool | Collection[int]" = True) -> int: ...

    def delete_document(self, doc_id: int, gone_pages: Iterable[Page] = ()) -> None: ...

    def commit(self, merge: bool = True) -> list[int]:
        """Make the changes visible; the ids of the documents written or deleted since
        the last commit (their entries now say what the catalog says)."""
        ...

    def cancel(self) -> None: ...


class SearchBackend(Protocol):
    """A library's page index: safe to search from several threads while one writes."""

    def writer(self) -> PageWriter: ...

    def search(self, request: SearchRequest,
               cancel: Optional[CancelToken] = None) -> SearchOutcome: ...

    def suggest(self, query: Query) -> Optional[Suggestion]: ...

    def vocabulary(self) -> WordList: ...

    def generation(self) -> int:
        """A number that grows whenever a commit changed what a search finds."""
        ...

    def doc_ids(self) -> set[int]: ...

    def page_count(self) -> int: ...

    def notice(self) -> Optional[EngineNotice]: ...

    def close(self) -> None: ...
